"""Read one round back from the transcript being written (``/history N`` of an
answer no longer held in memory).

The file is scanned line by line and only the records of that round are
parsed, so recalling from a long session costs one pass over the file and the
memory of one answer, not of the whole transcript.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from c2q_repl.chat.round import Round

_QUESTION = b'{"type":"question"'
_OUTCOMES = (b'{"type":"result"', b'{"type":"error"')
#: the round number, written near the start of every record (after type and time)
_ROUND = re.compile(rb'"round":(\d+)[,}]')
_HEAD = 256


def recall_round(path: str | Path, number: int) -> Round | None:
    """Round ``number`` as the transcript at ``path`` recorded it (None if it has no outcome there)."""
    question: dict[str, Any] | None = None
    outcome: dict[str, Any] | None = None
    try:
        with open(path, "rb") as fh:
            for line in fh:
                is_question = line.startswith(_QUESTION)
                if not (is_question or line.startswith(_OUTCOMES)):
                    continue
                found = _ROUND.search(line, 0, _HEAD)
                if found is None or int(found.group(1)) != number:
                    continue
                if is_question:
                    question, outcome = _record(line), None  # a later question wins
                else:
                    outcome = _record(line)
    except OSError:
        return None
    if question is None or outcome is None:
        return None
    return _round(number, question, outcome)


def _record(line: bytes) -> dict[str, Any] | None:
    try:
        rec = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        return None  # a line cut off by a crash
    return rec if isinstance(rec, dict) else None


def _round(number: int, question: dict[str, Any], outcome: dict[str, Any]) -> Round:
    from c2q_repl.transcript.reader import error_from_json

    feedback = question.get("feedback") if isinstance(question.get("feedback"), dict) else {}
    job = outcome.get("job") if outcome.get("type") == "result" else None
    error = outcome.get("error") if outcome.get("type") == "error" else None
    return Round(
        number=number,
        question=str(question.get("question") or ""),
        mode=str(question.get("mode") or "direct"),
        feedback_answer_id=str((feedback or {}).get("answer_id") or ""),
        feedback_task_id=str((feedback or {}).get("task_id") or ""),
        job_id=str(outcome.get("job_id") or ""),
        job_raw=job if isinstance(job, dict) else None,
        error=error_from_json(error) if isinstance(error, dict) else None,
        elapsed=float(outcome.get("elapsed") or 0.0),
        requests=int(outcome.get("requests") or 0),
    )
