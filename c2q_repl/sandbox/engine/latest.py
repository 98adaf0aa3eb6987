"""'latest / last / most recent / current X' = X on the row with the greatest date.

Not the largest X: "the latest close of AAPL" is AAPL's close on its last
trading day. Per entity when grouped ("latest close of each stock"). The
reading becomes a ``latest`` filter on the date column, which the SQL builder
renders as ``date = (SELECT MAX(date) …)``.
"""

from __future__ import annotations

from dataclasses import replace

from .lexicon import Target
from .linking import Item
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
                col = choose(st, nearest_to_values(st, with_history), nxt)
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
        elif nxt.kind == "table":
            # ('the latest pick of NVDA', and the first: the row with the earliest date)
            table = nxt.targets[0].table
            events = event_dates(st, table)
            if events:
                st.take(i)
                _set(st, Col(table, events[0]), newest, it.text)


def _count_of_rows(it: Item | None) -> bool:
    """A small whole number written as digits: how many rows ('the last 5 …')."""
    return bool(
        it is not None
        and it.kind == "number"
        and it.number is not None
        and it.number.is_integer()
        and it.text.isdigit()
        and 0 < it.number <= 1000
    )


def _recent_word(st: ReadState, i: int) -> tuple[int, int] | None:
    """(the number's index, the first index after the words) when 'N latest' or 'latest N'
    starts at i."""
    it = st.at(i)
    if it is None or it.kind != "kw" or it.text.lower() not in NEWEST | OLDEST | {"oldest"}:
        return None
    if i > 0 and _count_of_rows(st.at(i - 1)):
        before, prior = i - 1, st.at(i - 2)
        compared = (
            prior is not None
            and prior.kind in ("kw", "column")
            and prior.category != "list"
            and (prior.kind == "kw" or prior.end == st.items[before].start)
        )
        if compared:
            return None  # 'closed above 400 on the last trading day': 400 is compared
        return before, i + 1
    if _count_of_rows(st.at(i + 1)) and st.at(i + 1).end == it.end + 1:  # type: ignore[union-attr]
        return i + 1, i + 2  # 'the last 5 trading days', 'AAPL's last 5 closes'
    return None


def _measured_history_date(st: ReadState, date_col: Col) -> Col:
    """'S&P 500 level the last 5 trading days': the days of the measure's own history (the
    index's), when the day word names another table's date of the same name."""
    measured = {
        t.table
        for it in st.items
        if it.kind == "column"
        for t in it.targets
        if col_kind(st, Col(t.table, t.column)) == "number"
    }
    if date_col.table in measured or len(measured) != 1:
        return date_col
    table = measured.pop()
    return Col(table, date_col.column) if date_col.column in event_dates(st, table) else date_col


def _date_item(said: Item, date_col: Col) -> Item:
    """The words of ``said`` read as the date column that orders the rows."""
    return Item(
        "column",
        said.text,
        said.start,
        said.end,
        targets=(Target("column", date_col.table, date_col.column),),
    )


def _one_series(st: ReadState, date_col: Col) -> bool:
    """The N latest rows are the N latest days only in one series: a table keyed by (date,
    series) needs one series named ('AAPL's last 5 closes')."""
    info = st.lex.catalog.table(date_col.table)
    key = list(info.primary_key) if info is not None else []
    if date_col.column not in key or len(key) < 2:
        return True
    return any(it.kind == "value" for it in st.items)


def recent_rows(st: ReadState) -> None:
    """'the 5 most recent signups', 'the 3 oldest orders', 'the last 5 trading days', 'AAPL's
    last 5 closes': N rows ordered by their date, rewritten (before anything is read) as
    'N highest <date>' / 'N lowest <date>' (beside the measure named, if any)."""
    items = st.items
    for i in range(len(items)):
        found = _recent_word(st, i)
        if found is None:
            continue
        it, (at_number, j) = items[i], found
        number = items[at_number]
        word = it.text.lower()
        while j < i + 4 and st.is_value(j):
            j += 1  # 'the 5 most recent AAPL closing prices'
        nxt, after = st.at(j), st.at(j + 1)
        if nxt is None or nxt.kind not in ("column", "table"):
            continue
        if after is not None and after.kind in ("table", "column") and after.start == nxt.end:
            continue  # 'the 3 latest user selections': a compound noun, not the users' date
        if nxt.kind == "column":
            cols = columns_of(nxt)
            dates = [c for c in cols if col_kind(st, c) == "date"]
            if dates and len(dates) == len(cols):
                date_col = _measured_history_date(st, choose(st, dates, nxt))
                rewritten = [
                    replace(nxt, targets=(Target("column", date_col.table, date_col.column),))
                ]
            else:
                measured = [
                    c for c in cols if col_kind(st, c) == "number" and event_dates(st, c.table)
                ]
                if not measured:
                    continue
                col = choose(st, nearest_to_values(st, measured), nxt)
                date_col = Col(col.table, event_dates(st, col.table)[0])
                rewritten = [
                    _date_item(nxt, date_col),
                    replace(
                        nxt,
                        targets=tuple(
                            t for t in nxt.targets if (t.table, t.column) == (col.table, col.column)
                        ),
                    ),
                ]
        else:
            events = event_dates(st, nxt.targets[0].table)
            if len(events) != 1:
                continue
            date_col = Col(nxt.targets[0].table, events[0])
            rewritten = [
                _date_item(nxt, date_col),
                nxt,
            ]
        if not _one_series(st, date_col):
            continue  # 'which stocks closed above 400 on the 5 most recent trading days': days
        for k in range(j + 1, len(items)):
            later = items[k]
            if later.kind == "column" and [(t.table, t.column) for t in later.targets] == [
                (date_col.table, date_col.column)
            ]:
                items = [*items[:k], *items[k + 1 :]]  # 'the last 3 users to sign up'
                break
        newest = word in NEWEST
        rank = Item(
            "kw",
            "highest" if newest else "lowest",
            it.start,
            it.end,
            category="agg",
            arg="MAX" if newest else "MIN",
        )
        first = min(at_number, i)
        st.items = [
            *items[:first],
            number,
            rank,
            *items[max(at_number, i) + 1 : j],
            *rewritten,
            *items[j + 1 :],
        ]
        st.notes.append(
            (
                it.text,
                f"'{number.text} {it.text}' read as the {number.text} rows with the "
                f"{'latest' if newest else 'earliest'} {date_col.column}",
            )
        )
        return


def own_dates(st: ReadState, latest: Filter, subject: str) -> Filter:
    """'the S&P 500 index level on the last trading day': the day is the index history's own
    last day (its date column of the same name), never the stock history's reached through
    the index's members; another table's date under another name declines."""
    from .reading import Refuse

    own = event_dates(st, subject)
    if latest.col.table == subject or not own:
        return latest
    said = {t.table for it in st.items if it.kind == "table" for t in it.targets}
    if latest.col.table in said:
        # 'users whose most recent pick was before June': the picks' own date, as said
        raise Refuse(
            f"This asks for the latest {latest.col.table} row of each {subject} row (by "
            f"{latest.col.table}.{latest.col.column}), which the built-in engine does not "
            f"compute; ask for the {latest.col.table} rows of a period instead.",
            latest.col.column,
        )
    if latest.col.column in own:
        st.notes.append((latest.col.column, f"the latest {latest.col.column} of {subject} itself"))
        return replace(latest, col=Col(subject, latest.col.column))
    raise Refuse(
        f"I cannot tell whether the latest {subject} rows or the latest "
        f"{latest.col.table}.{latest.col.column} is meant.",
        latest.col.column,
    )


def nearest_to_values(st: ReadState, cols: list[Col]) -> list[Col]:
    """'the latest S&P 500 price': of the history columns a word may mean, those whose table
    is fewest joins away from the tables of the values named (the index's own prices, not
    the prices of its member stocks); all of them when none is strictly nearest."""
    from .sqlbuild import PlanError, join_path

    named = {t.table for it in st.items if it.kind == "value" for t in it.targets[:1]}
    if not named or len({c.table for c in cols}) < 2:
        return cols
    hops: dict[Col, int] = {}
    for c in cols:
        try:
            hops[c] = max(len(join_path(st.lex.catalog, t, c.table)) for t in named)
        except PlanError:
            return cols
    best = min(hops.values())
    nearest = [c for c in cols if hops[c] == best]
    return nearest if len({c.table for c in nearest}) == 1 else cols


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
