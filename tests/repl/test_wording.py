"""Issue 14 wording: the footer says what /feedback does, /summary refresh says it only
re-reads and regenerate asks first, /history marks session boundaries, /export
refuses a missing directory."""

from __future__ import annotations

import pytest

from c2q_repl.chat.round import Round, round_lines
from c2q_repl.render.options import RenderOptions
from c2q_repl.repl.asking import ask
from c2q_repl.repl.commands import dispatch
from c2q_repl.repl.hooks import HeadlessHooks
from tests.repl.support import sandbox_context


@pytest.fixture(autouse=True)
def _private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def context(sandbox, answers=None, transcript=""):
    return sandbox_context(sandbox, hooks=HeadlessHooks(answers), transcript=transcript)


def test_footer_says_feedback_sends_a_correction():
    answer = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "sql": "SELECT 1",
        "data": {"columns": [{"col": "x"}], "rows": [[1]]},
    }
    job = {"job_id": "ab" * 16, "status": "done", "ended_at": 1, "result": answer}
    lines = round_lines(
        Round(1, "q", "direct", job_id="ab" * 16, job_raw=job),
        RenderOptions(width=100, color=False),
    )
    footer = lines[-1]
    assert "/feedback sends a correction" in footer and "rate" not in footer


def test_summary_refresh_says_it_only_rereads_and_regenerate_asks_first(sandbox):
    ctx, out = context(sandbox, answers=["n", "y"])
    try:
        dispatch(ctx.registry, ctx, "/summary refresh")
        assert "re-read from the server (not regenerated" in out.getvalue()
        before = ctx.wait_conversation().client.ai_requests_sent
        dispatch(ctx.registry, ctx, "/summary regenerate")
        assert "not regenerated" in out.getvalue().splitlines()[-1]
        assert ctx.wait_conversation().client.ai_requests_sent == before
        dispatch(ctx.registry, ctx, "/summary regenerate")
        assert "the data summary was regenerated" in out.getvalue()
        assert ctx.wait_conversation().client.ai_requests_sent == before + 1
    finally:
        ctx.opening.close()


def test_history_marks_new_session_and_reset(sandbox):
    ctx, out = context(sandbox)
    try:
        ask(ctx, "how many companies are there?")
        dispatch(ctx.registry, ctx, "/new")
        session = ctx.session_id
        ask(ctx, "how many sectors are there?")
        dispatch(ctx.registry, ctx, "/reset")
        start = len(out.getvalue())
        dispatch(ctx.registry, ctx, "/history")
        listing = out.getvalue()[start:].splitlines()
    finally:
        ctx.opening.close()
    assert "1." in listing[0] and f"new session {session}" in listing[1], listing
    assert "2." in listing[2] and "context reset" in listing[3], listing


def test_export_to_a_missing_directory_is_an_error(sandbox, tmp_path):
    ctx, out = context(sandbox, transcript=str(tmp_path / "t.jsonl"))
    try:
        ask(ctx, "how many companies are there?")
        dispatch(ctx.registry, ctx, f"/export {tmp_path}/nowhere/s.md")
        assert f"error: no directory {tmp_path}/nowhere" in out.getvalue()
        assert not (tmp_path / "nowhere").exists()
        dispatch(ctx.registry, ctx, f"/export {tmp_path}/s.md")
        assert (tmp_path / "s.md").is_file()
    finally:
        ctx.opening.close()
