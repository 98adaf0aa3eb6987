"""Issue 12: wrong answers and declines from the thirty-second session's development sets and
the recurring asks mined from earlier dev sets. Each question answered here was declined or
answered wrongly before its fix; the guards beside them keep a fix from reaching too far."""

from __future__ import annotations

from test_honesty import ask, same_rows, session

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


def test_a_label_before_a_column_list_is_the_question(engine, seed_db):
    """ "TX-HQ'd names w/ positive rev gr: ticker, sector, industry" set the label aside as an
    instruction and listed all 500 companies."""
    plan = ask(engine, seed_db, "TX-HQ'd names w/ positive rev gr: ticker, sector, industry")
    gold = (
        "SELECT stock_symbol, sector, industry FROM companies WHERE state = 'TX' AND"
        " revenue_growth > 0"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "semis comps - ticker, name, mkt cap, EBITDA, rev gr, FTEs. sort by mkt cap desc",
    )
    gold = (
        "SELECT stock_symbol, short_name, market_cap, ebitda, revenue_growth, full_time_employees"
        " FROM companies WHERE industry = 'Semiconductors' ORDER BY market_cap DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_top_ten_by_a_measure_with_a_ticker_then_a_ratio_added(engine, seed_db):
    """'top 10 by FTEs - ticker, sector, FTEs' read 'sector' as what is ranked (declined), and
    'add mkt cap per FTE' then listed every company."""
    plan = session(engine, seed_db, "top 10 by FTEs - ticker, sector, FTEs", "add mkt cap per FTE")
    gold = (
        "SELECT stock_symbol, sector, full_time_employees, market_cap * 1.0 /"
        " full_time_employees FROM companies ORDER BY full_time_employees DESC LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_adding_to_an_answer_that_was_declined(engine, seed_db):
    plan = session(engine, seed_db, "top 10 by zorbs", "add mkt cap per FTE")
    assert _declined(plan) and "adds to the previous answer" in plan.tasks[0].refusal


def test_the_top_day_of_each_named_stock(engine, seed_db):
    """'Highest-volume trading day in 2022 for AMZN, GOOGL and META?' gave the one day of the
    three pooled; then 'and the lowest-volume days in 2023?' dropped the three stocks."""
    each = (
        "SELECT stock_symbol, record_date, volume FROM (SELECT stock_symbol, record_date, volume,"
        " RANK() OVER (PARTITION BY stock_symbol ORDER BY volume {d}) AS rk FROM"
        " stock_price_history WHERE stock_symbol IN ('AMZN', 'GOOGL', 'META') AND record_date"
        " LIKE '{y}%') t WHERE rk = 1"
    )
    first = "Highest-volume trading day in 2022 for AMZN, GOOGL and META?"
    plan = ask(engine, seed_db, first)
    assert same_rows(seed_db, plan, each.format(d="DESC", y=2022)), plan.tasks[0].refusal
    plan = session(engine, seed_db, first, "and the lowest-volume days in 2023?")
    assert same_rows(seed_db, plan, each.format(d="ASC", y=2023)), plan.tasks[0].refusal
    # 'which of' pools them: one day, the highest of the three
    plan = ask(engine, seed_db, "Which of AMZN, GOOGL and META had the highest-volume day in 2022?")
    assert "PARTITION BY" not in (plan.tasks[0].sql or "")


_OFF_PEAK = (
    "SELECT p.record_date, p.{m}, l.record_date, l.{m}, (l.{m} - p.{m}) * 100.0 / p.{m} FROM"
    " (SELECT record_date, {m} FROM {t} WHERE {k} = '{v}'{within} ORDER BY {m} DESC LIMIT 1) p"
    " CROSS JOIN (SELECT record_date, {m} FROM {t} WHERE {k} = '{v}' ORDER BY record_date DESC"
    " LIMIT 1) l"
)


def _off_peak(table: str, key: str, value: str, measure: str, within: str = "") -> str:
    return _OFF_PEAK.format(t=table, k=key, v=value, m=measure, within=within)


def test_how_far_a_series_is_from_its_peak(engine, seed_db):
    """'Idx peak close + date, latest close, % off peak.' and 'how far below its all-time high
    is NVDA now?' were declined ('peak', 'far')."""
    plan = ask(engine, seed_db, "Idx peak close + date, latest close, % off peak.")
    gold = _off_peak("index_price_history", "index_symbol", "SP500", "price")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "how far below its all-time high is NVDA now?")
    gold = _off_peak("stock_price_history", "stock_symbol", "NVDA", "close")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_off_the_peak_just_shown_then_another_stock(engine, seed_db):
    turns = ("NVDA peak close. Px and date.", "Latest close, and % below that peak.")
    plan = session(engine, seed_db, *turns)
    gold = _off_peak("stock_price_history", "stock_symbol", "NVDA", "close")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = session(engine, seed_db, *turns, "Same for META.")
    gold = _off_peak("stock_price_history", "stock_symbol", "META", "close")
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    # the peak of the period the previous answer had, against the data's latest close
    plan = session(
        engine,
        seed_db,
        "highest close MSFT hit in 2023 and on what day?",
        "how far below that peak is it as of the latest close, in %?",
    )
    within = " AND record_date LIKE '2023%'"
    gold = _off_peak("stock_price_history", "stock_symbol", "MSFT", "close", within)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_names_far_below_their_peak(engine, seed_db):
    many = (
        "SELECT COUNT(*) FROM (SELECT stock_symbol, MAX(close) AS pk FROM stock_price_history"
        " GROUP BY stock_symbol) p JOIN (SELECT stock_symbol, close AS lt FROM"
        " stock_price_history WHERE record_date = (SELECT MAX(record_date) FROM"
        " stock_price_history)) l ON l.stock_symbol = p.stock_symbol WHERE l.lt {op} {f} * p.pk"
    )
    plan = ask(
        engine,
        seed_db,
        "how many names are currently more than 60% below their peak close? (latest close vs"
        " max close in history)",
    )
    assert same_rows(seed_db, plan, many.format(op="<", f=0.4)), plan.tasks[0].refusal
    plan = ask(
        engine, seed_db, "Constituents 50%+ below their peak close, as of latest date. How many?"
    )
    assert same_rows(seed_db, plan, many.format(op="<=", f=0.5)), plan.tasks[0].refusal


def test_a_drawdown_in_shorthand(engine, seed_db):
    plan = ask(engine, seed_db, "Idx max drawdown over full history. Peak px, trough px + date, %.")
    assert plan.tasks[0].sql and "OVER" in plan.tasks[0].sql, plan.tasks[0].refusal


def test_a_retired_investors_asides(engine, seed_db):
    """'… will do, I don't need the ticker symbols.' read as a forecast, then as 'no ticker';
    'Forgive me if this is a silly question, but …' and 'A percentage would be lovely.'
    were declined on their words."""
    plan = ask(
        engine,
        seed_db,
        "I grew up in Cincinnati, Procter & Gamble country. Which of the S&P 500 companies are"
        " based in Ohio, and in which city? Just the company names will do, I don't need the"
        " ticker symbols.",
    )
    gold = "SELECT short_name, city FROM companies WHERE state = 'OH'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "Forgive me if this is a silly question, but how many companies are there in each sector"
        " of the S&P 500?",
    )
    gold = "SELECT sector, COUNT(*) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "What share of the S&P 500 companies are headquartered outside the United States? A"
        " percentage would be lovely.",
    )
    gold = "SELECT 100.0 * SUM(country <> 'United States') / COUNT(*) FROM companies"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def _median_rows(seed_db, sql: str) -> dict:
    """Each group's median computed in Python, from the rows ``sql`` returns (group, value)."""
    import statistics

    groups: dict = {}
    for group, value in seed_db.query(sql).rows:
        if value is not None:
            groups.setdefault(group, []).append(float(value))
    return {g: statistics.median(v) for g, v in groups.items()}


def test_median_per_group_and_of_a_subset(engine, seed_db):
    """'median rev gr by sector' was declined ('median' is no SQL aggregate)."""
    plan = ask(engine, seed_db, "median rev gr by sector")
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    got = {r[0]: float(r[1]) for r in seed_db.query(plan.tasks[0].sql).rows}
    want = _median_rows(seed_db, "SELECT sector, revenue_growth FROM companies")
    assert got.keys() == want.keys()
    assert all(abs(got[k] - want[k]) < 1e-9 for k in want)
    plan = ask(engine, seed_db, "median mkt cap of semis")
    rows = seed_db.query(plan.tasks[0].sql).rows
    want = _median_rows(
        seed_db, "SELECT 1, market_cap FROM companies WHERE industry = 'Semiconductors'"
    )
    assert len(rows) == 1 and abs(float(rows[0][0]) - next(iter(want.values()))) < 1e-6


def test_median_with_a_total_said_stays_declined(engine, seed_db):
    assert _declined(ask(engine, seed_db, "median and total market cap by sector"))


def test_an_analysts_sector_and_industry_shorthand(engine, seed_db):
    """'ex fins and RE', 'utes', 'diversified banks' (stored 'Banks—Diversified') were
    declined on the word."""
    plan = ask(engine, seed_db, "avg mkt cap by sector ex-fins and RE")
    gold = (
        "SELECT sector, AVG(market_cap) FROM companies WHERE sector NOT IN ('Financial"
        " Services', 'Real Estate') GROUP BY sector"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "utes - top 5 by mkt cap")
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Utilities' ORDER BY"
        " market_cap DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "regional banks by mkt cap")
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE industry = 'Banks—Regional' ORDER"
        " BY market_cap DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_ties_asked_for_beside_a_top_one(engine, seed_db):
    """'Give me everyone tied for first.', 'include ties' were declined on 'tied'/'ties'; the
    top one is always shown with its ties."""
    gold = (
        "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) ="
        " (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM user_selected_stocks GROUP BY user_id))"
    )
    for question in (
        "Which users picked the most stocks? Give me everyone tied for first.",
        "which user picked the most stocks, include ties",
    ):
        plan = ask(engine, seed_db, question)
        assert same_rows(seed_db, plan, gold), (question, plan.tasks[0].refusal)
    # with a number the ties cannot be kept by a LIMIT: declined, not cut
    assert _declined(ask(engine, seed_db, "top 3 stocks by picks, show ties"))
    # 'cities please' is no 'ties please'
    plan = ask(engine, seed_db, "companies in Texas - names and cities please")
    assert plan.tasks[0].sql, plan.tasks[0].refusal


def test_a_marketing_analysts_questions_on_picks(engine, seed_db):
    """'which stocks are the top 10 most picked by folks on the app?', 'who was the first
    person to pick Nvidia, and when?', '# names' and 'what are they trading at right now?'"""
    plan = ask(engine, seed_db, "which stocks are the top 10 most picked by folks on the app?")
    gold = (
        "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
        " ORDER BY n DESC, stock_symbol LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "who was the first person to pick Nvidia, and when?")
    gold = (
        "SELECT user_id, created_date FROM user_selected_stocks WHERE stock_symbol = 'NVDA'"
        " ORDER BY created_date LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "tech vs fins side by side: total mkt cap, avg rev growth, # names")
    gold = (
        "SELECT sector, SUM(market_cap), AVG(revenue_growth), COUNT(*) FROM companies WHERE"
        " sector IN ('Technology', 'Financial Services') GROUP BY sector"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = session(
        engine,
        seed_db,
        "which stocks are the top 10 most picked by folks on the app?",
        "and what are they trading at right now?",
    )
    top = seed_db.query(
        "SELECT stock_symbol FROM user_selected_stocks GROUP BY stock_symbol"
        " ORDER BY COUNT(*) DESC, stock_symbol LIMIT 10"
    ).rows
    listed = ", ".join(f"'{r[0]}'" for r in top)
    gold = f"SELECT stock_symbol, current_price FROM companies WHERE stock_symbol IN ({listed})"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_year_said_with_how_a_change_is_measured(engine, seed_db):
    """'over the whole of 2023, from the first trading day in January to the last one in
    December' was declined on 'January'."""
    plan = ask(
        engine,
        seed_db,
        "How did Apple's share price do over the whole of 2023, from the first trading day in"
        " January to the last one in December? A percentage would be lovely.",
    )
    gold = (
        "SELECT 100.0 * (l.close - f.close) / f.close FROM stock_price_history f JOIN"
        " stock_price_history l ON l.stock_symbol = f.stock_symbol WHERE f.stock_symbol = 'AAPL'"
        " AND f.record_date = (SELECT MIN(record_date) FROM stock_price_history WHERE"
        " stock_symbol = 'AAPL' AND record_date LIKE '2023%') AND l.record_date = (SELECT"
        " MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'AAPL' AND record_date"
        " LIKE '2023%')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_the_top_day_of_each_stock_said_with_for_each(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "highest volume day for AAPL, MSFT, NVDA and TSLA - date + volume for each",
    )
    gold = (
        "SELECT stock_symbol, record_date, volume FROM (SELECT stock_symbol, record_date, volume,"
        " RANK() OVER (PARTITION BY stock_symbol ORDER BY volume DESC) AS rk FROM"
        " stock_price_history WHERE stock_symbol IN ('AAPL', 'MSFT', 'NVDA', 'TSLA')) t WHERE"
        " rk = 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    assert _declined(ask(engine, seed_db, "average close for each"))


def test_excluding_several_values_in_a_follow_up(engine, seed_db):
    """'ex fins and RE' after averages per sector kept Real Estate only (the negation
    covered its first value); 'excluding A and B' leaves both out."""
    for edit in ("ex fins and RE", "excluding Financial Services and Real Estate"):
        plan = session(engine, seed_db, "avg mkt cap and avg rev gr by sector", edit)
        gold = (
            "SELECT sector, AVG(market_cap), AVG(revenue_growth) FROM companies WHERE sector NOT"
            " IN ('Financial Services', 'Real Estate') GROUP BY sector"
        )
        assert same_rows(seed_db, plan, gold), (edit, plan.tasks[0].refusal)


def test_trading_at_is_the_current_price(engine, seed_db):
    plan = ask(engine, seed_db, "what is AAPL trading at right now?")
    gold = "SELECT current_price FROM companies WHERE stock_symbol = 'AAPL'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = session(
        engine,
        seed_db,
        "which stocks are the top 10 most picked by folks on the app?",
        "what sector is each of those in?",
        "and what are they trading at right now?",
    )
    sql = plan.tasks[0].sql or ""
    assert "sector" in sql and "current_price" in sql and "COUNT(*)" in sql, sql


def test_a_scope_then_a_whole_ranking_in_a_session(engine, seed_db):
    """'Tech only. Top 5 names by wt.' after the weight per sector was declined on 'only'."""
    plan = session(
        engine, seed_db, "Idx wt by sector, largest first.", "Tech only. Top 5 names by wt."
    )
    gold = (
        "SELECT i.stock_symbol, i.weight FROM index_compositions i JOIN companies c ON"
        " c.stock_symbol = i.stock_symbol WHERE c.sector = 'Technology' ORDER BY i.weight DESC"
        " LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_period_and_the_date_of_the_index(engine, seed_db):
    """'max S&P 500 index price in 2023 and the date it happened' filtered the stocks' dates
    (through every constituent: it timed out)."""
    plan = ask(engine, seed_db, "max S&P 500 index price in 2023 and the date it happened")
    gold = (
        "SELECT record_date, price FROM index_price_history WHERE record_date LIKE '2023%' ORDER"
        " BY price DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_leaders_of_groups_of_one_row_are_not_written(seed_db):
    """Ranked within a column that, with the grouping, covers the key of the rows counted,
    every group holds one row and all tie at the top: nothing is written."""
    from c2q_repl.sandbox.engine.group_leaders import leaders_sql

    catalog = seed_db.catalog()
    ranked = (
        "SELECT user_selected_stocks.stock_symbol, COUNT(*) AS n FROM user_selected_stocks"
        " GROUP BY user_selected_stocks.stock_symbol ORDER BY n DESC LIMIT 1"
    )
    assert leaders_sql(ranked, ("user_selected_stocks", "user_id"), catalog, "sqlite") is None
    assert leaders_sql(ranked, ("companies", "sector"), catalog, "sqlite") is not None


def test_top_days_by_a_measure(engine, seed_db):
    """'Top 5 days by trading vol for TSLA in 2023.' listed the 5 latest days."""
    plan = ask(engine, seed_db, "Top 5 days by trading vol for TSLA in 2023.")
    gold = (
        "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'TSLA' AND"
        " record_date LIKE '2023%' ORDER BY volume DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_ranking_within_each_row_is_declined(engine, seed_db):
    """'largest name in each - ticker, mkt cap' ranked within each stock (all 500 back)."""
    plan = session(
        engine,
        seed_db,
        "REITs by sub-industry: count, total mkt cap",
        "largest name in each - ticker, mkt cap",
    )
    assert _declined(plan)


def test_more_ways_to_ask_how_far_below_a_peak(engine, seed_db):
    plan = ask(engine, seed_db, "How far is TSLA's last close below its 2022 peak close, in %?")
    within = " AND record_date LIKE '2022%'"
    gold = _off_peak("stock_price_history", "stock_symbol", "TSLA", "close", within)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "Which 10 names sit furthest below their peak close (whole history) as of the latest"
        " close? Show % below peak.",
    )
    gold = (
        "SELECT p.stock_symbol, (l.close - p.pk) * 100.0 / p.pk AS pct FROM (SELECT"
        " stock_symbol, MAX(close) AS pk FROM stock_price_history GROUP BY stock_symbol) p JOIN"
        " stock_price_history l ON l.stock_symbol = p.stock_symbol AND l.record_date = (SELECT"
        " MAX(record_date) FROM stock_price_history) ORDER BY pct LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_community_managers_questions(engine, seed_db):
    plan = ask(engine, seed_db, "who was our very first user and when did they sign up?")
    gold = "SELECT user_id, created_date FROM users ORDER BY created_date LIMIT 1"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "who are our most active pickers? if a bunch are tied at the top show me all of them",
    )
    gold = (
        "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) ="
        " (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM user_selected_stocks GROUP BY user_id))"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_worst_n_daily_moves_said_superlative_first(engine, seed_db):
    """'Worst 5 daily % moves in the idx' asked for a period ('worst 5' was no count)."""
    plan = ask(
        engine,
        seed_db,
        "Worst 5 daily % moves in the idx over the full history we have? date, level, % chg.",
    )
    gold = (
        "SELECT record_date, (price - prev) * 100.0 / prev AS pct FROM (SELECT record_date,"
        " price, LAG(price) OVER (ORDER BY record_date) AS prev FROM index_price_history) t"
        " WHERE prev IS NOT NULL ORDER BY pct LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_retired_teachers_wordings(engine, seed_db):
    """'head office', 'these days', 'How lovely.', 'roughly' and 'than they opened' were
    declined on the words."""
    plan = ask(
        engine,
        seed_db,
        "Good morning! Could you please tell me where Pfizer has its head office? My late"
        " husband used to work not far from there.",
    )
    gold = "SELECT city FROM companies WHERE stock_symbol = 'PFE'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "How many people does Walmart employ these days?")
    gold = "SELECT full_time_employees FROM companies WHERE stock_symbol = 'WMT'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = session(
        engine,
        seed_db,
        "Where is the Coca-Cola Company headquartered?",
        "How lovely. And how many people work for them, roughly?",
    )
    gold = "SELECT full_time_employees FROM companies WHERE stock_symbol = 'KO'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "On how many days in 2023 did McDonald's shares close higher than they opened?",
    )
    gold = (
        "SELECT COUNT(*) FROM stock_price_history WHERE stock_symbol = 'MCD' AND record_date LIKE"
        " '2023%' AND close > open"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_a_community_managers_firsts(engine, seed_db):
    plan = ask(
        engine, seed_db, "how many people signed up in the first half of 2023, so jan through june?"
    )
    gold = "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01' AND created_date < '2023-07-01'"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "what was the first stock user 25 ever picked?")
    gold = (
        "SELECT stock_symbol FROM user_selected_stocks WHERE user_id = 25 ORDER BY created_date"
        " LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(engine, seed_db, "can you list every user's very first pick?")
    gold = (
        "SELECT user_id, stock_symbol FROM user_selected_stocks s WHERE created_date = (SELECT"
        " MIN(created_date) FROM user_selected_stocks t WHERE t.user_id = s.user_id)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_peer_tables_said_as_an_analyst_does(engine, seed_db):
    for question, industry in (
        (
            "semis peer table - ticker, name, mkt cap, EBITDA, rev growth, FTEs, sorted by mkt cap desc",
            "Semiconductors",
        ),
        ("rails comps - ticker, name, mkt cap, EBITDA, FTEs", "Railroads"),
        ("Medical Devices peers: ticker, mkt cap, EBITDA, rev growth", "Medical Devices"),
    ):
        plan = ask(engine, seed_db, question)
        gold = (
            f"SELECT stock_symbol, market_cap, ebitda FROM companies WHERE industry = '{industry}'"
        )
        assert same_rows(seed_db, plan, gold), (question, plan.tasks[0].refusal)


def test_the_company_with_no_name_is_never_every_company(engine, seed_db):
    """'how many employees does the company have?' after Apple's headquarters summed every
    company's employees; alone, 'Where is the company headquartered?' listed all 500."""
    plan = session(
        engine,
        seed_db,
        "Where is Apple headquartered?",
        "how many employees does the company have?",
    )
    assert "SUM(" not in (plan.tasks[0].sql or "")
    assert _declined(ask(engine, seed_db, "Where is the company headquartered?"))
    # 'the company names' and 'the company with the most …' name no one row
    plan = ask(engine, seed_db, "top 5 stocks by market cap, need the company names too")
    assert plan.tasks[0].sql, plan.tasks[0].refusal


def test_the_company_listed_as_a_column_is_no_row(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Who are the 10 biggest employers by full-time headcount? I need the company, its sector"
        " and the number of employees.",
    )
    gold = (
        "SELECT stock_symbol, sector, full_time_employees FROM companies ORDER BY"
        " full_time_employees DESC LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
