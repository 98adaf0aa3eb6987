"""The sandbox's NL→SQL answerers.

``create_answerer("builtin")`` is the offline, deterministic engine that
answers only what it fully understands; ``create_answerer("llm", ...)``
talks to any OpenAI-compatible chat-completions endpoint.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Answerer


def create_answerer(
    kind: str = "builtin",
    *,
    llm_url: str | None = None,
    llm_model: str | None = None,
    llm_key_env: str = "OPENAI_API_KEY",
) -> Answerer:
    """The answerer named by ``kind`` ("builtin" or "llm")."""
    if kind == "builtin":
        from .builtin import BuiltinAnswerer

        return BuiltinAnswerer()
    if kind == "llm":
        if not llm_url:
            raise ValueError("the llm engine needs an endpoint URL (--llm-url)")
        from .llm.answerer import LLMAnswerer

        return LLMAnswerer(llm_url, llm_model or "gpt-4o-mini", key_env=llm_key_env)
    raise ValueError(f"unknown engine {kind!r} (expected 'builtin' or 'llm')")
