"""Every shape of session ``messages`` seen in the docs and in peers' code gives
question, status, SQL and row count (pure: no server needed)."""

from __future__ import annotations

import pytest

from c2q_repl.api.resources import Session
from c2q_repl.chat.server_sessions import ServerRound, server_rounds

SQL = "SELECT COUNT(*) FROM companies"
Q = "how many companies?"


def _rounds(messages: list) -> list[ServerRound]:
    return server_rounds(Session.from_json({"session_id": 1, "messages": messages}))


ANSWER = {
    "type": "data_retrieval",
    "task_id": "0",
    "status": "done",
    "clarified_task": "count companies",
    "sql": SQL,
    "sql_error": None,
    "data": {"columns": [{"col": "n"}], "rows": [["503"], ["1"]]},
    "chart_options": None,
}

SHAPES = {
    # the docs' placeholder and the sandbox: user + assistant entries sharing a job id
    "role pair": [
        {"role": "user", "content": Q, "job_id": "j1", "answer_id": "j1"},
        {
            "role": "assistant",
            "content": "2 rows",
            "job_id": "j1",
            "status": "done",
            "sql": SQL,
            "row_count": 2,
        },
    ],
    # the same with "type" naming the side, and the answer object as the content
    "type pair, answer as content": [
        {"type": "question", "content": Q},
        {"type": "answer", "content": ANSWER},
    ],
    # one entry per round, the ChatAnswer beside the question
    "question with answer": [{"question": Q, "job_id": "j1", "answer": ANSWER}],
    # one entry per round holding the whole finished job
    "question with job": [
        {"question": Q, "job": {"job_id": "j1", "status": "done", "result": ANSWER}}
    ],
    # one entry per round with flat fields
    "flat round": [{"question": Q, "status": "done", "sql": SQL, "rows": [[1], [2]]}],
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_known_message_shape_gives_question_status_sql_rows(name):
    rounds = _rounds(SHAPES[name])
    assert len(rounds) == 1, rounds
    r = rounds[0]
    assert (r.question, r.status, r.sql, r.row_count) == (Q, "done", SQL, 2)


def test_a_failed_sql_is_failed_even_when_the_job_is_done():
    failed = {
        **ANSWER,
        "sql_error": "Table 'x' doesn't exist",
        "data": {"columns": None, "rows": None},
    }
    (r,) = _rounds([{"question": Q, "job": {"status": "done", "result": failed}}])
    assert r.status == "failed" and r.row_count is None


def test_a_question_without_an_answer_and_bare_strings():
    rounds = _rounds(["a bare question", {"role": "user", "content": Q, "job_id": "j9"}])
    assert [(r.question, r.status, r.job_id) for r in rounds] == [
        ("a bare question", "", ""),
        (Q, "", "j9"),
    ]


def test_answers_pair_by_job_id_even_out_of_order():
    rounds = _rounds(
        [
            {"role": "user", "content": "first", "job_id": "a"},
            {"role": "user", "content": "second", "job_id": "b"},
            {"role": "assistant", "job_id": "b", "status": "failed", "sql": "S2"},
            {"role": "assistant", "job_id": "a", "status": "done", "sql": "S1"},
        ]
    )
    assert [(r.question, r.status, r.sql) for r in rounds] == [
        ("first", "done", "S1"),
        ("second", "failed", "S2"),
    ]


def test_an_answer_without_a_count_keeps_its_own_account():
    (r,) = _rounds(
        [
            {"role": "user", "content": Q, "job_id": "j1"},
            {"role": "assistant", "content": "11 rows", "job_id": "j1", "status": "done"},
        ]
    )
    assert (r.question, r.status, r.row_count, r.summary) == (Q, "done", None, "11 rows")
