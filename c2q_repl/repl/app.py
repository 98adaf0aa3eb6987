"""``c2q`` (the default ``chat`` command): the interactive REPL.

Start-up is tuned for time-to-prompt: only prompt_toolkit and our own small
modules are imported before the prompt is drawn. The connection (and the
embedded sandbox, when there are no credentials), the session, the theme and
the data summary are loaded in background threads once the prompt is on
screen; the first question waits for them if it has to.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from contextlib import nullcontext
from typing import Any

from c2q_repl.exitcodes import EXIT_USAGE
from c2q_repl.render.prompt import PROMPT
from c2q_repl.render.terminal import colour_allowed
from c2q_repl.repl.banner import banner_lines


class KeyHold:
    """Between the early prompt and prompt_toolkit's first render, keys must
    reach prompt_toolkit as it would read them: the terminal is switched out of
    line mode (no echo, no line editing, Ctrl-C/Ctrl-D not turned into signals
    or end-of-file) before the prompt is painted, and handed to prompt_toolkit
    as it is (:meth:`take`): its raw mode restores the terminal's own mode when
    the first prompt ends, and the bytes typed meanwhile are still queued for it."""

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

    def take(self) -> list[Any] | None:
        """The terminal's own mode, for whoever restores it from now on (once)."""
        saved, self.saved = self.saved, None
        return saved

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


def show_early_prompt(keys: KeyHold, label: str, kind: str, environ, stream=None) -> bool:
    """Hold the keys, then paint (in that order: a key typed the moment the
    prompt shows must not be echoed by the terminal); released if not painted."""
    keys.hold()
    painted = paint_early(label, kind, environ, stream)
    if not painted:
        keys.release()
    return painted


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
    # Start-up allocates tens of thousands of long-lived objects (modules,
    # classes): collecting garbage among them cost ~10 % of the time to the
    # first echoed key. Collections resume, with those objects frozen, once
    # keys typed at the prompt are drawn (repl.handover), or when this returns.
    gc.disable()
    try:
        return _start(args)
    finally:
        gc.enable()


def _start(args: argparse.Namespace) -> int:
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
    from c2q_repl.chat.connect import (
        endpoint_kind,
        endpoint_label,
        provide_sandbox_database_early,
    )

    kind = endpoint_kind(settings)
    if kind == "sandbox":
        provide_sandbox_database_early()
    keys = KeyHold(sys.stdin.fileno())
    # a resumed session prints its last answer first: no early prompt to take over
    painted = resumption is None and show_early_prompt(
        keys, endpoint_label(settings, kind), kind, os.environ
    )
    try:
        from c2q_repl.repl.handover import handed_over
        from c2q_repl.repl.session import run_repl

        with handed_over(keys.take) if painted else nullcontext():
            return run_repl(
                options, settings, os.environ, banner_shown=painted, resumption=resumption
            )
    finally:
        keys.release()  # if prompt_toolkit never took the terminal over
