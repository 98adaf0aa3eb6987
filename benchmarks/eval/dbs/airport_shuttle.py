"""An airport shuttle company: depots at airports in several countries, the vehicles and drivers
based there, shuttle routes between airport terminals and city stops, and individual trips.

Naming quirks, as in hand-written schemas: CamelCase tables and columns (``Depot``, ``Driver``,
``DepotID``, ``HomeDepot``, ``LicenseDate``) beside snake_case ones (``vehicle``, ``route``,
``trip``, ``plate_no``, ``distance_km``); abbreviations (``yr_built``, ``DOB``, ``pax_qty``);
dates and departure datetimes stored as TEXT; ``trip.status`` is free TEXT ('Completed',
'Cancelled', 'Delayed'); ``trip.DriverID`` links to ``Driver`` without a declared foreign key.
Depot 20 (Zurich) has neither vehicles nor drivers yet; a few vehicles, drivers and routes have
no trips.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "airport_shuttle"
SEED = 4417

DDL = (
    """CREATE TABLE Depot (
DepotID INTEGER PRIMARY KEY,
DepotName TEXT NOT NULL,
City TEXT,
Country TEXT,
OpenedYear INTEGER
)""",
    """CREATE TABLE vehicle (
vehicle_id INTEGER PRIMARY KEY,
plate_no varchar(12) UNIQUE,
model varchar(40),
seats int,
yr_built int,
depot_id INTEGER,
FOREIGN KEY (depot_id) REFERENCES Depot(DepotID)
)""",
    """CREATE TABLE Driver (
DriverID INTEGER PRIMARY KEY,
Name TEXT NOT NULL,
DOB TEXT,
LicenseDate TEXT,
HomeDepot INTEGER REFERENCES Depot(DepotID),
Rating REAL
)""",
    """CREATE TABLE route (
route_id INTEGER PRIMARY KEY,
route_name TEXT,
from_stop TEXT,
to_stop TEXT,
distance_km REAL
)""",
    """CREATE TABLE trip (
trip_id INTEGER PRIMARY KEY,
route_id INTEGER REFERENCES route(route_id),
vehicle_id INTEGER REFERENCES vehicle(vehicle_id),
DriverID INTEGER,
departure TEXT,
pax_qty INTEGER,
fare_total REAL,
status TEXT
)""",
)

#: (name, city, country, opened year)
DEPOTS = (
    ("Heathrow Depot", "London", "United Kingdom", 2004),
    ("Gatwick Depot", "Crawley", "United Kingdom", 2011),
    ("Manchester Airport Depot", "Manchester", "United Kingdom", 2009),
    ("Roissy Depot", "Paris", "France", 2006),
    ("Orly Depot", "Paris", "France", 2015),
    ("Saint-Exupery Depot", "Lyon", "France", 2018),
    ("Frankfurt Depot", "Frankfurt", "Germany", 2003),
    ("Munich Airport Depot", "Munich", "Germany", 2007),
    ("BER Depot", "Berlin", "Germany", 2021),
    ("Schiphol Depot", "Amsterdam", "Netherlands", 2001),
    ("Barajas Depot", "Madrid", "Spain", 2012),
    ("El Prat Depot", "Barcelona", "Spain", 2014),
    ("Fiumicino Depot", "Rome", "Italy", 2010),
    ("Malpensa Depot", "Milan", "Italy", 2016),
    ("JFK Depot", "New York", "United States", 2008),
    ("Newark Depot", "Newark", "United States", 2013),
    ("O'Hare Depot", "Chicago", "United States", 2005),
    ("Pearson Depot", "Toronto", "Canada", 2017),
    ("Dublin Airport Depot", "Dublin", "Ireland", 2019),
    ("Kloten Depot", "Zurich", "Switzerland", 2024),
)
#: vehicles per depot (depot 20 has none)
VEHICLE_COUNTS = (7, 3, 3, 5, 3, 2, 3, 3, 2, 3, 3, 2, 3, 2, 6, 3, 3, 3, 1, 0)
#: drivers per depot (depot 20 has none)
DRIVER_COUNTS = (5, 2, 2, 4, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 6, 2, 3, 2, 1, 0)
#: (model, seats)
MODELS = (
    ("Mercedes Sprinter", 16),
    ("Ford Transit", 14),
    ("Toyota HiAce", 12),
    ("VW Crafter", 17),
    ("Iveco Daily", 19),
    ("Volvo 9700", 49),
)
#: (route name, from stop, to stop, km, depot)
ROUTES = (
    ("Heathrow - Paddington", "Heathrow T5", "Paddington", 24.3, 1),
    ("Heathrow - Victoria", "Heathrow T2", "Victoria Coach Station", 27.8, 1),
    ("Heathrow Hotels Loop", "Heathrow T3", "Bath Road Hotels", 4.6, 1),
    ("Gatwick - Brighton", "Gatwick South", "Brighton Pier", 45.1, 2),
    ("Manchester Airport - Piccadilly", "Manchester T1", "Piccadilly", 15.9, 3),
    ("CDG - Opera", "CDG T2", "Opera", 31.2, 4),
    ("CDG - Disneyland", "CDG T2", "Disneyland Park", 38.7, 4),
    ("CDG - Gare de Lyon", "CDG T1", "Gare de Lyon", 29.4, 4),
    ("Orly - Montparnasse", "Orly 4", "Montparnasse", 16.2, 5),
    ("Lyon Airport - Part-Dieu", "LYS Terminal 1", "Part-Dieu", 24.9, 6),
    ("Frankfurt - Mainz", "FRA T1", "Mainz Hbf", 29.0, 7),
    ("Frankfurt - Wiesbaden", "FRA T2", "Wiesbaden Hbf", 36.5, 7),
    ("Munich Airport - Marienplatz", "MUC T2", "Marienplatz", 38.2, 8),
    ("BER - Alexanderplatz", "BER T1", "Alexanderplatz", 27.3, 9),
    ("Schiphol - Centraal", "Schiphol Plaza", "Amsterdam Centraal", 17.6, 10),
    ("Schiphol - The Hague", "Schiphol Plaza", "Den Haag Centraal", 46.8, 10),
    ("Barajas - Atocha", "MAD T4", "Atocha", 16.8, 11),
    ("El Prat - Placa Catalunya", "BCN T1", "Placa Catalunya", 18.1, 12),
    ("Fiumicino - Termini", "FCO T3", "Roma Termini", 32.4, 13),
    ("Malpensa - Milano Centrale", "MXP T1", "Milano Centrale", 49.5, 14),
    ("JFK - Manhattan", "JFK T4", "Grand Central", 26.1, 15),
    ("JFK - Brooklyn", "JFK T8", "Downtown Brooklyn", 21.4, 15),
    ("JFK - LaGuardia Transfer", "JFK T5", "LaGuardia T B", 17.2, 15),
    ("Newark - Penn Station", "EWR Terminal C", "Penn Station", 25.7, 16),
    ("O'Hare - The Loop", "ORD T1", "Union Station", 28.9, 17),
    ("O'Hare - Evanston", "ORD T3", "Evanston", 23.5, 17),
    ("Pearson - Union", "YYZ T1", "Union Station Toronto", 27.6, 18),
    ("Dublin Airport - O'Connell Street", "DUB T2", "O'Connell Street", 12.4, 19),
    ("Malpensa - Lake Como", "MXP T1", "Como San Giovanni", 52.3, 14),
    ("Zurich Airport - Hauptbahnhof", "ZRH Airport", "Zurich HB", 11.8, 20),
)
STATUSES = ("Completed", "Cancelled", "Delayed")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    depots = [(i + 1, *d) for i, d in enumerate(DEPOTS)]

    vehicles = []
    depot_vehicles: dict[int, list[int]] = {}
    plates: set[str] = set()
    vid = 0
    for depot, count in enumerate(VEHICLE_COUNTS, 1):
        for _ in range(count):
            vid += 1
            model, seats = MODELS[rng.randrange(5)]
            if vid in (4, 40):
                model, seats = "Volvo 9700", 49
            if vid == 47:
                model, seats = "Setra S 516 HD", 57
            year = rng.randint(2012, 2023)
            if vid == 23:
                year = 2009
            if vid == 12:
                year = 2025
            plate = f"{rng.choice('ABCDEFGHJKLMNPRSTVWXYZ')}{rng.choice('ABCDEFGHJKLMNPRSTV')}-{rng.randint(1000, 9999)}"
            while plate in plates:
                plate = f"SH-{rng.randint(1000, 9999)}"
            plates.add(plate)
            vehicles.append((vid, plate, model, seats, year, depot))
            depot_vehicles.setdefault(depot, []).append(vid)

    drivers = []
    depot_drivers: dict[int, list[int]] = {}
    names: set[str] = set()
    did = 0
    for depot, count in enumerate(DRIVER_COUNTS, 1):
        for _ in range(count):
            did += 1
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            while name in names:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            names.add(name)
            born = date(1962, 1, 1) + timedelta(days=rng.randint(0, 365 * 38))
            licensed = born + timedelta(days=365 * 18 + rng.randint(30, 365 * 15))
            if licensed > date(2023, 6, 30):
                licensed = date(2018, 1, 1) + timedelta(days=rng.randint(0, 365 * 5))
            if did == 9:
                born, licensed = date(1958, 3, 14), date(1977, 6, 2)
            rating = round(rng.uniform(3.3, 4.85), 2)
            if did == 31:
                rating = 4.97
            if did == 18:
                rating = 2.91
            drivers.append((did, name, born.isoformat(), licensed.isoformat(), depot, rating))
            depot_drivers.setdefault(depot, []).append(did)

    routes = [(i + 1, r[0], r[1], r[2], r[3]) for i, r in enumerate(ROUTES)]
    route_depot = {i + 1: r[4] for i, r in enumerate(ROUTES)}
    # routes 29 and 30 are new and have no trips yet; these vehicles and drivers never drove
    idle_vehicles = {6, 19, 33, 52}
    idle_drivers = {5, 22, 41}
    active_routes = [r for r in route_depot if r not in (29, 30)]
    weights = [3 if route_depot[r] in (1, 4, 15) else 2 for r in active_routes]
    weights[0] = 5  # Heathrow - Paddington is the busiest route

    trips = []
    start = datetime(2024, 1, 1, 5, 0)
    for tid in range(1, 381):
        rid = rng.choices(active_routes, weights)[0]
        depot = route_depot[rid]
        vid = rng.choice([v for v in depot_vehicles[depot] if v not in idle_vehicles])
        drv = rng.choice([d for d in depot_drivers[depot] if d not in idle_drivers])
        seats = vehicles[vid - 1][3]
        when = start + timedelta(
            days=rng.randint(0, 181), hours=rng.randint(0, 17), minutes=rng.choice((0, 15, 30, 45))
        )
        roll = rng.random()
        status = "Cancelled" if roll < 0.09 else ("Delayed" if roll < 0.24 else "Completed")
        km = routes[rid - 1][4]
        if status == "Cancelled":
            pax, fare = 0, 0.0
        else:
            pax = rng.randint(max(1, seats // 5), seats)
            fare = round(pax * (6.0 + 0.55 * km), 2)
        trips.append((tid, rid, vid, drv, when.strftime("%Y-%m-%d %H:%M"), pax, fare, status))
    write(
        path,
        DDL,
        {"Depot": depots, "vehicle": vehicles, "Driver": drivers, "route": routes, "trip": trips},
    )
