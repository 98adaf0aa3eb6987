"""Sessions over real HTTP: create/list/get/rename/reset, messages, history fed to the engine, feedback."""

from __future__ import annotations

import pytest

from .helpers import ScriptedAnswerer, ask, client, ok, poll, target


@pytest.fixture
def recorded(make_sandbox):
    engine = ScriptedAnswerer()
    return make_sandbox(answerer=engine), engine


def _chat(http, session_id, question, **extra):
    body = {
        "question": question,
        "sql_generate_mode": "direct",
        "feedback_answer_id": "",
        "feedback_task_id": "",
        **extra,
    }
    return ok(http.post(f"/v3/sessions/{session_id}/chat2data", json=body))


def test_session_lifecycle_and_messages(recorded):
    sb, engine = recorded
    with client(sb) as http:
        created = ok(http.post("/v3/sessions", json={**target(sb), "name": "test session"}))
        sid = created["session_id"]
        assert created["messages"] == [] and created["meta"]["name"] == "test session"
        assert isinstance(sid, int) and created["meta"]["org_id"] == "1"
        assert created["meta"]["created_at"] > 0

        first = _chat(http, sid, "SELECT COUNT(*) FROM users")
        assert first["session_id"] == sid
        poll(http, first["job_id"])
        second = _chat(http, sid, "SELECT COUNT(*) FROM companies")
        poll(http, second["job_id"])

        detail = ok(http.get(f"/v3/sessions/{sid}"))
        roles = [m["role"] for m in detail["messages"]]
        assert roles == ["user", "assistant", "user", "assistant"]
        assert detail["messages"][0]["content"] == "SELECT COUNT(*) FROM users"
        assert detail["messages"][1]["job_id"] == first["job_id"]
        assert detail["messages"][1]["sql"] == "SELECT COUNT(*) FROM users"
        assert detail["messages"][1]["content"] == "1 row"

        listed = ok(http.get("/v3/sessions"))["sessions"]
        assert sid in [s["session_id"] for s in listed]

        renamed = ok(http.put(f"/v3/sessions/{sid}", json={"name": "renamed"}))
        assert renamed["meta"]["name"] == "renamed"

        reset = ok(http.put(f"/v3/sessions/{sid}/reset", json={}))
        assert reset["session_id"] == sid and reset["messages"] == []
        third = _chat(http, sid, "SELECT 1")
        poll(http, third["job_id"])
    # the engine saw the earlier rounds as history, and nothing from before the reset afterwards
    by_question = {r.question: r for r in engine.requests}
    assert [h.question for h in by_question["SELECT COUNT(*) FROM companies"].history] == [
        "SELECT COUNT(*) FROM users"
    ]
    assert by_question["SELECT COUNT(*) FROM companies"].history[0].answer_id == first["job_id"]
    assert by_question["SELECT COUNT(*) FROM companies"].history[0].summary == "1 row"
    assert by_question["SELECT 1"].history == ()


def test_feedback_names_an_earlier_answer(recorded):
    sb, engine = recorded
    with client(sb) as http:
        sid = ok(http.post("/v3/sessions", json=target(sb)))["session_id"]
        first = _chat(http, sid, "SELECT COUNT(*) FROM users")
        poll(http, first["job_id"])
        again = _chat(
            http,
            sid,
            "SELECT COUNT(*) FROM users WHERE user_id > 10",
            feedback_answer_id=first["job_id"],
            feedback_task_id="0",
        )
        poll(http, again["job_id"])
        bad = http.post(
            f"/v3/sessions/{sid}/chat2data",
            json={"question": "SELECT 1", "feedback_answer_id": "f" * 32},
        )
    request = engine.requests[-1]
    assert request.feedback is not None and request.feedback.answer_id == first["job_id"]
    assert request.feedback_task_id == "0"
    assert bad.status_code == 400 and "feedback_answer_id" in bad.json()["msg"]


def test_v3_chat2data_creates_a_session_that_can_continue(sandbox, sandbox_client):
    started, job = ask(sandbox_client, sandbox, "SELECT COUNT(*) FROM indexes")
    assert started["cluster_id"] == sandbox.cluster_id and started["database"] == sandbox.database
    assert job["result"]["data"]["rows"] == [["1"]]
    follow = _chat(sandbox_client, started["session_id"], "SELECT short_name FROM indexes")
    assert follow["session_id"] == started["session_id"]
    job2, _ = poll(sandbox_client, follow["job_id"])
    assert job2["result"]["data"]["rows"] == [["S&P 500"]]
    messages = ok(sandbox_client.get(f"/v3/sessions/{started['session_id']}"))["messages"]
    assert len(messages) == 4


def test_session_errors(sandbox, sandbox_client):
    r = sandbox_client.get("/v3/sessions/1")
    assert r.status_code == 404 and r.json()["result"] is None
    sid = ok(sandbox_client.post("/v3/sessions", json=target(sandbox)))["session_id"]
    r = sandbox_client.post(f"/v3/sessions/{sid}/chat2data", json={"question": ""})
    assert r.status_code == 400 and r.json()["msg"].startswith("param check failed!")
    r = sandbox_client.post(
        f"/v3/sessions/{sid}/chat2data", json={"question": "x", "sql_generate_mode": "magic"}
    )
    assert r.status_code == 400
    r = sandbox_client.post(
        "/v3/sessions", json={"cluster_id": sandbox.cluster_id, "database": "other"}
    )
    assert r.status_code == 400 and "not found" in r.json()["msg"]
    r = sandbox_client.put(f"/v3/sessions/{sid}", json={})
    assert r.status_code == 400
