"""The built-in answerer against the real sp500insight seed database."""

from __future__ import annotations

import threading

import pytest

from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound


def ask(engine, db, question, history=(), mode="direct", feedback=None):
    return engine.answer(
        AnswerRequest(question, mode, db.catalog(), db, history=tuple(history), feedback=feedback)
    )


def round_of(question, plan, answer_id="a1"):
    task = plan.tasks[0]
    return PriorRound(question, answer_id, task.clarified_task, task.sql, state=plan.state)


def test_answer_fills_every_field_and_runs(engine, seed_db):
    plan = ask(engine, seed_db, "How many companies are in the Technology sector?")
    task = plan.tasks[0]
    assert task.task_id == "0" and not task.refusal
    assert task.clarified_task == "Count companies where sector = 'Technology'"
    assert seed_db.query(task.sql).rows == [["65"]]
    assert task.chart.name == "Table" and task.description


@pytest.mark.parametrize(
    "question,chart,option",
    [
        (
            "number of companies per sector",
            "BarChart",
            {"x": "sector", "y": "number_of_companies", "pivot_column": ""},
        ),
        (
            "AAPL closing price in 2023",
            "LineChart",
            {"x": "record_date", "y": "close", "pivot_column": ""},
        ),
        (
            "share of companies by sector",
            "PieChart",
            {"label": "sector", "value": "percent_of_total"},
        ),
        ("list the sectors", "Table", {"columns": ["sector"]}),
    ],
)
def test_chart_follows_result_shape(engine, seed_db, question, chart, option):
    task = ask(engine, seed_db, question).tasks[0]
    assert (task.chart.name, task.chart.option) == (chart, option)


def test_relative_time_is_anchored_to_the_data_and_stated(engine, seed_db):
    task = ask(engine, seed_db, "highest closing price of NVDA in the last 30 days").tasks[0]
    assert "2023-11-30" in task.sql
    assert any("latest date in the data (2023-12-29)" in a["explanation"] for a in task.assumptions)


def test_refusal_names_the_word_nearest_names_and_examples(engine, seed_db):
    task = ask(engine, seed_db, "What is the churn rate of our users?").tasks[0]
    assert not task.sql
    assert "I could not map 'churn'" in task.refusal
    assert "Closest names in this database" in task.refusal
    assert task.refusal.count("\n  - ") == 3  # three example questions


@pytest.mark.parametrize(
    "question", ["", "   ", "?!", "DROP TABLE users", "x" * 5000, "42", "🙂 what"]
)
def test_bad_questions_never_raise(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert plan.tasks and plan.tasks[0].refusal


def test_follow_up_edits_change_the_sql(engine, seed_db):
    history = []
    plan = ask(engine, seed_db, "Top 10 companies by market cap")
    history.append(round_of("Top 10 companies by market cap", plan))
    steps = [
        ("top 5 instead", "LIMIT 5"),
        ("only in the Technology sector", "sector = 'Technology'"),
        ("and for Healthcare?", "sector = 'Healthcare'"),
        ("sort by revenue growth", "ORDER BY revenue_growth DESC"),
    ]
    for question, expected in steps:
        plan = ask(engine, seed_db, question, history)
        task = plan.tasks[0]
        assert expected in task.sql, (question, task.sql)
        assert any(a["concept"] == "follow-up" for a in task.assumptions)
        history.append(round_of(question, plan))
    assert "Technology" not in task.sql and "LIMIT 5" in task.sql
    plan = ask(engine, seed_db, "as a pie chart", history)
    assert plan.tasks[0].chart.name == "PieChart"


def test_unrelated_question_after_history_is_answered_fresh(engine, seed_db):
    first = ask(engine, seed_db, "Top 10 companies by market cap")
    plan = ask(
        engine,
        seed_db,
        "How many users are there?",
        [round_of("Top 10 companies by market cap", first)],
    )
    assert plan.tasks[0].sql == "SELECT COUNT(*) AS number_of_users FROM users"


def test_feedback_corrects_the_named_answer(engine, seed_db):
    first = ask(engine, seed_db, "What was the average closing price of AAPL in 2023?")
    prior = round_of("What was the average closing price of AAPL in 2023?", first, "job-7")
    plan = ask(engine, seed_db, "it should be for 2022", feedback=prior)
    task = plan.tasks[0]
    assert (
        "'2022-01-01'" in task.sql
        and "2023-01-01'" in task.sql
        and "stock_symbol = 'AAPL'" in task.sql
    )
    assert any("job-7" in a["explanation"] for a in task.assumptions)


def test_unusable_feedback_declines(engine, seed_db):
    first = ask(engine, seed_db, "How many companies are there?")
    plan = ask(
        engine,
        seed_db,
        "that is totally bogus nonsense",
        feedback=round_of("How many companies are there?", first),
    )
    assert "could not apply the feedback" in plan.tasks[0].refusal


def test_breakdown_splits_compound_questions(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "How many companies are there per sector, and which 5 have the largest market cap?",
        mode="auto_breakdown",
    )
    assert plan.breakdown and [t.task_id for t in plan.tasks] == ["0-0", "0-1"]
    assert "GROUP BY sector" in plan.tasks[0].sql
    assert "LIMIT 5" in plan.tasks[1].sql and "market_cap DESC" in plan.tasks[1].sql


def test_breakdown_answers_and_declines_parts_separately(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "How many users are there? What is their churn rate?",
        mode="auto_breakdown",
    )
    assert [bool(t.refusal) for t in plan.tasks] == [False, True]


def test_simple_question_in_breakdown_mode_is_one_sub_task(engine, seed_db):
    plan = ask(
        engine, seed_db, "How many companies are in the Energy sector?", mode="auto_breakdown"
    )
    assert plan.breakdown and len(plan.tasks) == 1 and plan.tasks[0].task_id == "0-0"


def test_suggestions_are_answerable(engine, seed_db):
    questions = engine.suggest_questions(seed_db.catalog(), seed_db, 5)
    assert len(questions) == 5
    for q in questions:
        task = ask(engine, seed_db, q).tasks[0]
        assert not task.refusal and seed_db.query(task.sql, max_rows=5).rows


@pytest.mark.parametrize(
    "feedback,expected",
    [
        ("only technology companies", "sector = 'Technology'"),
        ("sort by price descending", "ORDER BY current_price DESC"),
        ("limit 5", "LIMIT 5"),
        ("market cap over 100 billion", "market_cap > 100000000000"),
    ],
)
def test_refine_sql_applies_feedback(engine, seed_db, feedback, expected):
    sql, solution = engine.refine_sql(
        "SELECT stock_symbol, current_price FROM companies", feedback, seed_db.catalog(), seed_db
    )
    assert expected in sql and solution.startswith("Applied the feedback")
    seed_db.query(sql)


def test_refine_sql_explains_when_it_cannot(engine, seed_db):
    sql, solution = engine.refine_sql(
        "SELECT * FROM companies", "make it sparkle", seed_db.catalog(), seed_db
    )
    assert sql == "SELECT * FROM companies" and "unchanged" in solution


def test_describe_uses_comments(engine, seed_db):
    d = engine.describe(seed_db.catalog(), seed_db)
    assert d.database == "sp500insight" and "Index_Compositions" in d.keywords
    assert d.columns["companies"]["market_cap"].startswith("Market capitalization")
    assert "values such as Basic Materials" in d.columns["companies"]["sector"]


def test_concurrent_answers_are_consistent(engine, seed_db):
    questions = [
        "Top 5 companies by market cap",
        "average market cap per sector",
        "How many users are there?",
    ]
    expected = {q: ask(engine, seed_db, q).tasks[0].sql for q in questions}
    errors = []

    def worker():
        for q in questions * 5:
            if ask(engine, seed_db, q).tasks[0].sql != expected[q]:
                errors.append(q)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_calendar_buckets_group_dates_per_dialect(engine, seed_db):
    task = ask(engine, seed_db, "Average closing price of MSFT per month in 2023").tasks[0]
    assert "DATE_FORMAT(record_date, '%Y-%m') AS month" in task.sql and "GROUP BY month" in task.sql
    assert task.chart.name == "LineChart" and task.chart.option["x"] == "month"
    rows = seed_db.query(task.sql).rows
    assert [r[0] for r in rows] == [f"2023-{m:02d}" for m in range(1, 13)]


def test_mysql_catalog_renders_mysql_sql(seed_db):
    from dataclasses import replace

    from c2q_repl.sandbox.engine import create_answerer

    mysql_catalog = replace(seed_db.catalog(), dialect="mysql")
    plan = create_answerer().answer(
        AnswerRequest("monthly total volume of AAPL in 2023", "direct", mysql_catalog, seed_db)
    )
    assert "DATE_FORMAT(record_date, '%Y-%m')" in plan.tasks[0].sql


def test_refusal_for_a_period_without_dates(engine, seed_db):
    task = ask(engine, seed_db, "how many companies per year").tasks[0]
    assert "needs a date column" in task.refusal


def test_a_fresh_aggregate_after_a_list_is_not_read_as_an_edit(engine, seed_db):
    first = ask(engine, seed_db, "Which stocks are selected by users in Texas")
    plan = ask(
        engine,
        seed_db,
        "average market cap of all companies",
        [round_of("Which stocks are selected by users in Texas", first)],
    )
    assert plan.tasks[0].sql == "SELECT AVG(market_cap) AS average_market_cap FROM companies"


def test_knowledge_terms_and_examples_are_used(engine, seed_db):
    from c2q_repl.sandbox.contracts import KnowledgeItem

    knowledge = (
        KnowledgeItem("term-sheet", {"term": ["big tech"], "description": "Technology"}),
        KnowledgeItem(
            "few-shot",
            {
                "question": "How big is the index?",
                "answer": "SELECT COUNT(*) FROM index_compositions",
            },
        ),
        KnowledgeItem(
            "few-shot", {"question": "Broken example", "answer": "SELECT nope FROM nowhere"}
        ),
    )
    ask_kb = lambda q: engine.answer(
        AnswerRequest(q, "direct", seed_db.catalog(), seed_db, knowledge=knowledge)
    )
    assert "sector = 'Technology'" in ask_kb("How many big tech companies are there?").tasks[0].sql
    assert ask_kb("how big is the index").tasks[0].sql == "SELECT COUNT(*) FROM index_compositions"
    assert (
        ask_kb("Broken example").tasks[0].refusal
    )  # an example whose SQL fails the schema check is ignored
    assert (
        ask(engine, seed_db, "How many big tech companies are there?").tasks[0].refusal
    )  # not without the KB
