"""A chat's lead-ins ('separate q -', 'fine.', 'different user -') are not data, and a value
counted on its own ('how many utilities are in the index') names the rows counted."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "separate q - how many names are Nasdaq listed (NMS)?",
            "SELECT COUNT(*) FROM companies WHERE exchange_symbol = 'NMS'",
        ),
        (
            "ok diff ticket - how many users signed up in october 2023?",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-10-01'"
            " AND created_date < '2023-11-01'",
        ),
        (
            "nvm. how many total picks are there across all users",
            "SELECT COUNT(*) FROM user_selected_stocks",
        ),
        (
            "how many diff users have picked at least one energy stock",
            "SELECT COUNT(DISTINCT u.user_id) FROM user_selected_stocks u JOIN companies c"
            " ON c.stock_symbol = u.stock_symbol WHERE c.sector = 'Energy'",
        ),
        (
            "fine. just give me the 5 biggest Financial Services names by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Financial Services'"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "ok back to work - which energy company has the most full time employees",
            "SELECT stock_symbol FROM companies WHERE sector = 'Energy'"
            " ORDER BY full_time_employees DESC LIMIT 1",
        ),
        (
            "ok different thing, how many users are there",
            "SELECT COUNT(*) FROM users",
        ),
    ],
)
def test_a_lead_in_is_set_aside(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_new_subject_after_a_dash_is_a_question_of_its_own(engine, seed_db):
    """'different user - when did user 99 sign up and how many …' counted user 14's … picks
    with user 99's filter and dropped the 'when' half: now the whole question is read (and
    declined, since it asks two things of two tables)."""
    plan = session(
        engine,
        seed_db,
        "what stocks did user 14 pick?",
        "different user - when did user 99 sign up and how many stocks have they picked?",
    )
    assert not plan.tasks[0].sql and plan.tasks[0].refusal
    plan = session(
        engine,
        seed_db,
        "what stocks did user 14 pick?",
        "different user - how many stocks has user 99 picked?",
    )
    gold = "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 99"
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question",
    [
        "how many utilities are in the index",
        "how many utilities names in the index?",
        "how many utilities does the index have",
    ],
)
def test_a_counted_value_names_the_rows_counted(engine, seed_db, question):
    """These counted the indexes (1) that hold a utility."""
    gold = (
        "SELECT COUNT(*) FROM companies JOIN index_compositions USING (stock_symbol)"
        " WHERE sector = 'Utilities'"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_value_before_its_noun_still_describes_the_noun(engine, seed_db):
    plan = ask(engine, seed_db, "how many AAPL picks are there")
    assert same_rows(
        seed_db, plan, "SELECT COUNT(*) FROM user_selected_stocks WHERE stock_symbol = 'AAPL'"
    )


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "what's user 14 holding",
            "SELECT stock_symbol FROM user_selected_stocks WHERE user_id = 14",
        ),
        (
            "show me what user 10 has selected",
            "SELECT stock_symbol FROM user_selected_stocks WHERE user_id = 10",
        ),
        (
            "how many ppl have TSLA on their list",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE stock_symbol = 'TSLA'",
        ),
        (
            "most picked ticker across users",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC LIMIT 1",
        ),
        (
            "most popular stocks with users, top 5",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC, stock_symbol LIMIT 5",
        ),
        (
            "sector with the most names in the index",
            "SELECT sector, COUNT(*) AS n FROM companies JOIN index_compositions"
            " USING (stock_symbol) GROUP BY sector ORDER BY n DESC LIMIT 1",
        ),
        (
            "what exchanges are there and how many companies on each",
            "SELECT exchange_symbol, COUNT(*) FROM companies GROUP BY exchange_symbol",
        ),
        (
            "What industries are in healthcare and how many companies in each?",
            "SELECT industry, COUNT(*) FROM companies WHERE sector = 'Healthcare'"
            " GROUP BY industry",
        ),
        (
            "Nvidia high and low for calendar 2023?",
            "SELECT MAX(high), MIN(low) FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
        (
            "what sector is Berkshire classified in?",
            "SELECT sector FROM companies WHERE stock_symbol = 'BRK-B'",
        ),
        (
            "What day did META have its heaviest volume in 2022?",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'META'"
            " AND record_date BETWEEN '2022-01-01' AND '2022-12-31' ORDER BY volume DESC LIMIT 1",
        ),
        (
            "which stocks have only been picked once?",
            "SELECT stock_symbol FROM user_selected_stocks GROUP BY stock_symbol"
            " HAVING COUNT(*) = 1",
        ),
        (
            "stocks picked by at least 10 users",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " HAVING COUNT(*) >= 10",
        ),
        (
            "how many stocks were picked by just one user",
            "SELECT COUNT(*) FROM (SELECT stock_symbol FROM user_selected_stocks"
            " GROUP BY stock_symbol HAVING COUNT(*) = 1)",
        ),
        (
            "how many picks go to companies based in texas",
            "SELECT COUNT(*) FROM user_selected_stocks JOIN companies USING (stock_symbol)"
            " WHERE state = 'TX'",
        ),
        (
            "how far back does the stock price data go",
            "SELECT MIN(record_date) FROM stock_price_history",
        ),
        (
            "which city has the most companies headquartered there",
            "SELECT city, COUNT(*) AS n FROM companies GROUP BY city ORDER BY n DESC LIMIT 1",
        ),
        (
            "which users have both Apple and Microsoft picked?",
            "SELECT user_id FROM user_selected_stocks WHERE stock_symbol IN ('AAPL', 'MSFT')"
            " GROUP BY user_id HAVING COUNT(*) = 2",
        ),
        (
            "energy stocks nobody has on their watchlist",
            "SELECT stock_symbol FROM companies WHERE sector = 'Energy' AND stock_symbol NOT IN"
            " (SELECT stock_symbol FROM user_selected_stocks)",
        ),
    ],
)
def test_the_apps_and_the_analysts_everyday_words(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_people_who_work_somewhere_are_still_employees(engine, seed_db):
    plan = ask(engine, seed_db, "how many people work at apple")
    gold = "SELECT full_time_employees FROM companies WHERE stock_symbol = 'AAPL'"
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question",
    [
        "is Apple the largest company by market cap?",
        "Is it true that Apple is the largest company by market cap?",
        "Is it true that Exxon is the largest company by market cap?",
    ],
)
def test_is_x_the_largest_shows_the_largest_not_x(engine, seed_db, question):
    """With the name as a condition the ranking found the name whatever its rank: 'is Exxon
    the largest' answered Exxon."""
    plan = ask(engine, seed_db, question)
    gold = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 1"
    assert same_rows(seed_db, plan, gold)
    assert "short_name = " not in plan.tasks[0].sql


def test_home_to_the_most(engine, seed_db):
    plan = ask(engine, seed_db, "Which state is home to the most companies?")
    gold = "SELECT state, COUNT(*) AS n FROM companies GROUP BY state ORDER BY n DESC LIMIT 1"
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "How many companies have a market cap of more than a trillion dollars?",
            "SELECT COUNT(*) FROM companies WHERE market_cap > 1000000000000",
        ),
        ("How many users does the app have?", "SELECT COUNT(*) FROM users"),
        ("how many users are on the app", "SELECT COUNT(*) FROM users"),
        (
            "which stock is the most popular in the app",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC LIMIT 1",
        ),
    ],
)
def test_the_app_and_amounts_in_words(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)
