"""What a question measures: counts, aggregates, the column a superlative ranks, the
entity a ranking is about, and further aggregates named alongside the first."""

from __future__ import annotations

from .keywords import SIZE_WORDS
from .named_rows import COMPARATIVES
from .names import names_rows
from .reading import ReadState, Refuse, choose, col_kind, columns_of, is_plural
from .spec import Col, Metric

SUPERLATIVE_WORDS = COMPARATIVES | frozenset(
    {
        "top",
        "highest",
        "largest",
        "biggest",
        "greatest",
        "most",
        "best",
        "lowest",
        "smallest",
        "least",
        "fewest",
        "bottom",
        "worst",
    }
)
# 'the most common order type': the value most rows have (ranked by a count)
COUNT_SUPERLATIVES = frozenset(
    {"most common", "most frequent", "most popular", "least common", "least frequent"}
)
SUPERLATIVE_WORDS = SUPERLATIVE_WORDS | COUNT_SUPERLATIVES


VALUE_SUPERLATIVES = frozenset(
    {"highest", "lowest", "largest", "smallest", "biggest", "greatest", "maximum", "minimum"}
)


def extra_metrics(st: ReadState, metric: Metric, grouped: bool) -> list[Metric]:
    """'total and average market cap', 'average and maximum salary per department' (and
    the measures read beside a count: 'number of companies and total market cap')."""
    extras = list(st.extra_measures)
    for i, it in enumerate(st.items):
        if not st.free(i) or not st.is_kw(i, "agg") or it.arg not in ("SUM", "AVG", "MIN", "MAX"):
            continue
        if grouped and it.text.lower() in SUPERLATIVE_WORDS:
            continue  # with groups, 'highest' ranks them
        col = None
        for j in range(i + 1, min(i + 4, len(st.items))):
            nj = st.items[j]
            if nj.kind == "column" and st.free(j):
                cols = [c for c in columns_of(nj) if col_kind(st, c) in ("number", "date")]
                if cols:
                    col = choose(st, cols, nj)
                    st.take(j)
                break
            if nj.kind != "kw" and not (nj.kind == "table" and metric.col is not None):
                break
        col = col or metric.col
        if col is None:
            continue
        if it.arg in ("SUM", "AVG") and col_kind(st, col) != "number":
            raise Refuse(f"'{it.text} {col.column}' needs a numeric column.", it.text)
        st.take(i)
        extras.append(Metric(it.arg, col))
    return extras


def count_metric(st: ReadState, at: int, subject: str | None, distinct: bool) -> Metric:
    nxt_at = at + 1
    while st.is_kw(nxt_at, "distinct"):
        nxt_at += 1
    nxt = st.at(nxt_at)
    if (
        nxt is not None
        and nxt.kind == "column"
        and st.free(nxt_at)
        and (subject is None or distinct or is_plural(nxt))
    ):
        col = _days_of_the_compared_rows(st, choose(st, columns_of(nxt), nxt), nxt.text)
        if col_kind(st, col) == "date" and not distinct and not is_plural(nxt):
            # 'how many signed up in july': the rows that did, not their distinct dates (the
            # date stays free, for the period to be on)
            st.notes.append((nxt.text, f"'how many {nxt.text}' read as the rows counted"))
            return Metric("COUNT")
        st.take(nxt_at)
        if col_kind(st, col) == "number" and not distinct:
            if not is_plural(nxt):
                # 'how many stock price records': rows counted, not the prices summed
                raise Refuse(
                    f"'how many {nxt.text}' can count rows or add up {col.column}; please "
                    f"say which (for example 'how many rows' or 'the total {nxt.text}').",
                    nxt.text,
                )
            st.notes.append((nxt.text, f"'how many {nxt.text}' read as the total of {col.column}"))
            return Metric("SUM", col)
        return Metric("COUNT", col, distinct=True)
    return Metric("COUNT")


def _days_of_the_compared_rows(st: ReadState, col: Col, said: str) -> Col:
    """'how many trading days did the index close above 5,500': the days of the rows the
    condition is on (the index's own dates), not the stock prices' dates joined to them."""
    if col_kind(st, col) != "date":
        return col
    tables = {f.col.table for f in st.filters if not f.time}
    if len(tables) != 1 or col.table in tables:
        return col
    (table,) = tables
    own = st.lex.date_columns(table)
    if len(own) != 1:
        return col
    st.notes.append((said, f"'{said}' read as the days of {table} ({own[0]})"))
    return Col(table, own[0])


def agg_metric(st: ReadState, at: int, func: str, distinct: bool) -> Metric | None:
    # 'the average, minimum and maximum trip duration': other aggregate words and the table
    # may stand between the word and its column
    for j in range(at + 1, min(at + 6, len(st.items))):
        it = st.items[j]
        if it.kind == "column" and st.free(j):
            cols = columns_of(it)
            numeric = [c for c in cols if col_kind(st, c) in ("number", "date")]
            col = choose(st, numeric or cols, it)
            st.take(j)
            if func in ("SUM", "AVG") and col_kind(st, col) != "number":
                raise Refuse(f"'{st.items[at].text} {it.text}' needs a numeric column.", it.text)
            return Metric(func, col, distinct)
        if it.kind == "table" and func == "SUM" and st.items[at].text.lower() == "total":
            return None
        if it.kind not in ("kw", "value", "table"):
            break
    return None


def superlative_metric(
    st: ReadState, at: int, subject: str | None, use_default: bool = True
) -> Col | None:
    sized = st.items[at].text.lower() in SIZE_WORDS and bool(subject) and subject in st.defaults
    for j in range(at + 1, min(at + 5, len(st.items))):
        it = st.items[j]
        if it.kind == "number" and not st.free(j):
            continue  # 'top 3 revenue growth companies': the 3 is the limit, read already
        if sized and it.kind == "table" and it.targets[0].table == subject:
            break  # 'the 5 largest energy companies and their ebitda': largest by size
        if it.kind == "column" and st.free(j):
            cols = columns_of(it)
            numeric = [c for c in cols if col_kind(st, c) in ("number", "date")]
            if not numeric:
                continue
            st.take(j)
            return choose(st, numeric, it)
        if it.kind in ("time", "number") or (
            it.kind == "kw" and it.category in ("group", "order", "cmp")
        ):
            break
    before = st.at(at - 1)
    if (
        before is not None
        and before.kind == "column"
        and all(t.via == "verb" for t in before.targets)
        and st.free(at - 1)
        and at + 1 >= len(st.items)
    ):
        # 'which track has been played the most': the verb's measure right before a final
        # superlative (a noun there, 'the S&P 500 close highest', stays unexplained)
        numeric = [c for c in columns_of(before) if col_kind(st, c) == "number"]
        if numeric:
            st.take(at - 1)
            return choose(st, numeric, before)
    word = st.items[at].text.lower()
    if use_default and subject and word in SIZE_WORDS and subject in st.defaults:
        if _event_rows_named(st, subject):
            # 'top 3 stocks added to watchlists in feb 2023': the most added, or the
            # biggest of those added? The size measure is not picked silently.
            raise Refuse(
                f"'{st.items[at].text}' can rank by {st.defaults[subject]} or by how many "
                f"{_event_rows_named(st, subject)} rows each has; please say which (for "
                f"example 'most added' or 'by {st.defaults[subject].replace('_', ' ')}').",
                st.items[at].text,
            )
        col = Col(subject, st.defaults[subject])
        st.notes.append((word, f"'{word}' read as by {col.column}"))
        return col
    return None


def counted_table(st: ReadState, superlative: int) -> int | None:
    """'the most companies', 'the most S&P 500 companies': a superlative over a table
    (past the values that narrow it) counts its rows; the table's index."""
    j = superlative + 1
    while st.is_value(j):
        j += 1
    nxt = st.at(j)
    return j if nxt is not None and nxt.kind == "table" else None


def entity_column(st: ReadState, before: int | None = None, near: int | None = None) -> Col | None:
    """The categorical column a superlative ranks: before it ('which sector has the most …')
    or right after it ('top 3 sectors by …')."""
    for i, it in enumerate(st.items[:before]):
        if near is not None and i > near and any(st.free(k) for k in range(near + 1, i)):
            return None
        if it.kind == "column" and st.free(i):
            cols = [c for c in columns_of(it) if col_kind(st, c) == "text"]
            if cols and _rows_named_after(
                st, i, before, {c.table for c in cols if names_rows(c.column)}
            ):
                # 'the first and last names of the 3 attendees that rated the most talks':
                # the attendees are ranked (by their key); the names are what is shown
                return None
            if cols:
                st.take(i)
                return choose(st, cols, it)
            return None
        if it.kind in ("value", "number") and st.free(i):
            return None
    return None


def _rows_named_after(st: ReadState, at: int, before: int | None, tables: set[str]) -> bool:
    """A table item between ``at`` and ``before`` whose table holds the column and is keyed
    by one column: the column describes those rows rather than grouping them."""
    for it in st.items[at + 1 : before]:
        if it.kind == "table":
            table = it.targets[0].table
            info = st.lex.catalog.table(table)
            return table in tables and info is not None and len(info.primary_key) == 1
        if it.kind not in ("column", "kw", "number"):
            return False
    return False


def has_aggregate(st: ReadState) -> bool:
    return any(
        st.is_kw(i, "count")
        or (st.is_kw(i, "agg") and st.items[i].text.lower() not in SUPERLATIVE_WORDS)
        for i in range(len(st.items))
    )


def read_metric(
    st: ReadState, count_at: int | None, agg_at: int | None, subject: str | None, distinct: bool
) -> Metric | None:
    """The measure of the count word and the aggregate word, if any: one of them, or a
    decline when both name different measures or an aggregate of a count is asked."""
    items = st.items
    metric: Metric | None = None
    if count_at is not None and _listed_number(st, count_at, agg_at):
        st.take(count_at)  # 'the title and number of pages of each book': the pages column
        return None
    if count_at is not None:
        st.take(count_at)
        metric = count_metric(st, count_at, subject, distinct)
        if (
            agg_at is not None
            and agg_at == count_at - 1
            and metric.func == "SUM"
            and metric.col is not None
            and items[agg_at].arg in ("AVG", "MIN", "MAX")
        ):
            # 'the average number of pages': the average of the pages column, not of a count
            st.take(agg_at)
            return Metric(items[agg_at].arg, metric.col)
    if agg_at is not None:
        st.take(agg_at)
        own = agg_metric(st, agg_at, items[agg_at].arg, distinct)
        if (
            own is None
            and metric is not None
            and items[agg_at].arg != "SUM"  # "how many users are there in total" is one count
            and items[agg_at].text.lower() not in SUPERLATIVE_WORDS
        ):
            # "how many companies does a sector have on average": an aggregate of a count
            raise Refuse(
                f"'{items[agg_at].text}' of a count per group needs a nested query, which the "
                "built-in engine does not write.",
                items[agg_at].text,
            )
        if (
            own is not None
            and metric is not None
            and count_at is not None
            and items[agg_at].text.lower() not in SUPERLATIVE_WORDS
        ):
            # 'number of companies and total market cap per sector': both measures, in one
            # SELECT, when the aggregate is of a numeric column of the counted rows' table
            if metric.func == "COUNT" and own.col is not None and own.func != "COUNT":
                st.extra_measures.append(own)
                return metric
            raise Refuse(
                f"I can answer '{items[count_at].text}' or '{items[agg_at].text}' here, not "
                "both in one question; please ask them one at a time.",
                items[agg_at].text,
            )
        metric = own or metric
        after = st.at(agg_at + 1)
        if (
            metric is None
            and items[agg_at].arg == "SUM"
            and after is not None
            and after.kind == "table"
            and after.start == items[agg_at].end
        ):
            # 'total picks made in Q4 2023': rows of a table added up are their number
            st.notes.append((f"{items[agg_at].text} {after.text}", f"the number of {after.text}"))
            return Metric("COUNT")
        if metric is None:
            raise Refuse(
                f"I could not tell which column '{items[agg_at].text}' applies to.",
                items[agg_at].text,
            )
    return metric


def _listed_number(st: ReadState, count_at: int, agg_at: int | None) -> bool:
    """'the title and number of pages': 'number of' + a numeric column listed beside other
    columns names that column (no aggregate word, another column asked before it)."""
    nxt = st.at(count_at + 1)
    if agg_at is not None or st.items[count_at].text.lower() not in ("number of", "the number of"):
        return False
    if nxt is None or nxt.kind != "column" or not st.free(count_at + 1):
        return False
    if not all(col_kind(st, c) == "number" for c in columns_of(nxt)):
        return False
    return any(it.kind == "column" and st.free(k) and k < count_at for k, it in enumerate(st.items))


def _event_rows_named(st: ReadState, subject: str) -> str:
    """A table named beside the subject whose rows point at it ('watchlists' beside stocks):
    rows a count could rank the subject by; '' when none."""
    for it in st.items:
        if it.kind not in ("table", "column"):
            continue
        for t in it.targets:
            if t.table != subject and any(
                rel.from_table == t.table and rel.to_table == subject
                for rel in st.lex.catalog.relationships
            ):
                return t.table
    return ""
