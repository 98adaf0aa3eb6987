"""'median rev gr by sector', 'semis mkt cap - median, avg, min, max': the middle value.

Neither SQLite nor MySQL has a MEDIAN aggregate, so the word is read as 'total' (a SUM the
engine writes in the same place, with the same grouping and conditions), and that SUM is
then replaced by the median of the same rows: each value numbered within its group by
ROW_NUMBER() and the group's size by COUNT(*) OVER, the middle one (odd size) or the mean of
the middle two (even size) kept, with 2·rn BETWEEN n AND n + 2. Empty values are left out,
as every aggregate leaves them. Only when 'total' or 'sum' is not said too (the two would be
one SUM), and only a query with one SUM of one column is rewritten; anything else keeps the
question declined. Window functions run on SQLite 3.25+, MySQL 8 and TiDB alike.
"""

from __future__ import annotations

import re

from sqlglot import exp

from .parsed import select_of

_MEDIAN = re.compile(r"\bmedians?\b", re.I)
_TOTAL = re.compile(r"\b(?:total|sum|summed|combined|aggregate)\b", re.I)


def median_asked(question: str) -> str | None:
    """The question with 'median' read as 'total', or None when it says no median (or says
    a total too)."""
    if not _MEDIAN.search(question) or _TOTAL.search(question):
        return None
    return _MEDIAN.sub("total", question)


def median_sql(sql: str, dialect: str) -> str | None:
    """``sql`` with its one SUM(column) replaced by that column's median over the same rows
    and groups, or None when it is not such a query."""
    tree = select_of(sql, dialect)
    if tree is None or tree.find(exp.Window) is not None:
        return None
    sums = list(tree.find_all(exp.Sum))
    if len(sums) != 1 or not isinstance(sums[0].this, exp.Column):
        return None
    if sums[0].find_ancestor(exp.Subquery) is not None:
        return None
    value = sums[0].this
    group = tree.args.get("group")
    keys = list(group.expressions) if group is not None else []
    numbered = tree.copy()
    for part in ("group", "having", "order", "limit"):
        numbered.set(part, None)
    partition = [k.copy() for k in keys]
    numbered.set(
        "expressions",
        [
            *(exp.alias_(k.copy(), f"k{i}") for i, k in enumerate(keys)),
            exp.alias_(value.copy(), "v"),
            exp.alias_(
                exp.Window(
                    this=exp.RowNumber(),
                    partition_by=partition or None,
                    order=exp.Order(expressions=[exp.Ordered(this=value.copy())]),
                ),
                "rn",
            ),
            exp.alias_(
                exp.Window(
                    this=exp.Count(this=exp.Star()), partition_by=[k.copy() for k in keys] or None
                ),
                "n",
            ),
        ],
    )
    numbered = numbered.where(exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())))
    middle = exp.Between(
        this=exp.Mul(this=exp.Literal.number(2), expression=exp.column("rn")),
        low=exp.column("n"),
        high=exp.Add(this=exp.column("n"), expression=exp.Literal.number(2)),
    )
    medians = (
        exp.select(
            *(exp.column(f"k{i}") for i in range(len(keys))),
            exp.alias_(exp.Avg(this=exp.column("v")), "median_value"),
        )
        .from_(exp.alias_(exp.Subquery(this=numbered), "numbered", table=True))
        .where(middle)
    )
    if keys:
        medians = medians.group_by(*(exp.column(f"k{i}") for i in range(len(keys))))
    joined = exp.alias_(exp.Subquery(this=medians), "medians", table=True)
    if keys:
        on = exp.and_(
            *(
                exp.EQ(this=exp.column(f"k{i}", table="medians"), expression=k.copy())
                for i, k in enumerate(keys)
            )
        )
        out = tree.join(joined, on=on, join_type="left")
    else:
        out = tree.join(joined, join_type="cross")  # one row: the median of all of them
    next(out.find_all(exp.Sum)).replace(exp.Max(this=exp.column("median_value", table="medians")))
    renamed = {}
    for select in out.selects:
        if isinstance(select, exp.Alias) and select.alias.lower().startswith("total_"):
            new = "median_" + select.alias[len("total_") :]
            renamed[select.alias] = new
            select.set("alias", exp.to_identifier(new))
    for column in out.find_all(exp.Column):
        if not column.table and column.name in renamed:
            column.set("this", exp.to_identifier(renamed[column.name]))
    return out.sql(dialect=dialect)
