"""Issue 12: symbols read as words ('%', '>'), arithmetic declined rather than dropped, a
named entity that replaces another in a follow-up, subject-less per-group rankings and the
value that lets rows into a list shown beside them."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session

from c2q_repl.sandbox.engine.preprocess import prepare


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "what % of companies are tech",
            "SELECT 100.0 * SUM(sector = 'Technology') / COUNT(*) FROM companies",
        ),
        (
            "companies with market cap > 100B",
            "SELECT stock_symbol, market_cap FROM companies WHERE market_cap > 100000000000",
        ),
        (
            "companies with market cap >= 1T",
            "SELECT stock_symbol FROM companies WHERE market_cap >= 1000000000000",
        ),
        (
            "companies with revenue growth above 10 %",
            "SELECT stock_symbol FROM companies WHERE revenue_growth > 0.1",
        ),
    ],
)
def test_symbols_read_as_words(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


@pytest.mark.parametrize(
    "question,operator",
    [
        ("close+open for AAPL on 2023-06-30", "+"),
        ("close - open for AAPL on 2023-06-30", "-"),
        ("market cap / employees for AAPL", "/"),
        ("companies with hq in new york/new jersey", "/"),
        ("AAPL close * 2 on 2023-06-30", "*"),
    ],
)
def test_arithmetic_is_declined_not_dropped(engine, seed_db, question, operator):
    """'close+open' once came back as the close alone: an operator is never ignored."""
    task = ask(engine, seed_db, question).tasks[0]
    assert task.refusal and f"'{operator}'" in task.refusal
    assert not task.sql


@pytest.mark.parametrize(
    "text", ["AAPL close on 2023-06-30", "w/ revenue growth above 10%", "b/w 2022 and 2023"]
)
def test_no_arithmetic_in_dates_percentages_and_abbreviations(text):
    assert prepare(text).arithmetic == ""


def test_a_named_company_replaces_the_previous_symbol(engine, seed_db):
    """'what about apple' after 'MSFT closing price on …': Apple instead of MSFT (once both,
    an empty answer)."""
    plan = session(engine, seed_db, "MSFT closing price on 2023-06-30", "what about apple")
    gold = (
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " AND record_date = '2023-06-30'"
    )
    assert same_rows(seed_db, plan, gold)
    said = " ".join(a["explanation"] for a in plan.tasks[0].assumptions)
    assert "replaced the condition" in said, said


@pytest.mark.parametrize(
    "question", ["top 3 by market cap in each sector", "top 3 by market cap per sector"]
)
def test_top_n_in_each_group_without_a_noun(engine, seed_db, question):
    """Once read as the 3 sectors with the largest total market cap."""
    gold = (
        "SELECT sector, stock_symbol, market_cap FROM (SELECT sector, stock_symbol, market_cap,"
        " ROW_NUMBER() OVER (PARTITION BY sector ORDER BY market_cap DESC, stock_symbol)"
        " AS rn FROM companies WHERE market_cap IS NOT NULL) WHERE rn <= 3"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_the_value_that_lets_rows_in_is_shown(engine, seed_db):
    plan = ask(engine, seed_db, "energy companies with market cap over 100B")
    gold = (
        "SELECT stock_symbol, market_cap FROM companies"
        " WHERE sector = 'Energy' AND market_cap > 100000000000"
    )
    assert same_rows(seed_db, plan, gold)
    assert len(rows(seed_db, plan)[0]) == 3  # symbol, name, market cap


def test_the_one_days_value_is_shown_beside_each_stock(engine, seed_db):
    """'stocks that closed above $500 on the last trading day': one close per stock, shown."""
    plan = ask(engine, seed_db, "stocks that closed above 500 on 2023-12-29")
    gold = (
        "SELECT stock_symbol, close FROM stock_price_history"
        " WHERE record_date = '2023-12-29' AND close > 500"
    )
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "avg daily volume for AMZN in the last quarter of 2022",
            "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date BETWEEN '2022-10-01' AND '2022-12-31'",
        ),
        (
            "AMZN average close in Q3 of 2023",
            "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'AMZN'"
            " AND record_date BETWEEN '2023-07-01' AND '2023-09-30'",
        ),
        (
            "how many s&p stocks has no user ever picked",
            "SELECT COUNT(*) FROM index_compositions WHERE index_symbol = 'SP500'"
            " AND stock_symbol NOT IN (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "which companies are hq'd outside the US",
            "SELECT stock_symbol, country_code FROM companies WHERE country_code <> 'US'",
        ),
    ],
)
def test_informal_periods_names_and_abbreviations(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def _first_last(table: str, value: str, where: str, start: str, end: str) -> str:
    days = f"(SELECT {{}}(record_date) FROM {table} WHERE {where} AND record_date BETWEEN '{start}' AND '{end}')"
    first = f"(SELECT {value} FROM {table} WHERE {where} AND record_date = {days.format('MIN')})"
    last = f"(SELECT {value} FROM {table} WHERE {where} AND record_date = {days.format('MAX')})"
    return f"SELECT {first}, {last}, 100.0 * ({last} - {first}) / {first}"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "How did Tesla's stock perform in 2023?",
            _first_last(
                "stock_price_history", "close", "stock_symbol = 'TSLA'", "2023-01-01", "2023-12-31"
            ),
        ),
        (
            "TSLA % change in 2023",
            _first_last(
                "stock_price_history", "close", "stock_symbol = 'TSLA'", "2023-01-01", "2023-12-31"
            ),
        ),
        (
            "how much did the s&p 500 index move over 2022, in percent?",
            _first_last(
                "index_price_history", "price", "index_symbol = 'SP500'", "2022-01-01", "2022-12-31"
            ),
        ),
    ],
)
def test_performance_and_moves_are_percentage_changes(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_how_did_without_a_change_word_is_still_declined(engine, seed_db):
    assert ask(engine, seed_db, "How did the stock do?").tasks[0].refusal


def test_that_day_moves_onto_the_new_subjects_dates(engine, seed_db):
    """'and the s&p index level that day?' once joined the index to every stock's prices."""
    plan = session(
        engine, seed_db, "MSFT closing price on 2023-06-30", "and the s&p index level that day?"
    )
    gold = "SELECT price FROM index_price_history WHERE record_date = '2023-06-30'"
    assert same_rows(seed_db, plan, gold)
    assert len(rows(seed_db, plan)) == 1


@pytest.mark.parametrize(
    "question", ["s&p 500 index high and low for 2022", "S&P 500 high in 2022"]
)
def test_a_column_far_from_the_named_row_is_declined(engine, seed_db, question):
    """Once the daily highs of every member stock: the index itself has no 'high'."""
    task = ask(engine, seed_db, question).tasks[0]
    assert "'high' is a column of stock_price_history, not of indexes" in task.refusal


@pytest.mark.parametrize(
    "question,limit",
    [
        ("what are the 3 most popular stocks among our users?", 3),
        ("10 most picked stocks by users", 10),
    ],
)
def test_most_picked_ranks_by_the_rows_that_pick(engine, seed_db, question, limit):
    """'the 3 most popular stocks': the stocks on the most watchlists (once 'could not tell
    what most ranks by')."""
    gold = (
        "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
        f" ORDER BY COUNT(*) DESC, stock_symbol LIMIT {limit}"
    )
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)
