"""Every hint names something the user can do from where they are (issue 14)."""

from __future__ import annotations

import pytest

from c2q_repl.repl.asking import ask
from tests.repl.support import sandbox_context


@pytest.fixture(autouse=True)
def _private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_a_decline_names_the_command_that_takes_engine_llm(sandbox):
    ctx, out = sandbox_context(sandbox)
    try:
        ask(ctx, "what is the airspeed velocity of an unladen swallow?")
    finally:
        ctx.opening.close()
    text = " ".join(out.getvalue().split())
    assert "c2q sandbox serve --engine llm" in text, text
    assert "The LLM engine (--engine llm)" not in text


def test_a_forgotten_answer_without_transcript_says_what_to_do(sandbox):
    from c2q_repl.api.errors import C2QError

    ctx, _ = sandbox_context(sandbox)
    try:
        for n in range(7):
            ask(ctx, f"top {n + 1} companies by market cap")
        with pytest.raises(C2QError) as caught:
            ctx.round_to_show(1)
    finally:
        ctx.opening.close()
    assert (
        "/history --server" in caught.value.hint and "ask the question again" in caught.value.hint
    )
