"""Rendering benchmark (issue 7): a 1000-row x 12-column answer to table text.

Prints our time, naive tabulate's time on the same rows, the ratio, whether our
output is byte-identical to tabulate's (psql, github, simple, grid, plain,
pipe), and the peak RSS of a fresh process that only renders.

    python benchmarks/bench_render.py [--runs N] [--json]

Targets: <= 80 ms, >= 3x faster than naive tabulate, identical, <= 70 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FORMATS = ("psql", "github", "simple", "grid", "plain", "pipe")
NAMES = [
    "Apple Inc.",
    "Microsoft Corporation",
    "阿里巴巴集团",
    "トヨタ自動車",
    "Samsung 삼성전자",
    "Nestlé S.A.",
    "🍎 Fruit Co",
    "Berkshire Hathaway Inc. Class B",
    "",
    "Ørsted A/S",
    "Taiwan Semiconductor 台積電",
]
SECTORS = [
    "Information Technology",
    "Health Care",
    "金融",
    "Energy",
    "Consumer Discretionary",
    None,
]


def answer_rows(n_rows: int = 1000, seed: int = 7) -> tuple[list[str], list[list]]:
    """Rows shaped like a Chat2Query answer: mostly strings, some NULLs,
    CJK/emoji text, negative numbers, floats and 22-digit integers."""
    rnd = random.Random(seed)
    columns = [
        "symbol",
        "name",
        "sector",
        "market_cap",
        "price",
        "change_pct",
        "volume",
        "pe_ratio",
        "employees",
        "ipo_date",
        "big_id",
        "note",
    ]
    rows = []
    for i in range(n_rows):
        rows.append(
            [
                f"S{i:04d}",
                rnd.choice(NAMES),
                rnd.choice(SECTORS),
                str(rnd.randint(10**8, 3 * 10**12)),
                f"{rnd.uniform(1, 900):.2f}",
                f"{rnd.uniform(-12, 12):.3f}",
                rnd.randint(0, 10**8),
                None if rnd.random() < 0.1 else round(rnd.uniform(-50, 300), 2),
                str(rnd.randint(10, 2_000_000)),
                f"{rnd.randint(1970, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                str(rnd.randint(10**21, 10**22 - 1)),
                rnd.choice(["", "split 2:1", "dividend ↑", "季度报告", "🚀 record high", None]),
            ]
        )
    return columns, rows


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def child_peak_rss() -> None:
    """Run in a fresh process: render once, print peak RSS in MB."""
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.table import render_table

    columns, rows = answer_rows()
    text = "\n".join(
        render_table(columns, rows, RenderOptions(width=10**6, color=False, vertical="off"))
    )
    assert text
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_peak_rss()
        return 0

    from tabulate import tabulate

    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.table import prepare_table, render_table
    from c2q_repl.render.theme import load_theme

    columns, rows = answer_rows()
    plain = RenderOptions(width=10**6, color=False, vertical="off")
    coloured = RenderOptions(width=10**6, theme=load_theme("default"), vertical="off")

    ours_ms = _median_ms(lambda: "\n".join(render_table(columns, rows, plain)), args.runs)
    ours_colour_ms = _median_ms(lambda: "\n".join(render_table(columns, rows, coloured)), args.runs)
    naive_ms = _median_ms(lambda: tabulate(rows, headers=columns, tablefmt="psql"), args.runs)

    prepared = prepare_table(columns, rows, plain)
    cells = [list(r) for r in zip(*prepared.columns)]
    same_args_ms = _median_ms(
        lambda: tabulate(
            cells,
            prepared.headers,
            tablefmt="psql",
            disable_numparse=True,
            colalign=prepared.aligns,
        ),
        args.runs,
    )
    identical = {}
    for fmt in FORMATS:
        opts = RenderOptions(width=10**6, color=False, vertical="off", table_format=fmt)
        ours = "\n".join(render_table(columns, rows, opts))
        identical[fmt] = ours == tabulate(
            cells, prepared.headers, tablefmt=fmt, disable_numparse=True, colalign=prepared.aligns
        )

    rss = float(
        subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    result = {
        "rows": len(rows),
        "columns": len(columns),
        "ours_ms": round(ours_ms, 1),
        "ours_colour_ms": round(ours_colour_ms, 1),
        "naive_tabulate_ms": round(naive_ms, 1),
        "ratio": round(naive_ms / ours_ms, 1),
        "tabulate_same_args_ms": round(same_args_ms, 1),
        "ratio_same_args": round(same_args_ms / ours_ms, 1),
        "identical": all(identical.values()),
        "identical_by_format": identical,
        "peak_rss_mb": round(rss, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"table render, {len(rows)} rows x {len(columns)} columns (median of {args.runs})")
        print(f"  ours (psql, no colour)       {ours_ms:7.1f} ms   target <= 80 ms")
        print(f"  ours (psql, default theme)   {ours_colour_ms:7.1f} ms")
        print(
            f"  naive tabulate               {naive_ms:7.1f} ms   tabulate(rows, headers, tablefmt='psql')"
        )
        print(f"  ratio                        {naive_ms / ours_ms:7.1f} x    target >= 3x")
        print(
            f"  tabulate, same output args   {same_args_ms:7.1f} ms   ({same_args_ms / ours_ms:.1f}x slower than ours)"
        )
        per_format = ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in identical.items())
        print(
            f"  identical to tabulate        {'yes' if result['identical'] else 'NO'}   ({per_format})"
        )
        print(f"  peak RSS (render only)       {rss:7.1f} MB   target <= 70 MB")
    ok = ours_ms <= 80 and naive_ms / ours_ms >= 3 and result["identical"] and rss <= 70
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
