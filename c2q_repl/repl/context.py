"""The REPL's state, shared by the main loop and the slash commands.

Everything a command may touch lives here: the printer, the display settings,
the background-opened connection and conversation, the armed feedback, the
last answered round and the transcript. Network objects are created in a
background thread after the prompt is on screen, so this module imports no
HTTP or rendering code at start-up.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

from c2q_repl.repl.background import Background
from c2q_repl.repl.printing import Printer

if TYPE_CHECKING:
    from c2q_repl.chat.round import Round
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import Theme
    from c2q_repl.repl.commands.registry import Registry
    from c2q_repl.transcript.writer import TranscriptWriter


@dataclass
class ViewState:
    """How answers are displayed; changed live by /format, /theme, /chart, /expand, /pager."""

    theme: "Theme | None" = None
    theme_name: str = "default"
    table_format: str | None = None
    vertical: str = "auto"
    charts: bool = True
    expand: bool = False


@dataclass(frozen=True)
class Feedback:
    answer_id: str
    task_id: str = ""

    def __str__(self) -> str:
        return f"{self.answer_id}/{self.task_id}" if self.task_id else self.answer_id


@dataclass
class Opened:
    """What the background start-up produced."""

    connection: Any
    conversation: Any


@dataclass
class ReplContext:
    registry: "Registry"
    out: Printer
    settings: Any
    label: str
    kind: str
    view: ViewState = field(default_factory=ViewState)
    color: bool = True
    unicode: bool = True
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    opened: Background[Opened] | None = None
    #: start-up phase shown in the toolbar until the session is open
    phase: str = "connecting"
    feedback: Feedback | None = None
    last_round: "Round | None" = None
    #: job ids whose wait was cancelled, newest last (for /job with no id)
    cancelled_jobs: list[str] = field(default_factory=list)
    transcript: "TranscriptWriter | None" = None
    transcript_path: str = ""
    record_transcript: bool = True
    requests_today: int | None = None
    #: today's request counter for this endpoint (set once connected)
    usage: Any = None
    #: warnings from background start-up, printed before the next prompt
    startup_notes: list[str] = field(default_factory=list)
    reported_open_error: bool = False
    #: starts (again) the background open; installed by the app
    start_open: Callable[[], "Background[Opened]"] | None = None
    quit_requested: bool = False
    #: text to pre-fill the next prompt with (e.g. a picked suggestion)
    prefill: str = ""
    #: schema names for completion: (name, meta)
    schema_words: list[tuple[str, str]] = field(default_factory=list)
    summary: Any = None
    #: the last /suggest list (so /suggest N can pick from it)
    suggestions: list[str] = field(default_factory=list)
    #: the last /refine rewrite (what /sql prints until the next answer)
    refined_sql: str = ""
    #: hooks the app installs: apply a theme's UI style to the prompt; read one line
    on_theme_change: Callable[["Theme"], None] = lambda theme: None
    read_line: Callable[[str], str] = lambda message: ""
    started_at: float = field(default_factory=time.time)

    # ------------------------------------------------------------------ connection

    def wait_opened(self) -> Opened:
        """The connection and conversation, waiting (with a status line) while they open."""
        if self.opened is None:
            raise RuntimeError("the REPL was not started")
        if self.opened.done and self.opened.error is not None and self.start_open is not None:
            self.reported_open_error = True  # whatever happens now is reported to the caller
            self.opened = self.start_open()  # try again: the network or the server may be back
        if not self.opened.done:
            from c2q_repl.repl.status import StatusLine

            cols, _ = self.out.size()
            line = StatusLine(self.out.stream, width=cols, enabled=self.out.is_tty, unicode=self.unicode)
            try:
                self.opened.wait(tick=lambda: self._tick_opening(line))
            finally:
                line.erase()
        return self.opened.wait()

    def _tick_opening(self, line: Any) -> None:
        line.progress.phase = self.phase
        line.draw()

    @property
    def conversation(self) -> Any:
        return self.wait_opened().conversation

    @property
    def client(self) -> Any:
        return self.wait_opened().connection.client

    @property
    def connection_settings(self) -> Any:
        """Settings as connected (the embedded sandbox fills in endpoint, cluster and database)."""
        return self.wait_opened().connection.settings

    @property
    def session_id(self) -> str:
        if self.opened is None or not self.opened.done or self.opened.error is not None:
            return ""
        return str(self.opened.wait().conversation.session_id or "")

    @property
    def mode(self) -> str:
        if self.opened is not None and self.opened.done and self.opened.error is None:
            return self.opened.wait().conversation.mode
        return getattr(self.settings, "mode", "") or "direct"

    def ask(self, question: str) -> None:
        from c2q_repl.repl.asking import ask

        ask(self, question)

    def _job_result(self, started: Any, phase: str) -> Any:
        """Wait (status line, Ctrl-C) for a helper job such as refineSql and return its result."""
        from c2q_repl.api.errors import CancelledError
        from c2q_repl.api.poller import wait_for_job
        from c2q_repl.repl.asking import run_with_status

        client = self.client

        def work(cancel: Any, on_update: Callable[[Any], None]) -> Any:
            return wait_for_job(client, started.job_id, cancel=cancel, on_update=on_update)

        finished, job, _ = run_with_status(self, work, phase)
        self.refresh_usage()
        if not finished:
            raise CancelledError("stopped waiting", job_id=started.job_id, hint=f"job {started.job_id}")
        if job.status == "failed":
            from c2q_repl.api.errors import JobFailedError

            raise JobFailedError(job.reason or "the job failed", hint=f"job {job.job_id}")
        return job.result

    def fetch_suggestions(self) -> list[str]:
        from c2q_repl.api.models import Suggestions

        settings = self.connection_settings
        started = self.client.suggest_questions(settings.cluster_id, settings.database)
        return Suggestions.from_json(self._job_result(started, "suggesting")).questions

    def refine_sql(self, sql: str, feedback: str) -> Any:
        from c2q_repl.api.models import RefineResult

        settings = self.connection_settings
        started = self.client.refine_sql(settings.cluster_id, settings.database, sql, feedback)
        return RefineResult.from_json(self._job_result(started, "refining"))

    def load_summary(self, refresh: bool = False) -> Any:
        """The data summary (cached; ``refresh`` fetches it again)."""
        if self.summary is None or refresh:
            self.summary = self.conversation.data_summary(refresh=refresh)
            self.schema_words = schema_words(self.summary)
        return self.summary

    def refresh_usage(self) -> None:
        """Re-read today's request count for the toolbar (cheap: one small file)."""
        if self.usage is None:
            return
        try:
            self.requests_today = self.usage.today().requests
        except Exception:  # a broken counter file must not break chatting
            pass

    def toolbar_view(self) -> Any:
        from c2q_repl.repl.toolbar import ToolbarView

        opened = self.opened
        state = self.phase
        if opened is not None and opened.done and opened.error is not None:
            state = f"not connected: {getattr(opened.error, 'message', opened.error)}"
        return ToolbarView(label=self.label, kind=self.kind, session_id=self.session_id, state=state, mode=self.mode,
                           feedback=str(self.feedback or ""), requests_today=self.requests_today)

    def apply_theme(self, theme: "Theme") -> None:
        """Switch output and prompt colours to ``theme`` (NO_COLOR still wins)."""
        self.view.theme = theme
        self.view.theme_name = theme.name
        if self.color:
            self.out.color = bool(theme.color)
            self.out.set_theme(theme)
        self.on_theme_change(theme)

    # ------------------------------------------------------------------ display

    def render_options(self, **overrides: Any) -> "RenderOptions":
        from c2q_repl.render.options import RenderOptions

        cols, _ = self.out.size()
        options = dict(
            width=cols,
            color=self.color,
            unicode=self.unicode,
            table_format=self.view.table_format,
            vertical=self.view.vertical,
            expand=self.view.expand,
            charts=self.view.charts,
        )
        if self.view.theme is not None:
            options["theme"] = self.view.theme
        options.update(overrides)
        return RenderOptions(**options)

    def show_round(self, round_: "Round", *, echo_question: bool = False, **overrides: Any) -> None:
        """Print a finished round exactly as replay will (``round_lines``), paged if tall."""
        from c2q_repl.chat.round import round_lines

        if self.view.theme is None:  # an answer arrived before the background theme load
            self.apply_theme(_theme_or_fallback(self.view.theme_name))
        self.out.block(round_lines(round_, self.render_options(**overrides), echo_question=echo_question))

    # ------------------------------------------------------------------ transcript

    def record(self, event: str, *args: Any) -> None:
        """Write a transcript event; a full disk must not end the chat."""
        writer = self._transcript_writer()
        if writer is None:
            return
        try:
            getattr(writer, event)(*args)
        except OSError as exc:
            self.out.warn(f"transcript not written ({exc.strerror or exc}); recording stopped")
            self.record_transcript = False

    def record_command(self, name: str, args: str = "") -> None:
        state = {"mode": self.mode, "feedback": str(self.feedback or ""), "session_id": self.session_id}
        self.record("command", name, args, state)

    def _transcript_writer(self) -> "TranscriptWriter | None":
        if not self.record_transcript:
            return None
        if self.transcript is None:
            from pathlib import Path

            from c2q_repl.transcript.writer import TranscriptWriter, default_transcript_path

            path = Path(self.transcript_path) if self.transcript_path else default_transcript_path(self.session_id, self.started_at, self.environ)
            header = {
                "endpoint_kind": self.kind,
                "label": self.label,
                "session_id": self.session_id,
                "database": getattr(self.settings, "database", ""),
                "mode": self.mode,
            }
            try:
                self.transcript = TranscriptWriter.create(path, header, secrets=_secrets(self.settings), env=self.environ)
            except OSError as exc:
                self.out.warn(f"cannot record a transcript at {path}: {exc.strerror or exc}")
                self.record_transcript = False
                return None
            self.transcript_path = str(path)
        return self.transcript


def _theme_or_fallback(name: str) -> "Theme":
    from c2q_repl.api.errors import C2QError
    from c2q_repl.render.theme import fallback_theme, load_theme

    try:
        return load_theme(name)
    except C2QError:
        return fallback_theme()


def schema_words(summary: Any) -> list[tuple[str, str]]:
    """Table and column names of a data summary, for completion."""
    words: list[tuple[str, str]] = []
    for table in summary.tables.values():
        words.append((table.name, "table"))
        for col in table.columns.values():
            words.append((col.name, f"column of {table.name}"))
    return words


def _secrets(settings: Any) -> tuple[str, ...]:
    key = getattr(settings, "private_key", "") or ""
    return (str(key),) if key else ()
