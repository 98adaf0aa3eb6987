"""refineSql and suggestQuestions: jobs that help a conversation, with asking's contract.

They are started and awaited exactly like a question (:meth:`Conversation.ask`):
the caller's thread does the HTTP, ``on_update`` receives the job after the
POST and after every poll, and setting ``cancel`` stops waiting at once with a
:class:`CancelledError` naming the job. Any front end (the REPL, ``c2q ask``)
calls these; none talks to the client or the poller itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from c2q_repl.api.errors import CancelledError, JobFailedError
from c2q_repl.api.models import Job
from c2q_repl.api.resources import DataSummary, RefineResult, Suggestions
from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.job_progress import submitted

OnUpdate = Callable[[Job], None]


def refine_sql(
    conversation: Conversation,
    sql: str,
    feedback: str,
    *,
    cancel: threading.Event | None = None,
    on_update: OnUpdate | None = None,
) -> RefineResult:
    """``POST /v3/refineSql`` for the conversation's database and wait for the rewrite."""
    cancel = cancel or threading.Event()
    conversation.open(cancel)
    client = conversation.client
    settings = conversation.connection.settings
    started = client.refine_sql(settings.cluster_id, settings.database, sql, feedback)
    result = helper_job_result(conversation, started.job_id, cancel=cancel, on_update=on_update)
    return RefineResult.from_json(result)


def suggest_questions(
    conversation: Conversation,
    *,
    cancel: threading.Event | None = None,
    on_update: OnUpdate | None = None,
) -> list[str]:
    """``POST /v3/suggestQuestions`` for the conversation's database: the questions suggested."""
    cancel = cancel or threading.Event()
    conversation.open(cancel)
    client = conversation.client
    settings = conversation.connection.settings
    started = client.suggest_questions(settings.cluster_id, settings.database)
    result = helper_job_result(conversation, started.job_id, cancel=cancel, on_update=on_update)
    return Suggestions.from_json(result).questions


def regenerate_summary(
    conversation: Conversation,
    *,
    cancel: threading.Event | None = None,
    on_update: OnUpdate | None = None,
) -> DataSummary:
    """``POST /v3/dataSummaries`` without ``reuse``: the service reads the database again
    and writes a new summary. An AI request (it counts against the day's quota), so
    front ends ask before calling this; plain re-reading is ``data_summary(refresh=True)``."""
    cancel = cancel or threading.Event()
    conversation.open(cancel)
    client = conversation.client
    settings = conversation.connection.settings
    started = client.create_data_summary(settings.cluster_id, settings.database, reuse=False)
    result = helper_job_result(conversation, started.job_id, cancel=cancel, on_update=on_update)
    summary = DataSummary.from_json(result) if isinstance(result, dict) and result else None
    if summary is None or not (summary.data_summary_id or summary.tables):
        summary = client.get_data_summary(started.data_summary_id)
    conversation.use_summary(summary)
    return summary


def helper_job_result(
    conversation: Conversation,
    job_id: str,
    *,
    cancel: threading.Event,
    on_update: OnUpdate | None = None,
) -> Any:
    """Wait for a helper job and return its ``result``; a failed job raises.

    The job is reported to ``on_update`` before the first poll (its id), as
    asking does, so a status line can name it at once.
    """
    from c2q_repl.api.poller import wait_for_job

    client = conversation.client
    if on_update is not None:
        on_update(submitted(job_id))
    try:
        job = wait_for_job(client, job_id, cancel=cancel, on_update=on_update)
    except CancelledError as err:
        err.job_id = err.job_id or job_id
        raise
    finally:
        conversation.connection.remember_durations(client)
    if job.status == "failed":
        raise JobFailedError(
            job.reason or "the job failed",
            hint=f"Try again, or word it differently (job {job.job_id or job_id}).",
        )
    return job.result
