"""Issue 12 reach: series ranked by their change over a period ('which 5 stocks gained the
most in 2023', 'top 10 gainers of 2023 by % change', 'biggest losers of 2022'), and a gain
said of one stock ('how much did nvidia gain in 2023 percentage wise'). All were declined
('gained' was an unknown word); a daily move (against the day before) still is."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows

_GAIN = (
    "SELECT s.stock_symbol, 100.0 * (e.close - s.close) / s.close FROM stock_price_history s"
    " JOIN stock_price_history e ON e.stock_symbol = s.stock_symbol"
    " WHERE s.record_date = (SELECT MIN(record_date) FROM stock_price_history"
    " WHERE record_date LIKE '{year}%') AND e.record_date = (SELECT MAX(record_date)"
    " FROM stock_price_history WHERE record_date LIKE '{year}%')"
)


@pytest.mark.parametrize(
    "question,year,order,limit",
    [
        ("which stock gained the most in 2023", "2023", "DESC", 1),
        ("top 5 stocks by % gain in 2023", "2023", "DESC", 5),
        ("top 10 gainers of 2023 by % change", "2023", "DESC", 10),
        ("which stocks gained the most in 2023? top 5 by % change", "2023", "DESC", 5),
        ("biggest % gainer in 2023?", "2023", "DESC", 1),
        ("which 5 stocks fell the most in 2022", "2022", "ASC", 5),
    ],
)
def test_series_ranked_by_their_change(engine, seed_db, question, year, order, limit):
    plan = ask(engine, seed_db, question)
    gold = _GAIN.format(year=year) + f" ORDER BY 2 {order} LIMIT {limit}"
    assert same_rows(seed_db, plan, gold)


def test_a_condition_narrows_the_ranked_series(engine, seed_db):
    plan = ask(engine, seed_db, "which 5 tech stocks gained the most in 2023")
    gold = (
        _GAIN.format(year="2023").replace(
            "JOIN stock_price_history e",
            "JOIN companies c ON c.stock_symbol = s.stock_symbol JOIN stock_price_history e",
        )
        + " AND c.sector = 'Technology' ORDER BY 2 DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold)


def test_losers_without_a_number_are_every_series_ranked(engine, seed_db):
    plan = ask(engine, seed_db, "biggest losers of 2022")
    assert len(rows(seed_db, plan)) > 100
    gold = _GAIN.format(year="2022") + " ORDER BY 2 ASC LIMIT 5"
    assert rows(seed_db, plan)[0][0] == seed_db.query(gold).rows[0][0]


def test_a_gain_of_one_stock_is_its_percentage_change(engine, seed_db):
    plan = ask(engine, seed_db, "how much did nvidia stock gain in 2023 percentage wise")
    gold = _GAIN.format(year="2023") + " AND s.stock_symbol = 'NVDA'"
    gold = gold.replace("SELECT s.stock_symbol, ", "SELECT ")
    assert same_rows(seed_db, plan, gold)


def test_a_move_without_a_period_is_declined(engine, seed_db):
    task = ask(engine, seed_db, "which one gained the most").tasks[0]
    assert not task.sql and task.refusal


def test_a_move_on_one_day_is_against_the_day_before(engine, seed_db):
    """(test_day_moves.py reads it: each stock's close against its previous close)"""
    task = ask(engine, seed_db, "which stock rose the most in % on the last trading day?").tasks[0]
    assert "LAG(" in task.sql


def test_ranked_series_show_their_names(engine, seed_db):
    plan = ask(engine, seed_db, "which 5 stocks gained the most in 2023?")
    first = rows(seed_db, plan)[0]
    name = seed_db.query(f"SELECT short_name FROM companies WHERE stock_symbol = '{first[0]}'")
    assert first[1] == name.rows[0][0]


def test_follow_ups_on_ranked_series(engine, seed_db):
    from test_honesty import session

    plan = session(engine, seed_db, "biggest losers of 2022, top 10", "how many of those are tech")
    gold = (
        "SELECT COUNT(*) FROM companies WHERE sector = 'Technology' AND stock_symbol IN ("
        + _GAIN.format(year="2022").replace(
            "SELECT s.stock_symbol, 100.0 * (e.close - s.close) / s.close",
            "SELECT s.stock_symbol",
        )
        + " ORDER BY 100.0 * (e.close - s.close) / s.close ASC LIMIT 10)"
    )
    assert same_rows(seed_db, plan, gold)  # one count, not a count per stock
    plan = session(
        engine,
        seed_db,
        "biggest losers of 2022, top 10",
        "how many of those are tech",
        "how did they do the following year",
    )
    assert not plan.tasks[0].sql and "moved over a period" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,order,limit",
    [
        ("best performing stock in 2023?", "DESC", 1),
        ("worst 5 performers of 2023", "ASC", 5),
        ("top 3 performing stocks in 2023", "DESC", 3),
    ],
)
def test_performers_are_ranked_by_their_change(engine, seed_db, question, order, limit):
    plan = ask(engine, seed_db, question)
    gold = _GAIN.format(year="2023") + f" ORDER BY 2 {order} LIMIT {limit}"
    assert same_rows(seed_db, plan, gold)
