"""Authentication over real HTTP: Digest and Basic, failures in the gateway envelope, expiry, nonces."""

from __future__ import annotations

import base64
import hashlib

import httpx
import pytest

from c2q_repl.sandbox.auth import REALM, Authenticator, parse_digest_params
from c2q_repl.sandbox.keys import ADMIN, ApiKey

from .helpers import client, gateway_code, ok


@pytest.mark.parametrize("scheme", ["digest", "basic"])
def test_both_schemes_authenticate(sandbox, scheme):
    with client(sandbox, scheme=scheme) as http:
        assert "sessions" in ok(http.get("/v3/sessions"))


def test_missing_credentials_get_a_digest_challenge_in_the_gateway_envelope(sandbox):
    r = httpx.get(f"{sandbox.endpoint}/v3/sessions")
    assert r.status_code == 401
    assert r.json() == {
        "type": "chat2data_endpoint",
        "data": {
            "columns": [],
            "rows": [],
            "result": {
                "code": 401,
                "message": "auth failed",
                "start_ms": "",
                "end_ms": "",
                "latency": "",
                "row_count": 0,
                "row_affect": 0,
                "limit": 0,
            },
        },
    }
    challenge = r.headers["www-authenticate"]
    assert challenge.startswith("Digest ")
    params = parse_digest_params(challenge[len("Digest ") :])
    assert (
        params["qop"] == "auth"
        and params["realm"] == REALM
        and params["nonce"]
        and params["opaque"]
    )


@pytest.mark.parametrize("scheme", ["digest", "basic"])
def test_wrong_private_key_is_refused(sandbox, scheme):
    bad = ApiKey(sandbox.public_key, "00000000-0000-0000-0000-000000000000")
    with client(sandbox, bad, scheme=scheme) as http:
        r = http.get("/v3/sessions")
    assert r.status_code == 401 and gateway_code(r) == 401


def test_unknown_scheme_and_garbage_basic_are_refused(sandbox):
    for header in (
        "Bearer abc",
        "Basic !!!notbase64",
        "Basic " + base64.b64encode(b"nocolon").decode(),
    ):
        r = httpx.get(f"{sandbox.endpoint}/v3/sessions", headers={"Authorization": header})
        assert r.status_code == 401, header


def test_expired_key_gets_the_documented_code(make_sandbox):
    live = ApiKey("LIVEKEY1", "11111111-1111-4111-8111-111111111111", ADMIN)
    old = ApiKey("OLDKEY01", "22222222-2222-4222-8222-222222222222", ADMIN, expired=True)
    sb = make_sandbox(keys=[live, old])
    with client(sb, old, scheme="basic") as http:
        r = http.get("/v3/sessions")
    assert r.status_code == 401
    assert gateway_code(r) == 49900002
    assert r.json()["data"]["result"]["message"] == "API Key is no longer valid"


def _digest_header(
    auth: Authenticator, key: ApiKey, nonce: str, uri: str, nc: str = "00000001"
) -> str:
    ha1 = hashlib.md5(f"{key.public}:{REALM}:{key.private}".encode()).hexdigest()
    ha2 = hashlib.md5(f"GET:{uri}".encode()).hexdigest()
    response = hashlib.md5(f"{ha1}:{nonce}:{nc}:abc:auth:{ha2}".encode()).hexdigest()
    return (
        f'Digest username="{key.public}", realm="{REALM}", nonce="{nonce}", uri="{uri}", qop=auth, nc={nc}, '
        f'cnonce="abc", response="{response}"'
    )


def test_digest_nonces_expire_and_cannot_be_replayed():
    now = [1000.0]
    key = ApiKey("PUB12345", "secret-private", ADMIN)
    auth = Authenticator([key], nonce_ttl=60, clock=lambda: now[0])
    nonce = auth.new_nonce()
    header = _digest_header(auth, key, nonce, "/x")
    assert auth.authenticate(header, "GET", "/x").key == key
    assert auth.authenticate(header, "GET", "/x").error == "bad"  # same nc again: replay
    assert (
        auth.authenticate(_digest_header(auth, key, nonce, "/x", "00000002"), "GET", "/x").key
        == key
    )
    now[0] += 61
    assert (
        auth.authenticate(_digest_header(auth, key, nonce, "/x", "00000003"), "GET", "/x").error
        == "stale"
    )
    assert "stale=true" in auth.challenge(stale=True)


def test_nonces_issued_in_the_same_instant_differ():
    auth = Authenticator([], clock=lambda: 1000.0)
    assert len({auth.new_nonce() for _ in range(50)}) == 50


def test_digest_refuses_forged_nonce_and_wrong_uri():
    key = ApiKey("PUB12345", "secret-private", ADMIN)
    auth = Authenticator([key])
    assert (
        auth.authenticate(_digest_header(auth, key, "123.0.forged", "/x"), "GET", "/x").error
        == "bad"
    )
    assert (
        auth.authenticate(_digest_header(auth, key, auth.new_nonce(), "/x"), "GET", "/y").error
        == "bad"
    )


def test_rfc2069_digest_without_qop_works():
    key = ApiKey("PUB12345", "secret-private", ADMIN)
    auth = Authenticator([key])
    nonce = auth.new_nonce()
    ha1 = hashlib.md5(f"{key.public}:{REALM}:{key.private}".encode()).hexdigest()
    ha2 = hashlib.md5(b"GET:/x").hexdigest()
    response = hashlib.md5(f"{ha1}:{nonce}:{ha2}".encode()).hexdigest()
    header = f'Digest username="{key.public}", realm="{REALM}", nonce="{nonce}", uri="/x", response="{response}"'
    assert auth.authenticate(header, "GET", "/x").key == key


def test_digest_client_reuses_its_nonce_with_increasing_counts(sandbox):
    """httpx answers the first challenge and then sends nc=2, 3, ... on the same nonce."""
    with client(sandbox) as http:
        for _ in range(3):
            ok(http.get("/v3/sessions"))
