"""What a session needs before its first question: a ready data summary, then
the ``/v3/sessions`` session itself.

Kept apart from :mod:`c2q_repl.chat.conversation` because it is the part that
spends quota without the user asking anything: ``POST /v3/dataSummaries`` is an
AI request, so it is sent only when listing (a plain GET) finds no ready
summary for the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from c2q_repl.api.errors import (
    AuthError,
    C2QError,
    CancelledError,
    DataSummaryNotReadyError,
    JobFailedError,
    ResponseTooLargeError,
    ResponseTooSlowError,
)
from c2q_repl.api.resources import DataSummary, Session

if TYPE_CHECKING:
    from c2q_repl.api.client import Chat2QueryClient

#: how long a new session may wait for the data summary to become ready
SUMMARY_READY_TIMEOUT = 120.0
#: the longest a data summary job is awaited (large databases take minutes)
SUMMARY_JOB_MAX_WAIT = 900.0


def listed_summary(client: Chat2QueryClient, cluster_id: str, database: str) -> DataSummary | None:
    """The best existing summary of the database (ready and default first), or None.

    Listing is an optimisation: any failure but a rejected key falls back to
    ``POST`` with ``reuse``, which works everywhere.
    """
    try:
        summaries = client.list_data_summaries(cluster_id=cluster_id, database=database)
    except (AuthError, CancelledError, ResponseTooSlowError, ResponseTooLargeError):
        raise  # a rejected key, a cancel, or a server too slow/too big to try again
    except C2QError:
        return None
    mine = [
        s
        for s in summaries
        if s.database == database and (not s.cluster_id or s.cluster_id == cluster_id)
    ]
    ready = sorted((s for s in mine if s.ready), key=lambda s: not s.default)
    return ready[0] if ready else (mine[0] if mine else None)


def ready_summary(
    client: Chat2QueryClient, cluster_id: str, database: str, cancel: threading.Event
) -> DataSummary:
    """The database's ready data summary, generating (or waiting for) it only when none is ready."""
    found = listed_summary(client, cluster_id, database)
    if found is not None and found.ready:
        return found
    from c2q_repl.api.poller import wait_for_job

    started = client.create_data_summary(cluster_id, database, reuse=True)
    job = wait_for_job(
        client, started.job_id, cancel=cancel, kind="summary", max_wait=SUMMARY_JOB_MAX_WAIT
    )
    if job.status == "failed":
        raise JobFailedError(
            f"the data summary of {database} could not be generated: {job.reason or 'no reason given'}",
            hint=f"Check the database name (--database) and try again later (job {job.job_id}).",
        )
    if isinstance(job.result, dict) and job.result:
        summary = DataSummary.from_json(job.result)
        if summary.data_summary_id or summary.tables:
            return summary
    return client.get_data_summary(started.data_summary_id)


def create_session(
    client: Chat2QueryClient,
    cluster_id: str,
    database: str,
    name: str,
    cancel: threading.Event,
    *,
    clock: Callable[[], float] = time.monotonic,
    timeout: float = SUMMARY_READY_TIMEOUT,
) -> Session:
    """``POST /v3/sessions``, retried with backoff while the server says the summary is not ready.

    Safe to repeat: a rejected "not ready" request created nothing.
    """
    deadline = clock() + timeout
    delay = 0.5
    while True:
        try:
            return client.create_session(cluster_id, database, name)
        except DataSummaryNotReadyError:
            if clock() + delay > deadline:
                raise
        if cancel.wait(delay):
            raise CancelledError("stopped waiting for the data summary")
        delay = min(delay * 2, 8.0)
