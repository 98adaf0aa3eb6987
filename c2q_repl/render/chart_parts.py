"""Pieces every text chart shares: series colours, bars in eighths, legends."""

from __future__ import annotations

from c2q_repl.render.chart_data import Series
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.style import Painter
from c2q_repl.render.width import text_width, truncate

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


def title_lines(title: str, width: int, ellipsis: str = "…", max_lines: int = 2) -> list[str]:
    """``title`` wrapped at word boundaries into at most ``max_lines`` lines of
    ``width`` columns; what does not fit ends at a whole word and ``ellipsis``."""
    width = max(8, width)
    lines: list[str] = []
    words = title.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        if text_width(line) > width:  # one word longer than the line: cut it
            line = truncate(line, width, ellipsis)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while text_width(last + ellipsis) > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        if text_width(last + ellipsis) > width:  # a single word filling the line
            last = truncate(last, width - text_width(ellipsis), "")
        lines[-1] = last + ellipsis
    return lines


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
