"""What a long history file costs at start-up: time until a key typed at the
prompt is echoed, and RSS then, with a 100,000-entry history against an empty one.

    python benchmarks/bench_history.py [--runs 9] [--entries 100000]

The history is read in a background thread, so it should cost neither the
first keystroke nor (yet) its memory. The endpoint is unreachable on purpose:
the prompt does not wait for it, and no server noise enters the figure.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Row, clean_env, median  # noqa: E402

COMMAND = "python benchmarks/bench_history.py"
#: prompt_toolkit's first render asks for the cursor position: line editing is live from then
CURSOR_QUERY = b"\x1b[6n"


def time_to_echo(env: dict[str, str]) -> tuple[float, float]:
    """(seconds from fork until a key typed after the first render is echoed, VmRSS MB then)."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.chdir(env["HOME"])  # not the source tree: the installed c2q runs
        os.execve(sys.executable, [sys.executable, "-m", "c2q_repl"], env)
    seen = b""
    typed_at: int | None = None
    echoed = float("nan")
    deadline = started + 30
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.01)
            if ready:
                chunk = os.read(fd, 65536)
                seen += chunk
                if CURSOR_QUERY in chunk:
                    os.write(fd, b"\x1b[1;1R")
            if typed_at is None and CURSOR_QUERY in seen:
                os.write(fd, b"z")
                typed_at = len(seen)
            if typed_at is not None and b"z" in seen[typed_at:]:
                echoed = time.perf_counter() - started
                break
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        rss = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return echoed, rss


def _env(root: Path, entries: int) -> dict[str, str]:
    env = clean_env(
        root,
        {
            "C2Q_ENDPOINT": "http://127.0.0.1:9/api/v1beta/app/chat2query-History1/endpoint",
            "C2Q_PUBLIC_KEY": "HISTPUB1",
            "C2Q_PRIVATE_KEY": "history-bench-private-key",
            "C2Q_CLUSTER_ID": "1",
            "C2Q_DATABASE": "db",
        },
    )
    history = root / "state" / "c2q" / "history"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text(
        "".join(
            f"\n# 2026-01-01 10:00:00.000000\n+how many companies are in sector {i}?\n"
            for i in range(entries)
        )
    )
    return env


def run(runs: int = 9, entries: int = 100_000) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="c2q-bench-history-") as tmp:
        envs = {"empty": _env(Path(tmp) / "empty", 0), "long": _env(Path(tmp) / "long", entries)}
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
        for _ in range(runs):  # interleaved, so a busy moment hits both alike
            for name, env in envs.items():
                samples[name].append(time_to_echo(env))
    t0, m0 = (median([s[i] for s in samples["empty"]]) for i in (0, 1))
    t1, m1 = (median([s[i] for s in samples["long"]]) for i in (0, 1))
    return [
        Row(
            metric=f"{entries:,}-entry history: added time until a typed key is echoed "
            f"(median of {runs})",
            target="≤ 0.050 s",
            measured=f"{t1 - t0:+.3f} s ({t1:.3f} s)",
            baseline=f"empty history {t0:.3f} s",
            command=f"{COMMAND} --runs {runs}",
            ok=t1 - t0 <= 0.050,
        ),
        Row(
            metric=f"{entries:,}-entry history: added RSS when the key is echoed",
            target="≤ 2 MB",
            measured=f"{m1 - m0:+.1f} MB ({m1:.1f} MB)",
            baseline=f"empty history {m0:.1f} MB",
            command=f"{COMMAND} --runs {runs}",
            ok=m1 - m0 <= 2.0,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    rows = run(args.runs, args.entries)
    for row in rows:
        print(f"{row.metric}: {row.measured}  (target {row.target}; {row.baseline})")
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
