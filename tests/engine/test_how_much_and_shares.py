"""'how much <measure>' over many rows is their total; a share 'does X represent / account
for', 'is tech stocks', '…, in percent' is the one percentage it names."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "how much market cap do tech companies have",
            "SELECT SUM(market_cap) FROM companies WHERE sector = 'Technology'",
        ),
        (
            "how much volume traded for AAPL in 2023",
            "SELECT SUM(volume) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "how many shares of AAPL traded in 2023",
            "SELECT SUM(volume) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "total shares of JPM traded in March 2023",
            "SELECT SUM(volume) FROM stock_price_history WHERE stock_symbol = 'JPM'"
            " AND record_date BETWEEN '2023-03-01' AND '2023-03-31'",
        ),
        (
            "biggest single-day volume for Bank of America, which date?",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'BAC'"
            " ORDER BY volume DESC LIMIT 1",
        ),
        (
            "list the banks and their market caps",
            "SELECT stock_symbol, market_cap FROM companies WHERE industry LIKE 'Banks%'",
        ),
        (
            "how much companies are in technology sector?",
            "SELECT COUNT(*) FROM companies WHERE sector = 'Technology'",
        ),
    ],
)
def test_how_much_over_many_rows_is_their_total(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


@pytest.mark.parametrize(
    "question",
    [
        "how much market cap does apple have",  # one row: its value
        "how much was AAPL's close in 2023",  # a price does not add up
    ],
)
def test_how_much_is_not_a_sum_of_one_row_or_of_prices(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert "SUM(" not in (task.sql or "")


TECH_MARKET_CAP_SHARE = (
    "SELECT 100.0 * SUM(CASE WHEN sector = 'Technology' THEN market_cap ELSE 0 END)"
    " / SUM(market_cap) FROM companies"
)
TECH_WEIGHT_SHARE = (
    "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN i.weight ELSE 0 END)"
    " / SUM(i.weight) FROM index_compositions i JOIN companies c USING (stock_symbol)"
)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "What share of total market cap does the Technology sector represent, in percent?",
            TECH_MARKET_CAP_SHARE,
        ),
        ("what % of the index weight is tech stocks", TECH_WEIGHT_SHARE),
        (
            "What share of the S&P 500 index weight does the Technology sector account for, "
            "in percent?",
            TECH_WEIGHT_SHARE,
        ),
        ("What share of the S&P 500 weight is Technology, in percent?", TECH_WEIGHT_SHARE),
    ],
)
def test_a_share_said_with_a_verb_or_in_percent(engine, seed_db, question, gold):
    got = rows(seed_db, ask(engine, seed_db, question))
    want = seed_db.query(gold).rows
    assert abs(float(got[0][-1]) - float(want[0][0])) < 1e-6


def test_a_share_of_an_unnamed_whole_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "What share of the market cap does Apple represent?")
    assert not plan.tasks[0].sql


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "how many companies are over 100 billion",
            "SELECT COUNT(*) FROM companies WHERE market_cap > 100000000000",
        ),
        (
            "which companies are above 500 billion",
            "SELECT stock_symbol FROM companies WHERE market_cap > 500000000000",
        ),
    ],
)
def test_an_amount_in_billions_compares_the_tables_size(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_small_number_after_a_table_is_still_not_guessed(engine, seed_db):
    plan = ask(engine, seed_db, "how many companies are over 100")
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question",
    ["which sector has the highest revenue growth", "which sector is the most expensive?"],
)
def test_a_group_is_never_ranked_by_a_sum_of_rates_or_prices(engine, seed_db, question):
    """These ranked sectors by the sum of their growth rates / share prices."""
    task = ask(engine, seed_db, question).tasks[0]
    assert not task.sql and "average" in task.refusal


def test_a_group_is_ranked_by_a_total_that_adds_up(engine, seed_db):
    plan = ask(engine, seed_db, "which sector has the biggest market cap")
    gold = (
        "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector ORDER BY t DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "what is the close price of apple in the last day of 2022?",
            "SELECT close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = '2022-12-30'",
        ),
        (
            "which company has the most big market cap in healthcare?",
            "SELECT stock_symbol FROM companies WHERE sector = 'Healthcare'"
            " ORDER BY market_cap DESC LIMIT 1",
        ),
        ("when was created the first user?", "SELECT MIN(created_date) FROM users"),
    ],
)
def test_a_learners_word_order(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)
