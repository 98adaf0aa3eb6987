"""Shared pieces of the benchmarks: result rows, medians, and a sandbox in its own process.

Every benchmark returns :class:`Row` objects (metric, target, measured,
baseline measured in the same run, the command that reproduces it, and
whether the target was met); ``run_all.py`` prints them as one table.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: the installed console script when present (what users type), else python -m
C2Q = [str(BIN / "c2q")] if (BIN / "c2q").exists() else [sys.executable, "-m", "c2q_repl"]


@dataclass(frozen=True)
class Row:
    metric: str
    target: str
    measured: str
    baseline: str
    command: str
    ok: bool | None  # None: informational, no target


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def clean_env(root: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """An environment with its own XDG dirs (no developer config, history or keys)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("C2Q_", "XDG_")) and k not in ("NO_COLOR", "PAGER", "LESS")
    }
    for name in ("config", "data", "state", "cache", "home"):
        (root / name).mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(root / "home"),
            "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_DATA_HOME": str(root / "data"),
            "XDG_STATE_HOME": str(root / "state"),
            "XDG_CACHE_HOME": str(shared_cache()),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
    )
    env.update(extra or {})
    return env


def shared_cache() -> Path:
    """The sample database cache the tests use too (built once per machine)."""
    path = Path(tempfile.gettempdir()) / f"c2q-test-cache-{os.getuid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class ServedSandbox:
    """``c2q sandbox serve`` running in a child process (its start-up and CPU are not ours)."""

    process: subprocess.Popen
    endpoint: str
    public_key: str
    private_key: str
    cluster_id: str
    database: str

    def env(self) -> dict[str, str]:
        return {
            "C2Q_ENDPOINT": self.endpoint,
            "C2Q_PUBLIC_KEY": self.public_key,
            "C2Q_PRIVATE_KEY": self.private_key,
            "C2Q_CLUSTER_ID": self.cluster_id,
            "C2Q_DATABASE": self.database,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> ServedSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_sandbox(workdir: Path, *options: str) -> ServedSandbox:
    """Start ``c2q sandbox serve --port 0 OPTIONS`` and read its endpoint and keys."""
    from c2q_repl.sandbox.keys import load_or_create_keys

    keys_path = workdir / "sandbox-keys.toml"
    keys, _ = load_or_create_keys(keys_path)
    env = clean_env(workdir / "serve-env")
    log_path = (
        workdir / "sandbox-serve.log"
    )  # a file, not a pipe: a full pipe would stall the server
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [*C2Q, "sandbox", "serve", "--port", "0", "--keys", str(keys_path), *options],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
    endpoint = cluster = database = ""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "Press Ctrl-C" not in log_path.read_text():
        if process.poll() is not None:
            raise RuntimeError(f"c2q sandbox serve exited: {log_path.read_text()[-2000:]}")
        time.sleep(0.02)
    banner = log_path.read_text()
    found = re.search(r"serving (\S+) \(cluster_id (\d+)\)", banner)
    if found:
        database, cluster = found.group(1), found.group(2)
    found = re.search(r"endpoint:\s+(\S+)", banner)
    if found:
        endpoint = found.group(1)
    if not endpoint:
        process.kill()
        raise RuntimeError("c2q sandbox serve printed no endpoint")
    return ServedSandbox(process, endpoint, keys[0].public, keys[0].private, cluster, database)


def timed_runs(argv: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall time of ``runs`` executions of ``argv`` (output discarded), after one warm-up."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
        )
        times.append(time.perf_counter() - started)
    return times


def bench_main(doc: str, run, options: dict[str, tuple[type, object]]) -> int:
    """The command line of one benchmark: ``--name`` options passed to ``run``, its rows printed as the table."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    for name, (kind, default) in options.items():
        parser.add_argument(f"--{name}", type=kind, default=default)
    args = parser.parse_args()
    rows = run(
        **{name.replace("-", "_"): getattr(args, name.replace("-", "_")) for name in options}
    )
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(rows: list[Row], *, markdown: bool = False) -> None:
    header = ("metric", "target", "measured", "baseline (same run)", "command", "ok")

    def values(r: Row) -> tuple[str, ...]:
        return (
            r.metric,
            r.target,
            r.measured,
            r.baseline,
            r.command,
            "-" if r.ok is None else ("yes" if r.ok else "NO"),
        )

    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for r in rows:
            print("| " + " | ".join(v.replace("|", "\\|") for v in values(r)) + " |")
        return
    widths = [max(len(header[i]), *(len(values(r)[i]) for r in rows)) for i in range(len(header))]
    widths = [min(w, 60) for w in widths]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(_cell(v, w).ljust(w) for v, w in zip(values(r), widths)))
