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
from typing import Any

from c2q_repl.exitcodes import EXIT_USAGE
from c2q_repl.render.prompt import PROMPT
from c2q_repl.render.terminal import colour_allowed
from c2q_repl.repl.banner import banner_lines


class KeyHold:
    """Between the early prompt and prompt_toolkit's first render, keys must
    reach prompt_toolkit as it would read them: the terminal is switched out of
    line mode (no echo, no line editing, Ctrl-C/Ctrl-D not turned into signals
    or end-of-file) and restored just before prompt_toolkit takes over, with
    the bytes typed meanwhile still queued for it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved: list[Any] | None = None

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
    color = colour_allowed(environ)
    prompt = f"\x1b[1m{PROMPT}\x1b[0m" if color else PROMPT
    stream.write("\n".join(banner_lines(label, kind, color)) + "\n" + prompt + "\r")
    stream.flush()
    return True


def main(args: argparse.Namespace) -> int:
    """The UI on a terminal (``cli`` sends piped input to ``c2q ask`` instead)."""
    from c2q_repl.api.errors import ConfigError
    from c2q_repl.config import ConnectionFlags, load_settings
    from c2q_repl.repl.options import ChatOptions

    options = ChatOptions.from_args(args)
    try:
        settings = load_settings(ConnectionFlags.from_args(args))
    except ConfigError as exc:
        print(f"c2q: {exc.describe()}", file=sys.stderr)
        return EXIT_USAGE
    resumption = None
    if options.resume is not None:
        from c2q_repl.repl.resume import load_resumption
        from c2q_repl.transcript.reader import TranscriptError

        try:
            resumption = load_resumption(options.resume, os.environ)
        except TranscriptError as exc:
            print(f"c2q: cannot resume: {exc}", file=sys.stderr)
            return EXIT_USAGE
    from c2q_repl.chat.connect import endpoint_kind, endpoint_label

    kind = endpoint_kind(settings)
    keys = KeyHold(sys.stdin.fileno())
    # a resumed session prints its last answer first: no early prompt to take over
    painted = resumption is None and paint_early(endpoint_label(settings, kind), kind, os.environ)
    if painted:
        keys.hold()
    try:
        from c2q_repl.repl.session import run_repl

        return run_repl(
            options,
            settings,
            os.environ,
            banner_shown=painted,
            before_prompt=keys.release,
            resumption=resumption,
        )
    finally:
        keys.release()
