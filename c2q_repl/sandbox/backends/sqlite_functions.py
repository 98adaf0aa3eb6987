"""MySQL functions registered on SQLite connections.

Chat2Query targets TiDB, so SQL written by an LLM (or pasted by a user) is
MySQL-flavoured; sqlglot leaves YEAR(), NOW(), DATE_SUB(..., INTERVAL ...)
and friends untranslated. These small, pure shims let such SQL run on the
bundled SQLite database with MySQL's meaning.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct


def _date(value) -> dt.date | None:
    if value is None:
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _part(attr: str):
    def fn(value):
        d = _date(value)
        return None if d is None else getattr(d, attr)

    return fn


def _quarter(value):
    d = _date(value)
    return None if d is None else (d.month - 1) // 3 + 1


def _datediff(a, b):
    da, db = _date(a), _date(b)
    return None if da is None or db is None else (da - db).days


def _if(cond, a, b):
    return a if cond not in (None, 0, "", "0") else b


def _concat(*parts):
    if any(p is None for p in parts):
        return None
    return "".join(str(p) for p in parts)


def _float32(value):
    """The double a single-precision FLOAT column holds in MySQL (0.1 → 0.10000000149011612)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    try:
        return struct.unpack("f", struct.pack("f", float(value)))[0]
    except OverflowError:
        return value


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def _curdate() -> str:
    return dt.date.today().isoformat()


def register(conn: sqlite3.Connection) -> None:
    deterministic = {"deterministic": True}
    conn.create_function("YEAR", 1, _part("year"), **deterministic)
    conn.create_function("MONTH", 1, _part("month"), **deterministic)
    conn.create_function("DAY", 1, _part("day"), **deterministic)
    conn.create_function("DAYOFMONTH", 1, _part("day"), **deterministic)
    conn.create_function("QUARTER", 1, _quarter, **deterministic)
    conn.create_function("DATEDIFF", 2, _datediff, **deterministic)
    conn.create_function("IF", 3, _if, **deterministic)
    conn.create_function("CONCAT", -1, _concat, **deterministic)
    conn.create_function("FLOAT32", 1, _float32, **deterministic)
    conn.create_function("NOW", 0, _now)
    conn.create_function("CURDATE", 0, _curdate)
    conn.create_function("CURRENT_DATE", 0, _curdate)
