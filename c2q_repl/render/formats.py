"""Rows as machine- or document-friendly text: batch output and ``/format``.

Every value is cleaned of terminal control sequences (a CSV opened with
``cat`` must not be able to clear the screen). Numbers and NULLs keep their
type in JSON; CSV writes NULL as an empty field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_cell, clean_text
from c2q_repl.render.table import render_table
from c2q_repl.render.theme import fallback_theme

FORMATS = ("table", "csv", "json", "jsonl", "markdown")


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return clean_text(value)
    return clean_cell(value)


def _unique_keys(columns: Sequence[str], width: int) -> list[str]:
    """Column names usable as JSON keys: duplicates get _2, _3 (SQL allows them)."""
    keys: list[str] = []
    seen: set[str] = set()
    for j in range(width):
        base = clean_text(columns[j]) if j < len(columns) else f"column_{j + 1}"
        key, n = base, 2
        while key in seen:
            key, n = f"{base}_{n}", n + 1
        seen.add(key)
        keys.append(key)
    return keys


def _records(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    width = max([len(columns)] + [len(r) for r in rows])
    keys = _unique_keys(columns, width)
    return [
        {k: _json_value(row[j]) if j < len(row) else None for j, k in enumerate(keys)}
        for row in rows
    ]


def format_rows(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, table_format: str = "psql"
) -> str:
    """``rows`` as one string in ``fmt`` (one of :data:`FORMATS`), without a trailing newline."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([clean_text(c) for c in columns])
        writer.writerows(
            [
                [
                    "" if v is None else (clean_text(v) if isinstance(v, str) else clean_cell(v))
                    for v in row
                ]
                for row in rows
            ]
        )
        return out.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(_records(columns, rows), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(
            json.dumps(r, ensure_ascii=False, separators=(",", ":"))
            for r in _records(columns, rows)
        )
    if fmt in ("markdown", "table"):
        plain = RenderOptions(
            width=1_000_000,
            color=False,
            vertical="off",
            expand=True,
            theme=fallback_theme(),
            table_format="github" if fmt == "markdown" else table_format,
        )
        if fmt == "markdown":
            columns = [_md_escape(clean_cell(c)) for c in columns]
            rows = [
                [
                    v if v is None or not isinstance(v, str) else _md_escape(clean_cell(v))
                    for v in row
                ]
                for row in rows
            ]
        return "\n".join(render_table(list(columns), [list(r) for r in rows], plain))
    raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")
