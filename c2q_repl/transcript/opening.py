"""Start recording a transcript, or continue one: what every front end calls.

The REPL, ``c2q ask --transcript`` and ``c2q replay --live --record`` all
open their transcripts here (``c2q --resume`` continues its session's file
here too), so there is one header shape and, above all, one place that
gathers the secrets the writer must scrub. The secrets come from
the connection itself (the user's key from whichever source it was read --
config file, ``private_key_env``, ``private_key_command``, ``C2Q_PRIVATE_KEY``
-- and the embedded sandbox's generated key), never from the caller, so no
entry point can forget them: once one did, and a batch transcript held the
private key verbatim.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from c2q_repl.transcript.writer import TranscriptWriter, default_transcript_path


def connection_secrets(connection: Any) -> tuple[str, ...]:
    """Every private key the connection knows: the one asked for and the one in use."""
    secrets: list[str] = []
    for settings in (getattr(connection, "requested", None), getattr(connection, "settings", None)):
        credentials = getattr(settings, "credentials", None)
        key = getattr(credentials, "private_key", "") or ""
        if key and key not in secrets:
            secrets.append(key)
    return tuple(secrets)


def transcript_header(connection: Any, conversation: Any, **extra: str) -> dict[str, Any]:
    """The header fields every transcript carries (docs/TRANSCRIPT.md), whoever wrote it."""
    settings = connection.settings
    parts = urlsplit(str(getattr(settings, "endpoint", "") or ""))
    return {
        "endpoint_kind": connection.kind,
        "label": connection.label,
        # netloc without any user:password@ part
        "endpoint_host": parts.netloc.rsplit("@", 1)[-1],
        "cluster_id": str(getattr(settings, "cluster_id", "") or ""),
        "database": str(getattr(settings, "database", "") or ""),
        "session_id": str(getattr(conversation, "session_id", "") or ""),
        "session_name": str(
            getattr(getattr(conversation, "session", None), "name", "")
            or getattr(conversation, "session_name", "")
            or ""
        ),
        "mode": str(getattr(conversation, "mode", "") or getattr(settings, "mode", "") or ""),
        **extra,
    }


def open_transcript(
    connection: Any,
    conversation: Any,
    path: str | Path | None = None,
    *,
    started_at: float = 0.0,
    env: Mapping[str, str] = os.environ,
    on_stop: Callable[[str], None] | None = None,
    replay_of: str = "",
) -> TranscriptWriter:
    """Create the transcript (``path``, or the default file named by the session
    and ``started_at``), write its header, and attach it to ``conversation``.

    ``on_stop`` is told, once, why recording stopped if a write ever fails (a
    full disk), so the UI can say so at once. Raises :class:`OSError` when the
    file cannot be created.
    """
    target = (
        Path(path)
        if path
        else default_transcript_path(
            str(getattr(conversation, "session_id", "") or ""), started_at, env
        )
    )
    extra = {"replay_of": replay_of} if replay_of else {}
    writer = TranscriptWriter.create(
        target,
        transcript_header(connection, conversation, **extra),
        secrets=connection_secrets(connection),
        env=env,
        on_stop=on_stop,
    )
    conversation.transcript = writer  # it records later sessions (/new) itself
    return writer


def reopen_transcript(
    connection: Any,
    conversation: Any,
    path: str | Path,
    *,
    env: Mapping[str, str] = os.environ,
    on_stop: Callable[[str], None] | None = None,
) -> TranscriptWriter:
    """Append to an existing transcript (``c2q --resume``): its header and rounds stay,
    new events follow them, scrubbed of the same secrets :func:`open_transcript` gathers.

    Raises :class:`OSError` when the file is gone or is not a regular file.
    """
    writer = TranscriptWriter.append(
        Path(path), secrets=connection_secrets(connection), env=env, on_stop=on_stop
    )
    conversation.transcript = writer
    return writer
