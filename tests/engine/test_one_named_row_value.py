"""Issue 12: a value of one row the question names by its everyday name ('Apple's stock
price right now', 'how many people work at Tesla') is shown beside the row's ticker, which
says whose value it is; a total over that one row is the row's own value, shown as stored."""

from __future__ import annotations

from test_honesty import same_rows, session


def test_a_named_companys_value_shows_its_ticker(engine, seed_db):
    plan = session(engine, seed_db, "whats Apple's stock price right now?")
    gold = "SELECT stock_symbol, current_price FROM companies WHERE stock_symbol = 'AAPL'"
    assert same_rows(seed_db, plan, gold)


def test_how_many_people_work_at_one_company_is_its_headcount(engine, seed_db):
    plan = session(engine, seed_db, "how many people work at Tesla?")
    gold = "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol = 'TSLA'"
    assert same_rows(seed_db, plan, gold)
    assert "total" not in " ".join(a["explanation"] for a in plan.tasks[0].assumptions)


def test_a_total_over_two_named_companies_stays_a_total(engine, seed_db):
    plan = session(engine, seed_db, "total employees of Apple and Microsoft")
    gold = "SELECT SUM(full_time_employees) FROM companies WHERE stock_symbol IN ('AAPL', 'MSFT')"
    assert same_rows(seed_db, plan, gold)
