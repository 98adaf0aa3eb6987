"""The REPL's context: what the prompt loop and every slash command share.

It is a small hub, not a store of everything: display settings, answers,
recording and completion are dataclasses of :mod:`c2q_repl.repl.state`; the
connection, the background opening and the waiting status line belong to
:class:`~c2q_repl.repl.opening.Opening`; what the prompt can do for the state
is the :class:`~c2q_repl.repl.hooks.UiHooks` given here at construction.
Waiting for the conversation is explicit (:meth:`ReplContext.wait_conversation`);
nothing that merely reads state blocks or draws. Nothing heavy is imported:
the context is built before the first prompt.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from c2q_repl.repl.opening import Opening
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.state import (
    AnswerState,
    CompletionState,
    RecordingState,
    ViewState,
    schema_words,
)

if TYPE_CHECKING:
    from c2q_repl.api.resources import DataSummary
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.chat.round import Round
    from c2q_repl.config import Settings
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import Theme
    from c2q_repl.repl.commands.registry import Registry
    from c2q_repl.repl.hooks import UiHooks
    from c2q_repl.repl.resume import Resumption
    from c2q_repl.repl.toolbar import ToolbarView

__all__ = ["ReplContext", "ViewState", "schema_words", "KEEP_ANSWERS"]

#: answers held in memory (for /expand, /save, /format, /history N); older ones are
#: read back from the transcript on demand, so memory stays flat over a long session
KEEP_ANSWERS = 5


class ReplContext:
    def __init__(
        self,
        *,
        out: Printer,
        settings: Settings,
        view: ViewState,
        hooks: UiHooks,
        color: bool = True,
        unicode: bool = True,
        environ: Mapping[str, str] = os.environ,
        recording: RecordingState | None = None,
        opening: Opening | None = None,
    ) -> None:
        self.out = out
        self.settings = settings
        self.view = view
        self.hooks = hooks
        self.color = color
        self.unicode = unicode
        self.environ = environ
        self.recording = recording if recording is not None else RecordingState()
        self.answers = AnswerState()
        self.completion = CompletionState()
        #: warnings from background work, printed before the next prompt
        self.notes: list[str] = []
        #: today's (HTTP requests, AI requests) on this endpoint (None until known)
        self.requests_today: tuple[int, int] | None = None
        self.quit_requested = False
        #: text the next prompt starts with (/edit), taken once
        self.prefill = ""
        self.opening = (
            opening
            if opening is not None
            else Opening(
                settings,
                out=out,
                unicode=unicode,
                hooks=hooks,
                prepare=self._prepare,
                opened=self._opened,
                finished=self._finished,
                status_style=self._status_style,
            )
        )
        self._registry: Registry | None = None
        #: ``c2q --resume``: the recorded session this one continues
        self.resumption: Resumption | None = None

    # ------------------------------------------------------------------ commands

    @property
    def registry(self) -> Registry:
        """Built on first use (Tab or Enter), after the prompt is already on screen."""
        if self._registry is None:
            from c2q_repl.repl.commands import build_registry

            self._registry = build_registry()
        return self._registry

    # ------------------------------------------------------------------ the conversation

    @property
    def label(self) -> str:
        return self.opening.label

    @property
    def kind(self) -> str:
        return self.opening.kind

    def wait_conversation(self) -> Conversation:
        """The open conversation, waiting for it (status line; Ctrl-C works)."""
        return self.opening.wait()

    def open_conversation(self) -> Conversation | None:
        """The conversation if it is already open; never waits."""
        return self.opening.current()

    def connection_settings(self) -> Settings:
        """Settings as connected (the embedded sandbox fills in endpoint, cluster and
        database); waits for the conversation."""
        self.wait_conversation()
        return self.opening.connection.settings

    @property
    def session_id(self) -> str:
        conv = self.open_conversation()
        return str(conv.session_id or "") if conv is not None else ""

    @property
    def mode(self) -> str:
        conv = self.open_conversation()
        return conv.mode if conv is not None else (self.settings.mode or "direct")

    @property
    def feedback(self) -> str:
        """The armed feedback ids as "ANSWER/TASK", or ""."""
        conv = self.open_conversation()
        armed = conv.feedback if conv is not None else None
        if not armed:
            return ""
        return f"{armed[0]}/{armed[1]}" if armed[1] else armed[0]

    def cancelled_job_ids(self) -> list[str]:
        """Jobs whose wait was cancelled and that were not fetched since, newest first."""
        conv = self.open_conversation()
        if conv is None:
            return []
        fetched = {r.job_id for r in conv.rounds if r.job_id and r.answered}
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

    def load_summary(self, refresh: bool = False) -> DataSummary:
        """The data summary (the conversation caches it; ``refresh`` fetches it again)."""
        summary = self.wait_conversation().data_summary(refresh=refresh)
        self.completion.schema_words = schema_words(summary)
        return summary

    def refresh_usage(self) -> None:
        """Re-read today's request count for the toolbar (one small file)."""
        usage = getattr(self.opening.connection, "usage", None)
        if usage is None:
            return
        try:
            today = usage.today()
            self.requests_today = (today.requests, today.ai_requests)
        except Exception:  # a broken counter file must not break chatting
            pass

    # ------------------------------------------------------------------ answers

    def keep_answer(self, round_: Round) -> None:
        """A round came back: make it the one commands act on, and let the oldest
        answers go from memory (the transcript keeps them)."""
        from c2q_repl.chat.round import forget_old_answers

        if round_.job_raw is not None:
            self.answers.answered(round_)
        conv = self.open_conversation()
        if conv is not None:
            forget_old_answers(conv.rounds, KEEP_ANSWERS)

    def round_to_show(self, number: int) -> Round | None:
        """Round ``number`` of this session (None if there is none), its answer read
        back from the transcript when it is no longer held in memory."""
        conv = self.wait_conversation()
        match = next((r for r in conv.rounds if r.number == number), None)
        if match is None or not match.forgotten:
            return match
        from c2q_repl.repl.recall import recall_round

        writer = self.recording.writer
        recalled = recall_round(self.recording.path, number) if writer is not None else None
        if recalled is None:
            from c2q_repl.api.errors import C2QError

            raise C2QError(
                f"the answer of round {number} is no longer held in memory, and no transcript has it",
                hint="Only the last answers are kept in memory and this session records no "
                "transcript: ask the question again, or /history --server lists what the server holds.",
            )
        return recalled

    def take_prefill(self) -> str:
        """What the next prompt starts with (once): the SQL /edit put there, else ""."""
        text, self.prefill = self.prefill, ""
        return text

    # ------------------------------------------------------------------ display

    def toolbar_view(self) -> ToolbarView:
        from c2q_repl.render.sanitize import clean_text  # ids and error text come from the server
        from c2q_repl.repl.toolbar import ToolbarView

        state = self.opening.phase
        failure = self.opening.failure
        if failure is not None:
            state = f"not connected: {getattr(failure, 'message', failure)}"
        return ToolbarView(
            label=clean_text(self.label),
            kind=self.kind,
            session_id=clean_text(self.session_id),
            state=clean_text(state),
            mode=self.mode,
            feedback=clean_text(self.feedback),
            requests_today=self.requests_today,
            transcript="transcript stopped"
            if getattr(self.recording.writer, "stopped", "")
            else "",
        )

    def apply_theme(self, theme: Theme) -> None:
        """Switch output and prompt colours to ``theme`` (NO_COLOR still wins)."""
        self.view.theme = theme
        self.view.theme_name = theme.name
        if self.color:
            self.out.color = bool(theme.color)
            self.out.set_theme(theme)
        self.hooks.apply_ui_style(theme)

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
            "numbers": self.view.numbers,
            "theme": self.view.theme,
        }
        options.update(overrides)
        return RenderOptions(**options)

    def show_round(self, round_: Round, *, echo_question: bool = False, **overrides: Any) -> None:
        """Print a finished round exactly as replay will (``round_lines``); a table
        taller than the screen is paged, everything around it printed straight."""
        from c2q_repl.chat.round import round_lines, table_spans

        options = self.render_options(**overrides)
        lines = round_lines(round_, options, echo_question=echo_question)
        self.out.answer(lines, lambda: table_spans(round_, lines, options))

    def print_notes(self) -> None:
        """Messages from background work (theme fallback, failed start-up), shown between prompts."""
        while self.notes:
            self.out.warn(self.notes.pop(0))
        failure = self.opening.unreported_failure()
        if failure is not None:
            self.out.error(
                getattr(failure, "message", str(failure)), hint=getattr(failure, "hint", "")
            )

    def _status_style(self) -> str:
        theme = self.view.theme
        if not self.color or theme is None:
            return ""
        from c2q_repl.render.style import StyleError, sgr

        try:
            return sgr(theme.ui.get("status", ""))
        except StyleError:
            return ""

    # ------------------------------------------------------------------ the background opening

    def _prepare(self) -> None:
        """First thing in the background: the theme (an unknown one is reported, the default used)."""
        if self.view.theme is None:
            from c2q_repl.render.terminal import load_theme_or_fallback

            self.apply_theme(
                load_theme_or_fallback(
                    self.view.theme_name, color=self.color, warn=self.notes.append
                )
            )

    def _opened(self, conversation: Conversation) -> None:
        """The session is open: start recording, and learn the schema for completion."""
        self.open_transcript(conversation)
        try:  # the summary is cached by open()
            self.completion.schema_words = schema_words(conversation.data_summary())
        except Exception:  # only means no schema completion
            pass

    def _finished(self) -> None:
        self.refresh_usage()
        self.hooks.redraw()
        self.hooks.above_prompt(self.print_notes)  # a failed start-up or theme problem, at once

    # ------------------------------------------------------------------ transcript

    def resume(self, resumption: Resumption) -> None:
        """Continue a recorded session (``c2q --resume``): say which, show its last answer
        (from the transcript, before anything is connected), and have the background
        opening reopen its server session and append to its transcript."""
        self.resumption = resumption
        self.opening.resume_session_id = resumption.session_id
        self.opening.earlier_rounds = list(resumption.rounds)
        self.recording.path = str(resumption.path)
        self.out.info(resumption.describe())
        last = resumption.last_answer
        if last is not None and not last.forgotten:
            self.answers.answered(last)
            self.show_round(last, echo_question=True)

    def open_transcript(self, conversation: Conversation) -> None:
        """Start recording once the session id is known (:mod:`c2q_repl.repl.recording`)."""
        from c2q_repl.repl.recording import start_recording

        start_recording(self, conversation)

    def transcript_stopped(self, message: str) -> None:
        """A transcript write failed (disk full): say so at once."""
        self.notes.append(message)
        self.hooks.above_prompt(self.print_notes)
        self.hooks.redraw()


def theme_or_fallback(name: str) -> Theme:
    from c2q_repl.render.terminal import load_theme_or_fallback

    return load_theme_or_fallback(name, color=True)
