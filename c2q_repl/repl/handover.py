"""Handing the terminal from the early prompt to prompt_toolkit, and the first
keys before the background start-up.

The early prompt (:mod:`c2q_repl.repl.app`) holds the terminal out of line
mode so that keys typed at it are neither echoed by the terminal nor turned
into signals. Restoring the terminal's own mode just before prompt_toolkit
switches to raw mode would open a short window in which they are again, so the
hold is never lifted: prompt_toolkit goes from the held mode straight to raw
mode, and leaves its first prompt for the terminal's own mode.

Once the prompt is on screen, the background start-up (imports of the HTTP
stack, the connection) competes with the main thread for the interpreter; keys
typed at the early prompt are handled and echoed first, and garbage collection,
paused during start-up, resumes then.
"""

from __future__ import annotations

import asyncio
import gc
import select
import sys
import time
from collections.abc import AsyncGenerator, Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TextIO

from prompt_toolkit.application import Application, create_app_session, get_app
from prompt_toolkit.history import History
from prompt_toolkit.input.vt100 import Vt100Input, raw_mode

#: how often to look again while typed keys are still being handled
RECHECK_SECONDS = 0.005
#: start anyway after this long (someone pasting a long text at the prompt)
LONGEST_DEFERRAL_SECONDS = 0.25


class HeldInput(Vt100Input):
    """prompt_toolkit's terminal input, whose first raw mode ends in the mode
    the terminal had before the early prompt held it (``take_mode`` hands it
    over once; afterwards raw mode saves and restores as usual)."""

    def __init__(self, stdin: TextIO, take_mode: Callable[[], list[Any] | None]) -> None:
        super().__init__(stdin)
        self._take_mode = take_mode

    def raw_mode(self) -> AbstractContextManager[None]:
        mode = raw_mode(self.stdin.fileno())
        original = self._take_mode()
        if original is not None:
            mode.attrs_before = original
        return mode


@contextmanager
def handed_over(
    take_mode: Callable[[], list[Any] | None], stdin: TextIO | None = None
) -> Iterator[None]:
    """prompt_toolkit sessions created inside use :class:`HeldInput` on ``stdin``."""
    with create_app_session(input=HeldInput(stdin or sys.stdin, take_mode)):
        yield


#: how long a background thread may keep the interpreter from the prompt (Python's default: 5 ms)
SWITCH_INTERVAL_SECONDS = 0.001


def end_of_start_up() -> None:
    """Garbage collection, paused for the start-up (:func:`c2q_repl.repl.app.main`),
    resumes; what start-up allocated is frozen out of later collections.

    The background work that starts now (importing the HTTP stack, connecting,
    loading the history) runs Python code for a while; a key typed meanwhile
    waits for each hand-over of the interpreter up to the switch interval, and
    handling and drawing it takes several: 1 ms instead of 5 keeps that echo prompt."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_SECONDS))


def _keys_waiting(app: Application[Any]) -> bool:
    """Typed bytes not read yet, or read and not yet drawn."""
    if app.invalidated:
        return True
    try:
        ready, _, _ = select.select([app.input.fileno()], [], [], 0)
    except (OSError, ValueError, NotImplementedError):
        return False
    return bool(ready)


async def typed_keys_drawn(app: Application[Any]) -> None:
    """Return once no typed key waits to be handled or drawn (at most
    :data:`LONGEST_DEFERRAL_SECONDS` from now)."""
    deadline = time.monotonic() + LONGEST_DEFERRAL_SECONDS
    while _keys_waiting(app) and time.monotonic() < deadline:
        await asyncio.sleep(RECHECK_SECONDS)


class LoadedAfterTypedKeys(History):
    """``history``, loaded once keys typed at the early prompt are drawn.

    prompt_toolkit starts loading the history at its first render; a
    :class:`~prompt_toolkit.history.ThreadedHistory` starts a thread and an
    executor for it, which would take turns with the main thread handling
    those keys (and, on a busy machine, be descheduled while holding the
    interpreter). Nothing is lost by waiting: the entries still arrive while
    the user types."""

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history

    async def load(self) -> AsyncGenerator[str, None]:
        await typed_keys_drawn(get_app())
        async for item in self.history.load():
            yield item

    def get_strings(self) -> list[str]:
        return self.history.get_strings()

    def append_string(self, string: str) -> None:
        self.history.append_string(string)

    def load_history_strings(self) -> Iterable[str]:
        return self.history.load_history_strings()

    def store_string(self, string: str) -> None:
        self.history.store_string(string)


def start_when_keys_are_drawn(app: Application[Any], start: Callable[[], None]) -> None:
    """Call ``start`` once the prompt is on screen and no typed key waits to be
    handled or drawn (at most :data:`LONGEST_DEFERRAL_SECONDS` after the first
    render), so that what was typed at the early prompt is echoed without
    competing with the background start-up."""
    first_render = 0.0
    #: the event loop a re-check is scheduled on (a prompt that ended drops it)
    rechecking: asyncio.AbstractEventLoop | None = None

    def check() -> None:
        nonlocal rechecking
        rechecking = None
        if _keys_waiting(app) and time.monotonic() - first_render < LONGEST_DEFERRAL_SECONDS:
            rechecking = asyncio.get_running_loop()
            rechecking.call_later(RECHECK_SECONDS, check)
            return
        app.after_render -= at_render
        end_of_start_up()
        start()

    def at_render(_: object) -> None:
        nonlocal first_render
        if not first_render:
            first_render = time.monotonic()
        if rechecking is not asyncio.get_running_loop():
            check()

    app.after_render += at_render
