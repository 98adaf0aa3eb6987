"""Issue 12: everyday finance wording once declined or answered wrongly — 'biggest employer in
each sector', 'which stocks are picked the most? top 5', 'INTC 52 wk high', 'largest
healthcare co', 'employees by sector' (a total per group), 'and the low' after the highest
high (the lowest low, not that day's low), 'what was its highest close' after a company's
sector and city (its company columns sorted by a price), '52 wk high?' after one stock."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_YEAR_BACK = (
    "record_date >= '2022-12-31' AND record_date <= '2023-12-29'"  # the last 52 weeks of data
)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "biggest employer in each sector",
            "SELECT sector, stock_symbol, full_time_employees FROM companies c WHERE"
            " full_time_employees = (SELECT MAX(full_time_employees) FROM companies d"
            " WHERE d.sector = c.sector)",
        ),
        (
            "which stocks are picked the most? top 5",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY COUNT(*) DESC, stock_symbol LIMIT 5",
        ),
        (
            "INTC 52 wk high",
            f"SELECT MAX(high) FROM stock_price_history WHERE stock_symbol = 'INTC' AND {_YEAR_BACK}",
        ),
        (
            "largest healthcare co by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Healthcare'"
            " ORDER BY market_cap DESC LIMIT 1",
        ),
        (
            "Employees by sector, highest first",
            "SELECT sector, SUM(full_time_employees) FROM companies GROUP BY sector"
            " ORDER BY 2 DESC",
        ),
        (
            "index weight by sector",
            "SELECT c.sector, SUM(i.weight) FROM index_compositions i JOIN companies c"
            " ON c.stock_symbol = i.stock_symbol GROUP BY c.sector",
        ),
    ],
)
def test_everyday_wording_is_read(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_price_by_group_is_still_declined(engine, seed_db):
    """A close adds up to nothing: 'close by sector' is a sum or an average, not said."""
    task = ask(engine, seed_db, "close by sector").tasks[0]
    assert not task.sql and "per sector" in task.refusal


def test_and_the_low_after_the_highest_high_is_the_lowest_low(engine, seed_db):
    plan = session(engine, seed_db, "microsoft highest high in 2023", "and the low")
    gold = (
        "SELECT MIN(low) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
        " AND record_date LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "max high of nvda in 2023", "and the low?")
    assert same_rows(seed_db, plan, gold.replace("MSFT", "NVDA"))


def test_its_highest_close_after_a_company_lookup_is_its_own_price(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "tell me about microsoft — sector, industry, HQ city and employees",
        "what was its highest close in 2023",
    )
    gold = (
        "SELECT MAX(close) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
        " AND record_date LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_ranking_of_a_series_after_one_stock_is_about_that_stock(engine, seed_db):
    plan = session(engine, seed_db, "latest close for MSFT", "52 wk high?")
    gold = f"SELECT MAX(high) FROM stock_price_history WHERE stock_symbol = 'MSFT' AND {_YEAR_BACK}"
    assert same_rows(seed_db, plan, gold)
    # after 'and the day before?' (MSFT's previous trading day) it is still MSFT's
    plan = session(engine, seed_db, "latest close for MSFT", "and the day before?", "52 wk high?")
    assert same_rows(seed_db, plan, gold)
    # after a declined question it names no stock: declined, never every stock's high
    plan = session(engine, seed_db, "latest close for MSFT", "and its p/e?", "52 wk high?")
    task = plan.tasks[0]
    assert not task.sql and task.refusal


@pytest.mark.parametrize(
    "question,first",
    [
        ("closing price of AMZN on march 15 2023", "AMZN"),
        ("whats Tesla's weight in the index", "TSLA"),
        ("highest EBITDA company in utilities?", None),  # the company, not the value alone
    ],
)
def test_the_named_row_is_labelled(engine, seed_db, question, first):
    from test_honesty import rows

    got = rows(seed_db, ask(engine, seed_db, question))
    assert len(got) == 1 and len(got[0]) >= 2
    if first is not None:
        assert got[0][0] == first


def test_subscribers_of_a_company_are_not_the_apps_users(engine, seed_db):
    task = ask(engine, seed_db, "how many subscribers does netflix have").tasks[0]
    assert not task.sql and task.refusal


def test_a_named_series_on_a_day_is_its_one_measure(engine, seed_db):
    plan = ask(engine, seed_db, "what was the S&P 500 at the end of 2022")
    gold = (
        "SELECT price FROM index_price_history WHERE index_symbol = 'SP500'"
        " AND record_date = (SELECT MAX(record_date) FROM index_price_history"
        " WHERE record_date LIKE '2022%')"
    )
    assert same_rows(seed_db, plan, gold)


def test_grew_revenue_the_fastest_is_the_highest_revenue_growth(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Which 5 companies have the most employees?",
        "which of them grew revenue the fastest",
    )
    gold = (
        "SELECT stock_symbol, revenue_growth FROM companies WHERE stock_symbol IN (SELECT"
        " stock_symbol FROM companies ORDER BY full_time_employees DESC LIMIT 5)"
        " ORDER BY revenue_growth DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_ranked_by_is_highest_first(engine, seed_db):
    plan = ask(engine, seed_db, "companies ranked by market cap")
    gold = "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC"
    assert same_rows(seed_db, plan, gold)
