"""Issue 12: follow-ups on a list of rows that each have a series of dated rows ('their avg
close in december' after 'tech stocks with mkt cap over 500B'): one value per row shown, not
one number over all of them mixed (once answered as one average, silently)."""

from __future__ import annotations

from test_honesty import same_rows, session


def test_their_average_of_a_series_is_per_row(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "tech stocks with mkt cap over 500B",
        "their avg close in december 2023",
    )
    gold = (
        "SELECT s.stock_symbol, AVG(s.close) FROM stock_price_history s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE c.sector = 'Technology'"
        " AND c.market_cap > 500000000000 AND s.record_date BETWEEN '2023-12-01' AND"
        " '2023-12-31' GROUP BY s.stock_symbol"
    )
    assert same_rows(seed_db, plan, gold)


def test_their_own_value_or_a_total_stays_one_number(engine, seed_db):
    first = "tech stocks with mkt cap over 500B"
    plan = session(engine, seed_db, first, "their average market cap")
    gold = (
        "SELECT AVG(market_cap) FROM companies WHERE sector = 'Technology'"
        " AND market_cap > 500000000000"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, first, "their total volume in 2023")
    gold = (
        "SELECT SUM(s.volume) FROM stock_price_history s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE c.sector = 'Technology'"
        " AND c.market_cap > 500000000000 AND s.record_date LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold)
