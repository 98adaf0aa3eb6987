"""The background opening: explicit waits, a failure reported once, a retry on the next wait."""

from __future__ import annotations

import io
import time

import pytest

from c2q_repl.api.errors import ConfigError
from c2q_repl.config import Credentials, Settings
from c2q_repl.repl.context import ReplContext
from c2q_repl.repl.hooks import HeadlessHooks
from tests.repl.support import headless_context


class CountingHooks(HeadlessHooks):
    def __init__(self) -> None:
        super().__init__()
        self.redraws = 0
        self.above = 0

    def redraw(self) -> None:
        self.redraws += 1

    def above_prompt(self, action) -> None:
        self.above += 1


def _ctx(settings: Settings, hooks: HeadlessHooks) -> tuple[ReplContext, io.StringIO]:
    return headless_context(settings, hooks=hooks)


def _wait_done(ctx: ReplContext) -> None:
    deadline = time.monotonic() + 20
    while ctx.opening.failure is None and ctx.open_conversation() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)


UNCONFIGURED = Settings(
    endpoint="https://example.invalid/api/v1beta/app/chat2query-x/endpoint",
    credentials=Credentials("pub", "a-private-key-for-tests"),
)


def test_nothing_opens_or_waits_before_start():
    ctx, _ = _ctx(UNCONFIGURED, HeadlessHooks())
    assert not ctx.opening.started and ctx.open_conversation() is None
    assert ctx.session_id == "" and ctx.mode == "direct"  # reading state never waits
    assert ctx.toolbar_view().state == "starting"


def test_a_failed_open_is_reported_once_between_prompts():
    hooks = CountingHooks()
    ctx, stream = _ctx(UNCONFIGURED, hooks)
    ctx.opening.start()
    _wait_done(ctx)
    # the worker calls its done-hook just after marking the attempt done: wait for it too
    deadline = time.monotonic() + 20
    while hooks.above == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert hooks.above == 1 and hooks.redraws >= 1  # shown at once if the prompt is up
    ctx.print_notes()
    ctx.print_notes()
    assert stream.getvalue().count("error: no cluster id and database configured") == 1
    assert ctx.toolbar_view().state.startswith("not connected: no cluster id")


def test_a_wait_tries_again_and_its_failure_is_the_callers():
    ctx, stream = _ctx(UNCONFIGURED, HeadlessHooks())
    ctx.opening.start()
    _wait_done(ctx)
    first = ctx.opening.failure
    with pytest.raises(ConfigError):
        ctx.wait_conversation()
    assert ctx.opening.failure is not first  # a fresh attempt
    ctx.print_notes()
    assert "error:" not in stream.getvalue()  # the waiting command reports it, not the loop


def test_an_open_conversation_on_the_sandbox(sandbox, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    settings = Settings(
        endpoint=sandbox.endpoint,
        credentials=Credentials(sandbox.public_key, sandbox.private_key),
        cluster_id=str(sandbox.cluster_id),
        database=sandbox.database,
    )
    ctx, _ = _ctx(settings, HeadlessHooks())
    try:
        conversation = ctx.wait_conversation()  # starts the opening itself
        assert ctx.open_conversation() is conversation and conversation.session_id
        assert ctx.opening.phase == "ready" and ctx.completion.schema_words
        assert ctx.view.theme is not None  # loaded first, in the background
    finally:
        ctx.opening.close()
