"""Counting rows per entity: 'which customer placed the most orders' (the table named before
a superlative ranked by the count of the table after it) and 'users who selected more than 6
stocks' (the groups a condition on a count applies to)."""

from __future__ import annotations

from dataclasses import dataclass

from .filters import _is_key, _number_value
from .names import names_rows
from .reading import ReadState, Refuse, choose, col_kind, columns_of
from .spec import Col, Metric

# aggregate words that state a value ('an average salary above 5000'), not a ranking
_STATED = {"SUM", "AVG", "MIN", "MAX"}
_RANKING = frozenset(
    {"highest", "lowest", "largest", "smallest", "biggest", "greatest", "most", "least", "top"}
)


@dataclass(frozen=True)
class AggregateCondition:
    """'an average market cap above 100 billion', 'a positive average revenue growth': a
    condition on an aggregate of each group (HAVING), read before the plain comparisons
    would take its column as a row filter."""

    metric: Metric
    conditions: tuple[tuple[str, float], ...]
    start: int  # the condition's first word: the groups are named before it
    text: str  # the words, for reasons


def read_aggregate_condition(st: ReadState) -> AggregateCondition | None:
    """An aggregate word right before a numeric column, compared right after it ('average
    salary is more than 5000', 'total sales exceed 1000') or signed ('positive average
    revenue growth', 'average revenue growth is negative')."""
    found: AggregateCondition | None = None
    for i, it in enumerate(st.items):
        if not (
            st.free(i)
            and st.is_kw(i, "agg")
            and it.arg in _STATED
            and it.text.lower() not in _RANKING
        ):
            continue
        col_item = st.at(i + 1)
        if col_item is None or col_item.kind != "column" or not st.free(i + 1):
            continue
        cols = [
            c for c in columns_of(col_item) if col_kind(st, c) == "number" and not _is_key(st, c)
        ]
        if not cols:
            continue
        read = _compared_after(st, i + 2, cols[0]) or _signed_before(st, i)
        if read is None:
            continue
        col = choose(st, cols, col_item)
        conditions, used = read
        if found is not None:
            raise Refuse(
                "Conditions on two aggregates of each group are beyond the built-in engine; "
                "please ask with one.",
                it.text,
            )
        st.take(i, i + 1, *used)
        start = min(i, *used)
        words = " ".join(st.items[k].text for k in sorted({i, i + 1, *used}))
        found = AggregateCondition(Metric(it.arg, col), conditions, start, words)
    return found


def _compared_after(
    st: ReadState, at: int, col: Col
) -> tuple[tuple[tuple[str, float], ...], list[int]] | None:
    """'… is negative', '… above 100 billion', '… between 5 and 10'."""
    it = st.at(at)
    if it is None or not st.free(at) or it.kind != "kw":
        return None
    if it.category == "sign":
        return ((it.arg, 0.0),), [at]
    if it.category != "cmp":
        return None
    count = 2 if it.arg == "between" else 1
    nums = [at + 1 + k for k in range(count)]
    if not all(st.free(j) and st.items[j].kind == "number" for j in nums):
        return None
    after = st.at(nums[-1] + 1)
    if after is not None and after.kind in ("column", "table") and st.free(nums[-1] + 1):
        return None  # 'average close above 100 shares': the number belongs to what follows
    values = [_number_value(st, st.items[j], col) for j in nums]
    if it.arg == "between":
        return ((">=", values[0]), ("<=", values[1])), [at, *nums]
    return ((it.arg, values[0]),), [at, *nums]


def _signed_before(
    st: ReadState, agg_at: int
) -> tuple[tuple[tuple[str, float], ...], list[int]] | None:
    """'a positive average revenue growth'."""
    if st.is_kw(agg_at - 1, "sign") and st.free(agg_at - 1):
        return ((st.items[agg_at - 1].arg, 0.0),), [agg_at - 1]
    return None


def aggregate_group(st: ReadState, cond: AggregateCondition, group_col: Col | None) -> Col:
    """The groups an aggregate condition applies to: 'per sector', a column named before it
    ('sectors whose …'), or a table whose rows the measured ones reference ('genres with an
    average rating above 7')."""
    if group_col is not None:
        return group_col
    before = cond.start
    for i, it in enumerate(st.items[:before]):
        if it.kind == "column" and st.free(i):
            cols = [c for c in columns_of(it) if col_kind(st, c) == "text" or is_group_key(st, c)]
            if not cols:
                break
            between = [st.items[k] for k in range(i + 1, before) if st.items[k].kind == "table"]
            if between:
                # 'countries that have authors with an average rating above 7': the average
                # of each author or of each country? Neither is picked silently.
                raise Refuse(
                    f"'{it.text} … {between[0].text} with {cond.text}': the aggregate of each "
                    f"{between[0].targets[0].table} row or of each {cols[0].column}? This "
                    "needs a nested query, which the built-in engine does not write.",
                    cond.text.split()[0],
                )
            st.take(i)
            return choose(st, cols, it)
    assert cond.metric.col is not None
    found = _ranked_by(st, before, cond.metric.col.table, after=0)
    if found is None:
        raise Refuse(
            f"I could not tell which groups '{cond.text}' compares (name them, for example "
            f"'which departments have {cond.text}').",
            cond.text.split()[0],
        )
    return found


def having_entity(
    st: ReadState,
    superlative: int | None,
    count_at: int | None,
    agg_at: int | None,
    group_col: Col | None,
) -> Col:
    """'which sectors have more than 60 companies', 'users who selected more than 6 stocks':
    the groups (a column or a table named before the comparison) whose rows are counted."""
    if len(st.having) > 1 or superlative is not None or agg_at is not None:
        raise Refuse(
            "Combining a condition on a count with other rankings or aggregates needs a nested "
            "query, which the built-in engine does not write.",
            st.items[st.having[0][2]].text,
        )
    _, _, cmp_at, counted = st.having[0]
    if count_at is not None:
        raise Refuse(
            "Counting the groups that pass a condition on a count needs a nested query, which "
            "the built-in engine does not write.",
            st.items[count_at].text,
        )
    op, value = st.having[0][0], st.having[0][1]
    if group_col is not None:
        return group_col
    for i, it in enumerate(st.items[:cmp_at]):
        if it.kind == "column" and st.free(i):
            cols = [c for c in columns_of(it) if col_kind(st, c) == "text" or is_group_key(st, c)]
            if cols:
                st.take(i)
                return choose(st, cols, it)
            break
    found = entity_table(st, before=cmp_at, counted=counted)
    if found is None:
        raise Refuse(
            f"I could not tell which groups '{st.items[cmp_at].text}' compares.",
            st.items[cmp_at].text,
        )
    if _admits_zero(op, value):
        # 'users with fewer than 3 selections': users with none have no rows to group
        raise Refuse(
            f"'{st.items[cmp_at].text} {value:g}' includes {found.table} with no "
            f"{st.items[counted].text} at all, which a grouped count cannot show; ask for "
            "those with none separately.",
            st.items[cmp_at].text,
        )
    return found


def _admits_zero(op: str, value: float) -> bool:
    return {"<": value > 0, "<=": value >= 0, "=": value == 0, "!=": value != 0}.get(op, False)


def is_group_key(st: ReadState, col: Col) -> bool:
    """A column that references another table ('Major' → Department) groups rows."""
    return any(
        r.from_table == col.table and r.from_column == col.column
        for r in st.lex.catalog.relationships
    )


def entity_table(st: ReadState, before: int, counted: int) -> Col | None:
    """'which customer placed the most orders': the table named before the superlative is
    the entity ranked (by its key), the table after it is counted."""
    counted_table = st.items[counted].targets[0].table
    for i, it in enumerate(st.items[:before]):
        if it.kind == "table" and st.free(i):
            table = st.lex.catalog.table(it.targets[0].table)
            if table is None or table.name == counted_table or len(table.primary_key) != 1:
                return None
            st.take(i)
            return Col(table.name, table.primary_key[0])
        if it.kind == "column" and st.free(i) and _describes_next_table(st, i, before):
            continue  # 'the first and last names of the attendees that rated the most …'
        if it.kind in ("column", "value", "number") and st.free(i):
            return None
    return None


def _describes_next_table(st: ReadState, at: int, before: int) -> bool:
    """The column belongs to the table named next (only columns in between)."""
    for it in st.items[at + 1 : before]:
        if it.kind == "table":
            named = {t.table for t in st.items[at].targets if names_rows(t.column)}
            return it.targets[0].table in named
        if it.kind not in ("column", "number"):
            return False
    return False


def ranked_entity(
    st: ReadState, superlative: int, count_at: int | None, agg_at: int | None
) -> Col | None:
    """See :func:`_ranked_by`: the measure is the count's table or the aggregated column's."""
    if count_at is None and agg_at is None:
        return None
    measured = st.at(count_at + 1) if count_at is not None else None
    if measured is not None and measured.kind == "table":
        return _ranked_by(st, superlative, measured.targets[0].table)
    return _ranked_by(st, superlative, _measured_table(st, agg_at))


def _measured_table(st: ReadState, agg_at: int | None) -> str | None:
    """The table of the column an aggregate word applies to ('average rating' → review)."""
    if agg_at is None:
        return None
    for item in st.items[agg_at + 1 : agg_at + 4]:
        if item.kind == "column":
            return item.targets[0].table
        if item.kind != "kw":
            return None
    return None


def _ranked_by(
    st: ReadState, superlative: int, measured_table: str | None, after: int = 2
) -> Col | None:
    """The table whose rows a superlative ranks by a measure of related rows: 'top 5
    physicians by number of appointments' (named right after 'top 5'), 'which restaurant
    has the highest average rating' (named before it, the rating a review's). Its key is
    the group; None when no such table is named or the measured rows do not reference it
    directly."""
    if measured_table is None:
        return None
    candidates = [
        i
        for i, it in enumerate(st.items)
        if it.kind == "table" and st.free(i) and it.targets[0].table != measured_table
    ]
    nearest = [i for i in candidates if i < superlative][-1:] or [
        i for i in candidates if superlative < i <= superlative + after
    ][:1]
    if not nearest:
        return None
    table = st.lex.catalog.table(st.items[nearest[0]].targets[0].table)
    if table is None or len(table.primary_key) != 1:
        return None
    direct = any(
        r.from_table == measured_table and r.to_table == table.name
        for r in st.lex.catalog.relationships
    )
    if not direct:
        return None  # through other tables ('which job … average salary'): not guessed
    st.take(nearest[0])
    return Col(table.name, table.primary_key[0])
