"""The four Chat2Query roles, enforced per endpoint over real HTTP (spec §3.2 matrix)."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.contracts import Plan
from c2q_repl.sandbox.keys import ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE, ApiKey

from .helpers import ScriptedAnswerer, client, gateway_code, ok, poll, target, task

KEYS = {
    ADMIN: ApiKey("ADMIN001", "aaaaaaaa-0000-4000-8000-000000000001", ADMIN),
    DATA_SUMMARY: ApiKey("SUMMARY1", "aaaaaaaa-0000-4000-8000-000000000002", DATA_SUMMARY),
    SQL_READONLY: ApiKey("READONLY", "aaaaaaaa-0000-4000-8000-000000000003", SQL_READONLY),
    SQL_READWRITE: ApiKey("READWRIT", "aaaaaaaa-0000-4000-8000-000000000004", SQL_READWRITE),
}
DELETE = "DELETE FROM user_selected_stocks WHERE user_id = 1"


@pytest.fixture
def roles_sandbox(make_sandbox, writable_sp500):
    engine = ScriptedAnswerer(script={"forget user 1": Plan(tasks=(task(DELETE),))})
    return make_sandbox(db=str(writable_sp500), keys=list(KEYS.values()), answerer=engine)


def _status(http, method, path, body=None) -> int:
    r = http.request(method, path, json=body)
    if r.status_code == 403:
        assert gateway_code(r) == 403 and "cannot call" in r.json()["data"]["result"]["message"]
    return r.status_code


@pytest.mark.parametrize(
    "role,may_ask,may_write_context",
    [
        (ADMIN, True, True),
        (DATA_SUMMARY, False, True),
        (SQL_READONLY, True, False),
        (SQL_READWRITE, True, False),
    ],
)
def test_endpoint_matrix(roles_sandbox, role, may_ask, may_write_context):
    sb = roles_sandbox
    where = target(sb)
    asking = [
        ("POST", "/v3/chat2data", {**where, "question": "SELECT 1"}),
        ("POST", "/v2/chat2data", {**where, "raw_question": "SELECT 1"}),
        ("POST", "/v1/chat2data", {**where, "instruction": "SELECT 1"}),
        ("POST", "/chat2data", {**where, "instruction": "SELECT 1"}),
        ("POST", "/v3/sessions", {**where, "name": "x"}),
        ("GET", "/v3/sessions", None),
        ("POST", "/v3/refineSql", {**where, "sql": "SELECT 1", "feedback": "ok"}),
        ("POST", "/v3/suggestQuestions", where),
    ]
    context = [
        ("POST", "/v3/dataSummaries", {**where, "reuse": True}),
        ("POST", "/v2/dataSummaries", {**where, "reuse": True}),
        ("POST", "/v3/knowledgeBases", {**where, "description": "kb"}),
    ]
    reading = [
        ("GET", "/v3/dataSummaries", None),
        ("GET", "/v2/dataSummaries", None),
        ("GET", "/v3/knowledgeBases", None),
    ]
    with client(sb, KEYS[role]) as http:
        for method, path, body in asking:
            assert (_status(http, method, path, body) == 200) == may_ask, (role, path)
        for method, path, body in context:
            assert (_status(http, method, path, body) == 200) == may_write_context, (role, path)
        for method, path, body in reading:
            assert _status(http, method, path, body) == 200, (role, path)


def test_summary_jobs_are_readable_by_every_role_question_jobs_by_their_key(roles_sandbox):
    """A question's job belongs to the key that asked (and Admins); a data summary's is shared."""
    sb = roles_sandbox
    with client(sb, KEYS[SQL_READWRITE]) as asker:
        job_id = ok(asker.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1"}))[
            "job_id"
        ]
    summary_job = sb.app.core.summaries.all()[0].job_id
    for role, key in KEYS.items():
        with client(sb, key) as http:
            assert ok(http.get(f"/v2/jobs/{summary_job}"))["job_id"] == summary_job
            polled = http.get(f"/v2/jobs/{job_id}")
            assert polled.status_code == (200 if role in (ADMIN, SQL_READWRITE) else 404)


def test_read_only_key_never_changes_data_whatever_sql_the_engine_writes(roles_sandbox):
    sb = roles_sandbox
    with client(sb, KEYS[SQL_READONLY]) as http:
        started = ok(http.post("/v3/chat2data", json={**target(sb), "question": "forget user 1"}))
        job, _ = poll(http, started["job_id"])
        assert job["status"] == "done"
        answer = job["result"]
        assert answer["status"] == "failed" and answer["sql"] == DELETE
        assert "read-only" in answer["sql_error"] and answer["data"] == {"columns": [], "rows": []}
        count = poll(
            http,
            ok(
                http.post(
                    "/v3/chat2data",
                    json={
                        **target(sb),
                        "question": "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 1",
                    },
                )
            )["job_id"],
        )[0]
    assert count["result"]["data"]["rows"][0][0] != "0"


def test_read_write_key_executes_what_the_engine_writes(roles_sandbox):
    sb = roles_sandbox
    with client(sb, KEYS[SQL_READWRITE]) as http:
        job, _ = poll(
            http,
            ok(http.post("/v3/chat2data", json={**target(sb), "question": "forget user 1"}))[
                "job_id"
            ],
        )
        assert job["result"]["sql_error"] is None and job["result"]["status"] == "done"
        after = poll(
            http,
            ok(
                http.post(
                    "/v3/chat2data",
                    json={
                        **target(sb),
                        "question": "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 1",
                    },
                )
            )["job_id"],
        )[0]
    assert after["result"]["data"]["rows"] == [["0"]]
