"""Issue 12: wrong answers and declines from the twenty-second session's blind development sets.
Each test failed before its fix."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "when did users 5, 12 and 40 sign up",
            "SELECT user_id, created_date FROM users WHERE user_id IN (5, 12, 40)",
        ),
        (
            "what did users 5 and 12 pick",
            "SELECT user_id, stock_symbol FROM user_selected_stocks WHERE user_id IN (5, 12)",
        ),
    ],
)
def test_a_list_of_numeric_ids_names_those_rows(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "users with 5+ picks",  # once the picks of user 5
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5",
        ),
        (
            "users with 5 or more picks",
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5",
        ),
        (
            "how many companies have 100k+ employees",
            "SELECT COUNT(*) FROM companies WHERE full_time_employees >= 100000",
        ),
        (
            "Which companies employ more than 300,000 people full-time? Please list them with"
            " their headcount, largest first.",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE full_time_employees > 300000 ORDER BY full_time_employees DESC",
        ),
        (
            "What was the average daily trading volume of Amazon shares in the fourth quarter"
            " of 2023?",
            "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date BETWEEN '2023-10-01' AND '2023-12-31'",
        ),
        (
            "On which day in 2023 did Tesla shares see their heaviest trading volume, and how"
            " many shares changed hands that day?",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY volume DESC LIMIT 1",
        ),
        (
            "how many watchlist adds did we get in dec 2023",
            "SELECT COUNT(*) FROM user_selected_stocks"
            " WHERE created_date >= '2023-12-01' AND created_date < '2024-01-01'",
        ),
        (
            "biggest employer in the idx?",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " ORDER BY full_time_employees DESC LIMIT 1",
        ),
    ],
)
def test_analyst_shorthand_reads_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


@pytest.mark.parametrize(
    "first,then",
    [
        ("compare total mkt cap of tech vs healthcare", "add the number of companies in each too"),
        ("total mkt cap per sector", "add the number of companies too"),
    ],
)
def test_a_count_added_beside_a_total_keeps_the_total(engine, seed_db, first, then):
    # once the count alone (or the count of every company), the total dropped
    plan = session(engine, seed_db, first, then)
    sql = plan.tasks[0].sql
    assert "SUM(market_cap)" in sql and "COUNT(*)" in sql and "GROUP BY sector" in sql, sql


def test_of_those_in_that_group_keeps_every_condition_that_chose_them(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many s&p companies are on nobody's watchlist",
        "which sector has the most of them",
        "top 5 biggest of those in that sector by mkt cap",
    )
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol NOT IN (SELECT"
        " stock_symbol FROM user_selected_stocks) AND sector = 'Financial Services'"
        " ORDER BY market_cap DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_names_asked_of_companies_keep_their_tickers(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Which Energy companies reported negative revenue growth? Please give their names and"
        " growth rates.",
    )
    got = rows(seed_db, plan)
    assert got and all(len(r) == 3 for r in got)
    gold = (
        "SELECT stock_symbol, short_name, revenue_growth FROM companies"
        " WHERE sector = 'Energy' AND revenue_growth < 0"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_share_split_by_a_grouping_inside_its_condition_is_declined(engine, seed_db):
    # once 100 × healthcare's weight / the industry's weight: 100 % or 0 % per industry
    plan = session(
        engine, seed_db, "What % of SPX weight is healthcare", "break that out by industry"
    )
    assert not plan.tasks[0].sql and "100 % or 0 %" in plan.tasks[0].refusal


def test_a_share_split_by_a_grouping_across_its_condition_stays_answered(engine, seed_db):
    plan = session(engine, seed_db, "what % of companies have positive revenue growth", "by sector")
    gold = (
        "SELECT sector, 100.0 * SUM(CASE WHEN revenue_growth > 0 THEN 1 ELSE 0 END) / COUNT(*)"
        " FROM companies GROUP BY sector"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


PCT_2022 = (
    "SELECT a.stock_symbol, 100.0 * (b.close - a.close) / a.close AS pct FROM"
    " stock_price_history a JOIN stock_price_history b ON a.stock_symbol = b.stock_symbol"
    " WHERE a.record_date = (SELECT MIN(record_date) FROM stock_price_history x"
    " WHERE x.stock_symbol = a.stock_symbol AND record_date >= '2022-01-01')"
    " AND b.record_date = (SELECT MAX(record_date) FROM stock_price_history y"
    " WHERE y.stock_symbol = a.stock_symbol AND record_date < '2023-01-01')"
    " ORDER BY pct DESC LIMIT 5"
)


@pytest.mark.parametrize(
    "question",
    [
        "top 5 stocks by % price increase in 2022, first trading day close to last trading day"
        " close",
        "top 5 stocks by percent gain in 2022",
    ],
)
def test_a_percent_rise_ranks_by_the_percent_change(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, PCT_2022), plan.tasks[0].sql or plan.tasks[0].refusal


def test_a_change_shown_as_a_percent_after_its_ends_are_said(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "how much did aapl move in 2023? first close of the yr vs last close, as %",
    )
    assert "percent" in plan.tasks[0].sql and "AAPL" in plan.tasks[0].sql, plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which five companies have the largest market capitalization, and what is the market"
            " cap of each?",
            "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "Which US state is home to the largest number of S&P 500 headquarters, and how many"
            " companies are based there?",
            "SELECT state, COUNT(*) AS n FROM companies GROUP BY state ORDER BY n DESC LIMIT 1",
        ),
        (
            "Which industries are represented by more than ten companies in the S&P 500, and how"
            " many companies does each have?",
            "SELECT industry, COUNT(*) FROM companies GROUP BY industry HAVING COUNT(*) > 10",
        ),
        (
            "What were JPMorgan's average monthly closing prices in 2023, month by month?",
            "SELECT strftime('%Y-%m', record_date) AS m, AVG(close) FROM stock_price_history"
            " WHERE stock_symbol = 'JPM' AND record_date LIKE '2023%' GROUP BY m ORDER BY m",
        ),
        (
            "how many shares of AAPL changed hands on 2023-06-01",
            "SELECT volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = '2023-06-01'",
        ),
    ],
)
def test_a_clause_restating_what_is_shown_is_read_once(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_the_same_change_for_two_more_stocks_is_one_change_each(engine, seed_db):
    # once one row of MAX(close) over both stocks' first and last days
    plan = session(
        engine,
        seed_db,
        "how much did aapl move in 2023? first close of the yr vs last close, as %",
        "same for msft and nvda",
    )
    got = rows(seed_db, plan)
    assert sorted(r[0] for r in got) == ["MSFT", "NVDA"], plan.tasks[0].sql


def test_a_change_in_points_shows_its_percent_too(engine, seed_db):
    plan = ask(
        engine, seed_db, "how much did msft move in dec 2023? first vs last close of the month"
    )
    columns = list(seed_db.query(plan.tasks[0].sql, max_rows=1).columns)
    assert "change_in_close" in columns and "percent_change_in_close" in columns, columns


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which sectors have more than 50 companys in total?",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) > 50",
        ),
        (
            "which sector gets picked the most overall?",
            "SELECT c.sector, COUNT(*) AS n FROM user_selected_stocks u JOIN companies c"
            " ON c.stock_symbol = u.stock_symbol GROUP BY c.sector ORDER BY n DESC LIMIT 1",
        ),
        (
            "tech vs healthcare - total mkt cap each?",
            "SELECT sector, SUM(market_cap) FROM companies"
            " WHERE sector IN ('Technology', 'Healthcare') GROUP BY sector",
        ),
        (
            "whats the total market cap of the 10 biggest companies added up",
            "SELECT SUM(market_cap) FROM (SELECT market_cap FROM companies"
            " ORDER BY market_cap DESC LIMIT 10)",
        ),
    ],
)
def test_words_that_restate_the_question_change_nothing(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


@pytest.mark.parametrize("lead_in", ["ok forget NMS, ", "unrelated but "])
def test_more_new_topic_lead_ins(engine, seed_db, lead_in):
    plan = session(
        engine,
        seed_db,
        "how many companies are listed on NMS",
        lead_in + "which sectors have more than 50 companies",
    )
    gold = "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) > 50"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_of_those_which_one_ranks_the_rows_before(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Which companies are headquartered in Houston, Texas?",
        "Of those, which one has the largest market capitalization?",
    )
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE city = 'Houston' AND state = 'TX'"
        " ORDER BY market_cap DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_a_move_in_points_and_in_percent_is_one_answer(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "By how much did the S&P 500 index move between its first and its last trading day of"
        " 2023, both in points and in percent?",
    )
    columns = list(seed_db.query(plan.tasks[0].sql, max_rows=1).columns)
    assert "change_in_price" in columns and "percent_change_in_price" in columns, columns


def test_how_did_two_compare_on_a_measure(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "How did Apple and Microsoft compare on closing share price on the last trading day of"
        " 2022?",
    )
    gold = (
        "SELECT stock_symbol, close FROM stock_price_history WHERE record_date = '2022-12-30'"
        " AND stock_symbol IN ('AAPL', 'MSFT')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_which_of_them_also_have_a_second_value_is_declined(engine, seed_db):
    # once the users with NVDA or MSFT
    plan = session(engine, seed_db, "who picked NVDA", "which of them also have MSFT")
    assert not plan.tasks[0].sql and "both" in plan.tasks[0].refusal


def test_the_measure_that_ranked_a_day_stays_shown(engine, seed_db):
    plan = ask(engine, seed_db, "what day did apple have the most shares traded")
    gold = (
        "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " ORDER BY volume DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_company_name_stays_beside_a_weights_ticker(engine, seed_db):
    plan = ask(engine, seed_db, "which company has the biggest weight in the s&p 500 index")
    gold = (
        "SELECT c.stock_symbol, c.short_name, i.weight FROM index_compositions i JOIN companies c"
        " ON c.stock_symbol = i.stock_symbol ORDER BY i.weight DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "which companies have energy in there name",
        "companies whose name contains energy",
        "which companies have 'energy' in the name",
    ],
)
def test_a_word_in_the_name_is_a_text_pattern(engine, seed_db, question):
    # once the Energy sector
    plan = ask(engine, seed_db, question)
    gold = "SELECT stock_symbol, short_name FROM companies WHERE short_name LIKE '%energy%'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_and_another_table_after_a_count_is_counted(engine, seed_db):
    plan = session(engine, seed_db, "how many signups in dec", "ok and picks in dec?")
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks"
        " WHERE created_date >= '2023-12-01' AND created_date < '2024-01-01'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_last_days_of_a_price_series_are_its_trading_days(engine, seed_db):
    plan = ask(engine, seed_db, "show me amazons closing price for the last 5 days")
    gold = (
        "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " ORDER BY record_date DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "in the energy sector which industry has the most companies",
            "SELECT industry, COUNT(*) AS n FROM companies WHERE sector = 'Energy'"
            " GROUP BY industry ORDER BY n DESC LIMIT 1",
        ),
        (
            "semis ranked by mkt cap, biggest first",
            "SELECT stock_symbol, market_cap FROM companies WHERE industry = 'Semiconductors'"
            " ORDER BY market_cap DESC",
        ),
        (
            "how many users signed up in H1 2023",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'"
            " AND created_date < '2023-07-01'",
        ),
    ],
)
def test_words_said_in_another_order_or_shorthand(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_list_them_with_points_inside_the_question(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Healthcare companies with more than 50k full-time staff - list them with headcount",
    )
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE sector = 'Healthcare'"
        " AND full_time_employees > 50000"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_what_date_is_that_from_after_a_latest_value(engine, seed_db):
    plan = ask(engine, seed_db, "latest close and volume for NVDA, and what date is that from?")
    gold = (
        "SELECT record_date, close, volume FROM stock_price_history WHERE stock_symbol = 'NVDA'"
        " ORDER BY record_date DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal


def test_sorted_by_at_the_start_stays_an_edit(engine, seed_db):
    # 'ranked by …, biggest first' after a noun is read as a sort; 'sorted by …' said first
    # after a list stays an edit of that list
    plan = session(
        engine, seed_db, "List semiconductor companies", "sorted by revenue growth, highest first"
    )
    gold = (
        "SELECT stock_symbol, revenue_growth FROM companies WHERE industry = 'Semiconductors'"
        " ORDER BY revenue_growth DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
