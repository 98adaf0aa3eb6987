"""'which 3 tech stocks have the most picks', 'top 3 healthcare names by number of picks': a
value said before the noun of the rows ranked by a count of other rows. Read as 'stocks in
tech', the way the reader places a value that narrows the ranked rows (before the noun it is
taken for the thing ranked)."""

from __future__ import annotations

import re

from .linking import Linked

_RANKS_BY_COUNT = frozenset({"most", "fewest", "least", "top", "number of", "count of"})


def value_after_noun(question: str, linked: Linked) -> str | None:
    """The question with 'tech stocks' said 'stocks in tech', or None."""
    items = linked.items
    ranks = any(it.kind == "kw" and it.text.lower() in _RANKS_BY_COUNT for it in items)
    if not ranks:
        return None
    for i in range(len(items) - 1):
        value, noun = items[i], items[i + 1]
        if value.kind != "value" or noun.kind != "table" or noun.start != value.end:
            continue
        tables = {t.table for t in noun.targets}
        if not tables or not {t.table for t in value.targets} <= tables:
            continue  # a value of another table's column says something else
        counted = [
            it
            for it in items[i + 2 :]
            if it.kind == "table" and not {t.table for t in it.targets} & tables
        ]
        if not counted:
            continue
        said = re.compile(rf"\b{re.escape(value.text)}\s+{re.escape(noun.text)}\b", re.I)
        moved, n = said.subn(f"{noun.text} in {value.text}", question, count=1)
        return moved if n else None
    return None
