"""One shape for every recorded round, whatever the server's JSON looked like.

Jobs arrive as v3 answers or v2 task trees, errors as many exception kinds,
rounds may be cut off; exporters and the drift report work from the plain
dictionaries built here instead of re-deciding those cases each time.
"""

from __future__ import annotations

from typing import Any

from c2q_repl.api.errors import ProtocolError
from c2q_repl.api.models import Answer
from c2q_repl.render.exact_json import typed_rows
from c2q_repl.transcript.reader import RecordedRound, Transcript

EXPORT_FORMAT = "c2q-transcript-export"
EXPORT_VERSION = "1.0"


def round_status(rr: RecordedRound) -> str:
    """ "answered", "failed" (the job or SQL failed), "error" (no job) or "incomplete"."""
    if not rr.complete:
        return "incomplete"
    if rr.error is not None:
        return "error"
    return "failed" if rr.to_round().failed else "answered"


def recorded_answer(rr: RecordedRound) -> Answer | None:
    """The parsed answer, or None for errors, cut-off rounds and malformed job JSON."""
    if not rr.complete or rr.job_raw is None:
        return None
    try:
        return rr.to_round().answer
    except ProtocolError:
        return None


def answer_json(answer: Answer) -> dict[str, Any]:
    data = answer.data
    out: dict[str, Any] = {
        "task_id": answer.task_id,
        "type": answer.type,
        "status": answer.status,
        "failed": answer.failed,
        "task": answer.task,
        "description": answer.description,
        "clarified_task": answer.clarified_task,
        "assumptions": [
            {
                "concept": a.concept,
                "explanation": a.explanation,
                "related_columns": list(a.related_columns),
            }
            for a in answer.assumptions
        ],
        "sql": answer.sql,
        "sql_error": answer.sql_error,
        "reason": answer.reason,
        "columns": list(data.columns) if data else [],
        # numeric columns as JSON numbers, digit for digit (render/exact_json.py)
        "rows": typed_rows(data.rows, len(data.columns)) if data else [],
        "row_count": len(data.rows) if data else 0,
        "chart": {
            "name": answer.chart.name,
            "title": answer.chart.title,
            "option": answer.chart.option,
        }
        if answer.chart
        else None,
    }
    if answer.sub_tasks:
        out["sub_tasks"] = [answer_json(s) for s in answer.sub_tasks]
    return out


def round_json(rr: RecordedRound) -> dict[str, Any]:
    rnd = rr.to_round()
    answer = recorded_answer(rr)
    err = rnd.job_error if rr.complete else None
    return {
        "round": rr.number,
        "question": rr.question,
        "mode": rr.mode,
        "feedback": {"answer_id": rr.feedback_answer_id, "task_id": rr.feedback_task_id}
        if (rr.feedback_answer_id or rr.feedback_task_id)
        else None,
        "session_id": rr.session_id,
        "started_at": rr.started_at or None,
        "status": round_status(rr),
        "job_id": rr.job_id,
        "elapsed": rr.elapsed,
        "requests": rr.requests,
        "error": err.to_json() if err is not None else None,
        "answer": answer_json(answer) if answer is not None else None,
    }


def transcript_json(t: Transcript) -> dict[str, Any]:
    header = {k: v for k, v in t.header.items() if k != "type"}
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "source": str(t.path),
        "header": header,
        "session_ids": sorted(
            {r.session_id for r in t.rounds if r.session_id}
            | ({t.session_id} if t.session_id else set())
        ),
        "rounds": [round_json(r) for r in t.rounds],
        "commands": [{k: v for k, v in c.items() if k != "type"} for c in t.commands],
        "warnings": list(t.warnings),
    }


def data_tasks(answer: Answer) -> list[Answer]:
    """The tasks that carry their own SQL, rows or SQL error, in order (the answer itself when direct)."""
    return [a for a in answer.leaves() if a.sql or a.data is not None or a.sql_error]
