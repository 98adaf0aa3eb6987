"""An outpatient clinic: CamelCase tables with Capitalised_Underscore columns (Physician_ID,
Years_Experience), text medication codes, declared foreign keys, cities and specialties as text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "clinic"
SEED = 9020

DDL = (
    """CREATE TABLE Department (
        Department_ID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        Floor INTEGER,
        Phone TEXT
    )""",
    """CREATE TABLE Physician (
        Physician_ID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        Specialty TEXT,
        Department_ID INTEGER REFERENCES Department(Department_ID),
        Years_Experience INTEGER,
        Salary INTEGER
    )""",
    """CREATE TABLE Patient (
        Patient_ID INTEGER PRIMARY KEY,
        Name TEXT NOT NULL,
        Gender TEXT,
        Age INTEGER,
        City TEXT,
        Insurance TEXT,
        Primary_Physician INTEGER REFERENCES Physician(Physician_ID)
    )""",
    """CREATE TABLE Appointment (
        Appointment_ID INTEGER PRIMARY KEY,
        Patient_ID INTEGER REFERENCES Patient(Patient_ID),
        Physician_ID INTEGER REFERENCES Physician(Physician_ID),
        Appointment_Date DATE,
        Reason TEXT,
        Fee REAL,
        Status TEXT
    )""",
    """CREATE TABLE Medication (
        Code TEXT PRIMARY KEY,
        Name TEXT NOT NULL,
        Brand TEXT,
        Drug_Class TEXT,
        Unit_Price REAL
    )""",
    """CREATE TABLE Prescription (
        Prescription_ID INTEGER PRIMARY KEY,
        Appointment_ID INTEGER REFERENCES Appointment(Appointment_ID),
        Medication_Code TEXT REFERENCES Medication(Code),
        Dose_mg INTEGER,
        Days_Supply INTEGER
    )""",
)

DEPARTMENTS = (
    (1, "Cardiology", 3, "617-555-0131"),
    (2, "Pediatrics", 2, "617-555-0122"),
    (3, "Dermatology", 4, "617-555-0144"),
    (4, "Orthopedics", 1, "617-555-0115"),
    (5, "Neurology", 5, "617-555-0158"),
    (6, "Family Medicine", 1, "617-555-0110"),
    (7, "Oncology", 6, "617-555-0169"),
)
#: (name, specialty, department, years of experience, salary)
PHYSICIANS = (
    ("Dr. Alice Moreau", "Cardiologist", 1, 22, 312000),
    ("Dr. Ben Okafor", "Cardiologist", 1, 9, 248000),
    ("Dr. Carla Mendes", "Interventional Cardiologist", 1, 15, 335000),
    ("Dr. David Kim", "Pediatrician", 2, 12, 198000),
    ("Dr. Elena Petrova", "Pediatrician", 2, 4, 171000),
    ("Dr. Farid Haddad", "Dermatologist", 3, 18, 265000),
    ("Dr. Grace Liu", "Dermatologist", 3, 7, 231000),
    ("Dr. Henry Walsh", "Orthopedic Surgeon", 4, 25, 389000),
    ("Dr. Irene Novak", "Orthopedic Surgeon", 4, 11, 342000),
    ("Dr. James Carter", "Neurologist", 5, 19, 296000),
    ("Dr. Keiko Sato", "Neurologist", 5, 6, 244000),
    ("Dr. Laura Jensen", "Family Physician", 6, 14, 187000),
    ("Dr. Miguel Torres", "Family Physician", 6, 3, 162000),
    ("Dr. Nadia Rahman", "Family Physician", 6, 21, 205000),
    ("Dr. Oliver Grant", "Oncologist", 7, 16, 318000),
    ("Dr. Priya Shah", "Oncologist", 7, 8, 276000),
)
MEDICATIONS = (
    ("ATV20", "Atorvastatin", "Lipitor", "Statin", 0.42),
    ("LSN10", "Lisinopril", "Zestril", "ACE inhibitor", 0.18),
    ("MTP50", "Metoprolol", "Lopressor", "Beta blocker", 0.25),
    ("AMX500", "Amoxicillin", "Amoxil", "Antibiotic", 0.35),
    ("AZM250", "Azithromycin", "Zithromax", "Antibiotic", 1.95),
    ("IBU400", "Ibuprofen", "Advil", "NSAID", 0.09),
    ("NPX500", "Naproxen", "Aleve", "NSAID", 0.14),
    ("GBP300", "Gabapentin", "Neurontin", "Anticonvulsant", 0.61),
    ("LVT500", "Levetiracetam", "Keppra", "Anticonvulsant", 1.12),
    ("TRT025", "Tretinoin", "Retin-A", "Retinoid", 3.80),
    ("DXM005", "Dexamethasone", "Decadron", "Corticosteroid", 0.73),
    ("OND008", "Ondansetron", "Zofran", "Antiemetic", 2.45),
    ("MTF850", "Metformin", "Glucophage", "Biguanide", 0.11),
    ("SRT050", "Sertraline", "Zoloft", "SSRI", 0.38),
    ("WRF005", "Warfarin", "Coumadin", "Anticoagulant", 0.29),
)
#: per department: (reasons, medication codes used, fee range)
CARE = {
    1: (
        ("chest pain", "hypertension follow-up", "palpitations"),
        ("ATV20", "LSN10", "MTP50", "WRF005"),
        (180, 320),
    ),
    2: (("well-child visit", "ear infection", "fever"), ("AMX500", "AZM250", "IBU400"), (90, 160)),
    3: (("acne", "rash", "mole check"), ("TRT025", "DXM005"), (120, 220)),
    4: (("knee pain", "back pain", "fracture follow-up"), ("IBU400", "NPX500"), (200, 380)),
    5: (("migraine", "seizure review", "numbness"), ("GBP300", "LVT500", "SRT050"), (220, 350)),
    6: (
        ("annual physical", "flu symptoms", "diabetes check"),
        ("MTF850", "AMX500", "SRT050", "IBU400"),
        (80, 150),
    ),
    7: (("chemotherapy review", "scan results"), ("DXM005", "OND008"), (260, 420)),
}
CITIES = (
    "Boston",
    "Boston",
    "Boston",
    "Cambridge",
    "Cambridge",
    "Somerville",
    "Quincy",
    "Newton",
    "Brookline",
    "Medford",
)
INSURANCE = ("Blue Cross", "Blue Cross", "Aetna", "Medicare", "Medicare", "Cigna", "Self-pay")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    physicians = [(i + 1, *p) for i, p in enumerate(PHYSICIANS)]
    patients: list[tuple] = []
    used: set[str] = set()
    while len(patients) < 150:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in used:
            continue
        used.add(name)
        age = rng.randint(1, 17) if rng.random() < 0.15 else rng.randint(18, 92)
        insurance = "Medicare" if age >= 65 and rng.random() < 0.7 else rng.choice(INSURANCE)
        family = [p[0] for p in physicians if p[3] in (2 if age < 18 else 6,)]
        patients.append(
            (
                len(patients) + 1,
                name,
                rng.choice(("F", "M")),
                age,
                rng.choice(CITIES),
                insurance,
                rng.choice(family) if rng.random() < 0.9 else None,
            )
        )
    appointments: list[tuple] = []
    prescriptions: list[tuple] = []
    busy = [p for p in physicians if p[0] != 13]  # Dr. Miguel Torres has no appointment yet
    weights = [rng.randint(1, 6) for _ in busy]
    for appt_id in range(1, 261):
        doctor = rng.choices(busy, weights)[0]
        dept = doctor[3]
        kids = dept == 2
        candidates = [p for p in patients[:140] if (p[3] < 18) == kids]
        patient = rng.choice(candidates)
        reasons, meds, (low, high) = CARE[dept]
        day = date(2024, 1, 2) + timedelta(days=rng.randint(0, 364))
        status = (
            "scheduled"
            if day > date(2024, 11, 30)
            else rng.choice(("completed",) * 8 + ("cancelled", "no-show"))
        )
        fee = float(rng.randrange(low, high, 5))
        appointments.append(
            (appt_id, patient[0], doctor[0], day.isoformat(), rng.choice(reasons), fee, status)
        )
        if status == "completed" and rng.random() < 0.6:
            for code in rng.sample(meds, rng.randint(1, min(2, len(meds)))):
                prescriptions.append(
                    (
                        len(prescriptions) + 1,
                        appt_id,
                        code,
                        rng.choice((5, 10, 20, 25, 50, 100, 250, 500)),
                        rng.choice((7, 10, 14, 30, 30, 90)),
                    )
                )
    write(
        path,
        DDL,
        {
            "Department": DEPARTMENTS,
            "Physician": physicians,
            "Patient": patients,
            "Medication": MEDICATIONS,
            "Appointment": appointments,
            "Prescription": prescriptions,
        },
    )
