"""A used-car dealership with three branches: the stock of cars (``Cars``, with a ``VIN``, a text
``status`` of 'In stock' or 'Sold' and a ``list_price``), the sales staff (``Salesperson``, its
branch as free text and an ``Mgr_ID`` pointing at another salesperson without a declared key),
``Customer`` with CamelCase columns (``FirstName``, ``LastName``, ``DOB``), and the snake_case
event tables ``sales`` (what a customer actually paid, ``price_paid``) and ``test_drives``.
British spelling ``colour``; dates are ISO text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "car_dealer"
SEED = 5187

DDL = (
    """CREATE TABLE Cars (
        car_id INTEGER PRIMARY KEY,
        VIN TEXT NOT NULL UNIQUE,
        make TEXT NOT NULL,
        model TEXT NOT NULL,
        year INTEGER,
        mileage INTEGER,
        colour TEXT,
        list_price REAL,
        status TEXT
    )""",
    """CREATE TABLE Salesperson (
        SalespersonID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        hire_date DATE,
        branch TEXT,
        Mgr_ID INTEGER
    )""",
    """CREATE TABLE Customer (
        CustomerID INTEGER PRIMARY KEY,
        FirstName TEXT,
        LastName TEXT,
        City TEXT,
        DOB DATE,
        Phone TEXT
    )""",
    """CREATE TABLE sales (
        sale_id INTEGER PRIMARY KEY,
        car_id INTEGER REFERENCES Cars(car_id),
        customer_id INTEGER REFERENCES Customer(CustomerID),
        salesperson_id INTEGER REFERENCES Salesperson(SalespersonID),
        sale_date DATE,
        price_paid REAL
    )""",
    """CREATE TABLE test_drives (
        drive_id INTEGER PRIMARY KEY,
        car_id INTEGER REFERENCES Cars(car_id),
        customer_id INTEGER REFERENCES Customer(CustomerID),
        drive_date DATE,
        duration_min INTEGER
    )""",
)

#: make -> (models, base price of a new one)
MAKES = (
    ("Toyota", ("Corolla", "Camry", "RAV4", "Yaris"), 26000),
    ("Honda", ("Civic", "Accord", "CR-V", "Jazz"), 25000),
    ("Ford", ("Focus", "Fiesta", "Kuga", "Mustang"), 24000),
    ("Volkswagen", ("Golf", "Polo", "Passat", "Tiguan"), 27000),
    ("BMW", ("3 Series", "5 Series", "X3", "X5"), 45000),
    ("Audi", ("A3", "A4", "A6", "Q5"), 43000),
    ("Mercedes-Benz", ("C-Class", "E-Class", "GLC"), 48000),
    ("Hyundai", ("i30", "Tucson", "Kona"), 22000),
    ("Kia", ("Ceed", "Sportage", "Picanto"), 21000),
    ("Nissan", ("Qashqai", "Micra", "Leaf"), 23000),
    ("Mazda", ("Mazda3", "CX-5", "MX-5"), 25000),
    ("Tesla", ("Model 3", "Model Y"), 47000),
)
#: weights: how common each make is on the lot (Toyota most, Tesla fewest)
MAKE_WEIGHTS = (16, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2)
COLOURS = ("Black", "White", "Silver", "Grey", "Blue", "Red", "Green")
COLOUR_WEIGHTS = (24, 22, 18, 14, 11, 8, 3)
BRANCHES = ("Northside", "Riverside", "Airport Road")
#: (name, hire date, branch); the first of each branch is its manager
STAFF = (
    ("Diane Harper", "2009-03-16", "Northside"),
    ("Victor Almeida", "2012-08-01", "Riverside"),
    ("Grace O'Neill", "2015-01-12", "Airport Road"),
    ("Tom Becker", "2016-05-23", "Northside"),
    ("Rachel Kim", "2018-09-03", "Northside"),
    ("Sanjay Mehta", "2017-02-20", "Riverside"),
    ("Lucy Fernandes", "2019-11-04", "Riverside"),
    ("Paul Dumont", "2020-06-15", "Airport Road"),
    ("Nadia Petrova", "2021-04-26", "Airport Road"),
    ("Kevin Walsh", "2022-10-10", "Northside"),
    ("Maya Lindqvist", "2023-07-03", "Riverside"),
    ("Ben Okafor", "2024-09-16", "Airport Road"),
)
CITIES = (
    "Springfield",
    "Shelbyville",
    "Ogdenville",
    "Capital City",
    "North Haverbrook",
    "Brockway",
)
CITY_WEIGHTS = (30, 20, 14, 12, 8, 4)
#: how often each salesperson closes a sale (the two newest have sold nothing)
SELL_WEIGHTS = (6, 9, 5, 14, 8, 11, 7, 10, 4, 3, 0, 0)


def build(path: Path) -> None:
    rng = random.Random(SEED)
    cars = []
    vins: set[str] = set()
    prices: set[int] = set()
    for cid in range(1, 151):
        make, models, base = rng.choices(MAKES, weights=MAKE_WEIGHTS)[0]
        model = rng.choice(models)
        year = rng.randint(2011, 2023)
        age = 2025 - year
        mileage = max(900, int(age * rng.uniform(8000, 17000)) // 10 * 10)
        price = int(base * (0.88**age) * rng.uniform(0.85, 1.1) - mileage * 0.03) // 50 * 50
        price = max(price, 1950)
        while price in prices:
            price += 50
        prices.add(price)
        vin = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
        while vin in vins:
            vin = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
        vins.add(vin)
        colour = rng.choices(COLOURS, weights=COLOUR_WEIGHTS)[0]
        cars.append([cid, vin, make, model, year, mileage, colour, float(price), "In stock"])

    staff = []
    managers = {}
    for sid, (name, hired, branch) in enumerate(STAFF, 1):
        mgr = managers.get(branch)
        if mgr is None:
            managers[branch] = sid
        staff.append((sid, name, hired, branch, mgr))

    customers = []
    used: set[tuple[str, str]] = set()
    dobs: set[str] = set()
    for cust in range(1, 91):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        dob = date(1948, 1, 1) + timedelta(days=rng.randint(0, 20000))
        while dob.isoformat() in dobs:
            dob += timedelta(days=1)
        dobs.add(dob.isoformat())
        phone = f"555-{rng.randint(1000, 9999)}" if cust % 9 else None
        city = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        customers.append((cust, first, last, city, dob.isoformat(), phone))

    # about 70 of the cars have been sold, each exactly once; customers 81-90 never bought
    sold_ids = sorted(rng.sample(range(1, 151), 70))
    sales = []
    paid: set[float] = set()
    start = date(2024, 1, 2)
    for sale_id, car_id in enumerate(sold_ids, 1):
        car = cars[car_id - 1]
        car[8] = "Sold"
        buyer = rng.randint(1, 80)
        seller = rng.choices(range(1, 13), weights=SELL_WEIGHTS)[0]
        day = start + timedelta(days=rng.randint(0, 540))
        price_paid = round(car[7] * rng.uniform(0.9, 1.0) / 10) * 10.0
        while price_paid in paid:
            price_paid += 10
        paid.add(price_paid)
        sales.append((sale_id, car_id, buyer, seller, day.isoformat(), price_paid))
    sales.sort(key=lambda s: (s[4], s[0]))
    sales = [(i, *s[1:]) for i, s in enumerate(sales, 1)]

    drives = []
    sale_of = {s[1]: s for s in sales}
    for drive_id in range(1, 201):
        car_id = rng.randint(1, 150)
        cust = rng.randint(1, 90)
        if car_id in sale_of and rng.random() < 0.5:
            sale = sale_of[car_id]
            cust = sale[2]
            day = date.fromisoformat(sale[4]) - timedelta(days=rng.randint(1, 20))
        else:
            day = start + timedelta(days=rng.randint(0, 560))
        drives.append((drive_id, car_id, cust, day.isoformat(), rng.choice((15, 20, 30, 45))))
    drives.sort(key=lambda d: (d[3], d[0]))
    drives = [(i, *d[1:]) for i, d in enumerate(drives, 1)]

    write(
        path,
        DDL,
        {
            "Cars": [tuple(c) for c in cars],
            "Salesperson": staff,
            "Customer": customers,
            "sales": sales,
            "test_drives": drives,
        },
    )
