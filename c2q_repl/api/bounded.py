"""Limits on one HTTP exchange as a whole: a deadline, a cancel event, a decoded-size cap.

httpx's ``timeout`` bounds each socket read, so a server sending one byte a
second holds a request for ever; and a poll thread blocked in a read cannot
be stopped when the user presses Ctrl-C. The network streams made here take
their limits from the exchange running on the current thread: every read
waits in short slices and gives up when the exchange's deadline has passed or
its cancel event is set, which closes the connection and ends the thread.
Threads of the sync client run one exchange at a time, so a thread-local
holds the current limits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from c2q_repl.api.lean import httpcore

#: decoded bytes accepted in one response: far above the API's largest answer
#: (1,000 rows of a wide table is a few MB), far below what hurts a laptop
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
#: how often a waiting read looks at the deadline and the cancel event
_SLICE = 0.1
#: where ``localhost`` is, without a resolver
LOCALHOST_ADDRESSES = ("127.0.0.1", "::1")


@dataclass
class ExchangeLimits:
    """What bounds the exchange running on this thread."""

    deadline: float  # time.monotonic() after which no read or write may wait
    cancel: threading.Event | None = None
    #: a read gave up on the deadline after the server had sent something (a trickle,
    #: not silence: silence is an ordinary read timeout, retried as before)
    expired: bool = False
    #: a read gave up because the cancel event was set
    cancelled: bool = False
    #: bytes read so far in this exchange
    received: int = 0


_current = threading.local()


@contextmanager
def exchange_limits(
    seconds: float, cancel: threading.Event | None = None
) -> Iterator[ExchangeLimits]:
    """Bound every network wait of the calling thread's exchange to ``seconds`` in total."""
    limits = ExchangeLimits(time.monotonic() + seconds, cancel)
    previous = getattr(_current, "limits", None)
    _current.limits = limits
    try:
        yield limits
    finally:
        _current.limits = previous


def _limits() -> ExchangeLimits | None:
    return getattr(_current, "limits", None)


def _bounded(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of the current exchange's time."""
    limits = _limits()
    if limits is None:
        return timeout
    left = max(0.0, limits.deadline - time.monotonic())
    return left if timeout is None else min(timeout, left)


class BoundedStream(httpcore.NetworkStream):
    """A network stream whose reads honour the exchange's deadline and cancel event."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        limits = _limits()
        if limits is None:
            return self._inner.read(max_bytes, timeout)
        # the per-read timeout of httpx still applies, counted from this read's start
        read_until = None if timeout is None else time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if limits.cancel is not None and limits.cancel.is_set():
                limits.cancelled = True
                raise httpcore.ReadError("cancelled")
            if now >= limits.deadline:
                limits.expired = limits.received > 0
                raise httpcore.ReadTimeout("the whole response took too long")
            if read_until is not None and now >= read_until:
                raise httpcore.ReadTimeout("timed out")
            wait = min(_SLICE, limits.deadline - now)
            if read_until is not None:
                wait = min(wait, read_until - now)
            try:
                data = self._inner.read(max_bytes, max(wait, 0.001))
            except httpcore.ReadTimeout:
                continue  # nothing arrived in this slice: look at the limits again
            limits.received += len(data)
            return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return BoundedStream(self._inner.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class BoundedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, handing out :class:`BoundedStream` s.

    ``localhost`` is connected to as 127.0.0.1 (then ::1) without asking any
    resolver: plain HTTP is allowed to it only because it is this machine, so
    no DNS answer may decide where the key goes.
    """

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, *args: Any, **kwargs: Any
    ) -> httpcore.NetworkStream:
        if host.lower() != "localhost":
            return BoundedStream(
                super().connect_tcp(host, port, _bounded(timeout), *args, **kwargs)
            )
        failure: Exception | None = None
        for address in LOCALHOST_ADDRESSES:
            try:
                stream = super().connect_tcp(address, port, _bounded(timeout), *args, **kwargs)
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return BoundedStream(stream)
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, *args: Any, **kwargs: Any
    ) -> httpcore.NetworkStream:
        return BoundedStream(super().connect_unix_socket(path, _bounded(timeout), *args, **kwargs))


def install(transport: Any) -> bool:
    """Make an ``httpx.HTTPTransport`` open bounded streams; False when it has no pool to change."""
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        return False
    pool._network_backend = BoundedBackend()
    return True
