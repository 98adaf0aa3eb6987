"""Fault injection: parsing, determinism, and what a client sees for each fault over real HTTP."""

from __future__ import annotations

import json

import httpx
import pytest

from c2q_repl.sandbox.faults import Fault, FaultInjector, parse_faults

from .helpers import client


def test_parse_faults():
    assert parse_faults(None) == () and parse_faults("") == ()
    faults = parse_faults("drop:0.1,500:0.05,slow:0.2:0.5,badjson:0.05")
    assert faults[0] == Fault("drop", 0.1, 0.0)
    assert faults[2] == Fault("slow", 0.2, 0.5)
    assert parse_faults("timeout:0.1")[0].seconds == 30.0
    for bad in ("nope:0.1", "drop", "drop:2", "drop:x", "drop:0.6,500:0.6", "slow:0.1:-1"):
        with pytest.raises(ValueError):
            parse_faults(bad)


def test_injection_is_deterministic_with_the_seed():
    faults = parse_faults("drop:0.2,500:0.2,slow:0.2")

    def sequence(seed):
        injector = FaultInjector(faults, seed)
        return [(f.kind if f else None) for f in (injector.draw() for _ in range(200))]

    a = sequence(1)
    assert a == sequence(1) and a != sequence(2)
    assert {"drop", "500", "slow", None} == set(a)
    assert 20 < a.count(None) < 120


def test_off_by_default(sandbox_client):
    for _ in range(20):
        assert sandbox_client.get("/v3/sessions").status_code == 200


def _sandbox_with(make_sandbox, spec):
    return make_sandbox(faults=spec, rpm_limit=0, daily_limit=0)


def test_500_fault(make_sandbox):
    sb = _sandbox_with(make_sandbox, "500:1")
    r = httpx.get(f"{sb.endpoint}/v3/sessions")
    assert r.status_code == 500 and r.json()["data"]["result"]["code"] == 500
    assert r.json()["data"]["result"]["message"].startswith("internal error!")


def test_502_html_fault(make_sandbox):
    sb = _sandbox_with(make_sandbox, "502html:1")
    r = httpx.get(f"{sb.endpoint}/v3/sessions")
    assert (
        r.status_code == 502
        and r.headers["content-type"].startswith("text/html")
        and "<html>" in r.text
    )


@pytest.mark.parametrize("kind", ["drop", "reset"])
def test_connection_faults(make_sandbox, kind):
    sb = _sandbox_with(make_sandbox, f"{kind}:1")
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{sb.endpoint}/v3/sessions", timeout=10)


def test_truncated_fault(make_sandbox):
    sb = _sandbox_with(make_sandbox, "truncated:1")
    with pytest.raises(httpx.TransportError), client(sb, scheme="basic") as http:
        http.get("/v3/sessions")


def test_badjson_fault(make_sandbox):
    sb = _sandbox_with(make_sandbox, "badjson:1")
    with client(sb, scheme="basic") as http:
        r = http.get("/v3/sessions")
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.text)


def test_slow_and_timeout_faults(make_sandbox):
    sb = _sandbox_with(make_sandbox, "slow:0.5:0.2,timeout:0.5:0.2")
    statuses = set()
    with client(sb, scheme="basic") as http:
        for _ in range(12):
            statuses.add(http.get("/v3/sessions").status_code)
    assert statuses == {200, 408}
