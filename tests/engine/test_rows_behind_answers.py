"""Follow-ups about the rows behind an answer: the day of a maximum, each row's date beside
the row, a stock named on price rows used by a question about picks, and two named groups
compared."""

from __future__ import annotations

from test_honesty import ask, rows, same_rows, session


def test_the_day_of_a_maximum(engine, seed_db):
    """'on which day' after 'max high price of AMZN in 2023' (one number) was declined."""
    plan = session(engine, seed_db, "max high price of AMZN in 2023", "on which day")
    gold = (
        "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " AND record_date BETWEEN '2023-01-01' AND '2023-12-31' AND high = (SELECT MAX(high)"
        " FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " AND record_date BETWEEN '2023-01-01' AND '2023-12-31')"
    )
    assert same_rows(seed_db, plan, gold)


def test_each_users_date_beside_the_user(engine, seed_db):
    plan = session(engine, seed_db, "which users picked TSLA?", "when did they sign up?")
    gold = (
        "SELECT user_id, created_date FROM users WHERE user_id IN"
        " (SELECT user_id FROM user_selected_stocks WHERE stock_symbol = 'TSLA')"
    )
    assert same_rows(seed_db, plan, gold)
    assert all(len(r) >= 2 for r in rows(seed_db, plan))


def test_after_a_count_dates_keep_their_rows_and_categories_are_listed_once(engine, seed_db):
    plan = session(
        engine, seed_db, "users that never selected a stock", "how many", "when did they sign up"
    )
    gold = (
        "SELECT user_id, created_date FROM users WHERE user_id NOT IN"
        " (SELECT user_id FROM user_selected_stocks)"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "How many companies have no EBITDA figure at all?",
        "which sectors are they in",
    )
    assert same_rows(seed_db, plan, "SELECT DISTINCT sector FROM companies WHERE ebitda IS NULL")


def test_a_stock_named_on_price_rows_is_that_stock_for_its_picks(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "highest close for META in 2023",
        "on which day was that?",
        "how many users picked it?",
    )
    gold = "SELECT COUNT(*) FROM user_selected_stocks WHERE stock_symbol = 'META'"
    assert same_rows(seed_db, plan, gold)


def test_several_ranked_rows_are_not_read_as_their_index(engine, seed_db):
    """'their market caps?' after the top 5 weights is never every company in the index."""
    plan = session(engine, seed_db, "top 5 s&p weights", "their market caps?")
    task = plan.tasks[0]
    assert not task.sql or len(rows(seed_db, plan)) == 5


def test_which_of_two_named_groups_has_more(engine, seed_db):
    plan = ask(engine, seed_db, "which exchange has more companies, NYSE or NASDAQ?")
    gold = (
        "SELECT exchange_symbol, COUNT(*) FROM companies WHERE exchange_symbol IN ('NYQ', 'NMS')"
        " GROUP BY exchange_symbol ORDER BY COUNT(*) DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)
    plan = ask(engine, seed_db, "which sector has fewer companies: energy or utilities")
    gold = (
        "SELECT sector, COUNT(*) FROM companies WHERE sector IN ('Energy', 'Utilities')"
        " GROUP BY sector ORDER BY COUNT(*) ASC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_end_of_a_period_said_first(engine, seed_db):
    """'and end of 2023?' after the level at the end of 2022 (no 'at the')."""
    plan = session(engine, seed_db, "S&P 500 index level at the end of 2022", "and end of 2023?")
    gold = (
        "SELECT price FROM index_price_history WHERE record_date ="
        " (SELECT MAX(record_date) FROM index_price_history WHERE record_date < '2024-01-01')"
    )
    assert [r[-1] for r in rows(seed_db, plan)] == [seed_db.query(gold).rows[0][0]]


def test_the_date_of_a_stock_ranked_by_a_price(engine, seed_db):
    """'when was that' after 'which stock had the highest closing price' (companies ranked
    by a price column): the day of that price."""
    plan = session(engine, seed_db, "which stock had the highest closing price", "when was that")
    gold = (
        "SELECT record_date, stock_symbol, close FROM stock_price_history"
        " ORDER BY close DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)
