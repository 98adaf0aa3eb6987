"""'…, and on what date was that?': the answer's row with its date, asked as two rounds;
declined whole when the date part does not fit the first answer."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows

from c2q_repl.sandbox.engine.date_tail import split_date_tail


@pytest.mark.parametrize(
    "question,head",
    [
        ("NVDA's highest close in 2023, and on which day?", "NVDA's highest close in 2023?"),
        ("the index low in 2022 and when was that", "the index low in 2022?"),
        ("which day had the most volume", None),
        ("when did AAPL close highest", None),
    ],
)
def test_the_date_tail_is_split_off(question, head):
    assert split_date_tail(question) == head


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What was the highest level the S&P 500 index reached in 2022, and on what date "
            "was that?",
            "SELECT record_date, price FROM index_price_history WHERE record_date BETWEEN"
            " '2022-01-01' AND '2022-12-31' ORDER BY price DESC LIMIT 1",
        ),
        (
            "what was NVDA's highest close in 2023, and on which day?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY close DESC LIMIT 1",
        ),
        (
            "what's the most recent S&P 500 index value you have, and what day was that?",
            "SELECT record_date, price FROM index_price_history ORDER BY record_date DESC LIMIT 1",
        ),
    ],
)
def test_the_row_is_shown_with_its_date(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, gold)


def test_a_date_that_does_not_belong_to_the_answer_is_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many companies are in Texas, and when?")
    assert not plan.tasks[0].sql and "on which date" in plan.tasks[0].refusal
