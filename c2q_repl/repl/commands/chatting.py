"""Commands about the conversation itself: mode, feedback, reset, new, history, job."""

from __future__ import annotations

from typing import Any

from c2q_repl.repl.commands.registry import Arg, UsageError, command

MODES = ("direct", "auto_breakdown")


def _answer_ids(ctx: Any) -> list[str]:
    """Job ids of this session's answered rounds, newest first (feedback completion)."""
    ids = ["off"]
    if ctx.opened is not None and ctx.opened.done and ctx.opened.error is None:
        ids += [r.job_id for r in reversed(ctx.conversation.rounds) if r.job_id]
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
    ctx.conversation.mode = new
    ctx.record_command("mode", new)
    ctx.out.ok(f"mode set to {new}; it applies from the next question")


@command(
    "feedback",
    "send the next question as feedback on an answer (default: the last one)",
    args=[Arg("ANSWER_ID", optional=True, values=_answer_ids), Arg("TASK_ID", optional=True, values=_task_ids)],
    usage="/feedback [ANSWER_ID [TASK_ID]] | /feedback off",
    details="The next question is sent with feedback_answer_id/feedback_task_id so the service revises\n"
    "that answer instead of starting afresh. It applies to one question, then disarms.",
)
def feedback_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.repl.context import Feedback

    answer_id = args.get("ANSWER_ID", "")
    if answer_id == "off":
        if "TASK_ID" in args:
            raise UsageError("/feedback off takes no task id")
        ctx.feedback = None
        ctx.record_command("feedback", "off")
        ctx.out.ok("feedback off: the next question starts afresh")
        return
    task_id = args.get("TASK_ID", "")
    if not answer_id:
        last = ctx.last_round
        if last is None or not last.job_id:
            raise UsageError("no answer yet to give feedback on; ask a question first or name ANSWER_ID")
        answer_id = last.job_id
        answer = last.answer if last.job_raw else None
        task_id = answer.task_id if answer is not None else ""
    ctx.feedback = Feedback(answer_id=answer_id, task_id=task_id)
    ctx.record_command("feedback", str(ctx.feedback))
    ctx.out.ok(f"feedback armed on answer {ctx.feedback}: type your correction as the next question (/feedback off cancels)")


@command("reset", "forget the conversation context (server and local), keep the session")
def reset_command(ctx: Any, args: dict[str, str]) -> None:
    ctx.conversation.reset()
    ctx.feedback = None
    ctx.last_round = None
    ctx.record_command("reset")
    ctx.out.ok(f"session {ctx.session_id} reset: the next question starts a new context")


@command("new", "start a new session (new id, empty context)")
def new_command(ctx: Any, args: dict[str, str]) -> None:
    conv = ctx.conversation
    conv.new_session()
    ctx.feedback = None
    ctx.last_round = None
    ctx.record("session", str(conv.session_id))
    ctx.out.ok(f"new session {conv.session_id}")


@command(
    "history",
    "this session's rounds; N re-shows round N; --server lists the server's messages",
    args=[Arg("N", optional=True, values=lambda ctx: ["--server"]), Arg("FLAG", optional=True, choices=("--server",))],
    usage="/history [N] [--server]",
)
def history_command(ctx: Any, args: dict[str, str]) -> None:
    words = [w for w in (args.get("N"), args.get("FLAG")) if w]
    server = "--server" in words
    numbers = [w for w in words if w != "--server"]
    if len(numbers) > 1 or (numbers and not numbers[0].isdigit()):
        raise UsageError(f"N must be a round number (got {numbers[0]!r})")
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
            raise UsageError(f"no round {n} in this session (1..{len(rounds)})" if rounds else "no rounds yet")
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
    session = ctx.client.get_session(ctx.session_id)
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
    args=[Arg("JOB_ID", optional=True, values=lambda ctx: list(reversed(ctx.cancelled_jobs)))],
)
def job_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.repl.asking import fetch_job

    job_id = args.get("JOB_ID") or (ctx.cancelled_jobs[-1] if ctx.cancelled_jobs else "")
    if not job_id:
        raise UsageError("which job? no cancelled wait to resume")
    fetch_job(ctx, job_id)
