"""Golden-set benchmark of the built-in sandbox engine.

Run: python benchmarks/bench_engine.py [--verbose]
Prints answer rate, precision (execution accuracy on answered questions),
the share of must-decline questions declined, and engine time per answer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase  # noqa: E402
from c2q_repl.sandbox.engine import create_answerer  # noqa: E402
from c2q_repl.sandbox.engine.golden import evaluate, load_cases  # noqa: E402
from c2q_repl.sandbox.seed import ensure_sp500insight  # noqa: E402

GOLDEN = ROOT / "tests" / "engine" / "golden.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every wrong or unanswered question"
    )
    parser.add_argument(
        "--cache-dir", help="where the seed database is cached (default: the usual cache)"
    )
    args = parser.parse_args()
    db = SQLiteDatabase(ensure_sp500insight(Path(args.cache_dir) if args.cache_dir else None))
    engine = create_answerer("builtin")
    engine.suggest_questions(
        db.catalog(), db
    )  # warm the per-catalog cache, as a running server would be
    cases = load_cases(GOLDEN)
    report = evaluate(engine, db, cases)
    print(f"golden set: {GOLDEN.relative_to(ROOT)}")
    print(report.summary())
    for batch, label in (
        ("holdout", "second batch (h*: written after the first tuning round, then tuned on)"),
        ("fresh", "third batch (c*: written last; only fix after its first run: negative numbers)"),
    ):
        part = report.subset(batch)
        if part.outcomes:
            print(label + ":")
            print("  " + part.summary().replace("\n", "\n  "))
    by_shape: dict[str, list] = {}
    for o in report.outcomes:
        by_shape.setdefault(o.case.shape, []).append(o)
    print("by shape (answered/correct/total):")
    for shape, outs in by_shape.items():
        print(
            f"  {shape:<10} {sum(o.answered for o in outs):>3} / {sum(o.correct for o in outs):>3} / {len(outs):>3}"
        )
    if args.verbose:
        for o in report.outcomes:
            if o.case.must_decline and o.answered:
                print(f"ANSWERED must-decline {o.case.id}: {o.case.question}\n    {o.detail}")
            elif not o.case.must_decline and not o.correct:
                status = "WRONG" if o.answered else "declined"
                print(f"{status} {o.case.id}: {o.case.question}\n    {o.detail[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
