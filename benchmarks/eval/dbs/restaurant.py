"""Restaurants and their customers in Spider's sloppy hand-written style: CamelCase tables and
columns (Cuisine, Restaurant, ResID, ResName) beside snake_case ones (dish, customer, orders,
review), MySQL-ish types (varchar, number, bool, datetime), table-level keys, seating capacity
stored as text, an oddly capitalised column (RESTYPE), years as integers and dates as text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "restaurant"
SEED = 4417

DDL = (
    """CREATE TABLE Cuisine (
CuisineID int PRIMARY KEY,
CuisineName varchar(40),
Region varchar(40)
)""",
    """CREATE TABLE Restaurant (
ResID int,
ResName varchar(100),
Address varchar(100),
City varchar(40),
CuisineID int,
RESTYPE varchar(20),
PriceRange varchar(5),
Seating_Capacity text,
Opened_Year int,
Has_Delivery bool,
PRIMARY KEY (ResID),
FOREIGN KEY (CuisineID) REFERENCES Cuisine(CuisineID)
)""",
    """CREATE TABLE dish (
dish_id int,
ResID int,
dish_name varchar(80),
course varchar(20),
price real,
is_vegetarian bool,
calories int,
PRIMARY KEY (dish_id),
FOREIGN KEY (ResID) REFERENCES Restaurant(ResID)
)""",
    """CREATE TABLE customer (
cust_id int,
first_name varchar(40),
last_name varchar(40),
email varchar(80),
city varchar(40),
age int,
join_date text,
loyalty_points number,
PRIMARY KEY (cust_id)
)""",
    """CREATE TABLE orders (
order_id int,
cust_id int,
ResID int,
order_datetime datetime,
order_type varchar(20),
payment_method varchar(20),
total_amount real,
PRIMARY KEY (order_id),
FOREIGN KEY (cust_id) REFERENCES customer(cust_id),
FOREIGN KEY (ResID) REFERENCES Restaurant(ResID)
)""",
    """CREATE TABLE review (
review_id int,
cust_id int,
ResID int,
rating int,
comment text,
review_date text,
PRIMARY KEY (review_id),
FOREIGN KEY (cust_id) REFERENCES customer(cust_id),
FOREIGN KEY (ResID) REFERENCES Restaurant(ResID)
)""",
)

CUISINES = (
    ("Italian", "Europe"),
    ("Japanese", "Asia"),
    ("Mexican", "Americas"),
    ("Indian", "Asia"),
    ("French", "Europe"),
    ("Thai", "Asia"),
    ("American", "Americas"),
    ("Lebanese", "Middle East"),
    ("Ethiopian", "Africa"),
    ("Greek", "Europe"),
)
#: (name, address, city, cuisine, type, price range, seats, opened, delivery)
RESTAURANTS = (
    ("Trattoria Bella", "12 Vine Street", "Boston", 1, "casual", "$$", "80", 2009, "T"),
    ("Sakura House", "4 Cherry Lane", "Boston", 2, "fine dining", "$$$", "45", 2015, "F"),
    ("El Camino", "88 Main Street", "Austin", 3, "casual", "$", "120", 2012, "T"),
    ("Spice Route", "301 King Road", "Chicago", 4, "casual", "$$", "95", 2007, "T"),
    ("Le Petit Jardin", "9 Rue Court", "Boston", 5, "fine dining", "$$$", "38", 1998, "F"),
    ("Bangkok Bites", "57 Lake Avenue", "Chicago", 6, "fast food", "$", "30", 2019, "T"),
    ("Liberty Diner", "220 Elm Street", "Austin", 7, "diner", "$", "64", 1985, "T"),
    ("Cedar Grill", "14 Harbor Way", "Seattle", 8, "casual", "$$", "70", 2011, "T"),
    ("Addis Table", "73 Pine Street", "Seattle", 9, "casual", "$$", "52", 2016, "F"),
    ("Olive & Fig", "5 Market Square", "Chicago", 10, "casual", "$$", "88", 2013, "T"),
    ("Nonna's Kitchen", "41 Hill Street", "Chicago", 1, "casual", "$$", "110", 2003, "T"),
    ("Tokyo Ramen Bar", "19 Oak Street", "Seattle", 2, "fast food", "$", "26", 2020, "T"),
    ("Taqueria Sol", "602 Congress Avenue", "Austin", 3, "fast food", "$", "40", 2017, "T"),
    ("Maison Blanche", "1 Beacon Street", "Chicago", 5, "fine dining", "$$$", "60", 2001, "F"),
    ("Curry Leaf", "33 Elm Street", "Boston", 4, "casual", "$$", "75", 2014, "T"),
    ("Smokehouse 77", "77 Ranch Road", "Austin", 7, "casual", "$$", "150", 2010, "F"),
    ("Sushi Kaito", "8 Pike Place", "Seattle", 2, "fine dining", "$$$", "32", 2018, "F"),
    ("Pasta Fresca", "250 Union Street", "Seattle", 1, "casual", "$$", "66", 2021, "T"),
)
#: per cuisine: (dish name, course, base price, vegetarian, calories)
MENU = {
    1: (
        ("Margherita Pizza", "main", 14.0, "T", 820),
        ("Lasagna", "main", 17.5, "F", 960),
        ("Bruschetta", "starter", 8.0, "T", 310),
        ("Tiramisu", "dessert", 8.5, "T", 450),
        ("Risotto ai Funghi", "main", 18.0, "T", 700),
    ),
    2: (
        ("Salmon Nigiri", "main", 16.0, "F", 420),
        ("Miso Soup", "starter", 4.5, "T", 90),
        ("Tonkotsu Ramen", "main", 15.0, "F", 890),
        ("Matcha Ice Cream", "dessert", 6.0, "T", 240),
        ("Edamame", "starter", 5.0, "T", 150),
    ),
    3: (
        ("Beef Tacos", "main", 11.0, "F", 640),
        ("Guacamole", "starter", 7.0, "T", 330),
        ("Chicken Enchiladas", "main", 13.5, "F", 780),
        ("Churros", "dessert", 6.5, "T", 410),
    ),
    4: (
        ("Butter Chicken", "main", 16.5, "F", 850),
        ("Vegetable Samosa", "starter", 6.0, "T", 260),
        ("Palak Paneer", "main", 14.5, "T", 620),
        ("Mango Lassi", "drink", 4.5, "T", 210),
        ("Lamb Biryani", "main", 18.5, "F", 930),
    ),
    5: (
        ("Coq au Vin", "main", 29.0, "F", 720),
        ("French Onion Soup", "starter", 12.0, "T", 380),
        ("Creme Brulee", "dessert", 11.0, "T", 430),
        ("Duck Confit", "main", 34.0, "F", 880),
    ),
    6: (
        ("Pad Thai", "main", 12.5, "F", 760),
        ("Green Curry", "main", 13.0, "F", 690),
        ("Spring Rolls", "starter", 6.0, "T", 280),
        ("Thai Iced Tea", "drink", 4.0, "T", 190),
    ),
    7: (
        ("Cheeseburger", "main", 12.0, "F", 980),
        ("Buffalo Wings", "starter", 10.0, "F", 720),
        ("Apple Pie", "dessert", 6.0, "T", 520),
        ("BBQ Brisket", "main", 21.0, "F", 1120),
        ("Milkshake", "drink", 5.5, "T", 560),
    ),
    8: (
        ("Hummus", "starter", 7.5, "T", 300),
        ("Chicken Shawarma", "main", 14.0, "F", 690),
        ("Falafel Plate", "main", 12.5, "T", 610),
        ("Baklava", "dessert", 6.5, "T", 390),
    ),
    9: (
        ("Doro Wat", "main", 17.0, "F", 740),
        ("Misir Wat", "main", 13.0, "T", 520),
        ("Injera Basket", "starter", 5.5, "T", 240),
    ),
    10: (
        ("Moussaka", "main", 16.0, "F", 810),
        ("Greek Salad", "starter", 9.5, "T", 290),
        ("Souvlaki", "main", 15.0, "F", 700),
        ("Loukoumades", "dessert", 7.0, "T", 430),
    ),
}
ORDER_TYPES = ("dine-in", "dine-in", "takeaway", "delivery")
PAYMENTS = ("card", "card", "cash", "mobile")
CITIES = ("Boston", "Austin", "Chicago", "Seattle")
COMMENTS = {
    1: "Cold food and slow service.",
    2: "Disappointing, would not return.",
    3: "Decent but nothing special.",
    4: "Very good meal, friendly staff.",
    5: "Outstanding! Best in town.",
}


def build(path: Path) -> None:
    rng = random.Random(SEED)
    cuisines = [(i + 1, *c) for i, c in enumerate(CUISINES)]
    restaurants = [(i + 1, *r) for i, r in enumerate(RESTAURANTS)]
    dishes: list[tuple] = []
    markup = {"$": 0.85, "$$": 1.0, "$$$": 1.45}
    for res in restaurants:
        for name, course, price, veg, cal in MENU[res[4]]:
            if rng.random() < 0.15:
                continue
            cost = round(price * markup[res[6]] + rng.choice((-0.5, 0, 0.5, 1.0)), 2)
            dishes.append((len(dishes) + 1, res[0], name, course, cost, veg, cal))
    customers = []
    used: set[tuple[str, str]] = set()
    for cid in range(1, 61):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        email = f"{first.lower()}.{last.lower()}@example.com".replace("ü", "u")
        joined = date(2019, 1, 1) + timedelta(days=rng.randint(0, 1800))
        customers.append(
            (
                cid,
                first,
                last,
                email,
                rng.choice(CITIES),
                rng.randint(19, 74),
                joined.isoformat(),
                rng.randrange(0, 5000, 10),
            )
        )
    popularity = {r[0]: rng.uniform(0.3, 2.0) for r in restaurants}
    popularity[18] = 0.0  # Pasta Fresca has no orders yet
    weights = [popularity[r[0]] for r in restaurants]
    orders = []
    start = date(2024, 1, 1)
    for oid in range(1, 221):
        res = rng.choices(restaurants, weights)[0]
        cid = rng.randint(1, 55)  # customers 56-60 never ordered
        when = start + timedelta(days=rng.randint(0, 364))
        kind = rng.choice(ORDER_TYPES) if res[9] == "T" else rng.choice(("dine-in", "takeaway"))
        amount = round(rng.uniform(12, 60) * markup[res[6]] * rng.choice((1, 1, 2, 3)), 2)
        orders.append(
            (
                oid,
                cid,
                res[0],
                f"{when.isoformat()} {rng.randint(11, 22):02d}:{rng.randint(0, 59):02d}:00",
                kind,
                rng.choice(PAYMENTS),
                amount,
            )
        )
    quality = {r[0]: rng.uniform(2.2, 4.8) for r in restaurants}
    reviews: list[tuple] = []
    for o in orders:
        if rng.random() < 0.55:
            stars = max(1, min(5, round(rng.gauss(quality[o[2]], 0.8))))
            day = date.fromisoformat(o[3][:10]) + timedelta(days=rng.randint(0, 10))
            reviews.append((len(reviews) + 1, o[1], o[2], stars, COMMENTS[stars], day.isoformat()))
    write(
        path,
        DDL,
        {
            "Cuisine": cuisines,
            "Restaurant": restaurants,
            "dish": dishes,
            "customer": customers,
            "orders": orders,
            "review": reviews,
        },
    )
