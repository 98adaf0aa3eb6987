"""Table rows for the render and engine benchmarks, which colleagues wrote as scripts of their own.

Both run as they would by hand (``python benchmarks/bench_render.py --json``,
``python benchmarks/bench_engine.py``); this module only turns their output
into rows of the ``run_all.py`` table.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, Row  # noqa: E402


def render_rows() -> list[Row]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_render.py"), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if not done.stdout.strip():
        raise RuntimeError(f"bench_render.py failed: {done.stderr[-2000:]}")
    r = json.loads(done.stdout.strip().splitlines()[-1])
    cmd = "python benchmarks/bench_render.py"
    size = f"{r['rows']}×{r['columns']}"
    return [
        Row(
            f"render {size} answer to table text (median)",
            "<= 80 ms",
            f"{r['ours_ms']:.1f} ms",
            f"naive tabulate {r['naive_tabulate_ms']:.1f} ms",
            cmd,
            r["ours_ms"] <= 80,
        ),
        Row(
            "speed-up over naive tabulate",
            ">= 3×",
            f"{r['ratio']:.1f}×",
            f"tabulate with our exact arguments: {r['ratio_same_args']:.1f}× slower",
            cmd,
            r["ratio"] >= 3,
        ),
        Row(
            "output identical to tabulate (psql, github, simple, grid, plain, pipe)",
            "identical",
            "yes"
            if r["identical"]
            else "NO: " + ", ".join(k for k, v in r["identical_by_format"].items() if not v),
            "tabulate",
            cmd,
            bool(r["identical"]),
        ),
        Row(
            "peak RSS of a process rendering it",
            "<= 70 MB",
            f"{r['peak_rss_mb']:.1f} MB",
            "-",
            cmd,
            r["peak_rss_mb"] <= 70,
        ),
    ]


def engine_rows() -> list[Row]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_engine.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    found = re.search(r"engine time/answer:\s+median ([\d.]+) ms, p95 ([\d.]+) ms", done.stdout)
    if not found:
        raise RuntimeError(
            f"bench_engine.py printed no timing: {done.stdout[-1000:]} {done.stderr[-1000:]}"
        )
    med, p95 = float(found.group(1)), float(found.group(2))
    rate = re.search(r"answer rate:\s+([\d.]+%)", done.stdout)
    return [
        Row(
            "sandbox engine answer time (golden set, median)",
            "<= 30 ms",
            f"{med:.1f} ms",
            f"p95 {p95:.1f} ms; answer rate {rate.group(1) if rate else '?'}",
            "python benchmarks/bench_engine.py",
            med <= 30,
        )
    ]
