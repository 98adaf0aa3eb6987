"""Line charts on a text grid: braille dots (2x4 per cell) with Unicode,
plain ``*`` marks without it. Categories are spaced evenly in row order,
the y axis is labelled with its top, middle and bottom values.
"""

from __future__ import annotations

from collections.abc import Callable

from c2q_repl.render.chart_data import ChartData, format_number
from c2q_repl.render.chart_parts import legend, series_style
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.style import Painter
from c2q_repl.render.width import text_width, truncate

# bit of each dot in a braille cell, indexed [row][column] inside the cell
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
#: ASCII marks of successive series
LINE_SYMBOLS = "*o+x@%"


class _Canvas:
    """A grid of cells; each remembers its dots (or mark) and which series drew last."""

    def __init__(self, cols: int, rows: int, braille: bool) -> None:
        self.cols, self.rows, self.braille = cols, rows, braille
        self.sub_x, self.sub_y = (2, 4) if braille else (1, 1)
        self.bits = [[0] * cols for _ in range(rows)]
        self.marks = [[" "] * cols for _ in range(rows)]
        self.owner = [[-1] * cols for _ in range(rows)]

    @property
    def width(self) -> int:
        return self.cols * self.sub_x

    @property
    def height(self) -> int:
        return self.rows * self.sub_y

    def dot(self, x: int, y: int, series: int, mark: str) -> None:
        """Set pixel (x, y); y grows upwards from the bottom of the plot."""
        if not (0 <= x < self.width and 0 <= y < self.height):
            return
        row_from_top = self.height - 1 - y
        cy, cx = divmod(row_from_top, self.sub_y)[0], x // self.sub_x
        if self.braille:
            self.bits[cy][cx] |= _BRAILLE_BITS[row_from_top % 4][x % 2]
        else:
            self.marks[cy][cx] = mark
        self.owner[cy][cx] = series

    def line(self, x0: int, y0: int, x1: int, y1: int, series: int, mark: str) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in range(steps + 1):
            self.dot(
                round(x0 + (x1 - x0) * k / steps), round(y0 + (y1 - y0) * k / steps), series, mark
            )

    def text_rows(
        self, paint: Callable[[str, int], str], baseline: int | None = None, rule: str = " "
    ) -> list[str]:
        """Rows of glyphs; empty cells of row ``baseline`` show ``rule`` (the zero line)."""
        out = []
        for cy in range(self.rows):
            cells = []
            for cx in range(self.cols):
                glyph = (
                    chr(0x2800 + self.bits[cy][cx])
                    if self.braille and self.bits[cy][cx]
                    else self.marks[cy][cx]
                )
                if self.braille and not self.bits[cy][cx]:
                    glyph = " "
                if glyph == " " and cy == baseline:
                    glyph = rule
                cells.append(paint(glyph, self.owner[cy][cx]) if self.owner[cy][cx] >= 0 else glyph)
            out.append("".join(cells))
        return out


def line_plot(data: ChartData, opts: RenderOptions, painter: Painter) -> list[str]:
    values = [v for s in data.series for v in s.values if v is not None]
    low, high = min(values), max(values)
    flat = high / 2 - low / 2 <= 0  # every value the same: one level, in the middle
    labels = (
        ["", format_number(low), ""]
        if flat
        else [format_number(high), format_number(high / 2 + low / 2), format_number(low)]
    )
    label_width = max(len(t) for t in labels)
    rows = max(3, opts.chart_height)
    canvas = _Canvas(max(8, opts.width - label_width - 2), rows, opts.unicode)
    n = len(data.categories)

    def px(i: int) -> int:
        return (canvas.width - 1) // 2 if n == 1 else round(i * (canvas.width - 1) / (n - 1))

    def py(v: float) -> int:
        if flat:
            return (canvas.height - 1) // 2
        # halves keep (high - low) finite even for values near the float limit
        return round((v / 2 - low / 2) / (high / 2 - low / 2) * (canvas.height - 1))

    for si, s in enumerate(data.series):
        mark = LINE_SYMBOLS[si % len(LINE_SYMBOLS)]
        previous = None
        for i, v in enumerate(s.values):
            if v is None:
                previous = None
                continue
            point = (px(i), py(v))
            if previous is not None:
                canvas.line(*previous, *point, si, mark)
            else:
                canvas.dot(*point, si, mark)
            previous = point

    # values on both sides of zero: a dotted zero line, labelled, so losses read as losses
    zero = (canvas.height - 1 - py(0.0)) // canvas.sub_y if low < 0 < high else None
    plot = canvas.text_rows(
        lambda glyph, owner: painter.raw(glyph, series_style(opts, owner)),
        zero,
        painter("┄" if opts.unicode else "-", "muted"),
    )
    axis, corner, tick = ("│", "└", "┤") if opts.unicode else ("|", "+", "+")
    mid = rows // 2
    lines = legend(data.series, opts, painter, LINE_SYMBOLS)
    row_labels = {0: labels[0], mid: labels[1], rows - 1: labels[2]}
    if zero is not None and zero not in (0, rows - 1):
        row_labels[zero] = "0"
        if abs(zero - mid) <= 1 and zero != mid:
            row_labels.pop(mid)  # two labels on neighbouring rows would read as one
        label_width = max(label_width, 1)
    for r, text in enumerate(plot):
        label = row_labels.get(r, "")
        lines.append(f"{label:>{label_width}} {tick if label else axis}{text}".rstrip())
    lines.append(" " * label_width + " " + corner + ("─" if opts.unicode else "-") * canvas.cols)
    lines.append(_x_labels(data.categories, label_width + 2, canvas.cols, opts))
    return lines


def _x_labels(categories: list[str], indent: int, cols: int, opts: RenderOptions) -> str:
    """First and last category under the axis ends (and the middle one when it fits)."""
    room = max(4, cols // 3)
    first = truncate(categories[0], room, opts.ellipsis)
    if len(categories) == 1:
        return (" " * indent + first).rstrip()
    last = truncate(categories[-1], room, opts.ellipsis)
    middle = (
        truncate(categories[len(categories) // 2], room, opts.ellipsis)
        if len(categories) > 2
        else ""
    )
    gap = cols - text_width(first) - text_width(last)
    if middle and gap - text_width(middle) >= 4:
        left = (cols // 2) - text_width(middle) // 2 - text_width(first)
        right = gap - text_width(middle) - left
        if left >= 2 and right >= 2:
            return " " * indent + first + " " * left + middle + " " * right + last
    return " " * indent + first + " " * max(2, gap) + last
