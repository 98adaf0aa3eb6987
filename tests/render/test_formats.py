"""Batch output formats: csv, json, jsonl, markdown, table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from c2q_repl.render.formats import FORMATS, format_rows

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
    assert out[0].startswith("| name ") and set(out[1]) <= set("|-")
    assert "x\\|y" in out[4] and "multi↵line" in out[4]


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
