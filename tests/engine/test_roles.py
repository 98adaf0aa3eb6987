"""General English for schema roles (engine/roles.py): 'people', 'staff', 'earn', 'works in',
'country' for countryName — on any schema, only where the word names one table or column."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.golden import rows_match


def _database(path, script: str) -> SQLiteDatabase:
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.commit()
    conn.close()
    return SQLiteDatabase(path)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """Persons with a hire date, departments keyed by a code, one pay column."""
    script = """
        CREATE TABLE sites (site_id INTEGER PRIMARY KEY, city TEXT, countryName TEXT);
        CREATE TABLE divisions (div_code TEXT PRIMARY KEY, div_name TEXT,
                                site_id INTEGER REFERENCES sites(site_id));
        CREATE TABLE staff_members (member_no INTEGER PRIMARY KEY, first_name TEXT,
                                    last_name TEXT, hire_date DATE, wage INTEGER,
                                    div_code TEXT REFERENCES divisions(div_code));
        INSERT INTO sites VALUES (1, 'Lyon', 'France'), (2, 'Osaka', 'Japan');
        INSERT INTO divisions VALUES ('x1', 'Audit', 1), ('x2', 'Legal', 2), ('x3', 'Ops', 1);
    """
    rows = [
        (k, f"F{k}", f"L{k}", f"20{10 + k % 10}-03-01", 1000 + 37 * k, ("x1", "x2", "x3")[k % 3])
        for k in range(1, 31)
    ]
    inserts = "".join(f"INSERT INTO staff_members VALUES {r!r};" for r in rows)
    db = _database(tmp_path_factory.mktemp("office") / "office.sqlite", script + inserts)
    yield db
    db.close()


@pytest.fixture(scope="module")
def college(tmp_path_factory):
    """Two person tables (students and teachers both have names and birth dates), and two
    pay-like columns: 'people' and 'earn' have several readings here."""
    script = """
        CREATE TABLE students (stu_id INTEGER PRIMARY KEY, name TEXT, birth_date DATE);
        CREATE TABLE teachers (t_id INTEGER PRIMARY KEY, name TEXT, birth_date DATE,
                               salary INTEGER, bonus_pay INTEGER);
        INSERT INTO students VALUES (1, 'Ann', '2004-01-01'), (2, 'Bo', '2005-02-02');
        INSERT INTO teachers VALUES (1, 'Cy', '1970-01-01', 5000, 300);
    """
    db = _database(tmp_path_factory.mktemp("college") / "college.sqlite", script)
    yield db
    db.close()


def _task(db, question):
    engine = create_answerer("builtin")
    return engine.answer(AnswerRequest(question, "direct", db.catalog(), db, history=())).tasks[0]


def check(db, question, gold_sql):
    task = _task(db, question)
    assert not task.refusal, task.refusal
    got = db.query(task.sql).rows
    assert rows_match(db.query(gold_sql).rows, got, " order by " in gold_sql.lower()), task.sql


def declines(db, question, word):
    task = _task(db, question)
    assert task.refusal, task.sql
    assert word in task.refusal


def test_people_is_the_one_person_table(office):
    check(office, "how many people are there", "SELECT COUNT(*) FROM staff_members")
    check(office, "how many workers are there", "SELECT COUNT(*) FROM staff_members")


def test_people_work_in_a_value_of_a_linked_table(office):
    check(
        office,
        "how many people work in Legal?",
        "SELECT COUNT(*) FROM staff_members WHERE div_code = 'x2'",
    )


def test_earn_is_the_one_pay_column(office):
    check(office, "what is the average wage", "SELECT AVG(wage) FROM staff_members")
    check(
        office,
        "average earnings per division",
        "SELECT d.div_name, AVG(s.wage) FROM staff_members s JOIN divisions d "
        "ON d.div_code = s.div_code GROUP BY d.div_name",
    )


def test_code_keyed_groups_show_their_name(office):
    check(
        office,
        "divisions with more than 5 people",  # the count only chooses the groups: not shown
        "SELECT d.div_name FROM staff_members s JOIN divisions d "
        "ON d.div_code = s.div_code GROUP BY d.div_name HAVING COUNT(*) > 5",
    )


def test_country_names_the_country_name_column(office):
    check(
        office, "how many sites per country", "SELECT countryName, COUNT(*) FROM sites GROUP BY 1"
    )


def test_people_declines_with_two_person_tables(college):
    declines(college, "how many people are there", "people")


def test_earn_declines_with_two_pay_columns(college):
    declines(college, "what is the average amount teachers earn", "earn")


def test_a_link_verb_without_two_tables_still_declines(office):
    declines(office, "who works?", "works")


def test_a_bare_verb_names_the_column_it_begins(office):
    check(
        office,
        "how many people did we hire in 2015?",
        "SELECT COUNT(*) FROM staff_members WHERE hire_date LIKE '2015%'",
    )


def test_emp_is_employee(tmp_path):
    db = _database(
        tmp_path / "e.sqlite",
        "CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT, hired DATE, pay INTEGER);"
        "INSERT INTO employee VALUES (7, 'Ann', '2020-01-01', 10), (8, 'Bo', '2021-01-01', 20);",
    )
    try:
        check(db, "pay of emp 8", "SELECT pay FROM employee WHERE id = 8")
    finally:
        db.close()


def test_who_works_in_is_the_persons(office):
    check(
        office,
        "who works in Legal?",
        "SELECT member_no, first_name, last_name FROM staff_members WHERE div_code = 'x2'",
    )


def test_who_works_in_declines_with_two_person_tables(college):
    declines(college, "who works in Legal?", "staff")


def test_a_bare_noun_never_names_a_measure_it_begins(tmp_path):
    db = _database(
        tmp_path / "r.sqlite",
        "CREATE TABLE firm (id INTEGER PRIMARY KEY, name TEXT, revenue_growth REAL);"
        "INSERT INTO firm VALUES (1, 'Acme', 0.1);",
    )
    try:
        declines(db, "what is Acme's revenue?", "revenue")
    finally:
        db.close()


def test_code_keys_are_shown_with_their_name(office):
    task = _task(office, "average wage per division")
    assert "div_name" in task.sql and "div_code" in task.sql, task.sql


@pytest.fixture(scope="module")
def campus(tmp_path_factory):
    """Students and lecturers are both persons; only lecturers have a hire year, and a
    course names its lecturer through an Instructor column."""
    script = """
        CREATE TABLE Lecturer (LecID INTEGER PRIMARY KEY, Fname TEXT, Lname TEXT,
                               HireYear INTEGER, Dept TEXT);
        CREATE TABLE Pupil (PupID INTEGER PRIMARY KEY, Fname TEXT, Lname TEXT, DOB DATE);
        CREATE TABLE Module (MID TEXT PRIMARY KEY, Title TEXT,
                             Instructor INTEGER REFERENCES Lecturer(LecID));
        INSERT INTO Lecturer VALUES (1, 'Ada', 'Lo', 2001, 'Maths'), (2, 'Bo', 'Ng', 2010, 'Art');
        INSERT INTO Pupil VALUES (1, 'Cy', 'Po', '2004-01-01');
        INSERT INTO Module VALUES ('M1', 'Algebra', 1), ('M2', 'Drawing', 2);
    """
    db = _database(tmp_path_factory.mktemp("campus") / "campus.sqlite", script)
    yield db
    db.close()


def test_who_teaches_is_the_one_teaching_table(campus):
    check(
        campus,
        "Who teaches Algebra?",
        "SELECT l.Fname, l.Lname FROM Lecturer l JOIN Module m ON m.Instructor = l.LecID "
        "WHERE m.Title = 'Algebra'",
    )


def test_staff_is_the_one_person_table_with_a_hire_date(campus):
    check(campus, "how many staff are there", "SELECT COUNT(*) FROM Lecturer")
    declines(campus, "how many people are there", "people")


def _session(db, *questions):
    from c2q_repl.sandbox.results import Limits, execute_plan, prior_round

    engine = create_answerer("builtin")
    history: list = []
    task = None
    for k, question in enumerate(questions):
        plan = engine.answer(
            AnswerRequest(question, "direct", db.catalog(), db, history=tuple(history))
        )
        task = plan.tasks[0]
        runs, _ = execute_plan(plan, question, db, True, Limits())
        history.append(prior_round(question, f"a{k}", plan, runs))
    return task


def test_she_is_the_previous_answers_person(office):
    task = _session(office, "who has the highest wage?", "which division is she in?")
    assert not task.refusal, task.refusal
    gold = "SELECT div_code FROM staff_members WHERE wage = (SELECT MAX(wage) FROM staff_members)"
    assert rows_match(office.query(gold).rows, office.query(task.sql).rows, False), task.sql


def test_he_after_an_answer_not_about_persons_declines(office):
    task = _session(office, "list the divisions", "how many people work in his division")
    assert task.refusal and "his" in task.refusal


def test_she_with_no_earlier_answer_declines(office):
    declines(office, "which division is she in?", "she")


def test_table_records_are_its_rows(office):
    check(
        office,
        "how many staff member records are there for division x2?",
        "SELECT COUNT(*) FROM staff_members WHERE div_code = 'x2'",
    )


def test_cost_is_the_one_price_column(tmp_path):
    db = _database(
        tmp_path / "c.sqlite",
        "CREATE TABLE item (id INTEGER PRIMARY KEY, title TEXT, unit_price REAL);"
        "INSERT INTO item VALUES (1, 'A', 2.5), (2, 'B', 4.5);",
    )
    try:
        check(db, "what is the average cost of an item", "SELECT AVG(unit_price) FROM item")
    finally:
        db.close()


def test_cost_declines_with_two_price_columns(tmp_path):
    db = _database(
        tmp_path / "c2.sqlite",
        "CREATE TABLE item (id INTEGER PRIMARY KEY, title TEXT, unit_price REAL);"
        "CREATE TABLE ship (ship_no INTEGER PRIMARY KEY, carrier TEXT, base_price REAL);"
        "INSERT INTO item VALUES (1, 'A', 2.5);"
        "INSERT INTO ship VALUES (1, 'X', 9.0);",
    )
    try:
        declines(db, "what is the average cost", "cost")
    finally:
        db.close()


def test_most_common_first_orders_a_count_descending(office):
    task = _task(office, "count of people per division, most common first")
    assert not task.refusal, task.refusal
    assert "DESC" in task.sql.split("ORDER BY")[1].split(",")[0], task.sql
    task = _task(office, "count of people per division, least common first")
    assert "ASC" in task.sql.split("ORDER BY")[1].split(",")[0], task.sql


def test_live_in_is_a_place_of_the_rows_own(office):
    check(
        office,
        "how many sites live in Japan",
        "SELECT COUNT(*) FROM sites WHERE countryName = 'Japan'",
    )
    # the division's site is not where a person lives
    declines(office, "how many people live in Lyon", "live")


def test_earn_on_a_pay_history_declines(tmp_path):
    db = _database(
        tmp_path / "h.sqlite",
        "CREATE TABLE person (pid INTEGER PRIMARY KEY, name TEXT, birth_date DATE);"
        "CREATE TABLE pay (pid INTEGER REFERENCES person(pid), from_date DATE, salary INTEGER,"
        " PRIMARY KEY (pid, from_date));"
        "INSERT INTO person VALUES (1, 'A', '1980-01-01');"
        "INSERT INTO pay VALUES (1, '2020-01-01', 10), (1, '2021-01-01', 20);",
    )
    try:
        # 'earns' is the current row of the history, not any row: declined, not answered
        declines(db, "how many people earn more than 15", "earn")
    finally:
        db.close()
