"""Shared name lists and the SQLite writer for the evaluation databases."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

FIRST_NAMES = (
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Ava",
    "Lucas",
    "Mia",
    "Ethan",
    "Sofia",
    "Mateo",
    "Chloe",
    "Hugo",
    "Amelia",
    "Leo",
    "Isla",
    "Oscar",
    "Hannah",
    "Felix",
    "Zoe",
    "Jonas",
    "Aiko",
    "Kenji",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Lena",
    "Marco",
    "Ines",
    "Pablo",
)
LAST_NAMES = (
    "Smith",
    "Müller",
    "Garcia",
    "Rossi",
    "Dubois",
    "Tanaka",
    "Kowalski",
    "Silva",
    "Nguyen",
    "Johnson",
    "Brown",
    "Martin",
    "Schmidt",
    "Lopez",
    "Khan",
    "Patel",
    "Jensen",
    "Novak",
    "Costa",
    "Moreau",
    "Fischer",
    "Sato",
    "Wilson",
    "Taylor",
    "Evans",
)
#: (country, cities)
PLACES = (
    ("France", ("Paris", "Lyon", "Marseille")),
    ("Germany", ("Berlin", "Munich", "Hamburg")),
    ("United Kingdom", ("London", "Manchester", "Leeds")),
    ("United States", ("New York", "Chicago", "Austin", "Seattle")),
    ("Japan", ("Tokyo", "Osaka")),
    ("Brazil", ("São Paulo", "Rio de Janeiro")),
    ("Canada", ("Toronto", "Vancouver")),
    ("Italy", ("Rome", "Milan")),
    ("Spain", ("Madrid", "Barcelona")),
    ("India", ("Mumbai", "Bangalore")),
)


def write(path: Path, ddl: Sequence[str], rows: dict[str, Iterable[Sequence]]) -> None:
    """Create ``path`` from scratch: run the DDL, then insert each table's rows."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        for statement in ddl:
            conn.execute(statement)
        for table, table_rows in rows.items():
            batch = [tuple(r) for r in table_rows]
            if batch:
                marks = ", ".join("?" for _ in batch[0])
                conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', batch)
        conn.commit()
    finally:
        conn.close()
