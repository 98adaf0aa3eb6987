"""'List the names and cities of all stations': the word 'names' asks for a column.

'name'/'names' is also an intent word ('name the companies'), which is how the linker
reads it; when other columns are listed beside it, the rows' name column is one of the
columns asked for, and dropping it would answer a different question.
"""

from __future__ import annotations

from .reading import ReadState, Refuse
from .spec import Col

NAME_WORDS = frozenset({"name", "names"})
ID_WORDS = frozenset({"id", "ids"})  # 'the ids of the electric bikes': the key column


def name_word_at(st: ReadState) -> int | None:
    """The position of an intent-word 'name(s)' in the question, if any."""
    return next(
        (
            i
            for i, it in enumerate(st.items)
            if it.kind == "kw"
            and it.category == "list"
            and it.text.lower() in NAME_WORDS | ID_WORDS
        ),
        None,
    )


def with_asked_names(st: ReadState, at: int | None, subject: str, shown: list[Col]) -> list[Col]:
    """``shown`` with the columns the words 'id(s)' and 'name(s)' ask for put first ('the id
    and name of …'), unless a name column is already there ('the names of bands' alone)."""
    if at is None or (at == 0 and not shown and st.items[at].text.lower() in NAME_WORDS):
        return shown  # 'Name the top 5 companies …': the intent word, not a column
    asked: list[Col] = []
    for k in range(at, len(st.items)):
        word = st.items[k].text.lower()
        if st.is_kw(k, "list") and word in NAME_WORDS | ID_WORDS:
            for col in _columns_for(st, k, subject, word in ID_WORDS):
                if col not in asked:
                    asked.append(col)
    if all(c in shown for c in asked):
        return shown
    return asked + [c for c in shown if c not in asked]


def _columns_for(st: ReadState, at: int, subject: str, key: bool) -> list[Col]:
    from .sqlbuild import name_columns

    before = st.at(at - 1)
    if (
        before is not None
        and before.kind == "table"
        and at > 0
        and before.end == st.items[at].start
    ):
        owner = before.targets[0].table  # 'their department names'
    else:
        owner = _owner(st, at) or subject
    info = st.lex.catalog.table(owner)
    if key:
        cols = [Col(owner, c) for c in (info.primary_key if info else ())]
        cols = cols if len(cols) == 1 else []
    else:
        cols = [Col(owner, c) for c in (name_columns(info) if info else [])]
    if not cols:
        raise Refuse(f"I could not tell which column of {owner} '{st.items[at].text}' means.")
    return cols


def _owner(st: ReadState, at: int) -> str | None:
    """'the names of stations …': the table right after the word (the stop word 'of' is
    not linked), unless a column comes first ('names and cities of stations')."""
    for item in st.items[at + 1 : at + 4]:
        if item.kind == "table":
            return item.targets[0].table
        if item.kind == "column":
            return None
    return None
