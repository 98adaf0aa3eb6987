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
from dataclasses import dataclass, field
from typing import Any

from c2q_repl.api.errors import C2QError
from c2q_repl.api.models import Answer
from c2q_repl.chat.round import Round, round_lines
from c2q_repl.render.exact_json import dumps as exact_dumps
from c2q_repl.render.exact_json import typed_rows
from c2q_repl.render.formats import (
    FORMATS,
    csv_text,
    markdown_inline,
    markdown_task,
    tables_text,
    task_heading,
    written_tables,
)
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_text

__all__ = [
    "FORMATS",
    "BatchWriter",
    "round_record",
    "csv_block",
    "combined_csv",
    "markdown_block",
    "dumps_json",
]


def _text(value: Any) -> str:
    return clean_text(str(value)) if value is not None else ""


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN/Infinity
    return value


def _task_record(task: Answer) -> dict[str, Any]:
    """A task's SQL and rows; a failed task has null where it has nothing (no SQL, no table)."""
    data = task.data if task.data is not None and (task.data.columns or not task.failed) else None
    record: dict[str, Any] = {
        "task_id": _text(task.task_id),
        "task": _text(task.task or task.description),
        "clarified_task": _text(task.clarified_task),
        "sql": _text(task.sql) if task.sql.strip() or not task.failed else None,
        "columns": None if task.failed else [],
        "rows": None if task.failed else [],
        "row_count": None if task.failed else 0,
        "error": _text(task.error_text) if task.failed else None,
    }
    if data is not None:
        record["columns"] = [_text(c) for c in data.columns]
        record["rows"] = [
            [_cell(v) for v in row] for row in typed_rows(data.rows, len(data.columns))
        ]
        record["row_count"] = len(data.rows)
    return record


def _error_record(err: C2QError) -> dict[str, Any]:
    record = {k: (_text(v) if isinstance(v, str) else v) for k, v in err.to_json().items()}
    job_id = getattr(err, "job_id", "")
    if job_id:
        record["job_id"] = _text(job_id)
    return record


def round_record(round_: Round) -> dict[str, Any]:
    """One round as a JSON-ready dict (the json/jsonl output schema).

    Every record has every key, null where the round has nothing for it (a
    failed round too, so ``jq .rows`` never meets a missing key):
    ``round``, ``question``, ``mode``, ``status`` ("answered" or "failed"),
    ``job_id``, ``elapsed`` (s), ``requests``, ``type``, ``clarified_task``,
    ``assumptions`` (``[{concept, explanation}]``), ``sql``, ``columns``,
    ``rows``, ``tasks`` and ``error`` (null or ``{kind, message, status, code,
    hint, request[, job_id]}``). ``tasks`` lists every task with SQL and rows
    (``{task_id, task, clarified_task, sql, columns, rows, row_count, error}``;
    one for a direct answer, one per sub-task for a breakdown); with exactly
    one task its ``sql``, ``columns`` and ``rows`` are repeated at the top
    level for easy ``jq`` (a breakdown has null there).
    """
    record: dict[str, Any] = {
        "round": round_.number,
        "question": _text(round_.question),
        "mode": round_.mode,
        "status": "failed" if round_.failed else "answered",
        "job_id": _text(round_.job_id) or None,
        "elapsed": round(round_.elapsed, 3),
        "requests": round_.requests,
        **dict.fromkeys(_ANSWER_KEYS),
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


#: the keys a record has from the answer (null when there is none)
_ANSWER_KEYS = ("type", "clarified_task", "assumptions", "sql", "columns", "rows", "tasks")


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


def combined_csv(rounds: list[Round]) -> str:
    """Several questions' rows as one valid CSV: a ``question`` column first (and
    ``task`` when a breakdown is among them), then every column any answer had,
    in the order they first appear; a row leaves the columns its answer lacks
    empty. A column name repeated within one answer keeps its own column."""
    tables = [(r, t) for r in rounds for t in written_tables(_answer(r), r.number)]
    labelled = any(t.label for _, t in tables)
    slots: list[tuple[str, int]] = []  # (column name, occurrence within its table)
    placed = []
    for _, table in tables:
        seen: dict[str, int] = {}
        where = []
        for name in table.columns:
            key = (name, seen.get(name, 0))
            seen[name] = key[1] + 1
            if key not in slots:
                slots.append(key)
            where.append(slots.index(key))
        placed.append(where)
    head = ["question"] + (["task"] if labelled else [])
    rows = []
    for (round_, table), where in zip(tables, placed):
        for row in table.rows:
            cells: list[Any] = [None] * len(slots)
            for value, at in zip(row, where):
                cells[at] = value
            rows.append([round_.question] + ([table.label] if labelled else []) + cells)
    return csv_text(head + [name for name, _ in slots], rows)


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
    (the json array is closed even after an interrupt).

    CSV is written at :meth:`close`: one question's rows as they are, several
    questions' as one CSV with a question column (:func:`combined_csv`), which
    needs every answer's columns first."""

    out: Any
    fmt: str
    opts: RenderOptions
    show_sql: bool = True
    _count: int = 0
    _closed: bool = False
    _held: list[Round] = field(default_factory=list)

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
            self._held.append(round_)
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
        if self.fmt == "csv" and self._held:
            single = len(self._held) == 1
            text = csv_block(self._held[0]) if single else combined_csv(self._held)
            if text:
                self._emit(text + "\n")
        if self.fmt == "json":
            self._emit("[]\n" if self._count == 0 else "\n]\n")

    def _emit(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))
