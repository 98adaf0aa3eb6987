"""A football league: lower-case singular tables (stadium, team, player, season, game) with
Spider-style Capitalised_Underscore columns (Team_ID, Team_Name, Year_Founded), declared foreign
keys except a season's champion (an implicit link), nationalities and cities as text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import permutations
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "league"
SEED = 5150

DDL = (
    """CREATE TABLE stadium (
        Stadium_ID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        City TEXT,
        Capacity INTEGER,
        Opened_Year INTEGER,
        Surface TEXT
    )""",
    """CREATE TABLE team (
        Team_ID INTEGER PRIMARY KEY,
        Team_Name TEXT NOT NULL,
        City TEXT,
        Year_Founded INTEGER,
        Coach TEXT,
        Stadium_ID INTEGER REFERENCES stadium(Stadium_ID)
    )""",
    """CREATE TABLE player (
        Player_ID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        Team_ID INTEGER REFERENCES team(Team_ID),
        Position TEXT,
        Nationality TEXT,
        Age INTEGER,
        Height_cm INTEGER,
        Goals INTEGER,
        Salary INTEGER
    )""",
    """CREATE TABLE season (
        Season_ID INTEGER PRIMARY KEY,
        Year INTEGER,
        Champion_Team_ID INTEGER,
        Top_Scorer_ID INTEGER REFERENCES player(Player_ID)
    )""",
    """CREATE TABLE game (
        Game_ID INTEGER PRIMARY KEY,
        Season_ID INTEGER REFERENCES season(Season_ID),
        Game_Date DATE,
        Home_Team_ID INTEGER REFERENCES team(Team_ID),
        Away_Team_ID INTEGER REFERENCES team(Team_ID),
        Home_Score INTEGER,
        Away_Score INTEGER,
        Attendance INTEGER
    )""",
)

STADIUMS = (
    (1, "Riverside Arena", "Manchester", 54200, 1998, "grass"),
    (2, "Northfield Park", "Leeds", 37890, 1921, "grass"),
    (3, "Harbour Ground", "Liverpool", 46310, 1906, "grass"),
    (4, "Crown Stadium", "London", 61750, 2006, "hybrid"),
    (5, "Millstone Field", "Sheffield", 28400, 1899, "grass"),
    (6, "Eastgate Dome", "Newcastle", 32150, 2013, "artificial"),
    (7, "Kingsway Stadium", "Bristol", 26680, 1930, "grass"),
    (8, "Valley Road", "Nottingham", 30445, 1910, "hybrid"),
    (9, "Old Quarry Ground", "Derby", 19820, 1885, "grass"),
)
#: (name, city, founded, coach, stadium)
TEAMS = (
    ("Manchester Rovers", "Manchester", 1880, "Ian Whitcombe", 1),
    ("Leeds Athletic", "Leeds", 1904, "Marta Lindqvist", 2),
    ("Liverpool Mariners", "Liverpool", 1892, "Sean Doyle", 3),
    ("London Royals", "London", 1899, "Paolo Ferri", 4),
    ("Sheffield Forge", "Sheffield", 1867, "Gary Pickering", 5),
    ("Newcastle Magpies", "Newcastle", 1892, "Hannah Osei", 6),
    ("Bristol City Wanderers", "Bristol", 1897, "Tom Hartley", 7),
    ("Nottingham Foresters", "Nottingham", 1865, "Luis Cabrera", 8),
    ("London Dockers", "London", 1921, "Ravi Menon", 4),
    ("Derby Rams United", "Derby", 1884, "Elin Strand", 9),
)
POSITIONS = (
    "Goalkeeper",
    "Defender",
    "Defender",
    "Defender",
    "Midfielder",
    "Midfielder",
    "Midfielder",
    "Forward",
    "Forward",
)
NATIONALITIES = (
    "England",
    "England",
    "England",
    "England",
    "Scotland",
    "Ireland",
    "Wales",
    "France",
    "Spain",
    "Brazil",
    "Nigeria",
    "Germany",
    "Netherlands",
    "Portugal",
)
YEARS = (2019, 2020, 2021, 2022, 2023)


def build(path: Path) -> None:
    rng = random.Random(SEED)
    teams = [(i + 1, *t) for i, t in enumerate(TEAMS)]
    players: list[tuple] = []
    used: set[str] = set()
    for team in teams:
        for slot in range(rng.randint(16, 20)):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            while name in used:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            used.add(name)
            position = "Goalkeeper" if slot < 2 else rng.choice(POSITIONS[1:])
            scoring = {"Goalkeeper": 0, "Defender": 3, "Midfielder": 12, "Forward": 30}[position]
            goals = rng.randint(0, scoring) if scoring else 0
            players.append(
                (
                    len(players) + 1,
                    name,
                    team[0],
                    position,
                    rng.choice(NATIONALITIES),
                    rng.randint(18, 36),
                    rng.randint(168, 199) if position != "Goalkeeper" else rng.randint(185, 201),
                    goals,
                    rng.randrange(20000, 180000, 250),
                )
            )
    # five free agents with no team
    for _ in range(5):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        while name in used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        used.add(name)
        players.append(
            (
                len(players) + 1,
                name,
                None,
                rng.choice(POSITIONS[1:]),
                rng.choice(NATIONALITIES),
                rng.randint(24, 37),
                rng.randint(170, 195),
                rng.randint(0, 6),
                0,
            )
        )
    strength = {t[0]: rng.uniform(0.6, 2.2) for t in teams}
    games: list[tuple] = []
    seasons = []
    for season_id, year in enumerate(YEARS, 1):
        fixtures = list(permutations([t[0] for t in teams], 2))
        rng.shuffle(fixtures)
        # each season plays a sample of the double round robin
        points = {t[0]: 0 for t in teams}
        start = date(year, 8, 10)
        for k, (home, away) in enumerate(fixtures[:44]):
            hs = min(7, int(rng.expovariate(1 / strength[home]) + 0.3))
            aw = min(6, int(rng.expovariate(1 / strength[away])))
            capacity = STADIUMS[teams[home - 1][5] - 1][3]
            games.append(
                (
                    len(games) + 1,
                    season_id,
                    (start + timedelta(days=k * 5 + rng.randint(0, 2))).isoformat(),
                    home,
                    away,
                    hs,
                    aw,
                    int(capacity * rng.uniform(0.55, 0.99)),
                )
            )
            points[home] += 3 if hs > aw else (1 if hs == aw else 0)
            points[away] += 3 if aw > hs else (1 if hs == aw else 0)
        champion = max(points, key=lambda t: (points[t], -t))
        scorers = [p for p in players if p[3] == "Forward" and p[2] is not None]
        seasons.append((season_id, year, champion, rng.choice(scorers)[0]))
    write(
        path,
        DDL,
        {"stadium": STADIUMS, "team": teams, "player": players, "season": seasons, "game": games},
    )
