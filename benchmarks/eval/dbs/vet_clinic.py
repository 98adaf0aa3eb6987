"""A small veterinary practice: owners bring their pets to vets for visits, and pets get vaccinated.

Naming quirks of a hand-written schema: ``Owners`` and ``Vaccination`` use CamelCase columns
(``OwnerID``, ``FullName``, ``SignupDate``, ``VaccineName``, ``DateGiven``) while ``pets``,
``vets`` and ``visits`` are snake_case; a pet's birth date is the abbreviated ``DOB`` and a vet's
years of experience ``yrs_exp``. ``pets.species`` is the text column people filter on (Dog, Cat,
Rabbit, Bird, Guinea Pig, Reptile). ``Vaccination.PetID`` links to ``pets.pet_id`` without a
declared foreign key. Some owners have no pets, some pets have no visits or vaccinations, and one
vet has not seen any patient yet. Dates are ISO text, costs are dollars with cents."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "vet_clinic"
SEED = 4447

DDL = (
    """CREATE TABLE Owners (
OwnerID INTEGER PRIMARY KEY,
FullName VARCHAR(60) NOT NULL,
City VARCHAR(40),
Phone VARCHAR(20),
SignupDate DATE
)""",
    """CREATE TABLE pets (
pet_id INTEGER PRIMARY KEY,
name TEXT NOT NULL,
species TEXT,
breed TEXT,
DOB DATE,
weight_kg REAL,
owner_id INTEGER,
FOREIGN KEY (owner_id) REFERENCES Owners(OwnerID)
)""",
    """CREATE TABLE vets (
vet_id INTEGER PRIMARY KEY,
name TEXT,
specialty TEXT,
yrs_exp INTEGER
)""",
    """CREATE TABLE visits (
visit_id INTEGER PRIMARY KEY,
pet_id INTEGER NOT NULL,
vet_id INTEGER NOT NULL,
visit_date DATE,
reason TEXT,
cost NUMERIC(8,2),
FOREIGN KEY (pet_id) REFERENCES pets(pet_id),
FOREIGN KEY (vet_id) REFERENCES vets(vet_id)
)""",
    """CREATE TABLE Vaccination (
VaccID INTEGER PRIMARY KEY,
PetID INTEGER,
VaccineName VARCHAR(40),
DateGiven DATE
)""",
)

#: city -> how many owners live there (distinct counts, no ties)
CITIES = (
    ("Springfield", 13),
    ("Riverton", 9),
    ("Lakeview", 7),
    ("Maple Grove", 5),
    ("Fairview", 3),
    ("Oakdale", 2),
)
#: (name, specialty, years of experience)
VETS = (
    ("Dr. Helen Carter", "General Practice", 22),
    ("Dr. Samuel Okafor", "Surgery", 17),
    ("Dr. Mei Lin", "Dentistry", 9),
    ("Dr. Rafael Ortiz", "General Practice", 12),
    ("Dr. Anna Weber", "Dermatology", 6),
    ("Dr. Thomas Reid", "Exotic Animals", 14),
    ("Dr. Grace Adeyemi", "Cardiology", 19),
    ("Dr. Nora Lindqvist", "General Practice", 1),
)
#: species -> (share weight, breeds, weight range kg, vaccines)
SPECIES = {
    "Dog": (
        30,
        (
            "Labrador Retriever",
            "German Shepherd",
            "Beagle",
            "Golden Retriever",
            "Poodle",
            "Bulldog",
        ),
        (6.0, 42.0),
        ("Rabies", "DHPP", "Bordetella", "Leptospirosis"),
    ),
    "Cat": (
        22,
        ("Siamese", "Maine Coon", "Persian", "British Shorthair", "Domestic Shorthair"),
        (2.5, 8.5),
        ("Rabies", "FVRCP", "FeLV"),
    ),
    "Rabbit": (7, ("Holland Lop", "Netherland Dwarf", "Rex"), (1.0, 4.5), ("RHDV2", "Myxomatosis")),
    "Bird": (5, ("Budgerigar", "Cockatiel", "African Grey"), (0.03, 0.6), ()),
    "Guinea Pig": (4, ("Abyssinian", "American", "Peruvian"), (0.7, 1.3), ()),
    "Reptile": (3, ("Bearded Dragon", "Leopard Gecko", "Corn Snake"), (0.05, 0.9), ()),
}
PET_NAMES = (
    "Bella",
    "Max",
    "Luna",
    "Charlie",
    "Lucy",
    "Cooper",
    "Daisy",
    "Milo",
    "Bailey",
    "Rocky",
    "Coco",
    "Buddy",
    "Molly",
    "Teddy",
    "Lola",
    "Bear",
    "Sadie",
    "Duke",
    "Ruby",
    "Tucker",
    "Zoe",
    "Oliver",
    "Nala",
    "Simba",
    "Pepper",
    "Ginger",
    "Biscuit",
    "Mango",
    "Kiwi",
    "Pickles",
    "Shadow",
    "Oreo",
    "Willow",
    "Jasper",
    "Hazel",
    "Loki",
    "Maple",
    "Olive",
    "Ziggy",
    "Waffles",
    "Peanut",
    "Smokey",
    "Cleo",
    "Finn",
    "Juniper",
    "Pumpkin",
    "Rosie",
    "Scout",
    "Thor",
    "Misty",
    "Noodle",
    "Sunny",
    "Clover",
    "Bruno",
    "Poppy",
    "Archie",
    "Tilly",
    "Gus",
    "Penny",
    "Rex",
    "Sprout",
    "Blue",
    "Fig",
    "Honey",
    "Iggy",
    "Bandit",
    "Dotty",
    "Pip",
    "Sage",
    "Toffee",
)
#: reason -> (cost range, which specialty usually handles it)
REASONS = {
    "Annual checkup": ((45.0, 90.0), "General Practice"),
    "Vaccination": ((30.0, 65.0), "General Practice"),
    "Dental cleaning": ((180.0, 420.0), "Dentistry"),
    "Skin allergy": ((70.0, 160.0), "Dermatology"),
    "Injury": ((90.0, 350.0), "General Practice"),
    "Surgery": ((600.0, 2400.0), "Surgery"),
    "Heart murmur": ((150.0, 480.0), "Cardiology"),
    "Vomiting": ((60.0, 220.0), "General Practice"),
}


def build(path: Path) -> None:
    rng = random.Random(SEED)
    owners = []
    used: set[str] = set()
    oid = 0
    for city, count in CITIES:
        for _ in range(count):
            oid += 1
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            while name in used:
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            used.add(name)
            signup = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650))
            phone = f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
            owners.append((oid, name, city, phone, signup.isoformat()))
    # shuffle ids against cities so ids do not group by city
    order = list(range(len(owners)))
    rng.shuffle(order)
    owners = [(i + 1, *owners[j][1:]) for i, j in enumerate(order)]
    owners.sort(key=lambda o: o[4])
    owners = [(i + 1, *o[1:]) for i, o in enumerate(owners)]
    # owners 38-39 signed up but have no pets yet
    pet_owner_ids = [o[0] for o in owners if o[0] not in (38, 39)]

    species_pool = [s for s, spec in SPECIES.items() for _ in range(spec[0])]
    pets = []
    names = list(PET_NAMES)
    rng.shuffle(names)
    for pid in range(1, 71):
        species = (
            species_pool[rng.randrange(len(species_pool))] if pid > 6 else list(SPECIES)[pid - 1]
        )
        _, breeds, (lo, hi), _ = SPECIES[species]
        weight = round(rng.uniform(lo, hi), 2)
        dob = date(2008, 1, 1) + timedelta(days=rng.randint(0, 5700))
        owner = (
            pet_owner_ids[(pid - 1) % len(pet_owner_ids)]
            if pid <= 37
            else rng.choice(pet_owner_ids)
        )
        pets.append(
            (pid, names[pid - 1], species, rng.choice(breeds), dob.isoformat(), weight, owner)
        )
    # a clear oldest and heaviest pet
    pets[9] = (*pets[9][:4], "2005-03-14", *pets[9][5:])
    pets[12] = (pets[12][0], pets[12][1], "Dog", "Great Dane", pets[12][4], 68.4, pets[12][6])

    by_specialty: dict[str, list[int]] = {}
    for vid, (_, specialty, _) in enumerate(VETS, 1):
        if vid != 8:  # the newest vet has not seen anyone yet
            by_specialty.setdefault(specialty, []).append(vid)
    exotic = {"Rabbit", "Bird", "Guinea Pig", "Reptile"}
    # pets 61-70 have never visited
    visiting = [p for p in pets if p[0] <= 60]
    visits = []
    reasons = list(REASONS)
    for vid in range(1, 301):
        pet = rng.choice(visiting)
        reason = rng.choice(reasons)
        (lo, hi), specialty = REASONS[reason]
        if pet[2] in exotic and reason in ("Annual checkup", "Injury", "Vomiting", "Vaccination"):
            vet = 6
        else:
            vet = rng.choice(by_specialty[specialty])
        day = date(2023, 1, 2) + timedelta(days=rng.randint(0, 720))
        cost = round(rng.uniform(lo, hi), 2)
        visits.append((vid, pet[0], vet, day.isoformat(), reason, cost))
    visits.sort(key=lambda v: v[3])
    visits = [(i + 1, *v[1:]) for i, v in enumerate(visits)]

    vaccinations = []
    vacc_id = 0
    for pet in pets:
        vaccines = SPECIES[pet[2]][3]
        if not vaccines or pet[0] % 7 == 0:
            continue
        for vaccine in vaccines:
            if rng.random() < 0.75:
                vacc_id += 1
                given = date(2022, 6, 1) + timedelta(days=rng.randint(0, 900))
                vaccinations.append((vacc_id, pet[0], vaccine, given.isoformat()))
    write(
        path,
        DDL,
        {
            "Owners": owners,
            "pets": pets,
            "vets": [(i, *v) for i, v in enumerate(VETS, 1)],
            "visits": visits,
            "Vaccination": vaccinations,
        },
    )
