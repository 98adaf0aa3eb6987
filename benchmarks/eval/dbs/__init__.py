"""Small databases of our own for the blind evaluation sets, each built deterministically.

Every module here has ``NAME`` and ``build(path)``; :func:`ensure_db` builds a database once per
builder version into a cache directory and returns its path.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
from pathlib import Path

NAMES = (
    "school",
    "shop",
    "music",
    "hr",
    "library",
    "clinic",
    "league",
    "railway",
    "restaurant",
    "bikeshare",
    "warehouse",
    "cinema_club",
    "marathon",
    "bugtracker",
    "vet_clinic",
    "gym",
    "airport_shuttle",
    "hotel_stays",
    "conference",
    "farmers_market",
    "film_rental",
    "art_museum",
    "car_dealer",
    "dental_practice",
    "bus_network",
)


def cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"c2q-eval-dbs-{os.getuid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_db(name: str, directory: Path | None = None) -> Path:
    """Path of database ``name`` (built now if this builder version has no file yet)."""
    if name not in NAMES:
        raise ValueError(f"unknown evaluation database {name!r} (expected one of {NAMES})")
    module = importlib.import_module(f"benchmarks.eval.dbs.{name}")
    source = (
        Path(str(module.__file__)).read_bytes() + Path(__file__).with_name("common.py").read_bytes()
    )
    digest = hashlib.sha256(source).hexdigest()[:10]
    target = (directory or cache_dir()) / f"{name}.sqlite"
    stamp = target.with_suffix(".version")
    if target.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return target
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        module.build(Path(tmp))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    stamp.write_text(digest)
    return target
