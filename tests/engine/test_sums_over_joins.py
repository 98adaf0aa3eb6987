"""A total over rows reached through a one-to-many join is declined unless each row is
reached once: 'all S&P 500 companies' fixes the index of a (index, stock) key. And a
missing value said with 'reported'."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "total number of employees across all S&P 500 companies",
            "SELECT SUM(full_time_employees) FROM companies",
        ),
        ("total market cap of S&P 500 companies", "SELECT SUM(market_cap) FROM companies"),
        (
            "total volume of S&P 500 stocks on 2023-05-01",
            "SELECT SUM(volume) FROM stock_price_history WHERE record_date = '2023-05-01'",
        ),
    ],
)
def test_a_sum_through_a_join_fixed_to_one_row_each(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_sum_through_a_join_that_repeats_rows_is_declined(engine, seed_db):
    """A company picked by several users would be added once per pick."""
    plan = ask(engine, seed_db, "total market cap of companies picked by users")
    assert not plan.tasks[0].sql and "more than once" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question",
    [
        "which companies have no ebitda reported",
        "Which companies don't have an EBITDA figure reported?",
        "Which companies dont have ebitda reported",
    ],
)
def test_no_value_reported(engine, seed_db, question):
    gold = "SELECT stock_symbol FROM companies WHERE ebitda IS NULL"
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)
