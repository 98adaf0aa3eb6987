"""The REPL's state, shared by the main loop and the slash commands.

Everything a command may touch lives here: the printer, the display settings,
the connection and the conversation (opened in a background thread once the
prompt is on screen), the last answer and the transcript. A plain class, not a
dataclass, because it is created before the first prompt and every
millisecond of start-up counts; nothing heavy is imported here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from c2q_repl.repl.background import Background
from c2q_repl.repl.printing import Printer

if TYPE_CHECKING:
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.chat.round import Round
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import Theme
    from c2q_repl.repl.commands.registry import Registry


class ViewState:
    """How answers are displayed; changed live by /format, /theme, /chart, /expand."""

    def __init__(self, theme_name: str = "default") -> None:
        self.theme: Theme | None = None
        self.theme_name = theme_name
        self.table_format: str | None = None
        #: "auto" (vertical when too wide), "on" (always vertical), "off"
        self.vertical = "auto"
        self.charts = True
        self.expand = False


class ReplContext:
    def __init__(
        self,
        *,
        out: Printer,
        connection: Any,
        settings: Any,
        view: ViewState,
        color: bool = True,
        unicode: bool = True,
        environ: Mapping[str, str] = os.environ,
        transcript_path: str = "",
        record_transcript: bool = True,
    ) -> None:
        self.out = out
        #: a :class:`~c2q_repl.chat.connect.Connection`, started after the first prompt
        self.connection = connection
        self.settings = settings
        self.view = view
        self.color = color
        self.unicode = unicode
        self.environ = environ
        self.transcript_path = transcript_path
        self.record_transcript = record_transcript
        self.transcript: Any = None
        self.started_at = time.time()
        #: the conversation, opened in the background; the first command that needs it waits
        self.opened: Background[Conversation] | None = None
        #: starts (again) the background open; installed by the app
        self.start_open: Callable[[], Background[Conversation]] | None = None
        #: start-up phase shown in the toolbar until the session is open (see set_phase)
        self.phase = "starting"
        #: redraw the prompt (toolbar) from any thread; installed by the app
        self.redraw: Callable[[], None] = lambda: None
        self.last_round: Round | None = None
        #: today's (HTTP requests, AI requests) on this endpoint (None until known)
        self.requests_today: tuple[int, int] | None = None
        self.quit_requested = False
        #: warnings from background work, printed before the next prompt
        self.notes: list[str] = []
        self.reported_open_error = False
        #: (name, meta) pairs of tables and columns for completion
        self.schema_words: list[tuple[str, str]] = []
        #: values Tab completion fetched from the server, with when: name -> (monotonic time, values)
        self.completion_cache: dict[str, tuple[float, list[str]]] = {}
        #: the last /suggest list, so /suggest N can pick from it
        self.suggestions: list[str] = []
        #: the last /refine rewrite (what /sql prints until the next answer)
        self.refined_sql = ""
        #: hooks the app installs: apply a theme's UI style to the prompt; read one line
        self.on_theme_change: Callable[[Theme], None] = lambda theme: None
        self.read_line: Callable[[str], str] = lambda message: ""
        #: print pending ``notes`` now if the prompt is idle (installed by the app)
        self.show_notes: Callable[[], None] = lambda: None
        self._registry: Registry | None = None

    # ------------------------------------------------------------------ commands

    @property
    def registry(self) -> Registry:
        """Built on first use (Tab or Enter), after the prompt is already on screen."""
        if self._registry is None:
            from c2q_repl.repl.commands import build_registry

            self._registry = build_registry()
        return self._registry

    # ------------------------------------------------------------------ connection

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        self.redraw()

    @property
    def label(self) -> str:
        return self.connection.label

    @property
    def kind(self) -> str:
        return self.connection.kind

    def wait_opened(self) -> Conversation:
        """The open conversation, waiting (status line; Ctrl-C works) while it opens."""
        if self.opened is None:
            raise RuntimeError("the REPL was not started")
        if self.opened.done and self.opened.error is not None and self.start_open is not None:
            self.opened = self.start_open()  # try again: the network or the server may be back
        # While a command waits for the open, a failure is that command's to report
        # (the prompt loop's notice would say it a second time).
        self.reported_open_error = True
        if not self.opened.done:
            from c2q_repl.repl.status import StatusLine

            cols, _ = self.out.size()
            line = StatusLine(
                self.out.stream, width=cols, enabled=self.out.is_tty, unicode=self.unicode
            )

            def tick() -> None:
                line.progress.phase = self.phase
                line.draw()

            try:
                self.opened.wait(tick=tick)
            finally:
                line.erase()
        return self.opened.wait()

    @property
    def conversation(self) -> Conversation:
        return self.wait_opened()

    @property
    def client(self) -> Any:
        return self.wait_opened().client

    def _open_conversation(self) -> Conversation | None:
        """The conversation if it is already open (never waits)."""
        opened = self.opened
        if opened is None or not opened.done or opened.error is not None:
            return None
        return opened.wait()

    @property
    def connection_settings(self) -> Any:
        """Settings as connected (the embedded sandbox fills in endpoint, cluster and database)."""
        self.wait_opened()
        return self.connection.settings

    @property
    def session_id(self) -> str:
        conv = self._open_conversation()
        return str(conv.session_id or "") if conv is not None else ""

    @property
    def mode(self) -> str:
        conv = self._open_conversation()
        return conv.mode if conv is not None else (getattr(self.settings, "mode", "") or "direct")

    @property
    def feedback(self) -> str:
        """The armed feedback ids as "ANSWER/TASK", or ""."""
        conv = self._open_conversation()
        armed = conv.feedback if conv is not None else None
        if not armed:
            return ""
        return f"{armed[0]}/{armed[1]}" if armed[1] else armed[0]

    def cancelled_job_ids(self) -> list[str]:
        """Jobs whose wait was cancelled and that were not fetched since, newest first."""
        conv = self._open_conversation()
        if conv is None:
            return []
        fetched = {r.job_id for r in conv.rounds if r.job_id and r.job_raw is not None}
        ids: list[str] = []
        for r in reversed(conv.rounds):
            job_id = getattr(r.error, "job_id", "") if r.error is not None else ""
            if (
                getattr(r.error, "kind", "") == "cancelled"
                and job_id
                and job_id not in fetched
                and job_id not in ids
            ):
                ids.append(job_id)
        return ids

    # ------------------------------------------------------------------ asking and helper jobs

    def ask(self, question: str) -> None:
        from c2q_repl.repl.asking import ask

        ask(self, question)

    def _job_result(self, started: Any, phase: str) -> Any:
        """Wait (status line, Ctrl-C) for a helper job such as refineSql and return its result."""
        from c2q_repl.api.errors import CancelledError, JobFailedError
        from c2q_repl.api.poller import wait_for_job
        from c2q_repl.repl.asking import run_with_status

        client = self.client

        def work(cancel: Any, on_update: Callable[[Any], None]) -> Any:
            return wait_for_job(client, started.job_id, cancel=cancel, on_update=on_update)

        finished, job, _ = run_with_status(self, work, phase)
        self.refresh_usage()
        if not finished:
            raise CancelledError(
                "stopped waiting", job_id=started.job_id, hint=f"job {started.job_id}"
            )
        if job.status == "failed":
            raise JobFailedError(job.reason or "the job failed", hint=f"job {job.job_id}")
        return job.result

    def fetch_suggestions(self) -> list[str]:
        from c2q_repl.api.resources import Suggestions

        settings = self.connection_settings
        started = self.client.suggest_questions(settings.cluster_id, settings.database)
        return Suggestions.from_json(self._job_result(started, "suggesting")).questions

    def refine_sql(self, sql: str, feedback: str) -> Any:
        from c2q_repl.api.resources import RefineResult

        settings = self.connection_settings
        started = self.client.refine_sql(settings.cluster_id, settings.database, sql, feedback)
        return RefineResult.from_json(self._job_result(started, "refining"))

    def load_summary(self, refresh: bool = False) -> Any:
        """The data summary (the conversation caches it; ``refresh`` fetches it again)."""
        summary = self.conversation.data_summary(refresh=refresh)
        self.schema_words = schema_words(summary)
        return summary

    def refresh_usage(self) -> None:
        """Re-read today's request count for the toolbar (one small file)."""
        usage = getattr(self.connection, "usage", None)
        if usage is None:
            return
        try:
            today = usage.today()
            self.requests_today = (today.requests, today.ai_requests)
        except Exception:  # a broken counter file must not break chatting
            pass

    # ------------------------------------------------------------------ display

    def toolbar_view(self) -> Any:
        from c2q_repl.repl.toolbar import ToolbarView

        state = self.phase
        opened = self.opened
        if opened is not None and opened.done and opened.error is not None:
            state = f"not connected: {getattr(opened.error, 'message', opened.error)}"
        from c2q_repl.render.sanitize import clean_text  # ids and error text come from the server

        return ToolbarView(
            label=clean_text(self.label),
            kind=self.kind,
            session_id=clean_text(self.session_id),
            state=clean_text(state),
            mode=self.mode,
            feedback=clean_text(self.feedback),
            requests_today=self.requests_today,
        )

    def apply_theme(self, theme: Theme) -> None:
        """Switch output and prompt colours to ``theme`` (NO_COLOR still wins)."""
        self.view.theme = theme
        self.view.theme_name = theme.name
        if self.color:
            self.out.color = bool(theme.color)
            self.out.set_theme(theme)
        self.on_theme_change(theme)

    def render_options(self, **overrides: Any) -> RenderOptions:
        from c2q_repl.render.options import RenderOptions

        if self.view.theme is None:  # an answer arrived before the background theme load
            self.apply_theme(theme_or_fallback(self.view.theme_name))
        cols, _ = self.out.size()
        options: dict[str, Any] = {
            "width": cols,
            "color": self.color,
            "unicode": self.unicode,
            "table_format": self.view.table_format,
            "vertical": self.view.vertical,
            "expand": self.view.expand,
            "charts": self.view.charts,
            "theme": self.view.theme,
        }
        options.update(overrides)
        return RenderOptions(**options)

    def show_round(self, round_: Round, *, echo_question: bool = False, **overrides: Any) -> None:
        """Print a finished round exactly as replay will (``round_lines``), paged if tall."""
        from c2q_repl.chat.round import round_lines

        self.out.block(
            round_lines(round_, self.render_options(**overrides), echo_question=echo_question)
        )

    # ------------------------------------------------------------------ transcript

    def open_transcript(self, conversation: Conversation) -> None:
        """Start recording once the session id is known (it names the default file).

        The conversation writes every event itself from then on.
        """
        if not self.record_transcript or self.transcript is not None:
            return
        from c2q_repl.transcript.opening import open_transcript

        def stopped(message: str) -> None:  # a write failed (disk full): say so at once
            self.notes.append(message)
            self.show_notes()
            self.redraw()

        try:
            writer = open_transcript(
                self.connection,
                conversation,
                self.transcript_path or None,
                started_at=self.started_at,
                env=self.environ,
                on_stop=stopped,
            )
        except OSError as exc:
            where = exc.filename or self.transcript_path or "the sessions directory"
            self.notes.append(f"cannot record a transcript at {where}: {exc.strerror or exc}")
            self.record_transcript = False
            return
        self.transcript = writer
        self.transcript_path = str(writer.path)


def theme_or_fallback(name: str) -> Theme:
    from c2q_repl.render.terminal import load_theme_or_fallback

    return load_theme_or_fallback(name, color=True)


def schema_words(summary: Any) -> list[tuple[str, str]]:
    """Table and column names of a data summary, for completion."""
    words: list[tuple[str, str]] = []
    for table in summary.tables.values():
        words.append((table.name, "table"))
        for col in table.columns.values():
            words.append((col.name, f"column of {table.name}"))
    return words
