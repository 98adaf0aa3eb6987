"""'sector weights', 'tech sector wt', 'the weight of the tech sector': a group's share of a
measure that adds up is the total over the group's rows.

A portfolio manager's 'sector weights' is the index weight of each sector (the sum of its
stocks' weights), and 'the tech sector's weight' that sum for one sector; read as two
columns side by side they were declined ('sector' and 'weight' are two columns), and 'the
weight of the tech sector' listed every tech stock's weight. Read only for a grouping column
(one whose values the lexicon indexes) and a number column whose values add up (how_much.py:
a weight, a market cap, a headcount, never a price or a rate), with no aggregate said.
"""

from __future__ import annotations

import re

from .how_much import adds_up
from .lexicon import Lexicon, Target, column_kind
from .linking import Item, Linked, link
from .names import split_words
from .normalize import tokenize
from .spec import Col

_AGGREGATE = frozenset({"agg", "count"})
_NAMES_A_ROW = re.compile(r"(?:name|title|symbol|code|id|key)$", re.I)
# a share of the whole is ratio.py's ('what share of the index weight is tech')
_SHARE = re.compile(r"\bshare\b|%|\bpercent(?:age)?\b|\bproportion\b|\bfraction\b", re.I)


def group_totals(question: str, lex: Lexicon) -> tuple[str, tuple[str, str]] | None:
    """The question with '<group> <measure>' read as the measure's total per group (or for
    the one group named), and (said, read as) for the assumptions; None when it does not
    apply."""
    if _SHARE.search(question):
        return None
    linked = link(question, lex)
    if any(it.kind == "kw" and it.category in _AGGREGATE for it in linked.items):
        return None
    found = _named_group(linked, lex) or _group_then_measure(linked, lex)
    if found is None:
        return None
    start, end, reading = found
    words = [(t.start, t.end) for t in tokenize(question)]  # link's token positions
    rewritten = question[: words[start][0]] + reading + question[words[end - 1][1] :]
    said = question[words[start][0] : words[end - 1][1]]
    return rewritten, (said, reading)


def _group_then_measure(linked: Linked, lex: Lexicon) -> tuple[int, int, str] | None:
    """'sector weights' (each group's total), 'tech sector wt' (the named group's total)."""
    items = sorted(linked.items, key=lambda it: it.start)
    for k, (group, measure) in enumerate(zip(items, items[1:], strict=False)):
        if group.end != measure.start or not _grouping(group, lex):
            continue
        col = _additive(measure, lex)
        if col is None or col == _column(group):
            continue
        before = items[k - 1] if k > 0 else None
        if before is not None and before.end == group.start and _value_of(before, group):
            return (
                before.start,
                measure.end,
                f"total {measure.text} of {before.text} {_rows(group)}",
            )
        return group.start, measure.end, f"total {measure.text} per {group.text}"
    for value, measure in zip(items, items[1:], strict=False):
        # 'comm svcs wt': a group's value with the measure in the singular (its weight, not
        # each of its stocks' weights), the group column not said
        col = _additive(measure, lex)
        rows = _group_of_value(value, lex)
        if value.end != measure.start or col is None or rows is None or _plural(measure, col):
            continue
        return value.start, measure.end, f"total {measure.text} of {value.text} {rows}"
    return None


def _group_of_value(item: Item, lex: Lexicon) -> str | None:
    """The rows ('companies') a value of a grouping column stands for, or None."""
    columns = {(t.table, t.column) for t in item.targets}
    if item.kind != "value" or len(columns) != 1:
        return None
    table, column = columns.pop()
    as_column = Item("column", column, 0, 0, targets=(Target("column", table, column),))
    return _rows(as_column) if _grouping(as_column, lex) else None


def _plural(measure: Item, col: Col) -> bool:
    """'weights' said of a column named 'weight': each row's value, not one total."""
    said = measure.text.lower().split()[-1]
    return said.endswith("s") and not col.column.lower().endswith("s")


def _named_group(linked: Linked, lex: Lexicon) -> tuple[int, int, str] | None:
    """'the weight of the tech sector': the measure, 'of (the)', a value and its column."""
    items = sorted(linked.items, key=lambda it: it.start)
    for k in range(len(items) - 2):
        measure, value, group = items[k], items[k + 1], items[k + 2]
        if not (value.end == group.start and value.start - measure.end in (1, 2)):
            continue
        if not (_grouping(group, lex) and _value_of(value, group)):
            continue
        if _additive(measure, lex) is None:
            continue
        return measure.start, group.end, f"total {measure.text} of {value.text} {_rows(group)}"
    return None


def _column(item: Item) -> Col | None:
    """The one column a column item names (its targets differ only in how it was said)."""
    columns = {(t.table, t.column) for t in item.targets}
    if item.kind != "column" or len(columns) != 1:
        return None
    return Col(*columns.pop())


def _grouping(item: Item, lex: Lexicon) -> bool:
    """A text column whose values the lexicon indexes (a sector, a state): groups of rows;
    never a key, a name or a code, whose value is one row ('NVIDIA Corporation', 'AAPL')."""
    col = _column(item)
    info = lex.column_info(col.table, col.column) if col is not None else None
    if col is None or info is None or column_kind(info.type) != "text":
        return False
    if _NAMES_A_ROW.search(col.column) or _is_key(col, lex):
        return False
    return any(
        t.kind == "value" and t.table == col.table and t.column == col.column
        for targets in lex.phrases.values()
        for t in targets
    )


def _is_key(col: Col, lex: Lexicon) -> bool:
    table = lex.catalog.table(col.table)
    if table is not None and col.column in table.primary_key:
        return True
    return any(
        (r.from_table, r.from_column) == (col.table, col.column)
        or (r.to_table, r.to_column) == (col.table, col.column)
        for r in lex.catalog.relationships
    )


def _additive(item: Item, lex: Lexicon) -> Col | None:
    col = _column(item)
    info = lex.column_info(col.table, col.column) if col is not None else None
    if col is None or info is None or column_kind(info.type) != "number":
        return None
    table = lex.catalog.table(col.table)
    if table is not None and col.column in table.primary_key:
        return None  # an id adds up to nothing
    return col if adds_up(col) else None


def _value_of(item: Item, group: Item) -> bool:
    """A value of the group's own column ('tech' for the sector)."""
    column = (group.targets[0].table, group.targets[0].column)
    return (
        item.kind == "value"
        and bool(item.targets)
        and all((t.table, t.column) == column for t in item.targets)
    )


def _rows(group: Item) -> str:
    """The rows the group is made of, said as the group column's table ('companies')."""
    return " ".join(split_words(group.targets[0].table)).lower()
