"""'software companies', 'insurance companies': a family of stored values ('Software—
Application', 'Software—Infrastructure') named by its first word is every member of it;
'bank' stays a question while it also starts a company's name."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "software companies",
            "SELECT stock_symbol FROM companies WHERE industry LIKE 'Software%'",
        ),
        (
            "average revenue growth of software companies",
            "SELECT AVG(revenue_growth) FROM companies WHERE industry LIKE 'Software%'",
        ),
        (
            "which insurance companies are in the S&P 500",
            "SELECT stock_symbol FROM companies JOIN index_compositions USING (stock_symbol)"
            " WHERE industry LIKE 'Insurance%'",
        ),
    ],
)
def test_a_family_word_names_every_member(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "top 5 banks by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE industry LIKE 'Banks%'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "which bank had the highest revenue growth",
            "SELECT stock_symbol FROM companies WHERE industry LIKE 'Banks%'"
            " ORDER BY revenue_growth DESC LIMIT 1",
        ),
        (
            "how many banks are there",
            "SELECT COUNT(*) FROM companies WHERE industry LIKE 'Banks%'",
        ),
    ],
)
def test_banks_and_which_bank_are_the_family(engine, seed_db, question, gold):
    """'bank' also starts 'Bank of America'; the plural and 'which bank' are the family."""
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


@pytest.mark.parametrize("question", ["what's the market cap of bank", "how many bank stocks"])
def test_bank_alone_is_still_asked_about(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and "Bank of America" in plan.tasks[0].refusal


def test_a_sector_value_keeps_its_own_reading(engine, seed_db):
    plan = ask(engine, seed_db, "how many utilities are there")
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM companies WHERE sector = 'Utilities'")


@pytest.mark.parametrize(
    ("question", "pattern"),
    [
        ('companies whose industry starts with "Software"', "Software%"),
        ('companies whose industry contains the word "Software"', "%Software%"),
    ],
)
def test_a_text_pattern_on_a_named_column(engine, seed_db, question, pattern):
    """The column's duplicate readings left no one column for the pattern: declined."""
    plan = ask(engine, seed_db, question)
    assert same_rows(
        seed_db, plan, f"SELECT stock_symbol FROM companies WHERE industry LIKE '{pattern}'"
    )
