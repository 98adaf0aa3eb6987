"""Issue 12: the built-in engine answers what it understands and declines the rest.

Each test states one observed class of wrong answer and checks the fixed
behaviour against the real sp500insight seed (results, not SQL text, where
the SQL's spelling does not matter).
"""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound
from c2q_repl.sandbox.engine.golden import rows_match
from c2q_repl.sandbox.engine.preprocess import prepare, strip_boilerplate


def ask(engine, db, question, history=()):
    return engine.answer(
        AnswerRequest(question, "direct", db.catalog(), db, history=tuple(history))
    )


def session(engine, db, *questions):
    """Ask each question with the earlier ones as history; the last plan."""
    history: list[PriorRound] = []
    plan = None
    for k, q in enumerate(questions):
        plan = ask(engine, db, q, history)
        task = plan.tasks[0]
        history.append(PriorRound(q, f"a{k}", task.clarified_task, task.sql, state=plan.state))
    return plan


def rows(db, plan):
    task = plan.tasks[0]
    assert not task.refusal, task.refusal
    return db.query(task.sql, max_rows=10000).rows


def same_rows(db, plan, gold_sql):
    gold = db.query(gold_sql, max_rows=10000).rows
    return rows_match(gold, rows(db, plan), ordered=" order by " in gold_sql.lower())


# 1. a standalone question is never merged into the previous one
@pytest.mark.parametrize(
    "first,second,gold",
    [
        (
            "number of companies per sector",
            "top 5 companies by market cap",
            "SELECT stock_symbol, short_name, market_cap FROM companies"
            " ORDER BY market_cap DESC LIMIT 5",
        ),
        (
            "number of companies per sector",
            "average market cap per industry",
            "SELECT industry, AVG(market_cap) FROM companies GROUP BY industry",
        ),
        (
            "top 10 companies by market cap",
            "how many users are there",
            "SELECT COUNT(*) FROM users",
        ),
    ],
)
def test_standalone_question_is_not_an_edit(engine, seed_db, first, second, gold):
    plan = session(engine, seed_db, first, second)
    assert same_rows(seed_db, plan, gold)
    assert not any(a["concept"] == "follow-up" for a in plan.tasks[0].assumptions)


@pytest.mark.parametrize(
    "first,edit,gold",
    [
        (
            "number of companies per sector",
            "per industry instead",
            "SELECT industry, COUNT(*) FROM companies GROUP BY industry",
        ),
        (
            "top 5 companies by market cap",
            "10 instead of 5",
            "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 10",
        ),
        (
            "average close of AAPL in 2023",
            "what about 2022?",
            "SELECT AVG(close) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date BETWEEN '2022-01-01' AND '2022-12-31'",
        ),
        (
            "average close of AAPL in 2023",
            "and the volume?",
            "SELECT AVG(volume) FROM stock_price_history WHERE stock_symbol = 'AAPL'"
            " AND record_date BETWEEN '2023-01-01' AND '2023-12-31'",
        ),
    ],
)
def test_followup_with_evidence_edits_the_previous_question(engine, seed_db, first, edit, gold):
    plan = session(engine, seed_db, first, edit)
    assert same_rows(seed_db, plan, gold)


# 2. pronouns resolve to the previous subject, or the engine declines
def test_pronoun_resolves_to_the_previous_answers_subject(engine, seed_db):
    plan = session(
        engine, seed_db, "which sector has the most companies?", "how many companies does it have?"
    )
    top = seed_db.query(
        "SELECT sector FROM companies GROUP BY sector ORDER BY COUNT(*) DESC, sector LIMIT 1"
    ).rows[0][0]
    gold = f"SELECT COUNT(*) FROM companies WHERE sector = '{top}'"
    assert rows(seed_db, plan) == seed_db.query(gold).rows


def test_plural_pronoun_resolves_to_the_previous_rows(engine, seed_db):
    """'their sectors' after a top 5: one row per company with its sector (issue 12), not
    the distinct sectors (three values for five companies)."""
    plan = session(engine, seed_db, "top 5 companies by market cap", "what are their sectors?")
    gold = (
        "SELECT stock_symbol, sector FROM companies WHERE stock_symbol IN "
        "(SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5)"
        " ORDER BY market_cap DESC"  # in the order they were ranked
    )
    assert same_rows(seed_db, plan, gold)
    assert len(rows(seed_db, plan)) == 5


def test_plural_pronoun_asks_for_a_value_of_each_row(engine, seed_db):
    """'how many employees do those have?' after a top 3: each company's figure, not their
    sum; 'in total' asks for the sum (issue 12, pronoun follow-ups)."""
    top3 = "Show me the top 3 Technology companies by market cap"
    keys = (
        "SELECT stock_symbol FROM companies WHERE sector = 'Technology'"
        " ORDER BY market_cap DESC LIMIT 3"
    )
    each = session(engine, seed_db, top3, "how many employees do those have?")
    gold = f"SELECT stock_symbol, full_time_employees FROM companies WHERE stock_symbol IN ({keys})"
    assert same_rows(seed_db, each, gold)
    assert len(rows(seed_db, each)) == 3
    total = session(engine, seed_db, top3, "how many employees do they have in total?")
    gold = f"SELECT SUM(full_time_employees) FROM companies WHERE stock_symbol IN ({keys})"
    assert same_rows(seed_db, total, gold)


def test_plural_pronoun_counts_per_group_of_the_previous_answer(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "top 3 sectors by number of companies",
        "how many companies in the index do they have?",
    )
    task = plan.tasks[0]
    if task.refusal:  # a decline is honest; a total over the three sectors is not
        return
    top = "SELECT sector FROM companies GROUP BY sector ORDER BY COUNT(*) DESC, sector LIMIT 3"
    gold = f"SELECT sector, COUNT(*) FROM companies WHERE sector IN ({top}) GROUP BY sector"
    assert same_rows(seed_db, plan, gold)


def test_pronoun_without_an_answer_to_point_at_is_declined(engine, seed_db):
    plan = session(engine, seed_db, "what is the churn of the widgets", "what is its market cap?")
    assert "'its'" in plan.tasks[0].refusal


def test_pronoun_inside_the_question_refers_inside(engine, seed_db):
    plan = session(
        engine,
        seed_db,
        "how many users are there",
        "Which companies have their headquarters in Texas?",
    )
    gold = "SELECT stock_symbol FROM companies WHERE state = 'TX'"
    assert same_rows(seed_db, plan, gold)


# 3. latest / last / most recent = the row with the greatest date
@pytest.mark.parametrize(
    "question",
    ["what is the latest close of AAPL", "most recent closing price of AAPL", "latest AAPL close"],
)
def test_latest_is_the_last_row_not_the_maximum(engine, seed_db, question):
    gold = seed_db.query(
        "SELECT close FROM stock_price_history WHERE stock_symbol = 'AAPL'"
        " ORDER BY record_date DESC LIMIT 1"
    ).rows[0][0]
    got = rows(seed_db, ask(engine, seed_db, question))
    assert len(got) == 1 and gold in got[0]


def test_latest_per_entity(engine, seed_db):
    got = rows(seed_db, ask(engine, seed_db, "latest close price for each stock"))
    gold = seed_db.query(
        "SELECT p.stock_symbol, p.close FROM stock_price_history p WHERE p.record_date ="
        " (SELECT MAX(q.record_date) FROM stock_price_history q WHERE q.stock_symbol = p.stock_symbol)"
    ).rows
    assert sorted((r[1], r[2]) for r in got) == sorted(map(tuple, gold))


def test_latest_date_alone_is_the_maximum_date(engine, seed_db):
    got = rows(seed_db, ask(engine, seed_db, "what is the latest date in the stock price history"))
    assert got == seed_db.query("SELECT MAX(record_date) FROM stock_price_history").rows


def test_number_of_trading_days_counts_dates(engine, seed_db):
    got = rows(seed_db, ask(engine, seed_db, "number of trading days in 2022"))
    gold = (
        "SELECT COUNT(DISTINCT record_date) FROM stock_price_history"
        " WHERE record_date BETWEEN '2022-01-01' AND '2022-12-31'"
    )
    assert got == seed_db.query(gold).rows


# 9. instruction boilerplate around a question
@pytest.mark.parametrize(
    "wrapped",
    [
        "Please answer the following question: how many companies are there? only generate select query",
        "How many companies are there? You are a MySQL expert. Only return the SQL query without explanation.",
        "Question: how many companies are there?",
    ],
)
def test_boilerplate_is_set_aside(engine, seed_db, wrapped):
    plan = ask(engine, seed_db, wrapped)
    assert (
        rows(seed_db, plan) == [["500"]]
        or rows(seed_db, plan) == seed_db.query("SELECT COUNT(*) FROM companies").rows
    )
    assert any(a["concept"] == "instructions" for a in plan.tasks[0].assumptions)


def test_boilerplate_alone_is_left_as_it_is():
    assert strip_boilerplate("show only Technology companies") == (
        "show only Technology companies",
        "",
    )


# 10. destructive requests
@pytest.mark.parametrize(
    "question",
    [
        "delete all users",
        "drop the companies table",
        "please truncate stock_price_history",
        "Set the price of AAPL to 100",
        "update users set user_id = 1",
    ],
)
def test_write_requests_are_declined_plainly(engine, seed_db, question):
    refusal = ask(engine, seed_db, question).tasks[0].refusal
    assert refusal.startswith("The sandbox only reads data")


@pytest.mark.parametrize("question", ["Which stocks dropped the most in 2023?", "remove the limit"])
def test_ordinary_verbs_are_not_write_requests(question):
    assert prepare(question).destructive == ""


# 8. informal words and "rank X by Y"
def test_informal_spellings_are_read(engine, seed_db):
    plan = ask(engine, seed_db, "wat r the top 5 cos by mkt cap")
    gold = "SELECT stock_symbol FROM companies ORDER BY market_cap DESC LIMIT 5"
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        (
            "list all tech companies headquarterd in california",
            "SELECT stock_symbol FROM companies WHERE sector = 'Technology' AND state = 'CA'",
        ),
        (
            "how many companies are worth over 100 billion",
            "SELECT COUNT(*) FROM companies WHERE market_cap > 100000000000",
        ),
        (
            "avg headcount in fin services",
            "SELECT AVG(full_time_employees) FROM companies WHERE sector = 'Financial Services'",
        ),
        ("Companies based in NYC", "SELECT stock_symbol FROM companies WHERE city = 'New York'"),
        (
            "how many users created accts in Q1 2023",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-01-01'"
            " AND created_date < '2023-04-01'",
        ),
        (
            "how many companies are irish",
            "SELECT COUNT(*) FROM companies WHERE country = 'Ireland'",
        ),
    ],
)
def test_everyday_words_for_columns_and_values(engine, seed_db, question, gold):
    """Typos, shorthand ('accts', 'fin'), 'worth' for market cap, nationality adjectives, NYC."""
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_rank_by_is_an_ordering(engine, seed_db):
    got = rows(seed_db, ask(engine, seed_db, "rank sectors by number of companies"))
    gold = seed_db.query(
        "SELECT sector, COUNT(*) FROM companies GROUP BY sector ORDER BY COUNT(*) DESC, sector"
    ).rows
    assert got == gold


def test_rank_within_groups_is_still_declined(engine, seed_db):
    plan = ask(engine, seed_db, "Rank companies by market cap within each sector")
    assert plan.tasks[0].refusal


# 6. two metrics in one question: both answered
def test_highest_and_lowest_are_both_answered(engine, seed_db):
    plan = ask(engine, seed_db, "highest and lowest close of TSLA in 2022")
    gold = (
        "SELECT MAX(close), MIN(close) FROM stock_price_history WHERE stock_symbol = 'TSLA'"
        " AND record_date BETWEEN '2022-01-01' AND '2022-12-31'"
    )
    assert rows(seed_db, plan) == seed_db.query(gold).rows


def test_two_aggregates_per_group(engine, seed_db):
    plan = ask(engine, seed_db, "average and maximum market cap per sector")
    gold = "SELECT sector, AVG(market_cap), MAX(market_cap) FROM companies GROUP BY sector"
    assert same_rows(seed_db, plan, gold)


# 4. every linked word changes the query, or the question is declined
@pytest.mark.parametrize(
    "question",
    [
        "show the share of the Technology sector",
    ],
)
def test_words_that_would_change_nothing_are_declined(engine, seed_db, question):
    assert ask(engine, seed_db, question).tasks[0].refusal


def test_on_average_over_a_count_per_group_averages_the_counts(engine, seed_db):
    """'on average' once linked and ignored (the count of every sector came back); it is now
    the average of the per-sector counts (count_average.py), so the words change the query."""
    plan = ask(engine, seed_db, "how many companies does a sector have on average")
    gold = "SELECT AVG(n) FROM (SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector)"
    assert same_rows(seed_db, plan, gold), plan.tasks[0].sql


def test_share_of_rows_in_a_value_is_their_percentage(engine, seed_db):
    """'share of companies in Technology' once linked 'share' and ignored it; it is now the
    percentage of companies in Technology (issue 12 reach), so the word changes the query."""
    plan = ask(engine, seed_db, "share of companies in Technology")
    gold = (
        "SELECT 100.0 * SUM(CASE WHEN sector = 'Technology' THEN 1 ELSE 0 END) / COUNT(*) "
        "FROM companies"
    )
    assert same_rows(seed_db, plan, gold)


def test_in_total_with_a_count_is_one_count(engine, seed_db):
    got = rows(seed_db, ask(engine, seed_db, "how many users are there in total"))
    assert got == seed_db.query("SELECT COUNT(*) FROM users").rows


# 5. ambiguity: ordinary words as codes, real codes that are stop words, name prefixes
@pytest.mark.parametrize(
    "question,word",
    [
        ("how many companies cost more than 100", "cost"),
        ("what's the market cap of bank", "bank"),
    ],
)
def test_an_ordinary_word_is_not_silently_a_name(engine, seed_db, question, word):
    refusal = ask(engine, seed_db, question).tasks[0].refusal
    assert refusal.startswith(f"'{word}'") and "ordinary word" in refusal


def test_a_code_in_capitals_is_read_even_when_it_is_a_stop_word(engine, seed_db):
    plan = ask(engine, seed_db, "latest close of ALL")
    # the close asked for is shown alone (projection.py); the row is the ticker ALL's
    assert len(rows(seed_db, plan)) == 1 and "'ALL'" in plan.tasks[0].sql


def test_capitals_before_a_noun_are_emphasis(engine, seed_db):
    plan = ask(engine, seed_db, "show ALL companies in Technology")
    assert same_rows(
        seed_db, plan, "SELECT stock_symbol FROM companies WHERE sector = 'Technology'"
    )


def test_informal_lowercase_ticker_is_read_when_it_is_not_a_word(engine, seed_db):
    plan = ask(engine, seed_db, "aapl close in 2023")
    assert "'AAPL'" in plan.tasks[0].sql
