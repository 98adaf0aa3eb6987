"""Issue 12: wrong answers and declines from the twentieth session's blind development sets.
Each test failed before its fix: SQL's '<>' read as '=', a company named by ticker replaced by
one named by name, 'desc' and 'the avg weight of those 10' dropped, a change within one day."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


@pytest.mark.parametrize("op", ["<>", "!="])
def test_sql_not_equal_is_not_read_as_equal(engine, seed_db, op):
    plan = ask(engine, seed_db, f"count companies per country_code where country_code {op} 'US'")
    gold = (
        "SELECT country_code, COUNT(*) FROM companies WHERE country_code <> 'US'"
        " GROUP BY country_code"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_not_equal_it_cannot_place_is_declined(engine, seed_db):
    plan = ask(engine, seed_db, "stocks with close <> open on 2023-12-29")
    assert not plan.tasks[0].sql


def test_a_new_company_replaces_two_named_by_name_and_ticker(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Compare Ford and GM for me - market cap and current stock price",
        "how many employees does each one have?",
        "and tesla?",
    )
    gold = "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol = 'TSLA'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_two_companies_named_two_ways_in_a_followup_are_both_kept(engine, seed_db):
    plan = session(engine, seed_db, "aapl close on 2023-12-29", "and nvidia and amd")
    gold = (
        "SELECT stock_symbol, close FROM stock_price_history WHERE record_date = '2023-12-29'"
        " AND stock_symbol IN ('NVDA', 'AMD')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_counted_values_listed_with_their_counts_in_the_order_asked(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many distinct sectors are there in the companies table?",
        "ok list them w/ the number of companies per sector, desc",
    )
    gold = "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC, sector"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    assert "ORDER BY number_of_companies DESC" in plan.tasks[0].sql


def test_them_after_counted_values_is_not_every_row(engine, seed_db):
    # 'them' are the sectors counted: a total over every company would drop the sectors
    plan = session(
        engine,
        seed_db,
        "how many distinct sectors are there?",
        "list them with the number of companies and the avg market cap",
    )
    assert not plan.tasks[0].sql


def test_an_average_of_one_value_each_is_one_average(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 10 companies by market_cap desc, just symbol + market cap",
        "what's the avg index weight of those 10 in the SP500?",
    )
    gold = (
        "SELECT AVG(weight) FROM index_compositions WHERE index_symbol = 'SP500' AND"
        " stock_symbol IN (SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 10)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_an_average_over_many_days_each_stays_one_per_company(engine, seed_db):
    plan = session(engine, seed_db, "top 5 companies by employees", "their avg close in 2023")
    assert "GROUP BY" in plan.tasks[0].sql


@pytest.mark.parametrize(
    "followup", ["how many stocks did they pick total", "how many stocks did they pick in total?"]
)
def test_stocks_they_picked_in_total_counts_the_picks(engine, seed_db, followup):
    plan = session(engine, seed_db, "count of users signed up jul 2023", followup)
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id IN (SELECT user_id FROM users"
        " WHERE created_date >= '2023-07-01' AND created_date < '2023-08-01')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_change_vs_previous_close_without_a_day_is_the_latest_move(engine, seed_db):
    plan = ask(engine, seed_db, "aapl change vs prev close")
    gold = (
        "WITH p AS (SELECT record_date, close, LAG(close) OVER (ORDER BY record_date) AS prev"
        " FROM stock_price_history WHERE stock_symbol = 'AAPL') SELECT record_date, close,"
        " close - prev FROM p WHERE record_date = (SELECT MAX(record_date) FROM p)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_daily_change_stays_every_day(engine, seed_db):
    plan = ask(engine, seed_db, "aapl daily change vs prev close")
    rows = seed_db.query(plan.tasks[0].sql).rows
    assert len(rows) > 100


@pytest.mark.parametrize(
    "question", ["how much did aapl move on the last day", "how much did nvda change on 2023-12-28"]
)
def test_a_change_within_one_day_is_declined_not_zero(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert not task.sql and "previous close" in task.refusal


def test_a_courtesy_sentence_before_a_followup_is_set_aside(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Could you list the companies headquartered in Denver, Colorado, together with their"
        " sectors?",
        "Thank you. What about Phoenix, Arizona?",
    )
    gold = "SELECT stock_symbol, sector FROM companies WHERE city = 'Phoenix' AND state = 'AZ'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_closing_stock_price_is_the_close(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "What was Procter & Gamble's closing stock price on the most recent trading day in your"
        " data?",
    )
    gold = (
        "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'PG'"
        " ORDER BY record_date DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "top 10 stocks by # of users who picked them",
        "top 10 stocks by count of distinct users who picked them, desc",
    ],
)
def test_top_n_by_the_number_of_related_rows(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT stock_symbol, COUNT(DISTINCT user_id) AS n FROM user_selected_stocks"
        " GROUP BY stock_symbol ORDER BY n DESC LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "Which sectors are represented among the companies headquartered in Utah, and how many"
        " companies are in each one?",
        "which sectors are the companies in utah in, and how many in each",
    ],
)
def test_which_groups_and_how_many_in_each(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = "SELECT sector, COUNT(*) FROM companies WHERE state = 'UT' GROUP BY sector"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_name_start_said_alone_after_how_about(engine, seed_db):
    plan = session(engine, seed_db, "what's the market cap of coca-cola", "how about pepsi?")
    gold = "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol = 'PEP'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize("question", ["pepsi market cap", "how about bank?"])
def test_a_name_start_inside_a_question_or_an_everyday_word_still_asks(engine, seed_db, question):
    assert not ask(engine, seed_db, question).tasks[0].sql


def test_which_stocks_did_they_pick_the_most_keeps_those_users(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many users signed up in 2023?",
        "which 5 stocks did they pick the most?",
    )
    gold = (
        "SELECT s.stock_symbol, COUNT(*) AS n FROM user_selected_stocks s JOIN users u"
        " ON u.user_id = s.user_id WHERE u.created_date >= '2023-01-01'"
        " AND u.created_date < '2024-01-01' GROUP BY s.stock_symbol ORDER BY n DESC LIMIT 5"
    )
    sql = plan.tasks[0].sql
    assert "users.created_date >= '2023-01-01'" in sql and "LIMIT 5" in sql, sql
    counts = [r[-1] for r in seed_db.query(sql).rows]
    assert counts == [r[-1] for r in seed_db.query(gold).rows]  # ties may swap names


def test_the_city_that_hosts_the_most_headquarters(engine, seed_db):
    plan = ask(engine, seed_db, "Which city in Texas hosts the most company headquarters?")
    gold = (
        "SELECT city, COUNT(*) AS n FROM companies WHERE state = 'TX' GROUP BY city"
        " ORDER BY n DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_top_n_desc_is_the_top_n(engine, seed_db):
    plan = ask(engine, seed_db, "count of cos per state, top 5 desc")
    gold = "SELECT state, COUNT(*) AS n FROM companies GROUP BY state ORDER BY n DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,n", [("top 3 mkt cap in each sector", 3), ("highest market cap in each sector", 1)]
)
def test_top_values_in_each_group_are_rows_within_it(engine, seed_db, question, n):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT sector, stock_symbol, market_cap FROM (SELECT sector, stock_symbol, market_cap,"
        " ROW_NUMBER() OVER (PARTITION BY sector ORDER BY market_cap DESC, stock_symbol) AS r"
        f" FROM companies WHERE market_cap IS NOT NULL) WHERE r <= {n}"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_highest_per_group_without_each_still_asks(engine, seed_db):
    assert not ask(engine, seed_db, "highest market cap per sector").tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "How did Sherwin-Williams stock perform over 2023? I would like the percentage change"
        " from the first close of the year to the last close of the year.",
        "percentage change of SHW from the first close of 2023 to the last close of 2023",
    ],
)
def test_the_ends_of_a_change_said_again_are_the_change(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT 100.0 * (l.close - f.close) / f.close FROM stock_price_history f"
        " JOIN stock_price_history l ON l.stock_symbol = f.stock_symbol"
        " WHERE f.stock_symbol = 'SHW'"
        " AND f.record_date = (SELECT MIN(record_date) FROM stock_price_history"
        "  WHERE stock_symbol = 'SHW' AND record_date >= '2023-01-01')"
        " AND l.record_date = (SELECT MAX(record_date) FROM stock_price_history"
        "  WHERE stock_symbol = 'SHW' AND record_date < '2024-01-01')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_ends_in_two_years_are_not_dropped(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "percentage change of SHW from the first close of 2022 to the last close of 2023",
    )
    sql = plan.tasks[0].sql
    assert not sql or "2022" in sql, sql  # declined, or over both years


def test_performance_measured_as_a_percent_change(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Which Ohio-based company had the best stock performance in 2023, measured as the"
        " percent change in closing price over the year?",
    )
    assert plan.tasks[0].sql and "percent_change" in plan.tasks[0].sql
    assert seed_db.query(plan.tasks[0].sql).rows[0][0] == "ONY"


def test_its_change_after_the_one_row_answer_is_that_rows_change(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many companies in the index are headquartered in North Carolina?",
        "Which of those has the most full-time employees?",
        "How did its stock do during 2023, in percentage terms?",
    )
    sql = plan.tasks[0].sql
    assert sql and "companies.stock_symbol = 'LOW'" in sql, sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What percentage of the companies in the S&P 500 are headquartered in California?",
            "SELECT 100.0 * SUM(CASE WHEN c.state = 'CA' THEN 1 ELSE 0 END) / COUNT(*)"
            " FROM companies c JOIN index_compositions i ON i.stock_symbol = c.stock_symbol"
            " WHERE i.index_symbol = 'SP500'",
        ),
        (
            "what % of companies in tech are in california",
            "SELECT 100.0 * SUM(CASE WHEN state = 'CA' THEN 1 ELSE 0 END) / COUNT(*)"
            " FROM companies WHERE sector = 'Technology'",
        ),
    ],
)
def test_values_before_the_verb_narrow_the_population_of_a_share(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_not_added_to_any_users_watchlist_is_picked_by_no_user(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Which companies headquartered in Georgia have not been added to any user's watchlist?",
    )
    gold = (
        "SELECT stock_symbol FROM companies WHERE state = 'GA' AND stock_symbol NOT IN"
        " (SELECT stock_symbol FROM user_selected_stocks)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_but_only_for_groups_having(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "now avg market_cap per sector but only for sectors having more than 50 companies",
    )
    gold = "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector HAVING COUNT(*) > 50"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "How did JPMorgan's share price do in 2022? % change from the first close of the year to"
        " the last",
        "how did the S&P 500 do in 2022? % change first to last trading day",
    ],
)
def test_how_did_it_do_then_a_percent_change_sentence(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert task.sql and "2022-01-01" in task.sql and "100.0" in task.sql, task.refusal


def test_the_ones_with_their_column_are_rows(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "count companies per country_code where country_code <> 'US'",
        "list the swiss ones w/ their sector",
    )
    gold = "SELECT stock_symbol, sector FROM companies WHERE country_code = 'CH'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "followup,gold",
    [
        (
            "and the low in 2022?",
            "SELECT MIN(price) FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date BETWEEN '2022-01-01' AND '2022-12-31'",
        ),
        (
            "what about 2022 - high and low?",
            "SELECT MAX(price), MIN(price) FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date BETWEEN '2022-01-01' AND '2022-12-31'",
        ),
    ],
)
def test_high_and_low_of_an_index_in_a_followup(engine, seed_db, followup, gold):
    plan = session(
        engine, seed_db, "What was the S&P 500's highest close in 2023, and on what date?", followup
    )
    sql = plan.tasks[0].sql
    assert sql and "stock_price_history" not in sql, sql
    got = seed_db.query(sql).rows
    want = seed_db.query(gold).rows
    assert {float(v) for v in want[0]} <= {float(v) for row in got for v in row if _number(v)}


def _number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def test_a_fragment_after_a_declined_question_is_declined(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "where did the S&P 500 close at the end of 2022 vs end of 2023?",
        "what was the high for the index in 2023 and what day was that",
        "and the low in 2022?",
    )
    task = plan.tasks[0]
    assert not task.sql and "could not answer" in task.refusal


def test_a_fragment_naming_its_own_rows_after_a_decline_is_answered(engine, seed_db):
    plan = session(engine, seed_db, "msft p/e ratio", "and the close of AAPL on 2023-12-29?")
    assert plan.tasks[0].sql


@pytest.mark.parametrize(
    "followup", ["what was its highest close ever?", "its highest close in the whole period?"]
)
def test_ever_drops_the_previous_day(engine, seed_db, followup):
    plan = session(
        engine,
        seed_db,
        "What was NVDA's closing price on the most recent trading day in the data?",
        followup,
    )
    gold = "SELECT MAX(close) FROM stock_price_history WHERE stock_symbol = 'NVDA'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_sectors_are_they_in_after_a_count_counts_per_sector(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many S&P 500 companies have no ebitda value in companies?",
        "which sectors are they in?",
    )
    gold = (
        "SELECT c.sector, COUNT(*) FROM companies c JOIN index_compositions i"
        " ON i.stock_symbol = c.stock_symbol WHERE i.index_symbol = 'SP500'"
        " AND c.ebitda IS NULL GROUP BY c.sector"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_an_edit_that_leaves_no_rows_is_declined(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Could you list the companies headquartered in Denver, Colorado, together with their"
        " sectors?",
        "What about Phoenix, Arizona?",
        "And Seattle?",
    )
    task = plan.tasks[0]
    assert not task.sql and "leaves no rows" in task.refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which stocks show up most on users' watchlists? top 5",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC LIMIT 5",
        ),
        (
            "where's apple based and how many ppl work there",
            "SELECT city, state, full_time_employees FROM companies WHERE stock_symbol = 'AAPL'",
        ),
        (
            "top 5 chip companies by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE industry = 'Semiconductors'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "biggest healthcare cos by headcount - top 5",
            "SELECT stock_symbol, full_time_employees FROM companies WHERE sector = 'Healthcare'"
            " ORDER BY full_time_employees DESC LIMIT 5",
        ),
        (
            "client wants defensive exposure - list the utilities by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Utilities'"
            " ORDER BY market_cap DESC",
        ),
        (
            "how's nvidia been doing lately? show me the last 5 closes",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " ORDER BY record_date DESC LIMIT 5",
        ),
        (
            "which sectors actually have positive revenue growth on avg?",
            "SELECT sector, AVG(revenue_growth) FROM companies GROUP BY sector"
            " HAVING AVG(revenue_growth) > 0",
        ),
        (
            "how many users have added at least one stock to their watchlist",
            "SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks",
        ),
        (
            "S&P 500 price return for 2023, first trading day's close to last trading day's"
            " close, in %",
            "SELECT 100.0 * (l.price - f.price) / f.price FROM index_price_history f"
            " JOIN index_price_history l ON l.index_symbol = f.index_symbol"
            " WHERE f.record_date = (SELECT MIN(record_date) FROM index_price_history"
            "  WHERE record_date >= '2023-01-01')"
            " AND l.record_date = (SELECT MAX(record_date) FROM index_price_history"
            "  WHERE record_date < '2024-01-01')",
        ),
    ],
)
def test_dev126_and_friends_phrasings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_sorted_by_keeps_the_ascending_order(engine, seed_db):
    sql = ask(engine, seed_db, "list the utilities sorted by market cap").tasks[0].sql
    assert "ORDER BY market_cap ASC" in sql, sql


def test_what_does_that_add_up_to_after_top_weights(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 stocks by weight in the s&p", "what's that add up to combined?"
    )
    gold = (
        "SELECT SUM(weight) FROM (SELECT weight FROM index_compositions"
        " WHERE index_symbol = 'SP500' ORDER BY weight DESC LIMIT 5)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal
