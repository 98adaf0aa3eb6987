"""'% change between the two' after 'S&P 500 level at the end of 2022' → 'and at the end of
2023?': the change of one series from the day of one answer to the day of the other, asked
as the change over that stretch (change.py's shape: the value on the last day minus the
first). Only when both answers are the same measure of the same one named series, each on
one day; anything else is declined by the caller's usual paths."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from c2q_repl.sandbox.contracts import Catalog, PriorRound

from .spec import Filter, Metric, QuerySpec, one_day

_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+two|those\s+two|these\s+two|them|those|these|both)"
    r"(?:\s+(?:days|dates|values|numbers|levels|prices|closes|readings))?\b",
    re.I,
)
_PERCENT = re.compile(r"%|\bper\s?cent(?:age)?\b|\bpct\b", re.I)
_CHANGE = re.compile(
    r"\b(?:change[ds]?|difference|diff|gap|move[ds]?|gain(?:ed)?|drop(?:ped)?|fall|fell|rise|rose|"
    r"grow|grew|go\s+up|went\s+up)\b",
    re.I,
)
# 'what was the % change for each …': several series, one change each (not this shape)
_EACH = re.compile(r"\b(?:each|every|both\s+of)\b", re.I)


@dataclass(frozen=True)
class Between:
    spec: QuerySpec
    note: tuple[str, str]


def change_between_answers(
    question: str,
    earlier: PriorRound,
    later: PriorRound,
    catalog: Catalog,
    run: Callable[[str], tuple[list[str], list[list]]],
) -> Between | None:
    """The change spec for 'what's the % change between the two', or None when the question
    is not that or the two answers are not one series on two days. ``run`` executes an
    earlier answer's SQL (to read the day a 'last trading day of 2022' fell on)."""
    if _BETWEEN.search(question) is None or _EACH.search(question):
        return None
    percent = bool(_PERCENT.search(question))
    if not percent and _CHANGE.search(question) is None:
        return None
    first, second = _spec(earlier), _spec(later)
    if first is None or second is None or not _same_series(first, second):
        return None
    day_a, day_b = _day(first, earlier.sql, run), _day(second, later.sql, run)
    if day_a is None or day_b is None or day_a == day_b:
        return None
    start, end = min(day_a, day_b), max(day_a, day_b)
    when = next(f for f in first.filters if f.op == "range")
    history = catalog.table(when.col.table)
    if history is None or when.col.column not in history.primary_key:
        return None
    period = Filter(
        when.col, "range", (start.isoformat(), (end + timedelta(days=1)).isoformat()), time=True
    )
    kept = tuple(f for f in first.filters if not f.time and f.op != "latest")
    spec = QuerySpec(
        "aggregate",
        when.col.table,
        metric=Metric("MAX", first.columns[0]),
        filters=(*kept, period),
        also_join=first.also_join,
        change="pct" if percent else "abs",
    )
    measure = first.columns[0].column
    note = (
        "between the two",
        f"the {measure} on {end.isoformat()} minus on {start.isoformat()} (the days of the two "
        "previous answers)" + (", as a percentage of the first" if percent else ""),
    )
    return Between(spec, note)


def _spec(round_: PriorRound) -> QuerySpec | None:
    data = (round_.state or {}).get("spec")
    return QuerySpec.from_json(data) if data and round_.sql else None


def _same_series(a: QuerySpec, b: QuerySpec) -> bool:
    """One measure of one named series in both ('S&P 500' price), only the day differs."""
    if a.shape != "list" or b.shape != "list" or a.table != b.table:
        return False
    if len(a.columns) != 1 or a.columns != b.columns or a.limit or b.limit:
        return False
    named_a = tuple(f for f in a.filters if not f.time and f.op != "latest")
    named_b = tuple(f for f in b.filters if not f.time and f.op != "latest")
    if named_a != named_b or len(named_a) != 1:
        return False
    only = named_a[0]
    return only.op == "=" and len(only.values) == 1


def _day(
    spec: QuerySpec, sql: str, run: Callable[[str], tuple[list[str], list[list]]]
) -> date | None:
    """The one day an answer was about: its one-day condition, or the day its 'last trading
    day of 2022' fell on (read from the answer's own rows)."""
    ranges = [f for f in spec.filters if f.op == "range" and f.time]
    if len(ranges) != 1:
        return None
    edge = any(f.op == "latest" for f in spec.filters)
    if not edge:
        return date.fromisoformat(str(ranges[0].values[0])[:10]) if one_day(ranges[0]) else None
    try:
        columns, rows = run(sql)
    except Exception:  # noqa: BLE001 - an answer that no longer runs names no day
        return None
    column = ranges[0].col.column
    if column not in columns:
        return None
    days = {str(row[columns.index(column)])[:10] for row in rows}
    if len(days) != 1:
        return None
    try:
        return date.fromisoformat(days.pop())
    except ValueError:
        return None
