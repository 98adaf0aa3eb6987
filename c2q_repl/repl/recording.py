"""Recording the REPL's transcript: a new file once the session id is known, or,
for ``c2q --resume``, the resumed session's file continued.

The conversation writes every event itself once it holds the writer; what is
here is only opening it and saying (as notes before the next prompt) what went
differently from what the user asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.repl.context import ReplContext
    from c2q_repl.repl.resume import Resumption


def start_recording(ctx: ReplContext, conversation: Conversation) -> None:
    """Give ``conversation`` its transcript writer (once; never when unwanted)."""
    if ctx.resumption is not None:
        _continue(ctx, conversation, ctx.resumption)
        return
    recording = ctx.recording
    if not recording.wanted or recording.writer is not None:
        return
    from c2q_repl.transcript.opening import open_transcript

    try:
        writer = open_transcript(
            ctx.opening.connection,
            conversation,
            recording.path or None,
            started_at=recording.started_at,
            env=ctx.environ,
            on_stop=ctx.transcript_stopped,
        )
    except OSError as exc:
        where = exc.filename or recording.path or "the sessions directory"
        ctx.notes.append(f"cannot record a transcript at {where}: {exc.strerror or exc}")
        recording.wanted = False
        return
    recording.writer = writer
    recording.path = str(writer.path)


def _continue(ctx: ReplContext, conversation: Conversation, resumption: Resumption) -> None:
    """Append to the resumed session's transcript; note another endpoint or a server
    session that is gone (a new one was opened, and the transcript says so)."""
    from c2q_repl.transcript.opening import reopen_transcript

    recorded_at, label = resumption.endpoint, ctx.opening.connection.label
    if recorded_at and label and recorded_at != label:
        ctx.notes.append(f"this session was recorded on {recorded_at}; now connected to {label}")
    if conversation.resume_lost:
        ctx.notes.append(
            f"the server no longer has session {conversation.resume_lost}; "
            f"continuing in new session {conversation.session_id} (earlier context is not known to it)"
        )
    recording = ctx.recording
    if not recording.wanted or recording.writer is not None:
        return
    try:
        writer = reopen_transcript(
            ctx.opening.connection,
            conversation,
            resumption.path,
            env=ctx.environ,
            on_stop=ctx.transcript_stopped,
        )
    except OSError as exc:
        ctx.notes.append(f"cannot append to {resumption.path}: {exc.strerror or exc}")
        recording.wanted = False
        return
    recording.writer = writer
    recording.path = str(writer.path)
    if conversation.resume_lost:
        writer.session(conversation.session_id)
