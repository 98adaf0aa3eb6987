"""Issue 12: wrong answers and declines from the twenty-seventh session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_SECTOR_CAP_SHARE = (
    "SELECT sector, SUM(market_cap), SUM(market_cap) * 100.0 /"
    " (SELECT SUM(market_cap) FROM companies) FROM companies GROUP BY sector"
)
_SECTOR_COUNT_SHARE = (
    "SELECT sector, COUNT(*), COUNT(*) * 100.0 / (SELECT COUNT(*) FROM companies)"
    " FROM companies GROUP BY sector"
)
_SP500_UP_2023 = (
    "WITH p AS (SELECT record_date, price, LAG(price) OVER (ORDER BY record_date) AS pp"
    " FROM index_price_history WHERE index_symbol = 'SP500') SELECT 100.0 * SUM(CASE WHEN"
    " price > pp THEN 1 ELSE 0 END) / COUNT(*), COUNT(*) FROM p"
    " WHERE record_date BETWEEN '2023-01-01' AND '2023-12-31'"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # each group's share of the whole: once declined ('as a percent', 'per group')
        ("market cap per sector as a % of the total", _SECTOR_CAP_SHARE),
        ("each sector's share of total market cap", _SECTOR_CAP_SHARE),
        ("% of companies in each sector", _SECTOR_COUNT_SHARE),
        ("what percentage of total market cap does each sector represent", _SECTOR_CAP_SHARE),
        (
            "percentage of users who signed up in each month of 2023",
            "SELECT strftime('%Y-%m', created_date) AS m, COUNT(*), COUNT(*) * 100.0 / (SELECT"
            " COUNT(*) FROM users WHERE created_date >= '2023-01-01' AND created_date <"
            " '2024-01-01') FROM users WHERE created_date >= '2023-01-01' AND created_date <"
            " '2024-01-01' GROUP BY m",
        ),
        ("number of companies per sector and their percentage", _SECTOR_COUNT_SHARE),
        # once the counts alone, the share asked for left out
        ("share of companies by sector", _SECTOR_COUNT_SHARE),
        (
            "what percentage of the index weight does each sector account for",
            "SELECT c.sector, SUM(i.weight), SUM(i.weight) * 100.0 / (SELECT SUM(weight)"
            " FROM index_compositions) FROM index_compositions i JOIN companies c"
            " ON c.stock_symbol = i.stock_symbol GROUP BY c.sector",
        ),
        (
            # the share of every sector's total, not of the three shown
            "top 3 sectors by market cap with their share of the total",
            "SELECT sector, SUM(market_cap) AS t, SUM(market_cap) * 100.0 /"
            " (SELECT SUM(market_cap) FROM companies) FROM companies GROUP BY sector"
            " ORDER BY t DESC LIMIT 3",
        ),
        # once the index's moves ranked with LIMIT 2023: the year read as a top-N
        (
            "what % of 2023 sessions did the S&P 500 index close up vs the day before?",
            _SP500_UP_2023,
        ),
        # once the count of up days, the percentage left out
        ("percentage of up days for the S&P 500 in 2023", _SP500_UP_2023),
        (
            # once the biggest one-day fall: 'most down closes' counts the days
            "which stock had the most down closes (close below prior close) in 2023?",
            "WITH p AS (SELECT stock_symbol, record_date, close, LAG(close) OVER (PARTITION BY"
            " stock_symbol ORDER BY record_date) AS pc FROM stock_price_history) SELECT"
            " stock_symbol, COUNT(*) AS n FROM p WHERE record_date BETWEEN '2023-01-01' AND"
            " '2023-12-31' AND close < pc GROUP BY stock_symbol HAVING COUNT(*) = (SELECT"
            " MAX(m) FROM (SELECT COUNT(*) AS m FROM p WHERE record_date BETWEEN '2023-01-01'"
            " AND '2023-12-31' AND close < pc GROUP BY stock_symbol) t)",
        ),
        (
            # once every US state with a company not on NMS: 'don't have a single' is none
            "Which US states don't have a single Nasdaq-listed (NMS) company headquartered in"
            " them?",
            "SELECT DISTINCT state FROM companies WHERE country = 'United States' AND state NOT"
            " IN (SELECT state FROM companies WHERE exchange_symbol = 'NMS' AND state IS NOT"
            " NULL)",
        ),
        (
            # once declined: a condition on a count of different values
            "Which HQ cities host companies from at least 8 different sectors?",
            "SELECT city, COUNT(DISTINCT sector) FROM companies GROUP BY city"
            " HAVING COUNT(DISTINCT sector) >= 8",
        ),
        (
            "Which industries have HQs spread across more than 7 different US states?",
            "SELECT industry, COUNT(DISTINCT state) FROM companies WHERE country ="
            " 'United States' GROUP BY industry HAVING COUNT(DISTINCT state) > 7",
        ),
        (
            # once declined as counting the groups: 'how many in each' is the count shown
            "Cities with 15 or more company HQs - how many in each?",
            "SELECT city, COUNT(*) FROM companies GROUP BY city HAVING COUNT(*) >= 15",
        ),
        (
            # once declined: 'slice of', 'the index's total weight', ', as a percentage'
            "what slice of the index's total weight do Technology companies hold? as a percentage",
            "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN i.weight ELSE 0 END) /"
            " SUM(i.weight) FROM index_compositions i JOIN companies c"
            " ON c.stock_symbol = i.stock_symbol",
        ),
        (
            "share of all picks that are tech sector, %",
            "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN 1 ELSE 0 END) / COUNT(*)"
            " FROM user_selected_stocks s JOIN companies c ON c.stock_symbol = s.stock_symbol",
        ),
        (
            "what was the S&P 500 sitting at on Jan 3rd 2022",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date = '2022-01-03'",
        ),
        (
            # once declined: 'each Texas city' is each city in Texas
            "How many companies are HQ'd in each Texas city?",
            "SELECT city, COUNT(*) FROM companies WHERE state = 'TX' GROUP BY city",
        ),
        (
            # once declined: 'hottest first' is an ordering
            "rank the sectors by average revenue growth, hottest first",
            "SELECT sector, AVG(revenue_growth) AS g FROM companies GROUP BY sector"
            " ORDER BY g DESC",
        ),
        (
            # once declined for naming no table; the signup date shown beside each user
            "who signed up in nov 2023",
            "SELECT user_id, created_date FROM users WHERE created_date >= '2023-11-01'"
            " AND created_date < '2023-12-01'",
        ),
    ],
)
def test_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # investment advice: once read as the most picked stock
        "which stock is the best pick",
        "should I buy tesla",
        "is apple a good investment",
        "best stock to buy now",
        # an average per group has no share of a whole
        "avg market cap per sector as % of total",
        # counting the kept groups of something that has no count
        "tech companies - how many in each?",
        # a share of a stock's days: up against its open or the day before?
        "what % of days did AAPL close up in 2023",
    ],
)
def test_readings_that_stay_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_a_share_of_groups_is_explained(engine, seed_db):
    plan = ask(engine, seed_db, "top 3 sectors by market cap with their share of the total")
    notes = " ".join(str(a) for a in plan.tasks[0].assumptions)
    assert "percentage of the total market_cap over every sector" in notes


def test_the_most_picked_stock_is_still_answered(engine, seed_db):
    plan = ask(engine, seed_db, "most picked stock")
    assert plan.tasks[0].sql and not plan.tasks[0].refusal


def test_a_column_added_to_ranked_moves(engine, seed_db):
    """'show the volume they traded that day too' once repeated the moves without it."""
    plan = session(
        engine,
        seed_db,
        "top 5 % gainers on the last session in the db (close vs prior close)",
        "show the volume they traded that day too",
    )
    gold = (
        "WITH p AS (SELECT stock_symbol, record_date, close, volume, LAG(close) OVER (PARTITION"
        " BY stock_symbol ORDER BY record_date) AS pc FROM stock_price_history WHERE record_date"
        " >= '2023-12-01') SELECT stock_symbol, record_date, close, pc, close - pc,"
        " 100.0 * (close - pc) / pc AS pct, volume FROM p WHERE record_date = (SELECT"
        " MAX(record_date) FROM stock_price_history) ORDER BY pct DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            # once declined: the share of each group asked after the groups
            "picks by sector",
            "show as % of total, biggest first",
            "SELECT c.sector, COUNT(*) AS n, 100.0 * COUNT(*) / (SELECT COUNT(*) FROM"
            " user_selected_stocks) FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol GROUP BY c.sector ORDER BY n DESC",
        ),
        (
            "total market cap per sector",
            "Please also express each sector's total as a percentage of the whole market"
            " capitalization in the data.",
            _SECTOR_CAP_SHARE,
        ),
        (
            "picks per sector in Q4 2023",
            "show that as % share of all Q4 picks",
            "SELECT c.sector, COUNT(*), 100.0 * COUNT(*) / (SELECT COUNT(*) FROM"
            " user_selected_stocks WHERE created_date >= '2023-10-01' AND created_date <"
            " '2024-01-01') FROM user_selected_stocks s JOIN companies c ON c.stock_symbol ="
            " s.stock_symbol WHERE s.created_date >= '2023-10-01' AND s.created_date <"
            " '2024-01-01' GROUP BY c.sector",
        ),
        (
            # once declined: 'top 5 is fine' said after the question was read as one of its own
            "biggest companies in texas? top 5 is fine",
            "what about california",
            "SELECT stock_symbol, short_name, market_cap FROM companies WHERE state = 'CA'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            # once the smallest weight among the tech stocks asked before: 'new one -' is new
            "tech stocks",
            "new one - which company has the tiniest weight in the index?",
            "SELECT i.stock_symbol, c.short_name, i.weight FROM index_compositions i JOIN"
            " companies c ON c.stock_symbol = i.stock_symbol ORDER BY i.weight LIMIT 1",
        ),
    ],
)
def test_follow_ups_answered_as_meant(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_share_whose_whole_is_another_set_of_rows_is_not_read_as_the_groups(engine, seed_db):
    """'as a % of all tech picks' after picks per sector names a different whole."""
    plan = session(engine, seed_db, "picks by sector", "show as % of all tech picks")
    assert "percent_of_total" not in (plan.tasks[0].sql or "")


def test_a_share_narrowed_by_a_follow_up_is_declined(engine, seed_db):
    """'only tech and healthcare' after each sector's share once recomputed the shares over
    the two sectors kept, a different number under the same name."""
    plan = session(
        engine, seed_db, "market cap by sector with percent of total", "only tech and healthcare"
    )
    assert not plan.tasks[0].sql and "share" in plan.tasks[0].refusal


def test_in_percent_after_a_sum_is_not_a_share(engine, seed_db):
    """'in percent' after total index weights asks for a unit, not each sector's share."""
    plan = session(engine, seed_db, "total index weight per sector", "in percent")
    assert "percent_of_total" not in (plan.tasks[0].sql or "")


@pytest.mark.parametrize(
    "question",
    [
        # once the dates and closes alone, no word of whose they were
        "latest closing price of the Bermuda-headquartered companies",
        "closing prices of tech stocks on 2023-12-29",
    ],
)
def test_values_of_several_series_say_whose_they_are(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    shown = plan.tasks[0].sql.split(" FROM ")[0]
    assert "stock_symbol" in shown, plan.tasks[0].sql


def test_shares_of_the_rows_a_follow_up_keeps_are_recomputed(engine, seed_db):
    """'only for nasdaq listed stocks' after each sector's share of Q4 picks: the shares among
    the Nasdaq picks (a condition on the rows, not on the groups)."""
    plan = session(
        engine,
        seed_db,
        "picks made in Q4 2023 by sector",
        "show that as % share of all Q4 picks",
        "only for nasdaq listed stocks",
    )
    gold = (
        "SELECT c.sector, COUNT(*), 100.0 * COUNT(*) / (SELECT COUNT(*) FROM user_selected_stocks"
        " s2 JOIN companies c2 ON c2.stock_symbol = s2.stock_symbol WHERE s2.created_date >="
        " '2023-10-01' AND s2.created_date < '2024-01-01' AND c2.exchange_symbol = 'NMS') FROM"
        " user_selected_stocks s JOIN companies c ON c.stock_symbol = s.stock_symbol WHERE"
        " s.created_date >= '2023-10-01' AND s.created_date < '2024-01-01' AND"
        " c.exchange_symbol = 'NMS' GROUP BY c.sector"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        # once the indexes counted: 'index companies' are the companies in the index
        (
            "how many index companies are there",
            "SELECT COUNT(DISTINCT stock_symbol) FROM index_compositions",
        ),
        (
            "did you know... how many index companies have NEVER been put on anyone's watchlist?",
            "SELECT COUNT(DISTINCT i.stock_symbol) FROM index_compositions i WHERE i.stock_symbol"
            " NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
    ],
)
def test_index_companies_are_companies(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # once declined: the count restated after the ranking read as a question of its own
        "top 10 most-followed stocks on the app - how many users have each one on their watchlist?",
        "what are the 10 most popular stocks on our users' watchlists? like how many people"
        " picked each",
        "top 10 most watchlisted tickers (by # of users)",
    ],
)
def test_a_count_restated_after_a_ranking(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT stock_symbol, COUNT(DISTINCT user_id) AS n FROM user_selected_stocks"
        " GROUP BY stock_symbol ORDER BY n DESC, stock_symbol LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
