"""Connection: kind/label from settings alone, lazy start, embedded sandbox, close."""

from __future__ import annotations

import sys
import textwrap

from c2q_repl.chat.connect import connect, endpoint_kind, endpoint_label, new_connection
from c2q_repl.chat.conversation import Conversation
from c2q_repl.config import Credentials, Settings
from tests import children

CLOUD = Settings(
    endpoint="https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-abc/endpoint",
    credentials=Credentials("PUB", "PRIV"),
    cluster_id="1",
    database="shop",
)


def test_kind_and_label_need_no_connection():
    assert endpoint_kind(Settings()) == "sandbox"
    assert endpoint_label(Settings()) == "sandbox · sp500insight · offline"
    assert endpoint_kind(CLOUD) == "cloud"
    assert endpoint_label(CLOUD) == "cloud · us-west-2.data.tidbcloud.com · shop"
    forced = Settings(**{**CLOUD.__dict__, "sandbox": True})
    assert endpoint_kind(forced) == "sandbox"
    local = Settings(
        endpoint="http://127.0.0.1:8080/api/v1beta/app/x/endpoint",
        credentials=Credentials("a", "b"),
        database="d",
    )
    assert endpoint_label(local) == "local · 127.0.0.1:8080 · d"


def test_creating_a_connection_imports_no_http_and_starts_nothing():
    code = textwrap.dedent(
        """
        import sys, threading
        from c2q_repl.chat.connect import new_connection
        from c2q_repl.config import Settings
        conn = new_connection(Settings())
        assert conn.label == "sandbox · sp500insight · offline", conn.label
        assert not conn.ready and conn.error is None
        heavy = [m for m in ("httpx", "uvicorn", "starlette", "prompt_toolkit", "pygments") if m in sys.modules]
        assert not heavy, heavy
        assert threading.active_count() == 1
        print("ok")
        """
    )
    done = children.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_credentials_starts_the_embedded_sandbox(seed_cache_home, tmp_path, monkeypatch):
    conn = connect(
        Settings(), sandbox_options={"job_delay": 0.05, "cache_dir": seed_cache_home / "c2q"}
    )
    try:
        assert conn.kind == "sandbox" and conn.sandbox is not None
        assert conn.settings.endpoint == conn.sandbox.endpoint
        assert (
            conn.settings.cluster_id == conn.sandbox.cluster_id
            and conn.settings.database == "sp500insight"
        )
        assert conn.label == "sandbox · sp500insight · offline"
        r = Conversation(conn).ask("how many companies are there?")
        assert r.error is None and r.answer.data.rows
        assert conn.usage.today().requests >= r.requests > 0  # every request counted on disk
        assert conn.usage.today().ai_requests >= 1
    finally:
        conn.close()
    assert conn.sandbox is None


def test_background_start_and_close(seed_cache_home):
    conn = new_connection(
        Settings(), sandbox_options={"cache_dir": seed_cache_home / "c2q"}, track_usage=False
    )
    future = conn.start()
    assert conn.start() is future  # idempotent
    assert future.result(30) is conn and conn.ready
    handle = conn.sandbox
    conn.close()
    import httpx

    try:
        httpx.get(handle.endpoint + "/v2/jobs/x", timeout=2)
        reachable = True
    except httpx.HTTPError:
        reachable = False
    assert not reachable


def test_startup_failure_is_reported_not_raised_at_creation(seed_cache_home):
    conn = new_connection(Settings(), sandbox_options={"faults": "nonsense:1"}, track_usage=False)
    conn.start()
    try:
        conn.wait(30)
    except Exception as exc:
        err = exc
    assert "could not start the local sandbox" in str(err)
    assert conn.error is err
    r = Conversation(conn).ask("anything")
    assert r.failed and "could not start" in r.error.message
