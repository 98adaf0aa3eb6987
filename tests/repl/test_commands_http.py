"""Slash commands of a real REPL context against Data Apps that are not ours:
an in-test server answering in the documented shapes (issue 13 items 7-10)."""

from __future__ import annotations

import pytest

from c2q_repl.repl.commands import dispatch
from tests.chat import docserver as D
from tests.repl.support import headless_context, settings_for

REL = {
    "referencing_table": "stock_prices",
    "referencing_table_column": "symbol",
    "referenced_table": "companies",
    "referenced_table_column": "symbol",
}


@pytest.fixture(autouse=True)
def _private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def run(server: D.DocServer, *lines: str) -> str:
    """Dispatch ``lines`` in a headless context talking to ``server``; the output."""
    ctx, stream = headless_context(
        settings_for(server.endpoint, D.PUBLIC_KEY, D.PRIVATE_KEY, D.CLUSTER_ID, D.DATABASE)
    )
    try:
        for line in lines:
            dispatch(ctx.registry, ctx, line)
    finally:
        ctx.opening.close()
    return stream.getvalue()


def test_kb_on_a_data_app_without_knowledge_endpoints_says_so():
    with D.DocServer() as server:
        out = run(server, "/kb", "/kb add instruction Always show billions")
    assert out.count("error: this Data App has no knowledge base endpoints") == 2, out
    assert "endpoint not found" not in out


def test_summary_shows_each_relationship_once_when_listed_under_both_tables():
    summary = D.summary(relationships={"stock_prices": [REL], "companies": [REL]})
    routes = {("GET", "/v3/dataSummaries"): lambda body: D.ok([summary])}
    with D.DocServer(routes=routes) as server:
        out = run(server, "/summary")
    assert out.count("stock_prices.symbol → companies.symbol") == 1, out


def test_server_history_shows_question_status_sql_and_rows():
    messages = [
        {
            "question": "top 2 companies",
            "job_id": "j1",
            "answer": {
                "type": "data_retrieval",
                "status": "done",
                "sql": "SELECT name FROM companies LIMIT 2",
                "data": {"columns": [{"col": "name"}], "rows": [["A"], ["B"]]},
            },
        }
    ]
    routes = {("GET", f"/v3/sessions/{D.SESSION_ID}"): lambda body: D.ok(D.session(messages))}
    with D.DocServer(routes=routes) as server:
        out = run(server, "/history --server")
    assert "1. top 2 companies\n     done · 2 rows · job j1\n" in out, out
    assert "sql: SELECT name FROM companies LIMIT 2" in out


def test_server_texts_in_lists_stay_on_one_line():
    evil = "quarterly\nreview\x1b[2J\x1b]0;owned\x07"
    sessions = [D.session(name=evil), D.session(name="second", sid=7)]
    routes = {
        ("GET", "/v3/sessions"): lambda body: D.ok({"sessions": sessions}),
        ("POST", "/v3/knowledgeBases"): lambda body: D.ok(
            {"default": True, "description": "kb\nwith a break", "knowledge_base_id": 2}
        ),
        ("GET", "/v3/knowledgeBases"): lambda body: D.ok(
            [{"knowledge_base_id": 2, "description": "kb\nwith a break", "default": True}]
        ),
        ("GET", "/v3/knowledgeBases/2/data"): lambda body: D.ok(
            [{"knowledge_data_id": 3, "type": "instruction", "raw_data": {"instruction": evil}}]
        ),
    }
    with D.DocServer(routes=routes) as server:
        out = run(server, "/sessions", "/kb")
    lines = out.splitlines()
    assert any(line.endswith("quarterly↵review␛[2J␛]0;owned␇") for line in lines), out
    assert "knowledge base 2 — kb↵with a break" in out
    assert "instruction: quarterly↵review␛[2J␛]0;owned␇" in out
    assert "\x1b" not in out and "\x07" not in out
    assert not any(line.strip() in ("review", "with a break") for line in lines)
