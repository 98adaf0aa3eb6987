"""The clauses around a measure: grouping and ordering words, the tables named, chart
words, columns left to show, and the table a question is about when none is named."""

from __future__ import annotations

from .measures import has_aggregate
from .reading import ReadState, Refuse, choose, col_kind, columns_of, is_plural
from .spec import Col, Filter


def plural_subject(st: ReadState) -> bool:
    """'which companies have the highest …' (plural) vs 'which company has …'."""
    for it in st.items:
        if it.kind == "table":
            return it.text.lower().endswith("s") and not it.text.lower().endswith("ss")
    return False


def read_chart(st: ReadState) -> tuple[str, bool]:
    chart, share = "", False
    for i, it in enumerate(st.items):
        if st.is_kw(i, "chart"):
            chart = it.arg or chart
            st.take(i)
        elif st.is_kw(i, "share"):
            share = True
            st.take(i)
    return chart, share


def several_named_by_key(st: ReadState) -> Col | None:
    """The key column of rows named by several values ('users 10 and 64', 'AAPL and MSFT'),
    when exactly one condition names them."""
    named = [
        f.col
        for f in st.filters
        if f.op == "in"
        and len(f.values) >= 2
        and (info := st.lex.catalog.table(f.col.table)) is not None
        and list(info.primary_key) == [f.col.column]
    ]
    return named[0] if len(named) == 1 else None


def read_group_and_order(st: ReadState) -> tuple[Col | None, Col | None]:
    group_col = order_col = None
    items = st.items
    for i, it in enumerate(items):
        if st.is_kw(i, "bucket") and it.text.lower() in (
            "monthly",
            "yearly",
            "annual",
            "annually",
            "quarterly",
            "weekly",
        ):
            st.bucket = it.arg  # "monthly average closing price"
            st.take(i)
    for i, it in enumerate(items):
        if not st.free(i) or it.kind != "kw" or it.category not in ("group", "order"):
            continue
        j = i + 1
        while st.is_kw(j, "agg", "count") and it.category == "group":
            j += 1  # "by number of companies", "by total market cap" (handled by the metric)
        counted = st.at(j + 1)
        if (
            it.category == "order"
            and st.is_kw(j, "count")
            and counted is not None
            and counted.kind == "table"
            and any(
                st.is_kw(k, "count")
                and k != j
                and st.at(k + 1) is not None
                and st.at(k + 1).targets == counted.targets  # type: ignore[union-attr]
                for k in range(len(items))
            )
        ):
            # 'the number of bands for each genre, ordered by the number of bands': the
            # count already asked is the order
            st.order_by_count = True
            st.take(i, j, j + 1)
            continue
        nxt = st.at(j)
        named = several_named_by_key(st) if it.text.lower() in ("each", "apiece") else None
        if named is not None and (nxt is None or nxt.kind not in ("table", "column")):
            # 'how many picks do user 10 and user 64 each have?': one count per user named
            group_col = named
            st.group_word = it.text.lower()
            st.take(i)
            continue
        if nxt is None:
            if it.category == "order":
                st.take(i)
            continue
        if nxt.kind == "kw" and nxt.category == "bucket" and it.category == "group":
            st.bucket = nxt.arg  # "per month", "by year"
            st.take(i, j)
            continue
        if it.category == "group" and j > i + 1:
            # "top 3 sectors by number of companies": the metric follows the "by"
            st.take(i)
            continue
        if nxt.kind == "column" and st.free(j):
            cols = columns_of(nxt)
            numeric = [c for c in cols if col_kind(st, c) == "number"]
            if (
                it.category == "group"
                and it.text.lower() == "per"
                and numeric
                and len(numeric) == len(cols)
                and not any(_labels_rows(c) for c in cols)
            ):
                # 'market cap per employee': a ratio of two columns, not groups of headcounts
                raise Refuse(
                    f"'per {nxt.text}' divides by a column (a ratio between two columns), "
                    "which the built-in engine does not compute.",
                    "per",
                )
            if it.category == "order" or (
                numeric
                and len(numeric) == len(cols)
                and it.text.lower() == "by"
                and not has_aggregate(st)
            ):
                order_col = choose(st, cols, nxt)
                st.ranked_by = it.category == "group"
            else:
                group_col = choose(st, cols, nxt)
                st.group_word = it.text.lower()
            st.take(i, j)
        elif (
            nxt.kind == "table"
            and st.free(j)
            and it.category == "group"
            and it.text.lower()
            in ("per", "for each", "each", "in each", "for every", "by each", "of each", "in every")
        ):
            table = st.lex.catalog.table(nxt.targets[0].table)
            if group_col is not None and it.text.lower() == "per" and table is not None:
                # 'for each route, the average number of passengers per trip': 'per trip'
                # says what is averaged, the groups are the routes
                st.notes.append((f"per {nxt.text}", f"read as the rows averaged ({table.name})"))
                st.take(i, j)
                continue
            if table and len(table.primary_key) == 1:
                group_col = Col(table.name, table.primary_key[0])
                st.group_word = it.text.lower()
                st.take(i, j)
        elif (
            nxt.kind == "table"
            and it.text.lower() == "by"
            and i > 0
            and st.items[i - 1].kind == "table"
        ):
            st.take(i)  # passive "selected by users": the table after "by" is joined, not grouped
        elif (
            nxt.kind == "value"
            and it.text.lower() == "by"
            and i > 0
            and st.items[i - 1].kind == "table"
        ):
            st.take(i)  # "albums by Luna Park": the value after "by" filters, it does not group
    return group_col, order_col


def read_tables(st: ReadState, counted_at: int | None = None) -> tuple[str | None, list[str]]:
    """The table the question is about (the first named, or the counted one: 'the names of
    teams and the number of players' and 'stations that are the home of more than 4 bikes'
    count players and bikes) and the others."""
    subject = None
    bridges: list[str] = []
    counted = st.at(counted_at) if counted_at is not None else None
    if counted is not None and counted.kind == "table" and st.free(counted_at):  # type: ignore[arg-type]
        subject = counted.targets[0].table
    elif counted is not None and _value_as_noun(st, counted_at):  # type: ignore[arg-type]
        subject = counted.targets[0].table  # 'how many utilities are in the index'
    value_tables = {t.table for it in st.items if it.kind == "value" for t in it.targets}
    _refuse_compound_tables(st)
    for i, it in enumerate(st.items):
        if it.kind != "table" or not st.free(i):
            continue
        table = it.targets[0].table
        st.take(i)
        if subject is None:
            subject = table
        elif table != subject and table not in bridges and table not in value_tables:
            bridges.append(table)
    return subject, bridges


def _value_as_noun(st: ReadState, at: int) -> bool:
    """'how many utilities are in the index': a value counted on its own names its rows (the
    companies in that sector), not the table named later; 'how many AAPL picks' is the
    picks (the value describes the noun right after it)."""
    it = st.items[at]
    if it.kind != "value" or len({t.table for t in it.targets}) != 1:
        return False
    nxt = st.at(at + 1)
    return not (nxt is not None and nxt.kind in ("table", "column") and nxt.start == it.end)


def _refuse_compound_tables(st: ReadState) -> None:
    """'bike stations': two tables named as one noun are every station, or only the
    stations linked to bikes; neither is picked silently."""
    for i, it in enumerate(st.items[:-1]):
        nxt = st.items[i + 1]
        if not (it.kind == nxt.kind == "table" and st.free(i) and st.free(i + 1)):
            continue
        first, second = it.targets[0].table, nxt.targets[0].table
        # a singular noun before a plural one ('bike stations'; not 'users selected')
        compound = not is_plural(it) and is_plural(nxt)
        # the shipped synonym file's words ('index constituents') are read as it defines them
        compound = compound and not any(t.via == "synonym" for t in it.targets + nxt.targets)
        if first != second and nxt.start == it.end and compound:
            raise Refuse(
                f"'{it.text} {nxt.text}': every {second}, or only the {second} linked to "
                f"{first}? Please ask for one ('{nxt.text}', or '{nxt.text} with {it.text}').",
                it.text,
            )


def leftover_columns(st: ReadState) -> list[Col]:
    cols = []
    plural = []
    for i, it in enumerate(st.items):
        if it.kind == "column" and st.free(i):
            plural.append(is_plural(it))
            col = choose(st, columns_of(it), it)
            if col not in cols:  # 'when did user 7 sign up': both name created_date
                cols.append(col)
            st.take(i)
    st.plural_projection = bool(plural) and all(plural)
    from .names import split_words

    for col in cols:
        flag = col_kind(st, col) == "number" or (col.table, col.column) in st.lex.flags
        if flag and split_words(col.column)[0] in ("is", "has"):
            # 'customers from Germany who are VIP': only the VIP ones, or all with the flag?
            raise Refuse(
                f"'{col.column}': only the rows where it is set, or every row with it shown? "
                f"Put it before the {col.table} (for example 'VIP customers') to keep only "
                "those.",
                col.column,
            )
    return cols


def refuse_leftovers(st: ReadState) -> None:
    for i, it in enumerate(st.items):
        if st.free(i):
            if it.kind == "number":
                raise Refuse(f"I could not tell what '{it.text}' refers to.", it.text)
            if it.kind == "kw" and it.category in ("not",):
                raise Refuse(f"I could not tell what '{it.text}' negates.", it.text)
            if it.kind == "kw" and it.category in (
                "cmp",
                "agg",
                "bottom",
                "group",
                "order",
                "count",
                "bucket",
                "sign",
                "vsavg",
                "comparative",
                "like",
            ):
                raise Refuse(f"I could not tell what '{it.text}' applies to.", it.text)


def bucket_column(st: ReadState, subject: str, bridges: tuple[str, ...] = ()) -> Col:
    """The date a 'per month/year' grouping reads: the one named in the question, else the
    date of the event the verb names ('users who added a stock in each month': the picks'
    date, as a time phrase reads it), else the table's only date; with several and none
    named ('employees per year': born or hired?) the question is declined."""
    from .filters import links_others

    named = [
        c
        for i, it in enumerate(st.items)
        if it.kind == "column"
        for c in columns_of(it)
        if col_kind(st, c) == "date"
    ]
    tables = [subject, *bridges] + [f.col.table for f in st.filters]
    said = [c for c in named if c.table in tables and c.column in st.lex.date_columns(c.table)]
    if len({c.table for c in said}) > 1:
        # 'added' said of users and of their picks: the picks' date, the event's
        said = [c for c in said if links_others(st, c.table)] or said
    for table in dict.fromkeys(tables):
        mine = [c for c in said if c.table == table]
        if mine:
            return mine[0]
    verbs = [c for c in named if c.table not in tables and links_others(st, c.table)]
    if len(verbs) == 1 and verbs[0].column in st.lex.date_columns(verbs[0].table):
        return verbs[0]  # 'users who added a stock in each month': the picks' own date
    dated = [(t, st.lex.date_columns(t)) for t in dict.fromkeys(tables) if st.lex.date_columns(t)]
    events = [(t, dates) for t, dates in dated if links_others(st, t)]
    if len(dated) > 1 and len(events) == 1 and len(events[0][1]) == 1:
        return Col(events[0][0], events[0][1][0])
    for table in dict.fromkeys([subject] + [f.col.table for f in st.filters]):
        dates = st.lex.date_columns(table)
        if len(dates) > 1:
            raise Refuse(
                f"'per {st.bucket}' can group {table} by {' or '.join(dates)}; please name the "
                "date.",
                st.bucket,
            )
        if dates:
            return Col(table, dates[0])
    raise Refuse(f"'per {st.bucket}' needs a date column, and {subject} has none.", st.bucket)


def infer_subject(metric, group_col, order_col, projection, filters) -> str | None:
    for col in (metric.col if metric else None, order_col, *projection, group_col):
        if col is not None:
            return col.table
    for f in filters:
        return f.col.table
    return None


def age_order(st: ReadState, order_col: Col | None, descending: bool | None) -> bool | None:
    """'from the oldest to the youngest' on the column sorted by: an age (a number) descends,
    a birth date or a year something began ascends; without a column it is declined."""
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "agedir") and st.free(i)):
            continue
        if order_col is None:
            raise Refuse(f"I could not tell which column '{it.text}' sorts.", it.text)
        dated = col_kind(st, order_col) == "date" or "year" in order_col.column.lower()
        oldest_first = it.arg == "old"
        st.take(i)
        return oldest_first != dated
    return descending


def qualified_group(st: ReadState, group_col: Col) -> list[Filter]:
    """'per US state': a group column named with a word that is a value of its own table
    ('US' → country) groups only those rows; dropping the word kept a group of companies
    with no state at all (the non-US ones)."""
    from .lexicon import phrase_key

    out: list[Filter] = []
    for it in st.items:
        if it.kind != "column" or not any(
            t.table == group_col.table and t.column == group_col.column for t in it.targets
        ):
            continue
        words = phrase_key(it.text)
        if len(words) < 2:
            continue
        values = [
            t
            for t in st.lex.phrases.get(words[:1], [])
            if t.kind == "value" and t.table == group_col.table and t.column != group_col.column
        ]
        if len({(t.column, t.value) for t in values}) == 1:
            out.append(Filter(Col(values[0].table, values[0].column), "=", (values[0].value,)))
    return out


def _labels_rows(col: Col) -> bool:
    """A number that labels rows rather than measures them ('year', 'floor', 'level')."""
    from .names import split_words

    return bool(
        {"year", "yr", "floor", "level", "grade", "no", "number", "id"}
        & set(split_words(col.column))
    )
