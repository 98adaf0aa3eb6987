"""'what's that in billions' restates the previous answer in the unit; 'only the top 3 by
market cap' after a total lists the top rows behind that total (it listed every company's)."""

from __future__ import annotations

import pytest
from test_honesty import rows, same_rows, session

from c2q_repl.sandbox.engine.units import units_asked

TECH_TOTAL = "What's the total market cap of the tech sector?"


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("what's that in billions", "billions"),
        ("in billions", "billions"),
        ("and in millions?", "millions"),
        ("can you show that in trillions of dollars", "trillions"),
        ("show me those in bn pls", "billions"),
    ],
)
def test_a_unit_is_read(question, unit):
    asked = units_asked(question)
    assert asked is not None and asked[0] == unit


@pytest.mark.parametrize(
    "question", ["companies in billions of revenue", "what is the market cap in 2023"]
)
def test_other_questions_ask_no_unit(question):
    assert units_asked(question) is None


def test_the_previous_total_in_billions(engine, seed_db):
    plan = session(engine, seed_db, TECH_TOTAL, "what's that in billions")
    gold = (
        "SELECT ROUND(SUM(market_cap) / 1000000000.0, 2) FROM companies WHERE sector = 'Technology'"
    )
    assert same_rows(seed_db, plan, gold)
    assert "in_billions" in plan.tasks[0].sql


def test_a_list_in_billions_keeps_its_rows_order_and_small_columns(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 companies by market cap with their employees", "in billions"
    )
    got = rows(seed_db, plan)
    want = seed_db.query(
        "SELECT stock_symbol, ROUND(market_cap / 1000000000.0, 2) FROM companies"
        " ORDER BY market_cap DESC LIMIT 5"
    ).rows
    assert [r[0] for r in got] == [r[0] for r in want]
    assert "full_time_employees" in plan.tasks[0].sql  # employees are not in billions


def test_a_follow_up_after_the_unit_still_has_the_rows(engine, seed_db):
    plan = session(
        engine, seed_db, TECH_TOTAL, "what's that in billions", "how many companies is that"
    )
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM companies WHERE sector = 'Technology'")


def test_the_top_rows_behind_a_total(engine, seed_db):
    plan = session(engine, seed_db, TECH_TOTAL, "only the top 3 by market cap")
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Technology'"
        " ORDER BY market_cap DESC LIMIT 3"
    )
    assert same_rows(seed_db, plan, gold)


def test_the_top_of_rows_kept_from_an_earlier_answer_is_not_guessed(engine, seed_db):
    """'only the top 3' after the combined market cap of the 5 biggest employers: the 3 by
    market cap, or the total of the top 3 employers? Declined, never one silently."""
    plan = session(
        engine,
        seed_db,
        "Show me the top 5 companies by number of full-time employees",
        "What's their combined market cap?",
        "only the top 3",
    )
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


@pytest.mark.parametrize(
    ("follow_up", "gold"),
    [
        (
            "what's the average?",
            "SELECT AVG(market_cap) FROM (SELECT market_cap FROM companies"
            " WHERE sector = 'Technology' ORDER BY market_cap DESC LIMIT 5)",
        ),
        (
            "and the total?",
            "SELECT SUM(market_cap) FROM (SELECT market_cap FROM companies"
            " WHERE sector = 'Technology' ORDER BY market_cap DESC LIMIT 5)",
        ),
    ],
)
def test_a_bare_aggregate_after_a_list_of_one_measure(engine, seed_db, follow_up, gold):
    plan = session(engine, seed_db, "market cap of the 5 biggest tech companies", follow_up)
    assert same_rows(seed_db, plan, gold)


def test_a_bare_aggregate_after_rows_of_no_one_measure_is_declined(engine, seed_db):
    plan = session(engine, seed_db, "companies in Texas", "what's the average?")
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_break_it_down_by_another_group(engine, seed_db):
    plan = session(engine, seed_db, "total market cap by sector", "break it down by industry")
    gold = "SELECT industry, SUM(market_cap) FROM companies GROUP BY industry"
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "how many companies are in Texas", "can you break that down by sector"
    )
    gold = "SELECT sector, COUNT(*) FROM companies WHERE state = 'TX' GROUP BY sector"
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "Which companies have no EBITDA figure on record?",
        "break that down by industry",
    )
    gold = "SELECT industry, COUNT(*) FROM companies WHERE ebitda IS NULL GROUP BY industry"
    assert same_rows(seed_db, plan, gold)


def test_high_and_low_over_a_period_are_its_extremes(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "AMZN daily close mar 1-7 2023",
        "avg of those",
        "high and low over that stretch",
    )
    gold = (
        "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " AND record_date BETWEEN '2023-03-01' AND '2023-03-07'"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_bare_sum_of_rows_of_another_table_is_declined(engine, seed_db):
    """The top 5 weights are index_compositions rows ranked for an index: 'sum of those'
    summed every weight of the index."""
    plan = session(engine, seed_db, "top 5 weights in the sp500 index", "sum of those")
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


@pytest.mark.parametrize("follow_up", ["what is their combined weight", "sum of their weights"])
def test_their_after_another_tables_ranked_rows_is_not_the_index(engine, seed_db, follow_up):
    """'top 5 weights in the sp500 index' ranks the index's members; 'their combined weight'
    summed every weight of the index (100 %). Declined: no one key names those 5 rows."""
    plan = session(engine, seed_db, "top 5 weights in the sp500 index", follow_up)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal
