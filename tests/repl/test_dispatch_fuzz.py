"""Arbitrary text after any slash command never escapes the dispatch guard."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from c2q_repl.api.errors import ConfigError
from c2q_repl.repl.commands import build_registry, dispatch
from c2q_repl.repl.context import ViewState
from c2q_repl.repl.printing import Printer

REGISTRY = build_registry()
NAMES = sorted(REGISTRY.names())


class OfflineCtx:
    """A context whose server side is unreachable: every command either works
    locally or meets a ConfigError, as when the network is down."""

    def __init__(self) -> None:
        self.registry = REGISTRY
        self.stream = io.StringIO()
        self.out = Printer(self.stream, color=False, is_tty=False)
        self.view = ViewState("mono")
        self.environ = {}
        self.color = False
        self.unicode = True
        self.quit_requested = False
        self.last_round = None
        self.suggestions = []
        self.refined_sql = ""
        self.transcript = None
        self.transcript_path = ""
        self.record_transcript = False
        self.mode = "direct"
        self.feedback = ""
        self.session_id = ""
        self.requests_today = None
        self.label = "cloud · x · db"

    def __getattr__(self, name):
        raise ConfigError(f"not connected ({name})")

    def _open_conversation(self):
        return None

    def cancelled_job_ids(self):
        return []

    def read_line(self, message):
        return ""

    def render_options(self, **kw):
        from c2q_repl.render.options import RenderOptions

        return RenderOptions(color=False, **kw)

    def apply_theme(self, theme):
        self.view.theme = theme


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
