"""A chain of fitness gyms: branches, members, personal trainers, weekly group classes, class
bookings and membership payments. Naming is deliberately mixed, as in hand-written schemas:
``Branch`` uses Capitalised_Underscore columns (with an abbreviated ``Mgr_Name`` for the branch
manager), ``member``/``booking``/``payments`` are lower snake_case (a member's birth date is the
abbreviated ``DOB`` stored as TEXT), ``Trainer`` and ``Classes`` use CamelCase columns. The
membership plan (``Basic``, ``Standard``, ``Premium``, ``Student``, ``Off-Peak``), a class's
weekday and the payment method are free TEXT. ``booking.attended`` is 0/1. Every link has a
declared foreign key except ``payments.member_id`` (an implicit link to ``member``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "gym"
SEED = 9127

DDL = (
    """CREATE TABLE Branch (
Branch_ID int,
Branch_Name text,
City text,
Opened_Year int,
Mgr_Name text,
PRIMARY KEY (Branch_ID)
)""",
    """CREATE TABLE member (
member_id INTEGER PRIMARY KEY,
name TEXT NOT NULL,
gender TEXT,
DOB TEXT,
join_date TEXT,
membership_plan TEXT,
home_branch_id INTEGER REFERENCES Branch(Branch_ID)
)""",
    """CREATE TABLE Trainer (
TrainerID INTEGER PRIMARY KEY,
FullName VARCHAR(60),
Specialty VARCHAR(30),
HourlyRate REAL,
BranchID INTEGER,
FOREIGN KEY (BranchID) REFERENCES Branch(Branch_ID)
)""",
    """CREATE TABLE Classes (
ClassID INTEGER PRIMARY KEY,
Title VARCHAR(60),
TrainerID INTEGER,
Weekday VARCHAR(10),
StartTime VARCHAR(5),
Capacity INTEGER,
FOREIGN KEY (TrainerID) REFERENCES Trainer(TrainerID)
)""",
    """CREATE TABLE booking (
booking_id INTEGER PRIMARY KEY,
member_id INTEGER NOT NULL REFERENCES member(member_id),
class_id INTEGER NOT NULL REFERENCES Classes(ClassID),
booking_date TEXT,
attended INTEGER DEFAULT 0
)""",
    """CREATE TABLE payments (
payment_id INTEGER PRIMARY KEY,
member_id INTEGER,
amount NUMERIC(8,2),
paid_on TEXT,
method TEXT
)""",
)

#: (name, city, opened year, manager)
BRANCHES = (
    ("Downtown", "Manchester", 2009, "Sarah Collins"),
    ("Riverside", "Manchester", 2015, "David Okafor"),
    ("Harbourside", "Leeds", 2012, "Rachel Kim"),
    ("Northgate", "Leeds", 2018, "Tom Baxter"),
    ("Castle Hill", "Edinburgh", 2006, "Fiona Reid"),
    ("Westfield", "Bristol", 2022, "James Hart"),
)
#: (name, specialty, hourly rate, branch); trainer 17 teaches no class, Westfield has no trainer
TRAINERS = (
    ("Jake Turner", "Strength", 42.0, 1),
    ("Maya Lindqvist", "Yoga", 38.5, 1),
    ("Carlos Mendes", "Boxing", 47.0, 1),
    ("Nina Petrova", "Pilates", 40.0, 2),
    ("Sam Whitfield", "Spinning", 33.0, 2),
    ("Grace Adeyemi", "HIIT", 36.5, 2),
    ("Leon Becker", "Strength", 45.5, 3),
    ("Aisha Rahman", "Yoga", 35.0, 3),
    ("Owen Price", "Spinning", 31.5, 3),
    ("Chloe Bennett", "Pilates", 41.0, 4),
    ("Ravi Sharma", "HIIT", 39.0, 4),
    ("Hannah Doyle", "Swimming", 44.0, 4),
    ("Ewan Mackay", "Boxing", 52.0, 5),
    ("Isla Murray", "Yoga", 37.5, 5),
    ("Fraser Grant", "Strength", 49.0, 5),
    ("Lucy Ford", "Swimming", 34.0, 1),
    ("Marcus Hill", "Nutrition", 58.0, 3),
    ("Zara Ali", "Pilates", 32.5, 5),
)
#: (title, trainer, weekday, start time, capacity)
CLASSES = (
    ("Barbell Basics", 1, "Monday", "07:00", 12),
    ("Sunrise Yoga", 2, "Tuesday", "06:30", 20),
    ("Boxfit", 3, "Wednesday", "18:30", 16),
    ("Evening Flow Yoga", 2, "Thursday", "19:00", 22),
    ("Mat Pilates", 4, "Monday", "12:15", 14),
    ("Power Spin", 5, "Tuesday", "18:00", 25),
    ("HIIT Blast", 6, "Wednesday", "07:15", 18),
    ("Reformer Pilates", 4, "Friday", "09:30", 8),
    ("Powerlifting Club", 7, "Saturday", "10:00", 10),
    ("Hatha Yoga", 8, "Monday", "19:30", 24),
    ("Spin & Core", 9, "Thursday", "06:45", 26),
    ("Pilates for Beginners", 10, "Wednesday", "11:00", 15),
    ("Tabata", 11, "Friday", "17:45", 19),
    ("Aqua Aerobics", 12, "Tuesday", "10:30", 30),
    ("Kickboxing", 13, "Thursday", "18:15", 17),
    ("Yin Yoga", 14, "Sunday", "17:00", 21),
    ("Kettlebell Strength", 15, "Saturday", "09:00", 13),
    ("Learn to Swim", 16, "Saturday", "08:00", 9),
    ("Core Pilates", 18, "Sunday", "10:00", 11),
    ("Weekend Spin", 5, "Sunday", "09:30", 28),
    ("Circuit Training", 11, "Monday", "18:00", 23),
    ("Sparring Skills", 13, "Saturday", "12:00", 7),
    ("Olympic Lifting", 7, "Tuesday", "19:00", 6),
    ("Vinyasa Yoga", 14, "Wednesday", "07:30", 27),
    ("Lane Swimming", 12, "Friday", "06:00", 29),
    ("Express HIIT", 6, "Friday", "12:30", 20),
)
PLANS = ("Basic", "Standard", "Premium", "Student", "Off-Peak")
PLAN_WEIGHTS = (30, 28, 18, 14, 10)
#: monthly fee per plan
FEES = {"Basic": 24.99, "Standard": 34.99, "Premium": 54.99, "Student": 19.99, "Off-Peak": 21.5}
METHODS = ("Card", "Direct Debit", "Cash", "PayPal")
METHOD_WEIGHTS = (40, 35, 10, 15)
N_MEMBERS = 150


def _members(rng: random.Random) -> list[tuple]:
    names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    female = {
        "Emma",
        "Olivia",
        "Ava",
        "Mia",
        "Sofia",
        "Chloe",
        "Amelia",
        "Isla",
        "Hannah",
        "Zoe",
        "Aiko",
        "Priya",
        "Fatima",
        "Lena",
        "Ines",
    }
    rows = []
    for mid in range(1, N_MEMBERS + 1):
        name = names[mid - 1]
        gender = "F" if name.split()[0] in female else "M"
        plan = rng.choices(PLANS, PLAN_WEIGHTS)[0]
        if plan == "Student":
            born = date(1999, 1, 1) + timedelta(days=rng.randint(0, 365 * 7))
        else:
            born = date(1962, 1, 1) + timedelta(days=rng.randint(0, 365 * 38))
        joined = date(2017, 1, 1) + timedelta(days=rng.randint(0, 365 * 7 + 200))
        branch = rng.choices((1, 2, 3, 4, 5, 6), (26, 18, 20, 14, 16, 6))[0]
        if branch == 6 and joined < date(2022, 3, 1):
            joined = date(2022, 3, 1) + timedelta(days=rng.randint(0, 800))
        adult = date(born.year + 17, born.month, min(born.day, 28))
        joined = max(joined, adult + timedelta(days=rng.randint(0, 120)))
        rows.append([mid, name, gender, born.isoformat(), joined.isoformat(), plan, branch])
    # one clearly oldest and one clearly youngest member
    rows[41][3] = "1951-04-17"
    rows[41][5] = "Off-Peak"
    rows[118][3] = "2006-11-02"
    rows[118][4] = "2024-03-09"
    rows[118][5] = "Student"
    return [tuple(r) for r in rows]


def build(path: Path) -> None:
    rng = random.Random(SEED)
    branches = [(i + 1, *b) for i, b in enumerate(BRANCHES)]
    trainers = [(i + 1, *t) for i, t in enumerate(TRAINERS)]
    classes = [(i + 1, *c) for i, c in enumerate(CLASSES)]
    members = _members(rng)
    # class popularity: a few classes are clearly in demand, Sparring Skills is never booked
    weights = [rng.randint(2, 9) for _ in classes]
    weights[5] = 16  # Power Spin
    weights[9] = 12  # Hatha Yoga
    weights[21] = 0  # Sparring Skills
    # members 140-150 never book a class
    bookers = [m for m in members if m[0] < 140]
    activity = {m[0]: rng.randint(1, 6) for m in bookers}
    activity[7] = 14
    bookings = []
    seen: set[tuple[int, int, str]] = set()
    start = date(2024, 9, 2)
    while len(bookings) < 380:
        member = rng.choices(bookers, [activity[m[0]] for m in bookers])[0]
        cid = rng.choices(range(1, len(classes) + 1), weights)[0]
        day = (start + timedelta(days=rng.randint(0, 90))).isoformat()
        if (member[0], cid, day) in seen:
            continue
        seen.add((member[0], cid, day))
        attended = 1 if rng.random() < 0.78 else 0
        bookings.append((len(bookings) + 1, member[0], cid, day, attended))
    bookings.sort(key=lambda b: (b[3], b[0]))
    bookings = [(i + 1, *b[1:]) for i, b in enumerate(bookings)]
    # monthly fees for most members, the last few members have never paid; a few extras
    payments = []
    months = [date(2024, m, 1) for m in range(7, 13)]
    for m in members:
        mid, plan = m[0], m[5]
        if mid > 143:
            continue
        method = rng.choices(METHODS, METHOD_WEIGHTS)[0]
        n = rng.randint(1, 2) if mid % 3 else rng.randint(2, 3)
        for month in rng.sample(months, n):
            paid = month + timedelta(days=rng.randint(0, 6))
            payments.append([mid, FEES[plan], paid.isoformat(), method])
    # personal training packages
    for _ in range(24):
        mid = rng.randint(1, 143)
        amount = rng.choice((60.0, 90.0, 120.0, 150.0))
        paid = date(2024, 7, 1) + timedelta(days=rng.randint(0, 180))
        payments.append([mid, amount, paid.isoformat(), rng.choice(("Card", "PayPal", "Cash"))])
    payments.append([7, 240.0, "2024-10-14", "Card"])
    payments.sort(key=lambda p: (p[2], p[0]))
    payments = [(i + 1, *p) for i, p in enumerate(payments)]
    write(
        path,
        DDL,
        {
            "Branch": branches,
            "member": members,
            "Trainer": trainers,
            "Classes": classes,
            "booking": bookings,
            "payments": payments,
        },
    )
