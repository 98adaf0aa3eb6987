"""Result rows for JSON with numbers as JSON numbers, exactly as the database sent them.

The API sends most numbers as strings. Where a whole column is numeric its
cells become JSON numbers; whole numbers as Python ints (any size, exact), and
decimals written from their own digits, so ``0.1000000000000000055511151231257827``
or a DECIMAL(38,10) keeps every digit a float would lose. A column with a
leading-zero value ("02134") holds codes, and stays strings, like every other
non-numeric column.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*")
_INT_TEXT = re.compile(r"\s*[+-]?[0-9]+\s*")
_LEADING_ZERO = re.compile(r"\s*[+-]?0[0-9]")


@dataclass(frozen=True)
class ExactNumber:
    """A JSON number written from its decimal text, digit for digit."""

    text: str


def _numeric_cell(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) is not None


def numeric_columns(rows: Sequence[Sequence[Any]], width: int) -> list[bool]:
    """Per column: every non-empty cell a number and none a leading-zero code."""
    flags = []
    for j in range(width):
        present = [r[j] for r in rows if j < len(r) and r[j] is not None and r[j] != ""]
        flags.append(
            bool(present)
            and all(_numeric_cell(v) for v in present)
            and not any(isinstance(v, str) and _LEADING_ZERO.match(v) for v in present)
        )
    return flags


def json_number(value: Any) -> Any:
    """A numeric cell as an int, the float it already is, or an :class:`ExactNumber`."""
    if not isinstance(value, str):
        return value
    if _INT_TEXT.fullmatch(value):
        return int(value)
    try:
        return ExactNumber(str(Decimal(value.strip())))
    except InvalidOperation:  # pragma: no cover - the column check lets only numbers through
        return value


def typed_rows(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """``rows`` with the cells of numeric columns made numbers (others untouched)."""
    numeric = numeric_columns(rows, width)
    if not any(numeric):
        return [list(r) for r in rows]
    return [
        [
            json_number(v) if j < width and numeric[j] and v not in (None, "") else v
            for j, v in enumerate(r)
        ]
        for r in rows
    ]


def dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` that writes :class:`ExactNumber` as a bare number.

    Each one goes out as a string tagged with a marker made fresh for this
    call (no data can contain it), and the tags are then unquoted.
    """
    marker = f"c2q-exact-{secrets.token_hex(12)}:"
    outer = kwargs.pop("default", None)

    def default(obj: Any) -> Any:
        if isinstance(obj, ExactNumber):
            return marker + obj.text
        if outer is not None:
            return outer(obj)
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    text = json.dumps(value, default=default, **kwargs)
    if marker not in text:
        return text
    return re.sub(f'"{re.escape(marker)}([-+.0-9eE]+)"', r"\1", text)
