"""Time expressions: recognise them in tokens, resolve them to date ranges.

Recognition is pure; resolution needs the anchor ("today"), which for a
historical demo database is the latest date present in the data.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .normalize import Token
from .refuse import Refuse

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS.pop("may", None)
MONTHS["may"] = 5
MONTHS["sept"] = 9  # a common abbreviation besides the calendar's "sep"
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "quarter": "quarter",
    "quarters": "quarter",
}
_RECENT_DAYS = 31  # a day said without its year is read only within the data's last month
_LEADING = {"in", "during", "for", "of", "within", "throughout", "through", "thru", "over", "from"}


@dataclass(frozen=True)
class TimeSpec:
    """A parsed time phrase, before anchoring. Dates are ISO strings."""

    kind: str  # "range" | "since" | "after" | "before" | "on" | "last" | "this" | "previous"
    # | "yearless" (start is "MM-DD": a day said without its year)
    start: str = ""
    end: str = ""  # exclusive for "range"
    count: int = 0
    unit: str = ""
    text: str = ""

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _year(tok: Token) -> int | None:
    if (
        tok.kind == "number"
        and tok.number is not None
        and not tok.percent
        and not tok.money
        and tok.text.isdigit()
        and 1800 <= tok.number <= 2100
    ):
        return int(tok.number)
    return None


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _point(tokens: list[Token], i: int) -> tuple[dt.date, dt.date, int] | None:
    """A date-ish at i: ISO date, 'YYYY-MM', 'Month YYYY', 'YYYY', 'Qn YYYY'.
    Returns (start, end exclusive, tokens used)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.kind == "date":
        try:
            d = dt.date.fromisoformat("-".join(p.zfill(2) for p in tok.text.split("-")))
        except ValueError:
            return None
        return d, d + dt.timedelta(days=1), 1
    if tok.kind == "month":
        y, m = (int(p) for p in tok.text.split("-"))
        if 1 <= m <= 12:
            return _month_start(y, m), _add_months(_month_start(y, m), 1), 1
    day = _day_month_year(tokens, i)
    if day is not None:
        return day
    if tok.lower in MONTHS and i + 1 < len(tokens) and _year(tokens[i + 1]):
        start = _month_start(_year(tokens[i + 1]), MONTHS[tok.lower])  # type: ignore[arg-type]
        return start, _add_months(start, 1), 2
    if (
        tok.lower in MONTHS
        and i + 2 < len(tokens)
        and tokens[i + 1].lower == "of"
        and _year(tokens[i + 2])
    ):
        # 'march of 2023'
        start = _month_start(_year(tokens[i + 2]), MONTHS[tok.lower])  # type: ignore[arg-type]
        return start, _add_months(start, 1), 3
    if tok.lower in ("q1", "q2", "q3", "q4") and i + 1 < len(tokens) and _year(tokens[i + 1]):
        start = _month_start(_year(tokens[i + 1]), 3 * int(tok.lower[1]) - 2)  # type: ignore[arg-type]
        return start, _add_months(start, 3), 2
    year = _year(tok)
    if year:
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1), 1
    return None


def _day(tok: Token) -> int | None:
    if tok.kind == "number" and tok.number is not None and tok.text.isdigit():
        return int(tok.number) if 1 <= tok.number <= 31 else None
    return None


def _day_month_year(tokens: list[Token], i: int) -> tuple[dt.date, dt.date, int] | None:
    """'Dec 29, 2023', 'December 29th 2023', '3 March 2023', '3rd of March, 2023'."""
    k = i

    def skip(k: int, *words: str) -> int:
        while k < len(tokens) and (tokens[k].lower in words or tokens[k].text == ","):
            k += 1
        return k

    if tokens[k].lower in MONTHS and k + 1 < len(tokens) and _day(tokens[k + 1]):
        month, day = MONTHS[tokens[k].lower], _day(tokens[k + 1])
        k = skip(k + 2, "st", "nd", "rd", "th")
    elif _day(tokens[k]):
        day = _day(tokens[k])
        k = skip(k + 1, "st", "nd", "rd", "th", "of")
        if k >= len(tokens) or tokens[k].lower not in MONTHS:
            return None
        month = MONTHS[tokens[k].lower]
        k = skip(k + 1)
    else:
        return None
    if k >= len(tokens) or not _year(tokens[k]):
        return None
    try:
        d = dt.date(_year(tokens[k]), month, day)  # type: ignore[arg-type]
    except ValueError:
        return None
    return d, d + dt.timedelta(days=1), k + 1 - i


def _yearless_day(tokens: list[Token], i: int) -> tuple[int, int, int] | None:
    """'Dec 29', 'December 29th', '29 December' with no year after it: (month, day, tokens
    used). None when a year follows (a full date) or the day cannot be in that month."""
    if i >= len(tokens):
        return None
    k = i
    if tokens[k].lower in MONTHS and k + 1 < len(tokens) and _day(tokens[k + 1]):
        month, day = MONTHS[tokens[k].lower], _day(tokens[k + 1])
        k += 2
        if k < len(tokens) and tokens[k].lower in ("st", "nd", "rd", "th"):
            k += 1
    elif _day(tokens[k]) and k + 1 < len(tokens):
        day = _day(tokens[k])
        k += 1
        if k < len(tokens) and tokens[k].lower in ("st", "nd", "rd", "th", "of"):
            k += 1
        if k >= len(tokens) or tokens[k].lower not in MONTHS:
            return None
        month = MONTHS[tokens[k].lower]
        k += 1
    else:
        return None
    after = k + 1 if k < len(tokens) and tokens[k].text == "," else k
    if after < len(tokens) and (_year(tokens[after]) or tokens[after].lower == "of"):
        return None
    if month is None or day is None or day > calendar.monthrange(2024, month)[1]:
        return None
    return month, day, k - i


def _text(tokens: list[Token], i: int, n: int) -> str:
    return " ".join(t.text for t in tokens[i : i + n])


def _week_of(tokens: list[Token], i: int, at) -> tuple[TimeSpec, int] | None:
    """'the first week of 2023', 'the last week of October': its first (last) seven calendar
    days, as people count them."""
    j = i + (1 if at(i) in ("in", "for", "during", "over", "from") else 0)
    j += 1 if at(j) == "the" else 0
    if at(j) not in ("first", "1st", "last", "final") or at(j + 1) != "week" or at(j + 2) != "of":
        return None
    p = _point(tokens, j + 3)
    if p is None or (p[1] - p[0]).days < 28:
        return None
    week = dt.timedelta(days=7)
    start, end = (p[0], p[0] + week) if at(j) in ("first", "1st") else (p[1] - week, p[1])
    used = j + 3 + p[2] - i
    return TimeSpec("range", start.isoformat(), end.isoformat(), text=_text(tokens, i, used)), used


def parse_time(tokens: list[Token], i: int) -> tuple[TimeSpec, int] | None:
    """Recognise a time phrase starting at token i; returns (spec, tokens used)."""
    low = [t.lower for t in tokens]
    n = len(tokens)

    def at(k: int) -> str:
        return low[k] if k < n else ""

    # between A and B / from A to B
    if at(i) in ("between", "from"):
        a = _point(tokens, i + 1)
        if a and at(i + 1 + a[2]) in ("and", "to", "through", "until", "till"):
            b = _point(tokens, i + 2 + a[2])
            if b:
                used = 2 + a[2] + b[2]
                return TimeSpec(
                    "range", a[0].isoformat(), b[1].isoformat(), text=_text(tokens, i, used)
                ), used
    if at(i) in ("since", "after", "from", "starting") or (
        at(i) == "on" and at(i + 1) in ("or", "and")
    ):
        skip = 1
        if at(i) == "starting" and at(i + 1) in ("from", "in", "on"):
            skip = 2
        if at(i) == "on" and at(i + 2) == "after":
            skip = 3
        p = _point(tokens, i + skip)
        onward = p is not None and at(i + skip + p[2]) in ("on", "onward", "onwards", "forward")
        if p and at(i) == "from" and (p[1] - p[0]).days > 1 and not onward:
            # 'records from 2021', 'signups from March 2023': of that period (its leading
            # word, as 'in'); 'from 2021 on' is a start
            p = None
        if p:
            kind = "after" if at(i) == "after" else "since"
            if onward:
                skip += 1
            start = p[1] if kind == "after" else p[0]
            return TimeSpec(
                "since", start.isoformat(), text=_text(tokens, i, skip + p[2])
            ), skip + p[2]
    if at(i) in ("before", "until", "till", "prior"):
        skip = 2 if at(i) == "prior" and at(i + 1) == "to" else 1
        p = _point(tokens, i + skip)
        if p:
            end = p[1] if at(i) in ("until", "till") else p[0]
            return TimeSpec(
                "before", end=end.isoformat(), text=_text(tokens, i, skip + p[2])
            ), skip + p[2]
    if at(i) == "on":
        p = _point(tokens, i + 1)
        if p and (tokens[i + 1].kind == "date" or (p[1] - p[0]).days == 1):
            used = 1 + p[2]
            return TimeSpec(
                "range", p[0].isoformat(), p[1].isoformat(), text=_text(tokens, i, used)
            ), used
    edge_week = _week_of(tokens, i, at)
    if edge_week is not None:
        return edge_week
    # (in|over|during) the last|past N units / last N units / the last month
    j = i
    if at(j) in ("in", "over", "during", "within", "for"):
        j += 1
    if at(j) == "the":
        j += 1
    if at(j) in ("last", "past", "previous", "recent", "trailing"):
        k = j + 1
        count = 1
        if (
            k < n
            and tokens[k].kind == "number"
            and tokens[k].number is not None
            and float(tokens[k].number or 0).is_integer()
        ):
            count = int(tokens[k].number or 0)
            k += 1
        unit = UNITS.get(at(k))
        if unit:
            if (
                count == 1
                and at(j) in ("last", "previous")
                and unit in ("year", "month")
                and k == j + 1
            ):
                return TimeSpec("previous", unit=unit, text=_text(tokens, i, k + 1 - i)), k + 1 - i
            return TimeSpec(
                "last", count=count, unit=unit, text=_text(tokens, i, k + 1 - i)
            ), k + 1 - i
    if at(j) in ("this", "current") and UNITS.get(at(j + 1)) in (
        "year",
        "month",
        "quarter",
        "week",
    ):
        return TimeSpec("this", unit=UNITS[at(j + 1)], text=_text(tokens, i, j + 2 - i)), j + 2 - i
    if at(j) in ("year", "ytd") and (at(j) == "ytd" or (at(j + 1) == "to" and at(j + 2) == "date")):
        used = j + (1 if at(j) == "ytd" else 3) - i
        return TimeSpec("this", unit="year", text=_text(tokens, i, used)), used
    yearless = _yearless_day(tokens, i + (1 if at(i) in ("on", "for") else 0))
    if yearless is not None:
        month, day, used = yearless
        used += 1 if at(i) in ("on", "for") else 0
        return TimeSpec("yearless", f"{month:02d}-{day:02d}", text=_text(tokens, i, used)), used
    # in 2023 / in March 2023 / 2023 / in Q1 2023
    skip = 1 if at(i) in _LEADING else 0
    p = _point(tokens, i + skip)
    if p and (
        skip
        or tokens[i].kind in ("date", "month")
        or _year(tokens[i])
        or at(i) in MONTHS
        or at(i) in ("q1", "q2", "q3", "q4")
        or _day_month_year(tokens, i) is not None
    ):
        return TimeSpec(
            "range", p[0].isoformat(), p[1].isoformat(), text=_text(tokens, i, skip + p[2])
        ), skip + p[2]
    return None


@dataclass(frozen=True)
class DateRange:
    start: str  # inclusive ISO date, "" = open
    end: str  # exclusive ISO date, "" = open
    explanation: str  # for assumptions


def resolve(spec: TimeSpec | None, anchor: str | None) -> DateRange:
    """Concrete [start, end) for a spec; relative phrases use ``anchor``."""
    if spec is None:
        raise ValueError("no time phrase to resolve")
    if spec.kind == "range":
        return DateRange(
            spec.start,
            spec.end,
            f"'{spec.text}' means {spec.start} up to (not including) {spec.end}",
        )
    if spec.kind == "since":
        return DateRange(spec.start, "", f"'{spec.text}' means from {spec.start} on")
    if spec.kind == "before":
        return DateRange("", spec.end, f"'{spec.text}' means before {spec.end}")
    today = dt.date.fromisoformat(anchor) if anchor else dt.date.today()
    why = (
        f"relative to the latest date in the data ({today.isoformat()})"
        if anchor
        else f"relative to today ({today.isoformat()})"
    )
    end = today + dt.timedelta(days=1)
    if spec.kind == "yearless":
        # 'AAPL close on 12/28' when the data ends on 2023-12-29: that day of the data's last
        # month; a day further back ('june 30') could be of any year, and is declined
        month, day = (int(p) for p in spec.start.split("-"))
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        while True:
            try:
                on = dt.date(year, month, day)
                break
            except ValueError:  # 29 February: the latest leap year
                year -= 1
        if (today - on).days > _RECENT_DAYS:
            # 'AAPL close on june 30' half a year before the data ends: which year is not
            # clear from the conversation, so it is asked, not guessed
            raise Refuse(
                f"'{spec.text}' has no year; please say which (for example "
                f"'{spec.text.removeprefix('on ').strip()}, {on.year}').",
                spec.text,
            )
        return DateRange(
            on.isoformat(),
            (on + dt.timedelta(days=1)).isoformat(),
            f"'{spec.text}' has no year: read as {on.isoformat()}, the latest such day, {why}",
        )
    if spec.kind == "last":
        if spec.unit == "day":
            start = end - dt.timedelta(days=spec.count)
        elif spec.unit == "week":
            start = end - dt.timedelta(weeks=spec.count)
        else:
            months = {"month": 1, "quarter": 3, "year": 12}[spec.unit] * spec.count
            start = _add_months(end, -months)
        return DateRange(
            start.isoformat(),
            end.isoformat(),
            f"'{spec.text}' means {start.isoformat()} to {today.isoformat()}, {why}",
        )
    if spec.kind == "this":
        if spec.unit == "year":
            start = dt.date(today.year, 1, 1)
        elif spec.unit == "quarter":
            start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        elif spec.unit == "week":
            start = today - dt.timedelta(days=today.weekday())
        else:
            start = dt.date(today.year, today.month, 1)
        return DateRange(
            start.isoformat(),
            end.isoformat(),
            f"'{spec.text}' means {start.isoformat()} to {today.isoformat()}, {why}",
        )
    # previous calendar year / month
    if spec.unit == "year":
        start, stop = dt.date(today.year - 1, 1, 1), dt.date(today.year, 1, 1)
    else:
        stop = dt.date(today.year, today.month, 1)
        start = _add_months(stop, -1)
    return DateRange(
        start.isoformat(),
        stop.isoformat(),
        f"'{spec.text}' means {start.isoformat()} up to (not including) {stop.isoformat()}, {why}",
    )
