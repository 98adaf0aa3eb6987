"""The SQL dialect the sandbox speaks, and its translation for the database that runs it.

The sandbox presents itself as Chat2Query over TiDB, and users paste the SQL it
shows into TiDB: every statement it writes, shows or accepts is MySQL. A
backend whose own dialect differs (SQLite) translates MySQL text into its own
only to execute it, keeping MySQL's meaning: ``/`` divides exactly (10/3 is
3.3333, not 3), backticks become double quotes, and MySQL functions SQLite
lacks or reads differently (``DATE_FORMAT``, ``DATE_SUB(d, INTERVAL 1 MONTH)``,
``TRUNCATE``, ``LEFT`` …) are rewritten by :mod:`c2q_repl.sandbox.mysql_calls`.
"""

from __future__ import annotations

SHOWN = "mysql"  # sqlglot's name for the dialect of TiDB, MySQL and MariaDB


def for_backend(sql: str, backend: str, float_columns: frozenset[str] = frozenset()) -> str:
    """MySQL ``sql`` in the ``backend`` dialect (unchanged for MySQL backends).

    ``float_columns``: names (lower case) of single-precision FLOAT columns. MySQL
    compares such a column as the double its float widens to (a FLOAT -0.1 is
    not = -0.1), so in conditions SQLite compares ``FLOAT32(column)`` instead.
    Text sqlglot cannot read as MySQL is returned unchanged: the database then
    reports its own error, which is more useful than a translator's. A MySQL
    function SQLite cannot run with MySQL's meaning raises
    :class:`~c2q_repl.sandbox.mysql_calls.Unsupported` (an ``SQLExecutionError``).
    """
    if backend == SHOWN:
        return sql
    import sqlglot
    from sqlglot.errors import SqlglotError

    try:
        trees = [t for t in sqlglot.parse(sql, read=SHOWN) if t is not None]
    except SqlglotError:
        return sql
    _refuse_dropped_arguments(sql)
    if backend == "sqlite":
        from c2q_repl.sandbox.mysql_calls import rewrite_calls

        trees = [rewrite_calls(t) for t in trees]
        if float_columns:
            trees = [_widen_float_comparisons(t, float_columns) for t in trees]
    try:
        return ";\n".join(t.sql(dialect=backend) for t in trees)
    except SqlglotError:
        return sql


def _widen_float_comparisons(tree, float_columns: frozenset[str]):
    """Wrap FLOAT columns compared in a condition in ``FLOAT32()`` (a SQLite function of ours)."""
    from sqlglot import exp

    comparisons = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between, exp.In)
    for column in list(tree.find_all(exp.Column)):
        if column.name.lower() not in float_columns:
            continue
        parent = column.parent
        if isinstance(parent, comparisons):
            column.replace(exp.Anonymous(this="FLOAT32", expressions=[column.copy()]))
    return tree


# MySQL functions whose extra arguments sqlglot's MySQL reader drops without a word
# ('DATE(d, '-1 year')', SQLite's date arithmetic, would run as DATE(d): a wrong answer)
_ONE_ARGUMENT = frozenset({"DATE"})


def _refuse_dropped_arguments(sql: str) -> None:
    """Raise MySQL's own error for a call with more arguments than MySQL takes."""
    from sqlglot.errors import SqlglotError
    from sqlglot.tokens import TokenType

    from c2q_repl.sandbox.mysql_calls import Unsupported

    try:
        tokens = sqlglot_tokens(sql)
    except SqlglotError:
        return
    for k, token in enumerate(tokens[:-1]):
        name = token.text.upper()
        if name not in _ONE_ARGUMENT or tokens[k + 1].token_type != TokenType.L_PAREN:
            continue
        depth = 0
        for later in tokens[k + 1 :]:
            if later.token_type == TokenType.L_PAREN:
                depth += 1
            elif later.token_type == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    break
            elif later.token_type == TokenType.COMMA and depth == 1:
                raise Unsupported(
                    f"Incorrect parameter count in the call to native function '{name}'"
                )


def sqlglot_tokens(sql: str) -> list:
    from sqlglot.dialects.dialect import Dialect

    return Dialect.get_or_raise(SHOWN).tokenize(sql)
