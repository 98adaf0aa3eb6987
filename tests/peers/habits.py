"""What the peer tests share: the published clients' auth schemes, their poll loops, and time.

Every peer test talks to a real sandbox over HTTP on 127.0.0.1 with the auth
scheme its client uses (TiInsight and the benchmark: Digest; examples-projects
and tisqleditor: a hand-built ``Authorization: Basic`` header). The clients'
sleeps are kept in proportion but scaled by ``TIME_SCALE`` (a 10 s wait runs
for 0.4 s) and the sandbox's jobs last ``JOB_DELAY`` (a 10 s cloud job at the
same scale), so the order of polls against job progress is the clients' own.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

TIME_SCALE = 0.04
JOB_DELAY = 0.4  # = a 10 s Chat2Query job at TIME_SCALE


def pause(seconds: float) -> None:
    """A client's ``sleep(seconds)``, at the suite's time scale."""
    time.sleep(seconds * TIME_SCALE)


def digest_client(sb) -> httpx.Client:
    """TiInsight's ``with-digest-fetch`` / the benchmark's ``HTTPDigestAuth``."""
    return httpx.Client(
        base_url=sb.endpoint,
        auth=httpx.DigestAuth(sb.public_key, sb.private_key),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )


def basic_client(sb) -> httpx.Client:
    """examples-projects and tisqleditor build ``Basic btoa(pub:priv)`` themselves."""
    token = base64.b64encode(f"{sb.public_key}:{sb.private_key}".encode()).decode()
    return httpx.Client(
        base_url=sb.endpoint,
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
        timeout=30,
    )


@dataclass
class PollLog:
    """Every job status a client saw, in order (to assert what it was shown)."""

    statuses: list[str] = field(default_factory=list)

    def saw(self, job: dict) -> dict:
        self.statuses.append(job["status"])
        return job


def poll_until_finished(
    get: Callable[[], dict],
    *,
    wait_after: float,
    log: PollLog,
    max_polls: int | None = None,
) -> dict | None:
    """The loop all four clients share: poll at once, stop on done/failed, else wait.

    ``max_polls`` is tisqleditor's budget of five; None polls until finished.
    Returns the final job, or None when the budget ran out.
    """
    polls = 0
    while max_polls is None or polls < max_polls:
        polls += 1
        job = log.saw(get())
        if job["status"] in ("done", "failed"):
            return job
        pause(wait_after)
        if polls > 10_000:
            raise AssertionError("the job never finished")
    return None


def warm_engine(sb) -> None:
    """Setup, not part of any client's sequence: one declined question through a separate
    client. The engine's first refusal spends about a second (unscaled) checking its example
    questions, which would count 25-fold against a client whose patience is scaled
    (tisqleditor gives up after five polls)."""
    with digest_client(sb) as http:
        body = {"cluster_id": sb.cluster_id, "database": sb.database, "question": "hello there"}
        job_id = http.post("/v3/chat2data", json=body).json()["result"]["job_id"]
        poll_until_finished(
            lambda: http.get(f"/v2/jobs/{job_id}").json()["result"], wait_after=0.5, log=PollLog()
        )
