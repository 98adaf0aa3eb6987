"""Issue 12: wrong answers and declines from the twenty-fourth session's development sets.
Each question answered here was declined or answered wrongly before its fix; the guards beside
them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

_PCT = (
    "SELECT s.stock_symbol, 100.0 * (e.close - s.close) / s.close FROM stock_price_history s"
    " JOIN stock_price_history e ON e.stock_symbol = s.stock_symbol"
    " WHERE s.stock_symbol IN ({names}) AND s.record_date = {start} AND e.record_date = {end}"
)

_FIRST_2023 = "(SELECT MIN(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"
_LAST_2023 = "(SELECT MAX(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'close to … close' named no period
            "AAPL % chg, 1/3/23 close to 6/30/23 close",
            _PCT.format(names="'AAPL'", start="'2023-01-03'", end="'2023-06-30'"),
        ),
        (
            "JPM % chg 12/30/22 close -> 12/29/23 close",
            _PCT.format(names="'JPM'", start="'2022-12-30'", end="'2023-12-29'"),
        ),
        (
            # once declined: 'return' read as a comparison across periods
            "AMZN % return 2023",
            _PCT.format(names="'AMZN'", start=_FIRST_2023, end=_LAST_2023),
        ),
        (
            # once declined: a change needed exactly one named series
            "JPM vs BAC, % chg 12/30/22 close to 12/29/23 close",
            _PCT.format(names="'JPM', 'BAC'", start="'2022-12-30'", end="'2023-12-29'"),
        ),
        (
            "JPM vs BAC, percent change in 2023",
            _PCT.format(names="'JPM', 'BAC'", start=_FIRST_2023, end=_LAST_2023),
        ),
    ],
)
def test_blind_questions_answered_as_meant(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_open_to_close_of_two_days_is_not_read_as_one_column(engine, seed_db):
    plan = ask(engine, seed_db, "AAPL % chg, 2023-01-03 open to 2023-06-30 close")
    assert not plan.tasks[0].sql  # two columns: not the close's change from day to day


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'before' a month with no year; the users' dates are all in 2023
            "how many users joined before june",
            "SELECT COUNT(*) FROM users WHERE created_date < '2023-06-01'",
        ),
        (
            "users who joined after june",
            "SELECT user_id FROM users WHERE created_date >= '2023-07-01'",
        ),
        (
            # once declined: 'for each' had nothing to apply to
            "Break down the Consumer Defensive companies by HQ state, with a count for each",
            "SELECT state, COUNT(*) FROM companies WHERE sector = 'Consumer Defensive'"
            " GROUP BY state",
        ),
        (
            # once declined: 'break' unread
            "How many index constituents are domiciled outside the United States? Please break"
            " it down by country.",
            "SELECT c.country, COUNT(*) FROM index_compositions i JOIN companies c ON"
            " c.stock_symbol = i.stock_symbol WHERE c.country <> 'United States'"
            " GROUP BY c.country",
        ),
    ],
)
def test_everyday_wordings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,then,gold",
    [
        (
            "which users picked NVDA",
            "only the ones who joined before july",
            "SELECT DISTINCT u.user_id, u.created_date FROM users u JOIN user_selected_stocks s"
            " ON s.user_id = u.user_id WHERE s.stock_symbol = 'NVDA'"
            " AND u.created_date < '2023-07-01'",
        ),
        (
            "which users picked NVDA",
            "just the ones who signed up before june 2023",
            "SELECT DISTINCT u.user_id, u.created_date FROM users u JOIN user_selected_stocks s"
            " ON s.user_id = u.user_id WHERE s.stock_symbol = 'NVDA'"
            " AND u.created_date < '2023-06-01'",
        ),
        (
            "number of Consumer Defensive companies per state",
            "only keep states with 3 or more",
            "SELECT state, COUNT(*) FROM companies WHERE sector = 'Consumer Defensive'"
            " GROUP BY state HAVING COUNT(*) >= 3",
        ),
        (
            "number of Consumer Defensive companies per state",
            "just states with 2 or fewer",
            "SELECT state, COUNT(*) FROM companies WHERE sector = 'Consumer Defensive'"
            " AND state IS NOT NULL GROUP BY state HAVING COUNT(*) <= 2",
        ),
    ],
)
def test_follow_ups_that_keep_some_rows(engine, seed_db, first, then, gold):
    plan = session(engine, seed_db, first, then)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which sectors have no company headquartered in Texas?",
            "SELECT DISTINCT sector FROM companies WHERE sector NOT IN"
            " (SELECT sector FROM companies WHERE state = 'TX')",
        ),
        (
            "which sectors have no company with a market cap over 200 billion?",
            "SELECT DISTINCT sector FROM companies WHERE sector NOT IN"
            " (SELECT sector FROM companies WHERE market_cap > 200000000000)",
        ),
        (
            "which states have no tech companies",
            "SELECT DISTINCT state FROM companies WHERE state NOT IN"
            " (SELECT state FROM companies WHERE sector = 'Technology' AND state IS NOT NULL)",
        ),
    ],
)
def test_groups_none_of_whose_rows_meet_a_condition(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_groups_without_a_condition_are_not_read_as_every_group(engine, seed_db):
    plan = ask(engine, seed_db, "sectors with no companies")
    assert not plan.tasks[0].sql  # every sector has companies: not a list of them all


def test_a_condition_added_after_groups_without_is_not_put_beside_it(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "Which sectors have no company headquartered in Texas?",
        "and in California?",
    )
    assert not plan.tasks[0].sql  # once: sectors with Californian companies and none in Texas


_PICKS_PER_PICKER = (
    "SELECT AVG(n) FROM (SELECT user_id, COUNT(*) AS n FROM user_selected_stocks GROUP BY user_id)"
)
_PICKS_PER_USER = (
    "SELECT (SELECT COUNT(*) FROM user_selected_stocks) * 1.0 / (SELECT COUNT(*) FROM users)"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # once declined: an average of a count per group needed a nested query
        ("avg number of picks per user (only ppl with at least 1 pick)", _PICKS_PER_PICKER),
        (
            "on avg how many picks does each person have? only counting folks who've picked at"
            " least one",
            _PICKS_PER_PICKER,
        ),
        ("avg number of stock picks per user? count ppl w/ zero picks as 0", _PICKS_PER_USER),
        (
            "average number of companies per sector",
            "SELECT AVG(n) FROM (SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector)",
        ),
    ],
)
def test_the_average_of_a_count_per_group(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_an_average_count_over_unsaid_groups_names_both_readings(engine, seed_db):
    task = ask(engine, seed_db, "avg number of picks per user").tasks[0]
    assert not task.sql and "over all users" in task.refusal and "at least one" in task.refusal


def test_an_average_of_a_column_per_group_stays_that(engine, seed_db):
    plan = ask(engine, seed_db, "average market cap per sector")
    gold = "SELECT sector, AVG(market_cap) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'once' unread
            "which stocks got picked more than once in december",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks WHERE created_date >="
            " '2023-12-01' AND created_date < '2024-01-01' GROUP BY stock_symbol"
            " HAVING COUNT(*) > 1",
        ),
        (
            "stocks that were picked at least twice",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " HAVING COUNT(*) >= 2",
        ),
        (
            # once declined: what '5' referred to
            "Which stocks are most popular with our app's users? Give me the top five by number"
            " of users who picked them.",
            "SELECT stock_symbol, COUNT(DISTINCT user_id) AS n FROM user_selected_stocks"
            " GROUP BY stock_symbol ORDER BY n DESC LIMIT 5",
        ),
    ],
)
def test_counts_said_in_times_and_rankings_said_after(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: '/' read as 'or' or a division, never computed
            "top 5 Energy names by ebitda/market_cap",
            "SELECT stock_symbol, ebitda * 1.0 / market_cap AS r FROM companies"
            " WHERE sector = 'Energy' AND ebitda IS NOT NULL ORDER BY r DESC LIMIT 5",
        ),
        (
            # once declined: 'per employee' divides by a column
            "market cap per employee for WMT and AMZN",
            "SELECT stock_symbol, market_cap * 1.0 / full_time_employees FROM companies"
            " WHERE stock_symbol IN ('WMT', 'AMZN')",
        ),
        (
            "ratio of ebitda to market cap for AAPL",
            "SELECT ebitda * 1.0 / market_cap FROM companies WHERE stock_symbol = 'AAPL'",
        ),
    ],
)
def test_a_ratio_of_two_columns_of_a_row(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_ratio_whose_column_is_also_a_condition_is_not_read(engine, seed_db):
    plan = ask(
        engine, seed_db, "companies with market cap over 100 billion by market cap per employee"
    )
    assert "NULLIF" not in plan.tasks[0].sql  # the condition on market cap would divide too


def test_the_highest_ratio_is_the_row_with_the_highest_ratio(engine, seed_db):
    plan = ask(engine, seed_db, "which company has the highest market cap per employee overall")
    gold = (
        "SELECT stock_symbol, market_cap * 1.0 / full_time_employees AS r FROM companies"
        " ORDER BY r DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # once declined: 'YE' unread
            "SPX level at 2022 YE close",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500' AND"
            " record_date = (SELECT MAX(record_date) FROM index_price_history WHERE record_date"
            " LIKE '2022%')",
        ),
        (
            "AAPL close at year-end 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL' AND"
            " record_date = (SELECT MAX(record_date) FROM stock_price_history WHERE"
            " stock_symbol = 'AAPL' AND record_date LIKE '2023%')",
        ),
    ],
)
def test_year_end_said_short(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_which_of_the_two_went_up_more_ranks_the_two_named_before(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "apple vs microsoft market cap",
        "which of the two went up more in 2023 in %?",
    )
    first = "(SELECT MIN(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"
    last = "(SELECT MAX(record_date) FROM stock_price_history WHERE record_date LIKE '2023%')"
    gold = (
        "SELECT s.stock_symbol, 100.0 * (e.close - s.close) / s.close AS p FROM"
        " stock_price_history s JOIN stock_price_history e ON e.stock_symbol = s.stock_symbol"
        f" WHERE s.stock_symbol IN ('AAPL', 'MSFT') AND s.record_date = {first}"
        f" AND e.record_date = {last} ORDER BY p DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_top_group_from_that_is_the_first_row_before(engine, seed_db):
    # once the 10 largest Real Estate companies, then declined (session 23)
    plan = session(
        engine,
        seed_db,
        "Average market cap by industry within Real Estate, highest first",
        "list the companies in the top industry from that, with city and state",
    )
    gold = (
        "SELECT stock_symbol, short_name, city, state FROM companies WHERE sector = 'Real Estate'"
        " AND industry = (SELECT industry FROM companies WHERE sector = 'Real Estate'"
        " GROUP BY industry ORDER BY AVG(market_cap) DESC LIMIT 1)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_the_top_group_whose_conditions_would_be_lost_is_declined(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "states with the most tech companies",
        "list the companies in the top state from that",
    )
    assert not plan.tasks[0].sql  # every company of that state, or its tech companies?


def test_registered_users_are_the_users(engine, seed_db):
    # once their signup dates alone ('registered' read as the date column)
    plan = ask(engine, seed_db, "Which registered users have not selected a single stock?")
    gold = (
        "SELECT user_id FROM users u WHERE NOT EXISTS"
        " (SELECT 1 FROM user_selected_stocks s WHERE s.user_id = u.user_id)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "first,then",
    [
        # once the picks per sector: 'per company' dropped without a word
        ("picks by sector", "ok now picks per company for each sector, highest first"),
        # once a whole-2022 answer: 'i.e.' ended a sentence, and the first was set aside
        (
            "What was Amazon's closing price on the last trading day of June 2023?",
            "And its percentage return over the first half of 2023, i.e. from the last close of"
            " 2022 to that date?",
        ),
    ],
)
def test_half_a_question_is_never_dropped(engine, seed_db, first, then):
    assert not session(engine, seed_db, first, then).tasks[0].sql


def test_average_of_counts_over_two_groupings_is_declined(engine, seed_db):
    # once the average over sectors of the picks per sector
    assert not ask(engine, seed_db, "average picks per company for each sector").tasks[0].sql


_PICKS_PER_STOCK = (
    "SELECT s.stock_symbol, c.short_name, COUNT(*) AS n FROM user_selected_stocks s"
    " JOIN companies c ON c.stock_symbol = s.stock_symbol GROUP BY s.stock_symbol"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        # each once declined on a word ('closing', 'got', 'put', 'went', 'wheres', 'need')
        (
            "whats apple closing at latest",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date = (SELECT MAX(record_date) FROM stock_price_history"
            " WHERE stock_symbol = 'AAPL')",
        ),
        (
            "which sector got the most companys",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC LIMIT 1",
        ),
        ("top 5 stocks ppl put on there watchlists", _PICKS_PER_STOCK + " ORDER BY n DESC LIMIT 5"),
        (
            "wheres the s&p at now",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date = (SELECT MAX(record_date) FROM index_price_history)",
        ),
        (
            "which stocks were picked by just one user? need symbol and name",
            _PICKS_PER_STOCK + " HAVING COUNT(*) = 1",
        ),
        (
            "what are the 5 most watchlisted stocks on the site? how many users each",
            _PICKS_PER_STOCK + " ORDER BY n DESC LIMIT 5",
        ),
        (
            # once declined: 'tech' before 'stocks' was taken for what is ranked
            "which 3 tech stocks have the most picks",
            "SELECT s.stock_symbol, COUNT(*) AS n FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol WHERE c.sector = 'Technology'"
            " GROUP BY s.stock_symbol ORDER BY n DESC LIMIT 3",
        ),
    ],
)
def test_phone_and_newsroom_wordings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_last_sentence_asking_for_an_unshown_column_stays_declined(engine, seed_db):
    task = ask(engine, seed_db, "which stocks were picked by just one user? need sector").tasks[0]
    assert not task.sql  # the answer shows no sector: the sentence asks for more


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which 5 stocks traded the most shares in december 2023, total volume?",
            "SELECT stock_symbol, SUM(volume) AS v FROM stock_price_history WHERE record_date"
            " >= '2023-12-01' AND record_date < '2024-01-01' GROUP BY stock_symbol"
            " ORDER BY v DESC LIMIT 5",
        ),
        (
            "amazon vs walmart, whats each one's weight in the S&P 500?",
            "SELECT stock_symbol, weight FROM index_compositions WHERE index_symbol = 'SP500'"
            " AND stock_symbol IN ('AMZN', 'WMT')",
        ),
        (
            "microsoft in Q3 2023 - avg daily close, plus the high and low close for the quarter",
            "SELECT AVG(close), MAX(close), MIN(close) FROM stock_price_history WHERE"
            " stock_symbol = 'MSFT' AND record_date >= '2023-07-01' AND record_date < '2023-10-01'",
        ),
        (
            "how did the S&P 500 itself do in 2023? first close of the year vs the last one, and"
            " the % move",
            "SELECT s.price, e.price, 100.0 * (e.price - s.price) / s.price FROM"
            " index_price_history s, index_price_history e WHERE s.index_symbol = 'SP500' AND"
            " e.index_symbol = 'SP500' AND s.record_date = (SELECT MIN(record_date) FROM"
            " index_price_history WHERE record_date LIKE '2023%') AND e.record_date ="
            " (SELECT MAX(record_date) FROM index_price_history WHERE record_date LIKE '2023%')",
        ),
    ],
)
def test_journalist_wordings(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_ratio_for_rows_ranked_by_a_column_shows_whose_it_is(engine, seed_db):
    plan = ask(engine, seed_db, "ebitda to market cap ratio for the 5 largest companies")
    gold = (
        "SELECT stock_symbol, short_name, ebitda * 1.0 / market_cap FROM companies"
        " ORDER BY market_cap DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_ratio_whose_numerator_ranks_the_rows_is_declined(engine, seed_db):
    # once the 5 companies with the highest market cap per employee, not the 5 largest
    assert (
        not ask(engine, seed_db, "market cap per employee for the 5 largest companies").tasks[0].sql
    )


def test_where_is_a_market_without_an_index_stays_declined(engine, seed_db):
    # once the latest close of every NASDAQ-listed stock
    assert not ask(engine, seed_db, "where is the nasdaq trading today").tasks[0].sql


@pytest.mark.parametrize(
    "turns,gold",
    [
        (
            (
                "apple vs microsoft: % change in closing price from oct 2 to dec 29 2023",
                "what were their highest closes in that period",
            ),
            "SELECT stock_symbol, MAX(close) FROM stock_price_history WHERE stock_symbol IN"
            " ('AAPL', 'MSFT') AND record_date BETWEEN '2023-10-02' AND '2023-12-29'"
            " GROUP BY stock_symbol",
        ),
        (
            (
                "S&P 500 % return in 2023, first trading day to last",
                "and 2022?",
                "what was its highest close in the data",
            ),
            "SELECT MAX(price) FROM index_price_history WHERE index_symbol = 'SP500'",
        ),
    ],
)
def test_an_aggregate_asked_after_a_change_is_no_change(engine, seed_db, turns, gold):
    # once a % change again, then a stock's close joined to the index
    plan = session(engine, seed_db, *turns)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_groups_kept_by_a_count_are_never_the_empty_group(engine, seed_db):
    # once with a row for the companies with no state (outside the US)
    plan = ask(
        engine,
        seed_db,
        "which states have at least 15 S&P companies HQ'd there? give me the counts",
    )
    gold = (
        "SELECT state, COUNT(*) FROM companies WHERE state IS NOT NULL GROUP BY state"
        " HAVING COUNT(*) >= 15"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_how_many_of_them_never_after_every_row_counted(engine, seed_db):
    # once declined: 'never' had no rows before it to exclude from
    plan = session(
        engine,
        seed_db,
        "how many users are there",
        "and how many of them never picked a single stock?",
    )
    gold = (
        "SELECT COUNT(*) FROM users u WHERE NOT EXISTS"
        " (SELECT 1 FROM user_selected_stocks s WHERE s.user_id = u.user_id)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_sentence_saying_how_a_change_is_measured_is_never_set_aside(engine, seed_db):
    # once answered from the first sentence alone (the first day of Q4, not the end of Sept)
    question = (
        "what did the S&P 500 itself do in Q4 2023? level at end of Sept vs year end and the % move"
    )
    task = ask(engine, seed_db, question).tasks[0]
    assert not task.sql or "2023-09" in task.sql


def test_biggest_first_by_a_column_sorts_by_it(engine, seed_db):
    # once declined: 'first' had no column
    plan = ask(engine, seed_db, "show me the utilities biggest first by mkt cap")
    gold = (
        "SELECT stock_symbol, market_cap FROM companies WHERE sector = 'Utilities'"
        " ORDER BY market_cap DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "which sector is worth the most, i.e. biggest combined market cap?",
            "SELECT sector, SUM(market_cap) AS t FROM companies GROUP BY sector"
            " ORDER BY t DESC LIMIT 1",
        ),
        (
            "which users made picks in nov 2023 and how many each?",
            "SELECT user_id, COUNT(*) FROM user_selected_stocks WHERE created_date >="
            " '2023-11-01' AND created_date < '2023-12-01' GROUP BY user_id",
        ),
    ],
)
def test_a_measure_said_after_a_comma_and_how_many_each(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
