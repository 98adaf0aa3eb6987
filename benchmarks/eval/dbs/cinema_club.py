"""A film society's database: directors, the films the club owns prints of, its members, the
screenings it runs and the scores (1-10) members give films.

Naming quirks, as in hand-written schemas: lower snake_case tables ``director``, ``member`` and
``screening`` next to CamelCase ``Film`` (FilmID, Title, ReleaseYear, RunTimeMins, ...) and
``MemberRating`` (member_id, FilmID, Score, RatedOn); the member's birth date is ``DOB`` and the
tickets sold at a screening are ``tix_qty``. A film's ``Country`` (of origin) and a member's
``tier`` are free text people filter on. ``MemberRating.FilmID`` has no declared foreign key
(an implicit link to ``Film``); every other link is declared.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "cinema_club"
SEED = 2611

DDL = (
    """CREATE TABLE director (
        director_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        birth_year INTEGER,
        nationality TEXT
    )""",
    """CREATE TABLE Film (
        FilmID INTEGER PRIMARY KEY,
        Title TEXT NOT NULL,
        ReleaseYear INTEGER,
        RunTimeMins INTEGER,
        Genre TEXT,
        Country TEXT,
        director_id INTEGER,
        FOREIGN KEY (director_id) REFERENCES director(director_id)
    )""",
    """CREATE TABLE member (
        member_id INTEGER PRIMARY KEY,
        first_name TEXT,
        last_name TEXT,
        DOB DATE,
        join_date DATE,
        tier TEXT
    )""",
    """CREATE TABLE screening (
        screening_id INTEGER PRIMARY KEY,
        FilmID INTEGER NOT NULL REFERENCES Film(FilmID),
        screen_date TEXT,
        room TEXT,
        tix_qty INTEGER,
        ticket_price REAL
    )""",
    """CREATE TABLE MemberRating (
        member_id INTEGER NOT NULL REFERENCES member(member_id),
        FilmID INTEGER NOT NULL,
        Score INTEGER,
        RatedOn DATE,
        PRIMARY KEY (member_id, FilmID)
    )""",
)

#: (name, birth year, nationality)
DIRECTORS = (
    ("Akira Kurosawa", 1910, "Japanese"),
    ("Federico Fellini", 1920, "Italian"),
    ("Agnès Varda", 1928, "French"),
    ("Ingmar Bergman", 1918, "Swedish"),
    ("Stanley Kubrick", 1928, "American"),
    ("Wong Kar-wai", 1958, "Chinese"),
    ("Pedro Almodóvar", 1949, "Spanish"),
    ("Hayao Miyazaki", 1941, "Japanese"),
    ("Jane Campion", 1954, "New Zealander"),
    ("Bong Joon-ho", 1969, "South Korean"),
    ("Céline Sciamma", 1978, "French"),
    ("Alfonso Cuarón", 1961, "Mexican"),
    ("Kathryn Bigelow", 1951, "American"),
    ("Satyajit Ray", 1921, "Indian"),
    ("Andrei Tarkovsky", 1932, "Russian"),
    ("Greta Gerwig", 1983, "American"),
    ("Jacques Tati", 1907, "French"),
    ("Dziga Vertov", 1896, "Russian"),
    ("Chloé Zhao", 1982, "Chinese"),
    ("Lucrecia Martel", 1966, "Argentine"),
)
#: (title, release year, runtime in minutes, genre, country of origin, director id)
FILMS = (
    ("Seven Samurai", 1954, 207, "Action", "Japan", 1),
    ("Rashomon", 1950, 88, "Drama", "Japan", 1),
    ("Ikiru", 1952, 143, "Drama", "Japan", 1),
    ("La Strada", 1954, 108, "Drama", "Italy", 2),
    ("8½", 1963, 138, "Drama", "Italy", 2),
    ("Cléo from 5 to 7", 1962, 90, "Drama", "France", 3),
    ("The Gleaners and I", 2000, 82, "Documentary", "France", 3),
    ("The Seventh Seal", 1957, 96, "Drama", "Sweden", 4),
    ("Persona", 1966, 84, "Drama", "Sweden", 4),
    ("2001: A Space Odyssey", 1968, 149, "Sci-Fi", "United Kingdom", 5),
    ("Dr. Strangelove", 1964, 95, "Comedy", "United Kingdom", 5),
    ("In the Mood for Love", 2000, 98, "Romance", "Hong Kong", 6),
    ("Chungking Express", 1994, 102, "Romance", "Hong Kong", 6),
    ("All About My Mother", 1999, 101, "Drama", "Spain", 7),
    ("Talk to Her", 2002, 112, "Drama", "Spain", 7),
    ("Spirited Away", 2001, 125, "Animation", "Japan", 8),
    ("My Neighbor Totoro", 1988, 86, "Animation", "Japan", 8),
    ("The Piano", 1993, 121, "Drama", "New Zealand", 9),
    ("Parasite", 2019, 132, "Thriller", "South Korea", 10),
    ("Memories of Murder", 2003, 131, "Thriller", "South Korea", 10),
    ("Portrait of a Lady on Fire", 2019, 122, "Romance", "France", 11),
    ("Roma", 2018, 135, "Drama", "Mexico", 12),
    ("Children of Men", 2006, 109, "Sci-Fi", "United Kingdom", 12),
    ("The Hurt Locker", 2008, 130, "Thriller", "United States", 13),
    ("Pather Panchali", 1955, 126, "Drama", "India", 14),
    ("Stalker", 1979, 162, "Sci-Fi", "Soviet Union", 15),
    ("Solaris", 1972, 167, "Sci-Fi", "Soviet Union", 15),
    ("Lady Bird", 2017, 94, "Comedy", "United States", 16),
    ("Little Women", 2019, 134, "Drama", "United States", 16),
    ("Playtime", 1967, 124, "Comedy", "France", 17),
    ("Mon Oncle", 1958, 117, "Comedy", "France", 17),
    ("Man with a Movie Camera", 1929, 68, "Documentary", "Soviet Union", 18),
)
#: room -> seats
ROOMS = {"Main Hall": 120, "Studio B": 45, "Rooftop": 80}
TIERS = ("Basic", "Basic", "Basic", "Student", "Student", "Gold", "Gold", "Patron")
#: films the club owns but has not screened yet
NEVER_SCREENED = (7, 9, 23, 32)
#: films nobody has rated yet
NEVER_RATED = (9, 31)
#: popularity weight of each film at screenings and in ratings
FAVOURITES = {19: 5, 16: 4, 10: 3, 12: 3, 1: 3, 21: 2, 26: 2, 28: 2}


def build(path: Path) -> None:
    rng = random.Random(SEED)
    directors = [(i + 1, *d) for i, d in enumerate(DIRECTORS)]
    films = [(i + 1, *f) for i, f in enumerate(FILMS)]

    members = []
    used: set[tuple[str, str]] = set()
    for mid in range(1, 61):
        name = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        while name in used:
            name = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        used.add(name)
        if mid == 1:  # the founding member
            joined, born, tier = date(2011, 9, 14), date(1947, 3, 2), "Patron"
        else:
            joined = date(2014, 1, 1) + timedelta(days=rng.randint(0, 365 * 11))
            tier = rng.choice(TIERS)
            age = rng.randint(19, 24) if tier == "Student" else rng.randint(26, 74)
            born = date(2025 - age, 1, 1) + timedelta(days=rng.randint(0, 364))
        members.append((mid, name[0], name[1], born.isoformat(), joined.isoformat(), tier))

    screen_pool = [
        fid
        for fid in range(1, len(films) + 1)
        if fid not in NEVER_SCREENED
        for _ in range(FAVOURITES.get(fid, 1))
    ]
    screenings = []
    day = date(2023, 1, 6)
    for sid in range(1, 161):
        fid = rng.choice(screen_pool)
        room = rng.choice(("Main Hall", "Main Hall", "Studio B", "Rooftop"))
        if room == "Rooftop" and day.month in (11, 12, 1, 2, 3):
            room = "Studio B"
        seats = ROOMS[room]
        fill = rng.uniform(0.3, 1.0) + 0.05 * FAVOURITES.get(fid, 0)
        qty = min(seats, int(seats * fill))
        price = {"Main Hall": 9.5, "Studio B": 7.0, "Rooftop": 12.0}[room]
        if day.year >= 2024:
            price += 1.0
        screenings.append((sid, fid, day.isoformat(), room, qty, price))
        day += timedelta(days=rng.choice((2, 3, 4, 5)))

    rate_pool = [
        fid
        for fid in range(1, len(films) + 1)
        if fid not in NEVER_RATED
        for _ in range(FAVOURITES.get(fid, 1) + 1)
    ]
    bias = {fid: rng.uniform(-1.5, 1.5) for fid in range(1, len(films) + 1)}
    bias.update({19: 2.1, 16: 1.6, 26: 1.2, 28: -0.6, 11: 0.9, 32: -2.0})
    ratings = []
    seen: set[tuple[int, int]] = set()
    raters = list(range(1, 54))  # members 54-60 have not rated anything
    while len(ratings) < 300:
        mid = rng.choice(raters)
        fid = rng.choice(rate_pool)
        if (mid, fid) in seen:
            continue
        seen.add((mid, fid))
        score = max(1, min(10, round(rng.gauss(6.6 + bias[fid], 1.6))))
        when = date(2023, 2, 1) + timedelta(days=rng.randint(0, 900))
        when = max(when, date.fromisoformat(members[mid - 1][4]) + timedelta(days=10))
        ratings.append((mid, fid, score, when.isoformat()))
    ratings.sort()

    write(
        path,
        DDL,
        {
            "director": directors,
            "Film": films,
            "member": members,
            "screening": screenings,
            "MemberRating": ratings,
        },
    )
