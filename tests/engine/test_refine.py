"""refineSql edits (issue 12): '10 instead of 5' changes the 5 that is there, numbers that
cannot be placed change nothing, and the explanation never claims a change the SQL lacks."""

from __future__ import annotations

import pytest

BASE = (
    "SELECT stock_symbol, market_cap FROM companies WHERE market_cap > 50000000000 "
    "ORDER BY market_cap DESC LIMIT 5"
)


def refine(engine, db, feedback, sql=BASE):
    return engine.refine_sql(sql, feedback, db.catalog(), db)


@pytest.mark.parametrize(
    "feedback", ["10 instead of 5", "make it 10, not 5", "change the limit from 5 to 10"]
)
def test_new_number_replaces_the_limit_it_names(engine, seed_db, feedback):
    sql, solution = refine(engine, seed_db, feedback)
    assert sql.endswith("LIMIT 10") and "LIMIT 5" not in sql
    assert solution == "Applied the feedback: changed the LIMIT from 5 to 10."
    assert len(seed_db.query(sql).rows) == 10


def test_new_number_replaces_a_condition_literal(engine, seed_db):
    sql, solution = refine(engine, seed_db, "market cap over 100 billion instead of 50 billion")
    assert "market_cap > 100000000000" in sql and "50000000000" not in sql
    assert sql.endswith("LIMIT 5") and "changed 50 billion to 100 billion" in solution


@pytest.mark.parametrize(
    ("feedback", "reason"),
    [
        ("7 instead of 9", "no single 9"),
        ("10 and 20", "which of the numbers"),
        ("12.5 instead of 5", "not a row count"),
        ("limit 5", "already"),
        ("descending", "already"),
        ("limit 10 and make it sparkle", "sparkle"),
    ],
)
def test_unplaceable_or_idle_feedback_changes_nothing_and_says_so(
    engine, seed_db, feedback, reason
):
    sql, solution = refine(engine, seed_db, feedback)
    assert sql == BASE and reason in solution and not solution.startswith("Applied")


def test_a_single_number_is_a_limit(engine, seed_db):
    sql, solution = refine(engine, seed_db, "top 3")
    assert sql.endswith("LIMIT 3") and solution.endswith("limited the result to 3 rows.")


def test_the_explanation_matches_the_sql(engine, seed_db):
    """Every claimed change is visible in the rewritten SQL."""
    cases = {
        "sort ascending": "ORDER BY market_cap ASC",
        "only technology companies": "sector = 'Technology'",
        "only the first 2": "LIMIT 2",
    }
    for feedback, visible in cases.items():
        sql, solution = refine(engine, seed_db, feedback)
        assert visible in sql and solution.startswith("Applied"), (feedback, sql, solution)
