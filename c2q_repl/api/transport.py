"""HTTP for the Chat2Query client: auth, honest request counting, safe retries.

:class:`ApiTransport` sends one logical call (``call``) as one or more HTTP
requests and returns the decoded :class:`~c2q_repl.api.envelope.Envelope` or
raises a typed error. Counting happens in :class:`_CountingTransport`, under
httpx's auth flow, so the unauthenticated first request of an HTTP Digest
handshake is counted like any other: the number shown to the user is the
number of requests the server actually received.

Nothing here ever formats a header or a key into a message; httpx exceptions
are translated and *not* chained, so tracebacks cannot carry a request object.
"""

from __future__ import annotations

import os
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from c2q_repl import __version__
from c2q_repl.api import errors as E
from c2q_repl.api.bounded import MAX_RESPONSE_BYTES, ExchangeLimits, exchange_limits, install
from c2q_repl.api.decoding import TooLarge, can_decode, read_bounded
from c2q_repl.api.endpoint import is_loopback_host, normalize_endpoint
from c2q_repl.api.envelope import Envelope, check_response
from c2q_repl.api.lean import httpx
from c2q_repl.api.retry import may_retry, retry_delay

_META = "c2q"


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP request as it went over the wire (no headers, no body, no keys)."""

    method: str
    path: str  # relative to the endpoint, e.g. "/v2/jobs/abc"
    status: int | None  # None when no response arrived
    elapsed: float  # seconds until the response headers (or the failure)
    attempt: int  # 1 for the first try of a call, 2+ for retries
    starts_ai: bool  # a POST that starts AI work
    sent: bool = True  # False: connect failure, the server never saw it
    error: str = ""  # error kind when no response arrived
    at: float = 0.0  # wall-clock time the request started

    @property
    def may_spend_quota(self) -> bool:
        """Whether this request may have used one of the Data App's daily AI requests.

        True for an AI-starting POST that the server accepted (2xx), failed on
        (5xx), or may have received without answering (timeout, reset). A 4xx
        is a rejection before any AI work (digest challenge, bad key, quota
        exhausted, not ready, bad parameters) and a connect failure never arrived.
        """
        if not (self.starts_ai and self.sent):
            return False
        return self.status is None or not 400 <= self.status < 500


def path_join(*segments: Any) -> str:
    """``("v3", "sessions", 12)`` → ``/v3/sessions/12`` with each id percent-encoded."""
    return "/" + "/".join(quote(str(s), safe="") for s in segments)


def env_proxy(endpoint: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """The proxy the environment names for this endpoint (``HTTPS_PROXY``, ``ALL_PROXY``,
    minus ``NO_PROXY``); never one for a loopback host, where keys must not leave the machine.

    Needed because httpx ignores proxy variables once a transport is passed in, and
    the counting transport always is.
    """
    url = httpx.URL(endpoint)
    host = url.host.lower()
    if is_loopback_host(host):
        return None
    env = {k.lower(): v.strip() for k, v in environ.items() if k.lower().endswith("_proxy")}
    for entry in env.get("no_proxy", "").split(","):
        entry = entry.strip().lstrip(".").lower()
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return None
    return env.get(f"{url.scheme}_proxy") or env.get("all_proxy") or None


def _plain_http_context() -> ssl.SSLContext:
    """The TLS context of a transport that never speaks TLS (an ``http://`` loopback endpoint,
    no proxy, no redirects): verifying, with no trusted roots loaded. Loading the CA bundle
    that httpx loads by default takes ~35 ms on the way to the first open session, for
    nothing; if TLS were ever attempted with this context it would fail, never trust."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname on


def _default_transport(endpoint: str) -> httpx.BaseTransport:
    proxy = env_proxy(endpoint)
    options: dict[str, Any] = {}
    if proxy is None and httpx.URL(endpoint).scheme == "http":
        options["verify"] = _plain_http_context()
    try:
        transport = httpx.HTTPTransport(proxy=proxy, **options)
        install(transport)  # whole-response deadline and cancel (c2q_repl.api.bounded)
        return transport
    except ImportError:
        raise E.ConfigError(
            "the proxy set in the environment needs an extra package",
            hint="pip install 'httpx[socks]' for a socks:// proxy, or unset ALL_PROXY/HTTPS_PROXY.",
        ) from None
    except (ValueError, httpx.InvalidURL):
        raise E.ConfigError(
            "the proxy set in the environment (HTTPS_PROXY/ALL_PROXY) is not a valid URL"
        ) from None


def _translate(exc: httpx.HTTPError, request: str) -> E.C2QError:
    """httpx's exception → ours; the message names the failure, never the request."""
    detail = str(exc).split("\n")[0][:200]
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return E.ConnectError(
            f"could not connect to the server ({detail or type(exc).__name__})",
            request=request,
            hint="Check the endpoint URL and your network; the request was not sent.",
        )
    if isinstance(exc, httpx.ReadTimeout):
        return E.ReadTimeoutError(
            "the server did not answer in time",
            request=request,
            hint="It may still be working on the request; c2q does not re-send AI requests.",
        )
    if isinstance(
        exc,
        (
            httpx.ReadError,
            httpx.WriteError,
            httpx.RemoteProtocolError,
            httpx.WriteTimeout,
            httpx.NetworkError,
        ),
    ):
        return E.NetworkError(
            f"the connection broke ({detail or type(exc).__name__})",
            sent=True,
            request=request,
            hint="The server may or may not have received the request.",
        )
    if isinstance(exc, (httpx.DecodingError, httpx.ProtocolError, httpx.TooManyRedirects)):
        return E.ProtocolError(
            f"the server's response could not be read ({detail or type(exc).__name__})",
            request=request,
        )
    if isinstance(exc, httpx.TimeoutException):
        return E.ReadTimeoutError("the request timed out", request=request)
    return E.NetworkError(f"HTTP failure ({type(exc).__name__})", sent=True, request=request)


class _UnsupportedChallenge(Exception):
    """A Digest challenge httpx cannot answer (``detail`` says which part)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _DigestAuth(httpx.DigestAuth):
    """httpx's Digest auth; a challenge it cannot answer (``qop="auth-int"``, an
    unknown algorithm) becomes :class:`_UnsupportedChallenge` instead of a crash."""

    def _build_auth_header(self, request: httpx.Request, challenge: Any) -> str:
        algorithm = str(challenge.algorithm)
        if algorithm.upper() not in self._ALGORITHM_TO_HASH_FUNCTION:
            raise _UnsupportedChallenge(f"algorithm={algorithm[:40]}")
        try:
            return super()._build_auth_header(request, challenge)
        except (NotImplementedError, httpx.ProtocolError):
            qop = (challenge.qop or b"").decode("ascii", "replace")[:40]
            raise _UnsupportedChallenge(f'qop="{qop}"') from None


def _given_up(err: E.C2QError, limits: ExchangeLimits, described: str) -> E.C2QError:
    """The error to raise when the exchange ran out of time or was cancelled (else ``err``)."""
    if limits.cancelled:
        return E.CancelledError("cancelled while waiting for the server", request=described)
    if limits.expired:
        return E.ResponseTooSlowError(
            "the server did not finish its answer in time",
            request=described,
            hint="It sent too slowly or not at all; c2q does not re-send it "
            "(C2Q_TIMEOUT sets the limit).",
        )
    return err


class _CountingTransport(httpx.BaseTransport):
    """Wraps the real transport; reports every request that reached (or may have reached) the wire."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        report: Callable[[httpx.Request, int | None, float, float, str, bool], None],
    ):
        self._inner = inner
        self._report = report

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started, wall = time.monotonic(), time.time()
        try:
            response = self._inner.handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            self._report(request, None, time.monotonic() - started, wall, type(exc).__name__, False)
            raise
        except httpx.TransportError as exc:
            self._report(request, None, time.monotonic() - started, wall, type(exc).__name__, True)
            raise
        self._report(request, response.status_code, time.monotonic() - started, wall, "", True)
        return response

    def close(self) -> None:
        self._inner.close()


class ApiTransport:
    """One httpx client bound to an endpoint and a key; thread-safe counters."""

    def __init__(
        self,
        endpoint: str,
        public_key: str,
        private_key: str,
        *,
        auth_scheme: str = "digest",
        timeout: float = 30.0,
        max_retries: int = 3,
        on_request: Callable[[RequestRecord], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.endpoint = normalize_endpoint(endpoint)
        if auth_scheme not in ("digest", "basic"):
            raise E.ConfigError(
                f"unknown auth scheme {auth_scheme!r}", hint="Use 'digest' (default) or 'basic'."
            )
        if not public_key or not private_key:
            raise E.ConfigError("an API key needs both a public and a private key")
        self.max_retries = max(0, int(max_retries))
        #: seconds one whole response may take (every read together, not each)
        self.timeout = float(timeout)
        #: decoded bytes accepted in one response
        self.max_response_bytes = MAX_RESPONSE_BYTES
        self._on_request = on_request
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.requests_sent = 0
        self.ai_requests_sent = 0
        self._base_path = httpx.URL(self.endpoint).path.rstrip("/")
        auth = (
            _DigestAuth(public_key, private_key)
            if auth_scheme == "digest"
            else httpx.BasicAuth(public_key, private_key)
        )
        self._client = httpx.Client(
            base_url=self.endpoint,
            auth=auth,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=_CountingTransport(
                transport or _default_transport(self.endpoint), self._record
            ),
            headers={"user-agent": f"c2q/{__version__}", "accept": "application/json"},
            follow_redirects=False,
        )

    # ------------------------------------------------------------------ counting

    def _record(
        self,
        request: httpx.Request,
        status: int | None,
        elapsed: float,
        wall: float,
        error: str,
        sent: bool,
    ) -> None:
        meta = request.extensions.get(_META) or {}
        starts_ai = bool(meta.get("starts_ai"))
        path = request.url.path
        if path.startswith(self._base_path):
            path = path[len(self._base_path) :] or "/"
        record = RequestRecord(
            method=request.method,
            path=path,
            status=status,
            elapsed=elapsed,
            attempt=int(meta.get("attempt", 1)),
            starts_ai=starts_ai,
            sent=sent,
            error=error,
            at=wall,
        )
        with self._lock:
            self.requests_sent += int(sent)
            self.ai_requests_sent += int(record.may_spend_quota)
        if self._on_request is not None:
            self._on_request(record)

    # ------------------------------------------------------------------ calls

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        starts_ai: bool = False,
        cancel: threading.Event | None = None,
    ) -> Envelope:
        """Send one logical call with the retry policy of :mod:`c2q_repl.api.retry`."""
        described = f"{method} {path}"
        attempt = 0
        while True:
            attempt += 1
            if self._closed.is_set():
                raise E.ConnectError("the client is closed", request=described)
            with exchange_limits(self.timeout, cancel) as limits:
                try:
                    return self._once(method, path, json, params, starts_ai, attempt, described)
                except E.C2QError as exc:
                    failure = exc
            err = _given_up(failure, limits, described)
            if err is not failure:  # out of time or cancelled: a slow server is slow again
                raise err from None
            if attempt > self.max_retries or not may_retry(method, err):
                raise err
            if self._wait(retry_delay(attempt, err), cancel):
                if cancel is not None and cancel.is_set():
                    raise E.CancelledError(
                        "cancelled while waiting to retry", request=described
                    ) from None
                raise err

    def _once(
        self,
        method: str,
        path: str,
        json: Any,
        params: dict[str, Any] | None,
        starts_ai: bool,
        attempt: int,
        described: str,
    ) -> Envelope:
        extensions = {_META: {"starts_ai": starts_ai, "attempt": attempt}}
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        request = self._client.build_request(
            method, path, json=json, params=query or None, extensions=extensions
        )
        try:
            response = self._client.send(request, stream=True)
            try:
                content = self._read_capped(response, described)
            finally:
                response.close()
        except httpx.HTTPError as exc:
            translated = _translate(exc, described)
        except _UnsupportedChallenge as exc:
            raise E.AuthError(
                f"the server asks for Digest authentication c2q cannot do ({exc.detail})",
                status=401,
                request=described,
                hint="TiDB Cloud Data Apps use Digest with MD5: check the endpoint URL. "
                'If this server takes Basic auth over HTTPS, set auth = "basic".',
            ) from None
        else:
            if 300 <= response.status_code < 400:
                location = response.headers.get("location", "")
                raise E.HTTPStatusError(
                    f"the endpoint redirects (HTTP {response.status_code})",
                    status=response.status_code,
                    request=described,
                    hint=f"Configure the URL it redirects to{': ' + location.split('?')[0][:200] if location else ''} (c2q does not send keys across redirects).",
                )
            return check_response(
                response.status_code, response.headers, content, request=described
            )
        raise translated

    def _read_capped(self, response: httpx.Response, described: str) -> bytes:
        """The decoded body, refused past :attr:`max_response_bytes` (a gzip bomb
        must not take the machine's memory; an answer that big is not an answer).
        gzip and deflate are inflated here in bounded steps (httpx would inflate a
        whole raw chunk at once); other codings go through httpx's decoder."""
        encoding = response.headers.get("content-encoding", "")
        try:
            if can_decode(encoding):
                return read_bounded(response.iter_raw(), encoding, self.max_response_bytes)
            return read_bounded(response.iter_bytes(), "", self.max_response_bytes)
        except TooLarge:
            raise E.ResponseTooLargeError(
                f"the server's response is larger than {self.max_response_bytes // 2**20} MB"
                " once decoded; c2q stopped reading it",
                request=described,
                hint="No Chat2Query answer is that large: check the endpoint URL. "
                "The request is not repeated.",
            ) from None
        except zlib.error:
            raise E.ProtocolError(
                "the server's compressed response is corrupt",
                request=described,
                hint="Retry; if it persists, check the endpoint URL.",
            ) from None

    def _wait(self, seconds: float, cancel: threading.Event | None) -> bool:
        """Sleep interruptibly; True when interrupted by cancel or close."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if cancel is not None:
                if cancel.wait(min(remaining, 0.05)) or self._closed.is_set():
                    return True
            elif self._closed.wait(remaining):
                return True

    def close(self) -> None:
        self._closed.set()
        self._client.close()
