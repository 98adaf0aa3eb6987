"""Batch output formats: csv, json, jsonl, markdown, table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from c2q_repl.api.models import Answer
from c2q_repl.render.formats import (
    FORMATS,
    REGISTRY,
    choices,
    for_suffix,
    format_rows,
    lookup,
    tables_text,
    written_tables,
)

COLUMNS = ["name", "n", "n"]
ROWS = [
    ["Apple\x1b]0;pwned\x07", "1", 2.5],
    ["中,文", None, 1234567890123456789012],
    ["multi\nline", "x|y", True],
]


def test_csv_quotes_and_cleans():
    out = format_rows(COLUMNS, ROWS, "csv")
    parsed = list(csv.reader(io.StringIO(out)))
    assert parsed[0] == COLUMNS
    assert parsed[1] == ["Apple", "1", "2.5"]
    assert parsed[2] == ["中,文", "", "1234567890123456789012"]
    assert parsed[3] == ["multi\nline", "x|y", "true"]
    assert "\x1b" not in out


def test_json_keeps_types_and_makes_keys_unique():
    data = json.loads(format_rows(COLUMNS, ROWS, "json"))
    assert data[0] == {"name": "Apple", "n": "1", "n_2": 2.5}
    assert data[1]["n"] is None and data[1]["n_2"] == 1234567890123456789012
    assert data[2]["n_2"] is True


def test_jsonl_one_object_per_line():
    lines = format_rows(COLUMNS, ROWS, "jsonl").split("\n")
    assert len(lines) == 3 and json.loads(lines[1])["name"] == "中,文"


def test_markdown_escapes_pipes_and_is_a_github_table():
    out = format_rows(COLUMNS, ROWS, "markdown").split("\n")
    assert out[0] == "| name | n | n |" and out[1] == "|---|---|---|"
    assert "x\\|y" in out[4] and "| multi line |" in out[4]  # one Markdown line per row
    assert "*NULL*" in out[3] and "\x1b" not in "".join(out)
    assert format_rows(["n"], [[1], [2.5]], "markdown").split("\n")[1] == "|---:|"


def test_table_is_plain_psql_without_truncation():
    long = "z" * 200
    out = format_rows(["a"], [[long], [None]], "table").split("\n")
    assert out[0].startswith("+") and long in out[3] and "NULL" in out[4]
    assert "\x1b" not in "".join(out)


def test_empty_result():
    assert format_rows(["a"], [], "json") == "[]"
    assert format_rows(["a"], [], "csv") == "a"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_runs(fmt):
    assert isinstance(format_rows(COLUMNS, ROWS, fmt), str)


def test_unknown_format():
    with pytest.raises(ValueError):
        format_rows(COLUMNS, ROWS, "xml")


def test_one_registry_feeds_every_list():
    assert FORMATS == ("table", "csv", "json", "jsonl", "markdown")
    assert choices("export") == ["csv", "json", "markdown", "md", "html"]
    assert lookup("md").name == "markdown" and for_suffix(".MD", "save").name == "markdown"
    assert for_suffix(".html", "save") is None and for_suffix(".html", "export").name == "html"
    every_suffix = [s for f in REGISTRY for s in f.suffixes]
    assert len(every_suffix) == len(set(every_suffix))  # a suffix chooses one format


def _breakdown() -> Answer:
    def leaf(task_id: str, task: str, rows, failed: bool = False) -> dict:
        return {
            "task_id": task_id,
            "task": task,
            "sql": "SELECT 1",
            "sql_error": "boom" if failed else None,
            "data": {"columns": [{"col": "v"}], "rows": rows},
        }

    return Answer.from_json(
        {
            "type": "breakdown",
            "task_id": "0",
            "sub_tasks": [
                leaf("0-0", "first part", [[1]]),
                leaf("0-1", "broken part", [], failed=True),
                leaf("0-2", "last\x1b[2J part", [[3], [4]]),
            ],
        }
    )


def test_a_breakdown_writes_every_answered_sub_task_labelled():
    tables = written_tables(_breakdown(), 7)
    assert [t.label for t in tables] == ["7.1 first part", "7.3 last part"]
    assert tables_text(tables, "csv") == "# 7.1 first part\nv\n1\n\n# 7.3 last part\nv\n3\n4"
    labelled = json.loads(tables_text(tables, "json"))
    assert labelled == [
        {"task": "7.1 first part", "rows": [{"v": 1}]},
        {"task": "7.3 last part", "rows": [{"v": 3}, {"v": 4}]},
    ]
    md = tables_text(tables, "markdown")
    assert md.startswith("### 7.1 first part\n\n| v |") and "### 7.3 last part" in md
    jsonl = [json.loads(line) for line in tables_text(tables, "jsonl").split("\n")]
    assert jsonl[-1] == {"task": "7.3 last part", "v": 4}


def test_a_direct_answer_is_one_unlabelled_table():
    direct = Answer.from_json(
        {
            "type": "data_retrieval",
            "task_id": "0",
            "sql": "SELECT 1",
            "data": {"columns": [{"col": "v"}], "rows": [[1]]},
        }  # fmt: skip
    )
    tables = written_tables(direct, 1)
    assert [t.label for t in tables] == [""]
    assert tables_text(tables, "csv") == "v\n1"
    assert json.loads(tables_text(tables, "json")) == [{"v": 1}]
