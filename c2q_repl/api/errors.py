"""One exception hierarchy for everything that can go wrong talking to Chat2Query.

Every error carries a message a person can act on (``str(err)``), the HTTP
status and the server's own code when there was one, and a hint saying what to
do next. None of them ever holds credentials: the request that failed is
described by method and path only.
"""

from __future__ import annotations

from typing import Any

# The base and the configuration error are app-wide (settings and themes raise
# them too), so they live in a leaf module; the API's kinds extend them here.
from c2q_repl.errors import C2QError as C2QError
from c2q_repl.errors import ConfigError as ConfigError


class NetworkError(C2QError):
    """The server could not be reached or the connection broke."""

    kind = "network"
    retryable = True

    def __init__(self, message: str, *, sent: bool, **kw: Any) -> None:
        super().__init__(message, **kw)
        #: False only when the request certainly never reached the server
        self.sent = sent


class ConnectError(NetworkError):
    """Connection refused / DNS failure: the request was never sent."""

    kind = "connect"

    def __init__(self, message: str, **kw: Any) -> None:
        super().__init__(message, sent=False, **kw)


class ReadTimeoutError(NetworkError):
    """The server took too long to answer; the request may have been processed."""

    kind = "timeout"

    def __init__(self, message: str, **kw: Any) -> None:
        super().__init__(message, sent=True, **kw)


class ResponseTooSlowError(ReadTimeoutError):
    """The server kept sending, too slowly, past the whole-response time limit: never retried."""

    retryable = False


class HTTPStatusError(C2QError):
    """A non-success HTTP status with a recognised meaning."""

    kind = "http"


class AuthError(HTTPStatusError):
    """401: wrong or missing key."""

    kind = "auth"


class ExpiredKeyError(AuthError):
    """401 with code 49900002: the API key has expired."""

    kind = "auth_expired"


class PermissionError_(HTTPStatusError):
    """403: the key's role may not call this endpoint."""

    kind = "forbidden"


class NotFoundError(HTTPStatusError):
    """404: unknown endpoint path, job, session, summary or knowledge base."""

    kind = "not_found"


class MethodNotAllowedError(HTTPStatusError):
    """405."""

    kind = "method"


class RequestTimeoutError(HTTPStatusError):
    """408: the gateway timed the request out."""

    kind = "request_timeout"
    retryable = True


class ValidationError(HTTPStatusError):
    """400: the server rejected the parameters."""

    kind = "validation"


class DataSummaryNotReadyError(ValidationError):
    """400 "Data summary is not ready": wait and retry."""

    kind = "summary_not_ready"
    retryable = True


class QuotaExceededError(HTTPStatusError):
    """429 daily AI quota (100/day per Data App). Never retried automatically."""

    kind = "quota"


class RateLimitError(HTTPStatusError):
    """429 with code 49900007: per-key per-minute limit; retry after ``retry_after`` s."""

    kind = "rate_limit"
    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(HTTPStatusError):
    """5xx, including HTML error pages from proxies."""

    kind = "server"
    retryable = True


class ProtocolError(C2QError):
    """The response was not JSON, or not the shape the API documents."""

    kind = "protocol"


class ResponseTooLargeError(ProtocolError):
    """The decoded response passed the size cap (a decompression bomb): never retried."""

    kind = "too_large"


class JobFailedError(C2QError):
    """A job ended with status "failed"; ``message`` is the server's reason."""

    kind = "job_failed"


class JobTimeoutError(C2QError):
    """A job was still unfinished after the longest wait; it may still finish later."""

    kind = "job_timeout"
    retryable = True

    def __init__(self, message: str, *, job_id: str = "", **kw: Any) -> None:
        super().__init__(message, **kw)
        self.job_id = job_id


class CancelledError(C2QError):
    """The user cancelled a wait; the job may still be running on the server."""

    kind = "cancelled"

    def __init__(self, message: str, *, job_id: str = "", **kw: Any) -> None:
        super().__init__(message, **kw)
        self.job_id = job_id
