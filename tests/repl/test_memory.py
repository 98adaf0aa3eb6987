"""A long session holds only its last answers; older ones come back from the transcript."""

from __future__ import annotations

import pytest

from c2q_repl.chat.round import Round, forget_old_answers
from c2q_repl.repl.asking import ask
from c2q_repl.repl.commands import dispatch
from c2q_repl.repl.context import KEEP_ANSWERS
from c2q_repl.repl.recall import recall_round
from tests.repl.support import sandbox_context

JOB = {
    "job_id": "j",
    "status": "done",
    "result": {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "sql": "SELECT 1",
        "data": {"columns": [{"col": "n"}], "rows": [["1"]]},
    },
}


def test_forget_old_answers_keeps_the_newest_and_what_listings_need():
    rounds = [
        Round(number=i, question=f"q{i}", mode="direct", job_raw=dict(JOB)) for i in (1, 2, 3)
    ]
    rounds[1].job_raw = {**JOB, "status": "failed", "reason": "no"}
    failed_before = [r.failed for r in rounds]
    assert forget_old_answers(rounds, keep=1) == 2
    assert [r.job_raw is not None for r in rounds] == [False, False, True]
    assert [r.forgotten for r in rounds] == [True, True, False]
    assert [r.answered for r in rounds] == [True, True, True]
    assert [r.failed for r in rounds] == failed_before  # listings still say ok/failed
    assert forget_old_answers(rounds, keep=1) == 0  # nothing more to let go


@pytest.fixture
def headless(sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    ctx, stream = sandbox_context(sandbox, transcript=str(tmp_path / "t.jsonl"))
    yield ctx, stream
    ctx.opening.close()


def test_a_long_session_holds_only_the_last_answers_and_reads_older_ones_back(headless):
    ctx, stream = headless
    questions = [f"top {n} companies by market cap" for n in range(1, KEEP_ANSWERS + 3)]
    for question in questions:
        ask(ctx, question)
    rounds = ctx.wait_conversation().rounds
    assert len(rounds) == len(questions)
    held = [r.number for r in rounds if r.job_raw is not None]
    assert held == [r.number for r in rounds][-KEEP_ANSWERS:]
    assert all(r.answered and not r.failed for r in rounds)

    stream.seek(0)
    stream.truncate()
    dispatch(ctx.registry, ctx, "/history 1")
    assert "❯ top 1 companies by market cap" in stream.getvalue()
    assert "1 row" in stream.getvalue()
    dispatch(ctx.registry, ctx, "/history")
    assert "  1. [direct] top 1 companies by market cap  (ok  job" in stream.getvalue()

    recalled = recall_round(ctx.recording.path, 1)
    assert recalled is not None and recalled.answer is not None
    assert recalled.question == questions[0]


def test_without_a_transcript_an_old_answer_is_said_to_be_gone(sandbox, headless):
    ctx, stream = headless
    ctx.recording.wanted = False  # before the session opens: nothing is recorded
    for n in range(KEEP_ANSWERS + 1):
        ask(ctx, f"top {n + 1} companies by market cap")
    dispatch(ctx.registry, ctx, "/history 1")
    assert "no longer held in memory, and no transcript has it" in stream.getvalue()
