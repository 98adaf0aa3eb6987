"""'List the names and cities of all stations': the word 'names' asks for a column.

'name'/'names' is also an intent word ('name the companies'), which is how the linker
reads it; when other columns are listed beside it, the rows' name column is one of the
columns asked for, and dropping it would answer a different question.
"""

from __future__ import annotations

from .reading import ReadState, Refuse
from .spec import Col

NAME_WORDS = frozenset({"name", "names"})


def name_word_at(st: ReadState) -> int | None:
    """The position of an intent-word 'name(s)' in the question, if any."""
    return next(
        (
            i
            for i, it in enumerate(st.items)
            if it.kind == "kw" and it.category == "list" and it.text.lower() in NAME_WORDS
        ),
        None,
    )


def with_asked_names(st: ReadState, at: int | None, subject: str, shown: list[Col]) -> list[Col]:
    """``shown`` with the name column of the table 'names' belongs to put first, unless one
    of them already names the rows ('the names of bands' alone: that name column)."""
    from .sqlbuild import name_columns

    if at is None or (at == 0 and not shown):
        return shown  # 'Name the top 5 companies …': the intent word, not a column
    owner = _owner(st, at) or subject
    info = st.lex.catalog.table(owner)
    names = [Col(owner, c) for c in (name_columns(info) if info else [])]
    if not names:
        raise Refuse(f"I could not tell which column of {owner} '{st.items[at].text}' means.")
    if any(c in shown for c in names):
        return shown
    return names + [c for c in shown if c not in names]


def _owner(st: ReadState, at: int) -> str | None:
    """'the names of stations …': the table right after the word (the stop word 'of' is
    not linked), unless a column comes first ('names and cities of stations')."""
    for item in st.items[at + 1 : at + 4]:
        if item.kind == "table":
            return item.targets[0].table
        if item.kind == "column":
            return None
    return None
