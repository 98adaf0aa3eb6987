"""Issue 12: wrong answers and declines from the twenty-eighth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_EMPLOYEES_BY_SECTOR = "total full-time employees per sector please, largest first"


def _ranked_by_change_in_2022(order: str, rows: int) -> str:
    """Each stock's % change from its first to its last close of 2022, ranked."""
    return (
        "WITH e AS (SELECT stock_symbol, MIN(record_date) AS a, MAX(record_date) AS b FROM"
        " stock_price_history WHERE record_date LIKE '2022%' GROUP BY stock_symbol) SELECT"
        " e.stock_symbol, 100.0 * (l.close - f.close) / f.close AS pct FROM e JOIN"
        " stock_price_history f ON f.stock_symbol = e.stock_symbol AND f.record_date = e.a"
        " JOIN stock_price_history l ON l.stock_symbol = e.stock_symbol AND l.record_date ="
        f" e.b ORDER BY pct {order} LIMIT {rows}"
    )


def test_an_index_all_time_high_is_its_highest_price(engine, seed_db):
    """Once the highest daily high of a stock in the index: an index has only its price."""
    plan = ask(
        engine,
        seed_db,
        "What was the S&P 500's all-time high in your data, and what day did it hit it?",
    )
    gold = (
        "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
        " ORDER BY price DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_stock_all_time_high_is_still_its_highest_high(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL all-time high")
    gold = (
        "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " ORDER BY high DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            # once the average alone: 'add … too' keeps the total beside it
            _EMPLOYEES_BY_SECTOR,
            "can you add the average number of employees per company in each sector too?",
            "SELECT sector, SUM(full_time_employees) AS t, AVG(full_time_employees)"
            " FROM companies GROUP BY sector ORDER BY t DESC",
        ),
        (
            "total market cap per sector",
            "also show the average market cap per sector",
            "SELECT sector, SUM(market_cap), AVG(market_cap) FROM companies GROUP BY sector",
        ),
        (
            # once MSFT's close that day: how it did is its move
            "AAPL biggest up day in 2022, % vs prior close",
            "how'd MSFT do that day",
            "WITH d AS (SELECT record_date, close, LAG(close) OVER (ORDER BY record_date) AS pc"
            " FROM stock_price_history WHERE stock_symbol = 'MSFT') SELECT record_date,"
            " (close - pc) / pc * 100 FROM d WHERE record_date = '2022-09-22'",
        ),
    ],
)
def test_followups_answered_as_meant(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_groups_sorted_by_the_average_shown(engine, seed_db):
    """'sort by the average instead' once declined after the total and the average."""
    plan = session(
        engine,
        seed_db,
        _EMPLOYEES_BY_SECTOR,
        "can you add the average number of employees per company in each sector too?",
        "sort by the average instead",
    )
    gold = (
        "SELECT sector, SUM(full_time_employees), AVG(full_time_employees) AS a"
        " FROM companies GROUP BY sector ORDER BY a DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_sorting_by_a_kind_not_shown_is_not_guessed(engine, seed_db):
    plan = session(engine, seed_db, "total market cap per sector", "sort by the average instead")
    assert not plan.tasks[0].sql or "AVG" not in plan.tasks[0].sql.upper()


@pytest.mark.parametrize(
    "question,gold",
    [
        # courtesy and shorthand (shorthand.py): once declined on one unknown word
        (
            "kindly share list of Energy sector companies along with current price",
            "SELECT stock_symbol, current_price FROM companies WHERE sector = 'Energy'",
        ),
        (
            "sector wise total market cap, highest first",
            "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector ORDER BY t DESC",
        ),
        (
            "which state has max no. of companies",
            "SELECT state, COUNT(*) AS n FROM companies GROUP BY state ORDER BY n DESC LIMIT 1",
        ),
        (
            "what is the count of S&P 500 companies which no user has added to watchlist",
            "SELECT COUNT(*) FROM companies WHERE stock_symbol NOT IN"
            " (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "on which date NVDA closed highest in 2023 and what was the close?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " AND record_date LIKE '2023%' ORDER BY close DESC LIMIT 1",
        ),
        (
            "the 10 stocks that fell the most in 2022, with the % drop",
            _ranked_by_change_in_2022("", 10),
        ),
        (
            "Fancy stocks: list every S&P 500 stock that costs more than $500 a share, with its"
            " price, most expensive first",
            "SELECT stock_symbol, current_price FROM companies WHERE current_price > 500"
            " ORDER BY current_price DESC",
        ),
        (
            "Sector cheat sheet: for each sector give me the number of companies, the total"
            " market cap and the total employees",
            "SELECT sector, COUNT(*), SUM(market_cap), SUM(full_time_employees) FROM companies"
            " GROUP BY sector",
        ),
        (
            # a bare 'range' of days: the day's high minus low
            "TSLA days in 2023 with a range over $20",
            "SELECT record_date, high - low FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date LIKE '2023%' AND high - low > 20",
        ),
        (
            "NVDA avg high-low range by month, 2023",
            "SELECT substr(record_date, 1, 7) AS m, AVG(high - low) FROM stock_price_history"
            " WHERE stock_symbol = 'NVDA' AND record_date LIKE '2023%' GROUP BY m",
        ),
    ],
)
def test_shorthand_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # 'cost' with no price said stays the ticker COST's question (test_honesty.py)
        "how many companies cost more than 100",
        # 'price wise' is about the price, never a grouping by it
        "price wise which sector is best",
    ],
)
def test_shorthand_that_stays_declined(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_adding_to_a_declined_answer_is_declined(engine, seed_db):
    """'can you add the average … too?' after a decline was once the average alone."""
    plan = session(
        engine,
        seed_db,
        "total dividends paid per sector please, largest first",
        "can you add the average number of employees per company in each sector too?",
    )
    assert not plan.tasks[0].sql and "could not answer" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        # a question said twice: the ranking asked second starts with the first's answer
        (
            "For a jobs angle: which sectors employ the most people? total full-time employees"
            " per sector please, largest first",
            "SELECT sector, SUM(full_time_employees) AS t FROM companies GROUP BY sector"
            " ORDER BY t DESC",
        ),
        (
            "Which state is home to the most S&P 500 companies? Give me the top 5 states with"
            " how many companies each has",
            "SELECT state, COUNT(*) AS n FROM companies GROUP BY state ORDER BY n DESC LIMIT 5",
        ),
        (
            # 'its' is each sector's, said in the same clause
            "List every sector with its company count, biggest first",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC",
        ),
        (
            "Which companies have a market cap of $1 trillion or more?",
            "SELECT stock_symbol, market_cap FROM companies WHERE market_cap >= 1000000000000",
        ),
        (
            # the ranked series are the stocks said; the index is a condition on them
            "Top 5 S&P 500 stocks that gained the most in 2022, with the percentage gain?",
            _ranked_by_change_in_2022("DESC", 5),
        ),
    ],
)
def test_more_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_two_sentences_asking_different_rankings_stay_declined(engine, seed_db):
    """The ranking asked second does not start with the first's answer (other groups)."""
    plan = ask(
        engine, seed_db, "which sector has the most companies? top 3 states by number of companies"
    )
    assert not plan.tasks[0].sql and plan.tasks[0].refusal


def test_a_value_added_to_groups_asks_which_figure(engine, seed_db):
    """'add market cap also for these' after counted states was once every distinct
    (state, market cap) pair; the total, the average or every row's is asked."""
    plan = session(
        engine, seed_db, "top 5 states by number of companies", "add market cap also for these"
    )
    assert not plan.tasks[0].sql and "total market_cap, its average" in plan.tasks[0].refusal


def test_kindly_add_keeps_the_rows(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 5 Industrials companies by no. of employees",
        "kindly add market cap also for these",
    )
    gold = (
        "SELECT stock_symbol, full_time_employees, market_cap FROM companies WHERE sector ="
        " 'Industrials' ORDER BY full_time_employees DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


_TOP10_WEIGHT_SHARE = (
    "SELECT SUM(weight), 100.0 * SUM(weight) / (SELECT SUM(weight) FROM index_compositions)"
    " FROM (SELECT weight FROM index_compositions ORDER BY weight DESC LIMIT 10)"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # the share of a whole held by the rows of a ranking (top_share.py): once declined
        (
            "what percentage of the total index weight is in the top 10 holdings",
            _TOP10_WEIGHT_SHARE,
        ),
        (
            "How concentrated is the index? What percentage of the total index weight is in the"
            " top 10 holdings?",
            _TOP10_WEIGHT_SHARE,
        ),
        (
            "how concentrated is the index rn - what % do the top 10 names make up?",
            _TOP10_WEIGHT_SHARE,
        ),
        (
            "share of total market cap held by the 10 largest companies",
            "SELECT SUM(market_cap), 100.0 * SUM(market_cap) / (SELECT SUM(market_cap) FROM"
            " companies) FROM (SELECT market_cap FROM companies ORDER BY market_cap DESC LIMIT 10)",
        ),
    ],
)
def test_share_held_by_a_top_n(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_share_held_by_the_rows_shown(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 5 companies by index weight",
        "what % of the index do those 5 add up to?",
    )
    gold = (
        "SELECT SUM(weight), 100.0 * SUM(weight) / (SELECT SUM(weight) FROM index_compositions)"
        " FROM (SELECT weight FROM index_compositions ORDER BY weight DESC LIMIT 5)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_share_of_a_top_n_under_a_condition_is_not_this_reading(engine, seed_db):
    """'the 10 largest tech companies': of every company's total or of tech's? Not answered
    by the top-N share (the whole would be unclear)."""
    plan = ask(engine, seed_db, "share of total market cap held by the 10 largest tech companies")
    assert "percent_of_total_market_cap FROM (SELECT" not in (plan.tasks[0].sql or "")


_FIRSTS = (
    "(SELECT user_id, MIN(created_date) AS f FROM user_selected_stocks GROUP BY user_id) p"
    " JOIN users u ON u.user_id = p.user_id"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # how long after joining people act first (first_event.py): once declined
        (
            "on avg how many days between signing up and making the first pick?",
            f"SELECT AVG(julianday(p.f) - julianday(u.created_date)) FROM {_FIRSTS}",
        ),
        (
            "on average how many days does it take a new user to make their first pick?",
            f"SELECT AVG(julianday(p.f) - julianday(u.created_date)) FROM {_FIRSTS}",
        ),
        (
            "how many users made their first pick within 24h of signing up",
            f"SELECT COUNT(*) FROM {_FIRSTS} WHERE julianday(p.f) - julianday(u.created_date) <= 1",
        ),
        (
            "how many made their first pick the same day they signed up",
            f"SELECT COUNT(*) FROM {_FIRSTS} WHERE date(p.f) = date(u.created_date)",
        ),
        (
            "which users made a pick on the same day they signed up?",
            "SELECT DISTINCT u.user_id FROM users u JOIN user_selected_stocks s ON s.user_id ="
            " u.user_id WHERE date(s.created_date) = date(u.created_date)",
        ),
        (
            "who took the longest to make their first pick?",
            f"SELECT u.user_id, julianday(p.f) - julianday(u.created_date) AS d FROM {_FIRSTS}"
            " ORDER BY d DESC LIMIT 1",
        ),
    ],
)
def test_time_to_a_first_pick(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        # a period or a condition beside the lag would be dropped by this reading
        "how many users signed up in 2023 and made their first pick within a week",
        "on avg how many days from signup to first pick for tech stocks",
    ],
)
def test_time_to_a_first_pick_with_more_asked_is_not_this_reading(engine, seed_db, question):
    sql = ask(engine, seed_db, question).tasks[0].sql or ""
    assert "first_created_date" not in sql


def test_time_to_a_first_row_needs_one_table_of_people(tmp_path):
    """On a database with no table of people and their dated rows the reading stands aside."""
    from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, TableInfo
    from c2q_repl.sandbox.engine.first_event import people_and_rows

    lone = TableInfo("users", (ColumnInfo("user_id", "INT"), ColumnInfo("created", "DATE")))
    assert people_and_rows(Catalog("db", "sqlite", (lone,))) is None


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # one ranking said twice, and 'that year' after the one year said: once 'one change
            # at a time'
            "Biggest losers of 2022 — the 10 S&P 500 stocks that fell the most that year, with"
            " the % drop",
            _ranked_by_change_in_2022("", 10),
        ),
        (
            # 'total S&P 500 market cap': its members' caps added up
            "what % of total S&P 500 market cap is Technology sector",
            "SELECT 100.0 * SUM(CASE WHEN sector = 'Technology' THEN market_cap ELSE 0 END) /"
            " SUM(market_cap) FROM companies",
        ),
    ],
)
def test_rankings_and_totals_said_twice(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_gainers_and_losers_at_once_are_declined_not_a_crash(engine, seed_db):
    """Two ranking directions once raised StopIteration inside the engine."""
    task = ask(engine, seed_db, "top gainers and losers of 2023").tasks[0]
    assert not task.sql and "one change at a time" in task.refusal


def test_two_change_words_about_one_series_stay_declined(engine, seed_db):
    """'move' and '% change' of one series can ask two things (points and percent): not merged."""
    task = ask(
        engine, seed_db, "how much did the s&p 500 move in 2023, % change first to last trading day"
    ).tasks[0]
    assert not task.sql and "one change at a time" in task.refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "first and last record_date for SP500 in index_price_history",
            "SELECT MIN(record_date), MAX(record_date) FROM index_price_history"
            " WHERE index_symbol = 'SP500'",
        ),
        (
            "how many companies have zero rows in stock_price_history? just the count",
            "SELECT COUNT(*) FROM companies WHERE stock_symbol NOT IN"
            " (SELECT stock_symbol FROM stock_price_history)",
        ),
        (
            "list the companies with a null state - stock_symbol and country",
            "SELECT stock_symbol, country FROM companies WHERE state IS NULL",
        ),
    ],
)
def test_data_checks_in_shorthand(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once the city of New York: 'the state of New York' is the state
            "Which Financial Services companies are headquartered in the state of New York?",
            "SELECT stock_symbol FROM companies WHERE sector = 'Financial Services'"
            " AND state = 'NY'",
        ),
        (
            "how many companies are in the state of california?",
            "SELECT COUNT(*) FROM companies WHERE state = 'CA'",
        ),
        (
            "companies in the city of New York",
            "SELECT stock_symbol FROM companies WHERE city = 'New York'",
        ),
        (
            # once ranked by market cap: 'by how many people picked them' was dropped
            "I'm curious what everybody else on here is buying. Which stocks are the most popular"
            " with other users? Show me the top 10 by how many people picked them.",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC, stock_symbol LIMIT 10",
        ),
    ],
)
def test_fresh_wrong_answers_fixed(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_its_keeps_a_company_named_two_ways(engine, seed_db):
    """'Amazon (AMZN)' is one company named by name and ticker; 'its volume that day' was
    once every stock's volume that day."""
    plan = session(
        engine,
        seed_db,
        "What was the closing price of Amazon (AMZN) on 1 March 2023?",
        "And what was its trading volume on that day?",
    )
    gold = (
        "SELECT volume FROM stock_price_history WHERE stock_symbol = 'AMZN'"
        " AND record_date = '2023-03-01'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        # a problem set's formal wording: once declined on one word
        (
            "Provide the total market capitalisation of each sector, in descending order of"
            " total market capitalisation.",
            "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector ORDER BY t DESC",
        ),
        (
            "For the Utilities sector, please report the number of companies, the average"
            " current share price and the total market capitalisation.",
            "SELECT COUNT(*), AVG(current_price), SUM(market_cap) FROM companies"
            " WHERE sector = 'Utilities'",
        ),
        (
            "For each sector, state the number of constituent companies in the S&P 500, ordered"
            " from the largest sector to the smallest.",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC",
        ),
        (
            # one period said twice ('i.e.'), and 'Microsoft (MSFT)' one company
            "Compute the average daily trading volume of Microsoft (MSFT) shares over the first"
            " quarter of 2023, i.e. from 1 January 2023 to 31 March 2023 inclusive.",
            "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-03-31'",
        ),
        (
            "picks per sector in the second half of 2023",
            "SELECT c.sector, COUNT(*) FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol WHERE s.created_date >= '2023-07-01'"
            " GROUP BY c.sector",
        ),
    ],
)
def test_formal_wording_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_two_different_periods_stay_declined(engine, seed_db):
    task = ask(engine, seed_db, "AAPL closes in 2022 and 2023").tasks[0]
    assert not task.sql and "two periods" in task.refusal


@pytest.mark.parametrize(
    "said,read",
    [
        ("Compare Apple (AAPL) and Microsoft (MSFT) closes", "Compare AAPL and MSFT closes"),
        ("close of Procter & Gamble (PG)", "close of PG"),
        ("For Microsoft (MSFT), report the close", "For MSFT, show the close"),
        # a lowercase noun before a bracket is no company's name
        ("technology company (XLK)", "technology company (XLK)"),
    ],
)
def test_a_name_with_its_ticker_is_the_ticker(said, read):
    from c2q_repl.sandbox.engine.preprocess import prepare

    assert prepare(said).question == read


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once the index's highest price of any year, filtered on the stocks' trading days
            # four joins away: 'trading day' is the index's own day
            "On which trading day in calendar year 2022 did the S&P 500 record its highest"
            " closing level, and what was that level?",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date LIKE '2022%' ORDER BY price DESC LIMIT 1",
        ),
        (
            "What was Home Depot's closing price on the very first day you have records for?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'HD'"
            " ORDER BY record_date LIMIT 1",
        ),
        (
            "AAPL close on each trading day in March 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date LIKE '2023-03%'",
        ),
    ],
)
def test_days_of_the_series_asked(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_these_rows_in_a_first_question_are_the_datas(engine, seed_db):
    """'How many of these stocks …' with nothing asked before: the data's own rows."""
    plan = ask(
        engine,
        seed_db,
        "I only put a little bit of money in to start, so I'm looking at the cheaper ones. How"
        " many of these stocks cost less than $20 a share right now?",
    )
    assert same_rows(seed_db, plan, "SELECT COUNT(*) FROM companies WHERE current_price < 20")


def test_these_after_an_answer_are_its_rows(engine, seed_db):
    plan = session(
        engine, seed_db, "top 5 companies by market cap", "which of these stocks are in tech"
    )
    gold = (
        "SELECT stock_symbol FROM companies WHERE sector = 'Technology' AND stock_symbol IN"
        " (SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_count_restated_after_most_picked(engine, seed_db):
    """'… and how many times each one was picked': the count the ranking shows anyway."""
    plan = ask(engine, seed_db, "top 10 most picked stocks and how many times each one was picked")
    gold = (
        "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
        " ORDER BY n DESC, stock_symbol LIMIT 10"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
