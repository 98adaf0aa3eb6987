"""MySQL's date and time functions as pure Python, for the SQLite backend.

SQLite has no month arithmetic that stays in the month (MySQL: Jan 31 + 1
month is Feb 28), no TIMESTAMPDIFF, no DAYNAME or LAST_DAY. These functions
take and return what SQLite holds (text, numbers, NULL) and give MySQL's
answer: dates as ``YYYY-MM-DD``, datetimes as ``YYYY-MM-DD HH:MM:SS``, times
as ``HH:MM:SS``, NULL for NULL or a value that is not a date. The time zone
is UTC (TiDB Cloud's). Reading dates, weeks and DATE_FORMAT are in
:mod:`.mysql_calendar`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from c2q_repl.sandbox.backends.mysql_calendar import (
    DAY_NAMES,
    MONTH_NAMES,
    clock,
    date_text,
    datetime_text,
    format_moment,
    moment,
    week,
)
from c2q_repl.sandbox.mysql_limits import UNITS

_EPOCH = dt.datetime(1970, 1, 1)
_MICROS = {"MICROSECOND": 1, "SECOND": 10**6, "MINUTE": 60 * 10**6, "HOUR": 3600 * 10**6}
_MICROS.update(DAY=86400 * 10**6, WEEK=7 * 86400 * 10**6)
_MONTHS = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}


# ------------------------------------------------------------------ parts of a date
def date_part(name: str):
    """YEAR(), MONTH(), DAYOFWEEK(), DAYNAME() … of one argument, NULL for a non-date."""

    read = _PARTS[name]

    def part(value):
        found = moment(value)
        return None if found is None else read(found.value)

    part.__name__ = name
    return part


_PARTS = {
    "YEAR": lambda d: d.year,
    "MONTH": lambda d: d.month,
    "DAY": lambda d: d.day,
    "QUARTER": lambda d: (d.month - 1) // 3 + 1,
    "DAYOFYEAR": lambda d: d.timetuple().tm_yday,
    "WEEKDAY": lambda d: d.weekday(),
    "DAYOFWEEK": lambda d: (d.weekday() + 1) % 7 + 1,
    "DAYNAME": lambda d: DAY_NAMES[d.weekday()],
    "MONTHNAME": lambda d: MONTH_NAMES[d.month],
    "LAST_DAY": lambda d: date_text(d.replace(day=calendar.monthrange(d.year, d.month)[1])),
    "TO_DAYS": lambda d: d.toordinal() + 365,
    "TIMESTAMP": lambda d: datetime_text(d),
}
DATE_PARTS = tuple(_PARTS)


def time_part(name: str):
    """HOUR(), MINUTE(), SECOND(), MICROSECOND() of a datetime or a TIME."""
    divisors = {"HOUR": (3600 * 10**6, 10**9), "MINUTE": (60 * 10**6, 60)}
    divisors.update(SECOND=(10**6, 60), MICROSECOND=(1, 10**6))

    def part(value):
        span = clock(value)
        if span is None:
            return None
        micros = abs(span) // dt.timedelta(microseconds=1)
        unit, modulo = divisors[name]
        return micros // unit % modulo

    part.__name__ = name
    return part


TIME_PARTS = ("HOUR", "MINUTE", "SECOND", "MICROSECOND")


# ------------------------------------------------------------------ arithmetic
def _whole(amount) -> int:
    """An interval amount for a whole unit, rounded as MySQL rounds a decimal (half away from 0)."""
    number = float(amount)
    return int(number + (0.5 if number >= 0 else -0.5))


def shift(value: dt.datetime, amount, unit: str) -> dt.datetime:
    """``value`` moved by ``amount`` ``unit``s; months end on the month's last day."""
    if unit in _MONTHS:
        months = value.year * 12 + value.month - 1 + _whole(amount) * _MONTHS[unit]
        year, month = divmod(months, 12)
        last = calendar.monthrange(year, month + 1)[1] if 1 <= year <= 9999 else 31
        return value.replace(year=year, month=month + 1, day=min(value.day, last))
    if unit == "SECOND":
        return value + dt.timedelta(microseconds=round(float(amount) * 10**6))
    return value + dt.timedelta(microseconds=_whole(amount) * _MICROS[unit])


def date_add(value, amount, unit):
    """DATE_ADD/DATE_SUB/TIMESTAMPADD/``+ INTERVAL``: a date stays a date for day units and up."""
    found = moment(value)
    if found is None or amount is None:
        return None
    if unit not in UNITS:
        raise ValueError(f"DATE_ADD: unit {unit} is not supported")
    try:
        moved = shift(found.value, amount, unit)
    except (ValueError, OverflowError):
        return None  # before year 1 or after 9999: MySQL gives NULL
    if not found.has_time and unit in ("DAY", "WEEK", "MONTH", "QUARTER", "YEAR"):
        return date_text(moved)
    return datetime_text(moved, fraction=unit == "MICROSECOND")  # MySQL: DATETIME(6) then


def _months_between(start: dt.datetime, end: dt.datetime) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    rest_start = (start.day, start.time())
    rest_end = (end.day, end.time())
    if months > 0 and rest_end < rest_start:
        months -= 1
    elif months < 0 and rest_end > rest_start:
        months += 1
    return months


def timestampdiff(unit, start, end):
    """Whole ``unit``s from ``start`` to ``end``, truncated toward zero."""
    a, b = moment(start), moment(end)
    if a is None or b is None:
        return None
    if unit in _MONTHS:
        return int(_months_between(a.value, b.value) / _MONTHS[unit])
    if unit not in _MICROS:
        raise ValueError(f"TIMESTAMPDIFF: unit {unit} is not supported")
    micros = (b.value - a.value) // dt.timedelta(microseconds=1)
    whole = abs(micros) // _MICROS[unit]
    return whole if micros >= 0 else -whole


def datediff(end, start):
    a, b = moment(end), moment(start)
    return None if a is None or b is None else (a.value.date() - b.value.date()).days


def unix_timestamp(value):
    found = moment(value)
    if found is None:
        return None
    seconds = (found.value - _EPOCH) / dt.timedelta(seconds=1)
    if seconds < 0:
        return 0  # MySQL: a date before the epoch gives 0
    return int(seconds) if seconds.is_integer() else round(seconds, 6)


def unix_now() -> int:
    return int(dt.datetime.now(dt.timezone.utc).timestamp())


def from_unixtime(seconds, pattern=None):
    if seconds is None:
        return None
    try:
        number = float(seconds)
    except ValueError:
        return None
    if number < 0:
        return None
    value = _EPOCH + dt.timedelta(microseconds=round(number * 10**6))
    if pattern is not None:
        return format_moment(value, str(pattern))
    return datetime_text(value)


def _time_text(span: dt.timedelta) -> str:
    """A TIME as MySQL shows it: ``-HH:MM:SS[.ffffff]``, hours past 24, within ±838:59:59."""
    micros = span // dt.timedelta(microseconds=1)
    sign, micros = (
        ("-" if micros < 0 else ""),
        min(abs(micros), (838 * 3600 + 59 * 60 + 59) * 10**6),
    )
    seconds, fraction = divmod(micros, 10**6)
    text = f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{text}.{fraction:06d}" if fraction else text


def time_to_sec(value):
    span = clock(value)
    if span is None:
        return None
    seconds = span / dt.timedelta(seconds=1)
    return int(seconds) if seconds.is_integer() else seconds


def sec_to_time(seconds):
    if seconds is None:
        return None
    return _time_text(dt.timedelta(seconds=float(seconds)))


def timediff(end, start):
    """TIMEDIFF: two datetimes, or two times; NULL when one is a date and the other a time."""
    a, b = moment(end), moment(start)
    if a is not None and b is not None:
        return _time_text(a.value - b.value)
    if a is None and b is None:
        x, y = clock(end), clock(start)
        return None if x is None or y is None else _time_text(x - y)
    return None


def extract(unit, value):
    """EXTRACT(unit FROM value), including the compound units (YEAR_MONTH, DAY_HOUR …)."""
    if unit == "WEEK":
        return week(value)
    if unit in _PARTS:
        return date_part(unit)(value)
    if unit in TIME_PARTS:
        return time_part(unit)(value)
    pieces = unit.split("_")
    if len(pieces) != 2:
        raise ValueError(f"EXTRACT: unit {unit} is not supported")
    order = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MICROSECOND")
    widths = {"MONTH": 2, "DAY": 2, "HOUR": 2, "MINUTE": 2, "SECOND": 2, "MICROSECOND": 6}
    first, last = order.index(pieces[0]), order.index(pieces[1])
    parts = []
    for name in order[first : last + 1]:
        part = extract(name, value)
        if part is None:
            return None
        parts.append(part)
    result = parts[0]
    for name, part in zip(order[first + 1 : last + 1], parts[1:]):
        result = result * 10 ** widths[name] + part
    return result
