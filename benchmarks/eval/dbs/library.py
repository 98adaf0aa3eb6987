"""A public library network: lower snake_case, singular table names (branch, author, book,
member, loan), declared foreign keys except a member's home branch (an implicit link), ISBN codes
as text, genres and cities as free text."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, write

NAME = "library"
SEED = 4711

DDL = (
    """CREATE TABLE branch (
        branch_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        city TEXT,
        opened_year INTEGER,
        staff_count INTEGER
    )""",
    """CREATE TABLE author (
        author_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        nationality TEXT,
        birth_year INTEGER
    )""",
    """CREATE TABLE book (
        book_id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        isbn TEXT,
        author_id INTEGER REFERENCES author(author_id),
        genre TEXT,
        pages INTEGER,
        publication_year INTEGER,
        branch_id INTEGER REFERENCES branch(branch_id)
    )""",
    """CREATE TABLE member (
        member_id INTEGER PRIMARY KEY,
        first_name TEXT,
        last_name TEXT,
        age INTEGER,
        city TEXT,
        membership_type TEXT,
        join_date DATE,
        home_branch INTEGER
    )""",
    """CREATE TABLE loan (
        loan_id INTEGER PRIMARY KEY,
        book_id INTEGER REFERENCES book(book_id),
        member_id INTEGER REFERENCES member(member_id),
        loan_date DATE,
        due_date DATE,
        return_date DATE,
        fine REAL
    )""",
)

BRANCHES = (
    (1, "Central Library", "Boston", 1895, 42),
    (2, "Riverside", "Boston", 1962, 11),
    (3, "Harbor View", "Portland", 1978, 9),
    (4, "Oak Street", "Portland", 2004, 7),
    (5, "Maplewood", "Springfield", 1951, 13),
    (6, "Northgate", "Hartford", 1989, 8),
    (7, "Westend", "Providence", 2011, 6),
    (8, "Lakeside", "Burlington", 1970, 5),
)
AUTHORS = (
    ("Margaret Atwood", "Canada", 1939),
    ("Haruki Murakami", "Japan", 1949),
    ("Chimamanda Ngozi Adichie", "Nigeria", 1977),
    ("Kazuo Ishiguro", "United Kingdom", 1954),
    ("Isabel Allende", "Chile", 1942),
    ("Toni Morrison", "United States", 1931),
    ("Elena Ferrante", "Italy", 1943),
    ("Orhan Pamuk", "Turkey", 1952),
    ("Zadie Smith", "United Kingdom", 1975),
    ("Cormac McCarthy", "United States", 1933),
    ("Yuval Noah Harari", "Israel", 1976),
    ("Mary Beard", "United Kingdom", 1955),
    ("Ursula K. Le Guin", "United States", 1929),
    ("Liu Cixin", "China", 1963),
    ("Agatha Christie", "United Kingdom", 1890),
    ("Jo Nesbo", "Norway", 1960),
    ("Tana French", "Ireland", 1973),
    ("Rebecca Solnit", "United States", 1961),
)
#: (title, author index, genre, pages, publication year)
BOOKS = (
    ("The Handmaid's Tale", 0, "Dystopian", 311, 1985),
    ("Oryx and Crake", 0, "Dystopian", 376, 2003),
    ("Alias Grace", 0, "Historical Fiction", 470, 1996),
    ("The Testaments", 0, "Dystopian", 419, 2019),
    ("Norwegian Wood", 1, "Literary Fiction", 296, 1987),
    ("Kafka on the Shore", 1, "Magical Realism", 505, 2002),
    ("1Q84", 1, "Magical Realism", 928, 2009),
    ("The Wind-Up Bird Chronicle", 1, "Magical Realism", 607, 1994),
    ("Americanah", 2, "Literary Fiction", 477, 2013),
    ("Half of a Yellow Sun", 2, "Historical Fiction", 433, 2006),
    ("Purple Hibiscus", 2, "Literary Fiction", 307, 2003),
    ("Never Let Me Go", 3, "Science Fiction", 288, 2005),
    ("The Remains of the Day", 3, "Literary Fiction", 245, 1989),
    ("Klara and the Sun", 3, "Science Fiction", 303, 2021),
    ("The House of the Spirits", 4, "Magical Realism", 433, 1982),
    ("Eva Luna", 4, "Magical Realism", 306, 1987),
    ("Beloved", 5, "Historical Fiction", 324, 1987),
    ("Song of Solomon", 5, "Literary Fiction", 337, 1977),
    ("The Bluest Eye", 5, "Literary Fiction", 206, 1970),
    ("My Brilliant Friend", 6, "Literary Fiction", 331, 2011),
    ("The Story of a New Name", 6, "Literary Fiction", 471, 2012),
    ("My Name Is Red", 7, "Historical Fiction", 417, 1998),
    ("Snow", 7, "Literary Fiction", 436, 2002),
    ("The Museum of Innocence", 7, "Literary Fiction", 536, 2008),
    ("White Teeth", 8, "Literary Fiction", 448, 2000),
    ("On Beauty", 8, "Literary Fiction", 445, 2005),
    ("The Road", 9, "Dystopian", 287, 2006),
    ("Blood Meridian", 9, "Western", 337, 1985),
    ("No Country for Old Men", 9, "Crime", 309, 2005),
    ("All the Pretty Horses", 9, "Western", 302, 1992),
    ("Sapiens", 10, "History", 443, 2011),
    ("Homo Deus", 10, "History", 449, 2015),
    ("21 Lessons for the 21st Century", 10, "History", 372, 2018),
    ("SPQR", 11, "History", 608, 2015),
    ("Women & Power", 11, "Essays", 115, 2017),
    ("The Left Hand of Darkness", 12, "Science Fiction", 304, 1969),
    ("A Wizard of Earthsea", 12, "Fantasy", 183, 1968),
    ("The Dispossessed", 12, "Science Fiction", 387, 1974),
    ("The Lathe of Heaven", 12, "Science Fiction", 184, 1971),
    ("The Three-Body Problem", 13, "Science Fiction", 400, 2008),
    ("The Dark Forest", 13, "Science Fiction", 512, 2008),
    ("Death's End", 13, "Science Fiction", 604, 2010),
    ("Murder on the Orient Express", 14, "Crime", 256, 1934),
    ("Death on the Nile", 14, "Crime", 288, 1937),
    ("And Then There Were None", 14, "Crime", 272, 1939),
    ("The Murder of Roger Ackroyd", 14, "Crime", 312, 1926),
    ("The Snowman", 15, "Crime", 463, 2007),
    ("The Leopard", 15, "Crime", 611, 2009),
    ("The Bat", 15, "Crime", 369, 1997),
    ("In the Woods", 16, "Crime", 429, 2007),
    ("The Likeness", 16, "Crime", 466, 2008),
    ("Broken Harbour", 16, "Crime", 450, 2012),
    ("Men Explain Things to Me", 17, "Essays", 130, 2014),
    ("A Field Guide to Getting Lost", 17, "Essays", 209, 2005),
    ("Hope in the Dark", 17, "Essays", 176, 2004),
    ("The Silent Orchard", None, "Poetry", 96, 2016),
    ("Tides and Lanterns", None, "Poetry", 112, 2020),
)
CITIES = (
    "Boston",
    "Boston",
    "Boston",
    "Portland",
    "Portland",
    "Springfield",
    "Hartford",
    "Providence",
    "Burlington",
    "Cambridge",
    "Worcester",
)
MEMBERSHIPS = ("standard", "standard", "standard", "student", "senior", "premium")


def isbn(rng: random.Random) -> str:
    return f"978-{rng.randint(0, 1)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}"


def build(path: Path) -> None:
    rng = random.Random(SEED)
    authors = [(i + 1, *a) for i, a in enumerate(AUTHORS)]
    books = []
    for i, (title, author, genre, pages, year) in enumerate(BOOKS):
        books.append(
            (
                i + 1,
                title,
                isbn(rng),
                None if author is None else author + 1,
                genre,
                pages,
                year,
                rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 5, 6, 7)),  # Lakeside (8) holds no book
            )
        )
    members: list[tuple] = []
    used: set[tuple[str, str]] = set()
    while len(members) < 120:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (first, last) in used:
            continue
        used.add((first, last))
        kind = rng.choice(MEMBERSHIPS)
        age = (
            rng.randint(18, 25)
            if kind == "student"
            else (rng.randint(65, 88) if kind == "senior" else rng.randint(19, 64))
        )
        joined = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3200))
        city = rng.choice(CITIES)
        home = [b[0] for b in BRANCHES if b[2] == city] or [1]
        members.append(
            (len(members) + 1, first, last, age, city, kind, joined.isoformat(), rng.choice(home))
        )
    loans = []
    lendable = [b for b in books if b[0] not in (20, 35, 56)]  # three books never lent
    for loan_id in range(1, 281):
        book = rng.choice(lendable)
        member = rng.choice(members[:104])  # the last 16 members never borrowed
        start = date(2023, 1, 2) + timedelta(days=rng.randint(0, 540))
        due = start + timedelta(days=21)
        late = rng.random()
        if start > date(2024, 6, 1) and late < 0.3:
            returned, fine = None, None
        elif late < 0.2:
            back = due + timedelta(days=rng.randint(1, 30))
            returned, fine = back.isoformat(), round(0.25 * (back - due).days, 2)
        else:
            returned, fine = (start + timedelta(days=rng.randint(3, 21))).isoformat(), 0.0
        loans.append(
            (loan_id, book[0], member[0], start.isoformat(), due.isoformat(), returned, fine)
        )
    write(
        path,
        DDL,
        {"branch": BRANCHES, "author": authors, "book": books, "member": members, "loan": loans},
    )
