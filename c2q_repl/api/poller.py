"""Wait for a job (``GET /v2/jobs/{id}``) with few requests, noticing completion quickly.

Why not fixed-interval polling: polling every second (PingCAP's TiInsight)
spends about one request per second of job time; every 5 s (their examples)
adds 2.5 s of delay on average. Nobody knows whether polls count against the
100-per-day quota, so requests matter, and so does latency.

The algorithm:

1. **Learn durations.** The client remembers, for every job it started, its
   kind (``chat:direct``, ``chat:auto_breakdown``, ``summary``...) and when the
   starting POST returned. When a job finishes we know its duration lies in
   ``(last poll that saw it running, poll that saw it finished]``; the server's
   ``ended_at`` narrows that when its clock agrees with ours. The belief about
   the next duration (:class:`~c2q_repl.api.durations.JobDurationModel`, owned
   by the client, no globals) mixes "the same as the newest consistent run of
   jobs" and "a fresh draw from the long-run distribution" (a long window),
   weighted by a learned stay probability: steady or run-wise durations are
   followed at once, independent ones are planned for from their whole history.
2. **Plan within a request budget.** :func:`~c2q_repl.api.durations.plan_polls`
   picks poll times minimising the expected delay subject to at most ~1.8
   expected polls (3 requests a question with the POST; ``poll_budget`` in the
   config or ``--poll-budget N`` changes it), by dynamic programming over a time
   grid: a narrow belief gives one poll just after the expected finish; a wide
   one gives polls packed where finishing is likely and spread out in the
   unlikely tail. Simulated against the best schedule that *knows* the
   distribution, at the same mean number of polls (benchmarks/bench_economy.py):
   within a few per cent for independent uniform and log-normal durations;
   steady durations cost one poll (~0.05 s late), durations that change in runs
   ~1.3 polls.
3. **Fall back.** Past the plan (the job is slower than anything seen), poll
   with capped backoff: a quarter of the elapsed time, 0.5 s to 5 s.
4. **Resume.** A job the client did not start here (``/job ID``), or one
   waited for again well after its POST (after a cancel), is polled at once
   (it may be done), then on the learned plan measured from now.

Every poll is reported to ``on_update`` (partial breakdown results while
running). Cancellation waits on the caller's event, never a blind sleep, and
a poll in flight runs in a helper thread so ``cancel.set()`` is honoured
within a few milliseconds even while the network is slow. Transient poll
failures (network, 5xx, garbled body) are retried — GETs are safe — and only
after several in a row is the error raised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from c2q_repl.api import errors as E
from c2q_repl.api.durations import JobDurationModel, backoff_after, refine_with_ended_at
from c2q_repl.api.models import Job

#: consecutive failed polls tolerated before the error is raised
MAX_POLL_FAILURES = 3
#: a wait starting this long after the job's POST is a resumption
RESUME_AFTER = 1.0


#: how often a waiting thread re-checks the cancel event while a poll is in flight
class JobSource(Protocol):
    """What the poller needs of a client: ``GET /v2/jobs/{id}``."""

    def get_job(self, job_id: str, *, cancel: threading.Event | None = None) -> Job: ...


_CANCEL_TICK = 0.01
_TRANSIENT = (
    E.NetworkError,
    E.ServerError,
    E.ProtocolError,
    E.RequestTimeoutError,
    E.RateLimitError,
)


def _poll_in_thread(
    client: JobSource, job_id: str, cancel: threading.Event, give_up_at: float = float("inf")
) -> Job:
    """Run one ``get_job`` in a helper thread; give up on it the moment ``cancel`` is
    set or the wait limit (``give_up_at``, monotonic) passes, and release the helper
    (the transport closes its connection) instead of leaving it behind."""
    outcome: dict[str, Any] = {}
    done = threading.Event()
    release = threading.Event()

    def run() -> None:
        try:
            outcome["job"] = client.get_job(job_id, cancel=release)
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=f"c2q-poll-{job_id[:8]}", daemon=True).start()
    while not done.wait(_CANCEL_TICK):
        if cancel.is_set():
            release.set()
            raise E.CancelledError("stopped waiting for the job", job_id=job_id)
        if time.monotonic() >= give_up_at:
            release.set()
            raise E.JobTimeoutError(
                "the job was still unfinished when the wait limit passed during a poll",
                job_id=job_id,
                hint=f"It may still finish: fetch it later with its id {job_id}.",
            )
    if "error" in outcome:
        raise outcome["error"]
    job: Job = outcome["job"]
    return job


def wait_for_job(
    client: JobSource,
    job_id: str,
    *,
    cancel: threading.Event | None = None,
    on_update: Callable[[Job], None] | None = None,
    expected_seconds: float | None = None,
    max_wait: float = 600,
    durations: JobDurationModel | None = None,
    kind: str | None = None,
) -> Job:
    """Poll until the job is ``done`` or ``failed`` and return it.

    Raises :class:`CancelledError` (with ``job_id``) when ``cancel`` is set,
    :class:`JobTimeoutError` after ``max_wait`` seconds, or the typed error of
    a poll that kept failing. ``durations`` defaults to ``client.job_durations``.
    """
    cancel = cancel or threading.Event()
    origin = client.job_origin(job_id) if hasattr(client, "job_origin") else None
    model = durations or getattr(client, "job_durations", None) or JobDurationModel()
    kind = kind or (origin.kind if origin else "chat:direct")
    started = origin.started_at if origin else time.monotonic()
    started_wall = origin.started_wall if origin else time.time()

    def elapsed() -> float:
        return time.monotonic() - started

    # A job we did not start, or one picked up again long after its POST (say after a cancel),
    # may be finished already: poll at once, and learn nothing (its start is not where we measure from).
    resumed = origin is None or elapsed() > RESUME_AFTER
    plan = [] if resumed else model.plan(kind, after=elapsed(), expected=expected_seconds)
    next_at = (
        elapsed() if resumed else (plan.pop(0) if plan else elapsed() + backoff_after(elapsed()))
    )
    last_running = 0.0
    failures = 0
    resumed_planned = False
    while True:
        if cancel.wait(max(0.0, min(next_at, max_wait) - elapsed())):
            raise E.CancelledError("stopped waiting for the job", job_id=job_id)
        sent = elapsed()
        try:
            job = _poll_in_thread(client, job_id, cancel, started + max_wait)
        except E.CancelledError as err:
            err.job_id = err.job_id or job_id
            raise
        except (E.ResponseTooLargeError, E.ResponseTooSlowError):
            raise  # asking again would only meet it again
        except _TRANSIENT as err:
            failures += 1
            if failures >= MAX_POLL_FAILURES:
                raise
            wait = (
                err.retry_after
                if isinstance(err, E.RateLimitError) and err.retry_after
                else min(5.0, 0.5 * 2 ** (failures - 1))
            )
            next_at = elapsed() + wait
            continue
        received = elapsed()
        failures = 0
        if on_update is not None:
            on_update(job)
        if job.finished:
            if not resumed:
                low, high = refine_with_ended_at(last_running, received, job.ended_at, started_wall)
                model.observe(kind, low, high)
            return job
        if received >= max_wait:
            raise E.JobTimeoutError(
                f"the job was still running after {max_wait:.0f} s",
                job_id=job_id,
                hint=f"It may still finish: fetch it later with its id {job_id}.",
            )
        last_running = sent
        if resumed and not resumed_planned:
            # The start time is unknown: follow the usual plan measured from now, learn nothing.
            plan = [received + t for t in model.plan(kind, after=0.0, expected=expected_seconds)]
            resumed_planned = True
        while plan and plan[0] <= elapsed():
            plan.pop(0)
        next_at = plan.pop(0) if plan else elapsed() + backoff_after(elapsed())
