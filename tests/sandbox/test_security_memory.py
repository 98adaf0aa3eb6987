"""Memory bounds of the sandbox (issue 10 item 2): answers have a size cap and say when they were
cut; a finished job's answer is serialised once, in the worker thread; finished jobs are forgotten
by age and by the total size of their answers."""

from __future__ import annotations

import json
import threading
import time

from c2q_repl.sandbox.backends.common import cap_rows
from c2q_repl.sandbox.jobs import JobLimits, JobOutcome, JobStore

from .helpers import ask, client, ok


def test_cap_rows_keeps_rows_within_the_size_budget():
    rows = [["aaaa", None], ["bbbb", "c"], ["dddd", "e"]]
    assert cap_rows(rows, 10, 100) == ([["aaaa", None], ["bbbb", "c"], ["dddd", "e"]], False, False)
    assert cap_rows(rows, 10, 8) == ([["aaaa", None]], True, False)  # the second row would pass 8
    assert cap_rows(rows, 2, 100) == ([["aaaa", None], ["bbbb", "c"]], True, False)
    assert cap_rows([["x" * 50, "y" * 50]], 10, 20) == ([["x" * 10, "y" * 10]], True, True)
    assert cap_rows(iter([(b"\xff", 3)]), 10, 100) == ([["\ufffd", "3"]], False, False)


def test_an_answer_over_the_size_cap_is_cut_and_says_so(make_sandbox):
    sb = make_sandbox(max_result_chars=20_000, daily_limit=0, rpm_limit=0)
    with client(sb) as http:
        _, job = ask(http, sb, "SELECT * FROM stock_price_history")
    answer = job["result"]
    rows = answer["data"]["rows"]
    assert job["status"] == "done" and 0 < len(rows) < 1000
    assert sum(len(c or "") for row in rows for c in row) <= 20_000
    assert "larger than 20,000 characters" in answer["description"]


def test_one_huge_value_is_cut_rather_than_answered_whole(make_sandbox):
    sb = make_sandbox(max_result_chars=5_000, daily_limit=0, rpm_limit=0)
    with client(sb) as http:
        _, job = ask(
            http, sb, "SELECT GROUP_CONCAT(stock_symbol) AS everything FROM stock_price_history"
        )
    rows = job["result"]["data"]["rows"]
    assert len(rows) == 1 and len(rows[0][0]) == 5_000
    assert "long values cut" in job["result"]["description"]


def test_a_finished_answer_is_serialised_once_and_not_on_the_event_loop(make_sandbox, monkeypatch):
    sb = make_sandbox(daily_limit=0, rpm_limit=0)
    with client(sb) as http:
        started = ok(
            http.post(
                "/v3/chat2data",
                json={
                    "cluster_id": sb.cluster_id,
                    "database": sb.database,
                    "question": "SELECT stock_symbol FROM companies",
                },
            )
        )
        job_id = started["job_id"]
        encodes: list[str] = []
        real_dumps = json.dumps

        def counting_dumps(obj, *args, **kwargs):
            text = real_dumps(obj, *args, **kwargs)
            if job_id in text and '"rows"' in text:
                encodes.append(threading.current_thread().name)
            return text

        monkeypatch.setattr(json, "dumps", counting_dumps)
        deadline = time.monotonic() + 20
        bodies = []
        while time.monotonic() < deadline:
            response = http.get(f"/v2/jobs/{job_id}")
            if response.json()["result"]["status"] == "done":
                bodies.append(response.content)
                if len(bodies) == 5:
                    break
            time.sleep(0.01)
    assert len(bodies) == 5 and len(set(bodies)) == 1
    assert len(encodes) <= 1, f"the finished answer was serialised {len(encodes)} times"
    assert all(name.startswith("c2q-sandbox-job") for name in encodes), encodes


def _finished(store: JobStore, job_id: str) -> None:
    while store.outcome(job_id) is None:
        time.sleep(0.001)


def test_finished_jobs_are_forgotten_by_age():
    now = [0.0]
    store = JobStore((0.0, 0.0), clock=lambda: now[0], limits=JobLimits(keep_seconds=60))
    try:
        old = store.submit("t", lambda: JobOutcome("done", {"x": 1}))
        _finished(store, old)
        now[0] += 61
        fresh = store.submit("t", lambda: JobOutcome("done", {"x": 2}))
        _finished(store, fresh)
        assert store.view(old) is None and store.final_body(old) is None
        assert store.view(fresh).status == "done"
    finally:
        store.shutdown()


def test_finished_jobs_are_forgotten_by_total_size_oldest_first():
    store = JobStore((0.0, 0.0), limits=JobLimits(keep_bytes=5_000))
    try:
        ids = []
        for i in range(5):
            ids.append(store.submit("t", lambda i=i: JobOutcome("done", {"blob": str(i) * 1_500})))
            _finished(store, ids[-1])
        kept = [j for j in ids if store.view(j) is not None]
        assert kept == ids[-3:]  # three answers of ~1.6 KB fit in 5 KB
    finally:
        store.shutdown()


def test_a_forgotten_job_polls_as_not_found(make_sandbox):
    sb = make_sandbox(job_limits=JobLimits(keep_bytes=3_000), daily_limit=0, rpm_limit=0)
    with client(sb) as http:
        first, _ = ask(http, sb, "SELECT stock_symbol, short_name FROM companies LIMIT 40")
        for _ in range(3):
            ask(http, sb, "SELECT stock_symbol, short_name FROM companies LIMIT 40")
        gone = http.get(f"/v2/jobs/{first['job_id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 404


def test_job_threads_never_hold_the_process():
    store = JobStore((0.0, 0.0), workers=1)
    release = threading.Event()
    job_id = store.submit("t", lambda: (release.wait(5), JobOutcome("done"))[1])
    try:
        threads = [t for t in threading.enumerate() if t.name.startswith("c2q-sandbox-job")]
        assert threads and all(t.daemon for t in threads)
    finally:
        store.shutdown()
        release.set()
    assert job_id
