"""Request limits and the JSON envelope (issue 10 items 3 and 5), over real HTTP.

Bodies over the size limit get 413, questions over the length limit 400, an
engine that does not answer in time a failed job; lone surrogates never reach
a stored name, and every error, however the request was malformed, is JSON in
one of the two envelopes.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from c2q_repl.sandbox.contracts import AnswerRequest, Plan
from c2q_repl.sandbox.jobs import JobLimits
from c2q_repl.sandbox.keys import ADMIN, SQL_READONLY, ApiKey

from .helpers import ScriptedAnswerer, client, ok, poll, target


def _gateway_or_app_code(response: httpx.Response) -> int:
    body = response.json()
    return body["code"] if "code" in body else body["data"]["result"]["code"]


def test_a_body_over_the_limit_is_413_in_the_envelope(sandbox):
    big = '{"name": "' + "x" * (2**20 + 10) + '"}'
    with client(sandbox) as http:
        response = http.post(
            "/v3/sessions", content=big, headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/json")
    assert _gateway_or_app_code(response) == 413


def test_a_chunked_body_over_the_limit_is_413_too(sandbox):
    def chunks():
        yield b'{"name": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    with client(sandbox, scheme="basic") as http:  # Digest would send the generator twice
        response = http.post(
            "/v3/sessions", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413 and _gateway_or_app_code(response) == 413


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v3/chat2data", "question"),
        ("/v2/chat2data", "raw_question"),
        ("/v1/chat2data", "instruction"),
    ],
)
def test_a_question_over_the_length_limit_is_400_in_the_envelope(sandbox, path, field):
    with client(sandbox) as http:
        response = http.post(path, json={**target(sandbox), field: "how many " * 1000})
    assert response.status_code == 400 and _gateway_or_app_code(response) == 400
    assert "at most 4096" in response.text


def test_a_question_at_the_limit_is_accepted(sandbox):
    question = ("SELECT COUNT(*) AS n FROM companies " + " " * 4096)[:4096]
    with client(sandbox) as http:
        started = ok(http.post("/v3/chat2data", json={**target(sandbox), "question": question}))
        job, _ = poll(http, started["job_id"])
    assert job["status"] == "done"


class StuckEngine(ScriptedAnswerer):
    """An engine that takes far longer than the deadline."""

    def answer(self, request: AnswerRequest) -> Plan:
        time.sleep(30)
        return super().answer(request)


def test_an_engine_past_its_deadline_fails_the_job_clearly(make_sandbox):
    sb = make_sandbox(answerer=StuckEngine(), job_limits=JobLimits(deadline=0.3))
    with client(sb) as http:
        started = ok(http.post("/v3/chat2data", json={**target(sb), "question": "anything"}))
        job, _ = poll(http, started["job_id"], timeout=10)
    assert job["status"] == "failed"
    assert "did not answer within 0.3 seconds" in job["reason"]


@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_deeply_nested_bodies_get_a_json_400(sandbox, depth):
    body = '{"name": ' + "[" * depth + "]" * depth + "}"
    with client(sandbox) as http:
        response = http.post(
            "/v3/sessions", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert "nested deeper" in response.json()["msg"]


def test_a_lone_surrogate_name_never_breaks_the_session_listing(sandbox):
    raw = (
        f'{{"cluster_id": "{sandbox.cluster_id}", "database": "{sandbox.database}", '
        '"name": "bad \\udc80 name"}'
    )
    with client(sandbox) as http:
        created = http.post(
            "/v3/sessions", content=raw, headers={"content-type": "application/json"}
        )
        assert created.status_code == 200
        session_id = created.json()["result"]["session_id"]
        renamed = http.put(
            f"/v3/sessions/{session_id}",
            content='{"name": "\\ud800 again"}',
            headers={"content-type": "application/json"},
        )
        assert renamed.status_code == 200
        listing = http.get("/v3/sessions")
    assert listing.status_code == 200 and listing.headers["content-type"].startswith(
        "application/json"
    )
    names = [s["meta"]["name"] for s in listing.json()["result"]["sessions"]]
    assert "\ufffd again" in names


def test_an_unexpected_error_is_a_json_500_in_the_envelope(make_sandbox, monkeypatch):
    sb = make_sandbox()
    monkeypatch.setattr(sb.app.core.sessions, "all", lambda: 1 / 0)
    with client(sb) as http:
        response = http.get("/v3/sessions")
        assert response.status_code == 500
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["data"]["result"]["code"] == 500
        assert http.get("/v3/dataSummaries").status_code == 200  # the server carries on


def test_a_synchronous_v1_answer_is_bounded_by_the_engine_deadline(make_sandbox):
    sb = make_sandbox(answerer=StuckEngine(), job_limits=JobLimits(deadline=0.3))
    with client(sb) as http:
        response = http.post("/v1/chat2data", json={**target(sb), "instruction": "anything"})
    assert response.status_code == 500
    assert "did not answer within 0.3 seconds" in response.json()["data"]["result"]["message"]


class GatedEngine(ScriptedAnswerer):
    """Questions saying "slow" wait until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def answer(self, request: AnswerRequest) -> Plan:
        if "slow" in request.question:
            self.gate.wait(30)
        return super().answer(request)


def test_one_key_flooding_slow_questions_leaves_workers_for_other_keys(make_sandbox):
    flooder = ApiKey("FLOODER1", "cdcdcdcd-0000-4000-8000-000000000001", SQL_READONLY)
    admin = ApiKey("FLOODADM", "cdcdcdcd-0000-4000-8000-000000000002", ADMIN)
    engine = GatedEngine()
    sb = make_sandbox(answerer=engine, keys=[flooder, admin], daily_limit=0, rpm_limit=0)
    try:
        with client(sb, flooder) as http:
            for i in range(12):  # more than the server's 8 job threads
                ok(http.post("/v3/chat2data", json={**target(sb), "question": f"slow {i}"}))
        with client(sb, admin) as http:
            started = ok(
                http.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1 AS one"})
            )
            job, _ = poll(http, started["job_id"], timeout=10)
        assert job["status"] == "done" and job["result"]["data"]["rows"] == [["1"]]
        assert not engine.gate.is_set()  # answered while every slow question was still stuck
    finally:
        engine.gate.set()
