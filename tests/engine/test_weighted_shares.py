"""Issue 12: a share weighed by a measure ('what share of total market cap is tech') is
SUM(measure where condition) / SUM(measure), not a count of rows; what it cannot weigh
(a ranking, a date) declines with that reason."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session

_TECH_CAP = (
    "SELECT 100.0 * SUM(CASE WHEN sector = 'Technology' THEN market_cap ELSE 0 END)"
    " / SUM(market_cap) FROM companies"
)
_TECH_WEIGHT = (
    "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN i.weight ELSE 0 END)"
    " / SUM(i.weight) FROM index_compositions i JOIN companies c USING (stock_symbol)"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        ("what share of total market cap is tech", _TECH_CAP),
        ("tech's share of total market cap", _TECH_CAP),
        ("what percent of total market cap is in the tech sector", _TECH_CAP),
        ("what % of the index weight is information technology", _TECH_WEIGHT),
        ("what fraction of the s&p 500 weight is technology", _TECH_WEIGHT),
        (
            "what % of total employees work in california",
            "SELECT 100.0 * SUM(CASE WHEN state = 'CA' THEN full_time_employees ELSE 0 END)"
            " / SUM(full_time_employees) FROM companies",
        ),
    ],
)
def test_a_share_of_a_total_weighs_rows_by_the_measure(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_share_of_rows_still_counts_rows(engine, seed_db):
    gold = "SELECT 100.0 * SUM(sector = 'Technology') / COUNT(*) FROM companies"
    assert same_rows(
        seed_db, ask(engine, seed_db, "what percentage of companies are in tech"), gold
    )


@pytest.mark.parametrize(
    "question",
    [
        "what share of total market cap is tech in 2023",
    ],
)
def test_a_weighted_share_it_cannot_condition_declines(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert task.refusal and not task.sql
    assert "market_cap" in task.refusal


def test_a_share_held_by_a_ranking_is_the_top_rows_total(engine, seed_db):
    """Once declined (a ranking is no plain condition); top_share.py adds up the ten rows."""
    gold = (
        "SELECT 100.0 * SUM(market_cap) / (SELECT SUM(market_cap) FROM companies) FROM"
        " (SELECT market_cap FROM companies ORDER BY market_cap DESC LIMIT 10)"
    )
    plan = ask(engine, seed_db, "what % of total market cap do the top 10 companies have")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "asked",
    [
        "what share of the total index weight do they have",
        "what is their combined weight, as a percentage of the index?",
    ],
)
def test_the_share_of_the_rows_shown(engine, seed_db, asked):
    plan = session(engine, seed_db, "top 5 companies by market cap", asked)
    top = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5"
    gold = (
        f"SELECT 100.0 * SUM(CASE WHEN stock_symbol IN ({top}) THEN weight ELSE 0 END)"
        " / SUM(weight) FROM index_compositions"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_share_of_rows_of_one_period_is_declined(engine, seed_db):
    """The whole could be that period's rows or every date's: not picked silently."""
    plan = session(engine, seed_db, "AAPL volume in 2023", "what share of total volume is that")
    assert not plan.tasks[0].sql


def test_a_share_of_companies_in_the_index_counts_each_company_once(engine, seed_db):
    """'S&P 500 companies' joins through the index: each company once, by its key (the
    percentage was declined for the join)."""
    plan = ask(engine, seed_db, "what % of S&P 500 companies are in tech?")
    gold = (
        "SELECT 100.0 * SUM(c.sector = 'Technology') / COUNT(*) FROM companies c"
        " JOIN index_compositions i USING (stock_symbol) WHERE i.index_symbol = 'SP500'"
    )
    assert same_rows(seed_db, plan, gold)
    task = ask(
        engine,
        seed_db,
        "What share of the index's companies is headquartered outside the United States?",
    ).tasks[0]
    assert not task.sql  # never the share of indexes holding such a company


def test_their_share_after_a_percentage_is_of_the_rows_that_met_it(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "what percentage of s&p companies are in healthcare?",
        "and what share of the total index weight do they have",
    )
    gold = (
        "SELECT 100.0 * SUM(i.weight) FROM index_compositions i JOIN companies c"
        " USING (stock_symbol) WHERE c.sector = 'Healthcare'"
    )
    got = float(rows(seed_db, plan)[0][0])
    assert abs(got - float(seed_db.query(gold).rows[0][0])) < 1e-6


def test_what_share_do_they_make_up(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 5 companies by market cap",
        "and what share of the total market cap do they make up",
    )
    top = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5"
    gold = (
        f"SELECT 100.0 * SUM(CASE WHEN stock_symbol IN ({top}) THEN market_cap ELSE 0 END)"
        " / SUM(market_cap) FROM companies"
    )
    assert same_rows(seed_db, plan, gold)
