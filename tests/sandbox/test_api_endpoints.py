"""The remaining endpoints over real HTTP: v2 task_tree, v1 (both paths), refineSql, suggestQuestions,
routing errors, request validation."""

from __future__ import annotations

import httpx
import pytest

from .helpers import ScriptedAnswerer, breakdown, client, gateway_code, ok, poll, target


def test_v2_chat2data_returns_a_task_tree(sandbox, sandbox_client):
    started = ok(
        sandbox_client.post(
            "/v2/chat2data",
            json={**target(sandbox), "raw_question": "SELECT COUNT(*) AS n FROM companies"},
        )
    )
    assert set(started) == {"job_id"}
    job, _ = poll(sandbox_client, started["job_id"])
    result = job["result"]
    assert result["raw_question"] == "SELECT COUNT(*) AS n FROM companies"
    assert len(result["question_id"]) == 36 and isinstance(result["time_elapsed"], float)
    node = result["task_tree"]["0"]
    assert node["task_id"] == "0" and node["sql"] == "SELECT COUNT(*) AS n FROM companies"
    assert (
        node["columns"] == [{"col": "n"}]
        and node["rows"][0][0].isdigit()
        and node["sequence_no"] == 0
    )


def test_v2_breakdown_tree_links_children(make_sandbox):
    engine = ScriptedAnswerer(script={"two": breakdown("SELECT 1 AS a", "SELECT 2 AS b")})
    sb = make_sandbox(answerer=engine)
    with client(sb) as http:
        job, _ = poll(
            http,
            ok(
                http.post(
                    "/v2/chat2data",
                    json={**target(sb), "question": "two", "sql_generate_mode": "auto_breakdown"},
                )
            )["job_id"],
        )
    tree = job["result"]["task_tree"]
    assert (
        tree["0"]["sub_task_list"] == ["0-0", "0-1"] and tree["0"]["breakdown_type"] == "Breakdown"
    )
    assert tree["0-1"]["rows"] == [["2"]] and tree["0-1"]["parent_task_id"] == "0"


@pytest.mark.parametrize("path", ["/v1/chat2data", "/chat2data"])
def test_v1_is_synchronous_in_the_gateway_envelope(sandbox, sandbox_client, path):
    r = sandbox_client.post(
        path,
        json={
            **target(sandbox),
            "tables": ["users"],
            "instruction": "SELECT COUNT(user_id) FROM users",
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["type"] == "chat2data_endpoint"
    data = body["data"]
    assert data["columns"] == [{"col": "COUNT(user_id)", "data_type": "BIGINT", "nullable": False}]
    assert data["rows"] == [{"COUNT(user_id)": "120"}]
    res = data["result"]
    assert res["code"] == 200 and res["message"] == "Query OK!" and res["row_count"] == 1
    assert res["sql"] == "SELECT COUNT(user_id) FROM users" and res["end_ms"] >= res["start_ms"] > 0
    assert isinstance(res["latency"], str) and isinstance(res["ai_latency"], str)


def test_v1_errors_use_the_gateway_envelope(sandbox, sandbox_client):
    r = sandbox_client.post(
        "/v1/chat2data", json={**target(sandbox), "tables": ["nope"], "instruction": "x"}
    )
    assert r.status_code == 400 and gateway_code(r) == 400
    assert r.json()["type"] == "chat2data_endpoint"
    assert r.json()["data"]["result"]["message"].startswith("param check failed!")
    r = sandbox_client.post(
        "/v1/chat2data", json={**target(sandbox), "instruction": "SELECT * FROM nowhere"}
    )
    assert (
        r.status_code == 200
        and gateway_code(r) == 500
        and "nowhere" in r.json()["data"]["result"]["message"]
    )


def test_refine_sql(sandbox, sandbox_client):
    started = ok(
        sandbox_client.post(
            "/v3/refineSql",
            json={
                **target(sandbox),
                "sql": "SELECT * FROM companies",
                "feedback": "only the first 5 rows",
            },
        )
    )
    job, _ = poll(sandbox_client, started["job_id"])
    assert job["status"] == "done"
    assert set(job["result"]) == {"rewritten_sql", "solution"} and job["result"]["rewritten_sql"]
    r = sandbox_client.post("/v3/refineSql", json={**target(sandbox), "feedback": "x"})
    assert r.status_code == 400


def test_suggest_questions(sandbox, sandbox_client):
    started = ok(sandbox_client.post("/v3/suggestQuestions", json=target(sandbox)))
    job, _ = poll(sandbox_client, started["job_id"])
    assert (
        isinstance(job["result"], list)
        and job["result"]
        and all(isinstance(q, str) for q in job["result"])
    )


def test_unknown_paths_and_methods(sandbox, sandbox_client):
    for path in ("/v9/nothing", "/v3/sessions/1/2/3", "/v3"):
        r = sandbox_client.get(path)
        assert r.status_code == 404 and gateway_code(r) == 404
        assert r.json()["data"]["result"]["message"] == "endpoint not found"
    r = httpx.get(sandbox.endpoint.replace("chat2query-sandbox1", "chat2query-other"))
    assert r.status_code == 404
    for method, path in (
        ("DELETE", "/v3/chat2data"),
        ("GET", "/v3/chat2data"),
        ("POST", "/v2/jobs/abc"),
        ("DELETE", "/v3/sessions"),
    ):
        r = sandbox_client.request(method, path)
        assert r.status_code == 405 and gateway_code(r) == 405, (method, path)
        assert r.json()["data"]["result"]["message"] == "method not allowed"


def test_unknown_path_is_404_even_without_credentials(sandbox):
    r = httpx.get(f"{sandbox.endpoint}/v3/nothing")
    assert r.status_code == 404


def test_request_body_validation(sandbox, sandbox_client):
    r = sandbox_client.post(
        "/v3/chat2data", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "JSON" in r.json()["msg"]
    r = sandbox_client.post("/v3/chat2data", json=[1, 2])
    assert r.status_code == 400
    r = sandbox_client.post("/v3/chat2data", json=target(sandbox))
    assert r.status_code == 400 and "question" in r.json()["msg"]
    r = sandbox_client.post("/v3/chat2data", json={"question": "SELECT 1", "data_summary_id": 1})
    assert r.status_code == 404


def test_chat_by_data_summary_id(sandbox, sandbox_client):
    default = [
        s for s in ok(sandbox_client.get("/v3/dataSummaries"))["data_summaries"] if s["default"]
    ][0]
    started = ok(
        sandbox_client.post(
            "/v3/chat2data",
            json={"data_summary_id": default["data_summary_id"], "question": "SELECT 1 AS one"},
        )
    )
    job, _ = poll(sandbox_client, started["job_id"])
    assert job["result"]["data"]["rows"] == [["1"]]


def test_english_questions_go_to_the_engine(sandbox, sandbox_client):
    """Not SQL, so not passthrough: the engine answers it or declines with a reason (never an empty table)."""
    started = ok(
        sandbox_client.post(
            "/v3/chat2data", json={**target(sandbox), "question": "select companies in Texas"}
        )
    )
    job, _ = poll(sandbox_client, started["job_id"])
    answer = job["result"]
    assert answer["sql"] != "select companies in Texas"
    if job["status"] == "failed":
        assert job["reason"] and answer["data"] == {"columns": [], "rows": []}
