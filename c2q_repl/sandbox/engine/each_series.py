"""'Highest-volume trading day in 2022 for AMZN, GOOGL and META?': the top day of each series
named, not the one day of the three pooled.

A ranking of a history's rows (ORDER BY a measure, LIMIT n) kept to several named series of
that history reads, without 'which of', 'among' or 'overall', as n rows for each of them;
pooled, it showed one stock's day as if it answered for all three. The spec gets the series
key as its per-group column, which sqlbuild ranks with ROW_NUMBER() OVER (PARTITION BY …).
Pure: the question and the spec in, the spec out.
"""

from __future__ import annotations

import re

from c2q_repl.sandbox.contracts import Catalog

from .spec import QuerySpec

# 'which of AMZN, GOOGL and META …', 'the highest among them', 'overall', 'combined': one
# ranking over all the rows named
_POOLED = re.compile(
    r"\bwhich\s+(?:of|one|stock|company|ticker|name)\b|\bamong\b|\bacross\b|\boverall\b|"
    r"\bcombined\b|\btogether\b|\bbetween\s+(?:them|the)\b|\bof\s+(?:the|these|those|all)\s+"
    r"(?:two|three|four|five|\d+)\b|\bany\s+of\b|\bwho\b|\bwhose\b",
    re.I,
)


def each_series(question: str, spec: QuerySpec, catalog: Catalog) -> QuerySpec:
    """``spec`` ranked within each named series when it ranks the rows of several."""
    if (
        spec.shape != "list"
        or not spec.limit
        or spec.order_by is None
        or spec.metric is not None
        or spec.per_group is not None
        or spec.group_by is not None
        or _POOLED.search(question)
    ):
        return spec
    table = catalog.table(spec.table)
    if table is None or len(table.primary_key) != 2:
        return spec
    named = [
        f
        for f in spec.filters
        if f.op == "in"
        and len(f.values) > 1
        and not f.time
        and f.col.table == spec.table
        and f.col.column in table.primary_key
    ]
    if len(named) != 1:
        return spec
    dated = [c for c in table.primary_key if c != named[0].col.column]
    if spec.order_by.column in table.primary_key or not dated:
        return spec  # ('the first 3 days for A and B': ordered by the date itself)
    return spec.with_(per_group=named[0].col)
