"""One finished SQL statement read back as a SELECT tree, for the modules that reshape an
answer's SQL after it is built (a union of two points, an order, a rounding, a count)."""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError


def select_of(sql: str, dialect: str, where: bool = False) -> exp.Select | None:
    """The SELECT of ``sql``, or None when it is not one (or, with ``where``, has no WHERE)."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or (where and tree.args.get("where") is None):
        return None
    return tree
