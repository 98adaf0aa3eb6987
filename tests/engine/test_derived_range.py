"""A day's high-low range (derived.py): read with the high standing in, then 'high - low' in
the SQL; declined where the question names the high or the low itself."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, TableInfo
from c2q_repl.sandbox.engine.derived import Derived, read_range, with_range

RANGE = Derived("stock_price_history", "high", "low", "high_low_range")


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "AAPL hi-lo range on 12/29/23?",
            "SELECT high - low FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = '2023-12-29'",
        ),
        (
            "avg daily range (high - low) for NVDA in 2023",
            "SELECT AVG(high - low) FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "NVDA avg daily range (high-low) by month for 2023",
            "SELECT strftime('%Y-%m', record_date) AS m, AVG(high - low) FROM"
            " stock_price_history WHERE stock_symbol = 'NVDA' AND record_date BETWEEN"
            " '2023-01-01' AND '2023-12-31' GROUP BY m",
        ),
        (
            "biggest single-day high-low range for MSFT in 2023",
            "SELECT record_date, high - low AS r FROM stock_price_history WHERE stock_symbol ="
            " 'MSFT' AND record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY r DESC"
            " LIMIT 1",
        ),
        (
            "which stock had the biggest gap between high and low on a single day in 2023?",
            "SELECT stock_symbol, high - low AS r FROM stock_price_history WHERE record_date"
            " BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY r DESC LIMIT 1",
        ),
    ],
)
def test_the_range_of_a_day(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_follow_up_cannot_go_back_to_the_plain_high(engine, seed_db):
    plan = session(engine, seed_db, "avg daily range (high - low) for NVDA in 2023", "and for AMD?")
    task = plan.tasks[0]
    assert task.refusal or "low" in task.sql


def test_the_range_is_read_only_when_nothing_else_names_high_or_low():
    catalog_question = "daily range (high - low) and the high of AAPL in 2023"
    catalog = Catalog(
        "shop",
        "sqlite",
        (
            TableInfo(
                "prices",
                (
                    ColumnInfo("day", "DATE"),
                    ColumnInfo("high", "DECIMAL(10,2)"),
                    ColumnInfo("low", "DECIMAL(10,2)"),
                ),
                primary_key=("day",),
            ),
        ),
    )
    assert read_range(catalog_question, catalog) is None
    read = read_range("biggest daily range in 2023", catalog)
    assert read is not None and read[0] == "biggest high price in 2023"


def test_every_use_of_the_high_and_its_names_follow():
    sql = (
        "SELECT s, MAX(high) AS max_high FROM t GROUP BY s HAVING MAX(high) ="
        " (SELECT MAX(g.max_high) FROM (SELECT MAX(high) AS max_high FROM t GROUP BY s) AS g)"
    )
    out = with_range(sql, RANGE, "sqlite")
    assert out is not None
    assert "max_high_low_range" in out and "g.max_high_low_range" in out
    assert out.count("high - low") == 3
    assert with_range("SELECT low FROM t", RANGE, "sqlite") is None
