"""Issue 12 reach on a schema with no synonyms file (the twenty-fourth session): a year held
as an integer column named 'yr_…', a verb made from a table's name before 'most', a second
sentence restating a count per group, and the average of a count per group. Each question
was declined before."""

from __future__ import annotations

import sqlite3

import pytest
from test_honesty import ask, same_rows

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Depots keep vehicles; doctors prescribe medications; films have copies that are
    rented."""
    path = tmp_path_factory.mktemp("fleet") / "fleet.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE depot (depot_id INTEGER PRIMARY KEY, depot_name TEXT, city TEXT);
        CREATE TABLE vehicle (vehicle_id INTEGER PRIMARY KEY, plate_no TEXT, seats INTEGER,
                              yr_built INTEGER, depot_id INTEGER REFERENCES depot(depot_id));
        CREATE TABLE medication (code TEXT PRIMARY KEY, name TEXT);
        CREATE TABLE prescription (prescription_id INTEGER PRIMARY KEY, patient TEXT,
                                   medication_code TEXT REFERENCES medication(code));
        CREATE TABLE film (film_id INTEGER PRIMARY KEY, title TEXT);
        CREATE TABLE copy (copy_id INTEGER PRIMARY KEY,
                           film_id INTEGER REFERENCES film(film_id));
        CREATE TABLE rental (rental_id INTEGER PRIMARY KEY,
                             copy_id INTEGER REFERENCES copy(copy_id), rented_on TEXT);
        """
    )
    conn.executemany(
        "INSERT INTO depot VALUES (?,?,?)",
        [(1, "North", "Leeds"), (2, "South", "Bath"), (3, "East", "Hull")],
    )
    conn.executemany(
        "INSERT INTO vehicle VALUES (?,?,?,?,?)",
        [
            (1, "A1", 16, 2012, 1),
            (2, "A2", 16, 2016, 1),
            (3, "B1", 50, 2010, 2),
            (4, "B2", 50, 2019, 2),
            (5, "B3", 30, 2014, 2),
            (6, "C1", 30, 2021, 3),
        ],
    )
    conn.executemany(
        "INSERT INTO medication VALUES (?,?)",
        [("M1", "Aspirin"), ("M2", "Ibuprofen"), ("M3", "Codeine")],
    )
    conn.executemany(
        "INSERT INTO prescription VALUES (?,?,?)",
        [(1, "Ann", "M1"), (2, "Bob", "M2"), (3, "Cid", "M2"), (4, "Dan", "M2"), (5, "Eve", "M3")],
    )
    conn.executemany("INSERT INTO film VALUES (?,?)", [(1, "Heat"), (2, "Jaws")])
    conn.executemany("INSERT INTO copy VALUES (?,?)", [(1, 1), (2, 1), (3, 1), (4, 2)])
    conn.executemany(
        "INSERT INTO rental VALUES (?,?,?)",
        [(1, 4, "2024-01-02"), (2, 4, "2024-01-05"), (3, 4, "2024-02-01"), (4, 1, "2024-02-03")],
    )
    conn.commit()
    conn.close()
    return SQLiteDatabase(str(path))


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "How many vehicles were built before 2015?",
            "SELECT COUNT(*) FROM vehicle WHERE yr_built < 2015",
        ),
        (
            "Which medication has been prescribed the most?",
            "SELECT m.name, COUNT(*) AS n FROM prescription p JOIN medication m"
            " ON m.code = p.medication_code GROUP BY m.code ORDER BY n DESC LIMIT 1",
        ),
        (
            "How many vehicles does each depot have? Show the depot name and the number of"
            " vehicles.",
            "SELECT d.depot_name, COUNT(*) FROM vehicle v JOIN depot d ON d.depot_id = v.depot_id"
            " GROUP BY d.depot_id",
        ),
        (
            "What is the average number of vehicles per depot?",
            "SELECT AVG(n) FROM (SELECT depot_id, COUNT(*) AS n FROM vehicle GROUP BY depot_id)",
        ),
    ],
)
def test_questions_on_a_schema_without_synonyms(engine, fleet, question, gold):
    plan = ask(engine, fleet, question)
    assert same_rows(fleet, plan, gold), plan.tasks[0].sql


def test_a_verb_of_rows_a_step_further_is_not_counted_on_the_nearer_table(engine, fleet):
    # 'rented' is about the rentals of a film's copies: counting its copies would answer
    # 'which film has the most copies'
    task = ask(engine, fleet, "Which film has been rented the most times?").tasks[0]
    assert "copy" not in task.sql.lower() or "rental" in task.sql.lower()
