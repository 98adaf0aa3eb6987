"""The errors every layer may raise: the base :class:`C2QError` and :class:`ConfigError`.

A leaf module (it imports nothing of c2q) so that settings, rendering and the
wire can all raise and catch the same errors without importing each other.
The API's own error kinds (HTTP statuses, jobs) extend the base in
:mod:`c2q_repl.api.errors`.

Every error carries a message a person can act on (``str(err)``), the HTTP
status and the server's own code when there was one, and a hint saying what to
do next. None of them ever holds credentials: a failed request is described by
method and path only.
"""

from __future__ import annotations

from typing import Any


class C2QError(Exception):
    """Base of every c2q error."""

    #: short kind used in transcripts and batch JSON output
    kind = "error"
    #: whether repeating the same request later may succeed
    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        hint: str = "",
        request: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.hint = hint
        #: "METHOD /path" of the failed request (never headers, never keys)
        self.request = request

    def __str__(self) -> str:
        return self.message

    def describe(self) -> str:
        """Message plus hint, for a person."""
        return f"{self.message}\n{self.hint}" if self.hint else self.message

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "status": self.status,
            "code": self.code,
            "hint": self.hint,
            "request": self.request,
        }


class ConfigError(C2QError):
    """Settings are missing or unsafe (e.g. plain HTTP to a remote host)."""

    kind = "config"
