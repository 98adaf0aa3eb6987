"""Conversation against a real sandbox over HTTP."""

from __future__ import annotations

import json
import threading

import pytest

from c2q_repl.api.errors import CancelledError, NetworkError, ValidationError
from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.feedback import feedback_ids
from c2q_repl.transcript.writer import TranscriptWriter

Q1 = "how many companies are there in each sector?"
Q2 = "top 5 companies by market cap"


def test_open_is_idempotent_and_thread_safe(sandbox, connection_to, recorder):
    conv = Conversation(connection_to(sandbox))
    ids = []
    threads = [threading.Thread(target=lambda: ids.append(conv.open())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(set(ids)) == 1 and ids[0]
    assert len(recorder.calls("POST", "/v3/sessions")) == 1
    before = len(recorder.sent)
    assert conv.open() == ids[0] and len(recorder.sent) == before
    assert conv.data_summary().tables  # the summary the session was opened with


def test_ready_summary_is_reused_without_an_ai_request(sandbox, connection_to, recorder):
    Conversation(connection_to(sandbox)).open()
    recorder.sent.clear()
    Conversation(connection_to(sandbox)).open()
    assert recorder.calls("POST", "/v3/dataSummaries") == []  # listed, found ready, not regenerated


def test_ask_answers_and_records_timing_requests_and_transcript(
    sandbox, connection_to, recorder, tmp_path
):
    writer = TranscriptWriter.create(tmp_path / "t.jsonl", {"database": sandbox.database})
    conv = Conversation(connection_to(sandbox), transcript=writer)
    updates = []
    r = conv.ask(Q1, on_update=updates.append)
    writer.close()
    assert r.error is None and not r.failed, r.error
    assert r.answer.sql and r.answer.data.rows
    assert r.job_id and r.job_raw["job_id"] == r.job_id
    assert r.number == 1 and r.mode == "direct" and r.requests >= 2 and r.elapsed > 0
    assert (
        updates[0].status == "submitted"
        and updates[0].job_id == r.job_id
        and updates[-1].status == "done"
    )
    assert conv.rounds == [r]
    records = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert [rec["type"] for rec in records] == ["header", "session", "question", "result"]
    assert records[-1]["job"]["job_id"] == r.job_id and records[2]["question"] == Q1


def test_mode_is_sent_and_applies_per_question(sandbox, connection_to, recorder):
    conv = Conversation(connection_to(sandbox), mode="direct")
    conv.ask(Q1)
    conv.mode = "auto_breakdown"
    r = conv.ask("compare the energy and utilities sectors by count and average market cap")
    conv.ask(Q2, mode="direct")
    sent = [c.body["sql_generate_mode"] for c in recorder.calls("POST", "/chat2data")]
    assert sent == ["direct", "auto_breakdown", "direct"]
    assert (
        r.mode == "auto_breakdown" and r.answer.type == "breakdown"
    )  # the server planned sub-tasks
    assert conv.rounds[0].answer.type == conv.rounds[2].answer.type == "data_retrieval"
    with pytest.raises(ValidationError):
        conv.mode = "sideways"


def test_feedback_ids_are_sent_once_and_reach_the_server(sandbox, connection_to, recorder):
    conv = Conversation(connection_to(sandbox))
    first = conv.ask(Q2)
    armed = conv.arm_feedback()
    assert armed == (first.job_id, first.answer.task_id)
    corrected = conv.ask("only 3 of them")
    plain = conv.ask(Q1)
    bodies = [c.body for c in recorder.calls("POST", "/chat2data")]
    assert (bodies[1]["feedback_answer_id"], bodies[1]["feedback_task_id"]) == (
        first.job_id,
        first.answer.task_id,
    )
    assert bodies[0]["feedback_answer_id"] == "" and bodies[2]["feedback_answer_id"] == ""
    assert (corrected.feedback_answer_id, plain.feedback_answer_id) == (first.job_id, "")
    assert corrected.error is None  # the server accepted it as an answer of this session...
    assert (
        len(corrected.answer.data.rows) == 3
    )  # ...and revised that answer instead of starting fresh
    assert "feedback" in [a.concept for a in corrected.answer.assumptions]
    # explicit feedback wins over nothing armed
    conv.ask("make it 2", feedback=(first.job_id, "0"))
    assert recorder.calls("POST", "/chat2data")[-1].body["feedback_task_id"] == "0"
    messages = conv.server_session().messages
    assert [m.content for m in messages if m.role == "user"] == [
        Q2,
        "only 3 of them",
        Q1,
        "make it 2",
    ]


def test_feedback_the_server_rejects_is_a_round_error(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox))
    r = conv.ask(Q1, feedback=("f" * 32, "0"))
    assert r.failed and r.error is not None and r.error.status == 400


def test_reset_clears_server_and_local_context(sandbox, connection_to, recorder):
    conv = Conversation(connection_to(sandbox))
    conv.ask(Q1)
    conv.arm_feedback()
    assert conv.server_session().messages
    session_id = conv.session_id
    conv.reset()
    assert recorder.calls("PUT", f"/v3/sessions/{session_id}/reset")
    assert conv.session_id == session_id and conv.server_session().messages == []
    assert conv.feedback is None and conv.context_rounds == [] and len(conv.rounds) == 1
    assert conv.last_answered() is None


def test_new_session_switch_and_rename(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox))
    first = conv.open()
    conv.ask(Q1)
    second = conv.new_session()
    assert second != first and conv.context_rounds == []
    conv.rename("quarterly review")
    assert conv.server_session().name == "quarterly review"
    conv.switch(first)
    assert conv.session_id == first and [
        m.content for m in conv.server_session().messages if m.role == "user"
    ] == [Q1]


def test_cancel_then_resume_fetches_the_same_job_without_resending(
    make_sandbox, connection_to, recorder
):
    slow = make_sandbox(job_delay=1.0)
    conv = Conversation(connection_to(slow))
    conv.open()
    cancel = threading.Event()
    r = conv.ask(
        Q1, cancel=cancel, on_update=lambda job: cancel.set()
    )  # cancel as soon as the job exists
    assert isinstance(r.error, CancelledError) and r.error.job_id == r.job_id and r.job_raw is None
    assert "/job" in r.error.hint
    resumed = conv.resume(r.job_id)
    assert resumed.error is None and resumed.job_id == r.job_id and resumed.answer.data.rows
    assert resumed.question == Q1 and resumed.number == 2
    assert len(recorder.calls("POST", "/chat2data")) == 1


def test_a_post_whose_response_is_lost_is_never_resent(sandbox, recorder, connection_to):
    recorder.lose_response = lambda req: (
        req.method == "POST" and req.url.path.endswith("/chat2data")
    )
    conv = Conversation(connection_to(sandbox, max_retries=3))
    r = conv.ask(Q1)
    assert isinstance(r.error, NetworkError) and r.error.sent
    assert len(recorder.calls("POST", "/chat2data")) == 1
    # the server did receive it: the question is in the session
    recorder.lose_response = lambda req: False
    assert [m.content for m in conv.server_session().messages if m.role == "user"] == [Q1]


def test_errors_become_rounds_and_numbering_continues(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox))
    bad = conv.ask(Q1, mode="sideways")
    good = conv.ask(Q1)
    assert isinstance(bad.error, ValidationError) and bad.failed
    assert (bad.number, good.number) == (1, 2) and not good.failed


def test_feedback_ids_normalisation():
    class Fb:
        answer_id, task_id = "a", "0-1"

    assert feedback_ids(None) == ("", "")
    assert feedback_ids("a") == ("a", "")
    assert feedback_ids(("a", "0")) == ("a", "0")
    assert feedback_ids(Fb()) == ("a", "0-1")


def test_open_waits_for_a_summary_still_being_generated(make_sandbox, connection_to, recorder):
    fresh = make_sandbox(ready=False, job_delay=0.5)
    conv = Conversation(connection_to(fresh))
    pending = conv.open_in_background()
    r = conv.ask(Q2)  # the first question waits for the background open
    assert pending.result(30) == conv.session_id
    assert r.error is None and r.answer.data.rows
    assert conv.data_summary().ready
    assert len(recorder.calls("POST", "/v3/sessions")) == 1


def test_a_failing_transcript_stops_recording_not_chatting(sandbox, connection_to, tmp_path):
    import os

    writer = TranscriptWriter.create(tmp_path / "t.jsonl", {})
    os.close(writer._fd)
    writer._fd = os.open("/dev/full", os.O_WRONLY)  # every later write fails: ENOSPC, a full disk
    conv = Conversation(connection_to(sandbox), transcript=writer)
    r = conv.ask(Q2)
    assert r.error is None and r.answer.data.rows
    assert conv.transcript is None and isinstance(conv.transcript_error, OSError)
    writer.close()


def test_missing_database_is_a_config_error_in_the_round(sandbox, recorder):
    from c2q_repl.api.errors import ConfigError
    from c2q_repl.chat.connect import new_connection
    from c2q_repl.config import Credentials, Settings

    settings = Settings(
        endpoint=sandbox.endpoint,
        credentials=Credentials(sandbox.public_key, sandbox.private_key),
        cluster_id=sandbox.cluster_id,
        database="",
    )
    conn = new_connection(settings, client_options={"transport": recorder}, track_usage=False)
    try:
        r = Conversation(conn).ask(Q1)
    finally:
        conn.close()
    assert isinstance(r.error, ConfigError) and "database" in r.error.message
    assert recorder.calls("POST", "/chat2data") == []
