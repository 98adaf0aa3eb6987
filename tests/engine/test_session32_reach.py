"""Issue 12: wrong answers and declines from the thirty-second session's development sets and
the recurring asks mined from earlier dev sets. Each question answered here was declined or
answered wrongly before its fix; the guards beside them keep a fix from reaching too far."""

from __future__ import annotations

from test_honesty import ask, same_rows

_LEADERS = (
    "SELECT sector, stock_symbol, n FROM (SELECT c.sector, s.stock_symbol, COUNT(*) AS n,"
    " RANK() OVER (PARTITION BY c.sector ORDER BY COUNT(*) DESC) AS rk FROM"
    " user_selected_stocks s JOIN companies c ON c.stock_symbol = s.stock_symbol"
    " GROUP BY c.sector, s.stock_symbol) t WHERE rk <= {keep}"
)


def _declined(plan) -> bool:
    return not plan.tasks[0].sql or bool(plan.tasks[0].refusal)


def test_most_picked_stock_in_each_sector_keeps_ties(engine, seed_db):
    """'most picked stock in each sector' was declined (a count ranked inside each group):
    the top of every sector, every stock tied at the top shown."""
    for question in (
        "What is the most-watched stock in each sector?",
        "most picked stock in each sector (if two are tied show both)",
        "what's the most-picked stock in each sector? if there's a tie just show all of them",
    ):
        plan = ask(engine, seed_db, question)
        gold = _LEADERS.format(keep=1)
        assert same_rows(seed_db, plan, gold), (question, plan.tasks[0].refusal)


def test_top_two_per_industry_and_a_state_per_sector(engine, seed_db):
    plan = ask(engine, seed_db, "top 2 most picked stocks per industry")
    gold = _LEADERS.format(keep=2).replace("sector", "industry")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "which state has the most companies in each sector?")
    gold = (
        "SELECT sector, state, n FROM (SELECT sector, state, COUNT(*) AS n, RANK() OVER"
        " (PARTITION BY sector ORDER BY COUNT(*) DESC) AS rk FROM companies GROUP BY sector,"
        " state) t WHERE rk = 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_leaders_need_a_ranking_and_a_column(engine, seed_db):
    """Without a ranking, or with a group word that is no column, it stays declined."""
    assert _declined(ask(engine, seed_db, "most picked stock in each galaxy"))
    plan = ask(engine, seed_db, "how many companies in each sector")
    assert "RANK()" not in (plan.tasks[0].sql or "")
