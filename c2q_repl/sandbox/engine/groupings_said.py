"""'picks per company for each sector': two groupings said, of which a spec keeps one. The
other would be dropped without a word (the picks per sector came back), so the question is
declined: a ratio of counts per group ('picks per company') is beyond the built-in engine."""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog

from .linking import Linked
from .spec import Col, Decline, QuerySpec

_GROUP_WORDS = frozenset({"per", "for each", "each", "by each", "for every", "every"})


def two_groupings(linked: Linked, spec: QuerySpec, catalog: Catalog) -> Decline | None:
    if spec.group_by is None or spec.per_group is not None:
        return None
    said: dict[Col, str] = {}
    items = linked.items
    for i, it in enumerate(items[:-1]):
        if not (it.kind == "kw" and it.category == "group" and it.text.lower() in _GROUP_WORDS):
            continue
        nxt = items[i + 1]
        for target in nxt.targets[:1]:
            if nxt.kind == "column" and target.column:
                said.setdefault(Col(target.table, target.column), f"{it.text} {nxt.text}")
            elif nxt.kind == "table" and target.table != spec.table:
                # ('average passengers per trip' over trips: per row, the average's own unit)
                info = catalog.table(target.table)
                if info is not None and len(info.primary_key) == 1:
                    said.setdefault(Col(target.table, info.primary_key[0]), f"{it.text} {nxt.text}")
    if len(said) < 2:
        return None
    words = list(said.values())
    return Decline(
        f"'{words[0]}' and '{words[1]}' are two groupings; an answer per {words[1].split()[-1]} "
        f"would drop '{words[0]}' (a ratio of counts per group is beyond the built-in engine). "
        "Please ask for one grouping at a time.",
        tuple(words),
    )
