"""``c2q export`` and the REPL's ``/export``: a transcript as Markdown, HTML, CSV or JSON.

Markdown and HTML are for people (questions as headings, SQL, tables); CSV is
one answer's rows for a spreadsheet; JSON is the whole transcript in the
normalised shape of :mod:`c2q_repl.transcript.normalize`, for scripts.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from c2q_repl.api.models import Answer
from c2q_repl.render.exact_json import dumps as exact_dumps
from c2q_repl.render.formats import (
    choices,
    for_suffix,
    lookup,
    markdown_inline,
    markdown_task,
    suffixes,
    tables_text,
    written_tables,
)
from c2q_repl.render.sanitize import escape_controls, json_escape
from c2q_repl.transcript.document import round_view, subtitle_of, title_of
from c2q_repl.transcript.normalize import data_tasks, recorded_answer, round_status, transcript_json
from c2q_repl.transcript.reader import RecordedRound, Transcript, TranscriptError, read_transcript

#: what ``c2q export --to`` accepts (from the one registry of output formats)
FORMATS = tuple(choices("export"))


def format_for(path: str | Path) -> str:
    """The export format a file name asks for (``/export out.html``)."""
    fmt = for_suffix(Path(path).suffix, "export")
    if fmt is None:
        raise TranscriptError(
            f"cannot tell the export format from {Path(path).name!r}: use {', '.join(suffixes('export'))}"
        )
    return fmt.name


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
    try:
        fmt = lookup(fmt).name
    except ValueError:
        fmt = fmt or "(none)"
    if fmt == "markdown":
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
    """Write ``text`` to ``path`` without ever replacing what is not a regular file.

    A regular file (or a new one) is written to a temporary file and renamed
    over it, so a failed export never leaves half a file; through a symlink,
    the file it points to is replaced and the link kept. A character device
    (``/dev/null``, a terminal) or a FIFO is written in place: renaming over it
    would replace the device node itself (as root, ``-o /dev/null`` once did).
    Anything else (a directory, a socket, a block device) is refused.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISFIFO(mode):
        _write_to_fifo(target, text)
        return
    if mode is not None and stat.S_ISCHR(mode):
        with open(target, "w", encoding="utf-8", newline="") as fh:  # no O_CREAT race: it exists
            fh.write(text)
        return
    if mode is not None and not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise OSError(0, f"{what} (exports replace only regular files)", str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_to_fifo(target: Path, text: str) -> None:
    """Write into a FIFO some process is reading; with no reader, say so at once instead of
    waiting for one (a plain open would block the REPL until Ctrl-C)."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(
                errno.ENXIO, "a FIFO that no process is reading (start the reader first)"
            ) from None
        raise
    os.set_blocking(fd, True)  # a reader is there: let it take the text at its pace
    with open(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


# --------------------------------------------------------------------------- markdown


def to_markdown(t: Transcript) -> str:
    md = markdown_inline
    out = [f"# {md(title_of(t))}", "", f"*{md(subtitle_of(t))}*", ""]
    for view in map(round_view, t.rounds):
        out += [f"## {view.number}. {md(view.question)}", ""]
        if view.mode != "direct":
            out += [f"*mode: {md(view.mode)}*", ""]
        if view.overview:
            out += [f"> {md(view.overview)}", ""]
        for heading, task in view.tasks:
            out += markdown_task(task, heading, row_count=False)  # the footer counts them
        if view.problem:
            out += [f"**Error:** {md(view.problem)}", ""]
        if view.footer:
            out += [f"<sub>{md(view.footer)}</sub>", ""]
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
    """The rows of one round (for a breakdown, every sub-task, labelled: the one rule)."""
    rr, answer = pick_csv_round(t, round_no)
    return tables_text(written_tables(answer, rr.number), "csv") + "\n"


def to_json(t: Transcript) -> str:
    """The normalised transcript; control characters as ``\\uXXXX`` escapes (exact
    data, nothing a terminal acts on when it is printed or ``cat``-ed)."""
    text = exact_dumps(transcript_json(t), ensure_ascii=False, indent=2) + "\n"
    return escape_controls(text, json_escape)
