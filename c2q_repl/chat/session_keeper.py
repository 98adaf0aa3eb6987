"""The one server session a conversation uses, from opening to replacing it.

Opening is slow (the data summary may have to be generated first) and may
happen in a background thread while the user types, so it is idempotent and
locked: whoever needs the session waits for the one opening, and a failed
opening is tried again by the next caller. ``c2q --resume`` reopens the
recorded session instead, or a new one when the server no longer has it.
``/new`` and ``/sessions switch`` replace the session; every session taken
into use is recorded, so a transcript always names where its rounds went.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from typing import TYPE_CHECKING

from c2q_repl.api.errors import ConfigError, NotFoundError, ValidationError
from c2q_repl.api.resources import DataSummary, Session
from c2q_repl.chat.opening import create_session, ready_summary

if TYPE_CHECKING:
    from c2q_repl.chat.asking import Clocks
    from c2q_repl.chat.connect import Connection
    from c2q_repl.chat.recorder import TranscriptRecorder
    from c2q_repl.config import Settings


class SessionKeeper:
    """The conversation's server session and its database's data summary (thread-safe)."""

    def __init__(
        self,
        connection: Connection,
        recorder: TranscriptRecorder,
        clocks: Clocks,
        *,
        session_name: str = "",
        resume_session_id: str = "",
    ) -> None:
        self._connection = connection
        self._recorder = recorder
        self._clocks = clocks
        self.session_name = session_name
        #: ``c2q --resume``: the server session to continue instead of opening a new one
        self._resume_id = resume_session_id
        #: the session to resume when the server no longer had it (a new one was opened)
        self.resume_lost = ""
        self.session: Session | None = None
        self._summary: DataSummary | None = None
        self._lock = threading.RLock()
        self._closing = threading.Event()

    @property
    def session_id(self) -> str:
        return self.session.session_id if self.session is not None else ""

    def open(self, cancel: threading.Event | None = None) -> str:
        """Make sure the data summary is ready and a session exists; return its id.

        Idempotent and thread-safe: a second caller waits for the first. Raises
        the :class:`C2QError` that prevented it (a later call tries again).
        """
        with self._lock:
            if self.session is not None:
                return self.session.session_id
            cancel = cancel or self._closing
            client = self._connection.client  # waits until connected: settings are final then
            settings = self._connection.settings
            _check_target(settings)
            if self._summary is None:
                self._summary = ready_summary(
                    client, settings.cluster_id, settings.database, cancel
                )
            resumed = self._resumed_session()
            self.session = resumed or self._new_session(cancel)
            if resumed is None:
                self._recorder.record("session", self.session.session_id)
            return self.session.session_id

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

    def replace_with_new(self, name: str = "") -> Session:
        """Open a fresh server session (same data summary) and use it from now on."""
        self.open()
        with self._lock:
            if name:
                self.session_name = name
            self.session = self._new_session(self._closing)
        self._recorder.record("session", self.session.session_id)
        return self.session

    def switch(self, session_id: str) -> Session:
        """Use an existing server session from now on (``/sessions switch ID``)."""
        session = self._connection.client.get_session(str(session_id).strip())
        with self._lock:
            self.session = session
        self._recorder.record("session", session.session_id)
        return session

    def rename(self, name: str) -> None:
        self.open()
        updated = self._connection.client.update_session(self.session_id, name)
        if updated is not None and updated.session_id == self.session_id:
            self.session = updated
        self.session_name = name

    def reset(self) -> None:
        """``PUT …/reset``: the server forgets the session's context."""
        self.open()
        self._connection.client.reset_session(self.session_id)

    def server_session(self) -> Session:
        """The session as the server sees it now (with its ``messages``)."""
        self.open()
        return self._connection.client.get_session(self.session_id)

    def data_summary(self, refresh: bool = False) -> DataSummary:
        """The database's data summary (cached; ``refresh`` fetches it again)."""
        if self._summary is None:
            self.open()
        if refresh and self._summary is not None and self._summary.data_summary_id:
            self._summary = self._connection.client.get_data_summary(self._summary.data_summary_id)
        assert self._summary is not None
        return self._summary

    def use_summary(self, summary: DataSummary) -> None:
        """A regenerated data summary replaces the cached one (``/summary regenerate``)."""
        self._summary = summary

    def close(self) -> None:
        """Stop any wait inside :meth:`open` (the connection is closed by its owner)."""
        self._closing.set()

    def _resumed_session(self) -> Session | None:
        """The session ``c2q --resume`` asked for, if the server still has it (once)."""
        wanted, self._resume_id = self._resume_id, ""
        if not wanted:
            return None
        try:
            return self._connection.client.get_session(wanted)
        except (NotFoundError, ValidationError):
            self.resume_lost = wanted  # e.g. an embedded sandbox's session ends with its process
            return None

    def _new_session(self, cancel: threading.Event) -> Session:
        settings = self._connection.settings
        name = self.session_name or time.strftime(
            "c2q %Y-%m-%d %H:%M", time.localtime(self._clocks.wall())
        )
        return create_session(
            self._connection.client,
            settings.cluster_id,
            settings.database,
            name,
            cancel,
            clock=self._clocks.monotonic,
        )


def _check_target(settings: Settings) -> None:
    """A session needs a cluster and a database: say which is missing, and where to set it."""
    if settings.cluster_id and settings.database:
        return
    missing = " and ".join(
        name
        for name, value in (("cluster id", settings.cluster_id), ("database", settings.database))
        if not value
    )
    raise ConfigError(
        f"no {missing} configured",
        hint="Set C2Q_CLUSTER_ID/C2Q_DATABASE, --cluster-id/--database or the config profile.",
    )
