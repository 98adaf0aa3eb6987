"""Arbitrary text after any slash command never escapes the dispatch guard."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from c2q_repl.config import Credentials, Settings
from c2q_repl.repl.commands import build_registry, dispatch
from c2q_repl.repl.context import ReplContext
from c2q_repl.repl.hooks import HeadlessHooks
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.state import RecordingState, ViewState

REGISTRY = build_registry()
NAMES = sorted(REGISTRY.names())


class OfflineCtx(ReplContext):
    """A real context whose session can never open (no cluster or database is
    configured): every command either works locally or meets a ConfigError."""

    def __init__(self) -> None:
        self.stream = io.StringIO()
        super().__init__(
            out=Printer(self.stream, color=False, is_tty=False),
            settings=Settings(
                endpoint="https://example.invalid/api/v1beta/app/chat2query-x/endpoint",
                credentials=Credentials("pub", "priv-key-for-tests"),
            ),
            view=ViewState("mono"),
            hooks=HeadlessHooks(),
            color=False,
            environ={},
            recording=RecordingState(wanted=False),
        )
        self._registry = REGISTRY


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(NAMES), text=st.text(max_size=80))
def test_any_text_to_any_command_gives_a_message_not_an_exception(name, text):
    ctx = OfflineCtx()
    assert dispatch(REGISTRY, ctx, f"/{name} {text}") is True
    out = ctx.stream.getvalue()
    assert out or ctx.quit_requested
    assert "This is a bug" not in out, out  # the guard caught an unexpected exception


@given(line=st.text(max_size=40).map(lambda t: "/" + t))
def test_any_slash_line_is_handled(line):
    ctx = OfflineCtx()
    assert dispatch(REGISTRY, ctx, line) is True
    assert "This is a bug" not in ctx.stream.getvalue()
