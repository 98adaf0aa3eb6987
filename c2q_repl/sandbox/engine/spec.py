"""The engine's query model: what was understood, before it becomes SQL.

A QuerySpec is small, typed and JSON-serialisable, so it can be stored in a
session round's state and edited by follow-up questions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Col:
    table: str
    column: str

    def label(self) -> str:
        return self.column


@dataclass(frozen=True)
class Filter:
    """``col op values``; op is one of = != > >= < <= in, not in, between (values inclusive)."""

    col: Col
    op: str
    values: tuple = ()
    time: bool = False  # came from a time phrase (replaced, not added to, by a new one)


def one_day(f: Filter) -> bool:
    """A time condition that keeps one day ('on Dec 29, 2023'): one value, not a series."""
    if f.op != "range" or len(f.values) != 2 or not all(f.values):
        return False
    try:
        start, end = (date.fromisoformat(str(v)[:10]) for v in f.values)
    except ValueError:
        return False
    return (end - start).days <= 1


@dataclass(frozen=True)
class Metric:
    func: str  # COUNT | SUM | AVG | MIN | MAX
    col: Col | None = None  # None = COUNT(*)
    distinct: bool = False


@dataclass(frozen=True)
class QuerySpec:
    """shape: count | aggregate | list. A grouped count is an aggregate with group_by.
    ``order_metric`` orders by the aggregate; ``order_by`` by a column."""

    shape: str
    table: str
    metric: Metric | None = None
    group_by: Col | None = None
    bucket: str = ""  # "month" | "year" when group_by is a date grouped by calendar period
    columns: tuple[Col, ...] = ()
    filters: tuple[Filter, ...] = ()
    order_by: Col | None = None
    order_metric: bool = False
    descending: bool = False
    limit: int | None = None
    limit_stated: bool = False
    chart: str = ""  # user's chart choice, "" = from the result shape
    share: bool = False  # the user asked for a share / distribution (pie)
    distinct: bool = False  # a list of distinct values ("list the sectors"), not of rows
    also_join: tuple[str, ...] = ()  # tables named without a column used ("users who selected …")
    notes: tuple[tuple[str, str], ...] = ()  # (concept, explanation) assumptions made while reading
    extra_metrics: tuple[
        Metric, ...
    ] = ()  # more aggregates in the same SELECT ("highest and lowest")
    having: tuple[tuple[str, float], ...] = ()  # (op, value) on the having_metric of each group
    # the aggregate the having conditions compare ('an average salary above 5000'); None = the
    # metric. Shown beside each group when it is not the metric.
    having_metric: Metric | None = None
    # 'how many sectors have more than 50 companies': one number, the groups that pass having
    count_groups: bool = False
    ratio_filters: tuple[Filter, ...] = ()  # metric PCT: the condition whose share is asked
    per_group: Col | None = None  # a list ranked within each value of this column (top N each)
    change: str = ""  # "abs" | "pct": metric's value on the period's last day minus its first
    ties: bool = False  # with limit 1, a ranked grouping keeps every group tied at the top
    group_label: Col | None = None  # the name shown beside a code key it groups by ('d001')
    # the question named the columns it wants ('the names and cities of …'): only those are
    # shown, not the key and the columns its conditions used (Spider's execution match)
    asked_columns: bool = False
    rank_only: bool = False  # 'which X has the most Y': the X ranked, not the count that ranks it
    # 'how many picks does each of them have': every row of the group's table is counted, 0
    # when it has none (the joins are LEFT JOINs from it)
    keep_empty: bool = False
    # 'each sector's share of total market cap': a count or sum per group shown with each
    # group's percentage of the whole (group_share.py)
    share_of_total: bool = False

    def to_json(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_json(data: dict) -> QuerySpec:
        def col(d):
            return Col(**d) if d else None

        metric = data.get("metric")
        having_metric = data.get("having_metric")
        return QuerySpec(
            shape=data["shape"],
            table=data["table"],
            metric=_metric(metric) if metric else None,
            group_by=col(data.get("group_by")),
            bucket=data.get("bucket", ""),
            columns=tuple(Col(**c) for c in data.get("columns", ())),
            filters=tuple(_filter(f) for f in data.get("filters", ())),
            order_by=col(data.get("order_by")),
            order_metric=data.get("order_metric", False),
            descending=data.get("descending", False),
            limit=data.get("limit"),
            limit_stated=data.get("limit_stated", False),
            chart=data.get("chart", ""),
            share=data.get("share", False),
            distinct=data.get("distinct", False),
            also_join=tuple(data.get("also_join", ())),
            notes=tuple(tuple(n) for n in data.get("notes", ())),
            extra_metrics=tuple(_metric(m) for m in data.get("extra_metrics", ())),
            having=tuple((str(h[0]), float(h[1])) for h in data.get("having", ())),
            having_metric=_metric(having_metric) if having_metric else None,
            count_groups=bool(data.get("count_groups", False)),
            ratio_filters=tuple(_filter(f) for f in data.get("ratio_filters", ())),
            per_group=col(data.get("per_group")),
            group_label=col(data.get("group_label")),
            change=data.get("change", ""),
            ties=bool(data.get("ties", False)),
            asked_columns=bool(data.get("asked_columns", False)),
            rank_only=bool(data.get("rank_only", False)),
            keep_empty=bool(data.get("keep_empty", False)),
            share_of_total=bool(data.get("share_of_total", False)),
        )

    def having_on(self) -> Metric | None:
        """The aggregate the having conditions compare."""
        return self.having_metric or self.metric

    def with_(self, **changes) -> QuerySpec:
        return replace(self, **changes)

    def tables(self) -> list[str]:
        """Every table the query touches, the subject first."""
        seen = [self.table]
        cols = [f.col for f in self.filters + self.ratio_filters] + list(self.columns)
        cols += [
            c
            for c in (
                self.group_by,
                self.order_by,
                self.per_group,
                self.group_label,
                self.metric.col if self.metric else None,
            )
            if c
        ]
        cols += [m.col for m in self.extra_metrics if m.col is not None]
        if self.having_metric is not None and self.having_metric.col is not None:
            cols.append(self.having_metric.col)
        for table in [c.table for c in cols] + list(self.also_join):
            if table not in seen:
                seen.append(table)
        return seen


def one_value_per_group(spec: QuerySpec) -> bool:
    """A plain aggregate per group ('picks per sector', 'distinct sectors per city'): one
    metric, no condition on it, no ranking within or among the groups beyond an order."""
    return (
        spec.shape == "aggregate"
        and spec.group_by is not None
        and spec.metric is not None
        and not spec.extra_metrics
        and not spec.having
        and not spec.count_groups
        and spec.per_group is None
        and not spec.change
        and not spec.ties
        and not spec.rank_only
    )


def _metric(m: dict) -> Metric:
    col = m.get("col")
    return Metric(m["func"], Col(**col) if col else None, m.get("distinct", False))


def _filter(f: dict) -> Filter:
    values = tuple(f.get("values", ()))
    if f["op"] == "absent_where":
        # (table, column, the conditions of the rows left out): nested filters
        values = (*values[:2], *(_filter(g) for g in values[2:]))
    return Filter(Col(**f["col"]), f["op"], values, f.get("time", False))


@dataclass(frozen=True)
class Decline:
    """Why the engine will not answer, and the words it could not account for."""

    reason: str
    words: tuple[str, ...] = field(default=())
