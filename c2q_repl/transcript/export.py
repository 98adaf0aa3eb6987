"""``c2q export`` and the REPL's ``/export``: a transcript as Markdown, HTML, CSV or JSON.

Markdown and HTML are for people (questions as headings, SQL, tables); CSV is
one answer's rows for a spreadsheet; JSON is the whole transcript in the
normalised shape of :mod:`c2q_repl.transcript.normalize`, for scripts.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from c2q_repl.api.models import Answer
from c2q_repl.render.chart_data import to_number
from c2q_repl.render.sanitize import clean_text
from c2q_repl.transcript.document import round_view, subtitle_of, title_of
from c2q_repl.transcript.normalize import data_tasks, recorded_answer, round_status, transcript_json
from c2q_repl.transcript.reader import RecordedRound, Transcript, TranscriptError, read_transcript

FORMATS = ("md", "html", "csv", "json")
_SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}


def format_for(path: str | Path) -> str:
    """The export format a file name asks for (``/export out.html``)."""
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise TranscriptError(
            f"cannot tell the export format from {Path(path).name!r}: use .md, .html, .csv or .json"
        )
    return fmt


def export_transcript(
    path: str | Path,
    fmt: str | None = None,
    out: str | Path | None = None,
    round_no: int | None = None,
) -> str:
    """Export the transcript at ``path``; write it to ``out`` when given and return the text.

    ``fmt`` defaults to the one ``out``'s suffix names; ``round_no`` picks the
    round for CSV (default: the last one that returned rows).
    """
    if fmt is None:
        if out is None:
            raise TranscriptError("say which format to export (md, html, csv or json)")
        fmt = format_for(out)
    text = export_text(read_transcript(path), fmt, round_no)
    if out is not None:
        write_text(Path(out).expanduser(), text)
    return text


def export_text(transcript: Transcript, fmt: str, round_no: int | None = None) -> str:
    """The export of an already loaded transcript."""
    if fmt == "md":
        return to_markdown(transcript)
    if fmt == "html":
        from c2q_repl.transcript.html_export import to_html

        return to_html(transcript)
    if fmt == "csv":
        return to_csv(transcript, round_no)
    if fmt == "json":
        return to_json(transcript)
    raise TranscriptError(f"unknown export format {fmt!r} (choose md, html, csv or json)")


def write_text(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failed export never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# --------------------------------------------------------------------------- markdown


def _md_text(text: Any) -> str:
    """Inline Markdown text: no control characters, no raw HTML, one line."""
    s = clean_text("" if text is None else str(text))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(s.split())


def _md_cell(value: Any) -> str:
    if value is None:
        return "*NULL*"
    return _md_text(value).replace("\\", "\\\\").replace("|", "\\|")


def _fence(code: str, lang: str) -> list[str]:
    ticks = "```"
    while ticks in code:
        ticks += "`"
    return [f"{ticks}{lang}", clean_text(code).rstrip(), ticks]


def md_table(columns: list[str], rows: list[list[Any]]) -> list[str]:
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


def _md_task(task: Answer, heading: str | None) -> list[str]:
    out: list[str] = []
    if heading:
        out += [f"### {heading}", ""]
    if task.clarified_task:
        out += [f"> {_md_text(task.clarified_task)}", ""]
    for a in task.assumptions:
        out.append(
            f"- *Assumption:* {_md_text(a.concept + ': ' if a.concept else '')}{_md_text(a.explanation)}"
        )
    if task.assumptions:
        out.append("")
    if task.sql:
        out += _fence(task.sql, "sql") + [""]
    if task.failed:
        out += [f"**Failed:** {_md_text(task.error_text)}", ""]
    elif task.data is not None:
        out += md_table(task.data.columns, task.data.rows) + [""]
    return out


def to_markdown(t: Transcript) -> str:
    out = [f"# {_md_text(title_of(t))}", "", f"*{_md_text(subtitle_of(t))}*", ""]
    for view in map(round_view, t.rounds):
        out += [f"## {view.number}. {_md_text(view.question)}", ""]
        if view.mode != "direct":
            out += [f"*mode: {_md_text(view.mode)}*", ""]
        if view.overview:
            out += [f"> {_md_text(view.overview)}", ""]
        for heading, task in view.tasks:
            out += _md_task(task, _md_text(heading) if heading else None)
        if view.problem:
            out += [f"**Error:** {_md_text(view.problem)}", ""]
        if view.footer:
            out += [f"<sub>{_md_text(view.footer)}</sub>", ""]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- csv / json


def pick_csv_round(t: Transcript, round_no: int | None) -> tuple[RecordedRound, Answer]:
    if round_no is not None:
        rr = t.round(round_no)
        answer = recorded_answer(rr)
        if answer is None or not any(a.data is not None for a in data_tasks(answer)):
            raise TranscriptError(
                f"round {round_no} returned no rows to export ({round_status(rr)})"
            )
        return rr, answer
    for rr in reversed(t.rounds):
        answer = recorded_answer(rr)
        if answer is not None and any(
            a.data is not None and not a.failed for a in data_tasks(answer)
        ):
            return rr, answer
    raise TranscriptError(f"{t.path.name} has no round with rows to export")


def to_csv(t: Transcript, round_no: int | None = None) -> str:
    """The rows of one round; for a breakdown, the first sub-task that has rows."""
    _, answer = pick_csv_round(t, round_no)
    task = next(a for a in data_tasks(answer) if a.data is not None)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([clean_text(c) for c in task.data.columns])
    for row in task.data.rows:
        writer.writerow(
            ["" if v is None else clean_text(v) if isinstance(v, str) else v for v in row]
        )
    return buf.getvalue()


def to_json(t: Transcript) -> str:
    return json.dumps(transcript_json(t), ensure_ascii=False, indent=2) + "\n"
