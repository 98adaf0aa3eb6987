"""A small Chat2Query Data App on 127.0.0.1 whose misbehaviour is scripted per question.

The sandbox injects faults at random; reliability tests need them on demand and
at a precise moment (*this* POST is reset after the server read it, *this*
job's polls hang). :class:`FakeChat2Query` answers the calls c2q makes in a
chat (list data summaries, create a session, chat2data, poll the job) and
looks up what to do by the question text:

* ``server.script(question, post=Fault(...))`` spoils the chat2data POST;
* ``server.script(question, job=...)`` sets what the finished job holds
  (an answer dict, or ``failed`` with a reason), ``polls_running=N`` keeps
  the job running for N polls (or forever with ``-1``), ``poll=Fault`` spoils
  every poll;
* ``server.everything = Fault(...)`` spoils every request (bad key, ...).

Every request is recorded *before* its fault is applied, so a test can count
the POSTs that reached the server. Unscripted questions get a small answer.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BASE_PATH = "/api/v1beta/app/chat2query-Reliab01/endpoint"
PUBLIC_KEY = "RELPUB01"
#: distinctive so a grep of everything c2q wrote can find any leak of it
PRIVATE_KEY = "c2q-rel-secret-9f3e1d7a-private-key"
CLUSTER_ID = "10140100115280519574"
DATABASE = "sp500insight"
SUMMARY_ID = 304823
SESSION_ID = 304824


@dataclass(frozen=True)
class Fault:
    """What to do instead of answering normally.

    kind: ``status`` (send ``status`` with ``body``/``headers``), ``reset``
    (read the request, then close with TCP RST), ``hang`` (read the request,
    then say nothing for ``seconds``), ``raw`` (send ``body`` bytes as a 200
    response as given, e.g. truncated JSON with a too-long Content-Length).
    """

    kind: str
    status: int = 200
    body: Any = None
    headers: dict = field(default_factory=dict)
    seconds: float = 0.0
    times: int = -1  # how many requests it spoils; -1 = all


def status(code: int, body: Any, **headers: str) -> Fault:
    return Fault(
        "status",
        status=code,
        body=body,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
    )


def gateway(
    code: int, message: str, *, http: int | None = None, type_: str = "", **headers: str
) -> Fault:
    """A gateway-style error body (auth, quota, 404/405/408 at the gateway)."""
    body = {
        "type": type_,
        "data": {
            "columns": [],
            "rows": [],
            "result": {
                "code": code,
                "message": message,
                "start_ms": "",
                "end_ms": "",
                "latency": "",
                "row_count": 0,
                "row_affect": 0,
                "limit": 0,
            },
        },
    }
    return status(http or (code if code < 1000 else 401), body, **headers)


def app_error(code: int, msg: str) -> Fault:
    return status(code, {"code": code, "msg": msg, "result": {}})


def answer(
    columns: list[str],
    rows: list[list[Any]],
    *,
    sql: str = "SELECT 1",
    sql_error: str = "",
    task: str = "the question",
    chart: dict | None = None,
) -> dict:
    """A v3 data_retrieval job result."""
    return {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done" if not sql_error else "failed",
        "clarified_task": task,
        "description": "",
        "task": task,
        "assumptions": [],
        "sql": sql,
        "sql_error": sql_error or None,
        "chart_options": chart,
        "data": {"columns": [{"col": c} for c in columns], "rows": rows},
    }


@dataclass
class Script:
    post: Fault | None = None
    poll: Fault | None = None
    job: dict | None = None  # the job's result when done
    failed_reason: str = ""  # non-empty: the job ends "failed" with this reason
    polls_running: int = 0  # polls that still see "running" (-1: never finishes)


@dataclass
class Received:
    method: str
    path: str
    body: Any
    at: float


@dataclass
class _Job:
    job_id: str
    question: str
    script: Script
    polls: int = 0


class FakeChat2Query:
    """``with FakeChat2Query() as server: ...``; ``listen=False`` binds the port but refuses connections."""

    def __init__(self, *, listen: bool = True) -> None:
        self.scripts: dict[str, Script] = {}
        self.everything: Fault | None = None
        #: seconds ``POST /v3/sessions`` takes (to interrupt session creation)
        self.session_delay = 0.0
        self.received: list[Received] = []
        self.jobs: dict[str, _Job] = {}
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), _make_handler(self), bind_and_activate=False
        )
        self.httpd.daemon_threads = True
        self.httpd.allow_reuse_address = True
        self.httpd.handle_error = lambda request, address: None  # resets are the point, not news
        self.httpd.server_bind()
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None
        if listen:
            self.listen()

    # ------------------------------------------------------------------ control

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    def env(self) -> dict[str, str]:
        """The C2Q_* variables that point c2q here."""
        return {
            "C2Q_ENDPOINT": self.endpoint,
            "C2Q_PUBLIC_KEY": PUBLIC_KEY,
            "C2Q_PRIVATE_KEY": PRIVATE_KEY,
            "C2Q_CLUSTER_ID": CLUSTER_ID,
            "C2Q_DATABASE": DATABASE,
        }

    def listen(self) -> None:
        if self._thread is None:
            self.httpd.server_activate()
            self._thread = threading.Thread(
                target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()

    def script(self, question: str, **fields: Any) -> Script:
        script = Script(**fields)
        self.scripts[question] = script
        return script

    def chat_posts(self, question: str | None = None) -> list[Received]:
        """chat2data POSTs that reached the server (optionally only those asking ``question``)."""
        with self.lock:
            posts = [
                r for r in self.received if r.method == "POST" and r.path.endswith("/chat2data")
            ]
        if question is not None:
            posts = [
                r for r in posts if isinstance(r.body, dict) and r.body.get("question") == question
            ]
        return posts

    def seen(self, method: str, prefix: str) -> bool:
        """Whether a request to a path starting with ``prefix`` has arrived."""
        with self.lock:
            return any(r.method == method and r.path.startswith(prefix) for r in self.received)

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FakeChat2Query:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ the API

    def respond(self, method: str, path: str, body: Any) -> tuple[int, Any, Fault | None]:
        """(status, JSON body, fault to apply instead) for one request."""
        if self.everything is not None and self.everything.times != 0:
            return 0, None, _consume(self, "everything")
        if method == "GET" and path == "/v3/dataSummaries":
            return 200, _ok([_summary()]), None
        if method == "GET" and path == f"/v3/dataSummaries/{SUMMARY_ID}":
            return 200, _ok(_summary()), None
        if method == "POST" and path == "/v3/dataSummaries":
            return 200, _ok({"data_summary_id": SUMMARY_ID, "job_id": "summaryjob"}), None
        if method == "POST" and path == "/v3/sessions":
            time.sleep(self.session_delay)
            return 200, _ok(_session()), None
        if method in ("GET", "PUT") and path.startswith(f"/v3/sessions/{SESSION_ID}"):
            return 200, _ok(_session()), None
        if method == "GET" and path == "/v3/sessions":
            return 200, _ok([_session()]), None
        if method == "POST" and path.endswith("/chat2data"):
            question = str((body or {}).get("question", ""))
            script = self.scripts.get(question, Script())
            if script.post is not None and script.post.times != 0:
                return 0, None, _spend(script, "post")
            job_id = uuid.uuid4().hex
            with self.lock:
                self.jobs[job_id] = _Job(job_id, question, script)
            return (
                200,
                _ok(
                    {
                        "job_id": job_id,
                        "session_id": SESSION_ID,
                        "cluster_id": CLUSTER_ID,
                        "database": DATABASE,
                    }
                ),
                None,
            )
        if method == "GET" and path.startswith("/v2/jobs/"):
            job = self.jobs.get(path.rsplit("/", 1)[-1])
            if job is None:
                return 404, _gateway_body(404, "job not found"), None
            if job.script.poll is not None and job.script.poll.times != 0:
                return 0, None, _spend(job.script, "poll")
            job.polls += 1
            if job.script.polls_running < 0 or job.polls <= job.script.polls_running:
                return (
                    200,
                    _ok(
                        {
                            "job_id": job.job_id,
                            "status": "running",
                            "ended_at": None,
                            "reason": "",
                            "result": None,
                        }
                    ),
                    None,
                )
            if job.script.failed_reason:
                return (
                    200,
                    _ok(
                        {
                            "job_id": job.job_id,
                            "status": "failed",
                            "ended_at": int(time.time()),
                            "reason": job.script.failed_reason,
                            "result": None,
                        }
                    ),
                    None,
                )
            result = job.script.job or answer(
                ["answer"], [[42]], sql="SELECT 42 AS answer", task=job.question
            )
            return (
                200,
                _ok(
                    {
                        "job_id": job.job_id,
                        "status": "done",
                        "ended_at": int(time.time()),
                        "reason": "",
                        "result": result,
                    }
                ),
                None,
            )
        return 404, _gateway_body(404, "endpoint not found"), None


def _consume(server: FakeChat2Query, _: str) -> Fault:
    fault = server.everything
    assert fault is not None
    if fault.times > 0:
        server.everything = Fault(**{**fault.__dict__, "times": fault.times - 1})
    return fault


def _spend(script: Script, name: str) -> Fault:
    fault: Fault = getattr(script, name)
    if fault.times > 0:
        setattr(script, name, Fault(**{**fault.__dict__, "times": fault.times - 1}))
    return fault


def _ok(result: Any) -> dict:
    return {"code": 200, "msg": "", "result": result}


def _gateway_body(code: int, message: str) -> dict:
    return {
        "type": "",
        "data": {"columns": [], "rows": [], "result": {"code": code, "message": message}},
    }


def _summary() -> dict:
    return {
        "data_summary_id": SUMMARY_ID,
        "cluster_id": CLUSTER_ID,
        "database": DATABASE,
        "default": True,
        "status": "done",
        "description": {"system": "S&P 500 companies", "user": ""},
        "summary": "companies",
        "keywords": ["companies"],
        "tables": {
            "companies": {
                "name": "companies",
                "description": "companies",
                "columns": {"symbol": {"name": "symbol", "description": "ticker"}},
            }
        },
    }


def _session() -> dict:
    return {
        "session_id": SESSION_ID,
        "meta": {
            "name": "reliability",
            "creator": "test",
            "org_id": "1",
            "created_at": 1700000000,
            "updated_at": 1700000000,
        },
        "cluster_id": CLUSTER_ID,
        "database": DATABASE,
        "messages": [],
    }


def _make_handler(server: FakeChat2Query):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            path = self.path.split("?")[0]
            if path.startswith(BASE_PATH):
                path = path[len(BASE_PATH) :] or "/"
            with server.lock:
                server.received.append(Received(self.command, path, body, time.time()))
            code, payload, fault = server.respond(self.command, path, body)
            if fault is None:
                self._send(code, json.dumps(payload).encode(), {"content-type": "application/json"})
            else:
                self._fault(fault)

        def _send(self, code: int, data: bytes, headers: dict) -> None:
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _fault(self, fault: Fault) -> None:
            if fault.kind == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
                return
            if fault.kind == "hang":
                time.sleep(fault.seconds)
                self.close_connection = True
                return
            if fault.kind == "raw":
                data = fault.body if isinstance(fault.body, bytes) else str(fault.body).encode()
                declared = fault.headers.get("content-length", str(len(data)))
                self.send_response(fault.status)
                self.send_header(
                    "content-type", fault.headers.get("content-type", "application/json")
                )
                self.send_header("content-length", declared)
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
                self.close_connection = True
                return
            body = fault.body
            if isinstance(body, (dict, list)):
                data, ctype = json.dumps(body).encode(), "application/json"
            else:
                data = body if isinstance(body, bytes) else str(body or "").encode()
                ctype = "text/html"
            headers = {"content-type": ctype, **fault.headers}
            self._send(fault.status, data, headers)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

    return Handler
