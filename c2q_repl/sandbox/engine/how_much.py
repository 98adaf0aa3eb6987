"""'how much market cap do tech companies have', 'how much volume traded for AAPL in 2023':
'how much' over many rows asks for their total, not a list of the values.

Only for a measure that adds up (a volume, a market cap, a headcount, a weight); a price,
a rate or a growth summed is meaningless, so those stay as the engine read them. One row
('how much market cap does Apple have') is its own value.
"""

from __future__ import annotations

import re

from c2q_repl.sandbox.contracts import Catalog

from .linking import Linked
from .names import split_words
from .spec import Col, Metric, QuerySpec, one_day

# words of a column whose values do not add up across rows
_NOT_ADDITIVE = frozenset(
    {
        "price",
        "close",
        "open",
        "high",
        "low",
        "rate",
        "growth",
        "ratio",
        "pct",
        "percent",
        "percentage",
        "avg",
        "average",
        "mean",
        "age",
        "year",
        "score",
        "rating",
        "rank",
        "id",
        "code",
        "number",
        "no",
        "latitude",
        "longitude",
        "lat",
        "lon",
    }
)


def total_of_how_much(spec: QuerySpec, linked: Linked, catalog: Catalog) -> QuerySpec | None:
    """The spec summing its one additive measure when the question starts 'how much' and
    names no aggregate; None when that reading does not apply."""
    first = next((it for it in linked.items if it.kind == "kw"), None)
    if first is None or not re.fullmatch(r"how\s+much", first.text, re.I):
        return None
    if spec.shape != "list" or spec.metric is not None or spec.distinct or spec.limit_stated:
        return None
    if spec.order_by is not None or spec.per_group is not None:
        return None
    info = catalog.table(spec.table)
    if info is None:
        return None
    key = set(info.primary_key)
    measures = [
        c for c in spec.columns if c.column not in key and _is_number(catalog, c) and adds_up(c)
    ]
    others = [c for c in spec.columns if c not in measures and c.column not in key]
    if len(measures) != 1 or others or _one_row(spec, catalog):
        return None
    col = measures[0]
    note = ("how much", f"'how much' read as the total of {col.column} over the rows")
    return spec.with_(
        shape="aggregate", metric=Metric("SUM", col), columns=(), notes=(*spec.notes, note)
    )


def _words(col: Col) -> set[str]:
    return {w.lower() for w in split_words(col.column)}


def adds_up(col: Col) -> bool:
    """A measure whose values add up across rows (a market cap, a headcount), not a price, a
    rate or a growth (their sum means nothing)."""
    return not _NOT_ADDITIVE & _words(col)


def _is_number(catalog: Catalog, col: Col) -> bool:
    from .lexicon import column_kind

    info = catalog.table(col.table)
    found = info.column(col.column) if info is not None else None
    return found is not None and column_kind(found.type) == "number"


def _one_row(spec: QuerySpec, catalog: Catalog) -> bool:
    """Every key column of the table is pinned to one value (a row named, on one day)."""
    from .sqlbuild import name_columns

    info = catalog.table(spec.table)
    if info is None or not info.primary_key:
        return False
    pinned: set[str] = set()
    for f in spec.filters:
        single = f.op == "=" and len(f.values) == 1
        if f.col.table == spec.table and single and f.col.column in name_columns(info):
            pinned.update(c for c in info.primary_key if c not in _date_keys(spec, catalog))
        elif f.col.table == spec.table and (single or one_day(f)):
            pinned.add(f.col.column)
        elif single:
            # a name or key of another table ('Apple' for a price history): its one row's
            # key pins the columns that are not dates
            pinned.update(c.name for c in info.columns if c.name in info.primary_key)
            pinned -= _date_keys(spec, catalog)
    return set(info.primary_key) <= pinned | (
        _date_keys(spec, catalog) & {f.col.column for f in spec.filters if one_day(f)}
    )


def _date_keys(spec: QuerySpec, catalog: Catalog) -> set[str]:
    from .lexicon import column_kind

    info = catalog.table(spec.table)
    if info is None:
        return set()
    return {
        c.name for c in info.columns if c.name in info.primary_key and column_kind(c.type) == "date"
    }
