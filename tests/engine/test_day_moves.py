"""A series' move from one day to the next (day_moves.py, day_move_sql.py): ranked, counted,
across every stock on one day, and the follow-ups that change it."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session

from c2q_repl.sandbox.engine.day_move_sql import move_query
from c2q_repl.sandbox.engine.day_moves import DayMove, Series, read_words

AAPL_2023 = (
    "WITH p AS (SELECT record_date, close, LAG(close) OVER (ORDER BY record_date) AS prev"
    " FROM stock_price_history WHERE stock_symbol = 'AAPL')"
    " SELECT record_date, (close - prev) * 100.0 / prev AS pct FROM p"
    " WHERE record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY pct {order} LIMIT 1"
)
SP500_2022_POINTS = (
    "SELECT record_date, chg FROM (SELECT record_date, price - LAG(price) OVER"
    " (ORDER BY record_date) AS chg FROM index_price_history WHERE index_symbol = 'SP500')"
    " WHERE record_date LIKE '2022%' ORDER BY chg {order} LIMIT 1"
)
GAINERS_LAST_DAY = (
    "WITH p AS (SELECT stock_symbol, record_date, close, LAG(close) OVER (PARTITION BY"
    " stock_symbol ORDER BY record_date) AS prev FROM stock_price_history)"
    " SELECT stock_symbol, (close - prev) * 100.0 / prev AS pct FROM p"
    " WHERE record_date = (SELECT MAX(record_date) FROM stock_price_history)"
    " ORDER BY pct {order} LIMIT 5"
)
UP_DAYS_SP500 = (
    "SELECT COUNT(*) FROM (SELECT record_date, price, LAG(price) OVER (ORDER BY record_date)"
    " AS prev FROM index_price_history WHERE index_symbol = 'SP500')"
    " WHERE record_date BETWEEN '{year}-01-01' AND '{year}-12-31' AND price {op} prev"
)


@pytest.mark.parametrize(
    "question,order",
    [
        ("What was Apple's biggest one-day drop in 2023?", "ASC"),
        ("biggest single day % gain for AAPL in 2023?", "DESC"),
        ("AAPL best day of 2023 in % terms", "DESC"),
        ("worst day for aapl in 2023? biggest % drop in close", "ASC"),
        ("largest daily percentage decline of AAPL in 2023", "ASC"),
    ],
)
def test_the_biggest_one_day_move_of_a_stock(engine, seed_db, question, order):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, AAPL_2023.format(order=order))


def test_points_rank_by_the_change_in_points(engine, seed_db):
    plan = ask(engine, seed_db, "biggest one-day point drop of the S&P 500 in 2022")
    assert same_rows(seed_db, plan, SP500_2022_POINTS.format(order="ASC"))


def test_follow_ups_change_direction_period_and_series(engine, seed_db):
    first = "biggest single-day drop for the S&P in 2022, in points"
    plan = session(engine, seed_db, first, "and the biggest gain")
    assert same_rows(seed_db, plan, SP500_2022_POINTS.format(order="DESC"))
    plan = session(engine, seed_db, first, "and in 2023?")
    gold = SP500_2022_POINTS.format(order="ASC").replace("2022%", "2023%")
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "What was Apple's biggest one-day drop in 2023?", "same for MSFT"
    )
    assert same_rows(seed_db, plan, AAPL_2023.format(order="ASC").replace("AAPL", "MSFT"))


def test_up_and_down_days_of_the_index_are_counted_against_the_day_before(engine, seed_db):
    plan = ask(
        engine, seed_db, "How many days in 2023 did the S&P 500 close higher than the day before?"
    )
    assert same_rows(seed_db, plan, UP_DAYS_SP500.format(year=2023, op=">"))
    plan = ask(engine, seed_db, "SPX down days in 2023, close below prior close")
    assert same_rows(seed_db, plan, UP_DAYS_SP500.format(year=2023, op="<"))
    plan = session(
        engine,
        seed_db,
        "biggest single-day drop for the S&P in 2022",
        "how many down days that year",
    )
    assert same_rows(seed_db, plan, UP_DAYS_SP500.format(year=2022, op="<"))


def test_a_stocks_up_days_keep_their_reading_against_the_open(engine, seed_db):
    """'TSLA up days' may mean above the open or above the day before: not read here."""
    plan = ask(engine, seed_db, "TSLA up days in 2022")
    assert "LAG(" not in plan.tasks[0].sql


def test_gainers_and_losers_on_the_last_trading_day(engine, seed_db):
    plan = ask(engine, seed_db, "top 5 % gainers on the last trading day")
    assert same_rows(seed_db, plan, GAINERS_LAST_DAY.format(order="DESC"))
    plan = session(
        engine, seed_db, "top 5 % gainers on the last trading day", "and the 5 biggest losers"
    )
    assert same_rows(seed_db, plan, GAINERS_LAST_DAY.format(order="ASC"))


def test_which_stock_fell_most_in_one_day(engine, seed_db):
    question = (
        "which stock had the largest single-day percentage drop in its closing price during 2023?"
    )
    gold = (
        "SELECT stock_symbol, pct FROM (SELECT stock_symbol, record_date, (close - LAG(close)"
        " OVER (PARTITION BY stock_symbol ORDER BY record_date)) * 100.0 / LAG(close) OVER"
        " (PARTITION BY stock_symbol ORDER BY record_date) AS pct FROM stock_price_history)"
        " WHERE record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY pct ASC LIMIT 1"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_that_day_after_a_move_is_the_day_answered(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "biggest single day % gain for AAPL in 2023?",
        "what was the volume that day",
    )
    day = rows(seed_db, ask(engine, seed_db, "biggest single day % gain for AAPL in 2023?"))[0][0]
    gold = (
        "SELECT volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        f" AND record_date = '{day}'"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question",
    [
        "which tech stock had the biggest one-day drop in 2023",  # a condition not read here
        "the smallest one-day drop of AAPL in 2023",
        "AAPL biggest one-day gain and drop in 2023",  # two answers in one
        "biggest one-day drop of AAPL and MSFT in 2023",
    ],
)
def test_what_a_move_cannot_say_is_not_answered_as_one(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert "LAG(" not in task.sql


def test_new_questions_after_a_move_are_not_merged_into_it(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "What was Apple's biggest one-day drop in 2023?",
        "whats the average daily volume for apple in 2023",
    )
    gold = (
        "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'"
    )
    assert same_rows(seed_db, plan, gold)


def test_words_of_a_move():
    words = read_words("nvda biggest 1-day % gain, close to close?")
    assert words is not None
    assert (words.shape, words.direction, words.unit) == ("rank", "up", "pct")
    assert "nvda" in words.rest and "gain" not in words.rest
    assert read_words("top 10 gainers of 2023") is None  # a change over the period
    assert read_words("average daily volume for apple") is None
    counted = read_words("how many down days in 2023", up_down_days=True)
    assert counted is not None and counted.shape == "count"


def test_the_sql_runs_in_both_dialects():
    move = DayMove(
        Series("stock_price_history", "record_date", "stock_symbol", "close", ("AAPL",), "AAPL"),
        "rank",
        "down",
        "pct",
        True,
        start="2023-01-01",
        end="2024-01-01",
        period_text="in 2023",
    )
    sqlite = move_query(move, "sqlite").sql
    mysql = move_query(move, "mysql").sql
    assert "LAG(" in sqlite and "LAG(" in mysql
    assert "`" in mysql and "`" not in sqlite
    assert DayMove.from_json(move.to_json()) == move


def test_which_stock_is_one_and_gainers_are_ten(engine, seed_db):
    one = rows(
        seed_db, ask(engine, seed_db, "Which stock rose the most in % on the last trading day?")
    )
    many = rows(seed_db, ask(engine, seed_db, "biggest % gainers on the last trading day"))
    assert (len(one), len(many)) == (1, 10)


def test_of_those_days_is_the_previous_answers_period(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many trading days are in the data for 2023",
        "on how many of those did the S&P 500 index close higher than the day before?",
    )
    assert same_rows(seed_db, plan, UP_DAYS_SP500.format(year=2023, op=">"))
    # with no earlier answer to point at, 'those' is not read as the whole history
    task = ask(
        engine, seed_db, "on how many of those did the S&P 500 close higher than the day before?"
    ).tasks[0]
    assert "LAG(" not in task.sql


def test_gainers_on_that_day_are_ranked_on_the_day_answered(engine, seed_db):
    first = "AAPL biggest one-day gain in 2023"
    day = rows(seed_db, ask(engine, seed_db, first))[0][0]
    plan = session(engine, seed_db, first, "top 5 gainers on that day")
    gold = GAINERS_LAST_DAY.format(order="DESC").replace(
        "(SELECT MAX(record_date) FROM stock_price_history)", f"'{day}'"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "first,day",
    [
        ("whats the close for NVDA on 12/29/2023", "'2023-12-29'"),
        (
            "what did nvda close at on the last trading day",
            "(SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'NVDA')",
        ),
    ],
)
def test_the_move_of_a_day_answered(engine, seed_db, first, day):
    plan = session(engine, seed_db, first, "how much did it move vs the day before")
    gold = (
        "SELECT close - prev FROM (SELECT record_date, close, LAG(close) OVER (ORDER BY"
        " record_date) AS prev FROM stock_price_history WHERE stock_symbol = 'NVDA')"
        f" WHERE record_date = {day}"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_move_and_its_date_is_one_answer(engine, seed_db):
    """'…, and on what date did it happen?': each ranked move shows its day already."""
    question = (
        "Which stock had the largest single-day percentage rise in its closing price during"
        " 2023, and on what date did it happen?"
    )
    plan = ask(engine, seed_db, question)
    got = rows(seed_db, plan)
    assert len(got) == 1 and str(got[0][1]).startswith("2023-")


def test_moves_beyond_a_size_are_kept_or_counted(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "which stocks moved more than 5% on the latest trading day vs the previous close?",
    )
    gold = (
        "WITH p AS (SELECT stock_symbol, record_date, close, LAG(close) OVER (PARTITION BY"
        " stock_symbol ORDER BY record_date) AS prev FROM stock_price_history)"
        " SELECT stock_symbol FROM p WHERE record_date = (SELECT MAX(record_date) FROM"
        " stock_price_history) AND ABS((close - prev) * 100.0 / prev) > 5"
    )
    assert same_rows(seed_db, plan, gold)
    plan = ask(
        engine,
        seed_db,
        "How many sessions did the index move more than 2% in either direction over the whole"
        " history?",
    )
    gold = (
        "SELECT COUNT(*) FROM (SELECT price, LAG(price) OVER (ORDER BY record_date) AS prev"
        " FROM index_price_history WHERE index_symbol = 'SP500') WHERE ABS(price / prev - 1) > 0.02"
    )
    assert same_rows(seed_db, plan, gold)


def test_n_stocks_and_how_a_stock_did_against_the_previous_close(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Which five stocks had the biggest % gain on the last trading day compared with the"
        " previous close?",
    )
    assert same_rows(seed_db, plan, GAINERS_LAST_DAY.format(order="DESC"))
    plan = ask(engine, seed_db, "how did AMZN do on the last trading day vs the previous close?")
    gold = (
        "SELECT (close - prev) * 100.0 / prev FROM (SELECT record_date, close, LAG(close) OVER"
        " (ORDER BY record_date) AS prev FROM stock_price_history WHERE stock_symbol = 'AMZN')"
        " ORDER BY record_date DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "first",
    ["latest closing price of nvidia?", "latest close for NVDA", "NVDA close on 2023-12-29"],
)
def test_the_change_against_the_previous_day_of_an_answer(engine, seed_db, first):
    plan = session(engine, seed_db, first, "what was the change vs the previous trading day")
    gold = (
        "SELECT close - prev FROM (SELECT record_date, close, LAG(close) OVER (ORDER BY"
        " record_date) AS prev FROM stock_price_history WHERE stock_symbol = 'NVDA')"
        " WHERE record_date = '2023-12-29'"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "first,then,gold",
    [
        (
            "latest close for MSFT",
            "and the day before?",
            "SELECT close FROM stock_price_history WHERE stock_symbol = 'MSFT' AND record_date ="
            " (SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date < (SELECT MAX(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'MSFT'))",
        ),
        (
            "JPM volume on 2023-03-13",
            "what about the previous trading day",
            "SELECT volume FROM stock_price_history WHERE stock_symbol = 'JPM' AND record_date ="
            " (SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'JPM'"
            " AND record_date < '2023-03-13')",
        ),
    ],
)
def test_the_day_before_is_the_series_previous_trading_day(engine, seed_db, first, then, gold):
    assert same_rows(seed_db, session(engine, seed_db, first, then), gold)
