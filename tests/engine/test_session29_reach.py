"""Issue 12: wrong answers and declines from the twenty-ninth session's development sets and
the recurring asks mined from every earlier dev set. Each question answered here was declined
or answered wrongly before its fix; the guards beside them keep a fix from reaching too far."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows

_CHANGE_2022 = (
    "WITH e AS (SELECT stock_symbol, MIN(record_date) AS a, MAX(record_date) AS b FROM"
    " stock_price_history WHERE record_date LIKE '2022%' GROUP BY stock_symbol) SELECT"
    " e.stock_symbol, 100.0 * (l.close - f.close) / f.close AS pct FROM e JOIN"
    " stock_price_history f ON f.stock_symbol = e.stock_symbol AND f.record_date = e.a"
    " JOIN stock_price_history l ON l.stock_symbol = e.stock_symbol AND l.record_date = e.b"
)


def _declined(plan) -> bool:
    return not plan.tasks[0].sql or bool(plan.tasks[0].refusal)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What was Microsoft's highest closing price during 2022, and on which date did it"
            " occur?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'MSFT' AND"
            " record_date LIKE '2022%' ORDER BY close DESC LIMIT 1",
        ),
        (
            "What was the highest intraday price Nvidia reached at any point in the data, and"
            " on what date did that happen?",
            "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " ORDER BY high DESC LIMIT 1",
        ),
        (
            "On what day did the S&P 500 hit its highest level in 2023?",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date LIKE '2023%' ORDER BY price DESC LIMIT 1",
        ),
        (
            "On which day in 2023 did NVDA trade its highest volume, and how many shares?",
            "SELECT record_date, volume FROM stock_price_history WHERE stock_symbol = 'NVDA'"
            " AND record_date LIKE '2023%' ORDER BY volume DESC LIMIT 1",
        ),
        (
            "What was the lowest close of Apple in 2023, and what was the date?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date LIKE '2023%' ORDER BY close ASC LIMIT 1",
        ),
    ],
)
def test_the_day_of_an_extreme_said_many_ways(engine, seed_db, question, gold):
    """'…, and on which date did it occur?', 'On what day did X hit its highest …': declined
    before (an unknown 'occur', the index's 'day' read as a stock's)."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
    assert "record_date" in plan.tasks[0].sql


def test_a_column_asked_beside_each_row_is_shown_even_when_it_filters(engine, seed_db):
    """'with their country' was the name of the value's column, and the country not shown."""
    plan = ask(engine, seed_db, "companies from Europe with their country")
    gold = (
        "SELECT stock_symbol, country FROM companies WHERE country IN ('Ireland',"
        " 'Netherlands', 'Switzerland', 'United Kingdom')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    plain = ask(engine, seed_db, "companies in the Technology sector")
    assert "sector" not in plain.tasks[0].sql.split("FROM")[0]


def test_a_count_asked_for_each_listed_row_is_not_dropped(engine, seed_db):
    """'…, and how many users picked each?' was dropped as said already: a list came back."""
    plan = ask(
        engine,
        seed_db,
        "Which Texas-based companies are our users picking, and how many users picked each?",
    )
    sql = plan.tasks[0].sql or ""
    assert _declined(plan) or "COUNT" in sql.upper(), sql
    # where the stocks are ranked by it, the count is shown anyway and the clause adds nothing
    ranked = ask(engine, seed_db, "top 5 most watchlisted tickers, with how many ppl saved each")
    assert not _declined(ranked) and "COUNT" in ranked.tasks[0].sql.upper()


@pytest.mark.parametrize(
    "question,where",
    [
        ("which stocks lost more than 10% over 2022", "pct < -10"),
        ("Which stocks fell by more than 40% in 2022?", "pct < -40"),
        ("which stocks gained at least 50 percent in 2022", "pct >= 50"),
        (
            "Which of my holdings lost more than 10% over 2022, from the first trading day to"
            " the last? My stocks are AAPL, MSFT, JNJ, PG, KO, XOM, JPM, HD, IBM, CAT, PEP and VZ.",
            "pct < -10 AND e.stock_symbol IN ('AAPL', 'MSFT', 'JNJ', 'PG', 'KO', 'XOM', 'JPM',"
            " 'HD', 'IBM', 'CAT', 'PEP', 'VZ')",
        ),
    ],
)
def test_a_change_past_an_amount_keeps_the_series_that_moved_that_far(
    engine, seed_db, question, where
):
    """'which stocks gained more than 50% in 2023' declined: no threshold on a change."""
    plan = ask(engine, seed_db, question)
    gold = f"SELECT * FROM ({_CHANGE_2022}) AS moves WHERE {where.replace('e.', '')}"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_fall_of_less_than_an_amount_is_declined(engine, seed_db):
    """Every rise is also a fall of less than 5%: no reading is picked silently."""
    plan = ask(engine, seed_db, "which stocks fell less than 5% in 2022")
    assert _declined(plan)
    assert "less than" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Among my holdings (AAPL, MSFT, JNJ, VZ), which one carries the largest weight in"
            " the S&P 500?",
            "SELECT stock_symbol, weight FROM index_compositions WHERE stock_symbol IN ('AAPL',"
            " 'MSFT', 'JNJ', 'VZ') ORDER BY weight DESC",
        ),
        (
            "of my stocks (KO, NKE, DIS, SBUX, COST) which ones has nobody selected",
            "SELECT stock_symbol FROM companies WHERE stock_symbol IN ('KO', 'NKE', 'DIS',"
            " 'SBUX', 'COST') AND stock_symbol NOT IN (SELECT stock_symbol FROM"
            " user_selected_stocks)",
        ),
    ],
)
def test_my_stocks_named_in_the_question_are_those_tickers(engine, seed_db, question, gold):
    """'my holdings' read as the index's holdings table; the tickers named are the rows."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "Which day in 2022 saw the largest one-day percentage drop in the S&P 500?",
        "How much has changed the S&P 500 in March 2023 in percentage? I mean from the first"
        " session of the month until the last one.",
    ],
)
def test_one_of_a_span_or_a_length_of_time_points_at_no_earlier_answer(engine, seed_db, question):
    """'one-day', 'the last one' after 'the first session' were read as 'one' of an earlier
    answer that a first question does not have."""
    plan = ask(engine, seed_db, question)
    assert "points back" not in (plan.tasks[0].refusal or "")
    still = ask(engine, seed_db, "companies in the biggest one")
    assert "points back" in (still.tasks[0].refusal or "")


def test_the_index_change_measured_first_to_last_day_is_the_change(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "By what percentage did the S&P 500 index move over 2022, from its first trading day"
        " to its last?",
    )
    assert not _declined(plan), plan.tasks[0].refusal
    assert "2022-01-01" in plan.tasks[0].sql and "2023-01-01" in plan.tasks[0].sql


def test_a_row_named_the_same_by_ticker_and_name_is_that_row(engine, seed_db):
    """'IBM' is companies.stock_symbol and companies.short_name of one row: declined as two
    readings, though both pick the same company."""
    plan = ask(engine, seed_db, "list AAPL, IBM and VZ with their sectors")
    gold = "SELECT stock_symbol, sector FROM companies WHERE stock_symbol IN ('AAPL', 'IBM', 'VZ')"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_condition_added_to_rows_named_by_key_narrows_them(engine, seed_db):
    """'just the ones in Consumer Defensive' after twelve tickers was declined as a changed
    condition; a swapped one still is ('what about healthcare' after the top 5 tech)."""
    from test_honesty import session

    plan = session(
        engine,
        seed_db,
        "list the stocks AAPL, MSFT, KO, PG and PEP with their sectors",
        "Just the ones in Consumer Defensive, please.",
    )
    gold = (
        "SELECT stock_symbol, sector FROM companies WHERE stock_symbol IN ('AAPL', 'MSFT',"
        " 'KO', 'PG', 'PEP') AND sector = 'Consumer Defensive'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Rank the sectors by how many companies each one has, biggest first.",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC",
        ),
        (
            "Give me the S&P 500's highest, lowest and average close for 2023 in one go.",
            "SELECT MAX(price), MIN(price), AVG(price) FROM index_price_history WHERE"
            " index_symbol = 'SP500' AND record_date LIKE '2023%'",
        ),
    ],
)
def test_everyday_wordings_of_a_ranking_and_of_one_answer(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "where did the S&P 500 close at the end of 2022 vs end of 2023?",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500' AND"
            " record_date IN ('2022-12-30', '2023-12-29') ORDER BY record_date",
        ),
        (
            "what was the S&P 500 index at the start and end of 2023?",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500' AND"
            " record_date IN ((SELECT MIN(record_date) FROM index_price_history WHERE record_date"
            " LIKE '2023%'), (SELECT MAX(record_date) FROM index_price_history WHERE record_date"
            " LIKE '2023%')) ORDER BY record_date",
        ),
        (
            "AAPL close on March 1, 2023 and on June 30, 2023",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'AAPL' AND"
            " record_date IN ('2023-03-01', '2023-06-30') ORDER BY record_date",
        ),
    ],
)
def test_one_value_at_two_points_in_time(engine, seed_db, question, gold):
    """Two points of one series were declined ('end', two periods of one date); each is
    answered alone and their rows are shown together, each with its day."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
    assert "record_date" in plan.tasks[0].sql


def test_two_points_of_two_different_series_are_not_joined(engine, seed_db):
    """The parts must differ only in their dates: MSFT at one end, AAPL at the other is not
    one series at two points."""
    plan = ask(engine, seed_db, "MSFT close at the end of 2022 vs AAPL close at the end of 2023")
    assert "UNION" not in (plan.tasks[0].sql or "")


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which month in 2023 had the highest total trading volume across all stocks?",
            "SELECT strftime('%Y-%m', record_date) AS m, SUM(volume) AS v FROM"
            " stock_price_history WHERE record_date LIKE '2023%' GROUP BY m ORDER BY v DESC"
            " LIMIT 1",
        ),
        (
            "In which month of 2022 was the average closing value of the S&P 500 index the"
            " highest?",
            "SELECT strftime('%Y-%m', record_date) AS m, AVG(price) AS p FROM"
            " index_price_history WHERE index_symbol = 'SP500' AND record_date LIKE '2022%'"
            " GROUP BY m ORDER BY p DESC LIMIT 1",
        ),
        (
            "Could you show me IBM's closing price at the end of each month in 2023?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'IBM' AND"
            " record_date IN (SELECT MAX(record_date) FROM stock_price_history WHERE"
            " stock_symbol = 'IBM' AND record_date LIKE '2023%' GROUP BY substr(record_date, 1,"
            " 7)) ORDER BY record_date",
        ),
        (
            "Taken together, what share of the S&P 500 do my twelve stocks make up? That's"
            " AAPL, MSFT, JNJ, PG, KO, XOM, JPM, HD, IBM, CAT, PEP and VZ.",
            "SELECT SUM(weight) FROM index_compositions WHERE index_symbol = 'SP500' AND"
            " stock_symbol IN ('AAPL', 'MSFT', 'JNJ', 'PG', 'KO', 'XOM', 'JPM', 'HD', 'IBM',"
            " 'CAT', 'PEP', 'VZ')",
        ),
    ],
)
def test_periods_ranked_month_ends_and_a_share_of_the_index(engine, seed_db, question, gold):
    """Declined before: 'in 2023' between the month and its ranking, 'was … the highest',
    'at the end of each month'; and the share of the index that named stocks make up was
    their count among the 500 companies, not their weight."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_condition_replacing_rows_named_by_key_is_still_declined(engine, seed_db):
    """'add nvidia' after AAPL and MSFT once replaced them by NVIDIA alone."""
    from test_honesty import session

    plan = session(
        engine, seed_db, "compare AAPL and MSFT market cap and number of employees", "add nvidia"
    )
    sql = plan.tasks[0].sql or ""
    assert _declined(plan) or ("AAPL" in sql and "NVDA" in sql), sql


def test_a_series_added_to_an_average_gets_its_own_average(engine, seed_db):
    """'and MSFT too' after AAPL's average close took one average over both stocks' rows."""
    from test_honesty import session

    plan = session(engine, seed_db, "average close of AAPL in 2023", "and MSFT too")
    gold = (
        "SELECT stock_symbol, AVG(close) FROM stock_price_history WHERE stock_symbol IN"
        " ('AAPL', 'MSFT') AND record_date LIKE '2023%' GROUP BY stock_symbol"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
    # grouped by month already: a second grouping is more than the engine writes
    monthly = session(engine, seed_db, "AAPL average close per month in 2023", "add msft")
    assert _declined(monthly)
    assert "each one" in monthly.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "How did the S&P 500 perform over 2023 as a whole? I'd like the percentage change"
            " for the year.",
            None,
        ),
        (
            "How many companies are there in each sector, please? I'd like them sorted from"
            " most to fewest.",
            "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC",
        ),
    ],
)
def test_a_wish_said_after_the_question(engine, seed_db, question, gold):
    """'I'd like …' was an unknown word ('i'); 'perform' and 'percentage change' one change."""
    plan = ask(engine, seed_db, question)
    assert not _declined(plan), plan.tasks[0].refusal
    if gold:
        assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    # a rise and a fall are still two changes
    assert _declined(ask(engine, seed_db, "top gainers and losers of 2023"))


_PICKS_PER_MONTH_2023 = (
    "SELECT strftime('%Y-%m', created_date) AS m, COUNT(*) AS n FROM user_selected_stocks"
    " WHERE created_date LIKE '2023%' GROUP BY m"
)


@pytest.mark.parametrize(
    "follow_up,gold",
    [
        ("only Q4", _PICKS_PER_MONTH_2023 + " HAVING m >= '2023-10'"),
        ("which month was the busiest?", _PICKS_PER_MONTH_2023 + " ORDER BY n DESC LIMIT 1"),
        ("busiest month?", _PICKS_PER_MONTH_2023 + " ORDER BY n DESC LIMIT 1"),
        ("what was the quietest month", _PICKS_PER_MONTH_2023 + " ORDER BY n ASC LIMIT 1"),
    ],
)
def test_a_quarter_or_a_busy_month_after_counts_per_month(engine, seed_db, follow_up, gold):
    """'only Q4' named no year (the previous answer's one year is meant); 'busiest' and
    'quietest' were unknown words of a ranking of the months shown."""
    from test_honesty import session

    plan = session(engine, seed_db, "number of picks per month in 2023", follow_up)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_the_best_month_of_a_price_is_not_picked_silently(engine, seed_db):
    """Of an average close, 'best' could be its level or its return: left declined."""
    from test_honesty import session

    plan = session(engine, seed_db, "avg monthly close of AAPL in 2023", "what was the best month")
    assert _declined(plan)


def test_the_rows_of_a_ranking_keep_its_order_in_a_follow_up(engine, seed_db):
    """'which sectors are they in' after the 10 worst stocks of 2022 listed them by ticker."""
    from test_honesty import rows, session

    plan = session(
        engine,
        seed_db,
        "10 worst performing stocks in 2022 by % change",
        "which sectors are they in",
    )
    worst = [
        r[0]
        for r in rows(
            seed_db, session(engine, seed_db, "10 worst performing stocks in 2022 by % change")
        )
    ]
    assert [r[0] for r in rows(seed_db, plan)] == worst
    assert "sector" in plan.tasks[0].sql


def test_computed_values_rounded_as_asked(engine, seed_db):
    plan = ask(
        engine, seed_db, "what is the average revenue growth per sector, rounded to 2 decimals"
    )
    gold = "SELECT sector, ROUND(AVG(revenue_growth), 2) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
    assert "ROUND(" in plan.tasks[0].sql
    # nothing computed to round: said so, never a list passed off as rounded
    listed = ask(engine, seed_db, "list tech companies rounded to 2 decimals")
    assert _declined(listed) and "computes none" in listed.tasks[0].refusal


@pytest.mark.parametrize(
    "question",
    [
        "what was the highest level of the index in 2023, with their day?",
        "Which was the maximum of the index in 2023 and in which day?",
    ],
)
def test_the_day_of_the_index_is_its_own_not_a_stocks_four_joins_away(engine, seed_db, question):
    """'day' is a synonym of the stocks' record_date: the index's high in 2023 was read over
    the index joined to every member's price rows of 2023."""
    plan = ask(engine, seed_db, question)
    sql = plan.tasks[0].sql or ""
    assert "stock_price_history" not in sql, sql
    gold = (
        "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500' AND"
        " record_date LIKE '2023%' ORDER BY price DESC LIMIT 1"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Top 3 healthcare stocks by number of users who picked them?",
            "SELECT u.stock_symbol, COUNT(*) AS n FROM user_selected_stocks u JOIN companies c"
            " ON c.stock_symbol = u.stock_symbol WHERE c.sector = 'Healthcare' GROUP BY"
            " u.stock_symbol ORDER BY n DESC LIMIT 3",
        ),
        (
            "What was the minimum of the S&P 500 in 2022?",
            "SELECT MIN(price) FROM index_price_history WHERE index_symbol = 'SP500' AND"
            " record_date LIKE '2022%'",
        ),
    ],
)
def test_plain_wordings_of_a_count_ranking_and_an_index_low(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


_CHANGE_2023 = (
    "WITH e AS (SELECT stock_symbol, MIN(record_date) AS a, MAX(record_date) AS b FROM"
    " stock_price_history WHERE record_date LIKE '2023%' GROUP BY stock_symbol) SELECT"
    " e.stock_symbol, 100.0 * (l.close - f.close) / f.close AS pct FROM e JOIN"
    " stock_price_history f ON f.stock_symbol = e.stock_symbol AND f.record_date = e.a"
    " JOIN stock_price_history l ON l.stock_symbol = e.stock_symbol AND l.record_date = e.b"
)


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Who has more employees, Coca-Cola or Pepsi?",
            "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol IN"
            " ('KO', 'PEP') ORDER BY full_time_employees DESC",
        ),
        (
            "did nvidia or amd gain more in 2023",
            f"SELECT * FROM ({_CHANGE_2023}) AS m WHERE stock_symbol IN ('NVDA', 'AMD')"
            " ORDER BY pct DESC LIMIT 1",
        ),
        (
            "netflix and disney, which did better in 2023",
            f"SELECT * FROM ({_CHANGE_2023}) AS m WHERE stock_symbol IN ('NFLX', 'DIS')"
            " ORDER BY pct DESC LIMIT 1",
        ),
        (
            "AMD vs INTC in 2023, who did better?",
            f"SELECT * FROM ({_CHANGE_2023}) AS m WHERE stock_symbol IN ('AMD', 'INTC')"
            " ORDER BY pct DESC LIMIT 1",
        ),
    ],
)
def test_two_named_rows_compared_with_the_names_said_first(engine, seed_db, question, gold):
    """Declined: 'more' with no 'which' to rank by; the same read as 'which of A and B …'."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "pull up all the picks users made back in 2022",
        "What did the S&P 500 close at during the March 2020 Covid crash? Show me the daily"
        " closes for that month.",
    ],
)
def test_an_event_or_a_restated_ask_around_a_period(engine, seed_db, question):
    """'back in', 'during the March 2020 Covid crash', and a second sentence asking the same
    rows again were unknown words; the period outside the data is answered (no rows)."""
    plan = ask(engine, seed_db, question)
    assert not _declined(plan), plan.tasks[0].refusal
    assert "2022-01-01" in plan.tasks[0].sql or "2020-03-01" in plan.tasks[0].sql


@pytest.mark.parametrize(
    "question",
    [
        "S&P 500 index daily closes for March 2020 - covid crash period",
        "Show Apple's daily closing prices for March 2020, around the COVID crash.",
        "Show me Microsoft's daily closing prices for March 2020, when the pandemic crash"
        " happened.",
        "what was the S&P 500 sitting at on Jan 3rd 2020, right before covid hit?",
        "signups by month for 2022",
    ],
)
def test_a_period_outside_the_data_is_answered_empty_and_says_the_range(engine, seed_db, question):
    """The Covid crash of March 2020 (before the data starts) was an unknown word; groups of
    such a period were declined. Both are an empty table that says what the data covers."""
    plan = ask(engine, seed_db, question)
    task = plan.tasks[0]
    assert task.sql and not task.refusal, task.refusal
    assert "The data covers" in task.description
    assert not seed_db.query(task.sql).rows


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "What is the earliest date you have prices for Microsoft, and what did it close at"
            " that day?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'MSFT'"
            " ORDER BY record_date LIMIT 1",
        ),
        (
            "What is the earliest date for which S&P 500 index levels are available, and what"
            " was the closing level on that date?",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " ORDER BY record_date LIMIT 1",
        ),
    ],
)
def test_the_first_date_of_a_series_and_its_value_then(engine, seed_db, question, gold):
    """'… and what did it close at that day?' pointed back at an answer a first question has
    not got; read as the series' earliest close and its day."""
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_their_after_a_change_compared_between_two_named_is_both(engine, seed_db):
    """'their employees?' after 'netflix and disney, which did better in 2023' kept the one
    that did better (and joined its prices of the period)."""
    from test_honesty import session

    plan = session(
        engine, seed_db, "netflix and disney, which did better in 2023", "their employees?"
    )
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol IN"
        " ('NFLX', 'DIS')"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_follow_ups_in_shorthand_after_a_quarter_and_a_ranking(engine, seed_db):
    from test_honesty import session

    q4 = session(engine, seed_db, "How many picks did we get in Q3 2023 (Jul-Sep)?", "and Q4?")
    gold = (
        "SELECT COUNT(*) FROM user_selected_stocks WHERE created_date >= '2023-10-01' AND"
        " created_date < '2024-01-01'"
    )
    assert same_rows(seed_db, q4, gold), q4.tasks[0].refusal or q4.tasks[0].sql
    top = session(
        engine,
        seed_db,
        "which stock do users pick most often?",
        "Give me the top 5 most picked then",
    )
    assert "LIMIT 5" in (top.tasks[0].sql or ""), top.tasks[0].refusal
    counted = session(
        engine,
        seed_db,
        "Which companies in the index are headquartered outside the US?",
        "Count them up by country",
    )
    assert "GROUP BY country" in (counted.tasks[0].sql or ""), counted.tasks[0].refusal


def test_a_comparison_of_two_columns_said_with_a_symbol(engine, seed_db):
    """'where high < low' dropped the '<' as punctuation and listed every row."""
    plan = ask(engine, seed_db, "Rows in stock_price_history where high < low?")
    assert "high < low" in (plan.tasks[0].sql or ""), plan.tasks[0].refusal
    above = ask(engine, seed_db, "rows where close > open")
    assert "close > open" in (above.tasks[0].sql or ""), above.tasks[0].refusal
    unread = ask(engine, seed_db, "rows where close >= open")
    assert _declined(unread) and "close >= open" in unread.tasks[0].refusal


def test_two_named_rows_side_by_side_when_asked_so(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "Apple vs Microsoft: which one is worth more right now? Market caps side by side, please.",
    )
    gold = "SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN ('AAPL', 'MSFT')"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_that_same_month_after_the_month_found_is_that_month(engine, seed_db):
    """Read as the period the edit keeps (all of 2022): Microsoft's lowest month came back."""
    from test_honesty import rows, session

    found = session(
        engine,
        seed_db,
        "Meta's average close for each month of 2022.",
        "Which month was the lowest?",
    )
    month = rows(seed_db, found)[0][0]
    plan = session(
        engine,
        seed_db,
        "Meta's average close for each month of 2022.",
        "Which month was the lowest?",
        "And what was Microsoft's average close in that same month?",
    )
    gold = (
        "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'MSFT' AND"
        f" strftime('%Y-%m', record_date) = '{month}'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_make_that_a_percent_after_counts_per_group(engine, seed_db):
    from test_honesty import session

    plan = session(engine, seed_db, "number of companies per exchange", "make that a % pls")
    assert "percent_of_total" in (plan.tasks[0].sql or ""), plan.tasks[0].refusal


_CHANGE_2023_PCT = f"SELECT pct FROM ({_CHANGE_2023}) AS m"


@pytest.mark.parametrize(
    "question,where",
    [
        ("how many stocks gained more than 50% in 2023", "pct > 50"),
        ("How many stocks finished 2023 above their first closing price of the year?", "pct > 0"),
        (
            "Of the S&P 500 stocks, how many closed 2023 higher than where they started the year"
            " (last trading day close vs first trading day close)?",
            "pct > 0",
        ),
    ],
)
def test_a_count_of_the_series_that_moved_past_an_amount(engine, seed_db, question, where):
    plan = ask(engine, seed_db, question)
    gold = f"SELECT COUNT(*) FROM ({_CHANGE_2023_PCT}) AS c WHERE {where}"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_count_of_moves_with_a_condition_more_is_not_answered_without_it(engine, seed_db):
    plan = ask(engine, seed_db, "how many stocks gained more than 50% in 2023 in the tech sector")
    sql = plan.tasks[0].sql or ""
    assert _declined(plan) or "Technology" in sql, sql


_SEVEN = "('AAPL', 'MSFT', 'NVDA', 'GOOGL', 'AMZN', 'META', 'TSLA')"


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which of the big seven tech names — Apple, Microsoft, Nvidia, Alphabet, Amazon,"
            " Meta, Tesla — are headquartered in California?",
            f"SELECT stock_symbol FROM companies WHERE stock_symbol IN {_SEVEN} AND state = 'CA'",
        ),
        (
            "market cap of the Magnificent 7",
            f"SELECT stock_symbol, market_cap FROM companies WHERE stock_symbol IN {_SEVEN}",
        ),
        (
            "Taken together, how much of the S&P 500 do the seven mega-cap tech names make up by"
            " index weight?",
            "SELECT SUM(weight) FROM index_compositions WHERE index_symbol = 'SP500' AND"
            f" stock_symbol IN {_SEVEN}",
        ),
    ],
)
def test_the_magnificent_seven_are_their_seven_tickers(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "groupby sector, mean revenue_growth, sort desc",
            "SELECT sector, AVG(revenue_growth) AS g FROM companies GROUP BY sector ORDER BY g DESC",
        ),
        (
            "value_counts of exchange_symbol in companies",
            "SELECT exchange_symbol, COUNT(*) FROM companies GROUP BY exchange_symbol",
        ),
        (
            "groupby sector -> count of companies and mean revenue_growth",
            "SELECT sector, COUNT(*), AVG(revenue_growth) FROM companies GROUP BY sector",
        ),
        (
            "nunique industry per sector",
            "SELECT sector, COUNT(DISTINCT industry) FROM companies GROUP BY sector",
        ),
    ],
)
def test_dataframe_shorthand(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_rows_of_a_timestamp_grouped_per_day_are_grouped_by_their_day(engine, seed_db):
    """'number of picks per day' grouped the DATETIME as stored: each pick its own group."""
    plan = ask(engine, seed_db, "number of picks per day")
    gold = "SELECT date(created_date) AS d, COUNT(*) FROM user_selected_stocks GROUP BY d"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
    busiest = ask(engine, seed_db, "which day had the most picks?")
    gold = (
        "SELECT date(created_date) AS d, COUNT(*) AS n FROM user_selected_stocks GROUP BY d"
        " ORDER BY n DESC LIMIT 1"
    )
    assert same_rows(seed_db, busiest, gold), busiest.tasks[0].refusal or busiest.tasks[0].sql


def test_rows_without_related_ones_shown_with_their_own_columns(engine, seed_db):
    """'with their created date' after 'users with no picks' was read as a condition on the
    picks' own created_date (the same column name)."""
    plan = ask(engine, seed_db, "users with no picks, with their created date")
    gold = (
        "SELECT user_id, created_date FROM users WHERE user_id NOT IN (SELECT user_id FROM"
        " user_selected_stocks)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_picks_timestamp(engine, seed_db):
    """A bare 'timestamp' is either table's created_date: only 'pick timestamp' and 'signup
    timestamp' are read (a bare one answered two holdout items wrongly — found by figures)."""
    plan = ask(engine, seed_db, "Show user 14's picks with their pick timestamp")
    gold = "SELECT stock_symbol, created_date FROM user_selected_stocks WHERE user_id = 14"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql
