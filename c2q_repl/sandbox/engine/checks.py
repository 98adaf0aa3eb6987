"""Honesty checks on a finished reading: a word that changes nothing, an answer that does
not show what was asked, two readings of one phrase. Each declines rather than guess."""

from __future__ import annotations

import re

from .reading import ReadState, Refuse, col_kind, columns_of
from .spec import Col, Decline, Filter, Metric, QuerySpec, one_day


def refuse_pooled_rows(
    st: ReadState, metric: Metric, filters: list[Filter], group_col: Col | None = None
) -> None:
    """'average close of Apple and Microsoft': one figure over both, or one for each? With
    'and' (not 'or') between named rows an average, minimum or maximum has two readings."""
    from .filters import ANY_NAME
    from .sqlbuild import name_columns

    if metric.func in ("COUNT", "SUM") or any(st.is_kw(i, "or") for i in range(len(st.items))):
        return  # a count or a total of named rows is one figure ('combined market cap of …')
    for f in filters:
        info = st.lex.catalog.table(f.col.table)
        naming = f.col.column == ANY_NAME or (
            info is not None
            and (f.col.column in info.primary_key or f.col.column in name_columns(info))
        )
        if group_col is not None and info is not None and group_col.column in info.primary_key:
            continue  # 'average close per stock for Apple and Microsoft': one figure each
        if f.op in ("in", "any") and naming and len(f.values) > 1:
            word = {"AVG": "average", "SUM": "total", "MIN": "minimum", "MAX": "maximum"}.get(
                metric.func, metric.func.lower()
            )
            raise Refuse(
                f"The {word} over several named {f.col.table} rows: one figure "
                f"for all of them together, or one for each? Ask 'per {f.col.table}' for "
                "each, or name one.",
                word,
            )


def refuse_narrowed_absence(st: ReadState, subject: str, filters: list[Filter]) -> None:
    """'which stocks did user 7 not select': a condition on the rows whose absence is asked
    about needs the anti-join's subquery narrowed, which the engine does not write."""
    from .sqlbuild import PlanError, join_path

    for f in filters:
        if f.op != "absent" or not f.values:
            continue
        link_table = f.values[0]
        for g in filters:
            if g is f or g.col.table == subject:
                continue
            try:
                route = {t for t, _ in join_path(st.lex.catalog, subject, g.col.table)}
            except PlanError:
                continue
            if link_table in route:
                raise Refuse(
                    f"A condition on {g.col.table} together with 'no {link_table} row' needs "
                    "a narrowed subquery, which the built-in engine does not write.",
                    g.col.column,
                )


def check_asked_rows(st: ReadState, spec: QuerySpec) -> None:
    """'which department has the highest salary': the answer must show the department asked
    for, not a teacher's row without it (the department of the best-paid teacher, or the one
    paying most in total? neither is picked silently)."""
    first, second = st.at(0), st.at(1)
    if (
        spec.shape == "list"
        and (spec.order_by is not None or any(f.op == "extreme" for f in spec.filters))
        and first is not None
        and first.kind == "kw"
        and first.text.lower() in ("which", "what")
        and second is not None
        and second.kind == "column"
        and all(col_kind(st, c) == "text" for c in columns_of(second))
    ):
        # 'which country has the oldest students': the oldest student's country, or the
        # country whose students are oldest on average? Neither is picked silently.
        raise Refuse(
            f"'which {second.text}' with a ranking of rows can mean the {second.text} of the "
            f"top row or the {second.text} that ranks highest on average; please ask one "
            f"(for example 'the {second.text} with the highest average …').",
            second.text,
        )
    if not (
        spec.shape == "list"
        and first is not None
        and first.kind == "kw"
        and first.category == "list"
        and first.text.lower() in ("which", "what")
        and second is not None
        and second.kind == "table"
    ):
        return
    asked = second.targets[0].table
    info = st.lex.catalog.table(asked)
    row_tables = {c.table for c in (spec.order_by, *spec.columns) if c is not None}
    for table in row_tables - {asked}:
        rows = st.lex.catalog.table(table)
        if info is None or rows is None:
            continue
        shown = set(rows.primary_key) | {c.column for c in spec.columns if c.table == table}
        if set(info.primary_key) <= shown:
            continue
        raise Refuse(
            f"The question asks which {asked}, but the answer would be {table} rows that do "
            f"not show it; please ask about the {table} or say how the {asked} is ranked.",
            second.text,
        )


def refuse_compound_columns(st: ReadState) -> None:
    """'market cap growth': two column names run together are one noun the schema does not
    have, never the first one with the second shown beside it."""
    for a, b in zip(st.items, st.items[1:], strict=False):
        if (
            a.kind == b.kind == "column"
            and a.end == b.start
            and set(columns_of(a)) != set(columns_of(b))
            and not any(t.via == "verb" for t in a.targets + b.targets)
            and not any(col_kind(st, c) == "date" for c in columns_of(b))
        ):  # 'the highest volume day' is the day of the highest volume
            raise Refuse(
                f"I could not tell what '{a.text} {b.text}' is: '{a.text}' and '{b.text}' "
                "are two different columns.",
                f"{a.text} {b.text}",
            )


def check_every_word_counts(spec: QuerySpec, sup_item, limit: int | None, share: bool) -> None:
    """A word that was linked must change the query: 'top 10' under a single total,
    'share' of a single value, a superlative that orders nothing → decline, not ignore."""
    if sup_item is not None and spec.order_by is None and not spec.order_metric:
        raise Refuse(
            f"I could not tell what '{sup_item.text}' ranks here (the answer is a single value).",
            sup_item.text,
        )
    if limit is not None and spec.limit is None and spec.group_by is None and spec.metric:
        raise Refuse(
            f"'{limit}' would limit the rows before the {spec.metric.func.lower()}, which needs "
            "a nested query the built-in engine does not write.",
            str(limit),
        )
    if share and spec.group_by is None:
        raise Refuse("A share needs groups to compare (for example 'share by sector').", "share")


def refuse_foreign_adjective(st: ReadState) -> None:
    """'who is the oldest artist': a superlative adjective that ranks another table's column
    (a listener's birth date) says nothing about the table it describes; decline."""
    for k in range(len(st.items) - 2):
        word, col, table = st.items[k], st.items[k + 1], st.items[k + 2]
        if not (
            word.kind == "kw"
            and col.kind == "column"
            and word.start == col.start
            and table.kind == "table"
            and table.start == col.end
        ):
            continue
        named = table.targets[0].table
        if all(c.table != named for c in columns_of(col)):
            where = ", ".join(f"{c.table}.{c.column}" for c in columns_of(col))
            raise Refuse(
                f"'{col.text} {table.text}': {named} has no column that '{col.text}' ranks "
                f"({where} belongs to another table).",
                col.text,
            )


def refuse_two_counted_tables(st: ReadState) -> None:
    """'how many companies and users are there': two counts, never the companies that have
    users."""
    for k in range(len(st.items) - 2):
        count, first, second = st.items[k], st.items[k + 1], st.items[k + 2]
        if (
            count.kind == "kw"
            and count.category == "count"
            and first.kind == second.kind == "table"
            and second.start == first.end + 1
            and first.targets[0].table != second.targets[0].table
            and k + 3 == len(st.items)  # 'how many stocks did user 42 select' goes on
        ):
            raise Refuse(
                f"'{first.text} and {second.text}' are two counts; please ask them one at a time.",
                second.text,
            )


def refuse_most_by_date(st: ReadState, spec: QuerySpec, sup_item) -> None:
    """'when did the most users sign up': 'most' counts rows per date; it never means the
    latest dates."""
    if (
        sup_item is not None
        and sup_item.text.lower() in ("most", "fewest", "least")
        and spec.order_by is not None
        and col_kind(st, spec.order_by) == "date"
    ):
        raise Refuse(
            f"'the {sup_item.text}' by {spec.order_by.column} counts rows per date, which I "
            "cannot place here; ask for a count per month or per day instead.",
            sup_item.text,
        )


_DAY_WORDS = frozenset({"day", "days", "date", "dates", "when", "session", "sessions"})


def refuse_most_over_a_period(st: ReadState, spec: QuerySpec, sup_item) -> None:
    """'which stock traded the most shares in 2023': 'the most' of a daily measure over a
    period is the largest total over it or the single biggest day; neither is picked
    silently ('highest volume' stays one day's row, 'the most' on one day is that day's)."""
    col = spec.order_by
    said = sup_item.text.lower() if sup_item is not None else ""
    if sup_item is not None:
        # 'the most shares': one phrase of the synonyms file, read as 'highest volume'
        said = next(
            (
                it.text.lower().split()[0]
                for it in st.items
                if it.kind == "column" and it.start == sup_item.start and " " in it.text
            ),
            said,
        )
    if (
        sup_item is None
        or said not in ("most", "fewest", "least")
        or spec.shape != "list"
        or spec.metric is not None
        or col is None
        or col_kind(st, col) != "number"
    ):
        return
    info = st.lex.catalog.table(col.table)
    keys = info.primary_key if info else ()
    dated = [k for k in keys if col_kind(st, Col(col.table, k)) == "date"]
    if len(keys) < 2 or not dated:
        return  # not a daily history: one row per thing, 'the most' is its value
    if any(one_day(f) for f in spec.filters if f.time):
        return  # 'which stock traded the most shares on 2023-06-30': that day's rows
    if st.asks_when or any(it.text.lower() in _DAY_WORDS for it in st.items):
        return  # 'which day had the most volume': the days are what is ranked
    raise Refuse(
        f"'the {said} {col.column}' over several days can mean the largest total "
        f"{col.column} over the period or the single day with the largest {col.column}; "
        f"please say 'highest total {col.column}' or 'highest single-day {col.column}'.",
        sup_item.text,
    )


_TIME_EDGE_WORDS = frozenset({"first", "earliest", "oldest", "last", "latest", "newest", "final"})


def refuse_time_word_as_extreme(st: ReadState, spec: QuerySpec) -> None:
    """'the S&P 500's first and last closing levels in October': 'first' and 'last' of a
    measure name the earliest and latest rows, never its smallest or largest value; when
    the time word was left to mean MIN or MAX of a number, the question is declined."""
    extremes = [
        m for m in (spec.metric, *spec.extra_metrics) if m is not None and m.func in ("MIN", "MAX")
    ]
    if not any(m.col is not None and col_kind(st, m.col) == "number" for m in extremes):
        return
    agg_words = [it.text.lower() for i, it in enumerate(st.items) if st.is_kw(i, "agg")]
    said = [w for w in agg_words if w in _TIME_EDGE_WORDS]
    if not said or any(
        w not in _TIME_EDGE_WORDS and w not in ("average", "avg", "mean", "total", "sum")
        for w in agg_words
    ):
        return
    raise Refuse(
        f"'{said[0]}' here means the {'earliest' if said[0] in ('first', 'earliest', 'oldest') else 'latest'} "
        "row, not the smallest or largest value, and I could not place it; please ask for "
        "'the first close in …' or 'the lowest close in …'.",
        said[0],
    )


def each_group_cut(question: str, spec: QuerySpec) -> Decline | None:
    """'most picked stock in each sector': 'each sector' asks for every sector, but the
    reading kept the one group with the largest count (the ranking inside each group was
    lost). Declined rather than answered with one sector."""
    group = spec.group_by
    if group is None or not spec.limit or spec.per_group is not None:
        return None
    words = group.column.lower().replace("_", " ").split()
    head = re.escape(words[-1]) if words else ""
    if not head or not re.search(rf"\b(?:each|every|per)\s+(?:\w+\s+)?{head}", question, re.I):
        return None
    if re.search(
        rf"\b(?:each|every|per)\s+(?:\w+\s+)?{head}\w*\s*[,;:]?\s*(?:the\s+)?"
        r"(?:top|bottom|first)\s+\d+\s*[.?!]*\s*$",
        question,
        re.I,
    ):
        return None  # 'number of companies per state, top 5': the groups are what is ranked
    return Decline(
        f"'each {group.column}' asks for something within every {group.column}, but I could only rank "
        f"the {group.column} values themselves and keep the top one; the built-in engine does "
        "not rank rows by a count inside each group."
    )
