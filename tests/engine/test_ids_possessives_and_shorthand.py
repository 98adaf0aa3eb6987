"""Issue 12: an app manager's and a quant intern's phrasings. 'user 76's picks' are the
picks (the possessed rows are the subject), another user's id in a follow-up swaps the user,
one named row's value shows whose it is, a count of the one row a pronoun names is declined,
and terse shorthand ('cnt', 'symbol + country', '2023-12-01 to 2023-12-15', 'most to least')
is read as the words it stands for; '+' between two measures still declines."""

from __future__ import annotations

import pytest
from test_honesty import ask, rows, same_rows, session
from test_paraphrases import declined

from c2q_repl.sandbox.engine.normalize import tokenize

_PICKS = "SELECT stock_symbol, created_date FROM user_selected_stocks WHERE user_id = {}"
_BY_SECTOR = (
    "SELECT c.sector, COUNT(*) FROM user_selected_stocks s JOIN companies c"
    " ON c.stock_symbol = s.stock_symbol WHERE s.user_id = {} GROUP BY c.sector"
)


def _a_user_with_picks(db, nth: int = 0) -> int:
    found = db.query(
        "SELECT user_id FROM user_selected_stocks GROUP BY user_id HAVING COUNT(*) > 1"
        " ORDER BY user_id",
        max_rows=100,
    ).rows
    return int(found[nth][0])


@pytest.mark.parametrize(
    "question",
    [
        "show user {}'s picks and when each was added",
        "show user {}'s picks and when they were added",
        "list user {}'s picks with their created date",
    ],
)
def test_the_possessed_rows_are_the_subject(engine, seed_db, question):
    user = _a_user_with_picks(seed_db)
    plan = ask(engine, seed_db, question.format(user))
    assert same_rows(seed_db, plan, _PICKS.format(user)), plan.tasks[0].sql


def test_the_picks_of_a_user_are_that_users_rows(engine, seed_db):
    user = _a_user_with_picks(seed_db)
    plan = ask(engine, seed_db, f"picks of user {user}")
    gold = f"SELECT stock_symbol FROM user_selected_stocks WHERE user_id = {user}"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_another_user_in_a_followup_swaps_the_user(engine, seed_db):
    first, second = _a_user_with_picks(seed_db), _a_user_with_picks(seed_db, 1)
    turns = [f"show user {first}'s picks", "how do those break down by sector"]
    assert same_rows(seed_db, session(engine, seed_db, *turns), _BY_SECTOR.format(first))
    plan = session(engine, seed_db, *turns, f"same for user {second}")
    assert same_rows(seed_db, plan, _BY_SECTOR.format(second)), plan.tasks[0].sql


def test_a_possessive_apostrophe_opens_no_quoted_value():
    words = [t.text for t in tokenize("what are user 12's and user 76's picks")]
    assert "76" in words and "picks" in words


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Which exchange is Tesla listed on?",
            "SELECT stock_symbol, exchange_symbol FROM companies WHERE stock_symbol = 'TSLA'",
        ),
        (
            "What is the weight of Microsoft in the S&P 500 index?",
            "SELECT stock_symbol, weight FROM index_compositions"
            " WHERE index_symbol = 'SP500' AND stock_symbol = 'MSFT'",
        ),
        (
            "How many full-time employees does XOM have?",
            "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol = 'XOM'",
        ),
    ],
)
def test_one_named_rows_value_says_whose_it_is(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    assert "SUM(" not in plan.tasks[0].sql


def test_that_companys_headcount_is_its_own_value(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "How many companies belong to the Energy sector?",
        "Which of them has the largest market capitalization?",
        "How many full-time employees does that company have?",
    )
    gold = (
        "SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol ="
        " (SELECT stock_symbol FROM companies WHERE sector = 'Energy'"
        " ORDER BY market_cap DESC LIMIT 1)"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_counting_the_one_row_a_pronoun_names_is_declined(engine, seed_db):
    plan = session(engine, seed_db, "what sector is Apple in", "how many companies does it have")
    assert declined(plan)  # Apple counted (1), or its sector's companies? Not picked


def test_counting_the_table_of_the_one_row_named_is_declined(engine, seed_db):
    turns = ("what is Apple's market cap", "how many companies does it have")
    plan = session(engine, seed_db, *turns)
    assert declined(plan) and "gives 1" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "cnt companies by sector desc",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY COUNT(*) DESC",
        ),
        (
            "non-US cos, symbol + country",
            "SELECT stock_symbol, country FROM companies WHERE country <> 'United States'",
        ),
        (
            "TSLA daily close 2023-12-01 to 2023-12-15, sorted by date",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date BETWEEN '2023-12-01' AND '2023-12-15' ORDER BY record_date",
        ),
        (
            "picks by sector, most to least",
            "SELECT c.sector, COUNT(*) FROM user_selected_stocks s JOIN companies c"
            " ON c.stock_symbol = s.stock_symbol GROUP BY c.sector ORDER BY COUNT(*) DESC",
        ),
        (
            "What is the current price of one share of Coca-Cola, please?",
            "SELECT stock_symbol, current_price FROM companies WHERE stock_symbol = 'KO'",
        ),
        (
            "How many companies are included in the S&P 500 data, please?",
            "SELECT COUNT(*) FROM index_compositions WHERE index_symbol = 'SP500'",
        ),
        (
            "How many companies are there in each sector? Please sort them from the largest"
            " number to the smallest.",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY COUNT(*) DESC",
        ),
        (
            "Which Technology companies have a revenue growth of more than 10 percent? Please"
            " sort them from the highest growth to the lowest.",
            "SELECT stock_symbol, revenue_growth FROM companies WHERE sector = 'Technology'"
            " AND revenue_growth > 0.1 ORDER BY revenue_growth DESC",
        ),
        (
            "What was the S&P 500's level on 2023-06-30?",
            "SELECT price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date = '2023-06-30'",
        ),
        (
            "What sector and industry is Microsoft in, and where is it based?",
            "SELECT sector, industry, city, state FROM companies WHERE stock_symbol = 'MSFT'",
        ),
        (
            "how are companies distributed across sectors",
            "SELECT sector, COUNT(*) FROM companies GROUP BY sector",
        ),
    ],
)
def test_shorthand_is_read_as_the_words_it_stands_for(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_a_plus_between_two_measures_still_declines(engine, seed_db):
    plan = ask(engine, seed_db, "close + open of AAPL on 2023-06-30")
    assert declined(plan) and "arithmetic" in plan.tasks[0].refusal


def test_rows_ranked_by_count_are_checked_before_ordering(engine, seed_db):
    found = rows(seed_db, ask(engine, seed_db, "picks by sector, least to most"))
    counts = [float(r[-1]) for r in found]
    assert counts == sorted(counts) and len(counts) > 1


def test_a_plural_pronoun_past_a_declined_question_is_declined(engine, seed_db):
    turns = ("what industry is Visa in", "how many companies in that industry pay dividends")
    assert declined(session(engine, seed_db, *turns))
    plan = session(engine, seed_db, *turns, "list them w/ market cap")
    assert declined(plan) and "could not answer" in plan.tasks[0].refusal


def test_a_share_of_all_rows_is_not_the_price_of_one_share(engine, seed_db):
    turns = ("how many companies have negative revenue growth", "whats that as a share of all")
    plan = session(engine, seed_db, *turns)
    assert declined(plan) or "100" in plan.tasks[0].sql


def test_a_historys_rows_asked_by_name_show_what_they_hold(engine, seed_db):
    plan = ask(engine, seed_db, "show me AAPL daily prices for January 2023")
    gold = (
        "SELECT record_date, open, high, low, close, volume FROM stock_price_history"
        " WHERE stock_symbol = 'AAPL' AND record_date BETWEEN '2023-01-01' AND '2023-01-31'"
        " ORDER BY record_date"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "how many users have zero picks?",
            "SELECT COUNT(*) FROM users WHERE user_id NOT IN"
            " (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "cnt users w/ zero selected stocks",
            "SELECT COUNT(*) FROM users WHERE user_id NOT IN"
            " (SELECT user_id FROM user_selected_stocks)",
        ),
        (
            "Separate thing: what industry is Netflix classified under?",
            "SELECT industry FROM companies WHERE stock_symbol = 'NFLX'",
        ),
        (
            "What's the full-time employee count you have for JPM?",
            "SELECT full_time_employees FROM companies WHERE stock_symbol = 'JPM'",
        ),
        (
            "What was Tesla's highest intraday price in 2023 and which day was it?",
            "SELECT record_date, high FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date LIKE '2023%' ORDER BY high DESC LIMIT 1",
        ),
        (
            "Please show me the closing value of the S&P 500 index for each trading day from"
            " 6 March to 10 March 2023.",
            "SELECT record_date, price FROM index_price_history WHERE index_symbol = 'SP500'"
            " AND record_date BETWEEN '2023-03-06' AND '2023-03-10'",
        ),
        (
            "total picks made in Q4 2023?",
            "SELECT COUNT(*) FROM user_selected_stocks"
            " WHERE created_date >= '2023-10-01' AND created_date < '2024-01-01'",
        ),
    ],
)
def test_everyday_words_for_what_the_data_holds(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_add_a_column_is_no_write_but_add_a_row_is(engine, seed_db):
    plan = ask(engine, seed_db, "add a new user")
    assert declined(plan) and "only reads data" in plan.tasks[0].refusal
    turns = ("top 5 most picked stocks by our users, with pick counts", "add company names pls")
    plan = session(engine, seed_db, *turns)
    gold = (
        "SELECT s.stock_symbol, c.short_name, COUNT(*) AS picks FROM user_selected_stocks s"
        " JOIN companies c ON c.stock_symbol = s.stock_symbol GROUP BY s.stock_symbol,"
        " c.short_name ORDER BY picks DESC LIMIT 5"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal


def test_same_but_and_instead_of_edit_the_previous_answer(engine, seed_db):
    turns = ["cnt companies by sector desc", "same but avg market_cap instead of cnt"]
    gold = "SELECT sector, AVG(market_cap) AS a FROM companies GROUP BY sector ORDER BY a DESC"
    assert same_rows(seed_db, session(engine, seed_db, *turns), gold)
    plan = session(engine, seed_db, *turns, "only sectors w/ > 50 cos")
    gold = (
        "SELECT sector, AVG(market_cap) AS a FROM companies GROUP BY sector"
        " HAVING COUNT(*) > 50 ORDER BY a DESC"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_by_month_after_a_total_over_a_period_is_that_total_per_month(engine, seed_db):
    plan = session(engine, seed_db, "total picks made in Q4 2023?", "break that down by month")
    gold = (
        "SELECT strftime('%Y-%m', created_date) AS m, COUNT(*) FROM user_selected_stocks"
        " WHERE created_date >= '2023-10-01' AND created_date < '2024-01-01' GROUP BY m"
        " ORDER BY m"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql
    plan = session(engine, seed_db, "how many companies are in tech", "by year")
    assert declined(plan)  # companies have no date to group by


def test_which_month_after_a_yearly_average_is_never_the_yearly_average(engine, seed_db):
    turns = (
        "average daily volume for NVDA in 2023",
        "which month of 2023 had the highest avg volume for it",
    )
    plan = session(engine, seed_db, *turns)
    yearly = (
        "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'NVDA'"
        " AND record_date LIKE '2023%'"
    )
    assert declined(plan) or not same_rows(seed_db, plan, yearly)


@pytest.mark.parametrize(
    "question", ["Apple's highest intraday high in 2023", "Apple's highest intraday price in 2023"]
)
def test_an_intraday_high_is_the_high(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    gold = (
        "SELECT MAX(high) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " AND record_date LIKE '2023%'"
    )
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "How many of the companies are listed on the NASDAQ, and how many on the New York"
            " Stock Exchange?",
            "SELECT exchange_symbol, COUNT(*) FROM companies"
            " WHERE exchange_symbol IN ('NMS', 'NYQ') GROUP BY exchange_symbol",
        ),
        (
            "How many of the companies have never been selected by any user of the website?",
            "SELECT COUNT(*) FROM companies WHERE stock_symbol NOT IN"
            " (SELECT stock_symbol FROM user_selected_stocks)",
        ),
    ],
)
def test_a_second_how_many_and_the_apps_name_are_read(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold), plan.tasks[0].refusal or plan.tasks[0].sql


def test_a_second_how_many_about_another_table_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "how many companies are in Texas and how many users are there")
    assert declined(plan)
