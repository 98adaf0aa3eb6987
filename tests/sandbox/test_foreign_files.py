"""SQLite files written by other tools (as public text-to-SQL benchmarks ship them): foreign keys
that name tables and columns in another case or name nothing, and TEXT that is not UTF-8."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import Relationship

from .helpers import ask, client


@pytest.fixture
def foreign_file(tmp_path: Path) -> Path:
    path = tmp_path / "pets.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE student (stuid INTEGER PRIMARY KEY, Fname VARCHAR(12), city_code VARCHAR(3));
        CREATE TABLE Has_Pet (StuID INTEGER, PetID INTEGER,
            FOREIGN KEY(PetID) REFERENCES Pets(PetID), FOREIGN KEY(StuID) REFERENCES Student);
        CREATE TABLE pets (PetID INTEGER PRIMARY KEY, PetType VARCHAR(20), weight REAL);
        CREATE TABLE lonely (x int, FOREIGN KEY (x) REFERENCES nowhere(y));
        INSERT INTO student VALUES (1, CAST(X'4A6F73E9' AS TEXT), 'BAL'), (2, 'Ann', 'PIT');
        INSERT INTO pets VALUES (1, 'dog', 12.5), (2, 'cat', 3.1);
        INSERT INTO Has_Pet VALUES (1, 1), (2, 2);
        """
    )
    conn.commit()
    conn.close()
    return path


def test_declared_keys_use_the_catalogs_names_and_keys_to_nowhere_are_dropped(foreign_file):
    db = SQLiteDatabase(foreign_file, "pets")
    try:
        declared = {r for r in db.catalog().relationships if not r.inferred}
    finally:
        db.close()
    assert declared == {
        Relationship("Has_Pet", "StuID", "student", "stuid", inferred=False),
        Relationship("Has_Pet", "PetID", "pets", "PetID", inferred=False),
    }


def test_text_that_is_not_utf8_is_read_with_a_replacement_character(foreign_file):
    db = SQLiteDatabase(foreign_file, "pets")
    try:
        rows = db.query("SELECT Fname FROM student ORDER BY stuid").rows
    finally:
        db.close()
    assert [r[0] for r in rows] == ["Jos\ufffd", "Ann"]


def test_the_server_answers_over_such_a_file(make_sandbox, foreign_file):
    sb = make_sandbox(db=str(foreign_file))
    with client(sb) as http:
        _, listed = ask(http, sb, "SELECT Fname FROM student ORDER BY stuid")
        _, joined = ask(
            http,
            sb,
            "SELECT s.Fname, p.PetType FROM student s JOIN Has_Pet h ON h.StuID = s.stuid "
            "JOIN pets p ON p.PetID = h.PetID ORDER BY s.stuid",
        )
    assert listed["status"] == "done", listed
    assert [r[0] for r in listed["result"]["data"]["rows"]] == ["Jos\ufffd", "Ann"]
    assert joined["status"] == "done", joined
    assert [r[1] for r in joined["result"]["data"]["rows"]] == ["dog", "cat"]
