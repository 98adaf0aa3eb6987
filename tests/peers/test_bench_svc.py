"""The benchmark clients of tidbcloud/chat2query_bench (@540d2a9), call for call, against the sandbox.

chat2query_benchmark/{bird,spider}/svc.py use ``requests`` with ``HTTPDigestAuth``
(svc.py:13-15) on the v2 API. main.py (bird/main.py:51-52, 29) creates a data
summary from a ``database_uri`` of the form ``bird://<db>`` / ``spider://<db>``
(svc.py:53-66), waits for it with ``loopv2`` — back-to-back polls with no pause
unless a request raises (svc.py:93-101) — then per question posts
``{data_summary_id, raw_question[, evidence]}`` to /v2/chat2data (svc.py:69-81) and
polls at once, then every 5 s (svc.py:23-50), reading ``status`` and, when done,
the first ``task_tree`` node that has a ``sql`` key: ``sql``, ``description``,
``clarified_task``, ``raw_generated_sql`` and ``refine_note`` (the last two optional).
"""

from __future__ import annotations

import httpx
import pytest

from .habits import JOB_DELAY, PollLog, digest_client, pause, poll_until_finished

QUESTIONS = (
    ("How many companies are there?", "companies are rows of the companies table"),
    ("Which 10 companies have the highest market cap?", ""),
    ("What is the average current price of Energy stocks?", "Energy is a sector"),
)


def query_job_detail(http, job_id: str) -> dict:
    """svc.py:84-90: ``raise_for_status`` then ``["result"]``."""
    r = http.get(f"/v2/jobs/{job_id}")
    r.raise_for_status()
    return r.json()["result"]


def loopv2(http, job_id: str) -> dict:
    """svc.py:93-101: poll without pausing; only a failed request waits 5 s."""
    for _ in range(10_000):
        try:
            result = query_job_detail(http, job_id)
            if result["status"] in ("done", "failed"):
                return result
        except httpx.HTTPStatusError:
            pause(5.0)
    raise AssertionError("loopv2 ran out of polls")


def query_ai_for_sql(http, data_summary_id: int, question: str, evidence: str | None):
    """svc.py:18-50 (bird; spider's svc.py:17-49 sends no ``evidence``)."""
    body = {"data_summary_id": data_summary_id, "raw_question": question}
    if evidence is not None:
        body["evidence"] = evidence or ""
    r = http.post("/v2/chat2data", json=body)
    r.raise_for_status()
    job_id = r.json()["result"]["job_id"]
    job = poll_until_finished(lambda: query_job_detail(http, job_id), wait_after=5.0, log=PollLog())
    if job["status"] == "failed":
        raise ValueError("job failed because of ai error")
    for node in job["result"]["task_tree"].values():
        if "sql" in node:
            return (
                node["sql"],
                node["description"],
                node["clarified_task"],
                node.get("raw_generated_sql", ""),
                node.get("refine_note", ""),
            )
    raise ValueError("sql not found in job result")


@pytest.mark.parametrize(("suite", "sends_evidence"), [("bird", True), ("spider", False)])
def test_benchmark_run(make_sandbox, suite, sends_evidence):
    """tidbcloud/chat2query_bench @540d2a9 chat2query_benchmark/<suite>/main.py and svc.py: create
    the summary from ``<suite>://<db>`` (bird/svc.py:53-66), ``loopv2`` (93-101), then
    ``query_ai_for_sql`` per question (18-50, 69-90); a declined question is the
    "job failed because of ai error" ValueError (37-39)."""
    # rpm off: loopv2's unpaused polls would spend a real minute's 100 requests in scaled time
    sb = make_sandbox(job_delay=JOB_DELAY, daily_limit=0, rpm_limit=0)
    with digest_client(sb) as http:
        r = http.post("/v2/dataSummaries", json={"database_uri": f"{suite}://{sb.database}"})
        r.raise_for_status()
        created = r.json()["result"]
        assert isinstance(created["data_summary_id"], int) and created["job_id"]
        summary_job = loopv2(http, created["job_id"])
        assert summary_job["status"] == "done"

        for question, evidence in QUESTIONS:
            sql, description, clarified, raw_sql, note = query_ai_for_sql(
                http, created["data_summary_id"], question, evidence if sends_evidence else None
            )
            assert sql.upper().startswith("SELECT"), (question, sql)
            assert isinstance(description, str) and isinstance(clarified, str)
            assert isinstance(raw_sql, str) and isinstance(note, str)

        with pytest.raises(ValueError, match="ai error"):
            query_ai_for_sql(http, created["data_summary_id"], "sing me a song", None)
