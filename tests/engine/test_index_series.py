"""An index's own series: its daily price is what 'close' means when the index is named,
whichever way round the question puts them."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows

_HIGHEST = "SELECT MAX(price) FROM index_price_history WHERE index_symbol = 'SP500'"


@pytest.mark.parametrize(
    "question",
    [
        "What's the highest the index ever closed at",
        "the index's highest close",
        "highest close of the S&P 500",
        "what was the S&P 500's highest close",
    ],
)
def test_the_index_close_is_its_own_price(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert "stock_price_history" not in plan.tasks[0].sql
    highest = seed_db.query(_HIGHEST).rows[0][0]
    assert [r[-1] for r in rows(seed_db, plan)] == [highest]


def test_a_member_stocks_close_stays_the_stocks(engine, seed_db):
    plan = ask(engine, seed_db, "close of AAPL on 2023-05-01")
    assert "index_price_history" not in plan.tasks[0].sql


def test_where_was_the_index_asks_for_its_level(engine, seed_db):
    """'where was the S&P 500 on …' is the index's level that day, not a place."""
    from test_honesty import ask, same_rows

    plan = ask(engine, seed_db, "where was the S&P 500 on the last trading day of 2022?")
    gold = (
        "SELECT price FROM index_price_history WHERE record_date ="
        " (SELECT MAX(record_date) FROM index_price_history WHERE record_date < '2023-01-01')"
    )
    assert same_rows(seed_db, plan, gold)


def test_when_did_the_index_hit_its_high_is_that_day_with_its_level(engine, seed_db):
    from test_honesty import ask, same_rows

    for question, gold in (
        (
            "When did the S&P 500 index hit its 2023 high, and what was the level?",
            "SELECT record_date, price FROM index_price_history WHERE record_date BETWEEN"
            " '2023-01-01' AND '2023-12-31' ORDER BY price DESC LIMIT 1",
        ),
        (
            "when did the index hit its low in 2022",
            "SELECT record_date, price FROM index_price_history WHERE record_date BETWEEN"
            " '2022-01-01' AND '2022-12-31' ORDER BY price ASC LIMIT 1",
        ),
    ):
        plan = ask(engine, seed_db, question)
        assert same_rows(seed_db, plan, gold), question


def test_which_day_was_the_max_after_the_max_and_the_min(engine, seed_db):
    from test_honesty import same_rows, session

    for word, order in (("max", "DESC"), ("lowest", "ASC")):
        plan = session(
            engine, seed_db, "max and min index price in 2023", f"which day was the {word}"
        )
        gold = (
            "SELECT record_date FROM index_price_history WHERE record_date BETWEEN"
            f" '2023-01-01' AND '2023-12-31' ORDER BY price {order} LIMIT 1"
        )
        assert same_rows(seed_db, plan, gold), word
