"""A school: Spider-style abbreviated names (StuID, Fname, Lname, DOB, EmpID, CName, DNO) with
declared foreign keys."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, PLACES, write

NAME = "school"
SEED = 1201

DDL = (
    """CREATE TABLE Department (
        DeptID INTEGER PRIMARY KEY,
        DName TEXT NOT NULL,
        Building TEXT,
        Budget REAL
    )""",
    """CREATE TABLE Teacher (
        EmpID INTEGER PRIMARY KEY,
        Fname TEXT NOT NULL,
        Lname TEXT NOT NULL,
        DOB DATE,
        Sex TEXT,
        Salary INTEGER,
        HireYear INTEGER,
        DeptID INTEGER REFERENCES Department(DeptID)
    )""",
    """CREATE TABLE Student (
        StuID INTEGER PRIMARY KEY,
        Fname TEXT NOT NULL,
        Lname TEXT NOT NULL,
        Age INTEGER,
        Sex TEXT,
        Major INTEGER REFERENCES Department(DeptID),
        Advisor INTEGER REFERENCES Teacher(EmpID),
        Country TEXT,
        City TEXT
    )""",
    """CREATE TABLE Course (
        CID TEXT PRIMARY KEY,
        CName TEXT NOT NULL,
        Credits INTEGER,
        Instructor INTEGER REFERENCES Teacher(EmpID),
        DNO INTEGER REFERENCES Department(DeptID)
    )""",
    """CREATE TABLE Enrolled_in (
        StuID INTEGER REFERENCES Student(StuID),
        CID TEXT REFERENCES Course(CID),
        Grade TEXT,
        PRIMARY KEY (StuID, CID)
    )""",
)

DEPARTMENTS = (
    (1, "Computer Science", "Turing Hall", 950000.0),
    (2, "Mathematics", "Noether Hall", 610000.0),
    (3, "Physics", "Curie Building", 720000.0),
    (4, "History", "Gibbon House", 380000.0),
    (5, "Economics", "Keynes Centre", 540000.0),
    (6, "Biology", "Darwin Building", 680000.0),
)
COURSES = (
    ("CS101", "Intro to Programming", 4, 1),
    ("CS201", "Data Structures", 4, 1),
    ("CS305", "Databases", 3, 1),
    ("CS340", "Machine Learning", 3, 1),
    ("MA101", "Calculus I", 4, 2),
    ("MA210", "Linear Algebra", 3, 2),
    ("MA330", "Probability", 3, 2),
    ("PH101", "Mechanics", 4, 3),
    ("PH220", "Electromagnetism", 4, 3),
    ("HI110", "World History", 3, 4),
    ("HI250", "History of Science", 2, 4),
    ("EC101", "Microeconomics", 3, 5),
    ("EC202", "Macroeconomics", 3, 5),
    ("BI101", "Cell Biology", 4, 6),
    ("BI230", "Genetics", 3, 6),
)
GRADES = ("A", "A-", "B+", "B", "B-", "C+", "C", "D", "F")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    teachers = []
    for emp in range(1, 25):
        dept = DEPARTMENTS[(emp - 1) % len(DEPARTMENTS)][0]
        year = rng.randint(1955, 1990)
        teachers.append(
            (
                100 + emp,
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice("MF"),
                rng.randrange(52000, 141000, 500),
                rng.randint(1995, 2023),
                dept,
            )
        )
    students = []
    for stu in range(1, 181):
        country, cities = PLACES[rng.randrange(len(PLACES))] if rng.random() < 0.6 else PLACES[0]
        major = rng.choice(DEPARTMENTS)[0]
        advisors = [t[0] for t in teachers if t[7] == major]
        students.append(
            (
                1000 + stu,
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                rng.randint(17, 29),
                rng.choice("MF"),
                major,
                rng.choice(advisors) if rng.random() < 0.9 else None,
                country,
                rng.choice(cities),
            )
        )
    courses = []
    for cid, cname, credits, dept in COURSES:
        instructors = [t[0] for t in teachers if t[7] == dept]
        courses.append((cid, cname, credits, rng.choice(instructors), dept))
    enrolled = []
    for s in students:
        for cid in rng.sample([c[0] for c in COURSES], rng.randint(0, 4)):
            enrolled.append((s[0], cid, rng.choice(GRADES) if rng.random() < 0.85 else None))
    write(
        path,
        DDL,
        {
            "Department": DEPARTMENTS,
            "Teacher": teachers,
            "Student": students,
            "Course": courses,
            "Enrolled_in": enrolled,
        },
    )
