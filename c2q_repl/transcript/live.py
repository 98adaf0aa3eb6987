"""``c2q replay FILE --live``: ask a recorded session again and report what drifted.

The questions go to the configured endpoint (TiDB Cloud or the sandbox) in a
new session, in order, each with its recorded mode; a question that was sent
as feedback on an earlier answer is sent as feedback on that answer's new
counterpart (answer ids are mapped as the run goes). The session's history is
followed as recorded: ``/reset``, a new session (``/new``), knowledge added
with ``/kb add``; a ``/job`` fetch is not a question and is not asked again,
and a round whose wait was cancelled is compared with what its job finally
answered (or reported as cancelled, not as drift). The exit code makes it a
regression test: 0 only when no round drifted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from c2q_repl.api.errors import AuthError, C2QError, QuotaExceededError
from c2q_repl.chat.round import Round, round_lines
from c2q_repl.render.answer import render_error
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.prompt import prompt_line
from c2q_repl.render.sanitize import clean_text
from c2q_repl.render.style import Painter
from c2q_repl.transcript.drift import RoundDrift, compare_rounds
from c2q_repl.transcript.reader import RecordedRound, Transcript

if TYPE_CHECKING:
    from c2q_repl.config import ConnectionFlags

#: recorded commands that change the server-side context and are repeated
REPEATED_COMMANDS = ("reset", "new")


@dataclass
class LiveRun:
    """The new run's rounds, the recorded→new answer id map, and the comparisons."""

    answer_ids: dict[str, str] = field(default_factory=dict)
    drifts: list[RoundDrift] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_asked: list[RecordedRound] = field(default_factory=list)
    stopped_by: C2QError | None = None


@dataclass(frozen=True)
class Fetches:
    """The ``/job`` fetches of a transcript: rounds that waited again for an
    earlier job (nothing was sent, so nothing is asked again), and what each
    fetched job finally answered (the outcome a cancelled round is compared with)."""

    #: round number of a fetch -> the job id it fetched
    rounds: dict[int, str] = field(default_factory=dict)
    #: job id -> the last fetch of it that got a final answer
    outcomes: dict[str, RecordedRound] = field(default_factory=dict)


def find_fetches(t: Transcript) -> Fetches:
    """Fetches are marked on their question record (``fetch``); in transcripts from
    before that mark, a round whose job an earlier round already had is one."""
    marked = {
        rec.get("round"): str(rec["fetch"])
        for rec in t.records
        if rec.get("type") == "question" and rec.get("fetch")
    }
    fetches = Fetches()
    seen: set[str] = set()
    for rr in t.rounds:
        job_id = marked.get(rr.number) or (rr.job_id if rr.job_id in seen else "")
        if not job_id:
            if rr.job_id:
                seen.add(rr.job_id)
            continue
        fetches.rounds[rr.number] = job_id
        if rr.complete and rr.job_raw is not None and not _cancelled(rr):
            fetches.outcomes[job_id] = rr
    return fetches


def _cancelled(rr: RecordedRound) -> bool:
    return bool(rr.error) and (rr.error or {}).get("kind") == "cancelled"


def mapped_feedback(rr: RecordedRound, answer_ids: Mapping[str, str]) -> tuple[str, str] | None:
    """The feedback ids to send now for a recorded feedback question (None: no feedback)."""
    if not rr.feedback_answer_id:
        return None
    new_id = answer_ids.get(rr.feedback_answer_id)
    if new_id is None:
        return None
    return new_id, rr.feedback_task_id


def recorded_outcome(rr: RecordedRound, fetches: Fetches) -> Round:
    """What the recorded round finally answered: its own outcome, or, when its wait
    was cancelled and a later ``/job`` fetched the job, what that fetch got."""
    fetched = fetches.outcomes.get(rr.job_id) if _cancelled(rr) else None
    if fetched is None:
        return rr.to_round()
    return replace(fetched.to_round(), number=rr.number, question=rr.question)


def replay_live(t: Transcript, conversation, opts: RenderOptions, out: IO[str]) -> LiveRun:
    """Ask every recorded question through ``conversation``; print each new answer.

    The session's history is followed as recorded: a new server session where one
    was started (``/new``, a switch), ``/reset``, knowledge added with ``/kb add``
    (before the questions after it), and ``/job`` fetches are not asked again.
    """
    run = LiveRun()
    fetches = find_fetches(t)
    by_question = {
        id(rec): rr
        for rec, rr in zip((r for r in t.records if r.get("type") == "question"), t.rounds)
    }
    recorded_session = str(t.header.get("session_id") or "")
    for record in t.records[1:]:
        kind = record.get("type")
        if kind == "session":
            session_id = str(record.get("session_id") or "")
            started_anew = bool(recorded_session and session_id) and session_id != recorded_session
            if started_anew and run.stopped_by is None:
                _repeat_command(conversation, "new", opts, out)
            recorded_session = session_id or recorded_session
            continue
        if kind == "command" and record.get("name") in REPEATED_COMMANDS:
            if run.stopped_by is None:
                _repeat_command(conversation, str(record["name"]), opts, out)
            continue
        if kind == "command" and record.get("name") == "kb":
            if run.stopped_by is None:
                _repeat_knowledge(conversation, record, run, opts, out)
            continue
        rr = by_question.get(id(record))
        if rr is None:
            continue
        if rr.number in fetches.rounds:
            out.write(prompt_line("/job", opts) + "\n")
            asker = next((r for r in t.rounds if r.job_id == rr.job_id and r is not rr), None)
            run.notes.append(
                f"round {rr.number}: a /job fetch"
                + (f" of round {asker.number}'s answer" if asker else " of an earlier job")
                + ", not asked again"
            )
            continue
        if run.stopped_by is not None:
            run.not_asked.append(rr)
            continue
        _ask(conversation, rr, run, fetches, opts, out)
    return run


def _ask(
    conversation,
    rr: RecordedRound,
    run: LiveRun,
    fetches: Fetches,
    opts: RenderOptions,
    out: IO[str],
) -> None:
    feedback = mapped_feedback(rr, run.answer_ids)
    if rr.feedback_answer_id and feedback is None:
        run.notes.append(
            f"round {rr.number}: its feedback referred to an answer outside this transcript; asked without feedback"
        )
    out.write(prompt_line(rr.question, opts) + "\n")
    out.flush()
    new = conversation.ask(rr.question, mode=rr.mode, feedback=feedback)
    out.write("".join(line + "\n" for line in round_lines(new, opts)))
    out.flush()
    if rr.job_id and new.job_id:
        run.answer_ids[rr.job_id] = new.job_id
    if not rr.complete:
        run.notes.append(
            f"round {rr.number}: nothing was recorded for it, so there is nothing to compare"
        )
        return
    run.drifts.append(compare_rounds(recorded_outcome(rr, fetches), new))
    if isinstance(new.error, (QuotaExceededError, AuthError)):
        run.stopped_by = new.error


def _repeat_command(conversation, name: str, opts: RenderOptions, out: IO[str]) -> None:
    out.write(prompt_line(f"/{name}", opts) + "\n")
    if name == "reset":
        conversation.reset()
    else:
        conversation.new_session()


def _repeat_knowledge(
    conversation, record: dict, run: LiveRun, opts: RenderOptions, out: IO[str]
) -> None:
    """Add the recorded knowledge item again, unless the knowledge base already holds it."""
    from c2q_repl.chat.knowledge import add_knowledge, has_knowledge

    item = record.get("knowledge")
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        return
    api_type, data = str(item.get("type") or ""), item["data"]
    out.write(prompt_line(f"/kb {record.get('args') or ''}".rstrip(), opts) + "\n")
    paint = Painter(opts.theme, opts.styled)
    try:
        if has_knowledge(conversation, api_type, data):
            out.write(paint("already in the knowledge base", "muted") + "\n")
            return
        add_knowledge(conversation, api_type, data)
        out.write(paint("added to the knowledge base", "muted") + "\n")
    except C2QError as exc:
        out.write("".join(line + "\n" for line in render_error(exc, opts)))
        run.notes.append(f"knowledge not added again ({exc.message}): later rounds may drift")


def drift_report(run: LiveRun, opts: RenderOptions) -> list[str]:
    """The per-round comparison that ends a live replay."""
    paint = Painter(opts.theme, opts.styled)
    lines = ["", paint("Drift report", "heading")]
    for d in run.drifts:
        role = "error" if d.drifted else "muted" if d.cancelled_when_recorded else "success"
        mark = ("✗" if d.drifted else "✓") if opts.unicode else ("x" if d.drifted else "ok")
        if d.cancelled_when_recorded:
            mark = "-"
        lines.append(
            f"{paint(mark, role)} {d.number:>3}. {paint(d.verdict, role)} · {clean_text(d.question)}"
        )
        if d.failure:
            lines.append(f"        {clean_text(d.failure)}")
        for task in d.tasks:
            label = "" if task.task_id in ("0", "") else f"task {task.task_id}: "
            if task.failure:
                lines.append(f"        {label}{clean_text(task.failure)}")
            elif task.rows_note and (task.rows_changed or d.drifted):
                lines.append(f"        {label}rows: {clean_text(task.rows_note)}")
            for diff_line in task.sql_diff:
                role = (
                    "success"
                    if diff_line.startswith("+")
                    else "error"
                    if diff_line.startswith("-")
                    else "muted"
                )
                lines.append("        " + paint(clean_text(diff_line), role))
        lines.extend(f"        {clean_text(n)}" for n in d.notes)
    for rr in run.not_asked:
        lines.append(
            f"{paint('-', 'warning')} {rr.number:>3}. not asked · {clean_text(rr.question)}"
        )
    lines.extend(paint(clean_text(n), "muted") for n in run.notes)
    drifted = sum(d.drifted for d in run.drifts)
    cancelled = sum(d.cancelled_when_recorded for d in run.drifts)
    total = len(run.drifts) - cancelled
    summary = f"{total} round{'s' if total != 1 else ''} compared · {total - drifted} same · {drifted} drifted"
    if cancelled:
        summary += f" · {cancelled} cancelled when recorded (not compared)"
    if run.not_asked:
        summary += f" · {len(run.not_asked)} not asked ({clean_text(run.stopped_by.message) if run.stopped_by else ''})"
    lines += ["", paint(summary, "error" if drifted or run.not_asked else "success")]
    return lines


def exit_code(run: LiveRun) -> int:
    """As ``c2q ask``: 3 quota, 4 auth, else 1 when any round drifted, 0 when none did."""
    from c2q_repl.exitcodes import exit_code_for

    return exit_code_for(run.stopped_by, any(d.drifted for d in run.drifts))


def live_main(
    t: Transcript,
    record: str | None,
    flags: ConnectionFlags,
    opts: RenderOptions,
    out: IO[str],
    err: IO[str],
    env: Mapping[str, str],
) -> int:
    """Connect, re-ask, report; ``--record`` writes the new run as a transcript of its own."""
    from c2q_repl.chat.connect import connect
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.config import load_settings

    try:
        settings = load_settings(flags, env, stderr=err)
        connection = connect(settings)
    except C2QError as exc:
        print(f"c2q: {clean_text(exc.describe())}", file=err)
        return _exit_for(exc)
    writer = None
    try:
        conversation = Conversation(connection, mode=str(t.header.get("mode") or "") or None)
        if record:
            from c2q_repl.transcript.opening import open_transcript

            writer = open_transcript(
                connection,
                conversation,
                Path(record),
                env=env,
                replay_of=str(t.path),
                on_stop=lambda message: print(f"c2q: {clean_text(message)}", file=err),
            )
        conversation.open()
        asking = len(t.rounds) - len(find_fetches(t).rounds)
        print(
            f"re-asking {asking} question{'s' if asking != 1 else ''} on {clean_text(connection.label)}",
            file=err,
        )
        run = replay_live(t, conversation, opts, out)
        out.write("".join(line + "\n" for line in drift_report(run, opts)))
        if writer is not None:
            if writer.stopped:
                print(f"c2q: the new run's transcript {writer.stopped}: {writer.path}", file=err)
            else:
                print(f"new run saved to {writer.path}", file=err)
        return exit_code(run)
    except C2QError as exc:
        print(f"c2q: {clean_text(exc.describe())}", file=err)
        return _exit_for(exc)
    except OSError as exc:  # --record names a file that cannot be written
        where = exc.filename or record
        print(f"c2q: cannot record to {clean_text(str(where))}: {exc.strerror or exc}", file=err)
        return 2
    finally:
        if writer is not None:
            writer.close()
        connection.close()


def _exit_for(exc: C2QError) -> int:
    from c2q_repl.exitcodes import exit_code_for

    return exit_code_for(exc, True)
