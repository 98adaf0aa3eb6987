"""'On which dates?' after 'What were Exxon's highest and lowest closing prices in 2022?': the
days of those values. The previous answer was one row of MAX/MIN of one column; the rows of
the same table, under the same conditions, whose value equals one of them are listed with
their dates (every day tied at a value is shown, so none is picked silently).
"""

from __future__ import annotations

import re

from sqlglot import exp

from .parsed import select_of

_WHICH_DAYS = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:(?:on|at)\s+)?(?:which|what)\s+(?:dates?|days?)"
    r"(?:\s+(?:was|were|did)\s+(?:that|those|they|these|it|each|the\s+two)(?:\s+(?:happen|hit|"
    r"set))?)?\s*[?.!]*\s*$"
    r"|^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?when\s+(?:was|were|did)\s+(?:that|those|they|these|"
    r"it|each)(?:\s+(?:happen|hit|set))?\s*[?.!]*\s*$",
    re.I,
)


def days_of_extremes(question: str, sql: str, dialect: str, date_column: str) -> str | None:
    """The rows whose value is one of the previous answer's MAX/MIN values, with their dates;
    None when the question or the previous SQL is not that."""
    if not _WHICH_DAYS.match(question):
        return None
    tree = select_of(sql, dialect)
    if tree is None or tree.args.get("group") or tree.args.get("having"):
        return None
    extremes = []
    for shown in tree.selects:
        inner = shown.this if isinstance(shown, exp.Alias) else shown
        if not isinstance(inner, (exp.Max, exp.Min)) or not isinstance(inner.this, exp.Column):
            return None
        extremes.append(inner)
    columns = {e.this.sql() for e in extremes}
    if not extremes or len(columns) != 1:
        return None
    column = extremes[0].this
    table = column.table
    day = exp.column(date_column, table=table) if table else exp.column(date_column)
    matches = [
        exp.EQ(
            this=column.copy(),
            expression=exp.Subquery(this=tree.copy().select(e.copy(), append=False)),
        )
        for e in extremes
    ]
    condition = matches[0] if len(matches) == 1 else exp.or_(*matches)
    rows = tree.copy().select(day, column.copy(), append=False)
    rows = rows.where(exp.paren(condition) if len(matches) > 1 else condition, copy=False)
    rows = rows.order_by(exp.Ordered(this=day.copy(), desc=False), copy=False)
    return rows.sql(dialect=dialect)
