"""The job threads: daemon workers shared fairly between the keys that asked.

* **Daemons.** Unlike ThreadPoolExecutor (whose threads the interpreter joins
  at exit), a worker stuck in an engine never keeps a stopped server's
  process alive.
* **Fair.** Work is queued per *lane* (the public key that asked; "" for the
  server's own work) and lanes take turns; one lane may occupy at most
  ``per_lane`` workers, so a key that floods the server with slow questions
  leaves workers free for everyone else's.

The lane of a submission is :data:`current_lane` of the submitting context
(set per request by the app), so no call site has to pass it along.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future
from contextvars import ContextVar

current_lane: ContextVar[str] = ContextVar("c2q_sandbox_lane", default="")


class FairPool:
    def __init__(self, workers: int, name: str, per_lane: int | None = None):
        self._workers = workers
        self._per_lane = per_lane or max(1, workers // 2)
        self._name = name
        self._threads: list[threading.Thread] = []
        self._queues: dict[str, deque] = {}
        self._turns: deque[str] = deque()  # lanes with queued work, in turn order
        self._running: Counter[str] = Counter()
        self._cond = threading.Condition()
        self._closed = False

    def run(self, future: Future, fn: Callable, *args) -> None:
        """Queue ``fn(*args)`` in the current lane; its result or exception goes to ``future``."""
        lane = current_lane.get()
        with self._cond:
            if self._closed:
                future.cancel()
                return
            if lane not in self._queues:
                self._queues[lane] = deque()
                self._turns.append(lane)
            self._queues[lane].append((future, fn, args))
            if len(self._threads) < self._workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self._name}_{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
            self._cond.notify()

    def _next_locked(self):
        """(lane, item) of the next lane in turn that is under its share, or None."""
        for _ in range(len(self._turns)):
            lane = self._turns.popleft()
            if self._running[lane] >= self._per_lane:
                self._turns.append(lane)
                continue
            queued = self._queues[lane]
            item = queued.popleft()
            if queued:
                self._turns.append(lane)
            else:
                del self._queues[lane]
            self._running[lane] += 1
            return lane, item
        return None

    def _work(self) -> None:
        while True:
            with self._cond:
                picked = self._next_locked()
                while picked is None:
                    if self._closed:
                        return
                    self._cond.wait()
                    picked = self._next_locked()
            lane, (future, fn, args) = picked
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args))
                    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on it
                        future.set_exception(exc)
            finally:
                with self._cond:
                    self._running[lane] -= 1
                    self._cond.notify_all()

    def shutdown(self) -> None:
        """Cancel queued work and let idle workers end; running work is abandoned, not awaited."""
        with self._cond:
            self._closed = True
            for queued in self._queues.values():
                for future, _, _ in queued:
                    future.cancel()
            self._queues.clear()
            self._turns.clear()
            self._cond.notify_all()
