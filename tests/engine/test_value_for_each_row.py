"""Issue 12: 'each of them' after a list of rows asks one value per row shown. These were
declined ('I could not tell what each applies to') or, once read, kept a condition that had
only chosen the rows ('how many stocks did each pick' after 'who picked META': 1 each)."""

from __future__ import annotations

import sqlite3

from test_honesty import rows, same_rows, session

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.engine import create_answerer


def test_a_count_for_each_user_of_a_plain_list(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "list users who signed up since nov 22",
        "how many stocks did each of them pick",
    )
    gold = (
        "SELECT user_id, COUNT(*) FROM user_selected_stocks WHERE user_id IN"
        " (SELECT user_id FROM users WHERE created_date >= '2023-11-22') GROUP BY user_id"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_user_with_no_pick_is_counted_as_zero(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "list users who joined in may",
        "how many picks does each of them have",
    )
    gold = (
        "SELECT u.user_id, COUNT(s.stock_symbol) FROM users u LEFT JOIN user_selected_stocks s"
        " ON s.user_id = u.user_id WHERE u.created_date >= '2023-05-01'"
        " AND u.created_date < '2023-06-01' GROUP BY u.user_id"
    )
    zero = seed_db.query(
        "SELECT COUNT(*) FROM users u WHERE u.created_date LIKE '2023-05%' AND NOT EXISTS"
        " (SELECT 1 FROM user_selected_stocks s WHERE s.user_id = u.user_id)"
    ).rows
    assert int(zero[0][0]) >= 1  # the data has such a user: the test can fail
    assert same_rows(seed_db, plan, gold)


def test_the_condition_that_chose_the_rows_is_not_kept(engine, seed_db):
    for first in ("which users have META in their picks", "who picked both apple and msft"):
        plan = session(engine, seed_db, first, "how many stocks has each of them picked")
        counts = [int(r[-1]) for r in rows(seed_db, plan)]
        assert counts and max(counts) > 2, (first, counts)
    plan = session(
        engine,
        seed_db,
        "which users have META in their picks",
        "how many stocks has each of them picked",
    )
    gold = (
        "SELECT user_id, COUNT(*) FROM user_selected_stocks WHERE user_id IN"
        " (SELECT user_id FROM user_selected_stocks WHERE stock_symbol = 'META')"
        " GROUP BY user_id"
    )
    assert same_rows(seed_db, plan, gold)


def test_conditions_on_what_is_counted_stay(engine, seed_db):
    first = "which stocks had at least one day with volume over 50 million in 2023"
    second = "how many days did each of them have"
    gold = (
        "SELECT stock_symbol, COUNT(*) FROM stock_price_history WHERE record_date"
        " BETWEEN '2023-01-01' AND '2023-12-31' AND volume > 50000000 GROUP BY stock_symbol"
    )
    assert same_rows(seed_db, session(engine, seed_db, first, second), gold)
    # and the per-row counts are then ranked by 'just the top 3'
    plan = session(engine, seed_db, first, second, "just the top 3")
    assert same_rows(seed_db, plan, gold + " ORDER BY COUNT(*) DESC LIMIT 3")


def test_users_of_each_of_a_top_5(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 companies by market cap", "how many users picked each of them"
    )
    gold = (
        "SELECT stock_symbol, COUNT(DISTINCT user_id) FROM user_selected_stocks WHERE"
        " stock_symbol IN (SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5)"
        " GROUP BY stock_symbol"
    )
    assert same_rows(seed_db, plan, gold)


def test_for_each_of_named_groups_keeps_their_condition(engine, seed_db):
    plan = session(
        engine, seed_db, "how many companies are on nasdaq vs nyse?", "avg market cap for each?"
    )
    gold = (
        "SELECT exchange_symbol, AVG(market_cap) FROM companies"
        " WHERE exchange_symbol IN ('NMS', 'NYQ') GROUP BY exchange_symbol"
    )
    assert same_rows(seed_db, plan, gold)


def test_one_group_ranked_against_itself_is_declined(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many companies on nasdaq vs nyse",
        "avg market cap for each",
        "the biggest one in nasdaq?",
    )
    assert "keeps only one of them" in plan.tasks[0].refusal


def test_when_they_added_each_one(engine, seed_db):
    plan = session(engine, seed_db, "what stocks has user 7 selected", "when did they add each one")
    gold = "SELECT stock_symbol, created_date FROM user_selected_stocks WHERE user_id = 7"
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "how many users have Tesla on their list?",
        "when did each of them add it",
    )
    gold = "SELECT user_id, created_date FROM user_selected_stocks WHERE stock_symbol = 'TSLA'"
    assert same_rows(seed_db, plan, gold)


def test_each_of_them_on_a_database_of_its_own(tmp_path):
    """No synonym file: the count per team is beside each team's name, 0 for an empty one."""
    path = tmp_path / "league.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE team (Team_ID INTEGER PRIMARY KEY, Team_Name TEXT, City TEXT);
        CREATE TABLE player (Player_ID INTEGER PRIMARY KEY, Name TEXT,
                             Team_ID INTEGER REFERENCES team(Team_ID));
        INSERT INTO team VALUES (1, 'Red Lions', 'London'), (2, 'Blue Bees', 'London'),
                                (3, 'Green Owls', 'Leeds');
        INSERT INTO player VALUES (1, 'Ann', 1), (2, 'Bo', 1), (3, 'Cy', 3);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        engine = create_answerer("builtin")
        plan = session(
            engine, db, "Which teams are from London?", "how many players does each of them have?"
        )
        got = {(r[1], int(r[2])) for r in rows(db, plan)}
        assert got == {("Red Lions", 2), ("Blue Bees", 0)}
    finally:
        db.close()
