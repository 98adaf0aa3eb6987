"""Every error class, produced by a real server over real HTTP."""

from __future__ import annotations

import pytest

from c2q_repl.api import errors as E

from .server import Reply, app_error, free_port, gateway_error, ok

QUOTA_MSG = (
    "The AI request exceeded the limit of 100 times per day. For more quota, please contact us: "
    "https://tidb.support.pingcap.com/"
)
NOT_READY = "Data summary is not ready, please wait for a while and retry"

CASES = [
    ("auth", gateway_error(401, 401, "auth failed"), E.AuthError, 401),
    (
        "expired",
        gateway_error(401, 49900002, "API Key is no longer valid"),
        E.ExpiredKeyError,
        49900002,
    ),
    ("forbidden", app_error(403, "role not allowed"), E.PermissionError_, 403),
    ("not_found_app", app_error(404, "job not found"), E.NotFoundError, 404),
    ("not_found_gateway", gateway_error(404, 404, "endpoint not found"), E.NotFoundError, 404),
    ("method", gateway_error(405, 405, "method not allowed"), E.MethodNotAllowedError, 405),
    ("request_timeout", gateway_error(408, 408, "request timeout."), E.RequestTimeoutError, 408),
    (
        "validation_gateway",
        gateway_error(400, 400, "param check failed! question is required"),
        E.ValidationError,
        400,
    ),
    ("validation_app", app_error(400, "question is required"), E.ValidationError, 400),
    ("not_ready", app_error(400, NOT_READY), E.DataSummaryNotReadyError, 400),
    ("quota", gateway_error(429, 429, QUOTA_MSG, "chat2data_endpoint"), E.QuotaExceededError, 429),
    (
        "server_json",
        gateway_error(500, 500, "internal error! defaultPermissionHelper: rpc error"),
        E.ServerError,
        500,
    ),
    (
        "server_html",
        Reply(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
        E.ServerError,
        None,
    ),
    ("server_empty", Reply(503, b""), E.ServerError, None),
    ("non_json_200", Reply(200, "<html>login page</html>"), E.ProtocolError, None),
    (
        "truncated_json",
        Reply(200, b'{"code": 200, "msg": "", "result": {"job_id": "ab'),
        E.ProtocolError,
        None,
    ),
    ("wrong_shape", Reply(200, {"hello": "world"}), E.ProtocolError, None),
    ("wrong_result_shape", ok(["not", "a", "session"]), E.ProtocolError, None),
    (
        "app_code_in_200",
        Reply(200, {"code": 400, "msg": NOT_READY, "result": {}}),
        E.DataSummaryNotReadyError,
        400,
    ),
    ("teapot", Reply(418, {"code": 418, "msg": "teapot", "result": None}), E.HTTPStatusError, 418),
]


@pytest.mark.parametrize("name,reply,cls,code", CASES, ids=[c[0] for c in CASES])
def test_error_class(server, make_client, name, reply, cls, code):
    client = make_client(server.endpoint, auth_scheme="basic", max_retries=0)
    server.route("POST", "/v3/sessions", reply)
    with pytest.raises(cls) as info:
        client.create_session("1", "db")
    err = info.value
    assert type(err) is cls
    assert err.code == code
    assert err.request == "POST /v3/sessions"
    assert str(err) and err.describe()
    if cls is not E.HTTPStatusError:
        assert err.hint


def test_html_error_message_shows_the_page_title(server, make_client):
    client = make_client(server.endpoint, max_retries=0)
    server.route(
        "GET",
        "/v3/sessions",
        Reply(502, "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>"),
    )
    with pytest.raises(E.ServerError) as info:
        client.list_sessions()
    assert "502 Bad Gateway" in str(info.value) and "<" not in str(info.value)


def test_quota_is_never_retried_and_says_what_it_means(server, make_client):
    client = make_client(server.endpoint, max_retries=3)
    server.route("POST", "/v3/chat2data", gateway_error(429, 429, QUOTA_MSG, "chat2data_endpoint"))
    with pytest.raises(E.QuotaExceededError) as info:
        client.chat("q", cluster_id="1", database="db")
    assert len(server.requests_to("POST", "/v3/chat2data")) == 1
    assert "100" in info.value.describe() and not info.value.retryable


def test_quota_on_a_get_is_not_retried_either(server, make_client):
    client = make_client(server.endpoint, max_retries=3)
    server.route("GET", "/v2/jobs/j", gateway_error(429, 429, QUOTA_MSG))
    with pytest.raises(E.QuotaExceededError):
        client.get_job("j")
    assert len(server.requests_to("GET", "/v2/jobs/j")) == 1


def test_rate_limit_waits_for_the_reset_then_retries(server, make_client):
    client = make_client(server.endpoint, max_retries=2)
    limited = gateway_error(
        429,
        49900007,
        "The request exceeded the limit of 100 times per apikey per minute.",
        headers={
            "X-Ratelimit-Limit-Minute": "100",
            "X-Ratelimit-Remaining-Minute": "0",
            "X-Ratelimit-Reset": "0.2",
        },
    )
    server.route("POST", "/v3/chat2data", limited, ok({"job_id": "j1"}))
    assert client.chat("q", cluster_id="1", database="db").job_id == "j1"
    assert len(server.requests_to("POST", "/v3/chat2data")) == 2


def test_rate_limit_gives_up_after_max_retries_with_retry_after(server, make_client):
    client = make_client(server.endpoint, max_retries=1)
    server.route(
        "GET",
        "/v3/sessions",
        gateway_error(429, 49900007, "per minute", headers={"Retry-After": "0.1"}),
    )
    with pytest.raises(E.RateLimitError) as info:
        client.list_sessions()
    assert info.value.retry_after == pytest.approx(0.1)
    assert len(server.requests_to("GET", "/v3/sessions")) == 2


def test_rate_limit_with_a_long_reset_is_not_sat_out(server, make_client):
    client = make_client(server.endpoint, max_retries=3)
    server.route(
        "GET",
        "/v3/sessions",
        gateway_error(429, 49900007, "per minute", headers={"X-Ratelimit-Reset": "3000"}),
    )
    with pytest.raises(E.RateLimitError):
        client.list_sessions()
    assert len(server.requests_to("GET", "/v3/sessions")) == 1


def test_connection_refused_is_connect_error():
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.config import Credentials

    with Chat2QueryClient(
        f"http://127.0.0.1:{free_port()}/x/endpoint", Credentials("p", "k"), max_retries=1
    ) as client:
        with pytest.raises(E.ConnectError) as info:
            client.list_sessions()
        assert info.value.sent is False
        assert client.requests_sent == 0  # nothing reached a server


def test_read_timeout_is_read_timeout_error(server, make_client):
    client = make_client(server.endpoint, timeout=0.2, max_retries=0)
    server.route(
        "GET", "/v3/sessions", Reply(200, {"code": 200, "msg": "", "result": []}, delay=0.6)
    )
    with pytest.raises(E.ReadTimeoutError) as info:
        client.list_sessions()
    assert info.value.sent is True


def test_reset_connection_is_network_error(server, make_client):
    client = make_client(server.endpoint, max_retries=0)
    server.route("POST", "/v3/sessions", Reply(action="close"))
    with pytest.raises(E.NetworkError) as info:
        client.create_session("1", "db")
    assert type(info.value) is E.NetworkError and info.value.sent is True


def test_redirect_is_reported_not_followed(server, make_client):
    client = make_client(server.endpoint, max_retries=0)
    server.route(
        "GET",
        "/v3/sessions",
        Reply(307, b"", headers={"Location": "https://us-west-2.data.tidbcloud.com/x?token=1"}),
    )
    with pytest.raises(E.HTTPStatusError) as info:
        client.list_sessions()
    assert "us-west-2.data.tidbcloud.com/x" in info.value.hint and "token" not in info.value.hint


def test_errors_are_not_chained_to_httpx(server, make_client):
    """A chained httpx exception would carry the request (and its Authorization header) into tracebacks."""
    client = make_client(server.endpoint, max_retries=0, timeout=0.2)
    server.route("GET", "/v3/sessions", Reply(delay=0.6))
    with pytest.raises(E.ReadTimeoutError) as info:
        client.list_sessions()
    assert info.value.__cause__ is None and info.value.__context__ is None
