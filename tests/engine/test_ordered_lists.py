"""A whole list in order keeps the rows without the value; a top N ranks only rows that have it."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest
from c2q_repl.sandbox.engine import create_answerer


@pytest.fixture(scope="module")
def singers(tmp_path_factory):
    path = tmp_path_factory.mktemp("ordered") / "ordered.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE singer (Singer_ID INTEGER PRIMARY KEY, Name TEXT, Age INTEGER);
        INSERT INTO singer VALUES (1, 'Ann', 52), (2, 'Bob', NULL), (3, 'Cid', 29), (4, 'Dee', 41);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path, "ordered")
    yield db
    db.close()


def _names(db: SQLiteDatabase, question: str) -> list[str]:
    plan = create_answerer("builtin").answer(AnswerRequest(question, "direct", db.catalog(), db))
    (task,) = plan.tasks
    assert task.sql and not task.refusal, task.refusal
    result = db.query(task.sql)
    return [row[result.columns.index("Name")] for row in result.rows]


def test_a_whole_list_in_order_keeps_rows_without_the_value(singers):
    names = _names(singers, "Show the name and age of all singers ordered by age.")
    assert sorted(names) == ["Ann", "Bob", "Cid", "Dee"]
    assert [n for n in names if n != "Bob"] == ["Cid", "Dee", "Ann"]


def test_a_top_n_ranks_only_rows_with_the_value(singers):
    assert _names(singers, "the 2 youngest singers") == ["Cid", "Dee"]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("name and age of all singers by age, highest first", ["Ann", "Dee", "Cid"]),
        ("name and age of all singers by age, lowest first", ["Cid", "Dee", "Ann"]),
        ("name and age of singers sorted by age from highest to lowest", ["Ann", "Dee", "Cid"]),
    ],
)
def test_first_and_from_to_are_an_order_not_a_superlative(singers, question, expected):
    names = [n for n in _names(singers, question) if n != "Bob"]
    assert names == expected


def test_biggest_first_is_read_as_descending_order():
    from c2q_repl.sandbox.engine.phrasing import benchmark_phrasing

    text, said = benchmark_phrasing("Total market cap by sector, biggest first")
    assert text == "Total market cap by sector in descending order"
    assert said == (("biggest first", "in descending order"),)
    text, _ = benchmark_phrasing("companies from largest to smallest")
    assert text == "companies in descending order"


def test_rows_and_their_plural_column_list_each_row(singers):
    from c2q_repl.sandbox.engine.phrasing import benchmark_phrasing

    text, _ = benchmark_phrasing("non-US companies and their countries")
    assert text == "non-US companies with their country"
    plan = create_answerer("builtin").answer(
        AnswerRequest("singers and their ages", "direct", singers.catalog(), singers)
    )
    (task,) = plan.tasks
    assert task.sql and "DISTINCT" not in task.sql.upper(), task.sql or task.refusal
    assert len(singers.query(task.sql).rows) == 4


@pytest.mark.parametrize(
    "said, read",
    [
        ("from March 1 to March 7, 2023", "from March 1, 2023 to March 7, 2023"),
        ("closes March 1-7, 2023", "closes from March 1, 2023 to March 7, 2023"),
        ("between Jan 3 and Jan 10 2023", "between Jan 3, 2023 and Jan 10, 2023"),
    ],
)
def test_a_year_said_once_dates_both_days(said, read):
    from c2q_repl.sandbox.engine.phrasing import benchmark_phrasing

    assert benchmark_phrasing(said)[0] == read


def test_hit_and_reached_only_say_had(sp500_db):
    plan = create_answerer("builtin").answer(
        AnswerRequest("highest close AAPL hit in jan 2023?", "direct", sp500_db.catalog(), sp500_db)
    )
    (task,) = plan.tasks
    assert task.sql and not task.refusal, task.refusal
    gold = sp500_db.query(
        "SELECT MAX(close) FROM stock_price_history WHERE stock_symbol = 'AAPL' "
        "AND record_date BETWEEN '2023-01-01' AND '2023-01-31'"
    ).rows
    assert sp500_db.query(task.sql).rows[0][-1] == gold[0][0]  # beside AAPL, its label
