"""How a recorded round is laid out in a document (Markdown, HTML, the demo's cards).

Every exporter walks the same :class:`RoundView`, so they agree on what a
round shows: the question, a breakdown's overview, each task with its SQL and
rows, what went wrong, and a quiet footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from c2q_repl.api.models import Answer
from c2q_repl.render.formats import task_heading
from c2q_repl.render.sanitize import clean_text
from c2q_repl.transcript.normalize import data_tasks, recorded_answer
from c2q_repl.transcript.reader import RecordedRound, Transcript

INCOMPLETE = "No answer was recorded: the session ended while this question was running."


def title_of(t: Transcript) -> str:
    return f"c2q session · {t.database or 'unknown database'}"


def subtitle_of(t: Transcript) -> str:
    when = datetime.fromtimestamp(t.created_at).strftime("%Y-%m-%d %H:%M") if t.created_at else ""
    n = len(t.rounds)
    parts = [t.endpoint, when, f"{n} question{'s' if n != 1 else ''}"]
    return " · ".join(p for p in parts if p)


def footer_of(rr: RecordedRound, answer: Answer | None) -> str:
    parts = []
    if answer is not None:
        rows = sum(len(a.data.rows) for a in data_tasks(answer) if a.data is not None)
        parts.append(f"{rows} row{'s' if rows != 1 else ''}")
    if rr.elapsed:
        parts.append(f"{rr.elapsed:.1f} s")
    if rr.job_id:
        parts.append(f"job {rr.job_id}")
    return " · ".join(parts)


def problem_of(rr: RecordedRound, answer: Answer | None, tasks: list[Answer]) -> str:
    """What went wrong in the round as a whole, unless a task already says it ("" when it answered)."""
    if not rr.complete:
        return INCOMPLETE
    already = {t.error_text for t in tasks if t.failed}
    err = rr.to_round().job_error
    if err is not None:
        return "" if err.message in already else clean_text(err.describe())
    if answer is None:
        return "The job finished without an answer."
    if answer.failed and not tasks:
        return clean_text(answer.error_text)
    return ""


@dataclass(frozen=True)
class RoundView:
    """A recorded round laid out for a document: what each exporter prints, in order."""

    number: int
    question: str
    mode: str
    #: the breakdown's own clarified task (shown once above its sub-tasks)
    overview: str
    #: (heading or None for a direct answer, task with SQL/rows)
    tasks: list[tuple[str | None, Answer]]
    problem: str
    footer: str


def round_view(rr: RecordedRound) -> RoundView:
    answer = recorded_answer(rr)
    tasks: list[tuple[str | None, Answer]] = []
    overview = ""
    if answer is not None:
        overview = answer.clarified_task if answer.is_breakdown else ""
        for task in data_tasks(answer):
            heading = None
            if answer.is_breakdown and task is not answer:
                heading = task_heading(rr.number, task)
            tasks.append((heading, task))
    problem = problem_of(rr, answer, [t for _, t in tasks])
    return RoundView(
        rr.number, rr.question, rr.mode, overview, tasks, problem, footer_of(rr, answer)
    )
