"""SQLite backend: the bundled sp500insight database, or any SQLite file.

Connections come from a small pool, so queries from many threads run in
parallel (SQLite readers do not block each other). Read-only queries get
three layers: the parser check (:mod:`c2q_repl.sandbox.readonly`),
``PRAGMA query_only`` and an authorizer that allows only reads. A progress
handler enforces the timeout; ``fetchmany`` enforces the row cap.

SQL arrives in MySQL, the dialect the sandbox speaks (:mod:`c2q_repl.sandbox.dialect`):
the catalog says so, and each statement is checked as MySQL, translated to
SQLite, and the SQLite text that will run is checked again.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from c2q_repl.sandbox.backends.common import (
    FETCH_MAX_CHARS,
    ConnectionPool,
    LazyCatalog,
    cap_rows,
    statement_to_run,
)
from c2q_repl.sandbox.backends.sqlite_functions import register as register_functions
from c2q_repl.sandbox.contracts import (
    Catalog,
    ColumnInfo,
    QueryResult,
    ReadOnlyViolation,
    SQLExecutionError,
    TableInfo,
)
from c2q_repl.sandbox.dialect import SHOWN, for_backend
from c2q_repl.sandbox.schema import comments_for, infer_relationships

_READ_ACTIONS = frozenset(
    {
        sqlite3.SQLITE_SELECT,
        sqlite3.SQLITE_READ,
        sqlite3.SQLITE_FUNCTION,
        getattr(sqlite3, "SQLITE_RECURSIVE", 33),
    }
)
_PROGRESS_STEPS = 2000


def _text(raw: bytes) -> str:
    """TEXT as str; bytes that are not UTF-8 (files written by other tools often hold
    Latin-1) become U+FFFD instead of failing the whole query."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def _read_only_authorizer(action, arg1, arg2, db_name, trigger):
    return sqlite3.SQLITE_OK if action in _READ_ACTIONS else sqlite3.SQLITE_DENY


class SQLiteDatabase:
    """A thread-safe :class:`~c2q_repl.sandbox.contracts.Database` over one SQLite file.

    ``immutable=True`` opens the file read-only at the OS level too (used for
    the cached sample database, so no key can ever change the shared cache).
    """

    dialect = "sqlite"

    def __init__(
        self,
        path: str | Path,
        name: str = "sp500insight",
        *,
        immutable: bool = False,
        pool_size: int = 8,
    ):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no SQLite database at {self.path}")
        self.name = name
        self.immutable = immutable
        self._pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(self._connect, pool_size)
        self._catalog = LazyCatalog(self._read_catalog)

    # ------------------------------------------------------------ connections
    def _connect(self) -> sqlite3.Connection:
        mode = "ro" if self.immutable else "rw"
        conn = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode={mode}",
            uri=True,
            check_same_thread=False,
            isolation_level=None,
            timeout=5.0,
        )
        conn.text_factory = _text
        register_functions(conn)
        return conn

    def close(self) -> None:
        self._pool.close_all()

    # ------------------------------------------------------------ catalog
    def catalog(self) -> Catalog:
        return self._catalog.get()

    def _read_catalog(self) -> Catalog:
        conn = self._pool.acquire()
        try:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            tables = []
            for name in names:
                table_comment, column_comments = comments_for(name)
                cols = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
                pk = tuple(c[1] for c in sorted((c for c in cols if c[5]), key=lambda c: c[5]))
                columns = tuple(
                    ColumnInfo(
                        name=c[1],
                        type=c[2] or "",
                        comment=column_comments.get(c[1], ""),
                        nullable=not c[3] and not c[5],
                        primary_key=bool(c[5]),
                    )
                    for c in cols
                )
                tables.append(
                    TableInfo(name=name, columns=columns, comment=table_comment, primary_key=pk)
                )
            declared = self._declared_relationships(conn, tables)
        finally:
            self._pool.release(conn)
        tables_t = tuple(tables)
        inferred = tuple(
            r
            for r in infer_relationships(tables_t)
            if (r.from_table, r.from_column)
            not in {(d.from_table, d.from_column) for d in declared}
        )
        return Catalog(
            database=self.name,
            dialect=SHOWN,
            tables=tables_t,
            relationships=declared + inferred,
        )

    @staticmethod
    def _declared_relationships(conn: sqlite3.Connection, tables: list[TableInfo]):
        """Declared foreign keys, named as the catalog names things. SQLite does not check
        them: files in the wild reference ``Student(StuID)`` for a table ``student`` with a
        column ``stuid``, or tables that do not exist; the first are matched without regard
        to case, the second dropped (a join to nowhere is no join)."""
        from c2q_repl.sandbox.contracts import Relationship

        by_name = {t.name.lower(): t for t in tables}
        out = []
        for table in tables:
            own = {c.name.lower(): c.name for c in table.columns}
            for fk in conn.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall():
                target = by_name.get(str(fk[2]).lower())
                from_column = own.get(str(fk[3]).lower())
                if target is None or from_column is None:
                    continue
                columns = {c.name.lower(): c.name for c in target.columns}
                # REFERENCES t without a column names t's primary key
                wanted = fk[4] or (target.primary_key[0] if len(target.primary_key) == 1 else fk[3])
                to_column = columns.get(str(wanted).lower())
                if to_column is None:
                    continue
                out.append(
                    Relationship(table.name, from_column, target.name, to_column, inferred=False)
                )
        return tuple(out)

    def _float_columns(self) -> frozenset[str]:
        """Names of single-precision FLOAT columns (never also the name of a wider column)."""
        floats: set[str] = set()
        others: set[str] = set()
        for table in self.catalog().tables:
            for column in table.columns:
                is_float = column.type.strip().upper().split("(")[0] == "FLOAT"
                (floats if is_float else others).add(column.name.lower())
        return frozenset(floats - others)

    # ------------------------------------------------------------ queries
    def query(
        self, sql: str, *, read_only: bool = True, max_rows: int = 1000, timeout: float = 10.0
    ) -> QueryResult:
        mysql_statement = statement_to_run(sql, SHOWN, read_only)
        sqlite_text = for_backend(mysql_statement, "sqlite", self._float_columns())
        statement = statement_to_run(sqlite_text, "sqlite", read_only)
        conn = self._pool.acquire()
        healthy = True
        try:
            return self._run(conn, statement, read_only, max_rows, timeout)
        except sqlite3.Error as exc:
            healthy = not isinstance(exc, (sqlite3.InterfaceError, sqlite3.ProgrammingError))
            raise self._translate(exc, read_only, timeout) from None
        finally:
            conn.set_progress_handler(None, 0)
            conn.set_authorizer(None)
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    healthy = False
            if healthy:
                self._pool.release(conn)
            else:
                conn.close()

    def _run(
        self,
        conn: sqlite3.Connection,
        statement: str,
        read_only: bool,
        max_rows: int,
        timeout: float,
    ) -> QueryResult:
        conn.execute(f"PRAGMA query_only={'ON' if read_only else 'OFF'}")
        if read_only:
            conn.set_authorizer(_read_only_authorizer)
        deadline = time.monotonic() + timeout
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS)
        cursor = conn.execute(statement)
        if cursor.description is None:
            return QueryResult(columns=[], rows=[], truncated=False)
        columns = [d[0] for d in cursor.description]
        rows, truncated, _ = cap_rows(cursor, max_rows, FETCH_MAX_CHARS)  # never all in memory
        cursor.close()
        return QueryResult(columns=columns, rows=rows, truncated=truncated)

    @staticmethod
    def _translate(exc: sqlite3.Error, read_only: bool, timeout: float) -> SQLExecutionError:
        message = str(exc)
        if message == "interrupted":
            return SQLExecutionError(f"query timed out after {timeout:g} s")
        if read_only and message == "not authorized":
            # the authorizer refuses anything but reading tables (pragma functions too):
            # not necessarily a write, so not called one
            return ReadOnlyViolation(
                "a read-only key may only read the tables of the database (not authorized)"
            )
        if read_only and ("readonly" in message or "read-only" in message):
            return ReadOnlyViolation(
                f"the statement tried to change data under a read-only key ({message})"
            )
        return SQLExecutionError(message)
