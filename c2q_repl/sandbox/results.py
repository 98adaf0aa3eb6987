"""Run an engine's Plan against the database and shape the job results of spec §8.3/§8.4.

Pure shaping apart from ``execute_plan`` (which queries the database). A
refused task becomes an answer with ``status: "failed"`` and a ``reason``,
never an empty table that looks like an answer.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace

from c2q_repl.sandbox.backends.common import cap_rows
from c2q_repl.sandbox.contracts import (
    Database,
    Plan,
    PriorRound,
    QueryResult,
    SQLExecutionError,
    TaskPlan,
)
from c2q_repl.sandbox.jobs import JobOutcome


def no_data() -> dict:
    """The ``data`` of a failed answer: the shape of a good one, empty (clients read ``data.rows``)."""
    return {"columns": [], "rows": []}


@dataclass(frozen=True)
class Limits:
    max_rows: int = 1000
    timeout: float = 10.0
    max_chars: int = 8 * 2**20  # text in one answer's rows; more is cut and the answer says so


@dataclass(frozen=True)
class TaskRun:
    task: TaskPlan
    result: QueryResult | None = None
    error: str = ""
    size_note: str = ""  # set when the size cap cut the result

    @property
    def failed(self) -> bool:
        return bool(self.task.refusal or self.error)


def run_task(task: TaskPlan, db: Database, read_only: bool, limits: Limits) -> TaskRun:
    if task.refusal:
        return TaskRun(task)
    if not task.sql.strip():
        return TaskRun(replace(task, refusal="the engine produced no SQL for this task"))
    try:
        result = db.query(
            task.sql, read_only=read_only, max_rows=limits.max_rows, timeout=limits.timeout
        )
    except SQLExecutionError as exc:
        return TaskRun(task, error=str(exc) or type(exc).__name__)
    return _capped(task, result, limits)


def _capped(task: TaskPlan, result: QueryResult, limits: Limits) -> TaskRun:
    """The run with its rows held to ``limits.max_chars`` of text (a note says what was cut)."""
    rows, over, cells_cut = cap_rows(result.rows, limits.max_rows, limits.max_chars)
    if not over:
        return TaskRun(task, result)
    size = (
        f"{limits.max_chars / 2**20:g} MB"
        if limits.max_chars >= 2**20
        else f"{limits.max_chars:,} characters"
    )
    note = f"The result is larger than {size}: only the first {len(rows)} rows are shown" + (
        ", with long values cut." if cells_cut else "."
    )
    return TaskRun(task, QueryResult(result.columns, rows, True), size_note=note)


def default_chart(task: TaskPlan, result: QueryResult) -> dict:
    return {
        "chart_name": "Table",
        "title": task.clarified_task or task.task,
        "option": {"columns": result.columns},
    }


def answer_json(run: TaskRun, status: str | None = None) -> dict:
    """One ``data_retrieval`` answer (a direct answer, or one sub-task of a breakdown)."""
    t = run.task
    base = {
        "type": "data_retrieval",
        "task_id": t.task_id,
        "task": t.task,
        "clarified_task": t.clarified_task,
        "description": t.description,
        "assumptions": [dict(a) for a in t.assumptions],
    }
    if t.refusal:
        return {
            **base,
            "status": "failed",
            "reason": t.refusal,
            "sql": "",
            "sql_error": None,
            "data": no_data(),
            "chart_options": None,
        }
    if run.error:
        return {
            **base,
            "status": "failed",
            "reason": run.error,
            "sql": t.sql,
            "sql_error": run.error,
            "data": no_data(),
            "chart_options": None,
        }
    res = run.result
    assert res is not None
    description = t.description
    if res.truncated:
        note = run.size_note or f"Only the first {len(res.rows)} rows are shown."
        description = f"{description} {note}".strip()
    chart = t.chart.to_json() if t.chart else default_chart(t, res)
    return {
        **base,
        "description": description,
        "status": status or "done",
        "reason": "",
        "sql": t.sql,
        "sql_error": None,
        "data": {"columns": [{"col": c} for c in res.columns], "rows": res.rows},
        "chart_options": chart,
    }


def _breakdown_root(plan: Plan, question: str, subs: list[dict], status: str) -> dict:
    return {
        "type": "breakdown",
        "task_id": "0",
        "task": question,
        "status": status,
        "clarified_task": plan.clarified_task,
        "description": plan.description,
        "assumptions": [dict(a) for a in plan.assumptions],
        "sub_tasks": subs,
    }


def execute_plan(
    plan: Plan, question: str, db: Database, read_only: bool, limits: Limits
) -> tuple[list[TaskRun], JobOutcome]:
    """Run every task; the v3 job outcome (with progressive stages for a breakdown)."""
    runs = [run_task(t, db, read_only, limits) for t in plan.tasks]
    if not runs:
        reason = "the engine produced no answer for this question"
        failed: dict = {
            "type": "data_retrieval",
            "task_id": "0",
            "task": question,
            "status": "failed",
            "reason": reason,
            "clarified_task": plan.clarified_task,
            "description": "",
            "assumptions": [],
            "sql": "",
            "sql_error": None,
            "data": no_data(),
            "chart_options": None,
        }
        return runs, JobOutcome("failed", failed, reason)
    if not plan.breakdown:
        answer = answer_json(runs[0])
        if runs[0].task.refusal:
            return runs, JobOutcome("failed", answer, runs[0].task.refusal)
        return runs, JobOutcome("done", answer)
    subs = [answer_json(r) for r in runs]
    if all(r.task.refusal for r in runs):
        reason = "; ".join(dict.fromkeys(r.task.refusal for r in runs))
        return runs, JobOutcome("failed", _breakdown_root(plan, question, subs, "failed"), reason)
    final = _breakdown_root(plan, question, subs, "done")
    stages = tuple(_breakdown_root(plan, question, subs[:k], "running") for k in range(len(subs)))
    return runs, JobOutcome("done", final, stages=stages)


def prior_round(question: str, job_id: str, plan: Plan | None, runs: list[TaskRun]) -> PriorRound:
    """What a session remembers of a finished round."""
    if plan is None or not runs:
        return PriorRound(question=question, answer_id=job_id, summary="no answer")
    first = runs[0]
    if first.task.refusal:
        summary = f"declined: {first.task.refusal}"
    elif first.error:
        summary = f"SQL error: {first.error}"
    else:
        n = len(first.result.rows) if first.result else 0
        summary = f"{n} row{'s' if n != 1 else ''}" + (
            " (truncated)" if first.result and first.result.truncated else ""
        )
    return PriorRound(
        question=question,
        answer_id=job_id,
        clarified_task=plan.clarified_task or first.task.clarified_task,
        sql=first.task.sql,
        summary=summary,
        state=dict(plan.state),
    )


def task_tree_json(plan: Plan, question: str, runs: list[TaskRun], started: float) -> dict:
    """The v2 job result: ``{question_id, raw_question, task_tree, time_elapsed}``."""

    def node(run: TaskRun, task_id: str, parent: str, level: int, seq: int) -> dict:
        a = answer_json(run)
        data = a.get("data") or {}
        return {
            "task_id": task_id,
            "task": run.task.task or question,
            "clarified_task": run.task.clarified_task,
            "description": a["description"],
            "sequence_no": seq,
            "sql": a["sql"],
            "columns": data.get("columns") or [],
            "rows": data.get("rows") or [],
            "breakdown_type": "Resolve",
            "level": level,
            "parent_task": question if parent else "",
            "parent_task_id": parent,
            "sub_task_list": [],
            "reason": a.get("reason", ""),
            "sql_error": a["sql_error"],
            "assumptions": a["assumptions"],
            "chartOptions": a["chart_options"],
        }

    tree: dict[str, dict] = {}
    if plan.breakdown and runs:
        child_ids = [r.task.task_id for r in runs]
        tree["0"] = {
            "task_id": "0",
            "task": question,
            "clarified_task": plan.clarified_task,
            "description": plan.description,
            "sequence_no": 0,
            "sql": "",
            "columns": [],
            "rows": [],
            "breakdown_type": "Breakdown",
            "level": 0,
            "parent_task": "",
            "parent_task_id": "",
            "sub_task_list": child_ids,
            "reason": "",
            "sql_error": None,
            "assumptions": [dict(a) for a in plan.assumptions],
            "chartOptions": None,
        }
        for i, run in enumerate(runs):
            tree[run.task.task_id] = node(run, run.task.task_id, "0", 1, i + 1)
    elif runs:
        tree["0"] = node(runs[0], "0", "", 0, 0)
    return {
        "question_id": str(uuid.uuid4()),
        "raw_question": question,
        "task_tree": tree,
        "time_elapsed": round(time.monotonic() - started, 3),
    }


def v2_outcome(plan: Plan, question: str, runs: list[TaskRun], started: float) -> JobOutcome:
    result = task_tree_json(plan, question, runs, started)
    if not runs or all(r.task.refusal for r in runs):
        reason = (
            "; ".join(dict.fromkeys(r.task.refusal for r in runs))
            or "the engine produced no answer"
        )
        return JobOutcome("failed", result, reason)
    return JobOutcome("done", result)
