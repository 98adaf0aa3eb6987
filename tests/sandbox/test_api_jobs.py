"""Job lifecycle over real HTTP: init → running → done|failed, breakdown progress, refusals, SQL errors."""

from __future__ import annotations

import time

import pytest

from c2q_repl.sandbox.contracts import Plan, TaskPlan
from c2q_repl.sandbox.jobs import JobOutcome, JobStore, parse_delay

from .helpers import ScriptedAnswerer, ask, breakdown, client, ok, poll, target

REFUSAL = "I could not map 'churn' to any table or column."


@pytest.fixture
def engine() -> ScriptedAnswerer:
    return ScriptedAnswerer(
        script={
            "three things": breakdown(
                "SELECT COUNT(*) FROM companies",
                "SELECT COUNT(*) FROM users",
                "SELECT COUNT(*) FROM indexes",
            ),
            "churn": Plan(
                tasks=(TaskPlan("0", "churn", "churn", refusal=REFUSAL),), clarified_task="churn"
            ),
            "broken": Plan(
                tasks=(TaskPlan("0", "broken", "select from nowhere", sql="SELECT * FROM nowhere"),)
            ),
        }
    )


def test_job_goes_through_init_running_done(make_sandbox):
    sb = make_sandbox(job_delay=0.6)
    with client(sb) as http:
        before = int(time.time())
        started = ok(
            http.post(
                "/v3/chat2data", json={**target(sb), "question": "SELECT COUNT(*) FROM companies"}
            )
        )
        first = ok(http.get(f"/v2/jobs/{started['job_id']}"))
        assert (
            first["status"] in ("init", "running")
            and first["result"] is None
            and first["ended_at"] is None
        )
        job, seen = poll(http, started["job_id"])
    assert seen[-1] == "done" and "running" in seen
    assert seen == [s for s in ("init", "running", "done") if s in seen]
    assert job["ended_at"] >= before and job["reason"] == ""
    assert job["result"]["data"]["rows"][0][0].isdigit()


def test_direct_answer_has_the_documented_shape(sandbox, sandbox_client):
    _, job = ask(
        sandbox_client,
        sandbox,
        "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY sector",
    )
    answer = job["result"]
    assert set(answer) >= {
        "type",
        "task_id",
        "status",
        "clarified_task",
        "description",
        "assumptions",
        "sql",
        "sql_error",
        "data",
        "chart_options",
    }
    assert (
        answer["type"] == "data_retrieval"
        and answer["task_id"] == "0"
        and answer["status"] == "done"
    )
    assert answer["data"]["columns"] == [{"col": "sector"}, {"col": "n"}]
    assert len(answer["data"]["rows"]) == 11 and all(
        isinstance(v, str) for r in answer["data"]["rows"] for v in r
    )
    assert answer["chart_options"]["chart_name"] == "Table" and answer["sql_error"] is None


def test_breakdown_reveals_sub_tasks_progressively(make_sandbox, engine):
    sb = make_sandbox(job_delay=1.2, answerer=engine)
    with client(sb) as http:
        started = ok(
            http.post(
                "/v3/chat2data",
                json={
                    **target(sb),
                    "question": "three things",
                    "sql_generate_mode": "auto_breakdown",
                },
            )
        )
        counts = []
        while True:
            job = ok(http.get(f"/v2/jobs/{started['job_id']}"))
            if job["status"] == "running" and job["result"] is not None:
                assert job["result"]["type"] == "breakdown" and job["result"]["status"] == "running"
                counts.append(len(job["result"]["sub_tasks"]))
            if job["status"] == "done":
                break
            time.sleep(0.02)
    assert counts == sorted(counts) and len(set(counts)) >= 2  # sub-tasks appeared one by one
    final = job["result"]
    assert final["type"] == "breakdown" and final["task_id"] == "0" and final["status"] == "done"
    assert [t["task_id"] for t in final["sub_tasks"]] == ["0-0", "0-1", "0-2"]
    assert all(t["type"] == "data_retrieval" and t["status"] == "done" for t in final["sub_tasks"])
    assert final["assumptions"] == [{"concept": "scope", "explanation": "all companies"}]


def test_refusal_fails_the_job_with_the_reason_and_no_table(make_sandbox, engine):
    sb = make_sandbox(answerer=engine)
    with client(sb) as http:
        _, job = ask(http, sb, "churn")
    assert job["status"] == "failed" and job["reason"] == REFUSAL
    answer = job["result"]
    assert answer["status"] == "failed" and answer["reason"] == REFUSAL and answer["sql"] == ""
    assert answer["clarified_task"] == "churn" and answer["data"] == {"columns": [], "rows": []}


def test_sql_error_is_reported_in_the_answer(make_sandbox, engine):
    sb = make_sandbox(answerer=engine)
    with client(sb) as http:
        _, job = ask(http, sb, "broken")
    assert job["status"] == "done"
    assert job["result"]["status"] == "failed" and "nowhere" in job["result"]["sql_error"]
    assert job["result"]["data"] == {"columns": [], "rows": []}


def test_unknown_job_is_404_in_the_app_envelope(sandbox_client):
    r = sandbox_client.get("/v2/jobs/0123456789abcdef0123456789abcdef")
    assert r.status_code == 404 and r.json() == {
        "code": 404,
        "msg": "job not found",
        "result": None,
    }


def test_engine_crash_fails_the_job_not_the_server(make_sandbox):
    class Crashing(ScriptedAnswerer):
        def answer(self, request):
            raise RuntimeError("engine bug")

    sb = make_sandbox(answerer=Crashing())
    with client(sb) as http:
        _, job = ask(http, sb, "anything")
        assert job["status"] == "failed" and "engine bug" in job["reason"]
        assert ok(http.get("/v3/sessions")) is not None


def test_delay_parsing():
    assert parse_delay(2) == (2.0, 2.0)
    assert parse_delay("1-8") == (1.0, 8.0)
    assert parse_delay("0.5") == (0.5, 0.5)
    assert parse_delay((0.1, 0.2)) == (0.1, 0.2)
    for bad in ("8-1", "-1", "x"):
        with pytest.raises(ValueError):
            parse_delay(bad)


def test_delay_ranges_are_drawn_deterministically_from_the_seed():
    now = [0.0]

    def durations(seed: int) -> list[float]:
        store = JobStore((1.0, 8.0), seed=seed, clock=lambda: now[0])
        try:
            ids = [store.submit("t", lambda: JobOutcome("done", 1)) for _ in range(6)]
            return [store._jobs[i].duration for i in ids]
        finally:
            store.shutdown()

    a, b = durations(3), durations(3)
    assert a == b and all(1.0 <= d <= 8.0 for d in a) and len(set(a)) > 1
    assert durations(4) != a


def test_job_status_is_driven_by_elapsed_time():
    now = [100.0]
    store = JobStore((2.0, 2.0), clock=lambda: now[0])
    try:
        job_id = store.submit("t", lambda: JobOutcome("done", {"x": 1}, stages=({"x": 0},)))
        while store.outcome(job_id) is None:
            time.sleep(0.001)
        assert store.view(job_id).status == "init"
        now[0] += 1.0
        assert store.view(job_id).status == "running" and store.view(job_id).result == {"x": 0}
        now[0] += 1.5
        view = store.view(job_id)
        assert view.status == "done" and view.result == {"x": 1} and view.ended_at is not None
    finally:
        store.shutdown()
