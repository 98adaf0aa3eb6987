"""Adversarial paraphrases on a staff schema of our own (jobs, departments, employees and a
salary history keyed by employee and date): each must be answered with its own meaning or
declined, never answered as a nearby question."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.golden import rows_match


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    path = tmp_path_factory.mktemp("staff") / "staff.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE departments (dept_no TEXT PRIMARY KEY, dept_name TEXT NOT NULL);
        CREATE TABLE jobs (JOB_ID TEXT PRIMARY KEY, job_title TEXT NOT NULL, max_sal INTEGER);
        CREATE TABLE employees (EMP_NO INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT,
            hireDate DATE NOT NULL, dept_no TEXT REFERENCES departments(dept_no),
            JOB_ID TEXT REFERENCES jobs(JOB_ID));
        CREATE TABLE salaries (EMP_NO INTEGER NOT NULL REFERENCES employees(EMP_NO),
            salary INTEGER NOT NULL, from_date DATE NOT NULL, PRIMARY KEY (EMP_NO, from_date));
        """
    )
    conn.executemany(
        "INSERT INTO departments VALUES (?,?)",
        [("d1", "Finance"), ("d2", "Marketing"), ("d3", "Sales")],
    )
    conn.executemany(
        "INSERT INTO jobs VALUES (?,?,?)",
        [
            ("SWE", "Software Engineer", 150000),
            ("RS", "Research Scientist", 170000),
            ("MGR", "Manager", 200000),
        ],
    )
    first = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana"]
    conn.executemany(
        "INSERT INTO employees VALUES (?,?,?,?,?,?)",
        [
            (
                k,
                first[k],
                f"L{k}",
                f"201{k}-03-01",
                ("d1", "d2", "d3")[k % 3],
                ("SWE", "RS", "MGR")[k % 3],
            )
            for k in range(8)
        ],
    )
    # ragged histories: each employee's latest salary falls on a different date
    rows = []
    for k in range(8):
        for step in range(1 + k % 3):
            rows.append((k, 50000 + 1000 * k + 5000 * step, f"202{step}-0{1 + k % 5}-01"))
    conn.executemany("INSERT INTO salaries VALUES (?,?,?)", rows)
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def _session(db, *questions):
    engine = create_answerer("builtin")
    history: list[PriorRound] = []
    plan = None
    for k, q in enumerate(questions):
        plan = engine.answer(AnswerRequest(q, "direct", db.catalog(), db, history=tuple(history)))
        task = plan.tasks[0]
        history.append(PriorRound(q, f"a{k}", task.clarified_task, task.sql, state=plan.state))
    assert plan is not None
    return plan.tasks[0]


@pytest.mark.parametrize(
    "turns",
    [
        # a plural job title names people or the job row? (was: the jobs row)
        ("list the research scientists",),
        ("the names of the software engineers hired since 2015",),
        # 'manages' is not a misspelt 'Manager' (was: departments with a Manager in them)
        ("who manages the Sales department?",),
        # 'range' is not a word to skip (was: every salary row)
        ("what is the salary range for a Software Engineer?",),
        # the department of the best-paid person, or the one paying most? (was: a person)
        ("which department has the highest max salary",),
        # 'highest average' ranks averages (was: MAX and AVG side by side, ungrouped)
        ("which job has the highest average salary",),
        # salary dates or hire dates? (was: the hire date, silently)
        ("what is the average salary of employees in 2021",),
        # an edit of a question that was not answered is no question (was: the Marketing row)
        ("how many people toil in Finance?", "what about Marketing?"),
    ],
)
def test_declined(staff, turns):
    task = _session(staff, *turns)
    assert task.refusal, task.sql


@pytest.mark.parametrize(
    "turns,gold",
    [
        (
            ("list employees who are research scientists",),
            "SELECT EMP_NO FROM employees WHERE JOB_ID = 'RS'",
        ),
        (
            # each employee's latest salary, not the rows of the one greatest date
            ("what is the average current salary",),
            "SELECT AVG(salary) FROM salaries s WHERE from_date ="
            " (SELECT MAX(from_date) FROM salaries t WHERE t.EMP_NO = s.EMP_NO)",
        ),
        (
            ("what is the average current salary of Marketing employees",),
            "SELECT AVG(salary) FROM salaries s JOIN employees e ON e.EMP_NO = s.EMP_NO"
            " WHERE e.dept_no = 'd2' AND from_date ="
            " (SELECT MAX(from_date) FROM salaries t WHERE t.EMP_NO = s.EMP_NO)",
        ),
        (
            ("how many employees are in Finance?", "what about Marketing?"),
            "SELECT COUNT(*) FROM employees WHERE dept_no = 'd2'",
        ),
    ],
)
def test_answered_with_its_own_meaning(staff, turns, gold):
    task = _session(staff, *turns)
    assert not task.refusal, task.refusal
    assert rows_match(staff.query(gold).rows, staff.query(task.sql).rows, False), task.sql
