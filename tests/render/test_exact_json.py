"""Exports keep exact values (issue 14): JSON numbers where the column is numeric,
digit for digit; strings elsewhere; CSV the full text."""

from __future__ import annotations

import json
from decimal import Decimal

from c2q_repl.render.exact_json import ExactNumber, dumps, numeric_columns, typed_rows
from c2q_repl.render.formats import format_rows

COLUMNS = ["id", "zip", "market_cap", "ratio", "name", "count"]
ROWS = [
    [
        1,
        "02134",
        "123456789012345678901234567890",
        "0.1000000000000000055511151231257827",
        "A",
        "5",
    ],
    [2, "10001", "-5", "-0.029199999999999997", "B", None],
]


def test_numeric_columns_are_numbers_codes_and_text_are_strings():
    records = json.loads(format_rows(COLUMNS, ROWS, "json"), parse_float=Decimal)
    first, second = records
    assert first["id"] == 1 and first["count"] == 5 and second["count"] is None
    assert first["zip"] == "02134" and second["zip"] == "10001"  # a leading zero: codes
    assert first["market_cap"] == 123456789012345678901234567890  # no float rounding
    assert first["ratio"] == Decimal("0.1000000000000000055511151231257827")
    assert second["ratio"] == Decimal("-0.029199999999999997")
    assert first["name"] == "A"


def test_jsonl_carries_the_same_numbers():
    lines = format_rows(COLUMNS, ROWS, "jsonl").split("\n")
    assert '"market_cap":123456789012345678901234567890' in lines[0]
    assert '"ratio":0.1000000000000000055511151231257827' in lines[0]
    assert '"zip":"02134"' in lines[0]


def test_a_column_with_one_text_cell_stays_text():
    assert numeric_columns([["1"], ["x"]], 1) == [False]
    assert typed_rows([["1"], ["x"]], 1) == [["1"], ["x"]]


def test_dumps_writes_exact_numbers_bare_and_leaves_lookalike_strings_alone():
    text = dumps({"a": ExactNumber("1.50"), "b": "c2q-exact-0:1"})
    assert json.loads(text, parse_float=Decimal) == {"a": Decimal("1.50"), "b": "c2q-exact-0:1"}
    assert '"a": 1.50' in text


def test_csv_keeps_the_full_value():
    text = format_rows(COLUMNS, ROWS, "csv")
    assert "123456789012345678901234567890" in text
    assert "0.1000000000000000055511151231257827" in text and "02134" in text


def test_saved_plain_tables_are_exact_too():
    text = format_rows(["market_cap"], [["2896100000000"]], "table")
    assert "2896100000000" in text and "2,896" not in text


def test_c2q_ask_json_records_carry_numbers_where_the_column_is_numeric():
    from c2q_repl.batch_output import dumps_json, round_record
    from c2q_repl.chat.round import Round

    result = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "sql": "SELECT name, zip, market_cap, change FROM t",
        "data": {
            "columns": [{"col": c} for c in ("name", "zip", "market_cap", "change")],
            "rows": [
                ["Apple", "02134", "123456789012345678901234567890", "-0.029199999999999997"],
                ["Exxon", "10001", "457900000000", "0.5"],
            ],
        },
    }
    round_ = Round(1, "q", "direct", job_id="j", job_raw={"status": "done", "result": result})
    for indent in (None, 2):
        record = json.loads(dumps_json(round_record(round_), indent=indent), parse_float=Decimal)
        assert record["rows"][0] == [
            "Apple",
            "02134",
            123456789012345678901234567890,
            Decimal("-0.029199999999999997"),
        ]
        assert record["tasks"][0]["rows"][1][2:] == [457900000000, Decimal("0.5")]
