"""Asynchronous jobs: ``init → running → done | failed``, driven by elapsed time.

The work itself starts at once in a thread pool (SQL never runs on the event
loop); what a poll shows is derived from the clock, so clients really poll:
a job is ``init`` for its first tenth, then ``running`` until its duration has
passed *and* the work is finished. A job whose result has stages (the
sub-tasks of an auto_breakdown answer) reveals them one by one while running.
Jobs submitted with ``starts_running`` (questions, refineSql, suggestions) skip
``init``: PingCAP's TiInsight accepts only running/done/failed for those.

Bounded in time and memory: work that has not finished by the engine
deadline shows as ``failed`` (the thread is abandoned: job threads are
daemons, shared fairly between keys, see :mod:`c2q_repl.sandbox.workers`); a finished job's
poll answer is serialised once, in the worker thread (never on the event loop
and never again per poll), and finished jobs are forgotten by age and by the
total size of their answers (then polls get 404, as for any unknown job).
"""

from __future__ import annotations

import random
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from c2q_repl.sandbox.responses import encode_json
from c2q_repl.sandbox.workers import FairPool

MAX_JOBS = 20_000


@dataclass(frozen=True)
class JobLimits:
    """How long work may run, and how long/much finished jobs are kept."""

    deadline: float = 60.0  # seconds of work before the job is reported failed
    keep_seconds: float = 3600.0  # a finished job stays pollable this long
    keep_bytes: int = 256 * 2**20  # total serialised answers kept; oldest finished go first


@dataclass(frozen=True)
class JobOutcome:
    """What the work produced. ``stages`` are partial results shown while running."""

    status: str  # "done" | "failed"
    result: Any = None
    reason: str = ""
    stages: tuple[Any, ...] = ()
    finished_at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class JobView:
    job_id: str
    status: str
    ended_at: int | None
    reason: str
    result: Any
    outcome: (
        JobOutcome | None
    )  # set once the work is finished (even if the job still shows "running")

    def to_json(self) -> dict:
        return {
            "job_id": self.job_id,
            "status": self.status,
            "ended_at": self.ended_at,
            "reason": self.reason,
            "result": self.result,
        }


@dataclass
class _Job:
    job_id: str
    kind: str
    started: float  # monotonic
    started_wall: float
    duration: float
    future: Future
    starts_running: bool = False
    outcome: JobOutcome | None = None  # set once, by the worker (or by the deadline)
    body: bytes | None = None  # the final poll answer, serialised once
    sealed_at: float = 0.0  # monotonic time the outcome was set
    owner: str = ""  # public key of the key that asked ("" = shared, e.g. a data summary)


def new_job_id() -> str:
    """32 lowercase hex characters, like Chat2Query's job ids."""
    return uuid.uuid4().hex


def parse_delay(text: str | float | tuple[float, float]) -> tuple[float, float]:
    """``2`` → (2, 2); ``"1-8"`` → (1, 8); a (lo, hi) tuple as is."""
    if isinstance(text, tuple):
        lo, hi = float(text[0]), float(text[1])
    elif isinstance(text, (int, float)):
        lo = hi = float(text)
    else:
        raw = str(text).strip()
        head, sep, tail = raw.partition("-")
        if sep and head:
            lo, hi = float(head), float(tail)
        else:
            lo = hi = float(raw)
    if lo < 0 or hi < lo:
        raise ValueError(
            f"job delay must be SECONDS or LOW-HIGH with 0 <= LOW <= HIGH, not {text!r}"
        )
    return lo, hi


class JobStore:
    """Creates jobs and answers polls; thread-safe, bounded (finished jobs are forgotten)."""

    def __init__(
        self,
        delay: tuple[float, float],
        *,
        seed: int = 0,
        workers: int = 8,
        clock=time.monotonic,
        limits: JobLimits | None = None,
    ):
        self._delay = delay
        self._rng = random.Random(f"job-delay:{seed}")
        self._clock = clock
        self._limits = limits or JobLimits()
        self._pool = FairPool(workers, "c2q-sandbox-job")
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
        self._kept_bytes = 0
        self._next_sweep = float("-inf")
        self._lock = threading.Lock()

    def _next_duration(self) -> float:
        lo, hi = self._delay
        return lo if hi == lo else lo + (hi - lo) * self._rng.random()

    def submit(
        self,
        kind: str,
        work: Callable[[], JobOutcome],
        *,
        job_id: str | None = None,
        duration: float | None = None,
        starts_running: bool = False,
    ) -> str:
        """Start ``work`` in the pool; ``job_id`` may be chosen first (to record it before the work runs).
        ``starts_running``: polls never show ``init`` (``running`` from creation)."""
        job_id = job_id or new_job_id()
        future: Future = Future()
        with self._lock:
            d = self._next_duration() if duration is None else duration
            job = _Job(job_id, kind, self._clock(), time.time(), d, future, starts_running)
            self._jobs[job_id] = job
            self._evict_locked()
        self._pool.run(future, self._run, job, work)
        return job_id

    def completed(self, kind: str, outcome: JobOutcome) -> str:
        """A job that is already done (e.g. a reused data summary)."""
        future: Future = Future()
        future.set_result(outcome)
        job_id = new_job_id()
        job = _Job(job_id, kind, self._clock(), time.time(), 0.0, future)
        with self._lock:
            self._jobs[job_id] = job
        self._seal(job, outcome)
        return job_id

    def _run(self, job: _Job, work: Callable[[], JobOutcome]) -> JobOutcome:
        outcome = _guarded(work)
        self._seal(job, outcome)
        return outcome

    def _seal(self, job: _Job, outcome: JobOutcome) -> None:
        """Record the outcome once and serialise the final poll answer (in the calling thread)."""
        ended = int(max(job.started_wall + job.duration, outcome.finished_at))
        final = {
            "job_id": job.job_id,
            "status": outcome.status,
            "ended_at": ended,
            "reason": outcome.reason,
            "result": outcome.result,
        }
        body = encode_json({"code": 200, "msg": "", "result": final})
        with self._lock:
            if job.outcome is not None:  # the deadline came first: the late answer is dropped
                return
            job.outcome, job.body, job.sealed_at = outcome, body, self._clock()
            if self._jobs.get(job.job_id) is job:
                self._kept_bytes += len(body)
                self._evict_locked()

    def _check_deadline(self, job: _Job, elapsed: float) -> None:
        if job.outcome is None and elapsed > self._limits.deadline:
            reason = (
                f"the engine did not answer within {self._limits.deadline:g} seconds; "
                "try a shorter or simpler question"
            )
            self._seal(job, JobOutcome("failed", None, reason))

    def _evict_locked(self) -> None:
        """Forget finished jobs past their age, then the oldest finished ones over the size budget."""
        now = self._clock()
        while len(self._jobs) > MAX_JOBS:
            self._forget_locked(next(iter(self._jobs)))
        if now >= self._next_sweep:  # a full scan at most once a second, not per job
            self._next_sweep = now + 1.0
            stale = [
                job_id
                for job_id, job in self._jobs.items()
                if job.outcome is not None and now - job.sealed_at > self._limits.keep_seconds
            ]
            for job_id in stale:
                self._forget_locked(job_id)
        if self._kept_bytes > self._limits.keep_bytes:
            for job_id in [j for j, job in self._jobs.items() if job.outcome is not None]:
                if self._kept_bytes <= self._limits.keep_bytes:
                    break
                self._forget_locked(job_id)

    def _forget_locked(self, job_id: str) -> None:
        job = self._jobs.pop(job_id)
        if job.body is not None:
            self._kept_bytes -= len(job.body)

    @property
    def deadline(self) -> float:
        """Seconds of work before an answer is given up (also bounds synchronous v1 answers)."""
        return self._limits.deadline

    def claim(self, job_id: str, owner: str) -> None:
        """Make ``owner`` (a public key) the job's owner; only it (and Admins) may poll it."""
        job = self._jobs.get(job_id)
        if job is not None and not job.owner:
            job.owner = owner

    def owner(self, job_id: str) -> str | None:
        """The job's owner ("" when shared), None for an unknown job."""
        job = self._jobs.get(job_id)
        return job.owner if job is not None else None

    def kind(self, job_id: str) -> str | None:
        job = self._jobs.get(job_id)
        return job.kind if job else None

    def _shown(self, job_id: str) -> tuple[_Job, float] | None:
        """The job and its elapsed time, with the deadline applied (None: unknown or forgotten)."""
        job = self._jobs.get(job_id)
        if job is None:
            return None
        elapsed = self._clock() - job.started
        self._check_deadline(job, elapsed)
        return job, elapsed

    def final_body(self, job_id: str) -> bytes | None:
        """The serialised poll answer once the job shows as finished, else None."""
        shown = self._shown(job_id)
        if shown is None:
            return None
        job, elapsed = shown
        if job.outcome is not None and elapsed >= job.duration:
            return job.body
        return None

    def view(self, job_id: str) -> JobView | None:
        shown = self._shown(job_id)
        if shown is None:
            return None
        job, elapsed = shown
        outcome = job.outcome
        if outcome is not None and elapsed >= job.duration:
            ended = max(job.started_wall + job.duration, outcome.finished_at)
            return JobView(
                job_id, outcome.status, int(ended), outcome.reason, outcome.result, outcome
            )
        if not job.starts_running and elapsed < job.duration * 0.1:
            return JobView(job_id, "init", None, "", None, outcome)
        partial = None
        if outcome is not None and outcome.stages:
            shown_stage = min(
                len(outcome.stages) - 1,
                int(len(outcome.stages) * elapsed / max(job.duration, 1e-9)),
            )
            partial = outcome.stages[max(shown_stage, 0)]
        return JobView(job_id, "running", None, "", partial, outcome)

    def outcome(self, job_id: str) -> JobOutcome | None:
        """The finished work of a job (regardless of what polls show yet)."""
        job = self._jobs.get(job_id)
        return job.outcome if job is not None else None

    def shutdown(self) -> None:
        self._pool.shutdown()


def _guarded(work: Callable[[], JobOutcome]) -> JobOutcome:
    try:
        return work()
    except Exception as exc:  # a bug in an engine must fail the job, not the server
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return JobOutcome(status="failed", reason=f"internal error! {detail}")
