"""Requests spent today, per endpoint, persisted across c2q runs.

The Chat2Query Data App allows 100 AI requests a day; the toolbar shows how
many this machine spent so nobody is surprised by a 429. Counts live in
``$XDG_STATE_HOME/c2q/usage.json`` (locked, atomic updates: see
:mod:`c2q_repl.chat.statefile`). Days are UTC
days (the service does not document its reset time).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from c2q_repl.chat.statefile import read_json_object, update_json_object
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
    import time  # not datetime: this module loads before the first prompt, datetime costs ~1 ms

    return time.strftime("%Y-%m-%d", time.gmtime(now))


@dataclass(frozen=True)
class DayUsage:
    requests: int = 0
    ai_requests: int = 0


class UsageCounter:
    """Today's request counts for one endpoint, shared by all c2q processes."""

    def __init__(
        self, key: str, path: Path | None = None, *, clock: Callable[[], float] | None = None
    ) -> None:
        import time

        self.key = key
        self.path = path if path is not None else usage_path()
        self._clock = clock or time.time

    def today(self) -> DayUsage:
        """Counts for the current UTC day (zero when nothing was recorded)."""
        entry = self._load().get(utc_day(self._clock()), {}).get(self.key, {})
        return DayUsage(
            requests=_count(entry.get("requests")), ai_requests=_count(entry.get("ai_requests"))
        )

    def add(self, requests: int = 0, ai_requests: int = 0) -> DayUsage:
        """Add to today's counts and return the new totals. Never raises for I/O:
        a read-only home must not break chatting."""
        if requests <= 0 and ai_requests <= 0:
            return self.today()
        day = utc_day(self._clock())
        totals: dict[str, Any] = {}

        def change(data: dict[str, Any]) -> None:
            for stale in [k for k, v in data.items() if not isinstance(v, dict)]:
                del data[stale]
            entry = data.setdefault(day, {}).setdefault(self.key, {})
            entry["requests"] = _count(entry.get("requests")) + max(0, requests)
            entry["ai_requests"] = _count(entry.get("ai_requests")) + max(0, ai_requests)
            for old in sorted(data)[:-KEEP_DAYS]:
                del data[old]
            totals.update(entry)

        try:
            update_json_object(self.path, change)
            return DayUsage(totals["requests"], totals["ai_requests"])
        except OSError:
            return self.today()

    def _load(self) -> dict[str, Any]:
        return {
            str(day): v for day, v in read_json_object(self.path).items() if isinstance(v, dict)
        }


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
