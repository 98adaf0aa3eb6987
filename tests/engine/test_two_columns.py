"""'close higher than it opened': one column compared with another of the same row."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "on how many days in 2023 did Apple close higher than it opened?",
            "SELECT COUNT(*) FROM stock_price_history WHERE stock_symbol = 'AAPL' AND close > open"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "how many stocks closed higher than they opened on 2023-12-29",
            "SELECT COUNT(*) FROM stock_price_history WHERE close > open"
            " AND record_date = '2023-12-29'",
        ),
        (
            "which stocks closed lower than they opened on 2023-06-30",
            "SELECT stock_symbol FROM stock_price_history WHERE close < open"
            " AND record_date = '2023-06-30'",
        ),
        (
            "days where close was above open for MSFT",
            "SELECT stock_symbol, record_date FROM stock_price_history WHERE close > open"
            " AND stock_symbol = 'MSFT'",
        ),
    ],
)
def test_a_column_is_compared_with_another_of_its_row(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert ">" in plan.tasks[0].sql or "<" in plan.tasks[0].sql
    assert same_rows(seed_db, plan, gold)


def test_the_comparison_is_said_in_the_assumptions(engine, seed_db):
    plan = ask(engine, seed_db, "how many days did META close higher than it opened in 2023?")
    said = " ".join(str(a) for a in plan.tasks[0].assumptions)
    assert "close compared with open" in said


def test_a_comparison_with_nothing_after_it_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many stocks closed higher than usual on 2023-12-29")
    assert not plan.tasks[0].sql


@pytest.mark.parametrize(
    ("question", "op", "year"),
    [
        ("TSLA up days in 2022? close > open", ">", "2022"),
        ("JPM down days in 2023 (close < open)", "<", "2023"),
        ("how many down days did AAPL have in 2023", "<", "2023"),
    ],
)
def test_a_traders_up_and_down_days_are_counted(engine, seed_db, question, op, year):
    symbol = question.split()[0] if question.split()[0].isupper() else "AAPL"
    gold = (
        f"SELECT COUNT(*) FROM stock_price_history WHERE stock_symbol = '{symbol}'"
        f" AND close {op} open AND record_date BETWEEN '{year}-01-01' AND '{year}-12-31'"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)
