"""The private key never appears in str/repr/tracebacks of any error, of Settings, or of the client."""

from __future__ import annotations

import base64
import inspect
import traceback

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.config import Credentials, Settings

from .server import PUBLIC_KEY, Reply, ScriptedServer, free_port, gateway_error

SECRET = "9d1c6a52-0c4e-4c1b-bd5f-secret000042"
FORBIDDEN = (SECRET, base64.b64encode(f"{PUBLIC_KEY}:{SECRET}".encode()).decode(), "secret000042")


def assert_clean(*texts: str) -> None:
    for text in texts:
        for needle in FORBIDDEN:
            assert needle not in text


def everything_about(err: BaseException) -> list[str]:
    texts = [str(err), repr(err), "".join(traceback.format_exception(err)), repr(vars(err))]
    if isinstance(err, E.C2QError):
        texts += [err.describe(), str(err.to_json())]
    return texts


SCENARIOS = [
    Reply(401, {"type": "", "data": {"result": {"code": 401, "message": "auth failed"}}}),
    gateway_error(401, 49900002, "API Key is no longer valid"),
    gateway_error(403, 403, "forbidden"),
    gateway_error(404, 404, "endpoint not found"),
    gateway_error(405, 405, "method not allowed"),
    gateway_error(408, 408, "request timeout."),
    gateway_error(400, 400, "param check failed!"),
    Reply(
        400,
        {
            "code": 400,
            "msg": "Data summary is not ready, please wait for a while and retry",
            "result": {},
        },
    ),
    gateway_error(429, 429, "The AI request exceeded the limit of 100 times per day."),
    gateway_error(429, 49900007, "per minute", headers={"X-Ratelimit-Reset": "9999"}),
    gateway_error(500, 500, "internal error!"),
    Reply(502, "<html>bad gateway</html>"),
    Reply(200, "not json"),
    Reply(200, {"code": 200, "msg": "", "result": "not a session"}),
    Reply(418, {"code": 418, "msg": "teapot", "result": None}),
    Reply(action="close"),
    Reply(delay=0.6),
]


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_no_error_from_the_wire_carries_the_key(auth):
    srv = ScriptedServer()
    seen: list[type] = []
    try:
        with Chat2QueryClient(
            srv.endpoint,
            Credentials(PUBLIC_KEY, SECRET),
            auth_scheme=auth,
            timeout=0.3,
            max_retries=0,
        ) as client:
            assert_clean(repr(client), str(client))
            for reply in SCENARIOS:
                srv.route("POST", "/v3/sessions", reply)
                with pytest.raises(E.C2QError) as info:
                    client.create_session("1", "db")
                seen.append(type(info.value))
                assert_clean(*everything_about(info.value))
    finally:
        srv.stop()
    with Chat2QueryClient(
        f"http://127.0.0.1:{free_port()}/e", Credentials(PUBLIC_KEY, SECRET), max_retries=0
    ) as client:
        with pytest.raises(E.ConnectError) as info:
            client.list_sessions()
        assert_clean(*everything_about(info.value))
    assert len(set(seen)) >= 14


def test_every_error_class_formats_cleanly():
    classes = [c for _, c in inspect.getmembers(E, inspect.isclass) if issubclass(c, E.C2QError)]
    for cls in classes:
        kwargs = {"sent": True} if cls is E.NetworkError else {}
        err = cls("something failed", request="POST /v3/chat2data", **kwargs)
        assert_clean(*everything_about(err))


def test_credentials_and_settings_mask_the_key():
    creds = Credentials(PUBLIC_KEY, SECRET)
    settings = Settings(endpoint="https://example.com/endpoint", credentials=creds)
    assert_clean(
        repr(creds), str(creds), repr(settings), str(settings), f"{settings}", f"{creds!r}"
    )
    assert PUBLIC_KEY in repr(creds) and "****" in repr(creds)
    assert creds.private_key == SECRET  # still usable by the client


def test_endpoint_with_embedded_credentials_is_refused_without_echoing_them():
    with pytest.raises(E.ConfigError) as info:
        Chat2QueryClient(
            f"https://{PUBLIC_KEY}:{SECRET}@example.com/endpoint", Credentials(PUBLIC_KEY, SECRET)
        )
    assert_clean(*everything_about(info.value))
