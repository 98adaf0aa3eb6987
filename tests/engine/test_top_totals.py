"""Issue 12: a total over the rows a ranking keeps ('combined market cap of the top 5
companies'). Once answered as each of the top 10 rows' own total (a list, not one number), or
declined; and 'employees of the 3 biggest employers' once read the 3 as a headcount."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows

from c2q_repl.sandbox.engine.top_total import total_of_top, totalled_sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "what is the combined market cap of the top 5 companies",
            "SELECT SUM(market_cap) FROM (SELECT market_cap FROM companies"
            " ORDER BY market_cap DESC LIMIT 5)",
        ),
        (
            "total market cap of the 5 largest companies",
            "SELECT SUM(market_cap) FROM (SELECT market_cap FROM companies"
            " ORDER BY market_cap DESC LIMIT 5)",
        ),
        (
            "sum of employees of the 3 biggest employers",
            "SELECT SUM(full_time_employees) FROM (SELECT full_time_employees FROM companies"
            " ORDER BY full_time_employees DESC LIMIT 3)",
        ),
        (
            "average market cap of the 10 smallest companies",
            "SELECT AVG(market_cap) FROM (SELECT market_cap FROM companies"
            " WHERE market_cap IS NOT NULL ORDER BY market_cap ASC LIMIT 10)",
        ),
    ],
)
def test_a_total_of_the_top_rows_is_one_number(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert len(rows(seed_db, plan)) == 1
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    "question",
    [
        "combined index weight of the 10 largest S&P 500 constituents",  # largest by what?
        "average close of the top 3 stocks by volume",  # 3 price rows are not 3 stocks
    ],
)
def test_a_total_of_rows_it_cannot_rank_is_declined(engine, seed_db, question):
    task = ask(engine, seed_db, question).tasks[0]
    assert not task.sql and task.refusal


def test_a_number_before_a_superlative_counts_rows_not_a_value(engine, seed_db):
    plan = ask(engine, seed_db, "employees of the 3 biggest employers")
    gold = "SELECT full_time_employees FROM companies ORDER BY full_time_employees DESC LIMIT 3"
    assert same_rows(seed_db, plan, gold)


def test_the_reading_is_pure_text():
    total = total_of_top("combined weight of the top ten stocks")
    assert total is not None and total.rows == 10 and total.func == "SUM"
    assert total.inner_question == "weight of the top ten stocks"
    assert total_of_top("total employees in tech") is None
    assert total_of_top("combined market cap of the top 1 company") is None
    sql = totalled_sql("SELECT a FROM t ORDER BY a DESC LIMIT 2", "a", "SUM", "sqlite")
    assert sql == (
        "SELECT SUM(top_rows.a) AS combined_a FROM (SELECT a FROM t ORDER BY a DESC LIMIT 2)"
        " AS top_rows"
    )
    assert totalled_sql("SELECT b FROM t LIMIT 2", "a", "SUM", "sqlite") is None
