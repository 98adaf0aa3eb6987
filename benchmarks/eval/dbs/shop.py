"""An online shop: camelCase names (customerId, unitPrice, stockQty, orderDate), no foreign keys
declared, TEXT countries and cities."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, PLACES, write

NAME = "shop"
SEED = 4711

DDL = (
    """CREATE TABLE customers (
        customerId INTEGER PRIMARY KEY,
        firstName TEXT,
        lastName TEXT,
        email TEXT,
        country TEXT,
        city TEXT,
        signupDate DATE,
        isVip INTEGER
    )""",
    """CREATE TABLE products (
        productId INTEGER PRIMARY KEY,
        productName TEXT,
        category TEXT,
        unitPrice REAL,
        stockQty INTEGER,
        supplierName TEXT
    )""",
    """CREATE TABLE orders (
        orderId INTEGER PRIMARY KEY,
        customerId INTEGER,
        orderDate DATE,
        status TEXT,
        shipCountry TEXT
    )""",
    """CREATE TABLE orderItems (
        orderItemId INTEGER PRIMARY KEY,
        orderId INTEGER,
        productId INTEGER,
        qty INTEGER,
        unitPrice REAL
    )""",
)

#: (category, [(product, base price)])
CATALOG = (
    (
        "Electronics",
        (
            ("Wireless Mouse", 24.99),
            ("Mechanical Keyboard", 89.0),
            ("USB-C Hub", 39.5),
            ("Noise-Cancelling Headphones", 249.0),
            ("27-inch Monitor", 299.0),
            ("Webcam HD", 59.9),
        ),
    ),
    (
        "Books",
        (
            ("The Pragmatic Programmer", 42.0),
            ("Clean Code", 37.5),
            ("Dune", 11.99),
            ("Sapiens", 18.5),
            ("The Hobbit", 9.99),
        ),
    ),
    (
        "Kitchen",
        (
            ("Chef's Knife", 65.0),
            ("Cast Iron Skillet", 45.0),
            ("French Press", 29.0),
            ("Espresso Machine", 420.0),
            ("Cutting Board", 19.0),
        ),
    ),
    (
        "Garden",
        (
            ("Garden Hose", 34.0),
            ("Pruning Shears", 22.5),
            ("Watering Can", 15.0),
            ("Lawn Mower", 310.0),
        ),
    ),
    (
        "Toys",
        (
            ("Puzzle 1000 pcs", 17.99),
            ("Building Blocks Set", 54.0),
            ("Board Game Classic", 29.99),
            ("Remote Control Car", 75.0),
        ),
    ),
    (
        "Sports",
        (
            ("Yoga Mat", 25.0),
            ("Running Shoes", 120.0),
            ("Tennis Racket", 140.0),
            ("Dumbbell Set", 95.0),
            ("Water Bottle", 12.0),
        ),
    ),
)
SUPPLIERS = ("Acme Supply", "Globex", "Northwind Traders", "Initech", "Umbrella Goods")
STATUSES = ("delivered", "delivered", "delivered", "shipped", "pending", "cancelled")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    customers = []
    start = dt.date(2022, 1, 1)
    for cid in range(1, 121):
        country, cities = rng.choice(PLACES)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        customers.append(
            (
                cid,
                first,
                last,
                f"{first.lower()}.{cid}@example.com",
                country,
                rng.choice(cities),
                (start + dt.timedelta(days=rng.randrange(0, 700))).isoformat(),
                1 if rng.random() < 0.2 else 0,
            )
        )
    products: list[tuple] = []
    for category, items in CATALOG:
        for name, price in items:
            products.append(
                (
                    len(products) + 1,
                    name,
                    category,
                    price,
                    rng.randint(0, 250),
                    rng.choice(SUPPLIERS),
                )
            )
    orders: list[tuple] = []
    order_items: list[tuple] = []
    for oid in range(1, 301):
        customer = rng.choice(customers[:100])  # customers 101-120 never ordered
        day = dt.date.fromisoformat(customer[6]) + dt.timedelta(days=rng.randrange(0, 400))
        day = min(day, dt.date(2023, 12, 31))
        ship = customer[4] if rng.random() < 0.9 else rng.choice(PLACES)[0]
        orders.append((oid, customer[0], day.isoformat(), rng.choice(STATUSES), ship))
        for product in rng.sample(products, rng.randint(1, 4)):
            order_items.append(
                (len(order_items) + 1, oid, product[0], rng.randint(1, 5), product[3])
            )
    write(
        path,
        DDL,
        {"customers": customers, "products": products, "orders": orders, "orderItems": order_items},
    )
