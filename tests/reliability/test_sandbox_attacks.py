"""Attacks on ``c2q sandbox serve`` as a process, over real sockets (issue 10, sandbox items).

Each test starts the real server (``python -m c2q_repl sandbox serve``) in a
subprocess with its own keys file and checks what an attacker can and cannot
do to it. The attack → outcome table is in docs/RELIABILITY.md.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests import children

PUBLIC, PRIVATE = "ATTACKAD", "dddddddd-0000-4000-8000-000000000001"

# The engine is replaced before the server starts: one that never finishes (as a 50 MB
# question once did), to show that SIGTERM still ends the process.
_SERVE = textwrap.dedent(
    """
    import sys, time
    import c2q_repl.sandbox.answerer as answerer

    class StuckEngine(answerer.SqlPassthroughAnswerer):
        def answer(self, request):
            time.sleep(600)

    answerer.build_answerer = lambda *a, **k: StuckEngine(None)
    from c2q_repl.cli import main
    sys.exit(main(["sandbox", "serve", *sys.argv[1:]]))
    """
)


class Served:
    def __init__(self, proc: subprocess.Popen, endpoint: str, log: Path):
        self.proc, self.endpoint, self.log = proc, endpoint, log

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.endpoint, auth=httpx.DigestAuth(PUBLIC, PRIVATE), timeout=10
        )


def serve(
    tmp_path: Path, seed_cache_home: Path, *args: str, stuck: bool = False, max_files: int = 0
) -> Served:
    keys = tmp_path / "keys.toml"
    keys.write_text(f'[[keys]]\npublic = "{PUBLIC}"\nprivate = "{PRIVATE}"\nrole = "admin"\n')
    keys.chmod(0o600)
    env = {**os.environ, "XDG_CACHE_HOME": str(seed_cache_home), "PYTHONUNBUFFERED": "1"}
    command = (
        [sys.executable, "-c", _SERVE]
        if stuck
        else [sys.executable, "-m", "c2q_repl", "sandbox", "serve"]
    )
    log = (
        tmp_path / "serve.log"
    )  # a file, not a pipe nobody reads: a full pipe would stall the server
    proc = children.popen(
        [*command, "--port", "0", "--keys", str(keys), "--job-delay", "0", *args],
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        env=env,
        preexec_fn=(lambda: _limit_files(max_files)) if max_files else None,
    )
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        match = re.search(r"endpoint:\s+(\S+)", line)
        if match:
            # keep reading stdout (the access log), or a full pipe would stall the server
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return Served(proc, match.group(1), log)
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise AssertionError(f"the sandbox did not start: {log.read_text()}")


def _limit_files(count: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))


def wait_ready(served: Served) -> None:
    with served.client() as http:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            summaries = http.get("/v3/dataSummaries").json()["result"]["data_summaries"]
            if summaries and summaries[0]["status"] == "done":
                return
            time.sleep(0.05)
    raise AssertionError("the data summary was never ready")


def test_sigterm_ends_the_process_while_the_engine_is_busy(tmp_path, seed_cache_home):
    served = serve(tmp_path, seed_cache_home, stuck=True)
    try:
        wait_ready(served)
        with served.client() as http:
            summary = http.get("/v3/dataSummaries").json()["result"]["data_summaries"][0]
            body = {"cluster_id": summary["cluster_id"], "database": summary["database"]}
            started = http.post("/v3/chat2data", json={**body, "question": "how many users?"})
            job_id = started.json()["result"]["job_id"]
            assert http.get(f"/v2/jobs/{job_id}").json()["result"]["status"] == "running"
        served.proc.send_signal(signal.SIGTERM)
        try:
            code = served.proc.wait(timeout=20)  # the engine would sleep 600 s
        except subprocess.TimeoutExpired:
            pytest.fail("SIGTERM did not end the sandbox while its engine was busy")
        assert code == 0
        assert "stopped" in served.stderr()
    finally:
        if served.proc.poll() is None:
            served.proc.kill()
            served.proc.wait()


def test_idle_connections_past_the_file_limit_do_not_lock_real_clients_out(
    tmp_path, seed_cache_home
):
    """Slowloris: more idle connections than the server has file descriptors. The oldest idle ones
    are closed to make room (and the rest time out), so a real client still gets its answer."""
    import socket

    served = serve(tmp_path, seed_cache_home, max_files=160)
    host, port = re.match(r"http://([^:/]+):(\d+)", served.endpoint).groups()
    flood = []
    try:
        wait_ready(served)
        for _ in range(220):
            try:
                flood.append(socket.create_connection((host, int(port)), timeout=2))
            except OSError:
                break
        with served.client() as http:
            http.timeout = httpx.Timeout(8)
            try:
                response = http.get("/v3/dataSummaries")
            except httpx.TimeoutException:
                pytest.fail("a real client timed out behind idle connections")
            assert response.status_code == 200
    finally:
        for sock in flood:
            sock.close()
        served.proc.send_signal(signal.SIGTERM)
        try:
            served.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            served.proc.kill()
            served.proc.wait()
