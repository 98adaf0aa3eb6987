"""Asynchronous jobs: ``init → running → done | failed``, driven by elapsed time.

The work itself starts at once in a thread pool (SQL never runs on the event
loop); what a poll shows is derived from the clock, so clients really poll:
a job is ``init`` for its first tenth, then ``running`` until its duration has
passed *and* the work is finished. A job whose result has stages (the
sub-tasks of an auto_breakdown answer) reveals them one by one while running.
Jobs submitted with ``starts_running`` (questions, refineSql, suggestions) skip
``init``: PingCAP's TiInsight accepts only running/done/failed for those.
"""

from __future__ import annotations

import random
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

MAX_JOBS = 20_000


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
    """Creates jobs and answers polls; thread-safe, bounded (oldest jobs are forgotten)."""

    def __init__(
        self, delay: tuple[float, float], *, seed: int = 0, workers: int = 8, clock=time.monotonic
    ):
        self._delay = delay
        self._rng = random.Random(f"job-delay:{seed}")
        self._clock = clock
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="c2q-sandbox-job")
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
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
        with self._lock:
            d = self._next_duration() if duration is None else duration
            future = self._pool.submit(_guarded, work)
            self._jobs[job_id] = _Job(
                job_id, kind, self._clock(), time.time(), d, future, starts_running
            )
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
        return job_id

    def completed(self, kind: str, outcome: JobOutcome) -> str:
        """A job that is already done (e.g. a reused data summary)."""
        future: Future = Future()
        future.set_result(outcome)
        job_id = new_job_id()
        with self._lock:
            self._jobs[job_id] = _Job(job_id, kind, self._clock(), time.time(), 0.0, future)
        return job_id

    def kind(self, job_id: str) -> str | None:
        job = self._jobs.get(job_id)
        return job.kind if job else None

    def view(self, job_id: str) -> JobView | None:
        job = self._jobs.get(job_id)
        if job is None:
            return None
        elapsed = self._clock() - job.started
        outcome: JobOutcome | None = job.future.result() if job.future.done() else None
        if outcome is not None and elapsed >= job.duration:
            ended = max(job.started_wall + job.duration, outcome.finished_at)
            return JobView(
                job_id, outcome.status, int(ended), outcome.reason, outcome.result, outcome
            )
        if not job.starts_running and elapsed < job.duration * 0.1:
            return JobView(job_id, "init", None, "", None, outcome)
        partial = None
        if outcome is not None and outcome.stages:
            shown = min(
                len(outcome.stages) - 1,
                int(len(outcome.stages) * elapsed / max(job.duration, 1e-9)),
            )
            partial = outcome.stages[max(shown, 0)]
        return JobView(job_id, "running", None, "", partial, outcome)

    def outcome(self, job_id: str) -> JobOutcome | None:
        """The finished work of a job (regardless of what polls show yet)."""
        job = self._jobs.get(job_id)
        if job is None or not job.future.done():
            return None
        return job.future.result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _guarded(work: Callable[[], JobOutcome]) -> JobOutcome:
    try:
        return work()
    except Exception as exc:  # a bug in an engine must fail the job, not the server
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return JobOutcome(status="failed", reason=f"internal error! {detail}")
