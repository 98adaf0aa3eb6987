"""replay --live follows the session's history as recorded, against real sandbox servers:
a new session where one was started, /job fetches not asked again, cancelled waits not
reported as drift, and knowledge added with /kb add added again before the rounds after it."""

from __future__ import annotations

import threading
from pathlib import Path

from c2q_repl.chat.connect import connect
from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.knowledge import add_knowledge
from c2q_repl.cli import main
from c2q_repl.config import load_settings
from c2q_repl.transcript.live import find_fetches
from c2q_repl.transcript.reader import read_transcript
from c2q_repl.transcript.writer import TranscriptWriter

from .test_live import _point_at

TOP = "top 5 companies by market cap"
FOLLOW_UP = "only in Technology"  # a follow-up: answered with context, declined without
BOARD = "the usual board report"
BOARD_SQL = "SELECT sector, COUNT(*) AS companies FROM companies GROUP BY sector ORDER BY sector"


def _record(path: Path, script) -> Path:
    """Record a session the way the REPL does (the conversation writes to the writer)."""
    connection = connect(load_settings(None))
    try:
        with TranscriptWriter.create(
            path,
            {"endpoint_kind": connection.kind, "label": connection.label, "mode": "direct"},
        ) as writer:
            script(Conversation(connection, transcript=writer))
    finally:
        connection.close()
    return path


def _cancelled_round(conv: Conversation, question: str):
    """Ask and cancel the wait as soon as the job is submitted (Ctrl-C in the REPL)."""
    cancel = threading.Event()
    round_ = conv.ask(question, cancel=cancel, on_update=lambda job: cancel.set())
    assert round_.error is not None and round_.error.kind == "cancelled", round_.error
    return round_


def test_a_new_session_is_started_where_one_was(sandbox, monkeypatch, tmp_path, capsys):
    _point_at(monkeypatch, tmp_path, sandbox)

    def script(conv: Conversation) -> None:
        assert not conv.ask(TOP).failed
        conv.new_session()  # /new: the follow-up has no context now
        assert conv.ask(FOLLOW_UP).failed

    path = _record(tmp_path / "rec.jsonl", script)
    code = main(["replay", str(path), "--live"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.count("c2q> /new") == 1
    assert "2 rounds compared · 2 same · 0 drifted" in out
    assert "same (failed both times) · " + FOLLOW_UP in out


def test_a_job_fetch_is_not_asked_again_and_the_cancelled_round_gets_its_answer(
    make_sandbox, monkeypatch, tmp_path, capsys
):
    slow = make_sandbox(job_delay=0.6, daily_limit=0, rpm_limit=0)
    _point_at(monkeypatch, tmp_path, slow)

    def script(conv: Conversation) -> None:
        cancelled = _cancelled_round(conv, TOP)
        fetched = conv.resume(cancelled.error.job_id)  # /job: nothing is sent again
        assert not fetched.failed

    path = _record(tmp_path / "rec.jsonl", script)
    recorded = read_transcript(path)
    assert [rr.question for rr in recorded.rounds] == [TOP, TOP]
    assert find_fetches(recorded).rounds == {2: recorded.rounds[0].job_id}

    fast = make_sandbox(daily_limit=0, rpm_limit=0)
    _point_at(monkeypatch, tmp_path, fast)
    code = main(["replay", str(path), "--live"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.count(f"c2q> {TOP}") == 1 and "c2q> /job" in out
    assert "1 round compared · 1 same · 0 drifted" in out
    assert "round 2: a /job fetch of round 1's answer, not asked again" in out
    assert "re-asking 1 question " in err


def test_a_round_cancelled_when_recorded_is_not_drift(make_sandbox, monkeypatch, tmp_path, capsys):
    slow = make_sandbox(job_delay=0.6, daily_limit=0, rpm_limit=0)
    _point_at(monkeypatch, tmp_path, slow)

    def script(conv: Conversation) -> None:
        _cancelled_round(conv, TOP)
        assert not conv.ask("how many companies are there?").failed

    path = _record(tmp_path / "rec.jsonl", script)
    code = main(["replay", str(path), "--live"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert f"1. cancelled when recorded (not compared) · {TOP}" in out
    assert "1 round compared · 1 same · 0 drifted · 1 cancelled when recorded" in out


def test_knowledge_added_in_the_session_is_added_again_before_the_rounds_after_it(
    make_sandbox, monkeypatch, tmp_path, capsys
):
    first = make_sandbox(daily_limit=0, rpm_limit=0)
    _point_at(monkeypatch, tmp_path, first)

    def script(conv: Conversation) -> None:
        add_knowledge(conv, "few-shot", {"question": BOARD, "answer": BOARD_SQL})
        assert not conv.ask(BOARD).failed  # answered from the few-shot example

    path = _record(tmp_path / "rec.jsonl", script)
    kb = [c for c in read_transcript(path).commands if c["name"] == "kb"]
    assert kb and kb[0]["knowledge"] == {
        "type": "few-shot",
        "data": {"question": BOARD, "answer": BOARD_SQL},
    }
    assert kb[0]["args"] == f"add few-shot {BOARD} => {BOARD_SQL}"

    fresh = make_sandbox(daily_limit=0, rpm_limit=0)  # its knowledge base is empty
    _point_at(monkeypatch, tmp_path, fresh)
    code = main(["replay", str(path), "--live"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.index(f"c2q> /kb add few-shot {BOARD}") < out.index(f"c2q> {BOARD}")
    assert "added to the knowledge base" in out
    assert "1 round compared · 1 same · 0 drifted" in out
    # again on the same server: the item is there already and is not added twice
    assert main(["replay", str(path), "--live"]) == 0
    assert "already in the knowledge base" in capsys.readouterr().out
