"""``c2q`` (the default ``chat`` command): the interactive REPL.

Start-up is tuned for time-to-prompt: only prompt_toolkit and our own small
modules are imported before the prompt is drawn. The connection (and the
embedded sandbox, when there are no credentials), the session, the theme and
the data summary are loaded in background threads once the prompt is on
screen; the first question waits for them if it has to.
"""

from __future__ import annotations

import argparse
import os
import sys

from c2q_repl import __version__

EXIT_OK = 0
EXIT_USAGE = 2
PROMPT = "c2q> "


def banner_lines(label: str, kind: str, color: bool) -> list[str]:
    """What c2q says before the first prompt: above all, whether this is real data."""
    lines = [f"c2q {__version__} — chat with your database in plain language"]
    if kind == "sandbox":
        where = f"Using the local sandbox ({label}): sample data, not your database."
        lines.append(f"\x1b[1;33m{where}\x1b[0m" if color else where)
    else:
        lines.append(f"Questions go to {label}.")
    lines.append("Type a question, /help for commands, Ctrl-D to quit.")
    return lines


def colour_enabled(environ) -> bool:
    return not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


class KeyHold:
    """Between the early prompt and prompt_toolkit's first render, keys must
    reach prompt_toolkit as it would read them: the terminal is switched out of
    line mode (no echo, no line editing, Ctrl-C/Ctrl-D not turned into signals
    or end-of-file) and restored just before prompt_toolkit takes over, with
    the bytes typed meanwhile still queued for it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved = None

    def hold(self) -> None:
        try:
            import termios

            self.saved = termios.tcgetattr(self.fd)
            held = termios.tcgetattr(self.fd)
            held[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
            termios.tcsetattr(self.fd, termios.TCSANOW, held)
        except (ImportError, OSError, ValueError):
            self.saved = None

    def release(self) -> None:
        """Idempotent; TCSANOW keeps the queued input."""
        if self.saved is None:
            return
        import termios

        try:
            termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)
        except (OSError, ValueError):
            pass
        self.saved = None


def paint_early(label: str, kind: str, environ, stream=None) -> bool:
    """Banner and prompt on screen before prompt_toolkit is even imported.

    Importing prompt_toolkit takes longer than the whole start-up budget on a
    small machine, so the first prompt is drawn by hand and the cursor put back
    at its start: prompt_toolkit's first render then draws the same prompt over
    it. Keys typed in between wait in the terminal's input queue; nothing is lost.
    """
    if environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    color = colour_enabled(environ)
    prompt = f"\x1b[1m{PROMPT}\x1b[0m" if color else PROMPT
    stream.write("\n".join(banner_lines(label, kind, color)) + "\n" + prompt + "\r")
    stream.flush()
    return True


def _batch(args: argparse.Namespace) -> int:
    """Piped input never starts the UI: answer each line like ``c2q ask``."""
    from c2q_repl import batch

    for name, default in (("questions", []), ("format", "table"), ("show_sql", True)):
        if not hasattr(args, name):
            setattr(args, name, default)
    return batch.main(args)


def main(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _batch(args)
    from c2q_repl.api.errors import ConfigError
    from c2q_repl.config import load_settings

    try:
        settings = load_settings(args)
    except ConfigError as exc:
        print(f"c2q: {exc.describe()}", file=sys.stderr)
        return EXIT_USAGE
    from c2q_repl.chat.connect import endpoint_kind, endpoint_label

    kind = endpoint_kind(settings)
    keys = KeyHold(sys.stdin.fileno())
    painted = paint_early(endpoint_label(settings, kind), kind, os.environ)
    if painted:
        keys.hold()
    try:
        from c2q_repl.repl.session import run_repl

        return run_repl(
            args, settings, os.environ, banner_shown=painted, before_prompt=keys.release
        )
    finally:
        keys.release()
