"""A distribution company's warehouses and inventory, hand-written in a mixed style: CamelCase
tables and columns for the older HR-ish part (Warehouses, Employees with WarehouseID, FirstName,
DOB, JobTitle and an abbreviated self link Mgr_ID that has no declared foreign key), lower
snake_case for the inventory part (suppliers, products, stock_levels with an abbreviated `qty`,
shipments with their own `qty`). Warehouse size is `Capacity_m2` (floor area in square metres),
supplier `country`, shipment `status` ('Delivered', 'In Transit', 'Pending', 'Cancelled') and
`dest_country` are free text people filter on; dates are ISO text. Warehouse 20 (Warsaw) is new:
no stock and no shipments yet; warehouse 19 (Gothenburg) is fully automated: no employees; two
suppliers have no products in the catalogue and a few products are stocked nowhere."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "warehouse"
SEED = 5821

DDL = (
    """CREATE TABLE Warehouses (
    WarehouseID INTEGER PRIMARY KEY,
    WarehouseName VARCHAR(60) NOT NULL,
    City VARCHAR(40),
    Country VARCHAR(40),
    Capacity_m2 INTEGER,
    OpenedYear INTEGER
)""",
    """CREATE TABLE suppliers (
    supplier_id int PRIMARY KEY,
    supplier_name text NOT NULL,
    country text,
    contact_email text,
    rating real
)""",
    """CREATE TABLE products (
    product_id int PRIMARY KEY,
    product_name text NOT NULL,
    category text,
    unit_price decimal(10,2),
    weight_kg real,
    supplier_id int,
    FOREIGN KEY (supplier_id) REFERENCES suppliers(supplier_id)
)""",
    """CREATE TABLE stock_levels (
    warehouse_id int,
    product_id int,
    qty int,
    last_counted date,
    PRIMARY KEY (warehouse_id, product_id),
    FOREIGN KEY (warehouse_id) REFERENCES Warehouses(WarehouseID),
    FOREIGN KEY (product_id) REFERENCES products(product_id)
)""",
    """CREATE TABLE Employees (
    EmpID INTEGER PRIMARY KEY,
    FirstName VARCHAR(30),
    LastName VARCHAR(30),
    DOB DATE,
    JobTitle VARCHAR(40),
    Salary INTEGER,
    HireDate DATE,
    WarehouseID INTEGER REFERENCES Warehouses(WarehouseID),
    Mgr_ID INTEGER
)""",
    """CREATE TABLE shipments (
    shipment_id int PRIMARY KEY,
    warehouse_id int,
    product_id int,
    ship_date date,
    qty int,
    status text,
    dest_country text,
    FOREIGN KEY (warehouse_id) REFERENCES Warehouses(WarehouseID),
    FOREIGN KEY (product_id) REFERENCES products(product_id)
)""",
)

#: (name, city, country, floor area m2, opened year)
WAREHOUSES = (
    ("Northgate Hub", "Manchester", "United Kingdom", 18500, 2006),
    ("Thames Depot", "London", "United Kingdom", 12400, 1998),
    ("Rhine Logistics Centre", "Duisburg", "Germany", 26800, 2011),
    ("Bavaria South", "Munich", "Germany", 9700, 2015),
    ("Seine Distribution", "Paris", "France", 14300, 2003),
    ("Rhone Valley Store", "Lyon", "France", 8200, 2019),
    ("Lakeshore DC", "Chicago", "United States", 31500, 2001),
    ("Lone Star Depot", "Dallas", "United States", 22900, 2009),
    ("Puget Sound Warehouse", "Seattle", "United States", 17600, 2013),
    ("Garden State Fulfillment", "Newark", "United States", 28400, 2017),
    ("Maple Leaf Depot", "Toronto", "Canada", 13100, 2008),
    ("Pacific Gateway", "Vancouver", "Canada", 10900, 2021),
    ("Kanto Storage", "Tokyo", "Japan", 7600, 2012),
    ("Kansai Depot", "Osaka", "Japan", 6900, 2016),
    ("Iberia Central", "Madrid", "Spain", 11800, 2010),
    ("Catalonia Port Store", "Barcelona", "Spain", 9300, 2018),
    ("Lombardy Hub", "Milan", "Italy", 15200, 2007),
    ("Rotterdam Gateway", "Rotterdam", "Netherlands", 29900, 1995),
    ("Nordic Cold Store", "Gothenburg", "Sweden", 5400, 2020),
    ("Vistula Depot", "Warsaw", "Poland", 12900, 2024),
)
#: (name, country, rating)
SUPPLIERS = (
    ("Acme Industrial", "United States", 4.2),
    ("BrightVolt Electronics", "China", 3.8),
    ("Nordholz Moebel", "Germany", 4.5),
    ("PaperTrail Co", "United States", 3.9),
    ("Kitchenry Ltd", "United Kingdom", 4.1),
    ("Toolsmith GmbH", "Germany", 4.7),
    ("GreenThumb Supplies", "Netherlands", 3.6),
    ("Sakura Trading", "Japan", 4.4),
    ("Shenzhen Circuit Works", "China", 3.4),
    ("Atelier Bureau", "France", 4.0),
    ("Maple Woodworks", "Canada", 4.3),
    ("Iberian Ceramics", "Spain", 3.7),
    ("Milano Design", "Italy", 4.6),
    ("Oakridge Tools", "United States", 4.8),
    ("Lumen Lighting", "Sweden", 4.9),
    ("Pacific Plastics", "China", 3.1),
    ("Baltic Timber", "Poland", 3.5),
    ("Verde Garden", "Italy", 3.3),
    ("Kraftwerk Supply", "Germany", 2.9),
    ("Harbor Packaging", "Canada", 3.2),
)
#: (name, category, unit price, weight kg, supplier id)
PRODUCTS = (
    ("Wireless Mouse", "Electronics", 24.99, 0.1, 2),
    ("Mechanical Keyboard", "Electronics", 89.5, 1.1, 2),
    ("27-inch Monitor", "Electronics", 249.0, 6.2, 9),
    ("USB-C Hub", "Electronics", 39.95, 0.2, 9),
    ("Noise Cancelling Headphones", "Electronics", 179.0, 0.3, 2),
    ("Laser Printer", "Electronics", 319.0, 11.5, 1),
    ("Portable SSD 1TB", "Electronics", 109.0, 0.1, 9),
    ("Webcam HD", "Electronics", 59.9, 0.2, 16),
    ("Standing Desk", "Furniture", 489.0, 32.0, 3),
    ("Ergonomic Office Chair", "Furniture", 329.5, 18.4, 3),
    ("Oak Bookshelf", "Furniture", 214.0, 27.0, 11),
    ("Filing Cabinet", "Furniture", 176.0, 22.5, 1),
    ("Conference Table", "Furniture", 949.0, 65.0, 13),
    ("Pine Side Table", "Furniture", 74.0, 8.3, 17),
    ("Lounge Sofa", "Furniture", 1249.0, 58.0, 13),
    ("A4 Copy Paper Box", "Office Supplies", 32.5, 12.5, 4),
    ("Ballpoint Pens (50)", "Office Supplies", 11.2, 0.6, 4),
    ("Sticky Notes Pack", "Office Supplies", 6.75, 0.3, 4),
    ("Desk Organizer", "Office Supplies", 18.9, 0.9, 10),
    ("Whiteboard 120x90", "Office Supplies", 96.0, 9.8, 10),
    ("Stapler Heavy Duty", "Office Supplies", 27.4, 0.8, 10),
    ("Label Maker", "Office Supplies", 44.0, 0.5, 8),
    ("Chef Knife", "Kitchenware", 64.0, 0.3, 8),
    ("Cast Iron Skillet", "Kitchenware", 42.5, 2.7, 5),
    ("Ceramic Dinner Plates (6)", "Kitchenware", 38.0, 4.1, 12),
    ("Espresso Machine", "Kitchenware", 399.0, 9.0, 13),
    ("Electric Kettle", "Kitchenware", 34.9, 1.2, 5),
    ("Rice Cooker", "Kitchenware", 79.0, 3.5, 8),
    ("Stainless Cookware Set", "Kitchenware", 159.0, 7.6, 5),
    ("Cordless Drill", "Tools", 129.0, 1.8, 6),
    ("Socket Wrench Set", "Tools", 84.0, 3.2, 14),
    ("Claw Hammer", "Tools", 21.5, 0.7, 14),
    ("Circular Saw", "Tools", 189.0, 4.4, 6),
    ("Tape Measure 8m", "Tools", 12.9, 0.4, 14),
    ("Workbench", "Tools", 279.0, 41.0, 11),
    ("Angle Grinder", "Tools", 99.0, 2.3, 6),
    ("Garden Hose 25m", "Garden", 36.0, 3.9, 7),
    ("Lawn Mower", "Garden", 419.0, 28.0, 7),
    ("Pruning Shears", "Garden", 23.9, 0.3, 18),
    ("Terracotta Planter", "Garden", 29.0, 5.5, 12),
    ("Wheelbarrow", "Garden", 119.0, 14.0, 18),
    ("Patio Umbrella", "Garden", 145.0, 9.2, 18),
    ("LED Desk Lamp", "Lighting", 49.0, 1.0, 15),
    ("Floor Lamp", "Lighting", 134.0, 6.0, 15),
    ("Pendant Light", "Lighting", 88.0, 2.1, 15),
    ("Solar Garden Lights (10)", "Lighting", 31.0, 1.6, 16),
)
#: products stocked nowhere (discontinued) and never shipped
DISCONTINUED = (15, 28, 40)
JOBS = ("Forklift Operator", "Picker", "Inventory Clerk", "Shipping Coordinator")
DEST_COUNTRIES = (
    "United States",
    "Canada",
    "United Kingdom",
    "Germany",
    "France",
    "Japan",
    "Spain",
    "Italy",
    "Mexico",
    "Australia",
)


def _employees(rng: random.Random) -> list[tuple]:
    used: set[str] = set()
    salaries: set[int] = set()
    dobs: set[str] = set()

    def person(low: int, high: int, born: tuple[int, int], hired: tuple[int, int]) -> tuple:
        name = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        while " ".join(name) in used:
            name = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        used.add(" ".join(name))
        salary = rng.randrange(low, high, 50)
        while salary in salaries:
            salary = rng.randrange(low, high, 50)
        salaries.add(salary)
        dob = (
            date(born[0], 1, 1) + timedelta(days=rng.randint(0, 365 * (born[1] - born[0])))
        ).isoformat()
        while dob in dobs:
            dob = (
                date(born[0], 1, 1) + timedelta(days=rng.randint(0, 365 * (born[1] - born[0])))
            ).isoformat()
        dobs.add(dob)
        first_year = max(hired[0], int(dob[:4]) + 19)
        last_year = max(hired[1], first_year + 1)
        start = date(first_year, 1, 1) + timedelta(
            days=rng.randint(0, 365 * (last_year - first_year))
        )
        return (*name, dob, salary, start.isoformat())

    rows: list[tuple] = []
    # regional directors (no manager): Europe at London, Americas at Chicago, Asia at Tokyo
    directors = {}
    for region, wid in (("Europe", 2), ("Americas", 7), ("Asia", 13)):
        first, last, dob, salary, hired = person(118000, 142000, (1962, 1972), (1996, 2008))
        eid = len(rows) + 1
        directors[region] = eid
        rows.append((eid, first, last, dob, "Regional Director", salary, hired, wid, None))
    region_of = {
        "United States": "Americas",
        "Canada": "Americas",
        "Japan": "Asia",
    }
    staff_count = (4, 3, 4, 2, 3, 1, 4, 3, 2, 3, 2, 1, 2, 1, 2, 1, 2, 3, 0, 1)
    for wid, (_, _, country, _, opened) in enumerate(WAREHOUSES, 1):
        if wid == 19:
            continue  # fully automated cold store
        boss = directors[region_of.get(country, "Europe")]
        first, last, dob, salary, hired = person(
            72000, 96000, (1968, 1985), (max(opened, 2000), max(2022, opened + 1))
        )
        mgr = len(rows) + 1
        rows.append((mgr, first, last, dob, "Warehouse Manager", salary, hired, wid, boss))
        for _ in range(staff_count[wid - 1]):
            first, last, dob, salary, hired = person(
                31000, 52000, (1974, 2001), (max(opened, 2008), max(2024, opened + 1))
            )
            rows.append(
                (len(rows) + 1, first, last, dob, rng.choice(JOBS), salary, hired, wid, mgr)
            )
    return rows


def build(path: Path) -> None:
    rng = random.Random(SEED)
    warehouses = [(i + 1, *w) for i, w in enumerate(WAREHOUSES)]
    suppliers = []
    for sid, (name, country, rating) in enumerate(SUPPLIERS, 1):
        handle = name.lower().split()[0].replace("-", "")
        suppliers.append((sid, name, country, f"sales@{handle}.example.com", rating))
    products = [(i + 1, *p) for i, p in enumerate(PRODUCTS)]
    live = [p[0] for p in products if p[0] not in DISCONTINUED]

    stock = []
    stocked: dict[int, list[int]] = {}
    for wid in range(1, 20):
        size = 8 + WAREHOUSES[wid - 1][3] // 2500
        chosen = sorted(rng.sample(live, min(size, len(live))))
        stocked[wid] = chosen
        for pid in chosen:
            qty = 0 if rng.random() < 0.06 else rng.randint(5, 900)
            counted = date(2025, 4, 1) + timedelta(days=rng.randint(0, 80))
            stock.append((wid, pid, qty, counted.isoformat()))

    employees = _employees(rng)

    shipments = []
    start = date(2024, 1, 1)
    weights = [WAREHOUSES[w - 1][3] for w in range(1, 20)]
    for sid in range(1, 361):
        wid = rng.choices(range(1, 20), weights=weights)[0]
        pid = rng.choice(stocked[wid])
        day = start + timedelta(days=rng.randint(0, 546))
        roll = rng.random()
        if day > date(2025, 6, 10):
            status = "Pending" if roll < 0.5 else "In Transit"
        elif roll < 0.07:
            status = "Cancelled"
        elif day > date(2025, 5, 20) and roll < 0.6:
            status = "In Transit"
        else:
            status = "Delivered"
        home = WAREHOUSES[wid - 1][2]
        dest = (
            home if rng.random() < 0.55 and home in DEST_COUNTRIES else rng.choice(DEST_COUNTRIES)
        )
        shipments.append((sid, wid, pid, day.isoformat(), rng.randint(1, 240), status, dest))

    write(
        path,
        DDL,
        {
            "Warehouses": warehouses,
            "suppliers": suppliers,
            "products": products,
            "stock_levels": stock,
            "Employees": employees,
            "shipments": shipments,
        },
    )
