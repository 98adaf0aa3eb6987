"""A column said right after a named row belongs to that row: 'the S&P 500 index high'
asks for the index's own high, not the highs of the stocks in it. When the column lives
two or more links away from the named row's table, the engine declines instead of joining
its way there (which once listed every member stock's daily high)."""

from __future__ import annotations

from .lexicon import Lexicon
from .linking import Item, Linked
from .spec import Decline
from .sqlbuild import join_path


def far_attribute(linked: Linked, lex: Lexicon) -> Decline | None:
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items):
        if it.kind != "value" or not it.targets:
            continue
        owner = it.targets[0].table
        at = k + 1
        if at < len(items) and items[at].kind == "table" and _tables(items[at]) == {owner}:
            at += 1  # 'the S&P 500 index high': the owner's own noun between
        if at >= len(items) or items[at].kind != "column":
            continue
        column = items[at]
        homes = _tables(column)
        if owner in homes or not homes:
            continue
        hops = [_hops(lex, owner, home) for home in homes]
        if all(h is not None and h >= 2 for h in hops):
            home = sorted(homes)[0]
            return Decline(
                f"'{column.text}' is a column of {home}, not of {owner}: '{it.text} "
                f"{column.text}' would mean the {home} rows linked to {it.text}. Ask for "
                f"the values of {owner} itself, or name the {home} rows you mean.",
                (column.text,),
            )
    return None


def _tables(item: Item) -> set[str]:
    return {t.table for t in item.targets}


def _hops(lex: Lexicon, start: str, goal: str) -> int | None:
    try:
        return len(join_path(lex.catalog, start, goal))
    except Exception:  # noqa: BLE001 - no route or an ambiguous one: not an attribute either
        return None
