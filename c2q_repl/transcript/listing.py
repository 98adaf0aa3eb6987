"""Find recorded sessions and turn ``FILE|N`` into a path, the same way for every command.

Numbers follow the order sessions were started (1 = the first recorded), so a
session keeps its number when new ones are recorded or it is resumed: the
``N`` read in ``c2q sessions`` yesterday still names the same session today.
The list shows the most recent first.
"""

from __future__ import annotations

import json
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
    #: the server session's name (the last /rename wins)
    name: str = ""
    #: "embedded sandbox", "local server" or "cloud"
    where: str = ""
    #: seconds from the first record to the last write
    duration: float = 0.0
    #: with --search: the first question (or SQL) that matched
    matched: str = ""

    @property
    def date(self) -> str:
        if not self.started_at:
            return "?"
        return datetime.fromtimestamp(self.started_at).strftime("%Y-%m-%d %H:%M")


def _started(path: Path) -> float:
    """When the session was started: its header's ``created_at`` (first line only), else
    the file's modification time (a file without a readable header)."""
    try:
        with path.open("rb") as f:
            first = f.readline(64 * 1024)
        created = json.loads(first).get("created_at")
        if isinstance(created, (int, float)) and not isinstance(created, bool) and created > 0:
            return float(created)
    except (OSError, ValueError, AttributeError):
        pass
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def transcript_files(env: Mapping[str, str] = os.environ) -> list[Path]:
    """Transcript files in the sessions directory in the order they were started
    (oldest first): a file's position + 1 is its number, which never shifts."""
    directory = sessions_dir(env)
    try:
        files = [p for p in directory.iterdir() if p.suffix == ".jsonl" and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: (_started(p), p.name))


def endpoint_where(header: Mapping[str, object]) -> str:
    """The kind of endpoint a transcript talked to, in words."""
    if header.get("endpoint_kind") == "sandbox":
        return "embedded sandbox"
    label = str(header.get("label") or "")
    host = str(header.get("endpoint_host") or "")
    hostname = host.rsplit(":", 1)[0].strip("[]")
    if label.startswith("local ") or hostname in ("127.0.0.1", "localhost", "::1"):
        return "local server"
    return "cloud" if header.get("endpoint_kind") or host else "?"


def session_name(t: Transcript) -> str:
    """The session's name: the last /rename, else the name it was opened with."""
    renamed = [str(c.get("args") or "") for c in t.commands if c.get("name") == "rename"]
    return (renamed[-1] if renamed else "") or str(t.header.get("session_name") or "")


def _duration(t: Transcript, path: Path) -> float:
    try:
        last = path.stat().st_mtime
    except OSError:
        return 0.0
    return max(0.0, last - t.created_at) if t.created_at else 0.0


def search_match(t: Transcript, text: str) -> str:
    """The first question (or SQL, shown as such) of ``t`` containing ``text`` (any case), or ""."""
    from c2q_repl.transcript.normalize import recorded_answer

    wanted = text.casefold()
    for rr in t.rounds:
        if wanted in rr.question.casefold():
            return rr.question
        answer = recorded_answer(rr)
        for task in answer.leaves() if answer is not None else []:
            if wanted in task.sql.casefold():
                return f"{rr.question} (SQL: {' '.join(task.sql.split())})"
    return ""


def list_sessions(env: Mapping[str, str] = os.environ, search: str = "") -> list[SessionEntry]:
    """Every recorded session, most recent first, numbered in the order they were
    started; with ``search`` only those whose questions or SQL contain it."""
    entries = []
    for number, path in enumerate(transcript_files(env), 1):
        try:
            t = read_transcript(path, outline=not search)
        except TranscriptError as exc:
            if not search:
                entries.append(SessionEntry(number, path, 0.0, "", "", 0, "", problem=str(exc)))
            continue
        matched = search_match(t, search) if search else ""
        if search and not matched:
            continue
        first = t.rounds[0].question if t.rounds else ""
        entries.append(
            SessionEntry(
                number,
                path,
                t.created_at,
                t.database,
                t.endpoint,
                len(t.rounds),
                first,
                name=session_name(t),
                where=endpoint_where(t.header),
                duration=_duration(t, path),
                matched=matched,
            )
        )
    entries.reverse()
    return entries


def resolve_transcript(target: str, env: Mapping[str, str] = os.environ) -> Path:
    """``FILE`` (any path) or ``N`` (the session numbered N in ``c2q sessions``)."""
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
