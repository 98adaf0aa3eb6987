"""Issue 12: follow-ups on a list of rows that each have a series of dated rows ('their avg
close in december' after 'tech stocks with mkt cap over 500B'): one value per row shown, not
one number over all of them mixed (once answered as one average, silently)."""

from __future__ import annotations

from test_honesty import same_rows, session


def test_their_average_of_a_series_is_per_row(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "tech stocks with mkt cap over 500B",
        "their avg close in december 2023",
    )
    gold = (
        "SELECT s.stock_symbol, AVG(s.close) FROM stock_price_history s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE c.sector = 'Technology'"
        " AND c.market_cap > 500000000000 AND s.record_date BETWEEN '2023-12-01' AND"
        " '2023-12-31' GROUP BY s.stock_symbol"
    )
    assert same_rows(seed_db, plan, gold)


def test_their_own_value_or_a_total_stays_one_number(engine, seed_db):
    first = "tech stocks with mkt cap over 500B"
    plan = session(engine, seed_db, first, "their average market cap")
    gold = (
        "SELECT AVG(market_cap) FROM companies WHERE sector = 'Technology'"
        " AND market_cap > 500000000000"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, first, "their total volume in 2023")
    gold = (
        "SELECT SUM(s.volume) FROM stock_price_history s JOIN companies c"
        " ON c.stock_symbol = s.stock_symbol WHERE c.sector = 'Technology'"
        " AND c.market_cap > 500000000000 AND s.record_date LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold)


def test_people_said_with_a_verb_are_the_headcount(engine, seed_db):
    plan = session(engine, seed_db, "which sector employs the most people")
    gold = (
        "SELECT sector, SUM(full_time_employees) FROM companies GROUP BY sector"
        " ORDER BY 2 DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "ok, the 10 biggest by market cap then",
        "how many people work at those 10 combined",
    )
    gold = (
        "SELECT SUM(full_time_employees) FROM (SELECT full_time_employees FROM companies"
        " ORDER BY market_cap DESC LIMIT 10)"
    )
    assert same_rows(seed_db, plan, gold)


def test_which_of_the_n_after_one_row_is_declined(engine, seed_db):
    plan = session(
        engine, seed_db, "what is the market cap of apple", "which of the 2 has the most employees"
    )
    assert not plan.tasks[0].sql and "about one" in plan.tasks[0].refusal
    plan = session(engine, seed_db, "which of the 2 has the most employees")
    assert not plan.tasks[0].sql and "points back" in plan.tasks[0].refusal


def test_those_after_a_declined_narrowing_are_not_the_rows_before_it(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "biggest company in each sector",
        "just the ones paying a dividend over 2%",
        "how many people work at those",
    )
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_each_of_those_after_groups_and_after_a_ranked_list(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "avg market cap by sector, highest first",
        "only the top 3",
        "and how many companies does each of those have?",
    )
    gold = (
        "SELECT sector, COUNT(*) FROM companies WHERE sector IN (SELECT sector FROM companies"
        " GROUP BY sector ORDER BY AVG(market_cap) DESC LIMIT 3) GROUP BY sector"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "top 5 cos by full_time_employees", "what sector is each of them in?"
    )
    gold = "SELECT stock_symbol, sector FROM companies ORDER BY full_time_employees DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "sectors ranked by total market cap")
    gold = "SELECT sector, SUM(market_cap) FROM companies GROUP BY sector ORDER BY 2 DESC"
    assert same_rows(seed_db, plan, gold)


def test_each_of_them_after_rows_found_by_a_condition_is_never_one_total(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "companies in ohio",
        "how many users picked each of them",
    )
    task = plan.tasks[0]
    assert task.refusal or len(seed_db.query(task.sql).rows) > 1


def test_the_top_one_declined_then_them_is_not_every_row(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "sectors ranked by total market cap",
        "how many companies are in the top one?",
        "top 3 of them by revenue growth",
    )
    task = plan.tasks[0]
    if not task.refusal:  # the top one is Technology: its three, never the top 3 of all
        gold = (
            "SELECT stock_symbol, revenue_growth FROM companies WHERE sector = 'Technology'"
            " ORDER BY revenue_growth DESC LIMIT 3"
        )
        assert same_rows(seed_db, plan, gold)
