"""Markdown, HTML, CSV and JSON exports of a transcript."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from c2q_repl.transcript.export import export_transcript, format_for
from c2q_repl.transcript.reader import TranscriptError
from tests import children

from .helpers import SECTOR_ROWS, job, make_round, sample_rounds, write_transcript
from .png import count_colour, decode_png, distinct_colours

EVIL = '<script>alert("pwned")</script>'


def breakdown_job(job_id: str) -> dict:
    sub = [
        {
            **job(
                "x",
                "SELECT sector, SUM(revenue) AS revenue FROM companies GROUP BY sector",
                ["sector", "revenue"],
                [["Technology", "1000.5"], ["Energy", 400]],
                chart="PieChart",
            )["result"],
            "task_id": "0-0",
            "task": "revenue per sector",
        },
        {
            **job(
                "x",
                "SELECT year, price FROM prices",
                ["year", "price"],
                [[2020, 10], [2021, 12], [2022, 9]],
                chart="LineChart",
            )["result"],
            "task_id": "0-1",
            "task": "price by year",
        },
    ]
    sub[0]["chart_options"]["option"] = {"label": "sector", "value": "revenue"}
    return {
        "job_id": job_id,
        "status": "done",
        "result": {
            "type": "breakdown",
            "task_id": "0",
            "status": "done",
            "clarified_task": "two views",
            "sub_tasks": sub,
        },
    }


def rich_transcript(tmp_path: Path) -> Path:
    rounds = sample_rounds()
    rounds.append(
        make_round(
            4,
            f"names like {EVIL}?",
            job(
                "job-4",
                "SELECT name FROM companies WHERE name LIKE '%<%'",
                ["name", "note"],
                [[EVIL, None], ["A | B", "x\ny"]],
            ),
        )
    )
    rounds.append(make_round(5, "break it down", breakdown_job("job-5"), mode="auto_breakdown"))
    return write_transcript(tmp_path / "rich.jsonl", rounds)


def test_markdown_headings_fenced_sql_and_github_tables(tmp_path):
    md = export_transcript(rich_transcript(tmp_path), "md")
    assert "## 1. how many companies per sector?" in md
    assert "```sql\nSELECT sector, COUNT(*)" in md
    assert "| sector | companies |\n|---|---:|\n| Technology | 80 |" in md
    assert "A \\| B" in md and "*NULL*" in md
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "### 5.1 revenue per sector" in md and "### 5.2 price by year" in md
    assert "**Error:** daily quota used up" in md


def test_html_is_self_contained_and_escapes_data(tmp_path):
    html = export_transcript(rich_transcript(tmp_path), "html")
    assert not re.search(r"https?://", html), "external URL in the export"
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!#|data:)""", html, re.I), (
        "a reference to an outside resource"
    )
    assert "<link" not in html.lower() and "@import" not in html
    assert EVIL not in html and "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert html.lower().count("<script") == 0
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<svg") == 3  # bar, pie, line
    assert html.count('class="slice"') == 2 and 'class="line"' in html
    assert "<td>Technology</td>" in html and '<td class="null">NULL</td>' in html
    # numbers sent as strings align right, readable, the exact value on hover
    assert '<td class="num" title="1000.5">1,000.5</td>' in html
    assert (
        'style="color: #007020; font-weight: bold">SELECT</span>' in html
    )  # pygments, inline styles


def test_csv_of_one_round(tmp_path):
    path = rich_transcript(tmp_path)
    rows = list(csv.reader(io.StringIO(export_transcript(path, "csv", round_no=1))))
    assert rows == [["sector", "companies"]] + [[s, str(n)] for s, n in SECTOR_ROWS]
    # default: the last round with rows; a breakdown writes every sub-task, labelled
    last = export_transcript(path, "csv").split("\n\n")
    assert [block.split("\n")[:2] for block in last] == [
        ["# 5.1 revenue per sector", "sector,revenue"],
        ["# 5.2 price by year", "year,price"],
    ]
    four = list(csv.reader(io.StringIO(export_transcript(path, "csv", round_no=4))))
    assert four[1] == [EVIL, ""] and four[2] == ["A | B", "x\ny"]
    with pytest.raises(TranscriptError, match="round 3 returned no rows"):
        export_transcript(path, "csv", round_no=3)
    with pytest.raises(TranscriptError, match="no round 9"):
        export_transcript(path, "csv", round_no=9)


def test_json_is_normalised(tmp_path):
    data = json.loads(export_transcript(rich_transcript(tmp_path), "json"))
    assert (
        data["format"] == "c2q-transcript-export" and data["header"]["database"] == "sp500insight"
    )
    statuses = [r["status"] for r in data["rounds"]]
    assert statuses == ["answered", "answered", "error", "answered", "answered"]
    assert data["rounds"][0]["answer"]["rows"] == SECTOR_ROWS
    assert data["rounds"][1]["feedback"] == {"answer_id": "job-1", "task_id": "0"}
    assert data["rounds"][2]["error"]["kind"] == "quota"
    assert [s["task_id"] for s in data["rounds"][4]["answer"]["sub_tasks"]] == ["0-0", "0-1"]


def test_output_file_and_format_from_suffix(tmp_path):
    out = tmp_path / "deep" / "x.html"
    text = export_transcript(rich_transcript(tmp_path), out=out)
    assert out.read_text() == text and text.startswith("<!DOCTYPE html>")
    assert format_for("a.MD") == "markdown"
    with pytest.raises(TranscriptError, match="cannot tell"):
        format_for("a.txt")


def test_every_export_tolerates_a_cut_last_line(tmp_path):
    path = rich_transcript(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    for fmt in ("md", "html", "json"):
        text = export_transcript(path, fmt)
        assert "break it down" in text
    assert "No answer was recorded" in export_transcript(path, "md")
    assert json.loads(export_transcript(path, "json"))["rounds"][-1]["status"] == "incomplete"


CHROMIUM = "/usr/bin/chromium"


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return children.run(cmd, capture_output=True, text=True, timeout=90, cwd=tmp_path)


@pytest.mark.chromium
@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/chromium.sh installs it)"
)
def test_html_export_shows_table_and_chart_in_chromium(tmp_path):
    rounds = [
        make_round(
            1,
            "companies per sector",
            job("job-1", "SELECT 1", ["sector", "companies"], SECTOR_ROWS, chart="BarChart"),
        ),
        make_round(2, f"evil {EVIL}", job("job-2", "SELECT 2", ["name"], [[EVIL]], chart="")),
    ]
    page = tmp_path / "export.html"
    export_transcript(write_transcript(tmp_path / "t.jsonl", rounds), "html", page)
    url = page.as_uri()

    dom = _chromium(["--dump-dom", url], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('class="bar"') == 3
    assert "<td>Technology</td>" in dom.stdout and "<th>companies</th>" in dom.stdout
    assert "<script>" not in dom.stdout  # the data's script stayed text

    shot = tmp_path / "shot.png"
    run = _chromium([f"--screenshot={shot}", "--window-size=900,1000", url], tmp_path)
    assert shot.exists(), run.stderr[-2000:]
    width, height, rows = decode_png(shot.read_bytes())
    assert (width, height) == (900, 1000)
    bar_blue, header_grey = bytes((0x2F, 0x6F, 0xDE)), bytes((0xEE, 0xF1, 0xF4))
    assert count_colour(rows, bar_blue) > 20_000, "the bar chart is not visible"
    assert count_colour(rows, header_grey) > 1_000, "the table header is not visible"
    # the bars sit below the table: find the blue rows and the header-grey rows
    blue = {y for y, row in enumerate(rows) if row.count(bar_blue) > 100}
    bar_tops = [
        y for y in sorted(blue) if all(y + k in blue for k in range(40))
    ]  # tall blocks, not the rule under the title
    grey_rows = [y for y, row in enumerate(rows) if header_grey in row]
    assert bar_tops and grey_rows and min(grey_rows) < bar_tops[0]
    assert distinct_colours(rows) > 50, "screenshot looks blank"


def test_failures_are_shown_once_and_long_tables_fold(tmp_path):
    failed_breakdown = {
        "job_id": "job-b",
        "status": "done",
        "result": {
            "type": "breakdown",
            "task_id": "0",
            "status": "failed",
            "clarified_task": "compare things",
            "reason": "comparisons need window functions",
            "sub_tasks": [],
        },
    }
    failed_job = {
        "job_id": "job-f",
        "status": "failed",
        "reason": "model overloaded",
        "result": None,
    }
    long_rows = [[f"row{i}", i] for i in range(40)]
    path = write_transcript(
        tmp_path / "t.jsonl",
        [
            make_round(1, "compare", failed_breakdown, mode="auto_breakdown"),
            make_round(2, "overloaded", failed_job),
            make_round(
                3, "many rows", job("job-l", "SELECT a, b FROM t", ["a", "b"], long_rows, chart="")
            ),
        ],
    )
    html = export_transcript(path, "html")
    assert html.count("comparisons need window functions") == 1
    assert "the task failed" not in html and "<h3>" not in html
    assert html.count("model overloaded") == 1
    assert "<summary>15 more rows</summary>" in html and html.count("<td>row39</td>") == 1
    md = export_transcript(path, "md")
    assert md.count("comparisons need window functions") == 1 and "###" not in md
    assert "**Error:** model overloaded" in md
