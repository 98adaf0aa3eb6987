"""Fixtures for client tests against the scripted server in ``server.py``."""

from __future__ import annotations

import pytest

from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.config import Credentials

from .server import PRIVATE_KEY, PUBLIC_KEY, ScriptedServer


@pytest.fixture
def server():
    srv = ScriptedServer()
    yield srv
    srv.stop()


@pytest.fixture
def make_client():
    clients: list[Chat2QueryClient] = []

    def make(endpoint: str, **kw) -> Chat2QueryClient:
        kw.setdefault("timeout", 5.0)
        client = Chat2QueryClient(endpoint, Credentials(PUBLIC_KEY, PRIVATE_KEY), **kw)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(server, make_client) -> Chat2QueryClient:
    return make_client(server.endpoint, auth_scheme="basic")
