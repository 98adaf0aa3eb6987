"""Quotas of a Chat2Query Data App: AI requests per day per app, requests per minute per key.

The daily counter resets at UTC midnight; the per-key window is a fixed
60-second window that starts with the key's first request in it (what the
``X-Ratelimit-Reset`` header counts down). A limit of 0 disables either.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        if self.limit <= 0:
            return {}
        return {
            "X-Ratelimit-Limit-Minute": str(self.limit),
            "X-Ratelimit-Remaining-Minute": str(self.remaining),
            "X-Ratelimit-Reset": str(self.reset_seconds),
        }


class MinuteRateLimiter:
    def __init__(self, limit: int, clock=time.monotonic):
        self.limit = limit
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> RateDecision:
        if self.limit <= 0:
            return RateDecision(True, 0, 0, 0)
        now = self._clock()
        with self._lock:
            start, count = self._windows.get(key, (now, 0))
            if now - start >= 60.0:
                start, count = now, 0
            allowed = count < self.limit
            if allowed:
                count += 1
            self._windows[key] = (start, count)
        reset = max(1, math.ceil(60.0 - (now - start)))
        return RateDecision(allowed, self.limit, max(0, self.limit - count), reset)


class DailyQuota:
    """AI requests per UTC day for the whole app."""

    def __init__(self, limit: int, clock=time.time):
        self.limit = limit
        self._clock = clock
        self._day = -1
        self._used = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Count one AI request; False (and nothing counted) when the day's quota is used up."""
        if self.limit <= 0:
            return True
        day = int(self._clock() // 86400)
        with self._lock:
            if day != self._day:
                self._day, self._used = day, 0
            if self._used >= self.limit:
                return False
            self._used += 1
            return True

    def refund(self) -> None:
        """Give back a request that was counted but then refused (bad parameters, not ready)."""
        if self.limit <= 0:
            return
        with self._lock:
            self._used = max(0, self._used - 1)

    @property
    def used(self) -> int:
        with self._lock:
            return self._used if self._day == int(self._clock() // 86400) else 0
