"""First run on a new machine (issue 15 §3): time to an open session and peak memory.

    python benchmarks/first_run.py [--runs 5]

* **End to end**: ``c2q`` in a pty with fresh HOME and XDG directories (no
  credentials, so it starts the embedded sandbox over the bundled database,
  which does not exist yet), from fork+exec until the toolbar shows the server
  session's id (``session 1a2b3c``): the session is open and a question can be
  sent. Peak RSS (VmHWM) at that moment. Baseline, measured alternately in the
  same run: the same command once the database is cached (a later start).
* **The database step alone**, each in a fresh interpreter: copying out the
  prebuilt, compressed database shipped in the package (what a first run does)
  against generating it in streaming batches (what a development tree whose
  generator changed does); wall time and peak RSS of that process.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import C2Q, Row, bench_main, clean_env, median  # noqa: E402

SESSION = re.compile(rb"session [0-9a-f]{6,}")
FIRST_RUN_TARGET = 0.8  # seconds to an open session
FIRST_RUN_RSS_TARGET = 80.0  # MB

BUILD_STEP = """
import json, resource, sys, time
from pathlib import Path
from c2q_repl.sandbox import seed
if sys.argv[2] == "generate":
    seed.packaged_database = lambda: None
started = time.perf_counter()
seed.ensure_sp500insight(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _vmhwm(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def session_open(argv: list[str], env: dict[str, str], timeout: float = 60) -> tuple[float, float]:
    """(seconds from fork to the session id on screen, VmHWM MB then) of ``argv`` in a pty."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execve(argv[0], argv, env)
    seen = b""
    try:
        while time.perf_counter() < started + timeout:
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv} exited: {seen[-500:]!r}") from None
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")  # answer the cursor-position query like a terminal
            seen += chunk
            if SESSION.search(seen[-4096:]):
                return time.perf_counter() - started, _vmhwm(pid)
        raise RuntimeError(f"no session after {timeout} s: {seen[-500:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def build_step(how: str, directory: Path) -> dict:
    """Provide the database into an empty ``directory``: ``packaged`` or ``generate``."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD_STEP, str(directory), how],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def run(runs: int = 5) -> list[Row]:
    first, first_rss, later, later_rss = [], [], [], []
    packaged, generated = [], []
    with tempfile.TemporaryDirectory(prefix="c2q-first-run-") as tmp:
        work = Path(tmp)
        for i in range(runs):
            root = work / f"machine-{i}"
            env = clean_env(root, {"XDG_CACHE_HOME": str(root / "cache")})
            seconds, rss = session_open([*C2Q, "--no-transcript"], env)  # a new machine
            first.append(seconds)
            first_rss.append(rss)
            seconds, rss = session_open([*C2Q, "--no-transcript"], env)  # the same one, later
            later.append(seconds)
            later_rss.append(rss)
            packaged.append(build_step("packaged", work / f"packaged-{i}"))
            generated.append(build_step("generate", work / f"generated-{i}"))
    cmd = f"python benchmarks/first_run.py --runs {runs}"
    t, r = median(first), max(first_rss)
    size = sum(
        p.stat().st_size
        for p in (Path(__file__).parent.parent / "c2q_repl/sandbox/data").glob("*.gz")
    )
    return [
        Row(
            f"first run on a new machine: exec to open session, pty (median of {runs})",
            f"<= {FIRST_RUN_TARGET:.1f} s",
            f"{t:.2f} s",
            f"later start, database cached: {median(later):.2f} s",
            cmd,
            t <= FIRST_RUN_TARGET,
        ),
        Row(
            "first run: peak RSS when the session is open (VmHWM, worst run)",
            f"<= {FIRST_RUN_RSS_TARGET:.0f} MB",
            f"{r:.1f} MB",
            f"later start: {max(later_rss):.1f} MB",
            cmd,
            r <= FIRST_RUN_RSS_TARGET,
        ),
        Row(
            "database step alone: prebuilt copy from the package vs generated (median)",
            "-",
            f"copy {median([p['seconds'] for p in packaged]):.2f} s, "
            f"{max(p['rss_mb'] for p in packaged):.0f} MB peak ({size / 1e6:.1f} MB in the package)",
            f"generated in streaming batches: {median([g['seconds'] for g in generated]):.2f} s, "
            f"{max(g['rss_mb'] for g in generated):.0f} MB peak",
            cmd,
            None,
        ),
    ]


def main() -> int:
    return bench_main(__doc__, run, {"runs": (int, 5)})


if __name__ == "__main__":
    sys.exit(main())
