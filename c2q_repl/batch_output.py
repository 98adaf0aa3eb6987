"""Finished rounds as ``c2q ask`` output: table, csv, json, jsonl or markdown. Pure.

``table`` is exactly what the REPL shows (:func:`round_lines`). The machine
formats carry the rows and the SQL; every string in them is stripped of
terminal control sequences, so ``cat``-ing the output can never drive the
terminal. Errors are part of the json/jsonl record; csv, which has no place
for them, leaves them to the caller (stderr).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from c2q_repl.api.errors import C2QError
from c2q_repl.api.models import Answer
from c2q_repl.chat.round import Round, round_lines
from c2q_repl.render.exact_json import dumps as exact_dumps
from c2q_repl.render.exact_json import typed_rows
from c2q_repl.render.formats import (
    FORMATS,
    markdown_inline,
    markdown_task,
    tables_text,
    task_heading,
    written_tables,
)
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_text

__all__ = ["FORMATS", "BatchWriter", "round_record", "csv_block", "markdown_block", "dumps_json"]


def _text(value: Any) -> str:
    return clean_text(str(value)) if value is not None else ""


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN/Infinity
    return value


def _task_record(task: Answer) -> dict[str, Any]:
    data = task.data
    return {
        "task_id": _text(task.task_id),
        "task": _text(task.task or task.description),
        "clarified_task": _text(task.clarified_task),
        "sql": _text(task.sql),
        "columns": [_text(c) for c in data.columns] if data else [],
        "rows": [[_cell(v) for v in row] for row in typed_rows(data.rows, len(data.columns))]
        if data
        else [],
        "row_count": len(data.rows) if data else 0,
        "error": _text(task.error_text) if task.failed else None,
    }


def _error_record(err: C2QError) -> dict[str, Any]:
    record = {k: (_text(v) if isinstance(v, str) else v) for k, v in err.to_json().items()}
    job_id = getattr(err, "job_id", "")
    if job_id:
        record["job_id"] = _text(job_id)
    return record


def round_record(round_: Round) -> dict[str, Any]:
    """One round as a JSON-ready dict (the json/jsonl output schema).

    Always: ``round``, ``question``, ``mode``, ``status`` ("answered" or
    "failed"), ``job_id``, ``elapsed`` (s), ``requests``, ``error`` (null or
    ``{kind, message, status, code, hint, request[, job_id]}``). With an
    answer also: ``type``, ``clarified_task``, ``assumptions``
    (``[{concept, explanation}]``) and ``tasks``: every task with SQL and rows
    (``{task_id, task, clarified_task, sql, columns, rows, row_count, error}``;
    one for a direct answer, one per sub-task for a breakdown). With exactly
    one task its ``sql``, ``columns`` and ``rows`` are repeated at the top
    level for easy ``jq``.
    """
    record: dict[str, Any] = {
        "round": round_.number,
        "question": _text(round_.question),
        "mode": round_.mode,
        "status": "failed" if round_.failed else "answered",
        "job_id": _text(round_.job_id),
        "elapsed": round(round_.elapsed, 3),
        "requests": round_.requests,
    }
    try:
        answer = round_.answer
    except C2QError:
        answer = None
    if answer is not None:
        tasks = [_task_record(t) for t in answer.leaves()]
        record["type"] = answer.type
        record["clarified_task"] = _text(answer.clarified_task)
        record["assumptions"] = [
            {"concept": _text(a.concept), "explanation": _text(a.explanation)}
            for a in answer.assumptions
        ]
        if len(tasks) == 1:
            record.update({k: tasks[0][k] for k in ("sql", "columns", "rows")})
        record["tasks"] = tasks
    err = round_.job_error
    record["error"] = _error_record(err) if err is not None else None
    return record


def dumps_json(value: Any, *, indent: int | None = None) -> str:
    """JSON with readable Unicode but no raw DEL, C1, line-separator or bidi
    characters (``json`` itself escapes only C0 controls)."""
    text = exact_dumps(
        value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")
    )
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _answer(round_: Round) -> Answer | None:
    try:
        return round_.answer
    except C2QError:
        return None


def csv_block(round_: Round) -> str:
    """The round's rows as CSV, by the one breakdown rule of :mod:`c2q_repl.render.formats`."""
    return tables_text(written_tables(_answer(round_), round_.number), "csv")


def markdown_block(round_: Round, *, show_sql: bool = True) -> str:
    """A heading with the question, then each task (labelled in a breakdown): SQL, rows."""
    question = markdown_inline(round_.question)
    out = [f"## {question or f'Round {round_.number}'}", ""]
    answer = _answer(round_)
    if answer is not None:
        breakdown = bool(answer.sub_tasks)
        for task in answer.leaves():
            heading = task_heading(round_.number, task) if breakdown else None
            out += markdown_task(task, heading, show_sql=show_sql)
    err = round_.job_error
    if err is not None:
        hint = f" — {markdown_inline(err.hint)}" if err.hint else ""
        out += [f"> **Error:** {markdown_inline(err.message)}{hint}", ""]
    return "\n".join(out).rstrip("\n")


@dataclass
class BatchWriter:
    """Writes rounds to ``out`` as they finish; :meth:`close` ends the document
    (the json array is closed even after an interrupt)."""

    out: Any
    fmt: str
    opts: RenderOptions
    show_sql: bool = True
    _count: int = 0
    _closed: bool = False

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}")

    def write(self, round_: Round) -> None:
        first = self._count == 0
        self._count += 1
        if self.fmt == "table":
            self._emit(
                ("" if first else "\n")
                + "\n".join(round_lines(round_, self.opts, echo_question=True))
                + "\n"
            )
        elif self.fmt == "csv":
            block = csv_block(round_)
            if block:
                self._emit(("" if first else "\n") + block + "\n")
        elif self.fmt == "json":
            body = dumps_json(round_record(round_), indent=2)
            self._emit(("[\n" if first else ",\n") + _indent(body))
        elif self.fmt == "jsonl":
            self._emit(dumps_json(round_record(round_)) + "\n")
        else:
            self._emit(
                ("" if first else "\n\n") + markdown_block(round_, show_sql=self.show_sql) + "\n"
            )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.fmt == "json":
            self._emit("[]\n" if self._count == 0 else "\n]\n")

    def _emit(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))
