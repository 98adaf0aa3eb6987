"""Writing a conversation's events to its transcript, if it has one.

Recording must never cost the chat: a full disk (or a writer closed under us)
stops recording, keeps why, and the conversation goes on. Every event the
chat layer records goes through :meth:`TranscriptRecorder.record`, so that
rule holds for all of them.
"""

from __future__ import annotations

from typing import Any


class TranscriptRecorder:
    """The conversation's transcript writer (a
    :class:`~c2q_repl.transcript.writer.TranscriptWriter`, or None: nothing recorded).

    The writer is duck-typed (``question``, ``result``, ``error``, ``command``,
    ``session``): ``chat/`` sits below ``transcript/`` and must not import it.
    """

    def __init__(self, writer: Any = None) -> None:
        self.writer = writer
        #: why recording stopped (OSError/ValueError), if it did
        self.error: Exception | None = None

    def record(self, event: str, *args: Any, **details: Any) -> None:
        """Write one event (the writer's method of that name); a failed write stops recording."""
        if self.writer is None:
            return
        try:
            getattr(self.writer, event)(*args, **details)
        except (OSError, ValueError) as exc:  # disk full, or the writer was closed under us
            self.error = exc
            self.writer = None
