"""'On how many days did Apple close higher than it opened?': one numeric column compared
with another column of the same row (``close > open``).

The two columns must belong to one table and be numbers; the second may be named by its
verb ('than it opened', 'than they opened' → open). With no such pair in one table the
comparison is left for the other readers, which decline it.
"""

from __future__ import annotations

from .linking import Item
from .reading import ReadState, Refuse, choose, col_kind, columns_of
from .spec import Col, Filter

COLUMN_OPS = (">col", "<col")
_PRONOUNS = {"it", "they", "its", "their", "the"}


def read_column_comparisons(st: ReadState) -> None:
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "cmp") and it.arg in (">", "<") and st.free(i)):
            continue
        left_at = i - 1
        left = st.at(left_at)
        if left is None or left.kind != "column" or not st.free(left_at):
            continue
        right_at = i + 1
        right = st.at(right_at)
        if right is None or not st.free(right_at):
            continue
        pair = _same_row_pair(st, left, _right_columns(st, right, columns_of(left)))
        if pair is None:
            continue
        first, second = pair
        st.filters.append(Filter(first, it.arg + "col", (second.column,)))
        st.notes.append(
            (it.text, f"{first.column} compared with {second.column} of the same {first.table} row")
        )
        st.take(left_at, i, right_at)


def _right_columns(st: ReadState, item: Item, left: list[Col]) -> list[Col]:
    """The columns the words after the comparison name: a column, or the verb of one
    ('opened' → open) in one of the left column's tables."""
    if item.kind == "column":
        return columns_of(item)
    if item.kind != "kw" or item.category != "relverb":
        return []
    word = item.text.lower()
    stem = word[:-2] if word.endswith("ed") else word
    if not stem:
        return []
    found = []
    for c in left:
        info = st.lex.catalog.table(c.table)
        column = info.column(stem) if info else None
        if column is not None:
            found.append(Col(c.table, column.name))
    return found


def _same_row_pair(st: ReadState, item: Item, right: list[Col]) -> tuple[Col, Col] | None:
    """The left column (chosen among the tables in play) and the right one of its row."""
    pairs = {
        a: b
        for a in columns_of(item)
        for b in right
        if a.table == b.table
        and a.column != b.column
        and col_kind(st, a) == "number"
        and col_kind(st, b) == "number"
    }
    if not pairs:
        return None
    try:
        chosen = choose(st, list(pairs), item)
    except Refuse:
        return None
    return chosen, pairs[chosen]
