"""A group dental practice: dentists, patients, appointments, a price list of treatments and the
treatments done at each appointment. Hand-written naming quirks: a CamelCase table `Dentist`
with CamelCase key `DentistID` next to its snake_case columns (`specialty`, `years_exp`,
`room_no`) and a capitalised `Name`; lower snake_case plural tables elsewhere; an abbreviated
`DOB` (date of birth, ISO text) and `qty`; `appt_date` as ISO text; `status` holds 'Done',
'Cancelled' or 'No-show'; `insurer` is free text and NULL for uninsured patients. Treatments
are keyed by a text code (`TreatmentCode`); appointment_treatments.treatment_code has no
declared foreign key (an implicit link), the other links are declared."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import write

NAME = "dental_practice"
SEED = 6120

DDL = (
    """CREATE TABLE Dentist (
        DentistID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        specialty TEXT,
        years_exp INTEGER,
        room_no INTEGER
    )""",
    """CREATE TABLE patients (
        patient_id INTEGER PRIMARY KEY,
        first_name TEXT,
        last_name TEXT,
        DOB TEXT,
        insurer TEXT,
        city TEXT
    )""",
    """CREATE TABLE treatments (
        TreatmentCode TEXT PRIMARY KEY,
        description TEXT,
        base_price REAL
    )""",
    """CREATE TABLE appointments (
        appt_id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients(patient_id),
        DentistID INTEGER REFERENCES Dentist(DentistID),
        appt_date TEXT,
        status TEXT,
        fee REAL
    )""",
    """CREATE TABLE appointment_treatments (
        appt_id INTEGER REFERENCES appointments(appt_id),
        treatment_code TEXT,
        qty INTEGER,
        PRIMARY KEY (appt_id, treatment_code)
    )""",
)

#: (name, specialty, years of experience, room)
DENTISTS = (
    ("Dr. Helen Carter", "General Dentistry", 22, 1),
    ("Dr. Marcus Lee", "Orthodontics", 15, 2),
    ("Dr. Sofia Alvarez", "Periodontics", 9, 3),
    ("Dr. Rajesh Kumar", "Endodontics", 18, 4),
    ("Dr. Emily Novak", "General Dentistry", 4, 5),
    ("Dr. Thomas Berg", "Oral Surgery", 27, 6),
    ("Dr. Aiko Tanaka", "Pediatric Dentistry", 11, 7),
    ("Dr. Daniel Okafor", "General Dentistry", 7, 8),
    ("Dr. Laura Rossi", "Prosthodontics", 20, 9),
    ("Dr. Kevin Walsh", "Orthodontics", 6, 10),
    ("Dr. Nadia Haddad", "General Dentistry", 13, 11),
    ("Dr. Peter Jensen", "Endodontics", 31, 12),
    ("Dr. Grace Kim", "Pediatric Dentistry", 3, 7),
    ("Dr. Omar Farouk", "Oral Surgery", 16, 6),
    ("Dr. Julia Schmidt", "Periodontics", 24, 3),
    ("Dr. Samuel Brooks", "General Dentistry", 10, 1),
    ("Dr. Chloe Martin", "Orthodontics", 19, 2),
    ("Dr. Victor Costa", "Prosthodontics", 8, 9),
    ("Dr. Hannah Weiss", "General Dentistry", 2, 5),
    ("Dr. Ian Fraser", "Oral Surgery", 35, 12),
)
#: dentists with no appointments at all (a new hire and a retiring surgeon)
IDLE_DENTISTS = (19, 20)

#: (code, description, base price)
TREATMENTS = (
    ("EXM", "Routine examination", 45.0),
    ("XR1", "Bitewing X-ray", 30.0),
    ("XRP", "Panoramic X-ray", 85.0),
    ("CLN", "Scale and polish", 70.0),
    ("FLR", "Fluoride varnish", 25.0),
    ("FIL1", "Composite filling, one surface", 120.0),
    ("FIL2", "Composite filling, two surfaces", 165.0),
    ("AMF", "Amalgam filling", 95.0),
    ("EXT", "Simple extraction", 140.0),
    ("SXT", "Surgical extraction", 310.0),
    ("WIS", "Wisdom tooth removal", 420.0),
    ("RCT", "Root canal treatment", 690.0),
    ("CRN", "Porcelain crown", 950.0),
    ("IMP", "Dental implant", 2400.0),
    ("BRG", "Three-unit bridge", 1850.0),
    ("DEN", "Full denture", 1300.0),
    ("WHT", "Teeth whitening", 380.0),
    ("BRC", "Braces fitting", 2950.0),
    ("RET", "Retainer", 260.0),
    ("SEA", "Fissure sealant", 35.0),
    ("PRD", "Deep periodontal cleaning", 230.0),
    ("VEN", "Porcelain veneer", 1100.0),
)
#: treatments nobody has had yet
UNUSED = ("VEN", "DEN")
#: what each specialty does (codes besides the exam and X-rays)
MENU = {
    "General Dentistry": ("CLN", "FLR", "FIL1", "FIL2", "AMF", "EXT", "WHT", "SEA"),
    "Orthodontics": ("BRC", "RET", "XRP"),
    "Periodontics": ("PRD", "CLN", "XRP"),
    "Endodontics": ("RCT", "CRN", "FIL2"),
    "Oral Surgery": ("SXT", "WIS", "EXT", "IMP", "XRP"),
    "Pediatric Dentistry": ("FLR", "SEA", "FIL1", "CLN"),
    "Prosthodontics": ("CRN", "BRG", "IMP"),
}

FIRST = (
    "Alice", "Ben", "Clara", "David", "Elena", "Frank", "Georgia", "Henry", "Isabel", "Jack",
    "Karen", "Leo", "Maya", "Nathan", "Olivia", "Paul", "Quinn", "Rosa", "Simon", "Tara",
    "Umar", "Vera", "William", "Yasmin", "Zach", "Amber", "Bruno", "Celine", "Dmitri", "Eva",
)  # fmt: skip
LAST = (
    "Adams", "Baker", "Chen", "Dawson", "Ellis", "Fischer", "Gomez", "Hughes", "Ibrahim",
    "Jones", "Klein", "Lopez", "Mason", "Nolan", "Ortiz", "Price", "Reid", "Shaw", "Turner",
    "Vargas", "Walker", "Young", "Zimmer", "Patel", "Murphy",
)  # fmt: skip
CITIES = ("Springfield", "Riverton", "Oakdale", "Maple Grove", "Lakeview", "Fairview")
INSURERS = ("Delta Dental", "Cigna", "Aetna", "MetLife", "Guardian")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    dentists = [(i + 1, *d) for i, d in enumerate(DENTISTS)]
    treatments = list(TREATMENTS)
    price = {code: p for code, _, p in TREATMENTS}

    patients = []
    used: set[tuple[str, str]] = set()
    for pid in range(1, 121):
        while True:
            name = (rng.choice(FIRST), rng.choice(LAST))
            if name not in used:
                break
        used.add(name)
        born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 78))
        if pid == 37:
            born = date(1931, 4, 17)  # the oldest patient, by a clear margin
        if pid == 88:
            born = date(2019, 9, 2)  # the youngest patient
        r = rng.random()
        insurer = None if r < 0.15 else INSURERS[min(4, int((r - 0.15) / 0.85 * 5.6))]
        city = CITIES[min(5, int(rng.random() ** 1.4 * 6))]
        patients.append((pid, name[0], name[1], born.isoformat(), insurer, city))
    # patients 111..120 registered but never booked
    bookable = list(range(1, 111))

    appointments, appt_treatments = [], []
    active = [d for d in dentists if d[0] not in IDLE_DENTISTS]
    weights = [3 + (d[0] * 7) % 11 for d in active]
    start = date(2024, 1, 8)
    for aid in range(1, 341):
        dentist = rng.choices(active, weights=weights)[0]
        pid = rng.choice(bookable)
        day = start + timedelta(days=rng.randint(0, 540))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        r = rng.random()
        status = "Done" if r < 0.78 else ("Cancelled" if r < 0.91 else "No-show")
        if status != "Done":
            fee = 0.0 if status == "Cancelled" else 40.0
            appointments.append((aid, pid, dentist[0], day.isoformat(), status, fee))
            continue
        menu = [c for c in MENU[dentist[2]] if c not in UNUSED]
        codes = {"EXM"} if rng.random() < 0.6 else set()
        if rng.random() < 0.3:
            codes.add("XR1")
        for _ in range(rng.choice((1, 1, 1, 2))):
            codes.add(rng.choice(menu))
        fee = 0.0
        for code in sorted(codes):
            qty = 1
            if code in ("FIL1", "FIL2", "AMF", "SEA", "XR1") and rng.random() < 0.35:
                qty = rng.randint(2, 4)
            appt_treatments.append((aid, code, qty))
            fee += price[code] * qty
        fee = round(fee * rng.choice((1.0, 1.0, 0.9, 1.05)), 2)
        appointments.append((aid, pid, dentist[0], day.isoformat(), status, fee))

    write(
        path,
        DDL,
        {
            "Dentist": dentists,
            "patients": patients,
            "treatments": treatments,
            "appointments": appointments,
            "appointment_treatments": appt_treatments,
        },
    )
