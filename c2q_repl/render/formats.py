"""Output formats: the one registry, the one CSV and Markdown writers, and the breakdown rule.

Every place that writes answers to a file or a pipe uses this module:
``c2q ask --format``, the REPL's ``/save`` (the extension picks the format),
and ``c2q export --to`` / ``/export`` (a whole transcript). Their CLI choices
and extension tables are derived from :data:`REGISTRY`.

**Which rows of a breakdown answer are written** (one rule, everywhere): a
breakdown is written whole: every sub-task that returned rows, in order, each
labelled ``N.i task`` (round N, sub-task i, as Chat2Query's UI numbers them).
Markdown and HTML put the label in a heading, JSON in a ``task`` field, CSV
and plain tables in a ``# N.i task`` line above the sub-task's table, with a
blank line between tables. A direct answer is one table with no label.

Every value is cleaned of terminal control sequences (a CSV opened with
``cat`` must not be able to clear the screen). Numbers and NULLs keep their
type in JSON; CSV writes NULL as an empty field, Markdown as *NULL*.
Imported by ``c2q --help`` for the choices: the renderers load lazily.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from c2q_repl.render.exact_json import ExactNumber, typed_rows
from c2q_repl.render.exact_json import dumps as exact_dumps
from c2q_repl.render.sanitize import clean_cell, clean_text

if TYPE_CHECKING:
    from c2q_repl.api.models import Answer


@dataclass(frozen=True)
class OutputFormat:
    """One output format and where it can be used."""

    name: str
    description: str
    #: file name endings that choose it (``/save x.csv``, ``/export x.md``)
    suffixes: tuple[str, ...] = ()
    #: other names accepted on the command line (``--to md``)
    aliases: tuple[str, ...] = ()
    #: ``c2q ask --format`` writes answers in it
    ask: bool = False
    #: ``/save`` writes the last answer's rows in it
    save: bool = False
    #: ``c2q export --to`` writes a whole transcript in it
    export: bool = False


REGISTRY: tuple[OutputFormat, ...] = (
    OutputFormat("table", "the REPL's tables, plain", (".txt",), ask=True, save=True),
    OutputFormat("csv", "rows for a spreadsheet", (".csv",), ask=True, save=True, export=True),
    OutputFormat(
        "json",
        "rows (ask, /save) or the whole transcript (export)",
        (".json",),
        ask=True,
        save=True,
        export=True,
    ),
    OutputFormat("jsonl", "one JSON object per line", (".jsonl",), ask=True, save=True),
    OutputFormat(
        "markdown",
        "headings, fenced SQL, GitHub tables",
        (".md", ".markdown"),
        aliases=("md",),
        ask=True,
        save=True,
        export=True,
    ),
    OutputFormat("html", "a self-contained page with charts", (".html", ".htm"), export=True),
)

#: the formats ``c2q ask`` writes (and :func:`format_rows` accepts)
FORMATS = tuple(f.name for f in REGISTRY if f.ask)


def lookup(name: str) -> OutputFormat:
    """The format called ``name`` or one of its aliases; ``ValueError`` when there is none."""
    for fmt in REGISTRY:
        if name == fmt.name or name in fmt.aliases:
            return fmt
    raise ValueError(f"unknown output format {name!r}; choose one of {', '.join(FORMATS)}")


def choices(use: str) -> list[str]:
    """Names (and aliases) for a CLI ``choices=``; ``use`` is "ask", "save" or "export"."""
    return [n for f in REGISTRY if getattr(f, use) for n in (f.name, *f.aliases)]


def for_suffix(suffix: str, use: str) -> OutputFormat | None:
    """The format a file name ending asks for (``.md`` → markdown), if ``use`` supports it."""
    suffix = suffix.lower()
    return next((f for f in REGISTRY if getattr(f, use) and suffix in f.suffixes), None)


def suffixes(use: str) -> list[str]:
    return [s for f in REGISTRY if getattr(f, use) for s in f.suffixes]


# --------------------------------------------------------------------------- the breakdown rule


@dataclass(frozen=True)
class Table:
    """Rows to write, with the label of the sub-task they answer ("" for a direct answer)."""

    label: str
    columns: list[str]
    rows: list[list[Any]]


def task_label(task_id: str) -> str:
    """ "0-1" -> "2", "0-1-2" -> "2.3": how Chat2Query's own UI numbers sub-tasks."""
    parts = task_id.split("-")[1:]
    try:
        return ".".join(str(int(p) + 1) for p in parts)
    except ValueError:
        return task_id


def task_heading(round_number: int, task: Answer) -> str:
    """``N.i task``: a breakdown sub-task's label in every format."""
    text = task.task or task.description or task.clarified_task
    return " ".join(clean_text(f"{round_number}.{task_label(task.task_id)} {text}").split())


def written_tables(answer: Answer | None, round_number: int) -> list[Table]:
    """The rows an answer writes (see the module docstring for the rule)."""
    if answer is None:
        return []
    breakdown = bool(answer.sub_tasks)
    return [
        Table(
            task_heading(round_number, task) if breakdown else "",
            list(data.columns),
            [list(r) for r in data.rows],
        )
        for task in answer.leaves()
        if (data := task.data) is not None and not task.failed
    ]


def tables_text(tables: Sequence[Table], fmt: str, *, table_format: str = "psql") -> str:
    """Labelled tables as one document in ``fmt`` (csv, json, jsonl, markdown or table)."""
    fmt = lookup(fmt).name
    if fmt == "json" and any(t.label for t in tables):
        labelled = [{"task": t.label, "rows": _records(t.columns, t.rows)} for t in tables]
        return exact_dumps(labelled, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(
            exact_dumps(
                {**({"task": t.label} if t.label else {}), **r},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for t in tables
            for r in _records(t.columns, t.rows)
        )
    blocks = []
    for t in tables:
        body = format_rows(t.columns, t.rows, fmt, table_format=table_format)
        if t.label:
            heading = f"### {_md_text(t.label)}" if fmt == "markdown" else f"# {t.label}"
            body = f"{heading}\n\n{body}" if fmt == "markdown" else f"{heading}\n{body}"
        blocks.append(body)
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------- the writers


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, ExactNumber)):
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
        for row in typed_rows(rows, width)  # numeric columns as JSON numbers, digit for digit
    ]


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The one CSV writer: a header row, NULL as an empty field, no trailing newline."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([clean_text(c) for c in columns])
    writer.writerows(
        ["" if v is None else (clean_text(v) if isinstance(v, str) else clean_cell(v)) for v in row]
        for row in rows
    )
    return out.getvalue().rstrip("\n")


def _md_text(text: Any) -> str:
    """Inline Markdown text: no control characters, no raw HTML, one line."""
    s = clean_text("" if text is None else str(text))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(s.split())


def _md_cell(value: Any) -> str:
    if value is None:
        return "*NULL*"
    text = value if isinstance(value, str) else clean_cell(value)
    return _md_text(text).replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """The one Markdown table writer: a GitHub table, numeric columns right-aligned."""
    from c2q_repl.render.chart_data import to_number

    if not columns:
        return ["*(no columns)*"]
    numeric = []
    for i in range(len(columns)):
        cells = [r[i] for r in rows if i < len(r) and r[i] is not None]
        numeric.append(bool(cells) and all(to_number(c) is not None for c in cells))
    lines = [
        "| " + " | ".join(_md_cell(c) for c in columns) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    for row in rows:
        cells = [_md_cell(row[i]) if i < len(row) else "" for i in range(len(columns))]
        lines.append("| " + " | ".join(cells) + " |")
    if not rows:
        lines.append("| " + " | ".join("" for _ in columns) + " |")
    return lines


def markdown_inline(text: Any) -> str:
    """Text for a Markdown heading or paragraph (one line, no raw HTML)."""
    return _md_text(text)


def markdown_fence(code: str, lang: str) -> list[str]:
    """A fenced code block whose fence the code cannot close."""
    ticks = "```"
    while ticks in code:
        ticks += "`"
    return [f"{ticks}{lang}", clean_text(code).rstrip(), ticks]


def markdown_task(
    task: Answer, heading: str | None, *, show_sql: bool = True, row_count: bool = True
) -> list[str]:
    """One task of an answer in Markdown: heading, clarified task, assumptions, SQL, rows
    (and how many, unless the document says it elsewhere)."""
    out: list[str] = []
    if heading:
        out += [f"### {_md_text(heading)}", ""]
    if task.clarified_task:
        out += [f"> {_md_text(task.clarified_task)}", ""]
    for a in task.assumptions:
        concept = _md_text(a.concept + ": ") + " " if a.concept else ""
        out.append(f"- *Assumption:* {concept}{_md_text(a.explanation)}")
    if task.assumptions:
        out.append("")
    if show_sql and task.sql:
        out += markdown_fence(task.sql, "sql") + [""]
    if task.failed:
        out += [f"> **Failed:** {_md_text(task.error_text)}", ""]
    elif task.data is not None:
        n = len(task.data.rows)
        out += markdown_table(task.data.columns, task.data.rows) + [""]
        if row_count:
            out += [f"_{n} row{'s' if n != 1 else ''}_", ""]
    return out


def format_rows(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, table_format: str = "psql"
) -> str:
    """``rows`` as one string in ``fmt`` (one of :data:`FORMATS`), without a trailing newline."""
    fmt = lookup(fmt).name
    if fmt == "csv":
        return csv_text(columns, rows)
    if fmt == "json":
        return exact_dumps(_records(columns, rows), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(
            exact_dumps(r, ensure_ascii=False, separators=(",", ":"))
            for r in _records(columns, rows)
        )
    if fmt == "markdown":
        return "\n".join(markdown_table(columns, rows))
    if fmt == "table":
        from c2q_repl.render.options import RenderOptions
        from c2q_repl.render.table import render_table
        from c2q_repl.render.theme import fallback_theme

        plain = RenderOptions(
            width=1_000_000,
            color=False,
            vertical="off",
            expand=True,
            theme=fallback_theme(),
            table_format=table_format,
            numbers="raw",  # a saved file keeps the exact values
        )
        return "\n".join(render_table(list(columns), [list(r) for r in rows], plain))
    raise ValueError(f"{fmt} is not a format for rows; choose one of {', '.join(FORMATS)}")
