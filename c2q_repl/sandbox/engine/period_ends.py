"""'NFLX month-end closes for 2023', 'the S&P 500 at the end of each year', 'AAPL's close on the
last trading day of each quarter of 2023': a series' rows on the last day with data of each
calendar period. Read as the question without those words ('NFLX closes for 2023'), then kept to
the rows whose date is the greatest of their period (sqlbuild's 'latest' condition, grouped by
the period's bucket)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = r"(?P<unit>month|year|quarter|qtr)"
_VALUES = r"(?:close|closes|closing\s+(?:price|level|value)s?|levels?|prices?|values?)"
# 'month-end closes', 'year end levels', 'quarter-end close'
_UNIT_END = re.compile(rf"\b{_UNIT}[- ]?end(?:ing)?\s+(?={_VALUES}\b)", re.I)
# 'at the end of each month', 'on the last trading day of every year', 'each month-end'
_EACH_END = re.compile(
    rf"\s*,?\s*(?:(?:at|on)\s+(?:the\s+)?(?:end|last\s+(?:trading\s+)?day)\s+of\s+(?:each|every)\s+"
    rf"|(?:at\s+)?(?:each|every)\s+(?=(?:month|year|quarter|qtr)[- ]end\b)){_UNIT}(?:[- ]end)?\b",
    re.I,
)


@dataclass(frozen=True)
class PeriodEnds:
    question: str  # the question without the period-end words
    bucket: str  # 'month', 'quarter' or 'year'
    said: str  # the words read


def period_ends(question: str) -> PeriodEnds | None:
    """The question read without its period-end words, or None when it has none."""
    for pattern in (_UNIT_END, _EACH_END):
        m = pattern.search(question)
        if m is not None:
            unit = m.group("unit").lower()
            rest = " ".join((question[: m.start()] + " " + question[m.end() :]).split())
            return PeriodEnds(rest, "quarter" if unit == "qtr" else unit, m.group(0).strip(" ,"))
    return None
