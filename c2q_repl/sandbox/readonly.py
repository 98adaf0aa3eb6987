"""Parser-level read-only check, the first of the sandbox's layered defences.

It refuses anything that is not exactly one query statement, and queries that
smuggle a change or a lock in (``SELECT … INTO``, ``FOR UPDATE``, a CTE that
wraps an INSERT, ``LOAD_FILE``/lock functions). A statement the parser cannot
read is refused too: under a read-only role, "could not verify" means no.
The database's own read-only mode backs this up (query_only + authorizer for
SQLite, a READ ONLY transaction for MySQL), so a parser gap alone is harmless.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import ReadOnlyViolation

_DENIED_FUNCTIONS = frozenset(
    {
        "load_file",
        "sleep",
        "benchmark",
        "get_lock",
        "release_lock",
        "release_all_locks",
        "is_free_lock",
        "is_used_lock",
        "master_pos_wait",
        "source_pos_wait",
        "load_extension",
        "readfile",
        "writefile",
        "edit",
        "nextval",
        "setval",
        "lastval",
    }
)


def split_statements(sql: str, dialect: str) -> list[str]:
    """The statements in ``sql`` (comments and empty statements dropped)."""
    import sqlglot
    from sqlglot.errors import SqlglotError

    try:
        tokens = sqlglot.tokenize(sql, read=dialect)
    except SqlglotError as exc:
        raise ReadOnlyViolation(f"the statement could not be read: {_first_line(exc)}") from None
    from sqlglot.tokens import TokenType

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
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    statements = split_statements(sql, dialect)
    if not statements:
        raise ReadOnlyViolation("no SQL statement to run")
    if len(statements) > 1:
        raise ReadOnlyViolation("only one SQL statement may be run at a time")
    statement = statements[0]
    try:
        tree = sqlglot.parse_one(statement, read=dialect)
    except SqlglotError as exc:
        raise ReadOnlyViolation(
            f"the statement could not be verified as read-only ({_first_line(exc)})"
        ) from None
    if not isinstance(tree, exp.Query):
        kind = type(tree).__name__.upper()
        raise ReadOnlyViolation(
            f"only SELECT statements are allowed with a read-only key (got {kind})"
        )
    denied = (
        exp.Insert,
        exp.Update,
        exp.Delete,
        exp.Merge,
        exp.Create,
        exp.Drop,
        exp.Alter,
        exp.Command,
        exp.Into,
        exp.Lock,
        exp.Set,
        exp.TruncateTable,
        exp.Pragma,
        exp.Use,
        exp.Transaction,
        exp.Commit,
        exp.Rollback,
        exp.Grant,
        exp.Revoke,
        exp.Copy,
        exp.LoadData,
        exp.Analyze,
        exp.Kill,
        exp.Attach,
        exp.Detach,
    )
    for node in tree.walk():
        if isinstance(node, denied):
            what = (
                "SELECT … INTO"
                if isinstance(node, exp.Into)
                else (
                    "a locking clause"
                    if isinstance(node, exp.Lock)
                    else type(node).__name__.upper()
                )
            )
            raise ReadOnlyViolation(f"{what} is not allowed with a read-only key")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in _DENIED_FUNCTIONS:
                raise ReadOnlyViolation(
                    f"function {name.upper()} is not allowed with a read-only key"
                )
    return statement


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
