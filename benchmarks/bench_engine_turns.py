"""Engine time of every turn of the sp500insight dev sets: the median, the 90th percentile and
the slowest turns, answered or declined.

The per-set medians of bench_engine.py hide the turns a user waits seconds for (a ranking over
the whole price history); this lists them. Run it on two trees to compare: the ratio of their
slowest turns is what changed.

    python benchmarks/bench_engine_turns.py [--slowest 20] [SET ...]   # SET: dev107, holdout63, …
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval.runner import open_eval_database, run_set, server_answerer  # noqa: E402
from benchmarks.eval.sets import load_set  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set names (default: every sp500 dev set)")
    parser.add_argument("--slowest", type=int, default=20, help="how many slowest turns to list")
    args = parser.parse_args(argv)
    eval_dir = ROOT / "benchmarks" / "eval"
    names = args.sets or [
        p.stem.removeprefix("sp500_") for p in sorted(eval_dir.glob("sp500_dev*.jsonl"))
    ]
    db = open_eval_database("sp500")
    answerer = server_answerer(db)
    outcomes = []
    for name in names:
        outcomes += run_set(load_set(eval_dir / f"sp500_{name}.jsonl"), db, answerer)
    ms = sorted(o.seconds * 1000 for o in outcomes)
    print(
        f"turns {len(ms)}  median {statistics.median(ms):.1f} ms  p90 {ms[int(0.9 * len(ms))]:.1f} ms"
    )
    for o in sorted(outcomes, key=lambda o: -o.seconds)[: args.slowest]:
        state = "answered" if o.answered else "declined"
        print(f"{o.seconds * 1000:8.1f} ms  {state:8s}  {o.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
