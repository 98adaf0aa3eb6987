"""Follow-ups after two named rows ('Coca-Cola vs Pepsi', 'walmart and costco'): 'each' is
each of them ('how many employees does each have', 'the high and low for each in Q4 2022'),
and 'which one has more employees?' ranks the two. Checked by rows against gold queries."""

from __future__ import annotations

import pytest
from test_honesty import same_rows, session

AAPL_MSFT = "whats the revenue growth for apple vs microsoft?"
KO_PEP = "Coca-Cola vs Pepsi market cap"


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            (AAPL_MSFT, "how many full time employees does each have"),
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE stock_symbol IN ('AAPL', 'MSFT')",
        ),
        (
            (AAPL_MSFT, "what was each one's highest high in 2023"),
            "SELECT stock_symbol, MAX(high) FROM stock_price_history WHERE stock_symbol IN"
            " ('AAPL', 'MSFT') AND record_date LIKE '2023%' GROUP BY stock_symbol",
        ),
        (
            (AAPL_MSFT, "highest close each hit in 2023?"),
            "SELECT stock_symbol, MAX(close) FROM stock_price_history WHERE stock_symbol IN"
            " ('AAPL', 'MSFT') AND record_date LIKE '2023%' GROUP BY stock_symbol",
        ),
        (
            (
                "walmart and costco, current price and market cap",
                "what was the high and low for each in Q4 2022",
            ),
            "SELECT stock_symbol, MAX(high), MIN(low) FROM stock_price_history"
            " WHERE stock_symbol IN ('WMT', 'COST')"
            " AND record_date BETWEEN '2022-10-01' AND '2022-12-31' GROUP BY stock_symbol",
        ),
        (
            (KO_PEP, "which one has more employees?"),
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE stock_symbol IN ('KO', 'PEP') ORDER BY full_time_employees DESC LIMIT 1",
        ),
        (
            ("Visa vs Mastercard revenue growth", "whats their combined market cap"),
            "SELECT SUM(market_cap) FROM companies WHERE stock_symbol IN ('V', 'MA')",
        ),
    ],
)
def test_each_and_which_one_of_two_named_rows(engine, seed_db, questions, gold):
    assert same_rows(seed_db, session(engine, seed_db, *questions), gold)


def test_more_over_a_period_is_not_picked_silently(engine, seed_db):
    """'more volume in 2023': in total, or on its best day? Once the best day of either."""
    task = session(engine, seed_db, KO_PEP, "which of the two had more volume in 2023").tasks[0]
    assert task.refusal and not task.sql
