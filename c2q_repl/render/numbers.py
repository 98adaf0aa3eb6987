"""Numbers as people read them: ``1,234,567``, ``0.00114``, ``$2.90T``.

The form is chosen per *column*, never per cell: a column is numeric only when
every non-empty cell is a number, and a column that holds identifiers (a year,
a zip code, an ``id``, digits with leading zeros) keeps its digits as sent.

Three forms (the ``numbers`` display setting):

* ``readable`` (default): thousands separators; values under 1 to three
  significant digits (``0.0011428571428571453`` → ``0.00114``); values from 1
  up keep at most two decimals; from a million up, whole numbers.
* ``human``: like readable, but columns of large values are abbreviated
  (``57.9M``, ``$2.90T`` when the column name says money).
* ``raw``: the text exactly as the database sent it.

Every formatted cell stays a number tabulate recognises (or, for ``human``,
the column is aligned here), so decimal points still line up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

NUMBER_FORMS = ("readable", "human", "raw")

#: texts the readable form keeps but for separators: under a million, at most two
#: decimals, no sign or zero a reader would not write ("+5", "-0", "0.00")
_SHORT_DECIMAL = r"(?:-?[1-9][0-9]{0,5}(?:\.[0-9]{1,2})?|-?0\.(?:0[1-9]|[1-9][0-9]?)|0)"
_SHORT_DECIMAL_LINES = re.compile(f"{_SHORT_DECIMAL}(?:\n{_SHORT_DECIMAL})*")
#: where a comma goes: after a digit followed by whole groups of three up to the point
_THOUSANDS_GAP = re.compile(r"(?<=[0-9])(?=(?:[0-9]{3})+(?:\.|$))", re.MULTILINE)
_GROUPED = "{:,}".format
_INT_LINES = re.compile(r"[+-]?[0-9]+(?:\n[+-]?[0-9]+)*")
_LEADING_ZERO = re.compile(r"^\s*[+-]?0[0-9]", re.MULTILINE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: words of a column name whose digits are labels, not quantities
_IDENTIFIER_WORDS = _word_set(
    "id ids uid uuid year years yr fy zip zipcode postal postcode code phone cik isbn ean upc "
    "sku ssn rank month day quarter week hour version port pid"
)
#: a last word that makes the column a label ("account_number", "order_no")
_IDENTIFIER_LAST = frozenset({"number", "no", "num", "nr"})
#: words of a column name that say money (the human form puts "$" in front)
_MONEY_WORDS = _word_set(
    "cap marketcap price prices revenue revenues sales income profit profits cost costs salary "
    "salaries amount usd dollar dollars earnings ebitda spend spending budget valuation assets "
    "debt cash wage wages payment payments fee fees turnover"
)
_NOT_MONEY_WORDS = _word_set("pct percent ratio rate count shares volume qty growth")
_SUFFIXES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"))
_HUMAN_FROM = Decimal(10) ** 6
#: a thousand trillion and up: no suffix reads well any more
_SCIENTIFIC_HUMAN_FROM = Decimal(10) ** 15
_WHOLE_FROM = Decimal(10) ** 6
_ONE = Decimal(1)
#: beyond this, whole digits stop meaning anything to a reader: scientific form
_SCIENTIFIC_FROM = Decimal(10) ** 30
#: rounding context wide enough for any value shown positionally
_EXACT = Context(prec=80, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)


def is_number(value: object) -> bool:
    """A cell the table treats as a number (not bool, finite)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and _to_decimal(value) is not None


def _to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    text = repr(value) if isinstance(value, float) else value
    if not isinstance(text, str):
        return None
    try:
        number = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def name_words(name: str) -> list[str]:
    """``"marketCap_USD"`` → ``["market", "cap", "usd"]`` (camelCase and any separator)."""
    return re.findall(r"[a-z]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).lower())


def identifier_column(name: str, cells: Sequence[object]) -> bool:
    """Digits that label rather than count: keep them exactly as sent."""
    words = name_words(name)
    if (
        _IDENTIFIER_WORDS.intersection(words)
        or (len(words) > 1 and words[-1] in _IDENTIFIER_LAST)
        or any(w.endswith("year") for w in words)  # "fiscalyear"
    ):
        return True
    texts = [c for c in cells if isinstance(c, str)]
    return bool(texts) and _LEADING_ZERO.search("\n".join(texts)) is not None


def money_column(name: str) -> bool:
    words = set(name_words(name))
    return bool(words & _MONEY_WORDS) and not words & _NOT_MONEY_WORDS


def _positional(number: Decimal) -> str:
    """Fixed-point text of ``number`` with thousands separators (no exponent)."""
    return format(number, ",f")


def readable_decimal(number: Decimal) -> str:
    """One value in the readable form (see the module docstring)."""
    if number == 0:
        return "0"
    magnitude = abs(number)
    if magnitude >= _SCIENTIFIC_FROM:
        return f"{float(number):.3g}"
    if magnitude >= _WHOLE_FROM:
        return _positional(number.quantize(_ONE, context=_EXACT))
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if magnitude >= 1:
        if decimals > 2:
            rounded = number.quantize(Decimal("0.01"), context=_EXACT)
            return _positional(_trim(rounded))
        return _positional(number)
    if decimals <= 3:
        return _positional(number)
    return f"{float(number):.3g}".replace("e-0", "e-")


def _trim(number: Decimal) -> Decimal:
    """Drop zeros that rounding left at the end (``1.00`` → ``1``), never integer digits."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text or "0")


def human_decimal(number: Decimal, money: bool = False) -> str:
    """Abbreviated: three significant digits and K/M/B/T, ``$`` for money."""
    sign = "-" if number < 0 else ""
    magnitude = abs(number)
    prefix = "$" if money else ""
    if magnitude >= _SCIENTIFIC_HUMAN_FROM:
        return f"{sign}{prefix}{float(magnitude):.3g}"
    for k, (scale, suffix) in enumerate(_SUFFIXES):
        if magnitude >= scale:
            digits = _three_digits(magnitude / scale)
            if digits == "1,000" and k > 0:  # 999.96M reads as 1.00B
                scale, suffix = _SUFFIXES[k - 1]
                digits = _three_digits(magnitude / scale)
            return f"{sign}{prefix}{digits}{suffix}"
    text = readable_decimal(magnitude)
    return f"{sign}{prefix}{text}" if text != "0" else "0"


def _three_digits(value: Decimal) -> str:
    """``2.8961`` → ``2.90``, ``57.93`` → ``57.9``, ``310.2`` → ``310``."""
    places = 2 if value < 10 else 1 if value < 100 else 0
    text = format(value.quantize(Decimal(1).scaleb(-places), context=_EXACT), "f")
    if text in ("1000", "1000.0", "1000.00"):
        return "1,000"
    return _positional(Decimal(text)) if places == 0 else text


def readable_text(text: str) -> str:
    """The readable form of a number's text; plain decimals skip the Decimal
    parse where no rounding is needed."""
    whole, _, fraction = text.partition(".")
    digits = whole[1:] if whole[:1] in "+-" else whole
    if not (digits.isdigit() and digits.isascii() and (not fraction or fraction.isdigit())):
        number = _to_decimal(text)
        return text if number is None else readable_decimal(number)
    if not fraction:
        return f"{int(whole):,}"
    value = float(text)
    magnitude = abs(value)
    if magnitude >= 1e6:
        return readable_decimal(Decimal(text))
    if magnitude >= 1:
        if len(fraction) <= 2:
            return f"{int(whole):,}.{fraction}"
        if len(text) <= 15 and fraction[2:].rstrip("0") != "5":
            # not a tie, and few enough digits that the float rounds like the decimal
            return f"{value:,.2f}".rstrip("0").rstrip(".")
        return readable_decimal(Decimal(text))  # a tie rounds half up, as people do
    if value == 0:
        return "0"
    if len(fraction) <= 3 and whole.lstrip("+-") in ("0", ""):
        return f"{'-' if value < 0 else ''}0.{fraction}"
    return f"{value:.3g}".replace("e-0", "e-")


def readable(value: object) -> str:
    """A single value in the readable form (headlines, chart labels); text passes through."""
    number = _to_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return readable_decimal(number)


def compact(value: float) -> str:
    """Short form for chart labels and axes: readable below a million, ``57.9M`` above."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    number = Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    if abs(number) >= _HUMAN_FROM:
        return human_decimal(number)
    return readable_decimal(number)


def _plain_texts(cells: list[object]) -> list[str] | None:
    """Each cell as number text (NULL and "" kept as None), or None when a
    cell is neither int, float nor text."""
    if set(map(type, cells)) <= {str, type(None)}:  # the API's usual shape: all text
        return [None if c is None or c == "" else c for c in cells]  # type: ignore[misc]
    out: list[str | None] = []
    for c in cells:
        if c is None or c == "":
            out.append(None)
        elif isinstance(c, str):
            out.append(c.strip())
        elif isinstance(c, int) and not isinstance(c, bool):
            out.append(str(c))
        elif isinstance(c, float):
            out.append(repr(c))
        else:
            return None
    return out  # type: ignore[return-value]


def format_column(
    name: str, cells: list[object], form: str, null_text: str
) -> tuple[list[str], bool] | None:
    """Texts of a numeric column in ``form``, and whether they are pre-aligned
    (right-justified here, points lined up); None to keep the text as sent."""
    if form == "raw" or identifier_column(name, cells):
        return None
    if form == "readable":
        texts = _plain_texts(cells)
        if texts is not None:
            present = "\n".join(t for t in texts if t is not None)
            if _INT_LINES.fullmatch(present):  # whole numbers: group the digits, nothing else
                if None not in texts:  # the common case, looped in C
                    return list(map(_GROUPED, map(int, texts))), False
                return [
                    (null_text if c is None else "") if t is None else f"{int(t):,}"
                    for c, t in zip(cells, texts)
                ], False
            if _SHORT_DECIMAL_LINES.fullmatch(present):  # 123.45: only separators to add
                grouped = iter(_THOUSANDS_GAP.sub(",", present).split("\n"))
                return [
                    (null_text if c is None else "") if t is None else next(grouped)
                    for c, t in zip(cells, texts)
                ], False
            return [
                (null_text if c is None else "") if t is None else readable_text(t)
                for c, t in zip(cells, texts)
            ], False
    numbers = [None if c is None or c == "" else _to_decimal(c) for c in cells]
    if any(n is None and c is not None and c != "" for c, n in zip(cells, numbers)):
        return None  # NaN or infinity: show what was sent
    if form == "human":
        biggest = max((abs(n) for n in numbers if n is not None), default=Decimal(0))
        if biggest >= _HUMAN_FROM:
            money = money_column(name)
            texts = [
                (null_text if c is None else "") if n is None else human_decimal(n, money)
                for c, n in zip(cells, numbers)
            ]
            return align_points(texts, {i for i, n in enumerate(numbers) if n is None}), True
    texts = [
        (null_text if c is None else "") if n is None else readable_decimal(n)
        for c, n in zip(cells, numbers)
    ]
    return texts, False


def align_points(texts: list[str], skip: set[int]) -> list[str]:
    """Pad on the right so decimal points (or their place) line up; rows in
    ``skip`` (NULLs, blanks) are left as they are."""

    def tail(s: str) -> int:
        point = s.find(".")
        if point >= 0:
            return len(s) - point
        digits = len(s.rstrip("KMBT"))
        return len(s) - digits

    tails = [tail(s) if i not in skip else 0 for i, s in enumerate(texts)]
    most = max(tails, default=0)
    return [s if i in skip else s + " " * (most - t) for i, (s, t) in enumerate(zip(texts, tails))]
