"""An answer that only repeats what the question named ('where's the S&P 500 index at …'
shown as the row 'SP500, S&P 500') answers nothing: the engine declines it instead of
presenting it as the answer. When the question also names a table whose rows belong to the
named row ('user 25's watchlist', 'user 61 picks?'), those rows are the answer."""

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
    if any(f.op in ("absent", "present") for f in spec.filters):
        return None  # 'which of KO, NKE and DIS were never picked': the named rows narrowed
    if any(_partly_keyed(spec, catalog, t) for t in tables):
        return None  # 'picks of user 76': one part of a two-part key leaves many rows
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


def _partly_keyed(spec: QuerySpec, catalog: Catalog, table: str) -> bool:
    """A table keyed by several columns whose filters name only some of them: the rows shown
    differ in the others, so they are an answer, not an echo of the question."""
    info = catalog.table(table)
    if info is None or len(info.primary_key) < 2:
        return False
    named = {f.col.column for f in spec.filters if f.col.table == table and f.op in ("=", "in")}
    return not set(info.primary_key) <= named


def linked_rows_of(spec: QuerySpec, catalog: Catalog) -> QuerySpec | None:
    """'user 61 picks?' read as user 61, joined to the picks: the picks of user 61 instead
    (the one table named beside the pinned row, which links to it), or None."""
    if spec.shape != "list" or len(spec.also_join) != 1 or spec.columns:
        return None
    child = spec.also_join[0]
    linked = any(
        {rel.from_table, rel.to_table} == {spec.table, child} for rel in catalog.relationships
    )
    if not linked:
        return None
    note = ("rows", f"the {child} rows of the {spec.table} row named")
    # every column of those rows is shown ('user' names the owner, not a column asked for)
    info = catalog.table(child)
    columns = tuple(Col(child, c.name) for c in info.columns) if info else ()
    return spec.with_(
        table=child, also_join=(), columns=columns, asked_columns=True, notes=(*spec.notes, note)
    )
