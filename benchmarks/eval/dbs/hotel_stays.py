"""A small international hotel group: hotels, their rooms, registered guests, stays (bookings)
and the reviews guests left after a stay.

Naming quirks, as in hand-written schemas: the ``Hotel`` and ``Guests`` tables use CamelCase
columns (``HotelID``, ``HotelName``, ``Stars``, ``OpenedYear``; ``GuestID``, ``FirstName``,
``DOB`` for the date of birth, ``LoyaltyTier``), while ``rooms``, ``stays`` and ``reviews`` are
snake_case (``room_no`` is text such as '204', ``nightly_rate``, ``check_in``/``check_out`` as
ISO text dates, ``guest_qty`` for the number of people in the room, ``total_paid``). Countries
are free text ('United States'), nationalities are adjectives ('American'), ``room_type`` is one
of 'Single', 'Double', 'Twin', 'Suite', ``status`` of a stay is 'Completed', 'Cancelled' or
'No-show' (only completed stays are paid and reviewed). ``reviews.stay_id`` links to a stay
without a declared foreign key."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "hotel_stays"
SEED = 5521

DDL = (
    """CREATE TABLE Hotel (
        HotelID INTEGER PRIMARY KEY,
        HotelName TEXT NOT NULL,
        City TEXT,
        Country TEXT,
        Stars INTEGER,
        OpenedYear INTEGER
    )""",
    """CREATE TABLE rooms (
        room_id INTEGER PRIMARY KEY,
        hotel_id INTEGER NOT NULL REFERENCES Hotel(HotelID),
        room_no TEXT,
        room_type TEXT,
        floor INTEGER,
        nightly_rate REAL
    )""",
    """CREATE TABLE Guests (
        GuestID INTEGER PRIMARY KEY,
        FirstName TEXT,
        LastName TEXT,
        Nationality TEXT,
        DOB TEXT,
        LoyaltyTier TEXT
    )""",
    """CREATE TABLE stays (
        stay_id INTEGER PRIMARY KEY,
        GuestID INTEGER REFERENCES Guests(GuestID),
        room_id INTEGER REFERENCES rooms(room_id),
        check_in TEXT,
        check_out TEXT,
        guest_qty INTEGER,
        total_paid REAL,
        status TEXT
    )""",
    """CREATE TABLE reviews (
        review_id INTEGER PRIMARY KEY,
        stay_id INTEGER,
        score INTEGER,
        review_date TEXT,
        comment TEXT
    )""",
)

#: (name, city, country, stars, opened year, number of rooms)
HOTELS = (
    ("Grand Seine Palace", "Paris", "France", 5, 1911, 12),
    ("Rhone Riverside Inn", "Lyon", "France", 3, 1988, 8),
    ("Vieux Port Hotel", "Marseille", "France", 4, 1975, 9),
    ("Spree Tower Hotel", "Berlin", "Germany", 4, 2009, 13),
    ("Isar Garden Hotel", "Munich", "Germany", 3, 1996, 7),
    ("Alster Lodge", "Hamburg", "Germany", 2, 2015, 6),
    ("Kensington Crown", "London", "United Kingdom", 5, 1898, 11),
    ("Northern Quarter Rooms", "Manchester", "United Kingdom", 2, 2018, 5),
    ("Hudson Grand", "New York", "United States", 5, 1927, 16),
    ("Lakeshore Suites", "Chicago", "United States", 4, 2001, 10),
    ("Congress Avenue Hotel", "Austin", "United States", 3, 2012, 7),
    ("Pike Street Inn", "Seattle", "United States", 3, 1993, 6),
    ("Shinjuku Sky Hotel", "Tokyo", "Japan", 4, 2005, 14),
    ("Dotonbori Stay", "Osaka", "Japan", 3, 2016, 8),
    ("Lakeview Harbour Hotel", "Toronto", "Canada", 4, 1999, 9),
    ("Trastevere House", "Rome", "Italy", 3, 1962, 6),
    ("Navigli Boutique", "Milan", "Italy", 4, 2020, 5),
    ("Gran Via Plaza", "Madrid", "Spain", 5, 1953, 10),
    ("Barceloneta Beach Hotel", "Barcelona", "Spain", 4, 1984, 9),
    ("Marine Drive Residency", "Mumbai", "India", 4, 1971, 8),
)
#: base nightly rate by star rating, multiplier by room type
BASE_RATE = {2: 60, 3: 95, 4: 150, 5: 260}
TYPE_FACTOR = {"Single": 0.8, "Double": 1.0, "Twin": 1.05, "Suite": 2.4}
NATIONALITIES = (
    ("American", 12),
    ("British", 8),
    ("German", 8),
    ("French", 7),
    ("Japanese", 6),
    ("Italian", 5),
    ("Spanish", 4),
    ("Canadian", 4),
    ("Indian", 3),
    ("Brazilian", 2),
    ("Dutch", 1),
)
TIERS = (("Basic", 30), ("Silver", 15), ("Gold", 10), ("Platinum", 5))
COMMENTS = {
    1: "Dirty room, rude staff",
    2: "Very disappointing",
    3: "Noisy and cramped",
    4: "Below expectations",
    5: "Average stay",
    6: "Fine for the price",
    7: "Good location",
    8: "Comfortable and clean",
    9: "Excellent service",
    10: "Perfect stay, will return",
}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def build(path: Path) -> None:
    rng = random.Random(SEED)
    hotels = [(i + 1, *h[:5]) for i, h in enumerate(HOTELS)]

    rooms = []
    for hid, (_, _, _, stars, _, count) in enumerate(HOTELS, 1):
        per_floor = 4 if count <= 8 else 5
        for n in range(count):
            floor = 1 + n // per_floor
            number = f"{floor}{n % per_floor + 1:02d}"
            if n == count - 1:
                kind = "Suite"
            elif n % 4 == 0:
                kind = "Single"
            elif n % 4 == 3:
                kind = "Twin"
            else:
                kind = "Double"
            rate = BASE_RATE[stars] * TYPE_FACTOR[kind] * rng.uniform(0.9, 1.15)
            rooms.append([len(rooms) + 1, hid, number, kind, floor, round(rate / 5) * 5 - 1.0])
    # the group's flagship: the penthouse suite in New York
    flagship = next(r for r in rooms if r[1] == 9 and r[3] == "Suite")
    flagship[5] = 1450.0
    rooms = [tuple(r) for r in rooms]

    guests = []
    used: set[tuple[str, str]] = set()
    for gid in range(1, 61):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        born = date(1952, 1, 1) + timedelta(days=rng.randint(0, 365 * 52))
        if gid == 23:
            born = date(1938, 4, 17)
        nationality = _weighted(rng, NATIONALITIES)
        if gid == 60:
            nationality = "American"
        guests.append(
            (
                gid,
                first,
                last,
                nationality,
                born.isoformat(),
                _weighted(rng, TIERS),
            )
        )

    # guests 56..60 registered but never stayed; guest 11 is the most frequent guest
    stays, reviews = [], []
    start = date(2024, 1, 5)
    for sid in range(1, 301):
        gid = 11 if sid % 23 == 0 else rng.randint(1, 55)
        room = rng.choice(rooms)
        nights = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 7))
        if sid == 150:
            nights = 21
        check_in = start + timedelta(days=rng.randint(0, 600))
        check_out = check_in + timedelta(days=nights)
        roll = rng.random()
        status = "Completed" if roll < 0.84 else ("Cancelled" if roll < 0.95 else "No-show")
        qty = 1 if room[3] == "Single" else rng.choice((1, 2, 2, 2, 3 if room[3] == "Suite" else 2))
        discount = {"Basic": 1.0, "Silver": 0.95, "Gold": 0.9, "Platinum": 0.85}[guests[gid - 1][5]]
        if status == "Completed":
            paid = round(room[5] * nights * discount, 2)
        elif status == "No-show":
            paid = room[5]
        else:
            paid = 0.0
        stays.append(
            (
                sid,
                gid,
                room[0],
                check_in.isoformat(),
                check_out.isoformat(),
                qty,
                paid,
                status,
            )
        )
        if status == "Completed" and rng.random() < 0.55:
            stars = hotels[room[1] - 1][4]
            score = max(1, min(10, round(rng.gauss(4.5 + stars, 1.6))))
            reviews.append(
                (
                    len(reviews) + 1,
                    sid,
                    score,
                    (check_out + timedelta(days=rng.randint(0, 14))).isoformat(),
                    COMMENTS[score],
                )
            )

    write(
        path,
        DDL,
        {
            "Hotel": hotels,
            "rooms": rooms,
            "Guests": guests,
            "stays": stays,
            "reviews": reviews,
        },
    )
