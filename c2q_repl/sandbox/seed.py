"""Provide the bundled sp500insight SQLite database, fast and safely, on first use.

The first ``c2q`` on a machine needs the database before its session opens, so
the package ships it prebuilt and gzip-compressed (``sandbox/data``): first use
streams it out into ``$XDG_CACHE_HOME/c2q`` (about 0.3 s, a few MB of memory).
Without that file (a changed generator in a development tree) it is generated
in streaming batches, one stock at a time, so memory stays flat.

Robustness, because first starts happen in parallel (two terminals, parallel
tests) and get killed:

* one build at a time per cache directory: an exclusive ``flock`` on
  ``.sp500insight.lock``; whoever waited finds the file ready and builds nothing;
* nothing half-built is ever visible: the file is written anonymously
  (``O_TMPFILE``, so a ``kill -9`` leaves nothing behind) and linked into place
  when complete; where that is unsupported, a named temporary file is renamed
  into place, and temporary files of killed builds are removed by the next one.

The file name carries the seed version, so a changed generator never reuses
stale data.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import sqlite3
import sys
import zlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Protocol

from c2q_repl.sandbox.schema import SP500_TABLES, sqlite_ddl

SEED_VERSION = 3
SEED = 500
DATABASE_NAME = "sp500insight"
TEMP_PREFIX = f".{DATABASE_NAME}-"
TEMP_SUFFIX = ".tmp"
LOCK_NAME = f".{DATABASE_NAME}.lock"
_CHUNK = 1 << 20
_INFLATE_STEP = 1 << 20  # compressed bytes a zlib call (about 2.7 MB out)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "c2q"


def seed_file_name() -> str:
    return f"{DATABASE_NAME}-seed{SEED_VERSION}.sqlite"


def packaged_file_name() -> str:
    return seed_file_name() + ".gz"


def packaged_database() -> resources.abc.Traversable | None:
    """The prebuilt, compressed database shipped in the package, if it matches this seed version."""
    found = resources.files("c2q_repl.sandbox").joinpath("data", packaged_file_name())
    return found if found.is_file() else None


def ensure_sp500insight(cache_dir: Path | None = None) -> Path:
    """Path of the cached sp500insight SQLite file, providing it on first use."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    target = directory / seed_file_name()
    if target.is_file():
        return target
    directory.mkdir(parents=True, exist_ok=True)
    with build_lock(directory):
        if target.is_file():  # built by the process we waited for
            return target
        remove_stale_temp_files(directory)
        packaged = packaged_database()
        if packaged is not None:
            with packaged.open("rb") as raw:
                _write_atomically(target, lambda out: _inflate(raw, out))
        else:
            _build_atomically(target)
    return target


@contextlib.contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Exclusive across processes (``flock``, released by the kernel even on ``kill -9``)."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the atomic rename still keeps readers safe
        yield
        return
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale_temp_files(directory: Path) -> None:
    """Temporary files of builds that were killed (only call with the build lock held)."""
    for stale in directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*"):
        stale.unlink(missing_ok=True)


class _Reader(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class _Writer(Protocol):
    def write(self, data: bytes, /) -> object: ...


def _copy(source: _Reader, out: _Writer) -> None:
    while chunk := source.read(_CHUNK):
        out.write(chunk)


def _inflate(source: _Reader, out: _Writer) -> None:
    """Decompress the gzip stream ``source`` into ``out`` in few, large zlib calls: zlib
    releases the GIL inside each, so on a first run the copy proceeds on another core
    while the UI and the server import (``GzipFile.read`` in 1 MB steps held the GIL
    between many small calls and took twice as long next to them)."""
    inflater = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
    while compressed := source.read(_INFLATE_STEP):
        while compressed:
            out.write(inflater.decompress(compressed))
            compressed = inflater.unused_data  # a further gzip member follows
            if compressed:
                out.write(inflater.flush())
                inflater = zlib.decompressobj(wbits=31)
    out.write(inflater.flush())
    if not inflater.eof:
        raise EOFError("the packaged database is truncated (reinstall c2q)")


def _write_atomically(target: Path, write) -> None:
    """Write ``target`` through ``write(file)`` so that it appears complete or not at all."""
    fd = _anonymous_file(target.parent)
    if fd is not None:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            _link_into_place(out.fileno(), target)
        return
    temp = _temp_path(target.parent)
    try:
        with open(temp, "wb") as out:
            write(out)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _anonymous_file(directory: Path) -> int | None:
    """An unnamed file in ``directory`` (Linux ``O_TMPFILE``): it vanishes if we are killed."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o644)
    except OSError:  # the file system does not support it
        return None


def _link_into_place(fd: int, target: Path) -> None:
    """Give the anonymous file ``fd`` its name. A directory fd makes ``os.link`` call
    ``linkat(AT_SYMLINK_FOLLOW)``; plain ``link()`` would try to link the /proc symlink itself."""
    directory = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(f"/proc/self/fd/{fd}", target.name, dst_dir_fd=directory, follow_symlinks=True)
    finally:
        os.close(directory)


def _temp_path(directory: Path) -> Path:
    return directory / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"


def _build_atomically(target: Path) -> None:
    """Generate the database into a named temporary file (SQLite needs a path) and rename it."""
    temp = _temp_path(target.parent)
    try:
        write_sqlite(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_sqlite(path: Path, seed: int = SEED) -> None:
    """Create the schema and load every row into a fresh SQLite file at ``path``.

    Rows arrive in batches (one stock's history at a time) and go straight to
    SQLite, whose page cache is kept small: memory stays flat whatever the size.
    """
    from c2q_repl.sandbox.seed_data import iter_rows

    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-16384")  # 16 MiB; pages spill to the file beyond that
        conn.execute("BEGIN")
        inserts = {}
        for table in SP500_TABLES:
            conn.execute(sqlite_ddl(table))
            marks = ", ".join("?" for _ in table.columns)
            inserts[table.name] = f'INSERT INTO "{table.name}" VALUES ({marks})'
        for table_name, rows in iter_rows(seed):
            conn.executemany(inserts[table_name], rows)
        conn.execute(
            "CREATE INDEX idx_stock_price_symbol ON stock_price_history (stock_symbol, record_date)"
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("VACUUM")  # pages in order: smaller, and it compresses better
    finally:
        conn.close()


def write_packaged_database(directory: Path) -> Path:
    """Regenerate the compressed database shipped in the package (run after changing the generator)."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob(f"{DATABASE_NAME}-seed*.sqlite.gz"):
        old.unlink()
    built = directory / seed_file_name()
    write_sqlite(built)
    target = directory / packaged_file_name()
    # mtime=0 and no file name in the header: the same bytes on every machine
    with (
        open(built, "rb") as source,
        open(target, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out,
    ):
        _copy(source, out)
    built.unlink()
    return target


if __name__ == "__main__":  # python -m c2q_repl.sandbox.seed: refresh sandbox/data
    print(write_packaged_database(Path(__file__).resolve().parent / "data"), file=sys.stderr)
