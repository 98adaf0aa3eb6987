"""Shared pytest fixtures: the sample database, and sandbox servers over real HTTP.

Database
  seed_cache_home   a directory to use as XDG_CACHE_HOME in tests (e.g. for a `c2q` run in a pty);
                    the built sp500insight file lives in its ``c2q/`` subdirectory and is shared by
                    every test run and xdist worker of this user, so it is built once
  sp500_path        Path of the cached sp500insight SQLite file
  sp500_db          SQLiteDatabase over it (session-scoped, OS-level read-only)
  writable_sp500    Path of a private writable copy (function-scoped), for ReadWrite-role tests

Sandbox servers (real uvicorn on 127.0.0.1, random port)
  sandbox           session-scoped SandboxHandle (job_delay 0.05 s, default limits, SQL passthrough
                    + the built-in engine when present); use .endpoint, .public_key, .private_key,
                    .cluster_id, .database, .app
  make_sandbox      factory: make_sandbox(**start_sandbox options) -> SandboxHandle, stopped at teardown
  sandbox_client    httpx.Client with DigestAuth for ``sandbox`` (base_url = sandbox.endpoint)

Child processes (every test)
  no_child_left_running   autouse: a child process a test started and left running (it failed
                          or was interrupted) is stopped with SIGINT, SIGTERM, then SIGKILL.
                          Start children with tests/children.py (default SIGINT for the child).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.children import live_children, stop


@pytest.fixture(autouse=True)
def no_child_left_running():
    """Stop whatever child process the test started and did not end (session and
    module fixtures are set up before this one, so their children are not touched)."""
    before = live_children()
    yield
    for pid in sorted(live_children() - before):
        stop(pid)


@pytest.fixture(scope="session")
def seed_cache_home() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    home = Path(tempfile.gettempdir()) / f"c2q-test-cache-{uid}"
    home.mkdir(parents=True, exist_ok=True)
    return home


@pytest.fixture(scope="session")
def sp500_path(seed_cache_home: Path) -> Path:
    from c2q_repl.sandbox.seed import ensure_sp500insight

    return ensure_sp500insight(seed_cache_home / "c2q")


@pytest.fixture(scope="session")
def sp500_db(sp500_path: Path):
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    db = SQLiteDatabase(sp500_path, immutable=True)
    yield db
    db.close()


@pytest.fixture
def writable_sp500(sp500_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "sp500insight.sqlite"
    shutil.copyfile(sp500_path, copy)
    return copy


@pytest.fixture(scope="session")
def sandbox(seed_cache_home: Path):
    """One sandbox for the whole run: job_delay 0.05 s, no daily quota or per-minute limit
    (many tests share it), the default answerer (SQL passthrough + built-in engine)."""
    from c2q_repl.sandbox.embedded import start_sandbox

    handle = start_sandbox(
        job_delay=0.05, daily_limit=0, rpm_limit=0, cache_dir=seed_cache_home / "c2q"
    )
    handle.wait_ready()
    yield handle
    handle.stop()


@pytest.fixture
def make_sandbox(seed_cache_home: Path):
    """Factory for sandboxes with custom options (any start_sandbox keyword); all stopped at teardown.

    Defaults differ from start_sandbox only in job_delay (0.05 s) and the shared seed cache.
    Pass ``ready=False`` to get it back before its data summary is generated.
    """
    from c2q_repl.sandbox.embedded import start_sandbox

    handles = []

    def make(*, ready: bool = True, **options):
        options.setdefault("job_delay", 0.05)
        options.setdefault("cache_dir", seed_cache_home / "c2q")
        handle = start_sandbox(**options)
        handles.append(handle)
        if ready:
            handle.wait_ready()
        return handle

    yield make
    for handle in handles:
        handle.stop()


@pytest.fixture
def sandbox_client(sandbox):
    """httpx.Client with Digest auth against the session ``sandbox`` (base_url = its endpoint)."""
    import httpx

    with httpx.Client(
        base_url=sandbox.endpoint,
        auth=httpx.DigestAuth(sandbox.public_key, sandbox.private_key),
        timeout=30,
    ) as client:
        yield client
