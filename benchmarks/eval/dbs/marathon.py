"""City road races (marathons, half marathons and a few 10 km runs), in a hand-written style
with mixed naming: snake_case tables ``race``, ``result`` and ``race_sponsor`` next to CamelCase
``Runner`` (RunnerID, FullName, DOB as 'YYYY-MM-DD' text, Nationality) and ``Sponsor``
(SponsorID, SponsorName, HQ_Country). A race's country is free text; a result's ``status`` is
'Finished', 'DNF' (did not finish) or 'DSQ' (disqualified), with NULL finish time and position
unless finished; finish times are whole seconds (``finish_secs``). ``race_sponsor.amt`` is the
sponsorship amount in US dollars and its ``sponsor_id`` has no declared foreign key (an implicit
link to ``Sponsor.SponsorID``). One race (2025) has no results yet, some runners never raced and
one sponsor sponsors nothing."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "marathon"
SEED = 4213

DDL = (
    """CREATE TABLE race (
    race_id INTEGER PRIMARY KEY,
    race_name TEXT NOT NULL,
    city TEXT,
    country TEXT,
    race_year INTEGER,
    race_date TEXT,
    distance_km REAL,
    max_participants INTEGER
)""",
    """CREATE TABLE Runner (
    RunnerID INTEGER PRIMARY KEY,
    FullName VARCHAR(60) NOT NULL,
    Gender CHAR(1),
    DOB TEXT,
    Nationality VARCHAR(40),
    ClubName VARCHAR(60)
)""",
    """CREATE TABLE result (
    result_id INTEGER PRIMARY KEY,
    runner_id INTEGER NOT NULL REFERENCES Runner(RunnerID),
    race_id INTEGER NOT NULL REFERENCES race(race_id),
    bib_no INTEGER,
    finish_secs INTEGER,
    position INTEGER,
    status TEXT
)""",
    """CREATE TABLE Sponsor (
    SponsorID INTEGER PRIMARY KEY,
    SponsorName VARCHAR(60) NOT NULL,
    Industry VARCHAR(40),
    HQ_Country VARCHAR(40),
    FoundedYear INTEGER
)""",
    """CREATE TABLE race_sponsor (
    race_id INTEGER REFERENCES race(race_id),
    sponsor_id INTEGER,
    amt REAL,
    tier TEXT,
    PRIMARY KEY (race_id, sponsor_id)
)""",
)

#: (name, city, country, year, month, day, km, max participants)
RACES = (
    ("Berlin Marathon", "Berlin", "Germany", 2022, 9, 25, 42.195, 45000),
    ("Berlin Marathon", "Berlin", "Germany", 2023, 9, 24, 42.195, 47000),
    ("London Marathon", "London", "United Kingdom", 2022, 10, 2, 42.195, 50000),
    ("London Marathon", "London", "United Kingdom", 2023, 4, 23, 42.195, 52000),
    ("Chicago Marathon", "Chicago", "United States", 2023, 10, 8, 42.195, 48000),
    ("New York City Marathon", "New York", "United States", 2022, 11, 6, 42.195, 53000),
    ("New York City Marathon", "New York", "United States", 2023, 11, 5, 42.195, 55000),
    ("Tokyo Marathon", "Tokyo", "Japan", 2023, 3, 5, 42.195, 38000),
    ("Paris Marathon", "Paris", "France", 2023, 4, 2, 42.195, 54000),
    ("Paris Half Marathon", "Paris", "France", 2023, 3, 12, 21.0975, 44000),
    ("Rome Marathon", "Rome", "Italy", 2022, 3, 27, 42.195, 16000),
    ("Toronto Waterfront Marathon", "Toronto", "Canada", 2023, 10, 15, 42.195, 25000),
    ("Madrid Half Marathon", "Madrid", "Spain", 2022, 4, 3, 21.0975, 18000),
    ("Osaka 10K", "Osaka", "Japan", 2023, 11, 19, 10.0, 9000),
    ("Hamburg Marathon", "Hamburg", "Germany", 2022, 4, 24, 42.195, 14000),
    ("Manchester 10K", "Manchester", "United Kingdom", 2022, 5, 29, 10.0, 6000),
    ("Vancouver Half Marathon", "Vancouver", "Canada", 2023, 6, 25, 21.0975, 7500),
    ("Mumbai Marathon", "Mumbai", "India", 2024, 1, 21, 42.195, 41000),
    ("Barcelona Marathon", "Barcelona", "Spain", 2024, 3, 10, 42.195, 20000),
    ("Rio de Janeiro Marathon", "Rio de Janeiro", "Brazil", 2025, 6, 15, 42.195, 30000),
    ("Boston Marathon", "Boston", "United States", 2024, 4, 15, 42.195, 30000),
)
#: fields per race: how many starters
FIELD = (22, 24, 20, 23, 18, 21, 19, 16, 17, 14, 11, 12, 10, 9, 10, 8, 9, 13, 12, 0, 15)

GENDER = {
    n: ("F" if i % 2 == 0 else "M")
    for i, n in enumerate(FIRST_NAMES)  # Emma F, Liam M, Olivia F, ...
}
NATIONALITIES = (
    "Kenya",
    "Ethiopia",
    "Germany",
    "United Kingdom",
    "United States",
    "Japan",
    "France",
    "Italy",
    "Spain",
    "Canada",
    "Brazil",
    "India",
)
CLUBS = (
    "Harriers AC",
    "City Striders",
    "Road Runners Club",
    "Trailblazers",
    "Athletics Union",
    None,
)
#: (name, industry, HQ country, founded)
SPONSORS = (
    ("Stridewell", "Sportswear", "United States", 1964),
    ("Kinetix Sports", "Sportswear", "Germany", 1949),
    ("Hydra Drinks", "Beverages", "United States", 1965),
    ("Nordbank", "Banking", "Germany", 1870),
    ("Albion Money", "Banking", "United Kingdom", 1995),
    ("Sakura Timepieces", "Watches", "Japan", 1881),
    ("Velocar Motors", "Automotive", "Germany", 1916),
    ("Tata Digital Services", "IT Services", "India", 1968),
    ("Maple Insurance", "Insurance", "Canada", 1887),
    ("Lumiere Energie", "Energy", "France", 1946),
    ("Aqua Pura", "Beverages", "Italy", 1899),
    ("Pacifica Airlines", "Airlines", "Brazil", 2001),
)
#: (race index 1-based, sponsor index 1-based, amount USD, tier); sponsor 12 sponsors nothing
SPONSORSHIPS = (
    (1, 7, 2_450_000, "Title"),
    (1, 2, 820_000, "Gold"),
    (1, 3, 310_000, "Partner"),
    (2, 7, 2_600_000, "Title"),
    (2, 2, 870_000, "Gold"),
    (2, 4, 415_000, "Partner"),
    (3, 5, 3_100_000, "Title"),
    (3, 1, 905_000, "Gold"),
    (4, 5, 3_250_000, "Title"),
    (4, 1, 940_000, "Gold"),
    (4, 3, 330_000, "Partner"),
    (5, 1, 1_150_000, "Gold"),
    (5, 3, 450_000, "Partner"),
    (6, 8, 2_950_000, "Title"),
    (6, 1, 1_020_000, "Gold"),
    (7, 8, 3_400_000, "Title"),
    (7, 1, 1_080_000, "Gold"),
    (7, 3, 505_000, "Partner"),
    (8, 6, 1_700_000, "Title"),
    (8, 2, 610_000, "Gold"),
    (9, 10, 1_350_000, "Title"),
    (9, 1, 560_000, "Gold"),
    (10, 10, 640_000, "Title"),
    (11, 11, 480_000, "Title"),
    (12, 9, 720_000, "Title"),
    (12, 3, 150_000, "Partner"),
    (13, 2, 260_000, "Gold"),
    (14, 6, 205_000, "Title"),
    (15, 4, 590_000, "Title"),
    (17, 9, 175_000, "Title"),
    (18, 8, 1_250_000, "Title"),
    (19, 11, 395_000, "Gold"),
    (20, 1, 430_000, "Gold"),
    (21, 9, 1_900_000, "Title"),
    (21, 3, 365_000, "Partner"),
)


def _ability(rng: random.Random, nationality: str, gender: str) -> float:
    """Seconds per km over a marathon for this runner (lower is faster)."""
    elite = nationality in ("Kenya", "Ethiopia")
    base = rng.uniform(176, 200) if elite else rng.uniform(215, 390)
    return base * (1.09 if gender == "F" else 1.0)


def build(path: Path) -> None:
    rng = random.Random(SEED)
    races = [
        (i, name, city, country, year, date(year, m, d).isoformat(), km, cap)
        for i, (name, city, country, year, m, d, km, cap) in enumerate(RACES, 1)
    ]
    runners, pace = [], {}
    used: set[str] = set()
    for rid in range(1, 91):
        first = rng.choice(FIRST_NAMES)
        name = f"{first} {rng.choice(LAST_NAMES)}"
        while name in used:
            first = rng.choice(FIRST_NAMES)
            name = f"{first} {rng.choice(LAST_NAMES)}"
        used.add(name)
        gender = GENDER[first]
        nationality = NATIONALITIES[0 if rid % 9 == 1 else 1 if rid % 11 == 2 else rid % 12]
        born = date(1962, 1, 1) + timedelta(days=rng.randint(0, 365 * 42))
        runners.append((rid, name, gender, born.isoformat(), nationality, rng.choice(CLUBS)))
        pace[rid] = _ability(rng, nationality, gender)
    # the youngest and oldest runners are unique by construction: fix two dates apart
    runners[40] = (*runners[40][:3], "2005-08-14", *runners[40][4:])
    runners[12] = (*runners[12][:3], "1958-02-03", *runners[12][4:])
    # runners 86-90 signed up but never raced
    active = list(range(1, 86))
    results = []
    used_secs: set[int] = set()
    result_id = 1
    for race in races:
        race_id, km = race[0], race[6]
        field = rng.sample(active, FIELD[race_id - 1])
        entries = []
        for k, runner_id in enumerate(field):
            roll = rng.random()
            status = "DNF" if roll < 0.08 else "DSQ" if roll < 0.095 else "Finished"
            secs = None
            if status == "Finished":
                factor = 1.0 if km > 40 else 0.96 if km > 20 else 0.93
                secs = int(pace[runner_id] * km * factor * rng.uniform(0.97, 1.05))
                while secs in used_secs:
                    secs += 1
                used_secs.add(secs)
            entries.append([runner_id, race_id, 100 + race_id * 1000 + k, secs, None, status])
        finished = sorted((e for e in entries if e[3] is not None), key=lambda e: e[3])
        for pos, e in enumerate(finished, 1):
            e[4] = pos
        for e in entries:
            results.append((result_id, *e))
            result_id += 1
    sponsors = [(i, *s) for i, s in enumerate(SPONSORS, 1)]
    write(
        path,
        DDL,
        {
            "race": races,
            "Runner": runners,
            "result": results,
            "Sponsor": sponsors,
            "race_sponsor": SPONSORSHIPS,
        },
    )
