"""'which stock got picked the most that month' after the picks of May 2023: 'that month' is
the one period the previous answer was about, said again in words the reader knows ('in May
2023'), so the question reads as a question of its own about that period.

Only a period of the unit said is substituted (a month for 'that month', a year for 'that
year'; 'the same quarter in 2023' is that quarter of 2023); anything else is left for the
follow-up readers, which decline what they cannot place.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .spec import QuerySpec

_THAT_PERIOD = re.compile(
    r"\b(?:(?:in|during|for|over|on)\s+)?(?:that\s+same|the\s+same|that|this|same)\s+"
    r"(?P<unit>month|year|quarter|day|date|period|stretch|window|span|time\s*frame)\b(?!\s+as\b)"
    r"(?:\s+(?:in|of)\s+(?P<year>(?:19|20)\d\d)\b)?(?!\s+(?:of|in)\b)",
    re.I,
)


def that_period(question: str, prev: QuerySpec) -> tuple[str, tuple[str, str]] | None:
    """(the question with the previous answer's period in place of 'that month', what was
    read), or None when it says no such period or the previous answer had no one period."""
    said = _THAT_PERIOD.search(question)
    if said is None:
        return None
    spans = [f for f in prev.filters if f.time and f.op == "range" and len(f.values) == 2]
    if len(spans) != 1 or not all(isinstance(v, str) for v in spans[0].values):
        return None
    try:
        start, end = (date.fromisoformat(v[:10]) for v in spans[0].values)
    except ValueError:
        return None
    unit = said.group("unit").lower()
    if unit not in ("month", "year", "quarter", "day", "date"):
        unit = "period"  # 'over the same stretch': the previous answer's span
    words = _in_words(start, end, unit)
    if words is None:
        return None
    if said.group("year"):
        # 'and the same quarter in 2023?' after Q4 2022: Q4 2023 (a month or quarter only)
        if said.group("unit").lower() not in ("month", "quarter") or not words.startswith("in "):
            return None
        words = words.rsplit(" ", 1)[0] + " " + said.group("year")
    text = question[: said.start()] + words + question[said.end() :]
    return text, (said.group(0), words)


def _in_words(start: date, end: date, unit: str) -> str | None:
    """'in May 2023', 'in 2023', 'in Q4 2023', 'on 2023-05-03': the span [start, end) as said,
    when it is one period of the unit asked for ('period' takes any)."""
    last = end - timedelta(days=1)
    if end - start == timedelta(days=1) and unit in ("day", "date", "period"):
        return f"on {start.isoformat()}"
    if start.day != 1 or end.day != 1:
        return f"from {start.isoformat()} to {last.isoformat()}" if unit == "period" else None
    months = (end.year - start.year) * 12 + end.month - start.month
    if months == 1 and unit in ("month", "period"):
        return f"in {calendar.month_name[start.month]} {start.year}"
    if months == 3 and start.month % 3 == 1 and unit in ("quarter", "period"):
        return f"in Q{(start.month - 1) // 3 + 1} {start.year}"
    if months == 12 and start.month == 1 and unit in ("year", "period"):
        return f"in {start.year}"
    return None
