"""Declines suggest questions built from the user's own words (issue 12, class 11), each one
answered by the engine with rows before it is offered."""

from __future__ import annotations

from c2q_repl.sandbox.contracts import AnswerRequest


def ask(engine, db, question):
    return engine.answer(AnswerRequest(question, "direct", db.catalog(), db)).tasks[0]


def suggestions(refusal: str) -> tuple[str, list[str]]:
    lines = refusal.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("Questions"))
    return lines[at], [line[4:] for line in lines[at + 1 :] if line.startswith("  - ")]


def test_suggestions_use_the_named_value_and_measure(engine, seed_db):
    task = ask(
        engine, seed_db, "what is the standard deviation of market cap of Technology companies"
    )
    heading, questions = suggestions(task.refusal)
    assert heading == "Questions close to yours that I can answer:"
    assert 2 <= len(questions) <= 3
    assert any("Technology" in q for q in questions)
    assert any("market cap" in q for q in questions)
    for q in questions:
        answer = ask(engine, seed_db, q)
        assert not answer.refusal and seed_db.query(answer.sql, max_rows=5).rows, q


def test_a_named_entity_gets_its_figure_not_a_count(engine, seed_db):
    task = ask(engine, seed_db, "the standard deviation of market cap of Apple and Microsoft")
    _, questions = suggestions(task.refusal)
    assert "What is the market cap of Apple?" in questions
    assert not any(q.startswith("How many companies are in Apple") for q in questions)


def test_nothing_named_falls_back_to_the_schema_examples(engine, seed_db):
    task = ask(engine, seed_db, "tell me a joke")
    heading, questions = suggestions(task.refusal)
    assert heading == "Questions I can answer here:" and len(questions) == 3
    assert questions == engine.suggest_questions(seed_db.catalog(), seed_db, 3)


def test_a_value_of_a_category_gets_counts_and_averages_in_it(engine, seed_db):
    task = ask(engine, seed_db, "what is the weather in Cupertino")
    _, questions = suggestions(task.refusal)
    assert questions[:2] == [
        "How many companies are in Cupertino?",
        "What is the average market cap of companies in Cupertino?",
    ]


def test_schema_examples_rank_measures_and_group_by_categories(tmp_path):
    """No 'Top 5 customers by is vip', 'per first name' or 'by order id'; plural nouns."""
    import sqlite3

    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
    from c2q_repl.sandbox.engine import create_answerer

    path = tmp_path / "shop.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE customer (customerId INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT,
                               country TEXT, isVip INTEGER, credit REAL);
        CREATE TABLE purchase (purchaseId INTEGER PRIMARY KEY, customerId INTEGER, qty INTEGER);
        """
    )
    rows = [
        (k, f"N{k}", f"L{k}", ["France", "Japan", "Peru"][k % 3], k % 2, 10.0 * k) for k in range(9)
    ]
    conn.executemany("INSERT INTO customer VALUES (?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO purchase VALUES (?,?,?)", [(k, k % 9, k) for k in range(20)])
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        questions = create_answerer("builtin").suggest_questions(db.catalog(), db, 6)
    finally:
        db.close()
    text = " ".join(questions).lower()
    assert "How many customers are there per country?" in questions
    assert "is vip" not in text and "first name" not in text and "customer id" not in text
    assert "Top 5 purchases by qty" in questions
