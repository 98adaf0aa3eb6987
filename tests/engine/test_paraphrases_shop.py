"""Adversarial paraphrases on a small shop of our own (camelCase names, undeclared keys, a
yes/no flag, two tables with dates)."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.golden import rows_match


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    path = tmp_path_factory.mktemp("shop") / "shop.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE customers (customerId INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT,
            country TEXT, signupDate DATE, isVip INTEGER, repId INTEGER REFERENCES reps(repId));
        CREATE TABLE orders (orderId INTEGER PRIMARY KEY, customerId INTEGER, orderDate DATE,
            status TEXT);
        CREATE TABLE reps (repId INTEGER PRIMARY KEY, repName TEXT, country TEXT, DOB DATE);
        """
    )
    countries = ["Germany", "France", "Germany", "Spain", "Germany", "France"]
    conn.executemany(
        "INSERT INTO customers VALUES (?,?,?,?,?,?,?)",
        [
            (k, f"F{k}", f"L{k}", countries[k], f"202{1 + k % 3}-0{1 + k}-15", k % 2, 1 + k % 3)
            for k in range(6)
        ],
    )
    conn.executemany(
        "INSERT INTO orders VALUES (?,?,?,?)",
        [
            (100 + k, k % 4, f"202{2 + k % 2}-0{1 + k % 9}-10", ("shipped", "delivered")[k % 2])
            for k in range(12)
        ],
    )
    conn.executemany(
        "INSERT INTO reps VALUES (?,?,?,?)",
        [
            (1, "Ada", "Germany", "1970-01-02"),
            (2, "Bo", "France", "1985-05-06"),
            (3, "Cy", "France", "1990-07-08"),
        ],
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def _ask(db, question):
    engine = create_answerer("builtin")
    return engine.answer(AnswerRequest(question, "direct", db.catalog(), db)).tasks[0]


@pytest.mark.parametrize(
    "question",
    [
        # a flag after 'who are': keep only those, or show it? (was: every German customer)
        "list customers from Germany who are VIP",
        # customers have no birth date; the reps' is another table's (was: the oldest rep)
        "who is the oldest customer",
        # the oldest rep's country, or the country whose reps are oldest? (was: rep rows)
        "which country has the oldest reps",
    ],
)
def test_declined(shop, question):
    task = _ask(shop, question)
    assert task.refusal, task.sql


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            # the orders' dates, named by the verb's object (was: the customers' signup date)
            "which customers placed orders in 2023",
            "SELECT DISTINCT c.customerId FROM customers c JOIN orders o"
            " ON o.customerId = c.customerId WHERE o.orderDate LIKE '2023%'",
        ),
        (
            "who is the oldest rep",  # 'who': the rep's name
            "SELECT repName FROM reps WHERE DOB = (SELECT MIN(DOB) FROM reps)",
        ),
        (
            "list VIP customers from Germany",
            "SELECT customerId FROM customers WHERE isVip = 1 AND country = 'Germany'",
        ),
    ],
)
def test_answered_with_its_own_meaning(shop, question, gold):
    task = _ask(shop, question)
    assert not task.refusal, task.refusal
    assert rows_match(shop.query(gold).rows, shop.query(task.sql).rows, False), task.sql
