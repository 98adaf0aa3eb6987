"""Parsers and the envelope decoder on the payloads documented in the spec (chat2query-api.md).

The docs' own JSON has syntax errors in places (spec §8.1); these are the same
payloads with the syntax fixed and the field values kept.
"""

from __future__ import annotations

import json

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.envelope import check_response, parse_envelope, retry_after_seconds
from c2q_repl.api.models import Answer, ChatStarted, Job
from c2q_repl.api.resources import (
    DataSummary,
    KnowledgeBase,
    RefineResult,
    Session,
    Suggestions,
    SummaryStarted,
    V1Result,
)


def body(obj) -> bytes:
    return json.dumps(obj).encode()


DIRECT_JOB = {  # §6 / §8.3: GET /v2/jobs/{id} for a direct-mode chat2data job
    "code": 200,
    "msg": "",
    "result": {
        "ended_at": 1718785006,
        "job_id": "fb99ef785da640ab87bf69afed60903d",
        "reason": "",
        "result": {
            "assumptions": [],
            "chart_options": {
                "chart_name": "Table",
                "option": {"columns": ["total_users"]},
                "title": "Total Number of Users in the Database",
            },
            "clarified_task": "Count the total number of users in the database.",
            "data": {"columns": [{"col": "total_users"}], "rows": [["1"]]},
            "description": "",
            "sql": "SELECT COUNT(`user_id`) AS total_users FROM `users`;",
            "sql_error": None,
            "status": "done",
            "task_id": "0",
            "type": "data_retrieval",
        },
        "status": "done",
    },
}

SUMMARY_JOB_RESULT = {  # §8.1, the docs' example: relationships as one object per table
    "cluster_id": "10140100115280519574",
    "data_summary_id": 304823,
    "database": "sp500insight",
    "default": False,
    "description": {"system": "Data source for the S&P 500 stock index.", "user": "Sample data"},
    "keywords": ["User_Stock_Selection", "Index_Composition"],
    "relationships": {
        "companies": {
            "referenced_table": "N/A",
            "referenced_table_column": "N/A",
            "referencing_table": "companies",
            "referencing_table_column": "stock_symbol",
        }
    },
    "summary": "Financial data for S&P 500 companies",
    "status": "done",
    "tables": {
        "companies": {
            "columns": {
                "city": {
                    "description": "The city where the company is headquartered.",
                    "name": "city",
                }
            },
            "description": "Company information",
            "name": "companies",
        }
    },
}


def test_direct_job_example():
    env = check_response(200, {}, body(DIRECT_JOB))
    job = Job.from_json(env.result)
    assert job.finished and job.ended_at == 1718785006
    answer = job.answer()
    assert answer.type == "data_retrieval" and answer.task_id == "0" and not answer.failed
    assert answer.data.columns == ["total_users"] and answer.data.rows == [["1"]]
    assert (
        answer.chart.name == "Table"
        and answer.chart.known
        and answer.chart.option == {"columns": ["total_users"]}
    )
    assert job.raw == DIRECT_JOB["result"]  # the raw JSON is kept for transcripts


def test_summary_example_both_relationship_shapes():
    single = DataSummary.from_json(SUMMARY_JOB_RESULT)
    listed = DataSummary.from_json(
        {
            **SUMMARY_JOB_RESULT,
            "relationships": {
                "companies": [
                    SUMMARY_JOB_RESULT["relationships"]["companies"],
                    {"referencing_table": "users", "referenced_table": "companies"},
                ]
            },
        }
    )
    assert (
        single.ready
        and single.data_summary_id == "304823"
        and single.description_user == "Sample data"
    )
    assert single.relationships[0].referencing_table_column == "stock_symbol"
    assert len(listed.relationships) == 2
    assert single.tables["companies"].columns["city"].description.startswith("The city")


def test_create_responses():
    started = SummaryStarted.from_json(
        check_response(
            200,
            {},
            body(
                {
                    "code": 200,
                    "msg": "",
                    "result": {
                        "data_summary_id": 304823,
                        "job_id": "fb99ef785da640ab87bf69afed60903d",
                    },
                }
            ),
        ).result
    )
    assert started.data_summary_id == "304823"
    chat = ChatStarted.from_json(
        {
            "cluster_id": "10140100115280519574",
            "database": "sp500insight",
            "job_id": "20f0d7d0a4de4b1a8bfd2a8ca5c0a3b4",
            "session_id": 304832,
        }
    )
    assert chat.session_id == "304832" and chat.database == "sp500insight"
    session = Session.from_json(
        {
            "messages": [],
            "meta": {
                "created_at": 1718948875,
                "creator": "someone@pingcap.com",
                "name": "<session name>",
                "org_id": "1",
                "updated_at": 1718948875,
            },
            "session_id": 305685,
        }
    )
    assert (
        session.session_id == "305685"
        and session.org_id == "1"
        and session.created_at == 1718948875
    )
    kb = KnowledgeBase.from_json({"default": True, "description": "", "knowledge_base_id": 2})
    assert kb.knowledge_base_id == "2" and kb.default


def test_breakdown_and_partial_breakdown():
    running = Job.from_json(
        {
            "job_id": "j",
            "status": "running",
            "ended_at": 0,
            "result": {
                "type": "breakdown",
                "task_id": "0",
                "status": "running",
                "clarified_task": "Compare sectors",
                "sub_tasks": [
                    {
                        "type": "data_retrieval",
                        "task_id": "0-0",
                        "status": "done",
                        "sql": "SELECT 1",
                        "data": {"columns": [{"col": "a"}], "rows": [["1"]]},
                        "chart_options": None,
                    },
                    {"type": "data_retrieval", "task_id": "0-1", "status": "running"},
                ],
            },
        }
    )
    answer = running.answer()
    assert not running.finished and answer.is_breakdown
    assert [t.task_id for t in answer.sub_tasks] == ["0-0", "0-1"] and [
        t.status for t in answer.leaves()
    ] == ["done", "running"]


def test_v2_task_tree_maps_onto_answer():
    result = {
        "question_id": "6d0a3c2e-1a8b-4f7e-9e0d-3b2c1a0f9e8d",
        "raw_question": "how many users",
        "time_elapsed": 12.3,
        "task_tree": {
            "0": {
                "task_id": "0",
                "task": "how many users",
                "clarified_task": "Count users",
                "description": "",
                "sequence_no": 0,
                "sql": "SELECT COUNT(*) FROM users",
                "columns": [{"col": "COUNT(*)"}],
                "rows": [["1"]],
            }
        },
    }
    answer = Job.from_json({"job_id": "j", "status": "done", "result": result}).answer()
    assert (
        answer.sql.startswith("SELECT")
        and answer.data.rows == [["1"]]
        and answer.clarified_task == "Count users"
    )


def test_failures_at_both_levels():
    failed_job = Job.from_json(
        {"job_id": "j", "status": "failed", "reason": "internal error", "result": None}
    )
    assert (
        failed_job.finished
        and failed_job.reason == "internal error"
        and failed_job.answer() is None
    )
    sql_failed = Answer.from_json(
        {
            "type": "data_retrieval",
            "task_id": "0",
            "status": "failed",
            "sql": "SELECT x",
            "sql_error": "Unknown column 'x'",
            "data": {"columns": None, "rows": None},
            "chart_options": None,
        }
    )
    assert (
        sql_failed.failed
        and sql_failed.error_text == "Unknown column 'x'"
        and sql_failed.data is None
    )


def test_refine_and_suggestions():
    assert (
        RefineResult.from_json(
            {"rewritten_sql": "SELECT 1 LIMIT 10", "solution": "added a limit"}
        ).solution
        == "added a limit"
    )
    assert (
        Suggestions.from_json(["Which sector is largest?", "Top 5 companies"]).questions[1]
        == "Top 5 companies"
    )


def test_v1_example():
    v1 = {
        "type": "chat2data_endpoint",
        "data": {
            "columns": [{"col": "`COUNT(user_id)`", "data_type": "BIGINT", "nullable": False}],
            "rows": [{"`COUNT(user_id)`": "1"}],
            "result": {
                "code": 200,
                "message": "Query OK!",
                "start_ms": 1678965476709,
                "end_ms": 1678965476839,
                "latency": "130ms",
                "row_count": 1,
                "row_affect": 0,
                "limit": 50,
                "sql": "SELECT COUNT(user_id) FROM users;",
                "ai_latency": "30ms",
            },
        },
    }
    env = check_response(200, {}, body(v1))
    assert env.style == "gateway" and env.type == "chat2data_endpoint"
    result = V1Result.from_json(env.result)
    assert result.data.rows == [["1"]] and result.row_count == 1 and result.latency == "130ms"


def test_big_integers_stay_exact():
    env = check_response(
        200,
        {},
        b'{"code":200,"msg":"","result":{"cluster_id":10939961583884005252,"db_name":"x","status":"done"}}',
    )
    assert DataSummary.from_json(env.result).cluster_id == "10939961583884005252"


@pytest.mark.parametrize(
    "status,payload,cls",
    [
        (
            400,
            {
                "code": 400,
                "msg": "Data summary is not ready, please wait for a while and retry",
                "result": {},
            },
            E.DataSummaryNotReadyError,
        ),
        (
            401,
            {
                "type": "",
                "data": {
                    "columns": [],
                    "rows": [],
                    "result": {
                        "code": 401,
                        "message": "auth failed",
                        "start_ms": "",
                        "end_ms": "",
                        "latency": "",
                        "row_count": 0,
                        "row_affect": 0,
                        "limit": 0,
                    },
                },
            },
            E.AuthError,
        ),
        (
            401,
            {
                "type": "",
                "data": {
                    "result": {
                        "code": 49900002,
                        "message": "API Key is no longer valid",
                        "start_ms": 0,
                        "end_ms": 0,
                    }
                },
            },
            E.ExpiredKeyError,
        ),
        (
            429,
            {
                "type": "chat2data_endpoint",
                "data": {
                    "result": {
                        "code": 429,
                        "message": "The AI request exceeded the limit of 100 times per day. For more quota, please contact us: https://tidb.support.pingcap.com/",
                    }
                },
            },
            E.QuotaExceededError,
        ),
        (
            429,
            {
                "type": "",
                "data": {
                    "result": {
                        "code": 49900007,
                        "message": "The request exceeded the limit of 100 times per apikey per minute. For more quota, please contact us: https://tidb.support.pingcap.com/",
                    }
                },
            },
            E.RateLimitError,
        ),
        (
            500,
            {
                "type": "sql_endpoint",
                "data": {
                    "result": {
                        "code": 500,
                        "message": "internal error! defaultPermissionHelper: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
                    }
                },
            },
            E.ServerError,
        ),
        (
            403,
            {"code": 403, "message": "Request error, projectId not exist", "details": []},
            E.PermissionError_,
        ),
    ],
)
def test_documented_error_bodies(status, payload, cls):
    with pytest.raises(cls) as info:
        check_response(
            status, {"X-Ratelimit-Reset": "12"}, body(payload), request="POST /v3/chat2data"
        )
    assert type(info.value) is cls and info.value.status == status
    if cls is E.RateLimitError:
        assert info.value.retry_after == 12


def test_rate_limit_headers():
    assert retry_after_seconds({"X-Ratelimit-Reset": "7"}) == 7
    assert retry_after_seconds({"retry-after": "2.5"}) == 2.5
    assert retry_after_seconds({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    assert retry_after_seconds({}) is None


def test_parse_envelope_recognises_both_styles_only():
    assert parse_envelope({"code": 200, "msg": "", "result": None}).style == "app"
    assert parse_envelope({"type": "", "data": {"result": {"code": 1}}}).style == "gateway"
    assert parse_envelope({"job_id": "x"}) is None and parse_envelope([1]) is None


def test_gateway_failure_inside_a_200_is_an_error_but_a_sql_error_code_is_an_answer():
    internal = {
        "type": "chat2data_endpoint",
        "data": {"result": {"code": 500, "message": "internal error! rpc error"}},
    }
    with pytest.raises(E.ServerError):
        check_response(200, {}, body(internal))
    sql_failed = {
        "type": "chat2data_endpoint",
        "data": {"result": {"code": 1146, "message": "table not found"}},
    }
    assert V1Result.from_json(check_response(200, {}, body(sql_failed)).result).code == 1146


def test_bare_429s():
    with pytest.raises(E.RateLimitError):
        check_response(429, {"Retry-After": "3"}, b"")
    with pytest.raises(E.QuotaExceededError):
        check_response(429, {}, b"")
    quota = {
        "type": "chat2data_endpoint",
        "data": {
            "result": {
                "code": 429,
                "message": "The AI request exceeded the limit of 100 times per day.",
            }
        },
    }
    with pytest.raises(E.QuotaExceededError):
        check_response(429, {"Retry-After": "3"}, body(quota))
