"""What "it / its / they / those …" point at: the previous answer's subject.

The subject is the previous question's filters when its answer was every
matching row, or the keys of the rows it returned when it was cut to a few
("which sector has the most companies?" → sector = 'Industrials').
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog, QueryResult

from .names import names_rows
from .spec import Col, Filter, Metric, QuerySpec, one_day
from .sqlbuild import name_columns

MAX_KEYS = 50


def needs_rows(prev: QuerySpec) -> bool:
    """True when the previous answer was cut to some rows or groups (its subject is those):
    a top N, the rows tied at the top, or the groups a condition on an aggregate kept
    ('which sectors have an average revenue growth above 1%' → 'how many companies in each
    of those' is about those four sectors, not every company)."""
    cut = bool(prev.limit) or prev.ties or bool(prev.having)
    return cut and (prev.group_by is not None or prev.shape == "list")


def key_column(prev: QuerySpec, catalog: Catalog) -> Col | None:
    if prev.group_by is not None:
        return None if prev.bucket else prev.group_by
    info = catalog.table(prev.table)
    if info and len(info.primary_key) == 1:
        return Col(prev.table, info.primary_key[0])
    return None


def subject_filters(
    prev: QuerySpec, catalog: Catalog, result: QueryResult | None, by_key: bool = False
) -> tuple[tuple[Filter, ...], str] | None:
    """(filters that select the previous answer's subject, how it was read), or None
    when the subject cannot be pinned down. ``by_key``: the rows named by their keys even
    when the previous conditions could name them (a count for each of them must not keep
    a condition that was only about which rows were listed)."""
    if _counts_values(prev, catalog):
        # 'list them with the avg market cap' after 'how many distinct sectors': 'them' are
        # the sectors counted, not the companies; their rows are no subject to keep
        return None
    if not needs_rows(prev) and not by_key:
        # the join stays a condition unless a condition on the joined table implies it
        own = all(f.col.table == prev.table for f in prev.filters)
        joined = _joined_rows(prev, catalog) if own else ()
        if joined is None and prev.filters:
            joined = ()  # the conditions still name the rows, as they did before
        if joined is None:
            return None
        if not prev.filters and not joined:
            return (), "the same rows as the previous question (all of them)"
        if not prev.filters:
            return joined, "the previous question's rows (those with " + ", ".join(
                str(f.values[0]) for f in joined
            ) + " rows)"
        return prev.filters + joined, "the previous question's conditions"
    key = key_column(prev, catalog)
    pinned: tuple[Filter, ...] = ()
    if key is None:
        key, pinned = _distinct_key_part(prev, catalog, result)
    if key is None or result is None or key.column not in result.columns:
        return None
    at = result.columns.index(key.column)
    values = list(dict.fromkeys(row[at] for row in result.rows if row[at] is not None))
    if not values or len(values) > MAX_KEYS:
        return None
    if prev.limit and len(values) < len(result.rows):
        # 'top 5 weights in the S&P 500 index': five rows of one index; its key would name
        # the index (every weight of it), not the five rows ranked
        return None
    kept = () if by_key else tuple(f for f in prev.filters if f.col != key)
    kept += tuple(p for p in pinned if p not in kept)
    f = Filter(key, "=" if len(values) == 1 else "in", tuple(values))
    shown = ", ".join(f"'{v}'" for v in values[:5]) + (" …" if len(values) > 5 else "")
    return kept + (f,), f"{key.column} {'=' if len(values) == 1 else 'in'} {shown}"


def _counts_values(prev: QuerySpec, catalog: Catalog) -> bool:
    """The previous answer counted the distinct values of a column that names no row."""
    m = prev.metric
    if prev.shape != "count" or m is None or not m.distinct or m.col is None:
        return False
    info = catalog.table(m.col.table)
    return not (info is not None and list(info.primary_key) == [m.col.column])


def _distinct_key_part(
    prev: QuerySpec, catalog: Catalog, result: QueryResult | None
) -> tuple[Col | None, tuple[Filter, ...]]:
    """'combined weight of those 10' after the top 10 weights in the S&P 500: a table keyed by
    two columns (index, stock) whose rows shown differ in one of them (the stock) and share
    one value of the others (the index), which is kept as a condition."""
    info = catalog.table(prev.table)
    if prev.group_by is not None or info is None or len(info.primary_key) < 2 or not result:
        return None, ()
    if any(column not in result.columns for column in info.primary_key):
        return None, ()
    values = {c: [row[result.columns.index(c)] for row in result.rows] for c in info.primary_key}
    if any(None in v for v in values.values()):
        return None, ()
    distinct = [c for c, v in values.items() if len(set(v)) == len(v)]
    fixed = [c for c, v in values.items() if len(set(v)) == 1]
    if len(distinct) != 1 or len(fixed) != len(info.primary_key) - 1 or len(result.rows) < 2:
        return None, ()
    pinned = tuple(Filter(Col(prev.table, c), "=", (values[c][0],)) for c in fixed)
    return Col(prev.table, distinct[0]), pinned


def _joined_rows(prev: QuerySpec, catalog: Catalog) -> tuple[Filter, ...] | None:
    """'which of those are energy stocks?' after 'how many stocks have users selected': the
    previous rows were only those a joined table has (an inner join keeps no others), so
    that stays a condition; None when such a join cannot be said as one."""
    found: list[Filter] = []
    for table in prev.also_join:
        rel = next(
            (
                r
                for r in catalog.relationships
                if {r.from_table.lower(), r.to_table.lower()} == {prev.table.lower(), table.lower()}
            ),
            None,
        )
        if rel is None:
            continue  # reached through another joined table, which says it
        if rel.from_table.lower() == prev.table.lower():
            mine, theirs = rel.from_column, rel.to_column
        else:
            mine, theirs = rel.to_column, rel.from_column
        found.append(Filter(Col(prev.table, mine), "present", (table, theirs)))
    if prev.also_join and not found:
        return None
    return tuple(found)


def shown_values(
    cols: list[Col], prev: QuerySpec, result: QueryResult | None
) -> tuple[tuple[Filter, ...], str] | None:
    """'that industry': the previous question's condition on one of ``cols``, else the
    values of one of them in the previous answer's rows (a column of a table the previous
    question used); None when they cannot be read."""
    for f in prev.filters:
        if f.col in cols and (f.op in ("=", "in") or (f.time and one_day(f))):
            # 'that sector' after 'the average market cap in the Industrials sector'
            said = ", ".join(f"'{v}'" for v in f.values[:5])
            return (f,), f"{f.col.column} {f.op} {said} (the previous question's condition)"
    tables = prev.tables()
    for col in cols:
        if result is None or col.table not in tables or col.column not in result.columns:
            continue
        if result.truncated:
            return None
        at = result.columns.index(col.column)
        values = list(dict.fromkeys(row[at] for row in result.rows if row[at] is not None))
        if not values or len(values) > MAX_KEYS:
            return None
        f = Filter(col, "=" if len(values) == 1 else "in", tuple(values))
        shown = ", ".join(f"'{v}'" for v in values[:5]) + (" …" if len(values) > 5 else "")
        return (f,), f"{col.column} {'=' if len(values) == 1 else 'in'} {shown}"
    return None


def merge_filters(spec: QuerySpec, extra: tuple[Filter, ...]) -> QuerySpec:
    """The question's own conditions win over the inherited ones on the same column."""
    own = {f.col for f in spec.filters}
    own_time = any(f.time for f in spec.filters)
    inherited = tuple(f for f in extra if f.col not in own and not (f.time and own_time))
    return spec.with_(filters=spec.filters + inherited)


PLURAL = frozenset({"they", "them", "their", "theirs", "those", "these"})
TOTAL_WORDS = frozenset(
    {"total", "combined", "altogether", "together", "overall", "sum", "all", "collectively", "any"}
)


def _names_several(prev: QuerySpec, catalog: Catalog, keyed: QuerySpec | None = None) -> bool:
    """'compare KO and PEP …': the previous question named its rows by key, several of them
    (``keyed``: by the key of that question's table)."""
    key = key_column(keyed or prev, catalog)
    return key is not None and any(
        (f.col == key or (f.col.table == key.table and names_rows(f.col.column)))
        and f.op == "in"
        and len(f.values) > 1
        for f in prev.filters
    )


def _total_of_groups_unsaid(
    spec: QuerySpec, prev: QuerySpec, pronoun: str, words: list[str]
) -> bool:
    """'what's the total number of employees for those states' after several states: 'total'
    names the measure (a sum) but not whether it is one per state or one over all of them;
    'in total', 'combined' or 'each' would say."""
    if pronoun.lower() not in PLURAL or prev.group_by is None or prev.bucket:
        return False
    if spec.metric is None or spec.group_by is not None or TOTAL_WORDS & set(words) != {"total"}:
        return False
    said_in_total = any(a == "in" and b == "total" for a, b in zip(words, words[1:]))
    return not said_in_total and not {"each", "apiece", "every", "per"} & set(words)


def _count_of_them(spec: QuerySpec, pronoun: str, words: list[str]) -> bool:
    """'how many of those are …', 'how many of them have …': the rows before that meet a
    condition, counted once (never a count per row), unless each is said."""
    if (
        spec.metric is None
        or spec.metric.func != "COUNT"
        or {"each", "apiece", "every"} & set(words)
    ):
        return False
    said = pronoun.lower()
    return any(
        words[k] == "of" and words[k + 1] == said and k >= 2 and words[k - 2 : k] == ["how", "many"]
        for k in range(len(words) - 1)
    )


def per_row(
    spec: QuerySpec, prev: QuerySpec, catalog: Catalog, pronoun: str, words: list[str]
) -> QuerySpec | None:
    """'how many employees do those have?' after a top 3: one value per row of the previous
    answer, not their sum — unless the question says 'in total'. Returns the per-row spec,
    ``spec`` itself when it already is one, or None when no per-row reading can be built."""
    lowered = {w.lower() for w in words}
    if _total_of_groups_unsaid(spec, prev, pronoun, [w.lower() for w in words]):
        return None  # 'the total number of employees for those states': each, or all?
    if (
        pronoun.lower() in PLURAL
        and spec.shape == "list"
        and spec.limit
        and spec.order_by is not None
        and prev.group_by is not None
        and not prev.bucket
        and {"apiece", "each", "every"} & lowered
        and prev.group_by.table in spec.tables()
    ):
        # 'what's the largest company in each of them' after some industries: the top row of
        # each of those groups, not the one largest of all of them
        return spec.with_(per_group=prev.group_by)
    if (
        pronoun.lower() not in PLURAL
        or not (
            needs_rows(prev)
            or (prev.group_by is not None and not prev.bucket)
            or (_names_several(prev, catalog) and _names_several(spec, catalog, prev))
            or series_of_each(spec, prev, catalog)
            or ("apiece" in lowered and prev.shape == "list" and prev.group_by is None)
        )
        or spec.shape == "list"
        or spec.group_by is not None
        or spec.metric is None
        or TOTAL_WORDS & {w.lower() for w in words}
    ):
        return spec
    if prev.change and spec.metric is not None and spec.metric.func == "COUNT":
        return spec  # 'how many of those are tech' after the top 10 losers: one count
    if _count_of_them(spec, pronoun, [w.lower() for w in words]):
        return spec  # 'how many of those 10 are Technology sector?': one count of the rows
    key = key_column(prev, catalog)
    if key is None or spec.having or spec.ratio_filters or spec.change:
        return None
    metric = spec.metric
    own_value = metric.col is not None and metric.col.table == key.table
    if spec.extra_metrics and (
        own_value or any(m.col is None or m.col.table == key.table for m in spec.extra_metrics)
    ):
        return None  # several values of the rows themselves: which is listed, which summed?
    if metric.func == "AVG" and own_value and prev.group_by is None:
        return spec  # 'their average market cap': one average over those rows
    if (
        metric.col is not None
        and metric.func in ("AVG", "SUM")
        and prev.group_by is None
        and one_row_each(metric.col.table, key, spec.filters, catalog)
    ):
        # 'the avg index weight of those 10 in the S&P 500': each company has one weight in
        # that index, so an average of each would only repeat it; one over all of them
        return spec
    if (
        metric.func in ("SUM", "MAX", "MIN")
        and metric.col is not None
        and own_value
        and prev.group_by is None
    ):
        # a value of each row itself: list it beside the row's name, in the previous order
        ordered = prev.order_by if prev.order_by and prev.order_by.table == key.table else None
        return QuerySpec(
            shape="list",
            table=key.table,
            columns=(metric.col,),
            filters=spec.filters,
            order_by=ordered,
            descending=prev.descending if ordered else False,
        )
    if spec.table == key.table and prev.group_by is None:
        return None  # COUNT(*) of the rows themselves: 'how many are they' is not per row
    each = spec.with_(
        group_by=key,
        limit=None,
        order_by=None,
        order_metric=False,
    )
    if prev.group_by is None and not needs_rows(prev):
        # each row of a plain list: a grouped count is an aggregate (spec.py), so 'just the
        # top 3' then ranks by it. After a ranking or a condition on totals the shape stays
        # a count: 'the top 3' could still mean the ranking that chose the rows.
        each = each.with_(shape="aggregate")
    if prev.group_by is None:
        each = _named_beside_key(_counted_from_each(each, catalog), prev, key, catalog)
    return each


def one_row_each(table: str, key: Col, filters: tuple[Filter, ...], catalog: Catalog) -> bool:
    """Each row named by ``key`` has one row of ``table`` under ``filters``: every part of
    its primary key refers to ``key`` or is pinned to one value (directly, or by a name of
    the row it refers to: index_compositions under 'S&P 500' has one row per company)."""
    info = catalog.table(table)
    if info is None or not info.primary_key or table == key.table:
        return False
    pinned = {(f.col.table, f.col.column) for f in filters if f.op == "=" and len(f.values) == 1}
    keyed = False
    for column in info.primary_key:
        refs = [
            r for r in catalog.relationships if (r.from_table, r.from_column) == (table, column)
        ]
        if any((r.to_table, r.to_column) == (key.table, key.column) for r in refs):
            keyed = True
            continue
        if (table, column) in pinned:
            continue
        if any(_names_one(r.to_table, r.to_column, pinned, catalog) for r in refs):
            continue
        return False
    return keyed


def _names_one(table: str, column: str, pinned: set[tuple[str, str]], catalog: Catalog) -> bool:
    """A row of ``table`` (referred to by ``column``, its key) pinned by one of its names."""
    info = catalog.table(table)
    if info is None or list(info.primary_key) != [column]:
        return False
    return any((table, c) in pinned for c in (column, *name_columns(info)))


def _counted_from_each(spec: QuerySpec, catalog: Catalog) -> QuerySpec:
    """'how many picks does each of them have' after some users: a user with no pick is
    counted as 0, not left out (the count starts from the rows it is for). Only when every
    condition is on those rows: a condition on the counted side would need moving into the
    join. The spec unchanged when that cannot be said."""
    key, metric = spec.group_by, spec.metric
    if (
        key is None
        or metric is None
        or metric.func != "COUNT"
        or spec.table == key.table
        or any(f.col.table != key.table for f in spec.filters)
        or spec.having
    ):
        return spec
    counted = metric.col
    if counted is None:
        info = catalog.table(spec.table)
        if not info or not info.primary_key:
            return spec
        counted = Col(spec.table, info.primary_key[0])  # never NULL on a row that exists
        if len(info.primary_key) == 1:
            # reached through a join that can repeat it: each of its rows counted once
            return _from_key_table(spec, key, Metric("COUNT", counted, True))
    return _from_key_table(spec, key, Metric("COUNT", counted, metric.distinct))


def _from_key_table(spec: QuerySpec, key: Col, counted: Metric) -> QuerySpec:
    """The count read from the rows it is for, the counted table joined to them."""
    joined = tuple(dict.fromkeys(t for t in (spec.table, *spec.also_join) if t != key.table))
    return spec.with_(table=key.table, also_join=joined, metric=counted, keep_empty=True)


def _named_beside_key(spec: QuerySpec, prev: QuerySpec, key: Col, catalog: Catalog) -> QuerySpec:
    """'how many rooms does each of them have' after the names of some hotels: each count
    beside the name the previous answer showed, grouped by the key (names can repeat)."""
    if spec.group_label is not None:
        return spec
    shown = [c for c in prev.columns if c.table == key.table and c != key]
    if not prev.columns:
        # the rows were shown by their name columns ('Which teams are from London?')
        info = catalog.table(key.table)
        shown = [Col(key.table, c) for c in name_columns(info)] if info else []
    if len(shown) != 1 or shown[0] == key:
        return spec
    return spec.with_(group_label=shown[0])


def series_of_each(spec: QuerySpec, prev: QuerySpec, catalog: Catalog) -> bool:
    """'their avg close in december' after a list of stocks: each one has a series of dated
    rows, so the average is of each stock's own days (one per row shown), not one number
    over all of them mixed."""
    if prev.shape != "list" or prev.group_by is not None or prev.distinct:
        return False
    metric, key = spec.metric, key_column(prev, catalog)
    if metric is None or metric.col is None or key is None or metric.col.table == key.table:
        return False
    series = catalog.table(metric.col.table)
    if series is None or key.column not in series.primary_key:
        return False
    return dated_series(catalog, metric.col.table)


def dated_series(catalog: Catalog, table: str) -> bool:
    """A table of dated readings: a date in its key (a stock's daily prices), so each row of
    another table it points at has many of them."""
    info = catalog.table(table)
    return info is not None and any(
        (col := info.column(name)) is not None and "DATE" in (col.type or "").upper()
        for name in info.primary_key
    )


_HIGH_WORDS = frozenset({"highest", "max", "maximum", "biggest", "largest", "peak", "top", "best"})
_LOW_WORDS = frozenset({"lowest", "min", "minimum", "smallest", "bottom", "worst"})


def extreme_of_each(
    spec: QuerySpec, prev: QuerySpec, pronoun: str, words: list[str], lex
) -> QuerySpec | None:
    """'their lowest close in 2023?' after a list of companies: the lowest close of each
    (MIN per company), never one ranked list of every daily close of all of them."""
    if pronoun.lower() not in PLURAL or spec.shape != "list" or spec.metric is not None:
        return None
    col = spec.order_by
    said = set(words)
    if said & {"which", "who", "whose"}:
        return None  # 'which of them had the highest close …': the one at the top
    high, low = bool(_HIGH_WORDS & said), bool(_LOW_WORDS & said)
    if col is None or high == low or prev.shape != "list" or prev.limit == 1:
        return None
    if col.table == prev.table or lex.kind_of(col.table, col.column) != "number":
        return None
    key = key_column(prev, lex.catalog) or _shared_key(prev.table, col.table, lex.catalog)
    if key is None or prev.group_by is not None:
        return None
    return spec.with_(
        shape="aggregate",
        metric=Metric("MAX" if high else "MIN", col),
        group_by=key,
        columns=(),
        order_by=None,
        order_metric=False,
        limit=None,
        limit_stated=False,
        distinct=False,
        ties=False,
    )


def _shared_key(table: str, other: str, catalog: Catalog) -> Col | None:
    """The one key column of ``table`` that ``other`` also has (index_compositions and
    stock_price_history share stock_symbol): what 'each of them' is per."""
    info, far = catalog.table(table), catalog.table(other)
    if info is None or far is None:
        return None
    shared = [c for c in info.primary_key if far.column(c) is not None]
    return Col(table, shared[0]) if len(shared) == 1 else None
