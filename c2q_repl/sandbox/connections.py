"""Connection hygiene for the sandbox's HTTP server: header timeout and a connection cap.

uvicorn (h11) waits for a request head forever and limits connections only
by answering 503 once the limit is reached, so idle sockets (slowloris) can
hold every file descriptor and lock real clients out. This protocol adds:

* a **header timeout**: a connection must deliver a complete request head
  within ``header_timeout`` seconds of connecting (or of the first byte of
  its next request), or it is closed;
* a **connection cap**: past ``max_connections`` open connections, the
  oldest connection with no request in progress is closed to make room
  (busy ones are kept; with every connection busy, the newcomer is closed).

Idle keep-alive connections are still closed by uvicorn's own
``timeout_keep_alive``.
"""

from __future__ import annotations

import asyncio
import time

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0


def default_max_connections() -> int:
    """Well below the process's file limit (the database and logs need descriptors too)."""
    try:
        import resource
    except ImportError:  # not POSIX
        return 512
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 4096
    return max(16, min(1024, soft // 2))


class GuardedH11Protocol(H11Protocol):
    """H11Protocol with a header timeout and a connection cap (set by :func:`guarded_protocol`)."""

    header_timeout: float = HEADER_TIMEOUT
    max_connections: int = 512

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._opened = time.monotonic()
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._await_head()
        self._make_room()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._head_timer is None:
                self._await_head()  # the first bytes of a new request head: its clock starts
        else:
            self._stop_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._stop_head_timer()  # idle again: uvicorn's keep-alive timeout takes over

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    # ------------------------------------------------------------ header timeout
    def _await_head(self) -> None:
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    # ------------------------------------------------------------ connection cap
    def _idle(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _make_room(self) -> None:
        if len(self.connections) <= self.max_connections:
            return
        idle = [
            c
            for c in self.connections
            if isinstance(c, GuardedH11Protocol) and c is not self and c._idle()
        ]
        if not idle:
            self.transport.close()
            return
        oldest = min(idle, key=lambda c: c._opened)
        oldest.transport.close()
        self.connections.discard(oldest)


def guarded_protocol(
    *, header_timeout: float = HEADER_TIMEOUT, max_connections: int | None = None
) -> type[GuardedH11Protocol]:
    """The protocol class for ``uvicorn.Config(http=…)`` with these limits."""
    return type(
        "SandboxH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout": header_timeout,
            "max_connections": max_connections or default_max_connections(),
        },
    )
