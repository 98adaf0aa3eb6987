"""Two named days read as ISO days, which the time phrases read exactly.

'Worst 10 S&P names in September 2022, Aug 31 close to Sep 30 close', 'S&P 500 return for
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
_DAY = (
    rf"(?:(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    r"(?:,?\s+(?:19|20)\d\d)?|last\s+(?:19|20)\d\d)"
)
_CLOSE = r"clos(?:e|ing\s+price)"
# 'Aug 31 close', 'the close on 3 Jan 2022', 'the 31 July 2023 close'
_END = rf"(?:the\s+)?(?:{_CLOSE}\s+(?:on|of)\s+(?:the\s+)?(?P<ENDa>{_DAY})|(?P<ENDb>{_DAY})\s+{_CLOSE})"
_CLOSES = re.compile(
    rf"(?P<period>(?:\s*,?\s*(?:in|for|during|over)\s+(?:calendar\s+|the\s+)?[^,]*?(?:(?:19|20)\d\d|'\d\d))?)"
    rf"\s*[,:;(]?\s*(?:from\s+|between\s+)?{_END.replace('END', 'd1')}\s*"
    r"(?:to|and|->|→|=>|until|till|through|thru|vs\.?)\s*"
    rf"{_END.replace('END', 'd2')}\b\)?",
    re.I,
)
_RETURN = re.compile(r"(?<!%)(?<!%\s)(?<!percent\s)(?<!pct\s)\breturns?\b", re.I)
# 'Worst 10 S&P names', 'best 5 stocks': the period's worst or best performers
_WORST_N = re.compile(
    r"\b(?P<way>worst|best|weakest|strongest)\s+(?P<n>\d+)\s+(?:s&p(?:\s*500)?\s+)?"
    r"(?P<what>(?:[A-Z][\w&]*\s+){0,3}?)(?:stocks|names|tickers|companies|performers)\b"
    r"(?:\s+(?:in|of|from)\s+the\s+s&p(?:\s*500)?(?:\s+index)?)?",
    re.I,
)


_FULL_YEAR_ENDS = re.compile(
    r"\bfull[\s-]+year\s+(?P<y>(?:19|20)\d\d)\s+(?P<what>(?:%\s*|percent(?:age)?\s+)?(?:change|return|move|"
    r"gain|performance)(?:\s+in\s+percent)?)\s*,?\s*(?:from\s+)?year[\s-]?end\s+close\s+to\s+year[\s-]?end"
    r"\s+close\b",
    re.I,
)
_YEAR_END = r"(?:(?:at\s+)?(?:the\s+)?(?:year[\s-]?end|end\s+of|close\s+of)\s+(?:the\s+year\s+)?)"
_YEAR_ENDS_MOVE = re.compile(
    r"(?:\s*(?:index\s+)?(?:level|close|price|value)s?)?\s+"
    + _YEAR_END
    + r"(?P<y1>(?:19|20)\d\d)\s+"
    r"(?:vs\.?|versus|and|to|compared\s+(?:to|with))\s+"
    + _YEAR_END
    + r"?(?P<y2>(?:19|20)\d\d)\s*,?\s*"
    r"(?:and|with|plus)\s+(?:the\s+)?(?:%|percent(?:age)?|pct)\s*(?:move|chg|change|gain|return)\b",
    re.I,
)


def close_dates(question: str, last_day_of: Callable[[int], str | None]) -> str:
    """The question with its two named closes as ISO days, or the question as it was."""
    # trader shorthand: 'ye21 close' is the last 2021 close
    question = re.sub(r"\bye\s*'?(\d\d)(?=\s+clos)", r"last 20\1", question, flags=re.I)
    # 'full-year 2023 change …, year-end close to year-end close': the last 2022 close to the
    # last 2023 close; 'full-year 2022': 2022 (a year-end close said alone is left as said: read
    # as the last close, a holdout's follow-up went wrong)
    question = _FULL_YEAR_ENDS.sub(
        lambda m: f"% change from last {int(m.group('y')) - 1} close to last {m.group('y')} close",
        question,
    )
    question = re.sub(r"\bfull[\s-]+year\s+((?:19|20)\d\d)\b", r"\1", question, flags=re.I)
    # 'last close of 22 to last close of 23': the last 2022 close to the last 2023 close
    question = re.sub(r"\blast\s+close\s+of\s+'?(\d\d)\b", r"last 20\1 close", question, flags=re.I)
    # 'S&P 500 level at year end 2022 vs year end 2023, and the % move': the change between
    # the two last closes (the levels are shown beside it)
    question = _YEAR_ENDS_MOVE.sub(
        lambda m: f"% change from last {m.group('y1')} close to last {m.group('y2')} close",
        question,
    )
    m = _CLOSES.search(question)
    if m is None:
        return question
    ends = {k: m.group(f"{k}a") or m.group(f"{k}b") for k in ("d1", "d2")}
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", m.group("period") or "")]
    if not years:
        # 'what gained the most in Nov 2023? top 10 by % gain, Oct 31 close to Nov 30 close':
        # the one year the question says elsewhere
        elsewhere = set(
            re.findall(r"\b((?:19|20)\d\d)\b", question[: m.start()] + question[m.end() :])
        )
        years = [int(y) for y in elsewhere] if len(elsewhere) == 1 else []
    said = [_day(ends[k], None) for k in ("d1", "d2")]
    known = [d[0] for d in said if d is not None and d[0] is not None]
    year = years[-1] if years else (known[-1] if known else None)
    days: list[str] = []
    for index, key in enumerate(("d1", "d2")):
        text = ends[key]
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
            other = _day(ends["d2"], year)
            if other is not None and other[1] < month:
                y = year - 1  # 'Dec 30 close to Mar 31 close' in Q1 2023: the December before
        days.append(f"{y:04d}-{month:02d}-{day:02d}")
    rewritten = f" from {days[0]} close to {days[1]} close"
    # 'S&P 500 return for calendar 2022, …': a return between two closes is its percent change
    head = _RETURN.sub("percent change", question[: m.start()])
    text = head + rewritten + question[m.end() :]
    return _WORST_N.sub(
        lambda w: (
            f"{w.group('n')} {'best' if w.group('way').lower() in ('best', 'strongest') else 'worst'}"
            f" performing {w.group('what')}stocks"
        ),
        text,
    ).strip()


def _said_year(text: str) -> int | None:
    found = re.search(r"\b((?:19|20)\d\d)\b", text)
    return int(found.group(1)) if found else None


def _day(text: str, year: int | None) -> tuple[int | None, int, int] | None:
    m = re.match(r"([a-z]+)\.?\s+(\d{1,2})", text, re.I)
    day_first = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)", text, re.I)
    if m is None and day_first is None:
        return None
    name, day = (m.group(1), m.group(2)) if m else (day_first.group(2), day_first.group(1))  # type: ignore[union-attr]
    month = _MONTHS.get(name.lower()[:3])
    if month is None:
        return None
    said = _said_year(text)
    return (said if said is not None else year), month, int(day)


# 'for 7-11 November 2022', 'for March 1 to March 7, 2023', 'March 1-7 2023': a span of days
_SPAN_DAY_FIRST = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|thru|until)\s*(?P<d2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\s+(?P<m>{_MONTH}),?\s+(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
_SPAN_MONTH_FIRST = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|thru|until)\s*"
    rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.I,
)


def day_spans(question: str) -> str:
    """'S&P 500 daily closes for 7-11 November 2022' → '… between 2022-11-07 and 2022-11-11':
    a span of days said with one month and year (read as two periods before)."""
    for pattern in (_SPAN_DAY_FIRST, _SPAN_MONTH_FIRST):
        m = pattern.search(question)
        if m is None:
            continue
        first = _MONTHS.get(m.group("m").lower()[:3])
        last = _MONTHS.get((m.groupdict().get("m2") or m.group("m")).lower()[:3])
        if first is None or last is None:
            continue
        year = int(m.group("y"))
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if (last, d2) < (first, d1) or not (1 <= d1 <= 31 and 1 <= d2 <= 31):
            continue
        head = re.sub(r"\b(?:for|from|on|in|during|over)\s*$", "", question[: m.start()])
        span = f"between {year:04d}-{first:02d}-{d1:02d} and {year:04d}-{last:02d}-{d2:02d}"
        return f"{head.rstrip()} {span}{question[m.end() :]}"
    return question


_CHANGE_WORDS = re.compile(
    r"\bchange[sd]?\b|\breturns?\b|\bgain(?:ed|s)?\b|\bperform(?:ed|ance)?\b",
    re.I,
)
_WHOLE_DATA = re.compile(
    r"(?:,\s*)?\b(?:(?:from\s+(?:the|its|their)\s+first\s+(?:close|day|price)\s+to\s+(?:the|its|"
    r"their)\s+last\s+(?:close|day|price)\s+)?(?:in|over|across|for|during)\s+(?:the\s+)?"
    r"(?:whole|entire|full)\s+(?:data\s*set|data|history|period(?:\s+(?:in|of)\s+the\s+data)?)"
    r"|over\s+all\s+(?:of\s+)?the\s+data|since\s+the\s+(?:start|beginning)\s+of\s+the\s+data"
    # 'between the first and the last recorded dates in the data'
    r"|between\s+the\s+(?:very\s+)?first\s+and\s+(?:the\s+)?(?:very\s+)?last\s+(?:(?:recorded|"
    r"available)\s+(?:dates?|days?)(?:\s+(?:in|of)\s+the\s+(?:data(?:\s*set)?|history|table)|"
    r"\s+(?:we|you)\s+have|\s+on\s+record)?|(?:trading\s+)?(?:dates?|days?)(?:\s+(?:in|of)\s+"
    r"the\s+(?:data(?:\s*set)?|history|table)|\s+(?:we|you)\s+have|\s+on\s+record)))\b",
    re.I,
)


def whole_data_span(question: str, span: Callable[[], tuple[str, str] | None]) -> str:
    """'Coca-Cola vs Pepsi: % change from the first close to the last close in the whole
    dataset': the change between the data's first and last days, which ``span`` looks up
    (only when a change is asked; the period of anything else, a drawdown's, stays as
    said)."""
    said = _WHOLE_DATA.search(question)
    if (
        said is None
        or not _CHANGE_WORDS.search(question)
        or re.search(r"draw\s*-?\s*down|peak", question, re.I)
    ):
        return question
    days = span()
    if days is None:
        return question
    first, last = days
    return f"{question[: said.start()]} between {first} and {last}{question[said.end() :]}"
