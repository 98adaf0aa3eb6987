"""Human resources: mixed naming (EMP_NO, hireDate, dept_name, LOC_ID, mgrEmpNo), a salary
history with an open-ended current row (to_date 9999-01-01), some foreign keys declared and some
(manager links) left implicit."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "hr"
SEED = 2207
OPEN_END = "9999-01-01"

DDL = (
    """CREATE TABLE LOCATIONS (
        LOC_ID INTEGER PRIMARY KEY,
        city TEXT NOT NULL,
        countryName TEXT NOT NULL,
        region TEXT
    )""",
    """CREATE TABLE departments (
        dept_no TEXT PRIMARY KEY,
        dept_name TEXT NOT NULL,
        LOC_ID INTEGER REFERENCES LOCATIONS(LOC_ID),
        mgrEmpNo INTEGER,
        annual_budget INTEGER
    )""",
    """CREATE TABLE jobs (
        JOB_ID TEXT PRIMARY KEY,
        job_title TEXT NOT NULL,
        min_sal INTEGER,
        max_sal INTEGER
    )""",
    """CREATE TABLE employees (
        EMP_NO INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        gender TEXT,
        birthDate DATE,
        hireDate DATE NOT NULL,
        dept_no TEXT REFERENCES departments(dept_no),
        JOB_ID TEXT REFERENCES jobs(JOB_ID),
        mgr_no INTEGER,
        email TEXT
    )""",
    """CREATE TABLE salaries (
        EMP_NO INTEGER NOT NULL REFERENCES employees(EMP_NO),
        salary INTEGER NOT NULL,
        from_date DATE NOT NULL,
        to_date DATE NOT NULL,
        PRIMARY KEY (EMP_NO, from_date)
    )""",
)

LOCATIONS = (
    (1, "Seattle", "United States", "Americas"),
    (2, "Toronto", "Canada", "Americas"),
    (3, "London", "United Kingdom", "EMEA"),
    (4, "Berlin", "Germany", "EMEA"),
    (5, "Bangalore", "India", "APAC"),
    (6, "Tokyo", "Japan", "APAC"),
    (7, "São Paulo", "Brazil", "Americas"),
)
#: (dept_no, dept_name, LOC_ID, annual_budget)
DEPARTMENTS = (
    ("d001", "Engineering", 1, 4_800_000),
    ("d002", "Sales", 2, 2_100_000),
    ("d003", "Marketing", 3, 1_350_000),
    ("d004", "Finance", 3, 990_000),
    ("d005", "Human Resources", 4, 620_000),
    ("d006", "Customer Support", 5, 1_150_000),
    ("d007", "Research", 6, 2_700_000),
    ("d008", "Legal", 1, 540_000),
)
#: (JOB_ID, job_title, min_sal, max_sal, departments it appears in)
JOBS = (
    ("SWE", "Software Engineer", 85000, 160000, ("d001", "d007")),
    ("SR_SWE", "Senior Software Engineer", 120000, 210000, ("d001", "d007")),
    ("ACCT_REP", "Account Representative", 50000, 110000, ("d002",)),
    ("MKT_SPEC", "Marketing Specialist", 48000, 95000, ("d003",)),
    ("FIN_AN", "Financial Analyst", 60000, 120000, ("d004",)),
    ("HR_GEN", "HR Generalist", 45000, 85000, ("d005",)),
    ("SUP_AG", "Support Agent", 30000, 60000, ("d006",)),
    ("RES_SCI", "Research Scientist", 90000, 180000, ("d007",)),
    ("COUNSEL", "Legal Counsel", 95000, 190000, ("d008",)),
    ("MGR", "Manager", 110000, 230000, ()),
)
#: employees per department (one of them the manager)
HEADCOUNT = {"d001": 42, "d002": 26, "d003": 14, "d004": 12, "d005": 7, "d006": 30, "d007": 18}
HEADCOUNT["d008"] = 5


def build(path: Path) -> None:
    rng = random.Random(SEED)
    employees: list[tuple] = []
    salaries: list[tuple] = []
    managers: dict[str, int] = {}
    emp_no = 10000
    for dept_no, _name, _loc, _budget in DEPARTMENTS:
        for position in range(HEADCOUNT[dept_no]):
            emp_no += rng.randint(1, 3)
            if position == 0:
                job = next(j for j in JOBS if j[0] == "MGR")
                managers[dept_no] = emp_no
                mgr = None
            else:
                job = rng.choice([j for j in JOBS if dept_no in j[4]])
                mgr = managers[dept_no]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            hire_year = rng.randint(2008, 2024)
            hired = f"{hire_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            born = f"{rng.randint(1962, 2001)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            email = f"{first[0].lower()}.{last.lower()}{emp_no % 1000}@example.com"
            employees.append(
                (
                    emp_no,
                    first,
                    last,
                    rng.choice("MF") if rng.random() < 0.95 else None,
                    born if rng.random() < 0.93 else None,
                    hired,
                    dept_no,
                    job[0],
                    mgr,
                    email if rng.random() < 0.9 else None,
                )
            )
            salary = rng.randrange(job[2], (job[2] + job[3]) // 2, 250)
            start, year = hired, hire_year
            while True:
                next_year = year + rng.randint(1, 4)
                if next_year > 2025:
                    salaries.append((emp_no, salary, start, OPEN_END))
                    break
                change = f"{next_year}-{rng.randint(1, 12):02d}-01"
                salaries.append((emp_no, salary, start, change))
                salary = min(job[3], salary + rng.randrange(1500, 9000, 250))
                start, year = change, next_year
    departments = [(d, n, loc, managers[d], budget) for d, n, loc, budget in DEPARTMENTS]
    write(
        path,
        DDL,
        {
            "LOCATIONS": LOCATIONS,
            "departments": departments,
            "jobs": [j[:4] for j in JOBS],
            "employees": employees,
            "salaries": salaries,
        },
    )
