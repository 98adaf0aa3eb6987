"""A city bike-share scheme in Spider's SQLite style: lower-case snake_case tables and columns
(station, trip, weather) beside CamelCase ones (Bike, Member, MemberID), MySQL-ish types,
table-level keys with quoted identifiers, precipitation stored as text, an oddly named column
("Max_Gust_Speed_MPH"), trip times as text datetimes and birth years as integers."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "bikeshare"
SEED = 2606

DDL = (
    """CREATE TABLE station (
id int,
name varchar(60),
district varchar(40),
lat real,
long real,
dock_count int,
installation_year int,
PRIMARY KEY (id)
)""",
    """CREATE TABLE "Bike" (
"BikeID" int,
"Model" varchar(40),
"Is_Electric" bool,
"Purchase_Year" int,
"Home_Station" int,
PRIMARY KEY ("BikeID"),
FOREIGN KEY ("Home_Station") REFERENCES "station"("id")
)""",
    """CREATE TABLE "Member" (
"MemberID" int,
"Name" text,
"Gender" text,
"Birth_Year" int,
"Membership_Type" text,
"Join_Date" text,
"Zip_Code" text,
PRIMARY KEY ("MemberID")
)""",
    """CREATE TABLE trip (
id int,
duration int,
start_date datetime,
end_date datetime,
start_station_id int,
end_station_id int,
bike_id int,
member_id int,
PRIMARY KEY (id),
FOREIGN KEY (start_station_id) REFERENCES station(id),
FOREIGN KEY (end_station_id) REFERENCES station(id),
FOREIGN KEY (bike_id) REFERENCES "Bike"("BikeID"),
FOREIGN KEY (member_id) REFERENCES "Member"("MemberID")
)""",
    """CREATE TABLE weather (
date text,
max_temperature_f int,
min_temperature_f int,
mean_humidity int,
precipitation_inches text,
"Max_Gust_Speed_MPH" int,
events text,
PRIMARY KEY (date)
)""",
)

#: (name, district, lat, long, docks, installed)
STATIONS = (
    ("City Hall", "Downtown", 47.6036, -122.3294, 27, 2014),
    ("Pioneer Square", "Downtown", 47.6015, -122.3343, 19, 2014),
    ("Waterfront Park", "Downtown", 47.6068, -122.3422, 23, 2015),
    ("Union Station", "Downtown", 47.5981, -122.3301, 31, 2014),
    ("Market Street", "Downtown", 47.6097, -122.3412, 25, 2014),
    ("University Campus", "University", 47.6553, -122.3035, 35, 2016),
    ("Library Plaza", "University", 47.6587, -122.3129, 15, 2016),
    ("Greenlake North", "Greenlake", 47.6805, -122.3270, 17, 2017),
    ("Greenlake South", "Greenlake", 47.6716, -122.3410, 13, 2017),
    ("Harbor Point", "Harbor", 47.5872, -122.3548, 21, 2018),
    ("Ferry Terminal", "Harbor", 47.6023, -122.3389, 29, 2015),
    ("Capitol Hill", "Capitol Hill", 47.6231, -122.3207, 23, 2015),
    ("Broadway & Pine", "Capitol Hill", 47.6152, -122.3208, 17, 2019),
    ("Volunteer Park", "Capitol Hill", 47.6302, -122.3148, 11, 2020),
    ("Stadium Gate", "Industrial", 47.5914, -122.3325, 33, 2021),
    ("Riverside Depot", "Industrial", 47.5703, -122.3398, 9, 2023),
)
MODELS = (
    ("CityCruiser 3", "F"),
    ("CityCruiser 3", "F"),
    ("CityCruiser 4", "F"),
    ("VoltRide E2", "T"),
    ("VoltRide E3", "T"),
)
#: one clearly oldest and one clearly youngest member (top-1 questions need no ties)
OLDEST_YOUNGEST = {40: 1951, 57: 2007}
EVENTS = (None, None, None, "Rain", "Fog", "Rain-Thunderstorm")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    stations = [(i + 1, *s) for i, s in enumerate(STATIONS)]
    bikes = []
    for bid in range(1, 61):
        model, electric = rng.choice(MODELS)
        year = rng.randint(2016, 2024) if electric == "F" else rng.randint(2020, 2024)
        bikes.append((bid, model, electric, year, rng.randint(1, 15)))
    members = []
    used: set[str] = set()
    for mid in range(1, 81):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        while name in used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        used.add(name)
        joined = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1600))
        members.append(
            (
                mid,
                name,
                rng.choice(("F", "M", "M", "F", "Other")) if mid % 17 else "Other",
                OLDEST_YOUNGEST.get(mid, rng.randint(1958, 2005)),
                rng.choice(("Annual", "Annual", "Monthly", "Student")),
                joined.isoformat(),
                str(rng.choice((98101, 98102, 98103, 98104, 98105, 98109, 98115, 98122))),
            )
        )
    days = [date(2024, 6, 1) + timedelta(days=k) for k in range(30)]
    weather = []
    for day in days:
        high = rng.randint(61, 88)
        event = rng.choice(EVENTS)
        rain = (
            f"{rng.randint(1, 90) / 100:.2f}"
            if event and event.startswith("Rain")
            else ("T" if rng.random() < 0.1 else "0")
        )
        weather.append(
            (
                day.isoformat(),
                high,
                high - rng.randint(9, 22),
                rng.randint(40, 93) if not event else rng.randint(70, 97),
                rain,
                rng.randint(8, 34),
                event,
            )
        )
    pull = {s[0]: rng.uniform(0.4, 2.5) for s in stations}
    pull[16] = 0.05
    weights = [pull[s[0]] for s in stations]
    trips = []
    for tid in range(1, 301):
        day = rng.choice(days)
        start = datetime(day.year, day.month, day.day, rng.randint(6, 22), rng.randint(0, 59))
        origin = rng.choices(stations, weights)[0][0]
        dest = rng.choices(stations, weights)[0][0]
        duration = int(rng.lognormvariate(6.6, 0.55)) + 60
        if origin == dest:
            duration += rng.randint(600, 1800)
        end = start + timedelta(seconds=duration)
        member = rng.randint(1, 74) if rng.random() < 0.8 else None  # casual riders have none
        trips.append(
            (
                tid,
                duration,
                start.strftime("%Y-%m-%d %H:%M"),
                end.strftime("%Y-%m-%d %H:%M"),
                origin,
                dest,
                rng.randint(1, 58),  # bikes 59 and 60 are new and unused
                member,
            )
        )
    write(
        path,
        DDL,
        {"station": stations, "Bike": bikes, "Member": members, "trip": trips, "weather": weather},
    )
