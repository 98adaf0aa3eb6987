"""'latest / last / most recent / current X' = X on the row with the greatest date.

Not the largest X: "the latest close of AAPL" is AAPL's close on its last
trading day. Per entity when grouped ("latest close of each stock"). The
reading becomes a ``latest`` filter on the date column, which the SQL builder
renders as ``date = (SELECT MAX(date) …)``.
"""

from __future__ import annotations

from dataclasses import replace

from .names import split_words
from .reading import ReadState, choose, col_kind, columns_of
from .spec import Col, Filter

NEWEST = frozenset({"latest", "last", "most recent", "newest", "current", "recent", "final"})
OLDEST = frozenset({"earliest", "first", "oldest"})


def _other_content(st: ReadState, i: int, j: int, date_table: str) -> bool:
    """Anything besides 'latest <date>': then the date picks rows instead of being the answer."""
    if st.filters:
        return True
    for k, it in enumerate(st.items):
        if k in (i, j) or not st.free(k):
            continue
        if it.kind in ("value", "time") or (it.kind == "column" and k != j):
            return True
        if it.kind == "table" and it.targets[0].table != date_table:
            return True
    return False


def read_latest(st: ReadState) -> None:
    """Turn 'latest …' into a latest-row filter (st.latest), or leave it as MAX/MIN."""
    for i, it in enumerate(st.items):
        word = it.text.lower()
        if not st.free(i) or it.kind != "kw" or word not in NEWEST | OLDEST:
            continue
        newest = word in NEWEST
        j = i + 1
        while j < i + 3 and st.is_value(j):
            j += 1  # "the latest AAPL close", "the most recent S&P 500 index level"
        nxt = st.at(j)
        if nxt is None or not st.free(j):
            continue
        if nxt.kind == "column":
            cols = columns_of(nxt)
            dates = [c for c in cols if col_kind(st, c) == "date"]
            if dates and len(dates) == len(cols):
                date_col = choose(st, dates, nxt)
                if not newest or not _other_content(st, i, j, date_col.table):
                    continue  # "what is the latest date": the answer is MAX(date)
                st.take(i, j)
                _set(st, date_col, newest, it.text)
                continue
            with_history = [
                c for c in cols if event_dates(st, c.table) and col_kind(st, c) == "number"
            ]
            if with_history:
                col = choose(st, with_history, nxt)
                st.items[j] = replace(
                    nxt,
                    targets=tuple(
                        t for t in nxt.targets if (t.table, t.column) == (col.table, col.column)
                    ),
                )
                st.take(i)
                _set(st, Col(col.table, event_dates(st, col.table)[0]), newest, it.text)
            elif newest and word != "last" and col_kind(st, cols[0]) == "number":
                st.take(i)
                st.notes.append(
                    (
                        it.text,
                        f"'{nxt.text}' has no history in this database; its stored value is the current one",
                    )
                )
        elif nxt.kind == "table" and newest:
            table = nxt.targets[0].table
            events = event_dates(st, table)
            if events:
                st.take(i)
                _set(st, Col(table, events[0]), newest, it.text)


def event_dates(st: ReadState, table: str) -> list[str]:
    """Date columns that say when a row happened (not birth dates)."""
    return [
        d
        for d in st.lex.date_columns(table)
        if not any(w in ("birth", "dob", "born", "birthday") for w in split_words(d))
    ]


def _set(st: ReadState, date_col: Col, newest: bool, text: str) -> None:
    from .reading import Refuse

    if st.latest is not None:
        raise Refuse(f"I can pick the latest rows by one date only ('{text}').", text)
    st.latest = Filter(date_col, "latest", ("", "max" if newest else "min"))
    which = "greatest" if newest else "earliest"
    st.notes.append((text, f"'{text}' read as the rows with the {which} {date_col.column}"))


def per_entity(latest: Filter, per: Col) -> Filter:
    """The latest row of each entity ('latest close of each stock')."""
    return Filter(latest.col, "latest", (per.column, latest.values[1]))
