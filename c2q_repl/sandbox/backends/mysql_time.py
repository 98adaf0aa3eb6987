"""MySQL's date and time functions as pure Python, for the SQLite backend.

SQLite has no DATE_FORMAT specifiers like ``%b``, no month arithmetic that
stays in the month (MySQL: Jan 31 + 1 month is Feb 28), no week modes and no
TIMESTAMPDIFF. These functions take and return what SQLite holds (text,
numbers, NULL) and give MySQL's answer: dates as ``YYYY-MM-DD``, datetimes as
``YYYY-MM-DD HH:MM:SS``, NULL for NULL or a value that is not a date. Names are
English (MySQL's default ``lc_time_names``); time zone is UTC (TiDB Cloud's).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from c2q_repl.sandbox.mysql_limits import UNITS

_DATETIME_TEXT = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?)?\s*$"
)
_TIME_TEXT = re.compile(r"\s*(-?)(\d{1,3}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?\s*$")
_DAY_NAMES = tuple(calendar.day_name)  # Monday first, as date.weekday()
_MONTH_NAMES = ("",) + tuple(calendar.month_name)[1:]
_EPOCH = dt.datetime(1970, 1, 1)
_MICROS = {"MICROSECOND": 1, "SECOND": 10**6, "MINUTE": 60 * 10**6, "HOUR": 3600 * 10**6}
_MICROS.update(DAY=86400 * 10**6, WEEK=7 * 86400 * 10**6)
_MONTHS = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}


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


def _clock(value) -> dt.timedelta | None:
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


def datetime_text(value: dt.datetime) -> str:
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{value.microsecond:06d}" if value.microsecond else text


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
    "DAYNAME": lambda d: _DAY_NAMES[d.weekday()],
    "MONTHNAME": lambda d: _MONTH_NAMES[d.month],
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
        span = _clock(value)
        if span is None:
            return None
        micros = abs(span) // dt.timedelta(microseconds=1)
        unit, modulo = divisors[name]
        return micros // unit % modulo

    part.__name__ = name
    return part


TIME_PARTS = ("HOUR", "MINUTE", "SECOND", "MICROSECOND")


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
    "a": lambda d: _DAY_NAMES[d.weekday()][:3],
    "b": lambda d: _MONTH_NAMES[d.month][:3],
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
    "M": lambda d: _MONTH_NAMES[d.month],
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
    "W": lambda d: _DAY_NAMES[d.weekday()],
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
    return datetime_text(moved)


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
    span = _clock(value)
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
        x, y = _clock(end), _clock(start)
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
