"""Data summaries over real HTTP: generation job, not-ready, reuse, v2/v3 shapes, description updates."""

from __future__ import annotations

from .helpers import client, ok, poll, target

NOT_READY = {
    "code": 400,
    "msg": "Data summary is not ready, please wait for a while and retry",
    "result": {},
}


def test_chat_before_the_summary_is_ready_is_the_documented_400(make_sandbox):
    sb = make_sandbox(job_delay=30, ready=False)
    with client(sb) as http:
        for path, body in (
            ("/v3/chat2data", {**target(sb), "question": "SELECT 1"}),
            ("/v2/chat2data", {**target(sb), "raw_question": "SELECT 1"}),
            ("/v3/sessions", target(sb)),
        ):
            r = http.post(path, json=body)
            assert r.status_code == 400 and r.json() == NOT_READY, path
        summary = ok(http.get("/v3/dataSummaries"))["data_summaries"][0]
        assert summary["status"] == "inited" and summary["tables"] == {}


def test_generate_poll_and_read_a_v3_summary(make_sandbox):
    sb = make_sandbox(job_delay=0.3)
    with client(sb) as http:
        started = ok(
            http.post(
                "/v3/dataSummaries",
                json={**target(sb), "description": "SP500 data", "reuse": False, "default": True},
            )
        )
        sid = started["data_summary_id"]
        assert isinstance(sid, int) and len(started["job_id"]) == 32
        assert ok(http.get(f"/v3/dataSummaries/{sid}"))["status"] == "inited"
        r = http.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1"})
        assert r.status_code == 400  # the new default summary is not ready yet
        job, _ = poll(http, started["job_id"])
        assert job["status"] == "done" and job["result"]["data_summary_id"] == sid
        s = ok(http.get(f"/v3/dataSummaries/{sid}"))
    assert s["status"] == "done" and s["default"] is True and s["cluster_id"] == sb.cluster_id
    assert (
        s["description"]["user"] == "SP500 data"
        and s["description"]["system"] == s["summary"] != ""
    )
    assert set(s["tables"]) == {
        "companies",
        "index_compositions",
        "index_price_history",
        "indexes",
        "stock_price_history",
        "user_selected_stocks",
        "users",
    }
    assert s["tables"]["companies"]["columns"]["market_cap"]["name"] == "market_cap"
    assert s["tables"]["companies"]["description"]
    rel = s["relationships"]["stock_price_history"]
    assert (
        isinstance(rel, list)
        and {
            "referencing_table": "stock_price_history",
            "referencing_table_column": "stock_symbol",
            "referenced_table": "companies",
            "referenced_table_column": "stock_symbol",
        }
        in rel
    )
    assert s["keywords"]


def test_reuse_returns_the_existing_summary_with_a_done_job(sandbox, sandbox_client):
    default = [
        s for s in ok(sandbox_client.get("/v3/dataSummaries"))["data_summaries"] if s["default"]
    ][0]
    started = ok(sandbox_client.post("/v3/dataSummaries", json={**target(sandbox), "reuse": True}))
    assert started["data_summary_id"] == default["data_summary_id"]
    job = ok(sandbox_client.get(f"/v2/jobs/{started['job_id']}"))
    assert job["status"] == "done" and job["result"]["status"] == "done"


def test_v2_summary_shape(sandbox, sandbox_client):
    started = ok(sandbox_client.post("/v2/dataSummaries", json=target(sandbox)))
    job, _ = poll(sandbox_client, started["job_id"])
    v2 = job["result"]
    assert isinstance(v2["cluster_id"], int) and str(v2["cluster_id"]) == sandbox.cluster_id
    assert v2["db_name"] == "sp500insight" and v2["status"] == "done"
    assert v2["db_schema"]["companies"]["primary_key"] == "stock_symbol"
    assert v2["db_schema"]["companies"]["columns"]["market_cap"]["type"] == "bigint"
    listed = ok(sandbox_client.get("/v2/dataSummaries"))["data_summaries"]
    assert any(s["data_summary_id"] == started["data_summary_id"] for s in listed)
    one = ok(sandbox_client.get(f"/v2/dataSummaries/{started['data_summary_id']}"))
    assert one["db_name"] == "sp500insight"


def test_description_updates(make_sandbox):
    sb = make_sandbox()
    with client(sb) as http:
        sid = [s for s in ok(http.get("/v3/dataSummaries"))["data_summaries"] if s["default"]][0][
            "data_summary_id"
        ]
        table = ok(
            http.put(
                f"/v3/dataSummaries/{sid}/tables/companies",
                json={"description": "Firms in the index"},
            )
        )
        assert table["description"] == "Firms in the index"
        table = ok(
            http.put(
                f"/v3/dataSummaries/{sid}/tables/companies/columns",
                json={"columns": {"market_cap": "Value of all shares, USD"}},
            )
        )
        assert table["columns"]["market_cap"]["description"] == "Value of all shares, USD"
        whole = ok(
            http.put(
                f"/v3/dataSummaries/{sid}",
                json={
                    "description": "mine",
                    "tables": {"users": {"description": "People", "columns": {"user_id": "Who"}}},
                },
            )
        )
        assert whole["description"]["user"] == "mine"
        assert whole["tables"]["users"]["description"] == "People"
        assert whole["tables"]["users"]["columns"]["user_id"]["description"] == "Who"
        again = ok(http.get(f"/v3/dataSummaries/{sid}"))
        assert again["tables"]["companies"]["description"] == "Firms in the index"

        assert (
            http.put(f"/v3/dataSummaries/{sid}/tables/nope", json={"description": "x"}).status_code
            == 404
        )
        assert (
            http.put(
                f"/v3/dataSummaries/{sid}/tables/users/columns", json={"columns": {"nope": "x"}}
            ).status_code
            == 404
        )
        assert http.put(f"/v3/dataSummaries/{sid}/tables/users", json={}).status_code == 400
        assert http.put("/v3/dataSummaries/1", json={"description": "x"}).status_code == 404
        assert http.get("/v3/dataSummaries/1").status_code == 404


def test_summary_validation(sandbox, sandbox_client):
    r = sandbox_client.post("/v3/dataSummaries", json={"database": "sp500insight"})
    assert r.status_code == 400 and r.json()["msg"].startswith("param check failed!")
    r = sandbox_client.post(
        "/v3/dataSummaries", json={"cluster_id": "1", "database": "sp500insight"}
    )
    assert r.status_code == 400 and "not linked" in r.json()["msg"]
    r = sandbox_client.post(
        "/v3/dataSummaries",
        json={"database_uri": "mysql://u:p@host:4000/sp500insight", "reuse": True},
    )
    assert r.status_code == 200
