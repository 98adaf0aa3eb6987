"""Sessions and question jobs belong to the key that created them (issue 10 item 6); an Admin key
sees everything. Someone else's session or job answers 404, exactly like an id that never existed."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.keys import ADMIN, SQL_READONLY, SQL_READWRITE, ApiKey

from .helpers import client, ok, poll, target

ADMIN_KEY = ApiKey("OWNADMIN", "eeeeeeee-0000-4000-8000-000000000001", ADMIN)
READER = ApiKey("OWNREAD1", "eeeeeeee-0000-4000-8000-000000000002", SQL_READONLY)
WRITER = ApiKey("OWNWRIT1", "eeeeeeee-0000-4000-8000-000000000003", SQL_READWRITE)


@pytest.fixture
def sb(make_sandbox):
    return make_sandbox(keys=[ADMIN_KEY, READER, WRITER], daily_limit=0, rpm_limit=0)


def _session(http, sb, name: str) -> int:
    return ok(http.post("/v3/sessions", json={**target(sb), "name": name}))["session_id"]


def _listed(http) -> set[int]:
    return {s["session_id"] for s in ok(http.get("/v3/sessions"))["sessions"]}


def test_a_key_cannot_see_or_touch_another_keys_session(sb):
    with client(sb, ADMIN_KEY) as admin, client(sb, READER) as reader:
        mine = _session(admin, sb, "admin's")
        ok(admin.post(f"/v3/sessions/{mine}/chat2data", json={"question": "SELECT 1 AS one"}))
        assert mine not in _listed(reader)
        attempts = [
            reader.get(f"/v3/sessions/{mine}"),
            reader.put(f"/v3/sessions/{mine}", json={"name": "taken"}),
            reader.put(f"/v3/sessions/{mine}/reset"),
            reader.post(f"/v3/sessions/{mine}/chat2data", json={"question": "SELECT 2 AS two"}),
        ]
        assert [r.status_code for r in attempts] == [404, 404, 404, 404]
        assert all(r.json()["code"] == 404 for r in attempts)
        session = ok(admin.get(f"/v3/sessions/{mine}"))
        assert session["meta"]["name"] == "admin's"
        assert [m["content"] for m in session["messages"] if m["role"] == "user"] == [
            "SELECT 1 AS one"
        ]


def test_an_admin_sees_and_uses_every_session(sb):
    with client(sb, ADMIN_KEY) as admin, client(sb, READER) as reader, client(sb, WRITER) as writer:
        theirs = _session(reader, sb, "reader's")
        other = _session(writer, sb, "writer's")
        assert {theirs, other} <= _listed(admin)
        assert _listed(reader) == {theirs} and _listed(writer) == {other}
        assert ok(admin.get(f"/v3/sessions/{theirs}"))["meta"]["name"] == "reader's"
        ok(admin.put(f"/v3/sessions/{theirs}", json={"name": "renamed by the admin"}))


def test_a_key_cannot_poll_another_keys_job(sb):
    with client(sb, READER) as reader, client(sb, WRITER) as writer, client(sb, ADMIN_KEY) as admin:
        asked = ok(
            reader.post("/v3/chat2data", json={**target(sb), "question": "SELECT 7 AS seven"})
        )
        job, _ = poll(reader, asked["job_id"])
        assert job["result"]["data"]["rows"] == [["7"]]
        stolen = writer.get(f"/v2/jobs/{asked['job_id']}")
        assert stolen.status_code == 404 and "7" not in stolen.text.replace("404", "")
        assert ok(admin.get(f"/v2/jobs/{asked['job_id']}"))["status"] == "done"
        assert asked["session_id"] not in _listed(writer)
        v2 = ok(writer.post("/v2/chat2data", json={**target(sb), "raw_question": "SELECT 8 AS e"}))
        assert reader.get(f"/v2/jobs/{v2['job_id']}").status_code == 404


def test_data_summary_jobs_stay_shared(sb):
    with client(sb, ADMIN_KEY) as admin:
        created = ok(admin.post("/v3/dataSummaries", json={**target(sb), "description": "x"}))
    for key in (READER, WRITER):
        with client(sb, key) as http:
            assert ok(http.get(f"/v2/jobs/{created['job_id']}"))["job_id"] == created["job_id"]
