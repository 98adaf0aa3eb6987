"""Result rows -> table lines: cell text, NULLs, truncation, alignment, colour,
and the vertical (``\\x``-style) record view for results wider than the screen.

Numbers are recognised per column (every non-NULL cell numeric) and aligned
on the decimal point exactly as tabulate's default ``numalign="decimal"`` does;
everything else is left-aligned. How a numeric column's text looks is the
``numbers`` option (:mod:`c2q_repl.render.numbers`): readable by default
(``1,234,567``, ``0.00114``), abbreviated (``57.9M``), or raw - exactly the
text sent, so "1.50" stays "1.50" and a 22-digit id keeps all its digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from c2q_repl.render.numbers import format_column
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_cell
from c2q_repl.render.style import RESET, Painter
from c2q_repl.render.tablefmt import TABLE_FORMATS, TableLayout, layout_table, render_layout
from c2q_repl.render.width import WidthCache, text_width, truncate, wrap

_NUMBER_TEXT = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER = re.compile(_NUMBER_TEXT)
_NUMBER_LINES = re.compile(f"{_NUMBER_TEXT}(?:\n{_NUMBER_TEXT})*")


@dataclass(frozen=True)
class PreparedTable:
    """Cell texts as they will be printed, column by column."""

    headers: list[str]
    columns: list[list[str]]
    aligns: list[str]
    numeric: list[bool]
    #: per column, the row indexes holding NULL
    nulls: list[frozenset[int]]
    row_count: int


def _is_number(value: object) -> bool:
    if isinstance(value, str):
        return bool(_NUMBER.fullmatch(value))
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _all_numbers(values: list[object], all_text: bool) -> bool:
    """Every value a number; a text column is checked with one regex pass."""
    if all_text:
        joined = "\n".join(cast("list[str]", values))
        if joined.count("\n") == len(values) - 1:  # no cell holds the separator
            return _NUMBER_LINES.fullmatch(joined) is not None
    return all(_is_number(v) for v in values)


def _cell_texts(raw: Sequence[object], null_text: str, all_text: bool) -> list[str]:
    """Printable text of each cell; clean ASCII columns skip per-cell cleaning."""
    if all_text:
        texts = cast("Sequence[str | None]", raw)
        joined = "".join(v for v in texts if v is not None)
        if joined.isascii() and joined.isprintable():
            return [null_text if v is None else v for v in texts]
    return [null_text if v is None else clean_cell(v) for v in raw]


def _truncated(texts: list[str], limit: int, marker: str) -> list[str]:
    if max(map(len, texts), default=0) <= limit // 2:
        return texts  # even all double-width, nothing is too wide
    return [
        s if len(s) <= limit // 2 or text_width(s) <= limit else truncate(s, limit, marker)
        for s in texts
    ]


def _rectangular(
    columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> tuple[list[str], list[Sequence[object]]]:
    """Headers and rows of one width: short rows padded, unnamed extra columns titled ""."""
    n = max([len(columns)] + [len(r) for r in rows])
    headers = [clean_cell(c) for c in columns] + [""] * (n - len(columns))
    if any(len(r) != n for r in rows):
        rows = [list(r) + [""] * (n - len(r)) for r in rows]
    return headers, list(rows)


def prepare_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    opts: RenderOptions,
    *,
    truncate_cells: bool = True,
) -> PreparedTable:
    """Turn raw cells into printable text, choosing each column's alignment."""
    headers, rows = _rectangular(columns, rows)
    null_text = opts.theme.null_text
    limit = opts.max_cell_width if truncate_cells and not opts.expand else 0
    marker = opts.ellipsis
    out_columns: list[list[str]] = []
    numeric_flags: list[bool] = []
    aligns: list[str] = []
    nulls: list[frozenset[int]] = []
    for j, raw in enumerate(zip(*rows) if rows else [() for _ in headers]):
        null_rows = frozenset(i for i, v in enumerate(raw) if v is None)
        present = [v for v in raw if v is not None and v != ""]
        all_text = set(map(type, present)) <= {str}
        numeric = bool(present) and _all_numbers(present, all_text)
        align = "decimal" if numeric else "left"
        formatted = (
            format_column(headers[j], list(raw), opts.numbers, null_text)
            if numeric and opts.numbers != "raw"
            else None
        )
        if formatted is not None:
            texts, pre_aligned = formatted
            align = "aligned" if pre_aligned else align
        elif numeric:
            texts = [
                null_text if v is None else (v if isinstance(v, str) else clean_cell(v))
                for v in raw
            ]
        else:
            texts = _cell_texts(raw, null_text, all_text)
            if limit:
                texts = _truncated(texts, limit, marker)
        out_columns.append(texts)
        numeric_flags.append(numeric)
        aligns.append(align)
        nulls.append(null_rows)
    return PreparedTable(headers, out_columns, aligns, numeric_flags, nulls, len(rows))


class _ThemeColours:
    """Colours headers, NULLs and numbers; other cells stay plain (and fast)."""

    def __init__(self, prepared: PreparedTable, painter: Painter) -> None:
        self.prepared = prepared
        self.header_on = painter.prefix("header")
        self.null_on = painter.prefix("null")
        self.number_on = painter.prefix("number")

    def header(self, col: int, text: str) -> str:
        return f"{self.header_on}{text}{RESET}" if self.header_on and text else text

    def column(self, col: int, cells: list[str]) -> list[str] | None:
        nulls = self.prepared.nulls[col] if self.null_on else frozenset()
        number = self.number_on if self.prepared.numeric[col] else ""
        if not nulls and not number:
            return None
        out = [f"{number}{s}{RESET}" if s else s for s in cells] if number else list(cells)
        for i in nulls:
            out[i] = f"{self.null_on}{cells[i]}{RESET}"
        return out


def table_format_name(opts: RenderOptions) -> str:
    """The format to draw with: unknown names and box drawing without Unicode fall back to psql."""
    fmt = opts.effective_table_format
    if fmt not in TABLE_FORMATS or (not opts.unicode and not TABLE_FORMATS[fmt].ascii_only):
        return "psql"
    return fmt


def wants_vertical(layout: TableLayout, opts: RenderOptions) -> bool:
    if opts.vertical == "on":
        return True
    if opts.vertical == "off":
        return False
    return layout.total_width(TABLE_FORMATS[table_format_name(opts)]) > opts.width


def render_table(
    columns: Sequence[str], rows: Sequence[Sequence[object]], opts: RenderOptions
) -> list[str]:
    """``rows`` under ``columns`` as printable lines (vertical records when too wide)."""
    if not columns and not any(rows):
        return []
    prepared = prepare_table(columns, rows, opts)
    layout = layout_table(prepared.headers, prepared.columns, prepared.aligns)
    if wants_vertical(layout, opts):
        return render_vertical(columns, rows, opts)
    painter = Painter(opts.theme, opts.styled)
    decorate = _ThemeColours(prepared, painter) if painter.enabled else None
    return render_layout(layout, table_format_name(opts), decorate)


def render_vertical(
    columns: Sequence[str], rows: Sequence[Sequence[object]], opts: RenderOptions
) -> list[str]:
    """One record per row, ``name | value``, values shown whole (wrapped, never cut)."""
    prepared = prepare_table(columns, rows, opts, truncate_cells=False)
    painter = Painter(opts.theme, opts.styled)
    measure = WidthCache()
    name_width = max((measure(h) for h in prepared.headers), default=0)
    bar = " │ " if opts.unicode else " | "
    dash = "─" if opts.unicode else "-"
    room = max(10, opts.width - name_width - len(bar))
    names = [painter(h + " " * (name_width - measure(h)), "header") for h in prepared.headers]
    lines: list[str] = []
    for i in range(prepared.row_count):
        title = f"{dash}[ RECORD {i + 1} ]"
        lines.append(
            painter(
                title + dash * max(0, min(opts.width, name_width + len(bar) + room) - len(title)),
                "muted",
            )
        )
        for j, name in enumerate(names):
            text = (
                prepared.columns[j][i].rstrip() if prepared.numeric[j] else prepared.columns[j][i]
            )
            role = "null" if i in prepared.nulls[j] else ("number" if prepared.numeric[j] else "")
            for k, piece in enumerate(wrap(text, room) if text else [""]):
                label = name if k == 0 else " " * name_width
                lines.append((label + bar + (painter(piece, role) if role else piece)).rstrip())
    return lines
