"""What real Chat2Query clients hit (issue 13, sandbox items 1-3 and 6), over real HTTP.

Each test names the client code that depends on the behaviour; the peer suite in
tests/peers replays those clients call for call.
"""

from __future__ import annotations

import re
import time

from c2q_repl.sandbox.jobs import JobOutcome, JobStore

from .helpers import ask, client, ok, poll, target

EMPTY_DATA = {"columns": [], "rows": []}
RPM_MESSAGE = (
    "API key rate limit exceeded. The limit can be increased up to 1000 requests per minute per "
    "API key in TiDB Cloud console. For an increase in quota beyond 1000 rpm, please contact us: "
    "https://tidb.support.pingcap.com/"
)


# ------------------------------------------------------------------ item 1: no "init" for questions
def test_a_job_submitted_as_running_never_shows_init():
    """JobStore level, on a frozen clock: the first poll of a question job says running."""
    now = [50.0]
    store = JobStore((2.0, 2.0), clock=lambda: now[0])
    try:
        asked = store.submit("chat", lambda: JobOutcome("done", {"x": 1}), starts_running=True)
        summary = store.submit("summary", lambda: JobOutcome("done", {"x": 2}))
        while store.outcome(asked) is None or store.outcome(summary) is None:
            time.sleep(0.001)
        assert store.view(asked).status == "running" and store.view(asked).result is None
        assert store.view(summary).status == "init"  # data summaries keep their init phase
        now[0] += 2.0
        assert store.view(asked).status == "done"
    finally:
        store.shutdown()


def test_every_question_job_is_running_at_the_first_poll(make_sandbox):
    """TiInsight (store/session.thunk.ts:208-239) matches running/failed/done with ``.run()``,
    which throws on anything else, and polls right after the POST (store/utils.ts:39-47)."""
    sb = make_sandbox(job_delay=3.0)
    with client(sb) as http:
        session = ok(http.post("/v3/sessions", json={**target(sb), "name": "t"}))["session_id"]
        starts = [
            ("/v3/chat2data", {**target(sb), "question": "SELECT 1 AS one"}),
            (
                f"/v3/sessions/{session}/chat2data",
                {"question": "SELECT 2 AS two", "sql_generate_mode": "auto_breakdown"},
            ),
            ("/v2/chat2data", {**target(sb), "raw_question": "SELECT 3 AS three"}),
            ("/v3/refineSql", {**target(sb), "sql": "SELECT 1", "feedback": "limit 5"}),
            ("/v3/suggestQuestions", target(sb)),
        ]
        for path, body in starts:
            job_id = ok(http.post(path, json=body))["job_id"]
            first = ok(http.get(f"/v2/jobs/{job_id}"))
            assert first["status"] in ("running", "done", "failed"), (path, first)


# ------------------------------------------------------------------ item 2: failed answers keep data
def test_a_failed_sql_answer_keeps_data_an_object(sandbox, sandbox_client):
    """TiInsight's SQLChart.tsx:32 reads ``task.data.rows`` of every answer, failed ones too."""
    _, job = ask(sandbox_client, sandbox, "SELECT * FROM nowhere")
    answer = job["result"]
    assert answer["status"] == "failed" and "nowhere" in answer["sql_error"]
    assert answer["data"] == EMPTY_DATA


def test_a_declined_question_keeps_data_an_object(sandbox, sandbox_client):
    _, job = ask(sandbox_client, sandbox, "what is the meaning of life")
    assert job["status"] == "failed" and job["reason"]
    assert job["result"]["data"] == EMPTY_DATA


# ------------------------------------------------------------------ item 3: data summaries
def test_a_summary_without_default_true_is_not_the_default(make_sandbox):
    """The docs' example object for POST /v3/dataSummaries shows ``"default": false``."""
    sb = make_sandbox(job_delay=1.5)
    with client(sb) as http:
        before = ok(http.get("/v3/dataSummaries"))["data_summaries"]
        created = ok(
            http.post("/v3/dataSummaries", json={**target(sb), "description": "x", "reuse": False})
        )
        summary = ok(http.get(f"/v3/dataSummaries/{created['data_summary_id']}"))
        assert summary["default"] is False and summary["status"] == "inited"
        # the database stays ready: questions still go to the old default summary
        assert ok(http.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1"}))
        defaults = [s for s in ok(http.get("/v3/dataSummaries"))["data_summaries"] if s["default"]]
        assert [s["data_summary_id"] for s in defaults] == [
            s["data_summary_id"] for s in before if s["default"]
        ]


def test_default_true_makes_the_new_summary_the_default(make_sandbox):
    sb = make_sandbox()
    with client(sb) as http:
        created = ok(http.post("/v3/dataSummaries", json={**target(sb), "default": True}))
        poll(http, created["job_id"])
        summary = ok(http.get(f"/v3/dataSummaries/{created['data_summary_id']}"))
    assert summary["default"] is True and summary["status"] == "done"


def test_reuse_while_generating_returns_that_summary_and_spends_no_quota(make_sandbox):
    sb = make_sandbox(job_delay=1.5, daily_limit=2, rpm_limit=0)
    with client(sb) as http:
        first = ok(http.post("/v3/dataSummaries", json={**target(sb), "default": True}))
        for _ in range(3):
            again = ok(http.post("/v3/dataSummaries", json={**target(sb), "reuse": True}))
            assert again == first
        ids = [s["data_summary_id"] for s in ok(http.get("/v3/dataSummaries"))["data_summaries"]]
        assert ids.count(first["data_summary_id"]) == 1 and len(ids) == 2
        poll(http, first["job_id"])
        # one AI request left of two: the reuses were free
        ok(http.post("/v3/suggestQuestions", json=target(sb)))
        r = http.post("/v3/suggestQuestions", json=target(sb))
        assert r.status_code == 429


# ------------------------------------------------------------------ item 6: small things
def test_per_minute_limit_uses_the_documented_message(make_sandbox):
    sb = make_sandbox(rpm_limit=1)
    with client(sb) as http:
        ok(http.get("/v3/sessions"))
        r = http.get("/v3/sessions")
    body = r.json()
    assert r.status_code == 429 and body["type"] == ""
    assert body["data"]["result"]["code"] == 49900007
    assert body["data"]["result"]["message"] == RPM_MESSAGE


def test_gateway_errors_name_the_chat2data_family(sandbox, sandbox_client):
    assert sandbox_client.get("/v3/nowhere").json()["type"] == "chat2data_endpoint"
    assert sandbox_client.delete("/v3/sessions").json()["type"] == "chat2data_endpoint"


def test_injected_gateway_faults_name_the_family_too(make_sandbox):
    sb = make_sandbox(faults="500:1.0", ready=False)
    with client(sb) as http:
        r = http.get("/v3/sessions")
    assert r.status_code == 500 and r.json()["type"] == "chat2data_endpoint"


def test_creator_is_email_like_and_not_the_public_key(sandbox, sandbox_client):
    session = ok(sandbox_client.post("/v3/sessions", json={**target(sandbox), "name": "c"}))
    creator = session["meta"]["creator"]
    assert re.fullmatch(r"[a-z0-9.+-]+@[a-z0-9.-]+\.[a-z]+", creator), creator
    assert sandbox.public_key.lower() not in creator.lower()


def test_refine_sql_returns_a_session_id(sandbox, sandbox_client):
    """tisqleditor's chat-api.ts:151-159 shows ``{job_id, session_id}`` for POST /v3/refineSql."""
    started = ok(
        sandbox_client.post(
            "/v3/refineSql",
            json={**target(sandbox), "sql": "SELECT * FROM companies LIMIT 20", "feedback": "10"},
        )
    )
    assert isinstance(started["session_id"], int)
    ok(sandbox_client.get(f"/v3/sessions/{started['session_id']}"))
    job, _ = poll(sandbox_client, started["job_id"])
    assert job["status"] == "done" and job["result"]["rewritten_sql"]


def test_session_names_from_questions_are_one_line(sandbox, sandbox_client):
    """examples-projects (chat2query.ts:167 at d57a50c) wraps the question in newlines and fences."""
    question = "Please answer:\n\n```SELECT\tCOUNT(*)\x1b[31m FROM companies```\r\n"
    started = ok(
        sandbox_client.post("/v3/chat2data", json={**target(sandbox), "question": question})
    )
    name = ok(sandbox_client.get(f"/v3/sessions/{started['session_id']}"))["meta"]["name"]
    assert name and not re.search(r"[\x00-\x1f\x7f-\x9f]", name) and "  " not in name
    assert name.startswith("Please answer: ```SELECT COUNT(*)")
