"""Find recorded sessions and turn ``FILE|N`` into a path, the same way for every command.

Numbers count from the most recent session (1 = the latest), so
``c2q replay 1`` always means "the session I just had".
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from c2q_repl.transcript.reader import Transcript, TranscriptError, read_transcript
from c2q_repl.transcript.writer import sessions_dir


@dataclass(frozen=True)
class SessionEntry:
    """One line of ``c2q sessions``."""

    number: int
    path: Path
    started_at: float
    database: str
    endpoint: str
    rounds: int
    first_question: str
    problem: str = ""

    @property
    def date(self) -> str:
        if not self.started_at:
            return "?"
        return datetime.fromtimestamp(self.started_at).strftime("%Y-%m-%d %H:%M")


def transcript_files(env: Mapping[str, str] = os.environ) -> list[Path]:
    """Transcript files in the sessions directory, most recent first."""
    directory = sessions_dir(env)
    try:
        files = [p for p in directory.iterdir() if p.suffix == ".jsonl" and p.is_file()]
    except OSError:
        return []

    def key(p: Path) -> tuple[float, str]:
        try:
            return (p.stat().st_mtime, p.name)
        except OSError:
            return (0.0, p.name)

    # last written first; the date-time in the default names breaks ties
    return sorted(files, key=key, reverse=True)


def list_sessions(env: Mapping[str, str] = os.environ) -> list[SessionEntry]:
    entries = []
    for number, path in enumerate(transcript_files(env), 1):
        try:
            t = read_transcript(path, outline=True)
        except TranscriptError as exc:
            entries.append(SessionEntry(number, path, 0.0, "", "", 0, "", problem=str(exc)))
            continue
        first = t.rounds[0].question if t.rounds else ""
        entries.append(
            SessionEntry(number, path, t.created_at, t.database, t.endpoint, len(t.rounds), first)
        )
    return entries


def resolve_transcript(target: str, env: Mapping[str, str] = os.environ) -> Path:
    """``FILE`` (any path) or ``N`` (the N-th most recent recorded session)."""
    target = str(target).strip()
    candidate = Path(target).expanduser()
    if candidate.exists():
        return candidate
    if target.isdigit():
        files = transcript_files(env)
        n = int(target)
        if 1 <= n <= len(files):
            return files[n - 1]
        where = sessions_dir(env)
        if not files:
            raise TranscriptError(f"no recorded sessions in {where}")
        raise TranscriptError(
            f"there is no session {n}; `c2q sessions` lists {len(files)} in {where}"
        )
    raise TranscriptError(f"no such transcript: {target}")


def load(target: str, env: Mapping[str, str] = os.environ) -> Transcript:
    """Resolve ``FILE|N`` and read it."""
    return read_transcript(resolve_transcript(target, env))
