"""Turn an answer's ``chart_options`` and rows into plottable series.

Chat2Query describes a chart by column names (BarChart/LineChart
``{x, y, pivot_column}``, PieChart ``{label, value}``) and sends cells mostly
as strings, so this module resolves the names, pivots, and parses numbers.
Pure: the HTML exporter draws the result as SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from c2q_repl.api.models import ChartOptions

MAX_CATEGORIES = 60


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class ChartData:
    kind: str  # "bar", "line" or "pie"
    title: str
    x_label: str
    categories: list[str]
    series: list[Series]
    #: categories dropped to keep the chart readable
    omitted: int = 0


def number(value: Any) -> float | None:
    """A cell as a finite float, or None (text, NULL, NaN, inf)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.strip().replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def _label(value: Any) -> str:
    return "NULL" if value is None else str(value)


def _column(columns: Sequence[str], name: Any) -> int | None:
    if isinstance(name, str) and name:
        lowered = [c.lower() for c in columns]
        if name in columns:
            return list(columns).index(name)
        if name.lower() in lowered:
            return lowered.index(name.lower())
    return None


def _numeric_columns(columns: Sequence[str], rows: Sequence[Sequence[Any]], skip: set[int]) -> list[int]:
    out = []
    for i in range(len(columns)):
        if i in skip:
            continue
        cells = [r[i] for r in rows if i < len(r) and r[i] is not None]
        if cells and all(number(c) is not None for c in cells):
            out.append(i)
    return out


def chart_data(chart: ChartOptions | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> ChartData | None:
    """Series for a Bar/Line/Pie chart, or None when there is nothing to plot."""
    if chart is None or not columns or not rows:
        return None
    kind = {"BarChart": "bar", "LineChart": "line", "PieChart": "pie"}.get(chart.name)
    if kind is None:
        return None
    option = chart.option or {}
    if kind == "pie":
        label = _column(columns, option.get("label"))
        value = _column(columns, option.get("value"))
        label = 0 if label is None else label
        if value is None:
            numeric = _numeric_columns(columns, rows, {label})
            value = numeric[0] if numeric else None
        if value is None:
            return None
        return _build(kind, chart.title, columns[label], rows, label, [value], None, columns)
    x = _column(columns, option.get("x"))
    x = 0 if x is None else x
    ys_raw = option.get("y")
    ys = [_column(columns, y) for y in (ys_raw if isinstance(ys_raw, list) else [ys_raw])]
    y_cols = [y for y in ys if y is not None and y != x]
    pivot = _column(columns, option.get("pivot_column"))
    if not y_cols:
        y_cols = _numeric_columns(columns, rows, {x} | ({pivot} if pivot is not None else set()))[:4]
    if not y_cols:
        return None
    return _build(kind, chart.title, columns[x], rows, x, y_cols, pivot, columns)


def _build(kind: str, title: str, x_label: str, rows: Sequence[Sequence[Any]], x: int, y_cols: list[int],
           pivot: int | None, columns: Sequence[str]) -> ChartData | None:
    categories: list[str] = []
    index: dict[str, int] = {}
    table: dict[str, dict[str, float | None]] = {}
    names: list[str] = []
    for row in rows:
        if x >= len(row):
            continue
        cat = _label(row[x])
        if cat not in index:
            index[cat] = len(categories)
            categories.append(cat)
        for y in y_cols:
            if y >= len(row):
                continue
            name = f"{_label(row[pivot])}" if pivot is not None and pivot < len(row) else columns[y]
            if pivot is not None and len(y_cols) > 1:
                name = f"{name} · {columns[y]}"
            if name not in table:
                table[name] = {}
                names.append(name)
            value = number(row[y])
            if value is not None:
                table[name][cat] = table[name].get(cat, 0.0) + value
    omitted = max(0, len(categories) - MAX_CATEGORIES)
    categories = categories[:MAX_CATEGORIES]
    series = [Series(n, [table[n].get(c) for c in categories]) for n in names[:12]]
    if not any(v is not None for s in series for v in s.values):
        return None
    return ChartData(kind, title, x_label, categories, series, omitted)
