"""Exit statuses of every c2q command, and which error ends in which.

One set for the CLI, the REPL, ``c2q ask`` and ``c2q replay --live``; the
README and ``c2q --help`` document the same numbers. Imported at start-up:
only the tiny error modules are imported here.
"""

from __future__ import annotations

from c2q_repl.api.errors import AuthError, QuotaExceededError
from c2q_repl.errors import ConfigError

EXIT_OK = 0
EXIT_ANSWER_FAILED = 1
EXIT_USAGE = 2
EXIT_QUOTA = 3
EXIT_AUTH = 4
EXIT_INTERRUPTED = 130

#: what each status means, for ``--help`` and the docs
MEANINGS = {
    EXIT_OK: "ok",
    EXIT_ANSWER_FAILED: "an answer failed",
    EXIT_USAGE: "usage/config error",
    EXIT_QUOTA: "quota exhausted",
    EXIT_AUTH: "authentication failed",
    EXIT_INTERRUPTED: "interrupted",
}

#: how bad each status is when several questions ended differently (worst wins)
_SEVERITY = {EXIT_OK: 0, EXIT_ANSWER_FAILED: 1, EXIT_USAGE: 2, EXIT_AUTH: 3, EXIT_QUOTA: 4}


def exit_code_for(error: BaseException | None, failed: bool) -> int:
    """The status for one outcome: an error's kind decides, else whether it failed."""
    if isinstance(error, QuotaExceededError):
        return EXIT_QUOTA
    if isinstance(error, AuthError):
        return EXIT_AUTH
    if isinstance(error, ConfigError):
        return EXIT_USAGE
    return EXIT_ANSWER_FAILED if failed or error is not None else EXIT_OK


def stops_the_run(error: BaseException | None) -> bool:
    """Quota, authentication and configuration errors: every later question would fail too."""
    return isinstance(error, (QuotaExceededError, AuthError, ConfigError))


def worst(a: int, b: int) -> int:
    """The status that wins when two questions ended differently."""
    return max(a, b, key=lambda code: _SEVERITY.get(code, 5))


def describe(reworded: dict[int, str] | None = None) -> str:
    """``0 ok, 1 an answer failed, …``; ``reworded`` says one in a command's own terms."""
    words = {**MEANINGS, **(reworded or {})}
    return ", ".join(f"{code} {text}" for code, text in words.items())
