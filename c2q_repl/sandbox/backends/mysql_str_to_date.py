"""MySQL's STR_TO_DATE for the SQLite backend: text read by a DATE_FORMAT pattern.

As MySQL does: whitespace in the text is skipped before each piece of the
pattern, other literal characters must match, text left over after the
pattern is ignored, parts the pattern does not set are 0 (``'2023-05'`` with
``'%Y-%m'`` is ``2023-05-00``), and the result is a date, a time or a
datetime depending on which parts the pattern names. Text that does not fit
gives NULL.
"""

from __future__ import annotations

import calendar
import datetime as dt

_DIGITS = {"Y": 4, "y": 2, "m": 2, "c": 2, "d": 2, "e": 2, "H": 2, "k": 2, "h": 2, "I": 2}
_DIGITS.update(l=2, i=2, s=2, S=2, f=6, j=3, D=2)
_FIELD = {"Y": "year", "y": "year", "m": "month", "c": "month", "d": "day", "e": "day", "D": "day"}
_FIELD.update(H="hour", k="hour", h="hour12", I="hour12", l="hour12", i="minute", s="second")
_FIELD.update(S="second", f="micro", j="yday")
_EXPANDED = {"T": "%H:%i:%s", "r": "%I:%i:%S %p"}
_DATE_SPECS = frozenset("YymcdeDjbMaW")
_TIME_SPECS = frozenset("HkhIlisSfpTr")
_MONTHS = [name.lower() for name in calendar.month_name]
_DAYS = [name.lower() for name in calendar.day_name]


def _expand(pattern: str) -> str:
    for spec, expansion in _EXPANDED.items():
        pattern = pattern.replace(f"%{spec}", expansion)
    return pattern


def _name(text: str, pos: int, names: list[str], short: bool) -> tuple[int, int] | None:
    """(index in ``names``, new position) of the name at ``pos``, case-insensitively."""
    for index, name in enumerate(names):
        word = name[:3] if short else name
        if word and text[pos : pos + len(word)].lower() == word:
            return index, pos + len(word)
    return None


def _read(text: str, pattern: str) -> dict[str, int] | None:
    fields: dict[str, int] = {}
    pos, i = 0, 0
    while i < len(pattern):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        char = pattern[i]
        if char != "%" or i + 1 == len(pattern):
            if not char.isspace():
                if pos >= len(text) or text[pos] != char:
                    return None
                pos += 1
            i += 1
            continue
        spec = pattern[i + 1]
        i += 2
        if spec in _DIGITS:
            end = pos
            while end < len(text) and end - pos < _DIGITS[spec] and text[end].isdigit():
                end += 1
            if end == pos:
                return None
            number = int(text[pos:end])
            if spec == "f":
                number *= 10 ** (6 - (end - pos))
            if spec == "y":
                number += 2000 if number < 70 else 1900
            fields[_FIELD[spec]] = number
            pos = end
            if spec == "D":  # 1st, 2nd, 3rd, 4th
                pos += 2 if text[pos : pos + 2].lower() in ("st", "nd", "rd", "th") else 0
        elif spec in "bM":
            found = _name(text, pos, _MONTHS, spec == "b")
            if found is None:
                return None
            fields["month"], pos = found
        elif spec in "aW":
            found = _name(text, pos, _DAYS, spec == "a")
            if found is None:
                return None
            pos = found[1]
        elif spec == "p":
            marker = text[pos : pos + 2].upper()
            if marker not in ("AM", "PM"):
                return None
            fields["pm"] = int(marker == "PM")
            pos += 2
        else:  # %% and an unknown %x match the character itself
            if pos >= len(text) or text[pos] != spec:
                return None
            pos += 1
    return fields


def _assemble(fields: dict[str, int], has_date: bool, has_time: bool) -> str | None:
    hour = fields.get("hour", 0)
    if "hour12" in fields:
        if not 1 <= fields["hour12"] <= 12:
            return None
        hour = fields["hour12"] % 12 + 12 * fields.get("pm", 0)
    minute, second, micro = fields.get("minute", 0), fields.get("second", 0), fields.get("micro", 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    clock = f"{hour:02d}:{minute:02d}:{second:02d}" + (f".{micro:06d}" if micro else "")
    if not has_date:
        return clock
    year, month, day = fields.get("year", 0), fields.get("month", 0), fields.get("day", 0)
    if "yday" in fields:
        try:
            start = dt.date(year, 1, 1)
        except ValueError:
            return None
        day_of_year = start + dt.timedelta(days=fields["yday"] - 1)
        if day_of_year.year != year:
            return None
        month, day = day_of_year.month, day_of_year.day
    if month > 12 or day > 31:
        return None
    if month and day and year:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    return f"{date} {clock}" if has_time else date


def str_to_date(text, pattern):
    if text is None or pattern is None:
        return None
    expanded = _expand(str(pattern))
    specs = {expanded[i + 1] for i in range(len(expanded) - 1) if expanded[i] == "%"}
    fields = _read(str(text), expanded)
    if fields is None:
        return None
    return _assemble(fields, bool(specs & _DATE_SPECS), bool(specs & _TIME_SPECS))
