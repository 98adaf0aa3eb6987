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


# 'ranked by', 'by', 'per', 'most', 'top': the groups the plural noun names are ranked or counted
_GROUPS_RANKED = frozenset(
    {"ranked by", "rank by", "sorted by", "by", "per", "most", "fewest", "top"}
)


def value_before_groups(question: str, linked: Linked) -> str | None:
    """'Financial Services industries ranked by total mkt cap', 'California cities with the most
    companies': a value of one column said right before the plural noun of another column of
    the same table, which the question then ranks. Read as 'industries in Financial Services';
    None otherwise."""
    items = linked.items
    ranked = any(it.kind == "kw" and it.text.lower() in _GROUPS_RANKED for it in items)
    for i in range(len(items) - 1):
        value, noun = items[i], items[i + 1]
        if value.kind != "value" or noun.kind != "column" or noun.start != value.end:
            continue
        # 'how many companies are in each Texas city': the groups said with 'each'
        each = re.search(
            rf"\b(?:each|every|per)\s+{re.escape(value.text)}\s+{re.escape(noun.text)}\b",
            question,
            re.I,
        )
        if not ranked and not each:
            continue
        if not each and not noun.text.lower().endswith("s"):
            continue  # 'Apple industry': that company's industry, not groups
        columns = {(t.table, t.column) for t in noun.targets}
        owners = {(t.table, t.column) for t in value.targets}
        if len(columns) != 1 or len(owners) != 1:
            continue
        (table, column), (own_table, own_column) = next(iter(columns)), next(iter(owners))
        if table != own_table or column == own_column:
            continue
        said = re.compile(rf"\b{re.escape(value.text)}\s+{re.escape(noun.text)}\b", re.I)
        moved, n = said.subn(f"{noun.text} in {value.text}", question, count=1)
        return moved if n else None
    return None
