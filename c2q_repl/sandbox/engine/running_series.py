"""'cumulative signups by month', 'new picks per month and the change vs the month before':
a count or total per period, with its running total or its change from the period before.

The words that ask for the running total or the change are taken out, the rest is answered
as usual ('signups by month'), and only an answer of one figure per period (a date bucket and
one aggregate, in date order) is wrapped: SUM(...) OVER (ORDER BY period) for the running
total, the figure minus LAG(figure) for the change (or that as a % of the period before).
Anything else the rest plans to keeps the question declined. Window functions run on SQLite
3.25+, MySQL 8 and TiDB alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp

from .parsed import select_of

_PERIODS = r"(?:month|week|year|quarter|day)"
_RUNNING = re.compile(
    r"\b(?:(?:the|a|with|and|plus|as)\s+)*(?:cumulative(?:ly)?|running\s+(?:total|sum|count)s?"
    r"(?:\s+of)?|cumulative\s+(?:total|sum|count)s?(?:\s+of)?)\b",
    re.I,
)
_CHANGE = re.compile(
    rf"(?:[,;]\s*)?\b(?:(?:and|with|plus|show|also)\s+)*(?:the\s+)?(?:how\s+much\s+it\s+)?"
    rf"(?P<pct>%\s*|percent(?:age)?\s+)?(?:change|chg|difference|diff|growth|moved?)\s+"
    rf"(?:vs\.?|versus|from|compared\s+(?:to|with)|over|on|against)\s+(?:the\s+)?"
    rf"(?:(?:previous|prior|last|preceding)\s+{_PERIODS}|{_PERIODS}\s+before)\b"
    rf"|(?:[,;]\s*)?\b(?:(?:and|with|plus)\s+)*(?:the\s+)?"
    rf"(?:{_PERIODS}[- ]over[- ]{_PERIODS}|mom|yoy|wow)\s*"
    rf"(?P<pct2>%\s*|percent(?:age)?\s+)?(?:change|chg|growth|difference)?\b",
    re.I,
)


@dataclass(frozen=True)
class SeriesAsked:
    rest: str  # the question without the words that asked for the running figure
    kind: str  # "running" | "change" | "pct_change"
    said: str


def series_asked(question: str) -> SeriesAsked | None:
    """The running total or change a question asks beside a figure per period, or None."""
    for pattern, kind in ((_RUNNING, "running"), (_CHANGE, "change")):
        m = pattern.search(question)
        if m is None:
            continue
        if kind == "change" and (m.groupdict().get("pct") or m.groupdict().get("pct2")):
            kind = "pct_change"
        rest = (question[: m.start()] + " " + question[m.end() :]).strip()
        rest = re.sub(r"\s+", " ", rest)
        rest = re.sub(r"\s+([?.!,])", r"\1", rest)
        rest = re.sub(r"^(?:and|with|plus)\b\s*|\s*\b(?:and|with|plus)\s*([?.!]*)$", r"\1", rest)
        if not rest.strip(" ?.!,"):
            return None
        said = re.sub(r"^(?:(?:and|with|plus|show|also|the|a|as)\s+)+", "", m.group(0).strip(" ,;"))
        return SeriesAsked(rest, kind, said)
    return None


def wrapped(sql: str, asked: SeriesAsked, dialect: str) -> str | None:
    """The per-period answer with its running total or change beside it, or None when the
    SQL is not one aggregate per date bucket."""
    tree = select_of(sql, dialect)
    if tree is None or tree.args.get("having") or tree.args.get("limit"):
        return None
    group = tree.args.get("group")
    if group is None or len(group.expressions) != 1 or len(tree.selects) != 2:
        return None
    bucket, figure = tree.selects
    if not isinstance(bucket, exp.Expression) or not _is_date_bucket(bucket):
        return None
    if figure.find(exp.AggFunc) is None:
        return None
    if not bucket.alias or not figure.alias:
        return None
    period, value = bucket.alias, figure.alias
    order = tree.args.get("order")
    if order is not None:
        keys = [o.this for o in order.expressions]
        if len(keys) != 1 or keys[0].sql() not in (period, bucket.this.sql(), bucket.sql()):
            return None
    inner = tree.sql(dialect=dialect)
    p, v = exp.to_identifier(period).sql(dialect=dialect), exp.to_identifier(value)
    v_sql = v.sql(dialect=dialect)
    if asked.kind == "running":
        name = exp.to_identifier(f"cumulative_{value}").sql(dialect=dialect)
        extra = f"SUM(t.{v_sql}) OVER (ORDER BY t.{p}) AS {name}"
    else:
        before = f"LAG(t.{v_sql}) OVER (ORDER BY t.{p})"
        if asked.kind == "pct_change":
            name = exp.to_identifier(f"percent_change_from_previous_{period}").sql(dialect=dialect)
            extra = f"(t.{v_sql} - {before}) * 100.0 / {before} AS {name}"
        else:
            name = exp.to_identifier(f"change_from_previous_{period}").sql(dialect=dialect)
            extra = f"t.{v_sql} - {before} AS {name}"
    return f"SELECT t.{p}, t.{v_sql}, {extra} FROM ({inner}) AS t ORDER BY t.{p}"


def _is_date_bucket(column: exp.Expression) -> bool:
    """A DATE_FORMAT / STRFTIME / YEAR(...) of a column: one row per period."""
    inner = column.this if isinstance(column, exp.Alias) else column
    return (
        isinstance(
            inner, (exp.TimeToStr, exp.Year, exp.Month, exp.Quarter, exp.Week, exp.Anonymous)
        )
        and bool(inner.find(exp.Column))
        and not isinstance(inner, exp.AggFunc)
        and (
            not isinstance(inner, exp.Anonymous)
            or inner.name.upper() in ("DATE_FORMAT", "STRFTIME", "YEARWEEK")
        )
    )
