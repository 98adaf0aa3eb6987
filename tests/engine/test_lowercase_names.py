"""A lowercase word that starts one company name ('cisco', 'lockheed', 'berkshire') is that
company unless it is an ordinary word ('bank') or one the engine reads itself ('never'); a
ticker in capitals stays the ticker ('META'). Checked on the sample database and on a small
library whose one title starts with 'Never'."""

from __future__ import annotations

import sqlite3

import pytest
from test_honesty import ask, same_rows

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.engine.common_words import ordinary


@pytest.mark.parametrize(
    "question,gold",
    [
        ("cisco market cap", "SELECT market_cap FROM companies WHERE stock_symbol = 'CSCO'"),
        (
            "how many ppl work at berkshire",
            "SELECT full_time_employees FROM companies WHERE stock_symbol = 'BRK-B'",
        ),
        (
            "lockheed revenue growth",
            "SELECT revenue_growth FROM companies WHERE stock_symbol = 'LMT'",
        ),
    ],
)
def test_a_name_that_is_no_ordinary_word_is_linked(engine, seed_db, question, gold):
    assert same_rows(seed_db, ask(engine, seed_db, question), gold)


def test_an_ordinary_word_still_asks_for_the_full_name(engine, seed_db):
    task = ask(engine, seed_db, "bank market cap").tasks[0]
    assert "could be the start of the name" in task.refusal


def test_words_the_engine_reads_are_ordinary():
    assert ordinary("never") and ordinary("latest") and ordinary("General")
    assert not ordinary("cisco")


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("lib") / "library.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE member (member_id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE book (book_id INTEGER PRIMARY KEY, title TEXT);"
        "CREATE TABLE loan (loan_id INTEGER PRIMARY KEY,"
        " member_id INTEGER REFERENCES member(member_id),"
        " book_id INTEGER REFERENCES book(book_id));"
    )
    conn.executemany("INSERT INTO member VALUES (?, ?)", [(i, f"Member {i}") for i in range(1, 61)])
    titles = ["Never Let Me Go"] + [f"Volume {i} of Stories" for i in range(2, 61)]
    conn.executemany("INSERT INTO book VALUES (?, ?)", list(enumerate(titles, 1)))
    conn.executemany("INSERT INTO loan VALUES (?, ?, ?)", [(1, 1, 1), (2, 2, 5), (3, 3, 1)])
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def test_never_is_not_a_title(engine, library):
    plan = ask(engine, library, "How many members have never borrowed a book?")
    gold = "SELECT COUNT(*) FROM member WHERE member_id NOT IN (SELECT member_id FROM loan)"
    assert same_rows(library, plan, gold)


@pytest.mark.parametrize(
    "question,symbol",
    [("googl close on 2023-05-01", "GOOGL"), ("amd market cap", "AMD"), ("pep employees", "PEP")],
)
def test_a_lowercase_code_that_is_no_english_word_is_the_code(engine, seed_db, question, symbol):
    """'googl' was declined as 'an ordinary word and also the code GOOGL'."""
    plan = ask(engine, seed_db, question)
    assert f"'{symbol}'" in plan.tasks[0].sql


@pytest.mark.parametrize("question", ["cost and key", "how did the ups and downs go"])
def test_an_everyday_word_that_is_also_a_code_still_asks(engine, seed_db, question):
    plan = ask(engine, seed_db, question)
    assert not plan.tasks[0].sql and "ordinary word" in plan.tasks[0].refusal


@pytest.mark.parametrize(
    "question,gold",
    [
        ("cos in tx how many", "SELECT COUNT(*) FROM companies WHERE state = 'TX'"),
        (
            "ko vs pep rev growth",
            "SELECT stock_symbol, revenue_growth FROM companies WHERE stock_symbol IN ('KO', 'PEP')",
        ),
    ],
)
def test_a_lowercase_two_letter_code_after_a_place_word_or_against_a_code(
    engine, seed_db, question, gold
):
    plan = ask(engine, seed_db, question)
    assert same_rows(seed_db, plan, gold)


@pytest.mark.parametrize("question", ["companies in co", "is it ok in tx"])
def test_two_letter_everyday_words_are_not_codes(engine, seed_db, question):
    from c2q_repl.sandbox.engine.linking import link

    lex = engine._context(seed_db.catalog(), seed_db).lex
    assert not any(
        it.kind == "value" and it.text.lower() in ("co", "ok", "us")
        for it in link(question, lex).items
    )
