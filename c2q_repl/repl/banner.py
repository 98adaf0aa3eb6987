"""What c2q says before the first prompt: above all, whether this is real data.

Its own module so that the early paint (:mod:`c2q_repl.repl.app`) and the
prompt loop (:mod:`c2q_repl.repl.session`) share it without importing each other.
"""

from __future__ import annotations

from c2q_repl import __version__


def banner_lines(label: str, kind: str, color: bool, width: int | None = None) -> list[str]:
    """The banner, each sentence wrapped at word boundaries to ``width`` columns
    (the terminal's when not given)."""
    if width is None:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
    lines = _wrapped(f"c2q {__version__} — chat with your database in plain language", width)
    if kind == "sandbox":
        where = f"Using the local sandbox ({label}): sample data, not your database."
        lines += [f"\x1b[1;33m{line}\x1b[0m" if color else line for line in _wrapped(where, width)]
    else:
        lines += _wrapped(f"Questions go to {label}.", width)
    lines += _wrapped("Type a question, /help for commands, Ctrl-D to quit.", width)
    return lines


def _wrapped(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, max(width - 1, 20), break_on_hyphens=False) or [""]
