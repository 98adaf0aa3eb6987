"""/refine is cumulative, /run runs the rewrite, /edit puts it in the prompt (issue 14),
against the sandbox over real HTTP."""

from __future__ import annotations

import pytest

from c2q_repl.repl.commands import dispatch
from tests.repl.support import sandbox_context


@pytest.fixture(autouse=True)
def _private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def ctx_out(sandbox):
    ctx, stream = sandbox_context(sandbox)
    yield ctx, stream
    ctx.opening.close()


def test_refine_twice_builds_on_the_first_rewrite_and_run_runs_it(ctx_out):
    from c2q_repl.repl.asking import ask

    ctx, stream = ctx_out
    ask(ctx, "top 5 companies by market cap")
    assert "5 rows" in stream.getvalue()
    dispatch(ctx.registry, ctx, "/refine 10 instead of 5")
    assert "LIMIT 10" in ctx.answers.refined_sql
    dispatch(ctx.registry, ctx, "/refine 20 instead of 10")
    assert "LIMIT 20" in ctx.answers.refined_sql, stream.getvalue()
    assert "/run runs it" in stream.getvalue()
    dispatch(ctx.registry, ctx, "/run")
    assert "20 rows" in stream.getvalue()
    last = ctx.answers.last_round
    assert last is not None and "LIMIT 20" in last.answer.sql


def test_edit_puts_the_refined_sql_in_the_next_prompt_once(ctx_out):
    from c2q_repl.repl.asking import ask

    ctx, stream = ctx_out
    dispatch(ctx.registry, ctx, "/edit")
    assert "no SQL to edit yet" in stream.getvalue()
    ask(ctx, "top 5 companies by market cap")
    dispatch(ctx.registry, ctx, "/edit")
    assert ctx.prefill.startswith("SELECT") and "LIMIT 5" in ctx.prefill
    dispatch(ctx.registry, ctx, "/refine 7 instead of 5")
    dispatch(ctx.registry, ctx, "/edit")
    taken = ctx.take_prefill()
    assert "LIMIT 7" in taken and not taken.endswith(";")
    assert ctx.take_prefill() == ""
