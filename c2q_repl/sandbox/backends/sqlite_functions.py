"""MySQL functions registered on SQLite connections.

The sandbox speaks MySQL (TiDB's dialect) and :mod:`c2q_repl.sandbox.dialect`
translates what sqlglot can express in SQLite; the rest is registered here,
as small pure functions of their arguments (they read no file, keep no state
across rows except an aggregate's own, and never wait) so such SQL runs on
the bundled SQLite database with MySQL's meaning. The implementations live in
:mod:`.mysql_calendar`, :mod:`.mysql_time`, :mod:`.mysql_str_to_date` and :mod:`.mysql_values`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct

from c2q_repl.sandbox.backends import mysql_calendar as c
from c2q_repl.sandbox.backends import mysql_time as t
from c2q_repl.sandbox.backends import mysql_values as v
from c2q_repl.sandbox.backends.mysql_str_to_date import str_to_date

# name → (number of arguments, function); -1 takes any number
_SCALARS = {
    "DAYOFMONTH": (1, t.date_part("DAY")),
    "DATEDIFF": (2, t.datediff),
    "TIMESTAMPDIFF": (3, t.timestampdiff),
    "DATE_ADD": (3, t.date_add),
    "DATE_FORMAT": (2, c.date_format),
    "STR_TO_DATE": (2, str_to_date),
    "WEEKOFYEAR": (1, c.weekofyear),
    "UNIX_TIMESTAMP": (1, t.unix_timestamp),
    "FROM_UNIXTIME": (-1, t.from_unixtime),
    "EXTRACT": (2, t.extract),
    "TIME_TO_SEC": (1, t.time_to_sec),
    "SEC_TO_TIME": (1, t.sec_to_time),
    "TIMEDIFF": (2, t.timediff),
    "FIELD": (-1, v.field),
    "JSON_UNQUOTE": (1, v.json_unquote),
    "TRUNCATE": (2, v.truncate),
    "MYSQL_ROUND": (2, v.round_half_away),
    "MYSQL_SIGNED": (1, v.cast_signed),
    "MYSQL_UNSIGNED": (1, v.cast_unsigned),
    "MYSQL_DECIMAL": (3, v.cast_decimal),
    "MYSQL_SUBSTRING": (-1, v.substring),
    "FORMAT": (-1, v.number_format),
    "SUBSTRING_INDEX": (3, v.substring_index),
    "LPAD": (3, v.lpad),
    "RPAD": (3, v.rpad),
    "REPEAT": (2, v.repeat),
    "REVERSE": (1, v.reverse),
    "CONCAT": (-1, v.concat),
    "CONCAT_WS": (-1, v.concat_ws),
    "REGEXP": (2, v.regexp),
    "FLOAT32": (1, lambda value: _float32(value)),
}
_SCALARS.update({name: (1, t.date_part(name)) for name in t.DATE_PARTS})
_SCALARS.update({name: (1, t.time_part(name)) for name in t.TIME_PARTS})
# WEEK(d) and WEEK(d, mode), YEARWEEK likewise: registered once per number of arguments
_SCALARS.update(
    {f"{n}/{a}": (a, f) for n, f in (("WEEK", c.week), ("YEARWEEK", c.yearweek)) for a in (1, 2)}
)

AGGREGATES = {
    "VAR_POP": v.Variance,
    "VAR_SAMP": v.VarSamp,
    "STDDEV_POP": v.StddevPop,
    "STDDEV_SAMP": v.StddevSamp,
}


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
    for key, (arity, function) in _SCALARS.items():
        conn.create_function(key.split("/")[0], arity, function, deterministic=True)
    for name, window in AGGREGATES.items():
        conn.create_window_function(name, 1, window)
    # variadic (value, separator, distinct, key, desc, …): typeshed knows one-argument steps only
    conn.create_aggregate("MYSQL_GROUP_CONCAT", -1, v.GroupConcat)  # type: ignore[arg-type]
    # the clock: not deterministic
    conn.create_function("UNIX_TIMESTAMP", 0, t.unix_now)
    conn.create_function("NOW", 0, _now)
    conn.create_function("CURDATE", 0, _curdate)
    conn.create_function("CURRENT_DATE", 0, _curdate)
