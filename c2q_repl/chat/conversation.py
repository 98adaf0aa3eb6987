"""A chat session with Chat2Query, without any UI.

:class:`Conversation` owns the server session: it makes sure the database's
data summary is ready, creates the ``/v3/sessions`` session, sends each
question to ``…/chat2data`` and waits for the job. The REPL, batch mode and
live replay all drive it; each turns the :class:`Round` it returns into
screen lines with :func:`~c2q_repl.chat.round.round_lines`.

Two rules matter for money and for correctness:

* A question is POSTed exactly once. The transport may repeat a request that
  never reached the server (connect failure); nothing here ever re-sends a
  question after a timeout or any other error, because the server may already
  be answering it (and charging for it).
* ``ask`` never raises for API trouble: the error lands in ``Round.error`` so
  the caller shows it like any other outcome. Only KeyboardInterrupt escapes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from c2q_repl.api.errors import (
    C2QError,
    CancelledError,
    ConfigError,
    NotFoundError,
    ValidationError,
)
from c2q_repl.api.models import Job
from c2q_repl.api.resources import DataSummary, Session
from c2q_repl.api.vocabulary import MODES
from c2q_repl.chat.opening import create_session, ready_summary
from c2q_repl.chat.round import Round

if TYPE_CHECKING:
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.chat.connect import Connection
    from c2q_repl.config import Settings

FeedbackIds = tuple[str, str]


def feedback_ids(feedback: Any) -> FeedbackIds:
    """Normalise feedback given as ``(answer_id, task_id)``, an object with
    ``answer_id``/``task_id``, a bare answer id, or None (no feedback)."""
    if feedback is None or feedback == "":
        return "", ""
    if isinstance(feedback, str):
        return feedback, ""
    if isinstance(feedback, (tuple, list)):
        answer_id = feedback[0] if feedback else ""
        task_id = feedback[1] if len(feedback) > 1 else ""
        return str(answer_id or ""), str(task_id or "")
    return str(getattr(feedback, "answer_id", "") or ""), str(
        getattr(feedback, "task_id", "") or ""
    )


#: the status of the progress report sent right after the POST, before any poll: the
#: server has taken the job but has not said yet whether it is queued or running
SUBMITTED = "submitted"


def submitted(job_id: str) -> Job:
    """The progress report for a job just started (not a status the server sent)."""
    return Job(job_id=job_id, status=SUBMITTED, raw={"job_id": job_id, "status": SUBMITTED})


def job_elapsed(job_raw: dict[str, Any], since: float, now: float) -> float:
    """A job's real run time from its start (``since``, wall clock) to when it ended.

    ``ended_at`` is whole UNIX seconds, so the end is taken as at most one second
    after it; a job still unfinished (or without ``ended_at``) ends ``now``.
    """
    ended = job_raw.get("ended_at")
    end = now
    if isinstance(ended, (int, float)) and not isinstance(ended, bool) and ended > 0:
        end = min(now, float(ended) + 1.0)
    return max(0.0, end - since)


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValidationError(
            f"unknown SQL generation mode {mode!r}", hint="Use 'direct' or 'auto_breakdown'."
        )
    return mode


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
        self.transcript = transcript
        #: why recording stopped (OSError/ValueError), if it did
        self.transcript_error: Exception | None = None
        self.session_name = session_name
        #: ``c2q --resume``: the server session to continue instead of opening a new one
        self._resume_id = resume_session_id
        #: the session to resume when the server no longer had it (a new one was opened)
        self.resume_lost = ""
        self.rounds: list[Round] = []
        self._clock = clock
        self._wall = wall_clock
        self._session: Session | None = None
        self._summary: DataSummary | None = None
        #: (rounds before it, what happened): /new, /reset and switches, for /history
        self.boundaries: list[tuple[int, str]] = []
        self._armed: FeedbackIds | None = None
        #: index in ``rounds`` where the server-side context starts (after /reset, /new, switch)
        self._context_start = 0
        self._open_lock = threading.RLock()
        self._ask_lock = threading.Lock()
        self._closing = threading.Event()

    # ------------------------------------------------------------------ state

    @property
    def client(self) -> Chat2QueryClient:
        return self.connection.client

    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def session_id(self) -> str:
        return self._session.session_id if self._session is not None else ""

    @property
    def opened(self) -> bool:
        return self._session is not None

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
    def context_rounds(self) -> list[Round]:
        """Rounds the server still remembers (since the last reset/new/switch)."""
        return self.rounds[self._context_start :]

    def last_answered(self) -> Round | None:
        """The newest round in the current context that has an answer."""
        for round_ in reversed(self.context_rounds):
            try:
                if round_.answer is not None:
                    return round_
            except C2QError:  # a malformed job cannot be given feedback on
                continue
        return None

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
        """Make sure the data summary is ready and a session exists; return its id.

        Idempotent and thread-safe: a second caller waits for the first. Raises
        the :class:`C2QError` that prevented it (a later call tries again).
        """
        with self._open_lock:
            if self._session is not None:
                return self._session.session_id
            cancel = cancel or self._closing
            client = self.connection.client
            settings = self.connection.settings
            if not settings.cluster_id or not settings.database:
                missing = " and ".join(
                    n
                    for n, v in (
                        ("cluster id", settings.cluster_id),
                        ("database", settings.database),
                    )
                    if not v
                )
                raise ConfigError(
                    f"no {missing} configured",
                    hint="Set C2Q_CLUSTER_ID/C2Q_DATABASE, --cluster-id/--database or the config profile.",
                )
            if self._summary is None:
                self._summary = ready_summary(
                    client, settings.cluster_id, settings.database, cancel
                )
            resumed = self._resumed_session(client)
            self._session = resumed or self._new_session(client, settings, cancel)
            if resumed is None:
                self._record("session", self._session.session_id)
            return self._session.session_id

    def _resumed_session(self, client: Chat2QueryClient) -> Session | None:
        """The session ``c2q --resume`` asked for, if the server still has it (once)."""
        wanted, self._resume_id = self._resume_id, ""
        if not wanted:
            return None
        try:
            return client.get_session(wanted)
        except (NotFoundError, ValidationError):
            self.resume_lost = wanted  # e.g. an embedded sandbox's session ends with its process
            return None

    def continue_rounds(self, rounds: list[Round]) -> None:
        """Rounds recorded earlier in the resumed session: /history lists them and new
        rounds are numbered after them; /history marks where this run took over."""
        self.rounds = list(rounds) + self.rounds
        if rounds:
            self.boundaries.append((len(rounds), "resumed"))

    def open_in_background(self) -> Future[str]:
        """Run :meth:`open` in a daemon thread; the first question waits for it anyway."""
        future: Future[str] = Future()

        def run() -> None:
            future.set_running_or_notify_cancel()
            try:
                future.set_result(self.open())
            except BaseException as exc:
                future.set_exception(exc)

        threading.Thread(target=run, name="c2q-open-session", daemon=True).start()
        return future

    def _new_session(
        self, client: Chat2QueryClient, settings: Settings, cancel: threading.Event
    ) -> Session:
        name = self.session_name or time.strftime(
            "c2q %Y-%m-%d %H:%M", time.localtime(self._wall())
        )
        return create_session(
            client, settings.cluster_id, settings.database, name, cancel, clock=self._clock
        )

    # ------------------------------------------------------------------ asking

    def ask(
        self,
        question: str,
        *,
        mode: str | None = None,
        feedback: Any = None,
        on_update: Callable[[Job], None] | None = None,
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
                number=self._next_number(),
                question=question,
                mode=mode or self._mode,
                feedback_answer_id=answer_id,
                feedback_task_id=task_id,
                started_at=self._wall(),
            )
            opening_error: C2QError | None = None
            try:  # open first, so a transcript names the session before its first question
                self.open(cancel)
            except C2QError as err:
                opening_error = err
            self._record("question", round_)
            self._run_round(
                round_,
                cancel,
                lambda client: self._post_question(client, round_, on_update, opening_error),
                on_update,
            )
            return round_

    def _post_question(
        self,
        client: Chat2QueryClient,
        round_: Round,
        on_update: Callable[[Job], None] | None,
        opening_error: C2QError | None,
    ) -> str:
        if opening_error is not None:
            raise opening_error
        started = client.session_chat(
            self.session_id,
            round_.question,
            mode=check_mode(round_.mode),
            feedback_answer_id=round_.feedback_answer_id,
            feedback_task_id=round_.feedback_task_id,
        )
        round_.job_id = started.job_id
        if on_update is not None:  # the caller learns the job id before the first poll
            on_update(submitted(started.job_id))
        return started.job_id

    def resume(
        self,
        job_id: str,
        *,
        on_update: Callable[[Job], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Round:
        """Wait again for a job whose wait was cancelled (``/job ID``); nothing is re-sent.

        The result is a new round carrying the original question (when this
        conversation asked it) so history and transcripts stay in order.
        """
        cancel = cancel or threading.Event()
        job_id = job_id.strip()
        with self._ask_lock:
            original = next((r for r in reversed(self.rounds) if r.job_id == job_id), None)
            round_ = Round(
                number=self._next_number(),
                question=original.question if original else "",
                mode=original.mode if original else self._mode,
                feedback_answer_id=original.feedback_answer_id if original else "",
                feedback_task_id=original.feedback_task_id if original else "",
                job_id=job_id,
                started_at=self._wall(),
            )
            self._record("question", round_)
            self._run_round(
                round_, cancel, lambda client: job_id, on_update, since=self._job_started(job_id)
            )
            return round_

    def _job_started(self, job_id: str) -> float | None:
        """When (wall clock) the POST that started ``job_id`` was answered, if this
        process started it: a fetched job's elapsed time counts from there."""
        try:
            origin = self.connection.client.job_origin(job_id)
        except Exception:  # not connected: the wait alone is all we know
            return None
        return origin.started_wall if origin is not None else None

    def _run_round(
        self,
        round_: Round,
        cancel: threading.Event,
        start: Callable[[Any], str],
        on_update: Callable[[Job], None] | None,
        *,
        since: float | None = None,
    ) -> None:
        """Start (``start(client) -> job id``), wait, and file the outcome in ``round_``.

        ``since``: when (wall clock) an earlier POST started the job (``/job``)."""
        from c2q_repl.api.poller import wait_for_job

        began = self._clock()
        client = None
        before = 0
        try:
            client = self.connection.client
            before = client.requests_sent
            job_id = start(client)
            job = wait_for_job(client, job_id, cancel=cancel, on_update=on_update)
            round_.job_raw = (
                dict(job.raw)
                if job.raw
                else {
                    "job_id": job.job_id,
                    "status": job.status,
                    "ended_at": job.ended_at,
                    "reason": job.reason,
                    "result": job.result,
                }
            )
        except CancelledError as err:
            err.job_id = err.job_id or round_.job_id
            if not err.hint and err.job_id:
                err.hint = f"The job may still finish on the server: /job {err.job_id}"
            round_.error = err
        except C2QError as err:
            round_.error = err
        except KeyboardInterrupt:
            round_.error = CancelledError("interrupted", job_id=round_.job_id)
            self._finish(round_, client, before, began)
            raise
        except Exception as exc:  # a bug must not lose the session; say what it was
            round_.error = C2QError(
                f"internal error: {type(exc).__name__}: {exc}",
                hint="This is a bug in c2q; please report it.",
            )
        self._finish(round_, client, before, began, since)

    def _finish(
        self, round_: Round, client: Any, before: int, began: float, since: float | None = None
    ) -> None:
        round_.elapsed = max(0.0, self._clock() - began)
        if since is not None and round_.job_raw is not None:
            round_.elapsed = max(round_.elapsed, job_elapsed(round_.job_raw, since, self._wall()))
        if client is not None:
            round_.requests = max(0, client.requests_sent - before)
        self.rounds.append(round_)
        self._record("result" if round_.error is None else "error", round_)
        if client is not None:
            self.connection.remember_durations(client)

    def _next_number(self) -> int:
        return (self.rounds[-1].number + 1) if self.rounds else 1

    # ------------------------------------------------------------------ session commands

    def arm_feedback(self, answer_id: str = "", task_id: str = "") -> FeedbackIds:
        """Send the next question as feedback on an answer (default: the last one)."""
        if not answer_id:
            last = self.last_answered()
            if last is None:
                raise ValidationError("there is no answer to give feedback on yet")
            answer_id = last.job_id
            if not task_id:
                answer = last.answer
                task_id = answer.task_id if answer is not None else ""
        self._armed = (answer_id, task_id)
        self._record_command("feedback", f"{answer_id} {task_id}".strip())
        return self._armed

    def disarm_feedback(self) -> None:
        if self._armed is not None:
            self._armed = None
            self._record_command("feedback", "off")

    def reset(self) -> None:
        """``PUT …/reset``: the server forgets the context; so do we (rounds stay in history)."""
        self.open()
        self.client.reset_session(self.session_id)
        self._forget_context()
        self.boundaries.append((len(self.rounds), "context reset"))
        self._record_command("reset", "")

    def new_session(self, name: str = "") -> str:
        """Start a fresh server session (same data summary) and use it from now on."""
        self.open()
        settings = self.connection.settings
        with self._open_lock:
            if name:
                self.session_name = name
            self._session = self._new_session(self.client, settings, self._closing)
            self._forget_context()
            self.boundaries.append((len(self.rounds), f"new session {self.session_id}"))
        self._record("session", self.session_id)
        return self.session_id

    def switch(self, session_id: str) -> Session:
        """Continue an existing server session (``/sessions switch ID``)."""
        session = self.client.get_session(str(session_id).strip())
        with self._open_lock:
            self._session = session
            self._forget_context()
            self.boundaries.append((len(self.rounds), f"switched to session {session.session_id}"))
        self._record("session", session.session_id)
        return session

    def rename(self, name: str) -> None:
        self.open()
        updated = self.client.update_session(self.session_id, name)
        if updated is not None and updated.session_id == self.session_id:
            self._session = updated
        self.session_name = name
        self._record_command("rename", name)

    def server_session(self) -> Session:
        """The session as the server sees it now (with its ``messages``)."""
        self.open()
        return self.client.get_session(self.session_id)

    def data_summary(self, refresh: bool = False) -> DataSummary:
        """The database's data summary (cached; ``refresh`` fetches it again)."""
        if self._summary is None:
            self.open()
        if refresh and self._summary is not None and self._summary.data_summary_id:
            self._summary = self.client.get_data_summary(self._summary.data_summary_id)
        assert self._summary is not None
        return self._summary

    def use_summary(self, summary: DataSummary) -> None:
        """A regenerated data summary replaces the cached one (``/summary regenerate``)."""
        self._summary = summary

    def close(self) -> None:
        """Stop any wait inside :meth:`open` (the connection is closed by its owner)."""
        self._closing.set()

    def _forget_context(self) -> None:
        self._context_start = len(self.rounds)
        self._armed = None

    # ------------------------------------------------------------------ transcript

    def _record(self, event: str, *args: Any) -> None:
        """Write a transcript event; a full disk stops recording, never the chat."""
        if self.transcript is None:
            return
        try:
            getattr(self.transcript, event)(*args)
        except (OSError, ValueError) as exc:  # disk full, or the writer was closed under us
            self.transcript_error = exc
            self.transcript = None

    def _record_command(self, name: str, args: str) -> None:
        self._record("command", name, args, self.state())
