"""Benchmark of the built-in sandbox engine: its golden set, or the blind evaluation sets.

Run: python benchmarks/bench_engine.py [--verbose]
  the golden set (tests/engine/golden.jsonl): answer rate, precision (execution accuracy on
  answered questions), the share of must-decline questions declined, engine time per answer.

Blind sets (benchmarks/eval/, written without reading the engine; see its README.md):
  python benchmarks/bench_engine.py --set benchmarks/eval/sp500_dev.jsonl
  python benchmarks/bench_engine.py --db school [--db shop] [--holdout]
  python benchmarks/bench_engine.py --all-dev [--holdout]   # --holdout alone: every holdout set
prints per set and per category: questions, answered %, precision % (correct / answered),
confidently-wrong count, must-decline declined %, wrong later turns of sessions, median engine ms.
--json prints the same as JSON; --verbose lists each wrong or declined question with the engine's
SQL and decline reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase  # noqa: E402
from c2q_repl.sandbox.engine import create_answerer  # noqa: E402
from c2q_repl.sandbox.engine.golden import evaluate, load_cases  # noqa: E402
from c2q_repl.sandbox.seed import ensure_sp500insight  # noqa: E402

GOLDEN = ROOT / "tests" / "engine" / "golden.jsonl"
HOLDOUT_SPLITS = (
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout9",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout13",
    "holdout14",
    "holdout15",
    "holdout16",
    "holdout17",
    "holdout18",
    "holdout19",
    "holdout20",
    "holdout21",
    "holdout22",
    "holdout23",
    "holdout24",
    "holdout25",
    "holdout26",
    "holdout27",
    "holdout28",
    "holdout29",
    "holdout30",
    "holdout31",
    "holdout32",
    "holdout33",
    "holdout34",
    "holdout35",
    "holdout36",
    "holdout37",
    "holdout38",
    "holdout39",
    "holdout40",
    "holdout41",
    "holdout42",
    "holdout43",
    "holdout44",
    "holdout45",
    "holdout46",
    "holdout47",
    "holdout48",
    "holdout49",
    "holdout50",
    "holdout51",
    "holdout52",
    "holdout53",
    "holdout54",
    "holdout55",
    "holdout56",
    "holdout57",
    "holdout58",
    "holdout59",
    "holdout60",
    "holdout61",
    "holdout62",
    "holdout63",
    "holdout64",
    "holdout65",
    "holdout66",
    "holdout67",
    "holdout68",
    "holdout69",
    "holdout70",
    "holdout71",
    "holdout72",
    "holdout73",
    "holdout74",
    "holdout75",
    "holdout76",
    "holdout77",
    "holdout78",
    "holdout79",
    "holdout80",
    "holdout81",
    "holdout82",
    "holdout83",
    "holdout84",
    "holdout85",
    "holdout86",
    "holdout87",
    "holdout88",
    "holdout89",
    "holdout90",
    "holdout91",
    "holdout92",
    "holdout93",
    "holdout94",
    "holdout95",
    "holdout96",
    "holdout97",
    "holdout98",
    "holdout99",
    "holdout100",
    "holdout101",
    "holdout102",
    "holdout103",
    "holdout104",
    "holdout105",
    "holdout106",
    "holdout107",
    "holdout108",
    "holdout109",
    "holdout110",
    "holdout111",
    "holdout112",
    "holdout113",
    "holdout114",
    "holdout115",
    "holdout116",
    "holdout117",
    "holdout118",
    "holdout119",
    "holdout120",
    "holdout121",
    "holdout122",
    "holdout123",
    "holdout124",
    "holdout125",
    "holdout126",
    "holdout127",
    "holdout128",
    "holdout129",
)  # --holdout runs them all: never tuned on


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every wrong or unanswered question"
    )
    parser.add_argument(
        "--cache-dir", help="where the seed database is cached (default: the usual cache)"
    )
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="FILE",
        help="a blind evaluation set (benchmarks/eval/<db>_<dev|holdout>.jsonl); repeatable",
    )
    parser.add_argument(
        "--db",
        dest="dbs",
        action="append",
        default=[],
        metavar="NAME",
        help="the dev set of database NAME (sp500 or one of benchmarks/eval/dbs NAMES); repeatable",
    )
    parser.add_argument("--all-dev", action="store_true", help="every dev set")
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="holdout sets: with --db, that database's; alone, every one; with --all-dev, both",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--json-out", metavar="FILE", help="also write the JSON to FILE (with the text output)"
    )
    return parser.parse_args(argv)


def chosen_sets(args: argparse.Namespace) -> list[Path]:
    """The blind set files the options name (empty: run the golden set)."""
    from benchmarks.eval.sets import set_paths

    paths = [Path(p) for p in args.sets]
    if args.dbs:
        for split in HOLDOUT_SPLITS if args.holdout else ("dev",):
            paths += set_paths(split, tuple(args.dbs))
        missing = set(args.dbs) - {p.stem.rsplit("_", 1)[0] for p in paths}
        if missing:
            raise SystemExit(f"no evaluation set for database(s) {sorted(missing)}")
    else:
        if args.all_dev:
            paths += set_paths("dev")
        if args.holdout:
            paths += [p for split in HOLDOUT_SPLITS for p in set_paths(split)]
    return list(dict.fromkeys(p.resolve() for p in paths))


def run_blind(paths: list[Path], args: argparse.Namespace) -> int:
    from benchmarks.eval import report
    from benchmarks.eval.runner import open_eval_database, run_set, server_answerer
    from benchmarks.eval.sets import load_set

    cache = Path(args.cache_dir) if args.cache_dir else None
    results, databases = {}, {}
    for path in paths:
        eval_set = load_set(path)
        db = open_eval_database(eval_set.database, cache)
        try:
            outcomes = run_set(eval_set, db, server_answerer(db))
        finally:
            getattr(db, "close", lambda: None)()
        results[eval_set.name], databases[eval_set.name] = outcomes, db.name
        if not args.json:
            print(report.set_text(eval_set.name, db.name, outcomes), end="\n\n")
            if args.verbose:
                print(report.verbose_text(outcomes) or "(nothing wrong or declined)", end="\n\n")
    as_json = json.dumps(report.to_json(results, databases), indent=2, ensure_ascii=False)
    if args.json_out:
        Path(args.json_out).write_text(as_json + "\n", encoding="utf-8")
    if args.json:
        print(as_json)
    elif len(results) > 1:
        print(report.summary_text(results))
    return 0


def run_golden(args: argparse.Namespace) -> int:
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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paths = chosen_sets(args)
    if paths:
        return run_blind(paths, args)
    return run_golden(args)


if __name__ == "__main__":
    raise SystemExit(main())
