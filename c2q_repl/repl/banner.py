"""What c2q says before the first prompt: above all, whether this is real data.

Its own module so that the early paint (:mod:`c2q_repl.repl.app`) and the
prompt loop (:mod:`c2q_repl.repl.session`) share it without importing each other.
"""

from __future__ import annotations

from c2q_repl import __version__


def banner_lines(label: str, kind: str, color: bool) -> list[str]:
    lines = [f"c2q {__version__} — chat with your database in plain language"]
    if kind == "sandbox":
        where = f"Using the local sandbox ({label}): sample data, not your database."
        lines.append(f"\x1b[1;33m{where}\x1b[0m" if color else where)
    else:
        lines.append(f"Questions go to {label}.")
    lines.append("Type a question, /help for commands, Ctrl-D to quit.")
    return lines
