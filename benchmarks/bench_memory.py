"""Memory over a working day: the REPL's RSS after 200 rounds of 1000×12 answers
against its RSS after 5 (target ≤ 1.2×).

    python benchmarks/bench_memory.py [--rounds 200] [--rows 1000] [--cols 12]

A local Data App (in this process) answers every question with a 1000×12
table. A child process runs the REPL's own state and asking path (context,
conversation, poller, renderer, transcript writer; no prompt_toolkit, output
to /dev/null) and reports its VmRSS after round 5 and after the last round.
The same run measures the old behaviour as the baseline: every answer held
in memory (the answer window set beyond the number of rounds).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Row, clean_env  # noqa: E402

BASE = "/api/v1beta/app/chat2query-Memory01/endpoint"
TARGET = 1.2
COMMAND = "python benchmarks/bench_memory.py"


def _answer(rows: int, cols: int, salt: str) -> dict:
    columns = [{"col": f"column_{c}"} for c in range(cols)]
    data = [[f"{salt}-{r}-{c}-value" for c in range(cols)] for r in range(rows)]
    return {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "clarified_task": "every row",
        "description": "",
        "assumptions": [],
        "sql": "SELECT * FROM wide_table",
        "sql_error": None,
        "data": {"columns": columns, "rows": data},
        "chart_options": None,
    }


class DataApp:
    """Summaries, one session, chat2data and jobs that are done when first polled."""

    def __init__(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols
        self.jobs: set[str] = set()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{BASE}"

    def respond(self, method: str, path: str) -> Any:
        if path == "/v3/dataSummaries" and method == "GET":
            return [
                {
                    "data_summary_id": 1,
                    "cluster_id": "1",
                    "database": "wide",
                    "default": True,
                    "status": "done",
                    "tables": {},
                }
            ]
        if path == "/v3/sessions" and method == "POST":
            return {"session_id": 7, "meta": {"name": "memory"}, "messages": []}
        if path.endswith("/chat2data"):
            job_id = uuid.uuid4().hex
            self.jobs.add(job_id)
            return {"job_id": job_id, "session_id": 7}
        if path.startswith("/v2/jobs/"):
            job_id = path.rsplit("/", 1)[-1]
            # every answer distinct, so nothing can be shared between rounds
            return {
                "job_id": job_id,
                "status": "done",
                "ended_at": 0,
                "result": _answer(self.rows, self.cols, job_id[:8]),
            }
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        app = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?")[0].removeprefix(BASE)
                result = app.respond(self.command, path)
                code = 200 if result is not None else 404
                body = json.dumps({"code": code, "msg": "", "result": result}).encode()
                self.send_response(code)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _handle

        return Handler


#: runs in the child: the REPL's state and asking path, RSS after round 5 and after the last
CHILD = r"""
import io, json, os, sys
import c2q_repl.repl.context as context
from c2q_repl.config import Credentials, Settings
from c2q_repl.repl.asking import ask
from c2q_repl.repl.context import ReplContext
from c2q_repl.repl.hooks import HeadlessHooks
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.state import RecordingState, ViewState

endpoint, rounds, keep, transcript = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
context.KEEP_ANSWERS = keep

def rss_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

sink = open(os.devnull, "w")
ctx = ReplContext(
    out=Printer(sink, color=False, is_tty=False, pager_mode="off", environ={}),
    settings=Settings(endpoint=endpoint, credentials=Credentials("MEMPUB01", "memory-bench-private-key"),
                      cluster_id="1", database="wide"),
    view=ViewState("default"),
    hooks=HeadlessHooks(),
    environ={},
    recording=RecordingState(path=transcript),
)
ctx.opening.start()
ctx.wait_conversation()
marks = {}
for n in range(1, rounds + 1):
    ask(ctx, f"question {n}")
    if n in (5, rounds):
        marks[n] = rss_mb()
held = sum(1 for r in ctx.wait_conversation().rounds if r.job_raw is not None)
print(json.dumps({"after_5": marks[5], "after_last": marks[rounds], "held": held}))
ctx.opening.close()
"""


def measure(endpoint: str, rounds: int, keep: int, workdir: Path) -> dict:
    env = clean_env(workdir / f"keep-{keep}")
    transcript = workdir / f"keep-{keep}.jsonl"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, endpoint, str(rounds), str(keep), str(transcript)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(rounds: int = 200, rows: int = 1000, cols: int = 12) -> list[Row]:
    app = DataApp(rows, cols)
    try:
        with tempfile.TemporaryDirectory(prefix="c2q-bench-memory-") as tmp:
            ours = measure(app.endpoint, rounds, 5, Path(tmp))
            every = measure(app.endpoint, rounds, rounds + 1, Path(tmp))
    finally:
        app.httpd.shutdown()
    ratio = ours["after_last"] / ours["after_5"]
    base_ratio = every["after_last"] / every["after_5"]
    return [
        Row(
            metric=f"REPL RSS after {rounds} rounds of {rows}×{cols} answers ÷ after 5",
            target=f"≤ {TARGET:.2f}×",
            measured=f"{ratio:.2f}× ({ours['after_5']:.0f} → {ours['after_last']:.0f} MB; "
            f"{ours['held']} answers held)",
            baseline=f"every answer held: {base_ratio:.2f}× "
            f"({every['after_5']:.0f} → {every['after_last']:.0f} MB)",
            command=f"{COMMAND} --rounds {rounds}",
            ok=ratio <= TARGET,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--cols", type=int, default=12)
    args = parser.parse_args()
    rows = run(args.rounds, args.rows, args.cols)
    for row in rows:
        print(f"{row.metric}: {row.measured}  (target {row.target}; {row.baseline})")
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
