"""Turn an HTTP response (status, headers, body bytes) into a result or a typed error.

Pure functions, no I/O, no httpx: easy to test and to fuzz. Two envelope styles
exist (spec §5):

* application ``{"code": 200, "msg": "", "result": ...}`` (v2/v3 endpoints);
* gateway ``{"type": "...", "data": {"columns", "rows", "result": {"code", "message", ...}}}``
  (v1 chat2data and gateway-level failures: auth, 404, 405, 408, 429, 500).

Which status wins: an error HTTP status always means failure; a 2xx whose
application ``code`` is an error code is treated as that error (official clients
check ``body.code`` too). A 2xx gateway body whose ``data.result.code`` is an HTTP
error code is that error; any other code (e.g. MySQL's 1146) is *not* an error
here: for v1 it means the generated SQL failed, which is an answer (see
:class:`~c2q_repl.api.resources.V1Result`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from c2q_repl.api import errors as E

EXPIRED_KEY_CODE = 49900002
RATE_LIMIT_CODE = 49900007
MAX_SERVER_TEXT = 300

HINTS = {
    E.AuthError: "Check the public and private key of the Data App's API key (and the auth scheme: digest or basic).",
    E.ExpiredKeyError: "The API key has expired: create a new one in the TiDB Cloud console (Data Service → your Chat2Query Data App → Authentication).",
    E.PermissionError_: "The API key's role does not allow this call; use a key with the Chat2Query Admin or SQL role.",
    E.NotFoundError: "The id or path does not exist on this Data App (check the endpoint URL and the id).",
    E.MethodNotAllowedError: "The Data App does not accept this HTTP method here; the endpoint URL may be wrong.",
    E.RequestTimeoutError: "The gateway gave up waiting; try again in a moment.",
    E.ValidationError: "The server rejected the request's parameters (cluster id, database, question).",
    E.DataSummaryNotReadyError: "The database's data summary is still being generated; wait a little and ask again.",
    E.QuotaExceededError: (
        "The Data App has used its 100 AI requests for today. c2q will not retry: "
        "wait until the quota resets, or set your own OpenAI key in the Data App's Chat2Query settings."
    ),
    E.RateLimitError: "Too many requests this minute for this API key; c2q waits for the reset and retries.",
    E.ServerError: "The service failed; try again in a moment.",
    E.ProtocolError: (
        "The server's answer was not what the Chat2Query API returns. If it happens once, try again "
        "(/job ID fetches an answer that may exist); if it keeps happening, check the endpoint URL."
    ),
}


@dataclass(frozen=True)
class Envelope:
    """One decoded response body."""

    style: str  # "app" | "gateway"
    code: int | None
    message: str
    result: Any  # app: ``result``; gateway: ``data``
    type: str = ""


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _short(value: Any) -> str:
    if isinstance(value, str):
        text = value
    else:
        text = "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= MAX_SERVER_TEXT else text[: MAX_SERVER_TEXT - 1] + "…"


def parse_envelope(body: Any) -> Envelope | None:
    """Recognise either envelope; None when the JSON is neither."""
    if not isinstance(body, dict):
        return None
    if "code" in body and ("result" in body or "msg" in body):
        return Envelope(
            "app",
            _as_int(body.get("code")),
            _short(body.get("msg") or body.get("message") or ""),
            body.get("result"),
        )
    data = body.get("data")
    if "type" in body and isinstance(data, dict):
        result = data.get("result")
        result = result if isinstance(result, dict) else {}
        return Envelope(
            "gateway",
            _as_int(result.get("code")),
            _short(result.get("message") or ""),
            data,
            _short(body.get("type")),
        )
    if "code" in body and (
        "message" in body or "details" in body
    ):  # management-API style (spec §5.3)
        return Envelope("app", _as_int(body.get("code")), _short(body.get("message")), None)
    return None


def decode_json(content: bytes) -> Any:
    """JSON with big integers kept exact (Python's json already does); raises ProtocolError."""
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise E.ProtocolError("the server's response is not valid JSON") from None


_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def text_excerpt(content: bytes) -> str:
    """A short readable excerpt of a non-JSON body (HTML error pages from proxies)."""
    text = content[:4096].decode("utf-8", "replace")
    title = _TITLE.search(text)
    if title:
        text = title.group(1)
    return _short(_TAG.sub(" ", text))


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from X-Ratelimit-Reset (seconds) or Retry-After (seconds)."""
    for name in ("x-ratelimit-reset", "retry-after"):
        value = _header(headers, name)
        if value is None:
            continue
        try:
            seconds = float(value.strip())
        except ValueError:
            continue
        if seconds == seconds and seconds >= 0:
            return min(seconds, 3600.0)
    return None


def classify(
    status: int, code: int | None, message: str, headers: Mapping[str, str], request: str
) -> E.C2QError:
    """The typed error for an HTTP status plus the server's code and message."""
    lowered = message.lower()
    kw: dict[str, Any] = {"status": status, "code": code, "request": request}
    effective = status if status >= 400 else (code or status)

    def make(cls: type[E.C2QError], default: str, **extra: Any) -> E.C2QError:
        return cls(message or default, hint=HINTS.get(cls, ""), **kw, **extra)

    if effective == 401 or code == EXPIRED_KEY_CODE:
        if code == EXPIRED_KEY_CODE or "no longer valid" in lowered or "expired" in lowered:
            return make(E.ExpiredKeyError, "API Key is no longer valid")
        return make(E.AuthError, "authentication failed")
    if effective == 429 or code == RATE_LIMIT_CODE:
        # Per-minute when the server says so; a bare 429 counts as per-minute only when it
        # carries the rate-limit headers, otherwise it is treated as the (never retried) daily quota.
        remaining = (_header(headers, "x-ratelimit-remaining-minute") or "").strip()
        limit_headers = remaining == "0" or retry_after_seconds(headers) is not None
        per_minute = (
            code == RATE_LIMIT_CODE
            or "minute" in lowered
            or (code != 429 and "per day" not in lowered and limit_headers)
        )
        if per_minute:
            return make(
                E.RateLimitError, "rate limit exceeded", retry_after=retry_after_seconds(headers)
            )
        return make(E.QuotaExceededError, "the daily AI request quota is used up")
    if effective == 400:
        if "not ready" in lowered:
            return make(E.DataSummaryNotReadyError, "data summary is not ready")
        return make(E.ValidationError, "the request was rejected")
    simple = {
        403: (E.PermissionError_, "permission denied"),
        404: (E.NotFoundError, "not found"),
        405: (E.MethodNotAllowedError, "method not allowed"),
        408: (E.RequestTimeoutError, "request timeout"),
    }
    if effective in simple:
        cls, default = simple[effective]
        return make(cls, default)
    if effective >= 500:
        return make(E.ServerError, f"server error (HTTP {status})")
    return E.HTTPStatusError(message or f"unexpected HTTP status {status}", **kw)


def check_response(
    status: int, headers: Mapping[str, str], content: bytes, *, request: str = ""
) -> Envelope:
    """Decode a response; return its envelope on success, raise the typed error otherwise."""
    try:
        body = decode_json(content) if content.strip() else None
    except E.ProtocolError:
        if status >= 400:
            excerpt = text_excerpt(content)
            err = classify(status, None, "", headers, request)
            if excerpt:
                err.message = f"{err.message} (HTTP {status}: {excerpt})"
                err.args = (err.message,)
            raise err from None
        raise E.ProtocolError(
            "the server's response is not valid JSON",
            status=status,
            request=request,
            hint=HINTS[E.ProtocolError],
        ) from None
    envelope = parse_envelope(body)
    if status >= 400:
        code = envelope.code if envelope else None
        message = envelope.message if envelope else ""
        raise classify(status, code, message, headers, request)
    if envelope is None:
        raise E.ProtocolError(
            "the server's response has neither Chat2Query envelope",
            status=status,
            request=request,
            hint=HINTS[E.ProtocolError],
        )
    if envelope.style == "app" and envelope.code not in (200, 0):
        if envelope.code is None:
            raise E.ProtocolError(
                "the response's `code` is not a number",
                status=status,
                request=request,
                hint=HINTS[E.ProtocolError],
            )
        raise classify(status, envelope.code, envelope.message, headers, request)
    if (
        envelope.style == "gateway"
        and envelope.code is not None
        and (400 <= envelope.code < 600 or envelope.code in (EXPIRED_KEY_CODE, RATE_LIMIT_CODE))
    ):
        # A gateway failure inside a 2xx; other codes (e.g. 1146) are v1's "the SQL failed" answers.
        raise classify(status, envelope.code, envelope.message, headers, request)
    return envelope
