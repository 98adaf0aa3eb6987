"""Linked items → a QuerySpec, or a Decline when some part is not understood.

Patterns run over the *linked* sequence (tables, columns, values, keywords,
numbers, time phrases), each consuming the items it explains. The coverage
gate at the end declines if any item was left unexplained.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .absent import read_absent, read_present
from .assemble import Parts, aggregate_spec, counts_per_group, list_spec
from .change import Ranking, change_spec, split_change, split_ranking, with_history_measure
from .change_threshold import split_threshold
from .checks import (
    check_asked_rows,
    check_every_word_counts,
    refuse_compound_columns,
    refuse_foreign_adjective,
    refuse_most_by_date,
    refuse_most_over_a_period,
    refuse_narrowed_absence,
    refuse_pooled_rows,
    refuse_time_word_as_extreme,
    refuse_two_counted_tables,
)
from .clauses import (
    age_order,
    bucket_column,
    infer_subject,
    leftover_columns,
    qualified_group,
    read_chart,
    read_group_and_order,
    read_tables,
    refuse_leftovers,
    several_named_by_key,
)
from .counting import (
    AggregateCondition,
    aggregate_group,
    entity_table,
    having_entity,
    ranked_entity,
    read_aggregate_condition,
)
from .filters import (
    joined_time_filters,
    links_others,
    localize,
    localize_col,
    read_comparisons,
    read_flags,
    read_ids,
    read_signs,
    read_values,
    time_columns,
    time_filter,
)
from .how_much import adds_up
from .keywords import SIZE_WORDS
from .latest import own_dates, per_entity, read_latest, recent_rows
from .lexicon import Lexicon
from .like import read_like
from .linking import Linked
from .measures import (
    COUNT_SUPERLATIVES,
    SUPERLATIVE_WORDS,
    VALUE_SUPERLATIVES,
    counted_table,
    entity_column,
    extra_metrics,
    read_metric,
    superlative_metric,
)
from .named_rows import check_comparison, compared_groups
from .pairs import adjective_pairs
from .ratio import (
    distribution_words,
    ratio_spec,
    split_ratio,
    split_weighted,
    weighted_measure,
)
from .reading import ReadState, Refuse, col_kind
from .spec import Col, Decline, Filter, Metric, QuerySpec
from .sqlbuild import code_label, place_label
from .two_columns import read_column_comparisons
from .verbs import read_relation_verbs
from .vs_average import read_vs_average
from .when import read_when

EACH_WORDS = frozenset(
    {"in each", "for each", "each", "in every", "for every", "within each", "per"}
)


def interpret(linked: Linked, lex: Lexicon, defaults: dict | None = None) -> QuerySpec | Decline:
    if linked.unsupported:
        phrase, reason = linked.unsupported[0]
        return Decline(f"'{phrase}': {reason}.", (phrase,))
    if linked.unknown:
        word = linked.unknown[0]
        return Decline(
            f"I could not map '{word}' to any table, column or value.", tuple(linked.unknown)
        )
    items = distribution_words(list(linked.items))
    try:
        if any(it.kind == "kw" and it.category == "change" for it in items):
            items, threshold = split_threshold(items)
            rest, word, kind = split_change(items)
            rest, ranking = split_ranking(rest, word)
            if threshold is not None:
                if ranking is not None:
                    raise Refuse(f"'{threshold.said}': a ranking or a threshold, not both.", word)
                # every series whose change passes the amount, the biggest move first
                ranking, kind = Ranking(threshold.up, None, False), threshold.kind
            rest = with_history_measure(rest, lex, ranked=ranking is not None)
            read = _interpret(_state(rest, lex, defaults or {}, linked.words))
            spec = change_spec(read, lex, word, kind, ranking)
            if threshold is not None:
                note = (
                    threshold.said,
                    f"'{threshold.said}' read as a change {threshold.op} {threshold.value:g}"
                    + (" %" if threshold.kind == "pct" else ""),
                )
                spec = spec.with_(
                    having=((threshold.op, threshold.value),), notes=(*spec.notes, note)
                )
            return spec
        if any(it.kind == "kw" and it.category == "pct" for it in items):
            return _interpret_ratio(items, lex, defaults or {}, linked.words)
        if (
            any(it.kind == "time" for it in items)
            and any(it.kind == "value" for it in items)
            and not any(it.kind in ("column", "table") for it in items)
        ):
            # 'what was the S&P 500 on 2023-12-29': a named series on a day, no measure said:
            # the one measure of its history table (said as an assumption)
            items = with_history_measure(items, lex)
        return _interpret(_state(items, lex, defaults or {}, linked.words))
    except Refuse as refusal:
        return Decline(str(refusal), refusal.words)


def _state(items: list, lex: Lexicon, defaults: dict, words: tuple[str, ...] = ()) -> ReadState:
    st = ReadState(items, lex, defaults, words=words)
    for it in st.items:
        if it.note:
            st.notes.append((it.text, it.note))
    return st


def _interpret_ratio(
    items: list, lex: Lexicon, defaults: dict, words: tuple[str, ...] = ()
) -> QuerySpec:
    measure = weighted_measure(items, lex)
    if measure is not None:
        population, condition, word = split_weighted(items, measure)
        return ratio_spec(
            _interpret(_state(population, lex, defaults)),
            _interpret(_state(condition, lex, defaults)),
            word,
            Col(measure.table, measure.column),
        )
    population, condition = split_ratio(items, words)
    word = next(it.text for it in items if it.kind == "kw" and it.category == "pct")
    return ratio_spec(
        _interpret(_state(population, lex, defaults)),
        _interpret(_state(condition, lex, defaults)),
        word,
    )


_IN_TOTAL = frozenset({"total", "combined", "altogether", "together", "overall", "sum", "all"})


def _count_of_each_named(st: ReadState) -> Col | None:
    """'how many picks do users 10 and 64 have': one count per user named, as a value asked
    of several named rows is shown for each (a total needs 'in total', 'combined')."""
    if st.having or _IN_TOTAL & set(st.words):
        return None
    key = several_named_by_key(st)
    if key is None:
        return None
    st.notes.append((key.column, f"one count per {key.column} named"))
    return key


def _per_own_row(st: ReadState, group_col: Col | None, agg_at: int | None) -> Col | None:
    """'average employees per company': the average over the companies, one value; grouped
    by the company's own key every group would hold one row and show that row's value."""
    if group_col is None or agg_at is None or st.items[agg_at].arg != "AVG":
        return group_col
    if st.group_word.lower() not in ("per", "a", "each", "per each"):
        return group_col
    info = st.lex.catalog.table(group_col.table)
    if info is None or list(info.primary_key) != [group_col.column]:
        return group_col
    measured = st.at(agg_at + 1)
    if measured is None or measured.kind != "column":
        return group_col
    if {t.table for t in measured.targets} != {group_col.table}:
        return group_col  # 'average close per company': many readings each
    st.notes.append(
        (
            f"per {group_col.table}",
            f"the average over the {group_col.table} rows (one value each), not one group per row",
        )
    )
    return None


def _interpret(st: ReadState) -> QuerySpec:
    refuse_compound_columns(st)
    refuse_foreign_adjective(st)
    refuse_two_counted_tables(st)
    recent_rows(st)
    adjective_pairs(st)
    items = st.items
    chart, share = read_chart(st)
    descending: bool | None = None
    for i, it in enumerate(items):
        if it.kind == "kw" and it.category == "dir":
            descending = it.arg == "DESC"
            st.take(i)
        elif it.kind == "kw" and it.category in ("list", "or"):
            st.take(i)
    times = [(i, it) for i, it in enumerate(items) if it.kind == "time"]
    st.take(*(i for i, _ in times))
    time_cols = time_columns(st, times)
    read_when(st)
    read_ids(st)
    read_flags(st)
    read_absent(st)
    read_like(st)
    read_vs_average(st)
    read_column_comparisons(st)
    agg_condition = read_aggregate_condition(st)
    plain_from = len(st.filters)
    read_comparisons(st)
    read_present(st)
    read_signs(st)
    if agg_condition is not None:
        _refuse_unnamed_rows(st, agg_condition, st.filters[plain_from:])
    read_latest(st)

    count_at = next((i for i, it in enumerate(items) if st.is_kw(i, "count") and st.free(i)), None)
    distinct = any(st.is_kw(i, "distinct") for i in range(len(items)))
    st.take(*(i for i in range(len(items)) if st.is_kw(i, "distinct")))
    superlative = next(
        (
            i
            for i, it in enumerate(items)
            if st.free(i)
            and (
                (it.kind == "kw" and it.category == "agg" and it.text.lower() in SUPERLATIVE_WORDS)
                or st.is_kw(i, "bottom")
            )
        ),
        None,
    )
    agg_at = next(
        (i for i, it in enumerate(items) if st.free(i) and st.is_kw(i, "agg") and i != superlative),
        None,
    )

    limit = _read_limit(st, superlative)
    st.measure_asked = count_at is not None or agg_at is not None

    group_col, order_col = read_group_and_order(st)
    group_col = _per_own_row(st, group_col, agg_at)
    if group_col is None and count_at is not None and agg_at is None and superlative is None:
        group_col = _count_of_each_named(st)
    if group_col is not None:
        st.filters.extend(qualified_group(st, group_col))
    descending = age_order(st, order_col, descending)
    if descending is None and st.ranked_by and order_col is not None and superlative is None:
        # 'list the utilities by market cap': the largest first, as a ranking by a number
        # is read ('sorted by market cap' keeps the ascending order SQL gives)
        descending = True
        st.notes.append((f"by {order_col.column}", "largest first"))
    if st.latest is not None and group_col is not None and count_at is None and agg_at is None:
        # "latest close of each stock": the latest row per entity, not a group
        per = localize_col(st, group_col, st.latest.col.table)
        if per.table != st.latest.col.table:
            raise Refuse(
                f"I cannot tell which {st.latest.col.table} rows are the latest per {group_col.column}.",
                group_col.column,
            )
        st.latest = per_entity(st.latest, per)
        group_col = None
    entity_col = None
    groups_counted_at = None
    ranked_by_aggregate = False
    if (st.having or agg_condition is not None) and _names_groups(st, count_at):
        # 'how many sectors have more than 50 companies': the count is of the groups
        groups_counted_at, count_at = count_at, None
        st.take(groups_counted_at)  # type: ignore[arg-type]
    if st.having:
        if agg_condition is not None:
            raise Refuse(
                "Conditions on a count and on another aggregate of each group are beyond the "
                "built-in engine; please ask with one of them.",
                items[st.having[0][2]].text,
            )
        if _ranks_an_aggregate(st, superlative, agg_at, count_at, groups_counted_at) or (
            # 'average revenue growth per state, only states with at least 10 companies'
            len(st.having) == 1
            and superlative is None
            and agg_at is not None
            and count_at is None
            and groups_counted_at is None
            and group_col is not None
        ):
            # 'which industry with at least 5 companies has the highest average revenue
            # growth': the groups kept by their count, ranked by the aggregate
            entity_col = having_entity(st, None, None, None, group_col)
            ranked_by_aggregate = True
        else:
            entity_col = having_entity(st, superlative, count_at, agg_at, group_col)
    elif agg_condition is not None:
        if superlative is not None or agg_at is not None or count_at is not None:
            word = items[next(k for k in (superlative, agg_at, count_at) if k is not None)]
            raise Refuse(
                f"'{word.text}' beside a condition on an aggregate of each group "
                f"('{agg_condition.text}') needs a query the built-in engine does not write.",
                word.text,
            )
        entity_col = aggregate_group(st, agg_condition, group_col)
    if groups_counted_at is not None and (group_col is not None or st.free(groups_counted_at + 1)):
        raise Refuse(
            "Counting the groups that pass a condition needs the groups named right after "
            f"'{items[groups_counted_at].text}' (for example 'how many sectors have …').",
            items[groups_counted_at].text,
        )
    counted_at = counted_table(st, superlative) if superlative is not None else None
    if superlative is not None and group_col is None and counted_at is not None:
        entity_col = entity_column(st, before=superlative)
        if entity_col is None:
            entity_col = entity_table(st, before=superlative, counted=counted_at)
            word = items[superlative]
            if entity_col is not None and (word.category == "bottom" or word.arg == "MIN"):
                # 'which customer placed the fewest orders': one with none has no rows to count
                raise Refuse(
                    f"'{word.text}' would miss {entity_col.table} with no "
                    f"{items[counted_at].text} at all (a count over related rows cannot show "
                    "zero); ask for those with none separately.",
                    word.text,
                )
    counted_table_at = st.having[0][3] if st.having else None
    if count_at is not None:
        counted_table_at = count_at + 1
    if entity_col is None and group_col is None and superlative is not None:
        entity_col = ranked_entity(st, superlative, count_at, agg_at)
    subject_table, bridge_tables = read_tables(st, counted_table_at)

    metric = read_metric(st, count_at, agg_at, subject_table, distinct)
    projection: list[Col] = []

    # "which sector has the most companies" / "top 3 sectors by number of companies"
    if (
        entity_col is None
        and superlative is not None
        and group_col is None
        and (
            subject_table is None
            or metric is not None
            or items[superlative].text.lower() in COUNT_SUPERLATIVES
        )
    ):
        entity_col = entity_column(st, near=superlative)
    sup_item = items[superlative] if superlative is not None else None
    extras: list[Metric] = []
    if (
        sup_item is not None
        and metric is not None
        and metric.col is not None
        and group_col is None
        and entity_col is None
        and sup_item.text.lower() in VALUE_SUPERLATIVES
        and limit is None
        and sup_item.arg != metric.func
        and agg_at is not None
        and sup_item.end != items[agg_at].start  # 'highest average salary' ranks averages
    ):
        # "highest and lowest close": both, in one SELECT (the superlative named first)
        extras, metric = [metric], Metric(sup_item.arg, metric.col)
        sup_item = None
    if metric is not None:
        extras += extra_metrics(st, metric, grouped=group_col is not None or entity_col is not None)
    sup_desc = bool(sup_item and not (sup_item.category == "bottom" or sup_item.arg == "MIN"))
    per_group: Col | None = None
    if (
        subject_table is None
        and order_col is not None
        and group_col is not None
        and limit is not None
        and st.group_word in EACH_WORDS
    ):
        # 'top 3 by market cap in each sector': the rows the ranked column belongs to
        subject_table = order_col.table
    if (
        sup_item is not None
        and superlative is not None
        and metric is None
        and group_col is not None
        and entity_col is None
        and subject_table is not None
        and count_at is None
        and agg_at is None
        and not st.bucket
    ):
        # "top 3 companies by market cap in each sector": rows ranked within each group
        ranked = superlative_metric(st, superlative, subject_table, use_default=order_col is None)
        ranked = ranked or order_col
        if ranked is None:
            raise Refuse(f"I could not tell what '{sup_item.text}' ranks by.", sup_item.text)
        per_group, group_col, order_col = group_col, None, ranked
        st.notes.append(
            (sup_item.text, f"ranked by {ranked.column} within each {per_group.column}")
        )
    if (
        sup_item is not None
        and superlative is not None
        and metric is None
        and group_col is not None
        and entity_col is None
        and subject_table is None
        and order_col is None
        and (
            (limit is not None and limit > 1 and st.group_word in EACH_WORDS)
            or (limit is None and st.group_word in EACH_WORDS - {"per"})
        )
        and count_at is None
        and agg_at is None
        and not st.bucket
    ):
        # 'top 3 mkt cap in each sector', 'the highest market cap in each sector': the top
        # rows within each group, ranked by the measure (the other reading, groups ranked by
        # a total, is no value 'in each' of them)
        ranked = superlative_metric(st, superlative, group_col.table, use_default=False)
        if ranked is not None and ranked.table == group_col.table:
            per_group, group_col, order_col = group_col, None, ranked
            st.notes.append(
                (sup_item.text, f"ranked by {ranked.column} within each {per_group.column}")
            )
    if sup_item is not None and superlative is not None and metric is None:
        metric_col = superlative_metric(
            st,
            superlative,
            subject_table or (entity_col.table if entity_col else None),
            use_default=order_col is None,
        )
        if entity_col is None and group_col is not None and metric_col is not None:
            # 'the highest market cap per sector': MAX per sector, or the sector whose total
            # is highest? Two readings; neither is picked silently.
            raise Refuse(
                f"'{sup_item.text} {metric_col.column} per {group_col.column}' can mean the "
                f"{sup_item.text} {metric_col.column} within each {group_col.column} or the "
                f"{group_col.column} whose total {metric_col.column} is {sup_item.text}; ask "
                f"'{'maximum' if sup_desc else 'minimum'} {metric_col.column} per "
                f"{group_col.column}' or 'which {group_col.column} has the {sup_item.text} "
                f"total {metric_col.column}'.",
                sup_item.text,
            )
        after = st.at(superlative + 1)
        if (
            (entity_col is not None or group_col is not None)
            and sup_item.text.lower() in SIZE_WORDS
            and after is not None
            and after.kind == "table"
        ):
            # 'what sector is the largest company in': the largest company's sector, or the
            # sector whose companies are largest in total? Neither is picked silently.
            grouped = (entity_col or group_col).column  # type: ignore[union-attr]
            raise Refuse(
                f"'{sup_item.text} {after.text}' can mean the {grouped} of the "
                f"{sup_item.text} {after.text} or the {grouped} whose {after.text} are "
                f"{sup_item.text} in total; please ask one.",
                sup_item.text,
            )
        if entity_col is not None or group_col is not None:
            target = metric_col or order_col
            if target is not None:
                func = "SUM" if col_kind(st, target) == "number" else "COUNT"
                if func == "SUM" and not adds_up(target):
                    # 'which sector has the highest revenue growth': a sum of growth rates
                    # means nothing; the average, or the sector of the top company?
                    said = sup_item.text.lower()
                    grouped = (entity_col or group_col).column  # type: ignore[union-attr]
                    raise Refuse(
                        f"'{said} {target.column}' of a {grouped} can mean its {said} average "
                        f"{target.column} or the {grouped} of the row with the {said} "
                        f"{target.column}; please ask one (for example '{said} average "
                        f"{target.column.replace('_', ' ')}').",
                        sup_item.text,
                    )
                metric = Metric(func, target)
                st.notes.append(
                    (target.column, f"'{target.column}' of a group read as the {func.lower()}")
                )
            elif (
                subject_table is not None
                or bridge_tables
                or sup_item.text.lower() in COUNT_SUPERLATIVES
            ):
                metric = Metric("COUNT")
        elif metric_col is not None:
            order_col = metric_col
        if metric is None and order_col is None:
            raise Refuse(f"I could not tell what '{sup_item.text}' ranks by.", sup_item.text)
    if (
        sup_item is not None
        and group_col is not None
        and entity_col is None
        and subject_table is not None
        and count_at is None
        and agg_at is None
    ):
        raise Refuse(
            "The top rows within each group need window functions, which the built-in engine "
            "does not use.",
            sup_item.text,
        )
    if st.having and metric is None:
        metric = Metric("COUNT")
    having_metric = None
    if ranked_by_aggregate:
        having_metric = _counted_beside(st, metric)
    if agg_condition is not None and metric is None:
        metric = agg_condition.metric
    if entity_col is not None:
        group_col = entity_col
        if subject_table is None:
            subject_table = (
                entity_col.table if metric is None or metric.col is None else metric.col.table
            )
    if order_col is not None and metric is not None and group_col is None and sup_item is None:
        raise Refuse("I could not tell how to order a single aggregate value.", order_col.column)

    read_values(st)
    read_relation_verbs(st)
    projection = leftover_columns(st)
    if metric is not None and group_col is None:
        group_col = _take_bare_each(st)
    refuse_leftovers(st)

    if (
        metric is not None
        and metric.col is not None
        and metric.func != "COUNT"
        and subject_table is not None
        and metric.col.table != subject_table
    ):
        # "average closing price of Technology stocks": aggregate the price rows, filtered via companies
        if subject_table not in bridge_tables:
            bridge_tables.append(subject_table)
        subject_table = metric.col.table
    if subject_table is None:
        subject_table = infer_subject(metric, group_col, order_col, projection, st.filters)
    if subject_table is None:
        raise Refuse("I could not tell which table the question is about.")

    filters = list(st.filters)
    if st.latest is not None:
        st.latest = own_dates(st, st.latest, subject_table)
        filters.append(st.latest)
        if subject_table != st.latest.col.table and st.latest.col.table not in bridge_tables:
            bridge_tables.append(st.latest.col.table)
    if st.bucket:
        if group_col is not None:
            raise Refuse(
                f"I can group by one thing only (per {st.bucket} and per {group_col.column}).",
                st.bucket,
            )
        group_col = bucket_column(st, subject_table, tuple(bridge_tables))
    for i, it in times:
        filters.append(
            time_filter(
                st,
                it,
                subject_table,
                bridge_tables,
                metric,
                # 'which stock had the highest volume on 2023-03-10': the ranked column's
                # table is dated, not the stocks'
                projection + ([order_col] if order_col is not None else []),
                time_cols.get(i),
            )
        )
    filters = [localize(st, f, subject_table) for f in joined_time_filters(st, times, filters)]
    if group_col is not None:
        group_col = localize_col(st, group_col, subject_table)
    if metric is not None and group_col is None:
        compared = _each_compared(st, metric, filters, _which_of_named(st, sup_item))
        if compared is not None:
            group_col = localize_col(st, compared, subject_table)
    if metric is not None:
        refuse_pooled_rows(st, metric, filters, group_col)
    refuse_narrowed_absence(st, subject_table, filters)

    parts = Parts(
        subject=subject_table,
        filters=filters,
        metric=metric,
        extras=extras,
        group_col=group_col,
        order_col=order_col,
        projection=projection,
        per_group=per_group,
        sup_item=sup_item,
        limit=limit,
        sup_desc=sup_desc,
        descending=descending,
        bridge_tables=bridge_tables,
        share=share,
        having=tuple((op, value) for op, value, _, _ in st.having)
        or (agg_condition.conditions if agg_condition else ()),
        count_groups=groups_counted_at is not None,
        having_metric=having_metric,
    )
    if metric is not None:
        spec = aggregate_spec(st, parts, metric)
    else:
        counted = counts_per_group(st, parts)
        if counted is not None and parts.descending is None and parts.sup_item is None:
            return _finish(st, counted, chart, share, bridge_tables)
        if counted is not None:
            # 'picks by sector, most to least': the count per group, ranked as asked
            count = Metric("COUNT")
            spec = aggregate_spec(st, replace(parts, metric=count), count)
        else:
            spec = list_spec(st, parts)
    check_every_word_counts(spec, sup_item, limit, share)
    check_asked_rows(st, spec)
    refuse_most_by_date(st, spec, sup_item)
    refuse_most_over_a_period(st, spec, sup_item)
    refuse_time_word_as_extreme(st, spec)
    spec = compared_groups(st, spec)
    check_comparison(st, spec, sup_item)
    return _finish(st, spec, chart, share, bridge_tables)


def _which_of_named(st: ReadState, sup_item) -> bool:
    """'which of GOOGL and META had the highest total volume in 2023': a ranking among the
    rows the question names ('which' first, a superlative, no table word for the rows)."""
    first = st.at(0)
    return (
        sup_item is not None
        and first is not None
        and st.is_kw(0, "list")
        and first.text.lower() == "which"
        and not any(it.kind == "table" for it in st.items)
    )


def _take_bare_each(st: ReadState) -> Col | None:
    """'the average close of each of XOM, CVX and COP', 'for JPM, BAC and WFC each': 'each'
    with no noun after it, beside several named rows, asks one figure for each of them.
    Named rows (a key or a name) are grouped as compared rows are (_each_compared); values
    of another column ('in each of Ohio, Michigan and Indiana') group by that column, which
    is returned."""
    from .sqlbuild import name_columns

    bare = [
        i
        for i in range(len(st.items))
        if st.free(i)
        and st.is_kw(i, "group")
        and re.fullmatch(r"(?:(?:of|for|in)\s+)?each(?:\s+(?:of|one))?", st.items[i].text, re.I)
        and (i + 1 == len(st.items) or st.items[i + 1].kind not in ("column", "table"))
    ]
    named = [f for f in st.filters if f.op == "in" and len(f.values) > 1 and not f.time]
    if len(bare) != 1 or len(named) != 1:
        return None
    st.take(*bare)
    col = named[0].col
    info = st.lex.catalog.table(col.table)
    if info is not None and (col.column in info.primary_key or col.column in name_columns(info)):
        st.each_named = True
        return None
    st.notes.append((st.items[bare[0]].text, f"one value for each {col.column} named"))
    return col


def _each_compared(
    st: ReadState, metric: Metric, filters: list[Filter], ranked: bool = False
) -> Col | None:
    """'KO vs PEP avg close in july 2023', 'compare avg daily volume for MSFT vs AAPL': the
    rows named on either side of 'vs' are compared, so the figure is one for each of them
    (grouped by the column that names them); so are the rows a 'which of A and B …' ranks
    (``ranked``). None when nothing is compared so."""
    from .sqlbuild import name_columns

    compare = [i for i in range(len(st.items)) if st.is_kw(i, "compare")]
    if (not compare and not ranked and not st.each_named) or metric.func == "PCT":
        return None
    named = []
    for f in filters:
        info = st.lex.catalog.table(f.col.table)
        if (
            f.op == "in"
            and len(f.values) > 1
            and info is not None
            and (f.col.column in info.primary_key or f.col.column in name_columns(info))
        ):
            named.append(f)
    if len(named) != 1 or metric.col is None:
        return None
    col = named[0].col
    info = st.lex.catalog.table(col.table)
    if metric.col.table == col.table and info is not None and len(info.primary_key) == 1:
        return None  # 'compare the total market cap of Apple and Microsoft': one row each
    if info is not None and col.column not in info.primary_key and len(info.primary_key) == 1:
        col = Col(col.table, info.primary_key[0])  # 'apple vs microsoft': each company
    st.take(*compare)
    word = st.items[compare[0]].text if compare else "each" if st.each_named else "which"
    st.notes.append((word, f"one value for each {col.table} compared"))
    return col


def _refuse_unnamed_rows(st: ReadState, cond: AggregateCondition, plain: list) -> None:
    """'sectors with revenue growth above 0 and an average market cap above 100 billion':
    with no rows named ('companies with …'), the first condition may be on each row or on
    the average too; neither is picked silently."""
    compared = [f for f in plain if f.op in (">", ">=", "<", "<=", "between") and not f.time]
    if not compared or any(it.kind == "table" for it in st.items):
        return
    name = compared[0].col.column.replace("_", " ")
    raise Refuse(
        f"'{name}' beside '{cond.text}': a condition on each row or on each group's "
        f"{cond.text.split()[0]}? Please say which (for example '{cond.text.split()[0]} "
        f"{name}', or name the rows: '{compared[0].col.table} with {name} …').",
        name,
    )


def _ranks_an_aggregate(
    st: ReadState,
    superlative: int | None,
    agg_at: int | None,
    count_at: int | None,
    groups_counted_at: int | None,
) -> bool:
    """'the highest average revenue growth' beside one condition on a count: a superlative
    right before an aggregate word, no other count asked."""
    return (
        len(st.having) == 1
        and superlative is not None
        and agg_at == superlative + 1
        and count_at is None
        and groups_counted_at is None
        and st.items[superlative].text.lower() in VALUE_SUPERLATIVES
    )


def _counted_beside(st: ReadState, metric: Metric | None) -> Metric:
    """The count the groups are kept by, of the rows the ranked aggregate is taken over."""
    counted = st.items[st.having[0][3]]
    if metric is None or metric.col is None or metric.func == "COUNT":
        raise Refuse(
            f"I could not tell what '{st.items[st.having[0][2]].text}' ranks beside.",
            st.items[st.having[0][2]].text,
        )
    if counted.targets[0].table != metric.col.table:
        raise Refuse(
            f"'{counted.text}' are counted in {counted.targets[0].table} and the ranked "
            f"{metric.col.column} is of {metric.col.table}; this needs a nested query, which "
            "the built-in engine does not write.",
            counted.text,
        )
    return Metric("COUNT")


def _names_groups(st: ReadState, count_at: int | None) -> bool:
    """'how many users …', 'the number of sectors …': the count word right before a table or
    a column, the groups a condition on each group's rows is then asked of."""
    if count_at is None:
        return False
    nxt = st.at(count_at + 1)
    return nxt is not None and nxt.kind in ("table", "column") and st.free(count_at + 1)


def _finish(
    st: ReadState, spec: QuerySpec, chart: str, share: bool, bridge_tables: list[str]
) -> QuerySpec:
    if bridge_tables:
        st.notes.extend(
            ("join", f"Only {spec.table} rows linked to {t} are included") for t in bridge_tables
        )
        spec = spec.with_(also_join=tuple(bridge_tables))
    if st.bucket and spec.group_by is not None:
        spec = spec.with_(bucket=st.bucket)
    spec = _links_counted_in_total(st, spec)
    if spec.group_by is not None and not spec.bucket:
        spec = spec.with_(
            group_label=code_label(st.lex.catalog, spec.group_by)
            or place_label(st.lex.catalog, spec.group_by)
        )
    return spec.with_(chart=chart, share=share, notes=spec.notes + tuple(st.notes))


def _links_counted_in_total(st: ReadState, spec: QuerySpec) -> QuerySpec:
    """'how many stocks did they pick in total': every pick counted (the rows of the table of
    links the verb names), not the distinct stocks picked."""
    in_total = any(
        it.kind == "kw" and it.category == "agg" and it.text.lower() in ("in total", "altogether")
        for it in st.items
    )
    distinct = any(
        it.kind == "kw" and bool({"distinct", "different", "unique"} & set(it.text.lower().split()))
        for it in st.items
    )
    if not in_total or distinct or spec.shape != "count" or spec.group_by is not None:
        return spec
    if spec.metric is None or spec.metric.func != "COUNT" or spec.metric.col is not None:
        return spec
    links = [
        t
        for t in spec.also_join
        if any(r.from_table == t and r.to_table == spec.table for r in st.lex.catalog.relationships)
        and links_others(st, t)
    ]
    if len(links) != 1:
        return spec
    link = links[0]
    st.notes.append(("in total", f"every {link} row counted, not the distinct {spec.table}"))
    joined = tuple(t for t in (*spec.also_join, spec.table) if t != link)
    return spec.with_(table=link, also_join=joined)


def _read_limit(st: ReadState, superlative: int | None) -> int | None:
    """The number of rows asked for: 'top 5', '5 largest', 'the 3 companies with the highest'."""
    items = st.items
    limit = None
    if superlative is not None:
        for j in (superlative + 1, superlative - 1):
            near = st.at(j)
            if (
                near
                and near.kind == "number"
                and st.free(j)
                and near.number
                and near.number.is_integer()
            ):
                limit = int(near.number)
                st.take(j)
                break
        st.take(superlative)
    if limit is None:
        for j, it in enumerate(items):
            if (
                it.kind == "number"
                and st.free(j)
                and it.number
                and it.number.is_integer()
                and it.number <= 1000
            ):
                nxt = st.at(j + 1)
                if (
                    nxt
                    and nxt.kind in ("table", "column", "value")
                    and (superlative is not None or st.is_kw(j - 1, "list"))
                ):
                    limit = int(it.number)
                    st.take(j)
                    break
    return limit
