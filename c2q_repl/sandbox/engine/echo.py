"""An answer that only repeats what the question named ('where's the S&P 500 index at …'
shown as the row 'SP500, S&P 500'; 'user 25's watchlist' as the user id 25) answers
nothing: the engine declines it instead of presenting it as the answer."""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog

from .spec import Col, Decline, QuerySpec
from .sqlbuild import name_columns


def _identity_columns(catalog: Catalog, table: str) -> set[str]:
    info = catalog.table(table)
    if info is None:
        return set()
    return set(info.primary_key) | set(name_columns(info))


def echoed(spec: QuerySpec, shown: tuple[Col, ...], catalog: Catalog) -> Decline | None:
    if spec.shape != "list" or spec.metric is not None or not shown:
        return None
    tables = {c.table for c in shown}
    if any(c.column not in _identity_columns(catalog, c.table) for c in shown):
        return None
    pinned = {
        f.col.table
        for f in spec.filters
        # 'google vs amazon', 'compare google and amazon': several rows named, nothing asked
        if f.op in ("=", "in")
        and not f.time
        and f.col.column in _identity_columns(catalog, f.col.table)
    }
    if not tables <= pinned:
        return None
    named = {f.col for f in spec.filters if f.op in ("=", "in") and not f.time}
    if any(c not in named for c in spec.columns):
        return None  # 'what is the ticker of apple': another identity of the row, asked for
    said = next(
        ", ".join(str(v) for v in f.values)
        for f in spec.filters
        if f.op in ("=", "in") and f.col.table in tables
    )
    if ", " in said:
        return Decline(
            f"The answer would only repeat {said}, which the question names; I could not tell "
            "what to show or compare about them. Please name the value you want (for example "
            "their market cap, their price on a date, or their rows in another table).",
            (said,),
        )
    return Decline(
        f"The answer would only repeat '{said}', which the question names; I could not tell "
        "what to show about it. Please name the value you want (for example its price, its "
        "date or its rows in another table).",
        (said,),
    )
