"""A music store: mixed naming (snake_case artist/album/track with declared foreign keys; a
Listener/Playlist side in CamelCase with abbreviations (DOB, ListenerID) and no foreign keys)."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.eval.dbs.common import FIRST_NAMES, LAST_NAMES, PLACES, write

NAME = "music"
SEED = 303

DDL = (
    """CREATE TABLE artist (
        artist_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        country TEXT,
        formed_year INTEGER
    )""",
    """CREATE TABLE album (
        album_id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        artist_id INTEGER NOT NULL REFERENCES artist(artist_id),
        release_year INTEGER,
        genre TEXT,
        label TEXT
    )""",
    """CREATE TABLE track (
        track_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        album_id INTEGER NOT NULL REFERENCES album(album_id),
        milliseconds INTEGER,
        unit_price REAL,
        play_count INTEGER
    )""",
    """CREATE TABLE Listener (
        ListenerID INTEGER PRIMARY KEY,
        UserName TEXT,
        Country TEXT,
        DOB DATE,
        Gender TEXT,
        PremiumTier TEXT
    )""",
    """CREATE TABLE Playlist (
        PlaylistID INTEGER PRIMARY KEY,
        PName TEXT,
        ListenerID INTEGER,
        CreatedOn DATE
    )""",
    """CREATE TABLE PlaylistTrack (
        PlaylistID INTEGER,
        TrackID INTEGER,
        PRIMARY KEY (PlaylistID, TrackID)
    )""",
)

ARTISTS = (
    ("The Velvet Owls", "United Kingdom", 1998),
    ("Luna Park", "France", 2009),
    ("Kraftwerk Kids", "Germany", 1985),
    ("Samba Azul", "Brazil", 2001),
    ("Neon Harbor", "United States", 2012),
    ("Sakura Drive", "Japan", 2015),
    ("Maple Echo", "Canada", 2005),
    ("Rossa Notte", "Italy", 1993),
    ("Desert Static", "United States", 2018),
    ("Quiet Riot Girls", "United Kingdom", 2010),
    ("Bombay Beats", "India", 2007),
    ("Flamenco Futuro", "Spain", 2016),
)
GENRES = ("Rock", "Pop", "Electronic", "Jazz", "Hip Hop", "Folk")
LABELS = ("Blue Note", "Sub Pop", "Warp", "XL Recordings", "Independent")
WORDS = (
    "Midnight",
    "Golden",
    "River",
    "Echoes",
    "Fire",
    "Paper",
    "Silver",
    "Dreams",
    "Northern",
    "Lights",
    "Ghost",
    "Summer",
    "Static",
    "Heart",
    "Ocean",
    "Wild",
    "City",
    "Stars",
)
TIERS = ("free", "free", "student", "family", "premium")


def build(path: Path) -> None:
    rng = random.Random(SEED)
    artists = [(i + 1, *a) for i, a in enumerate(ARTISTS)]
    albums: list[tuple] = []
    tracks: list[tuple] = []
    for artist in artists:
        for _ in range(rng.randint(1, 4)):
            year = rng.randint(max(artist[3], 1990), 2023)
            title = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
            albums.append(
                (len(albums) + 1, title, artist[0], year, rng.choice(GENRES), rng.choice(LABELS))
            )
    for album in albums:
        for _ in range(rng.randint(6, 12)):
            tracks.append(
                (
                    len(tracks) + 1,
                    f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()}",
                    album[0],
                    rng.randint(95_000, 420_000),
                    rng.choice((0.99, 0.99, 1.29)),
                    rng.randint(0, 50_000),
                )
            )
    listeners = []
    for lid in range(1, 81):
        country, _ = rng.choice(PLACES)
        first = rng.choice(FIRST_NAMES)
        listeners.append(
            (
                lid,
                f"{first.lower()}{rng.choice(LAST_NAMES)[:3].lower()}{lid}",
                country,
                f"{rng.randint(1960, 2007)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(("female", "male", "female", "male", "non-binary")),
                rng.choice(TIERS),
            )
        )
    playlists, entries = [], []
    for pid in range(1, 61):
        owner = rng.choice(listeners[:65])  # listeners 66-80 made no playlist
        playlists.append(
            (
                pid,
                f"{rng.choice(WORDS)} Mix",
                owner[0],
                f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )
        )
        for track in rng.sample(tracks, rng.randint(3, 9)):
            entries.append((pid, track[0]))
    write(
        path,
        DDL,
        {
            "artist": artists,
            "album": albums,
            "track": tracks,
            "Listener": listeners,
            "Playlist": playlists,
            "PlaylistTrack": entries,
        },
    )
