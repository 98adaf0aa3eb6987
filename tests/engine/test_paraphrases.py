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
        # two column names run together (was: ordered by market cap, growth shown beside)
        "top 5 companies by market cap growth",
        # one average over both, or one each? (was: pooled)
        "average close of Apple and Microsoft in 2023",
        # the user's own selections narrow the anti-join (was: no rows)
        "which stocks did user 7 not select",
        # the largest company's sector, or the sector largest in total? (was: the total)
        "what sector is the largest company in",
        # two counts (was: companies that have users)
        "how many companies and users are there",
        # 'most' counts rows per date (was: the latest signups)
        "when did the most users sign up",
        # pooled per month, or one line each? (was: pooled)
        "average close per month for Apple and Microsoft",
        # 'price' of three tables and nothing says which (was: the prices of AAPL's indexes)
        "Lowest price AAPL ever traded at in the data",
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
            # the index's own last day, not its member stocks' (was: 540 joined rows)
            "what was the S&P 500 index level on the last trading day?",
            "SELECT price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date = (SELECT MAX(record_date) FROM index_price_history)",
        ),
        (
            # the history nearest the named index (its own prices)
            "what's the latest S&P 500 price?",
            "SELECT price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date = (SELECT MAX(record_date) FROM index_price_history)",
        ),
        (
            # the index's own prices, the table nearest the one named (was: declined);
            # 'which index' asks for the index, not the price that ranks it
            "which index has the highest price",
            "SELECT index_symbol FROM index_price_history ORDER BY price DESC LIMIT 1",
        ),
        (
            "How many stocks did user 42 select?",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 42",
        ),
        (
            "highest volume day for Tesla",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " ORDER BY volume DESC LIMIT 1",
        ),
        (
            "total volume of Apple or Microsoft in 2023",
            "SELECT SUM(volume) FROM stock_price_history WHERE stock_symbol IN ('AAPL', 'MSFT')"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "which S&P 500 companies has no user selected",
            "SELECT stock_symbol FROM index_compositions WHERE index_symbol = 'SP500' AND"
            " stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
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


# follow-ups: a pronoun or a demonstrative resolves to what the previous answer said, or declines
@pytest.mark.parametrize(
    "turns,gold",
    [
        (
            ("what industry is Microsoft in", "which companies are in that industry"),
            "SELECT stock_symbol FROM companies WHERE industry ="
            " (SELECT industry FROM companies WHERE stock_symbol = 'MSFT')",
        ),
        (
            (
                "which sector has the most companies",
                "what is the average market cap in that sector",
            ),
            "SELECT AVG(market_cap) FROM companies WHERE sector = 'Industrials'",
        ),
        (
            (
                "which sector has the most companies",
                "what is the average market cap in that sector",
                "list the companies in this sector",
            ),
            "SELECT stock_symbol FROM companies WHERE sector = 'Industrials'",
        ),
        (
            (
                "top 5 companies by market cap",
                "what are their sectors",
                "how many companies are in those sectors",
            ),
            "SELECT COUNT(*) FROM companies WHERE sector IN (SELECT sector FROM companies"
            " ORDER BY market_cap DESC LIMIT 5)",
        ),
        (
            ("what is the latest close of Apple", "the volume?"),
            "SELECT volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = (SELECT MAX(record_date) FROM stock_price_history)",
        ),
        (
            ("what is the average revenue growth", "of Technology companies"),
            "SELECT AVG(revenue_growth) FROM companies WHERE sector = 'Technology'",
        ),
    ],
)
def test_followup_points_back(engine, seed_db, turns, gold):
    plan = session(engine, seed_db, *turns)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "turns",
    [
        # 'it': Apple, or the sector the answer named? (was: companies named Apple → 1)
        ("what sector is Apple in", "how many companies does it have"),
        # nothing to point back at (was: every company with its industry)
        ("which companies are in that industry",),
        ("what is its market cap",),
        # a ranked list edited 'per sector' is a top N per group (was: ordered by sector)
        ("top 5 companies by market cap", "per sector"),
        # show revenue growth too, or rank by it? (was: shown, ranking kept)
        ("top 5 companies by market cap", "what about revenue growth"),
        # a period left out (was: the negation dropped, 2023 kept)
        ("average close of AAPL in 2023", "not in 2023"),
    ],
)
def test_reference_without_one_reading_declines(engine, seed_db, turns):
    assert declined(session(engine, seed_db, *turns))


_FIRSTS = (
    "number of companies per sector",
    "top 5 companies by market cap",
    "what is the latest close of Apple",
    "which sector has the most companies",
    "average close of AAPL in 2023",
    "what sector is Apple in",
    "list the companies in Texas",
)
_COMPLETE = (
    "how many users are there",
    "average market cap per industry",
    "which company has the highest revenue growth",
    "how many companies are in the Energy sector",
    "what is the average close of MSFT in 2022",
    "which state has the most companies",
    "what is the market cap of Microsoft",
    "the 3 companies with the lowest market cap",
    "sectors sorted by average market cap",
    "Technology companies with revenue growth above 10%",
)


@pytest.mark.parametrize("first", _FIRSTS)
@pytest.mark.parametrize("second", _COMPLETE)
def test_complete_question_is_never_merged(engine, seed_db, first, second):
    """A question with its own subject and measure gets the same answer in a session as
    alone, whatever came before it."""
    alone = ask(engine, seed_db, second).tasks[0]
    after = session(engine, seed_db, first, second).tasks[0]
    assert (after.sql, after.refusal) == (alone.sql, alone.refusal)
    assert not any(a["concept"] == "follow-up" for a in after.assumptions)


def test_instead_replaces_the_measure(engine, seed_db):
    """'average market cap instead' after a count per sector: the count goes (was: kept)."""
    plan = session(engine, seed_db, "number of companies per sector", "average market cap instead")
    assert same_rows(seed_db, plan, "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector")
    assert "COUNT(" not in plan.tasks[0].sql.upper()
