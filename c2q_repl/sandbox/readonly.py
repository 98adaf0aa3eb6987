"""The statement guard: the first of the sandbox's layered defences, for every key.

Every statement a key's question leads to passes here before it reaches the
database. For **every** role it refuses what reaches beyond the data of the
one database the sandbox serves:

* more than one statement, or a statement the parser cannot read
  ("could not verify" means no);
* MySQL/MariaDB *executable comments* (``/*! … */``, ``/*!50000 … */``,
  ``/*M! … */``) and optimizer hints (``/*+ … */``): the server runs what is
  inside them while a parser sees a comment, so the text that was judged
  would not be the text that runs;
* ``SELECT … INTO`` (OUTFILE, DUMPFILE, @var, a table), file functions
  (``LOAD_FILE``), waits and locks (``SLEEP``, ``BENCHMARK``, ``GET_LOCK`` …),
  user and system variables (``@x``, ``@x := …``, ``@@…``), ``SET``, ``USE``,
  ``LOAD DATA``, transactions, grants, ``ATTACH`` and statements the parser
  only knows as an opaque command (``CALL``, ``DO``, ``LOCK TABLES`` …):
  none of it is a question about data, and each can change the server, its
  files or the next request on a pooled connection;
* a qualified name in another schema (``otherdb.t``, ``mysql.user``,
  ``information_schema.…``) when the backend says which schema is its own.

A **read-only** key additionally runs only plain queries (SELECT/WITH/set
operations without writes or locking clauses). The database's own read-only
mode backs this up (query_only + authorizer for SQLite, a READ ONLY
transaction for MySQL), so a parser gap alone cannot change data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from c2q_repl.sandbox.contracts import ReadOnlyViolation

# Functions that touch the host, wait, lock, or change state outside the data.
_DENIED_FUNCTIONS = frozenset(
    {
        "load_file",
        "sleep",
        "pg_sleep",
        "benchmark",
        "get_lock",
        "release_lock",
        "release_all_locks",
        "is_free_lock",
        "is_used_lock",
        "master_pos_wait",
        "source_pos_wait",
        "master_gtid_wait",
        "wait_for_executed_gtid_set",
        "wait_until_sql_thread_after_gtids",
        "load_extension",
        "readfile",
        "writefile",
        "edit",
        "sys_exec",
        "sys_eval",
        "last_insert_id",
    }
)
# Functions that change data: refused for read-only keys only.
_WRITING_FUNCTIONS = frozenset({"nextval", "setval", "lastval"})

# /*!  /*!50000  /*M!  /*m!  /*+  (MySQL runs the text of the first three; the last is an optimizer
# hint, which can set session variables with SET_VAR). Matched anywhere, even inside a string literal:
# refusing a rare legitimate literal is cheaper than a lexer that might disagree with the server's.
_EXECUTABLE_COMMENT = re.compile(r"/\*\s*(?:[mM]?!|\+)")

_UNVERIFIABLE = "could not be verified"


def split_statements(sql: str, dialect: str) -> list[str]:
    """The statements in ``sql`` (comments and empty statements dropped)."""
    import sqlglot
    from sqlglot.errors import SqlglotError
    from sqlglot.tokens import TokenType

    try:
        tokens = sqlglot.tokenize(sql, read=dialect)
    except SqlglotError as exc:
        raise ReadOnlyViolation(f"the statement could not be read: {_first_line(exc)}") from None

    statements, start = [], 0
    for tok in tokens:
        if tok.token_type == TokenType.SEMICOLON:
            statements.append(sql[start : tok.start].strip())
            start = tok.end + 1
    statements.append(sql[start:].strip())
    return [
        s
        for s in statements
        if s and any(t.token_type != TokenType.SEMICOLON for t in sqlglot.tokenize(s, read=dialect))
    ]


def is_single_query(sql: str, dialect: str) -> bool:
    """True when ``sql`` is exactly one SELECT/WITH/set-operation statement (no verdict on safety)."""
    try:
        check_read_only(sql, dialect)
    except ReadOnlyViolation:
        return False
    return True


def check_read_only(sql: str, dialect: str) -> str:
    """Return the single statement of ``sql`` if it is a plain query, else raise ReadOnlyViolation."""
    return check_statement(sql, dialect, read_only=True)


def check_statement(
    sql: str, dialect: str, *, read_only: bool, schemas: Iterable[str] | None = None
) -> str:
    """The single statement of ``sql`` if the guard lets it run, else raise ReadOnlyViolation.

    ``schemas``: the schema names a qualified table or column may name (the
    served database); None leaves names unchecked (SQLite, which has no other
    schema unless one is ATTACHed, and ATTACH is refused).
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    statements = split_statements(sql, dialect)
    if not statements:
        raise ReadOnlyViolation("no SQL statement to run")
    if len(statements) > 1:
        raise ReadOnlyViolation("only one SQL statement may be run at a time")
    statement = statements[0]
    if _EXECUTABLE_COMMENT.search(statement):
        raise ReadOnlyViolation(
            "executable comments and optimizer hints (/*! … */, /*M! … */, /*+ … */) are not allowed"
        )
    try:
        tree = sqlglot.parse_one(statement, read=dialect)
    except SqlglotError as exc:
        raise ReadOnlyViolation(f"the statement {_UNVERIFIABLE} ({_first_line(exc)})") from None
    if isinstance(tree, exp.Command):
        raise ReadOnlyViolation(
            f"the statement {_UNVERIFIABLE} ({tree.name.upper() or 'unknown command'})"
        )
    if read_only and not isinstance(tree, exp.Query):
        kind = type(tree).__name__.upper()
        raise ReadOnlyViolation(
            f"only SELECT statements are allowed with a read-only key (got {kind})"
        )
    allowed = {s.lower() for s in schemas} if schemas is not None else None
    for node in tree.walk():
        _check_node(node, read_only, allowed)
    return statement


def _denied_nodes():
    from sqlglot import exp

    everyone = (
        exp.Into,
        exp.Set,
        exp.SetItem,
        exp.Parameter,
        exp.SessionParameter,
        exp.Placeholder,
        exp.Command,
        exp.Pragma,
        exp.Use,
        exp.Transaction,
        exp.Commit,
        exp.Rollback,
        exp.Grant,
        exp.Revoke,
        exp.Copy,
        exp.LoadData,
        exp.Kill,
        exp.Attach,
        exp.Detach,
    )
    writes = (
        exp.Insert,
        exp.Update,
        exp.Delete,
        exp.Merge,
        exp.Create,
        exp.Drop,
        exp.Alter,
        exp.Lock,
        exp.TruncateTable,
        exp.Analyze,
    )
    return everyone, writes


def _check_node(node, read_only: bool, schemas: set[str] | None) -> None:
    from sqlglot import exp

    everyone, writes = _denied_nodes()
    if isinstance(node, everyone) or (read_only and isinstance(node, writes)):
        raise ReadOnlyViolation(
            f"{_describe(node)} is not allowed"
            + (" with a read-only key" if isinstance(node, writes) else "")
        )
    if isinstance(node, exp.Func):
        name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
        if name in _DENIED_FUNCTIONS or (read_only and name in _WRITING_FUNCTIONS):
            raise ReadOnlyViolation(f"function {name.upper()} is not allowed")
    if schemas is not None and isinstance(node, (exp.Table, exp.Column)):
        for part in ("catalog", "db"):
            value = node.args.get(part)
            name = value.name if isinstance(value, exp.Expression) else ""
            if name and name.lower() not in schemas:
                raise ReadOnlyViolation(
                    f"only the tables of this database can be queried (not {name}.…)"
                )


def _describe(node) -> str:
    from sqlglot import exp

    if isinstance(node, exp.Into):
        return "SELECT … INTO"
    if isinstance(node, exp.Lock):
        return "a locking clause"
    if isinstance(node, (exp.Parameter, exp.SessionParameter, exp.Placeholder)):
        return "a variable (@…)"
    if isinstance(node, (exp.Set, exp.SetItem)):
        return "SET"
    return type(node).__name__.upper()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
