"""A Chat2Query Data App on 127.0.0.1 that answers in the documented shapes,
with the parts a test varies (session messages, summary relationships, which
endpoints exist) given as plain JSON.

Built on :class:`tests.api.server.ScriptedServer`: success bodies use the app
envelope ``{"code": 200, "msg": "", "result": ...}``, a path the Data App does
not have gets the gateway's ``404 endpoint not found`` envelope (as the docs
show for Data Service), and HTTP Digest is required.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.api import server as S

PUBLIC_KEY = S.PUBLIC_KEY
PRIVATE_KEY = S.PRIVATE_KEY
CLUSTER_ID = "10140100115280519574"
DATABASE = "sp500insight"
SESSION_ID = 304825

#: a route's reply from the request's JSON body
Route = Callable[[Any], S.Reply]
ok = S.ok


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


class DocServer:
    """Routes: ``(METHOD, path)`` -> reply factory; anything else gets the gateway's
    "endpoint not found". HTTP Digest is demanded, as a Data App does."""

    def __init__(self, routes: dict[tuple[str, str], Route] | None = None) -> None:
        defaults: dict[tuple[str, str], Route] = {
            ("GET", "/v3/dataSummaries"): lambda body: ok([summary()]),
            ("POST", "/v3/sessions"): lambda body: ok(session()),
            ("GET", f"/v3/sessions/{SESSION_ID}"): lambda body: ok(session()),
            ("GET", "/v3/sessions"): lambda body: ok([session()]),
        }
        self._server = S.ScriptedServer(auth="digest", listen=False)
        for (method, path), reply in {**defaults, **(routes or {})}.items():
            self._server.route(method, path, _from_body(reply))

    @property
    def endpoint(self) -> str:
        return self._server.endpoint

    def __enter__(self) -> DocServer:
        self._server.listen()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()


def _from_body(reply: Route) -> Callable[[S.Received], S.Reply]:
    """The server's handler for a route that looks only at the JSON body."""
    return lambda req: reply(req.body)
