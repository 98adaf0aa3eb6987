"""Commands about the conversation itself: mode, feedback, reset, new, history, job."""

from __future__ import annotations

from typing import Any

from c2q_repl.chat.conversation import MODES
from c2q_repl.repl.commands.registry import Arg, UsageError, command


def _answer_ids(ctx: Any) -> list[str]:
    """Job ids of this session's answered rounds, newest first (feedback completion)."""
    ids = ["off"]
    conv = ctx._open_conversation()
    if conv is not None:
        ids += [r.job_id for r in reversed(conv.rounds) if r.job_id and r.job_raw is not None]
    return ids


def _task_ids(ctx: Any) -> list[str]:
    answer = ctx.last_round.answer if ctx.last_round is not None else None
    if answer is None:
        return []
    ids = [answer.task_id]
    ids += [leaf.task_id for leaf in answer.leaves() if leaf.task_id != answer.task_id]
    return ids


@command(
    "mode",
    "show or set how the service writes SQL (direct, or auto_breakdown into sub-tasks)",
    args=[Arg("MODE", optional=True, choices=MODES)],
)
def mode_command(ctx: Any, args: dict[str, str]) -> None:
    new = args.get("MODE")
    if not new:
        ctx.out.info(f"mode: {ctx.mode}   (/mode direct | /mode auto_breakdown)")
        return
    ctx.conversation.mode = new  # the conversation records the change in the transcript
    ctx.out.ok(f"mode set to {new}; it applies from the next question")


@command(
    "feedback",
    "send the next question as feedback on an answer (default: the last one)",
    args=[
        Arg("ANSWER_ID", optional=True, values=_answer_ids),
        Arg("TASK_ID", optional=True, values=_task_ids),
    ],
    usage="/feedback [ANSWER_ID [TASK_ID]] | /feedback off",
    details="The next question is sent with feedback_answer_id/feedback_task_id so the service revises\n"
    "that answer instead of starting afresh. It applies to one question, then disarms.",
)
def feedback_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.api.errors import ValidationError

    conv = ctx.conversation
    answer_id = args.get("ANSWER_ID", "")
    if answer_id == "off":
        if "TASK_ID" in args:
            raise UsageError("/feedback off takes no task id")
        conv.disarm_feedback()
        ctx.out.ok("feedback off: the next question starts afresh")
        return
    try:
        conv.arm_feedback(answer_id, args.get("TASK_ID", ""))
    except ValidationError as exc:
        raise UsageError(f"{exc.message}; ask a question first or name ANSWER_ID") from None
    ctx.out.ok(
        f"feedback armed on answer {ctx.feedback}: type your correction as the next question (/feedback off cancels)"
    )


@command("reset", "forget the conversation context (server and local), keep the session")
def reset_command(ctx: Any, args: dict[str, str]) -> None:
    ctx.conversation.reset()
    ctx.last_round = None
    ctx.out.ok(f"session {ctx.session_id} reset: the next question starts a new context")


@command("new", "start a new session (new id, empty context)")
def new_command(ctx: Any, args: dict[str, str]) -> None:
    conv = ctx.conversation
    conv.new_session()
    ctx.last_round = None
    ctx.out.ok(f"new session {conv.session_id}")


@command(
    "history",
    "this session's rounds; N re-shows round N; --server lists the server's messages",
    args=[Arg("N|--server", optional=True, rest=True, values=lambda ctx: ["--server"])],
    usage="/history [N] [--server]",
)
def history_command(ctx: Any, args: dict[str, str]) -> None:
    words = args.get("N|--server", "").split()
    server = "--server" in words
    numbers = [w for w in words if w != "--server"]
    if len(numbers) > 1 or (numbers and not numbers[0].isdigit()):
        raise UsageError(f"N must be one round number (got {' '.join(numbers)!r})")
    if server:
        if numbers:
            raise UsageError("--server takes no round number")
        _server_history(ctx)
        return
    rounds = list(ctx.conversation.rounds)
    if numbers:
        n = int(numbers[0])
        match = [r for r in rounds if r.number == n]
        if not match:
            raise UsageError(
                f"no round {n} in this session (1..{len(rounds)})" if rounds else "no rounds yet"
            )
        ctx.show_round(match[0], echo_question=True)
        return
    if not rounds:
        ctx.out.info("no questions asked in this session yet")
        return
    for r in rounds:
        state = "failed" if r.failed else "ok"
        extra = f"  job {r.job_id}" if r.job_id else ""
        ctx.out.line(f"{r.number:>3}. [{r.mode}] {r.question}  ({state}{extra})")


def _server_history(ctx: Any) -> None:
    session = ctx.conversation.server_session()
    if not session.messages:
        ctx.out.info(f"the server holds no messages for session {session.session_id}")
        return
    for i, msg in enumerate(session.messages, 1):
        who = msg.role or "message"
        extra = f"  (job {msg.job_id})" if msg.job_id else ""
        ctx.out.line(f"{i:>3}. {who}: {msg.content}{extra}")


@command(
    "job",
    "fetch a job by id (e.g. one whose wait you cancelled) and show its answer",
    args=[Arg("JOB_ID", optional=True, values=lambda ctx: ctx.cancelled_job_ids())],
)
def job_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.repl.asking import fetch_job

    pending = ctx.cancelled_job_ids()
    job_id = args.get("JOB_ID") or (pending[0] if pending else "")
    if not job_id:
        raise UsageError("which job? no cancelled wait to resume")
    fetch_job(ctx, job_id)
