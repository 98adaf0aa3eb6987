"""The SQL dialect the sandbox speaks, and its translation for the database that runs it.

The sandbox presents itself as Chat2Query over TiDB, and users paste the SQL it
shows into TiDB: every statement it writes, shows or accepts is MySQL. A
backend whose own dialect differs (SQLite) translates MySQL text into its own
only to execute it, keeping MySQL's meaning: ``/`` divides exactly (10/3 is
3.3333, not 3), ``DATE_FORMAT`` becomes ``STRFTIME``, backticks become double
quotes, ``DATE_SUB(d, INTERVAL 1 YEAR)`` becomes ``DATE(d, '-1 year')``.
"""

from __future__ import annotations

SHOWN = "mysql"  # sqlglot's name for the dialect of TiDB, MySQL and MariaDB

_SQLITE_DATE_UNITS = {
    "DAY": ("days", 1),
    "WEEK": ("days", 7),
    "MONTH": ("months", 1),
    "QUARTER": ("months", 3),
    "YEAR": ("years", 1),
}
_SQLITE_TIME_UNITS = {"HOUR": "hours", "MINUTE": "minutes", "SECOND": "seconds"}


def for_backend(sql: str, backend: str, float_columns: frozenset[str] = frozenset()) -> str:
    """MySQL ``sql`` in the ``backend`` dialect (unchanged for MySQL backends).

    ``float_columns``: names (lower case) of single-precision FLOAT columns. MySQL
    compares such a column as the double its float widens to (a FLOAT -0.1 is
    not = -0.1), so in conditions SQLite compares ``FLOAT32(column)`` instead.
    Text sqlglot cannot read as MySQL is returned unchanged: the database then
    reports its own error, which is more useful than a translator's.
    """
    if backend == SHOWN:
        return sql
    import sqlglot
    from sqlglot.errors import SqlglotError

    try:
        trees = [t for t in sqlglot.parse(sql, read=SHOWN) if t is not None]
    except SqlglotError:
        return sql
    if backend == "sqlite":
        trees = [t.transform(_sqlite_date_arithmetic) for t in trees]
        if float_columns:
            trees = [_widen_float_comparisons(t, float_columns) for t in trees]
    try:
        return ";\n".join(t.sql(dialect=backend) for t in trees)
    except SqlglotError:
        return sql


def _interval_parts(node):
    """(base, amount, unit, sign) of MySQL date arithmetic with a literal amount, else None."""
    from sqlglot import exp

    if isinstance(node, (exp.DateAdd, exp.DateSub)):
        base, amount, unit = node.this, node.expression, node.unit
        sign = -1 if isinstance(node, exp.DateSub) else 1
        if isinstance(amount, exp.Interval):
            amount, unit = amount.this, amount.unit
    elif isinstance(node, (exp.Add, exp.Sub)) and isinstance(node.expression, exp.Interval):
        base, amount, unit = node.this, node.expression.this, node.expression.unit
        sign = -1 if isinstance(node, exp.Sub) else 1
    else:
        return None
    if isinstance(amount, exp.Neg):
        amount, sign = amount.this, -sign
    try:
        number = float(str(amount.name))
    except (AttributeError, ValueError):
        return None
    unit_name = (unit.name if unit is not None else "DAY").upper().rstrip("S") or "DAY"
    return base, sign * number, unit_name


def _sqlite_date_arithmetic(node):
    """``DATE_SUB(d, INTERVAL 1 YEAR)``, ``d - INTERVAL 30 DAY`` … → SQLite ``DATE(d, '-1 years')``."""
    from sqlglot import exp

    parts = _interval_parts(node)
    if parts is None:
        return node
    base, amount, unit = parts
    if unit in _SQLITE_DATE_UNITS:
        name, factor = _SQLITE_DATE_UNITS[unit]
        function = "DATE"
    elif unit in _SQLITE_TIME_UNITS:
        name, factor, function = _SQLITE_TIME_UNITS[unit], 1, "DATETIME"
    else:
        return node
    value = amount * factor
    text = f"{int(value):+d}" if float(value).is_integer() else f"{value:+g}"
    modifier = exp.Literal.string(f"{text} {name}")
    return exp.Anonymous(this=function, expressions=[base.copy(), modifier])


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
