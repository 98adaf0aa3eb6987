"""Issue 12: wrong answers and declines from the thirty-third session's development sets (a
journalist, a product manager, a finance student, a day trader). Each question answered here
was declined or answered wrongly before its fix; the guards beside them keep a fix from
reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session

_CHANGE_2023 = (
    "SELECT e.stock_symbol, 100.0 * (l.close - f.close) / f.close AS pct FROM (SELECT"
    " stock_symbol, MIN(record_date) AS a, MAX(record_date) AS b FROM stock_price_history"
    " WHERE record_date LIKE '2023%' GROUP BY stock_symbol) AS e JOIN stock_price_history f"
    " ON f.stock_symbol = e.stock_symbol AND f.record_date = e.a JOIN stock_price_history l"
    " ON l.stock_symbol = e.stock_symbol AND l.record_date = e.b"
)


def _declined(plan) -> bool:
    return not plan.tasks[0].sql or bool(plan.tasks[0].refusal)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Who employs more people, McDonalds or Microsoft?",
            "SELECT stock_symbol, full_time_employees FROM companies"
            " WHERE stock_symbol IN ('MCD', 'MSFT') ORDER BY full_time_employees DESC",
        ),
        (
            # it ranked by headcount ('bigger') and showed the market cap of the wrong one
            "is Apple or Microsoft bigger by market cap",
            "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN ('AAPL', 'MSFT')"
            " ORDER BY market_cap DESC",
        ),
        (
            "which of AAPL, MSFT and NVDA has the highest market cap",
            "SELECT stock_symbol, market_cap FROM companies"
            " WHERE stock_symbol IN ('AAPL', 'MSFT', 'NVDA') ORDER BY market_cap DESC",
        ),
    ],
)
def test_named_rows_compared_are_all_shown_winner_first(engine, seed_db, question, gold):
    """The winner alone hid the other figure; both are shown, the winner first."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal  # (gold ORDER BY: in order)


def test_the_top_day_of_named_stocks_is_still_one_row_each(engine, seed_db):
    """Guard: a stock named is many rows of a price history; its top day stays one row."""
    plan = ask(engine, seed_db, "highest close of AAPL in 2023")
    assert "LIMIT 1" in plan.tasks[0].sql or "MAX(" in plan.tasks[0].sql.upper()


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What's the highest the S&P 500 has ever closed in this data, and on what date did"
            " it happen? Working on a record-high line.",
            "SELECT record_date, price FROM index_price_history ORDER BY price DESC LIMIT 1",
        ),
        (
            "How many companies are in Texas, for the piece?",
            "SELECT COUNT(*) FROM companies WHERE state = 'TX'",
        ),
        (
            "For my assignment I need the average market capitalisation for each sector. Could"
            " you please list every sector together with its average market cap?",
            "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector",
        ),
        (
            "Which S&P 500 stock has the most expensive share price right now?",
            "SELECT stock_symbol, current_price FROM companies ORDER BY current_price DESC LIMIT 1",
        ),
        (
            "How many companies in the index are worth more than half a trillion dollars?",
            "SELECT COUNT(*) FROM companies WHERE market_cap > 500000000000",
        ),
        (
            "Which sectors show the strongest revenue growth on average? Rank them from best"
            " to worst.",
            "SELECT sector, AVG(revenue_growth) AS g FROM companies GROUP BY sector"
            " ORDER BY g DESC",
        ),
        (
            "Rank the sectors by their total market cap, largest first.",
            "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector ORDER BY t DESC",
        ),
        (
            "Who were the five biggest percentage gainers in the S&P 500 in 2023? I need the"
            " names and how much each one rose, for the piece.",
            f"SELECT * FROM ({_CHANGE_2023}) AS m ORDER BY pct DESC LIMIT 5",
        ),
        (
            "Which ten S&P 500 stocks fell the hardest in 2022, in percentage terms?",
            f"SELECT * FROM ({_CHANGE_2023.replace('2023', '2022')}) AS m ORDER BY pct LIMIT 10",
        ),
    ],
)
def test_a_journalists_and_a_students_wording(engine, seed_db, question, gold):
    """Each declined before: what the answer is for ('for the piece', 'Working on a … line',
    'For my assignment I need'), 'half a trillion', 'fell the hardest', 'strongest … on
    average', 'best to worst', 'by their total', 'gainers in the S&P 500' (its stocks), and
    'the most expensive share price' (one column, not two)."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_the_same_metric_asked_twice_is_one_column(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "For my assignment I need the average market capitalisation for each sector. Could you"
        " please list every sector together with its average market cap?",
    )
    assert plan.tasks[0].sql.count("AVG(") == 1


@pytest.mark.parametrize(
    "question",
    [
        "Need a line chart of AAPL closes in 2023.",
        "I need the top 5 companies by market cap.",
    ],
)
def test_a_need_that_names_data_is_still_the_question(engine, seed_db, question):
    """Guard: 'Need …' asks when it names the data (a chart, a ranking)."""
    assert not _declined(ask(engine, seed_db, question))


def test_what_have_they_picked_after_a_person(engine, seed_db):
    plan = session(
        engine, seed_db, "Who's our most recent signup?", "What have they picked so far?"
    )
    assert not _declined(plan)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "NVDA top 5 widest range days (high-low)",
            "SELECT record_date, high - low AS r FROM stock_price_history"
            " WHERE stock_symbol = 'NVDA' ORDER BY r DESC LIMIT 5",
        ),
        (
            "how many red days did TSLA have in 2023",
            "SELECT COUNT(*) FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date LIKE '2023%' AND close < open",
        ),
        (
            "AAPL last 10 trading days, OHLC + vol",
            "SELECT record_date, open, high, low, close, volume FROM stock_price_history"
            " WHERE stock_symbol = 'AAPL' ORDER BY record_date DESC LIMIT 10",
        ),
        (
            "where'd the S&P close 6/30/23",
            "SELECT price FROM index_price_history WHERE record_date = '2023-06-30'",
        ),
        (
            "NVDA % move in 2023, first close of the year to last close",
            "SELECT * FROM (SELECT f.stock_symbol, 100.0 * (l.close - f.close) / f.close AS pct"
            " FROM stock_price_history f JOIN stock_price_history l ON l.stock_symbol ="
            " f.stock_symbol WHERE f.stock_symbol = 'NVDA' AND f.record_date = '2023-01-02'"
            " AND l.record_date = '2023-12-29') AS m",
        ),
    ],
)
def test_a_day_traders_words(engine, seed_db, question, gold):
    """Declined before: 'range (high-low)', 'red days' with a year (the close against the
    open), 'OHLC + vol', "where'd", '% move'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_days_range_shows_its_high_and_low(engine, seed_db):
    """dev: the widest range day showed the range alone; what was subtracted is shown."""
    plan = ask(engine, seed_db, "MSFT widest range day in 2022? high minus low")
    assert "high, low" in plan.tasks[0].sql.replace("stock_price_history.", "")
    gold = (
        "SELECT record_date, high, low, high - low AS r FROM stock_price_history WHERE"
        " stock_symbol = 'MSFT' AND record_date LIKE '2022%' ORDER BY r DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold)


def test_up_days_of_the_index_stay_close_against_the_day_before(engine, seed_db):
    """Guard: 'up days' of the index is the close against the previous close, not the open."""
    plan = ask(engine, seed_db, "how many up days did the S&P 500 have in 2023")
    assert "LAG(" in plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What % of our user base is active, i.e. has made at least one pick?",
            "SELECT 100.0 * COUNT(DISTINCT s.user_id) / (SELECT COUNT(*) FROM users)"
            " FROM user_selected_stocks s",
        ),
        (
            "Who are our top 10 power users by number of picks?",
            "SELECT user_id, COUNT(*) AS n FROM user_selected_stocks GROUP BY user_id"
            " ORDER BY n DESC, user_id LIMIT 10",
        ),
        (
            "What share of all picks goes to Technology names?",
            "SELECT 100.0 * SUM(CASE WHEN c.sector = 'Technology' THEN 1 ELSE 0 END) / COUNT(*)"
            " FROM user_selected_stocks s JOIN companies c ON c.stock_symbol = s.stock_symbol",
        ),
        (
            "How many stocks are long-tail, i.e. picked by only one user?",
            "SELECT COUNT(*) FROM (SELECT stock_symbol FROM user_selected_stocks"
            " GROUP BY stock_symbol HAVING COUNT(DISTINCT user_id) = 1) AS t",
        ),
    ],
)
def test_a_product_managers_words(engine, seed_db, question, gold):
    """Declined before: 'user base', 'power users' ranked, 'goes to', 'X is LABEL, i.e. …'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_power_users_alone_are_not_guessed(engine, seed_db):
    assert _declined(ask(engine, seed_db, "Who are our power users?"))


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which sectors have a negative average revenue growth? Please show the average for"
            " each of them.",
            "SELECT sector, AVG(revenue_growth) FROM companies GROUP BY sector"
            " HAVING AVG(revenue_growth) < 0",
        ),
        (
            'The assignment asks: "Which industries contain more than 10 companies?" Please list'
            " those industries with the number of companies in each.",
            "SELECT industry, COUNT(*) FROM companies GROUP BY industry HAVING COUNT(*) > 10",
        ),
        (
            "Which industries within the Healthcare sector have more than 5 companies? Please"
            " show the average market cap of each of them.",
            "SELECT industry, COUNT(*), AVG(market_cap) FROM companies WHERE sector ="
            " 'Healthcare' GROUP BY industry HAVING COUNT(*) > 5",
        ),
        (
            "Compare the average number of full-time employees of companies listed on the NYSE"
            " (NYQ) with those listed on the NASDAQ (NMS).",
            "SELECT exchange_symbol, AVG(full_time_employees) FROM companies"
            " WHERE exchange_symbol IN ('NYQ', 'NMS') GROUP BY exchange_symbol",
        ),
    ],
)
def test_a_second_sentence_that_builds_on_the_first(engine, seed_db, question, gold):
    """'Please show … for each of them' after a question in the same message: 'them' are the
    first sentence's rows (declined before: nothing earlier to point back to)."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_second_sentence_that_would_lose_a_column_is_declined(engine, seed_db):
    """Guard: the count per sector is never dropped for the average asked beside it."""
    plan = ask(
        engine,
        seed_db,
        "How many companies are in each sector? Please also show the average market cap of each.",
    )
    assert _declined(plan) or "COUNT(" in plan.tasks[0].sql.upper()


def test_the_change_between_the_first_and_last_dates_of_the_data(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "By what percentage did the S&P 500 index change between the first and the last"
        " recorded dates in the data?",
    )
    gold = (
        "SELECT 100.0 * (l.price - f.price) / f.price FROM index_price_history f,"
        " index_price_history l WHERE f.record_date = (SELECT MIN(record_date) FROM"
        " index_price_history) AND l.record_date = (SELECT MAX(record_date) FROM"
        " index_price_history)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_the_index_days_said_by_a_journalist(engine, seed_db):
    """'suffer its biggest one-day percentage drop, and how big was the fall?' and 'close
    higher than it did the day before' were declined."""
    plan = ask(
        engine,
        seed_db,
        "On which day in 2022 did the S&P 500 suffer its biggest one-day percentage drop, and"
        " how big was the fall?",
    )
    assert "2022-03-30" in str(rows(seed_db, plan))
    plan = ask(
        engine,
        seed_db,
        "How many trading days in 2023 did the S&P 500 close higher than it did the day before?",
    )
    gold = (
        "SELECT COUNT(*) FROM (SELECT record_date, price, LAG(price) OVER (ORDER BY record_date)"
        " AS p FROM index_price_history) AS t WHERE record_date LIKE '2023%' AND price > p"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_how_did_one_do_compared_with_another(engine, seed_db):
    for question in (
        "How did Tesla do in 2023 compared with Amazon?",
        "How did Tesla's stock do in 2023 compared with Amazon's? Percentage change over the"
        " year for each, please.",
    ):
        plan = ask(engine, seed_db, question)
        gold = f"SELECT * FROM ({_CHANGE_2023}) AS m WHERE stock_symbol IN ('TSLA', 'AMZN')"
        assert same_rows(seed_db, plan, gold), (question, plan.tasks[0].refusal)


@pytest.mark.parametrize(
    "questions",
    [
        ("top 5 companies by market cap", "which of those has the most employees?"),
        ("compare coke and pepsi market cap", "which one has more employees"),
        ("KO vs PEP avg close in july 2023", "which one has more employees"),
    ],
)
def test_which_one_after_named_rows_is_still_the_one(engine, seed_db, questions):
    """Guard: 'which one' / 'which of those' asks for one row, unlike 'who has more, A or B'."""
    plan = session(engine, seed_db, *questions)
    assert len(rows(seed_db, plan)) == 1, plan.tasks[0].sql


def test_a_traders_any_ticker_and_a_days_points(engine, seed_db):
    """Declined before: 'biggest 1 day % drop in the whole data set, any ticker', and the
    latest close 'and how many points was that up or down from the previous session'."""
    plan = ask(
        engine,
        seed_db,
        "biggest 1 day % drop in the whole data set, any ticker. close vs prior close",
    )
    gold = (
        "SELECT stock_symbol, record_date, (close - p) * 100.0 / p AS pct FROM (SELECT"
        " stock_symbol, record_date, close, LAG(close) OVER (PARTITION BY stock_symbol ORDER BY"
        " record_date) AS p FROM stock_price_history) AS t WHERE p IS NOT NULL ORDER BY pct LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    plan = ask(
        engine,
        seed_db,
        "Where did the S&P 500 close on the most recent day in the data, and how many points"
        " was that up or down from the previous session?",
    )
    assert "-12.68" in str(rows(seed_db, plan)), plan.tasks[0].refusal


def test_the_earliest_date_of_the_data_then_a_named_close(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "What is the earliest date in the stock price history, and what was Apple's (AAPL)"
        " closing price on that date?",
    )
    gold = (
        "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " ORDER BY record_date LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


_GAPS = (
    "SELECT record_date, open, p, (open - p) * 100.0 / p AS g FROM (SELECT record_date, open,"
    " LAG(close) OVER (ORDER BY record_date) AS p FROM stock_price_history WHERE stock_symbol"
    " = '{t}') AS t WHERE p IS NOT NULL"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many gap up days did AMD have in 2023",
            f"SELECT COUNT(*) FROM ({_GAPS.format(t='AMD')}) AS x WHERE record_date LIKE '2023%'"
            " AND open > p",
        ),
        (
            "NFLX biggest gap up ever in here? open vs prior close, in %",
            f"SELECT * FROM ({_GAPS.format(t='NFLX')}) AS x ORDER BY g DESC LIMIT 1",
        ),
        (
            "TSLA 5 biggest gap downs in 2023. open vs prior close",
            f"SELECT * FROM ({_GAPS.format(t='TSLA')}) AS x WHERE record_date LIKE '2023%'"
            " ORDER BY g LIMIT 5",
        ),
        (
            "GOOGL gap ups vs gap downs in 2023",
            "SELECT SUM(CASE WHEN open > p THEN 1 ELSE 0 END), SUM(CASE WHEN open < p THEN 1"
            f" ELSE 0 END) FROM ({_GAPS.format(t='GOOGL')}) AS x WHERE record_date LIKE '2023%'",
        ),
    ],
)
def test_gaps_are_the_open_against_the_previous_close(engine, seed_db, question, gold):
    """Declined before ('gap' needs window functions; the first sentence was set aside as
    chatter): a gap is the day's open against the previous day's close."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_gap_of_a_series_with_no_open_is_declined(engine, seed_db):
    """Guard: the index has no open; its 'gap' is never its close against the day before."""
    assert _declined(ask(engine, seed_db, "biggest gap up of the S&P 500"))


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which companies headquartered in California employ more than 50,000 full-time staff?",
            "SELECT stock_symbol FROM companies WHERE state = 'CA' AND full_time_employees > 50000",
        ),
        (
            "Which ten companies employ the largest number of full-time staff, and how many"
            " employees does each have?",
            "SELECT stock_symbol, full_time_employees FROM companies ORDER BY full_time_employees"
            " DESC LIMIT 10",
        ),
        (
            "How many companies in the Utilities sector report revenue growth above 5 percent?",
            "SELECT COUNT(*) FROM companies WHERE sector = 'Utilities' AND revenue_growth > 0.05",
        ),
        (
            "How many companies lack an EBITDA figure in the dataset, broken down by sector?",
            "SELECT sector, COUNT(*) FROM companies WHERE ebitda IS NULL GROUP BY sector",
        ),
        (
            "Which sectors exhibit a negative average revenue growth?",
            "SELECT sector, AVG(revenue_growth) FROM companies GROUP BY sector"
            " HAVING AVG(revenue_growth) < 0",
        ),
        (
            "How many companies have a market capitalisation in excess of 100 billion US dollars?",
            "SELECT COUNT(*) FROM companies WHERE market_cap > 100000000000",
        ),
        (
            "What proportion of Technology companies recorded positive revenue growth, expressed"
            " as a percentage?",
            "SELECT 100.0 * SUM(CASE WHEN revenue_growth > 0 THEN 1 ELSE 0 END) / COUNT(*) FROM"
            " companies WHERE sector = 'Technology'",
        ),
        (
            "META ATH - what price and what day?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'META'"
            " ORDER BY close DESC LIMIT 1",
        ),
        (
            "how many picks has AAPL gotten?",
            "SELECT COUNT(*) FROM user_selected_stocks WHERE stock_symbol = 'AAPL'",
        ),
        (
            "who are our power users - anyone with 7 or more picks, and how many picks each",
            "SELECT user_id, COUNT(*) FROM user_selected_stocks GROUP BY user_id"
            " HAVING COUNT(*) >= 7",
        ),
        (
            "The draft says the S&P 500 closed at 5,170.25 on June 30, 2023. Can you confirm what"
            " the index closed at that day?",
            "SELECT price FROM index_price_history WHERE record_date = '2023-06-30'",
        ),
        (
            "The piece puts Exxon Mobil's headquarters in Irving, Texas. Where is Exxon Mobil"
            " headquartered according to your data?",
            "SELECT city, state FROM companies WHERE stock_symbol = 'XOM'",
        ),
        (
            "Our reporter writes that Qualcomm was the best-performing stock in the S&P 500 in"
            " 2023. Which stock actually had the biggest percentage gain over 2023?",
            f"SELECT * FROM ({_CHANGE_2023}) AS m ORDER BY pct DESC LIMIT 1",
        ),
    ],
)
def test_an_editors_a_students_and_an_analysts_words(engine, seed_db, question, gold):
    """Declined before: 'employ … full-time staff', 'report / exhibit / recorded', 'lack an
    EBITDA figure', 'in excess of … US dollars', 'expressed as a percentage', 'ATH', 'gotten',
    'anyone with 7 or more picks, and how many picks each', and a draft's claim before the
    question ('The draft says …', 'Our reporter writes that …', 'according to your data')."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_claim_comparing_two_of_a_kind_is_still_read(engine, seed_db):
    """Guard: a claim setting two companies side by side is not dropped as context."""
    plan = ask(
        engine,
        seed_db,
        "The draft says Walmart has more full-time employees than Amazon. Is that right?",
    )
    assert _declined(plan) or "WMT" in plan.tasks[0].sql or "Walmart" in plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "I intend to plot the monthly evolution of the index in my paper: what was the average"
            " closing level of the S&P 500 in each month of 2023?",
            "SELECT SUBSTR(record_date, 1, 7) AS m, AVG(price) FROM index_price_history WHERE"
            " record_date LIKE '2023%' GROUP BY m",
        ),
        (
            "As a robustness check I would prefer the median to the mean, since the distribution"
            " is rather skewed: what is the median number of full-time employees across all"
            " companies in the dataset?",
            "SELECT 26125.0",
        ),
        (
            "Which states are home to more than 15 of the companies, and how many companies are"
            " headquartered in each of those states?",
            "SELECT state, COUNT(*) FROM companies GROUP BY state HAVING COUNT(*) > 15",
        ),
        (
            "How did Coca-Cola and PepsiCo shares perform in 2023? Give me the percentage change"
            " for each.",
            f"SELECT * FROM ({_CHANGE_2023}) AS m WHERE stock_symbol IN ('KO', 'PEP')",
        ),
        (
            "For a summary table, could you give me, for each stock exchange, the number of listed"
            " companies, their average market capitalisation and their total number of full-time"
            " employees?",
            "SELECT exchange_symbol, COUNT(*), AVG(market_cap), SUM(full_time_employees) FROM"
            " companies GROUP BY exchange_symbol",
        ),
    ],
)
def test_a_term_papers_lead_ins_and_restated_counts(engine, seed_db, question, gold):
    """Declined before: a plan said before a colon ('I intend to …:', 'I would prefer …:'),
    a count restated after its condition, 'Give me the percentage change for each.' after
    the change, 'their total number of full-time employees'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_restrict_that_then_sort_by_the_average_named(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Please give me, for each sector, the number of companies and their average market"
        " capitalisation.",
        "Could you restrict that to companies listed on the NASDAQ (exchange code NMS)?",
        "Please sort that result by the average market capitalisation, from largest to smallest.",
    )
    gold = (
        "SELECT sector, AVG(market_cap) AS a, COUNT(*) FROM companies WHERE exchange_symbol ="
        " 'NMS' GROUP BY sector ORDER BY a DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal
    # guard: an average the answer does not show is never the one sorted by
    plan = session(
        engine,
        seed_db,
        "for each sector, the number of companies and their average market cap",
        "sort by the average volume",
    )
    assert _declined(plan)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "what's our overall activation rate? i.e. % of signed up users who have made at"
            " least 1 pick",
            "SELECT 100.0 * COUNT(DISTINCT s.user_id) / (SELECT COUNT(*) FROM users)"
            " FROM user_selected_stocks s",
        ),
        (
            "give me the list of user ids that signed up but never picked a single stock (dead"
            " signups)",
            "SELECT user_id FROM users WHERE user_id NOT IN (SELECT user_id FROM"
            " user_selected_stocks)",
        ),
        (
            "bottom 3 sectors by number of picks - where's the least demand?",
            "SELECT c.sector, COUNT(*) AS n FROM user_selected_stocks s JOIN companies c ON"
            " c.stock_symbol = s.stock_symbol GROUP BY c.sector ORDER BY n LIMIT 3",
        ),
        (
            "who's our newest signup and when did they join?",
            "SELECT user_id, created_date FROM users ORDER BY created_date DESC LIMIT 1",
        ),
        (
            "AMD avg daily range in Q3 2023 (high minus low, in $)",
            "SELECT AVG(high - low) FROM stock_price_history WHERE stock_symbol = 'AMD' AND"
            " record_date BETWEEN '2023-07-01' AND '2023-09-30'",
        ),
    ],
)
def test_a_growth_analysts_labels_and_definitions(engine, seed_db, question, gold):
    """Declined before: a label then its definition ('activation rate? i.e. …'), a label
    after the request ('(dead signups)', '- where's the least demand?'), 'and when did they
    join?' of the newest signup, '(high minus low, in $)'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_label_that_is_a_condition_or_a_period_is_kept(engine, seed_db):
    """Guard: '(ex REITs)' or '(jan-mar)' after a question is never set aside."""
    assert _declined(ask(engine, seed_db, "top 10 companies by market cap (ex REITs)"))
    assert _declined(ask(engine, seed_db, "how many ppl signed up in q3 23 (jan-mar)"))


@pytest.mark.parametrize(
    "questions,gold",
    [
        (
            (
                "how many companies are in each state",
                "same thing but only Technology sector stocks",
            ),
            "SELECT state, COUNT(*) FROM companies WHERE sector = 'Technology' GROUP BY state",
        ),
        (
            (
                "how many companies are there per sector",
                "same but restricted to the Technology sector",
            ),
            "SELECT sector, COUNT(*) FROM companies WHERE sector = 'Technology' GROUP BY sector",
        ),
    ],
)
def test_a_redo_said_as_same_but(engine, seed_db, questions, gold):
    """Declined before: 'same thing but …', 'same but restricted to …'."""
    plan = session(engine, seed_db, *questions)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


_SP_AT = "SELECT price FROM index_price_history WHERE record_date IN ({days})"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "S&P 500 index level at year end 2022 vs year end 2023, and the % move",
            "SELECT 100.0 * (4769.83 - 5115.64) / 5115.64",
        ),
        (
            "S&P 500 level at end of 2022 vs end of 2023, and the % chg",
            "SELECT 100.0 * (4769.83 - 5115.64) / 5115.64",
        ),
        (
            "what was the s&p 500 at the start of 2023 and at the end?",
            _SP_AT.format(days="'2023-01-02', '2023-12-29'"),
        ),
    ],
)
def test_ends_of_years_said_in_words(engine, seed_db, question, gold):
    """Declined before on 'end': a year's end and start, and each year's end."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_last_close_of_a_two_digit_year(engine, seed_db):
    """'last close of 22 to last close of 23' was declined on '23'."""
    plan = ask(
        engine, seed_db, "TSLA vs NVDA % return for 2023, last close of 22 to last close of 23"
    )
    gold = (
        "SELECT e.stock_symbol, 100.0 * (e.close - s.close) / s.close FROM stock_price_history s"
        " JOIN stock_price_history e ON e.stock_symbol = s.stock_symbol WHERE s.record_date ="
        " '2022-12-30' AND e.record_date = '2023-12-29' AND s.stock_symbol IN ('TSLA', 'NVDA')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Can you list the users who joined in March and what stocks they picked?",
            "SELECT u.user_id, s.stock_symbol FROM users u JOIN user_selected_stocks s ON"
            " s.user_id = u.user_id WHERE u.created_date >= '2023-03-01' AND u.created_date <"
            " '2023-04-01'",
        ),
        (
            "What's the favorite stock in each sector, going by number of picks?",
            "SELECT sector, stock_symbol FROM (SELECT c.sector, s.stock_symbol, RANK() OVER"
            " (PARTITION BY c.sector ORDER BY COUNT(*) DESC) AS r FROM user_selected_stocks s JOIN"
            " companies c ON c.stock_symbol = s.stock_symbol GROUP BY c.sector, s.stock_symbol)"
            " AS t WHERE r = 1",
        ),
        (
            "what's our users' most picked stock?",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC LIMIT 1",
        ),
        (
            "which stock is the users' favourite?",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC LIMIT 1",
        ),
        (
            "What are the 10 largest companies by market value? Please show their market cap in"
            " billions of dollars.",
            "SELECT stock_symbol, ROUND(market_cap / 1000000000.0, 2) AS b FROM companies ORDER"
            " BY market_cap DESC LIMIT 10",
        ),
        (
            "total market cap per sector, in trillions",
            "SELECT sector, ROUND(SUM(market_cap) / 1000000000000.0, 2) FROM companies GROUP BY"
            " sector",
        ),
    ],
)
def test_half_asked_questions_that_were_answered_wrong(engine, seed_db, question, gold):
    """Wrong before: 'the users who joined in March and what stocks they picked' showed the
    users alone; 'the favorite stock in each sector' counted picks per sector; "our users'
    most picked stock" counted each user's stocks; "which stock is the users' favourite"
    listed every picked stock; 'in billions of dollars' at the end was ignored."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "On average, how many full-time employees does a company in the Consumer Defensive"
            " sector have? Round to a whole number.",
            "SELECT ROUND(AVG(full_time_employees), 0) FROM companies WHERE sector ="
            " 'Consumer Defensive'",
        ),
        (
            "How many companies are there in each sector? Put the sector with the most companies"
            " first.",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC, sector",
        ),
        (
            "Which company has the most full-time employees, and how many does it have?",
            "SELECT stock_symbol, full_time_employees FROM companies ORDER BY full_time_employees"
            " DESC LIMIT 1",
        ),
        (
            "Check which city has the most S&P 500 headquarters, and how many.",
            "SELECT city, COUNT(*) AS n FROM companies GROUP BY city ORDER BY n DESC LIMIT 1",
        ),
        (
            "Check Apple's weight in the S&P 500, and Microsoft's too.",
            "SELECT stock_symbol, weight FROM index_compositions WHERE stock_symbol IN ('AAPL',"
            " 'MSFT')",
        ),
        (
            "Get me Nike's full-year 2023 change in percent, year-end close to year-end close.",
            "SELECT 100.0 * (e.close - s.close) / s.close FROM stock_price_history s,"
            " stock_price_history e WHERE s.stock_symbol = 'NKE' AND e.stock_symbol = 'NKE' AND"
            " s.record_date = '2022-12-30' AND e.record_date = '2023-12-29'",
        ),
        (
            "Top 5 S&P gainers of 2023",
            f"SELECT * FROM ({_CHANGE_2023}) AS m ORDER BY pct DESC LIMIT 5",
        ),
        (
            "2022 % change for the S&P 500",
            "SELECT 100.0 * (5115.64 - 4758.06) / 4758.06",
        ),
    ],
)
def test_a_fact_box_and_a_class_exercise(engine, seed_db, question, gold):
    """Declined before: 'Round to a whole number.', 'Put the sector with the most companies
    first.', '…, and how many does it have?', 'Check …', 'full-year 2023 change …, year-end
    close to year-end close', 'S&P gainers', '2022 % change'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


_TOP_PER_SECTOR = (
    "SELECT sector, stock_symbol FROM (SELECT sector, stock_symbol, ROW_NUMBER() OVER (PARTITION"
    " BY sector ORDER BY market_cap DESC) AS r FROM companies) AS t WHERE r = 1"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        ("max market_cap per sector w/ the stock_symbol", _TOP_PER_SECTOR),
        ("stock with the max market_cap in each sector", _TOP_PER_SECTOR),
        (
            "which company has the max market cap",
            "SELECT stock_symbol, market_cap FROM companies ORDER BY market_cap DESC LIMIT 1",
        ),
        (
            "top 5 most picked stock_symbol in user_selected_stocks",
            "SELECT stock_symbol, COUNT(*) AS n FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY n DESC, stock_symbol LIMIT 5",
        ),
    ],
)
def test_a_quant_interns_max_with_the_row(engine, seed_db, question, gold):
    """Wrong or declined before: 'the stock with the max market_cap in each sector' showed the
    maxima alone, 'which company has the max market cap' the number alone."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_employs_the_most_full_time_staff_stays_answered(engine, seed_db):
    """Guard (a dev question lost mid-session): 'employs the most full-time staff'."""
    plan = ask(engine, seed_db, "which company in the index employs the most full-time staff?")
    gold = "SELECT stock_symbol FROM companies ORDER BY full_time_employees DESC LIMIT 1"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_rounding_asked_before_is_kept_by_an_edit(engine, seed_db):
    """'And in the Technology sector?' after '… Round to a whole number.' lost the rounding."""
    first = (
        "On average, how many full-time employees does a company in the Consumer Defensive"
        " sector have? Round to a whole number."
    )
    plan = session(engine, seed_db, first, "And in the Technology sector?")
    assert "ROUND(" in plan.tasks[0].sql.upper(), plan.tasks[0].sql
    gold = "SELECT ROUND(AVG(full_time_employees), 0) FROM companies WHERE sector = 'Technology'"
    assert same_rows(seed_db, plan, gold)
    # guard: a question of its own with other columns is not rounded
    plan = session(engine, seed_db, first, "how many companies are in Texas?")
    assert "ROUND(" not in plan.tasks[0].sql.upper()


def test_those_picks_after_a_declined_question_about_picks_is_declined(engine, seed_db):
    """Wrong before: the users of the count before it, filtered by the picks' sector."""
    plan = session(
        engine,
        seed_db,
        "How many people signed up in January?",
        "Nice. What did those folks end up picking? List each user and their stocks please.",
        "Which of those picks were tech stocks?",
    )
    assert _declined(plan), plan.tasks[0].sql
