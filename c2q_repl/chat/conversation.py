"""A chat session with Chat2Query, without any UI.

:class:`Conversation` is what the REPL, ``c2q ask``, live replay and the
helpers in ``chat/`` drive: it asks questions and waits for their jobs
(returning a :class:`Round` each), keeps the rounds and the SQL generation
mode, arms feedback, and records every event in the transcript. Each front
end turns a round into screen lines with :func:`~c2q_repl.chat.round.round_lines`.

It is the one place these parts meet, each with its own module:
:mod:`~c2q_repl.chat.session_keeper` (opening, resuming and replacing the
server session), :mod:`~c2q_repl.chat.asking` (one round: POSTed once, never
raising for API trouble), :mod:`~c2q_repl.chat.history` (rounds and context
boundaries), :mod:`~c2q_repl.chat.feedback` and
:mod:`~c2q_repl.chat.recorder` (a full disk stops recording, never the chat).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from c2q_repl.api.errors import C2QError
from c2q_repl.api.resources import DataSummary, Session
from c2q_repl.chat.asking import (
    Clocks,
    OnUpdate,
    check_mode,
    job_started,
    post_question,
    run_round,
)
from c2q_repl.chat.feedback import FeedbackIds, feedback_ids, feedback_on
from c2q_repl.chat.history import RoundHistory
from c2q_repl.chat.recorder import TranscriptRecorder
from c2q_repl.chat.round import Round
from c2q_repl.chat.session_keeper import SessionKeeper

if TYPE_CHECKING:
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.chat.connect import Connection


class Conversation:
    """One server session and the rounds asked in it (thread-safe).

    ``connection`` is a :class:`~c2q_repl.chat.connect.Connection` (anything
    with ``client`` and ``settings``). ``transcript`` is an optional
    :class:`~c2q_repl.transcript.writer.TranscriptWriter`; when given, every
    event is recorded as it happens.
    """

    def __init__(
        self,
        connection: Connection,
        *,
        mode: str | None = None,
        transcript: Any = None,
        session_name: str = "",
        resume_session_id: str = "",
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.connection = connection
        requested = getattr(connection, "requested", None) or connection.settings
        self._mode = check_mode(mode or getattr(requested, "mode", "") or "direct")
        self._clocks = Clocks(monotonic=clock, wall=wall_clock)
        self._recorder = TranscriptRecorder(transcript)
        self._sessions = SessionKeeper(
            connection,
            self._recorder,
            self._clocks,
            session_name=session_name,
            resume_session_id=resume_session_id,
        )
        self._history = RoundHistory()
        self._armed: FeedbackIds | None = None
        self._ask_lock = threading.Lock()

    # ------------------------------------------------------------------ state

    @property
    def client(self) -> Chat2QueryClient:
        return self.connection.client

    @property
    def session(self) -> Session | None:
        return self._sessions.session

    @property
    def session_id(self) -> str:
        return self._sessions.session_id

    @property
    def opened(self) -> bool:
        return self._sessions.session is not None

    @property
    def session_name(self) -> str:
        return self._sessions.session_name

    @property
    def resume_lost(self) -> str:
        """The session ``c2q --resume`` asked for when the server no longer had it."""
        return self._sessions.resume_lost

    @property
    def transcript(self) -> Any:
        """The transcript writer (None: not recording, or recording stopped)."""
        return self._recorder.writer

    @transcript.setter
    def transcript(self, writer: Any) -> None:
        self._recorder.writer = writer

    @property
    def transcript_error(self) -> Exception | None:
        """Why recording stopped (OSError/ValueError), if it did."""
        return self._recorder.error

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        changed = check_mode(value) != self._mode
        self._mode = value
        if changed:
            self._record_command("mode", value)

    @property
    def feedback(self) -> FeedbackIds | None:
        """Feedback ids armed for the next question, if any."""
        return self._armed

    @property
    def rounds(self) -> list[Round]:
        return self._history.rounds

    @property
    def boundaries(self) -> list[tuple[int, str]]:
        """(rounds before it, what happened): /new, /reset, switches, resumption."""
        return self._history.boundaries

    @property
    def context_rounds(self) -> list[Round]:
        """Rounds the server still remembers (since the last reset/new/switch)."""
        return self._history.context_rounds

    def last_answered(self) -> Round | None:
        """The newest round in the current context that has an answer."""
        return self._history.last_answered()

    def state(self) -> dict[str, Any]:
        """What transcripts record after a state-changing command."""
        armed = self._armed
        return {
            "session_id": self.session_id,
            "mode": self._mode,
            "feedback": {"answer_id": armed[0], "task_id": armed[1]} if armed else None,
        }

    # ------------------------------------------------------------------ opening

    def open(self, cancel: threading.Event | None = None) -> str:
        """Make sure the data summary is ready and a session exists; return its id
        (see :meth:`SessionKeeper.open`)."""
        return self._sessions.open(cancel)

    def open_in_background(self) -> Future[str]:
        """Run :meth:`open` in a daemon thread; the first question waits for it anyway."""
        return self._sessions.open_in_background()

    def continue_rounds(self, rounds: list[Round]) -> None:
        """Rounds recorded earlier in the resumed session: /history lists them and new
        rounds are numbered after them; /history marks where this run took over."""
        self._history.prepend(rounds)

    # ------------------------------------------------------------------ asking

    def ask(
        self,
        question: str,
        *,
        mode: str | None = None,
        feedback: Any = None,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
    ) -> Round:
        """Send one question and wait for its answer.

        ``feedback`` (``(answer_id, task_id)``) marks the question as a
        correction of an earlier answer; when None, feedback armed with
        :meth:`arm_feedback` is used (once). ``on_update`` receives the job
        after the POST and after every poll (partial breakdown results).
        Setting ``cancel`` stops waiting at once; the round then carries a
        :class:`CancelledError` with the job id for :meth:`resume`.
        """
        cancel = cancel or threading.Event()
        with self._ask_lock:
            if feedback is None and self._armed is not None:
                answer_id, task_id = self._armed
                self._armed = None
            else:
                answer_id, task_id = feedback_ids(feedback)
            round_ = Round(
                number=self._history.next_number(),
                question=question,
                mode=mode or self._mode,
                feedback_answer_id=answer_id,
                feedback_task_id=task_id,
                started_at=self._clocks.wall(),
            )
            opening_error: C2QError | None = None
            try:  # open first, so a transcript names the session before its first question
                self.open(cancel)
            except C2QError as err:
                opening_error = err
            self._recorder.record("question", round_)

            def start(client: Chat2QueryClient) -> str:
                if opening_error is not None:
                    raise opening_error
                return post_question(client, self.session_id, round_, on_update)

            self._run(round_, start, cancel, on_update)
            return round_

    def resume(
        self,
        job_id: str,
        *,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
    ) -> Round:
        """Wait again for a job whose wait was cancelled (``/job ID``); nothing is re-sent.

        The result is a new round carrying the original question (when this
        conversation asked it) so history and transcripts stay in order.
        """
        cancel = cancel or threading.Event()
        job_id = job_id.strip()
        with self._ask_lock:
            original = self._history.asked_as(job_id)
            round_ = Round(
                number=self._history.next_number(),
                question=original.question if original else "",
                mode=original.mode if original else self._mode,
                feedback_answer_id=original.feedback_answer_id if original else "",
                feedback_task_id=original.feedback_task_id if original else "",
                job_id=job_id,
                started_at=self._clocks.wall(),
            )
            self._recorder.record("question", round_)
            since = job_started(self.connection, job_id)
            self._run(round_, lambda client: job_id, cancel, on_update, since)
            return round_

    def _run(
        self,
        round_: Round,
        start: Callable[[Chat2QueryClient], str],
        cancel: threading.Event,
        on_update: OnUpdate | None,
        since: float | None = None,
    ) -> None:
        run_round(
            self.connection,
            round_,
            start,
            cancel=cancel,
            on_update=on_update,
            clocks=self._clocks,
            file=self._file,
            since=since,
        )

    def _file(self, round_: Round) -> None:
        """A finished round joins the history and the transcript."""
        self._history.add(round_)
        self._recorder.record("result" if round_.error is None else "error", round_)

    # ------------------------------------------------------------------ session commands

    def arm_feedback(self, answer_id: str = "", task_id: str = "") -> FeedbackIds:
        """Send the next question as feedback on an answer (default: the last one)."""
        if answer_id:
            armed = (answer_id, task_id)
        else:
            armed = feedback_on(self._history.last_answered(), task_id)
        self._armed = armed
        self._record_command("feedback", f"{armed[0]} {armed[1]}".strip())
        return armed

    def disarm_feedback(self) -> None:
        if self._armed is not None:
            self._armed = None
            self._record_command("feedback", "off")

    def reset(self) -> None:
        """``PUT …/reset``: the server forgets the context; so do we (rounds stay in history)."""
        self._sessions.reset()
        self._restart_context("context reset")
        self._record_command("reset", "")

    def new_session(self, name: str = "") -> str:
        """Start a fresh server session (same data summary) and use it from now on."""
        session = self._sessions.replace_with_new(name)
        self._restart_context(f"new session {session.session_id}")
        return session.session_id

    def switch(self, session_id: str) -> Session:
        """Continue an existing server session (``/sessions switch ID``)."""
        session = self._sessions.switch(session_id)
        self._restart_context(f"switched to session {session.session_id}")
        return session

    def rename(self, name: str) -> None:
        self._sessions.rename(name)
        self._record_command("rename", name)

    def server_session(self) -> Session:
        """The session as the server sees it now (with its ``messages``)."""
        return self._sessions.server_session()

    def data_summary(self, refresh: bool = False) -> DataSummary:
        """The database's data summary (cached; ``refresh`` fetches it again)."""
        return self._sessions.data_summary(refresh)

    def use_summary(self, summary: DataSummary) -> None:
        """A regenerated data summary replaces the cached one (``/summary regenerate``)."""
        self._sessions.use_summary(summary)

    def close(self) -> None:
        """Stop any wait inside :meth:`open` (the connection is closed by its owner)."""
        self._sessions.close()

    def record_command(self, name: str, args: str, **details: Any) -> None:
        """Record a state-changing command with the state after it (``details``: what a
        live replay needs to repeat it, e.g. the item ``/kb add`` added)."""
        self._record_command(name, args, **details)

    def _restart_context(self, what: str) -> None:
        self._history.restart_context(what)
        self._armed = None

    def _record_command(self, name: str, args: str, **details: Any) -> None:
        self._recorder.record("command", name, args, self.state(), **details)
