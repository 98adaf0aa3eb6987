"""MySQL's calendar for the SQLite backend: reading dates, its week numbers, DATE_FORMAT.

SQLite stores dates as text; MySQL reads ``2023-05-06``, ``2023-05-06 10:11:12.5``,
``2023-5-6`` and the numbers 20230506 and 20230506101112 as dates. Weeks follow
MySQL's eight modes (WEEK, YEARWEEK, ``%U %u %V %v %X %x``), names are English
(MySQL's default ``lc_time_names``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DATETIME_TEXT = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?)?\s*$"
)
_TIME_TEXT = re.compile(r"\s*(-?)(\d{1,3}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?\s*$")
DAY_NAMES = tuple(calendar.day_name)  # Monday first, as date.weekday()
MONTH_NAMES = ("",) + tuple(calendar.month_name)[1:]


class Moment:
    """A parsed MySQL date or datetime: the value, and whether it had a time part."""

    __slots__ = ("value", "has_time")

    def __init__(self, value: dt.datetime, has_time: bool):
        self.value = value
        self.has_time = has_time


def moment(value) -> Moment | None:
    """``value`` read as MySQL reads a date: ``2023-05-06``, ``2023-05-06 10:11:12[.5]``,
    ``2023-5-6``, the numbers 20230506 and 20230506101112; None for anything else."""
    if value is None or isinstance(value, bytes):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) == 8:
            value = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
        elif len(digits) == 14:
            value = f"{digits[:4]}-{digits[4:6]}-{digits[6:8]} {digits[8:10]}:{digits[10:12]}:{digits[12:]}"
        else:
            return None
    text = str(value)
    try:  # the common shapes, parsed in C
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is None:
        return Moment(parsed, len(text) > 10)
    match = _DATETIME_TEXT.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        parsed = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError:
        return None
    return Moment(parsed, hour is not None)


def clock(value) -> dt.timedelta | None:
    """The time of day of a datetime, or a TIME value like ``10:11:12`` (for HOUR() …)."""
    found = moment(value)
    if found is not None:
        v = found.value
        return dt.timedelta(
            hours=v.hour, minutes=v.minute, seconds=v.second, microseconds=v.microsecond
        )
    match = _TIME_TEXT.match(str(value)) if value is not None else None
    if match is None:
        return None
    sign, hours, minutes, seconds, fraction = match.groups()
    span = dt.timedelta(
        hours=int(hours),
        minutes=int(minutes),
        seconds=int(seconds or 0),
        microseconds=int((fraction or "0").ljust(6, "0")),
    )
    return -span if sign else span


def date_text(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d")


def datetime_text(value: dt.datetime, fraction: bool = False) -> str:
    """``YYYY-MM-DD HH:MM:SS``, with ``.ffffff`` when there is a fraction (or ``fraction``)."""
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{value.microsecond:06d}" if value.microsecond or fraction else text


# ------------------------------------------------------------------ weeks (MySQL's eight modes)
_MONDAY_FIRST, _WEEK_YEAR, _FIRST_WEEKDAY = 1, 2, 4


def _week_flags(mode: int) -> int:
    flags = mode & 7
    return flags if flags & _MONDAY_FIRST else flags ^ _FIRST_WEEKDAY


def week_and_year(day: dt.date, flags: int) -> tuple[int, int]:
    """(week, year it belongs to) as MySQL numbers weeks under ``flags``.

    A week starts on Monday or Sunday; week 1 is the first week with a start
    day in the year (``_FIRST_WEEKDAY``) or with four days in it; days before
    week 1 are week 0, or with ``_WEEK_YEAR`` the last week of the year before.
    """
    monday_first = bool(flags & _MONDAY_FIRST)
    week_year = bool(flags & _WEEK_YEAR)
    first_weekday = bool(flags & _FIRST_WEEKDAY)
    year = day.year
    first = dt.date(year, 1, 1).toordinal()
    weekday = (dt.date(year, 1, 1).weekday() + (0 if monday_first else 1)) % 7
    if day.month == 1 and day.day <= 7 - weekday:
        if not week_year and (
            (first_weekday and weekday != 0) or (not first_weekday and weekday >= 4)
        ):
            return 0, year
        week_year = True
        year -= 1
        length = 366 if calendar.isleap(year) else 365
        first -= length
        weekday = (weekday + 53 * 7 - length) % 7
    if (first_weekday and weekday != 0) or (not first_weekday and weekday >= 4):
        days = day.toordinal() - (first + 7 - weekday)
    else:
        days = day.toordinal() - (first - weekday)
    if week_year and days >= 52 * 7:
        weekday = (weekday + (366 if calendar.isleap(year) else 365)) % 7
        if (not first_weekday and weekday < 4) or (first_weekday and weekday == 0):
            return 1, year + 1
    return days // 7 + 1, year


def week(value, mode=0):
    found = moment(value)
    if found is None or mode is None:
        return None
    return week_and_year(found.value.date(), _week_flags(int(mode)))[0]


def yearweek(value, mode=0):
    found = moment(value)
    if found is None or mode is None:
        return None
    number, year = week_and_year(found.value.date(), _week_flags(int(mode)) | _WEEK_YEAR)
    return year * 100 + number


def weekofyear(value):
    return week(value, 3)


# ------------------------------------------------------------------ DATE_FORMAT
def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _hour12(d: dt.datetime) -> int:
    return (d.hour + 11) % 12 + 1


_SPECIFIERS = {
    "a": lambda d: DAY_NAMES[d.weekday()][:3],
    "b": lambda d: MONTH_NAMES[d.month][:3],
    "c": lambda d: str(d.month),
    "D": lambda d: _ordinal(d.day),
    "d": lambda d: f"{d.day:02d}",
    "e": lambda d: str(d.day),
    "f": lambda d: f"{d.microsecond:06d}",
    "H": lambda d: f"{d.hour:02d}",
    "h": lambda d: f"{_hour12(d):02d}",
    "I": lambda d: f"{_hour12(d):02d}",
    "i": lambda d: f"{d.minute:02d}",
    "j": lambda d: f"{d.timetuple().tm_yday:03d}",
    "k": lambda d: str(d.hour),
    "l": lambda d: str(_hour12(d)),
    "M": lambda d: MONTH_NAMES[d.month],
    "m": lambda d: f"{d.month:02d}",
    "p": lambda d: "AM" if d.hour < 12 else "PM",
    "r": lambda d: (
        f"{_hour12(d):02d}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}"
    ),
    "S": lambda d: f"{d.second:02d}",
    "s": lambda d: f"{d.second:02d}",
    "T": lambda d: d.strftime("%H:%M:%S"),
    "U": lambda d: f"{week_and_year(d.date(), _FIRST_WEEKDAY)[0]:02d}",
    "u": lambda d: f"{week_and_year(d.date(), _MONDAY_FIRST)[0]:02d}",
    "V": lambda d: f"{week_and_year(d.date(), _WEEK_YEAR | _FIRST_WEEKDAY)[0]:02d}",
    "v": lambda d: f"{week_and_year(d.date(), _WEEK_YEAR | _MONDAY_FIRST)[0]:02d}",
    "W": lambda d: DAY_NAMES[d.weekday()],
    "w": lambda d: str((d.weekday() + 1) % 7),
    "X": lambda d: f"{week_and_year(d.date(), _WEEK_YEAR | _FIRST_WEEKDAY)[1]:04d}",
    "x": lambda d: f"{week_and_year(d.date(), _WEEK_YEAR | _MONDAY_FIRST)[1]:04d}",
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
}


def format_moment(value: dt.datetime, pattern: str) -> str:
    out: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if char != "%":
            out.append(char)
            continue
        spec = next(chars, "")
        render = _SPECIFIERS.get(spec)
        out.append(render(value) if render else spec)  # MySQL: %x for an unknown x is x
    return "".join(out)


def date_format(value, pattern):
    found = moment(value)
    if found is None or pattern is None:
        return None
    return format_moment(found.value, str(pattern))
