"""A fast table formatter whose output is byte-for-byte tabulate's.

tabulate spends most of its time guessing types cell by cell and walking
generic code paths. We already know every cell's text and each column's
alignment, so we measure each distinct string once and join strings.

Equivalence contract (checked by tests/render/test_tablefmt_identity.py)::

    "\\n".join(format_table(headers, columns, aligns, fmt))
    == tabulate(rows, headers, tablefmt=fmt, disable_numparse=True, colalign=aligns)

for single-line cells without escape sequences, ``aligns`` drawn from
"left", "right", "decimal", and every format in :data:`TABLE_FORMATS`.
(``columns`` is the rows transposed.) One more alignment, "aligned", is ours:
cells already lined up by the caller (abbreviated numbers such as ``57.9M``,
which tabulate cannot parse) are right-justified and otherwise left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from c2q_repl.render.width import WidthCache

#: tabulate's minimum gap between a header and the column edge
HEADER_MIN_PADDING = 2


@dataclass(frozen=True)
class Rule:
    """A horizontal line: begin, fill repeated over each column, separator, end.

    ``colons`` marks the pipe format's alignment line (``|:---|---:|``).
    """

    begin: str = ""
    fill: str = "-"
    sep: str = ""
    end: str = ""
    colons: bool = False


@dataclass(frozen=True)
class TableStyle:
    above: Rule | None
    below_header: Rule | None
    between_rows: Rule | None
    below: Rule | None
    header_row: tuple[str, str, str]
    data_row: tuple[str, str, str]
    padding: int
    #: lines left out when the table has headers
    hidden_with_headers: frozenset[str] = frozenset()

    @property
    def ascii_only(self) -> bool:
        parts = [self.header_row, self.data_row] + [
            (r.begin, r.fill, r.sep, r.end)
            for r in (self.above, self.below_header, self.between_rows, self.below)
            if r
        ]
        return all("".join(p).isascii() for p in parts)


def _boxed(
    top: str,
    mid: str,
    bottom: str,
    fill_top: str,
    fill_mid: str,
    fill_bottom: str,
    bar: str,
    between: str | None = None,
    between_fill: str | None = None,
) -> TableStyle:
    """A fully boxed style from its corner/junction characters.

    ``top``/``mid``/``bottom`` are 3-character strings: left, cross, right.
    """
    header_rule = Rule(mid[0], fill_mid, mid[1], mid[2])
    between_rule = (
        Rule(between[0], between_fill or fill_mid, between[1], between[2]) if between else None
    )
    return TableStyle(
        above=Rule(top[0], fill_top, top[1], top[2]),
        below_header=header_rule,
        between_rows=between_rule,
        below=Rule(bottom[0], fill_bottom, bottom[1], bottom[2]),
        header_row=(bar, bar, bar),
        data_row=(bar, bar, bar),
        padding=1,
    )


def _grid(
    top: str,
    mid: str,
    bottom: str,
    fill: str,
    bar: str,
    header_fill: str | None = None,
    header_mid: str | None = None,
    between: str | None = None,
    between_fill: str | None = None,
    *,
    lines_between: bool = True,
) -> TableStyle:
    """Grid family: ``lines_between`` False gives the matching "outline" style."""
    style = _boxed(
        top,
        header_mid or mid,
        bottom,
        fill,
        header_fill or fill,
        fill,
        bar,
        between or mid,
        between_fill or fill,
    )
    if not lines_between:
        style = TableStyle(
            style.above, style.below_header, None, style.below, style.header_row, style.data_row, 1
        )
    return style


def _grid_pair(name: str, *args: str, **kw: Any) -> dict[str, TableStyle]:
    return {
        f"{name}_grid" if name else "grid": _grid(*args, **kw),
        f"{name}_outline" if name else "outline": _grid(*args, lines_between=False, **kw),
    }


TABLE_FORMATS: dict[str, TableStyle] = {
    "plain": TableStyle(None, None, None, None, ("", "  ", ""), ("", "  ", ""), 0),
    "simple": TableStyle(
        Rule("", "-", "  ", ""),
        Rule("", "-", "  ", ""),
        None,
        Rule("", "-", "  ", ""),
        ("", "  ", ""),
        ("", "  ", ""),
        0,
        frozenset({"above", "below"}),
    ),
    "github": TableStyle(
        Rule("|", "-", "|", "|"),
        Rule("|", "-", "|", "|"),
        None,
        None,
        ("|", "|", "|"),
        ("|", "|", "|"),
        1,
        frozenset({"above"}),
    ),
    "pipe": TableStyle(
        Rule(colons=True),
        Rule(colons=True),
        None,
        None,
        ("|", "|", "|"),
        ("|", "|", "|"),
        1,
        frozenset({"above"}),
    ),
    "orgtbl": TableStyle(
        None, Rule("|", "-", "+", "|"), None, None, ("|", "|", "|"), ("|", "|", "|"), 1
    ),
    "jira": TableStyle(None, None, None, None, ("||", "||", "||"), ("|", "|", "|"), 1),
    "presto": TableStyle(None, Rule("", "-", "+", ""), None, None, ("", "|", ""), ("", "|", ""), 1),
    "psql": TableStyle(
        Rule("+", "-", "+", "+"),
        Rule("|", "-", "+", "|"),
        None,
        Rule("+", "-", "+", "+"),
        ("|", "|", "|"),
        ("|", "|", "|"),
        1,
    ),
    **_grid_pair("", "+++", "+++", "+++", "-", "|", header_fill="="),
    **_grid_pair("simple", "┌┬┐", "├┼┤", "└┴┘", "─", "│"),
    **_grid_pair("rounded", "╭┬╮", "├┼┤", "╰┴╯", "─", "│"),
    **_grid_pair("heavy", "┏┳┓", "┣╋┫", "┗┻┛", "━", "┃"),
    **_grid_pair(
        "mixed", "┍┯┑", "├┼┤", "┕┷┙", "━", "│", header_mid="┝┿┥", between="├┼┤", between_fill="─"
    ),
    **_grid_pair("double", "╔╦╗", "╠╬╣", "╚╩╝", "═", "║"),
    **_grid_pair(
        "fancy", "╒╤╕", "├┼┤", "╘╧╛", "═", "│", header_mid="╞╪╡", between="├┼┤", between_fill="─"
    ),
}

_THOUSANDS = re.compile(r"^(([+-]?[0-9]{1,3})(?:,([0-9]{3}))*)?(?(1)\.[0-9]*|\.[0-9]+)?$")
_PLAIN_INT = re.compile(r"[+-]?[0-9]+")
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
#: "1,234.57": a number to tabulate by its thousands-separator rule, never an int
_GROUPED_DECIMAL = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]*")


def _number_like(text: str) -> bool:
    """tabulate's idea of "could be a number" (float() works and is finite,
    or literally inf/nan, or digits with thousands separators)."""
    try:
        value = float(text)
    except (ValueError, TypeError):
        return bool(_THOUSANDS.match(text))
    return not (math.isinf(value) or math.isnan(value)) or text.lower() in ("inf", "-inf", "nan")


def _int_like(text: str) -> bool:
    try:
        int(text)
    except (ValueError, TypeError):
        return False
    return True


def digits_after_point(text: str) -> int:
    """How many characters follow the decimal point (or exponent), -1 if none;
    decimal alignment pads every cell of a column to the same count."""
    if _PLAIN_INT.fullmatch(text):
        return -1
    if _PLAIN_DECIMAL.fullmatch(text) or _GROUPED_DECIMAL.fullmatch(text):
        return len(text) - text.rfind(".") - 1
    if not _number_like(text) or _int_like(text):
        return -1
    pos = text.rfind(".")
    if pos < 0:
        pos = text.lower().rfind("e")
    return len(text) - pos - 1 if pos >= 0 else -1


class Decorate(Protocol):
    """Adds escape sequences to cell text after widths are known (colour)."""

    def header(self, col: int, text: str) -> str: ...

    def column(self, col: int, cells: list[str]) -> list[str] | None:
        """The column's cells with escapes, or None to leave it plain."""


@dataclass(frozen=True)
class TableLayout:
    """Cell texts after alignment preprocessing, their widths and column widths."""

    headers: list[str]
    columns: list[list[str]]
    cell_widths: list[list[int]]
    header_widths: list[int]
    col_widths: list[int]
    aligns: list[str]
    has_rows: bool
    #: per column: every cell is printable ASCII (width == len, fast padding)
    ascii_columns: list[bool]
    #: per column, the width cells are padded to; col_widths may differ from it
    #: because wcswidth is not additive (a spacing mark after a space gains a column)
    pad_widths: list[int]

    def total_width(self, style: TableStyle) -> int:
        """Printed width of the widest line (before trailing spaces are trimmed)."""
        row = style.header_row
        n = len(self.col_widths)
        return (
            len(row[0])
            + len(row[2])
            + sum(self.col_widths)
            + 2 * style.padding * n
            + len(row[1]) * max(0, n - 1)
        )


def layout_table(
    headers: Sequence[str], columns: Sequence[Sequence[str]], aligns: Sequence[str]
) -> TableLayout:
    """Measure a table: the expensive half of formatting, done once."""
    measure = WidthCache()
    has_rows = bool(columns) and bool(columns[0])
    out_cols: list[list[str]] = []
    out_widths: list[list[int]] = []
    col_widths: list[int] = []
    pad_widths: list[int] = []
    ascii_columns: list[bool] = []
    header_widths = [measure(h) for h in headers]
    for j, header_width in enumerate(header_widths):
        cells = list(columns[j]) if has_rows else []
        align = aligns[j] if has_rows else "left"
        if align == "decimal":
            # without '.', 'e' or 'E' nothing follows a point: skip the parse
            points = [
                digits_after_point(s) if ("." in s or "e" in s or "E" in s) else -1 for s in cells
            ]
            most = max(points, default=-1)
            cells = [s + " " * (most - p) if p < most else s for s, p in zip(cells, points)]
        elif align == "aligned":
            cells = list(cells)
        else:
            cells = [s.strip() for s in cells]
        joined = "".join(cells)
        plain = joined.isascii() and joined.isprintable()
        widths = list(map(len, cells)) if plain else [measure(s) for s in cells]
        min_width = header_width + HEADER_MIN_PADDING
        pad_width = max(max(widths, default=0), min_width)
        pad_widths.append(pad_width)
        if plain or not cells:
            col_widths.append(pad_width)
        else:
            col_widths.append(
                _padded_column_width(cells, widths, pad_width, min_width, align == "left", measure)
            )
        out_cols.append(cells)
        out_widths.append(widths)
        ascii_columns.append(plain)
    final_aligns = list(aligns) if has_rows else ["left"] * len(headers)
    return TableLayout(
        list(headers),
        out_cols,
        out_widths,
        header_widths,
        col_widths,
        final_aligns,
        has_rows,
        ascii_columns,
        pad_widths,
    )


def _padded_column_width(
    cells: list[str],
    widths: list[int],
    pad_width: int,
    min_width: int,
    left: bool,
    measure: WidthCache,
) -> int:
    """The widest padded cell, measured the way tabulate measures it.

    Padding adds ``pad_width - width`` spaces; the padded string usually
    measures ``pad_width`` but not always (a spacing mark right after a space
    counts), so the boundary effect is measured once per distinct text.
    """
    boundary: dict[str, int] = {}
    widest = min_width
    for s, w in zip(cells, widths):
        if w >= pad_width:
            widest = max(widest, w)
            continue
        delta = boundary.get(s)
        if delta is None:
            delta = boundary[s] = measure(s + " " if left else " " + s) - 1 - w
        widest = max(widest, pad_width + delta)
    return widest


def _rule_line(rule: Rule, padded_widths: list[int], aligns: list[str], has_rows: bool) -> str:
    if rule.colons:
        segments = []
        for w, a in zip(padded_widths, aligns if has_rows else [""] * len(padded_widths)):
            if a in ("right", "decimal", "aligned"):
                segments.append("-" * (w - 1) + ":")
            elif a == "left":
                segments.append(":" + "-" * (w - 1))
            else:
                segments.append("-" * w)
        return "|" + "|".join(segments) + "|"
    return (rule.begin + rule.sep.join(rule.fill * w for w in padded_widths) + rule.end).rstrip()


def render_layout(layout: TableLayout, fmt: str, decorate: Decorate | None = None) -> list[str]:
    """The table's lines in format ``fmt`` (a key of :data:`TABLE_FORMATS`)."""
    style = TABLE_FORMATS[fmt]
    if not layout.headers:
        return []
    pad = " " * style.padding
    widths = layout.col_widths
    padded_widths = [w + 2 * style.padding for w in widths]
    hidden = style.hidden_with_headers
    aligns = layout.aligns

    header_cells = []
    for j, (h, hw) in enumerate(zip(layout.headers, layout.header_widths)):
        text = decorate.header(j, h) if decorate else h
        gap = " " * max(0, widths[j] - hw)
        header_cells.append(pad + (text + gap if aligns[j] == "left" else gap + text) + pad)

    padded_columns: list[list[str]] = []
    for j, (cells, cell_widths) in enumerate(zip(layout.columns, layout.cell_widths)):
        w = layout.pad_widths[j]
        left = aligns[j] == "left"
        texts = decorate.column(j, cells) if decorate else None
        if texts is None and layout.ascii_columns[j]:  # len == width: C-level padding
            padded_columns.append(
                [pad + s.ljust(w) + pad for s in cells]
                if left
                else [pad + s.rjust(w) + pad for s in cells]
            )
            continue
        texts = texts or cells
        gaps = [" " * k for k in range(w + 2)]  # wcswidth is -1 for control characters
        if left:
            padded_columns.append(
                [
                    pad + s + gaps[w - sw] + pad if sw < w else pad + s + pad
                    for s, sw in zip(texts, cell_widths)
                ]
            )
        else:
            padded_columns.append(
                [
                    pad + gaps[w - sw] + s + pad if sw < w else pad + s + pad
                    for s, sw in zip(texts, cell_widths)
                ]
            )

    lines: list[str] = []
    if style.above and "above" not in hidden:
        lines.append(_rule_line(style.above, padded_widths, aligns, layout.has_rows))
    begin, sep, end = style.header_row
    lines.append((begin + sep.join(header_cells) + end).rstrip())
    if style.below_header and "below_header" not in hidden:
        lines.append(_rule_line(style.below_header, padded_widths, aligns, layout.has_rows))
    begin, sep, end = style.data_row
    rows = (
        [(begin + sep.join(cells) + end).rstrip() for cells in zip(*padded_columns)]
        if layout.has_rows
        else []
    )
    if rows and style.between_rows:
        between = _rule_line(style.between_rows, padded_widths, aligns, True)
        for row in rows[:-1]:
            lines.append(row)
            lines.append(between)
        lines.append(rows[-1])
    else:
        lines.extend(rows)
    if style.below and "below" not in hidden:
        lines.append(_rule_line(style.below, padded_widths, aligns, layout.has_rows))
    return lines


def format_table(
    headers: Sequence[str],
    columns: Sequence[Sequence[str]],
    aligns: Sequence[str],
    fmt: str,
    decorate: Decorate | None = None,
) -> list[str]:
    """Lay out and render in one call (see the module docstring for the contract)."""
    return render_layout(layout_table(headers, columns, aligns), fmt, decorate)
