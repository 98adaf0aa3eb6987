"""Issue 12: wrong answers and declines from the twenty-eighth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_EMPLOYEES_BY_SECTOR = "total full-time employees per sector please, largest first"


def test_an_index_all_time_high_is_its_highest_price(engine, seed_db):
    """Once the highest daily high of a stock in the index: an index has only its price."""
    plan = ask(
        engine,
        seed_db,
        "What was the S&P 500's all-time high in your data, and what day did it hit it?",
    )
    gold = (
        "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
        " ORDER BY price DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_stock_all_time_high_is_still_its_highest_high(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL all-time high")
    gold = (
        "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " ORDER BY high DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            # once the average alone: 'add … too' keeps the total beside it
            _EMPLOYEES_BY_SECTOR,
            "can you add the average number of employees per company in each sector too?",
            "SELECT sector, SUM(full_time_employees) AS t, AVG(full_time_employees)"
            " FROM companies GROUP BY sector ORDER BY t DESC",
        ),
        (
            "total market cap per sector",
            "also show the average market cap per sector",
            "SELECT sector, SUM(market_cap), AVG(market_cap) FROM companies GROUP BY sector",
        ),
        (
            # once MSFT's close that day: how it did is its move
            "AAPL biggest up day in 2022, % vs prior close",
            "how'd MSFT do that day",
            "WITH d AS (SELECT record_date, close, LAG(close) OVER (ORDER BY record_date) AS pc"
            " FROM stock_price_history WHERE stock_symbol = 'MSFT') SELECT record_date,"
            " (close - pc) / pc * 100 FROM d WHERE record_date = '2022-09-22'",
        ),
    ],
)
def test_followups_answered_as_meant(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_groups_sorted_by_the_average_shown(engine, seed_db):
    """'sort by the average instead' once declined after the total and the average."""
    plan = session(
        engine,
        seed_db,
        _EMPLOYEES_BY_SECTOR,
        "can you add the average number of employees per company in each sector too?",
        "sort by the average instead",
    )
    gold = (
        "SELECT sector, SUM(full_time_employees), AVG(full_time_employees) AS a"
        " FROM companies GROUP BY sector ORDER BY a DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_sorting_by_a_kind_not_shown_is_not_guessed(engine, seed_db):
    plan = session(engine, seed_db, "total market cap per sector", "sort by the average instead")
    assert not plan.tasks[0].sql or "AVG" not in plan.tasks[0].sql.upper()
