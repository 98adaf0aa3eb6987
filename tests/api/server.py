"""A small scripted HTTP server on 127.0.0.1 for client tests.

Each route returns a scripted :class:`Reply` (status, body, headers, delay) or
breaks the connection, which is how the fault classes the sandbox cannot
produce on demand (reset mid-request, HTML 502, truncated JSON...) are tested.
It can demand HTTP Digest (RFC 7616, MD5, qop=auth) or Basic auth. Every
request received is recorded before any scripted delay.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from urllib.request import parse_http_list, parse_keqv_list

BASE_PATH = "/api/v1beta/app/chat2query-Test1234/endpoint"
PUBLIC_KEY = "PUBKEY01"
PRIVATE_KEY = "5f0c2e9a-1b7d-4c3e-9a8f-0d1e2f3a4b5c"
REALM = "c2q-test"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; str/bytes sent as is
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    action: str = ""  # "close": drop the connection without answering


@dataclass
class Received:
    method: str
    path: str  # below BASE_PATH
    query: dict
    headers: dict
    body: Any
    authorized: bool


def ok(result: Any) -> Reply:
    return Reply(200, {"code": 200, "msg": "", "result": result})


def app_error(status: int, msg: str, code: int | None = None) -> Reply:
    return Reply(status, {"code": code if code is not None else status, "msg": msg, "result": {}})


def gateway_error(
    status: int, code: int, message: str, type_: str = "", headers: dict | None = None
) -> Reply:
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
    return Reply(status, body, headers=headers or {})


Handler = Callable[[Received], Reply]


class ScriptedServer:
    """``route("POST", "/v3/chat2data", reply_or_handler)``; unscripted paths get the 404 gateway body."""

    def __init__(self, *, auth: str = "", listen: bool = True) -> None:
        self.auth = auth  # "", "digest" or "basic"
        self.routes: dict[tuple[str, str], list[Reply | Handler]] = {}
        self.received: list[Received] = []
        self.nonces: set[str] = set()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), _make_handler(self), bind_and_activate=False
        )
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, client_address: (
            None
        )  # resets are scripted, not news
        self.httpd.allow_reuse_address = True
        self.httpd.server_bind()
        self.port = self.httpd.server_address[1]
        self.thread: threading.Thread | None = None
        if listen:
            self.listen()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    def listen(self) -> None:
        """Start accepting connections (before this, connecting is refused)."""
        if self.thread is None:
            self.httpd.server_activate()
            self.thread = threading.Thread(
                target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self.thread.start()

    def route(self, method: str, path: str, *replies: Reply | Handler) -> None:
        """Replies are used in order; the last one repeats."""
        self.routes[(method.upper(), path)] = list(replies)

    def requests_to(self, method: str, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.method == method and r.path == path]

    def stop(self) -> None:
        if self.thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()

    # -------------------------------------------------------------- internals

    def _reply_for(self, req: Received) -> Reply:
        replies = self.routes.get((req.method, req.path))
        if not replies:
            known_path = any(p == req.path for (_, p) in self.routes)
            if known_path:
                return gateway_error(405, 405, "method not allowed")
            return gateway_error(404, 404, "endpoint not found")
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        return reply(req) if callable(reply) else reply

    def check_auth(self, method: str, uri: str, header: str) -> bool:
        if not self.auth:
            return True
        if self.auth == "basic":
            expected = base64.b64encode(f"{PUBLIC_KEY}:{PRIVATE_KEY}".encode()).decode()
            return header == f"Basic {expected}"
        if not header.lower().startswith("digest "):
            return False
        fields = parse_keqv_list(parse_http_list(header[7:]))
        if (
            fields.get("username") != PUBLIC_KEY
            or fields.get("nonce") not in self.nonces
            or fields.get("uri") != uri
        ):
            return False
        ha1 = hashlib.md5(f"{PUBLIC_KEY}:{REALM}:{PRIVATE_KEY}".encode()).hexdigest()
        ha2 = hashlib.md5(f"{method}:{uri}".encode()).hexdigest()
        expected = hashlib.md5(
            f"{ha1}:{fields['nonce']}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}".encode()
        ).hexdigest()
        return secrets.compare_digest(expected, fields.get("response", ""))

    def challenge(self) -> str:
        nonce = secrets.token_hex(16)
        self.nonces.add(nonce)
        if self.auth == "basic":
            return f'Basic realm="{REALM}"'
        return f'Digest realm="{REALM}", qop="auth", nonce="{nonce}", opaque="{secrets.token_hex(8)}", algorithm=MD5'


def _make_handler(server: ScriptedServer):
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            path = parts.path[len(BASE_PATH) :] if parts.path.startswith(BASE_PATH) else parts.path
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw
            authorized = server.check_auth(
                self.command, self.path, self.headers.get("authorization", "")
            )
            req = Received(
                self.command,
                path,
                {k: v[0] for k, v in parse_qs(parts.query).items()},
                {k.lower(): v for k, v in self.headers.items()},
                body,
                authorized,
            )
            with server.lock:
                server.received.append(req)
            if not authorized:
                reply = gateway_error(401, 401, "auth failed")
                reply.headers["WWW-Authenticate"] = server.challenge()
            else:
                reply = server._reply_for(req)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.action == "close":
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            if isinstance(reply.body, (dict, list)) or reply.body is None and reply.status != 204:
                payload = json.dumps(reply.body).encode() if reply.body is not None else b""
                content_type = "application/json"
            else:
                payload = (
                    reply.body.encode() if isinstance(reply.body, str) else (reply.body or b"")
                )
                content_type = reply.headers.get("content-type", "text/html")
            try:
                self.send_response(reply.status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(payload)))
                for k, v in reply.headers.items():
                    if k.lower() != "content-type":
                        self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    return H


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connecting is refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
