"""Which answer a question corrects: the ids ``/feedback`` and ``ask(feedback=…)`` name.

Callers give feedback in several shapes (a pair, an answer object, a bare job id);
they are normalised here once, so the conversation sends and records one shape.
"""

from __future__ import annotations

from typing import Any

from c2q_repl.api.errors import ValidationError
from c2q_repl.chat.round import Round

#: ``(answer_id, task_id)``: the job that answered, and the task within it ("" for all)
FeedbackIds = tuple[str, str]


def feedback_ids(feedback: Any) -> FeedbackIds:
    """Normalise feedback given as ``(answer_id, task_id)``, an object with
    ``answer_id``/``task_id``, a bare answer id, or None (no feedback)."""
    if feedback is None or feedback == "":
        return "", ""
    if isinstance(feedback, str):
        return feedback, ""
    if isinstance(feedback, (tuple, list)):
        answer_id = feedback[0] if feedback else ""
        task_id = feedback[1] if len(feedback) > 1 else ""
        return str(answer_id or ""), str(task_id or "")
    return str(getattr(feedback, "answer_id", "") or ""), str(
        getattr(feedback, "task_id", "") or ""
    )


def feedback_on(last_answered: Round | None, task_id: str = "") -> FeedbackIds:
    """The ids ``/feedback`` arms when given no answer id: the last answered round's
    job, and ``task_id`` or else the task that answered in it."""
    if last_answered is None:
        raise ValidationError("there is no answer to give feedback on yet")
    if not task_id:
        answer = last_answered.answer
        task_id = answer.task_id if answer is not None else ""
    return last_answered.job_id, task_id
