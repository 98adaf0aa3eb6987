"""Issue 12: phrasings from the nineteenth session's blind development sets. 'which one of
those is the biggest?' after a count ranks the counted rows by their size measure; 'the most
valuable company in the stock market' is the most valuable company the data holds."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


@pytest.mark.parametrize(
    "followup",
    ["which one of those is the biggest?", "which of them is the largest", "show me the top 1"],
)
def test_size_word_after_a_count_ranks_the_counted_rows(engine, seed_db, followup):
    plan = session(engine, seed_db, "how many of the companies are from california?", followup)
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE state = 'CA'"
        " ORDER BY market_cap DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_size_word_beside_a_measure_keeps_the_measure(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many of the companies are from california?",
        "which of those has the most employees",
    )
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE state = 'CA'"
        " ORDER BY full_time_employees DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "what's the most valuable company in the stock market?",
        "most valuable company on the whole market",
    ],
)
def test_the_market_is_every_company_held(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC LIMIT 1"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_market_and_its_market_cap_in_one_question(engine, seed_db):
    plan = ask(engine, seed_db, "top 5 stocks in the market by market cap")
    gold = "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many users have 5+ picks?",
            "SELECT COUNT(*) FROM (SELECT user_id FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5)",
        ),
        (
            "companies with 50k+ employees",
            "SELECT stock_symbol FROM companies WHERE full_time_employees >= 50000",
        ),
        (
            "how many companies have 100,000+ employees",
            "SELECT COUNT(*) FROM companies WHERE full_time_employees >= 100000",
        ),
    ],
)
def test_a_number_with_a_plus_is_at_least_that(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_trading_days_per_year_then_per_month(engine, seed_db):
    first = "trading days per year in stock_price_history"
    per_year = ask(engine, seed_db, first)
    gold = (
        "SELECT strftime('%Y', record_date), COUNT(DISTINCT record_date)"
        " FROM stock_price_history GROUP BY 1"
    )
    assert same_rows(seed_db, per_year, gold), per_year.tasks[0].sql
    plan = session(engine, seed_db, first, "and per month for 2023")
    gold = (
        "SELECT strftime('%Y-%m', record_date), COUNT(DISTINCT record_date) FROM"
        " stock_price_history WHERE record_date BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_total_per_year_then_per_month(engine, seed_db):
    plan = session(engine, seed_db, "total volume of AAPL per year", "per month")
    gold = (
        "SELECT strftime('%Y-%m', record_date), SUM(volume) FROM stock_price_history"
        " WHERE stock_symbol = 'AAPL' GROUP BY 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_rows_a_symbol_has_in_a_named_table(engine, seed_db):
    plan = ask(engine, seed_db, "how many rows does MSFT have in stock_price_history")
    gold = "SELECT COUNT(*) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_tickers_with_a_column_show_it(engine, seed_db):
    plan = ask(engine, seed_db, "list semis tickers w mkt cap")
    gold = "SELECT stock_symbol, market_cap FROM companies WHERE industry = 'Semiconductors'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_names_asked_under_a_condition_stay_the_names_alone(engine, seed_db):
    plan = ask(engine, seed_db, "names of companies with more than 200000 employees")
    assert "full_time_employees" not in plan.tasks[0].sql.split("FROM")[0]


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which state has the most hqs",
            "SELECT state, COUNT(*) FROM companies GROUP BY state ORDER BY 2 DESC LIMIT 1",
        ),
        (
            "how many s&p names are on nobody's watchlist",
            "SELECT COUNT(*) FROM companies c WHERE NOT EXISTS (SELECT 1 FROM"
            " user_selected_stocks s WHERE s.stock_symbol = c.stock_symbol)",
        ),
        (
            "how many users have nothing on their watchlist",
            "SELECT COUNT(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_selected_stocks s"
            " WHERE s.user_id = u.user_id)",
        ),
        (
            "how many users have an empty watchlist",
            "SELECT COUNT(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM user_selected_stocks s"
            " WHERE s.user_id = u.user_id)",
        ),
        (
            "amd high / low for 2023",
            "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'AMD'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
    ],
)
def test_everyday_wordings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_peak_month_of_monthly_averages(engine, seed_db):
    plan = session(engine, seed_db, "aapl avg close by month 2023", "which month was the peak")
    gold = (
        "SELECT strftime('%Y-%m', record_date) AS m, AVG(close) AS a FROM stock_price_history"
        " WHERE stock_symbol = 'AAPL' AND record_date BETWEEN '2023-01-01' AND '2023-12-31'"
        " GROUP BY m ORDER BY a DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_total_of_top_rows_of_a_table_with_a_two_column_key(engine, seed_db):
    plan = session(engine, seed_db, "top 10 weights in the s&p", "combined weight of those 10")
    gold = (
        "SELECT SUM(weight) FROM (SELECT weight FROM index_compositions WHERE index_symbol ="
        " 'SP500' ORDER BY weight DESC LIMIT 10)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    ["list all the sectors in the index", "which industries are in the s&p 500"],
)
def test_labels_of_an_index_are_its_members_labels(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    column = "sector" if "sectors" in question else "industry"
    gold = (
        f"SELECT DISTINCT c.{column} FROM companies c JOIN index_compositions ic"
        " ON ic.stock_symbol = c.stock_symbol"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_far_attribute_of_one_index_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "the long name of the index")
    assert plan.tasks[0].refusal


def test_employ_the_most_people(engine, seed_db):
    plan = ask(engine, seed_db, "Which 5 tech companies employ the most people?")
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE sector = 'Technology'"
        " ORDER BY full_time_employees DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_group_after_rows_of_one_group_is_a_new_question(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Which 5 tech companies have the most employees?",
        "which sector has the most employees",
    )
    gold = (
        "SELECT sector, SUM(full_time_employees) AS t FROM companies GROUP BY sector"
        " ORDER BY t DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_group_after_rows_of_many_groups_is_not_answered_over_everything(engine, seed_db):
    plan = session(engine, seed_db, "companies in Texas", "which sector has the most employees")
    task = plan.tasks[0]
    assert task.refusal or "TX" in task.sql, task.sql


def test_top_stocks_picked_that_month(engine, seed_db):
    plan = session(
        engine, seed_db, "which month had the most picks overall", "top 3 stocks picked that month?"
    )
    gold = (
        "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks WHERE created_date >="
        " '2023-02-01' AND created_date < '2023-03-01' GROUP BY stock_symbol ORDER BY n DESC"
        " LIMIT 3"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_picks_they_have_made(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "of the users who signed up in jan 2023, how many have made at least one pick?",
        "how many picks have they made in total",
    )
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks s JOIN users u ON u.user_id = s.user_id"
        " WHERE u.created_date >= '2023-01-01' AND u.created_date < '2023-02-01'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "turns",
    [
        ("how many signed up in july?",),
        ("how many users have signed up so far?", "how many of those signed up in july?"),
    ],
)
def test_how_many_signed_up_counts_people_not_dates(engine, seed_db, turns):
    plan = session(engine, seed_db, *turns)
    gold = (
        "SELECT COUNT(*) FROM users WHERE created_date >= '2023-07-01'"
        " AND created_date < '2023-08-01'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_how_many_dates_still_counts_dates(engine, seed_db):
    plan = ask(engine, seed_db, "how many distinct signup dates")
    gold = "SELECT COUNT(DISTINCT created_date) FROM users"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_column_said_null_after_it(engine, seed_db):
    plan = ask(engine, seed_db, "how many companies have ebitda null")
    gold = "SELECT COUNT(*) FROM companies WHERE ebitda IS NULL"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_ticker_has_the_highest_close_ever_is_the_one_record(engine, seed_db):
    plan = ask(engine, seed_db, "which ticker has the highest close ever and on what date")
    gold = (
        "SELECT stock_symbol, record_date, close FROM stock_price_history"
        " ORDER BY close DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_ticker_has_the_highest_close_without_ever_stays_declined(engine, seed_db):
    plan = ask(engine, seed_db, "which ticker has the highest close")
    assert plan.tasks[0].refusal


def test_an_index_total_of_an_additive_column_is_its_members_total(engine, seed_db):
    plan = ask(engine, seed_db, "what is the S&P 500's total market cap")
    gold = (
        "SELECT SUM(c.market_cap) FROM companies c JOIN index_compositions ic"
        " ON ic.stock_symbol = c.stock_symbol WHERE ic.index_symbol = 'SP500'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_an_index_price_like_column_stays_declined(engine, seed_db):
    plan = ask(engine, seed_db, "what is the S&P 500's total current price")
    assert plan.tasks[0].refusal


def test_the_largest_of_them_after_a_count_is_one_row(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many S&P stocks has nobody picked?",
        "of those how many are tech",
        "and the largest of them?",
    )
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Technology' AND"
        " stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)"
        " ORDER BY market_cap DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_top_rows_sorted_by_date_are_in_time_order(engine, seed_db):
    plan = session(engine, seed_db, "top 5 vol days aapl 2023", "sort those by date")
    gold = (
        "SELECT record_date, volume FROM (SELECT record_date, volume FROM stock_price_history"
        " WHERE stock_symbol = 'AAPL' AND record_date BETWEEN '2023-01-01' AND '2023-12-31'"
        " ORDER BY volume DESC LIMIT 5) ORDER BY record_date"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_plus_between_words_is_not_at_least(engine, seed_db):
    plan = ask(engine, seed_db, "XOM lowest lo of 2022 + date")
    gold = (
        "SELECT record_date, low FROM stock_price_history WHERE stock_symbol = 'XOM' AND"
        " record_date BETWEEN '2022-01-01' AND '2022-12-31' ORDER BY low ASC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_sector_with_most_of_the_top_weights(engine, seed_db):
    """Once declined ('those' of a table keyed by index and stock); the bare fragment after
    it stays declined (it reads as a change the counted question cannot take)."""
    first = "top 10 stocks by weight in the S&P 500"
    plan = session(engine, seed_db, first, "which sector has the most of those")
    top = (
        "SELECT stock_symbol FROM index_compositions WHERE index_symbol = 'SP500'"
        " ORDER BY weight DESC LIMIT 10"
    )
    gold = (
        f"SELECT sector, COUNT(*) AS n FROM companies WHERE stock_symbol IN ({top})"
        " GROUP BY sector ORDER BY n DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    plan = session(
        engine, seed_db, first, "which sector has the most of those", "how many in energy?"
    )
    assert plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question",
    [
        "Where is Alphabet headquartered and how many full-time employees does it have?",
        "Alphabet headquarters and full-time employees",
    ],
)
def test_headquarters_asked_for_is_the_place(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = "SELECT city, state, full_time_employees FROM companies WHERE stock_symbol = 'GOOGL'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_headquartered_in_stays_a_condition(engine, seed_db):
    plan = ask(engine, seed_db, "companies with hq in california and more than 100k employees")
    gold = "SELECT stock_symbol FROM companies WHERE state = 'CA' AND full_time_employees > 100000"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_most_watchlisted_tickers_then_the_total(engine, seed_db):
    plan = ask(engine, seed_db, "most watchlisted tickers, top 5")
    gold = (
        "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
        " ORDER BY n DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    plan = session(
        engine,
        seed_db,
        "how many users have nothing on their watchlist",
        "out of how many users total",
    )
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM users"), plan.tasks[0].sql


def test_added_after_a_date_is_the_picks_date_not_the_signup(engine, seed_db):
    """'added' names the picks' created_date; the users' own created_date only shares its
    name (this once filtered on the signup date)."""
    plan = ask(engine, seed_db, "which users added MSFT on or after oct 1")
    gold = (
        "SELECT DISTINCT user_id FROM user_selected_stocks WHERE stock_symbol = 'MSFT'"
        " AND created_date >= '2023-10-01'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    plan = session(
        engine,
        seed_db,
        "how many users have MSFT in their picks?",
        "which of them added it on or after oct 1?",
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_list_them_after_a_share_never_lists_every_row(engine, seed_db):
    plan = session(
        engine, seed_db, "what percentage of companies are based outside the US?", "list them"
    )
    task = plan.tasks[0]
    assert task.refusal or "US" in task.sql, task.sql


@pytest.mark.parametrize(
    "followup", ["what % of all users is that", "what percentage of users is that"]
)
def test_a_count_as_a_share_of_all_rows(engine, seed_db, followup):
    plan = session(
        engine, seed_db, "how many users signed up but never picked a single stock?", followup
    )
    gold = (
        "SELECT 100.0 * (SELECT COUNT(*) FROM users WHERE user_id NOT IN (SELECT user_id FROM"
        " user_selected_stocks)) / (SELECT COUNT(*) FROM users)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_count_as_a_share_of_another_table_is_not_answered_as_that_table(engine, seed_db):
    plan = session(
        engine, seed_db, "how many users have no picks", "what % of all companies is that"
    )
    assert plan.tasks[0].refusal


def test_which_groups_are_those_in_and_how_many_in_each(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many S&P 500 companies are headquartered outside the US?",
        "which countries are those in, and how many in each?",
    )
    gold = "SELECT country, COUNT(*) FROM companies WHERE country_code <> 'US' GROUP BY country"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_break_down_a_sector_by_industry_how_many_in_each(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Break down the Technology sector by industry - how many companies in each?",
    )
    gold = "SELECT industry, COUNT(*) FROM companies WHERE sector = 'Technology' GROUP BY industry"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "companies in the same industry as nvidia",
            "SELECT stock_symbol FROM companies WHERE industry = (SELECT industry FROM companies"
            " WHERE stock_symbol = 'NVDA')",
        ),
        (
            "what other companies are in the same industry as nvidia",
            "SELECT stock_symbol FROM companies WHERE industry = (SELECT industry FROM companies"
            " WHERE stock_symbol = 'NVDA') AND stock_symbol <> 'NVDA'",
        ),
        (
            "how many other companies are in the same state as Apple",
            "SELECT COUNT(*) FROM companies WHERE state = 'CA' AND stock_symbol <> 'AAPL'",
        ),
    ],
)
def test_the_same_value_as_a_named_row(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    said = " ".join(a.get("explanation", "") for a in plan.tasks[0].assumptions)
    assert "the same" in said, plan.tasks[0].assumptions


def test_the_same_value_as_a_row_that_is_not_there_is_declined(engine, seed_db):
    plan = ask(engine, seed_db, "companies in the same industry as Zorblax Widgets")
    assert plan.tasks[0].refusal and not plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,followup,gold",
    [
        (
            "what industry is nvidia in",
            "which other companies are in that industry",
            "SELECT stock_symbol FROM companies WHERE industry = 'Semiconductors'"
            " AND stock_symbol <> 'NVDA'",
        ),
        (
            "what sector is apple in",
            "how many other companies are in the same sector?",
            "SELECT COUNT(*) FROM companies WHERE sector = 'Technology' AND stock_symbol <> 'AAPL'",
        ),
    ],
)
def test_other_rows_sharing_the_named_rows_value(engine, seed_db, first, followup, gold):
    plan = session(engine, seed_db, first, followup)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "followup",
    [
        "which sectors are they in mostly",
        "mostly which sector?",
        "which sectors are those in, mostly",
    ],
)
def test_mostly_which_group(engine, seed_db, followup):
    plan = session(engine, seed_db, "companies with more than 100k employees", followup)
    gold = (
        "SELECT sector, COUNT(*) AS n FROM companies WHERE full_time_employees > 100000"
        " GROUP BY sector ORDER BY n DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_not_on_anyones_watchlist(engine, seed_db):
    plan = ask(engine, seed_db, "how many companies are not on anyone's watchlist?")
    gold = (
        "SELECT COUNT(*) FROM companies WHERE stock_symbol NOT IN (SELECT stock_symbol FROM"
        " user_selected_stocks)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_other_companies_in_visas_industry_then_list_them(engine, seed_db):
    turns = ("what industry is Visa in", "how many other companies are in that industry")
    plan = session(engine, seed_db, *turns)
    gold = (
        "SELECT COUNT(*) FROM companies WHERE industry = (SELECT industry FROM companies"
        " WHERE stock_symbol = 'V') AND stock_symbol <> 'V'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,followup,gold",
    [
        (
            "average revenue growth of tech companies",
            "how does that compare to healthcare",
            "SELECT sector, AVG(revenue_growth) FROM companies WHERE sector IN ('Technology',"
            " 'Healthcare') GROUP BY sector",
        ),
        (
            "what's intel's market cap",
            "compare that with amd",
            "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN ('INTC', 'AMD')",
        ),
        (
            "what was apple's close on 2023-12-29",
            "how does that compare with microsoft?",
            "SELECT stock_symbol, close FROM stock_price_history WHERE record_date = '2023-12-29'"
            " AND stock_symbol IN ('AAPL', 'MSFT')",
        ),
    ],
)
def test_how_does_that_compare_sets_both_side_by_side(engine, seed_db, first, followup, gold):
    plan = session(engine, seed_db, first, followup)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_comparison_that_cannot_keep_both_is_declined(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 companies by market cap", "how does that compare to healthcare"
    )
    assert plan.tasks[0].refusal and not plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,followup,gold",
    [
        (
            "how many companies per sector",
            "Only the sectors with more than 50 companies, please.",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) > 50",
        ),
        (
            "companies per industry in the tech sector",
            "only industries with more than 5 of them",
            "SELECT industry, COUNT(*) FROM companies WHERE sector = 'Technology'"
            " GROUP BY industry HAVING COUNT(*) > 5",
        ),
        (
            "average current price per sector",
            "only sectors where that's over $150",
            "SELECT sector, AVG(current_price) FROM companies GROUP BY sector"
            " HAVING AVG(current_price) > 150",
        ),
        (
            "how many tech companies",
            "how bout financials",
            "SELECT COUNT(*) FROM companies WHERE sector = 'Financial Services'",
        ),
        (
            "AAPL close on 2023-12-29",
            "how about its volume",
            "SELECT volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = '2023-12-29'",
        ),
    ],
)
def test_follow_up_wordings(engine, seed_db, first, followup, gold):
    plan = session(engine, seed_db, first, followup)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    ["BRK-B close on 2023-12-29", "brk-b close on 2023-12-29", "BRK.B close on 2023-12-29"],
)
def test_a_ticker_with_a_class_letter(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'BRK-B'"
        " AND record_date = '2023-12-29'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_hyphenated_words_stay_words(engine, seed_db):
    plan = ask(engine, seed_db, "how many non-US companies")
    gold = "SELECT COUNT(*) FROM companies WHERE country_code <> 'US'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_same_check_for_a_class_ticker(engine, seed_db):
    plan = session(
        engine, seed_db, "aapl avg volume in march 2023", "Same check for BRK-B, please."
    )
    gold = (
        "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'BRK-B'"
        " AND record_date BETWEEN '2023-03-01' AND '2023-03-31'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_over_the_same_period_keeps_the_period(engine, seed_db):
    plan = session(
        engine, seed_db, "aapl avg volume in march 2023", "avg daily vol over the same period?"
    )
    gold = (
        "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " AND record_date BETWEEN '2023-03-01' AND '2023-03-31'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize("followup", ["what about msft close", "and msft's close?"])
def test_another_stocks_close_that_day_keeps_the_day(engine, seed_db, followup):
    plan = session(engine, seed_db, "NVDA close on 2023-12-29", followup)
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'MSFT'"
        " AND record_date = '2023-12-29'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_bare_value_and_column_after_it_asks_anew(engine, seed_db):
    plan = session(engine, seed_db, "NVDA close on 2023-12-29", "msft close")
    assert "2023-12-29" not in (plan.tasks[0].sql or ""), plan.tasks[0].sql


_QUARTER_OF_SIGNUP = "CASE WHEN MONTH(created_date) <= 3 THEN 1 WHEN MONTH(created_date) <= 6 THEN 2 WHEN MONTH(created_date) <= 9 THEN 3 ELSE 4 END"
_QUARTER_OF_DAY = "CASE WHEN MONTH(record_date) <= 3 THEN 1 WHEN MONTH(record_date) <= 6 THEN 2 WHEN MONTH(record_date) <= 9 THEN 3 ELSE 4 END"
_YEAR_QUARTER_OF_SIGNUP = f"CONCAT(YEAR(created_date), '-Q', {_QUARTER_OF_SIGNUP})"


@pytest.mark.parametrize(
    "question,gold",
    [
        (  # within one year too: '2023-Q1', as a month is '2023-07' (twenty-first session)
            "signups per qtr in 2023",
            f"SELECT {_YEAR_QUARTER_OF_SIGNUP}, COUNT(*) FROM users WHERE YEAR(created_date) ="
            " 2023 GROUP BY 1",
        ),
        (
            "quarterly total volume of AAPL in 2023",
            f"SELECT CONCAT(YEAR(record_date), '-Q', {_QUARTER_OF_DAY}), SUM(volume) FROM"
            " stock_price_history WHERE stock_symbol = 'AAPL' AND YEAR(record_date) = 2023"
            " GROUP BY 1",
        ),
        (  # over all years: the year beside it
            "which quarter had the most signups",
            f"SELECT {_YEAR_QUARTER_OF_SIGNUP} AS q, COUNT(*) AS n FROM users GROUP BY q"
            " ORDER BY n DESC LIMIT 1",
        ),
    ],
)
def test_a_calendar_quarter_groups_dates(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "which did better in 2023, google or amazon?",
        "which stock fared better in 2023, google or amazon",
    ],
)
def test_did_better_is_the_bigger_gain(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    rows_seen = seed_db.query(plan.tasks[0].sql, max_rows=10).rows
    assert [r[0] for r in rows_seen] == ["AMZN"], plan.tasks[0].sql


def test_a_new_question_about_another_row_after_a_total_is_its_own(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 10 stocks by index weight",
        "combined weight of those?",
        "what's berkshire's weight",
    )
    gold = "SELECT stock_symbol, weight FROM index_compositions WHERE stock_symbol = 'BRK-B'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_misspelt_quarter_stays_a_period(engine, seed_db):
    plan = ask(engine, seed_db, "average closing price of JPM in the last quater of 2022")
    gold = (
        "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'JPM'"
        " AND record_date BETWEEN '2022-10-01' AND '2022-12-31'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "show me microsofts closing prices for the first week of 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-01-07'",
        ),
        (
            "which users signed up in the first week of october?",
            "SELECT user_id FROM users WHERE created_date >= '2023-10-01'"
            " AND created_date < '2023-10-08'",
        ),
        (
            "AAPL closes in the last week of 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date BETWEEN '2023-12-25' AND '2023-12-31'",
        ),
    ],
)
def test_the_first_or_last_week_of_a_period(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_them_after_users_per_month_are_never_companies(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many users signed up in 2023?",
        "by month pls",
        "which of them are from California?",
    )
    assert plan.tasks[0].refusal and not plan.tasks[0].sql


def test_a_weighted_share_over_one_index_members(engine, seed_db):
    """Once declined for fan-out across the index join, though one index was fixed (each
    company counted once)."""
    plan = ask(
        engine, seed_db, "what % of the S&P 500's total market cap is the Technology sector?"
    )
    gold = (
        "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN c.market_cap ELSE 0 END)"
        " / SUM(c.market_cap) FROM companies c JOIN index_compositions ic"
        " ON ic.stock_symbol = c.stock_symbol WHERE ic.index_symbol = 'SP500'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
