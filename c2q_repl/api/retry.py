"""When a failed request may be sent again, and how long to wait first. Pure.

The rule that matters: a POST that starts AI work spends one of the Data App's
100 daily AI requests, so it is repeated only when the server certainly never
saw it (a connect failure) or explicitly refused it unprocessed (per-minute
rate limit). After a read timeout or a reset the server may already be working
on it, so it is never re-sent. GETs are safe to repeat on any transient fault.
"""

from __future__ import annotations

import random

from c2q_repl.api import errors as E

#: longest per-minute rate-limit wait the client sits out on its own
MAX_RATE_LIMIT_WAIT = 65.0


def may_retry(method: str, error: E.C2QError) -> bool:
    """Whether the request that failed with ``error`` may be sent again."""
    if isinstance(error, E.RateLimitError):
        return error.retry_after is None or error.retry_after <= MAX_RATE_LIMIT_WAIT
    if isinstance(error, E.ConnectError):
        return True
    if method.upper() in ("GET", "HEAD"):
        return isinstance(error, (E.NetworkError, E.ServerError, E.RequestTimeoutError))
    return False


def retry_delay(attempt: int, error: E.C2QError, *, rng: random.Random | None = None) -> float:
    """Seconds to wait before attempt ``attempt + 1`` (attempt counts from 1)."""
    if isinstance(error, E.RateLimitError):
        return error.retry_after if error.retry_after is not None else 1.0
    base = min(4.0, 0.25 * 2.0 ** (attempt - 1))
    jitter = (rng or random).uniform(0.0, base * 0.25)
    return base + jitter
