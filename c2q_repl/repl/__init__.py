"""The interactive chat REPL (prompt_toolkit UI); ``app.main`` is the ``c2q`` default command."""
