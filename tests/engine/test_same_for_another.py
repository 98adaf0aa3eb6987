"""'same for …' follow-ups: the previous question for another subject or period ('same for
microsoft', 'same for the year before' after January 2023 is January 2022, 'what about META
for that same month'), checked by their rows against hand-written gold queries."""

from __future__ import annotations

import pytest
from test_honesty import same_rows, session

JAN = "nvidia avg close in jan 2023"
AVG_CLOSE = (
    "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = '{symbol}'"
    " AND record_date BETWEEN '{start}' AND '{end}'"
)


@pytest.mark.parametrize(
    "questions,symbol,start,end",
    [
        ((JAN, "same for the year before"), "NVDA", "2022-01-01", "2022-01-31"),
        ((JAN, "show me the same for microsoft"), "MSFT", "2023-01-01", "2023-01-31"),
        ((JAN, "same thing for microsoft"), "MSFT", "2023-01-01", "2023-01-31"),
        ((JAN, "what about META for that same month"), "META", "2023-01-01", "2023-01-31"),
        (
            ("nvidia avg close in Q1 2023", "and the same for the year before"),
            "NVDA",
            "2022-01-01",
            "2022-03-31",
        ),
    ],
)
def test_same_for_another_subject_or_period(engine, seed_db, questions, symbol, start, end):
    gold = AVG_CLOSE.format(symbol=symbol, start=start, end=end)
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


def test_the_same_month_and_a_high_and_low(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "GOOGL high and low in january 2023",
        "what about META for that same month",
    )
    gold = (
        "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'META'"
        " AND record_date BETWEEN '2023-01-01' AND '2023-01-31'"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            (
                "avg daily volume for TSLA in Q4 2022",
                "and q4 2023?",
                "whats the highest high it hit in that quarter",
            ),
            "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date BETWEEN '2023-10-01' AND '2023-12-31' ORDER BY high DESC LIMIT 1",
        ),
        (
            (
                "total trading volume for AMZN in Q1 2023",
                "which day in that quarter had the highest volume",
            ),
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-03-31' ORDER BY volume DESC LIMIT 1",
        ),
    ],
)
def test_that_quarter_is_the_previous_period(engine, seed_db, questions, gold):
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


@pytest.mark.parametrize(
    "questions",
    [
        # the S&P 500's own rows have one price; 'close' would be its member stocks' closes
        ("avg S&P level Q4 2023", "highest close in that quarter and on what day"),
        # a total over a period with no stored day is no number (once NULL, shown as an answer)
        ("total volume traded in AMZN in dec 2023", "and for dec 2024"),
    ],
)
def test_another_tables_rows_or_no_rows_are_declined(engine, seed_db, questions):
    task = session(engine, seed_db, *questions).tasks[0]
    assert task.refusal and not task.sql
