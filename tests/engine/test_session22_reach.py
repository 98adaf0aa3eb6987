"""Issue 12: wrong answers and declines from the twenty-second session's blind development sets.
Each test failed before its fix."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "when did users 5, 12 and 40 sign up",
            "SELECT user_id, created_date FROM users WHERE user_id IN (5, 12, 40)",
        ),
        (
            "what did users 5 and 12 pick",
            "SELECT user_id, stock_symbol FROM user_selected_stocks WHERE user_id IN (5, 12)",
        ),
    ],
)
def test_a_list_of_numeric_ids_names_those_rows(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "users with 5+ picks",  # once the picks of user 5
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5",
        ),
        (
            "users with 5 or more picks",
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 5",
        ),
        (
            "how many companies have 100k+ employees",
            "SELECT COUNT(*) FROM companies WHERE full_time_employees >= 100000",
        ),
        (
            "Which companies employ more than 300,000 people full-time? Please list them with"
            " their headcount, largest first.",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE full_time_employees > 300000 ORDER BY full_time_employees DESC",
        ),
        (
            "What was the average daily trading volume of Amazon shares in the fourth quarter"
            " of 2023?",
            "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date BETWEEN '2023-10-01' AND '2023-12-31'",
        ),
        (
            "On which day in 2023 did Tesla shares see their heaviest trading volume, and how"
            " many shares changed hands that day?",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY volume DESC LIMIT 1",
        ),
        (
            "how many watchlist adds did we get in dec 2023",
            "SELECT COUNT(*) FROM user_selected_stocks"
            " WHERE created_date >= '2023-12-01' AND created_date < '2024-01-01'",
        ),
        (
            "biggest employer in the idx?",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " ORDER BY full_time_employees DESC LIMIT 1",
        ),
    ],
)
def test_analyst_shorthand_reads_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql or plan.tasks[0].refusal
