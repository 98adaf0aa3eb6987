"""'When did the S&P 500 first close below 4,500?': the first day past the level, shown with
the value it closed at (the day alone, as MIN(date), left out the close the question names).

The question is read as 'first date X closed below N' (everyday.py), which plans as the
smallest date over the rows past the level; that SQL is read back and asked as those rows in
date order, the first one, with the compared column beside its date.
"""

from __future__ import annotations

import re

from sqlglot import exp

from .parsed import select_of

_FIRST_CROSSING = re.compile(
    r"\bfirst\s+(?:close|closed|closes|finish|finished|end|ended)\s+(?:below|above|under|over)\b",
    re.I,
)


def first_crossing(question: str, sql: str, dialect: str) -> str | None:
    """The row of the first day past the level, or None when the SQL is not MIN(date) over
    the rows compared with one number."""
    if not _FIRST_CROSSING.search(question):
        return None
    tree = select_of(sql, dialect)
    if tree is None or len(tree.selects) != 1 or tree.args.get("group"):
        return None
    smallest = tree.selects[0].find(exp.Min)
    where = tree.args.get("where")
    if smallest is None or where is None or not isinstance(smallest.this, exp.Column):
        return None
    compared = [
        c.this
        for c in where.find_all(exp.LT, exp.GT, exp.LTE, exp.GTE)
        if isinstance(c.this, exp.Column) and isinstance(c.expression, exp.Literal)
    ]
    if len(compared) != 1:
        return None
    day = smallest.this.copy()
    tree.set("expressions", [day, compared[0].copy()])
    tree = tree.order_by(exp.Ordered(this=day.copy(), desc=False), copy=False).limit(1, copy=False)
    return tree.sql(dialect=dialect)
