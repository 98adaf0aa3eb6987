"""'whose title contains the word "Death"', 'a name starting with L': text patterns (LIKE).

The linker turns the phrase and its literal into one keyword item carrying the pattern
(:mod:`.textpattern`); the reader (:func:`read_like`) ties it to the text column named just
before it ('title', 'brand name', or a table's name).
"""

from __future__ import annotations

from .asked_names import NAME_WORDS
from .reading import ReadState, Refuse, col_kind, columns_of
from .spec import Col, Filter


def read_like(st: ReadState) -> None:
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "like") and st.free(i)):
            continue
        col, at = _patterned_column(st, i)
        if col is None:
            raise Refuse(f"I could not tell which column '{it.text}' is about.", it.text)
        st.filters.append(Filter(col, "like", (it.arg,)))
        st.notes.append((it.text, f"read as {col.column} LIKE '{it.arg}'"))
        st.take(i, *at)


def _patterned_column(st: ReadState, i: int) -> tuple[Col | None, tuple[int, ...]]:
    """The text column the pattern is about: named right before it ('whose title contains'),
    or a table's name ('whose name starts with', 'restaurants containing …')."""
    from .sqlbuild import name_columns

    before = st.at(i - 1)
    if before is None:
        return None, ()
    if before.kind == "column" and st.free(i - 1):
        cols = list(dict.fromkeys(c for c in columns_of(before) if col_kind(st, c) == "text"))
        return (cols[0], (i - 1,)) if len(cols) == 1 else (None, ())
    named = before.kind == "kw" and before.text.lower() in NAME_WORDS
    two_back = st.at(i - 2)
    if named and two_back is not None and two_back.kind == "column" and st.free(i - 2):
        # 'whose brand name starts with Z': the Brand column, not the table's name
        cols = list(dict.fromkeys(c for c in columns_of(two_back) if col_kind(st, c) == "text"))
        return (cols[0], (i - 2, i - 1)) if len(cols) == 1 else (None, ())
    owner = next((x for x in reversed(st.items[:i]) if x.kind == "table"), None)
    if owner is None or not (named or before is owner):
        return None, ()
    info = st.lex.catalog.table(owner.targets[0].table)
    names = name_columns(info) if info else []
    if len(names) != 1:
        return None, ()
    return Col(owner.targets[0].table, names[0]), ((i - 1,) if named else ())
