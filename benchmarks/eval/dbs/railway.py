"""A regional railway in Spider's hand-written SQLite style: quoted Capitalised_Underscore columns
with table-level keys (station, route, train_stop), lower-case MySQL-ish types elsewhere (train,
driver, service), a column with a space ("Service Type"), a top speed stored as text, opening
years as integers and dates as text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "railway"
SEED = 7303

DDL = (
    """CREATE TABLE "station" (
"Station_ID" int,
"Name" text,
"City" text,
"Opened_Year" int,
"Number_of_Platforms" int,
"Annual_Passengers" real,
"Has_Parking" bool,
PRIMARY KEY ("Station_ID")
)""",
    """CREATE TABLE train (
train_id number PRIMARY KEY,
train_number varchar(10),
Name varchar(50),
Manufacturer varchar(50),
Build_Year int,
Seats int,
Top_Speed text
)""",
    """CREATE TABLE "route" (
"Route_ID" int,
"Route_Name" text,
"Origin_Station_ID" int,
"Destination_Station_ID" int,
"Distance_km" real,
"Service Type" text,
PRIMARY KEY ("Route_ID"),
FOREIGN KEY ("Origin_Station_ID") REFERENCES "station"("Station_ID"),
FOREIGN KEY ("Destination_Station_ID") REFERENCES "station"("Station_ID")
)""",
    """CREATE TABLE "train_stop" (
"Route_ID" int,
"Station_ID" int,
"Stop_Order" int,
"Minutes_From_Origin" int,
PRIMARY KEY ("Route_ID","Station_ID"),
FOREIGN KEY ("Route_ID") REFERENCES "route"("Route_ID"),
FOREIGN KEY ("Station_ID") REFERENCES "station"("Station_ID")
)""",
    """CREATE TABLE driver (
driver_id int,
name varchar(50),
age int,
home_city text,
years_of_service int,
is_full_time bool,
hire_date datetime,
PRIMARY KEY (driver_id)
)""",
    """CREATE TABLE service (
service_id int,
route_id int,
train_id int,
driver_id int,
service_date text,
departure_time text,
delay_minutes int,
passenger_count int,
PRIMARY KEY (service_id),
FOREIGN KEY (route_id) REFERENCES "route"("Route_ID"),
FOREIGN KEY (train_id) REFERENCES train(train_id),
FOREIGN KEY (driver_id) REFERENCES driver(driver_id)
)""",
)

#: (name, city, opened, platforms, annual passengers in millions, parking)
STATIONS = (
    ("Central Station", "Northbridge", 1871, 14, 38.6, "T"),
    ("Harbour Street", "Northbridge", 1902, 6, 12.4, "F"),
    ("Northbridge Airport", "Northbridge", 1998, 4, 9.1, "T"),
    ("Millford", "Millford", 1865, 5, 7.3, "T"),
    ("Ashgrove", "Ashgrove", 1888, 3, 2.2, "T"),
    ("Kingsbury", "Kingsbury", 1879, 8, 15.8, "T"),
    ("Kingsbury Park", "Kingsbury", 1961, 2, 1.4, "F"),
    ("Elm Valley", "Elm Valley", 1893, 2, 0.9, "T"),
    ("Stonehaven", "Stonehaven", 1874, 6, 6.7, "T"),
    ("Westport Docks", "Westport", 1911, 3, 3.5, "F"),
    ("Westport Central", "Westport", 1868, 9, 18.2, "T"),
    ("Riverside", "Northbridge", 1925, 4, 5.6, "F"),
    ("Oakley Junction", "Oakley", 1883, 7, 4.8, "T"),
    ("Fairhill", "Fairhill", 1990, 2, 1.1, "T"),
    ("Brookfield", "Brookfield", 1897, 3, 2.9, "T"),
    ("Lakeside", "Lakeside", 2004, 2, 0.7, "F"),
    ("Granton", "Granton", 1876, 4, 3.2, "T"),
    ("Summit Halt", "Granton", 1932, 1, 0.2, "F"),
    ("Eastgate", "Kingsbury", 2011, 3, 4.1, "T"),
    ("Pinecrest", "Pinecrest", 1909, 2, 0.5, "T"),
)
#: (number, name, manufacturer, build year, seats, top speed km/h as text)
TRAINS = (
    ("IC101", "Northern Arrow", "Alstom", 2012, 420, "200"),
    ("IC102", "Silver Comet", "Alstom", 2014, 420, "200"),
    ("IC103", "Coastal Star", "Siemens", 2018, 510, "230"),
    ("IC104", "Highland Flyer", "Siemens", 2019, 510, "230"),
    ("EX201", "Blue Bullet", "Hitachi", 2021, 380, "250"),
    ("EX202", "Red Falcon", "Hitachi", 2022, 390, "260"),
    ("RG301", "Valley Runner", "Stadler", 2008, 180, "140"),
    ("RG302", "Meadow Hopper", "Stadler", 2009, 185, "140"),
    ("RG303", "River Sprite", "Stadler", 2016, 210, "160"),
    ("RG304", "Forest Link", "CAF", 2005, 160, "120"),
    ("RG305", "Harbour Shuttle", "CAF", 2007, 150, "120"),
    ("RG306", "Lakeside Local", "Bombardier", 1999, 140, "110"),
    ("RG307", "Granton Rambler", "Bombardier", 2001, 145, "115"),
    ("EX203", "Golden Eagle", "Siemens", 2023, 450, "280"),
    ("RG308", "Old Faithful", "Bombardier", 1994, 130, "100"),
)
#: (name, origin, destination, km, type, intermediate stops in order)
ROUTES = (
    ("Northbridge - Westport Intercity", 1, 11, 212.5, "Intercity", (4, 6, 9)),
    ("Northbridge - Kingsbury Express", 1, 6, 96.0, "Express", ()),
    ("Airport Link", 3, 1, 18.4, "Regional", (12,)),
    ("Harbour Line", 2, 12, 9.7, "Regional", ()),
    ("Valley Line", 4, 8, 41.3, "Regional", (5,)),
    ("Kingsbury Loop", 6, 19, 22.8, "Regional", (7,)),
    ("Coastal Intercity", 11, 17, 158.2, "Intercity", (10, 13, 16)),
    ("Westport - Stonehaven Express", 11, 9, 84.9, "Express", ()),
    ("Oakley Branch", 13, 14, 27.5, "Regional", (15,)),
    ("Granton Mountain Line", 17, 18, 19.1, "Regional", ()),
    ("Lakeside Shuttle", 16, 13, 23.6, "Regional", ()),
    ("Northbridge - Granton Intercity", 1, 17, 265.8, "Intercity", (6, 13, 16)),
    ("Pinecrest Line", 9, 20, 36.2, "Regional", (15,)),
    ("Express North", 3, 11, 228.0, "Express", (1,)),
)
DRIVER_CITIES = ("Northbridge", "Kingsbury", "Westport", "Millford", "Stonehaven", "Oakley")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    stations = [(i + 1, *s) for i, s in enumerate(STATIONS)]
    trains = [(i + 1, *t) for i, t in enumerate(TRAINS)]
    routes, stops = [], []
    for rid, (name, origin, dest, km, kind, middle) in enumerate(ROUTES, 1):
        routes.append((rid, name, origin, dest, km, kind))
        path_ids = (origin, *middle, dest)
        minutes = 0
        speed = {"Express": 1.6, "Intercity": 1.3, "Regional": 0.8}[kind]
        step = km / (len(path_ids) - 1)
        for order, sid in enumerate(path_ids, 1):
            stops.append((rid, sid, order, minutes))
            minutes += int(step / speed) + rng.randint(2, 6)
    drivers = []
    used: set[str] = set()
    for did in range(1, 19):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        while name in used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        used.add(name)
        years = rng.randint(1, 30) if did != 5 else 34
        age = min(64, 22 + years + rng.randint(0, 14))
        hired = date(2025, 6, 1) - timedelta(days=365 * years + rng.randint(0, 300))
        drivers.append(
            (
                did,
                name,
                age,
                rng.choice(DRIVER_CITIES),
                years,
                "F" if did in (4, 9, 15) else "T",
                hired.isoformat() + " 00:00:00",
            )
        )
    # drivers 17 and 18 have not driven any service yet; train 15 is retired (no services)
    # drivers keep to their kinds of service; 17 and 18 are new
    crew = {
        "Express": (1, 2, 3, 4, 5, 6, 7),
        "Intercity": (1, 2, 3, 4, 5, 8, 9),
        "Regional": (6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
    }
    services = []
    start = date(2025, 3, 1)
    for sid in range(1, 241):
        rid = rng.randint(1, len(routes))
        kind = routes[rid - 1][5]
        pool = {
            "Express": (5, 6, 14),
            "Intercity": (1, 2, 3, 4),
            "Regional": (7, 8, 9, 10, 11, 12, 13),
        }[kind]
        tid = rng.choice(pool)
        seats = trains[tid - 1][5]
        day = start + timedelta(days=rng.randint(0, 60))
        services.append(
            (
                sid,
                rid,
                tid,
                rng.choice(crew[kind]),
                day.isoformat(),
                f"{rng.randint(5, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}",
                max(0, int(rng.expovariate(1 / 6)) - 2) + (sid % 97 == 0) * 41,
                int(seats * rng.uniform(0.25, 1.05)),
            )
        )
    write(
        path,
        DDL,
        {
            "station": stations,
            "train": trains,
            "route": routes,
            "train_stop": stops,
            "driver": drivers,
            "service": services,
        },
    )
