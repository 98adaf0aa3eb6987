"""``c2q --resume [N]``: continue a recorded session, as ``llm -c`` continues a conversation.

The transcript says which server session it was and what was asked; the REPL
reopens that session (or a new one when the server no longer has it, and says
so), appends to the same transcript, numbers new rounds after the recorded
ones and shows the last answer before the first prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.chat.round import Round

#: ``--resume`` without N: the session started last
LATEST = "last"


@dataclass
class Resumption:
    """A recorded session to continue."""

    path: Path
    #: its number in ``c2q sessions`` (0 for a file outside the sessions directory)
    number: int
    session_id: str
    name: str
    rounds: list[Round] = field(default_factory=list)
    #: where it was recorded (the REPL's label, e.g. "local · 127.0.0.1:8080 · sp500insight")
    endpoint: str = ""

    @property
    def last_answer(self) -> Round | None:
        """The newest round that came back with an answer (failed or not)."""
        return next((r for r in reversed(self.rounds) if r.answered), None)

    def describe(self) -> str:
        label = f"session {self.number}" if self.number else str(self.path)
        name = f" ({self.name})" if self.name else ""
        count = len(self.rounds)
        return (
            f"resuming {label}{name}: {count} round{'s' if count != 1 else ''} so far, "
            f"server session {self.session_id or '?'}, transcript {self.path}"
        )


def load_resumption(target: str, env: Mapping[str, str]) -> Resumption:
    """Read the session to resume: ``N`` or ``FILE`` as ``c2q sessions`` lists them, or
    :data:`LATEST`. Raises :class:`TranscriptError` when there is none."""
    from c2q_repl.chat.round import forget_old_answers
    from c2q_repl.repl.context import KEEP_ANSWERS
    from c2q_repl.transcript.listing import resolve_transcript, session_name, transcript_files
    from c2q_repl.transcript.reader import TranscriptError, read_transcript
    from c2q_repl.transcript.writer import sessions_dir

    files = transcript_files(env)
    if target == LATEST:
        if not files:
            raise TranscriptError(f"no recorded sessions to resume in {sessions_dir(env)}")
        path = files[-1]
    else:
        path = resolve_transcript(target, env)
    transcript = read_transcript(path)
    rounds = [recorded.to_round() for recorded in transcript.rounds]
    forget_old_answers(rounds, KEEP_ANSWERS)  # older answers are read back on demand
    number = next((i for i, p in enumerate(files, 1) if p == path), 0)
    return Resumption(
        path=path,
        number=number,
        session_id=transcript.session_id,
        name=session_name(transcript),
        rounds=rounds,
        endpoint=transcript.endpoint,
    )
