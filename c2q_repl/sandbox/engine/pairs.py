"""'oldest and youngest student age', 'cheapest and most expensive product price': two
superlative adjectives of one column are its maximum and its minimum, read like 'highest and
lowest age' (the column named again afterwards only restates it)."""

from __future__ import annotations

from .reading import ReadState


def adjective_pairs(st: ReadState) -> None:
    """Rewrite [MAX, col, MIN, col, …, col] (adjectives of one column) as [MAX, MIN, col, …]."""
    items = st.items
    pairs = [
        i
        for i in range(len(items) - 1)
        if items[i].kind == "kw"
        and items[i].category == "agg"
        and items[i + 1].kind == "column"
        and (items[i].start, items[i].end) == (items[i + 1].start, items[i + 1].end)
    ]
    if len(pairs) != 2 or pairs[1] != pairs[0] + 2:
        return
    first, second = pairs
    column = {(t.table, t.column) for t in items[first + 1].targets}
    if column != {(t.table, t.column) for t in items[second + 1].targets} or len(column) != 1:
        return
    if items[first].arg == items[second].arg:
        return
    later = [
        k
        for k in range(second + 2, len(items))
        if items[k].kind == "column" and {(t.table, t.column) for t in items[k].targets} & column
    ]
    rest = [it for k, it in enumerate(items[second + 2 :], start=second + 2) if k not in later[:1]]
    st.items = [*items[:first], items[first], items[second], items[second + 1], *rest]
    st.notes.append(
        (
            f"{items[first + 1].text} and {items[second + 1].text}",
            f"read as the {items[first].text} and {items[second].text} {items[first + 1].targets[0].column}",
        )
    )
