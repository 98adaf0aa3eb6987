"""Pieces both backends share: a small connection pool, the lazily read catalog, the
choice of the one statement to run, and reading rows within a row and size budget."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from c2q_repl.sandbox.contracts import Catalog
from c2q_repl.sandbox.readonly import check_statement

C = TypeVar("C")

# What a backend reads of one result at most (characters of text), whatever the row cap: a
# 100 MB cell times 1000 rows must not be held in memory. Answers are cut smaller still
# (results.Limits.max_chars); this ceiling only bounds the memory of reading.
FETCH_MAX_CHARS = 64 * 2**20


def text_cell(value: Any) -> str | None:
    """A database value as the API returns it: text, NULL as None."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def cap_rows(
    rows: Iterable[Sequence[Any]], max_rows: int, max_chars: int
) -> tuple[list[list[str | None]], bool, bool]:
    """(rows as text, truncated, cells_cut): at most ``max_rows`` rows and ``max_chars`` of text.

    Reads ``rows`` lazily and stops at the first row over either budget, so a
    cursor is never drained. ``truncated`` means rows were left out; when even
    the first row is over the size budget, its long cells are cut to fit
    (``cells_cut``) rather than answering with nothing.
    """
    out: list[list[str | None]] = []
    used = 0
    for row in rows:
        if len(out) >= max_rows:
            return out, True, False
        cells = [text_cell(v) for v in row]
        size = sum(len(c) for c in cells if c is not None)
        if used + size <= max_chars:
            out.append(cells)
            used += size
            continue
        if out:
            return out, True, False
        share = max_chars // max(1, len(cells))
        out.append([c if c is None or len(c) <= share else c[:share] for c in cells])
        return out, True, True
    return out, False, False


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
