"""Tables whose names need quoting (a space, a reserved word) in the engine's generated SQL."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest
from c2q_repl.sandbox.engine import create_answerer


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("quoted") / "quoted.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE "Sales Person" ("Person ID" INTEGER PRIMARY KEY, "First Name" TEXT,
                                     "Home Town" VARCHAR(30));
        CREATE TABLE "Order Items" (id INTEGER PRIMARY KEY, qty INTEGER);
        INSERT INTO "Sales Person" VALUES (1, 'Ann', 'Leeds'), (2, 'Bob', 'York'), (3, 'Cid', 'Leeds');
        INSERT INTO "Order Items" VALUES (1, 5), (2, 7);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path, "quoted")
    yield db
    db.close()


def _answer(db: SQLiteDatabase, question: str) -> list[list]:
    plan = create_answerer("builtin").answer(AnswerRequest(question, "direct", db.catalog(), db))
    (task,) = plan.tasks
    assert task.sql and not task.refusal, task.refusal
    return db.query(task.sql).rows


@pytest.mark.parametrize(
    "question,rows",
    [
        ("How many order items are there?", [[2]]),
        ("What is the total qty of order items?", [[12]]),
        ("How many sales persons are there?", [[3]]),
    ],
)
def test_a_table_named_with_a_space_is_quoted(shop, question, rows):
    assert [[int(v) for v in r] for r in _answer(shop, question)] == rows


def test_values_of_a_table_named_with_a_space_are_indexed(shop):
    found = _answer(shop, "List the first names of sales persons from Leeds.")
    assert ("Ann", "Cid") in [tuple(sorted(column)) for column in zip(*found)]
