"""Requests spent today, per endpoint, persisted across c2q runs.

The Chat2Query Data App allows 100 AI requests a day; the toolbar shows how
many this machine spent so nobody is surprised by a 429. Counts live in
``$XDG_STATE_HOME/c2q/usage.json``; every update is a read-modify-write under
an advisory lock followed by an atomic rename, so two c2q processes never lose
each other's counts and a crash never leaves a half-written file. Days are UTC
days (the service does not document its reset time).
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping
from urllib.parse import urlsplit

from c2q_repl.config import state_dir

#: keep counts for this many days (older ones are dropped on write)
KEEP_DAYS = 7


def usage_path(env: Mapping[str, str] = os.environ) -> Path:
    return state_dir(env) / "usage.json"


def endpoint_key(endpoint: str, *, sandbox: bool = False) -> str:
    """A stable name for a quota bucket: host + Data App path; every local
    sandbox shares one bucket (its port changes each run)."""
    if sandbox:
        return "sandbox"
    parts = urlsplit(endpoint)
    return f"{parts.hostname or ''}{parts.path.rstrip('/')}"


def utc_day(now: float) -> str:
    return datetime.fromtimestamp(now, tz=timezone.utc).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class DayUsage:
    requests: int = 0
    ai_requests: int = 0


class UsageCounter:
    """Today's request counts for one endpoint, shared by all c2q processes."""

    def __init__(self, key: str, path: Path | None = None, *, clock: Callable[[], float] | None = None) -> None:
        import time

        self.key = key
        self.path = path if path is not None else usage_path()
        self._clock = clock or time.time

    def today(self) -> DayUsage:
        """Counts for the current UTC day (zero when nothing was recorded)."""
        entry = self._load().get(utc_day(self._clock()), {}).get(self.key, {})
        return DayUsage(requests=_count(entry.get("requests")), ai_requests=_count(entry.get("ai_requests")))

    def add(self, requests: int = 0, ai_requests: int = 0) -> DayUsage:
        """Add to today's counts and return the new totals. Never raises for I/O:
        a read-only home must not break chatting."""
        if requests <= 0 and ai_requests <= 0:
            return self.today()
        day = utc_day(self._clock())
        try:
            with self._locked():
                data = self._load()
                entry = data.setdefault(day, {}).setdefault(self.key, {})
                entry["requests"] = _count(entry.get("requests")) + max(0, requests)
                entry["ai_requests"] = _count(entry.get("ai_requests")) + max(0, ai_requests)
                for old in sorted(data)[:-KEEP_DAYS]:
                    del data[old]
                self._save(data)
                return DayUsage(entry["requests"], entry["ai_requests"])
        except OSError:
            return self.today()

    # ------------------------------------------------------------------ file plumbing

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(day): v for day, v in data.items() if isinstance(v, dict)}

    def _save(self, data: dict) -> None:
        import tempfile  # only when writing: it costs start-up time

        fd, tmp = tempfile.mkstemp(prefix=".usage-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, sort_keys=True, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            except ImportError:  # pragma: no cover - non-POSIX: atomic rename still protects the file
                pass
            yield
        finally:
            os.close(fd)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
