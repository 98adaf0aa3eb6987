"""A fetched job's elapsed time counts from the POST that started it (issue 14), and the
first progress report says the job was sent, not that the server queued it."""

from __future__ import annotations

import threading
import time

from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.job_progress import SUBMITTED, job_elapsed
from c2q_repl.repl.asking import apply_update
from c2q_repl.repl.status import Progress


def test_job_elapsed_ends_at_ended_at_or_now():
    assert job_elapsed({"ended_at": 0}, since=100.0, now=107.5) == 7.5
    assert job_elapsed({}, since=100.0, now=107.5) == 7.5
    # finished long before it was fetched: its own run time (ended_at is whole seconds)
    assert job_elapsed({"ended_at": 103}, since=100.2, now=900.0) == 103 + 1.0 - 100.2
    assert job_elapsed({"ended_at": 99}, since=100.5, now=900.0) == 0.0


def test_progress_says_sent_until_the_server_reports_a_status():
    from c2q_repl.api.models import Job

    progress = Progress()
    apply_update(progress, Job(job_id="j1", status=SUBMITTED))
    assert (progress.job_id, progress.phase) == ("j1", "sent")
    apply_update(progress, Job(job_id="j1", status="running"))
    assert progress.phase == "running"


def test_resumed_job_counts_from_its_post(make_sandbox, connection_to):
    handle = make_sandbox(job_delay=1.0)
    conv = Conversation(connection_to(handle))
    cancel = threading.Event()

    def stop_after_post(job):
        if job.status == SUBMITTED:
            cancel.set()

    asked_at = time.time()
    first = conv.ask("how many companies are there?", on_update=stop_after_post, cancel=cancel)
    assert first.error is not None and first.error.kind == "cancelled"
    time.sleep(0.7)
    fetched_at = time.time()
    resumed = conv.resume(first.job_id)
    assert not resumed.failed, resumed.error
    # the wait after the fetch alone is shorter than the time since the question was sent
    assert resumed.elapsed >= fetched_at - asked_at
