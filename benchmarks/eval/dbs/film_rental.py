"""A small neighbourhood film rental shop: films (``Film``), members (``members``), the physical
copies on the shelves (``copy``), rentals (``rental``) and the shop staff (``staff``).

Naming quirks of a hand-grown schema: a capitalised table ``Film`` with a capitalised ``Title``
column next to snake_case columns (``release_year``, ``length_min``, ``daily_rate``); CamelCase keys
(``MemberID``, ``CopyID``, ``StaffID``, ``FullName``) mixed with snake_case ones (``film_id``,
``rental_id``, ``member_id`` in ``rental``); abbreviations ``Mgr_ID`` (self-reference to the
staff member's manager) and ``DOB``; ``is_active`` is 0/1; dates are ISO text; a rental's
``returned_on`` is NULL while the copy is still out. ``copy.status`` is free text people filter on
('Available', 'On Loan', 'Damaged', 'Lost'). ``rental.member_id`` has no declared foreign key
(an implicit link to ``members.MemberID``); the other links are declared."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "film_rental"
SEED = 5821

DDL = (
    """CREATE TABLE Film (
        film_id INTEGER PRIMARY KEY,
        Title TEXT NOT NULL,
        release_year INTEGER,
        genre TEXT,
        rating TEXT,
        length_min INTEGER,
        daily_rate REAL
    )""",
    """CREATE TABLE members (
        MemberID INTEGER PRIMARY KEY,
        first_name TEXT,
        last_name TEXT,
        email TEXT,
        join_date TEXT,
        city TEXT,
        is_active INTEGER DEFAULT 1
    )""",
    """CREATE TABLE staff (
        StaffID INTEGER PRIMARY KEY,
        FullName TEXT NOT NULL,
        Role TEXT,
        Mgr_ID INTEGER REFERENCES staff(StaffID),
        DOB TEXT,
        hourly_wage REAL
    )""",
    """CREATE TABLE copy (
        CopyID INTEGER PRIMARY KEY,
        film_id INTEGER NOT NULL REFERENCES Film(film_id),
        format TEXT,
        shelf TEXT,
        status TEXT
    )""",
    """CREATE TABLE rental (
        rental_id INTEGER PRIMARY KEY,
        CopyID INTEGER REFERENCES copy(CopyID),
        member_id INTEGER,
        StaffID INTEGER REFERENCES staff(StaffID),
        rented_on TEXT,
        returned_on TEXT,
        fee REAL
    )""",
)

#: (title, year, genre, rating, minutes, daily rate)
FILMS = (
    ("The Quiet Harbour", 2019, "Drama", "PG-13", 118, 2.99),
    ("Midnight in Lisbon", 2015, "Drama", "R", 124, 2.49),
    ("Paper Lanterns", 2021, "Drama", "PG", 109, 3.49),
    ("The Long Winter", 1987, "Drama", "PG", 141, 1.99),
    ("Salt and Stone", 2023, "Drama", "R", 131, 3.99),
    ("A Field of Sparrows", 2008, "Drama", "PG-13", 113, 2.49),
    ("Uncle Bernie's Wedding", 2017, "Comedy", "PG-13", 97, 2.99),
    ("Two Left Feet", 2004, "Comedy", "PG", 92, 1.99),
    ("The Office Plant", 2022, "Comedy", "PG-13", 88, 3.49),
    ("Snow Day", 1996, "Comedy", "PG", 94, 1.99),
    ("Honeymoon Hotel", 2012, "Comedy", "R", 101, 2.49),
    ("Pizza for Breakfast", 2020, "Comedy", "PG", 86, 2.99),
    ("Steel Horizon", 2018, "Action", "PG-13", 132, 3.49),
    ("Red Line Runner", 2010, "Action", "R", 115, 2.49),
    ("Operation Nightfall", 2024, "Action", "PG-13", 139, 5.99),
    ("The Last Convoy", 1978, "Action", "R", 122, 1.49),
    ("Skyfire", 2014, "Action", "PG-13", 127, 2.99),
    ("The Hollow House", 2016, "Horror", "R", 99, 2.49),
    ("Whispers in the Attic", 2021, "Horror", "R", 104, 3.49),
    ("Night of the Crows", 1968, "Horror", "NC-17", 91, 1.49),
    ("The Basement", 2011, "Horror", "R", 96, 1.99),
    ("Orbit of Glass", 2019, "Sci-Fi", "PG-13", 146, 3.99),
    ("The Andromeda Signal", 1962, "Sci-Fi", "PG", 103, 1.49),
    ("Clockwork Tides", 2023, "Sci-Fi", "PG-13", 136, 4.49),
    ("Mars Colony Nine", 2006, "Sci-Fi", "PG-13", 121, 2.49),
    ("Lumen", 2013, "Sci-Fi", "R", 112, 2.99),
    ("Pip the Penguin", 2018, "Animation", "G", 81, 2.99),
    ("The Dragon Who Sneezed", 2022, "Animation", "G", 84, 3.49),
    ("Moonbeam Meadow", 2009, "Animation", "G", 78, 1.99),
    ("Robo Pals", 2015, "Animation", "PG", 89, 2.49),
    ("Deep Blue Planet", 2017, "Documentary", "G", 95, 2.49),
    ("The Coffee Trail", 2020, "Documentary", "PG", 83, 2.99),
    ("Voices of the Valley", 2005, "Documentary", "PG", 107, 1.99),
    ("The Vanishing Witness", 2016, "Thriller", "R", 117, 2.99),
    ("Cold Case Avenue", 2001, "Thriller", "R", 110, 1.99),
    ("Glass Alibi", 2022, "Thriller", "PG-13", 106, 3.99),
    ("The Silent Partner", 1993, "Thriller", "R", 119, 1.99),
    ("Northern Lights Express", 2024, "Drama", "PG", 128, 4.99),
)
#: films with no copy in the shop yet (on order)
NO_COPIES = {38, 24}
#: films on the shelf that nobody has rented yet
NEVER_RENTED = {20, 33}

CITIES = ("Riverton", "Millbrook", "Oak Hill", "Fairview", "Brookside")
CITY_WEIGHTS = (30, 18, 12, 9, 6)

#: (full name, role, manager id, date of birth, hourly wage)
STAFF = (
    ("Margaret Ellison", "Manager", None, "1971-04-12", 24.50),
    ("Daniel Okafor", "Supervisor", 1, "1984-09-30", 19.75),
    ("Rosa Delgado", "Supervisor", 1, "1988-02-17", 19.25),
    ("Tom Becker", "Clerk", 2, "1999-06-05", 15.10),
    ("Yuki Hara", "Clerk", 2, "2001-11-23", 14.80),
    ("Sam Whitfield", "Clerk", 3, "1996-03-08", 15.60),
    ("Nadia Petrova", "Clerk", 3, "2002-07-14", 14.50),
    ("Ollie Grant", "Clerk", 3, "2004-01-29", 14.20),
)

SHELVES = tuple(f"{row}{n}" for row in "ABCDEF" for n in range(1, 5))


def build(path: Path) -> None:
    rng = random.Random(SEED)

    films = [(i, *f) for i, f in enumerate(FILMS, 1)]
    rate = {f[0]: f[6] for f in films}
    genre_shelf = {}
    for f in films:
        genre_shelf.setdefault(f[3], SHELVES[(len(genre_shelf) * 3) % len(SHELVES)])

    # members: unique full names, cities weighted toward the shop's own town
    members = []
    used: set[tuple[str, str]] = set()
    joined_days: set[date] = set()
    for mid in range(1, 61):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        joined = date(2019, 3, 1) + timedelta(days=rng.randint(0, 2200))
        while joined in joined_days:
            joined += timedelta(days=1)
        if mid == 1:
            joined = date(2018, 11, 4)  # the shop's first member
        joined_days.add(joined)
        city = rng.choices(CITIES, CITY_WEIGHTS)[0]
        local = f"{first}.{last}".lower().replace("ü", "ue")
        members.append(
            (
                mid,
                first,
                last,
                f"{local}@{rng.choice(('mailbox.example', 'webpost.example', 'inbox.example'))}",
                joined.isoformat(),
                city,
                0 if mid % 7 == 3 else 1,
            )
        )
    join = {m[0]: date.fromisoformat(m[4]) for m in members}

    # copies: 1-4 per film, newer films more often on Blu-ray
    copies = []
    cid = 0
    for f in films:
        if f[0] in NO_COPIES:
            continue
        n = 1 + (f[2] >= 2015) + (f[0] % 3 == 0) + (f[0] in (15, 22, 5))
        for k in range(n):
            cid += 1
            blu = f[2] >= 2010 and (k % 2 == 1 or rng.random() < 0.35)
            copies.append([cid, f[0], "Blu-ray" if blu else "DVD", genre_shelf[f[3]], "Available"])
    film_of = {c[0]: c[1] for c in copies}

    # members who never rent: every 9th member; a few heavy renters
    renters = [m[0] for m in members if m[0] % 9 != 5]
    weights = [6 if m in (12,) else 4 if m in (7, 23, 31) else 1 for m in renters]
    clerks = (4, 5, 6, 7, 8, 2, 3)
    clerk_w = (30, 26, 22, 14, 4, 3, 1)
    # some copies are never rented: every 17th copy and all copies of NEVER_RENTED films
    rentable = [c[0] for c in copies if c[0] % 17 != 0 and c[1] not in NEVER_RENTED]
    # the newest blockbuster is in demand
    copy_w = [2 if film_of[c] == 15 else 1 for c in rentable]

    rentals = []
    out_copies: set[int] = set()
    start = date(2024, 1, 2)
    days_span = (date(2025, 5, 31) - start).days
    dates = sorted(start + timedelta(days=rng.randint(0, days_span)) for _ in range(300))
    for rid, day in enumerate(dates, 1):
        mid = rng.choices(renters, weights)[0]
        while join[mid] > day:
            mid = rng.choices(renters, weights)[0]
        copy_id = rng.choices(rentable, copy_w)[0]
        while copy_id in out_copies:
            copy_id = rng.choices(rentable, copy_w)[0]
        staff_id = rng.choices(clerks, clerk_w)[0]
        still_out = day >= date(2025, 5, 18) and rng.random() < 0.7
        if still_out:
            out_copies.add(copy_id)
            returned = None
            fee = rate[film_of[copy_id]]
        else:
            days = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 7))
            returned = (day + timedelta(days=days)).isoformat()
            fee = round(rate[film_of[copy_id]] * days, 2)
        rentals.append((rid, copy_id, mid, staff_id, day.isoformat(), returned, fee))

    for c in copies:
        if c[0] in out_copies:
            c[4] = "On Loan"
        elif c[0] % 13 == 4:
            c[4] = "Damaged"
        elif c[0] % 29 == 10:
            c[4] = "Lost"

    staff = [(i, *s) for i, s in enumerate(STAFF, 1)]
    write(
        path,
        DDL,
        {
            "Film": films,
            "members": members,
            "staff": staff,
            "copy": copies,
            "rental": rentals,
        },
    )
