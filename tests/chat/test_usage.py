"""Daily request counter: persisted, per endpoint, per UTC day, safe across processes."""

from __future__ import annotations

import json
import multiprocessing
import os

from c2q_repl.chat.usage import UsageCounter, endpoint_key, usage_path

DAY1 = 1_795_000_000.0  # 2026-11-18 UTC
DAY2 = DAY1 + 86_400


def test_counts_accumulate_and_persist(tmp_path):
    path = tmp_path / "state" / "usage.json"
    counter = UsageCounter("host/a", path, clock=lambda: DAY1)
    assert counter.today().requests == 0
    counter.add(requests=3, ai_requests=1)
    total = counter.add(requests=2, ai_requests=1)
    assert (total.requests, total.ai_requests) == (5, 2)
    again = UsageCounter("host/a", path, clock=lambda: DAY1)
    assert again.today().ai_requests == 2
    assert UsageCounter("host/b", path, clock=lambda: DAY1).today().requests == 0


def test_new_day_starts_at_zero_and_old_days_are_pruned(tmp_path):
    path = tmp_path / "usage.json"
    now = [DAY1]
    counter = UsageCounter("k", path, clock=lambda: now[0])
    counter.add(requests=1)
    now[0] = DAY2
    assert counter.today().requests == 0
    for i in range(10):
        now[0] = DAY2 + i * 86_400
        counter.add(requests=1)
    assert len(json.loads(path.read_text())) == 7


def test_corrupt_file_is_treated_as_empty(tmp_path):
    path = tmp_path / "usage.json"
    path.write_text("{not json")
    counter = UsageCounter("k", path, clock=lambda: DAY1)
    assert counter.today().requests == 0
    assert counter.add(requests=2).requests == 2


def test_unwritable_location_does_not_raise(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    counter = UsageCounter("k", blocker / "sub" / "usage.json", clock=lambda: DAY1)
    assert counter.add(requests=1).requests == 0


def _add_many(path: str) -> None:
    counter = UsageCounter("k", __import__("pathlib").Path(path), clock=lambda: DAY1)
    for _ in range(25):
        counter.add(requests=1)


def test_concurrent_processes_lose_nothing(tmp_path):
    path = tmp_path / "usage.json"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_add_many, args=(str(path),)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert UsageCounter("k", path, clock=lambda: DAY1).today().requests == 75


def test_keys_and_location():
    assert (
        endpoint_key("https://eu.data.tidbcloud.com/api/v1beta/app/chat2query-X/endpoint/")
        == "eu.data.tidbcloud.com/api/v1beta/app/chat2query-X/endpoint"
    )
    assert endpoint_key("http://127.0.0.1:5555/x", sandbox=True) == "sandbox"
    assert usage_path({"XDG_STATE_HOME": "/s"}) == __import__("pathlib").Path("/s/c2q/usage.json")
    assert (
        str(usage_path({"XDG_STATE_HOME": "rel", "HOME": "/h"})) == "/h/.local/state/c2q/usage.json"
    )
    assert os.sep in str(usage_path())
