"""QuerySpec → sqlglot syntax tree → SQL text in the catalog's dialect.

Joins follow the shortest key path (BFS over declared and inferred
relationships). Every ordering ends with the subject's primary key so
repeated runs return identical rows, and every plain list carries a LIMIT.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog, Relationship

from .identifiers import table_ref
from .lexicon import column_kind
from .spec import Col, Filter, Metric, QuerySpec, one_day

LIST_LIMIT = 1000


class PlanError(Exception):
    """The spec cannot be turned into SQL for this catalog (no join path, …)."""


@dataclass(frozen=True)
class Built:
    select: exp.Select
    sql: str
    columns: tuple[str, ...]  # output column names, in order
    list_cols: tuple[Col, ...]  # for lists: the schema column behind each output column
    assumptions: tuple[tuple[str, str], ...]


def _neighbours(catalog: Catalog, table: str) -> list[tuple[str, Relationship]]:
    out = []
    for r in catalog.relationships:
        if r.from_table == table:
            out.append((r.to_table, r))
        elif r.to_table == table:
            out.append((r.from_table, r))
    return out


def join_path(
    catalog: Catalog, start: str, goal: str, named: frozenset[str] = frozenset()
) -> list[tuple[str, Relationship]]:
    """Shortest path of (table, relationship) steps from start to goal; raises if none or
    ambiguous. Of several equally short routes, the one through a table the question names
    ('students enrolled in …' → through Enrolled_in) is the link meant."""
    if start == goal:
        return []
    paths: dict[str, list[list[tuple[str, Relationship]]]] = {start: [[]]}
    frontier = deque([start])
    while frontier:
        table = frontier.popleft()
        for nxt, rel in _neighbours(catalog, table):
            for path in paths[table]:
                candidate = path + [(nxt, rel)]
                if nxt not in paths:
                    paths[nxt] = [candidate]
                    frontier.append(nxt)
                elif len(paths[nxt][0]) == len(candidate) and nxt != start:
                    paths[nxt].append(candidate)
    if goal not in paths:
        raise PlanError(f"I found no key path joining {start} to {goal}.")
    # two keys between the same tables (a route's origin and destination station) are two
    # routes: never one picked silently
    routes = {tuple((t, r.from_column, r.to_column) for t, r in p) for p in paths[goal]}
    through = [p for p in paths[goal] if any(t in named for t, _ in p[:-1])]
    if len(routes) > 1 and len({tuple((t, r.from_column) for t, r in p) for p in through}) == 1:
        return through[0]
    if len(routes) > 1:
        names = " or ".join(
            " → ".join([start] + [f"{t} ({c})" for t, c, _ in r]) for r in sorted(routes)
        )
        raise PlanError(
            f"{start} and {goal} can be joined in more than one way ({names}); please name the link."
        )
    return paths[goal][0]


def _fans_out(rel: Relationship, to_table: str) -> bool:
    """Stepping to the referencing side of a key can repeat the rows we came from."""
    return rel.from_table == to_table


def _one_row_each(
    rel: Relationship, table: str, spec: QuerySpec, steps: list, catalog: Catalog
) -> bool:
    """A one-to-many step whose other key columns are each fixed to one value ('in the S&P
    500': index_compositions keyed by (index, stock), the index named): one row per row we
    came from, so a sum over the join counts each once. Fixed means an '=' on the column, or
    on the key or name of the table that column references."""
    info = catalog.table(table)
    rest = [c for c in (info.primary_key if info else ()) if c != rel.from_column]
    if not rest:
        return False

    def fixed(col: Col) -> bool:
        return any(
            f.col == col and f.op == "=" and len(f.values) == 1 and not f.time for f in spec.filters
        )

    for column in rest:
        if fixed(Col(table, column)):
            continue
        named = False
        for _, r in steps:
            if (r.from_table, r.from_column) != (table, column):
                continue
            target = catalog.table(r.to_table)
            naming = {
                *(target.primary_key if target else ()),
                *(name_columns(target) if target else ()),
            }
            named = any(fixed(Col(r.to_table, c)) for c in naming)
        if not named:
            return False
    return True


def _fanned_tables(start: str, steps: list[tuple[str, Relationship]]) -> set[str]:
    """Tables reached through a one-to-many step (their rows can repeat the subject's)."""
    fanned: set[str] = set()
    reached = {start: False}
    for nxt, rel in steps:
        came_from = rel.to_table if rel.from_table == nxt else rel.from_table
        reached[nxt] = reached.get(came_from, False) or _fans_out(rel, nxt)
        if reached[nxt]:
            fanned.add(nxt)
    return fanned


def _literal(value) -> exp.Expr:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            return exp.Literal.number(int(value))
        return exp.Literal.number(repr(float(value)))
    return exp.Literal.string(str(value))


class _Names:
    def __init__(self, qualify: bool):
        self.qualify = qualify

    def col(self, c: Col) -> exp.Column:
        return exp.column(c.column, table=c.table if self.qualify else None)


def _condition(names: _Names, f: Filter) -> exp.Expr:
    column = names.col(f.col)
    if f.op == "range":
        start, end = f.values
        parts: list[exp.Expr] = []
        if start:
            parts.append(exp.GTE(this=column, expression=exp.Literal.string(start)))
        if end:
            parts.append(exp.LT(this=column.copy(), expression=exp.Literal.string(end)))
        return exp.and_(*parts)
    if f.op == "between":
        low, high = sorted(f.values)
        return exp.Between(this=column, low=_literal(low), high=_literal(high))
    if f.op == "null":
        return exp.Is(this=column, expression=exp.Null())
    if f.op == "any":
        # rows named through different naming columns: (short_name = 'X' OR stock_symbol = 'Y')
        return exp.Paren(
            this=exp.or_(
                *(
                    exp.EQ(this=names.col(Col(f.col.table, c)), expression=_literal(v))
                    for c, v in f.values
                )
            )
        )
    if f.op in ("absent", "present"):
        table, other = f.values
        sub = (
            exp.select(exp.column(other, table=table))
            .from_(table_ref(table))
            .where(exp.Not(this=exp.Is(this=exp.column(other, table=table), expression=exp.Null())))
        )
        found = exp.In(this=column, query=exp.Subquery(this=sub))
        return found if f.op == "present" else exp.Not(this=found)
    if f.op == "absent_where":
        # 'sectors with no company in Texas': the column's values among the rows that meet the
        # condition (the inner table's own columns, which its scope resolves), left out
        table, other, *inner = f.values
        sub = (
            exp.select(exp.column(other, table=table))
            .from_(table_ref(table))
            .where(
                exp.and_(
                    exp.Not(
                        this=exp.Is(this=exp.column(other, table=table), expression=exp.Null())
                    ),
                    *(_condition(_Names(True), g) for g in inner),
                )
            )
        )
        return exp.Not(this=exp.In(this=column, query=exp.Subquery(this=sub)))
    if f.op in ("in", "not in"):
        cond = exp.In(this=column, expressions=[_literal(v) for v in f.values])
        return exp.Not(this=cond) if f.op == "not in" else cond
    if f.op == "like":
        return exp.Like(this=column, expression=_literal(f.values[0]))
    if f.op in (">avg", "<avg"):
        # 'more than the average': the column's average over every row of its table
        average = exp.select(exp.func("AVG", exp.column(f.col.column))).from_(
            table_ref(f.col.table)
        )
        ops = {">avg": exp.GT, "<avg": exp.LT}
        return ops[f.op](this=column, expression=exp.Subquery(this=average))
    if f.op in (">col", "<col"):
        # 'close higher than it opened': another column of the same row
        other = names.col(Col(f.col.table, str(f.values[0])))
        return (exp.GT if f.op == ">col" else exp.LT)(this=column, expression=other)
    return _compare(column, f.op, f.values[0])


def _compare(left: exp.Expr, op: str, value) -> exp.Expr:
    ops = {"=": exp.EQ, "!=": exp.NEQ, ">": exp.GT, ">=": exp.GTE, "<": exp.LT, "<=": exp.LTE}
    return ops[op](this=left, expression=_literal(value))


def _latest_condition(names: _Names, f: Filter, spec: QuerySpec, catalog: Catalog) -> exp.Expr:
    """date = (SELECT MAX(date) FROM the same table under the same conditions), per entity
    when asked ('latest close of each stock'), or per joined key when other tables filter."""
    alias = "latest_rows"
    table = f.col.table
    inner = [
        _condition(_Names(True), Filter(Col(alias, g.col.column), g.op, g.values, g.time))
        for g in spec.filters
        # entity and period conditions pick whose latest row; value comparisons do not
        if g is not f
        and g.col.table == table
        and (g.time or g.op in ("=", "in", "!=", "not in", "any"))
    ]
    per = [f.values[0]] if f.values and f.values[0] else []
    if not per and any(g.col.table != table for g in spec.filters):
        per = [
            r.from_column if r.from_table == table else r.to_column
            for r in _links(catalog, table, spec)
        ]
    info = catalog.table(table)
    if not per and info and f.col.column in info.primary_key and len(info.primary_key) > 1:
        # a history keyed by (entity, date): 'current salary' is each employee's latest row,
        # not the rows dated on the one greatest date of the whole table
        per = [c for c in info.primary_key if c != f.col.column]
    for column in dict.fromkeys(per):
        inner.append(
            exp.EQ(this=exp.column(column, table=alias), expression=exp.column(column, table=table))
        )
    edge = (f.values[1:] or ("max",))[0]
    bucket = f.values[2] if len(f.values) > 2 else ""

    def edge_of(func: type[exp.Func]) -> exp.Select:
        sub = exp.select(func(this=exp.column(f.col.column, table=alias))).from_(
            exp.alias_(table_ref(table), alias, table=True)
        )
        return sub.where(exp.and_(*inner)) if inner else sub

    if bucket:
        # 'NFLX month-end closes for 2023': the last day with data of each month
        period = _period_expr(exp.column(f.col.column, table=alias), bucket)
        last_days = edge_of(exp.Max if edge == "max" else exp.Min).group_by(period)
        return exp.In(this=names.col(f.col), query=exp.Subquery(this=last_days))
    if edge == "both":
        # 'on the first and last trading day of 2023': the rows of either day
        ends = [exp.Subquery(this=edge_of(exp.Min)), exp.Subquery(this=edge_of(exp.Max))]
        return exp.In(this=names.col(f.col), expressions=ends)
    sub = edge_of(exp.Max if edge == "max" else exp.Min)
    return exp.EQ(this=names.col(f.col), expression=exp.Subquery(this=sub))


def _extreme_condition(names: _Names, f: Filter, spec: QuerySpec, catalog: Catalog) -> exp.Expr:
    """col = (SELECT MAX(col) FROM the same table under all the other conditions): the rows
    at the extreme, ties included. A condition on another table ('of those three',
    'semiconductor companies') holds inside through the key that links the two tables."""
    alias = "extreme_rows"
    inner: list[exp.Expr] = []
    for g in spec.filters:
        if g is f or g.op in ("latest", "extreme"):
            continue
        if g.col.table == f.col.table:
            inner.append(
                _condition(_Names(True), Filter(Col(alias, g.col.column), g.op, g.values, g.time))
            )
            continue
        link = next(
            (
                r
                for r in catalog.relationships
                if {r.from_table, r.to_table} == {f.col.table, g.col.table}
            ),
            None,
        )
        if link is None:
            raise PlanError(
                f"The highest {f.col.column} under a condition on {g.col.table} needs a join "
                "inside a subquery, which the built-in engine does not write."
            )
        local, remote = (
            (link.from_column, link.to_column)
            if link.from_table == f.col.table
            else (link.to_column, link.from_column)
        )
        keys = (
            exp.select(exp.column(remote, table=g.col.table))
            .from_(table_ref(g.col.table))
            .where(_condition(_Names(True), g))
        )
        inner.append(exp.In(this=exp.column(local, table=alias), query=exp.Subquery(this=keys)))
    func = exp.Max if f.values[0] == "max" else exp.Min
    sub = exp.select(func(this=exp.column(f.col.column, table=alias))).from_(
        exp.alias_(table_ref(f.col.table), alias, table=True)
    )
    if inner:
        sub = sub.where(exp.and_(*inner))
    return exp.EQ(this=names.col(f.col), expression=exp.Subquery(this=sub))


def _links(catalog: Catalog, table: str, spec: QuerySpec) -> list[Relationship]:
    """The relationships that tie ``table`` to the other filtered tables of the query."""
    others = {g.col.table for g in spec.filters} - {table}
    return [
        r
        for r in catalog.relationships
        if (r.from_table == table and r.to_table in others)
        or (r.to_table == table and r.from_table in others)
    ]


def _ordered(expr: exp.Expr, desc: bool) -> exp.Ordered:
    # NULLs sort as the smallest value, as both SQLite and MySQL do natively (no NULLS clause emitted)
    return exp.Ordered(this=expr, desc=desc, nulls_first=not desc)


def metric_name(metric: Metric, spec: QuerySpec) -> str:
    if metric.func == "PCT":
        if metric.col is not None:
            return f"percent_of_total_{metric.col.column}"
        return f"percentage_of_{spec.table}"
    if metric.func == "COUNT":
        if metric.col is None:
            return f"number_of_{spec.table}"
        if spec.keep_empty:
            return f"number_of_{metric.col.table}"  # a key column counted for its rows
        return f"number_of_{metric.col.column}_values"
    prefix = {"SUM": "total", "AVG": "average", "MIN": "min", "MAX": "max"}[metric.func]
    return f"{prefix}_{metric.col.column}" if metric.col else prefix


def _percentage(names: _Names, spec: QuerySpec, key: Col | None = None) -> exp.Expr:
    """100.0 * SUM(CASE WHEN condition THEN 1 ELSE 0 END) / COUNT(*): the share of rows;
    weighted by a measure, SUM(CASE WHEN condition THEN col ELSE 0 END) / SUM(col). Across a
    join that repeats rows ('S&P 500 companies'), each row counts once by its ``key``:
    COUNT(DISTINCT CASE WHEN condition THEN key END) / COUNT(DISTINCT key)."""
    condition = exp.and_(*(_condition(names, f) for f in spec.ratio_filters))
    if key is not None:
        hit_keys = exp.Count(
            this=exp.Distinct(
                expressions=[exp.Case(ifs=[exp.If(this=condition, true=names.col(key))])]
            )
        )
        every_key = exp.Count(this=exp.Distinct(expressions=[names.col(key)]))
        return exp.Div(
            this=exp.Mul(this=exp.Literal.number("100.0"), expression=hit_keys),
            expression=every_key,
        )
    weight = spec.metric.col if spec.metric is not None else None
    each = names.col(weight) if weight is not None else exp.Literal.number(1)
    hits = exp.Sum(
        this=exp.Case(ifs=[exp.If(this=condition, true=each)], default=exp.Literal.number(0))
    )
    whole = exp.Sum(this=names.col(weight)) if weight is not None else exp.Count(this=exp.Star())
    return exp.Div(
        this=exp.Mul(this=exp.Literal.number("100.0"), expression=hits), expression=whole
    )


SHARE_COLUMN = "percent_of_total"


def _share_of_whole(value: exp.Expr) -> exp.Expr:
    """100 × a group's value / the sum of every group's value (a window over the groups)."""
    whole = exp.Window(this=exp.Sum(this=value.copy()))
    return exp.Div(
        this=exp.Mul(this=value.copy(), expression=exp.Literal.number("100.0")),
        expression=whole,
    )


def _metric_expr(names: _Names, metric: Metric, count_key: Col | None) -> exp.Expr:
    if metric.func == "COUNT":
        if metric.col is not None:
            return exp.Count(
                this=exp.Distinct(expressions=[names.col(metric.col)])
                if metric.distinct
                else names.col(metric.col)
            )
        if count_key is not None:
            return exp.Count(this=exp.Distinct(expressions=[names.col(count_key)]))
        return exp.Count(this=exp.Star())
    arg: exp.Expr = names.col(metric.col) if metric.col else exp.Star()
    if metric.distinct:
        arg = exp.Distinct(expressions=[arg])
    cls = {"SUM": exp.Sum, "AVG": exp.Avg, "MIN": exp.Min, "MAX": exp.Max}[metric.func]
    return cls(this=arg)


BUCKET_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _has_times(col: Col, catalog: Catalog) -> bool:
    """A column declared to hold a time of day with its date (DATETIME, TIMESTAMP)."""
    info = catalog.table(col.table)
    column = info.column(col.column) if info else None
    kind = (column.type if column else "").upper()
    return kind.startswith(("DATETIME", "TIMESTAMP"))


def _period_expr(column: exp.Expr, bucket: str) -> exp.Expr:
    """A date's calendar period, as a grouping by it labels it ('2023-07', '2023', '2023-Q3')."""
    if bucket == "week":
        # the week's Monday ('2023-01-02'): a week is labelled by the day it starts, in
        # MySQL's terms (the SQLite backend runs the same functions)
        monday = exp.DateSub(
            this=column.copy(),
            expression=exp.Anonymous(this="WEEKDAY", expressions=[column.copy()]),
            unit=exp.var("DAY"),
        )
        return exp.TimeToStr(this=monday, format=exp.Literal.string("%Y-%m-%d"))
    if bucket == "quarter":
        quarter = exp.Anonymous(this="QUARTER", expressions=[column.copy()])
        year = exp.TimeToStr(this=column, format=exp.Literal.string("%Y"))
        return exp.Concat(expressions=[year, exp.Literal.string("-Q"), quarter])
    return exp.TimeToStr(this=column, format=exp.Literal.string(BUCKET_FORMATS[bucket]))


def _group_expr(names: _Names, spec: QuerySpec) -> tuple[exp.Expr, str]:
    """The GROUP BY expression and its output name; a calendar bucket formats the date
    (STRFTIME in SQLite, DATE_FORMAT in MySQL — rendered by sqlglot per dialect)."""
    if spec.group_by is None:
        raise PlanError("a grouped query needs a group column")
    column = names.col(spec.group_by)
    if not spec.bucket:
        return column, spec.group_by.column
    # ('2023-Q1': the year, then the quarter, as a month is '2023-07'; a bare 1 … 4 reads as
    # a number on a chart and in an export)
    return _period_expr(column, spec.bucket), spec.bucket


def _whole_rows_when_only_keys(
    catalog: Catalog, spec: QuerySpec, cols: list[Col], fan_out: bool
) -> list[Col]:
    """'AAPL daily prices for January 2023': rows of a table keyed by several columns and
    named by none (a price history) would show only their keys, the stock and the day, and
    none of what the rows hold; the whole rows are shown instead."""
    info = catalog.table(spec.table)
    if (
        info is None
        or fan_out
        or spec.per_group is not None
        or len(info.primary_key) < 2
        or name_columns(info)
        or not all(c.table == spec.table and c.column in info.primary_key for c in cols)
    ):
        return cols
    return cols + [
        Col(spec.table, c.name) for c in info.columns if Col(spec.table, c.name) not in cols
    ]


def _same_key(catalog: Catalog, col: Col, key: Col) -> bool:
    """``col`` references ``key`` (or the reverse): the same rows named by either."""
    return any(
        {(r.from_table, r.from_column), (r.to_table, r.to_column)}
        == {(col.table, col.column), (key.table, key.column)}
        for r in catalog.relationships
    )


def _ticker_before_name(catalog: Catalog, table: str, cols: list[Col]) -> list[Col]:
    """'give their names and growth rates': each company's ticker beside its name, as a list
    of companies shows both (one row per company either way)."""
    info = catalog.table(table)
    if info is None or not ticker_keyed(catalog, table):
        return cols
    key = Col(table, info.primary_key[0])
    names = {Col(table, n) for n in name_columns(info)}
    at = next((i for i, c in enumerate(cols) if c in names), None)
    if at is None or key in cols:
        return cols
    return [*cols[:at], key, *cols[at:]]


def _with_listed_names(catalog: Catalog, cols: list[Col], listed: str) -> list[Col]:
    """'top 10 stocks by weight': index_compositions rows, each company's name beside the
    key that references it (the question listed companies; one name per key, same rows)."""
    info = catalog.table(listed)
    if info is None or len(info.primary_key) != 1:
        return cols
    names = [Col(listed, n) for n in name_columns(info) if n not in info.primary_key]
    for at, col in enumerate(cols):
        if any(
            r.from_table == col.table
            and r.from_column == col.column
            and r.to_table == listed
            and r.to_column == info.primary_key[0]
            for r in catalog.relationships
        ):
            return [*cols[: at + 1], *(n for n in names if n not in cols), *cols[at + 1 :]]
    return cols


def ticker_keyed(catalog: Catalog, table: str) -> bool:
    """A table keyed by a ticker-like code ('AAPL') that also has a name column."""
    info = catalog.table(table)
    if info is None or len(info.primary_key) != 1 or not name_columns(info):
        return False
    words = {w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", info.primary_key[0]) if w}
    return bool(words & {"symbol", "ticker"})


def display_columns(catalog: Catalog, table: str) -> list[Col]:
    """The columns that identify a row to a reader: its key, plus a name if it has one."""
    info = catalog.table(table)
    if info is None:
        return []
    cols = [Col(table, c) for c in info.primary_key]
    for name in name_columns(info):
        if Col(table, name) not in cols:
            cols.append(Col(table, name))
    return cols


def place_label(catalog: Catalog, group: Col) -> Col | None:
    """A city grouped alone is ambiguous (Springfield, IL and Springfield, MA): its state (or
    province, region) is shown and grouped beside it when the table has one."""
    info = catalog.table(group.table)
    words = {w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", group.column) if w}
    if info is None or not words & {"city", "town"}:
        return None
    for c in info.columns:
        said = {w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", c.name) if w}
        if said & {"state", "province", "region"} and not said & {"code"}:
            return Col(info.name, c.name)
    return None


def code_label(catalog: Catalog, group: Col) -> Col | None:
    """A group key that is a code ('d001', a numeric id, or a column referencing one) means
    little to a reader: the one name column of the keyed table is shown beside it (both
    grouped; the name depends on the key, so the groups are the same)."""
    target = group
    for r in catalog.relationships:
        if r.from_table == group.table and r.from_column == group.column:
            target = Col(r.to_table, r.to_column)
    info = catalog.table(target.table)
    column = info.column(target.column) if info else None
    if info is None or column is None or column_kind(column.type) not in ("text", "number"):
        return None
    if list(info.primary_key) != [target.column]:
        return None
    names = [n for n in name_columns(info) if n != target.column] or [
        c.name
        for c in info.columns
        if c.name != target.column
        and re.split(r"_|(?<=[a-z])(?=[A-Z])", c.name)[-1].lower() == "name"
        and column_kind(c.type) == "text"
    ]
    return Col(info.name, names[0]) if len(names) == 1 else None


def name_columns(info) -> list[str]:
    """The columns that name a row: 'short_name', 'name', 'title', 'DName' in Department,
    'productName' in products; else first and last name together."""
    table_words = [w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", info.name) if w]
    stem = table_words[-1] if table_words else ""
    # 'Galleries' → 'gallery' (GalleryName), 'stations' → 'station'
    stem = stem[:-3] + "y" if stem.endswith("ies") else stem.rstrip("s")
    firsts, lasts, others = [], [], []
    for c in info.columns:
        low = c.name.lower().replace("_", "")
        if low in ("shortname", "name", "title", "fullname", "displayname"):
            return [c.name]
        if low.endswith(("name", "title")):
            prefix = low[: -4 if low.endswith("name") else -5]
            if prefix in ("f", "first", "given"):
                firsts.append(c.name)
            elif prefix in ("l", "last", "sur", "family"):
                lasts.append(c.name)
            elif prefix and (stem.startswith(prefix) or prefix.startswith(stem)):
                others.append(c.name)
    if others:
        return others[:1]
    return firsts[:1] + lasts[:1]


RANK = "rank_in_group"


def _top_per_group(
    inner: exp.Select, spec: QuerySpec, names: _Names, order: list[exp.Ordered], out: list[str]
) -> exp.Select:
    """SELECT … FROM (SELECT …, ROW_NUMBER() OVER (PARTITION BY g ORDER BY m) AS rank_in_group
    FROM … WHERE …) AS ranked WHERE rank_in_group <= N: window functions (SQLite ≥ 3.25,
    MySQL 8, TiDB, MariaDB ≥ 10.2)."""
    if spec.per_group is None or not spec.limit:
        raise PlanError("a ranking within groups needs a group and a number of rows")
    if len(set(out)) != len(out):
        raise PlanError("Two shown columns share a name; ask for one of them.")
    window = exp.Window(
        this=exp.RowNumber(),
        partition_by=[names.col(spec.per_group)],
        order=exp.Order(expressions=order),
    )
    ranked = inner.select(exp.alias_(window, RANK))
    return (
        exp.select(*(exp.column(name) for name in out))
        .from_(exp.alias_(exp.Subquery(this=ranked), "ranked", table=True))
        .where(exp.LTE(this=exp.column(RANK), expression=exp.Literal.number(spec.limit)))
        .order_by(exp.column(out[0]), exp.column(RANK))
        .limit(LIST_LIMIT)
    )


def _build_change(spec: QuerySpec, catalog: Catalog) -> Built:
    """SELECT (value on the first day) AS first_x, (… last day) AS last_x, last - first: two
    scalar subqueries, each the measure on the period's earliest / latest date."""
    if spec.metric is None or spec.metric.col is None:
        raise PlanError("a change needs a measure")
    ranges = [f for f in spec.filters if f.op == "range"]
    if len(ranges) != 1:
        raise PlanError("a change needs one period")
    if spec.group_by is not None:
        return _build_ranked_change(spec, catalog, ranges[0])
    date = ranges[0].col
    history = catalog.table(date.table)
    series = [c for c in (history.primary_key if history else ()) if c != date.column]
    if len(series) == 1 and any(
        f.op == "in" and len(f.values) > 1 and not f.time for f in spec.filters
    ):
        # 'same for msft and nvda': one change per series named, never one MAX over them all
        return _build_ranked_change(
            spec.with_(group_by=Col(date.table, series[0])), catalog, ranges[0]
        )
    name = spec.metric.col.column
    ends = {}
    for end in ("min", "max"):
        one = spec.with_(change="", filters=spec.filters + (Filter(date, "latest", ("", end)),))
        ends[end] = exp.Subquery(this=build(one, catalog).select)
    first, last = ends["min"], ends["max"]
    value, label = _change_value(first, last, spec.change, name)
    out = [f"first_{name}", f"last_{name}", label]
    shown = [exp.alias_(first, out[0]), exp.alias_(last, out[1]), exp.alias_(value, out[2])]
    for also, also_label in _also_in_percent(first, last, spec.change, name):
        shown.append(exp.alias_(also, also_label))
        out.append(also_label)
    if len(series) == 1 and series[0] not in out:
        # 'how much did Google go up in 2023': the series the change is of (GOOGL) beside it
        key = spec.with_(change="", metric=Metric("MAX", Col(date.table, series[0])))
        shown.insert(0, exp.alias_(exp.Subquery(this=build(key, catalog).select), series[0]))
        out.insert(0, series[0])
        for named in _named_by(catalog, Col(date.table, series[0]))[:1]:
            # its name beside the ticker ('GRE', 'Great Lakes Micro'), as lists show both
            naming = spec.with_(
                change="",
                metric=Metric("MAX", Col(named.table, named.column)),
                also_join=tuple(dict.fromkeys((*spec.also_join, named.table))),
            )
            shown.insert(
                1, exp.alias_(exp.Subquery(this=build(naming, catalog).select), named.column)
            )
            out.insert(1, named.column)
    select = exp.select(*shown)
    notes = (
        (
            "period",
            f"first and last days with data between {ranges[0].values[0]} and before "
            f"{ranges[0].values[1]}",
        ),
    )
    return Built(select, select.sql(dialect=catalog.dialect), tuple(out), (), notes)


@dataclass(frozen=True)
class _Named:
    table: str
    key: str  # the column the series key points at
    column: str  # the column that names that row


def _named_by(catalog: Catalog, series: Col) -> list[_Named]:
    """The name of the row a series key points at (stock_price_history.stock_symbol →
    companies.short_name), when a relationship says so; [] otherwise."""
    for rel in catalog.relationships:
        if rel.from_table != series.table or rel.from_column != series.column:
            continue
        info = catalog.table(rel.to_table)
        names = [n for n in name_columns(info) if n != rel.to_column] if info else []
        if names:
            return [_Named(rel.to_table, rel.to_column, names[0])]
    return []


def _also_in_percent(
    first: exp.Expr, last: exp.Expr, kind: str, name: str
) -> list[tuple[exp.Expr, str]]:
    """'how much did MSFT move in December': the change in percent beside the change in
    points, as a reader compares moves of different prices by it."""
    return [] if kind == "pct" else [_change_value(first, last, "pct", name)]


def _change_value(first: exp.Expr, last: exp.Expr, kind: str, name: str) -> tuple[exp.Expr, str]:
    """last - first, or 100 * (last - first) / first for a percentage; and its column name."""
    difference = exp.Sub(this=last.copy(), expression=first.copy())
    if kind != "pct":
        return difference, f"change_in_{name}"
    value = exp.Div(
        this=exp.Mul(this=exp.Literal.number("100.0"), expression=exp.Paren(this=difference)),
        expression=first.copy(),
    )
    return value, f"percent_change_in_{name}"


def _build_ranked_change(spec: QuerySpec, catalog: Catalog, period: Filter) -> Built:
    """Each series' first and last day with data in the period (one grouped query), its
    measure on those two days (the history table joined twice), the change, ranked."""
    assert spec.metric is not None and spec.metric.col is not None and spec.group_by
    series, date, measure = spec.group_by, period.col, spec.metric.col
    days = QuerySpec(
        "aggregate",
        spec.table,
        metric=Metric("MIN", date),
        extra_metrics=(Metric("MAX", date),),
        group_by=series,
        filters=spec.filters,
        also_join=spec.also_join,
    )
    ends = build(days, catalog)
    if len(ends.columns) != 3:
        raise PlanError("a change per series needs one key per series")
    key, first_day, last_day = ends.columns
    inner = ends.select.copy()
    inner.set("order", None)
    inner.set("limit", None)
    name = measure.column
    first = exp.column(name, "first_rows")
    last = exp.column(name, "last_rows")
    value, label = _change_value(first, last, spec.change, name)

    def _joined(alias: str, day: str) -> exp.Expr:
        return exp.and_(
            exp.column(series.column, alias).eq(exp.column(key, "ends")),
            exp.column(date.column, alias).eq(exp.column(day, "ends")),
        )

    named = _named_by(catalog, series)
    also = _also_in_percent(first, last, spec.change, name)
    out = [series.column, *(n.column for n in named), f"first_{name}", f"last_{name}", label]
    out += [also_label for _, also_label in also]
    select = (
        exp.select(
            exp.alias_(exp.column(key, "ends"), series.column),
            *(exp.alias_(exp.column(n.column, "named_rows"), n.column) for n in named),
            exp.alias_(first, f"first_{name}"),
            exp.alias_(last, f"last_{name}"),
            exp.alias_(value, label),
            *(exp.alias_(expr, also_label) for expr, also_label in also),
        )
        .from_(inner.subquery("ends"))
        .join(
            exp.alias_(exp.to_table(series.table), "first_rows"),
            on=_joined("first_rows", first_day),
        )
        .join(
            exp.alias_(exp.to_table(series.table), "last_rows"), on=_joined("last_rows", last_day)
        )
        .order_by(
            _ordered(exp.column(label), spec.descending),
            _ordered(exp.column(key, "ends"), False),
        )
        .limit(spec.limit or LIST_LIMIT)
    )
    for op, amount in spec.having:
        # 'which stocks lost more than 10% in 2022': the change itself compared
        compared = {">": exp.GT, ">=": exp.GTE, "<": exp.LT, "<=": exp.LTE}[op]
        select = select.where(compared(this=value.copy(), expression=exp.Literal.number(amount)))
    for n in named:
        # 'HUG' beside its name: the row the series key points at (companies.short_name)
        select = select.join(
            exp.alias_(exp.to_table(n.table), "named_rows"),
            on=exp.column(n.key, "named_rows").eq(exp.column(key, "ends")),
            join_type="left",
        )
    notes = (
        (
            "period",
            f"each {series.column}'s first and last days with data between "
            f"{period.values[0]} and before {period.values[1]}",
        ),
    )
    return Built(select, select.sql(dialect=catalog.dialect), tuple(out), (), notes)


def _tied_at_top(
    select: exp.Select, spec: QuerySpec, names: _Names, count_key: Col | None
) -> exp.Select:
    """HAVING metric = (SELECT MAX(metric) FROM (the same grouping) AS grouped): every group
    tied at the top, not one of them picked by name."""
    assert spec.metric is not None
    inner = select.copy()
    inner.set("order", None)
    inner.set("limit", None)
    name = metric_name(spec.metric, spec)
    func = exp.Max if spec.descending else exp.Min
    best = exp.select(func(this=exp.column(name, table="grouped"))).from_(
        exp.alias_(exp.Subquery(this=inner), "grouped", table=True)
    )
    return select.having(
        exp.EQ(
            this=_metric_expr(names, spec.metric, count_key),
            expression=exp.Subquery(this=best),
        )
    )


def _without_absent_joins(spec: QuerySpec, catalog: Catalog) -> QuerySpec:
    """'stocks never selected by any user': the users are part of the absence (reached only
    through the selections that must not exist), not a table to join — joining them kept
    only stocks that were selected, and none passed."""
    absent = {str(f.values[0]) for f in spec.filters if f.op == "absent" and f.values}
    if not absent or not spec.also_join:
        return spec
    kept = []
    for table in spec.also_join:
        try:
            path = [nxt for nxt, _ in join_path(catalog, spec.table, table)]
        except PlanError:
            path = []
        if table in absent or absent & set(path):
            continue
        kept.append(table)
    return spec.with_(also_join=tuple(kept))


def build(spec: QuerySpec, catalog: Catalog, _reroot: str = "") -> Built:
    """The SELECT for a spec; raises PlanError when the tables cannot be joined.
    ``_reroot``: the table the question listed, when its rows are really another's."""
    if spec.change:
        return _build_change(spec, catalog)
    if spec.group_by is not None and not spec.bucket and _has_times(spec.group_by, catalog):
        # 'number of picks per day': a timestamp's rows grouped by their day (grouped as
        # stored, each pick was a group of its own)
        spec = spec.with_(bucket="day")
    spec = _without_absent_joins(spec, catalog)
    tables = spec.tables()
    steps: list[tuple[str, Relationship]] = []
    joined = {spec.table}
    for table in tables[1:]:
        for nxt, rel in join_path(catalog, spec.table, table, frozenset(tables)):
            if nxt not in joined:
                joined.add(nxt)
                steps.append((nxt, rel))
    fan_out = any(_fans_out(rel, nxt) for nxt, rel in steps)
    # 'total employees across all S&P 500 companies': each company is in that one index once
    repeats = any(
        _fans_out(rel, nxt) and not _one_row_each(rel, nxt, spec, steps, catalog)
        for nxt, rel in steps
    )
    fanned = _fanned_tables(spec.table, steps)
    # 'stocks that closed above $500 on the last trading day': one price row per stock, so
    # the close can be shown beside each stock
    pinned = {f.col.table for f in spec.filters if f.op == "latest" or (f.time and one_day(f))}
    one_row_each = fanned <= pinned
    negated = sorted({f.col.table for f in spec.filters if f.op in ("!=", "not in")} & fanned)
    if negated:
        # 'companies not in the S&P 500': a row has several linked rows; 'not' of one of their
        # values is not 'none of them' — decline rather than answer the wrong reading
        raise PlanError(
            f"'not' on a value of {negated[0]}, which has several rows per {spec.table} row, is "
            f"ambiguous; ask for {spec.table} with no matching {negated[0]} row instead."
        )
    shown = [c.table for c in spec.columns] + ([spec.order_by.table] if spec.order_by else [])
    repeated = {t for t in shown if t in fanned}
    if spec.metric is None and len(repeated) == 1 and not _reroot:
        # "top 10 stocks by weight in the S&P 500": the rows are really index_compositions rows
        table = repeated.pop()
        rerooted = spec.with_(
            table=table, also_join=tuple(dict.fromkeys(spec.also_join + (spec.table,)))
        )
        built = build(rerooted, catalog, _reroot=spec.table)
        note = ("rows", f"One row per {table} row (a {spec.table} row can appear more than once)")
        return Built(
            built.select, built.sql, built.columns, built.list_cols, built.assumptions + (note,)
        )
    if spec.metric is None and repeated:
        raise PlanError(
            "Showing columns of "
            + ", ".join(sorted({t for t in shown if t in fanned}))
            + f" next to {spec.table} would repeat rows; ask about one of them at a time."
        )
    names = _Names(qualify=bool(steps))
    notes: list[tuple[str, str]] = []
    cols: list[Col] = []
    info = catalog.table(spec.table)
    pk = [Col(spec.table, c) for c in (info.primary_key if info else ())]

    select = exp.select().from_(table_ref(spec.table))
    for nxt, rel in steps:
        on = exp.EQ(
            this=exp.column(rel.from_column, table=rel.from_table),
            expression=exp.column(rel.to_column, table=rel.to_table),
        )
        select = select.join(table_ref(nxt), on=on, join_type="left" if spec.keep_empty else None)
    conditions = [
        _latest_condition(names, f, spec, catalog)
        if f.op == "latest"
        else _extreme_condition(names, f, spec, catalog)
        if f.op == "extreme"
        else _condition(names, f)
        for f in dict.fromkeys(spec.filters)  # ('green candles … (close > open)': said twice)
    ]

    if spec.metric is not None:
        if repeats and spec.metric.func in ("SUM", "AVG") and not spec.metric.distinct:
            raise PlanError(
                "Summing across that join would count some rows more than once; "
                "the built-in engine does not nest queries to avoid it."
            )
        having_on = spec.having_metric or spec.metric
        counts = spec.metric.func == "COUNT" or (
            having_on is not None and having_on.func == "COUNT"
        )
        count_key = pk[0] if fan_out and len(pk) == 1 and counts else None
        metrics = (spec.metric, *spec.extra_metrics)
        if spec.having and having_on is not None and having_on not in metrics:
            metrics += (having_on,)  # the value the groups were kept by, shown beside them
        if repeats and any(m.func in ("SUM", "AVG") and not m.distinct for m in metrics[1:]):
            raise PlanError(
                "Summing across that join would count some rows more than once; "
                "the built-in engine does not nest queries to avoid it."
            )
        # the rows repeat through a join only the population needs ('S&P 500 companies'):
        # counted once each by key. A condition on a joined table would shrink the whole.
        pct_key = (
            pk[0]
            if fan_out
            and len(pk) == 1
            and spec.metric.col is None
            and all(f.col.table == spec.table for f in spec.ratio_filters)
            else None
        )
        if spec.metric.func == "PCT" and repeats and pct_key is None:
            raise PlanError(
                "That percentage would count some rows more than once across the join; "
                "the built-in engine does not nest queries to avoid it."
            )
        values = [
            exp.alias_(
                _percentage(names, spec, pct_key)
                if m.func == "PCT"
                else _metric_expr(names, m, count_key),
                metric_name(m, spec),
            )
            for m in metrics
        ]
        value_names = [metric_name(m, spec) for m in metrics]
        out: list[str] = []
        if spec.group_by is not None:
            group, label = _group_expr(names, spec)
            label_cols = [spec.group_label] if spec.group_label else []
            label_cols += [c for c in spec.columns if c not in label_cols and c != spec.group_by]
            named_by = [names.col(c) for c in label_cols]
            select = select.select(
                exp.alias_(group, label) if spec.bucket else group, *named_by, *values
            )
            select = select.group_by(
                exp.column(label) if spec.bucket else group.copy(), *(c.copy() for c in named_by)
            )
            if spec.having and not spec.bucket:
                # 'which states have at least 15 companies': rows with no state are no state
                select = select.where(
                    exp.Not(this=exp.Is(this=group.copy(), expression=exp.Null()))
                )
            if spec.having:
                select = select.having(
                    exp.and_(
                        *(
                            _compare(_metric_expr(names, having_on, count_key), op, value)
                            for op, value in spec.having
                        )
                    )
                )
            out = [label, *(c.name for c in named_by), *value_names]
            if spec.share_of_total:
                # computed over every group before any LIMIT: the share of the whole
                value = _metric_expr(names, spec.metric, count_key)
                select = select.select(exp.alias_(_share_of_whole(value), SHARE_COLUMN))
                out.append(SHARE_COLUMN)
            order = []
            if spec.order_metric:
                order.append(_ordered(exp.column(metric_name(spec.metric, spec)), spec.descending))
            order.append(_ordered(exp.column(label) if spec.bucket else group.copy(), False))
            select = select.order_by(*order)
            if spec.limit and not (spec.ties and spec.limit == 1):
                select = select.limit(spec.limit)
        else:
            select = select.select(*values)
            out = value_names
        for m in metrics:
            if m.func in ("MIN", "MAX", "AVG", "SUM") and m.col is not None:
                notes.append((m.col.column, "Rows where it is empty (NULL) are ignored"))
    else:
        if spec.distinct:
            cols = list(spec.columns)
        elif spec.asked_columns:
            # only what the question named; with DISTINCT the ordering column must be shown
            cols = ([spec.per_group] if spec.per_group else []) + list(spec.columns)
            several = [
                key
                for f in spec.filters
                if f.op == "in"
                and len(f.values) > 1
                and len(pk) == 1
                and (key := pk[0]) not in cols
                and (f.col == key or _same_key(catalog, f.col, key))
            ][:1]
            if several and not spec.distinct:
                # 'when did they sign up' after several users: each date beside whose it is
                cols = several + cols
            cols = _ticker_before_name(catalog, spec.table, cols)
            if fan_out and spec.order_by is not None and spec.order_by not in cols:
                cols.append(spec.order_by)
        else:
            cols = display_columns(catalog, spec.table)
            if _reroot:
                cols = _with_listed_names(catalog, cols, _reroot)
            pinned_rows = {
                f.col.table
                for f in spec.filters
                if f.op == "="
                and not f.time
                and (t := catalog.table(f.col.table)) is not None
                and (f.col.column in t.primary_key or f.col.column in name_columns(t))
            }
            for other in sorted(joined - {spec.table} - pinned_rows):
                # 'their closing prices on the last day' (companies joined for a condition):
                # each company's name beside its ticker, as a list of companies shows it (a
                # table pinned to one row, 'in the S&P 500', would repeat one name)
                if ticker_keyed(catalog, other):
                    cols = _with_listed_names(catalog, cols, other)
            if spec.per_group is not None:
                # (first: the rows of each group together; once: a series key already shown)
                cols = [spec.per_group, *(c for c in cols if c != spec.per_group)]
            extra = list(spec.columns)
            extra += [
                f.col
                for f in spec.filters
                if (
                    f.op not in ("=", "in", "null", "absent", "present", "any", "extreme") or f.time
                )
                # 'customers who placed orders in 2023': one row per customer, not per order
                and (not fan_out or f.col.table == spec.table or one_row_each)
            ]
            if spec.order_by is not None:
                extra.append(spec.order_by)
            for c in extra:
                spelled = spelled_out(c, catalog)
                if spelled is not None and spelled not in cols:
                    cols.append(spelled)  # 'not based in the US': the country, beside its code
                if c not in cols:
                    cols.append(c)
            cols = _whole_rows_when_only_keys(catalog, spec, cols, fan_out)
        period_end = next(
            (f for f in spec.filters if f.op == "latest" and len(f.values) > 2 and f.values[2]),
            None,
        )
        if period_end is not None:
            # 'NFLX month-end closes for 2023': each row labelled with its month, as a
            # grouping by month is, its day beside it
            period_label = _period_expr(names.col(period_end.col), str(period_end.values[2]))
            select = select.select(exp.alias_(period_label, str(period_end.values[2])))
        select = select.select(*(names.col(c) for c in cols))
        if spec.distinct or fan_out:
            select = select.distinct()
        order = []
        if spec.order_by is not None:
            order.append(_ordered(names.col(spec.order_by), spec.descending))
            if spec.limit or spec.per_group is not None:
                # a top/bottom N ranks rows that have the value (NULL sorts first ascending);
                # a whole list in order keeps every row, those without the value too
                conditions.append(
                    exp.Not(this=exp.Is(this=names.col(spec.order_by), expression=exp.Null()))
                )
        tie = cols if spec.distinct else pk
        order += [
            _ordered(names.col(c), False) for c in tie if c not in (spec.order_by, spec.per_group)
        ]
        out = [c.column for c in cols]
        if spec.per_group is not None:
            if spec.per_group in pk and len(pk) == 1:
                # 'largest name in each' read within each stock: one row per group, so the
                # ranking ranks nothing (every row would come back)
                raise PlanError(
                    f"'each' here would rank within each {spec.per_group.column}, which is one "
                    f"row each; please name what to rank within (for example 'in each sector')."
                )
            if conditions:
                select = select.where(exp.and_(*conditions))
            select = _top_per_group(select, spec, names, order, out)
            notes.append(
                (
                    "ties",
                    f"At most {spec.limit} row(s) per {spec.per_group.column}; equal "
                    f"{spec.order_by.column if spec.order_by else 'values'} values are ordered "
                    "by key",
                )
            )
            sql = select.sql(dialect=catalog.dialect)
            return Built(select, sql, tuple(out), tuple(cols), tuple(notes))
        select = select.order_by(*order)
        limit = spec.limit or LIST_LIMIT
        select = select.limit(limit)
        if not spec.limit_stated:
            notes.append(("row limit", f"Showing at most {limit} rows"))
    if conditions:
        select = select.where(exp.and_(*conditions))
    if spec.ties and spec.limit == 1 and spec.metric is not None and spec.group_by is not None:
        select = _tied_at_top(select, spec, names, count_key)
    if spec.metric is not None and spec.group_by is not None:
        select, out = _asked_group_columns(select, spec, names, count_key, out)
    if spec.count_groups:
        select, out = _groups_counted(select, spec, catalog)
    sql = select.sql(dialect=catalog.dialect)
    return Built(select, sql, tuple(out), tuple(cols), tuple(notes))


def _group_noun(spec: QuerySpec, catalog: Catalog) -> str:
    """What the counted groups are: a key's table ('author' for book.author_id), else the
    grouped column ('sector')."""
    assert spec.group_by is not None
    col = spec.group_by
    for rel in catalog.relationships:
        if rel.from_table == col.table and rel.from_column == col.column:
            return rel.to_table
    info = catalog.table(col.table)
    if info is not None and info.primary_key == (col.column,):
        return col.table
    return col.column


def _groups_counted(
    select: exp.Select, spec: QuerySpec, catalog: Catalog
) -> tuple[exp.Select, list[str]]:
    """SELECT COUNT(*) FROM (the grouping, its keys only, HAVING kept) AS kept_groups: the
    number of groups that pass the condition."""
    inner = select.copy()
    inner.set("order", None)
    inner.set("limit", None)
    keys = [e.copy() for e in inner.args.get("group", exp.Group()).expressions]
    inner.set("expressions", keys)
    name = f"number_of_{_group_noun(spec, catalog)}"
    outer = exp.select(exp.alias_(exp.Count(this=exp.Star()), name)).from_(
        exp.alias_(exp.Subquery(this=inner), "kept_groups", table=True)
    )
    return outer, [name]


def _asked_group_columns(
    select: exp.Select, spec: QuerySpec, names: _Names, count_key: Col | None, out: list[str]
) -> tuple[exp.Select, list[str]]:
    """'the name of each festival and …': the name without its key; 'which species has the
    most pets': the species without the count that ranks them (still grouped and ordered by
    both)."""
    hidden: set[str] = set()
    if spec.asked_columns and spec.group_label is not None and not spec.bucket:
        hidden.add(spec.group_by.column)  # type: ignore[union-attr]
    metrics = (spec.metric, *spec.extra_metrics)
    if spec.rank_only and spec.metric is not None and not spec.extra_metrics:
        hidden.add(metric_name(spec.metric, spec))
    if not hidden:
        return select, out
    kept = [e for e in select.expressions if e.alias_or_name not in hidden]
    if not kept:
        return select, out
    select.set("expressions", kept)
    by_name = {metric_name(m, spec): m for m in metrics if m is not None}
    order = select.args.get("order")
    if order is not None:
        for ordered in order.expressions:
            key = ordered.this
            if isinstance(key, exp.Column) and key.name in by_name and key.name in hidden:
                ordered.set("this", _metric_expr(names, by_name[key.name], count_key))
    return select, [c for c in out if c not in hidden]


def spelled_out(col: Col, catalog: Catalog) -> Col | None:
    """The column that spells out a code column of the same table (country_code → country)."""
    words = col.column.lower().split("_")
    if "code" not in words or len(words) < 2:
        return None
    info = catalog.table(col.table)
    if info is None:
        return None
    base = "_".join(w for w in words if w != "code")
    found = info.column(base)
    return Col(col.table, found.name) if found is not None else None
