"""Linked items → a QuerySpec, or a Decline when some part is not understood.

Patterns run over the *linked* sequence (tables, columns, values, keywords,
numbers, time phrases), each consuming the items it explains. The coverage
gate at the end declines if any item was left unexplained.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .keywords import SIZE_WORDS
from .lexicon import Lexicon, Target
from .linking import Item, Linked
from .spec import Col, Decline, Filter, Metric, QuerySpec
from .timeexpr import resolve

SUPERLATIVE_WORDS = frozenset({"top", "highest", "largest", "biggest", "greatest", "most", "best", "lowest",
                               "smallest", "least", "fewest", "bottom", "worst"})


@dataclass
class _State:
    items: list[Item]
    lex: Lexicon
    defaults: dict
    used: set[int] = field(default_factory=set)
    plural_projection: bool = False
    filters: list[Filter] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def take(self, *idx: int) -> None:
        self.used.update(idx)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.items) and i not in self.used

    def at(self, i: int) -> Item | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def is_kw(self, i: int, *categories: str) -> bool:
        it = self.at(i)
        return bool(it and it.kind == "kw" and (not categories or it.category in categories))


def interpret(linked: Linked, lex: Lexicon, defaults: dict | None = None) -> QuerySpec | Decline:
    if linked.unsupported:
        phrase, reason = linked.unsupported[0]
        return Decline(f"'{phrase}': {reason}.", (phrase,))
    if linked.unknown:
        word = linked.unknown[0]
        return Decline(f"I could not map '{word}' to any table, column or value.", tuple(linked.unknown))
    st = _State(list(linked.items), lex, defaults or {})
    for it in st.items:
        if it.note:
            st.notes.append((it.text, it.note))
    try:
        return _interpret(st)
    except _Refuse as refusal:
        return Decline(str(refusal), refusal.words)


class _Refuse(Exception):
    def __init__(self, message: str, *words: str):
        super().__init__(message)
        self.words = words


def _col_kind(st: _State, col: Col) -> str:
    return st.lex.kind_of(col.table, col.column)


def _columns(item: Item) -> list[Col]:
    return [Col(t.table, t.column) for t in item.targets if t.kind == "column"]


def _interpret(st: _State) -> QuerySpec:
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
    time_cols = _time_columns(st, times)
    _read_comparisons(st)
    _read_signs(st)

    count_at = next((i for i, it in enumerate(items) if st.is_kw(i, "count") and st.free(i)), None)
    distinct = any(st.is_kw(i, "distinct") for i in range(len(items)))
    st.take(*(i for i in range(len(items)) if st.is_kw(i, "distinct")))
    superlative = next((i for i, it in enumerate(items) if st.free(i) and (
        (it.kind == "kw" and it.category == "agg" and it.text.lower() in SUPERLATIVE_WORDS)
        or st.is_kw(i, "bottom"))), None)
    agg_at = next((i for i, it in enumerate(items) if st.free(i) and st.is_kw(i, "agg") and i != superlative), None)

    # the number of rows asked for: "top 5", "5 largest", "the 3 companies with the highest"
    limit = None
    if superlative is not None:
        for j in (superlative + 1, superlative - 1):
            it = st.at(j)
            if it and it.kind == "number" and st.free(j) and it.number and it.number.is_integer():
                limit = int(it.number)
                st.take(j)
                break
        st.take(superlative)
    if limit is None:
        for j, it in enumerate(items):
            if it.kind == "number" and st.free(j) and it.number and it.number.is_integer() and it.number <= 1000:
                nxt = st.at(j + 1)
                if nxt and nxt.kind in ("table", "column", "value") and (
                        superlative is not None or st.is_kw(j - 1, "list")):
                    limit = int(it.number)
                    st.take(j)
                    break

    group_col, order_col = _read_group_and_order(st)
    entity_col = None
    if superlative is not None and group_col is None and _counts_a_table(st, superlative):
        entity_col = _entity_column(st, before=superlative)
    subject_table, bridge_tables = _read_tables(st)

    metric: Metric | None = None
    projection: list[Col] = []
    if count_at is not None:
        st.take(count_at)
        metric = _count_metric(st, count_at, subject_table, distinct)
    if agg_at is not None:
        st.take(agg_at)
        metric = _agg_metric(st, agg_at, items[agg_at].arg, distinct) or metric
        if metric is None:
            raise _Refuse(f"I could not tell which column '{items[agg_at].text}' applies to.", items[agg_at].text)

    # "which sector has the most companies" / "top 3 sectors by number of companies"
    if entity_col is None and superlative is not None and group_col is None and (
            subject_table is None or metric is not None):
        entity_col = _entity_column(st, near=superlative)
    sup_item = items[superlative] if superlative is not None else None
    sup_desc = bool(sup_item and not (sup_item.category == "bottom" or sup_item.arg == "MIN"))
    if sup_item is not None and metric is None:
        metric_col = _superlative_metric(st, superlative, subject_table or (entity_col.table if entity_col else None),
                                         use_default=order_col is None)
        if entity_col is not None or group_col is not None:
            target = metric_col or order_col
            if target is not None:
                func = "SUM" if _col_kind(st, target) == "number" else "COUNT"
                metric = Metric(func, target)
                st.notes.append((target.column, f"'{target.column}' of a group read as the {func.lower()}"))
            elif subject_table is not None or bridge_tables:
                metric = Metric("COUNT")
        elif metric_col is not None:
            order_col = metric_col
        if metric is None and order_col is None:
            raise _Refuse(f"I could not tell what '{sup_item.text}' ranks by.", sup_item.text)
    if sup_item is not None and group_col is not None and entity_col is None and subject_table is not None \
            and count_at is None and agg_at is None:
        raise _Refuse("The top rows within each group need window functions, which the built-in engine "
                      "does not use.", sup_item.text)
    if entity_col is not None:
        group_col = entity_col
        if subject_table is None:
            subject_table = entity_col.table if metric is None or metric.col is None else metric.col.table
    if order_col is not None and metric is not None and group_col is None and sup_item is None:
        raise _Refuse("I could not tell how to order a single aggregate value.", order_col.column)

    _read_values(st)
    projection = _leftover_columns(st)
    _refuse_leftovers(st)

    if (metric is not None and metric.col is not None and metric.func != "COUNT" and subject_table is not None
            and metric.col.table != subject_table):
        # "average closing price of Technology stocks": aggregate the price rows, filtered via companies
        if subject_table not in bridge_tables:
            bridge_tables.append(subject_table)
        subject_table = metric.col.table
    if subject_table is None:
        subject_table = _infer_subject(metric, group_col, order_col, projection, st.filters)
    if subject_table is None:
        raise _Refuse("I could not tell which table the question is about.")

    filters = list(st.filters)
    for i, it in times:
        filters.append(_time_filter(st, it, subject_table, bridge_tables, metric, projection, time_cols.get(i)))
    filters = [_localize(st, f, subject_table) for f in filters]
    if group_col is not None:
        group_col = _localize_col(st, group_col, subject_table)

    if metric is not None:
        shape = "count" if metric.func == "COUNT" and group_col is None else "aggregate"
        if projection and not (len(projection) == 1 and projection[0] == group_col):
            raise _Refuse(f"I could not tell how '{projection[0].column}' relates to the "
                          f"{metric.func.lower()}.", projection[0].column)
        spec = QuerySpec(shape, subject_table, metric=metric, group_by=group_col, filters=tuple(filters))
        if sup_item is not None and group_col is not None:
            spec = spec.with_(order_metric=True, descending=sup_desc, limit=limit or 1, limit_stated=True)
        elif group_col is not None and descending is not None:
            spec = spec.with_(order_metric=True, descending=descending)
    else:
        if group_col is not None and order_col is None and not projection and (
                any(it.kind == "table" for it in st.items) or share):
            return _finish(st, QuerySpec("aggregate", subject_table, metric=Metric("COUNT"), group_by=group_col,
                                         filters=tuple(filters)), chart, share, bridge_tables)
        if group_col is not None and order_col is None:
            raise _Refuse(f"I could not tell what to compute per {group_col.column}.", group_col.column)
        inferred_subject = not any(it.kind == "table" for it in st.items) or st.plural_projection
        distinct_values = bool(projection) and inferred_subject and order_col is None and all(
            _col_kind(st, c) == "text" and c.column not in _key_columns(st, c.table) for c in projection)
        spec = QuerySpec("list", subject_table, columns=tuple(projection), filters=tuple(filters),
                         distinct=distinct_values)
        if sup_item is not None and order_col is not None:
            spec = spec.with_(order_by=order_col, descending=sup_desc,
                              limit=limit or (1 if limit is None and not _plural_subject(st) else 10),
                              limit_stated=limit is not None)
            if limit is None and spec.limit == 10:
                st.notes.append(("top", "No number was given; showing the top 10"))
        elif order_col is not None:
            spec = spec.with_(order_by=order_col, descending=bool(descending), limit=limit,
                              limit_stated=limit is not None)
        elif limit is not None:
            spec = spec.with_(limit=limit, limit_stated=True)
    return _finish(st, spec, chart, share, bridge_tables)


def _finish(st: _State, spec: QuerySpec, chart: str, share: bool, bridge_tables: list[str]) -> QuerySpec:
    if bridge_tables:
        st.notes.extend(("join", f"Only {spec.table} rows linked to {t} are included") for t in bridge_tables)
        spec = spec.with_(also_join=tuple(bridge_tables))
    return spec.with_(chart=chart, share=share, notes=spec.notes + tuple(st.notes))


def _plural(item: Item) -> bool:
    from .lexicon import phrase_key

    return " ".join(phrase_key(item.text)) != item.text.lower()


def _key_columns(st: _State, table: str) -> tuple[str, ...]:
    info = st.lex.catalog.table(table)
    return info.primary_key if info else ()


def _plural_subject(st: _State) -> bool:
    """'which companies have the highest …' (plural) vs 'which company has …'."""
    for it in st.items:
        if it.kind == "table":
            return it.text.lower().endswith("s") and not it.text.lower().endswith("ss")
    return False


def _read_chart(st: _State) -> tuple[str, bool]:
    chart, share = "", False
    for i, it in enumerate(st.items):
        if st.is_kw(i, "chart"):
            chart = it.arg or chart
            st.take(i)
        elif st.is_kw(i, "share"):
            share = True
            st.take(i)
    return chart, share


def _number_value(st: _State, item: Item, col: Col) -> float:
    value = item.number or 0.0
    if item.percent:
        st.notes.append((item.text, f"{item.text} compared as {value / 100:g} ({col.column} is stored as a fraction)"))
        return value / 100
    return value


def _nearest_numeric_column(st: _State, around: int, before: bool) -> int | None:
    rng = range(around - 1, max(-1, around - 4), -1) if before else range(around + 1, min(len(st.items), around + 3))
    for j in rng:
        it = st.items[j]
        if it.kind == "column" and any(_col_kind(st, c) in ("number", "date") for c in _columns(it)):
            return j
        if it.kind in ("kw",) and it.category in ("cmp", "group", "order") or it.kind == "value":
            break
    return None


def _pick_numeric(st: _State, item: Item) -> Col:
    cols = [c for c in _columns(item) if _col_kind(st, c) == "number"]
    return _choose(st, cols, item)


def _share_scale(low: Item, high: Item, values: tuple) -> tuple:
    """'between 50 and 100 billion': the scale word covers both numbers."""
    import re

    if re.fullmatch(r"[\d.,]+", low.text) and not re.fullmatch(r"[\d.,$%]+", high.text):
        digits = re.match(r"\$?([\d.,]+)", high.text)
        if digits:
            factor = values[1] / float(digits.group(1).replace(",", ""))
            return (values[0] * factor, values[1])
    return values


def _read_comparisons(st: _State) -> None:
    items = st.items
    for i, it in enumerate(items):
        if not (it.kind == "kw" and it.category == "cmp") or not st.free(i):
            continue
        nums = [j for j in (i + 1, i + 2) if st.free(j) and items[j].kind == "number"]
        if not nums:
            continue
        if it.arg == "between":
            if len(nums) < 2:
                continue
            values_at = nums[:2]
        else:
            values_at = nums[:1]
        after = values_at[-1]
        nxt = st.at(after + 1)
        col_at = None
        if nxt is not None and nxt.kind == "column" and st.free(after + 1) and any(
                _col_kind(st, c) == "number" for c in _columns(nxt)):
            col_at = after + 1
        if col_at is None:
            col_at = _nearest_numeric_column(st, i, before=True)
        if col_at is None:
            col_at = _nearest_numeric_column(st, after, before=False)
        if col_at is None:
            prev = st.at(i - 1)
            if prev is not None and prev.kind == "table" or st.is_kw(i - 1, "count"):
                raise _Refuse("Conditions on counts or aggregates (HAVING) are beyond the built-in engine.", it.text)
            raise _Refuse(f"I could not tell which column '{it.text} {items[after].text}' applies to.", it.text)
        col = _pick_numeric(st, items[col_at])
        values = tuple(_number_value(st, items[j], col) for j in values_at)
        if len(values) == 2:
            values = _share_scale(items[values_at[0]], items[values_at[1]], values)
        op = it.arg
        if st.is_kw(i - 1, "not"):
            op = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!="}.get(op, op)
            st.take(i - 1)
        st.filters.append(Filter(col, op, values))
        st.take(i, col_at, *values_at)


def _read_signs(st: _State) -> None:
    """'negative revenue growth' → revenue_growth < 0."""
    for i, it in enumerate(st.items):
        if st.is_kw(i, "sign") and st.free(i):
            j = i + 1
            nxt = st.at(j)
            if nxt and nxt.kind == "column" and st.free(j):
                cols = [c for c in _columns(nxt) if _col_kind(st, c) == "number"]
                if cols:
                    st.filters.append(Filter(_choose(st, cols, nxt), it.arg, (0,)))
                    st.take(i, j)


def _read_group_and_order(st: _State) -> tuple[Col | None, Col | None]:
    group_col = order_col = None
    items = st.items
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
        if it.category == "group" and j > i + 1:
            # "top 3 sectors by number of companies": the metric follows the "by"
            st.take(i)
            continue
        if nxt.kind == "column" and st.free(j):
            cols = _columns(nxt)
            numeric = [c for c in cols if _col_kind(st, c) == "number"]
            if it.category == "order" or (numeric and len(numeric) == len(cols) and it.text.lower() == "by"
                                           and not _has_aggregate(st)):
                order_col = _choose(st, cols, nxt)
            else:
                group_col = _choose(st, cols, nxt)
            st.take(i, j)
        elif nxt.kind == "table" and st.free(j) and it.category == "group" and it.text.lower() in (
                "per", "for each", "each", "in each", "for every", "by each", "of each", "in every"):
            table = st.lex.catalog.table(nxt.targets[0].table)
            if table and len(table.primary_key) == 1:
                group_col = Col(table.name, table.primary_key[0])
                st.take(i, j)
    return group_col, order_col


def _has_aggregate(st: _State) -> bool:
    return any(st.is_kw(i, "count") or (st.is_kw(i, "agg") and st.items[i].text.lower() not in SUPERLATIVE_WORDS)
               for i in range(len(st.items)))


def _read_tables(st: _State) -> tuple[str | None, list[str]]:
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


def _count_metric(st: _State, at: int, subject: str | None, distinct: bool) -> Metric:
    nxt_at = at + 1
    while st.is_kw(nxt_at, "distinct"):
        nxt_at += 1
    nxt = st.at(nxt_at)
    if nxt is not None and nxt.kind == "column" and st.free(nxt_at) and (subject is None or distinct or _plural(nxt)):
        col = _choose(st, _columns(nxt), nxt)
        st.take(nxt_at)
        if _col_kind(st, col) == "number" and not distinct:
            st.notes.append((nxt.text, f"'how many {nxt.text}' read as the total of {col.column}"))
            return Metric("SUM", col)
        return Metric("COUNT", col, distinct=True)
    return Metric("COUNT")


def _agg_metric(st: _State, at: int, func: str, distinct: bool) -> Metric | None:
    for j in range(at + 1, min(at + 4, len(st.items))):
        it = st.items[j]
        if it.kind == "column" and st.free(j):
            cols = _columns(it)
            numeric = [c for c in cols if _col_kind(st, c) in ("number", "date")]
            col = _choose(st, numeric or cols, it)
            st.take(j)
            if func in ("SUM", "AVG") and _col_kind(st, col) != "number":
                raise _Refuse(f"'{st.items[at].text} {it.text}' needs a numeric column.", it.text)
            return Metric(func, col, distinct)
        if it.kind == "table" and func == "SUM" and st.items[at].text.lower() == "total":
            return None
        if it.kind not in ("kw", "value", "table"):
            break
    return None


def _superlative_metric(st: _State, at: int, subject: str | None, use_default: bool = True) -> Col | None:
    for j in range(at + 1, min(at + 5, len(st.items))):
        it = st.items[j]
        if it.kind == "column" and st.free(j):
            cols = _columns(it)
            numeric = [c for c in cols if _col_kind(st, c) in ("number", "date")]
            if not numeric:
                continue
            st.take(j)
            return _choose(st, numeric, it)
        if it.kind in ("time", "number") or (it.kind == "kw" and it.category in ("group", "order", "cmp")):
            break
    word = st.items[at].text.lower()
    if use_default and subject and word in SIZE_WORDS and subject in st.defaults:
        col = Col(subject, st.defaults[subject])
        st.notes.append((word, f"'{word}' read as by {col.column}"))
        return col
    return None


def _counts_a_table(st: _State, superlative: int) -> bool:
    """'the most companies': a superlative directly over a table counts its rows."""
    nxt = st.at(superlative + 1)
    return bool(nxt and nxt.kind == "table")


def _entity_column(st: _State, before: int | None = None, near: int | None = None) -> Col | None:
    """The categorical column a superlative ranks: before it ('which sector has the most …')
    or right after it ('top 3 sectors by …')."""
    for i, it in enumerate(st.items[:before]):
        if near is not None and i > near and any(st.free(k) for k in range(near + 1, i)):
            return None
        if it.kind == "column" and st.free(i):
            cols = [c for c in _columns(it) if _col_kind(st, c) == "text"]
            if cols:
                st.take(i)
                return _choose(st, cols, it)
            return None
        if it.kind in ("value", "number") and st.free(i):
            return None
    return None


def _read_values(st: _State) -> None:
    by_col: dict[tuple[Col, bool], list[str]] = {}
    for i, it in enumerate(st.items):
        if it.kind != "value" or not st.free(i):
            continue
        target = _choose_value(st, it)
        col = Col(target.table, target.column)
        st.take(i)
        neg = st.is_kw(i - 1, "not") or (st.is_kw(i - 2, "not") and bool(st.at(i - 1)) and st.at(i - 1).kind == "value"
                                          and (i - 2) in st.used)
        if st.is_kw(i - 1, "not"):
            st.take(i - 1)
        by_col.setdefault((col, neg), []).append(target.value)
        # "the Technology sector": the column name next to its own value is context
        for j in (i + 1, i - 1):
            nb = st.at(j)
            if nb and nb.kind == "column" and st.free(j) and col in _columns(nb):
                st.take(j)
            elif nb and nb.kind == "table" and nb.targets[0].table == col.table and j not in st.used:
                st.take(j)
    for (col, neg), values in by_col.items():
        values = list(dict.fromkeys(values))
        if len(values) == 1:
            st.filters.append(Filter(col, "!=" if neg else "=", (values[0],)))
        else:
            st.filters.append(Filter(col, "not in" if neg else "in", tuple(values)))


def _choose_value(st: _State, item: Item) -> Target:
    targets = list(item.targets)
    columns = list(dict.fromkeys((t.table, t.column) for t in targets))
    if len(columns) > 1:
        st.notes.append((item.text, f"'{item.text}' read as {targets[0].column} = '{targets[0].value}'"))
    return targets[0]


def _choose(st: _State, cols: list[Col], item: Item) -> Col:
    """Pick one of several columns a phrase may mean, preferring tables in play."""
    if len(cols) == 1:
        return cols[0]
    involved = _involved_tables(st)
    for c in cols:
        if c.table in involved:
            return c
    st.notes.append((item.text, f"'{item.text}' read as {cols[0].table}.{cols[0].column}"))
    return cols[0]


def _involved_tables(st: _State) -> list[str]:
    tables: list[str] = []
    has_time = any(it.kind == "time" for it in st.items)
    for it in st.items:
        if it.kind == "table" or (it.kind == "column" and len({t.table for t in it.targets}) == 1):
            tables.append(it.targets[0].table)
    for f in st.filters:
        tables.append(f.col.table)
    if has_time:
        tables.extend(t.name for t in st.lex.catalog.tables if st.lex.date_columns(t.name))
    return list(dict.fromkeys(tables))


def _leftover_columns(st: _State) -> list[Col]:
    cols = []
    plural = []
    for i, it in enumerate(st.items):
        if it.kind == "column" and st.free(i):
            plural.append(_plural(it))
            cols.append(_choose(st, _columns(it), it))
            st.take(i)
    st.plural_projection = bool(plural) and all(plural)
    return cols


def _refuse_leftovers(st: _State) -> None:
    for i, it in enumerate(st.items):
        if st.free(i):
            if it.kind == "number":
                raise _Refuse(f"I could not tell what '{it.text}' refers to.", it.text)
            if it.kind == "kw" and it.category in ("not",):
                raise _Refuse(f"I could not tell what '{it.text}' negates.", it.text)
            if it.kind == "kw" and it.category in ("cmp", "agg", "bottom", "group", "order", "count"):
                raise _Refuse(f"I could not tell what '{it.text}' applies to.", it.text)


def _infer_subject(metric, group_col, order_col, projection, filters) -> str | None:
    for col in (metric.col if metric else None, order_col, *projection, group_col):
        if col is not None:
            return col.table
    for f in filters:
        return f.col.table
    return None


def _time_columns(st: _State, times: list[tuple[int, Item]]) -> dict[int, Col]:
    """'signed up in 2023': a date column named next to a time phrase is the one it filters."""
    found = {}
    for i, _ in times:
        for j in (i - 1, i + 1, i - 2):
            it = st.at(j)
            if it and it.kind == "column" and st.free(j):
                dates = [c for c in _columns(it) if _col_kind(st, c) == "date"]
                if dates:
                    found[i] = dates[0]
                    st.take(j)
                    break
    return found


def _time_filter(st: _State, item: Item, subject: str, bridges: list[str], metric, projection,
                 named: Col | None = None) -> Filter:
    if named is not None:
        rng = resolve(item.time, st.lex.date_anchor.get((named.table, named.column)))
        st.notes.append((item.text, rng.explanation + f" (on {named.table}.{named.column})"))
        return Filter(named, "range", (rng.start, rng.end), time=True)
    tables = [subject, *bridges]
    tables += [c.table for c in (metric.col if metric else None, *projection) if c is not None]
    tables += [f.col.table for f in st.filters]
    for table in dict.fromkeys(tables):
        dates = st.lex.date_columns(table)
        if dates:
            col = Col(table, dates[0])
            rng = resolve(item.time, st.lex.date_anchor.get((table, dates[0])))
            st.notes.append((item.text, rng.explanation + f" (on {table}.{dates[0]})"))
            return Filter(col, "range", (rng.start, rng.end), time=True)
    raise _Refuse(f"'{item.text}' is a time range, but none of the tables involved has a date column.", item.text)


def _localize_col(st: _State, col: Col, subject: str) -> Col:
    """A key column of another table that the subject also has (joined on it) is read locally."""
    if col.table == subject:
        return col
    table = st.lex.catalog.table(subject)
    if table and table.column(col.column):
        for r in st.lex.catalog.relationships:
            if {r.from_table, r.to_table} == {subject, col.table} and r.from_column == r.to_column == col.column:
                return Col(subject, col.column)
    return col


def _localize(st: _State, f: Filter, subject: str) -> Filter:
    col = _localize_col(st, f.col, subject)
    return f if col == f.col else Filter(col, f.op, f.values, f.time)
