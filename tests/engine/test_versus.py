"""'A vs B': a figure over each side's rows is one value for each of them; a lowercase
ticker set against another ticker is that ticker; 'which one …' after such a comparison is
asked afresh about the two."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_AVG_CLOSE = (
    "SELECT stock_symbol, AVG(close) FROM stock_price_history WHERE stock_symbol IN ({})"
    " AND record_date BETWEEN '{}' AND '{}' GROUP BY stock_symbol"
)


@pytest.mark.parametrize(
    "question,symbols,start,end",
    [
        ("KO vs PEP avg close in july 2023", "'KO', 'PEP'", "2023-07-01", "2023-07-31"),
        ("apple vs microsoft average close in 2023", "'AAPL', 'MSFT'", "2023-01-01", "2023-12-31"),
    ],
)
def test_one_figure_for_each_side(engine, seed_db, question, symbols, start, end):
    assert same_rows(
        seed_db, ask(engine, seed_db, question), _AVG_CLOSE.format(symbols, start, end)
    )


def test_lowercase_tickers_against_each_other(engine, seed_db):
    plan = ask(engine, seed_db, "xom vs cvx - highest and lowest close in 2023")
    gold = (
        "SELECT stock_symbol, MAX(close), MIN(close) FROM stock_price_history"
        " WHERE stock_symbol IN ('XOM', 'CVX') AND record_date BETWEEN '2023-01-01'"
        " AND '2023-12-31' GROUP BY stock_symbol"
    )
    assert same_rows(seed_db, plan, gold)
    plan = ask(engine, seed_db, "cost and key")
    assert not plan.tasks[0].sql and "ordinary word" in plan.tasks[0].refusal


def test_one_row_per_name_is_still_asked(engine, seed_db):
    """'compare the total market cap of Apple and Microsoft': each has one market cap; the
    total of both or each one's? Still asked."""
    plan = ask(engine, seed_db, "compare the total market cap of Apple and Microsoft")
    assert not plan.tasks[0].sql


def test_which_one_after_a_comparison_is_asked_about_the_two(engine, seed_db):
    """It was merged into the averages: MAX(employees) per stock over July's price rows."""
    plan = session(
        engine, seed_db, "KO vs PEP avg close in july 2023", "which one has more employees"
    )
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol IN"
        " ('KO', 'PEP') ORDER BY full_time_employees DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)
    assert "stock_price_history" not in plan.tasks[0].sql
