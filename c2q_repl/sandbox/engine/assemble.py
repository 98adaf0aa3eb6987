"""The last phase of reading a question: the QuerySpec from its parts — an aggregate
(grouped, ranked, with HAVING), a count per group, or a list (ordered, limited, ties kept)."""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import plural_subject
from .filters import localize_col
from .linking import Item
from .named_rows import inexact, names_a_row, with_ties
from .reading import ReadState, Refuse, col_kind, key_columns
from .spec import Col, Filter, Metric, QuerySpec


@dataclass(frozen=True)
class Parts:
    """What the reading found, ready to be put together."""

    subject: str
    filters: list[Filter]
    metric: Metric | None
    extras: list[Metric]
    group_col: Col | None
    order_col: Col | None
    projection: list[Col]
    per_group: Col | None
    sup_item: Item | None
    limit: int | None
    sup_desc: bool
    descending: bool | None
    bridge_tables: list[str]
    share: bool


def aggregate_spec(st: ReadState, p: Parts, metric: Metric) -> QuerySpec:
    """A count or aggregate (``p.metric``), grouped and ranked when asked."""
    extras = p.extras
    group_col = p.group_col
    projection = p.projection
    subject_table = p.subject
    filters = p.filters
    sup_item = p.sup_item
    limit = p.limit
    sup_desc = p.sup_desc
    descending = p.descending
    shape = "count" if metric.func == "COUNT" and group_col is None and not extras else "aggregate"
    if projection and not (len(projection) == 1 and projection[0] == group_col):
        raise Refuse(
            f"I could not tell how '{projection[0].column}' relates to the {metric.func.lower()}.",
            projection[0].column,
        )
    spec = QuerySpec(
        shape,
        subject_table,
        metric=metric,
        group_by=group_col,
        filters=tuple(filters),
        extra_metrics=tuple(extras),
    )
    if st.having:
        spec = spec.with_(having=tuple((op, value) for op, value, _, _ in st.having))
    if sup_item is not None and group_col is not None:
        spec = spec.with_(
            order_metric=True,
            descending=sup_desc,
            limit=limit or 1,
            limit_stated=True,
            # 'which sector has the most companies': every group tied at the top
            ties=limit is None
            and not st.bucket
            and not (metric.col is not None and inexact(st, metric.col)),
        )
        if spec.ties:
            st.notes.append((sup_item.text, "every group tied at the top is shown"))
    elif group_col is not None and descending is not None:
        spec = spec.with_(order_metric=True, descending=descending)
    return spec


def counts_per_group(st: ReadState, p: Parts) -> QuerySpec | None:
    """'number of companies per sector' said as 'companies per sector': a count per group."""
    group_col = p.group_col
    order_col = p.order_col
    projection = p.projection
    subject_table = p.subject
    filters = p.filters
    share = p.share
    if (
        group_col is not None
        and order_col is None
        and not projection
        and (any(it.kind == "table" for it in st.items) or share)
    ):
        return QuerySpec(
            "aggregate",
            subject_table,
            metric=Metric("COUNT"),
            group_by=group_col,
            filters=tuple(filters),
        )
    return None


def list_spec(st: ReadState, p: Parts) -> QuerySpec:
    """Rows: the projection, ordered and limited when asked (ties kept at an extreme)."""
    group_col = p.group_col
    order_col = p.order_col
    projection = p.projection
    subject_table = p.subject
    filters = p.filters
    sup_item = p.sup_item
    limit = p.limit
    sup_desc = p.sup_desc
    descending = p.descending
    per_group = p.per_group
    bridge_tables = p.bridge_tables
    if group_col is not None and order_col is None:
        raise Refuse(f"I could not tell what to compute per {group_col.column}.", group_col.column)
    if group_col is not None:
        # 'the highest close of Apple in each year': a grouping the list would drop
        raise Refuse(
            f"I could not tell how '{order_col.column if order_col else 'the rows'}' is "
            f"taken per {st.bucket or group_col.column}.",
            st.bucket or group_col.column,
        )
    inferred_subject = not any(it.kind == "table" for it in st.items) or (
        # 'the sectors of …' are distinct values; 'the last names of teachers' one per row
        st.plural_projection and not any(names_a_row(st, c) for c in projection)
    )
    distinct_values = (
        bool(projection)
        and inferred_subject
        and order_col is None
        and all(
            col_kind(st, c) == "text" and c.column not in key_columns(st, c.table)
            for c in projection
        )
    )
    spec = QuerySpec(
        "list",
        subject_table,
        columns=tuple(projection),
        filters=tuple(filters),
        distinct=distinct_values,
    )
    if per_group is not None:
        spec = spec.with_(per_group=localize_col(st, per_group, subject_table))
    if sup_item is not None and order_col is not None:
        spec = spec.with_(
            order_by=order_col,
            descending=sup_desc,
            limit=limit or (1 if limit is None and not plural_subject(st) else 10),
            limit_stated=limit is not None,
        )
        if limit is None:
            # 'which company has the highest …', 'who are the youngest students': the rows
            # at the extreme, ties included; otherwise the top 10 of a plural question
            tied = with_ties(st, spec, sup_item.text, bridge_tables)
            if tied is spec and spec.limit == 10:
                st.notes.append(("top", "No number was given; showing the top 10"))
            spec = tied
    elif order_col is not None:
        spec = spec.with_(
            order_by=order_col,
            descending=bool(descending),
            limit=limit,
            limit_stated=limit is not None,
        )
    elif limit is not None:
        spec = spec.with_(limit=limit, limit_stated=True)
    return spec
