"""A value computed in a daemon thread, waited for with Ctrl-C still working.

The REPL shows its prompt at once and opens the connection and the session
behind it; the first command that needs them waits here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    def __init__(
        self,
        work: Callable[[], T],
        name: str = "c2q-background",
        on_done: Callable[[], None] = lambda: None,
    ) -> None:
        #: called in the worker thread once ``done`` is true (e.g. redraw the toolbar)
        self._on_done = on_done
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._work = work
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Background[T]:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to whoever waits
            self._error = exc
        finally:
            self._done.set()
            try:
                self._on_done()
            except Exception:  # a redraw hook must not hide the result
                pass

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def error(self) -> BaseException | None:
        return self._error if self._done.is_set() else None

    def wait(self, tick: Callable[[], None] = lambda: None, interval: float = 0.1) -> T:
        """Block until finished, calling ``tick`` every ``interval`` s (a spinner).

        KeyboardInterrupt propagates at once; the work carries on in its thread.
        """
        while not self._done.wait(interval):
            tick()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
