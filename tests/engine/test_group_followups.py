"""Follow-ups that keep, reorder or sort the groups of the previous answer: 'only countries
with more than 3' (plural nouns), 'only the sectors where avg revenue growth is positive' (a
condition on another value shown), 'only sectors above 10%', 'sorted the other way', and
'sort those by employees' after several values per group (by that value, never the first
one). Each checked by its rows against a hand-written gold query on the sample database."""

from __future__ import annotations

import pytest
from test_honesty import same_rows, session

BY_SECTOR = "avg market cap, avg revenue growth and total employees by sector"
BY_SECTOR_SQL = (
    "SELECT sector, AVG(market_cap), AVG(revenue_growth), SUM(full_time_employees)"
    " FROM companies GROUP BY sector"
)
WEIGHTS = (
    "SELECT c.sector, SUM(ic.weight) FROM companies c JOIN index_compositions ic"
    " ON ic.stock_symbol = c.stock_symbol GROUP BY c.sector"
)


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            (
                "companies headquartered outside the US",
                "how many of them per country?",
                "only countries with more than 3",
            ),
            "SELECT country, COUNT(*) FROM companies WHERE country_code <> 'US'"
            " GROUP BY country HAVING COUNT(*) > 3",
        ),
        (
            (BY_SECTOR, "only the sectors where avg revenue growth is positive"),
            BY_SECTOR_SQL + " HAVING AVG(revenue_growth) > 0",
        ),
        (
            (BY_SECTOR, "sort those by employees, biggest first"),
            BY_SECTOR_SQL + " ORDER BY SUM(full_time_employees) DESC",
        ),
        (
            ("total index weight per sector, biggest first", "only sectors above 10%"),
            WEIGHTS + " HAVING SUM(ic.weight) > 0.1 ORDER BY SUM(ic.weight) DESC",
        ),
        (
            ("average market cap by sector, highest first", "sorted the other way"),
            "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector"
            " ORDER BY AVG(market_cap) ASC",
        ),
        (
            ("companies in texas sorted by employees", "other way round"),
            "SELECT stock_symbol, short_name, full_time_employees FROM companies"
            " WHERE state = 'TX' ORDER BY full_time_employees DESC, stock_symbol",
        ),
        (
            ("order the sectors by number of companies",),
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY COUNT(*), sector",
        ),
        (
            ("sort companies by market cap desc",),
            "SELECT stock_symbol, short_name, market_cap FROM companies"
            " ORDER BY market_cap DESC, stock_symbol",
        ),
    ],
)
def test_groups_kept_or_reordered(engine, seed_db, questions, gold):
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


@pytest.mark.parametrize(
    "questions",
    [
        # the groups show no employees: ranking by them would rank by what is not shown
        ("avg market cap by sector", "sort by employees"),
        # a sort with no answer before it to sort (the last question was declined)
        ("avg market cap by sector", "what is the dividend yield", "sort by market cap"),
        # a top 5 reversed is the bottom 5, another question
        ("top 5 companies by market cap", "reverse it"),
    ],
)
def test_orders_it_cannot_place_are_declined(engine, seed_db, questions):
    task = session(engine, seed_db, *questions).tasks[0]
    assert task.refusal and not task.sql


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            ("list energy sector companies", "which of them have users picked"),
            "SELECT DISTINCT c.stock_symbol, c.short_name FROM companies c JOIN"
            " user_selected_stocks u ON u.stock_symbol = c.stock_symbol WHERE c.sector = 'Energy'",
        ),
        (
            ("how many companies are in texas", "of those which are tech"),
            "SELECT stock_symbol, short_name FROM companies WHERE state = 'TX'"
            " AND sector = 'Technology'",
        ),
        (
            ("total headcount per sector", "average employees per company in energy"),
            "SELECT AVG(full_time_employees) FROM companies WHERE sector = 'Energy'",
        ),
        (
            ("highest close of VZ in 2023", "on which day did VZ hit that"),
            "SELECT record_date, stock_symbol, close FROM stock_price_history"
            " WHERE stock_symbol = 'VZ' AND record_date LIKE '2023%' ORDER BY close DESC LIMIT 1",
        ),
    ],
)
def test_which_of_them_keeps_the_rows_shown(engine, seed_db, questions, gold):
    """Once the users who picked them, the count with one more condition, one group per
    company (each its own value) and every date VZ traded."""
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


@pytest.mark.parametrize(
    "questions",
    [
        # 'that' is a value of an answer that was not given (once every VZ trading day)
        (
            "AT&T vs Verizon: market cap",
            "highest close each hit in 2023?",
            "on which day did VZ hit that",
        ),
        # 'just' narrows an answer that was not given (once every company's EBITDA)
        ("whats the ebitda margin of boeing", "ok just the ebitda then"),
    ],
)
def test_references_to_an_answer_not_given_are_declined(engine, seed_db, questions):
    task = session(engine, seed_db, *questions).tasks[0]
    assert task.refusal and not task.sql


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            ("how many stocks did users pick in december 2023", "which stocks were they"),
            "SELECT DISTINCT stock_symbol FROM user_selected_stocks"
            " WHERE created_date >= '2023-12-01' AND created_date < '2024-01-01'",
        ),
        (
            ("top 5 companies by index weight", "what do their weights add up to"),
            "SELECT SUM(weight) FROM (SELECT weight FROM index_compositions"
            " ORDER BY weight DESC LIMIT 5)",
        ),
    ],
)
def test_the_rows_counted_or_ranked_before(engine, seed_db, questions, gold):
    """Once every company (the picks' month lost), and 'add up to' unknown."""
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


def test_a_count_of_other_rows_than_those_shown_is_declined(engine, seed_db):
    """'how many different users was that' after the stocks picked in December 2023: the
    users behind those picks, which the list does not hold (once: every user)."""
    plan = session(
        engine,
        seed_db,
        "which stocks did users pick in december 2023",
        "how many different users was that",
    )
    assert plan.tasks[0].refusal and not plan.tasks[0].sql


def test_which_group_has_the_most_of_them_after_a_list(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "companies with negative revenue growth",
        "which sector has the most of them",
    )
    gold = (
        "SELECT sector, COUNT(*) FROM companies WHERE revenue_growth < 0 GROUP BY sector"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "how many companies in TX",
        "which cities are they in",
        "which city has the most of them",
    )
    gold = (
        "SELECT city, COUNT(*) FROM companies WHERE state = 'TX' GROUP BY city"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_each_of_a_list_of_values_keeps_its_conditions(engine, seed_db):
    plan = session(engine, seed_db, "list the sectors", "avg market cap for each")
    gold = "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "what industries are in the tech sector", "how many companies in each"
    )
    gold = "SELECT industry, COUNT(*) FROM companies WHERE sector = 'Technology' GROUP BY industry"
    assert same_rows(seed_db, plan, gold)


def test_that_month_is_the_month_the_previous_answer_kept(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "monthly average close for MSFT in 2023",
        "which month was highest?",
        "total volume traded in that month",
    )
    gold = (
        "SELECT SUM(volume) FROM stock_price_history WHERE stock_symbol = 'MSFT' AND"
        " strftime('%Y-%m', record_date) = (SELECT strftime('%Y-%m', record_date) AS m FROM"
        " stock_price_history WHERE stock_symbol = 'MSFT' AND record_date BETWEEN '2023-01-01'"
        " AND '2023-12-31' GROUP BY m ORDER BY AVG(close) DESC LIMIT 1)"
    )
    assert same_rows(seed_db, plan, gold)


def test_their_combined_value_after_groups_is_one_total(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "list the non-US companies",
        "group them by country",
        "whats their combined market cap?",
    )
    gold = "SELECT SUM(market_cap) FROM companies WHERE country_code <> 'US'"
    assert same_rows(seed_db, plan, gold)
