"""One question and what came back: the unit the REPL shows, batch prints and
transcripts record.

:func:`round_lines` is the single place that turns a finished round into screen
lines, so the live REPL, ``c2q ask --format table`` and offline replay all show
exactly the same thing for the same recorded job JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from c2q_repl.api.errors import C2QError, JobFailedError, ProtocolError
from c2q_repl.api.models import Answer, Job

if TYPE_CHECKING:  # the renderer pulls in pygments/tabulate; import it only to draw
    from c2q_repl.render.options import RenderOptions


@dataclass
class Round:
    """A question sent to the session and its outcome.

    ``job_raw`` is the final job JSON exactly as the server sent it; everything
    shown is derived from it, so a transcript holding ``job_raw`` can be
    re-rendered identically later. ``error`` is set when no usable job came
    back (network, quota, auth, cancelled wait, ...).
    """

    number: int
    question: str
    mode: str
    feedback_answer_id: str = ""
    feedback_task_id: str = ""
    job_id: str = ""
    job_raw: dict[str, Any] | None = None
    error: C2QError | None = None
    elapsed: float = 0.0
    requests: int = 0
    started_at: float = 0.0
    #: (job_raw it was parsed from, Job, Answer): parsing a large result once, not per property
    _parsed: tuple[dict[str, Any], Job, Answer | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: set by :meth:`forget_answer`: whether the dropped answer had failed
    _forgotten_failed: bool | None = field(default=None, init=False, repr=False, compare=False)

    def forget_answer(self) -> None:
        """Drop the job JSON and its parsed copy, keeping what listings need.

        A long session keeps only its recent answers in memory; the transcript
        holds every one (``/history N`` reads it back from there).
        """
        if self.job_raw is None:
            return
        self._forgotten_failed = self.failed
        self.job_raw = None
        self._parsed = None

    @property
    def forgotten(self) -> bool:
        """The answer came back but is no longer held in memory."""
        return self._forgotten_failed is not None

    @property
    def answered(self) -> bool:
        """A final job came back (held in memory or forgotten since)."""
        return self.job_raw is not None or self.forgotten

    def _parse(self) -> tuple[Job | None, Answer | None]:
        raw = self.job_raw
        if not raw:
            return None, None
        cached = self._parsed
        if cached is not None and cached[0] is raw:
            return cached[1], cached[2]
        job = Job.from_json(raw)
        answer = job.answer()
        self._parsed = (raw, job, answer)
        return job, answer

    @property
    def job(self) -> Job | None:
        """The parsed final job, or None when the round never got one."""
        return self._parse()[0]

    @property
    def answer(self) -> Answer | None:
        return self._parse()[1]

    @property
    def failed(self) -> bool:
        """True unless the round produced a trustworthy answer."""
        if self.error is not None:
            return True
        if self._forgotten_failed is not None:
            return self._forgotten_failed
        try:
            job, answer = self._parse()
        except ProtocolError:
            return True
        return job is None or job.status != "done" or answer is None or answer.failed

    @property
    def job_error(self) -> C2QError | None:
        """The error to show for this round: the captured one, or the job's
        failure reason when the job itself ended ``failed``."""
        if self.error is not None:
            return self.error
        try:
            job = self.job
        except ProtocolError as exc:
            return exc
        if job is not None and job.status == "failed":
            reason = job.reason or "the job failed without a reason"
            return JobFailedError(
                reason,
                hint=f"Rephrase the question or add detail, then ask again (job {job.job_id or self.job_id}).",
            )
        return None


def forget_old_answers(rounds: Sequence[Round], keep: int) -> int:
    """Forget the answers of all but the newest ``keep`` answered rounds.

    Returns how many were forgotten now. Newest first, stopping at the first
    round already forgotten (everything older was forgotten with it), so the
    cost per call does not grow with the session.
    """
    held = forgotten = 0
    for round_ in reversed(rounds):
        if round_.forgotten:
            break
        if round_.job_raw is None:
            continue
        held += 1
        if held > keep:
            round_.forget_answer()
            forgotten += 1
    return forgotten


#: what to do when the service wrote SQL that failed (or declined a task) in a finished job
SQL_FAILED_HINT = (
    "Rephrase the question or add detail; in the REPL, /refine TEXT rewrites the SQL "
    "and /feedback asks for a corrected answer."
)


def round_lines(round: Round, opts: RenderOptions, *, echo_question: bool = False) -> list[str]:
    """What the user sees for a finished round (answer, failure, or error).

    The REPL and replay print the prompt line with the question themselves;
    ``echo_question`` puts it first for output with no prompt (batch).
    """
    from c2q_repl.render.answer import render_answer, render_error

    lines: list[str] = []
    try:
        answer = round.answer
    except ProtocolError:
        answer = None  # job_error reports the malformed JSON
    if answer is not None:
        lines.extend(
            render_answer(
                answer,
                opts,
                elapsed=round.elapsed or None,
                job_id=round.job_id or str((round.job_raw or {}).get("job_id", "")),
                question=round.question if echo_question else "",
                asked=round.question,  # the headline's "how many X" noun
            )
        )
    elif echo_question and round.question.strip():
        # the renderer's question heading (its first line when ``question`` is given)
        lines.extend(
            render_answer(
                Answer(type="data_retrieval", task_id="", status=""), opts, question=round.question
            )[:1]
        )
    err = round.job_error
    if err is not None and answer is not None and _states_reason(answer, err):
        # the answer already shows the failure reason: add only what to do next
        lines.extend(render_error(C2QError("", hint=err.hint), opts)[1:])
    elif err is not None:
        lines.extend(render_error(err, opts))
    elif answer is not None and answer.failed:
        # a finished job whose SQL failed: say what to do next, like every other failure
        lines.extend(render_error(C2QError("", hint=SQL_FAILED_HINT), opts)[1:])
    elif answer is None:
        # a "done" job without an answer: say so rather than print nothing
        lines.extend(
            render_error(
                C2QError(
                    "the job finished without an answer",
                    hint=f"Ask again or rephrase the question (job {round.job_id}).",
                ),
                opts,
            )
        )
    return lines


def table_spans(round: Round, lines: list[str], opts: RenderOptions) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the answer's tables in ``lines``, which
    :func:`round_lines` drew with the same ``opts``.

    The REPL pages only these (never the SQL, the header or what follows a
    table). Each leaf's table is drawn again and found in order; a table that
    cannot be found is simply not paged.
    """
    from c2q_repl.render.table import render_table

    try:
        answer = round.answer
    except ProtocolError:
        return []
    if answer is None:
        return []
    spans: list[tuple[int, int]] = []
    at = 0
    for leaf in answer.leaves():
        data = leaf.data
        if leaf.failed or leaf.status in ("init", "running") or data is None or not data.columns:
            continue
        table = render_table(data.columns, data.rows, opts)
        start = _find_block(lines, table, at)
        if start >= 0:
            spans.append((start, start + len(table)))
            at = start + len(table)
    return spans


def _find_block(lines: list[str], block: list[str], start: int) -> int:
    """Index of ``block`` as consecutive lines of ``lines`` from ``start``, or -1."""
    if not block:
        return -1
    first, size = block[0], len(block)
    for i in range(start, len(lines) - size + 1):
        if lines[i] == first and lines[i : i + size] == block:
            return i
    return -1


def _states_reason(answer: Answer, err: C2QError) -> bool:
    """Whether the rendered answer already says what ``err`` says."""
    message = (err.message or "").strip()
    return bool(message) and any(
        message == t.error_text.strip() for t in [answer, *answer.leaves()] if t.failed
    )
