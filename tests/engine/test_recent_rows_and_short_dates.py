"""'AAPL's last 5 closes', 'the last 3 users to sign up': the N rows with the latest dates
(beside the measure named); and the trader's short dates ('12/29/23', "Q3 '23", 'Q1 23')."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows

from c2q_repl.sandbox.engine.preprocess import prepare


def columns(db, plan) -> list[str]:
    return list(db.query(plan.tasks[0].sql, max_rows=1).columns)


LAST_5_AAPL = (
    "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
    " ORDER BY record_date DESC LIMIT 5"
)


@pytest.mark.parametrize(
    "question",
    [
        "AAPL's last 5 closes",
        "latest 5 closes for AAPL",
        "the 5 most recent AAPL closing prices",
        "AAPL closes on the 5 most recent trading days",
        "apple closing prices the last 5 trading days",
        "AAPL closes last 5 sessions",
    ],
)
def test_the_last_n_values_of_one_series(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, LAST_5_AAPL)
    assert "record_date" in columns(seed_db, plan)  # each value beside its day


def test_the_last_n_levels_of_the_index_are_its_own_days(engine, seed_db):
    plan = ask(engine, seed_db, "S&P 500 level the last 5 trading days")
    gold = (
        "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
        " ORDER BY record_date DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold)


def test_the_last_users_to_sign_up_are_users(engine, seed_db):
    plan = ask(engine, seed_db, "the last 3 users to sign up")
    gold = "SELECT user_id, created_date FROM users ORDER BY created_date DESC LIMIT 3"
    assert same_rows(seed_db, plan, gold)
    assert "user_id" in columns(seed_db, plan)


def test_n_latest_rows_of_many_series_are_not_n_days(engine, seed_db):
    """'on the 5 most recent trading days' over every stock means days, not 5 rows."""
    plan = ask(engine, seed_db, "which stocks closed above 400 on the 5 most recent trading days")
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_rows_in_date_order_show_their_day(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL close sorted by date")
    assert "record_date" in columns(seed_db, plan)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("AAPL close on 12/29/23", "AAPL close on 2023-12-29"),
        ("avg volume on TSLA in Q3 '23", "avg volume on TSLA in Q3 2023"),
        ("# of trading days in Q1 23", "number of trading days in Q1 2023"),
        ("MSFT avg vol Dec '23", "MSFT avg volume Dec 2023"),
        ("from the 1/3/22 close to the 12/29/23 close", "2022-01-03"),  # month first, as 12/29
        ("from 3/1/2022 to 29/12/2022", "2022-01-03"),  # day first, as 29/12
    ],
)
def test_two_digit_years_and_the_order_of_a_days_numbers(written, read):
    assert read in prepare(written).question


def test_a_lone_ambiguous_day_is_left_as_written():
    assert "1/3/2022" in prepare("AAPL close on 1/3/2022").question


def test_a_percent_change_between_two_closes_written_as_dates(engine, seed_db):
    plan = ask(engine, seed_db, "AMZN pct chg from the 1/3/22 close to the 12/29/23 close")
    found = rows(seed_db, plan)
    assert len(found) == 1 and abs(float(found[0][-1]) - 19.5625) < 0.01


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "how many users signed up from 2023 onwards",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'",
        ),
        (
            "signups from March 2023",
            "SELECT user_id FROM users WHERE created_date >= '2023-03-01'"
            " AND created_date < '2023-04-01'",
        ),
        (
            "AAPL closes from 2023-12-20",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date >= '2023-12-20'",
        ),
    ],
)
def test_from_a_period_is_that_period_and_from_a_day_a_start(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_ranked_rows_of_a_history_show_their_day(engine, seed_db):
    """'AAPL close top 5 by volume' showed five closes with no day to tell them apart."""
    plan = ask(engine, seed_db, "AAPL close top 5 by volume")
    assert "record_date" in columns(seed_db, plan)


def test_a_span_of_slash_days_with_the_year_said_once(engine, seed_db):
    plan = ask(engine, seed_db, "msft closes 12/18-12/22/23")
    gold = (
        "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'MSFT'"
        " AND record_date BETWEEN '2023-12-18' AND '2023-12-22'"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_day_that_reads_both_ways_is_declined_naming_both(engine, seed_db):
    refusal = ask(engine, seed_db, "xom close 10/2/23").tasks[0].refusal
    assert "2 October 2023" in refusal and "10 February 2023" in refusal
