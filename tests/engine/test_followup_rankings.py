"""Issue 12: follow-ups that rank, list or point at the previous answer's value — each once
answered wrongly: 'list them, biggest first' after a count (the count again), 'just the 3
worst' (three rows in key order), 'its highest price' after a stock (an index's price), 'the
highest level it reached' (every row sorted), 'how many users are at that number' (all users)."""

from __future__ import annotations

import pytest
from test_honesty import rows, same_rows, session


@pytest.mark.parametrize(
    "asked,order", [("list them, biggest first", "DESC"), ("show them smallest first", "ASC")]
)
def test_list_them_by_size_after_a_count(engine, seed_db, asked, order):
    plan = session(engine, seed_db, "how many energy companies are there?", asked)
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Energy'"
        f" ORDER BY market_cap {order}"
    )
    assert same_rows(seed_db, plan, gold)


def test_an_edit_that_changes_nothing_is_declined(engine, seed_db):
    plan = session(engine, seed_db, "how many energy companies are there?", "sort descending")
    task = plan.tasks[0]
    assert not task.sql and "same answer" in task.refusal


def test_the_worst_of_an_unranked_list_ranks_by_its_condition(engine, seed_db):
    plan = session(
        engine, seed_db, "Utilities companies with negative revenue growth", "just the 3 worst"
    )
    gold = (
        "SELECT stock_symbol, revenue_growth FROM companies WHERE sector = 'Utilities'"
        " AND revenue_growth < 0 ORDER BY revenue_growth ASC LIMIT 3"
    )
    assert same_rows(seed_db, plan, gold)


def test_its_price_after_a_stock_is_never_an_index_price(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "what's the latest closing price for amazon",
        "what was its highest price in december 2023",
    )
    task = plan.tasks[0]
    assert not task.sql and "high" in task.refusal  # the close or the day's high: asked
    plan = session(
        engine,
        seed_db,
        "what's the latest closing price for amazon",
        "what was its highest close in december 2023",
    )
    gold = (
        "SELECT MAX(close) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " AND record_date LIKE '2023-12%'"
    )
    assert same_rows(seed_db, plan, gold)


def test_the_highest_level_it_reached_is_one_value_and_its_day(engine, seed_db):
    first = "What was the S&P 500 index level on 2023-03-15?"
    then = "and the highest level it reached in Q4 2022?"
    plan = session(engine, seed_db, first, then)
    gold = (
        "SELECT MAX(price) FROM index_price_history WHERE index_symbol = 'SP500'"
        " AND record_date BETWEEN '2022-10-01' AND '2022-12-31'"
    )
    assert same_rows(seed_db, plan, gold)
    assert len(rows(seed_db, plan)) == 1
    plan = session(engine, seed_db, first, then, "On which day was that?")
    assert rows(seed_db, plan)[0][0] == "2022-10-04"


def test_that_number_of_a_previous_answer_is_declined(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "What is the maximum number of stocks that any single user has selected?",
        "How many users are at that number?",
    )
    task = plan.tasks[0]
    assert not task.sql and "that number" in task.refusal


def test_the_current_share_price_of_those_companies(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "which industry has the most companies",
        "which of those companies has the highest current share price?",
    )
    gold = (
        "SELECT stock_symbol, current_price FROM companies WHERE industry ="
        " 'Drug Manufacturers—General' ORDER BY current_price DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "first,gold",
    [
        (
            "highest closing price ever for TSLA",
            "SELECT MIN(close) FROM stock_price_history WHERE stock_symbol = 'TSLA'",
        ),
        (
            "max close of MSFT in 2022",
            "SELECT MIN(close) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date LIKE '2022%'",
        ),
        (
            "which company has the highest market cap",
            "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap ASC LIMIT 1",
        ),
    ],
)
def test_and_the_lowest_is_the_other_end_of_the_same_question(engine, seed_db, first, gold):
    plan = session(engine, seed_db, first, "and the lowest?")
    assert same_rows(seed_db, plan, gold)


def test_all_of_them_after_one_row_of_a_list_is_the_whole_list(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "list the non-US companies and their country",
        "which of them has the biggest market cap",
        "total employees across all of them?",
    )
    gold = "SELECT SUM(full_time_employees) FROM companies WHERE country_code <> 'US'"
    assert same_rows(seed_db, plan, gold)


def test_each_named_rows_period_highs_and_then_lows(engine, seed_db):
    """'2023 highs for META, AAPL and AMZN' once listed every daily high of all three, and
    'and the lows' then took the highest low."""
    first = "2023 highs for META, AAPL and AMZN"
    period = "record_date LIKE '2023%' AND stock_symbol IN ('META', 'AAPL', 'AMZN')"
    plan = session(engine, seed_db, first)
    gold = (
        "SELECT short_name, MAX(high) FROM stock_price_history JOIN companies"
        f" USING (stock_symbol) WHERE {period} GROUP BY 1"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, first, "and the lows")
    gold = f"SELECT stock_symbol, MIN(low) FROM stock_price_history WHERE {period} GROUP BY 1"
    assert same_rows(seed_db, plan, gold)


def test_a_change_over_a_period_outside_the_data_is_declined(engine, seed_db):
    task = session(engine, seed_db, "how much did NVDA go up in 2024").tasks[0]
    assert not task.sql and "The data covers" in task.refusal


@pytest.mark.parametrize(
    "asked", ["only the ones with more than 60", "only sectors with more than 60"]
)
def test_only_the_groups_over_a_count(engine, seed_db, asked):
    plan = session(engine, seed_db, "how many companies per sector", asked)
    gold = "SELECT sector, COUNT(*) FROM companies GROUP BY sector HAVING COUNT(*) > 60"
    assert same_rows(seed_db, plan, gold)


def test_sort_them_after_a_top_n_keeps_those_rows(engine, seed_db):
    """Once re-ranked every company: the top 5 by revenue growth, not the five biggest."""
    plan = session(engine, seed_db, "top 5 companies by market cap", "sort them by revenue growth")
    top = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5"
    gold = (
        f"SELECT stock_symbol, revenue_growth FROM companies WHERE stock_symbol IN ({top})"
        " ORDER BY revenue_growth DESC"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine, seed_db, "list tech companies in california", "sort them by ebitda, biggest first"
    )
    gold = (
        "SELECT stock_symbol, ebitda FROM companies WHERE sector = 'Technology' AND state = 'CA'"
        " ORDER BY ebitda DESC"
    )
    assert same_rows(seed_db, plan, gold)


def test_a_measure_for_each_of_the_groups_shown(engine, seed_db):
    plan = session(
        engine, seed_db, "how many companies trade on each exchange", "avg market cap for each?"
    )
    gold = "SELECT exchange_symbol, AVG(market_cap) FROM companies GROUP BY exchange_symbol"
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "list the sectors", "how many companies in each")
    gold = "SELECT sector, COUNT(*) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold)


def test_how_many_picked_any_of_those_is_one_count(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 5 companies by market cap",
        "how many different users picked any of those",
    )
    top = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5"
    gold = f"SELECT COUNT(DISTINCT user_id) FROM user_selected_stocks WHERE stock_symbol IN ({top})"
    assert same_rows(seed_db, plan, gold)


def test_their_closes_after_the_top_of_each_group_are_those_rows(engine, seed_db):
    """Once every company of the two sectors (the sector condition, not the rows kept)."""
    plan = session(
        engine,
        seed_db,
        "biggest company by market cap in each sector",
        "only tech and consumer defensive",
        "what were their closing prices on the last day of 2023",
    )
    gold = (
        "SELECT stock_symbol, close FROM stock_price_history WHERE record_date = '2023-12-29'"
        " AND stock_symbol IN ('AAPL', 'WMT')"
    )
    assert same_rows(seed_db, plan, gold)


def test_top_stocks_added_in_a_month_are_the_most_added(engine, seed_db):
    """'top 3 stocks added to watchlists in feb 2023' once ranked those added by market cap;
    'added to watchlists' is read as picked (shorthand.py): the 3 picked most that month."""
    plan = session(engine, seed_db, "top 3 stocks added to watchlists in feb 2023")
    gold = (
        "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks WHERE created_date >="
        " '2023-02-01' AND created_date < '2023-03-01' GROUP BY stock_symbol"
        " ORDER BY n DESC, stock_symbol LIMIT 3"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_list_the_ones_after_counts_per_group_lists_rows(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many companies trade on NASDAQ vs NYSE?",
        "and their total market cap?",
        "list the nasdaq ones in healthcare",
    )
    gold = (
        "SELECT stock_symbol, short_name FROM companies WHERE exchange_symbol = 'NMS'"
        " AND sector = 'Healthcare'"
    )
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "avg market cap per sector", "list the top 5")
    gold = "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector ORDER BY 2 DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold)


def test_rows_kept_from_the_top_of_each_group_show_their_group(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "For each sector, which company has the highest market cap?",
        "only the ones with mkt cap above $500bn",
    )
    gold = (
        "SELECT sector, stock_symbol, market_cap FROM companies c WHERE market_cap ="
        " (SELECT MAX(market_cap) FROM companies d WHERE d.sector = c.sector)"
        " AND market_cap > 500000000000"
    )
    assert same_rows(seed_db, plan, gold)


def test_only_the_groups_with_more_rows_beside_an_average(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "average revenue growth per sector",
        "only sectors with more than 50 companies",
    )
    gold = "SELECT sector, AVG(revenue_growth) FROM companies GROUP BY sector HAVING COUNT(*) > 50"
    assert same_rows(seed_db, plan, gold)
    plan = session(engine, seed_db, "avg current price by sector", "only sectors above 150")
    gold = (
        "SELECT sector, AVG(current_price) FROM companies GROUP BY sector"
        " HAVING AVG(current_price) > 150"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "first,then,gold",
    [
        (
            "AAPL close on 2023-06-30",
            "and microsoft same day?",
            "SELECT close FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date = '2023-06-30'",
        ),
        (
            "avg close of AAPL in 2022",
            "and microsoft for the same year",
            "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date LIKE '2022%'",
        ),
    ],
)
def test_the_same_day_or_year_keeps_the_previous_period(engine, seed_db, first, then, gold):
    assert same_rows(seed_db, session(engine, seed_db, first, then), gold)


def test_the_same_quarter_in_another_year_is_that_quarter_of_that_year(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how did the S&P 500 index do in the last quarter of 2022? % change",
        "and the same quarter in 2023?",
    )
    sql = plan.tasks[0].sql  # once the whole of 2023 (then declined): Q4 2023
    assert "'2023-10-01'" in sql and "'2024-01-01'" in sql and "'2023-01-01'" not in sql, sql


@pytest.mark.parametrize("asked", ["also nvidia", "add nvidia", "and nvidia too"])
def test_also_a_name_adds_it_to_the_rows_compared(engine, seed_db, asked):
    """'also nvidia' once replaced Apple and Microsoft with NVIDIA alone."""
    plan = session(engine, seed_db, "compare market cap of apple and microsoft", asked)
    gold = (
        "SELECT stock_symbol, market_cap FROM companies"
        " WHERE stock_symbol IN ('AAPL', 'MSFT', 'NVDA')"
    )
    assert same_rows(seed_db, plan, gold)


def test_add_a_column_too_shows_it_beside_the_rows(engine, seed_db):
    plan = session(engine, seed_db, "AAPL close on 2023-06-30", "add the volume too")
    gold = (
        "SELECT close, volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " AND record_date = '2023-06-30'"
    )
    assert same_rows(seed_db, plan, gold)
