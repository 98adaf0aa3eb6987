"""'which sectors are they in?' after the 10 worst stocks of 2022: the same ten rows, each with
its sector, shown in the order the ranking put them (worst first), not sorted by ticker. The
rows are named by their keys (an IN list in ranking order); the finished SQL is ordered by each
key's place in that list."""

from __future__ import annotations

from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog

from .parsed import select_of
from .spec import QuerySpec


def ranked(prev: QuerySpec) -> bool:
    """The previous answer was a ranking cut to its top rows."""
    return bool(prev.limit) and (
        prev.order_by is not None or prev.order_metric or bool(prev.change)
    )


def in_ranked_order(sql: str, spec: QuerySpec, catalog: Catalog) -> str | None:
    """``sql`` ordered by the place of each row's key in the spec's IN list, or None when the
    spec lists no such rows (a grouping, its own order, one row)."""
    if spec.shape != "list" or spec.order_by is not None or spec.metric is not None:
        return None
    listed = [f for f in spec.filters if f.op == "in" and not f.time and len(f.values) > 1]
    if len(listed) != 1:
        return None
    keyed = [
        info
        for table in spec.tables()
        if (info := catalog.table(table)) is not None
        and list(info.primary_key) == [listed[0].col.column]
    ]
    if not keyed:
        return None  # rows named by a group value ('those sectors'), not each by its key
    dialect = catalog.dialect
    values = [str(v) for v in listed[0].values]
    tree = select_of(sql, dialect, where=True)
    if tree is None:
        return None
    column = next(
        (
            found.this
            for found in tree.args["where"].find_all(exp.In)
            if isinstance(found.this, exp.Column)
            and found.this.name == listed[0].col.column
            and [str(e.this) for e in found.expressions if isinstance(e, exp.Literal)] == values
        ),
        None,
    )
    if column is None:
        return None
    place = exp.Case()
    for k, value in enumerate(values, start=1):
        place = place.when(exp.EQ(this=column.copy(), expression=exp.Literal.string(value)), k)
    tree.set("order", exp.Order(expressions=[exp.Ordered(this=place, nulls_first=True)]))
    return tree.sql(dialect=dialect)
