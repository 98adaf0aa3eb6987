"""'When did user 7 sign up?', 'When was the most recent order placed?': a question that
starts with 'when' asks for the date of the rows it names.

The one event date of the named table becomes the answer column; after 'the most
recent / the first' it becomes MAX / MIN of that date (the latest row's date).
"""

from __future__ import annotations

from dataclasses import replace

from .latest import NEWEST, OLDEST, event_dates
from .lexicon import Target
from .linking import Item
from .reading import ReadState, Refuse


def read_when(st: ReadState) -> None:
    whens = [i for i, it in enumerate(st.items) if st.is_kw(i, "when") and st.free(i)]
    if not whens:
        return
    if whens != [0]:
        # 'days when AAPL closed above 350': a relative word inside the sentence, not asked
        st.take(*whens)
        return
    tables = [i for i, it in enumerate(st.items) if it.kind == "table"]
    named = {st.items[i].targets[0].table for i in tables}
    if not named:
        said = {
            (t.table, t.column)
            for it in st.items
            if it.kind == "column"
            for t in it.targets
            if st.lex.kind_of(t.table, t.column) == "date"
        }
        if len(said) == 1:
            # 'when did they sign up': the date is named by its own words ('sign up')
            st.asks_when = True
            st.take(0)
            return
    if len(named) != 1:
        raise Refuse("I could not tell whose date 'when' asks for.", "when")
    table = named.pop()
    dates = event_dates(st, table)
    if len(dates) != 1:
        found = ", ".join(dates) or "none"
        raise Refuse(f"'when' needs one date column of {table} (found: {found}).", "when")
    st.asks_when = True
    if any(
        it.kind == "column" and any((t.table, t.column) == (table, dates[0]) for t in it.targets)
        for it in st.items
    ):
        st.take(0)  # 'when did the first user sign up': the date is already named
        return
    date_item = Item("column", "when", 0, 0, targets=(Target("column", table, dates[0]),), note="")
    at = tables[0]
    before = st.at(at - 1)
    if before is not None and st.is_kw(at - 1, "agg") and before.text.lower() in NEWEST | OLDEST:
        # 'the most recent order': the answer is that order's date, MAX(date)
        st.items[at] = replace(date_item, start=st.items[at].start, end=st.items[at].end)
        st.take(0)
        return
    st.items[0] = date_item
