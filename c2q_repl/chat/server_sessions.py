"""The server's sessions: the list of them, and one session's ``messages`` as
rounds (question, status, SQL, row count).

Same contract as asking: the caller's thread does the HTTP; ``cancel`` is
honoured before each request.

The element shape of ``messages`` is not published. Shapes met so far, all
read here:

* a user entry and an assistant entry per round (``role``, or ``type``:
  user/human/question and assistant/ai/answer), paired by job id or by order;
  the assistant entry carries ``status``, ``sql`` and perhaps ``data``/``row_count``
  (the docs' placeholder, the sandbox);
* one entry per round: ``question`` with the answer beside it (``answer``,
  ``result`` or a whole ``job``), itself a ChatAnswer with ``sql`` and
  ``data.rows`` (how TiInsight-style clients store a round);
* an assistant entry whose ``content`` is the answer object itself;
* a bare string (a question).

Nothing here guesses beyond that: a field not found stays empty.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from c2q_repl.api.errors import CancelledError
from c2q_repl.api.resources import Session, SessionMessage
from c2q_repl.chat.conversation import Conversation

_ASKER = {"user", "human", "question", "query"}
_ANSWERER = {"assistant", "ai", "answer", "bot", "system_answer"}
#: where an entry may nest its answer, outermost first
_NESTS = ("answer", "result", "job", "content", "data")


@dataclass(frozen=True)
class ServerRound:
    """One round of a server session, as much of it as the server told."""

    question: str = ""
    status: str = ""
    sql: str = ""
    #: None when the server gave neither rows nor a count
    row_count: int | None = None
    job_id: str = ""
    #: the answer's own one-line account ("11 rows"), when it gives one
    summary: str = ""


def list_sessions(
    conversation: Conversation, *, cancel: threading.Event | None = None
) -> list[Session]:
    """``GET /v3/sessions``: every session of the Data App."""
    _check(cancel)
    conversation.connection.wait()
    _check(cancel)
    return list(conversation.client.list_sessions())


def server_history(
    conversation: Conversation, *, cancel: threading.Event | None = None
) -> tuple[str, list[ServerRound]]:
    """The current session as the server holds it: (session id, its rounds)."""
    _check(cancel)
    conversation.open(cancel)
    _check(cancel)
    session = conversation.server_session()
    return session.session_id, server_rounds(session)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError("stopped")


def server_rounds(session: Session) -> list[ServerRound]:
    """Pair the session's messages into rounds, oldest first."""
    rounds: list[ServerRound] = []
    open_questions: dict[str, int] = {}  # job id -> index of its unanswered round
    last_open: int | None = None
    for msg in session.messages:
        raw: Mapping[str, Any] = msg.raw if isinstance(msg.raw, Mapping) else {}
        role = _role(msg, raw)
        if role == "answer":
            found = _answer_facts(raw, answer_entry=True)
            index = open_questions.pop(msg.job_id, None) if msg.job_id else None
            if index is None and last_open is not None and not msg.job_id:
                index = last_open
            if index is None and last_open is not None and rounds[last_open].job_id == "":
                index = last_open
            if index is not None:
                asked = rounds[index]
                rounds[index] = ServerRound(
                    question=asked.question,
                    job_id=asked.job_id or msg.job_id,
                    **found,
                )
                open_questions.pop(asked.job_id, None)
                if index == last_open:
                    last_open = None
            else:
                rounds.append(ServerRound(job_id=msg.job_id, **found))
            continue
        question = _question(msg, raw)
        if role == "question" and not _has_answer(raw):
            rounds.append(ServerRound(question=question, job_id=msg.job_id))
            last_open = len(rounds) - 1
            if msg.job_id:
                open_questions[msg.job_id] = last_open
            continue
        # one entry per round: the question with its answer beside it
        rounds.append(ServerRound(question=question, job_id=msg.job_id, **_answer_facts(raw)))
        last_open = None
    return rounds


def _role(msg: SessionMessage, raw: Mapping[str, Any]) -> str:
    role = (msg.role or "").strip().lower()
    if role in _ANSWERER:
        return "answer"
    if role in _ASKER:
        return "question"
    if not raw:  # a bare string
        return "question"
    if "question" in raw and not _has_answer(raw):
        return "question"
    return "round"


def _question(msg: SessionMessage, raw: Mapping[str, Any]) -> str:
    for key in ("question", "content", "text", "query"):
        value = raw.get(key)
        if isinstance(value, str) and value:
            return value
    return msg.content if isinstance(msg.content, str) else ""


def _has_answer(raw: Mapping[str, Any]) -> bool:
    return any(isinstance(raw.get(key), Mapping) for key in ("answer", "result", "job")) or any(
        key in raw for key in ("sql", "status", "row_count", "rows")
    )


def _answer_facts(raw: Mapping[str, Any], *, answer_entry: bool = False) -> dict[str, Any]:
    """status, sql, row_count and summary from an entry or the answer nested in it
    (an answer entry's text ``content`` is its summary)."""
    layers = list(_layers(raw))
    status = _first_text(layers, "status")
    if _first_text(layers, "sql_error") and status in ("", "done"):
        status = "failed"
    summary = _first_text(layers, "summary")
    content = raw.get("content")
    if not summary and answer_entry and isinstance(content, str):
        summary = content
    return {
        "status": status,
        "sql": _first_text(layers, "sql"),
        "row_count": _row_count(layers),
        "summary": summary,
    }


def _layers(raw: Mapping[str, Any], depth: int = 0) -> Iterable[Mapping[str, Any]]:
    """The entry, then every answer-like object nested in it (breadth first)."""
    yield raw
    if depth >= 3:
        return
    for key in _NESTS:
        inner = raw.get(key)
        if isinstance(inner, Mapping):
            yield from _layers(inner, depth + 1)


def _first_text(layers: list[Mapping[str, Any]], key: str) -> str:
    for layer in layers:
        value = layer.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _row_count(layers: list[Mapping[str, Any]]) -> int | None:
    for layer in layers:
        for key in ("row_count", "rows_count", "rows"):
            value = layer.get(key)
            if isinstance(value, bool):
                continue
            if isinstance(value, int):
                return value
            if isinstance(value, str) and value.isdigit():
                return int(value)
            if isinstance(value, list):
                return len(value)
    return None
