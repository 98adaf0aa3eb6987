"""Pieces both backends share: a small connection pool, the lazily read catalog, and the
choice of the one statement to run."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from c2q_repl.sandbox.contracts import Catalog
from c2q_repl.sandbox.readonly import check_statement

C = TypeVar("C")


class ConnectionPool(Generic[C]):
    """Idle connections kept for reuse (LIFO, at most ``size``); new ones made on demand."""

    def __init__(
        self, connect: Callable[[], C], size: int = 8, usable: Callable[[C], bool] = lambda c: True
    ):
        self._connect = connect
        self._size = size
        self._usable = usable
        self._idle: queue.LifoQueue = queue.LifoQueue()

    def acquire(self) -> C:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._connect()

    def release(self, conn) -> None:
        if self._idle.qsize() < self._size and self._usable(conn):
            self._idle.put(conn)
        else:
            conn.close()

    def close_all(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class LazyCatalog:
    """The catalog, read once on first use (and again after ``invalidate``)."""

    def __init__(self, read: Callable[[], Catalog]):
        self._read = read
        self._value: Catalog | None = None
        self._lock = threading.Lock()

    def get(self) -> Catalog:
        with self._lock:
            if self._value is None:
                self._value = self._read()
            return self._value

    def invalidate(self) -> None:
        with self._lock:
            self._value = None


def statement_to_run(
    sql: str, dialect: str, read_only: bool, schemas: Iterable[str] | None = None
) -> str:
    """The single statement of ``sql`` the guard lets run (plain queries only when read-only).

    Every role goes through the guard: executable comments, files, locks,
    variables and other schemas are refused for read-write keys too.
    """
    return check_statement(sql, dialect, read_only=read_only, schemas=schemas)
