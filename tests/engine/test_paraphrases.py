"""Adversarial paraphrases: one thing varied at a time from a question the engine answers.

Each variant must be answered with its own meaning or declined, never answered as the
unvaried question (issue 12: the way wrong answers appear on unseen sets).
"""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


def declined(plan) -> bool:
    return bool(plan.tasks[0].refusal)


@pytest.mark.parametrize(
    "question",
    [
        # a grouping a ranked list would drop (was: the single highest close overall)
        "what is the highest close of Apple in each year",
        "what is the highest close of Apple per month",
        # MAX per group, or the group with the highest total? (was: the top group's SUM)
        "the highest market cap per sector",
        "what is the lowest close per stock",
        # a negation with a condition on the related rows (was: users with no selection at all)
        "how many users did not select Apple",
        # 'and' through rows the subject has many of: both, or either? (was: either)
        "how many users selected Apple and Microsoft",
    ],
)
def test_variant_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert declined(plan), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many users selected Apple or Microsoft",
            "SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks"
            " WHERE stock_symbol IN ('AAPL', 'MSFT')",
        ),
        (
            "how many companies are in the Technology and Energy sectors",
            "SELECT COUNT(*) FROM companies WHERE sector IN ('Technology', 'Energy')",
        ),
        (
            "market cap of Apple and Microsoft",
            "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN ('AAPL', 'MSFT')",
        ),
        (
            "which Technology companies has no user selected",
            "SELECT stock_symbol FROM companies WHERE sector = 'Technology' AND stock_symbol"
            " NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "how many companies are not in the Technology sector",
            "SELECT COUNT(*) FROM companies WHERE sector <> 'Technology'",
        ),
        (
            "how many companies per sector excluding Technology",
            "SELECT sector, COUNT(*) FROM companies WHERE sector <> 'Technology' GROUP BY sector",
        ),
    ],
)
def test_variant_answered_with_its_own_meaning(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_session_helper_is_used(engine, seed_db):
    """A session of one question is the question alone (keeps the helper honest)."""
    plan = session(engine, seed_db, "how many users are there")
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM users")
