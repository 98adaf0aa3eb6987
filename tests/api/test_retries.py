"""Retries are safe: AI POSTs are re-sent only when they certainly never reached the server."""

from __future__ import annotations

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.retry import may_retry

from .server import Reply, ScriptedServer, gateway_error, ok


def test_chat2data_post_is_not_resent_after_a_read_timeout(server, make_client):
    records = []
    client = make_client(server.endpoint, timeout=0.3, max_retries=3, on_request=records.append)
    server.route(
        "POST",
        "/v3/chat2data",
        Reply(200, {"code": 200, "msg": "", "result": {"job_id": "j"}}, delay=1.0),
    )
    with pytest.raises(E.ReadTimeoutError):
        client.chat("how many companies?", cluster_id="1", database="db")
    assert len(server.requests_to("POST", "/v3/chat2data")) == 1
    assert [(r.method, r.sent, r.status) for r in records] == [("POST", True, None)]
    assert client.requests_sent == 1 and client.ai_requests_sent == 1  # it may have been spent


def test_chat2data_post_is_resent_after_a_connect_failure(make_client):
    srv = ScriptedServer(listen=False)  # port bound but not listening: connecting is refused
    try:
        srv.route("POST", "/v3/chat2data", ok({"job_id": "j2", "session_id": 5}))
        records = []

        def on_request(record):
            records.append(record)
            if not record.sent:
                srv.listen()  # the retry will find the server up

        client = make_client(srv.endpoint, max_retries=3, on_request=on_request)
        started = client.chat("how many companies?", cluster_id="1", database="db")
        assert started.job_id == "j2"
        assert [(r.attempt, r.sent, r.status) for r in records] == [
            (1, False, None),
            (2, True, 200),
        ]
        assert len(srv.requests_to("POST", "/v3/chat2data")) == 1
        assert client.requests_sent == 1 and client.ai_requests_sent == 1
    finally:
        srv.stop()


def test_post_is_not_resent_after_a_reset(server, make_client):
    client = make_client(server.endpoint, max_retries=3)
    server.route("POST", "/v3/sessions/1/chat2data", Reply(action="close"), ok({"job_id": "x"}))
    with pytest.raises(E.NetworkError):
        client.session_chat(1, "q")
    assert len(server.requests_to("POST", "/v3/sessions/1/chat2data")) == 1


@pytest.mark.parametrize(
    "method,path,call",
    [
        ("POST", "/v3/chat2data", lambda c: c.chat("q", cluster_id="1", database="d")),
        ("POST", "/v3/sessions", lambda c: c.create_session("1", "d")),
        ("PUT", "/v3/sessions/1", lambda c: c.update_session(1, "n")),
        ("DELETE", "/v3/knowledgeBases/1/data/2", lambda c: c.delete_knowledge(1, 2)),
    ],
)
def test_non_get_is_not_retried_on_5xx(server, make_client, method, path, call):
    client = make_client(server.endpoint, max_retries=3)
    server.route(
        method,
        path,
        gateway_error(500, 500, "internal error!"),
        ok({"job_id": "x", "session_id": 1}),
    )
    with pytest.raises(E.ServerError):
        call(client)
    assert len(server.requests_to(method, path)) == 1


def test_get_is_retried_on_5xx_then_succeeds(server, make_client):
    records = []
    client = make_client(server.endpoint, max_retries=3, on_request=records.append)
    server.route(
        "GET",
        "/v3/sessions",
        gateway_error(500, 500, "internal error!"),
        Reply(502, "<html>bad gateway</html>"),
        ok([]),
    )
    assert client.list_sessions() == []
    assert [r.attempt for r in records] == [1, 2, 3]
    assert client.requests_sent == 3 and client.ai_requests_sent == 0


def test_get_is_retried_after_read_timeout_and_reset(server, make_client):
    client = make_client(server.endpoint, timeout=0.3, max_retries=3)
    server.route(
        "GET",
        "/v2/jobs/j",
        Reply(delay=1.0),
        Reply(action="close"),
        ok({"job_id": "j", "status": "done"}),
    )
    assert client.get_job("j").status == "done"
    assert len(server.requests_to("GET", "/v2/jobs/j")) == 3


def test_get_gives_up_after_max_retries(server, make_client):
    client = make_client(server.endpoint, max_retries=2)
    server.route("GET", "/v3/sessions", gateway_error(503, 503, "unavailable"))
    with pytest.raises(E.ServerError):
        client.list_sessions()
    assert len(server.requests_to("GET", "/v3/sessions")) == 3


def test_get_is_not_retried_on_client_errors(server, make_client):
    client = make_client(server.endpoint, max_retries=3)
    server.route("GET", "/v3/sessions/9", gateway_error(404, 404, "not found"))
    with pytest.raises(E.NotFoundError):
        client.get_session(9)
    assert len(server.requests_to("GET", "/v3/sessions/9")) == 1


def test_retry_policy_table():
    timeout = E.ReadTimeoutError("t")
    reset = E.NetworkError("r", sent=True)
    refused = E.ConnectError("c")
    server = E.ServerError("s")
    limited = E.RateLimitError("l", retry_after=1.0)
    assert may_retry("POST", refused) and may_retry("POST", limited)
    assert not any(
        may_retry("POST", e) for e in (timeout, reset, server, E.QuotaExceededError("q"))
    )
    assert all(
        may_retry("GET", e)
        for e in (timeout, reset, refused, server, limited, E.RequestTimeoutError("r"))
    )
    assert not any(
        may_retry("GET", e)
        for e in (
            E.AuthError("a"),
            E.NotFoundError("n"),
            E.QuotaExceededError("q"),
            E.ProtocolError("p"),
        )
    )
    assert not may_retry("GET", E.RateLimitError("l", retry_after=3600))


def test_closing_the_client_interrupts_a_retry_wait(server, make_client, monkeypatch):
    import threading

    from c2q_repl.api.transport import ApiTransport

    # closed once the client is in its retry wait (closing while the 429's body is still
    # being read is a broken connection instead, a race the test must not depend on)
    waiting = threading.Event()
    wait = ApiTransport._wait

    def entered_wait(self, seconds, cancel):
        waiting.set()
        return wait(self, seconds, cancel)

    monkeypatch.setattr(ApiTransport, "_wait", entered_wait)
    client = make_client(server.endpoint, max_retries=1)
    server.route(
        "GET",
        "/v3/sessions",
        gateway_error(429, 49900007, "per minute", headers={"X-Ratelimit-Reset": "30"}),
    )
    outcome = []
    worker = threading.Thread(
        target=lambda: outcome.append(pytest.raises(E.RateLimitError, client.list_sessions))
    )
    worker.start()
    assert waiting.wait(5)
    client.close()
    worker.join(5)
    assert not worker.is_alive() and outcome


@pytest.mark.parametrize(
    "reply,spent",
    [
        (ok({"job_id": "j"}), 1),
        (gateway_error(429, 429, "The AI request exceeded the limit of 100 times per day."), 0),
        (
            Reply(
                400,
                {
                    "code": 400,
                    "msg": "Data summary is not ready, please wait for a while and retry",
                    "result": {},
                },
            ),
            0,
        ),
        (gateway_error(500, 500, "internal error!"), 1),
        (Reply(action="close"), 1),
    ],
)
def test_ai_counter_counts_what_may_have_spent_quota(server, make_client, reply, spent):
    client = make_client(server.endpoint, max_retries=0)
    server.route("POST", "/v3/chat2data", reply)
    try:
        client.chat("q", cluster_id="1", database="d")
    except E.C2QError:
        pass
    assert client.requests_sent == 1 and client.ai_requests_sent == spent
