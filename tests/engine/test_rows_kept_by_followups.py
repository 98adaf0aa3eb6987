"""Issue 12: follow-ups that lost the previous answer's rows and answered wrongly — 'avg
growth for those 3 sectors' re-ranked every sector, 'which of those are energy stocks?'
after the count of picked stocks listed every energy stock, 'how many of them have AAPL on
their list?' after a count of users counted companies, and 'how many trading days did the
index close above 5,500' counted stock-price dates."""

from __future__ import annotations

from test_honesty import ask, rows, same_rows, session


def test_an_aggregate_for_those_top_groups_keeps_the_groups(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "total market cap by sector",
        "top 3 only",
        "avg revenue_growth for those 3 sectors",
    )
    gold = seed_db.query(
        "SELECT c.sector, AVG(c.revenue_growth) FROM companies c JOIN (SELECT sector FROM"
        " companies GROUP BY sector ORDER BY SUM(market_cap) DESC LIMIT 3) t ON c.sector ="
        " t.sector GROUP BY c.sector"
    ).rows
    shown = rows(seed_db, plan)
    assert len(shown) == 3
    got = {r[0]: float(r[-1]) for r in shown}
    assert got.keys() == {g[0] for g in gold}
    assert all(abs(got[g[0]] - float(g[1])) < 1e-9 for g in gold)


def test_which_of_those_keeps_the_rows_an_inner_join_kept(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many different stocks have users selected overall?",
        "which of those are energy stocks?",
    )
    gold = (
        "SELECT DISTINCT u.stock_symbol FROM user_selected_stocks u JOIN companies c"
        " ON c.stock_symbol = u.stock_symbol WHERE c.sector = 'Energy'"
    )
    assert same_rows(seed_db, plan, gold)


def test_how_many_of_them_counts_them(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many users are registered in total?",
        "And how many of them have AAPL on their list?",
    )
    gold = "SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks WHERE stock_symbol = 'AAPL'"
    assert same_rows(seed_db, plan, gold)


def test_the_days_counted_are_those_of_the_compared_rows(engine, seed_db):
    plan = ask(engine, seed_db, "how many trading days did the index close above 4,500?")
    gold = "SELECT COUNT(*) FROM index_price_history WHERE price > 4500"
    assert "stock_price_history" not in plan.tasks[0].sql
    assert same_rows(seed_db, plan, gold)


def test_that_after_a_declined_question_is_not_the_answer_before_it(engine, seed_db):
    """'what day was that' after a declined 'highest it got in 2023?' listed every stock
    price date of the S&P 500's members (the rows of the answer before)."""
    plan = session(
        engine,
        seed_db,
        "where was the s&p 500 at on the last day in the data",
        "what is its p/e ratio?",
        "what day was that",
    )
    assert not plan.tasks[0].sql and "previous question" in plan.tasks[0].refusal


def test_their_values_keep_the_join_of_the_rows_listed(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many ppl picked at least 1 energy stock?",
        "list those energy stocks",
        "and their revenue growth",
    )
    gold = (
        "SELECT stock_symbol, revenue_growth FROM companies WHERE sector = 'Energy' AND"
        " stock_symbol IN (SELECT stock_symbol FROM user_selected_stocks)"
    )
    assert same_rows(seed_db, plan, gold)


def test_the_value_on_another_day_is_of_the_one_series_named(engine, seed_db):
    """'what was the close on the last trading day of 2022' after NVDA's latest close and
    volume listed every stock's close that day."""
    plan = session(
        engine,
        seed_db,
        "latest close for NVDA",
        "and the volume that day?",
        "what was the close on the last trading day of 2022",
    )
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'NVDA' AND record_date ="
        " (SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'NVDA'"
        " AND record_date < '2023-01-01')"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "latest close for NVDA", "what was the close on 2023-06-30")
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'NVDA'"
        " AND record_date = '2023-06-30'"
    )
    assert same_rows(seed_db, plan, gold)


def test_their_average_that_month_is_one_per_row(engine, seed_db):
    """Once one average over the five stocks together."""
    plan = session(
        engine,
        seed_db,
        "most traded stock by total volume in dec 2023",
        "top 5 then",
        "what was their average daily volume that month",
    )
    gold = (
        "SELECT stock_symbol, AVG(volume) FROM stock_price_history WHERE record_date BETWEEN"
        " '2023-12-01' AND '2023-12-31' AND stock_symbol IN (SELECT stock_symbol FROM"
        " stock_price_history WHERE record_date BETWEEN '2023-12-01' AND '2023-12-31' GROUP BY"
        " stock_symbol ORDER BY SUM(volume) DESC LIMIT 5) GROUP BY stock_symbol"
    )
    assert same_rows(seed_db, plan, gold)


def test_how_much_do_they_weigh_all_together(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Top 5 California companies in the index by weight",
        "how much do they weigh all together",
    )
    gold = (
        "SELECT SUM(weight) FROM (SELECT ic.weight FROM index_compositions ic JOIN companies c"
        " ON c.stock_symbol = ic.stock_symbol WHERE c.state = 'CA' ORDER BY ic.weight DESC"
        " LIMIT 5)"
    )
    assert same_rows(seed_db, plan, gold)
