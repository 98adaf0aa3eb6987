"""Canonical English for a QuerySpec: the clarified task, the description, a chart title."""

from __future__ import annotations

from .spec import Col, Filter, QuerySpec

_FUNC_WORD = {
    "SUM": "total",
    "AVG": "average",
    "MIN": "minimum",
    "MAX": "maximum",
    "COUNT": "number",
}


def _value(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return f"'{v}'" if isinstance(v, str) else f"{v:g}" if isinstance(v, float) else str(v)


def filter_text(f: Filter) -> str:
    name = f.col.column
    if f.op == "range":
        start, end = f.values
        if start and end:
            return f"{name} from {start} to before {end}"
        return f"{name} from {start} on" if start else f"{name} before {end}"
    if f.op in ("latest", "extreme"):
        word = {"max": "greatest", "both": "least or the greatest"}.get(f.values[-1], "least")
        per = f" per {f.values[0]}" if f.op == "latest" and f.values[0] else ""
        return f"{name} is the {word}{per}"
    if f.op == "any":
        return "(" + " or ".join(f"{c} = {_value(v)}" for c, v in f.values) + ")"
    if f.op == "null":
        return f"{name} is empty"
    if f.op == "absent":
        return f"no {f.values[0]} row has this {name}"
    if f.op == "present":
        return f"some {f.values[0]} row has this {name}"
    if f.op == "between":
        return f"{name} between {_value(f.values[0])} and {_value(f.values[1])}"
    if f.op in ("in", "not in"):
        joined = ", ".join(_value(v) for v in f.values)
        return f"{name} {'not ' if f.op == 'not in' else ''}in ({joined})"
    if f.op == "like":
        return f"{name} matches '{f.values[0]}'"
    if f.op in (">avg", "<avg"):
        return f"{name} {'above' if f.op == '>avg' else 'below'} the average {name}"
    if f.op in (">col", "<col"):
        return f"{name} {'above' if f.op == '>col' else 'below'} {f.values[0]}"
    return f"{name} {f.op} {_value(f.values[0])}"


def _where(spec: QuerySpec) -> str:
    if not spec.filters:
        return ""
    among = spec.metric is not None and spec.metric.func == "PCT"
    return f"{' among those where' if among else ' where'} " + " and ".join(
        filter_text(f) for f in spec.filters
    )


def _having(spec: QuerySpec) -> str:
    having_on = spec.having_on()
    if not spec.having or having_on is None:
        return ""
    name = _one_metric_text(having_on, spec).removeprefix("the ")
    return ", keeping groups where " + " and ".join(
        f"{name} {op} {_value(v)}" for op, v in spec.having
    )


def _groups_counted(spec: QuerySpec) -> str:
    """'sector values of companies, keeping groups where the number of companies > 50'."""
    per = spec.group_by.column if spec.group_by else spec.table
    return f"{per} values of {spec.table}{_where(spec)}{_having(spec)}"


def _metric_text(spec: QuerySpec) -> str:
    if spec.metric is None:
        return ""
    texts = [_one_metric_text(m, spec) for m in (spec.metric, *spec.extra_metrics)]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _one_metric_text(m, spec: QuerySpec) -> str:
    if m.func == "PCT":
        condition = " and ".join(filter_text(f) for f in spec.ratio_filters)
        if m.col is not None:
            return f"the percentage of the total {m.col.column} of {spec.table} with {condition}"
        return f"the percentage of {spec.table} with {condition}"
    if m.func == "COUNT":
        return (
            f"the number of distinct {m.col.column} values"
            if m.col
            else f"the number of {spec.table}"
        )
    return f"the {_FUNC_WORD[m.func]} {m.col.column if m.col else ''} of {spec.table}".replace(
        "  ", " "
    )


def _change_text(spec: QuerySpec) -> str:
    name = spec.metric.col.column if spec.metric and spec.metric.col else "value"
    kind = "percentage change" if spec.change == "pct" else "change"
    where = [f for f in spec.filters if f.op != "range"]
    period = next((f for f in spec.filters if f.op == "range"), None)
    text = f"The {kind} in {name} of {spec.table} from the first to the last day with data"
    if spec.group_by is not None:
        # 'which 5 stocks gained the most in 2023': one change per series, ranked
        first = "largest" if spec.descending else "smallest (most negative)"
        many = f"the top {spec.limit}" if spec.limit else "every one"
        text = (
            f"The {kind} in {name} of each {spec.group_by.column} from its first to its last "
            f"day with data, {many} ranked {first} first"
        )
    if period is not None:
        text += f" from {period.values[0]} to before {period.values[1]}"
    if where:
        text += " where " + " and ".join(filter_text(f) for f in where)
    return text


def clarified_task(spec: QuerySpec) -> str:
    if spec.change:
        return _change_text(spec)
    if spec.count_groups:
        return "Count the " + _groups_counted(spec)
    if spec.shape == "count" and not spec.extra_metrics:
        counted = spec.metric.col if spec.metric else None
        text = (
            f"Count {spec.table}"
            if counted is None
            else f"Count distinct {counted.column} in {spec.table}"
        )
        return text + _where(spec)
    if spec.shape == "aggregate" or spec.extra_metrics:
        text = _metric_text(spec)
        text = text[0].upper() + text[1:]
        if spec.group_by is not None:
            text += (
                f" per {spec.bucket} of {spec.group_by.column}"
                if spec.bucket
                else f" per {spec.group_by.column}"
            )
        text += _where(spec) + _having(spec)
        if spec.order_metric:
            direction = "highest" if spec.descending else "lowest"
            if spec.ties and spec.limit == 1:
                text += f", the {direction} (ties included)"
            else:
                text += f", the {spec.limit} {direction}" if spec.limit else f", {direction} first"
        return text
    if spec.distinct:
        text = (
            "List the distinct " + ", ".join(c.column for c in spec.columns) + f" of {spec.table}"
        )
    elif spec.order_by is not None and spec.limit:
        word = "highest" if spec.descending else "lowest"
        text = f"List the {spec.limit} {spec.table} with the {word} {spec.order_by.column}"
        if spec.per_group is not None:
            text += f" in each {spec.per_group.column}"
    else:
        text = f"List {spec.table}"
        if spec.columns:
            text += " with their " + ", ".join(c.column for c in spec.columns)
    text += _where(spec)
    if spec.order_by is not None and not spec.limit:
        text += f", ordered by {spec.order_by.column} {'descending' if spec.descending else 'ascending'}"
    elif spec.limit and spec.order_by is None:
        text += f" (first {spec.limit})"
    return text


def describe_result(spec: QuerySpec, columns: tuple[str, ...]) -> str:
    """What the answer shows, in one sentence."""
    if spec.change and spec.group_by is not None:
        return "Rows (" + ", ".join(columns) + "): " + _change_text(spec) + "."
    if spec.change:
        return "One row (" + ", ".join(columns) + "): " + _change_text(spec) + "."

    if spec.count_groups:
        return f"The result is a single value: the number of {_groups_counted(spec)}."
    if spec.shape in ("count", "aggregate") and spec.group_by is None:
        what = "one row" if spec.extra_metrics else "a single value"
        return f"The result is {what}: {_metric_text(spec)}{_where(spec)}."
    if spec.shape == "aggregate":
        per = spec.bucket or (spec.group_by.column if spec.group_by else spec.table)
        return f"One row per {per} with {_metric_text(spec)}{_where(spec)}{_having(spec)}."
    per = f", at most {spec.limit} per {spec.per_group.column}" if spec.per_group else ""
    return f"Rows of {spec.table} showing {', '.join(columns)}{_where(spec)}{per}."


def outside_the_data(spec: QuerySpec, lex) -> str:
    """'The data covers D1 to D2': said when a time range asked for lies wholly outside the
    dates stored, so an empty result is not mistaken for 'nothing happened'."""
    for f in spec.filters:
        if f.op != "range":
            continue
        key = (f.col.table, f.col.column)
        first, last = lex.date_first.get(key), lex.date_anchor.get(key)
        if not first or not last:
            continue
        start, end = f.values
        if (end and end <= first) or (start and start > last):
            return (
                f"The data covers {first} to {last} ({f.col.table}.{f.col.column}); the "
                f"period asked for is outside it, so no stored rows fall in it."
            )
    return ""


def title(spec: QuerySpec) -> str:
    text = clarified_task(spec)
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def col_label(col: Col | None) -> str:
    return col.column if col else ""
