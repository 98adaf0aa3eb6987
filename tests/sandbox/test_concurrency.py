"""Many clients at once: 50 sessions asking concurrently all get their own right answer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .helpers import client, ok, poll, target


def test_fifty_concurrent_sessions(sandbox):
    def one(i: int) -> tuple[int, str, list, list]:
        with client(sandbox) as http:
            sid = ok(http.post("/v3/sessions", json={**target(sandbox), "name": f"s{i}"}))[
                "session_id"
            ]
            question = f"SELECT {i} AS n, COUNT(*) AS c FROM companies"
            job_id = ok(http.post(f"/v3/sessions/{sid}/chat2data", json={"question": question}))[
                "job_id"
            ]
            job, _ = poll(http, job_id, timeout=60)
            messages = ok(http.get(f"/v3/sessions/{sid}"))["messages"]
            return i, job["status"], job["result"]["data"]["rows"], messages

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    for i, status, rows, messages in results:
        assert status == "done" and rows == [[str(i), "500"]]
        assert [m["content"] for m in messages if m["role"] == "user"] == [
            f"SELECT {i} AS n, COUNT(*) AS c FROM companies"
        ]
