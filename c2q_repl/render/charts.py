"""Charts drawn with text: bar and pie as horizontal bars, line as a braille
(or ASCII) plot. Chart colours come from the theme; without Unicode the bars
are ``#`` and the plot uses ``*``.

Bars below zero grow to the left of a zero line, in the theme's negative
colour, so a loss never looks like a gain. A chart needs at least two rows
to compare: a single value is the table's job (and the headline's).
"""

from __future__ import annotations

from c2q_repl.api.models import ChartOptions, ResultData
from c2q_repl.render.chart_data import ChartData, category_series, format_number
from c2q_repl.render.chart_line import line_plot
from c2q_repl.render.chart_parts import (
    SYMBOLS_ASCII,
    bar_text,
    legend,
    negative_style,
    series_style,
)
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_text
from c2q_repl.render.style import Painter
from c2q_repl.render.width import pad_right, text_width, truncate, word_lines

CHARTS = ("BarChart", "LineChart", "PieChart")
MAX_BARS = 40
MAX_SLICES = 12


def render_chart(chart: ChartOptions, data: ResultData, opts: RenderOptions) -> list[str]:
    """The chart the service suggested, or [] when it is not a drawable kind
    or there is no data; problems with the data become a short note."""
    if (
        chart is None
        or chart.name not in CHARTS
        or data is None
        or len(data.rows) < 2
        or not data.columns
    ):
        return []
    painter = Painter(opts.theme, opts.styled)
    option = chart.option if isinstance(chart.option, dict) else {}
    if chart.name == "PieChart":
        prepared = category_series(option, data.columns, data.rows, x_key="label", y_key="value")
    else:
        prepared = category_series(option, data.columns, data.rows)
    title = clean_text(chart.title).replace("\n", " ").strip() or chart.name
    lines = [painter(t, "heading") for t in word_lines(title, max(8, opts.width), opts.ellipsis)]
    if isinstance(prepared, str):
        return lines + [painter(f"({prepared})", "muted")]
    if len(prepared.categories) < 2:
        return []  # one bar compares nothing
    if chart.name == "BarChart":
        body = _bars(prepared, opts, painter)
    elif chart.name == "LineChart":
        body = line_plot(prepared, opts, painter)
    else:
        body = _pie(prepared, opts, painter)
    notes = [painter(f"({note})", "muted") for note in prepared.notes]
    return lines + body + notes


def _bars(data: ChartData, opts: RenderOptions, painter: Painter) -> list[str]:
    rows = list(zip(data.categories, zip(*(s.values for s in data.series))))
    hidden = 0
    per_row = len(data.series)
    if len(rows) * per_row > MAX_BARS:
        keep = max(1, MAX_BARS // per_row)
        hidden, rows = len(rows) - keep, rows[:keep]
    label_width = min(max((text_width(c) for c, _ in rows), default=0), max(6, opts.width // 3))
    values = [v for _, vs in rows for v in vs if v is not None]
    value_width = max((len(format_number(v)) for v in values), default=1)
    axis = _ZeroAxis(values, max(4, opts.width - label_width - value_width - 3), opts)
    lines = legend(data.series, opts, painter)
    for category, vs in rows:
        label = pad_right(truncate(category, label_width, opts.ellipsis), label_width)
        for i, value in enumerate(vs):
            head = label if i == 0 else " " * label_width
            if value is None:
                lines.append(
                    f"{head} {axis.blank(painter)}{painter('–' if opts.unicode else '-', 'muted')}"
                )
                continue
            symbol = SYMBOLS_ASCII[i % len(SYMBOLS_ASCII)]
            bars = axis.bar(value, symbol, series_style(opts, i), painter)
            lines.append(f"{head} {bars} {format_number(value)}".rstrip())
    if hidden:
        lines.append(
            painter(
                f"… {hidden} more not shown" if opts.unicode else f"... {hidden} more not shown",
                "muted",
            )
        )
    return lines


class _ZeroAxis:
    """Where a bar starts: at the left edge when every value is positive, else
    at a zero line placed so both sides share one scale (diverging bars)."""

    def __init__(self, values: list[float], room: int, opts: RenderOptions) -> None:
        self.opts = opts
        below = max((-v for v in values if v < 0), default=0.0)
        above = max((v for v in values if v > 0), default=0.0)
        self.diverging = below > 0
        self.line = "│" if opts.unicode else "|"
        if not self.diverging:
            self.left, self.right = 0, room
            self.left_scale, self.right_scale = 1.0, above or 1.0
            return
        usable = max(2, room - 1)  # one column for the zero line
        # halves keep the sum finite for values near the float limit
        share = (below / 2) / (below / 2 + above / 2)
        self.left = min(usable - (1 if above else 0), max(1, round(usable * share)))
        self.right = usable - self.left
        self.left_scale, self.right_scale = below, above or 1.0

    def blank(self, painter: Painter) -> str:
        """The space before a missing value's dash (the zero line kept)."""
        if not self.diverging:
            return ""
        return " " * self.left + painter(self.line, "muted") + " "

    def bar(self, value: float, symbol: str, style: str, painter: Painter) -> str:
        opts = self.opts
        if not self.diverging:
            return painter.raw(bar_text(value / self.right_scale, self.right, opts, symbol), style)
        zero = painter(self.line, "muted")
        if value >= 0:
            right = bar_text(value / self.right_scale, self.right, opts, symbol)
            return " " * self.left + zero + painter.raw(pad_right(right, self.right), style)
        # whole cells: the eighth blocks only grow rightwards
        cells = max(1, round(-value / self.left_scale * self.left))
        left = ("█" if opts.unicode else symbol) * min(cells, self.left)
        return (
            " " * (self.left - len(left))
            + painter.raw(left, negative_style(opts))
            + zero
            + " " * self.right
        )


def _pie(data: ChartData, opts: RenderOptions, painter: Painter) -> list[str]:
    """Slices as labelled percentage bars, largest first, tail folded into "other"."""
    values = data.series[0].values
    # shares of the biggest value: summing huge values cannot overflow
    biggest = max((v for v in values if v is not None and v > 0), default=0.0) or 1.0
    totals: dict[str, float] = {}
    negatives = 0
    for category, value in zip(data.categories, values):
        if value is None:
            continue
        if value < 0:
            negatives += 1
            continue
        totals[category] = totals.get(category, 0.0) + value / biggest
    total = sum(totals.values())
    if negatives:
        data.notes.append(
            f"{negatives} negative value{'s' if negatives != 1 else ''} left out of the pie"
        )
    if total <= 0:
        return [painter("(nothing to divide: the values add up to zero)", "muted")]
    slices = sorted(totals.items(), key=lambda kv: -kv[1])
    if len(slices) > MAX_SLICES:
        rest = sum(v for _, v in slices[MAX_SLICES - 1 :])
        slices = slices[: MAX_SLICES - 1] + [("other", rest)]
    label_width = min(max(text_width(c) for c, _ in slices), max(6, opts.width // 3))
    room = max(4, opts.width - label_width - 9)
    lines = []
    for i, (category, value) in enumerate(slices):
        share = value / total
        label = pad_right(truncate(category, label_width, opts.ellipsis), label_width)
        bar = bar_text(share, room, opts, SYMBOLS_ASCII[i % len(SYMBOLS_ASCII)])
        percent = f"{share * 100:5.1f}%"
        lines.append(f"{label} {percent} {painter.raw(bar, series_style(opts, i))}".rstrip())
    return lines
