"""Chat sessions: rounds of question → job, remembered and fed back to the engine.

A round is recorded when its question is accepted; the engine's answer (SQL,
clarified task, a short summary of the rows) is attached by the job when it
finishes, so the next round's engine call sees every earlier finished round.
``messages`` renders each round as a user entry and, once answered, an
assistant entry. Reset clears the rounds and keeps the session.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from c2q_repl.sandbox.contracts import PriorRound


@dataclass
class Round:
    question: str
    job_id: str
    mode: str
    created_at: int
    answer: PriorRound | None = None
    status: str = ""  # "done" | "failed" once answered


@dataclass
class Session:
    session_id: int
    cluster_id: str
    database: str
    name: str
    creator: str
    created_at: int
    updated_at: int
    rounds: list[Round] = field(default_factory=list)
    owner: str = ""  # public key of the key that created it ("" = created by the server)


def message_json(rnd: Round, shown_status: str) -> list[dict]:
    """The user entry, plus the assistant entry when the round's job shows as finished."""
    out = [
        {
            "role": "user",
            "content": rnd.question,
            "job_id": rnd.job_id,
            "answer_id": rnd.job_id,
            "created_at": rnd.created_at,
        }
    ]
    if rnd.answer is not None and shown_status in ("done", "failed"):
        a = rnd.answer
        out.append(
            {
                "role": "assistant",
                "content": a.summary,
                "job_id": rnd.job_id,
                "answer_id": rnd.job_id,
                "task_id": "0",
                "status": shown_status,
                "clarified_task": a.clarified_task,
                "sql": a.sql,
                "summary": a.summary,
                "created_at": rnd.created_at,
            }
        )
    return out


class SessionStore:
    def __init__(self) -> None:
        self._items: dict[int, Session] = {}
        self._lock = threading.Lock()

    def create(
        self, session_id: int, cluster_id: str, database: str, name: str, creator: str
    ) -> Session:
        now = int(time.time())
        s = Session(session_id, cluster_id, database, name, creator, now, now)
        with self._lock:
            self._items[session_id] = s
        return s

    def get(self, session_id: int) -> Session | None:
        return self._items.get(session_id)

    def all(self) -> list[Session]:
        with self._lock:
            return sorted(self._items.values(), key=lambda s: s.session_id)

    def add_round(self, session: Session, rnd: Round) -> None:
        with self._lock:
            session.rounds.append(rnd)
            session.updated_at = int(time.time())

    def finish_round(self, session: Session, job_id: str, answer: PriorRound, status: str) -> None:
        with self._lock:
            for rnd in session.rounds:
                if rnd.job_id == job_id:
                    rnd.answer, rnd.status = answer, status

    def history(self, session: Session) -> tuple[PriorRound, ...]:
        with self._lock:
            return tuple(r.answer for r in session.rounds if r.answer is not None)

    def find_round(self, session: Session, job_id: str) -> Round | None:
        with self._lock:
            return next((r for r in session.rounds if r.job_id == job_id), None)

    def rename(self, session: Session, name: str) -> None:
        with self._lock:
            session.name = name
            session.updated_at = int(time.time())

    def reset(self, session: Session) -> None:
        with self._lock:
            session.rounds.clear()
            session.updated_at = int(time.time())
