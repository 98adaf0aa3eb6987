"""SqlPassthroughAnswerer: SQL questions run as written, everything else goes to the engine."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.answerer import (
    NO_ENGINE,
    SqlPassthroughAnswerer,
    as_sql_question,
    build_answerer,
)
from c2q_repl.sandbox.contracts import AnswerRequest, Plan, TaskPlan


@pytest.mark.parametrize(
    "question,expected",
    [
        ("SELECT COUNT(*) FROM companies", "SELECT COUNT(*) FROM companies"),
        ("  select 1 + 1;", "select 1 + 1"),
        ("WITH t AS (SELECT 1 AS x) SELECT x FROM t", "WITH t AS (SELECT 1 AS x) SELECT x FROM t"),
        ("select companies in Texas", None),
        ("select the biggest company", None),
        ("SELECT 1; DROP TABLE users", None),
        ("DELETE FROM users", None),
        ("with the highest market cap, which company?", None),
        ("how many companies?", None),
    ],
)
def test_sql_detection(question, expected):
    assert as_sql_question(question, "sqlite") == expected


def _request(question, sp500_db):
    return AnswerRequest(
        question=question, mode="direct", catalog=sp500_db.catalog(), database=sp500_db
    )


def test_sql_runs_as_is_and_the_rest_goes_to_the_engine(sp500_db):
    class Engine:
        def __init__(self):
            self.asked = []

        def answer(self, request):
            self.asked.append(request.question)
            return Plan(tasks=(TaskPlan("0", request.question, "engine", sql="SELECT 2"),))

    engine = Engine()
    answerer = SqlPassthroughAnswerer(engine)
    plan = answerer.answer(_request("SELECT COUNT(*) FROM users", sp500_db))
    assert plan.tasks[0].sql == "SELECT COUNT(*) FROM users" and engine.asked == []
    assert answerer.answer(_request("how many users", sp500_db)).tasks[0].sql == "SELECT 2"
    assert engine.asked == ["how many users"]


def test_without_an_engine_english_is_declined_with_a_reason(sp500_db):
    answerer = SqlPassthroughAnswerer(None)
    plan = answerer.answer(_request("how many users", sp500_db))
    assert plan.tasks[0].refusal == NO_ENGINE and plan.tasks[0].sql == ""
    description = answerer.describe(sp500_db.catalog(), sp500_db)
    assert description.tables["companies"].startswith("Companies")
    assert description.columns["companies"]["market_cap"].startswith("Market capitalization")
    assert all(
        s.startswith("SELECT") for s in answerer.suggest_questions(sp500_db.catalog(), sp500_db)
    )
    sql, solution = answerer.refine_sql("SELECT 1", "x", sp500_db.catalog(), sp500_db)
    assert sql == "SELECT 1" and "unchanged" in solution


def test_build_answerer_uses_the_engine_package():
    answerer = build_answerer("builtin")
    assert isinstance(answerer, SqlPassthroughAnswerer) and answerer.inner is not None
