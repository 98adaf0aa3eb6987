"""The LLM answerer: any OpenAI-compatible chat-completions endpoint writes the SQL."""
