"""Build and cache the bundled sp500insight SQLite database.

The database is generated (about a second) the first time it is needed and
cached under ``$XDG_CACHE_HOME/c2q`` with the seed version in its name, so a
changed generator never reuses stale data. The file is written to a
temporary name in the same directory and renamed into place, so concurrent
first starts (parallel tests, two terminals) never see a half-built file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from c2q_repl.sandbox.schema import SP500_TABLES, sqlite_ddl
from c2q_repl.sandbox.seed_data import SeedData, generate

SEED_VERSION = 2
SEED = 500
DATABASE_NAME = "sp500insight"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "c2q"


def seed_file_name() -> str:
    return f"{DATABASE_NAME}-seed{SEED_VERSION}.sqlite"


def ensure_sp500insight(cache_dir: Path | None = None) -> Path:
    """Path of the cached sp500insight SQLite file, building it on first use."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    target = directory / seed_file_name()
    if target.is_file():
        return target
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{DATABASE_NAME}-", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        write_sqlite(Path(tmp_name), generate(SEED))
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def write_sqlite(path: Path, data: SeedData) -> None:
    """Create the schema and load every row into a fresh SQLite file at ``path``."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(
            "PRAGMA cache_size=-131072"
        )  # 128 MiB: the whole build stays in memory until commit
        conn.execute("BEGIN")
        for table in SP500_TABLES:
            conn.execute(sqlite_ddl(table))
            marks = ", ".join("?" for _ in table.columns)
            conn.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', data.rows[table.name])
        conn.execute(
            "CREATE INDEX idx_stock_price_symbol ON stock_price_history (stock_symbol, record_date)"
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()
