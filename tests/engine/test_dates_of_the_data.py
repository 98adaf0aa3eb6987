"""Issue 12: 'the most recent date we have prices for' asks for the last date of the price
data (one value), not every stock's latest close."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows


@pytest.mark.parametrize(
    "question",
    ["what's the most recent date we have prices for?", "whats the last date we have prices for?"],
)
def test_the_last_date_we_have_data_for(engine, seed_db, question):
    gold = "SELECT MAX(record_date) FROM stock_price_history"
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_value_of_several_columns_is_picked_by_the_key_to_another_table(engine, seed_db):
    """'CA' is a ticker, a state and a country code: beside a close it is the ticker (the key
    that ties closes to companies); with nothing to tell them apart it is declined."""
    plan = ask(engine, seed_db, "CA close on 2023-06-30")
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'CA'"
        " AND record_date = '2023-06-30'"
    )
    assert same_rows(seed_db, plan, gold)
    task = ask(engine, seed_db, "what are the 3 largest employers in CA?").tasks[0]
    assert not task.sql and "state" in task.refusal


@pytest.mark.parametrize(
    "question,when",
    [
        ("what are the 5 most popular stocks among users?", ""),
        ("Top 5 most popular stocks among users", ""),
        (
            "which stock got picked the most by users in jan 2023?",
            " WHERE created_date LIKE '2023-01%'",
        ),
    ],
)
def test_the_most_picked_stocks_said_plainly(engine, seed_db, question, when):
    """'popular among users' once read as two counts, 'got picked' as an unknown word."""
    task = ask(engine, seed_db, question).tasks[0]
    assert task.sql and not task.refusal
    top = seed_db.query(
        f"SELECT stock_symbol FROM user_selected_stocks{when} GROUP BY stock_symbol"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    ).rows[0][0]
    assert seed_db.query(task.sql).rows[0][0] == top


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many companies trade on nasdaq vs nyse?",
            "SELECT exchange_symbol, COUNT(*) FROM companies"
            " WHERE exchange_symbol IN ('NMS', 'NYQ') GROUP BY exchange_symbol",
        ),
        (
            "average market cap tech vs healthcare",
            "SELECT sector, AVG(market_cap) FROM companies"
            " WHERE sector IN ('Technology', 'Healthcare') GROUP BY sector",
        ),
    ],
)
def test_values_compared_with_vs_are_groups(engine, seed_db, question, gold):
    """'nasdaq vs nyse' was declined as a comparison of named rows: one value per group."""
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_how_did_it_do_in_a_period_is_its_performance(engine, seed_db):
    """'how did tesla do in 2023' was declined on 'how'; 'perform' reads as the change."""
    said = ask(engine, seed_db, "how did tesla do in 2023")
    performed = ask(engine, seed_db, "how did tesla perform in 2023")
    assert said.tasks[0].sql and said.tasks[0].sql == performed.tasks[0].sql
