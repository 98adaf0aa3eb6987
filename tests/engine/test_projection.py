"""A direct question's answer shows the columns it asks for (projection.py): Spider's execution
match compares result tables column for column, so 'Which artists are from Sweden?' answered
with ids beside the names is wrong there."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.asked import read_asked
from c2q_repl.sandbox.engine.linking import link
from c2q_repl.sandbox.engine.projection import shown_sql
from c2q_repl.sandbox.engine.spec import Col, Filter, QuerySpec


@pytest.fixture(scope="module")
def music(tmp_path_factory):
    path = tmp_path_factory.mktemp("music") / "music.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE artist (artist_id INTEGER PRIMARY KEY, name TEXT, country TEXT);
        CREATE TABLE album (album_id INTEGER PRIMARY KEY, title TEXT, genre TEXT,
                            release_year INTEGER, sales INTEGER,
                            artist_id INTEGER REFERENCES artist(artist_id));
        """
    )
    conn.executemany(
        "INSERT INTO artist VALUES (?, ?, ?)",
        [(1, "Abba", "Sweden"), (2, "Roxette", "Sweden"), (3, "Queen", "UK"), (4, "Muse", "UK")],
    )
    conn.executemany(
        "INSERT INTO album VALUES (?, ?, ?, ?, ?, ?)",
        [
            (10, "Arrival", "Pop", 1976, 900, 1),
            (11, "Voulez-Vous", "Pop", 1979, 700, 1),
            (12, "Joyride", "Pop", 1991, 500, 2),
            (13, "Jazz", "Jazz", 1978, 400, 3),
            (14, "Innuendo", "Rock", 1991, 600, 3),
            (15, "Absolution", "Rock", 2003, 300, 4),
            (16, "Drones", "Rock", 2015, 200, 3),
        ],
    )
    conn.commit()
    conn.close()
    return SQLiteDatabase(str(path))


@pytest.fixture(scope="module")
def answerer():
    return create_answerer("builtin")


def ask(answerer, db, question, history=()):
    plan = answerer.answer(AnswerRequest(question, "direct", db.catalog(), db, history=history))
    task = plan.tasks[0]
    assert not task.refusal, task.refusal
    return plan, task, db.query(task.sql)


def test_which_rows_shows_their_name_only(answerer, music):
    _, task, result = ask(answerer, music, "Which artists are from Sweden?")
    assert result.columns == ["name"]
    assert sorted(r[0] for r in result.rows) == ["Abba", "Roxette"]
    assert "showing name" in task.description


def test_a_filter_column_is_not_shown(answerer, music):
    _, _, result = ask(answerer, music, "Which albums were released after 2000?")
    assert result.columns == ["title"]
    assert sorted(r[0] for r in result.rows) == ["Absolution", "Drones"]


@pytest.mark.parametrize(
    "question, columns, rows",
    [
        # the row and the measure that ranks it
        ("Which album has the most sales?", ["title", "sales"], [["Arrival", "900"]]),
        # a superlative asked as a value: the value only
        ("What was the highest sales of an album?", ["sales"], [["900"]]),
        # a group ranked by its count: the group's name and the count that ranked it
        ("Which artist has the most albums?", ["name", "number_of_album"], [["Queen", "3"]]),
    ],
)
def test_one_row_answers_show_what_is_asked(answerer, music, question, columns, rows):
    _, _, result = ask(answerer, music, question)
    assert (result.columns, result.rows) == (columns, rows)


def test_count_per_group_shows_name_and_count(answerer, music):
    _, task, result = ask(answerer, music, "How many albums does each artist have?")
    assert len(result.columns) == 2 and result.columns[0] == "name"
    assert sorted(result.rows) == [["Abba", "2"], ["Muse", "1"], ["Queen", "3"], ["Roxette", "1"]]
    assert task.chart is not None and task.chart.option.get("x") == "name"


def test_having_count_chooses_groups_and_shows_it(answerer, music):
    _, task, result = ask(answerer, music, "Which artists have more than 1 album?")
    assert result.columns[0] == "name" and len(result.columns) == 2  # no key column
    assert sorted(result.rows) == [["Abba", "2"], ["Queen", "3"]]
    assert "not shown" not in task.description


def test_distinct_rows_are_ordered_by_what_they_show(answerer, music):
    _, task, result = ask(answerer, music, "Which artists made Rock albums?")
    assert result.columns == ["name"]
    assert sorted(r[0] for r in result.rows) == ["Muse", "Queen"]
    if "DISTINCT" in task.sql:
        order = task.sql.split("ORDER BY", 1)[-1]
        assert "artist_id" not in order


def test_top_n_by_a_measure_keeps_its_measure(answerer, music):
    _, _, result = ask(answerer, music, "top 3 albums by sales")
    assert "sales" in result.columns and "title" in result.columns


@pytest.mark.parametrize(
    "first",
    ["Which artist has the most albums?", "What is the name of the artist with the most albums?"],
)
def test_pronoun_after_a_trimmed_answer_still_finds_its_rows(answerer, music, first):
    plan, task, _ = ask(answerer, music, first)
    prior = PriorRound(first, "a0", task.clarified_task, task.sql, state=plan.state)
    _, _, result = ask(answerer, music, "how many albums does it have?", (prior,))
    assert result.rows == [["3"]]


def test_shown_sql_restores_only_a_trimmed_form_of_the_same_query(music):
    catalog = music.catalog()
    spec = QuerySpec(
        shape="list", table="artist", filters=(Filter(Col("artist", "country"), "=", ("UK",)),)
    )
    full = (
        "SELECT artist_id, name FROM artist WHERE country = 'UK' ORDER BY artist_id ASC LIMIT 1000"
    )
    cut = "SELECT name FROM artist WHERE country = 'UK' ORDER BY artist_id ASC LIMIT 1000"
    assert shown_sql(cut, spec, catalog) == full
    other = "SELECT name FROM artist WHERE country = 'Sweden' ORDER BY artist_id ASC LIMIT 1000"
    assert shown_sql(other, spec, catalog) == other


def test_rows_per_group_show_the_group_name_and_the_count(answerer, music):
    _, _, result = ask(answerer, music, "albums per artist")
    assert len(result.columns) == 2 and result.columns[0] == "name"


def test_a_sorted_list_shows_names_and_the_sort_column(answerer, music):
    _, _, result = ask(answerer, music, "Show all albums sorted by release year")
    assert result.columns == ["title", "release_year"]
    assert result.rows[0] == ["Arrival", "1976"]


def test_more_columns_after_the_table_leave_the_reading_open(answerer, music):
    lex = answerer.lexicon(music.catalog(), music)
    question = "What are the names of artists and their countries?"
    assert read_asked(question, link(question, lex)).kind == ""  # not the names alone
    question = "What are the names of artists from Sweden?"
    assert read_asked(question, link(question, lex)).columns == (("artist", ""),)
