"""The rounds of one conversation and where the server's memory of them restarts.

``/reset``, ``/new`` and ``/sessions switch`` do not delete history: every round
stays listed (``/history``) and numbered in order, but only the rounds since the
last such boundary are ones the server remembers, and only they can be given
feedback. A resumed session (``c2q --resume``) starts with the recorded rounds.
"""

from __future__ import annotations

from c2q_repl.api.errors import C2QError
from c2q_repl.chat.round import Round


class RoundHistory:
    """Rounds in the order they ended, and the boundaries between server contexts."""

    def __init__(self) -> None:
        self.rounds: list[Round] = []
        #: (rounds before it, what happened): /new, /reset, switches, resumption, for /history
        self.boundaries: list[tuple[int, str]] = []
        #: index in ``rounds`` where the server-side context starts
        self._context_start = 0

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

    def next_number(self) -> int:
        return (self.rounds[-1].number + 1) if self.rounds else 1

    def add(self, round_: Round) -> None:
        self.rounds.append(round_)

    def asked_as(self, job_id: str) -> Round | None:
        """The newest round that started ``job_id``, if this conversation started it."""
        return next((r for r in reversed(self.rounds) if r.job_id == job_id), None)

    def prepend(self, rounds: list[Round]) -> None:
        """Rounds recorded earlier in a resumed session: listed first, numbered before
        any new round, and marked as where this run took over."""
        self.rounds = list(rounds) + self.rounds
        if rounds:
            self.boundaries.append((len(rounds), "resumed"))

    def restart_context(self, what: str) -> None:
        """The server forgets what came before (``what`` is shown by ``/history``)."""
        self._context_start = len(self.rounds)
        self.boundaries.append((len(self.rounds), what))
