"""Batch output formats from finished rounds (pure: no server)."""

from __future__ import annotations

import csv
import io
import json

from c2q_repl.api.errors import QuotaExceededError
from c2q_repl.batch_output import (
    BatchWriter,
    combined_csv,
    csv_block,
    dumps_json,
    markdown_block,
    round_record,
)
from c2q_repl.chat.round import Round
from c2q_repl.render.options import RenderOptions

PLAIN = RenderOptions(width=100, color=False)
EVIL = "Acme\x1b[2J\x1b]0;pwned\x07 Corp"


def direct_round(number=1, rows=None):
    rows = rows if rows is not None else [["Energy", 21, 1.5], [EVIL, None, 2.0], ["中文", 3, None]]
    result = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "clarified_task": "Companies",
        "sql": "SELECT name, n, x FROM t",
        "assumptions": [{"concept": "c", "explanation": "e"}],
        "data": {"columns": [{"col": "name"}, {"col": "n"}, {"col": "x"}], "rows": rows},
    }
    return Round(
        number,
        "which companies?",
        "direct",
        job_id="j" * 32,
        elapsed=1.25,
        requests=3,
        job_raw={"job_id": "j" * 32, "status": "done", "result": result},
    )


def breakdown_round():
    leaf = lambda tid, sql, rows: {
        "type": "data_retrieval",
        "task_id": tid,
        "status": "done",
        "task": f"task {tid}",
        "sql": sql,
        "data": {"columns": [{"col": "v"}], "rows": rows},
    }
    failed = {
        "type": "data_retrieval",
        "task_id": "0-3",
        "status": "failed",
        "task": "task 0-3",
        "sql": "SELECT nope",
        "sql_error": "no such column: nope",
    }
    result = {
        "type": "breakdown",
        "task_id": "0",
        "status": "done",
        "sub_tasks": [
            leaf("0-1", "SELECT 1 AS v", [[1]]),
            leaf("0-2", "SELECT 2 AS v", [[2]]),
            failed,
        ],
    }
    return Round(
        2,
        "break it down",
        "auto_breakdown",
        job_id="b" * 32,
        job_raw={"job_id": "b" * 32, "status": "done", "result": result},
    )


def error_round():
    return Round(
        3,
        "one more?",
        "direct",
        error=QuotaExceededError("The AI request exceeded the limit", status=429, code=429),
    )


def test_record_of_a_direct_answer_is_flat_and_clean():
    rec = round_record(direct_round())
    assert rec["status"] == "answered" and rec["error"] is None
    assert rec["sql"] == "SELECT name, n, x FROM t"
    assert rec["columns"] == ["name", "n", "x"]
    assert rec["rows"][0] == ["Energy", 21, 1.5]
    assert rec["rows"][1] == [
        "Acme Corp",
        None,
        2.0,
    ]  # control sequences removed, NULL kept as null
    assert rec["rows"][2][0] == "中文"
    assert rec["assumptions"] == [{"concept": "c", "explanation": "e"}]
    assert rec["requests"] == 3 and rec["job_id"] == "j" * 32


def test_record_of_a_breakdown_lists_every_task_and_its_failure():
    rec = round_record(breakdown_round())
    assert rec["rows"] is None and [t["task_id"] for t in rec["tasks"]] == ["0-1", "0-2", "0-3"]
    assert rec["tasks"][2]["error"] == "no such column: nope"
    assert rec["tasks"][0]["rows"] == [[1]]


def test_record_of_an_error_round():
    rec = round_record(error_round())
    assert rec["status"] == "failed" and rec["tasks"] is None and rec["sql"] is None
    assert list(rec) == list(round_record(direct_round()))  # every key, always
    assert rec["error"]["kind"] == "quota" and rec["error"]["status"] == 429


def test_dumps_json_escapes_what_json_does_not():
    text = dumps_json({"v": "a\x7fb\x9bc\u2028d\u202ee"})
    assert all(ch not in text for ch in "\x7f\x9b\u2028\u202e")
    assert json.loads(text) == {"v": "a\x7fb\x9bc\u2028d\u202ee"}
    assert dumps_json({"x": "中"}) == '{"x":"中"}'


def test_csv_block_is_parseable_and_clean():
    block = csv_block(direct_round())
    assert "\x1b" not in block and "\x07" not in block
    rows = list(csv.reader(io.StringIO(block)))
    assert rows[0] == ["name", "n", "x"] and rows[2] == ["Acme Corp", "", "2.0"]
    two = csv_block(breakdown_round()).split("\n\n")
    # every answered sub-task, labelled (the one breakdown rule); the failed one has no rows
    assert two == ["# 2.2 task 0-1\nv\n1", "# 2.3 task 0-2\nv\n2"]
    assert csv_block(error_round()) == ""


def test_several_rounds_make_one_rectangular_csv():
    rows = list(
        csv.reader(io.StringIO(combined_csv([direct_round(), breakdown_round(), error_round()])))
    )
    assert rows[0] == ["question", "task", "name", "n", "x", "v"]
    assert len({len(r) for r in rows}) == 1
    assert rows[1][:3] == ["which companies?", "", "Energy"] and rows[1][5] == ""
    assert rows[4][1] == "2.2 task 0-1" and rows[4][2:] == ["", "", "", "1"]
    assert len(rows) == 6  # 3 direct rows, 2 answered sub-tasks, nothing for the error
    # the writer gives one question its plain CSV, several the combined one
    assert write_all("csv", [direct_round()]) == csv_block(direct_round()) + "\n"
    assert write_all("csv", [direct_round(), error_round()]).startswith("question,name,n,x\n")


def test_markdown_block():
    md = markdown_block(direct_round())
    assert md.startswith("## which companies?")
    assert "```sql\nSELECT name, n, x FROM t\n```" in md
    assert "| name" in md and "_3 rows_" in md
    assert "```sql" not in markdown_block(direct_round(), show_sql=False)
    bd = markdown_block(breakdown_round())
    assert "### 2.2 task 0-1" in bd and "### 2.3 task 0-2" in bd
    assert "### 2.4 task 0-3" in bd and "> **Failed:** no such column: nope" in bd
    assert "> **Error:** The AI request exceeded the limit" in markdown_block(error_round())


def write_all(fmt, rounds, opts=PLAIN):
    out = io.StringIO()
    writer = BatchWriter(out, fmt, opts)
    for r in rounds:
        writer.write(r)
    writer.close()
    return out.getvalue()


def test_writer_json_is_one_array_even_when_empty():
    text = write_all("json", [direct_round(), error_round()])
    data = json.loads(text)
    assert [d["round"] for d in data] == [1, 3]
    assert json.loads(write_all("json", [])) == []


def test_writer_jsonl_one_object_per_line():
    lines = write_all("jsonl", [direct_round(), breakdown_round(), error_round()]).splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["answered", "answered", "failed"]


def test_writer_table_echoes_each_question_and_uses_round_lines():
    text = write_all("table", [direct_round(), error_round()])
    assert "which companies?" in text and "one more?" in text
    assert "SELECT name, n, x FROM t" in text and "exceeded the limit" in text
    assert "\x1b" not in text  # colour off in PLAIN


def test_writer_table_colour_only_when_asked():
    from c2q_repl.render.theme import load_theme

    text = write_all(
        "table", [direct_round()], RenderOptions(width=100, color=True, theme=load_theme("default"))
    )
    assert "\x1b[" in text
