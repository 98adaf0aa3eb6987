"""MySQL-protocol backend (MariaDB, MySQL, TiDB) through PyMySQL.

The catalog comes from ``information_schema`` with the real COMMENTs and
keys. Every statement passes the guard (:mod:`c2q_repl.sandbox.readonly`,
scoped to this database); read-only queries then run inside
``START TRANSACTION READ ONLY`` (rolled back afterwards), so the server itself
refuses any write. Each connection's ``sql_mode`` is pinned so the server reads
quotes and backslashes the way the guard's parser did, and a pooled
connection's session (user variables, named locks, session variables) is
reset with ``COM_RESET_CONNECTION`` before another request may use it. Timeouts use the server's statement time limit
(``max_statement_time`` on MariaDB, ``max_execution_time`` on MySQL/TiDB);
the row cap reads the result unbuffered and drops the connection when the
cap is hit rather than draining the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from c2q_repl.sandbox.backends.common import (
    FETCH_MAX_CHARS,
    ConnectionPool,
    LazyCatalog,
    cap_rows,
    statement_to_run,
)
from c2q_repl.sandbox.contracts import (
    Catalog,
    ColumnInfo,
    QueryResult,
    ReadOnlyViolation,
    Relationship,
    SQLExecutionError,
    TableInfo,
)
from c2q_repl.sandbox.schema import infer_relationships

_TIMEOUT_ERRORS = {
    1969,
    3024,
    1317,
}  # MariaDB max_statement_time, MySQL max_execution_time, interrupted
_READ_ONLY_ERRORS = {1792}  # "Cannot execute statement in a READ ONLY transaction"
_COM_RESET_CONNECTION = 0x1F
# Modes under which the server would tokenise differently from the guard's parser
# ("…" as an identifier, a backslash as an ordinary character).
_UNSAFE_MODES = frozenset({"ANSI_QUOTES", "NO_BACKSLASH_ESCAPES", "ANSI"})


def safe_sql_mode(current: str) -> str:
    """``current`` without the modes that would make the server read SQL differently from the guard."""
    return ",".join(
        m for m in current.split(",") if m.strip() and m.strip().upper() not in _UNSAFE_MODES
    )


@dataclass(frozen=True)
class MySQLTarget:
    host: str
    port: int
    user: str
    password: str
    database: str

    @classmethod
    def parse(cls, url: str) -> MySQLTarget:
        parts = urlparse(url)
        database = parts.path.strip("/")
        if not parts.hostname or not database:
            raise ValueError("a MySQL URL looks like mysql://user:password@host:3306/database")
        return cls(
            parts.hostname,
            parts.port or 3306,
            unquote(parts.username or "root"),
            unquote(parts.password or ""),
            database,
        )

    def __repr__(self) -> str:
        return f"MySQLTarget({self.user}@{self.host}:{self.port}/{self.database})"


def normalize_type(column_type: str) -> str:
    """``bigint(20) unsigned`` → ``BIGINT UNSIGNED``: integer display widths mean nothing (MySQL 8 drops them)."""
    return re.sub(
        r"^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT)\(\d+\)", r"\1", column_type.upper()
    )


class MySQLDatabase:
    """A thread-safe :class:`~c2q_repl.sandbox.contracts.Database` over a MySQL-protocol server."""

    dialect = "mysql"

    def __init__(self, target: MySQLTarget, *, pool_size: int = 8):
        self.target = target
        self.name = target.database
        self._pool = ConnectionPool(self._connect, pool_size, usable=self._reset)
        self._catalog = LazyCatalog(self._read_catalog)
        probe = self._open()
        try:
            with probe.cursor() as cur:
                cur.execute("SELECT VERSION(), @@GLOBAL.sql_mode")
                version, mode = (str(v) for v in cur.fetchone())
        finally:
            probe.close()
        self._sql_mode = safe_sql_mode(mode)
        # a reset session starts from the global mode: only pin it when that one is unsafe
        self._pin_mode = self._sql_mode != mode
        self.flavor = (
            "mariadb"
            if "mariadb" in version.lower()
            else ("tidb" if "tidb" in version.lower() else "mysql")
        )

    @classmethod
    def from_url(cls, url: str, *, seed_if_empty: bool = False) -> MySQLDatabase:
        db = cls(MySQLTarget.parse(url))
        if seed_if_empty:
            from c2q_repl.sandbox.backends.mysql_seed import seed_if_empty as seed

            seed(db)
        return db

    # ------------------------------------------------------------ connections
    def _open(self):
        import pymysql

        t = self.target
        return pymysql.connect(
            host=t.host,
            port=t.port,
            user=t.user,
            password=t.password,
            database=t.database,
            charset="utf8mb4",
            autocommit=True,
            connect_timeout=10,
        )

    def _connect(self):
        """A new connection with the session the guard expects."""
        conn = self._open()
        try:
            self._prepare(conn)
        except Exception:
            conn.close()
            raise
        return conn

    def _prepare(self, conn) -> None:
        if self._pin_mode:
            with conn.cursor() as cur:
                cur.execute("SET SESSION sql_mode = %s", (self._sql_mode,))

    def _reset(self, conn) -> bool:
        """Forget everything a request left on ``conn`` (variables, locks, session settings).

        True when ``conn`` is clean and may be pooled; a server without
        COM_RESET_CONNECTION (or a broken connection) gets False: it is closed.
        """
        import pymysql

        if not conn.open:
            return False
        try:
            conn._execute_command(_COM_RESET_CONNECTION, b"")
            conn._read_ok_packet()
            self._prepare(conn)
        except (pymysql.MySQLError, OSError):
            return False
        return True

    def connection(self):
        """A pooled connection; give it back with :meth:`release` (or close it if it is broken)."""
        return self._pool.acquire()

    def release(self, conn) -> None:
        self._pool.release(conn)

    def close(self) -> None:
        self._pool.close_all()

    # ------------------------------------------------------------ catalog
    def catalog(self) -> Catalog:
        return self._catalog.get()

    def invalidate_catalog(self) -> None:
        self._catalog.invalidate()

    def _read_catalog(self) -> Catalog:
        conn = self.connection()
        try:
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES "
                    "WHERE TABLE_SCHEMA = %s ORDER BY TABLE_NAME",
                    (self.name,),
                )
                tables = [(str(r[0]), str(r[1] or "")) for r in cur.fetchall()]
                cur.execute(
                    "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT "
                    "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %s "
                    "ORDER BY TABLE_NAME, ORDINAL_POSITION",
                    (self.name,),
                )
                columns = cur.fetchall()
                cur.execute(
                    "SELECT TABLE_NAME, COLUMN_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, "
                    "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                    "WHERE TABLE_SCHEMA = %s ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
                    (self.name,),
                )
                keys = cur.fetchall()
        finally:
            self.release(conn)
        pks: dict[str, list[str]] = {}
        declared = []
        for table, column, constraint, ref_table, ref_column in keys:
            if constraint == "PRIMARY":
                pks.setdefault(str(table), []).append(str(column))
            elif ref_table:
                declared.append(
                    Relationship(
                        str(table), str(column), str(ref_table), str(ref_column), inferred=False
                    )
                )
        infos = []
        for table, comment in tables:
            pk = tuple(pks.get(table, ()))
            cols = tuple(
                ColumnInfo(
                    str(c[1]),
                    normalize_type(str(c[2])),
                    str(c[4] or ""),
                    c[3] == "YES",
                    str(c[1]) in pk,
                )
                for c in columns
                if c[0] == table
            )
            infos.append(TableInfo(table, cols, comment, pk))
        infos_t = tuple(infos)
        seen = {(d.from_table, d.from_column) for d in declared}
        inferred = tuple(
            r for r in infer_relationships(infos_t) if (r.from_table, r.from_column) not in seen
        )
        return Catalog(self.name, self.dialect, infos_t, tuple(declared) + inferred)

    # ------------------------------------------------------------ queries
    def _timeout_statement(self, timeout: float) -> str:
        if self.flavor == "mariadb":
            return f"SET SESSION max_statement_time = {max(timeout, 0.001):.3f}"
        return f"SET SESSION max_execution_time = {max(int(timeout * 1000), 1)}"

    def query(
        self, sql: str, *, read_only: bool = True, max_rows: int = 1000, timeout: float = 10.0
    ) -> QueryResult:
        import pymysql

        statement = statement_to_run(sql, "mysql", read_only, schemas=(self.name,))
        conn = self.connection()
        keep = True
        try:
            with conn.cursor() as cur:
                cur.execute(self._timeout_statement(timeout))
                if read_only:
                    cur.execute("START TRANSACTION READ ONLY")
            result, keep = self._fetch(conn, statement, max_rows)
            return result
        except pymysql.MySQLError as exc:
            keep = conn.open and not isinstance(
                exc, (pymysql.err.OperationalError, pymysql.err.InterfaceError)
            )
            raise self._translate(exc, read_only, timeout) from None
        finally:
            if keep and conn.open and read_only:
                try:
                    conn.rollback()
                except pymysql.MySQLError:
                    keep = False
            if keep:
                self.release(conn)
            else:
                conn.close()

    @staticmethod
    def _fetch(conn, statement: str, max_rows: int) -> tuple[QueryResult, bool]:
        import pymysql.cursors

        cur = conn.cursor(pymysql.cursors.SSCursor)
        cur.execute(statement)
        if cur.description is None:
            cur.close()
            return QueryResult(columns=[], rows=[]), True
        columns = [d[0] for d in cur.description]
        rows, truncated, _ = cap_rows(_each_row(cur), max_rows, FETCH_MAX_CHARS)
        if truncated:  # the caller drops the connection: unread rows are never drained
            return QueryResult(columns, rows, True), False
        cur.close()
        return QueryResult(columns, rows, False), True

    @staticmethod
    def _translate(exc, read_only: bool, timeout: float) -> SQLExecutionError:
        code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else 0
        message = str(exc.args[1]) if len(exc.args) > 1 else str(exc)
        if code in _TIMEOUT_ERRORS:
            return SQLExecutionError(f"query timed out after {timeout:g} s")
        if read_only and code in _READ_ONLY_ERRORS:
            return ReadOnlyViolation(
                f"the statement tried to change data under a read-only key ({message})"
            )
        return SQLExecutionError(f"{code}: {message}" if code else message)


def _each_row(cursor):
    """Rows of an unbuffered cursor, read a batch at a time."""
    while True:
        batch = cursor.fetchmany(64)
        if not batch:
            return
        yield from batch
