"""Sandbox server benchmark (issue 7): job polls per second, latency under load, 50 sessions at once.

    python benchmarks/bench_server.py [--seconds 6]

The server is ``c2q sandbox serve`` in its own process (no limits, 1-s jobs);
this process is the load generator, with one httpx client per worker thread
and HTTP Digest auth whose challenge is answered once per client and then
reused (httpx keeps the nonce and counts ``nc`` up).

* throughput: workers poll ``GET /v2/jobs/{id}`` back to back for N seconds;
* latency: an open-loop run at a fixed 200 polls/s, each latency measured from
  the request's *scheduled* time (queueing included, no coordinated omission);
* 50 sessions: 50 clients each create a session and ask a question at once,
  wait for the answer with c2q's poller; every error is counted;
* CPU per poll: the server process's own CPU time (``/proc``) per ``GET
  /v2/jobs/{id}`` of a finished job, one Digest client polling back to back,
  next to a trivial Starlette app (one JSON route) on the same uvicorn set-up
  (h11, no access log) measured the same way in the same run (issue 15 §4).
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Row, bench_main, median, percentile, serve_sandbox  # noqa: E402

WORKERS = 8
OPEN_LOOP_RATE = 200.0
CPU_POLLS = 3000

# The reference for CPU per poll: the same uvicorn set-up serving one trivial Starlette route.
_TRIVIAL_SERVER = """
import socket, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def job(request):
    return JSONResponse({"code": 200, "msg": "", "result": {"job_id": request.path_params["j"]}})

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
print(sock.getsockname()[1], flush=True)
app = Starlette(routes=[Route("/v2/jobs/{j}", job)])
config = uvicorn.Config(app, http="h11", lifespan="off", access_log=False, log_level="warning")
uvicorn.Server(config).run(sockets=[sock])
"""


def _http_client(sandbox):
    import httpx

    return httpx.Client(
        base_url=sandbox.endpoint,
        auth=httpx.DigestAuth(sandbox.public_key, sandbox.private_key),
        timeout=10,
    )


def _ready_job(sandbox) -> str:
    """A finished job to poll (the data summary must be ready before chat2data)."""
    with _http_client(sandbox) as client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            listed = client.get("/v3/dataSummaries").json().get("result") or []
            if any(isinstance(s, dict) and s.get("status") == "done" for s in listed):
                break
            time.sleep(0.2)
        body = {
            "cluster_id": sandbox.cluster_id,
            "database": sandbox.database,
            "question": "Top 5 companies by market cap",
        }
        job_id = client.post("/v3/chat2data", json=body).json()["result"]["job_id"]
        while client.get(f"/v2/jobs/{job_id}").json()["result"]["status"] not in ("done", "failed"):
            time.sleep(0.2)
        return job_id


def closed_loop(sandbox, job_id: str, seconds: float) -> tuple[float, int]:
    """(polls per second, errors) with WORKERS clients polling back to back."""
    counts = [0] * WORKERS
    errors = [0] * WORKERS
    stop = time.monotonic() + seconds

    def worker(i: int) -> None:
        with _http_client(sandbox) as client:
            client.get(f"/v2/jobs/{job_id}")  # the digest challenge, not counted
            while time.monotonic() < stop:
                response = client.get(f"/v2/jobs/{job_id}")
                counts[i] += 1
                errors[i] += response.status_code != 200

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started), sum(errors)


def open_loop(sandbox, job_id: str, seconds: float, rate: float) -> tuple[list[float], int, float]:
    """(latencies from scheduled time, errors, achieved rate) at a fixed arrival rate."""
    total = int(seconds * rate)
    local = threading.local()
    clients = []
    lock = threading.Lock()

    def client():
        if not hasattr(local, "client"):
            local.client = _http_client(sandbox)
            local.client.get(f"/v2/jobs/{job_id}")
            with lock:
                clients.append(local.client)
        return local.client

    latencies: list[float] = []
    errors = 0
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(
            pool.map(lambda _: client(), range(64))
        )  # warm: every worker has answered its challenge
        start = time.monotonic() + 0.2

        def one(i: int) -> tuple[float, bool]:
            scheduled = start + i / rate
            pause = scheduled - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            response = client().get(f"/v2/jobs/{job_id}")
            return time.monotonic() - scheduled, response.status_code == 200

        for latency, ok in pool.map(one, range(total)):
            latencies.append(latency)
            errors += not ok
        achieved = total / (time.monotonic() - start)
    for c in clients:
        c.close()
    return latencies, errors, achieved


def sessions_at_once(sandbox, count: int = 50) -> tuple[int, int, float]:
    """(answered, errors, wall seconds) for ``count`` clients creating a session and asking at once."""
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.api.poller import wait_for_job
    from c2q_repl.config import Credentials

    barrier = threading.Barrier(count)

    def user(i: int) -> str:
        with Chat2QueryClient(
            sandbox.endpoint, Credentials(sandbox.public_key, sandbox.private_key)
        ) as client:
            barrier.wait()
            session = client.create_session(sandbox.cluster_id, sandbox.database, f"bench {i}")
            started = client.session_chat(
                session.session_id, "How many companies are there per state?"
            )
            job = wait_for_job(client, started.job_id)
            return job.status

    started = time.monotonic()
    answered = errors = 0
    with ThreadPoolExecutor(max_workers=count) as pool:
        for future in [pool.submit(user, i) for i in range(count)]:
            try:
                answered += future.result() == "done"
            except Exception as exc:  # counted, and named so a failure is explainable
                errors += 1
                print(f"session error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return answered, errors, time.monotonic() - started


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid: int, client, path: str, count: int = CPU_POLLS) -> float:
    """Server CPU microseconds per request of ``path`` (after a warm-up)."""
    for _ in range(200):
        client.get(path)
    before = process_cpu_seconds(pid)
    for _ in range(count):
        client.get(path)
    return (process_cpu_seconds(pid) - before) / count * 1e6


def trivial_app_cpu_per_request() -> float:
    import subprocess

    import httpx

    server = subprocess.Popen(
        [sys.executable, "-c", _TRIVIAL_SERVER], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            return cpu_per_request(server.pid, client, "/v2/jobs/0123456789abcdef")
    finally:
        server.kill()
        server.wait()


def sandbox_cpu_per_poll(sandbox, job_id: str) -> float:
    with _http_client(sandbox) as client:
        return cpu_per_request(sandbox.process.pid, client, f"/v2/jobs/{job_id}")


def run(seconds: float = 6.0) -> list[Row]:
    cmd = "python benchmarks/bench_server.py"
    with (
        tempfile.TemporaryDirectory(prefix="c2q-bench-") as tmp,
        serve_sandbox(
            Path(tmp), "--job-delay", "1", "--rpm-limit", "0", "--daily-limit", "0"
        ) as sandbox,
    ):
        job_id = _ready_job(sandbox)
        rate, closed_errors = closed_loop(sandbox, job_id, seconds)
        latencies, open_errors, achieved = open_loop(sandbox, job_id, seconds, OPEN_LOOP_RATE)
        answered, session_errors, wall = sessions_at_once(sandbox, 50)
        sandbox_cpu = sandbox_cpu_per_poll(sandbox, job_id)
    trivial_cpu = trivial_app_cpu_per_request()
    cpu_ratio = sandbox_cpu / trivial_cpu
    p50, p99 = median(latencies) * 1000, percentile(latencies, 99) * 1000
    return [
        Row(
            f"sandbox job polls per second ({WORKERS} clients back to back, {seconds:.0f} s)",
            ">= 200 /s",
            f"{rate:.0f} /s",
            f"errors: {closed_errors}",
            cmd,
            rate >= 200 and closed_errors == 0,
        ),
        Row(
            f"poll latency at a fixed {OPEN_LOOP_RATE:.0f} polls/s (from scheduled time)",
            "p99 <= 50 ms",
            f"p99 {p99:.1f} ms",
            f"p50 {p50:.1f} ms; achieved {achieved:.0f}/s; errors {open_errors}",
            cmd,
            p99 <= 50 and open_errors == 0,
        ),
        Row(
            "50 sessions created and asking at once",
            "0 errors",
            f"{session_errors} errors, {answered}/50 answered",
            f"wall {wall:.1f} s (1-s jobs)",
            cmd,
            session_errors == 0 and answered == 50,
        ),
        Row(
            "sandbox server CPU per poll (Digest, access log on) vs a trivial Starlette app",
            "<= 1.5x",
            f"{cpu_ratio:.2f}x",
            f"{sandbox_cpu:.0f} us vs {trivial_cpu:.0f} us per request ({CPU_POLLS} requests each)",
            cmd,
            cpu_ratio <= 1.5,
        ),
    ]


def main() -> int:
    return bench_main(__doc__, run, {"seconds": (float, 6.0)})


if __name__ == "__main__":
    sys.exit(main())
