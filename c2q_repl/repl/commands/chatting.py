"""Commands about the conversation itself: mode, feedback, reset, new, history, job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.api.vocabulary import MODES
from c2q_repl.repl.commands.registry import Arg, UsageError, command

if TYPE_CHECKING:
    from c2q_repl.chat.round import Round
    from c2q_repl.repl.context import ReplContext


def _answer_ids(ctx: ReplContext) -> list[str]:
    """Job ids of this session's answered rounds, newest first (feedback completion)."""
    ids = ["off"]
    conv = ctx.open_conversation()
    if conv is not None:
        ids += [r.job_id for r in reversed(conv.rounds) if r.job_id and r.answered]
    return ids


def _task_ids(ctx: ReplContext) -> list[str]:
    last = ctx.answers.last_round
    answer = last.answer if last is not None else None
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
def mode_command(ctx: ReplContext, args: dict[str, str]) -> None:
    new = args.get("MODE")
    if not new:
        ctx.out.info(f"mode: {ctx.mode}   (/mode direct | /mode auto_breakdown)")
        return
    ctx.wait_conversation().mode = new  # the conversation records the change in the transcript
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
def feedback_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.api.errors import ValidationError

    conv = ctx.wait_conversation()
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
def reset_command(ctx: ReplContext, args: dict[str, str]) -> None:
    ctx.wait_conversation().reset()
    ctx.answers.forget()
    ctx.out.ok(f"session {ctx.session_id} reset: the next question starts a new context")


@command("new", "start a new session (new id, empty context)")
def new_command(ctx: ReplContext, args: dict[str, str]) -> None:
    conv = ctx.wait_conversation()
    conv.new_session()
    ctx.answers.forget()
    ctx.out.ok(f"new session {conv.session_id}")


@command(
    "history",
    "this session's rounds; N re-shows round N; --server lists the server's messages",
    args=[Arg("N|--server", optional=True, rest=True, values=lambda ctx: ["--server"])],
    usage="/history [N] [--server]",
    details="The last 5 answers are held in memory; /history N of an older one reads it back\n"
    "from the session's transcript (with --no-transcript it is gone). --server shows each round\n"
    "the server holds: question, status, row count, job and SQL.",
)
def history_command(ctx: ReplContext, args: dict[str, str]) -> None:
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
    rounds = list(ctx.wait_conversation().rounds)
    if numbers:
        n = int(numbers[0])
        shown = ctx.round_to_show(n)
        if shown is None:
            raise UsageError(
                f"no round {n} in this session (1..{len(rounds)})" if rounds else "no rounds yet"
            )
        ctx.show_round(shown, echo_question=True)
        return
    if not rounds:
        ctx.out.info("no questions asked in this session yet")
        return
    ctx.out.block(history_with_boundaries(rounds, ctx.wait_conversation().boundaries, ctx))


def history_with_boundaries(
    rounds: list[Round], boundaries: list[tuple[int, str]], ctx: ReplContext
) -> list[str]:
    """/history's list with a marked line where /new, /reset or a switch started afresh."""
    from c2q_repl.render.listings import history_lines
    from c2q_repl.render.style import Painter

    opts = ctx.render_options()
    paint = Painter(opts.theme, opts.styled)
    rule = "──" if opts.unicode else "--"
    lines: list[str] = []
    at = 0
    for index, what in boundaries:
        if index > at:
            lines += history_lines(rounds[at:index], opts)
            at = index
        lines.append(paint(f"{rule} {what} {rule}", "muted"))
    return lines + history_lines(rounds[at:], opts)


def _server_history(ctx: ReplContext) -> None:
    from c2q_repl.chat.server_sessions import server_history
    from c2q_repl.render.listings import server_history_lines
    from c2q_repl.repl.asking import run_chat

    conversation = ctx.wait_conversation()
    session_id, rounds = run_chat(
        ctx, lambda cancel, on_update: server_history(conversation, cancel=cancel), "fetching"
    )
    if not rounds:
        ctx.out.info(f"the server holds no messages for session {session_id}")
        return
    ctx.out.block(server_history_lines(session_id, rounds, ctx.render_options()))


@command(
    "job",
    "fetch a job by id (e.g. one whose wait you cancelled) and show its answer",
    args=[Arg("JOB_ID", optional=True, values=lambda ctx: ctx.cancelled_job_ids())],
)
def job_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.repl.asking import fetch_job

    pending = ctx.cancelled_job_ids()
    job_id = args.get("JOB_ID") or (pending[0] if pending else "")
    if not job_id:
        raise UsageError("which job? no cancelled wait to resume")
    fetch_job(ctx, job_id)
