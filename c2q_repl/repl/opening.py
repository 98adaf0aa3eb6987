"""The background opening of the connection and the conversation, and the
status line drawn while anyone waits for something.

The prompt is on screen before anything is connected: :meth:`Opening.start`
(after the first render) connects (starting the embedded sandbox if needed)
and opens the session in a daemon thread. Whoever needs the conversation asks
for it explicitly with :meth:`Opening.wait`, which draws the status line and
lets Ctrl-C through; :meth:`Opening.current` never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from c2q_repl.repl.background import Background

if TYPE_CHECKING:
    from c2q_repl.chat.connect import Connection
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.chat.round import Round
    from c2q_repl.config import Settings
    from c2q_repl.repl.hooks import UiHooks
    from c2q_repl.repl.printing import Printer
    from c2q_repl.repl.status import StatusLine


def _new_connection(settings: Settings) -> Connection:
    from c2q_repl.chat.connect import new_connection

    return new_connection(settings)


class Opening:
    """Owns the connection, the background open and the waiting status line.

    ``prepare`` runs first in the background thread (the theme load),
    ``opened`` once the conversation is open (transcript, schema words),
    ``finished`` whatever the outcome (usage counter, redraw, notes).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        out: Printer,
        unicode: bool,
        hooks: UiHooks,
        prepare: Callable[[], None],
        opened: Callable[[Conversation], None],
        finished: Callable[[], None],
        status_style: Callable[[], str] = lambda: "",
        connect: Callable[[Settings], Connection] = _new_connection,
    ) -> None:
        self.settings = settings
        self._connect = connect
        #: not started yet: kind and label are known from the settings alone
        self.connection = connect(settings)
        self._out = out
        self._unicode = unicode
        self._hooks = hooks
        self._prepare = prepare
        self._opened = opened
        self._finished = finished
        self._status_style = status_style
        #: start-up phase shown in the toolbar until the session is open
        self.phase = "starting"
        self._background: Background[Conversation] | None = None
        #: whether the failure of the current attempt was already shown
        self.failure_reported = False
        #: ``c2q --resume``: the server session to reopen and the rounds recorded before
        self.resume_session_id = ""
        self.earlier_rounds: list[Round] = []

    # ------------------------------------------------------------------ facts

    @property
    def kind(self) -> str:
        return self.connection.kind

    @property
    def label(self) -> str:
        return self.connection.label

    @property
    def started(self) -> bool:
        return self._background is not None

    @property
    def failure(self) -> BaseException | None:
        """Why the last attempt failed (None while it runs or when it worked)."""
        background = self._background
        return background.error if background is not None and background.done else None

    def unreported_failure(self) -> BaseException | None:
        """The failure, the first time it is asked for (so it is shown once)."""
        failure = self.failure
        if failure is None or self.failure_reported:
            return None
        self.failure_reported = True
        return failure

    def current(self) -> Conversation | None:
        """The conversation if it is open already; never waits."""
        background = self._background
        if background is None or not background.done or background.error is not None:
            return None
        return background.wait()

    # ------------------------------------------------------------------ doing

    def start(self) -> None:
        """Begin opening in the background (once; after the first render)."""
        if self._background is None:
            self._launch()

    def wait(self) -> Conversation:
        """The open conversation, waiting for it with the status line (Ctrl-C works).

        A failed attempt is tried again: the network or the server may be back.
        The failure of this wait is the caller's to report.
        """
        if self._background is None or self.failure is not None:
            self._launch()
        assert self._background is not None
        self.failure_reported = True
        if not self._background.done:
            line = self.status_line()

            def tick() -> None:
                line.progress.phase = self.phase
                line.draw()

            try:
                self._background.wait(tick=tick)
            finally:
                line.erase()
        return self._background.wait()

    def status_line(self) -> StatusLine:
        """A status line for the terminal as it is now, in the theme's status colour."""
        from c2q_repl.repl.status import StatusLine  # not needed for the first prompt

        cols, _ = self._out.size()
        return StatusLine(
            self._out.stream,
            width=cols,
            enabled=self._out.is_tty,
            unicode=self._unicode,
            style=self._status_style(),
        )

    def close(self) -> None:
        conversation = self.current()
        if conversation is not None:
            conversation.close()
        try:
            self.connection.close()
        except Exception:  # leaving must not fail
            pass

    # ------------------------------------------------------------------ the background work

    def _launch(self) -> None:
        self.failure_reported = False
        self._background = Background(self._work, name="c2q-open", on_done=self._finished).start()

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        self._hooks.redraw()

    def _work(self) -> Conversation:
        from c2q_repl.chat.conversation import Conversation

        self._prepare()
        if self.connection.error is not None:  # a retry after a failed start: a fresh connection
            self.connection = self._connect(self.settings)
        self._set_phase("starting the sandbox" if self.kind == "sandbox" else "connecting")
        self.connection.wait()
        self._set_phase("opening a session")
        conversation = Conversation(
            self.connection, mode=self.settings.mode, resume_session_id=self.resume_session_id
        )
        conversation.continue_rounds(self.earlier_rounds)
        conversation.open()
        self._opened(conversation)
        self.phase = "ready"  # the redraw once the background work is done shows the session id
        return conversation
