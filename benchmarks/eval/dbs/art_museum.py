"""A city art museum: artists, the artworks in its collection, the galleries that hang them,
temporary exhibitions and the artworks each exhibition shows.

Naming quirks, as in a hand-written schema: ``artists``, ``artworks`` and ``exhibitions`` are
lower snake_case, while ``Galleries`` is CamelCase (``GalleryID``, ``GalleryName``, ``FloorNo``,
``Wing``, ``Mgr_Name``). Abbreviated columns: ``acq_yr`` (year the museum acquired a work),
``visitor_cnt`` (visitors an exhibition had) and ``Mgr_Name`` (the gallery's manager).
``nationality`` (e.g. 'French'), ``medium`` (e.g. 'Oil', 'Bronze') and ``Wing`` (e.g. 'East')
are free text people filter on. ``death_year`` is NULL for living artists and ``gallery_id`` is
NULL for works in storage. ``exhibition_items.artwork_id`` links to ``artworks`` without a
declared foreign key (the other links are declared). Dates are ISO text; money is in dollars.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.eval.dbs.common import write

NAME = "art_museum"
SEED = 6121

DDL = (
    """CREATE TABLE artists (
        artist_id INTEGER PRIMARY KEY,
        full_name TEXT NOT NULL,
        nationality TEXT,
        birth_year INTEGER,
        death_year INTEGER
    )""",
    """CREATE TABLE Galleries (
        GalleryID INTEGER PRIMARY KEY,
        GalleryName TEXT NOT NULL,
        FloorNo INTEGER,
        Wing TEXT,
        Mgr_Name TEXT
    )""",
    """CREATE TABLE artworks (
        artwork_id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        artist_id INTEGER REFERENCES artists(artist_id),
        year_created INTEGER,
        medium TEXT,
        gallery_id INTEGER REFERENCES Galleries(GalleryID),
        insured_value REAL,
        acq_yr INTEGER
    )""",
    """CREATE TABLE exhibitions (
        exhibition_id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        curator TEXT,
        ticket_price REAL,
        visitor_cnt INTEGER
    )""",
    """CREATE TABLE exhibition_items (
        exhibition_id INTEGER REFERENCES exhibitions(exhibition_id),
        artwork_id INTEGER,
        room_label TEXT,
        PRIMARY KEY (exhibition_id, artwork_id)
    )""",
)

#: (full name, nationality, birth year, death year or None, media the artist works in)
ARTISTS = (
    ("Margaux Delacroix", "French", 1841, 1917, ("Oil", "Watercolor")),
    ("Henrik Aalto", "Finnish", 1902, 1976, ("Oil", "Ink")),
    ("Isabella Conti", "Italian", 1868, 1931, ("Marble", "Bronze")),
    ("Pieter van Houten", "Dutch", 1823, 1890, ("Oil",)),
    ("Elena Vargas", "Spanish", 1955, None, ("Acrylic", "Oil")),
    ("Thomas Whitfield", "British", 1879, 1954, ("Watercolor", "Oil")),
    ("Hiroshi Kameda", "Japanese", 1931, 2008, ("Ink", "Woodblock")),
    ("Clara Brandt", "German", 1888, 1962, ("Oil", "Bronze")),
    ("Samuel Okafor", "Nigerian", 1968, None, ("Bronze", "Acrylic")),
    ("Lucía Moreno", "Mexican", 1912, 1989, ("Oil", "Tempera")),
    ("Jean-Luc Marchand", "French", 1859, 1923, ("Oil",)),
    ("Agnes Lindqvist", "Swedish", 1945, None, ("Photograph",)),
    ("Walter Hughes", "American", 1921, 1999, ("Acrylic", "Oil")),
    ("Rosa Fiorentino", "Italian", 1796, 1861, ("Tempera", "Oil")),
    ("Kenji Morimoto", "Japanese", 1974, None, ("Photograph", "Ink")),
    ("Ingrid Solberg", "Norwegian", 1863, 1940, ("Oil", "Woodblock")),
    ("Daniel Brooks", "American", 1950, None, ("Photograph", "Acrylic")),
    ("Amélie Girard", "French", 1890, 1971, ("Bronze", "Marble")),
    ("Carlos Ibáñez", "Spanish", 1881, 1949, ("Oil", "Ink")),
    ("Frieda Köhler", "German", 1933, 2015, ("Acrylic", "Photograph")),
    ("Edward Lancaster", "British", 1812, 1879, ("Oil", "Watercolor")),
    ("Mei Lin Chen", "Chinese", 1962, None, ("Ink", "Watercolor")),
    ("Oskar Novak", "Czech", 1896, 1958, ("Woodblock", "Oil")),
    ("Beatrice Hale", "American", 1984, None, ("Acrylic", "Photograph")),
    ("Giovanni Ferraro", "Italian", 1905, 1988, ("Bronze", "Marble")),
    ("Nadia Petrova", "Russian", 1918, 2003, ("Oil", "Tempera")),
    ("Louis Fontaine", "French", 1925, 2011, ("Oil", "Acrylic")),
    ("Yuki Tanabe", "Japanese", 1990, None, ("Photograph",)),
    ("Harriet Cole", "British", 1938, None, ("Watercolor",)),
    ("Mateo Ruiz", "Mexican", 1977, None, ("Acrylic", "Bronze")),
    ("Anton Weber", "German", 1849, 1913, ("Oil", "Ink")),
    ("Sophie Lambert", "Belgian", 1899, 1966, ("Oil", "Watercolor")),
    ("Ruth Goldberg", "American", 1940, 2020, ("Photograph", "Acrylic")),
    ("Jan de Vries", "Dutch", 1851, 1907, ("Oil", "Watercolor")),
    # the museum owns nothing by these yet
    ("Aisha Rahman", "Pakistani", 1987, None, ()),
    ("Viktor Halvorsen", "Norwegian", 1929, 1994, ()),
    ("Camille Rousseau", "French", 1972, None, ()),
    ("Pablo Serrano", "Spanish", 1908, 1985, ()),
)
#: (name, floor, wing, manager)
GALLERIES = (
    ("Renaissance Hall", 1, "West", "Laura Bennett"),
    ("Dutch Masters Room", 1, "West", "Laura Bennett"),
    ("Impressionist Gallery", 2, "West", "Marcus Reed"),
    ("Sculpture Court", 0, "Central", "Nora Feld"),
    ("Asian Art Gallery", 2, "East", "Kenta Ishii"),
    ("Modern Gallery A", 3, "North", "Priya Sharma"),
    ("Modern Gallery B", 3, "North", "Priya Sharma"),
    ("Photography Suite", 3, "East", "Daniel Ortiz"),
    ("Print Room", 2, "East", "Kenta Ishii"),
    ("Romantic Gallery", 1, "West", "Marcus Reed"),
    ("Garden Pavilion", 0, "South", "Nora Feld"),
    ("Contemporary Loft", 4, "North", "Priya Sharma"),
    ("Latin American Gallery", 2, "South", "Sofia Alvarez"),
    ("Nordic Room", 2, "North", "Marcus Reed"),
    ("Bronze Gallery", 1, "Central", "Nora Feld"),
    ("Watercolour Cabinet", 2, "West", "Laura Bennett"),
    ("African Art Gallery", 1, "South", "Sofia Alvarez"),
    ("Temporary Hall 1", 0, "East", "Daniel Ortiz"),
    ("Temporary Hall 2", 0, "East", "Daniel Ortiz"),
    ("Education Studio", 4, "South", "Sofia Alvarez"),
)
#: where each medium usually hangs (gallery ids)
HOMES = {
    "Oil": (1, 2, 3, 6, 7, 10, 13, 14),
    "Watercolor": (3, 10, 16),
    "Marble": (4, 11, 15),
    "Bronze": (4, 11, 15, 17),
    "Acrylic": (6, 7, 12, 13),
    "Ink": (5, 9),
    "Woodblock": (5, 9, 14),
    "Photograph": (8, 12),
    "Tempera": (1, 13),
}
#: (title, start, end, curator, ticket price, visitors)
EXHIBITIONS = (
    ("Light and Water", "2019-03-15", "2019-07-28", "Helen Marsh", 18.0, 41250),
    ("Northern Lights: Nordic Painting", "2019-09-10", "2020-01-12", "Erik Dahl", 16.0, 28740),
    ("Bronze Age to Modern Age", "2020-02-01", "2020-03-15", "Nora Feld", 14.0, 9810),
    ("Ink and Paper", "2020-09-05", "2020-12-20", "Kenta Ishii", 12.0, 15320),
    ("Portraits of a Century", "2021-02-14", "2021-06-30", "Helen Marsh", 20.0, 52480),
    ("The Camera's Eye", "2021-08-01", "2021-11-14", "Daniel Ortiz", 15.0, 33905),
    ("Colour Field", "2021-12-01", "2022-03-27", "Priya Sharma", 17.5, 27160),
    ("Stone and Metal", "2022-04-20", "2022-08-31", "Nora Feld", 14.0, 19875),
    ("Masters of the Golden Age", "2022-10-01", "2023-02-26", "Helen Marsh", 24.0, 68310),
    ("Mexican Modernism", "2023-03-10", "2023-06-18", "Sofia Alvarez", 16.0, 30115),
    ("Women Who Painted", "2023-07-01", "2023-10-29", "Helen Marsh", 18.0, 45620),
    ("Quiet Rooms", "2023-11-15", "2024-02-11", "Erik Dahl", 13.0, 12940),
    ("Waves and Mountains", "2024-03-01", "2024-06-30", "Kenta Ishii", 19.0, 38770),
    ("New Voices", "2024-07-12", "2024-10-06", "Priya Sharma", 10.0, 21530),
    ("The Sculptor's Hand", "2024-11-01", "2025-02-23", "Nora Feld", 15.0, 24410),
    ("Impressions of Paris", "2025-03-14", "2025-07-20", "Marcus Reed", 22.0, 57390),
    ("Shadows and Silver", "2025-08-01", "2025-11-09", "Daniel Ortiz", 16.5, 18260),
    ("Acquisitions 2020-2025", "2025-09-20", "2026-01-18", "Marcus Reed", 0.0, 8120),
    ("Winter Landscapes", "2025-12-05", "2026-03-29", "Erik Dahl", 15.0, 3475),
    ("Future Perfect", "2026-04-10", "2026-08-30", "Priya Sharma", 21.0, 0),
)
ADJECTIVES = (
    "Silent",
    "Golden",
    "Blue",
    "Crimson",
    "Distant",
    "Early",
    "Late",
    "Broken",
    "Quiet",
    "Winter",
    "Summer",
    "Morning",
    "Evening",
    "Hidden",
    "Fallen",
    "Wild",
    "Pale",
    "Northern",
)
NOUNS = (
    "Harbour",
    "Garden",
    "Orchard",
    "Figure",
    "Portrait",
    "Landscape",
    "River",
    "Bridge",
    "Dancer",
    "Horse",
    "Mountain",
    "Window",
    "Still Life",
    "Lighthouse",
    "Market",
    "Cathedral",
    "Forest",
    "Study",
)
#: insured value range per medium, in dollars
VALUE_RANGE = {
    "Oil": (40_000, 2_400_000),
    "Watercolor": (8_000, 300_000),
    "Marble": (60_000, 1_500_000),
    "Bronze": (30_000, 1_200_000),
    "Acrylic": (15_000, 700_000),
    "Ink": (5_000, 180_000),
    "Woodblock": (4_000, 120_000),
    "Photograph": (2_500, 90_000),
    "Tempera": (50_000, 1_800_000),
}


def build(path: Path) -> None:
    rng = random.Random(SEED)
    artists = [
        (i, name, nat, born, died) for i, (name, nat, born, died, _) in enumerate(ARTISTS, 1)
    ]
    galleries = [(i, *g) for i, g in enumerate(GALLERIES, 1)]

    artworks = []
    titles: set[str] = set()
    # the more prolific artists get more works in the collection
    weights = [0 if not media else rng.choice((2, 3, 4, 5, 6, 8)) for *_, media in ARTISTS]
    weights[0] = 14  # Margaux Delacroix: the best represented artist
    for aid in range(1, 211):
        idx = rng.choices(range(len(ARTISTS)), weights=weights)[0]
        _, _, born, died, media = ARTISTS[idx]
        medium = rng.choice(media)
        last = min(died if died else 2025, 2025)
        year = rng.randint(born + 18, max(born + 19, last))
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        while title in titles:
            title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            if title in titles:
                title = f"{title} {rng.choice(('I', 'II', 'III', 'IV', 'No. 2', 'No. 3'))}"
        titles.add(title)
        # works in galleries 18-20 only when shown there; about one in nine is in storage
        gallery = None if rng.random() < 0.11 else rng.choice(HOMES[medium])
        low, high = VALUE_RANGE[medium]
        value = round(rng.uniform(low, high) / 500) * 500
        acquired = rng.randint(max(year, 1880), 2025)
        artworks.append((aid, title, idx + 1, year, medium, gallery, float(value), acquired))
    # one unmistakable top work
    artworks[41] = (42, "The Great Harbour at Dawn", 1, 1872, "Oil", 3, 4_750_000.0, 1921)

    items = []
    by_medium: dict[str, list[int]] = {}
    for work in artworks:
        by_medium.setdefault(work[4], []).append(work[0])
    themes = (
        ("Watercolor", "Oil"),
        ("Oil",),
        ("Bronze", "Marble"),
        ("Ink", "Woodblock"),
        ("Oil", "Tempera"),
        ("Photograph",),
        ("Acrylic",),
        ("Marble", "Bronze"),
        ("Oil", "Tempera"),
        ("Oil", "Acrylic", "Bronze"),
        ("Oil", "Watercolor", "Photograph"),
        ("Ink", "Watercolor"),
        ("Ink", "Woodblock", "Watercolor"),
        ("Acrylic", "Photograph"),
        ("Bronze", "Marble"),
        ("Oil", "Watercolor"),
        ("Photograph",),
        ("Oil", "Acrylic", "Photograph", "Bronze"),
        ("Oil", "Watercolor", "Woodblock"),
        (),  # Future Perfect: nothing chosen yet
    )
    sizes = (9, 8, 5, 7, 12, 8, 6, 7, 15, 6, 10, 4, 9, 7, 8, 11, 5, 10, 6, 0)
    for eid, (media, size) in enumerate(zip(themes, sizes, strict=True), 1):
        pool = sorted({w for m in media for w in by_medium[m]})
        chosen = sorted(rng.sample(pool, min(size, len(pool))))
        for n, work in enumerate(chosen, 1):
            items.append((eid, work, f"Room {chr(64 + (n - 1) // 4 + 1)}"))
    exhibitions = [(i, *e) for i, e in enumerate(EXHIBITIONS, 1)]
    write(
        path,
        DDL,
        {
            "artists": artists,
            "Galleries": galleries,
            "artworks": artworks,
            "exhibitions": exhibitions,
            "exhibition_items": items,
        },
    )
