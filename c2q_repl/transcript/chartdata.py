"""What an exported chart plots: the terminal's series, plus what SVG needs on top.

The series come from :func:`c2q_repl.render.chart_data.category_series`, the
same resolution the REPL uses for its text charts, so an HTML export plots
exactly the columns the terminal did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from c2q_repl.api.models import ChartOptions
from c2q_repl.render.chart_data import ChartData, Series, category_series, resolve_column

#: categories plotted at most: bars stay readable; a line (a time series) keeps far more points
MAX_CATEGORIES = {"bar": 60, "line": 2000, "pie": 60}
KINDS = {"BarChart": "bar", "LineChart": "line", "PieChart": "pie"}


@dataclass(frozen=True)
class Plot:
    kind: str  # "bar", "line" or "pie"
    title: str
    x_label: str
    categories: list[str]
    series: list[Series]
    notes: list[str]
    #: categories dropped to keep the chart readable
    omitted: int = 0


def plot_for(
    chart: ChartOptions | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Plot | None:
    """The plot for a Bar/Line/Pie suggestion, or None when there is nothing to draw."""
    if chart is None or chart.name not in KINDS or not columns or not rows:
        return None
    option = chart.option if isinstance(chart.option, dict) else {}
    kind = KINDS[chart.name]
    x_key, y_key = ("label", "value") if kind == "pie" else ("x", "y")
    data = category_series(option, columns, rows, x_key=x_key, y_key=y_key)
    if isinstance(data, str):
        return None
    x = resolve_column(option.get(x_key), columns)
    if kind == "pie":
        data = _pie_totals(data)
    limit = MAX_CATEGORIES[kind]
    omitted = max(0, len(data.categories) - limit)
    series = [Series(s.name, s.values[:limit]) for s in data.series]
    return Plot(
        kind,
        chart.title,
        data.label or (columns[x] if x is not None else ""),
        data.categories[:limit],
        series,
        list(data.notes),
        omitted,
    )


def _pie_totals(data: ChartData) -> ChartData:
    """One slice per category (repeated labels add up), negative and empty values left out."""
    totals: dict[str, float] = {}
    for category, value in zip(data.categories, data.series[0].values):
        if value is not None and value > 0:
            totals[category] = totals.get(category, 0.0) + value
    return ChartData(list(totals), [Series(data.series[0].name, list(totals.values()))], data.notes)
