"""Pure rendering: answers, tables, SQL, charts and errors become lines of text.

Nothing here does I/O except reading theme files. Import the submodule you
need (``c2q_repl.render.answer``, ``.table``, ``.formats``, ...); this package
imports nothing, so importing it costs nothing at start-up.
"""
