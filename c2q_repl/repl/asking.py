"""Asking a question: wait in a worker thread, draw the live status line in the
main thread, and give the prompt back at once on Ctrl-C.

The worker does the HTTP (POST, then polls); the main thread only sleeps in
short ticks, so SIGINT interrupts it within one tick (0.1 s). A cancelled wait
sets the worker's cancel event and is abandoned: the job keeps running on the
server and ``/job ID`` fetches it later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from c2q_repl.repl.status import Progress

if TYPE_CHECKING:
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.chat.round import Round
    from c2q_repl.repl.context import ReplContext

TICK = 0.1
T = TypeVar("T")
#: work run in the worker thread: (cancel event, progress callback) -> result
Work = Callable[[threading.Event, Callable[[Any], None]], T]


def apply_update(progress: Progress, update: Any) -> None:
    """Fold one progress report from the conversation into ``progress``.

    Reports are the job as last polled (status, id and, for auto_breakdown,
    a partial answer whose finished sub-tasks have rows or an error).
    """
    from c2q_repl.render.sanitize import clean_text

    job_id = clean_text(str(getattr(update, "job_id", "") or ""))
    if job_id:
        progress.job_id = job_id
    status = clean_text(str(getattr(update, "status", "") or ""))
    if status:
        # "submitted": reported after the POST, before the server said queued or running
        progress.phase = {"submitted": "sent", "init": "queued"}.get(status, status)
    try:
        answer = update.answer() if callable(getattr(update, "answer", None)) else None
    except Exception:  # a half-written partial result is not worth failing the wait for
        answer = None
    if answer is not None and answer.sub_tasks:
        leaves = answer.leaves()
        done = [
            leaf
            for leaf in leaves
            if leaf.status in ("done", "failed") or leaf.data is not None or leaf.sql_error
        ]
        # a partial answer may list only the finished sub-tasks: a total only when some are pending
        progress.total_tasks = len(leaves) if len(done) < len(leaves) else 0
        progress.done_tasks = [
            clean_text(leaf.task or leaf.description or leaf.clarified_task or leaf.task_id)
            for leaf in done
        ]


def run_with_status(
    ctx: ReplContext, work: Work[T], phase: str, *, since: float | None = None
) -> tuple[bool, T | None, Progress]:
    """Run ``work(cancel, on_update)`` in a worker thread while the status line spins.

    ``since`` (``time.monotonic()``) is when the job started, if earlier than now
    (``/job`` of a wait cancelled before): the status line counts from there.

    Returns (finished, result, progress). On Ctrl-C the cancel event is set and
    (False, None, progress) comes back immediately; exceptions from ``work``
    are re-raised here.
    """
    cancel = threading.Event()
    done = threading.Event()
    progress = Progress(phase=phase)
    box: dict[str, Any] = {}
    lock = threading.Lock()

    def on_update(update: Any) -> None:
        with lock:
            apply_update(progress, update)

    def target() -> None:
        try:
            box["result"] = work(cancel, on_update)
        except BaseException as exc:  # handed to the main thread
            box["error"] = exc
        finally:
            done.set()

    line = ctx.opening.status_line()
    line.progress = progress
    if since is not None:
        line.started = min(line.started, since)
    worker = threading.Thread(target=target, name="c2q-ask", daemon=True)
    worker.start()
    try:
        while not done.wait(TICK):
            with lock:
                line.draw()
    except KeyboardInterrupt:
        cancel.set()
        line.erase()
        return False, None, progress
    line.erase()
    if "error" in box:
        raise box["error"]
    return True, box.get("result"), progress


def run_chat(ctx: ReplContext, work: Work[T], phase: str) -> T:
    """Run a chat/ call like a question (status line, Ctrl-C) and return its result.

    A cancelled wait raises :class:`CancelledError` naming the job, which the
    command guard prints like any other error.
    """
    from c2q_repl.api.errors import CancelledError

    try:
        finished, result, progress = run_with_status(ctx, work, phase)
    finally:
        ctx.refresh_usage()
    if not finished:
        job = progress.job_id
        raise CancelledError(
            "stopped waiting",
            job_id=job,
            hint="Run the command again when you want the result"
            + (f" (job {job} may still finish on the server)." if job else "."),
        )
    return result  # type: ignore[return-value]  # finished: the work's own result


def ask(ctx: ReplContext, question: str) -> None:
    """Send ``question`` in the current session and show the answer (or why not).

    Armed feedback ids go with it (the conversation disarms them after one use).
    """
    conversation = ctx.wait_conversation()  # Ctrl-C while it opens propagates

    def work(cancel: threading.Event, on_update: Callable[[Any], None]) -> Round:
        return conversation.ask(question, on_update=on_update, cancel=cancel)

    finished, round_, progress = run_with_status(ctx, work, "sending")
    if not finished or round_ is None:
        _cancelled(ctx, progress)
        return
    _show(ctx, round_)


def _show(ctx: ReplContext, round_: Round) -> None:
    ctx.keep_answer(round_)
    try:
        ctx.show_round(round_)
    except KeyboardInterrupt:
        # The answer arrived and is recorded; only its printing was cut short.
        ctx.out.line("")
        ctx.out.warn(
            f"output interrupted; the answer is kept: /history {round_.number} shows it again"
        )
    finally:
        ctx.refresh_usage()


def _cancelled(ctx: ReplContext, progress: Progress) -> None:
    ctx.refresh_usage()
    if progress.job_id:
        ctx.out.warn(
            f"cancelled waiting for job {progress.job_id}; it may still finish on the server."
        )
        ctx.out.info(f"fetch it later with /job {progress.job_id}")
    else:
        ctx.out.warn(
            "cancelled before the server answered; if it was received, /job fetches the answer later."
        )


def _job_started(conversation: Conversation, job_id: str) -> float | None:
    """``time.monotonic()`` when this process started ``job_id``, if it did."""
    try:
        origin = conversation.client.job_origin(job_id)
    except Exception:  # not connected yet: the fetch's own clock it is
        return None
    return origin.started_at if origin is not None else None


def fetch_job(ctx: ReplContext, job_id: str) -> None:
    """``/job ID``: wait for a job (status line; nothing is re-sent) and show its answer."""
    conversation = ctx.wait_conversation()

    def work(cancel: threading.Event, on_update: Callable[[Any], None]) -> Round:
        return conversation.resume(job_id, on_update=on_update, cancel=cancel)

    finished, round_, progress = run_with_status(
        ctx, work, "fetching", since=_job_started(conversation, job_id)
    )
    if not finished or round_ is None:
        progress.job_id = progress.job_id or job_id
        _cancelled(ctx, progress)
        return
    _show(ctx, round_)
