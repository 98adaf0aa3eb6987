"""A software company's bug tracker, hand-written in a mixed style: CamelCase for the older
project part (Projects with ProjectID, ProjectName, Language, StartDate, Budget; BugComments with
CommentID, BugID, AuthorID, CommentDate), lower snake_case for the rest (developers with an
abbreviated `DOB` and a `seniority` level as text, bugs, project_releases). A bug's `severity`
('Critical', 'Major', 'Minor', 'Trivial') and `status` ('Open', 'In Progress', 'Resolved',
'Closed', 'Rejected') are free text people filter on; `closed_on` is NULL while a bug is open or
in progress; `est_hrs` is the estimated effort in hours. A bug's reporter (`reporter_id`) has a
declared foreign key to developers, its assignee (`assigned_to`) has none. Dates are ISO text.
Projects 19 and 20 started in 2025: no bugs and no releases yet; project 18 has bugs but no
release; developers 31 and 32 were hired in 2025 and have no bugs and no comments."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "bugtracker"
SEED = 4417

DDL = (
    """CREATE TABLE Projects (
    ProjectID INTEGER PRIMARY KEY,
    ProjectName VARCHAR(60) NOT NULL,
    Language VARCHAR(30),
    StartDate DATE,
    Budget INTEGER
)""",
    """CREATE TABLE developers (
    dev_id int PRIMARY KEY,
    full_name text NOT NULL,
    team text,
    hire_date date,
    seniority text,
    DOB date,
    salary int
)""",
    """CREATE TABLE bugs (
    bug_id int PRIMARY KEY,
    title text NOT NULL,
    severity text,
    status text,
    opened_on date,
    closed_on date,
    ProjectID int,
    reporter_id int,
    assigned_to int,
    est_hrs real,
    FOREIGN KEY (ProjectID) REFERENCES Projects(ProjectID),
    FOREIGN KEY (reporter_id) REFERENCES developers(dev_id)
)""",
    """CREATE TABLE BugComments (
    CommentID INTEGER PRIMARY KEY,
    BugID INTEGER REFERENCES bugs(bug_id),
    AuthorID INTEGER REFERENCES developers(dev_id),
    CommentDate DATE,
    Body TEXT
)""",
    """CREATE TABLE project_releases (
    release_id int PRIMARY KEY,
    ProjectID int,
    version varchar(20),
    release_date date,
    downloads int,
    FOREIGN KEY (ProjectID) REFERENCES Projects(ProjectID)
)""",
)

#: (name, language, start date, budget in dollars, weight of bugs)
PROJECTS = (
    ("Atlas Payments", "Java", "2016-03-14", 1250000, 30),
    ("Nimbus Storage", "Go", "2018-09-03", 980000, 22),
    ("Orion Web Shop", "TypeScript", "2017-05-22", 760000, 26),
    ("Pulse Mobile", "Kotlin", "2019-01-07", 640000, 18),
    ("Helix Analytics", "Python", "2015-11-30", 1420000, 16),
    ("Quartz Scheduler", "Java", "2020-02-17", 310000, 9),
    ("Ember CRM", "Python", "2016-08-08", 870000, 14),
    ("Vega Maps", "C++", "2018-04-25", 1090000, 11),
    ("Lumen Docs", "TypeScript", "2021-06-01", 220000, 6),
    ("Falcon Gateway", "Rust", "2021-10-11", 540000, 12),
    ("Cobalt Billing", "Java", "2017-12-04", 930000, 13),
    ("Juniper Chat", "Kotlin", "2020-07-20", 410000, 8),
    ("Mosaic Design System", "TypeScript", "2022-01-10", 275000, 5),
    ("Sentinel Auth", "Go", "2019-05-13", 690000, 10),
    ("Tidal Streams", "Rust", "2022-09-05", 480000, 7),
    ("Beacon Monitoring", "Python", "2020-11-02", 355000, 4),
    ("Granite Ledger", "C++", "2016-06-27", 1180000, 3),
    ("Aurora Search", "Go", "2024-03-18", 590000, 2),
    ("Nova Assistant", "Python", "2025-02-03", 820000, 0),
    ("Pixel Studio", "Swift", "2025-04-21", 260000, 0),
)
TEAMS = ("Backend", "Frontend", "Mobile", "QA", "Platform")
LEVELS = ("Junior", "Mid", "Senior", "Lead")
SEVERITIES = ("Critical", "Major", "Minor", "Trivial")
PROBLEMS = (
    "Crash",
    "Memory leak",
    "Timeout",
    "Wrong total",
    "Broken layout",
    "Slow response",
    "Null pointer",
    "Data loss",
    "Login failure",
    "Encoding error",
    "Race condition",
    "Missing translation",
)
PLACES_IN_APP = (
    "checkout",
    "settings page",
    "export to CSV",
    "user profile",
    "search results",
    "nightly sync",
    "invoice PDF",
    "dashboard",
    "password reset",
    "file upload",
    "notifications",
    "admin panel",
    "API pagination",
    "report builder",
    "dark mode",
)
REMARKS = (
    "Reproduced on staging.",
    "Cannot reproduce locally.",
    "Fix is in review.",
    "Added a regression test.",
    "Needs more logs from the customer.",
    "Duplicate of an older ticket?",
    "Raising the priority, customers are affected.",
    "Workaround posted in the wiki.",
    "Looks like a config issue.",
    "Deployed the hotfix.",
)


def _developers(rng: random.Random) -> list[tuple]:
    rows = []
    used: set[str] = set()
    salaries: set[int] = set()
    for did in range(1, 33):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        while name in used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        used.add(name)
        level = LEVELS[min(3, int(rng.triangular(0, 4, 1.4)))]
        if did in (31, 32):
            level = "Junior"
            hired = date(2025, 3, 3) + timedelta(days=14 * (did - 31))
        else:
            hired = date(2012, 1, 9) + timedelta(days=rng.randint(0, 4400))
        base = {"Junior": 62000, "Mid": 84000, "Senior": 108000, "Lead": 131000}[level]
        salary = base + rng.randint(0, 40) * 500
        while salary in salaries:
            salary += 500
        salaries.add(salary)
        born = date(1968, 1, 1) + timedelta(days=rng.randint(0, 11000))
        team = TEAMS[(did * 3 + rng.randint(0, 1)) % len(TEAMS)]
        rows.append((did, name, team, hired.isoformat(), level, born.isoformat(), salary))
    return rows


def build(path: Path) -> None:
    rng = random.Random(SEED)
    projects = [(i + 1, p[0], p[1], p[2], p[3]) for i, p in enumerate(PROJECTS)]
    developers = _developers(rng)
    active = [d[0] for d in developers if d[0] not in (31, 32)]
    weights = [p[4] for p in PROJECTS]
    bugs = []
    first_day = date(2023, 1, 2)
    for bid in range(1, 281):
        pid = rng.choices(range(1, 21), weights=weights)[0]
        start = max(first_day, date.fromisoformat(PROJECTS[pid - 1][2]))
        opened = start + timedelta(days=rng.randint(0, (date(2025, 6, 27) - start).days))
        title = f"{rng.choice(PROBLEMS)} in {rng.choice(PLACES_IN_APP)}"
        severity = rng.choices(SEVERITIES, weights=(2, 5, 6, 3))[0]
        age = (date(2025, 6, 30) - opened).days
        if age > 200:
            status = rng.choices(
                ("Open", "In Progress", "Resolved", "Closed", "Rejected"), weights=(1, 1, 3, 8, 1)
            )[0]
        else:
            status = rng.choices(
                ("Open", "In Progress", "Resolved", "Closed", "Rejected"), weights=(5, 4, 3, 2, 1)
            )[0]
        closed = None
        if status in ("Resolved", "Closed", "Rejected"):
            span = {"Critical": 6, "Major": 20, "Minor": 45, "Trivial": 70}[severity]
            closed_day = opened + timedelta(days=1 + int(rng.expovariate(1 / span)))
            closed = min(closed_day, date(2025, 6, 30)).isoformat()
        reporter = rng.choice(active)
        assignee = rng.choice(active[:-2]) if rng.random() > 0.04 else None
        if bid == 279:  # the last two bugs were triaged by hand
            assignee = 16
        elif bid == 280:
            reporter, assignee = 19, 10
        hours = round(rng.choice((0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24)) * rng.uniform(0.8, 1.3), 1)
        bugs.append(
            (
                bid,
                title,
                severity,
                status,
                opened.isoformat(),
                closed,
                pid,
                reporter,
                assignee,
                hours,
            )
        )
    comments = []
    for cid in range(1, 391):
        bug = rng.choice(bugs)
        opened = date.fromisoformat(bug[4])
        when = min(opened + timedelta(days=int(rng.expovariate(1 / 9))), date(2025, 6, 30))
        author = rng.choice(active[:-1] + [bug[8] or 1] * 3)
        comments.append((cid, bug[0], author, when.isoformat(), rng.choice(REMARKS)))
    comments.sort(key=lambda c: (c[3], c[0]))
    comments = [(i + 1, *c[1:]) for i, c in enumerate(comments)]
    releases = []
    rid = 0
    for pid in range(1, 18):
        start = date.fromisoformat(PROJECTS[pid - 1][2])
        count = 1 + (PROJECTS[pid - 1][4] // 6) + rng.randint(0, 1)
        day = max(start + timedelta(days=120), date(2021, 1, 15))
        major, minor = 1, 0
        for _ in range(count):
            day += timedelta(days=rng.randint(60, 300))
            if day > date(2025, 6, 30):
                break
            rid += 1
            downloads = rng.randint(300, 60000) + rid
            releases.append((rid, pid, f"{major}.{minor}.0", day.isoformat(), downloads))
            if rng.random() < 0.3:
                major, minor = major + 1, 0
            else:
                minor += 1
    write(
        path,
        DDL,
        {
            "Projects": projects,
            "developers": developers,
            "bugs": bugs,
            "BugComments": comments,
            "project_releases": releases,
        },
    )
