"""Issue 12: one slip of the keyboard ('microsft', 'utilites', 'pirce') is read as the one
known word a single edit away and the rewrite is told; 'nobody picked' is an anti-join; a
lowercase nickname listed beside another name ('coke vs pepsi') is a name."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows

from c2q_repl.sandbox.engine.spelling import _one_edit


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "avg revenue growth for utilites",
            "SELECT AVG(revenue_growth) FROM companies WHERE sector = 'Utilities'",
        ),
        (
            "how many companies trade on each exchnage",
            "SELECT exchange_symbol, COUNT(*) FROM companies GROUP BY exchange_symbol",
        ),
        (
            "avg closing pirce of nike in q4 2022",
            "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'NKE'"
            " AND record_date BETWEEN '2022-10-01' AND '2022-12-31'",
        ),
    ],
)
def test_one_typing_slip_is_read_as_the_word_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold)
    typed = next(w for w in question.split() if w in ("utilites", "exchnage", "pirce"))
    assert any(a["concept"] == typed for a in plan.assumptions)  # the rewrite is told


def test_one_edit_is_a_slip_inside_a_word():
    assert _one_edit("pirce", "price")  # two letters swapped
    assert _one_edit("utilite", "utility")  # one changed
    assert _one_edit("exchnage", "exchange")
    assert not _one_edit("price", "price")
    assert not _one_edit("prce", "pricey")


def test_another_word_one_letter_longer_is_not_a_slip(engine, seed_db):
    """'people' → 'person' is not the film 'Persona'; 'manages' is not 'manager'."""
    task = ask(engine, seed_db, "how many persons work at apple").tasks[0]
    assert "persona" not in (task.sql or "").lower()


@pytest.mark.parametrize(
    "question",
    [
        "which companies has nobody selected?",
        "companies nobody picked",
        "which companies did no one select",
    ],
)
def test_nobody_picked_is_never_picked(engine, seed_db, question):
    gold = (
        "SELECT stock_symbol FROM companies WHERE stock_symbol NOT IN"
        " (SELECT stock_symbol FROM user_selected_stocks)"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


@pytest.mark.parametrize(
    "question", ["compare coke and pepsi market cap", "pepsi vs coke market cap"]
)
def test_a_nickname_listed_beside_a_name_is_a_name(engine, seed_db, question):
    gold = "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN ('KO', 'PEP')"
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_a_nickname_alone_in_lowercase_is_still_asked_about(engine, seed_db):
    task = ask(engine, seed_db, "how many bank stocks").tasks[0]
    assert not task.sql and "Bank of America" in task.refusal


def test_the_rows_an_absence_excluded_are_never_joined_back(engine, seed_db):
    from test_honesty import session

    plan = session(
        engine,
        seed_db,
        "which companies has nobody picked?",
        "of those, which are Energy companies",
        "and the energy ones that WERE picked?",
    )
    assert not plan.tasks[0].sql  # once an always-empty join of the picks it had excluded


def test_which_one_after_an_answer_about_one_row_is_declined(engine, seed_db):
    from test_honesty import session

    plan = session(
        engine,
        seed_db,
        "Apple closing price on 2023-06-15",
        "and microsoft?",
        "which one had the higher volume that day",
    )
    assert not plan.tasks[0].sql and "compares rows" in plan.tasks[0].refusal


def test_at_least_n_index_companies_counts_the_companies(engine, seed_db):
    plan = ask(engine, seed_db, "Which cities host at least 15 index companies?")
    gold = "SELECT city, COUNT(*) FROM companies GROUP BY city HAVING COUNT(*) >= 15"
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many stock selections did users make in Dec 2023?",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date LIKE '2023-12%'",
        ),
        (
            "how many users added a stock to their watchlist in december 2023",
            "SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks"
            " WHERE created_date LIKE '2023-12%'",
        ),
    ],
)
def test_a_period_dates_the_event_that_links_the_rows(engine, seed_db, question, gold):
    """Once declined as 'can date users.created_date or user_selected_stocks.created_date'."""
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_the_most_of_a_measure_in_total(engine, seed_db):
    plan = ask(engine, seed_db, "Which sector has the most employees in total?")
    gold = (
        "SELECT sector, SUM(full_time_employees) FROM companies GROUP BY sector"
        " ORDER BY 2 DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_which_stocks_were_they_after_a_count_of_picks_in_a_month(engine, seed_db):
    """Once every company: the month that picked the counted rows was dropped."""
    from test_honesty import session

    plan = session(
        engine,
        seed_db,
        "how many stock selections did users make in Dec 2023?",
        "which stocks were they",
    )
    gold = (
        "SELECT DISTINCT stock_symbol FROM user_selected_stocks WHERE created_date LIKE '2023-12%'"
    )
    assert same_rows(seed_db, plan, gold)


def test_how_many_picked_in_total_counts_every_pick(engine, seed_db):
    from test_honesty import session

    plan = session(
        engine,
        seed_db,
        "which users signed up in nov 2023?",
        "how many stocks did they pick in total",
    )
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id IN"
        " (SELECT user_id FROM users WHERE created_date LIKE '2023-11%')"
    )
    assert same_rows(seed_db, plan, gold)
    plan = ask(engine, seed_db, "how many different stocks have been picked in total")
    gold = "SELECT COUNT(DISTINCT stock_symbol) FROM user_selected_stocks"
    assert same_rows(seed_db, plan, gold)


def test_a_doubled_letter_typed_once_and_words_of_dates(engine, seed_db):
    plan = ask(engine, seed_db, "companies with more than 100k employes")
    gold = "SELECT stock_symbol FROM companies WHERE full_time_employees > 100000"
    assert same_rows(seed_db, plan, gold)
    plan = ask(engine, seed_db, "average closing price of JPM in the last quater of 2022")
    gold = (
        "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'JPM'"
        " AND record_date BETWEEN '2022-10-01' AND '2022-12-31'"
    )
    assert same_rows(seed_db, plan, gold)
