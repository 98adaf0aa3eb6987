"""From the service's chart suggestion and the result rows to plottable series.

The model names columns loosely ("Total Sales" for ``total_sales``), values
arrive as strings, and anything can be missing; this module resolves names
case/format-insensitively, falls back to sensible columns, and counts what it
had to skip so the chart can say so instead of silently lying.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from c2q_repl.render.numbers import compact, identifier_column
from c2q_repl.render.sanitize import clean_cell

MAX_SERIES = 8


@dataclass
class Series:
    name: str
    values: list[float | None]


@dataclass
class ChartData:
    """Categories along one axis and one or more numeric series over them."""

    categories: list[str]
    series: list[Series]
    notes: list[str] = field(default_factory=list)
    #: the column the categories come from ("" when unknown)
    label: str = ""


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def resolve_column(wanted: Any, columns: Sequence[str]) -> int | None:
    """Index of the column ``wanted`` names: exact, then ignoring case, then
    ignoring case, spaces and punctuation ("Total Sales" ~ ``total_sales``)."""
    if not isinstance(wanted, str) or not wanted.strip():
        return None
    for test in (
        lambda c: c == wanted,
        lambda c: c.casefold() == wanted.casefold(),
        lambda c: _squash(c) == _squash(wanted) != "",
    ):
        for i, col in enumerate(columns):
            if test(col):
                return i
    return None


def to_number(value: Any) -> float | None:
    """A finite float from a cell, or None (NULL, text, NaN, infinity, bool)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            return None
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?", text):
            return None
        number = float(text.rstrip("%"))
    else:
        return None
    return number if math.isfinite(number) else None


def numeric_columns(rows: Sequence[Sequence[Any]], ncols: int) -> list[int]:
    """Columns whose non-empty cells are mostly numbers."""
    out = []
    for j in range(ncols):
        cells = [r[j] for r in rows if j < len(r) and r[j] not in (None, "")]
        if cells and sum(to_number(c) is not None for c in cells) * 2 > len(cells):
            out.append(j)
    return out


def _option_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if value not in (None, "") else []


def _cell(row: Sequence[Any], j: int) -> Any:
    return row[j] if j < len(row) else None


def category_series(
    option: dict[str, Any],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    x_key: str = "x",
    y_key: str = "y",
) -> ChartData | str:
    """Series for bar/line/pie charts, or a sentence saying why there is none."""
    numeric = numeric_columns(rows, len(columns))
    wanted_ys = {resolve_column(y, columns) for y in _option_list(option.get(y_key))}
    x = label_column(resolve_column(option.get(x_key), columns), columns, rows, numeric, wanted_ys)
    if x is None:
        return "no column tells the rows apart"
    ys = [
        j
        for j in (resolve_column(y, columns) for y in _option_list(option.get(y_key)))
        if j is not None and j != x
    ]
    notes: list[str] = []
    if not ys:
        ys = [j for j in numeric if j != x]
        if _option_list(option.get(y_key)) and ys:
            notes.append("chart columns not found in the result; plotting the numeric columns")
    if not ys:
        return "no numeric column to chart"
    pivot = resolve_column(option.get("pivot_column"), columns)
    if pivot is not None and pivot not in (x, *ys):
        return _pivoted(rows, x, ys[0], pivot, columns, notes)
    ys = ys[:MAX_SERIES]
    categories: list[str] = []
    series = [Series(clean_cell(columns[j]), []) for j in ys]
    skipped = 0
    for row in rows:
        categories.append(_label(_cell(row, x)))
        for s, j in zip(series, ys):
            value = to_number(_cell(row, j))
            if value is None and _cell(row, j) not in (None, ""):
                skipped += 1
            s.values.append(value)
    if skipped:
        notes.append(f"{skipped} non-numeric value{'s' if skipped != 1 else ''} skipped")
    if all(v is None for s in series for v in s.values):
        return "no numeric values to chart"
    return ChartData(categories, series, notes, clean_cell(columns[x]))


def _distinct(rows: Sequence[Sequence[Any]], j: int) -> int:
    return len({_label(_cell(r, j)) for r in rows})


def label_column(
    suggested: int | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    numeric: Sequence[int],
    measures: set[int | None],
) -> int | None:
    """The column whose values tell the rows apart: the suggested one unless it
    is the same on every row, else the text column with the most distinct
    values, else a numeric label such as a year or an id; None when no
    column varies (every bar would carry the same label)."""
    if suggested is not None and (len(rows) < 2 or _distinct(rows, suggested) > 1):
        return suggested
    if len(rows) < 2:
        return next((j for j in range(len(columns)) if j not in numeric), 0)
    candidates = [j for j in range(len(columns)) if j != suggested and j not in measures]
    text = [j for j in candidates if j not in numeric]
    labels = [
        j
        for j in candidates
        if j in numeric and identifier_column(columns[j], [_cell(r, j) for r in rows])
    ]
    for group in (text, labels):
        best = max(group, key=lambda j: _distinct(rows, j), default=None)
        if best is not None and _distinct(rows, best) > 1:
            return best
    return None


def _label(value: Any) -> str:
    return "NULL" if value is None else clean_cell(value)


def _pivoted(
    rows: Sequence[Sequence[Any]],
    x: int,
    y: int,
    pivot: int,
    columns: Sequence[str],
    notes: list[str],
) -> ChartData | str:
    """One series per distinct value of the pivot column."""
    categories: list[str] = []
    names: list[str] = []
    cells: dict[tuple[str, str], float] = {}
    skipped = dropped = 0
    for row in rows:
        cat, name = _label(_cell(row, x)), _label(_cell(row, pivot))
        value = to_number(_cell(row, y))
        if value is None:
            skipped += _cell(row, y) not in (None, "")
            continue
        if name not in names:
            if len(names) >= MAX_SERIES:
                dropped += 1
                continue
            names.append(name)
        if cat not in categories:
            categories.append(cat)
        cells[(cat, name)] = cells.get((cat, name), 0.0) + value
    if not names:
        return "no numeric values to chart"
    if skipped:
        notes.append(f"{skipped} non-numeric value{'s' if skipped != 1 else ''} skipped")
    if dropped:
        notes.append(f"only the first {MAX_SERIES} {clean_cell(columns[pivot])} values are shown")
    series = [Series(n, [cells.get((c, n)) for c in categories]) for n in names]
    return ChartData(categories, series, notes, clean_cell(columns[x]))


def format_number(value: float) -> str:
    """Short text for an axis or bar label, in the readable form tables use
    (``12,345``, ``0.00114``; ``57.9M`` and ``2.90T`` from a million up)."""
    return compact(value)
