"""tisqleditor's chat API (tidbcloud/tisqleditor @9649ab4), call for call, against the sandbox.

The playground's browser code (packages/playground/src/api/tidbcloud/chat-api.ts)
posts to its own edge functions, which add ``cluster_id`` and forward the body to
the Data App with ``Authorization: Basic btoa(pub:priv)`` and a JSON content type
(netlify/edge-functions/chat2data.ts:28-53, refine-sql.ts:29-55, job-status.ts:21-36;
the Next.js routes in packages/playground-nextjs/app/api/* are the same). The
browser then polls the job at most five times, at once and then every 10 s
(chat-api.ts:63-87), reading ``status``, ``result.rewritten_sql ?? result.sql``
and ``reason``; on an HTTP status >= 400 it shows the body's ``msg`` (chat-api.ts:50-60).
"""

from __future__ import annotations

import sqlglot

from .habits import JOB_DELAY, PollLog, basic_client, poll_until_finished, warm_engine

REFINE_EXAMPLE_SQL = "SELECT * FROM `companies` ORDER BY `market_cap` DESC LIMIT 20;"


def query_job_status(http, job_id: str) -> dict:
    """job-status.ts:21-38 forwards GET /v2/jobs/{id}; chat-api.ts:50-60 returns ``d.result``
    or throws ``new Error(d.msg)`` for a status outside 200..399."""
    r = http.get(f"/v2/jobs/{job_id}")
    assert r.status_code < 400, r.json().get("msg")
    return r.json()["result"]


def loop_query_job(http, job_id: str) -> tuple[str, str]:
    """chat-api.ts:63-87: five polls at most; done → ``rewritten_sql ?? sql ?? ''``,
    failed → ``reason``; no answer in five polls is "Request timed out"."""
    job = poll_until_finished(
        lambda: query_job_status(http, job_id), wait_after=10.0, log=PollLog(), max_polls=5
    )
    assert job is not None, "Request timed out. Please try again."
    if job["status"] == "done":
        result = job["result"]
        message = result.get("rewritten_sql")
        if message is None:
            message = result.get("sql")
        return "success", message if message is not None else ""
    return "error", job["reason"]


def post(http, path: str, body: dict) -> dict:
    """The edge function adds ``cluster_id`` (chat2data.ts:28-31) and the browser reads
    ``d.result`` or throws ``d.msg`` (chat-api.ts:114-127, 160-173)."""
    r = http.post(path, json=body)
    if r.status_code >= 400:
        raise RuntimeError(r.json()["msg"])
    return r.json()["result"]


def test_chat2data_then_refine_sql(make_sandbox):
    """tidbcloud/tisqleditor @9649ab4: chat2data (packages/playground/src/api/tidbcloud/
    chat-api.ts:96-136; body without sql_generate_mode, netlify/edge-functions/chat2data.ts:28-31)
    and refineSql (chat-api.ts:144-182) with the example of netlify/edge-functions/
    refine-sql.ts:34-39; refineSql's POST result carries ``job_id`` and ``session_id`` as the
    comment at chat-api.ts:151-159 shows."""
    sb = make_sandbox(job_delay=JOB_DELAY)
    warm_engine(sb)
    with basic_client(sb) as http:
        started = post(
            http,
            "/v3/chat2data",
            {
                "cluster_id": sb.cluster_id,
                "database": sb.database,
                "question": "show the 10 companies with the highest market cap",
            },
        )
        assert set(started) >= {"cluster_id", "database", "job_id", "session_id"}
        status, sql = loop_query_job(http, started["job_id"])
        assert status == "success" and sql
        sqlglot.parse_one(sql, read="mysql")  # the editor inserts it into a MySQL/TiDB editor

        refine = post(
            http,
            "/v3/refineSql",
            {
                "cluster_id": sb.cluster_id,
                "database": sb.database,
                "sql": REFINE_EXAMPLE_SQL,
                "feedback": "limit 10",
            },
        )
        assert isinstance(refine["job_id"], str) and isinstance(refine["session_id"], int)
        status, rewritten = loop_query_job(http, refine["job_id"])
    assert status == "success"
    assert rewritten == "SELECT * FROM `companies` ORDER BY `market_cap` DESC LIMIT 10"


def test_errors_reach_the_editor_as_msg(make_sandbox):
    """tidbcloud/tisqleditor @9649ab4: a request the Data App refuses shows ``d.msg``
    (packages/playground/src/api/tidbcloud/chat-api.ts:119-123); a question the service cannot
    answer shows the job's ``reason`` (chat-api.ts:81-82)."""
    sb = make_sandbox(job_delay=JOB_DELAY)
    warm_engine(sb)
    with basic_client(sb) as http:
        try:
            post(
                http,
                "/v3/chat2data",
                {"cluster_id": sb.cluster_id, "database": "game", "question": "top games"},
            )
        except RuntimeError as exc:
            assert "game" in str(exc)
        else:
            raise AssertionError("an unknown database must be refused")
        started = post(
            http,
            "/v3/chat2data",
            {"cluster_id": sb.cluster_id, "database": sb.database, "question": "sing me a song"},
        )
        status, message = loop_query_job(http, started["job_id"])
    assert status == "error" and message
