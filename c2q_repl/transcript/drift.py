"""Compare a recorded round with the same question asked again: did anything drift?

Per task (a direct answer is one task; a breakdown compares its sub-tasks by
id): the SQL (whitespace-insensitive, with a unified diff of the pretty-printed
statements when it changed), the columns and rows (as a multiset unless the
SQL orders them), and whether it failed. Pure; ``replay --live`` prints it.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from c2q_repl.api.errors import CancelledError, ProtocolError
from c2q_repl.api.models import Answer
from c2q_repl.chat.round import Round
from c2q_repl.render.chart_data import to_number

_ORDER_BY = re.compile(r"\border\s+by\b", re.I)


@dataclass(frozen=True)
class TaskDrift:
    task_id: str
    sql_changed: bool = False
    sql_diff: list[str] = field(default_factory=list)
    rows_changed: bool = False
    rows_note: str = ""
    #: "" or why the task failed now (when it did not before)
    failure: str = ""

    @property
    def drifted(self) -> bool:
        return self.sql_changed or self.rows_changed or bool(self.failure)


@dataclass(frozen=True)
class RoundDrift:
    number: int
    question: str
    tasks: list[TaskDrift] = field(default_factory=list)
    #: a failure of the round as a whole: it failed now, or it answered now but had failed
    failure: str = ""
    #: the recorded round failed and the new one failed too: consistent, not drift
    still_failing: bool = False
    notes: list[str] = field(default_factory=list)
    #: the user cancelled the wait when it was recorded (and no /job fetched the
    #: answer): there is no recorded answer to compare, which is not drift
    cancelled_when_recorded: bool = False

    @property
    def drifted(self) -> bool:
        return bool(self.failure) or any(t.drifted for t in self.tasks)

    @property
    def verdict(self) -> str:
        if self.cancelled_when_recorded:
            return "cancelled when recorded (not compared)"
        if self.failure:
            return "FAILED" if self.failure.startswith("failed") else "CHANGED"
        parts = []
        if any(t.sql_changed for t in self.tasks):
            parts.append("SQL changed")
        if any(t.rows_changed for t in self.tasks):
            parts.append("rows changed")
        if any(t.failure for t in self.tasks):
            parts.append("task failed")
        if parts:
            return ", ".join(parts)
        return "same (failed both times)" if self.still_failing else "same"


def normalise_sql(sql: str) -> str:
    return " ".join(sql.replace(";", " ").split()).strip()


def orders_rows(sql: str) -> bool:
    """Whether the statement fixes the row order (then order matters when comparing)."""
    return bool(_ORDER_BY.search(sql))


def _pretty(sql: str) -> list[str]:
    """The statement one clause per line, so a diff points at the clause that changed."""
    try:
        import sqlglot

        text = ";\n".join(sqlglot.transpile(sql, read="mysql", write="mysql", pretty=True))
    except Exception:  # any parse problem: diff the text as given
        text = sql
    return [line.rstrip() for line in text.strip().splitlines()]


def sql_diff(before: str, after: str) -> list[str]:
    return list(
        difflib.unified_diff(_pretty(before), _pretty(after), "recorded", "now", lineterm="", n=2)
    )


def _canonical(cell: Any) -> Any:
    """Cells equal across harmless type changes ("42" vs 42, "1.50" vs 1.5)."""
    number = to_number(cell) if not isinstance(cell, bool) else None
    if number is not None:
        return ("n", number)
    return ("s", cell if cell is None else str(cell))


def compare_rows(
    sql: str,
    cols_a: Sequence[str],
    rows_a: Sequence[Sequence[Any]],
    cols_b: Sequence[str],
    rows_b: Sequence[Sequence[Any]],
) -> tuple[bool, str]:
    """(changed, a short note saying how)."""
    if [c.lower() for c in cols_a] != [c.lower() for c in cols_b]:
        return True, f"columns {', '.join(cols_a) or '-'} → {', '.join(cols_b) or '-'}"
    a = [tuple(_canonical(c) for c in r) for r in rows_a]
    b = [tuple(_canonical(c) for c in r) for r in rows_b]
    if orders_rows(sql):
        if a == b:
            return False, f"{len(a)} rows, same order"
        if Counter(a) == Counter(b):
            return True, f"{len(a)} rows, same rows in a different order"
    elif Counter(a) == Counter(b):
        return False, f"{len(a)} rows (order ignored)"
    gone = sum((Counter(a) - Counter(b)).values())
    new = sum((Counter(b) - Counter(a)).values())
    return True, f"{len(a)} rows → {len(b)} rows ({gone} no longer returned, {new} new)"


def _answer(round_: Round) -> Answer | None:
    try:
        return round_.answer
    except ProtocolError:
        return None


def _failure_text(round_: Round) -> str:
    err = round_.job_error
    if err is not None:
        return err.message
    answer = _answer(round_)
    if answer is not None and answer.failed:
        return answer.error_text
    return "no answer"


def _tasks(answer: Answer) -> dict[str, Answer]:
    return {t.task_id: t for t in answer.leaves()}


def compare_task(before: Answer, after: Answer) -> TaskDrift:
    if after.failed and not before.failed:
        return TaskDrift(after.task_id, failure=f"failed now: {after.error_text}")
    sql_changed = normalise_sql(before.sql) != normalise_sql(after.sql)
    diff = sql_diff(before.sql, after.sql) if sql_changed else []
    if before.failed and after.failed:
        return TaskDrift(after.task_id, sql_changed, diff, False, "failed both times")
    if before.failed:
        return TaskDrift(
            after.task_id, sql_changed, diff, True, "answered now (failed when recorded)"
        )
    cols_a, rows_a = (before.data.columns, before.data.rows) if before.data else ([], [])
    cols_b, rows_b = (after.data.columns, after.data.rows) if after.data else ([], [])
    rows_changed, note = compare_rows(after.sql or before.sql, cols_a, rows_a, cols_b, rows_b)
    return TaskDrift(after.task_id, sql_changed, diff, rows_changed, note)


def compare_rounds(before: Round, after: Round) -> RoundDrift:
    """How the new round differs from the recorded one."""
    if isinstance(before.error, CancelledError):
        now = f"now: {_failure_text(after)}" if after.failed else "now: answered"
        return RoundDrift(before.number, before.question, cancelled_when_recorded=True, notes=[now])
    was_failed, now_failed = before.failed, after.failed
    a, b = _answer(before), _answer(after)
    if a is None or b is None:
        if now_failed and was_failed:
            return RoundDrift(
                before.number,
                before.question,
                still_failing=True,
                notes=[f"recorded: {_failure_text(before)}", f"now: {_failure_text(after)}"],
            )
        if now_failed:
            return RoundDrift(
                before.number, before.question, failure=f"failed now: {_failure_text(after)}"
            )
        return RoundDrift(
            before.number,
            before.question,
            failure=f"answered now, but failed when recorded: {_failure_text(before)}",
        )
    tasks_a, tasks_b = _tasks(a), _tasks(b)
    notes = []
    tasks = [compare_task(tasks_a[tid], tasks_b[tid]) for tid in tasks_a if tid in tasks_b]
    missing = [tid for tid in tasks_a if tid not in tasks_b]
    extra = [tid for tid in tasks_b if tid not in tasks_a]
    if missing or extra:
        notes.append(f"sub-tasks {', '.join(tasks_a)} → {', '.join(tasks_b)}")
        tasks.append(
            TaskDrift(
                "*", rows_changed=True, rows_note=f"{len(tasks_a)} tasks → {len(tasks_b)} tasks"
            )
        )
    return RoundDrift(
        before.number, before.question, tasks, still_failing=was_failed and now_failed, notes=notes
    )
