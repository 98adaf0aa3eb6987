"""Conversation tests: a real sandbox over HTTP, with a transport that records
what the client actually sent (method, path, JSON body)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

from c2q_repl.chat.connect import new_connection
from c2q_repl.config import Credentials, Settings


@dataclass
class Sent:
    method: str
    path: str
    body: dict | None


@dataclass
class RecordingTransport(httpx.BaseTransport):
    """Forwards every request to the real server and remembers it.

    ``lose_response(request) -> bool`` makes the client see a read timeout
    *after* the server received and answered the request: exactly what a
    slow network does to a POST, and the case where re-sending would be wrong.
    """

    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    sent: list[Sent] = field(default_factory=list)
    lose_response: Callable[[httpx.Request], bool] = lambda request: False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()
        try:
            body = json.loads(content) if content else None
        except ValueError:
            body = None
        response = self.inner.handle_request(request)
        if response.status_code != 401:  # digest challenges are not calls
            self.sent.append(Sent(request.method, request.url.path, body))
        if self.lose_response(request) and response.status_code != 401:
            response.read()
            response.close()
            raise httpx.ReadTimeout("timed out reading the response", request=request)
        return response

    def close(self) -> None:
        self.inner.close()

    def calls(self, method: str, suffix: str) -> list[Sent]:
        return [s for s in self.sent if s.method == method and s.path.endswith(suffix)]


@pytest.fixture(autouse=True)
def _private_state(tmp_path, monkeypatch):
    """Usage counters and transcripts go to the test's directory, not the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def sandbox_settings(sandbox, **overrides) -> Settings:
    values = {
        "endpoint": sandbox.endpoint,
        "credentials": Credentials(sandbox.public_key, sandbox.private_key),
        "cluster_id": str(sandbox.cluster_id),
        "database": sandbox.database,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def recorder() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
def connection_to(recorder):
    """Factory: connection_to(sandbox, timeout=..., max_retries=...) -> started Connection (closed after)."""
    made = []

    def make(sandbox, **client_options):
        conn = new_connection(
            sandbox_settings(sandbox), client_options={"transport": recorder, **client_options}
        )
        made.append(conn)
        return conn.wait()

    yield make
    for conn in made:
        conn.close()
