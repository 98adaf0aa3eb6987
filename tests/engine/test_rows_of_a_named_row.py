"""'user 61 picks?', 'whats on user 8s watchlist': the rows of the table named beside one
named row (echo.linked_rows_of), not that row's id repeated; and rankings asked after one
named row (followups.py)."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session


@pytest.mark.parametrize(
    "question,user",
    [("user 61 picks?", 61), ("whats on user 8s watchlist", 8), ("user 8 watchlist", 8)],
)
def test_a_users_picks_are_the_picks_not_the_user(engine, seed_db, question, user):
    plan = ask(engine, seed_db, question)
    gold = f"SELECT stock_symbol FROM user_selected_stocks WHERE user_id = {user}"
    assert same_rows(seed_db, plan, gold)


def test_did_a_user_pick_a_stock_shows_that_pick(engine, seed_db):
    user, symbol = seed_db.query(
        "SELECT user_id, stock_symbol FROM user_selected_stocks ORDER BY user_id LIMIT 1"
    ).rows[0]
    plan = ask(engine, seed_db, f"did user {user} ever pick {symbol}")
    assert [list(map(str, r))[:2] for r in rows(seed_db, plan)] == [[str(user), str(symbol)]]


def test_a_number_after_a_table_names_a_row_it_counts_nothing(engine, seed_db):
    plan = ask(engine, seed_db, "how many users have more than 5 picks")
    gold = (
        "SELECT COUNT(*) FROM (SELECT user_id FROM user_selected_stocks GROUP BY user_id"
        " HAVING COUNT(*) > 5)"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_top_n_after_one_named_row_ranks_every_row(engine, seed_db):
    plan = session(engine, seed_db, "what is the market cap of apple", "top 5 by market cap")
    gold = "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold)
    assert "short_name" in plan.tasks[0].sql  # which company each value is


def test_a_top_n_after_two_named_rows_asks_which_rows(engine, seed_db):
    plan = session(engine, seed_db, "whats walmarts weight in the s&p", "top 10 by index weight")
    assert plan.tasks[0].refusal and not plan.tasks[0].sql


def test_the_groups_said_again_are_every_group(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "which sector has the most companies",
        "and total mkt cap per sector, biggest first",
    )
    gold = "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector ORDER BY t DESC"
    assert same_rows(seed_db, plan, gold)
    # without the groups said again it is still the top sector's total beside its count
    plan = session(
        engine, seed_db, "which sector has the most companies?", "and the total market cap?"
    )
    assert len(rows(seed_db, plan)) == 1
