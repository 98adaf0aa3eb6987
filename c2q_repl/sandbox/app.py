"""The ASGI application: gateway behaviour (routing, auth, rate limits, quotas) and handlers.

Request pipeline, like the Data Service gateway: unknown path → 404, wrong
method → 405, then authentication (401), per-key rate limit (429 49900007),
role (403), daily AI quota (429), then the handler. HTTP status always equals
the body's code. Fault injection wraps the whole app when configured.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from c2q_repl.sandbox.auth import Authenticator
from c2q_repl.sandbox.bodies import BodyError, question_too_long, read_json_body
from c2q_repl.sandbox.faults import FaultInjector, FaultMiddleware, parse_faults
from c2q_repl.sandbox.handlers import ROUTES, Call, Handlers, Prebuilt
from c2q_repl.sandbox.keys import ROLE_TITLES, ApiKey
from c2q_repl.sandbox.limits import DailyQuota, MinuteRateLimiter
from c2q_repl.sandbox.responses import (
    app_error,
    app_ok,
    daily_quota_error,
    gateway_error,
    json_response,
    raw_json_response,
)
from c2q_repl.sandbox.routes import Route, match
from c2q_repl.sandbox.service import ApiError, SandboxCore
from c2q_repl.sandbox.workers import current_lane

log = logging.getLogger("c2q.sandbox")

# Gateway errors name the endpoint family, as the docs' examples do (every endpoint here is a
# Chat2Query one); only the per-key rate limit has type "" in its documented example.
FAMILY = "chat2data_endpoint"
RPM_MESSAGE = (
    "API key rate limit exceeded. The limit can be increased up to 1000 requests per minute per "
    "API key in TiDB Cloud console. For an increase in quota beyond 1000 rpm, please contact us: "
    "https://tidb.support.pingcap.com/"
)


@dataclass(frozen=True)
class GatewayConfig:
    app_id: str
    keys: tuple[ApiKey, ...] = field(repr=False)
    daily_limit: int = 100
    rpm_limit: int = 100
    faults: str | None = None
    seed: int = 0
    nonce_ttl: float = 300.0
    max_body_bytes: int = 2**20  # larger request bodies: 413
    max_question_chars: int = 4096  # longer questions: 400 (the engine's time grows with length)
    access_log: bool = False  # one line per request on stdout (see SandboxApp._log_access)
    body_timeout: float = 30.0  # seconds for a whole request body to arrive (408 beyond)


class SandboxApp:
    """The raw ASGI app (wrapped by the fault middleware in :func:`create_app`)."""

    def __init__(self, core: SandboxCore, gateway: GatewayConfig):
        self.core = core
        self.gateway = gateway
        self.prefix = f"/api/v1beta/app/{gateway.app_id}/endpoint/"
        self.auth = Authenticator(list(gateway.keys), nonce_ttl=gateway.nonce_ttl)
        self.rate = MinuteRateLimiter(gateway.rpm_limit)
        self.quota = DailyQuota(gateway.daily_limit)
        self.handlers = Handlers(core)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        if scope["type"] != "http":
            return None
        try:
            response = await self.dispatch(Request(scope, receive))
        except ClientDisconnect:
            return None
        except Exception:  # the last line of defence: every answer keeps the JSON envelope
            log.exception("sandbox: unexpected error answering %s", scope.get("path", "?"))
            response = gateway_error(500, "internal error! please retry later", FAMILY)
        if (
            self.gateway.access_log
        ):  # before sending: the line is there when the client has its answer
            _log_access(scope, response.status_code)
        await response(scope, receive, send)
        return None

    @staticmethod
    async def _lifespan(receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def dispatch(self, request: Request) -> Response:
        path = request.url.path
        if not path.startswith(self.prefix):
            return gateway_error(404, "endpoint not found", FAMILY)
        route, params, known = match(ROUTES, request.method, path[len(self.prefix) :].rstrip("/"))
        if route is None:
            return (
                gateway_error(405, "method not allowed", FAMILY)
                if known
                else gateway_error(404, "endpoint not found", FAMILY)
            )
        # the request-target as sent (percent-encoding kept), which is what a Digest ``uri`` names
        raw_path = request.scope.get("raw_path") or path.encode()
        query = request.scope.get("query_string") or b""
        uri = raw_path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
        outcome = self.auth.authenticate(request.headers.get("authorization"), request.method, uri)
        if outcome.key is None or outcome.error:
            if outcome.error == "expired":
                return gateway_error(401, "API Key is no longer valid", FAMILY, code=49900002)
            challenge = {"WWW-Authenticate": self.auth.challenge(stale=outcome.error == "stale")}
            return gateway_error(401, "auth failed", FAMILY, headers=challenge)
        key = outcome.key
        decision = self.rate.hit(key.public)
        headers = decision.headers()
        if not decision.allowed:
            return gateway_error(429, RPM_MESSAGE, code=49900007, headers=headers)
        response = await self._call(route, params, key, request)
        response.headers.update(headers)
        return response

    async def _call(self, route: Route, params: dict, key: ApiKey, request: Request) -> Response:
        if key.role not in route.roles:
            return gateway_error(
                403,
                f"access denied: a key with role {ROLE_TITLES[key.role]!r} "
                f"cannot call {request.method} {route.pattern.pattern.strip('^$')}",
                FAMILY,
            )
        body = (
            await read_json_body(request, self.gateway.max_body_bytes, self.gateway.body_timeout)
            if request.method in ("POST", "PUT")
            else {}
        )
        if isinstance(body, BodyError):
            if body.status in (408, 413) or route.v1:
                return gateway_error(body.status, body.message, FAMILY)
            return app_error(body.status, body.message)
        too_long = question_too_long(body, self.gateway.max_question_chars)
        if too_long:
            if route.v1:
                return gateway_error(400, too_long, FAMILY)
            return app_error(400, too_long)
        if route.ai and not self.quota.take():
            return daily_quota_error(self.gateway.daily_limit)
        call = Call(route, params, key, body, dict(request.query_params))
        handler = route.handler.__get__(self.handlers)  # the Handlers method, bound
        lane = current_lane.set(key.public)  # jobs started by this request queue in its key's lane
        try:
            if route.v1:  # synchronous: the engine's deadline bounds the request itself
                deadline = self.core.jobs.deadline
                try:
                    data = await asyncio.wait_for(run_in_threadpool(handler, call), deadline)
                except asyncio.TimeoutError:
                    message = (
                        f"internal error! the engine did not answer within {deadline:g} seconds"
                    )
                    return gateway_error(500, message, FAMILY)
                return json_response({"type": "chat2data_endpoint", "data": data}, 200)
            result = handler(call)
            if route.ai and call.free:
                self.quota.refund()
            if isinstance(result, Prebuilt):
                return raw_json_response(result.body, 200)
            return app_ok(result)
        except ApiError as err:
            if route.ai:
                self.quota.refund()
            if route.v1 or err.gateway:
                return gateway_error(
                    err.code, err.msg, FAMILY if route.v1 else (err.type_ or FAMILY)
                )
            return app_error(err.code, err.msg)
        except Exception:
            if route.ai:
                self.quota.refund()
            raise
        finally:
            current_lane.reset(lane)


def _log_access(scope, status: int) -> None:
    """uvicorn's access line, for a fraction of its cost (no logging machinery per request).

    The path is logged as sent (percent-encoded), so a decoded escape sequence can never reach
    the operator's terminal; headers (Authorization) are never logged.
    """
    client = scope.get("client")
    where = f"{client[0]}:{client[1]}" if client else "-"
    query = scope.get("query_string") or b""
    target = (scope.get("raw_path") or b"").decode("latin-1") + (
        "?" + query.decode("latin-1") if query else ""
    )
    line = (
        f'INFO:     {where} - "{scope["method"]} {target} HTTP/{scope["http_version"]}" {status}\n'
    )
    try:
        sys.stdout.write(line)
        sys.stdout.flush()
    except (OSError, ValueError):  # a closed or broken stdout must not fail the request
        pass


def create_app(core: SandboxCore, gateway: GatewayConfig):
    """The ASGI app to serve; faults (if any) wrap everything, as a flaky network would."""
    app = SandboxApp(core, gateway)
    faults = parse_faults(gateway.faults)
    if faults:
        return FaultMiddleware(app, FaultInjector(faults, gateway.seed))
    return app
