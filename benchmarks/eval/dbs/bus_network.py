"""A city bus network: routes, the stops they serve in order, the bus fleet and a month of trips.

Naming quirks, as in a schema grown by hand: ``Routes`` uses CamelCase columns (``RouteNo``,
``RouteName``, ``IsNight``, ``LengthKm``) and its key is text (``"12"``, ``"X1"``, ``"N3"``);
``stops`` and ``route_stops`` are snake_case; the fleet table is the singular ``Bus`` keyed by
``FleetNo``; ``trips`` counts riders in the abbreviated ``pax`` column and stores dates and times
as text (``trip_date`` ``YYYY-MM-DD``, ``departure`` ``HH:MM``). ``stops.district`` and
``Bus.depot`` are plain text people filter on. ``trips.FleetNo`` has no declared foreign key.
Flags (``IsNight``, ``has_shelter``) are 0/1 integers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import write

NAME = "bus_network"
SEED = 5150

DDL = (
    """CREATE TABLE Routes (
RouteNo varchar(4) PRIMARY KEY,
RouteName varchar(60),
IsNight int,
LengthKm real
)""",
    """CREATE TABLE stops (
stop_id int PRIMARY KEY,
stop_name text,
district text,
has_shelter int
)""",
    """CREATE TABLE route_stops (
RouteNo varchar(4),
stop_id int,
seq int,
PRIMARY KEY (RouteNo, stop_id),
FOREIGN KEY (RouteNo) REFERENCES Routes(RouteNo),
FOREIGN KEY (stop_id) REFERENCES stops(stop_id)
)""",
    """CREATE TABLE Bus (
FleetNo int PRIMARY KEY,
model varchar(40),
year_built int,
capacity int,
depot text,
fuel varchar(10)
)""",
    """CREATE TABLE trips (
trip_id int PRIMARY KEY,
RouteNo varchar(4),
FleetNo int,
trip_date text,
departure text,
pax int,
FOREIGN KEY (RouteNo) REFERENCES Routes(RouteNo)
)""",
)

#: (route number, name, night route, length in km)
ROUTES = (
    ("1", "Central Station - Harbour", 0, 7.4),
    ("2", "Central Station - University", 0, 9.1),
    ("3", "Old Town Circular", 0, 5.2),
    ("5", "Northside - Eastfield", 0, 14.6),
    ("7", "Westgate - Central Station", 0, 8.3),
    ("9", "Harbour - Airport", 0, 18.9),
    ("11", "University - Riverside", 0, 11.7),
    ("12", "Northside - Old Town", 0, 10.2),
    ("14", "Eastfield - Harbour", 0, 13.5),
    ("15", "Westgate - University", 0, 12.8),
    ("18", "Riverside - Airport", 0, 16.4),
    ("20", "Hospital Shuttle", 0, 4.6),
    ("21", "Northside Local", 0, 6.1),
    ("24", "Eastfield - Westgate Crosstown", 0, 21.3),
    ("27", "Harbour Loop", 0, 5.9),
    ("30", "Riverside - Old Town", 0, 8.8),
    ("33", "Stadium Express", 0, 9.6),
    ("40", "Airport - Westgate", 0, 19.7),
    ("X1", "Airport Express", 0, 17.2),
    ("N1", "Night Central - Northside", 1, 15.3),
    ("N2", "Night Central - Eastfield", 1, 16.9),
    ("N3", "Night Harbour - University", 1, 13.1),
    ("N4", "Night Westgate - Riverside", 1, 12.2),
)
#: (stop name, district, has shelter)
STOPS = (
    ("Central Station", "Old Town", 1),
    ("Market Square", "Old Town", 1),
    ("Cathedral", "Old Town", 0),
    ("Town Hall", "Old Town", 1),
    ("Castle Gate", "Old Town", 0),
    ("Harbour Front", "Harbour", 1),
    ("Ferry Terminal", "Harbour", 1),
    ("Fish Market", "Harbour", 0),
    ("Lighthouse Road", "Harbour", 0),
    ("Dockyard", "Harbour", 1),
    ("University Main Gate", "University", 1),
    ("Science Park", "University", 1),
    ("Student Village", "University", 0),
    ("Library Lane", "University", 1),
    ("Northside Centre", "Northside", 1),
    ("Elm Road", "Northside", 0),
    ("Northside Pool", "Northside", 0),
    ("Hilltop", "Northside", 0),
    ("Quarry Lane", "Northside", 0),
    ("Eastfield Mall", "Eastfield", 1),
    ("Eastfield Park", "Eastfield", 0),
    ("Brewery Corner", "Eastfield", 1),
    ("Stadium", "Eastfield", 1),
    ("Gasworks", "Eastfield", 0),
    ("Westgate Plaza", "Westgate", 1),
    ("Mill Street", "Westgate", 0),
    ("Westgate Cemetery", "Westgate", 0),
    ("Canal Bridge", "Westgate", 1),
    ("Riverside Green", "Riverside", 1),
    ("Boathouse", "Riverside", 0),
    ("Willow Walk", "Riverside", 0),
    ("General Hospital", "Riverside", 1),
    ("Airport Terminal", "Airport", 1),
    ("Cargo Road", "Airport", 0),
    ("Park and Ride", "Airport", 1),
    ("Orchard Close", "Eastfield", 0),
    ("Old Tannery", "Northside", 0),
    ("Cliff Steps", "Harbour", 0),
    ("Observatory", "University", 0),
    ("Sandpit Lane", "Northside", 0),
)
#: stop names per route, in order (stops 36-40 are served by no route)
ROUTE_PATHS = {
    "1": (1, 2, 4, 6, 7),
    "2": (1, 4, 14, 12, 11, 13),
    "3": (1, 2, 3, 5, 4),
    "5": (15, 16, 17, 1, 20, 21, 22),
    "7": (25, 26, 28, 2, 1),
    "9": (6, 7, 10, 29, 35, 33),
    "11": (11, 12, 13, 30, 29, 31),
    "12": (15, 18, 16, 2, 3),
    "14": (20, 22, 23, 1, 8, 6),
    "15": (25, 27, 28, 14, 11),
    "18": (29, 31, 32, 34, 35, 33),
    "20": (1, 32, 29),
    "21": (15, 16, 17, 18, 19),
    "24": (20, 21, 23, 24, 1, 2, 26, 25, 28),
    "27": (6, 8, 9, 10, 7),
    "30": (29, 30, 32, 4, 2),
    "33": (1, 22, 23),
    "40": (33, 35, 27, 25),
    "X1": (1, 33),
    "N1": (1, 2, 15, 16, 18),
    "N2": (1, 20, 22, 23, 21),
    "N3": (6, 1, 4, 14, 11, 13),
    "N4": (25, 26, 1, 29, 31),
}
#: (fleet number, model, year built, capacity, depot, fuel)
BUSES = (
    (101, "Citaro", 2009, 95, "North Depot", "Diesel"),
    (102, "Citaro", 2010, 95, "North Depot", "Diesel"),
    (103, "Citaro", 2011, 95, "Harbour Depot", "Diesel"),
    (104, "Citaro", 2013, 97, "Harbour Depot", "Diesel"),
    (105, "Enviro400", 2012, 87, "North Depot", "Diesel"),
    (106, "Enviro400", 2014, 87, "Harbour Depot", "Diesel"),
    (107, "Enviro400", 2016, 89, "West Depot", "Hybrid"),
    (108, "Enviro400", 2017, 89, "West Depot", "Hybrid"),
    (109, "Streetdeck", 2018, 90, "North Depot", "Hybrid"),
    (110, "Streetdeck", 2019, 90, "West Depot", "Hybrid"),
    (111, "Urbino 18", 2015, 140, "Harbour Depot", "Diesel"),
    (112, "Urbino 18", 2020, 146, "North Depot", "Hybrid"),
    (113, "Urbino 18", 2021, 151, "West Depot", "Electric"),
    (114, "eCitaro", 2022, 88, "Harbour Depot", "Electric"),
    (115, "eCitaro", 2022, 88, "West Depot", "Electric"),
    (116, "eCitaro", 2023, 88, "North Depot", "Electric"),
    (117, "eCitaro", 2024, 91, "Harbour Depot", "Electric"),
    (118, "Urbino 12", 2008, 80, "West Depot", "Diesel"),
    (119, "Urbino 12", 2006, 78, "North Depot", "Diesel"),
    (120, "Urbino 12", 2019, 82, "Harbour Depot", "Hybrid"),
    (121, "Urbino 12", 2020, 82, "West Depot", "Hybrid"),
    (122, "Hopper Mini", 2018, 34, "Harbour Depot", "Diesel"),
    (123, "Hopper Mini", 2021, 36, "North Depot", "Electric"),
    (124, "eCitaro", 2025, 91, "West Depot", "Electric"),
    (125, "Citaro", 2007, 95, "Harbour Depot", "Diesel"),
)
#: buses that made no trip in the month: 124 is brand new, 125 is in the workshop
IDLE = (124, 125)
#: route 33 (stadium) and X1 ran no trips this month
NO_TRIPS = ("33", "X1")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    routes = list(ROUTES)
    stops = [(i + 1, *s) for i, s in enumerate(STOPS)]
    route_stops = [
        (no, sid, seq)
        for no, path_ids in ROUTE_PATHS.items()
        for seq, sid in enumerate(path_ids, 1)
    ]
    buses = list(BUSES)
    # busier routes get more trips
    weight = {r[0]: 1 + (r[3] // 4) for r in ROUTES}
    weight.update({"1": 9, "2": 7, "24": 6, "9": 6, "20": 1})
    active = [r[0] for r in ROUTES if r[0] not in NO_TRIPS]
    fleet = [b for b in BUSES if b[0] not in IDLE]
    trips = []
    start = date(2025, 3, 1)
    for tid in range(1, 311):
        no = rng.choices(active, weights=[weight[a] for a in active])[0]
        night = no.startswith("N")
        if no == "20":
            bus = rng.choice([b for b in fleet if b[1] == "Hopper Mini"])
        else:
            bus = rng.choice([b for b in fleet if b[1] != "Hopper Mini"])
        day = start + timedelta(days=rng.randint(0, 30))
        if night:
            hour = rng.choice((23, 0, 1, 2, 3))
        else:
            hour = rng.randint(6, 21)
        load = rng.uniform(0.15, 0.9) * (0.5 if night else 1.0)
        trips.append(
            (
                tid,
                no,
                bus[0],
                day.isoformat(),
                f"{hour:02d}:{rng.choice((0, 10, 20, 30, 40, 50)):02d}",
                max(1, int(bus[3] * load)),
            )
        )
    write(
        path,
        DDL,
        {
            "Routes": routes,
            "stops": stops,
            "route_stops": route_stops,
            "Bus": buses,
            "trips": trips,
        },
    )
