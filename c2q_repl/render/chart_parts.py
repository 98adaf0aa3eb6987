"""Pieces every text chart shares: series colours, bars in eighths, legends."""

from __future__ import annotations

from c2q_repl.render.chart_data import Series
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.style import Painter
from c2q_repl.render.width import truncate

_EIGHTHS = " ▏▎▍▌▋▊▉"
#: ASCII bar symbols of successive series
SYMBOLS_ASCII = "#=+o%@"


def series_style(opts: RenderOptions, index: int) -> str:
    colours = opts.theme.chart_colors
    return colours[index % len(colours)] if colours else ""


def negative_style(opts: RenderOptions) -> str:
    """Colour of bars below zero: the theme's, else red when the theme has colours."""
    theme = opts.theme
    return theme.chart_negative or ("ansired" if theme.chart_colors else "")


def bar_text(fraction: float, room: int, opts: RenderOptions, symbol: str = "#") -> str:
    """A bar ``fraction`` (0..1) of ``room`` columns long, in eighths with Unicode."""
    fraction = min(1.0, max(0.0, fraction))
    if not opts.unicode:
        return symbol * round(fraction * room)
    eighths = round(fraction * room * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def legend(
    series: list[Series], opts: RenderOptions, painter: Painter, symbols: str = SYMBOLS_ASCII
) -> list[str]:
    """One line naming each series by its colour (Unicode) or symbol (ASCII)."""
    if len(series) < 2:
        return []
    parts = []
    for i, s in enumerate(series):
        mark = "■" if opts.unicode else symbols[i % len(symbols)]
        parts.append(
            painter.raw(mark, series_style(opts, i)) + " " + truncate(s.name, 24, opts.ellipsis)
        )
    return ["  ".join(parts)]
