"""Only the table of an answer goes to the pager (issue 14): SQL, header, chart,
row count and footer always reach the terminal."""

from __future__ import annotations

import io
import os
import stat

from c2q_repl.chat.round import Round, round_lines, table_spans
from c2q_repl.render.options import RenderOptions
from c2q_repl.repl import pager
from c2q_repl.repl.printing import Printer

LONG_SQL = (
    "SELECT name, sector, market_cap FROM companies WHERE sector = 'Information Technology' "
    "AND market_cap > 1000000000 ORDER BY market_cap DESC"
)


def tall_round(rows: int = 60) -> Round:
    answer = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "clarified_task": "Companies in IT with their market cap",
        "sql": LONG_SQL,
        "data": {
            "columns": [{"col": "name"}, {"col": "n"}],
            "rows": [[f"company {i}", i] for i in range(rows)],
        },
    }
    job = {"job_id": "ab" * 16, "status": "done", "ended_at": 1, "reason": "", "result": answer}
    return Round(1, "it companies", "direct", job_id="ab" * 16, job_raw=job)


def test_chunks_page_only_a_tall_table():
    lines = ["sql"] * 3 + ["row"] * 30 + ["30 rows", "footer"]
    chunks = pager.answer_chunks(lines, [(3, 33)], mode="auto", rows=24, columns=80, is_tty=True)
    assert [(len(c.lines), c.paged) for c in chunks] == [(3, False), (30, True), (2, False)]


def test_chunks_print_a_short_table_straight_even_when_the_answer_is_tall():
    lines = ["sql"] * 20 + ["row"] * 10 + ["10 rows"]
    chunks = pager.answer_chunks(lines, [(20, 30)], mode="auto", rows=24, columns=80, is_tty=True)
    assert chunks == [pager.Chunk(lines, False)]


def test_chunks_when_everything_fits_or_no_terminal():
    lines = ["a", "b"]
    assert pager.answer_chunks(lines, [(0, 1)], mode="auto", rows=24, columns=80, is_tty=True) == [
        pager.Chunk(lines, False)
    ]
    tall = ["x"] * 50
    assert pager.answer_chunks(tall, [(0, 50)], mode="auto", rows=24, columns=80, is_tty=False) == [
        pager.Chunk(tall, False)
    ]
    on = pager.answer_chunks(["q", "t", "n"], [(1, 2)], mode="on", rows=24, columns=80, is_tty=True)
    assert [c.paged for c in on] == [False, True, False]


def test_table_spans_find_the_rendered_table():
    opts = RenderOptions(width=80, color=False)
    round_ = tall_round()
    lines = round_lines(round_, opts)
    [(start, end)] = table_spans(round_, lines, opts)
    assert "name" in lines[start + 1] and "company 59" in lines[end - 2]
    assert any("SELECT" in line for line in lines[:start])
    assert any("60 rows" in line for line in lines[end:])


def test_printer_pages_the_table_and_prints_sql_and_count(tmp_path):
    paged = tmp_path / "paged"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\ncat > {paged}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    stream = io.StringIO()
    out = Printer(stream, color=False, is_tty=True, environ={**os.environ, "PAGER": str(script)})
    out.size = lambda: (80, 24)  # type: ignore[method-assign]
    opts = RenderOptions(width=80, color=False)
    round_ = tall_round()
    lines = round_lines(round_, opts)
    assert out.answer(lines, lambda: table_spans(round_, lines, opts))
    printed = stream.getvalue()
    assert "SELECT name, sector" in printed and "60 rows" in printed
    assert "answer " + "ab" * 16 in printed
    assert "company 59" in paged.read_text() and "SELECT" not in paged.read_text()
    assert "company 59" not in printed
