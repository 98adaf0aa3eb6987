"""A real REPL context without a prompt, for tests that drive commands directly."""

from __future__ import annotations

import io

from c2q_repl.config import Credentials, Settings
from c2q_repl.repl.context import ReplContext
from c2q_repl.repl.hooks import HeadlessHooks
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.state import RecordingState, ViewState


def settings_for(
    endpoint: str, public_key: str, private_key: str, cluster_id: str = "", database: str = ""
) -> Settings:
    return Settings(
        endpoint=endpoint,
        credentials=Credentials(public_key, private_key),
        cluster_id=cluster_id,
        database=database,
    )


def headless_context(
    settings: Settings,
    *,
    hooks: HeadlessHooks | None = None,
    transcript: str = "",
) -> tuple[ReplContext, io.StringIO]:
    """A colourless context printing into a StringIO; records a transcript only at ``transcript``."""
    stream = io.StringIO()
    ctx = ReplContext(
        out=Printer(stream, color=False, is_tty=False, environ={}),
        settings=settings,
        view=ViewState("mono"),
        hooks=hooks if hooks is not None else HeadlessHooks(),
        color=False,
        environ={},
        recording=RecordingState(path=transcript, wanted=bool(transcript)),
    )
    return ctx, stream


def sandbox_context(
    sandbox, *, hooks: HeadlessHooks | None = None, transcript: str = ""
) -> tuple[ReplContext, io.StringIO]:
    """:func:`headless_context` talking to the test's ``sandbox`` server."""
    settings = settings_for(
        sandbox.endpoint,
        sandbox.public_key,
        sandbox.private_key,
        str(sandbox.cluster_id),
        sandbox.database,
    )
    return headless_context(settings, hooks=hooks, transcript=transcript)
