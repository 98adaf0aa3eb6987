"""PingCAP's TiInsight (tidbcloud/chat2query_bench @540d2a9), call for call, against the sandbox.

TiInsight's server (pages/api/gateway/[trpc].ts) calls the Data App with
``with-digest-fetch`` (utils/fetch.ts:24-52: Digest auth, JSON content type,
any non-2xx status throws, the body is parsed with json-bigint) and forwards the
``X-Override-AI-Model`` header (utils/fetch.ts:61-67). Its browser store polls a
job at once after the POST and then every second until done/failed
(store/utils.ts:39-51), and handles each poll of a question with a ts-pattern
``match(status).with("running"/"failed"/"done").run()``
(store/session.thunk.ts:202-239), which throws on any other status.
"""

from __future__ import annotations

from collections.abc import Iterator

from .habits import JOB_DELAY, PollLog, digest_client, pause

SAMPLE_DB_URI = "mysql://tiinsight:secret@gateway01.us-west-2.prod.aws.tidbcloud.com:4000/{db}"
MODEL = {"X-Override-AI-Model": "gpt-4o-mini"}
QUESTIONS = (
    "How many companies are there?",
    "Which 10 companies have the highest market cap?",
    "Number of companies in each sector",
    "Average closing price of MSFT per month in 2023",
    "What is the meaning of life?",  # declined: the failed branch
)


class MatchError(Exception):
    """What ts-pattern's ``.run()`` throws when no ``.with()`` branch matches."""


def polling_job(http, job_id: str, log: PollLog) -> Iterator[dict]:
    """store/utils.ts:39-51: GET at once, yield, sleep 1 s, stop after done/failed."""
    while True:
        body = http.get(f"/v2/jobs/{job_id}", headers=MODEL)
        body.raise_for_status()  # nodeFetch throws on !res.ok (utils/fetch.ts:46-50)
        result = body.json()
        log.saw(result["result"])
        yield result
        pause(1.0)
        if result["result"]["status"] in ("done", "failed"):
            break


def root_branch(status: str) -> str:
    """session.thunk.ts:208-239, with ``.run()``: only these three statuses have a branch."""
    if status not in ("running", "failed", "done"):
        raise MatchError(f"Pattern matching error: no pattern matches value {status!r}")
    return status


def check_resolved_answer(task: dict) -> None:
    """What the answer components read of a resolved (sub-)task: SQLChart.tsx:30-63 reads
    ``task.data.rows``/``task.data.columns`` unguarded, ``chart_options?.chart_name``,
    ``sql_error`` and ``sql``; Charts/index.tsx:30-40 calls ``data.columns.reduce``."""
    assert task["type"] == "data_retrieval" and isinstance(task["task_id"], str)
    assert isinstance(task["data"], dict)
    assert isinstance(task["data"]["columns"], list) and isinstance(task["data"]["rows"], list)
    assert all(isinstance(c["col"], str) for c in task["data"]["columns"])
    assert isinstance(task["sql"], str) and "sql_error" in task
    chart = task["chart_options"]
    assert chart is None or isinstance(chart["chart_name"], str)
    assert isinstance(task["clarified_task"], str)


def bind_database(http, dataset: str) -> dict:
    """bindDatabase, sample dataset form ([trpc].ts:546-583): database_uri from SAMPLE_DB_URI
    with the dataset as path; ``reuse`` from REUSE_DATA_SUMMARY (``true`` in .env.example);
    ``default: true``. Reads ``code``, ``result.data_summary_id``, ``result.job_id`` (585-626)."""
    r = http.post(
        "/v3/dataSummaries",
        headers=MODEL,
        json={"database_uri": SAMPLE_DB_URI.format(db=dataset), "reuse": True, "default": True},
    )
    r.raise_for_status()
    body = r.json()
    assert body["code"] == 200
    assert isinstance(body["result"]["data_summary_id"], int)
    assert isinstance(body["result"]["job_id"], str)
    return body["result"]


def understand_database(http, job_id: str) -> dict:
    """understandDatabaseRequested (session.thunk.ts:319-377): polls the summary job; on
    ``failed`` shows ``result.reason``, on ``done`` takes ``result.result`` as
    DatabaseUnderstandingV2 (server/api.ts:94-143: data_summary_id, description.system,
    keywords, relationships, tables). No ``.run()`` here: init is fine for this job."""
    log = PollLog()
    final = None
    for res in polling_job(http, job_id, log):
        final = res["result"]
    assert final is not None and final["status"] == "done", final
    summary = final["result"]
    for key in ("data_summary_id", "description", "keywords", "relationships", "tables"):
        assert key in summary
    assert isinstance(summary["description"]["system"], str)
    for links in summary["relationships"].values():
        assert isinstance(links, list)  # Record<string, Array<...>> (server/api.ts:104-112)
    return summary


def fetch_question_suggestions(http, dataset: str) -> list[str]:
    """getSuggestQuestion ([trpc].ts:350-363) then session.thunk.ts:426-453: ``"job_id" in
    data.result``, poll, on done ``isQuestionSuggestions`` (an array of strings, api.ts:322-326)."""
    r = http.post(
        "/v3/suggestQuestions",
        headers=MODEL,
        json={"database_uri": SAMPLE_DB_URI.format(db=dataset)},
    )
    r.raise_for_status()
    data = r.json()
    assert "job_id" in data["result"]
    final = None
    for res in polling_job(http, data["result"]["job_id"], PollLog()):
        final = res["result"]
    assert final["status"] == "done"
    suggestions = final["result"]
    assert isinstance(suggestions, list) and suggestions
    assert all(isinstance(s, str) for s in suggestions)
    return suggestions


def ask(http, session_id: int, question: str, log: PollLog) -> dict:
    """breakdownUserQuestion ([trpc].ts:212-251) and the root polling loop
    (session.thunk.ts:126-268): the body TiInsight sends, ``data.code``/``data.result.job_id``,
    then every poll through ``match(...).run()``; sub-tasks shown once ``status == "done"``,
    placed under the parent id made by dropping the last ``-segment``."""
    r = http.post(
        f"/v3/sessions/{session_id}/chat2data",
        headers=MODEL,
        json={
            "question": question,
            "sql_generate_mode": "auto_breakdown",
            "feedback_answer_id": "",
            "feedback_task_id": "",
        },
    )
    r.raise_for_status()
    data = r.json()
    assert data["code"] == 200
    placed = {"0"}
    final = None
    for res in polling_job(http, data["result"]["job_id"], log):
        assert res["code"] == 200
        status = root_branch(res["result"]["status"])
        result = res["result"]["result"]
        if status == "failed":
            assert isinstance(res["result"]["reason"], str) and res["result"]["reason"]
        if result is not None and result.get("type") == "breakdown":
            for sub in result["sub_tasks"]:
                if sub["task_id"] in placed or sub["status"] != "done":
                    continue
                parent = "-".join(sub["task_id"].split("-")[:-1])
                assert parent in placed, sub["task_id"]
                check_resolved_answer(sub)
                placed.add(sub["task_id"])
        final = res["result"]
    assert final is not None
    return final


def test_tiinsight_conversation(make_sandbox):
    """A whole TiInsight conversation (tidbcloud/chat2query_bench @540d2a9): bind the sample
    dataset ([trpc].ts:546-583), read the summary (session.thunk.ts:319-377), get suggestions
    (session.thunk.ts:381-459), check the summary is done and open a session
    (session.thunk.ts:62-112, [trpc].ts:111-169), ask (session.thunk.ts:114-268), where every
    status seen, the first poll included, has a branch; then refresh ([trpc].ts:640-699) and ask
    again."""
    sb = make_sandbox(job_delay=JOB_DELAY, daily_limit=0, rpm_limit=0)
    with digest_client(sb) as http:
        bound = bind_database(http, sb.database)
        summary = understand_database(http, bound["job_id"])
        assert summary["data_summary_id"] == bound["data_summary_id"]
        assert fetch_question_suggestions(http, sb.database)

        # userPromptSubmitted (session.thunk.ts:62-112): summary status, then createSession
        got = http.get(f"/v3/dataSummaries/{bound['data_summary_id']}", headers=MODEL)
        got.raise_for_status()
        assert got.json()["result"]["status"] == "done"
        created = http.post(
            "/v3/sessions",  # [trpc].ts:130-146: database_uri or cluster/database, no name
            headers=MODEL,
            json={"database_uri": SAMPLE_DB_URI.format(db=sb.database)},
        )
        created.raise_for_status()
        assert created.json()["code"] == 200
        session_id = created.json()["result"]["session_id"]
        assert isinstance(session_id, int)

        outcomes = []
        for question in QUESTIONS:
            log = PollLog()
            final = ask(http, session_id, question, log)
            assert "init" not in log.statuses, (question, log.statuses)  # nor at the first poll
            outcomes.append(final["status"])
        assert outcomes.count("done") >= 4 and outcomes[-1] == "failed"

        # refreshDataSummary ([trpc].ts:640-699): creator "tiinsight", reuse false, default true
        r = http.post(
            "/v3/dataSummaries",
            headers=MODEL,
            json={
                "database_uri": SAMPLE_DB_URI.format(db=sb.database),
                "creator": "tiinsight",
                "reuse": False,
                "default": True,
            },
        )
        r.raise_for_status()
        refreshed = r.json()["result"]
        assert refreshed["data_summary_id"] != bound["data_summary_id"]
        assert understand_database(http, refreshed["job_id"])["default"] is True
        log = PollLog()
        assert ask(http, session_id, QUESTIONS[0], log)["status"] == "done"
        assert "init" not in log.statuses


def test_tiinsight_cluster_form_and_every_first_poll(make_sandbox):
    """tidbcloud/chat2query_bench @540d2a9: the OAuth form binds by cluster_id + database
    (pages/api/gateway/[trpc].ts:574-579, 141-144, 359-362); TiInsight's immediate first poll
    (store/utils.ts:39-45) must be answered on every question, six in a row."""
    sb = make_sandbox(job_delay=JOB_DELAY, daily_limit=0, rpm_limit=0)
    named = {"cluster_id": sb.cluster_id, "database": sb.database}
    with digest_client(sb) as http:
        r = http.post(
            "/v3/dataSummaries", headers=MODEL, json={**named, "reuse": True, "default": True}
        )
        r.raise_for_status()
        understand_database(http, r.json()["result"]["job_id"])
        created = http.post("/v3/sessions", headers=MODEL, json=named)
        created.raise_for_status()
        session_id = created.json()["result"]["session_id"]
        for question in QUESTIONS[:3] * 2:
            log = PollLog()
            ask(http, session_id, question, log)
            assert log.statuses and "init" not in log.statuses
