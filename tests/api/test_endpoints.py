"""Every endpoint method over real HTTP: the request it sends and the model it returns."""

from __future__ import annotations

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.models import ChatStarted, Job
from c2q_repl.api.resources import (
    DataSummary,
    KnowledgeBase,
    KnowledgeData,
    RefineResult,
    Session,
    Suggestions,
    SummaryStarted,
    TableSummary,
    V1Result,
)

from .server import Reply, ok

JOB = "fb99ef785da640ab87bf69afed60903d"
SESSION = {
    "messages": [],
    "meta": {
        "created_at": 1718948875,
        "updated_at": 1718948875,
        "creator": "me@example.com",
        "name": "demo",
        "org_id": "1",
    },
    "session_id": 305685,
}
SUMMARY = {
    "data_summary_id": 304823,
    "cluster_id": "10140100115280519574",
    "database": "sp500insight",
    "default": True,
    "status": "done",
    "description": {"system": "S&P 500 data", "user": ""},
    "summary": "stocks",
    "keywords": ["stock"],
    "relationships": {
        "companies": [
            {
                "referencing_table": "index_compositions",
                "referencing_table_column": "stock_symbol",
                "referenced_table": "companies",
                "referenced_table_column": "stock_symbol",
            }
        ]
    },
    "tables": {
        "companies": {
            "name": "companies",
            "description": "listed companies",
            "columns": {"stock_symbol": {"name": "stock_symbol", "description": "ticker"}},
        }
    },
}
KB = {"default": True, "description": "", "knowledge_base_id": 2}
KDATA = {
    "knowledge_data_id": 7,
    "type": "instruction",
    "raw_data": {"instruction": "Use UTC"},
    "meta_data": {},
}

# (call, method, path, scripted result, expected request body or None, check)
CASES = [
    (
        "create_session",
        lambda c: c.create_session("101", "db", name="demo"),
        "POST",
        "/v3/sessions",
        SESSION,
        {"cluster_id": "101", "database": "db", "name": "demo"},
        lambda r: isinstance(r, Session) and r.session_id == "305685" and r.name == "demo",
    ),
    (
        "list_sessions",
        lambda c: c.list_sessions(),
        "GET",
        "/v3/sessions",
        {"sessions": [SESSION, SESSION]},
        None,
        lambda r: len(r) == 2 and all(isinstance(s, Session) for s in r),
    ),
    (
        "get_session",
        lambda c: c.get_session(305685),
        "GET",
        "/v3/sessions/305685",
        {**SESSION, "messages": [{"role": "user", "content": "hi", "job_id": JOB}]},
        None,
        lambda r: r.messages[0].content == "hi" and r.messages[0].job_id == JOB,
    ),
    (
        "update_session",
        lambda c: c.update_session(305685, "renamed"),
        "PUT",
        "/v3/sessions/305685",
        {**SESSION, "meta": {**SESSION["meta"], "name": "renamed"}},
        {"name": "renamed"},
        lambda r: r.name == "renamed",
    ),
    (
        "update_session_empty",
        lambda c: c.update_session(305685, "x"),
        "PUT",
        "/v3/sessions/305685",
        None,
        {"name": "x"},
        lambda r: r is None,
    ),
    (
        "reset_session",
        lambda c: c.reset_session(305685),
        "PUT",
        "/v3/sessions/305685/reset",
        SESSION,
        {},
        lambda r: r.messages == [],
    ),
    (
        "session_chat",
        lambda c: c.session_chat(
            305685,
            "how many?",
            mode="auto_breakdown",
            feedback_answer_id="a1",
            feedback_task_id="0-1",
        ),
        "POST",
        "/v3/sessions/305685/chat2data",
        {"job_id": JOB, "session_id": 305685},
        {
            "question": "how many?",
            "sql_generate_mode": "auto_breakdown",
            "feedback_answer_id": "a1",
            "feedback_task_id": "0-1",
        },
        lambda r: isinstance(r, ChatStarted) and r.job_id == JOB and r.session_id == "305685",
    ),
    (
        "chat",
        lambda c: c.chat("how many?", cluster_id="101", database="db"),
        "POST",
        "/v3/chat2data",
        {"cluster_id": "101", "database": "db", "job_id": JOB, "session_id": 1},
        {
            "question": "how many?",
            "sql_generate_mode": "direct",
            "cluster_id": "101",
            "database": "db",
        },
        lambda r: r.job_id == JOB,
    ),
    (
        "chat_by_summary",
        lambda c: c.chat("q", data_summary_id="304823"),
        "POST",
        "/v3/chat2data",
        {"job_id": JOB},
        {"question": "q", "sql_generate_mode": "direct", "data_summary_id": 304823},
        lambda r: r.job_id == JOB,
    ),
    (
        "create_data_summary",
        lambda c: c.create_data_summary("101", "db", description="mine"),
        "POST",
        "/v3/dataSummaries",
        {"data_summary_id": 304823, "job_id": JOB},
        {
            "cluster_id": "101",
            "database": "db",
            "description": "mine",
            "reuse": True,
            "default": True,
        },
        lambda r: (
            isinstance(r, SummaryStarted) and r.data_summary_id == "304823" and r.job_id == JOB
        ),
    ),
    (
        "list_data_summaries",
        lambda c: c.list_data_summaries(),
        "GET",
        "/v3/dataSummaries",
        [SUMMARY],
        None,
        lambda r: (
            isinstance(r[0], DataSummary)
            and r[0].ready
            and r[0].relationships[0].referenced_table == "companies"
        ),
    ),
    (
        "get_data_summary",
        lambda c: c.get_data_summary(304823),
        "GET",
        "/v3/dataSummaries/304823",
        SUMMARY,
        None,
        lambda r: r.tables["companies"].columns["stock_symbol"].description == "ticker",
    ),
    (
        "update_data_summary",
        lambda c: c.update_data_summary(304823, description="new"),
        "PUT",
        "/v3/dataSummaries/304823",
        {**SUMMARY, "description": {"system": "S", "user": "new"}},
        {"description": "new"},
        lambda r: isinstance(r, DataSummary) and r.description_user == "new",
    ),
    (
        "update_data_summary_job",
        lambda c: c.update_data_summary(304823, tables={"t": {"description": "d"}}),
        "PUT",
        "/v3/dataSummaries/304823",
        {"job_id": JOB},
        {"tables": {"t": {"description": "d"}}},
        lambda r: isinstance(r, SummaryStarted) and r.job_id == JOB,
    ),
    (
        "update_table_description",
        lambda c: c.update_table_description(304823, "companies", "firms"),
        "PUT",
        "/v3/dataSummaries/304823/tables/companies",
        None,
        {"description": "firms"},
        lambda r: r is None,
    ),
    (
        "update_table_description_table",
        lambda c: c.update_table_description(304823, "companies", "firms"),
        "PUT",
        "/v3/dataSummaries/304823/tables/companies",
        SUMMARY["tables"]["companies"],
        {"description": "firms"},
        lambda r: (
            isinstance(r, TableSummary)
            and r.name == "companies"
            and r.columns["stock_symbol"].description == "ticker"
        ),
    ),
    (
        "get_data_summary_v2",
        lambda c: c.get_data_summary_v2(5),
        "GET",
        "/v2/dataSummaries/5",
        {
            "id": 5,
            "name": "data-context",
            "type": "data",
            "data": {
                "cluster_id": 1,
                "db_name": "db",
                "status": "done",
                "db_schema": {"t": {"table_name": "t", "columns": {}}},
            },
        },
        None,
        lambda r: r.data_summary_id == "5" and r.database == "db" and "t" in r.tables,
    ),
    (
        "update_column_descriptions",
        lambda c: c.update_column_descriptions(304823, "companies", {"stock_symbol": "ticker"}),
        "PUT",
        "/v3/dataSummaries/304823/tables/companies/columns",
        SUMMARY,
        {"columns": {"stock_symbol": "ticker"}},
        lambda r: isinstance(r, DataSummary),
    ),
    (
        "create_knowledge_base",
        lambda c: c.create_knowledge_base("101", "db", "kb"),
        "POST",
        "/v3/knowledgeBases",
        KB,
        {"cluster_id": "101", "database": "db", "description": "kb"},
        lambda r: (
            isinstance(r, KnowledgeBase)
            and r.knowledge_base_id == "2"
            and r.database == "db"
            and r.default
        ),
    ),
    (
        "list_knowledge_bases",
        lambda c: c.list_knowledge_bases(),
        "GET",
        "/v3/knowledgeBases",
        {"knowledge_bases": [KB]},
        None,
        lambda r: r[0].knowledge_base_id == "2",
    ),
    (
        "get_knowledge_base",
        lambda c: c.get_knowledge_base(2),
        "GET",
        "/v3/knowledgeBases/2",
        {**KB, "cluster_id": "101"},
        None,
        lambda r: r.cluster_id == "101",
    ),
    (
        "update_knowledge_base",
        lambda c: c.update_knowledge_base(2, description="d"),
        "PUT",
        "/v3/knowledgeBases/2",
        {**KB, "description": "d"},
        {"description": "d"},
        lambda r: r.description == "d",
    ),
    (
        "add_knowledge",
        lambda c: c.add_knowledge(2, "few-shot", {"question": "q", "answer": "SELECT 1"}),
        "POST",
        "/v3/knowledgeBases/2/data",
        {"knowledge_data_id": 9},
        {"type": "few-shot", "meta_data": {}, "raw_data": {"question": "q", "answer": "SELECT 1"}},
        lambda r: (
            isinstance(r, KnowledgeData)
            and r.knowledge_data_id == "9"
            and r.type == "few-shot"
            and r.raw_data["answer"] == "SELECT 1"
        ),
    ),
    (
        "list_knowledge",
        lambda c: c.list_knowledge(2),
        "GET",
        "/v3/knowledgeBases/2/data",
        [KDATA],
        None,
        lambda r: r[0].raw_data == {"instruction": "Use UTC"},
    ),
    (
        "update_knowledge",
        lambda c: c.update_knowledge(2, 7, type="instruction", raw_data={"instruction": "UTC!"}),
        "PUT",
        "/v3/knowledgeBases/2/data/7",
        {**KDATA, "raw_data": {"instruction": "UTC!"}},
        {"type": "instruction", "raw_data": {"instruction": "UTC!"}},
        lambda r: r.raw_data["instruction"] == "UTC!",
    ),
    (
        "delete_knowledge",
        lambda c: c.delete_knowledge(2, 7),
        "DELETE",
        "/v3/knowledgeBases/2/data/7",
        None,
        None,
        lambda r: r is None,
    ),
    (
        "refine_sql",
        lambda c: c.refine_sql("101", "db", "SELECT 1", "add a limit"),
        "POST",
        "/v3/refineSql",
        {"job_id": JOB},
        {"cluster_id": "101", "database": "db", "sql": "SELECT 1", "feedback": "add a limit"},
        lambda r: r.job_id == JOB,
    ),
    (
        "suggest_questions",
        lambda c: c.suggest_questions("101", "db"),
        "POST",
        "/v3/suggestQuestions",
        {"job_id": JOB},
        {"cluster_id": "101", "database": "db"},
        lambda r: r.job_id == JOB,
    ),
    (
        "create_data_summary_v2",
        lambda c: c.create_data_summary_v2("101", "db"),
        "POST",
        "/v2/dataSummaries",
        {"data_summary_id": 5, "job_id": JOB},
        {"cluster_id": "101", "database": "db", "description": "", "reuse": True},
        lambda r: r.job_id == JOB,
    ),
    (
        "list_data_summaries_v2",
        lambda c: c.list_data_summaries_v2(),
        "GET",
        "/v2/dataSummaries",
        [
            {
                "cluster_id": 10939961583884005252,
                "db_name": "db",
                "status": "done",
                "db_schema": {"t": {"table_name": "t", "columns": {}}},
            }
        ],
        None,
        lambda r: (
            r[0].cluster_id == "10939961583884005252"
            and r[0].database == "db"
            and "t" in r[0].tables
        ),
    ),
    (
        "chat_v2",
        lambda c: c.chat_v2("how many?", cluster_id="101", database="db"),
        "POST",
        "/v2/chat2data",
        {"job_id": JOB},
        {"raw_question": "how many?", "cluster_id": "101", "database": "db"},
        lambda r: r.job_id == JOB,
    ),
    (
        "get_job",
        lambda c: c.get_job(JOB),
        "GET",
        f"/v2/jobs/{JOB}",
        {
            "job_id": JOB,
            "status": "done",
            "ended_at": 1718785006,
            "reason": "",
            "result": {
                "type": "data_retrieval",
                "task_id": "0",
                "status": "done",
                "sql": "SELECT 1",
                "sql_error": None,
                "data": {"columns": [{"col": "1"}], "rows": [["1"]]},
                "chart_options": None,
            },
        },
        None,
        lambda r: isinstance(r, Job) and r.finished and r.answer().data.rows == [["1"]],
    ),
]


@pytest.mark.parametrize(
    "name,call,method,path,result,body,check", CASES, ids=[c[0] for c in CASES]
)
def test_endpoint(server, client, name, call, method, path, result, body, check):
    server.route(method, path, ok(result))
    parsed = call(client)
    assert check(parsed), parsed
    sent = server.requests_to(method, path)
    assert len(sent) == 1
    if body is not None:
        assert sent[0].body == body
    assert sent[0].headers["accept"] == "application/json"


def test_every_public_endpoint_method_is_covered():
    from c2q_repl.api.client import Chat2QueryClient

    public = {
        n
        for n in dir(Chat2QueryClient)
        if not n.startswith("_") and callable(getattr(Chat2QueryClient, n))
    }
    public -= {"close", "job_origin"}
    covered = {c[0] for c in CASES} | {"chat_v1"}
    assert public <= covered, public - covered


def test_list_filters_are_query_parameters(server, client):
    server.route("GET", "/v3/dataSummaries", ok({"data_summaries": [SUMMARY]}))
    client.list_data_summaries(cluster_id="101", database="sp500insight")
    assert server.received[-1].query == {"cluster_id": "101", "database": "sp500insight"}


def test_ids_are_percent_encoded_in_paths(server, client):
    server.route("PUT", "/v3/dataSummaries/1/tables/a%2Fb%20c", ok(None))
    assert client.update_table_description(1, "a/b c", "d") is None
    assert len(server.requests_to("PUT", "/v3/dataSummaries/1/tables/a%2Fb%20c")) == 1


def test_v1_chat2data_gateway_envelope(server, client):
    data = {
        "columns": [{"col": "count", "data_type": "BIGINT", "nullable": False}],
        "rows": [{"count": "1"}],
        "result": {
            "code": 200,
            "message": "Query OK!",
            "start_ms": 1,
            "end_ms": 2,
            "latency": "3.6s",
            "row_count": 1,
            "row_affect": 0,
            "limit": 1000,
            "sql": "SELECT COUNT(*) AS count FROM t",
            "ai_latency": "3.5s",
        },
    }
    server.route("POST", "/chat2data", Reply(200, {"type": "chat2data_endpoint", "data": data}))
    result = client.chat_v1("101", "db", "count rows", tables=["t"])
    assert isinstance(result, V1Result) and result.code == 200 and result.data.rows == [["1"]]
    assert result.sql.startswith("SELECT COUNT")
    assert server.received[-1].body == {
        "cluster_id": "101",
        "database": "db",
        "instruction": "count rows",
        "tables": ["t"],
    }
    assert client.ai_requests_sent == 1


def test_v1_sql_failure_is_an_answer_and_internal_error_raises(server, client):
    failed = {
        "columns": [],
        "rows": [],
        "result": {"code": 1146, "message": "table not found", "sql": "SELECT * FROM nope"},
    }
    broken = {
        "columns": [],
        "rows": [],
        "result": {"code": 500, "message": "internal error! rpc error"},
    }
    server.route(
        "POST",
        "/chat2data",
        Reply(200, {"type": "chat2data_endpoint", "data": failed}),
        Reply(200, {"type": "chat2data_endpoint", "data": broken}),
    )
    assert client.chat_v1("1", "db", "x").code == 1146
    with pytest.raises(E.ServerError):
        client.chat_v1("1", "db", "x")


def test_local_validation_spends_no_request(client):
    with pytest.raises(E.ValidationError):
        client.add_knowledge(2, "instruction", {"instruction": "x" * 513})
    with pytest.raises(E.ValidationError):
        client.add_knowledge(2, "poem", {})
    with pytest.raises(E.ValidationError):
        client.chat("q", mode="creative")
    assert client.requests_sent == 0


def test_job_result_shapes_parse(server, client):
    server.route(
        "GET",
        "/v2/jobs/r",
        ok(
            {
                "job_id": "r",
                "status": "done",
                "result": {"rewritten_sql": "SELECT 2", "solution": "s"},
            }
        ),
    )
    server.route("GET", "/v2/jobs/s", ok({"job_id": "s", "status": "done", "result": ["q1", "q2"]}))
    assert RefineResult.from_json(client.get_job("r").result).rewritten_sql == "SELECT 2"
    assert Suggestions.from_json(client.get_job("s").result).questions == ["q1", "q2"]


def test_ai_counter_counts_only_ai_posts(server, client):
    server.route("POST", "/v3/sessions", ok(SESSION))
    server.route("POST", "/v3/sessions/305685/chat2data", ok({"job_id": JOB, "session_id": 305685}))
    server.route("GET", f"/v2/jobs/{JOB}", ok({"job_id": JOB, "status": "running"}))
    client.create_session("1", "db")
    client.session_chat(305685, "q")
    client.get_job(JOB)
    assert (client.requests_sent, client.ai_requests_sent) == (3, 1)
    origin = client.job_origin(JOB)
    assert origin is not None and origin.kind == "chat:direct"
