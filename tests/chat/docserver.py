"""A Chat2Query Data App on 127.0.0.1 that answers in the documented shapes,
with the parts a test varies (session messages, summary relationships, which
endpoints exist) given as plain JSON.

Success bodies use the app envelope ``{"code": 200, "msg": "", "result": ...}``;
a path the Data App does not have gets the gateway's ``404 endpoint not
found`` envelope, as the docs show for Data Service.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BASE_PATH = "/api/v1beta/app/chat2query-DocShape1/endpoint"
PUBLIC_KEY = "DOCPUB01"
PRIVATE_KEY = "doc-shape-private-key-0123456789"
CLUSTER_ID = "10140100115280519574"
DATABASE = "sp500insight"
SESSION_ID = 304825

Route = Callable[[Any], tuple[int, Any]]


def ok(result: Any) -> tuple[int, Any]:
    return 200, {"code": 200, "msg": "", "result": result}


def endpoint_not_found() -> tuple[int, Any]:
    """The gateway's answer for a path the Data App does not have."""
    return 404, {
        "type": "",
        "data": {
            "columns": [],
            "rows": [],
            "result": {
                "code": 404,
                "message": "endpoint not found",
                "start_ms": "",
                "end_ms": "",
                "latency": "",
                "row_count": 0,
                "row_affect": 0,
                "limit": 0,
            },
        },
    }


def summary(relationships: Any = None) -> dict:
    """A ready DataSummaryObject shaped like the docs' example."""
    return {
        "data_summary_id": 304823,
        "cluster_id": CLUSTER_ID,
        "database": DATABASE,
        "default": True,
        "status": "done",
        "description": {"system": "S&P 500 companies and their stock prices", "user": ""},
        "summary": "companies",
        "keywords": ["companies"],
        "relationships": relationships if relationships is not None else {},
        "tables": {
            "companies": {
                "name": "companies",
                "description": "companies",
                "columns": {"symbol": {"name": "symbol", "description": "ticker"}},
            },
            "stock_prices": {
                "name": "stock_prices",
                "description": "daily prices",
                "columns": {"symbol": {"name": "symbol", "description": "ticker"}},
            },
        },
    }


def session(messages: list | None = None, name: str = "doc session", sid: int = SESSION_ID) -> dict:
    return {
        "messages": messages or [],
        "meta": {
            "created_at": 1718000000,
            "updated_at": 1718000000,
            "creator": "someone@example.com",
            "name": name,
            "org_id": "1",
        },
        "session_id": sid,
    }


@dataclass
class DocServer:
    """Routes: ``(METHOD, path)`` -> body factory; anything else is "endpoint not found"."""

    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    received: list[tuple[str, str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.routes.setdefault(("GET", "/v3/dataSummaries"), lambda body: ok([summary()]))
        self.routes.setdefault(("POST", "/v3/sessions"), lambda body: ok(session()))
        self.routes.setdefault(("GET", f"/v3/sessions/{SESSION_ID}"), lambda body: ok(session()))
        self.routes.setdefault(("GET", "/v3/sessions"), lambda body: ok([session()]))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}{BASE_PATH}"

    def env(self) -> dict[str, str]:
        return {
            "C2Q_ENDPOINT": self.endpoint,
            "C2Q_PUBLIC_KEY": PUBLIC_KEY,
            "C2Q_PRIVATE_KEY": PRIVATE_KEY,
            "C2Q_CLUSTER_ID": CLUSTER_ID,
            "C2Q_DATABASE": DATABASE,
        }

    def __enter__(self) -> DocServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def respond(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        self.received.append((method, path, body))
        route = self.routes.get((method, path))
        return route(body) if route is not None else endpoint_not_found()


def _handler(server: DocServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            path = self.path.split("?")[0]
            if path.startswith(BASE_PATH):
                path = path[len(BASE_PATH) :] or "/"
            code, payload = server.respond(self.command, path, body)
            data = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

    return Handler
