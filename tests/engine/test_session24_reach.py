"""Issue 12: wrong answers and declines from the twenty-fourth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows

_PCT = (
    "SELECT s.stock_symbol, 100.0 * (e.close - s.close) / s.close FROM stock_price_history s"
    " JOIN stock_price_history e ON e.stock_symbol = s.stock_symbol"
    " WHERE s.stock_symbol IN ({names}) AND s.record_date = {start} AND e.record_date = {end}"
)

_FIRST_2023 = "(SELECT MIN(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"
_LAST_2023 = "(SELECT MAX(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'close to … close' named no period
            "AAPL % chg, 1/3/23 close to 6/30/23 close",
            _PCT.format(names="'AAPL'", start="'2023-01-03'", end="'2023-06-30'"),
        ),
        (
            "JPM % chg 12/30/22 close -> 12/29/23 close",
            _PCT.format(names="'JPM'", start="'2022-12-30'", end="'2023-12-29'"),
        ),
        (
            # once declined: 'return' read as a comparison across periods
            "AMZN % return 2023",
            _PCT.format(names="'AMZN'", start=_FIRST_2023, end=_LAST_2023),
        ),
        (
            # once declined: a change needed exactly one named series
            "JPM vs BAC, % chg 12/30/22 close to 12/29/23 close",
            _PCT.format(names="'JPM', 'BAC'", start="'2022-12-30'", end="'2023-12-29'"),
        ),
        (
            "JPM vs BAC, percent change in 2023",
            _PCT.format(names="'JPM', 'BAC'", start=_FIRST_2023, end=_LAST_2023),
        ),
    ],
)
def test_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_open_to_close_of_two_days_is_not_read_as_one_column(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL % chg, 2023-01-03 open to 2023-06-30 close")
    assert not plan.tasks[0].sql  # two columns: not the close's change from day to day
