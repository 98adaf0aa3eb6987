"""Run every benchmark and print one table: metric, target, measured, baseline (same run), command.

    python benchmarks/run_all.py [--quick] [--only startup,economy,render,sandbox,memory] [--markdown]

Benchmarks, not tests: they compare within one run on this machine (2 cores,
shared), report medians, and exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Row, print_table  # noqa: E402

GROUPS = ("startup", "economy", "render", "sandbox", "memory")


def run_group(name: str, quick: bool) -> list[Row]:
    if name == "startup":
        from benchmarks import bench_history, bench_interactive, bench_startup

        interactive = bench_interactive.run(runs=11 if quick else 31)
        history = bench_history.run(runs=5 if quick else 9)  # a 100,000-entry history file
        return interactive + bench_startup.run(runs=7 if quick else 15) + history
    if name == "economy":
        from benchmarks import bench_economy

        return bench_economy.run(users=4 if quick else 6, per_user=4 if quick else 8)
    if name == "render":
        from benchmarks import bench_wrapped

        return bench_wrapped.render_rows()
    if name == "sandbox":
        from benchmarks import bench_server, bench_wrapped

        return bench_wrapped.engine_rows() + bench_server.run(seconds=3.0 if quick else 6.0)
    if name == "memory":
        from benchmarks import bench_memory

        return bench_memory.run(rounds=40 if quick else 200)
    raise ValueError(name)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups ({', '.join(GROUPS)})"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    rows: list[Row] = []
    for name in [g.strip() for g in args.only.split(",") if g.strip()]:
        started = time.monotonic()
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows.extend(run_group(name, args.quick))
        print(f"  {name} took {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    print_table(rows, markdown=args.markdown)
    missed = [r.metric for r in rows if r.ok is False]
    if missed:
        print(f"\ntargets missed: {'; '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
