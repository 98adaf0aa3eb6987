"""How people say a schema's identifiers, for any database (no synonym file needed).

``EmpID`` → "employee id", ``Lname`` → "last name", ``DName`` in table
Department → "department name" and "name", ``StuID`` in Student → "student
id", ``DOB`` → "date of birth" / "birth date" / "birthday". Plus a small
general English layer: gender ↔ sex, nation ↔ country, and superlative
adjectives that rank a column (oldest → age, heaviest → weight).
"""

from __future__ import annotations

import re

# abbreviation (one identifier word) → the words it stands for
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "fname": ("first name",),
    "lname": ("last name", "surname", "family name"),
    "mname": ("middle name",),
    "dob": ("date of birth", "birth date", "birthday", "born"),
    "bdate": ("birth date", "birthday"),
    "emp": ("employee",),
    "empl": ("employee",),
    "dept": ("department",),
    "stu": ("student",),
    "qty": ("quantity",),
    "amt": ("amount",),
    "num": ("number",),
    "nbr": ("number",),
    "no": ("number",),
    "desc": ("description",),
    "addr": ("address",),
    "tel": ("telephone", "phone"),
    "cust": ("customer",),
    "prod": ("product",),
    "cat": ("category",),
    "sal": ("salary",),
    "yr": ("year",),
    "pct": ("percent", "percentage"),
    "avg": ("average",),
    "vip": ("vip",),
    "ms": ("milliseconds",),
    "pax": ("passengers", "passenger", "riders"),
    "exp": ("experience",),
    "yrs": ("years",),
}
# a column word → other words for the same thing
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sex": ("gender",),
    "gender": ("sex",),
    "country": ("nation", "nationality"),
    "nation": ("country",),
    "nationality": ("country", "nation"),
    "salary": ("pay", "wage", "wages", "earnings", "income"),
    "price": ("cost",),
    "quantity": ("amount", "units"),
    "milliseconds": ("duration", "length"),
    "duration": ("length",),
    "title": ("name",),
    "email": ("email address", "e-mail"),
    "phone": ("phone number", "telephone"),
    "dob": ("birthday",),
    "birth": ("birthday", "born"),
    "budget": ("funding",),
    "credits": ("credit", "credit hours"),
    "city": ("town",),
    "capacity": ("seats", "seating capacity", "seating"),
    "passengers": ("riders",),
}
# adjective → (column word it ranks, "asc"|"desc")
SUPERLATIVES: dict[str, tuple[tuple[str, str], ...]] = {
    # a year a thing began (Build_Year, Opened_Year, Formed_Year): the oldest began first
    "oldest": (("age", "desc"), ("birth", "asc"), ("dob", "asc"), ("year", "asc")),
    "youngest": (("age", "asc"), ("birth", "desc"), ("dob", "desc")),
    "heaviest": (("weight", "desc"),),
    "lightest": (("weight", "asc"),),
    "tallest": (("height", "desc"),),
    "shortest": (
        ("height", "asc"),
        ("milliseconds", "asc"),
        ("duration", "asc"),
        ("length", "asc"),
        ("distance", "asc"),
        ("runtime", "asc"),
        ("run time", "asc"),
    ),
    "longest": (
        ("milliseconds", "desc"),
        ("duration", "desc"),
        ("length", "desc"),
        ("distance", "desc"),
        ("runtime", "desc"),
        ("run time", "desc"),
    ),
    "cheapest": (("price", "asc"), ("cost", "asc")),
    "most expensive": (("price", "desc"), ("cost", "desc")),
    "priciest": (("price", "desc"),),
    "best paid": (("salary", "desc"),),
    "highest paid": (("salary", "desc"),),
    "best-paid": (("salary", "desc"),),
    "highest-paid": (("salary", "desc"),),
    "lowest paid": (("salary", "asc"),),
    "richest": (("salary", "desc"), ("budget", "desc")),
    "most popular": (("play count", "desc"), ("popularity", "desc")),
    "most played": (("play count", "desc"),),
}


# a unit written at the end of a column's name, not part of what it is called
UNITS = frozenset(
    {
        "km",
        "cm",
        "mm",
        "kg",
        "mg",
        "lb",
        "lbs",
        "mph",
        "kmh",
        "usd",
        "eur",
        "gbp",
        "pct",
        "minutes",
        "mins",
        "min",
        "hours",
        "hrs",
        "sec",
        "secs",
        "seconds",
        "ms",
        "inches",
        "f",
    }
)

# 'older than 27' → the column 'oldest' ranks, compared the same way (age > 27)
COMPARATIVE_FORMS = {
    "older": "oldest",
    "younger": "youngest",
    "heavier": "heaviest",
    "lighter": "lightest",
    "taller": "tallest",
    "shorter": "shortest",
    "longer": "longest",
    "pricier": "priciest",
}


def split_words(name: str) -> list[str]:
    """'DeptID' → ['dept', 'id']; 'DName' → ['d', 'name']; 'full_time_employees' → 3 words."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    spaced = re.sub(r"([A-Z])([A-Z][a-z])", r"\1_\2", spaced)
    return [p for p in spaced.lower().split("_") if p]


def names_rows(column: str) -> bool:
    """A column that names its row ('FirstName', 'last_name', 'Title'), not a category."""
    return bool({"name", "title"} & set(split_words(column)))


def column_phrases(table: str, column: str) -> list[str]:
    """Every way to say a column: its words, abbreviations spelled out, a one-letter or
    shortened table prefix read as the table ('CName' in Course → 'course name', 'name')."""
    words = split_words(column)
    table_words = split_words(table)
    table_noun = " ".join(table_words)
    forms: list[list[str]] = [words]
    head = words[0] if words else ""
    if (
        len(words) > 1
        and table_words
        and (
            (len(head) == 1 and table_noun.startswith(head))
            or (len(head) >= 3 and table_words[-1].startswith(head) and head != table_words[-1])
        )
    ):
        forms.append([table_noun, *words[1:]])  # 'stu id' → 'student id'
        forms.append(words[1:])  # 'd name' → 'name'
    expanded: list[list[str]] = []
    for form in forms:
        variants: list[list[str]] = [[]]
        for w in form:
            options = [w, *ABBREVIATIONS.get(w, ())]
            variants = [v + [o] for v in variants for o in options][:8]
        expanded.extend(variants)
    phrases = [" ".join(v) for v in expanded if v]
    if len(words) > 1 and words[-1] in UNITS:
        phrases.append(" ".join(words[:-1]))  # 'distance' for Distance_km, 'height' for Height_cm
    if len(words) == 2 and words[0] not in ("number", "is", "has"):
        phrases.append(f"{words[0]} of {words[1]}")  # 'years of experience' (Years_Experience)
    for phrase in list(phrases):
        last = phrase.split()[-1]
        for other in SYNONYMS.get(last, ()):
            phrases.append(" ".join(phrase.split()[:-1] + [other]))
    return list(dict.fromkeys(p for p in phrases if p and p not in ("id", "no", "number")))


def superlatives_for(column: str) -> list[tuple[str, str]]:
    """(adjective, direction) pairs that rank this column ('oldest' → age desc)."""
    words = " ".join(split_words(column))
    found = []
    for adjective, options in SUPERLATIVES.items():
        for word, direction in options:
            if re.search(rf"\b{re.escape(word)}\b", words):
                found.append((adjective, direction))
                break
    return found
