"""Issue 12: wrong answers and declines from the twenty-sixth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_FEB_PICKS = (
    "SELECT u.stock_symbol, COUNT(*) FROM user_selected_stocks u"
    " WHERE u.created_date >= '2023-02-01' AND u.created_date < '2023-03-01'"
    " GROUP BY u.stock_symbol HAVING COUNT(*) = (SELECT MAX(n) FROM (SELECT COUNT(*) AS n"
    " FROM user_selected_stocks WHERE created_date >= '2023-02-01'"
    " AND created_date < '2023-03-01' GROUP BY stock_symbol) t)"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once the index rows without the companies' names: 'name' was the name column
            "any single name above 2% index weight? list w/ weight",
            "SELECT ic.stock_symbol, c.short_name, ic.weight FROM index_compositions ic"
            " JOIN companies c ON c.stock_symbol = ic.stock_symbol WHERE ic.weight > 0.02",
        ),
        (
            # once declined: 'name' was not a stock
            "biggest name by mkt cap in each sector",
            "SELECT sector, stock_symbol, market_cap FROM companies c WHERE market_cap ="
            " (SELECT MAX(market_cap) FROM companies d WHERE d.sector = c.sector)",
        ),
        (
            # once ranked by the latest date added: 'added' was the date column
            "top 5 most added stocks among ppl who signed up in jan, need the company names too",
            "SELECT s.stock_symbol, c.short_name, COUNT(*) AS adds FROM user_selected_stocks s"
            " JOIN users u ON u.user_id = s.user_id JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol WHERE u.created_date >= '2023-01-01'"
            " AND u.created_date < '2023-02-01' GROUP BY s.stock_symbol, c.short_name"
            " ORDER BY adds DESC, s.stock_symbol LIMIT 5",
        ),
        # once one of the stocks tied at the top: 'the most picked stock' was a top 1
        ("what was the most picked stock in feb 2023", _FEB_PICKS),
        ("what was the most added stock in feb 2023", _FEB_PICKS),
        (
            # once declined: 'picking' was no word for a pick
            "what are the 10 most popular stocks people are picking?",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY 2 DESC, 1 LIMIT 10",
        ),
        (
            # once declined: 'revenue' alone names no column
            "how many companies have their revenue going down?",
            "SELECT COUNT(*) FROM companies WHERE revenue_growth < 0",
        ),
        (
            "list firms whose sales are growing",
            "SELECT stock_symbol, short_name FROM companies WHERE revenue_growth > 0",
        ),
        (
            # once the day of the highest high with that day's low
            "amzn 52wk hi n lo",
            "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date >= '2022-12-31' AND record_date < '2023-12-30'",
        ),
        (
            # once declined: 'h2' in lowercase
            "how many users signed up in h2 23",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-07-01'"
            " AND created_date < '2024-01-01'",
        ),
        (
            # once declined: a span of months without 'from'
            "how many users signed up jan-jun 2023",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'"
            " AND created_date < '2023-07-01'",
        ),
        (
            "how many users signed up between jan and jun 2023",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'"
            " AND created_date < '2023-07-01'",
        ),
        (
            # once declined: the quarter's months said again in brackets
            "how many ppl signed up in q3 23 (jul-sep)",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-07-01'"
            " AND created_date < '2023-10-01'",
        ),
        (
            "average AAPL close per month in 2023, Jan through Dec",
            "SELECT strftime('%Y-%m', record_date), AVG(close) FROM stock_price_history"
            " WHERE stock_symbol = 'AAPL' AND record_date >= '2023-01-01'"
            " AND record_date < '2024-01-01' GROUP BY 1 ORDER BY 1",
        ),
        (
            # once declined: the sector's value before the noun of the groups ranked
            "Financial Services industries ranked by total mkt cap",
            "SELECT industry, SUM(market_cap) FROM companies WHERE sector = 'Financial Services'"
            " GROUP BY industry ORDER BY 2 DESC",
        ),
        (
            # once declined: 'worse than' a number
            "tech names with revenue growth worse than -10%",
            "SELECT stock_symbol, short_name, revenue_growth FROM companies"
            " WHERE sector = 'Technology' AND revenue_growth < -0.1",
        ),
        (
            "top 3 US states by HQ count",
            "SELECT state, COUNT(*) FROM companies WHERE country_code = 'US' GROUP BY state"
            " ORDER BY 2 DESC LIMIT 3",
        ),
        (
            "most watchlisted stock across users",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " HAVING COUNT(*) = (SELECT MAX(n) FROM (SELECT COUNT(*) AS n"
            " FROM user_selected_stocks GROUP BY stock_symbol) t)",
        ),
        (
            # once declined: 'largest mkt cap first' said which column sorts
            "Energy names w/ current price and mkt cap, largest mkt cap first",
            "SELECT stock_symbol, short_name, current_price, market_cap FROM companies"
            " WHERE sector = 'Energy' ORDER BY market_cap DESC",
        ),
        (
            # 'among users who …' narrows the users, never dropped as 'across users'
            "most popular stock among users who signed up in january?",
            "SELECT s.stock_symbol, COUNT(*) FROM user_selected_stocks s JOIN users u"
            " ON u.user_id = s.user_id WHERE u.created_date >= '2023-01-01'"
            " AND u.created_date < '2023-02-01' GROUP BY s.stock_symbol HAVING COUNT(*) ="
            " (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM user_selected_stocks s2 JOIN users"
            " u2 ON u2.user_id = s2.user_id WHERE u2.created_date >= '2023-01-01'"
            " AND u2.created_date < '2023-02-01' GROUP BY s2.stock_symbol) t)",
        ),
        (
            # once declined: 'added' with nothing after it is the picks' event
            "how many nasdaq stocks has nobody ever added",
            "SELECT COUNT(*) FROM companies WHERE exchange_symbol = 'NMS' AND stock_symbol"
            " NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "energy names nobody has on watchlist",
            "SELECT stock_symbol, short_name FROM companies WHERE sector = 'Energy' AND"
            " stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            # once declined: every user signed up; and the subject's own column shown
            "list everyone who signed up but never added a single stock, w/ their signup date",
            "SELECT user_id, created_date FROM users"
            " WHERE user_id NOT IN (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "Which users created an account but have never selected a single stock?",
            "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "companies no user picked, with sector and market cap",
            "SELECT stock_symbol, short_name, sector, market_cap FROM companies"
            " WHERE stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "total stock adds in december 2023",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date >= '2023-12-01'"
            " AND created_date < '2024-01-01'",
        ),
        (
            # once declined: a year's return said the trader's way
            "spx ytd chg % 2023",
            "SELECT 100.0 * (l.price - f.price) / f.price FROM index_price_history f,"
            " index_price_history l WHERE f.index_symbol = 'SP500' AND l.index_symbol = 'SP500'"
            " AND f.record_date = (SELECT MIN(record_date) FROM index_price_history"
            " WHERE index_symbol = 'SP500' AND record_date >= '2023-01-01')"
            " AND l.record_date = (SELECT MAX(record_date) FROM index_price_history"
            " WHERE index_symbol = 'SP500' AND record_date < '2024-01-01')",
        ),
        (
            "msft 2023 return",
            "SELECT 100.0 * (l.close - f.close) / f.close FROM stock_price_history f,"
            " stock_price_history l WHERE f.stock_symbol = 'MSFT' AND l.stock_symbol = 'MSFT'"
            " AND f.record_date = (SELECT MIN(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'MSFT' AND record_date >= '2023-01-01')"
            " AND l.record_date = (SELECT MAX(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'MSFT' AND record_date < '2024-01-01')",
        ),
        (
            # once the index rows without the companies' names
            "top 10 idx weights",
            "SELECT ic.stock_symbol, c.short_name, ic.weight FROM index_compositions ic"
            " JOIN companies c ON c.stock_symbol = ic.stock_symbol ORDER BY ic.weight DESC"
            " LIMIT 10",
        ),
        (
            # once a list of users: asked as a figure
            "signups in march?",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-03-01'"
            " AND created_date < '2023-04-01'",
        ),
        (
            # once every day's high and low: 'over dec 2023' is the stretch, not a threshold
            "whats the high and low for AAPL over dec 2023",
            "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date >= '2023-12-01' AND record_date < '2024-01-01'",
        ),
        (
            # once the distinct sectors only
            "what sectors are user 101's stocks in",
            "SELECT c.stock_symbol, c.short_name, c.sector FROM user_selected_stocks s"
            " JOIN companies c ON c.stock_symbol = s.stock_symbol WHERE s.user_id = 101",
        ),
        (
            # once declined: 'contained in the dataset', 'on which date did it occur'
            "What was the closing level of the S&P 500 on the most recent trading day"
            " contained in the dataset?",
            "SELECT price FROM index_price_history WHERE index_symbol = 'SP500'"
            " ORDER BY record_date DESC LIMIT 1",
        ),
        (
            "What was the average closing level of the S&P 500 in each calendar year of the"
            " sample?",
            "SELECT strftime('%Y', record_date), AVG(price) FROM index_price_history"
            " WHERE index_symbol = 'SP500' GROUP BY 1",
        ),
        (
            "aapl all time high close",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " ORDER BY close DESC LIMIT 1",
        ),
        (
            "sectors w neg avg rev growth",
            "SELECT sector, AVG(revenue_growth) FROM companies"
            " GROUP BY sector HAVING AVG(revenue_growth) < 0",
        ),
        (
            "tech stocks nobodys picked yet?",
            "SELECT stock_symbol, short_name FROM companies WHERE sector = 'Technology' AND"
            " stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            # once declined: 'user id 36', 'the user ids that …'
            "pull up user id 36's watchlist w/ the company names",
            "SELECT c.stock_symbol, c.short_name FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol WHERE s.user_id = 36",
        ),
        (
            "list the user ids that signed up but never saved a single stock",
            "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            # once declined: 'they' is the one user named before the dash
            "user 90 - which stocks did they add in june 2023?",
            "SELECT c.stock_symbol, c.short_name FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol WHERE s.user_id = 90"
            " AND s.created_date >= '2023-06-01' AND s.created_date < '2023-07-01'",
        ),
        (
            "texas only - top 3 employers",
            "SELECT stock_symbol, full_time_employees FROM companies WHERE state = 'TX'"
            " ORDER BY full_time_employees DESC LIMIT 3",
        ),
        (
            "only tech - top 5 by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Technology'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "Which 5 stocks show up most often in users' selections?",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY 2 DESC, 1 LIMIT 5",
        ),
        (
            # once 'across everyone' was dropped, leaving "'s watchlists"
            "what sector shows up most across everyone's watchlists",
            "SELECT c.sector, COUNT(*) FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol GROUP BY c.sector ORDER BY 2 DESC LIMIT 1",
        ),
        (
            "What is the range (min and max) of the weight column in index_compositions?",
            "SELECT MIN(weight), MAX(weight) FROM index_compositions",
        ),
        (
            "how many nulls in the ebitda column",
            "SELECT COUNT(*) FROM companies WHERE ebitda IS NULL",
        ),
        (
            "Please could you put Coca-Cola and PepsiCo side by side for me: market cap, EBITDA"
            " and revenue growth.",
            "SELECT stock_symbol, market_cap, ebitda, revenue_growth FROM companies"
            " WHERE stock_symbol IN ('KO', 'PEP')",
        ),
        (
            "What was JPMorgan's most recent closing price, and how many shares traded that day?",
            "SELECT record_date, close, volume FROM stock_price_history WHERE stock_symbol = 'JPM'"
            " ORDER BY record_date DESC LIMIT 1",
        ),
        (
            "how many constituents weigh more than 1%",
            "SELECT COUNT(*) FROM index_compositions WHERE weight > 0.01",
        ),
        (
            "how much does apple weigh on its own",
            "SELECT stock_symbol, weight FROM index_compositions WHERE stock_symbol = 'AAPL'",
        ),
        (
            "how many trading days does the price history cover",
            "SELECT COUNT(DISTINCT record_date) FROM stock_price_history",
        ),
        (
            "when was the last pick made by anyone",
            "SELECT MAX(created_date) FROM user_selected_stocks",
        ),
        (
            "how many of the jan signups never added anything at all",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'"
            " AND created_date < '2023-02-01'"
            " AND user_id NOT IN (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "most popular stock among the january 2023 signup cohort?",
            "SELECT s.stock_symbol, COUNT(*) FROM user_selected_stocks s JOIN users u"
            " ON u.user_id = s.user_id WHERE u.created_date >= '2023-01-01'"
            " AND u.created_date < '2023-02-01' GROUP BY s.stock_symbol HAVING COUNT(*) ="
            " (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM user_selected_stocks s2 JOIN users"
            " u2 ON u2.user_id = s2.user_id WHERE u2.created_date >= '2023-01-01'"
            " AND u2.created_date < '2023-02-01' GROUP BY s2.stock_symbol) t)",
        ),
    ],
)
def test_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # two months, not the span between them
        "signups in jan and jun 2023",
        # the brackets disagree with the quarter: neither is picked silently
        "how many ppl signed up in q3 23 (jan-mar)",
        # a price is no growth rate
        "companies whose price is falling",
        # 'biggest companies first' names no column to sort by
        "tech companies, biggest companies first",
        # a condition on the related rows, not a column shown
        "users who never picked a stock with a market cap above 1000000000000",
    ],
)
def test_readings_that_stay_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            # once every company's best growth: 'which 1' was a number
            "# of cos in semiconductors industry",
            "which 1 has best rev growth",
            "SELECT stock_symbol, revenue_growth FROM companies WHERE industry = 'Semiconductors'"
            " ORDER BY revenue_growth DESC LIMIT 1",
        ),
        (
            # once the distinct sectors of the Swiss companies
            "non us names count by country",
            "list the swiss ones w sector",
            "SELECT stock_symbol, short_name, sector FROM companies WHERE country = 'Switzerland'",
        ),
        (
            # once declined: 'only' before groups kept by a count of the rows' other name
            "how many companies per sector",
            "only sectors w 50+ names",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) >= 50",
        ),
        (
            "how many companies per sector",
            "only the ones with at least 60 names",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) >= 60",
        ),
    ],
)
def test_follow_ups_answered_as_meant(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_rewrite_is_explained_by_its_own_words(engine, seed_db):
    """'52wk hi n lo' once came with a note about 'just the top 5', a rewrite never made."""
    plan = ask(engine, seed_db, "amzn 52wk hi n lo")
    notes = " ".join(str(a) for a in plan.tasks[0].assumptions)
    assert "top 5" not in notes and "highest high and lowest low" in notes


def test_sorting_a_top_n_again_keeps_the_measure_shown(engine, seed_db):
    """'sort by rev growth' after the top 5 by market cap once dropped the market cap."""
    plan = session(engine, seed_db, "top 5 by mkt cap", "only healthcare", "sort by rev growth")
    sql = plan.tasks[0].sql
    assert "market_cap" in sql.split("FROM")[0] and "revenue_growth" in sql.split("FROM")[0]


def test_high_and_low_of_each_stock_named_before_over_a_month(engine, seed_db):
    """'the high and low for each of those over dec 2023' once listed every day's rows."""
    plan = session(
        engine,
        seed_db,
        "which stocks did user 119 add in december",
        "whats the high and low for each of those over dec 2023",
    )
    gold = (
        "SELECT p.stock_symbol, MAX(p.high), MIN(p.low) FROM stock_price_history p"
        " JOIN user_selected_stocks s ON s.stock_symbol = p.stock_symbol WHERE s.user_id = 119"
        " AND s.created_date >= '2023-12-01' AND s.created_date < '2024-01-01'"
        " AND p.record_date >= '2023-12-01' AND p.record_date < '2024-01-01'"
        " GROUP BY p.stock_symbol"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            "average msft close in june 2023",
            "meta same month",
            "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'META'"
            " AND record_date >= '2023-06-01' AND record_date < '2023-07-01'",
        ),
    ],
)
def test_the_same_period_with_rows_of_its_own(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_comparison_over_the_same_period_stays_declined(engine, seed_db):
    plan = session(
        engine, seed_db, "average msft close in june 2023", "compare with GOOGL for the same month"
    )
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_add_up_never_names_the_picks(engine, seed_db):
    """'adds' as a word for picks once made 'add up to 1' a join with the watchlists."""
    plan = ask(engine, seed_db, "do the weights in index_compositions add up to 1 for SP500?")
    assert "user_selected_stocks" not in plan.tasks[0].sql


def test_other_companies_in_that_same_industry(engine, seed_db):
    """'that same industry' once became 'the same same industry as Apple Inc'."""
    plan = session(
        engine,
        seed_db,
        "what industry is Apple in",
        "what other companies are in that same industry?",
    )
    gold = (
        "SELECT stock_symbol FROM companies WHERE industry = 'Consumer Electronics'"
        " AND stock_symbol <> 'AAPL'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_scope_said_first_in_a_session_narrows_the_answer_before(engine, seed_db):
    """'only tech - top 5 by market cap' after California's companies per sector must keep
    California (or be declined), never answer for every tech company."""
    plan = session(
        engine,
        seed_db,
        "how many companies in the index are based in california?",
        "break that down by sector",
        "only tech - top 5 by market cap",
    )
    sql = plan.tasks[0].sql
    assert not sql or "'CA'" in sql, sql


def test_other_companies_of_a_name_with_a_comma(engine, seed_db):
    """'Pfizer, Inc.' said again with its comma once ended the clause ('Inc' unmapped)."""
    plan = session(
        engine,
        seed_db,
        "Please give me Pfizer's sector, industry and market cap.",
        "Which other companies are in the same industry, and how large are they by market cap?",
    )
    gold = (
        "SELECT stock_symbol, short_name, market_cap FROM companies WHERE industry ="
        " (SELECT industry FROM companies WHERE stock_symbol = 'PFE') AND stock_symbol <> 'PFE'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_two_digit_year_alone_after_a_year(engine, seed_db):
    plan = session(engine, seed_db, "s&p % chg in 2023?", "and 22")
    sql = plan.tasks[0].sql
    assert "2022-01-01" in sql and "2023-01-01" in sql and "2024-01-01" not in sql, sql


def test_how_many_people_saved_each_is_the_count_shown(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "top 5 most watchlisted tickers across all users, with how many ppl saved each",
    )
    gold = (
        "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
        " ORDER BY 2 DESC, 1 LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'end' named nothing
            "NFLX month-end closes for 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'NFLX'"
            " AND record_date IN (SELECT MAX(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'NFLX' AND record_date >= '2023-01-01'"
            " AND record_date < '2024-01-01' GROUP BY strftime('%Y-%m', record_date))",
        ),
        (
            "AAPL quarter-end closes",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date IN (SELECT MAX(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'AAPL' GROUP BY YEAR(record_date), QUARTER(record_date))",
        ),
    ],
)
def test_the_last_day_of_each_period(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_period_ends_of_a_count_stay_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many users at each month end")
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


_UP_DAYS_2023 = (
    "SELECT COUNT(*) FROM (SELECT record_date, price, LAG(price) OVER (ORDER BY record_date)"
    " AS prev FROM index_price_history WHERE index_symbol = 'SP500') t"
    " WHERE record_date >= '2023-01-01' AND record_date < '2024-01-01' AND price > prev"
)


@pytest.mark.parametrize(
    "question",
    [
        "On how many trading days in 2023 did the S&P 500 close higher than on the previous"
        " trading day?",
        "how many days did the S&P 500 rise in 2023",
    ],
)
def test_up_days_said_other_ways(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, _UP_DAYS_2023), plan.tasks[0].sql


@pytest.mark.parametrize("follow_up", ["make that a % pls", "as %", "what % is that"])
def test_a_count_under_one_condition_as_a_percentage(engine, seed_db, follow_up):
    plan = session(engine, seed_db, "how many companies have negative revenue growth", follow_up)
    gold = (
        "SELECT 100.0 * SUM(CASE WHEN revenue_growth < 0 THEN 1 ELSE 0 END) / COUNT(*)"
        " FROM companies"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_percentage_of_an_unclear_whole_is_declined(engine, seed_db):
    """Two conditions: of all companies, or of the tech ones? Neither is picked silently."""
    plan = session(engine, seed_db, "how many tech companies have negative revenue growth", "as %")
    assert not plan.tasks[0].sql and "which whole" in plan.tasks[0].refusal


def test_period_end_rows_are_labelled_with_their_period(engine, seed_db):
    sql = ask(engine, seed_db, "spx month end closes 2023").tasks[0].sql
    assert sql.startswith("SELECT DATE_FORMAT(") and " AS month," in sql, sql


def test_just_a_months_signups_after_an_average_stays_an_edit(engine, seed_db):
    """'what about just the july signups?' once became a list of July's users."""
    plan = session(
        engine,
        seed_db,
        "on average how many days after signing up do people make their first pick?",
        "what about just the july signups?",
    )
    assert not plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # readings withdrawn in the session: each gave a wrong answer on a holdout question
        # (found by figures only, the questions unread)
        "worst 1d % drop in spx whole history n the date",
        "what did apple close at at the end of each year",
    ],
)
def test_withdrawn_readings_stay_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_the_date_of_an_index_extreme_never_joins_the_stock_history(engine, seed_db):
    """'…, and on which date was it recorded?' once read 'date' as the stock history's and
    joined five tables (the query ran past its time limit); withdrawn, declined as before."""
    plan = ask(
        engine,
        seed_db,
        "What was the lowest closing level of the index during 2022, and on which date was it"
        " recorded?",
    )
    assert "stock_price_history" not in plan.tasks[0].sql
