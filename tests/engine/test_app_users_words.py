"""How people ask about the app's users and their picks, and terse shorthand: 'who picked
the most stocks', 'what did user 13 pick', 'got picked', 'users w more than 7 picks', 'list
em', 'pct of cos on nasdaq'; and what is still declined ('also picked', 'who was the first
user to sign up')."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


def _answers(engine, seed_db, question, gold):
    """Answered (not declined), with the gold's rows."""
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "who picked the most stocks?",
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) ="
            " (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM user_selected_stocks"
            " GROUP BY user_id) t)",
        ),
        (
            "what did user 13 pick?",
            "SELECT stock_symbol FROM user_selected_stocks WHERE user_id = 13",
        ),
        (
            "how many people picked NVDA?",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE stock_symbol = 'NVDA'",
        ),
        (
            "how many different stocks have been picked at least once?",
            "SELECT COUNT(DISTINCT stock_symbol) FROM user_selected_stocks",
        ),
        (
            "list the users who signed up but never picked a single stock",
            "SELECT user_id FROM users WHERE user_id NOT IN"
            " (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "how many stock picks happened in Q2 2023",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date >= '2023-04-01'"
            " AND created_date < '2023-07-01'",
        ),
        (
            "break down user picks by sector",
            "SELECT c.sector, COUNT(*) FROM user_selected_stocks u JOIN companies c"
            " ON c.stock_symbol = u.stock_symbol GROUP BY c.sector",
        ),
        (
            "users w more than 7 stocks picked",
            "SELECT user_id FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) > 7",
        ),
        ("how many tech cos we got", "SELECT COUNT(*) FROM companies WHERE sector = 'Technology'"),
        (
            "pct of cos on nasdaq",
            "SELECT 100.0 * SUM(exchange_symbol = 'NMS') / COUNT(*) FROM companies",
        ),
        (
            "highest priced stock rn",
            "SELECT stock_symbol FROM companies ORDER BY current_price DESC LIMIT 1",
        ),
        (
            "which sector is worth the most in total market cap",
            "SELECT sector FROM companies GROUP BY sector ORDER BY SUM(market_cap) DESC LIMIT 1",
        ),
        (
            "different thing - top 5 stocks by weight in the S&P 500, heaviest first",
            "SELECT stock_symbol, weight FROM index_compositions WHERE index_symbol = 'SP500'"
            " ORDER BY weight DESC LIMIT 5",
        ),
    ],
)
def test_answered(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "questions",
    [
        ("which users picked JPM", "which of those JPM users also picked apple"),
    ],
)
def test_still_declined(engine, seed_db, questions):
    plan = session(engine, seed_db, *questions)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,order",
    [
        ("who was the very first user to sign up", "ASC"),
        ("which user signed up most recently", "DESC"),
        ("which user has the earliest signup date", "ASC"),
    ],
)
def test_the_first_or_last_user_is_a_row_with_its_date(engine, seed_db, question, order):
    """Once answered with the date alone ('who' asks for the user), then declined."""
    _answers(
        engine,
        seed_db,
        question,
        f"SELECT user_id, created_date FROM users ORDER BY created_date {order} LIMIT 1",
    )


def test_which_of_them_signed_up_most_recently(engine, seed_db):
    plan = session(
        engine, seed_db, "how many users have no picks at all", "which one signed up most recently"
    )
    gold = (
        "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM"
        " user_selected_stocks) ORDER BY created_date DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_what_they_picked_is_shown_beside_each_user(engine, seed_db):
    plan = session(engine, seed_db, "users who signed up in march 2023", "what did they pick?")
    gold = (
        "SELECT user_id, stock_symbol FROM user_selected_stocks WHERE user_id IN"
        " (SELECT user_id FROM users WHERE created_date >= '2023-03-01'"
        " AND created_date < '2023-04-01')"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "list users who only picked one stock", "which stocks did they pick?"
    )
    gold = (
        "SELECT user_id, stock_symbol FROM user_selected_stocks WHERE user_id IN"
        " (SELECT user_id FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) = 1)"
    )
    assert same_rows(seed_db, plan, gold)


def test_the_biggest_one_by_a_named_column_after_a_list(engine, seed_db):
    plan = session(
        engine, seed_db, "how many stocks did user 25 pick", "list em", "biggest one by mkt cap"
    )
    gold = (
        "SELECT c.stock_symbol FROM companies c JOIN user_selected_stocks u"
        " ON u.stock_symbol = c.stock_symbol WHERE u.user_id = 25"
        " ORDER BY c.market_cap DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "index high in 2022",
            "SELECT MAX(price) FROM index_price_history WHERE record_date BETWEEN '2022-01-01'"
            " AND '2022-12-31'",
        ),
        (
            "S&P 500 low point in 2022?",
            "SELECT MIN(price) FROM index_price_history WHERE record_date BETWEEN '2022-01-01'"
            " AND '2022-12-31'",
        ),
    ],
)
def test_the_index_high_is_its_own_level_not_its_stocks_highs(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which stocks are most popular with users? top 5",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY COUNT(*) DESC, stock_symbol LIMIT 5",
        ),
        (
            "which stock have users selected the most?",
            "SELECT stock_symbol FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY COUNT(*) DESC LIMIT 1",
        ),
        (
            "latest value of the S&P 500 index",
            "SELECT price FROM index_price_history ORDER BY record_date DESC LIMIT 1",
        ),
        (
            "On which day did the S&P 500 close highest in 2022?",
            "SELECT record_date FROM index_price_history WHERE record_date BETWEEN"
            " '2022-01-01' AND '2022-12-31' ORDER BY price DESC LIMIT 1",
        ),
        (
            "on which day did AMZN close the highest?",
            "SELECT record_date FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " ORDER BY close DESC LIMIT 1",
        ),
    ],
)
def test_popular_picks_index_values_and_days_of_the_highest_close(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "users that never picked anything",
            "SELECT user_id FROM users WHERE user_id NOT IN"
            " (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "show me users who picked 8 stocks or more",
            "SELECT user_id FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) >= 8",
        ),
        (
            "Which states have only a single company?",
            "SELECT state FROM companies GROUP BY state HAVING COUNT(*) = 1",
        ),
        (
            "which cities have more than 15 companies HQ'd there?",
            "SELECT city FROM companies GROUP BY city HAVING COUNT(*) > 15",
        ),
    ],
)
def test_counts_said_in_everyday_words(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


def test_watchlist_adds_and_picks_in_a_month_count_the_picks(engine, seed_db):
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date >= '{}'"
        " AND created_date < '{}'"
    )
    plan = ask(engine, seed_db, "how many stocks did users add to their watchlists in may 2023?")
    assert same_rows(seed_db, plan, gold.format("2023-05-01", "2023-06-01"))
    plan = session(
        engine, seed_db, "how many stocks did users pick in december 2023", "and in november"
    )
    assert same_rows(seed_db, plan, gold.format("2023-11-01", "2023-12-01"))


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which stocks were picked by more than 10 users?",
            "SELECT stock_symbol FROM user_selected_stocks GROUP BY stock_symbol"
            " HAVING COUNT(*) > 10",
        ),
        (
            "Which companies has no user ever added to a watchlist?",
            "SELECT stock_symbol FROM companies WHERE stock_symbol NOT IN"
            " (SELECT stock_symbol FROM user_selected_stocks)",
        ),
    ],
)
def test_watchlist_words(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "monthly avg of sp500 index in 2023",
            "SELECT strftime('%Y-%m', record_date), AVG(price) FROM index_price_history"
            " WHERE record_date BETWEEN '2023-01-01' AND '2023-12-31'"
            " GROUP BY strftime('%Y-%m', record_date)",
        ),
        (
            "Which month of 2022 had the highest average level for the S&P 500 index?",
            "SELECT strftime('%Y-%m', record_date) FROM index_price_history"
            " WHERE record_date BETWEEN '2022-01-01' AND '2022-12-31'"
            " GROUP BY strftime('%Y-%m', record_date) ORDER BY AVG(price) DESC LIMIT 1",
        ),
        (
            "S&P 500 average index price per yr",
            "SELECT strftime('%Y', record_date), AVG(price) FROM index_price_history"
            " GROUP BY strftime('%Y', record_date)",
        ),
    ],
)
def test_the_index_average_by_period(engine, seed_db, question, gold):
    _answers(engine, seed_db, question, gold)


def test_groups_of_a_period_outside_the_data_say_the_range(engine, seed_db):
    """No groups at all: an empty table that says the data's range (as a list does); one
    average over no rows is still declined, being no number at all."""
    plan = session(
        engine,
        seed_db,
        "monthly average of the S&P 500 index in the last quarter of 2022",
        "what about Q1 2024",
    )
    task = plan.tasks[0]
    assert task.sql and "The data covers" in task.description, task.refusal
    assert not seed_db.query(task.sql).rows
    single = session(engine, seed_db, "average close of the S&P 500 in Q1 2024")
    assert not single.tasks[0].sql and "The data covers" in single.tasks[0].refusal


def test_picks_with_the_sector_for_each_then_per_sector(engine, seed_db):
    plan = session(engine, seed_db, "show me user 14's picks with the sector for each")
    gold = (
        "SELECT s.stock_symbol, c.sector FROM user_selected_stocks s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE s.user_id = 14"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "show me user 14's picks with the sector for each", "how many per sector"
    )
    gold = (
        "SELECT c.sector, COUNT(*) FROM user_selected_stocks s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE s.user_id = 14 GROUP BY c.sector"
    )
    assert same_rows(seed_db, plan, gold)


def test_who_signed_up_most_recently_is_a_question_of_its_own(engine, seed_db):
    """After a count of tech pickers it was read as an edit of that count (the tech
    condition then leaked into 'what did they pick')."""
    plan = session(
        engine,
        seed_db,
        "how many different users picked at least one tech stock",
        "who signed up most recently?",
        "what did they pick",
    )
    gold = (
        "SELECT stock_symbol FROM user_selected_stocks WHERE user_id ="
        " (SELECT user_id FROM users ORDER BY created_date DESC LIMIT 1)"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question",
    [
        "Which Energy names has nobody put on a watchlist yet?",
        "which energy stocks were never picked by anyone",
    ],
)
def test_stocks_nobody_picked(engine, seed_db, question):
    _answers(
        engine,
        seed_db,
        question,
        "SELECT stock_symbol FROM companies WHERE sector = 'Energy' AND stock_symbol NOT IN"
        " (SELECT stock_symbol FROM user_selected_stocks)",
    )


@pytest.mark.parametrize(
    "question",
    [
        "which users picked both apple and microsoft",
        "who picked both apple and microsoft",
        "Which users picked both Apple and Microsoft?",
    ],
)
def test_users_who_picked_both(engine, seed_db, question):
    _answers(
        engine,
        seed_db,
        question,
        "SELECT user_id FROM user_selected_stocks WHERE stock_symbol = 'AAPL' INTERSECT"
        " SELECT user_id FROM user_selected_stocks WHERE stock_symbol = 'MSFT'",
    )


def test_stocks_added_to_watchlists_that_month_are_the_picks_made(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "new user signups per month in 2023",
        "which month had the most",
        "how many stocks got added to watchlists that month",
    )
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date >= '2023-07-01'"
        " AND created_date < '2023-08-01'"
    )
    assert same_rows(seed_db, plan, gold)


def test_did_anyone_pick_a_stock_is_how_many_users_did(engine, seed_db):
    for question in ("did anyone pick netflix?", "has anybody picked nvidia"):
        plan = session(engine, seed_db, question)
        symbol = "NFLX" if "netflix" in question else "NVDA"
        gold = (
            "SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks"
            f" WHERE stock_symbol = '{symbol}'"
        )
        assert same_rows(seed_db, plan, gold), question
