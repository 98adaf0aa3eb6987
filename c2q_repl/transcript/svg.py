"""Draw a :class:`~c2q_repl.transcript.chartdata.Plot` as inline SVG.

Exported HTML must open offline and carry no script, so charts are plain SVG
elements written here: no library, no external font, every label escaped.

Numbers read as in the terminal (``2.90T``, ``-0.0292``); the left margin
grows with the widest y-axis label so none is clipped; bars below zero hang
from a dark zero line in their own colour; long titles wrap at word boundaries.
"""

from __future__ import annotations

import math
from html import escape

from c2q_repl.render.chart_data import format_number
from c2q_repl.render.width import word_lines
from c2q_repl.transcript.chartdata import Plot

PALETTE = (
    "#2f6fde",
    "#e3662b",
    "#2a9d63",
    "#c23b6e",
    "#8a5cd1",
    "#c99a12",
    "#1f9fb5",
    "#6b7a8f",
    "#d94c4c",
    "#4f8f2f",
    "#a0522d",
    "#3d4db7",
)
WIDTH, HEIGHT = 720, 360
#: bars below zero when one series is drawn (several series keep their own colours)
NEGATIVE = "#c8372d"
#: average advance of a 12 px DejaVu Sans character, a little generous (px)
CHAR_PX = 7.4
#: title characters per line at 15 px bold
TITLE_CHAR_PX = 9.6
#: bars that still get a value label each
MAX_VALUE_LABELS = 24


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tick_text(value: float) -> str:
    """A tick in the short form, without zeros a round tick does not need (75B, 2.5T)."""
    text = format_number(value)
    number, suffix = (text[:-1], text[-1]) if text[-1:] in "KMBT" else (text, "")
    if "." in number and "e" not in number:
        number = number.rstrip("0").rstrip(".")
    return number + suffix


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (always including 0 when in range)."""
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def chart_svg(data: Plot, width: int = WIDTH, height: int = HEIGHT) -> str:
    """One ``<svg>`` element (no XML prolog, no xmlns: it is inlined in HTML)."""
    lines = word_lines(data.title or "", int((width - 40) / TITLE_CHAR_PX))
    top = 40 + 18 * (len(lines) - 1)
    body = _pie(data, width, height, top) if data.kind == "pie" else _xy(data, width, height, top)
    title = escape(" ".join(lines))
    return (
        f'<svg class="chart" role="img" aria-label="{title or escape(data.kind + " chart")}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
        + "".join(
            f'<text class="title" x="{width / 2:.1f}" y="{20 + 18 * i}" text-anchor="middle" '
            f'font-size="15" font-weight="bold" fill="#222">{escape(line)}</text>'
            for i, line in enumerate(lines)
        )
        + body
        + "</svg>"
    )


def _legend(names: list[str], x: float, y: float) -> str:
    parts = []
    for i, name in enumerate(names):
        color = PALETTE[i % len(PALETTE)]
        yy = y + i * 18
        parts.append(
            f'<rect x="{x:.1f}" y="{yy:.1f}" width="12" height="12" fill="{color}"/>'
            f'<text x="{x + 17:.1f}" y="{yy + 10:.1f}" fill="#333">{escape(_short(name, 22))}</text>'
        )
    return "".join(parts)


def _xy(data: Plot, width: int, height: int, top: int = 40) -> str:
    multi = len(data.series) > 1
    values = [v for s in data.series for v in s.values if v is not None]
    ticks = nice_ticks(min(0.0, min(values)), max(0.0, max(values)))
    lo, hi = ticks[0], ticks[-1]
    tick_labels = [_tick_text(t) for t in ticks]
    # the widest y label fits, and so does the first rotated category label
    left = max(70, math.ceil(max(len(t) for t in tick_labels) * CHAR_PX) + 16)
    right, bottom = (170 if multi else 20), 86
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    out = []
    for t, label in zip(ticks, tick_labels):
        yy = y_of(t)
        out.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" stroke="#e5e5e5"/>'
            f'<text class="tick" x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#555">{escape(label)}</text>'
        )
    zero_stroke = "#333" if lo < 0 else "#999"
    out.append(
        f'<g class="axes" stroke="#999" stroke-width="1">'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>'
        f'<line class="zero" x1="{left}" y1="{y_of(0):.1f}" x2="{left + plot_w}" y2="{y_of(0):.1f}" '
        f'stroke="{zero_stroke}"/></g>'
    )
    n = len(data.categories)
    slot = plot_w / max(n, 1)
    label_every = max(1, math.ceil(n / 20))
    for i, cat in enumerate(data.categories):
        if i % label_every:
            continue
        cx = left + slot * (i + 0.5)
        ly = top + plot_h + 14
        out.append(
            f'<text x="{cx:.1f}" y="{ly}" text-anchor="end" fill="#333" '
            f'transform="rotate(-35 {cx:.1f} {ly})">{escape(_short(cat))}</text>'
        )
    if data.kind == "bar":
        group = slot * 0.8
        bar_w = group / len(data.series)
        labelled = n * len(data.series) <= MAX_VALUE_LABELS
        for si, series in enumerate(data.series):
            color = PALETTE[si % len(PALETTE)]
            for i, v in enumerate(series.values):
                if v is None:
                    continue
                x0 = left + slot * i + (slot - group) / 2 + si * bar_w
                y0, y1 = sorted((y_of(v), y_of(0)))
                fill = NEGATIVE if v < 0 and not multi else color
                kind = "bar negative" if v < 0 else "bar"
                text = escape(format_number(v))
                out.append(
                    f'<rect class="{kind}" x="{x0:.1f}" y="{y0:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                    f'height="{max(y1 - y0, 0.5):.1f}" fill="{fill}"><title>{escape(series.name)} · '
                    f"{escape(data.categories[i])}: {text}</title></rect>"
                )
                if labelled:  # the value at the bar's end: above a gain, below a loss
                    vy, ink = (y0 - 4, "#333") if v >= 0 else (y1 + 12, "#333")
                    if vy < top + 10 or vy > top + plot_h - 2:  # no room outside: inside the bar
                        vy, ink = (y0 + 12 if v >= 0 else y1 - 4), "#fff"
                    out.append(
                        f'<text class="value" x="{x0 + bar_w / 2:.1f}" y="{vy:.1f}" '
                        f'text-anchor="middle" font-size="11" fill="{ink}">{text}</text>'
                    )
    else:
        for si, series in enumerate(data.series):
            color = PALETTE[si % len(PALETTE)]
            points = [
                (left + slot * (i + 0.5), y_of(v))
                for i, v in enumerate(series.values)
                if v is not None
            ]
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(
                f'<polyline class="line" points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>'
            )
            if len(points) <= 60:  # dots only while they stay apart
                out.extend(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>' for x, y in points
                )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">'
        f"{escape(data.x_label)}{escape(f' (first {n} of {n + data.omitted})') if data.omitted else ''}</text>"
    )
    if multi:
        out.append(_legend([s.name for s in data.series], width - right + 16, top + 4))
    return "".join(out)


def _pie(data: Plot, width: int, height: int, top: int = 40) -> str:
    series = data.series[0]
    slices = [(c, v) for c, v in zip(data.categories, series.values) if v is not None and v > 0]
    total = sum(v for _, v in slices)
    if not slices or total <= 0:
        return f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#555">no positive values to plot</text>'
    radius = min(width * 0.5, height - top - 20) / 2
    cx, cy = 30 + radius, (top - 6) + (height - top + 6) / 2
    out = []
    angle = -math.pi / 2
    for i, (cat, v) in enumerate(slices):
        color = PALETTE[i % len(PALETTE)]
        sweep = 2 * math.pi * v / total
        tip = f"<title>{escape(cat)}: {escape(format_number(v))} ({v / total:.1%})</title>"
        if len(slices) == 1:
            out.append(
                f'<circle class="slice" cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{color}">{tip}</circle>'
            )
            break
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        angle += sweep
        x2, y2 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        large = 1 if sweep > math.pi else 0
        out.append(
            f'<path class="slice" d="M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} A{radius:.1f},{radius:.1f} 0 {large} 1 '
            f'{x2:.1f},{y2:.1f} Z" fill="{color}" stroke="#fff" stroke-width="1">{tip}</path>'
        )
    labels = [f"{cat} ({v / total:.0%})" for cat, v in slices[:14]]
    out.append(_legend(labels, cx + radius + 40, 44))
    return "".join(out)
