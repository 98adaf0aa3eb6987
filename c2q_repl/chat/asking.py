"""Running one round: start its job, wait for it, and file the outcome in the round.

Two rules matter for money and for correctness:

* A question is POSTed exactly once. The transport may repeat a request that
  never reached the server (connect failure); nothing here ever re-sends a
  question after a timeout or any other error, because the server may already
  be answering it (and charging for it).
* Running a round never raises for API trouble: the error lands in
  ``Round.error`` so the caller shows it like any other outcome. Only
  KeyboardInterrupt escapes, after the round is filed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from c2q_repl.api.errors import C2QError, CancelledError, ValidationError
from c2q_repl.api.models import Job
from c2q_repl.api.vocabulary import MODES
from c2q_repl.chat.job_progress import job_elapsed, submitted
from c2q_repl.chat.round import Round

if TYPE_CHECKING:
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.chat.connect import Connection

OnUpdate = Callable[[Job], None]
#: starts the round's job on the server (or names one already started); returns its id
StartJob = Callable[["Chat2QueryClient"], str]


def check_mode(mode: str) -> str:
    """``mode`` if it is a SQL generation mode the API knows; a clear error otherwise."""
    if mode not in MODES:
        raise ValidationError(
            f"unknown SQL generation mode {mode!r}", hint="Use 'direct' or 'auto_breakdown'."
        )
    return mode


@dataclass(frozen=True)
class Clocks:
    """``monotonic`` times waits; ``wall`` stamps rounds and compares with the server's times."""

    monotonic: Callable[[], float]
    wall: Callable[[], float]


def post_question(
    client: Chat2QueryClient,
    session_id: str,
    round_: Round,
    on_update: OnUpdate | None,
) -> str:
    """``POST …/chat2data`` once for ``round_`` and return the job id; the caller
    learns the id (``on_update``) before the first poll."""
    started = client.session_chat(
        session_id,
        round_.question,
        mode=check_mode(round_.mode),
        feedback_answer_id=round_.feedback_answer_id,
        feedback_task_id=round_.feedback_task_id,
    )
    round_.job_id = started.job_id
    if on_update is not None:
        on_update(submitted(started.job_id))
    return started.job_id


def job_started(connection: Connection, job_id: str) -> float | None:
    """When (wall clock) the POST that started ``job_id`` was answered, if this
    process started it: a fetched job's elapsed time counts from there."""
    try:
        origin = connection.client.job_origin(job_id)
    except Exception:  # not connected: the wait alone is all we know
        return None
    return origin.started_wall if origin is not None else None


def run_round(
    connection: Connection,
    round_: Round,
    start: StartJob,
    *,
    cancel: threading.Event,
    on_update: OnUpdate | None,
    clocks: Clocks,
    file: Callable[[Round], None],
    since: float | None = None,
) -> None:
    """Start (``start(client) -> job id``), wait, fill ``round_`` and hand it to ``file``.

    ``round_`` gets the final job (raw JSON) or the error, its elapsed time and
    the number of requests it cost. ``since``: when (wall clock) an earlier POST
    started the job (``/job``), so its elapsed time counts from there.
    """
    from c2q_repl.api.poller import wait_for_job

    began = clocks.monotonic()
    client: Chat2QueryClient | None = None
    before = 0
    try:
        client = connection.client
        before = client.requests_sent
        job_id = start(client)
        job = wait_for_job(client, job_id, cancel=cancel, on_update=on_update)
        round_.job_raw = dict(job.raw) if job.raw else _job_json(job)
    except CancelledError as err:
        err.job_id = err.job_id or round_.job_id
        if not err.hint and err.job_id:
            err.hint = f"The job may still finish on the server: /job {err.job_id}"
        round_.error = err
    except C2QError as err:
        round_.error = err
    except KeyboardInterrupt:
        round_.error = CancelledError("interrupted", job_id=round_.job_id)
        _finish(connection, round_, client, before, began, clocks, None, file)
        raise
    except Exception as exc:  # a bug must not lose the session; say what it was
        round_.error = C2QError(
            f"internal error: {type(exc).__name__}: {exc}",
            hint="This is a bug in c2q; please report it.",
        )
    _finish(connection, round_, client, before, began, clocks, since, file)


def _job_json(job: Job) -> dict[str, Any]:
    """A job that came without its raw JSON, as the fields replay needs."""
    return {
        "job_id": job.job_id,
        "status": job.status,
        "ended_at": job.ended_at,
        "reason": job.reason,
        "result": job.result,
    }


def _finish(
    connection: Connection,
    round_: Round,
    client: Chat2QueryClient | None,
    before: int,
    began: float,
    clocks: Clocks,
    since: float | None,
    file: Callable[[Round], None],
) -> None:
    round_.elapsed = max(0.0, clocks.monotonic() - began)
    if since is not None and round_.job_raw is not None:
        round_.elapsed = max(round_.elapsed, job_elapsed(round_.job_raw, since, clocks.wall()))
    if client is not None:
        round_.requests = max(0, client.requests_sent - before)
    file(round_)
    if client is not None:
        connection.remember_durations(client)
