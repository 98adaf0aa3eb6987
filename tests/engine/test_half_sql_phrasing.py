"""Issue 12: an analyst's half-SQL phrasing ('count companies group by sector', 'top 10 by
marketcap desc', 'sort by count desc') and plain-business wordings ('employ more than
300,000 people', 'full-time headcount', 'domiciled outside the US') were declined."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


def _answered(engine, seed_db, question: str, gold: str) -> None:
    """Answered (not declined), with the gold's rows."""
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "count companies group by sector",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector",
        ),
        (
            "top 10 by marketcap desc",
            "SELECT short_name, market_cap FROM companies ORDER BY market_cap DESC LIMIT 10",
        ),
        (
            "tech companies with marketcap > 200B",
            "SELECT short_name, market_cap FROM companies WHERE sector = 'Technology'"
            " AND market_cap > 200000000000",
        ),
        (
            "give me a quick breakdown of companies by sector",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector",
        ),
        (
            "Which companies employ more than 300,000 people?",
            "SELECT short_name, full_time_employees FROM companies"
            " WHERE full_time_employees > 300000",
        ),
        (
            "Break down total full-time headcount by sector, largest first.",
            "SELECT sector, SUM(full_time_employees) FROM companies GROUP BY sector"
            " ORDER BY SUM(full_time_employees) DESC",
        ),
        (
            "Which companies are domiciled outside the US? Name and country.",
            "SELECT short_name, country FROM companies WHERE country <> 'United States'",
        ),
        (
            "How many companies in the index sit in the Semiconductors industry?",
            "SELECT COUNT(*) FROM companies WHERE industry = 'Semiconductors'",
        ),
    ],
)
def test_half_sql_and_business_wordings_are_read(engine, seed_db, question, gold):
    _answered(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "asked,order",
    [
        ("sort by count desc", "DESC"),
        ("sort those by count desc", "DESC"),
        ("sorted by count", "DESC"),
        ("sort by number of companies, lowest first", "ASC"),
        ("order by count asc", "ASC"),
    ],
)
def test_sort_by_the_count_after_a_count_per_group(engine, seed_db, asked, order):
    plan = session(engine, seed_db, "how many companies per sector", asked)
    gold = f"SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY COUNT(*) {order}"
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, gold)


def test_count_per_each_after_a_list_of_groups(engine, seed_db):
    plan = session(engine, seed_db, "list the sectors", "count companies per each")
    gold = "SELECT sector, COUNT(*) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold)


def test_employees_at_a_place_that_users_do_not_have_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many of our users are based in California?")
    assert not plan.tasks[0].sql


def test_a_list_of_distinct_values_is_not_ranked_by_a_column_it_lacks(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many companies in TX",
        "which cities are they in",
        "biggest one by marketcap",
    )
    # the cities come back with their counts; 'one' of them ranked by a column they lack
    assert not plan.tasks[0].sql and "biggest one" in plan.tasks[0].refusal


def test_a_joined_name_is_no_spelling_target(engine):
    from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, TableInfo
    from c2q_repl.sandbox.engine.lexicon import Lexicon, add_schema_names
    from c2q_repl.sandbox.engine.linking import link

    table = TableInfo(
        "bugs", (ColumnInfo("bug_id", "INTEGER"), ColumnInfo("reporter_id", "INTEGER"))
    )
    lex = Lexicon(Catalog("bugs", "sqlite", (table,)))
    add_schema_names(lex, table, {})
    assert [t.column for t in link("reporterid", lex).items[0].targets] == ["reporter_id"]
    assert "reported" in link("who reported", lex).unknown


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "How many distinct users have selected at least one Technology stock?",
            "SELECT COUNT(DISTINCT u.user_id) FROM user_selected_stocks u JOIN companies c"
            " ON c.stock_symbol = u.stock_symbol WHERE c.sector = 'Technology'",
        ),
        ("companies where state is null", "SELECT stock_symbol FROM companies WHERE state IS NULL"),
        (
            "how many companies have null ebitda",
            "SELECT COUNT(*) FROM companies WHERE ebitda IS NULL",
        ),
        (
            "Which stock has been picked by the most users, and by how many?",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY COUNT(*) DESC LIMIT 1",
        ),
        (
            "top 5 heaviest names in the index",
            "SELECT stock_symbol, weight FROM index_compositions ORDER BY weight DESC LIMIT 5",
        ),
        (
            "What's the average revenue growth across the Energy sector?",
            "SELECT AVG(revenue_growth) FROM companies WHERE sector = 'Energy'",
        ),
        (
            "Top 5 Healthcare names by revenue growth, please",
            "SELECT short_name, revenue_growth FROM companies WHERE sector = 'Healthcare'"
            " ORDER BY revenue_growth DESC LIMIT 5",
        ),
    ],
)
def test_traders_wordings_are_read(engine, seed_db, question, gold):
    _answered(engine, seed_db, question, gold)


_FIRST_LAST_TSLA_2023 = (
    "SELECT (SELECT close FROM stock_price_history WHERE stock_symbol = 'TSLA' AND record_date ="
    " (SELECT MIN(record_date) FROM stock_price_history WHERE stock_symbol = 'TSLA'"
    " AND record_date >= '2023-01-01')),"
    " (SELECT close FROM stock_price_history WHERE stock_symbol = 'TSLA' AND record_date ="
    " (SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'TSLA'"
    " AND record_date < '2024-01-01'))"
)


@pytest.mark.parametrize(
    "question",
    [
        "How did Tesla's stock perform in 2023? I'd like the first and last closing price of the"
        " year and the % change.",
        "How much did Tesla's share price change over 2023, first close of the year vs last?",
    ],
)
def test_first_and_last_said_after_a_change_is_that_change(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, _FIRST_LAST_TSLA_2023)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "avg revenue_growth per sector, higest first",
            "SELECT sector, AVG(revenue_growth) FROM companies GROUP BY sector"
            " ORDER BY AVG(revenue_growth) DESC",
        ),
        (
            "pfizer vs merck revenue growht",
            "SELECT short_name, revenue_growth FROM companies WHERE stock_symbol IN ('PFE', 'MRK')",
        ),
        (
            "Which sectors have positive revenue growth on average?",
            "SELECT sector FROM companies GROUP BY sector HAVING AVG(revenue_growth) > 0",
        ),
    ],
)
def test_typos_and_averages_said_loosely(engine, seed_db, question, gold):
    _answered(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "question,limit",
    [
        ("most traded stock by total volume in dec 2023", 1),
        ("top 5 most traded stocks in 2023", 5),
        ("top 5 stocks with the highest total volume in 2023", 5),
    ],
)
def test_most_traded_is_the_total_volume_over_the_period(engine, seed_db, question, limit):
    """'top 5 stocks with the highest total volume' once ranked by the largest single day."""
    plan = ask(engine, seed_db, question)
    year = "2023-12" if "dec" in question else "2023"
    gold = (
        "SELECT stock_symbol, SUM(volume) FROM stock_price_history WHERE"
        f" record_date LIKE '{year}%' GROUP BY stock_symbol ORDER BY SUM(volume) DESC LIMIT {limit}"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "whats the smallest company in every sector, going by number of employees",
            "SELECT sector, stock_symbol FROM (SELECT sector, stock_symbol, ROW_NUMBER() OVER"
            " (PARTITION BY sector ORDER BY full_time_employees ASC) AS r FROM companies"
            " WHERE full_time_employees IS NOT NULL) WHERE r = 1",
        ),
        (
            "largest and smallest market cap per sector",
            "SELECT sector, MAX(market_cap), MIN(market_cap) FROM companies GROUP BY sector",
        ),
    ],
)
def test_group_extremes_said_loosely(engine, seed_db, question, gold):
    _answered(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "question",
    [
        "what is the date range of the stock price data",
        "what dates does the stock price data cover",
        "first and last date in the stock price data",
    ],
)
def test_the_date_range_of_the_data(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = "SELECT MIN(record_date), MAX(record_date) FROM stock_price_history"
    assert same_rows(seed_db, plan, gold)


def test_the_index_percent_change_said_first(engine, seed_db):
    plan = ask(engine, seed_db, "S&P 500 % change from the first to the last trading day of 2023?")
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    shown = seed_db.query(plan.tasks[0].sql).rows[0]
    first, last = (
        float(
            seed_db.query(f"SELECT price FROM index_price_history WHERE record_date = ({q})").rows[
                0
            ][0]
        )
        for q in (
            "SELECT MIN(record_date) FROM index_price_history WHERE record_date LIKE '2023%'",
            "SELECT MAX(record_date) FROM index_price_history WHERE record_date LIKE '2023%'",
        )
    )
    assert abs(float(shown[-1]) - 100 * (last - first) / first) < 1e-6


def test_who_are_they_and_group_them_by_after_a_count(engine, seed_db):
    plan = session(engine, seed_db, "how many people picked nvidia", "who are they")
    gold = "SELECT DISTINCT user_id FROM user_selected_stocks WHERE stock_symbol = 'NVDA'"
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "companies in Texas", "group them by country")
    gold = "SELECT country, COUNT(*) FROM companies WHERE state = 'TX' GROUP BY country"
    assert same_rows(seed_db, plan, gold)
