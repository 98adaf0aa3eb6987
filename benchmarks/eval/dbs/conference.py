"""A three-day tech conference (speakers, talks, rooms, attendees and the star ratings attendees
gave talks), written the way a small hand-made schema grows: the ``Room`` and ``Attendee`` tables
use CamelCase (``RoomID``, ``RoomName``, ``FirstName``, ``TicketType``) while ``speaker``,
``talk`` and ``talk_rating`` are snake_case. A speaker's birth date is the abbreviated ``DOB``
(ISO text), a talk's length is ``duration_min`` and its start is ``start_time`` (ISO datetime
text). ``track`` ('AI', 'Cloud', 'Data', 'Security', 'Web'), ``country`` and ``TicketType``
('Standard', 'Student', 'VIP', 'Early Bird') are text columns people filter on. ``talk.room_id``
points at ``Room.RoomID`` without a declared foreign key; the other links are declared.
Three speakers give no talk, one room hosts nothing, and a few talks and attendees have no
ratings."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "conference"
SEED = 4117

DDL = (
    """CREATE TABLE Room (
RoomID INTEGER PRIMARY KEY,
RoomName TEXT NOT NULL,
Capacity INTEGER,
Floor INTEGER
)""",
    """CREATE TABLE speaker (
speaker_id INTEGER PRIMARY KEY,
full_name VARCHAR(80) NOT NULL,
company VARCHAR(80),
country TEXT,
DOB TEXT
)""",
    """CREATE TABLE talk (
talk_id INTEGER PRIMARY KEY,
title VARCHAR(120) NOT NULL,
speaker_id INTEGER NOT NULL,
track TEXT,
room_id INTEGER,
start_time TEXT,
duration_min INTEGER,
FOREIGN KEY (speaker_id) REFERENCES speaker(speaker_id)
)""",
    """CREATE TABLE Attendee (
AttendeeID INTEGER PRIMARY KEY,
FirstName TEXT,
LastName TEXT,
TicketType TEXT,
Company TEXT,
City TEXT
)""",
    """CREATE TABLE talk_rating (
rating_id INTEGER PRIMARY KEY,
attendee_id INTEGER NOT NULL,
talk_id INTEGER NOT NULL,
stars INTEGER CHECK (stars BETWEEN 1 AND 5),
FOREIGN KEY (attendee_id) REFERENCES Attendee(AttendeeID),
FOREIGN KEY (talk_id) REFERENCES talk(talk_id)
)""",
)

#: (name, capacity, floor)
ROOMS = (
    ("Main Hall", 800, 0),
    ("Auditorium B", 350, 0),
    ("Orion", 120, 1),
    ("Vega", 90, 1),
    ("Lyra", 60, 2),
    ("Draco", 45, 2),
    ("Workshop Lab", 30, 3),
    ("Rooftop Lounge", 25, 4),
)
#: (full name, company, country, DOB)
SPEAKERS = (
    ("Grace Okafor", "Datastream", "Nigeria", "1984-03-12"),
    ("Henrik Lindqvist", "Northwind Cloud", "Sweden", "1979-11-02"),
    ("Yuki Matsumoto", "Kumo Labs", "Japan", "1990-06-25"),
    ("Carlos Mendes", "Brasa Tech", "Brazil", "1986-01-19"),
    ("Anna Kowalczyk", "Datastream", "Poland", "1992-09-08"),
    ("David Chen", "Pixel Forge", "United States", "1981-04-30"),
    ("Sophie Laurent", "Cryptex", "France", "1988-12-14"),
    ("Rahul Mehta", "Northwind Cloud", "India", "1993-02-21"),
    ("Emily Carter", "Pixel Forge", "United States", "1995-07-03"),
    ("Lars Becker", "Cryptex", "Germany", "1976-05-17"),
    ("Mariana Souza", "Brasa Tech", "Brazil", "1991-10-11"),
    ("Tom O'Brien", "Greenleaf Analytics", "Ireland", "1983-08-27"),
    ("Aisha Rahman", "Kumo Labs", "India", "1989-03-05"),
    ("Pierre Dubois", "Cryptex", "France", "1974-09-22"),
    ("Nora Fischer", "Datastream", "Germany", "1997-01-15"),
    ("Kevin Park", "Pixel Forge", "United States", "1987-06-09"),
    ("Elena Rossi", "Greenleaf Analytics", "Italy", "1985-11-28"),
    ("Mateus Lima", "Northwind Cloud", "Brazil", "1994-04-16"),
    ("Hannah Schulz", "Securo", "Germany", "1982-02-07"),
    ("James Wilson", "Securo", "United States", "1978-12-01"),
    ("Priya Nair", "Datastream", "India", "1996-08-19"),
    ("Kenji Sato", "Kumo Labs", "Japan", "1980-03-26"),
    ("Laura Jensen", "Greenleaf Analytics", "Denmark", "1990-10-04"),
    ("Omar Haddad", "Securo", "France", "1987-07-13"),
    ("Isabel Romero", "Pixel Forge", "Spain", "1992-05-29"),
    ("Felix Wagner", "Northwind Cloud", "Germany", "1999-09-30"),
    ("Chloe Martin", "Brasa Tech", "France", "1993-12-20"),
    ("Samuel Adeyemi", "Datastream", "Nigeria", "1988-04-08"),
    ("Mei Lin", "Kumo Labs", "China", "1991-01-23"),
    ("Victor Novak", "Cryptex", "Czech Republic", "1983-06-14"),
)
#: (title, speaker_id, track, duration_min); speakers 26, 28 and 30 give no talk
TALKS = (
    ("Keynote: The Next Decade of Data", 1, "Data", 60),
    ("Streaming Pipelines at Scale", 1, "Data", 45),
    ("Serverless Without Tears", 2, "Cloud", 45),
    ("Multi-Region Failover Patterns", 2, "Cloud", 45),
    ("Kubernetes Cost Control", 2, "Cloud", 30),
    ("Transformers for Tabular Data", 3, "AI", 45),
    ("Tiny Models on the Edge", 3, "AI", 30),
    ("Building Design Systems That Last", 4, "Web", 45),
    ("Data Contracts in Practice", 5, "Data", 45),
    ("Lakehouse Migration Stories", 5, "Data", 60),
    ("Web Performance Budgets", 6, "Web", 30),
    ("Rendering on the Server Again", 6, "Web", 45),
    ("The State of WebAssembly", 6, "Web", 45),
    ("Zero Trust for Small Teams", 7, "Security", 45),
    ("Threat Modelling Workshop", 7, "Security", 120),
    ("Autoscaling Databases", 8, "Cloud", 30),
    ("Accessible Forms", 9, "Web", 30),
    ("Hardening Container Images", 10, "Security", 45),
    ("Incident Response Tabletop", 10, "Security", 90),
    ("Post-Quantum Cryptography Primer", 10, "Security", 60),
    ("Mobile-First Checkout Flows", 11, "Web", 30),
    ("Data Quality Monitoring", 12, "Data", 45),
    ("Forecasting with Gradient Boosting", 12, "AI", 45),
    ("Evaluating LLM Applications", 13, "AI", 45),
    ("Retrieval-Augmented Generation in Production", 13, "AI", 60),
    ("Secrets Management Done Right", 14, "Security", 45),
    ("Feature Stores Explained", 15, "Data", 30),
    ("CSS Layout in 2024", 16, "Web", 30),
    ("Micro-Frontends: Lessons Learned", 16, "Web", 45),
    ("Causal Inference for Product Teams", 17, "AI", 45),
    ("Infrastructure as Code Testing", 18, "Cloud", 45),
    ("Phishing-Resistant Authentication", 19, "Security", 45),
    ("Supply Chain Attacks", 19, "Security", 45),
    ("Red Teaming Your Cloud", 20, "Security", 60),
    ("SQL Tuning for Analysts", 21, "Data", 20),
    ("Vector Databases Compared", 22, "AI", 45),
    ("GPU Scheduling on Kubernetes", 22, "Cloud", 45),
    ("Privacy-Preserving Analytics", 23, "Data", 45),
    ("API Security Testing", 24, "Security", 30),
    ("Progressive Web Apps Revisited", 25, "Web", 45),
    ("Edge Functions in Practice", 27, "Web", 30),
    ("Prompt Engineering Patterns", 29, "AI", 30),
    ("Observability for Data Platforms", 1, "Data", 45),
    ("FinOps Dashboards", 8, "Cloud", 30),
    ("Fine-Tuning Small Language Models", 3, "AI", 90),
)
TICKETS = ("Standard", "Standard", "Standard", "Student", "VIP", "Early Bird", "Early Bird")
COMPANIES = (
    "Acme Retail",
    "Bluewave Bank",
    "Citylink Telecom",
    "Delta Logistics",
    "Evergreen Health",
    "Foxglove Media",
    "Granite Insurance",
    "Helix Biotech",
)
CITIES = ("Berlin", "Amsterdam", "Paris", "London", "Lisbon", "Warsaw", "Dublin", "Copenhagen")
#: (day, "HH:MM") slots; each talk gets a room and a slot no other talk uses in that room
SLOTS = tuple(
    (day, hm)
    for day in ("2024-10-14", "2024-10-15", "2024-10-16")
    for hm in ("09:00", "10:30", "13:00", "14:30", "16:00")
)


def build(path: Path) -> None:
    rng = random.Random(SEED)
    rooms = [(i + 1, *r) for i, r in enumerate(ROOMS)]
    speakers = [(i + 1, *s) for i, s in enumerate(SPEAKERS)]
    # the Rooftop Lounge (8) hosts no talk; keynote in the Main Hall, workshops in the lab
    taken: set[tuple[int, str, str]] = set()
    talks = []
    for tid, (title, sid, track, minutes) in enumerate(TALKS, 1):
        if tid == 1:
            room, slot = 1, SLOTS[0]
        else:
            if minutes >= 90:
                room = 7
            elif tid % 5 == 0:
                room = 1
            else:
                room = rng.choice((2, 3, 4, 5, 6, 2, 3))
            free = [s for s in SLOTS[1:] if (room, *s) not in taken]
            slot = rng.choice(free)
        taken.add((room, *slot))
        talks.append((tid, title, sid, track, room, f"{slot[0]} {slot[1]}:00", minutes))
    attendees = []
    used: set[tuple[str, str]] = set()
    for aid in range(1, 161):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        attendees.append(
            (aid, first, last, rng.choice(TICKETS), rng.choice(COMPANIES), rng.choice(CITIES))
        )
    # talks 42 and 44 were never rated; attendees 151-160 rated nothing
    quality = {tid: rng.uniform(2.4, 4.6) for tid in range(1, len(talks) + 1)}
    quality[1] = 4.9
    quality[35] = 1.8
    rateable = [tid for tid in quality if tid not in (42, 44)]
    pairs: set[tuple[int, int]] = set()
    ratings = []
    while len(ratings) < 400:
        aid = rng.randint(1, 150)
        tid = rng.choice(rateable)
        if (aid, tid) in pairs:
            continue
        pairs.add((aid, tid))
        stars = max(1, min(5, round(rng.gauss(quality[tid], 0.8))))
        ratings.append((len(ratings) + 1, aid, tid, stars))
    write(
        path,
        DDL,
        {
            "Room": rooms,
            "speaker": speakers,
            "talk": talks,
            "Attendee": attendees,
            "talk_rating": ratings,
        },
    )
