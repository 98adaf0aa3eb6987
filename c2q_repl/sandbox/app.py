"""The ASGI application: gateway behaviour (routing, auth, rate limits, quotas) and handlers.

Request pipeline, like the Data Service gateway: unknown path → 404, wrong
method → 405, then authentication (401), per-key rate limit (429 49900007),
role (403), daily AI quota (429), then the handler. HTTP status always equals
the body's code. Fault injection wraps the whole app when configured.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from c2q_repl.sandbox.auth import Authenticator
from c2q_repl.sandbox.bodies import BodyError, question_too_long, read_json_body
from c2q_repl.sandbox.chat import ChatService, creator_of
from c2q_repl.sandbox.faults import FaultInjector, FaultMiddleware, parse_faults
from c2q_repl.sandbox.keys import ADMIN, ROLE_TITLES, SQL_READONLY, ApiKey
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


@dataclass(frozen=True)
class Prebuilt:
    """A whole app-envelope answer already serialised (a finished job's poll answer)."""

    body: bytes


@dataclass
class Call:
    """One authenticated request as the handlers see it."""

    route: Route
    params: dict[str, str]
    key: ApiKey
    body: dict
    query: dict[str, str]
    free: bool = False  # set by a handler that started no AI work (its quota is given back)

    @property
    def read_only(self) -> bool:
        return self.key.role == SQL_READONLY


class Handlers:
    """One method per endpoint (names as in routes.ROUTES); each returns the JSON ``result``."""

    def __init__(self, core: SandboxCore):
        self.core = core
        self.chat = ChatService(core)

    def get_job(self, c: Call):
        if not self._may_see_job(c):
            raise ApiError(404, "job not found")
        body = self.core.jobs.final_body(c.params["job_id"])
        if body is not None:
            return Prebuilt(body)  # serialised once, when the work finished
        view = self.core.jobs.view(c.params["job_id"])
        if view is None:
            raise ApiError(404, "job not found")
        return view.to_json()

    def create_summary(self, c: Call):
        return self._summary(c, v2=False)

    def create_summary_v2(self, c: Call):
        return self._summary(c, v2=True)

    def _summary(self, c: Call, *, v2: bool):
        """``reuse: true`` with a summary to reuse costs no AI request."""
        if c.body.get("reuse") is True:
            reused = self.core.reuse_summary(c.body, v2=v2)
            if reused is not None:
                c.free = True
                return reused
        return self.core.create_summary(c.body, v2=v2)

    def list_summaries(self, c: Call):
        return self.core.list_summaries(c.query)

    def list_summaries_v2(self, c: Call):
        return self.core.list_summaries(c.query, v2=True)

    def get_summary(self, c: Call):
        return self.core.summary_json(self.core.find_summary(c.params["summary_id"]))

    def get_summary_v2(self, c: Call):
        return self.core.summary_json(self.core.find_summary(c.params["summary_id"]), v2=True)

    def update_summary(self, c: Call):
        return self.core.update_summary(c.params["summary_id"], c.body)

    def update_table(self, c: Call):
        return self.core.update_table(c.params["summary_id"], c.params["table"], c.body)

    def update_columns(self, c: Call):
        return self.core.update_columns(c.params["summary_id"], c.params["table"], c.body)

    def create_kb(self, c: Call):
        return self.chat.create_kb(c.body)

    def list_kbs(self, c: Call):
        return {"knowledge_bases": [kb.to_json() for kb in self.core.knowledge.all()]}

    def get_kb(self, c: Call):
        return self.chat.find_kb(c.params["kb_id"]).to_json()

    def update_kb(self, c: Call):
        return self.chat.update_kb(c.params["kb_id"], c.body)

    def add_knowledge(self, c: Call):
        return self.chat.add_knowledge(c.params["kb_id"], c.body)

    def list_knowledge(self, c: Call):
        kb = self.chat.find_kb(c.params["kb_id"])
        return {"knowledge_data": [i.to_json() for i in list(kb.items.values())]}

    def update_knowledge(self, c: Call):
        return self.chat.update_knowledge(c.params["kb_id"], c.params["data_id"], c.body)

    def delete_knowledge(self, c: Call):
        return self.chat.delete_knowledge(c.params["kb_id"], c.params["data_id"])

    # Sessions and the jobs of questions belong to the key that created them; an Admin key
    # sees all. Someone else's session or job is "not found" (its existence is not revealed).
    # Handlers run on the event loop one at a time, so a new session or job is claimed before
    # any other request can see it.
    def create_session(self, c: Call):
        return self._claimed(c, self.chat.create_session(c.body, self._creator(c)))

    def list_sessions(self, c: Call):
        visible = [s for s in self.core.sessions.all() if self._may_see(c, s.owner)]
        return {"sessions": [self.chat.session_json(s, with_messages=False) for s in visible]}

    def get_session(self, c: Call):
        return self.chat.session_json(self._own_session(c))

    def rename_session(self, c: Call):
        self._own_session(c)
        return self.chat.rename_session(c.params["session_id"], c.body)

    def reset_session(self, c: Call):
        self._own_session(c)
        return self.chat.reset_session(c.params["session_id"])

    def session_chat(self, c: Call):
        self._own_session(c)
        return self._claimed(c, self.chat.session_chat(c.params["session_id"], c.body, c.read_only))

    def chat_v3(self, c: Call):
        return self._claimed(c, self.chat.chat_v3(c.body, self._creator(c), c.read_only))

    def chat_v2(self, c: Call):
        return self._claimed(c, self.chat.chat_v2(c.body, c.read_only))

    def chat_v1(self, c: Call):
        return self.chat.chat_v1(c.body, c.read_only)

    def refine_sql(self, c: Call):
        return self._claimed(c, self.chat.refine_sql(c.body, self._creator(c)))

    def suggest_questions(self, c: Call):
        return self._claimed(c, self.chat.suggest_questions(c.body))

    # ------------------------------------------------------------ ownership
    def _creator(self, c: Call) -> str:
        return creator_of(c.key, self.core.app_id)

    @staticmethod
    def _may_see(c: Call, owner: str) -> bool:
        return c.key.role == ADMIN or owner == c.key.public

    def _may_see_job(self, c: Call) -> bool:
        """Unclaimed jobs (data summaries, shared by the app) are everyone's."""
        owner = self.core.jobs.owner(c.params["job_id"])
        return owner is None or owner == "" or self._may_see(c, owner)

    def _own_session(self, c: Call):
        session = self.chat.find_session(c.params["session_id"])
        if not self._may_see(c, session.owner):
            raise ApiError(404, f"session {c.params['session_id']} not found")
        return session

    def _claimed(self, c: Call, result: dict) -> dict:
        """Record the calling key as the owner of the session and job ``result`` names."""
        if "session_id" in result:
            session = self.core.sessions.get(int(result["session_id"]))
            if session is not None and not session.owner:
                session.owner = c.key.public
        if "job_id" in result:
            self.core.jobs.claim(str(result["job_id"]), c.key.public)
        return result


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
        route, params, known = match(request.method, path[len(self.prefix) :].rstrip("/"))
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
        handler = getattr(self.handlers, route.handler)
        try:
            if route.v1:
                data = await run_in_threadpool(handler, call)
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
