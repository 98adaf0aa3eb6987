"""Linked items → a QuerySpec, or a Decline when some part is not understood.

Patterns run over the *linked* sequence (tables, columns, values, keywords,
numbers, time phrases), each consuming the items it explains. The coverage
gate at the end declines if any item was left unexplained.
"""

from __future__ import annotations

from .absent import read_absent, read_present
from .change import change_spec, split_change, with_history_measure
from .counting import entity_table, having_entity
from .filters import (
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
from .keywords import SIZE_WORDS
from .latest import own_dates, per_entity, read_latest, recent_rows
from .lexicon import Lexicon
from .linking import Linked
from .named_rows import COMPARATIVES, check_comparison, inexact, names_a_row, with_ties
from .pairs import adjective_pairs
from .ratio import distribution_words, ratio_spec, split_ratio
from .reading import ReadState, Refuse, choose, col_kind, columns_of, is_plural, key_columns
from .spec import Col, Decline, Filter, Metric, QuerySpec
from .verbs import read_relation_verbs
from .when import read_when

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


_VALUE_SUPERLATIVES = frozenset(
    {"highest", "lowest", "largest", "smallest", "biggest", "greatest", "maximum", "minimum"}
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
            rest, word, kind = split_change(items)
            rest = with_history_measure(rest, lex)
            return change_spec(_interpret(_state(rest, lex, defaults or {})), lex, word, kind)
        if any(it.kind == "kw" and it.category == "pct" for it in items):
            return _interpret_ratio(items, lex, defaults or {})
        return _interpret(_state(items, lex, defaults or {}))
    except Refuse as refusal:
        return Decline(str(refusal), refusal.words)


def _state(items: list, lex: Lexicon, defaults: dict) -> ReadState:
    st = ReadState(items, lex, defaults)
    for it in st.items:
        if it.note:
            st.notes.append((it.text, it.note))
    return st


def _interpret_ratio(items: list, lex: Lexicon, defaults: dict) -> QuerySpec:
    population, condition = split_ratio(items)
    word = next(it.text for it in items if it.kind == "kw" and it.category == "pct")
    return ratio_spec(
        _interpret(_state(population, lex, defaults)),
        _interpret(_state(condition, lex, defaults)),
        word,
    )


def _interpret(st: ReadState) -> QuerySpec:
    _refuse_compound_columns(st)
    recent_rows(st)
    adjective_pairs(st)
    items = st.items
    chart, share = _read_chart(st)
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
    read_comparisons(st)
    read_present(st)
    read_signs(st)
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

    # the number of rows asked for: "top 5", "5 largest", "the 3 companies with the highest"
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

    group_col, order_col = _read_group_and_order(st)
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
    if st.having:
        entity_col = having_entity(st, superlative, count_at, agg_at, group_col)
    counted_at = _counted_table(st, superlative) if superlative is not None else None
    if superlative is not None and group_col is None and counted_at is not None:
        entity_col = _entity_column(st, before=superlative)
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
    subject_table, bridge_tables = _read_tables(st)

    metric: Metric | None = None
    projection: list[Col] = []
    if count_at is not None:
        st.take(count_at)
        metric = _count_metric(st, count_at, subject_table, distinct)
    if agg_at is not None:
        st.take(agg_at)
        own = _agg_metric(st, agg_at, items[agg_at].arg, distinct)
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
        metric = own or metric
        if metric is None:
            raise Refuse(
                f"I could not tell which column '{items[agg_at].text}' applies to.",
                items[agg_at].text,
            )

    # "which sector has the most companies" / "top 3 sectors by number of companies"
    if (
        entity_col is None
        and superlative is not None
        and group_col is None
        and (subject_table is None or metric is not None)
    ):
        entity_col = _entity_column(st, near=superlative)
    sup_item = items[superlative] if superlative is not None else None
    extras: list[Metric] = []
    if (
        sup_item is not None
        and metric is not None
        and metric.col is not None
        and group_col is None
        and entity_col is None
        and sup_item.text.lower() in _VALUE_SUPERLATIVES
        and limit is None
        and sup_item.arg != metric.func
        and agg_at is not None
        and sup_item.end != items[agg_at].start  # 'highest average salary' ranks averages
    ):
        # "highest and lowest close": both, in one SELECT (the superlative named first)
        extras, metric = [metric], Metric(sup_item.arg, metric.col)
        sup_item = None
    if metric is not None:
        extras += _extra_metrics(
            st, metric, grouped=group_col is not None or entity_col is not None
        )
    sup_desc = bool(sup_item and not (sup_item.category == "bottom" or sup_item.arg == "MIN"))
    per_group: Col | None = None
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
        ranked = _superlative_metric(st, superlative, subject_table, use_default=order_col is None)
        ranked = ranked or order_col
        if ranked is None:
            raise Refuse(f"I could not tell what '{sup_item.text}' ranks by.", sup_item.text)
        per_group, group_col, order_col = group_col, None, ranked
        st.notes.append(
            (sup_item.text, f"ranked by {ranked.column} within each {per_group.column}")
        )
    if sup_item is not None and superlative is not None and metric is None:
        metric_col = _superlative_metric(
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
        if entity_col is not None or group_col is not None:
            target = metric_col or order_col
            if target is not None:
                func = "SUM" if col_kind(st, target) == "number" else "COUNT"
                metric = Metric(func, target)
                st.notes.append(
                    (target.column, f"'{target.column}' of a group read as the {func.lower()}")
                )
            elif subject_table is not None or bridge_tables:
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
    projection = _leftover_columns(st)
    _refuse_leftovers(st)

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
        subject_table = _infer_subject(metric, group_col, order_col, projection, st.filters)
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
        group_col = _bucket_column(st, subject_table)
    for i, it in times:
        filters.append(
            time_filter(st, it, subject_table, bridge_tables, metric, projection, time_cols.get(i))
        )
    filters = [localize(st, f, subject_table) for f in filters]
    if group_col is not None:
        group_col = localize_col(st, group_col, subject_table)
    if metric is not None and group_col is None:
        _refuse_pooled_rows(st, metric, filters)
    _refuse_narrowed_absence(st, subject_table, filters)

    if metric is not None:
        shape = (
            "count" if metric.func == "COUNT" and group_col is None and not extras else "aggregate"
        )
        if projection and not (len(projection) == 1 and projection[0] == group_col):
            raise Refuse(
                f"I could not tell how '{projection[0].column}' relates to the "
                f"{metric.func.lower()}.",
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
    else:
        if (
            group_col is not None
            and order_col is None
            and not projection
            and (any(it.kind == "table" for it in st.items) or share)
        ):
            return _finish(
                st,
                QuerySpec(
                    "aggregate",
                    subject_table,
                    metric=Metric("COUNT"),
                    group_by=group_col,
                    filters=tuple(filters),
                ),
                chart,
                share,
                bridge_tables,
            )
        if group_col is not None and order_col is None:
            raise Refuse(
                f"I could not tell what to compute per {group_col.column}.", group_col.column
            )
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
                limit=limit or (1 if limit is None and not _plural_subject(st) else 10),
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
    _check_every_word_counts(spec, sup_item, limit, share)
    _check_asked_rows(st, spec)
    check_comparison(st, spec, sup_item)
    return _finish(st, spec, chart, share, bridge_tables)


def _refuse_pooled_rows(st: ReadState, metric: Metric, filters: list[Filter]) -> None:
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


def _refuse_narrowed_absence(st: ReadState, subject: str, filters: list[Filter]) -> None:
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


def _check_asked_rows(st: ReadState, spec: QuerySpec) -> None:
    """'which department has the highest salary': the answer must show the department asked
    for, not a teacher's row without it (the department of the best-paid teacher, or the one
    paying most in total? neither is picked silently)."""
    first, second = st.at(0), st.at(1)
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


def _refuse_compound_columns(st: ReadState) -> None:
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


def _check_every_word_counts(spec: QuerySpec, sup_item, limit: int | None, share: bool) -> None:
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


def _extra_metrics(st: ReadState, metric: Metric, grouped: bool) -> list[Metric]:
    """'total and average market cap', 'average and maximum salary per department'."""
    extras = []
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
            if nj.kind != "kw":
                break
        col = col or metric.col
        if col is None:
            continue
        if it.arg in ("SUM", "AVG") and col_kind(st, col) != "number":
            raise Refuse(f"'{it.text} {col.column}' needs a numeric column.", it.text)
        st.take(i)
        extras.append(Metric(it.arg, col))
    return extras


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
    return spec.with_(chart=chart, share=share, notes=spec.notes + tuple(st.notes))


def _plural_subject(st: ReadState) -> bool:
    """'which companies have the highest …' (plural) vs 'which company has …'."""
    for it in st.items:
        if it.kind == "table":
            return it.text.lower().endswith("s") and not it.text.lower().endswith("ss")
    return False


def _read_chart(st: ReadState) -> tuple[str, bool]:
    chart, share = "", False
    for i, it in enumerate(st.items):
        if st.is_kw(i, "chart"):
            chart = it.arg or chart
            st.take(i)
        elif st.is_kw(i, "share"):
            share = True
            st.take(i)
    return chart, share


def _read_group_and_order(st: ReadState) -> tuple[Col | None, Col | None]:
    group_col = order_col = None
    items = st.items
    for i, it in enumerate(items):
        if st.is_kw(i, "bucket") and it.text.lower() in ("monthly", "yearly", "annual", "annually"):
            st.bucket = it.arg  # "monthly average closing price"
            st.take(i)
    for i, it in enumerate(items):
        if not st.free(i) or it.kind != "kw" or it.category not in ("group", "order"):
            continue
        j = i + 1
        while st.is_kw(j, "agg", "count") and it.category == "group":
            j += 1  # "by number of companies", "by total market cap" (handled by the metric)
        nxt = st.at(j)
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
            if it.category == "order" or (
                numeric
                and len(numeric) == len(cols)
                and it.text.lower() == "by"
                and not _has_aggregate(st)
            ):
                order_col = choose(st, cols, nxt)
            else:
                group_col = choose(st, cols, nxt)
            st.take(i, j)
        elif (
            nxt.kind == "table"
            and st.free(j)
            and it.category == "group"
            and it.text.lower()
            in ("per", "for each", "each", "in each", "for every", "by each", "of each", "in every")
        ):
            table = st.lex.catalog.table(nxt.targets[0].table)
            if table and len(table.primary_key) == 1:
                group_col = Col(table.name, table.primary_key[0])
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


def _has_aggregate(st: ReadState) -> bool:
    return any(
        st.is_kw(i, "count")
        or (st.is_kw(i, "agg") and st.items[i].text.lower() not in SUPERLATIVE_WORDS)
        for i in range(len(st.items))
    )


def _read_tables(st: ReadState) -> tuple[str | None, list[str]]:
    subject = None
    bridges: list[str] = []
    value_tables = {t.table for it in st.items if it.kind == "value" for t in it.targets}
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


def _count_metric(st: ReadState, at: int, subject: str | None, distinct: bool) -> Metric:
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
        col = choose(st, columns_of(nxt), nxt)
        st.take(nxt_at)
        if col_kind(st, col) == "number" and not distinct:
            st.notes.append((nxt.text, f"'how many {nxt.text}' read as the total of {col.column}"))
            return Metric("SUM", col)
        return Metric("COUNT", col, distinct=True)
    return Metric("COUNT")


def _agg_metric(st: ReadState, at: int, func: str, distinct: bool) -> Metric | None:
    for j in range(at + 1, min(at + 4, len(st.items))):
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


def _superlative_metric(
    st: ReadState, at: int, subject: str | None, use_default: bool = True
) -> Col | None:
    for j in range(at + 1, min(at + 5, len(st.items))):
        it = st.items[j]
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
        col = Col(subject, st.defaults[subject])
        st.notes.append((word, f"'{word}' read as by {col.column}"))
        return col
    return None


def _counted_table(st: ReadState, superlative: int) -> int | None:
    """'the most companies', 'the most S&P 500 companies': a superlative over a table
    (past the values that narrow it) counts its rows; the table's index."""
    j = superlative + 1
    while st.is_value(j):
        j += 1
    nxt = st.at(j)
    return j if nxt is not None and nxt.kind == "table" else None


def _entity_column(st: ReadState, before: int | None = None, near: int | None = None) -> Col | None:
    """The categorical column a superlative ranks: before it ('which sector has the most …')
    or right after it ('top 3 sectors by …')."""
    for i, it in enumerate(st.items[:before]):
        if near is not None and i > near and any(st.free(k) for k in range(near + 1, i)):
            return None
        if it.kind == "column" and st.free(i):
            cols = [c for c in columns_of(it) if col_kind(st, c) == "text"]
            if cols:
                st.take(i)
                return choose(st, cols, it)
            return None
        if it.kind in ("value", "number") and st.free(i):
            return None
    return None


def _leftover_columns(st: ReadState) -> list[Col]:
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
        if col_kind(st, col) == "number" and split_words(col.column)[0] in ("is", "has"):
            # 'customers from Germany who are VIP': only the VIP ones, or all with the flag?
            raise Refuse(
                f"'{col.column}': only the rows where it is set, or every row with it shown? "
                f"Put it before the {col.table} (for example 'VIP customers') to keep only "
                "those.",
                col.column,
            )
    return cols


def _refuse_leftovers(st: ReadState) -> None:
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
            ):
                raise Refuse(f"I could not tell what '{it.text}' applies to.", it.text)


def _bucket_column(st: ReadState, subject: str) -> Col:
    tables = [subject] + [f.col.table for f in st.filters]
    for table in dict.fromkeys(tables):
        dates = st.lex.date_columns(table)
        if dates:
            return Col(table, dates[0])
    raise Refuse(f"'per {st.bucket}' needs a date column, and {subject} has none.", st.bucket)


def _infer_subject(metric, group_col, order_col, projection, filters) -> str | None:
    for col in (metric.col if metric else None, order_col, *projection, group_col):
        if col is not None:
            return col.table
    for f in filters:
        return f.col.table
    return None
