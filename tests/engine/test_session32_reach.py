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


def test_shorthand_first_sentence_is_the_question(engine, seed_db):
    """'Top 10 idx wts. Symbol, name, wt.' set its first sentence aside as chatter (two
    unknown words before 'idx wts' was read) and listed all 500 weights."""
    plan = ask(engine, seed_db, "Top 10 idx wts. Symbol, name, wt.")
    gold = (
        "SELECT c.stock_symbol, c.short_name, i.weight FROM index_compositions i JOIN companies c"
        " ON c.stock_symbol = i.stock_symbol ORDER BY i.weight DESC LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "Earliest idx px on file. Date, px.")
    gold = "SELECT record_date, price FROM index_price_history ORDER BY record_date LIMIT 1"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_comps_request_with_a_column_list(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "pull comps for the Semiconductors industry: ticker, name, mkt cap, EBITDA, rev gr,"
        " FTEs. largest mkt cap first",
    )
    gold = (
        "SELECT stock_symbol, short_name, market_cap, ebitda, revenue_growth, full_time_employees"
        " FROM companies WHERE industry = 'Semiconductors' ORDER BY market_cap DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_courtesy_after_the_question_is_still_set_aside(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "For my records, could you give me Coca-Cola's average closing price for 2023? Thank"
        " you kindly.",
    )
    gold = (
        "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'KO' AND record_date"
        " LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_groups_above_a_share_of_a_total(engine, seed_db):
    """'Sectors above 10% of idx wt.' listed the sectors with one stock above 10 % (none):
    a sector's weight is the sum of its stocks' weights."""
    gold = (
        "SELECT c.sector, SUM(i.weight) FROM index_compositions i JOIN companies c ON"
        " c.stock_symbol = i.stock_symbol GROUP BY c.sector HAVING SUM(i.weight) > 0.1"
    )
    for question in (
        "Sectors above 10% of idx wt.",
        "sectors with more than 10% of the index weight",
    ):
        plan = ask(engine, seed_db, question)
        assert same_rows(seed_db, plan, gold), (question, plan.tasks[0].refusal)
    # a stock named: one stock's weight is compared, as said
    plan = ask(engine, seed_db, "sectors with stocks above 1% weight")
    assert "SUM(" not in (plan.tasks[0].sql or "")


def test_names_ranked_by_a_column_show_it(engine, seed_db):
    """'top 5 names by ebitda' showed the names without the EBITDA that ranked them."""
    plan = ask(engine, seed_db, "top 5 names by ebitda")
    gold = "SELECT stock_symbol, short_name, ebitda FROM companies ORDER BY ebitda DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
