"""'Worst 10 S&P names in September 2022, Aug 31 close to Sep 30 close', 'S&P 500 return for
calendar 2022, last 2021 close to last 2022 close': a change measured between two closes the
question names, written as the ISO days change_wording.py reads ('from 2022-08-31 close to
2022-09-30 close').

A day said without its year takes the year of the period named beside it (a December day
before a later month belongs to the year before); 'the last 2021 close' is the data's last
trading day of 2021, found in the database. The period named beside the two closes says no
more than they do and is dropped (read together they would be two periods). Pure text in,
text out; the one lookup is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|last\s+(?:19|20)\d\d)"
_CLOSES = re.compile(
    rf"(?P<period>(?:\s*,?\s*(?:in|for|during|over)\s+(?:calendar\s+|the\s+)?[^,]*?(?:19|20)\d\d)?)"
    rf"\s*[,:;(]?\s*(?:from\s+)?(?:the\s+)?(?P<d1>{_DAY})\s+clos(?:e|ing\s+price)\s*"
    rf"(?:to|->|→|=>|until|till|through|thru|vs\.?)\s*(?:the\s+)?(?P<d2>{_DAY})\s+"
    r"clos(?:e|ing\s+price)\b\)?",
    re.I,
)
_RETURN = re.compile(r"(?<!%)(?<!%\s)(?<!percent\s)(?<!pct\s)\breturns?\b", re.I)
# 'Worst 10 S&P names', 'best 5 stocks': the period's worst or best performers
_WORST_N = re.compile(
    r"\b(?P<way>worst|best)\s+(?P<n>\d+)\s+(?:s&p(?:\s*500)?\s+)?"
    r"(?:stocks|names|tickers|companies|performers)\b",
    re.I,
)


def close_dates(question: str, last_day_of: Callable[[int], str | None]) -> str:
    """The question with its two named closes as ISO days, or the question as it was."""
    m = _CLOSES.search(question)
    if m is None:
        return question
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", m.group("period") or "")]
    said = [_day(m.group(k), None) for k in ("d1", "d2")]
    known = [d[0] for d in said if d is not None and d[0] is not None]
    year = years[-1] if years else (known[-1] if known else None)
    days: list[str] = []
    for index, key in enumerate(("d1", "d2")):
        text = m.group(key)
        last = re.match(r"last\s+((?:19|20)\d\d)", text, re.I)
        if last:
            found = last_day_of(int(last.group(1)))
            if found is None:
                return question
            days.append(found)
            continue
        parsed = _day(text, year)
        if parsed is None or parsed[0] is None:
            return question
        y, month, day = parsed
        if index == 0 and year is not None and _said_year(text) is None:
            other = _day(m.group("d2"), year)
            if other is not None and other[1] < month:
                y = year - 1  # 'Dec 30 close to Mar 31 close' in Q1 2023: the December before
        days.append(f"{y:04d}-{month:02d}-{day:02d}")
    rewritten = f" from {days[0]} close to {days[1]} close"
    # 'S&P 500 return for calendar 2022, …': a return between two closes is its percent change
    head = _RETURN.sub("percent change", question[: m.start()])
    text = head + rewritten + question[m.end() :]
    return _WORST_N.sub(
        lambda w: f"{w.group('n')} {w.group('way').lower()} performing stocks", text
    ).strip()


def _said_year(text: str) -> int | None:
    found = re.search(r"\b((?:19|20)\d\d)\b", text)
    return int(found.group(1)) if found else None


def _day(text: str, year: int | None) -> tuple[int | None, int, int] | None:
    m = re.match(r"([a-z]+)\.?\s+(\d{1,2})", text, re.I)
    if m is None:
        return None
    month = _MONTHS.get(m.group(1).lower()[:3])
    if month is None:
        return None
    said = _said_year(text)
    return (said if said is not None else year), month, int(m.group(2))
