"""The bundled database's description shipped in the package, the copy out of the package,
and the engine made only when something needs it (issue 15: an instant first run)."""

from __future__ import annotations

import gzip
import io
import time
from pathlib import Path

import pytest

from c2q_repl.sandbox import seed
from c2q_repl.sandbox.prebuilt import (
    describe_bundled_database,
    description_from_json,
    description_to_json,
    packaged_description,
)

from .helpers import ask, client, ok, target


def test_the_shipped_description_is_what_the_engine_says_now(sp500_path: Path):
    shipped = packaged_description()
    assert shipped is not None, (
        "sandbox/data lacks the description: python -m c2q_repl.sandbox.prebuilt"
    )
    assert shipped == describe_bundled_database(sp500_path.parent), (
        "the engine now describes the bundled database differently: refresh the shipped text "
        "with `python -m c2q_repl.sandbox.prebuilt` and commit c2q_repl/sandbox/data/"
    )


def test_a_description_survives_its_json_form():
    shipped = packaged_description()
    assert shipped is not None
    assert description_from_json(description_to_json(shipped)) == shipped


def _gzip(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as z:
        z.write(data)
    return out.getvalue()


def test_inflate_matches_gzip_across_steps_and_members(monkeypatch):
    monkeypatch.setattr(seed, "_INFLATE_STEP", 1000)  # many steps, a member boundary inside one
    first, second = bytes(range(256)) * 400, b"second member " * 3000
    out = io.BytesIO()
    seed._inflate(io.BytesIO(_gzip(first) + _gzip(second)), out)
    assert out.getvalue() == first + second


def test_a_truncated_package_is_an_error_not_a_short_database():
    packed = _gzip(b"x" * 100_000)
    with pytest.raises(EOFError, match="truncated"):
        seed._inflate(io.BytesIO(packed[: len(packed) // 2]), io.BytesIO())


def test_the_bundled_summary_is_ready_at_once_and_the_engine_waits_for_a_session(make_sandbox):
    sb = make_sandbox(job_delay=0, ready=False)
    core = sb.app.core
    with client(sb) as http:
        summaries = ok(http.get("/v3/dataSummaries"))["data_summaries"]
        assert summaries and summaries[0]["status"] == "done"  # nothing to poll for
        assert core.answerer._inner is None  # no engine made yet: nothing needed it
        ok(http.post("/v3/sessions", json=target(sb)))
        deadline = time.monotonic() + 60
        while core.answerer._inner is None and time.monotonic() < deadline:
            time.sleep(0.01)  # the warm-up a new session starts
        assert core.answerer._inner is not None


def test_a_question_before_the_warm_up_makes_the_engine_itself(make_sandbox, sp500_db):
    sb = make_sandbox(job_delay=0)
    assert sb.app.core.answerer._inner is None
    with client(sb) as http:
        _, job = ask(http, sb, "how many companies are there?")
    assert job["status"] == "done", job
    (count,) = sp500_db.query("SELECT COUNT(*) FROM companies").rows[0]
    assert [str(v) for v in job["result"]["data"]["rows"][0]] == [str(count)]
