"""'% change between the two' after two answers about one series on two days ('S&P 500
level at the end of 2022' → 'and at the end of 2023?'): the change from the earlier day to
the later one, checked against a gold query; anything else is not read this way."""

from __future__ import annotations

import pytest
from test_honesty import rows, session

END_2022, END_2023, MID_MARCH = "2022-12-30", "2023-12-29", "2023-03-15"


def price(
    seed_db, day: str, table="index_price_history", col="price", key="index_symbol", who="SP500"
) -> float:
    sql = f"SELECT {col} FROM {table} WHERE {key} = '{who}' AND record_date = '{day}'"
    return float(seed_db.query(sql, max_rows=1).rows[0][0])


@pytest.mark.parametrize(
    "questions,start,end",
    [
        (
            (
                "S&P 500 index level at the end of 2022",
                "and at the end of 2023?",
                "so what's the % change between the two",
            ),
            END_2022,
            END_2023,
        ),
        (
            (
                "what was the S&P 500 index level on 2023-03-15",
                "and at the end of 2022",
                "% change between those two",
            ),
            END_2022,
            MID_MARCH,
        ),
    ],
)
def test_percent_change_between_two_answers(engine, seed_db, questions, start, end):
    got = rows(seed_db, session(engine, seed_db, *questions))
    first, last = price(seed_db, start), price(seed_db, end)
    assert float(got[0][-1]) == pytest.approx(100.0 * (last - first) / first)


def test_difference_between_two_closes_of_one_stock(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Exxon's closing price on the last trading day of 2022?",
        "and on the last trading day of 2023",
        "what's the difference between them",
    )
    kw = {"table": "stock_price_history", "col": "close", "key": "stock_symbol", "who": "XOM"}
    expected = price(seed_db, END_2023, **kw) - price(seed_db, END_2022, **kw)
    at = list(seed_db.query(plan.tasks[0].sql, max_rows=1).columns).index("change_in_close")
    assert float(rows(seed_db, plan)[0][at]) == pytest.approx(expected)


def test_two_different_stocks_are_not_one_series(engine, seed_db):
    """JPM's close and then BAC's: 'the difference between the two' is no change of one
    series over time (and is not answered as one)."""
    plan = session(
        engine,
        seed_db,
        "What was JPMorgan's closing price on 2023-12-29?",
        "and Bank of America's?",
        "what's the % change between the two?",
    )
    task = plan.tasks[0]
    assert task.refusal and not task.sql
