"""MySQL's string and number functions, and its statistical aggregates, as pure Python.

For the SQLite backend: SQLite lacks them (SUBSTRING_INDEX, LPAD, FORMAT,
STDDEV …) or means something else (its ROUND ignores negative digits, its
CAST to INTEGER truncates where MySQL rounds). NULL in gives NULL out.
Numbers SQLite holds as REAL are taken as MySQL takes a DECIMAL literal
(rounding half away from zero), the way a user writes them.
"""

from __future__ import annotations

import functools
import json
import math
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from c2q_repl.sandbox.mysql_limits import nested_repeat

_NUMBER_PREFIX = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER_PREFIX = re.compile(r"\s*[+-]?\d+")
_MAX_REGEX_SUBJECT = 100_000


def _decimal(value) -> Decimal | None:
    """A number as MySQL reads it: an int or REAL as written, text by its numeric prefix (else 0)."""
    if value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    match = _NUMBER_PREFIX.match(text)
    return Decimal(match.group().strip()) if match else Decimal(0)


def _number_out(value: Decimal, integral: bool):
    return int(value) if integral else float(value)


# ------------------------------------------------------------------ numbers
def truncate(value, digits):
    number = _decimal(value)
    if number is None or digits is None:
        return None
    places = int(digits)
    cut = number.quantize(Decimal(1).scaleb(min(0, -places)), rounding=ROUND_DOWN)
    if places < 0:
        step = Decimal(10) ** -places
        cut = (number / step).to_integral_value(rounding=ROUND_DOWN) * step
    return _number_out(cut, isinstance(value, int))


def round_half_away(value, digits=0):
    """ROUND(x, d) with any d, negative too (ROUND(1234.5, -1) is 1230)."""
    number = _decimal(value)
    if number is None or digits is None:
        return None
    step = Decimal(1).scaleb(-int(digits))
    rounded = (number / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return _number_out(rounded, isinstance(value, int))


def cast_signed(value):
    """CAST(x AS SIGNED): a REAL rounds (2.5 → 3), text keeps its integer prefix ('3.7' → 3)."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    match = _INTEGER_PREFIX.match(text)
    return int(match.group()) if match else 0


def cast_unsigned(value):
    """CAST(x AS UNSIGNED): a negative number wraps around 2**64 (shown as text: SQLite's
    integers are signed)."""
    number = cast_signed(value)
    if number is None or number >= 0:
        return number
    return str(number % 2**64)


def cast_decimal(value, precision, scale):
    """CAST(x AS DECIMAL(p, s)): rounded to s places, clipped to the largest p digits hold."""
    number = _decimal(value)
    if number is None:
        return None
    rounded = number.quantize(Decimal(1).scaleb(-int(scale)), rounding=ROUND_HALF_UP)
    largest = Decimal(10) ** (int(precision) - int(scale)) - Decimal(1).scaleb(-int(scale))
    clipped = max(-largest, min(largest, rounded))
    return _number_out(clipped, int(scale) == 0)


def number_format(value, digits, locale=None):
    """FORMAT(x, d): '1,234,567.89' (the en_US locale, MySQL's default)."""
    number = _decimal(value)
    if number is None or digits is None:
        return None
    if locale is not None and str(locale) != "en_US":
        raise ValueError("FORMAT: only the en_US locale is supported")
    places = max(0, min(30, int(digits)))
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


# ------------------------------------------------------------------ strings
def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _strict(function):
    """NULL if any argument is NULL (MySQL's rule for nearly every function)."""

    @functools.wraps(function)
    def call(*args):
        return None if any(a is None for a in args) else function(*args)

    return call


@_strict
def substring_index(text, delimiter, count):
    text, delimiter, count = _text(text), _text(delimiter), int(count)
    if not delimiter or count == 0:
        return ""
    parts = text.split(delimiter)
    return delimiter.join(parts[:count] if count > 0 else parts[count:])


def _pad(text, length, fill, left: bool):
    text, fill, length = _text(text), _text(fill), int(length)
    if length < 0:
        return None
    if len(text) >= length:
        return text[:length]
    if not fill:
        return None
    need = length - len(text)
    padding = (fill * (need // len(fill) + 1))[:need]
    return padding + text if left else text + padding


@_strict
def lpad(text, length, fill):
    return _pad(text, length, fill, left=True)


@_strict
def rpad(text, length, fill):
    return _pad(text, length, fill, left=False)


@_strict
def repeat(text, count):
    return _text(text) * max(0, int(count))


@_strict
def reverse(text):
    return _text(text)[::-1]


@_strict
def substring(text, start, length=None):
    """SUBSTRING(s, pos[, len]): position 0 gives '', a negative position counts from the end."""
    text, start = _text(text), int(start)
    if start == 0 or abs(start) > len(text):
        return ""
    begin = start - 1 if start > 0 else len(text) + start
    if length is None:
        return text[begin:]
    return text[begin : begin + max(0, int(length))]


def concat(*parts):
    if any(p is None for p in parts):
        return None
    return "".join(_text(p) for p in parts)


def concat_ws(separator, *parts):
    if separator is None:
        return None
    return _text(separator).join(_text(p) for p in parts if p is not None)


def field(wanted, *candidates):
    """FIELD(x, a, b, …): the position of the first candidate equal to x, 0 when none is
    (compared as numbers when all are numbers, else as text)."""
    if wanted is None:
        return 0
    numeric = all(isinstance(c, (int, float)) for c in (wanted, *candidates) if c is not None)
    for index, candidate in enumerate(candidates, 1):
        if candidate is None:
            continue
        if numeric and wanted == candidate or not numeric and _text(wanted) == _text(candidate):
            return index
    return 0


@_strict
def json_unquote(text):
    """JSON_UNQUOTE: a JSON string's value ('"b"' → 'b'); anything else unchanged."""
    text = _text(text)
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            value = json.loads(text)
        except ValueError:
            raise ValueError("JSON_UNQUOTE: invalid JSON text") from None
        return value if isinstance(value, str) else text
    return text


# ------------------------------------------------------------------ REGEXP
@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    if nested_repeat(pattern):
        raise ValueError("REGEXP: nested repetition and back-references are not supported")
    return re.compile(pattern)


def regexp(pattern, text):
    """``text REGEXP pattern`` (SQLite calls regexp(pattern, text)): 1 or 0, case-sensitive as
    under TiDB's default binary collation."""
    if pattern is None or text is None:
        return None
    subject = _text(text)
    if len(subject) > _MAX_REGEX_SUBJECT:
        raise ValueError("REGEXP: text too long")
    return int(_compiled(_text(pattern)).search(subject) is not None)


# ------------------------------------------------------------------ aggregates
class Variance:
    """VAR_POP/VAR_SAMP/STDDEV_POP/STDDEV_SAMP, as an aggregate and as a window function
    (Welford's running mean, which can also take a value back out of a sliding frame)."""

    sample = False
    root = False

    def __init__(self) -> None:
        self.count = 0
        self.mean = 0.0
        self.squares = 0.0

    def step(self, value) -> None:
        number = _decimal(value)
        if number is None:
            return
        x = float(number)
        self.count += 1
        delta = x - self.mean
        self.mean += delta / self.count
        self.squares += delta * (x - self.mean)

    def inverse(self, value) -> None:
        number = _decimal(value)
        if number is None:
            return
        x = float(number)
        if self.count == 1:
            self.count, self.mean, self.squares = 0, 0.0, 0.0
            return
        old_mean = (self.mean * self.count - x) / (self.count - 1)
        self.squares -= (x - self.mean) * (x - old_mean)
        self.count -= 1
        self.mean = old_mean

    def value(self):
        needed = 2 if self.sample else 1
        if self.count < needed:
            return None
        variance = max(0.0, self.squares) / (self.count - (1 if self.sample else 0))
        return math.sqrt(variance) if self.root else variance

    def finalize(self):
        return self.value()


class VarSamp(Variance):
    sample = True


class StddevPop(Variance):
    root = True


class StddevSamp(Variance):
    sample = True
    root = True


def _compare(a, b) -> int:
    """MySQL's order inside GROUP_CONCAT: NULL first, numbers by value, text by code point."""
    if a is None or b is None:
        return (a is not None) - (b is not None)
    if isinstance(a, (int, float)) != isinstance(b, (int, float)):
        a, b = _text(a), _text(b)
    return (a > b) - (a < b)


class GroupConcat:
    """GROUP_CONCAT([DISTINCT] x ORDER BY k1 [DESC], … SEPARATOR s), which SQLite 3.40 cannot
    order. Called as (x, separator, distinct, k1, desc1, k2, desc2, …)."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.separator = ","
        self.distinct = False
        self.descending: tuple[bool, ...] = ()

    def step(self, value, separator, distinct, *keys) -> None:
        self.separator, self.distinct = _text(separator), bool(distinct)
        self.descending = tuple(bool(d) for d in keys[1::2])
        if value is not None:
            self.rows.append((_text(value), keys[0::2]))

    def finalize(self):
        if not self.rows:
            return None

        def order(x: tuple, y: tuple) -> int:
            for a, b, desc in zip(x[1], y[1], self.descending):
                found = _compare(a, b)
                if found:
                    return -found if desc else found
            return 0

        rows = sorted(self.rows, key=functools.cmp_to_key(order))
        values = [value for value, _ in rows]
        if self.distinct:
            values = list(dict.fromkeys(values))
        return self.separator.join(values)
