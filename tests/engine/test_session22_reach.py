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
