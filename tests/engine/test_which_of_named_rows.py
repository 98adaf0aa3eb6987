"""Issue 12 (reach: comparisons of two named entities; honesty: 'the most' of a daily
measure). 'Which has more employees, AAPL or MSFT' and 'which of GOOGL and META had the higher
total volume in 2023' rank the rows named, one figure each; 'which stock traded the most
shares in 2023' (a total over the year, or the biggest single day?) is declined, while one
day's ranking and 'highest total' stay answered."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows
from test_paraphrases import declined

_TOTAL_2023 = (
    "SELECT stock_symbol, SUM(volume) AS v FROM stock_price_history"
    " WHERE stock_symbol IN ({}) AND record_date LIKE '2023%' GROUP BY stock_symbol"
    " ORDER BY v {} LIMIT 1"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which has more employees, AAPL or MSFT?",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE stock_symbol IN ('AAPL', 'MSFT') ORDER BY full_time_employees DESC",
        ),
        (
            "which of AAPL and MSFT has fewer employees",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE stock_symbol IN ('AAPL', 'MSFT') ORDER BY full_time_employees",
        ),
        (
            "which had the higher total volume in 2023, GOOGL or META",
            _TOTAL_2023.format("'GOOGL', 'META'", "DESC"),
        ),
        (
            "which of GOOGL and META had the lower total volume in 2023",
            _TOTAL_2023.format("'GOOGL', 'META'", "ASC"),
        ),
        (
            "which had the lower average close in 2023, KO or PEP?",
            "SELECT stock_symbol, AVG(close) AS c FROM stock_price_history"
            " WHERE stock_symbol IN ('KO', 'PEP') AND record_date LIKE '2023%'"
            " GROUP BY stock_symbol ORDER BY c LIMIT 1",
        ),
    ],
)
def test_which_of_the_rows_named_ranks_them(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "which stock traded the most shares in 2023",
        "which stock had the most volume in 2023",
        "which of GOOGL and META had more shares traded in 2023",
    ],
)
def test_the_most_of_a_daily_measure_over_a_period_is_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert declined(plan) and "single-day" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which stock traded the most shares on 2023-06-30",
            "SELECT stock_symbol, volume FROM stock_price_history"
            " WHERE record_date = '2023-06-30' ORDER BY volume DESC LIMIT 1",
        ),
        (
            "which stock had the highest total volume in 2023",
            "SELECT stock_symbol, SUM(volume) AS v FROM stock_price_history"
            " WHERE record_date LIKE '2023%' GROUP BY stock_symbol ORDER BY v DESC LIMIT 1",
        ),
        (
            "which day had the most volume for AAPL in 2023",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date LIKE '2023%' ORDER BY volume DESC LIMIT 1",
        ),
    ],
)
def test_one_days_ranking_and_a_stated_total_stay_answered(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
