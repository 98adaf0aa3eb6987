"""HTTP Digest (default) and Basic auth against a server that checks them, with honest counting."""

from __future__ import annotations

import base64

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.config import Credentials

from .server import PRIVATE_KEY, PUBLIC_KEY, ScriptedServer, ok


@pytest.fixture
def digest_server():
    srv = ScriptedServer(auth="digest")
    srv.route("GET", "/v3/sessions", ok([]))
    srv.route("POST", "/v3/chat2data", ok({"job_id": "j"}))
    yield srv
    srv.stop()


def test_digest_is_the_default_and_counts_the_challenge(digest_server, make_client):
    records = []
    client = make_client(digest_server.endpoint, on_request=records.append)
    assert client.list_sessions() == []
    assert [r.status for r in records] == [
        401,
        200,
    ]  # unauthenticated first request, then the answer
    assert client.list_sessions() == []
    assert [r.status for r in records] == [401, 200, 200]  # the nonce is reused: no new challenge
    assert client.requests_sent == 3
    sent = digest_server.received
    assert sent[1].headers["authorization"].startswith("Digest ")
    assert all(PRIVATE_KEY not in r.headers.get("authorization", "") for r in sent)


def test_digest_challenge_on_an_ai_post_is_not_counted_as_ai_work(digest_server, make_client):
    client = make_client(digest_server.endpoint)
    client.chat("q", cluster_id="1", database="d")
    assert client.requests_sent == 2 and client.ai_requests_sent == 1


def test_digest_with_a_wrong_key_is_auth_error(digest_server):
    with Chat2QueryClient(digest_server.endpoint, Credentials(PUBLIC_KEY, "wrong-key")) as client:
        with pytest.raises(E.AuthError) as info:
            client.list_sessions()
        assert type(info.value) is E.AuthError
        assert client.requests_sent == 2 and client.ai_requests_sent == 0


def test_basic_auth(make_client):
    srv = ScriptedServer(auth="basic")
    try:
        srv.route("GET", "/v3/sessions", ok([]))
        client = make_client(srv.endpoint, auth_scheme="basic")
        assert client.list_sessions() == []
        assert client.requests_sent == 1
        expected = base64.b64encode(f"{PUBLIC_KEY}:{PRIVATE_KEY}".encode()).decode()
        assert srv.received[0].headers["authorization"] == f"Basic {expected}"
    finally:
        srv.stop()


def test_digest_client_against_basic_only_server_fails_cleanly(make_client):
    srv = ScriptedServer(auth="basic")
    try:
        client = make_client(srv.endpoint)
        with pytest.raises(E.AuthError):
            client.list_sessions()
    finally:
        srv.stop()


@pytest.mark.parametrize(
    "url",
    [
        "http://data.example.com/api/v1beta/app/chat2query-x/endpoint",
        "ftp://127.0.0.1/x",
        "https://user:secret@example.com/endpoint",
    ],
)
def test_unsafe_endpoints_are_config_errors(url):
    with pytest.raises(E.ConfigError) as info:
        Chat2QueryClient(url, Credentials("p", "k"))
    assert "secret" not in str(info.value) and "secret" not in info.value.describe()


def test_unknown_auth_scheme_is_config_error():
    with pytest.raises(E.ConfigError):
        Chat2QueryClient(
            "https://example.com/endpoint", Credentials("p", "k"), auth_scheme="bearer"
        )


def test_loopback_endpoints_ignore_proxy_settings(server, make_client, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "")
    server.route("GET", "/v3/sessions", ok([]))
    assert make_client(server.endpoint).list_sessions() == []


def test_environment_proxy_choice():
    from c2q_repl.api.transport import env_proxy

    remote = "https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-x/endpoint"
    assert env_proxy(remote, {"HTTPS_PROXY": "http://proxy:3128"}) == "http://proxy:3128"
    assert env_proxy(remote, {"all_proxy": "socks5://p:1080"}) == "socks5://p:1080"
    assert (
        env_proxy(
            remote, {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "localhost,.tidbcloud.com"}
        )
        is None
    )
    assert (
        env_proxy(remote, {"HTTP_PROXY": "http://proxy:3128"}) is None
    )  # only https_proxy applies to https
    assert (
        env_proxy(
            "http://127.0.0.1:8080/x/endpoint",
            {"HTTP_PROXY": "http://proxy:3128", "ALL_PROXY": "http://p:1"},
        )
        is None
    )
