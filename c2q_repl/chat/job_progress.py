"""How a job's progress and run time are reported, the same for every kind of job.

Asking (:mod:`c2q_repl.chat.asking`) and the helper jobs (:mod:`c2q_repl.chat.assist`)
both tell their caller about a job the moment it is started, before the server has
said anything about it, and both count a fetched job's time from its real start;
keeping that here gives every status line the same words and numbers.
"""

from __future__ import annotations

from typing import Any

from c2q_repl.api.models import Job

#: the status of the progress report sent right after the POST, before any poll: the
#: server has taken the job but has not said yet whether it is queued or running
SUBMITTED = "submitted"


def submitted(job_id: str) -> Job:
    """The progress report for a job just started (not a status the server sent)."""
    return Job(job_id=job_id, status=SUBMITTED, raw={"job_id": job_id, "status": SUBMITTED})


def job_elapsed(job_raw: dict[str, Any], since: float, now: float) -> float:
    """A job's real run time from its start (``since``, wall clock) to when it ended.

    ``ended_at`` is whole UNIX seconds, so the end is taken as at most one second
    after it; a job still unfinished (or without ``ended_at``) ends ``now``.
    """
    ended = job_raw.get("ended_at")
    end = now
    if isinstance(ended, (int, float)) and not isinstance(ended, bool) and ended > 0:
        end = min(now, float(ended) + 1.0)
    return max(0.0, end - since)
