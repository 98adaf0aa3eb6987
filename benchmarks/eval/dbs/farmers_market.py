"""A weekly Saturday farmers market (May to October 2024): the vendors, the stalls they rent, the
products on offer, the market days with their weather and the sales each vendor recorded.

Naming quirks, as in a hand-grown schema: the vendor table is CamelCase (``Vendors`` with
``VendorID``, ``VendorName``, ``OwnerName``, ``StallNo``) while the rest is snake_case
(``stalls``, ``products``, ``market_days``, ``sales``); ``sales`` reuses the CamelCase
``VendorID``; quantities are ``qty``; the organic flag is an integer 0/1 (``is_organic``); the
vendor's stall (``Vendors.StallNo`` to ``stalls.stall_no``) is an implicit link with no declared
foreign key. Zones, towns, product categories and weather are free text people filter on
('North Row', 'Millbrook', 'Dairy', 'Rain'). Two vendors sold nothing, a few products were never
sold, two stalls stand empty and the one 'Storm' day had no sales.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import write

NAME = "farmers_market"
SEED = 5821

DDL = (
    """CREATE TABLE stalls (
        stall_no INTEGER PRIMARY KEY,
        zone TEXT NOT NULL,
        size_m2 INTEGER,
        weekly_fee REAL,
        has_power INTEGER
    )""",
    """CREATE TABLE Vendors (
        VendorID INTEGER PRIMARY KEY,
        VendorName TEXT NOT NULL,
        OwnerName TEXT,
        town TEXT,
        is_organic INTEGER DEFAULT 0,
        joined_year INTEGER,
        StallNo INTEGER
    )""",
    """CREATE TABLE products (
        product_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT,
        unit TEXT,
        price REAL
    )""",
    """CREATE TABLE market_days (
        day_id INTEGER PRIMARY KEY,
        market_date TEXT NOT NULL,
        weather TEXT,
        visitor_count INTEGER
    )""",
    """CREATE TABLE sales (
        sale_id INTEGER PRIMARY KEY,
        VendorID INTEGER NOT NULL REFERENCES Vendors(VendorID),
        product_id INTEGER NOT NULL REFERENCES products(product_id),
        day_id INTEGER NOT NULL REFERENCES market_days(day_id),
        qty INTEGER,
        amount REAL
    )""",
)

#: (stall_no, zone, size in m², weekly fee, has power)
STALLS = (
    (1, "North Row", 12, 45.0, 1),
    (2, "North Row", 12, 45.0, 0),
    (3, "North Row", 16, 55.0, 1),
    (4, "North Row", 9, 35.0, 0),
    (5, "North Row", 9, 35.0, 0),
    (6, "North Row", 12, 42.0, 0),
    (7, "South Row", 12, 48.0, 1),
    (8, "South Row", 12, 48.0, 1),
    (9, "South Row", 9, 38.0, 1),
    (10, "South Row", 9, 36.0, 0),
    (11, "South Row", 16, 58.0, 1),
    (12, "South Row", 16, 60.0, 1),
    (13, "Pavilion", 20, 75.0, 1),
    (14, "Pavilion", 9, 40.0, 0),
    (15, "Pavilion", 9, 39.0, 0),
    (16, "Pavilion", 6, 28.0, 0),
    (17, "Pavilion", 12, 50.0, 1),
    (18, "Pavilion", 9, 41.0, 1),
    (19, "Riverside", 16, 52.0, 1),
    (20, "Riverside", 20, 82.0, 1),
    (21, "Riverside", 9, 33.0, 0),
    (22, "Riverside", 25, 90.0, 1),
    (23, "Riverside", 6, 25.0, 0),
    (24, "Riverside", 9, 32.0, 0),
    (25, "Food Court", 16, 65.0, 1),
    (26, "Food Court", 12, 57.0, 1),
)
#: (VendorID, VendorName, OwnerName, town, is_organic, joined_year, StallNo)
VENDORS = (
    (1, "Green Acre Farm", "Martha Ellis", "Millbrook", 1, 2015, 1),
    (2, "Sunrise Bakery", "Tom Becker", "Riverton", 0, 2018, 12),
    (3, "Hilltop Dairy", "Anna Kowalski", "Cedar Falls", 1, 2012, 7),
    (4, "Bee Happy Apiary", "Jonas Reed", "Millbrook", 1, 2019, 15),
    (5, "Orchard Lane", "Priya Patel", "Ashford", 0, 2010, 3),
    (6, "Blue Heron Fish", "Marco Rossi", "Port Lewis", 0, 2016, 20),
    (7, "Wildflower Herbs", "Lena Fischer", "Riverton", 1, 2021, 16),
    (8, "Stone Mill Breads", "Hugo Martin", "Ashford", 0, 2014, 11),
    (9, "Twin Oaks Poultry", "Sam Carter", "Cedar Falls", 0, 2017, 8),
    (10, "Maple Ridge Syrup", "Claire Dubois", "Millbrook", 1, 2013, 17),
    (11, "Red Barn Produce", "Omar Khan", "Ashford", 0, 2011, 2),
    (12, "Little Goat Creamery", "Ines Costa", "Cedar Falls", 1, 2020, 9),
    (13, "Golden Crust Pies", "Felix Schmidt", "Riverton", 0, 2022, 13),
    (14, "Mushroom Hollow", "Aiko Tanaka", "Millbrook", 1, 2018, 4),
    (15, "Berry Patch", "Zoe Wilson", "Ashford", 1, 2016, 5),
    (16, "Riverbend Eggs", "Leo Novak", "Port Lewis", 0, 2019, 10),
    (17, "Sweet Pea Jams", "Hannah Evans", "Riverton", 0, 2015, 18),
    (18, "Prairie Grains", "Arjun Nguyen", "Cedar Falls", 1, 2023, 14),
    (19, "Coastal Kelp Co", "Isla Jensen", "Port Lewis", 1, 2024, 21),
    (20, "Sunny Side Greens", "Mateo Lopez", "Millbrook", 1, 2020, 6),
    (21, "Old Mill Cider", "Oscar Brown", "Ashford", 0, 2009, 19),
    (22, "Hearth & Stone Pizza", "Chloe Garcia", "Riverton", 0, 2024, 22),
    (23, "Pepper Row", "Fatima Silva", "Port Lewis", 0, 2021, 24),
    (24, "Lavender Fields", "Emma Taylor", "Cedar Falls", 1, 2017, 23),
)
#: (name, category, unit, price, vendors selling it)
PRODUCTS = (
    ("Heirloom Tomatoes", "Vegetables", "kg", 6.5, (1, 11)),
    ("Carrots", "Vegetables", "bunch", 3.0, (1, 11, 20)),
    ("Kale", "Vegetables", "bunch", 3.5, (20, 1)),
    ("Sweet Corn", "Vegetables", "each", 0.9, (11,)),
    ("Zucchini", "Vegetables", "kg", 4.2, (11, 20)),
    ("Red Potatoes", "Vegetables", "kg", 2.8, (11,)),
    ("Spinach", "Vegetables", "bunch", 3.2, (20,)),
    ("Honeycrisp Apples", "Fruit", "kg", 5.4, (5,)),
    ("Bartlett Pears", "Fruit", "kg", 5.1, (5,)),
    ("Strawberries", "Fruit", "kg", 9.0, (15,)),
    ("Blueberries", "Fruit", "kg", 12.5, (15,)),
    ("Peaches", "Fruit", "kg", 6.8, (5,)),
    ("Raspberries", "Fruit", "kg", 14.0, (15,)),
    ("Whole Milk", "Dairy", "litre", 2.4, (3,)),
    ("Aged Cheddar", "Dairy", "kg", 24.0, (3,)),
    ("Goat Cheese", "Dairy", "kg", 32.0, (12,)),
    ("Greek Yogurt", "Dairy", "jar", 4.5, (3, 12)),
    ("Salted Butter", "Dairy", "kg", 14.5, (3,)),
    ("Sourdough Loaf", "Bakery", "loaf", 7.5, (8, 2)),
    ("Rye Bread", "Bakery", "loaf", 6.8, (8,)),
    ("Croissant", "Bakery", "each", 3.2, (2,)),
    ("Cinnamon Roll", "Bakery", "each", 3.8, (2,)),
    ("Apple Pie", "Bakery", "each", 18.0, (13,)),
    ("Blueberry Muffin", "Bakery", "each", 2.9, (2, 13)),
    ("Wildflower Honey", "Honey & Preserves", "jar", 11.0, (4,)),
    ("Strawberry Jam", "Honey & Preserves", "jar", 7.0, (17,)),
    ("Maple Syrup", "Honey & Preserves", "bottle", 16.0, (10,)),
    ("Apricot Preserve", "Honey & Preserves", "jar", 7.5, (17,)),
    ("Beeswax Candle", "Crafts", "each", 9.0, (4,)),
    ("Free-Range Eggs", "Eggs", "dozen", 6.0, (9, 16)),
    ("Duck Eggs", "Eggs", "dozen", 9.5, (16,)),
    ("Whole Chicken", "Meat & Fish", "kg", 11.0, (9,)),
    ("Smoked Trout", "Meat & Fish", "kg", 38.0, (6,)),
    ("Salmon Fillet", "Meat & Fish", "kg", 29.0, (6,)),
    ("Basil", "Herbs", "bunch", 2.5, (7,)),
    ("Rosemary", "Herbs", "bunch", 2.2, (7,)),
    ("Mint", "Herbs", "bunch", 2.0, (7,)),
    ("Shiitake Mushrooms", "Vegetables", "kg", 18.0, (14,)),
    ("Oyster Mushrooms", "Vegetables", "kg", 16.0, (14,)),
    ("Rolled Oats", "Grains", "kg", 4.0, (18,)),
    ("Spelt Flour", "Grains", "kg", 5.5, (18,)),
    ("Apple Cider", "Drinks", "bottle", 8.0, (21,)),
    ("Pear Cider", "Drinks", "bottle", 8.5, (21,)),
    ("Lavender Sachet", "Crafts", "each", 5.0, (24,)),
    ("Chili Peppers", "Vegetables", "kg", 8.8, (23,)),
    ("Bell Peppers", "Vegetables", "kg", 5.9, (23,)),
    ("Dried Kelp", "Vegetables", "kg", 22.0, ()),
    ("Wood-Fired Pizza", "Bakery", "each", 14.0, ()),
    ("Quince Paste", "Honey & Preserves", "jar", 9.5, ()),
)
WEATHER = ("Sunny", "Sunny", "Sunny", "Cloudy", "Cloudy", "Rain", "Windy")
STORM_DAY = 16  # 2024-08-17: called off, no sales


def build(path: Path) -> None:
    rng = random.Random(SEED)
    days = []
    first = date(2024, 5, 4)
    for i in range(26):
        day_id = i + 1
        weather = "Storm" if day_id == STORM_DAY else rng.choice(WEATHER)
        base = {"Sunny": 1400, "Cloudy": 1100, "Windy": 900, "Rain": 600, "Storm": 80}[weather]
        visitors = base + rng.randint(-150, 250) + (7 * day_id if day_id < 12 else 0)
        days.append((day_id, (first + timedelta(weeks=i)).isoformat(), weather, visitors))
    products = [
        (i + 1, name, cat, unit, price) for i, (name, cat, unit, price, _) in enumerate(PRODUCTS)
    ]
    offer: dict[int, list[int]] = {}
    for i, (*_, sellers) in enumerate(PRODUCTS):
        for vendor in sellers:
            offer.setdefault(vendor, []).append(i + 1)
    sales = []
    for day_id, _, weather, _ in days:
        if weather == "Storm":
            continue
        attend = 0.45 if weather == "Rain" else 0.6
        for vendor in sorted(offer):
            if rng.random() > attend:
                continue
            count = 2 if rng.random() < 0.15 and len(offer[vendor]) > 1 else 1
            for product_id in rng.sample(offer[vendor], count):
                price = products[product_id - 1][4]
                top = 40 if price < 4 else (20 if price < 10 else 8)
                qty = rng.randint(2, top)
                if weather == "Rain":
                    qty = max(1, qty // 2)
                sales.append(
                    (len(sales) + 1, vendor, product_id, day_id, qty, round(qty * price, 2))
                )
    write(
        path,
        DDL,
        {
            "stalls": STALLS,
            "Vendors": VENDORS,
            "products": products,
            "market_days": days,
            "sales": sales,
        },
    )
