"""Issue 12: wrong answers and declines from the twenty-fifth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session

_DECLINED = "how many stock picks were made within 24h of the user's own signup time?"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once every row of the index's history in date order: 'record' was a filler word
            "whats the all time record close for the S&P 500 index in the data, and what day "
            "was it",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " ORDER BY price DESC LIMIT 1",
        ),
        (
            "record volume for TSLA",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " ORDER BY volume DESC LIMIT 1",
        ),
        (
            "record low close for NVDA",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " ORDER BY close ASC LIMIT 1",
        ),
        (
            # once the days alone: the price each day was compared on is shown beside it
            "days spx closed above 5600",
            "SELECT record_date, price FROM index_price_history"
            " WHERE index_symbol = 'SP500' AND price > 5600",
        ),
        (
            # once declined: ', biggest first' was read as part of what ranks
            "rank the sectors by total market cap, biggest first",
            "SELECT sector, SUM(market_cap) FROM companies GROUP BY sector ORDER BY 2 DESC",
        ),
        (
            "rank the sectors by number of companies, smallest first",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY 2 ASC, 1 ASC",
        ),
        (
            # once declined: 'heaviest' was dropped with no 'top' to rank
            "10 heaviest SP500 constituents by weight, with their market cap",
            "SELECT ic.stock_symbol, ic.weight, c.market_cap FROM index_compositions ic"
            " JOIN companies c ON c.stock_symbol = ic.stock_symbol"
            " WHERE ic.index_symbol = 'SP500' ORDER BY ic.weight DESC LIMIT 10",
        ),
        (
            # once declined: 'company names' beside a count of picks per stock, '+ pick counts'
            "top 5 most picked stocks w/ company names + pick counts",
            "SELECT u.stock_symbol, c.short_name, COUNT(*) FROM user_selected_stocks u"
            " JOIN companies c ON c.stock_symbol = u.stock_symbol"
            " GROUP BY u.stock_symbol, c.short_name ORDER BY 3 DESC, 1 LIMIT 5",
        ),
        (
            "top 10 most-selected tickers in user_selected_stocks w/ the pick counts",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks"
            " GROUP BY stock_symbol ORDER BY 2 DESC, 1 LIMIT 10",
        ),
        (
            # once declined: the second sentence says the first again
            "how many users signed up per month? monthly counts from the users table pls",
            "SELECT strftime('%Y-%m', created_date), COUNT(*) FROM users GROUP BY 1",
        ),
        (
            # once declined: two periods named
            "amzn avg vol 22 vs 23",
            "SELECT strftime('%Y', record_date), AVG(volume) FROM stock_price_history"
            " WHERE stock_symbol = 'AMZN' AND record_date >= '2022-01-01'"
            " AND record_date < '2024-01-01' GROUP BY 1",
        ),
        (
            "how many users signed up in 2022 vs 2023",
            "SELECT strftime('%Y', created_date), COUNT(*) FROM users"
            " WHERE created_date >= '2022-01-01' AND created_date < '2024-01-01' GROUP BY 1",
        ),
        (
            # once declined: a share of rows only
            "wht % of the index is tech by weight",
            "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN ic.weight ELSE 0 END)"
            " / SUM(ic.weight) FROM index_compositions ic"
            " JOIN companies c ON c.stock_symbol = ic.stock_symbol",
        ),
    ],
)
def test_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_records_as_rows_still_counted(engine, seed_db):
    plan = ask(engine, seed_db, "how many records are in stock price history")
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM stock_price_history")


@pytest.mark.parametrize(
    "follow_up",
    [
        # once every pick listed: 'list those:' was set aside as a label
        "list those: user id, ticker, signup time and pick time",
        # once every company counted per sector
        "split that by sector",
    ],
)
def test_a_back_reference_to_a_declined_first_question_is_declined(engine, seed_db, follow_up):
    first = ask(engine, seed_db, _DECLINED)
    assert first.tasks[0].refusal  # the premise: the first question is one I cannot answer
    plan = session(engine, seed_db, _DECLINED, follow_up)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_list_those_after_an_answer_lists_its_rows(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 companies by market cap", "list those: ticker, name and sector"
    )
    assert len(rows(seed_db, plan)) == 5, plan.tasks[0].sql


def test_split_that_after_an_answer_still_regroups(engine, seed_db):
    plan = session(engine, seed_db, "how many companies are there", "split that by sector")
    assert same_rows(seed_db, plan, "SELECT sector, COUNT(*) FROM companies GROUP BY sector")


def test_two_sentences_asking_different_things_stay_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many users signed up per month? and which month had the most")
    assert not plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "users who signed up in 2022 and 2023",  # no aggregate: rows, not a year each
        "average volume of AMZN in 2021 vs 2023",  # not consecutive: 2022 is not asked
    ],
)
def test_two_years_without_an_aggregate_or_apart_are_not_one_row_a_year(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert "GROUP BY" not in (plan.tasks[0].sql or "").upper()


_BOTH = (
    "SELECT user_id FROM user_selected_stocks WHERE stock_symbol IN ('AAPL', 'MSFT')"
    " GROUP BY user_id HAVING COUNT(DISTINCT stock_symbol) = 2"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # once declined: 'both' read as a nested question
        ("which users have both aapl and msft", _BOTH),
        (
            "which users have both aapl & msft, with their signup date",
            "SELECT u.user_id, u.created_date FROM users u WHERE u.user_id IN (" + _BOTH + ")",
        ),
        # once the signup dates alone, without whose they are
        (
            "which users picked AAPL, with their signup date",
            "SELECT DISTINCT u.user_id, u.created_date FROM users u"
            " JOIN user_selected_stocks s ON s.user_id = u.user_id WHERE s.stock_symbol = 'AAPL'",
        ),
        ("list users with their signup date", "SELECT user_id, created_date FROM users"),
    ],
)
def test_rows_linked_to_every_value_named_and_rows_beside_their_columns(
    engine, seed_db, question, gold
):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_and_without_both_stays_declined(engine, seed_db):
    plan = ask(engine, seed_db, "users who picked AAPL and MSFT")
    assert not plan.tasks[0].sql and "any of them" in plan.tasks[0].refusal


_TOP10 = (
    "SELECT stock_symbol, short_name, market_cap FROM companies ORDER BY market_cap DESC LIMIT 10"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # each once declined on one word or sign
        (
            "need the top 10 S&P names by market cap for the open graphic - ticker, company "
            "name and mkt cap pls",
            _TOP10,
        ),
        (
            "which stocks got picked by 5+ different ppl in H2 2023?",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks WHERE created_date >="
            " '2023-07-01' AND created_date < '2024-01-01' GROUP BY stock_symbol"
            " HAVING COUNT(*) >= 5",
        ),
        (
            "msft 52w high",
            "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date >= '2022-12-31' ORDER BY high DESC LIMIT 1",
        ),
        (
            "AAPL vs MSFT head to head: where did each close on the last trading day of 2023?",
            "SELECT stock_symbol, close FROM stock_price_history WHERE stock_symbol IN"
            " ('AAPL', 'MSFT') AND record_date = '2023-12-29'",
        ),
    ],
)
def test_blind_wordings_answered(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_who_gained_more_of_two_named_is_the_one_that_did(engine, seed_db):
    # once declined: only 'which' opened the choice between two; MSFT +47 %, AAPL +23 %
    got = rows(seed_db, ask(engine, seed_db, "who gained more in 2023, AAPL or MSFT"))
    assert len(got) == 1 and "MSFT" in got[0]


def test_a_spaced_minus_between_two_columns_is_still_arithmetic(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL close - open on 2023-06-30")
    assert not plan.tasks[0].sql


def test_ids_plus_count_keeps_the_count(engine, seed_db):
    plan = ask(engine, seed_db, "which users have the most names on their watchlist? ids + count")
    assert "COUNT(" in plan.tasks[0].sql.split(" FROM ")[0].upper()


def test_a_count_of_both_answer_is_declined_not_counted_as_either(engine, seed_db):
    # the rows linked to both are not the 'or' question's rows; counting those was wrong
    plan = session(engine, seed_db, "users who follow both AAPL and MSFT", "how many is that")
    assert not plan.tasks[0].sql


def test_highest_ever_after_an_average_per_year_is_one_value_of_the_index(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "S&P 500 average index level in 2022 vs 2023",
        "and the highest it ever closed at?",
    )
    assert same_rows(
        seed_db, plan, "SELECT MAX(price) FROM index_price_history WHERE index_symbol = 'SP500'"
    ), plan.tasks[0].sql


def test_how_many_of_those_after_a_top_ten_is_one_count(engine, seed_db):
    # once a count per stock (each 1 or 0 rows): 'how many of those' counts the rows once
    plan = session(
        engine, seed_db, "top 10 most picked stocks", "how many of those 10 are Technology sector?"
    )
    got = rows(seed_db, plan)
    assert len(got) == 1 and len(got[0]) == 1, plan.tasks[0].sql


_FEWEST_MONTHS = (
    "SELECT strftime('%Y-%m', created_date), COUNT(*) FROM users GROUP BY 1 HAVING COUNT(*) ="
    " (SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM users GROUP BY strftime('%Y-%m', created_date)))"
)


def test_the_period_with_the_fewest_keeps_every_tied_period(engine, seed_db):
    # two months tie with 5 signups; LIMIT 1 once showed one of them as the answer
    assert len(seed_db.query(_FEWEST_MONTHS, max_rows=10).rows) == 2  # the premise
    plan = ask(engine, seed_db, "which month had the fewest signups")
    assert same_rows(seed_db, plan, _FEWEST_MONTHS), plan.tasks[0].sql
    plan = session(engine, seed_db, "which month had the most signups", "and the slowest?")
    assert same_rows(seed_db, plan, _FEWEST_MONTHS), plan.tasks[0].sql


def test_biggest_first_sorts_by_size_never_by_name(engine, seed_db):
    plan = ask(engine, seed_db, "list tech companies, biggest first")
    assert "ORDER BY market_cap DESC" in plan.tasks[0].sql
    plan = ask(engine, seed_db, "list tech companies with sector, biggest first")
    assert "short_name DESC" not in (plan.tasks[0].sql or "")
    assert "sector DESC" not in (plan.tasks[0].sql or "")


@pytest.mark.parametrize(
    "question,gold",
    [
        # each once declined on 'distinct', 'only' or the second sentence
        (
            "how many distinct users have selected at least 5 stocks?",
            "SELECT COUNT(*) FROM (SELECT user_id FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5)",
        ),
        (
            "For US-headquartered firms only, give me the number of companies per state",
            "SELECT state, COUNT(*) FROM companies WHERE country_code = 'US' GROUP BY state",
        ),
        (
            "Which industries have at least 10 firms? Give the firm count for each.",
            "SELECT industry, COUNT(*) FROM companies GROUP BY industry HAVING COUNT(*) >= 10",
        ),
    ],
)
def test_fillers_around_counted_groups(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "what are the biggest tech companies? just the top 5",
            "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Technology'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "52wk hi and lo on AAPL",
            "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date >= '2022-12-31'",
        ),
    ],
)
def test_the_number_said_after_and_a_range_of_weeks(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_any_rows_in_a_period_is_their_count(engine, seed_db):
    # once an empty list: 0 says no, with the data's range said beside it
    plan = ask(engine, seed_db, "any signups in 2024 so far?")
    assert same_rows(
        seed_db, plan, "SELECT COUNT(*) FROM users WHERE created_date >= '2024-01-01'"
    ), plan.tasks[0].sql
    assert any(a.get("concept") == "data range" for a in plan.tasks[0].assumptions)
    # without a period, 'any companies in Utah' stays a list of them
    plan = ask(engine, seed_db, "any companies in Utah")
    assert "COUNT(" not in plan.tasks[0].sql.upper()


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "where's SPX sitting right now? latest close",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " ORDER BY record_date DESC LIMIT 1",
        ),
        (
            "which ticker shows up on the most watchlists",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY 2 DESC LIMIT 1",
        ),
        (
            "break down user stock picks by sector",
            "SELECT c.sector, COUNT(*) FROM user_selected_stocks u"
            " JOIN companies c ON c.stock_symbol = u.stock_symbol GROUP BY c.sector",
        ),
    ],
)
def test_trader_and_marketer_wordings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_number_then_w_is_weeks_only_before_a_measure(engine, seed_db):
    # 'top 10 w mkt cap' is 'with': never ten weeks
    plan = ask(engine, seed_db, "top 10 w mkt cap")
    assert same_rows(seed_db, plan, _TOP10), plan.tasks[0].sql


def test_the_ten_after_a_count_of_some_of_them_is_declined(engine, seed_db):
    # once the average of the healthcare ones only: 'the 10' are the rows listed before
    plan = session(
        engine,
        seed_db,
        "top 10 by revenue growth",
        "how many of those are healthcare",
        "what's the average current price of the 10?",
    )
    assert not plan.tasks[0].sql
