"""Pure follow-up edits and compound-question splitting (no database: names-only lexicon)."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, Relationship, TableInfo
from c2q_repl.sandbox.engine.breakdown import split_question, with_subject
from c2q_repl.sandbox.engine.followups import apply_followup
from c2q_repl.sandbox.engine.interpret import interpret
from c2q_repl.sandbox.engine.linking import link
from c2q_repl.sandbox.engine.vocabulary import build_lexicon
from c2q_repl.sandbox.schema import SP500_TABLES


@pytest.fixture(scope="module")
def lex():
    tables = tuple(
        TableInfo(
            t.name,
            tuple(ColumnInfo(c.name, c.type, c.comment) for c in t.columns),
            t.comment,
            t.primary_key,
        )
        for t in SP500_TABLES
    )
    rels = (Relationship("stock_price_history", "stock_symbol", "companies", "stock_symbol"),)
    return build_lexicon(Catalog("sp500insight", "sqlite", tables, rels))


def spec(lex, question):
    result = interpret(link(question, lex), lex)
    assert not hasattr(result, "reason"), result
    return result


def test_limit_and_order_edits(lex):
    base = spec(lex, "top 10 companies by market cap")
    assert apply_followup(base, "top 5 instead", lex).spec.limit == 5
    edited = apply_followup(base, "sort by revenue growth", lex).spec
    assert edited.order_by.column == "revenue_growth" and edited.descending
    assert apply_followup(base, "ascending", lex).spec.descending is False


def test_time_edit_replaces_the_old_range(lex):
    base = spec(lex, "average close in 2023")
    edit = apply_followup(base, "what about 2022?", lex)
    ranges = [f.values for f in edit.spec.filters if f.time]
    assert ranges == [("2022-01-01", "2023-01-01")]


def test_chart_and_grouping_edits(lex):
    base = spec(lex, "average market cap per sector")
    assert apply_followup(base, "as a pie chart", lex).spec.chart == "PieChart"
    assert apply_followup(base, "per industry instead", lex).spec.group_by.column == "industry"


def test_a_new_subject_is_not_a_follow_up(lex):
    base = spec(lex, "top 10 companies by market cap")
    assert apply_followup(base, "how many users are there", lex) is None
    assert apply_followup(base, "what is the churn", lex) is None


@pytest.mark.parametrize(
    "question,parts",
    [
        (
            "How many companies are there per sector, and which 5 have the largest market cap?",
            ["How many companies are there per sector", "which 5 have the largest market cap"],
        ),
        (
            "How many users are there? How many stocks have they selected?",
            ["How many users are there", "How many stocks have they selected"],
        ),
        (
            "companies with market cap between 50 and 100 billion",
            ["companies with market cap between 50 and 100 billion"],
        ),
        ("closing prices of AAPL and MSFT in 2023", ["closing prices of AAPL and MSFT in 2023"]),
        ("List the sectors; count the users", ["List the sectors", "count the users"]),
    ],
)
def test_split_question(question, parts):
    assert split_question(question) == parts


def test_with_subject_inserts_after_the_wh_word():
    assert (
        with_subject("which 5 have the largest market cap", "companies")[0]
        == "which 5 companies have the largest market cap"
    )


def test_which_of_them_has_the_highest_keeps_the_one_at_the_top(sp500_db):
    from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound
    from c2q_repl.sandbox.engine import create_answerer

    answerer, catalog = create_answerer("builtin"), sp500_db.catalog()
    first = "companies headquartered in Seattle"
    plan = answerer.answer(AnswerRequest(first, "direct", catalog, sp500_db))
    prior = PriorRound(
        first, "a0", plan.tasks[0].clarified_task, plan.tasks[0].sql, state=plan.state
    )
    follow = answerer.answer(
        AnswerRequest(
            "which of them has the highest revenue growth?",
            "direct",
            catalog,
            sp500_db,
            history=(prior,),
        )
    ).tasks[0]
    assert follow.sql and "Seattle" in follow.sql, follow.refusal
    gold = sp500_db.query(
        "SELECT stock_symbol FROM companies WHERE city = 'Seattle' "
        "ORDER BY revenue_growth DESC LIMIT 1"
    ).rows
    rows = sp500_db.query(follow.sql).rows
    assert len(rows) == 1 and rows[0][0] == gold[0][0]
