"""MySQL functions users and LLMs write, run by the SQLite backend with MySQL's answer.

Each case is a MySQL statement and the rows the sandbox must return for it (as
text, NULL as None). Every case failed, or silently gave another value, before
the SQLite backend learned it. With C2Q_TEST_MYSQL_URL set, each statement also
runs on MariaDB (session time zone UTC, as TiDB Cloud's) and must give the same
rows (numbers compared as numbers: MariaDB returns DECIMAL where SQLite holds REAL).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import SQLExecutionError

MYSQL_URL = os.environ.get("C2Q_TEST_MYSQL_URL")
ROWS3 = "(SELECT 1 AS x, 'a' AS s, 3 AS k UNION ALL SELECT 2, 'b', 1 UNION ALL SELECT 4, 'a', 2 UNION ALL SELECT NULL, NULL, 4) t"
DAY = "'2023-05-06'"  # a Saturday
STAMP = "'2023-05-06 13:04:05'"

CASES: list[tuple[str, list[list[str | None]]]] = [
    # TIMESTAMPDIFF: whole units, truncated toward zero; months count only complete months
    (
        "SELECT TIMESTAMPDIFF(DAY, '2023-01-01', '2023-03-05 10:00:00'), "
        "TIMESTAMPDIFF(MONTH, '2023-01-31', '2023-02-28'), TIMESTAMPDIFF(YEAR, '2020-02-29', '2023-02-28'), "
        "TIMESTAMPDIFF(HOUR, '2023-01-02', '2023-01-01 01:30'), TIMESTAMPDIFF(WEEK, '2023-01-01', '2023-03-01')",
        [["63", "0", "2", "-22", "8"]],
    ),
    (
        "SELECT TIMESTAMPDIFF(QUARTER, '2023-01-01', '2023-12-31'), "
        "TIMESTAMPDIFF(MINUTE, '2023-01-01', '2023-01-01 10:11:12'), "
        "TIMESTAMPDIFF(SECOND, '2023-01-01', '2023-01-01 10:11:12'), TIMESTAMPDIFF(DAY, NULL, '2023-01-01')",
        [["3", "611", "36672", None]],
    ),
    # LEFT / RIGHT / MID / SUBSTRING with MySQL's edge positions
    (
        "SELECT LEFT('hello', 2), RIGHT('hello', 2), RIGHT('hello', 0), RIGHT('hello', 9), "
        "LEFT('hello', -1), RIGHT('hello', -1), LEFT(NULL, 2)",
        [["he", "lo", "", "hello", "", "", None]],
    ),
    (
        "SELECT MID('hello', 2, 2), SUBSTRING('hello', 0), SUBSTRING('hello', -9), SUBSTRING('hello', -3, 2)",
        [["el", "", "", "ll"]],
    ),
    (
        "SELECT SUBSTRING_INDEX('a.b.c', '.', 2), SUBSTRING_INDEX('a.b.c', '.', -2), "
        "SUBSTRING_INDEX('a.b.c', '.', 0), SUBSTRING_INDEX('www.example.com', '.', -1)",
        [["a.b", "b.c", "", "com"]],
    ),
    (
        f"SELECT GROUP_CONCAT(s ORDER BY k DESC SEPARATOR ';'), GROUP_CONCAT(DISTINCT s ORDER BY s), "
        f"GROUP_CONCAT(DISTINCT s SEPARATOR '|'), GROUP_CONCAT(x ORDER BY x DESC) FROM {ROWS3}",
        [["a;a;b", "a,b", "a|b", "4,2,1"]],
    ),
    # STR_TO_DATE: date, datetime or time by the pattern; unset parts are 0; misfits NULL
    (
        "SELECT STR_TO_DATE('05/06/2023', '%m/%d/%Y'), STR_TO_DATE('May 6 2023 3:04 PM', '%b %e %Y %l:%i %p'), "
        "STR_TO_DATE('2023-05', '%Y-%m'), STR_TO_DATE('10:11', '%H:%i'), STR_TO_DATE('x', '%Y'), "
        "STR_TO_DATE('6th of May, 23', '%D of %M, %y')",
        [["2023-05-06", "2023-05-06 15:04:00", "2023-05-00", "10:11:00", None, "2023-05-06"]],
    ),
    (
        f"SELECT LAST_DAY('2023-02-10'), LAST_DAY('2024-02-10 10:00:00'), WEEKDAY({DAY}), "
        f"DAYOFWEEK({DAY}), DAYNAME({DAY}), MONTHNAME({DAY}), DAYOFYEAR({DAY})",
        [["2023-02-28", "2024-02-29", "5", "7", "Saturday", "May", "126"]],
    ),
    (
        "SELECT QUARTER('2023-05-06 10:00:00'), WEEK('2023-05-06'), WEEK('2023-01-01'), WEEK('2023-01-01', 3), "
        "WEEK('2024-12-30', 1), YEARWEEK('2023-01-01'), YEARWEEK('2024-12-30', 3), WEEKOFYEAR('2021-01-03')",
        [["2", "18", "1", "52", "53", "202301", "202501", "53"]],
    ),
    (
        "SELECT LPAD('7', 3, '0'), RPAD('ab', 5, 'xy'), LPAD('hello', 2, 'x'), LPAD('a', -1, 'x'), "
        "LPAD('ab', 5, '')",
        [["007", "abxyx", "he", None, None]],
    ),
    (
        "SELECT FORMAT(1234567.891, 2), FORMAT(-1234.5, 0), FORMAT(0.5, 0), FORMAT(12, 3), FORMAT(NULL, 2)",
        [["1,234,567.89", "-1,235", "1", "12.000", None]],
    ),
    (
        f"SELECT STDDEV(x), STD(x), STDDEV_POP(x), STDDEV_SAMP(x), VARIANCE(x), VAR_POP(x), VAR_SAMP(x) FROM {ROWS3}",
        [
            [
                "1.247219128924647",
                "1.247219128924647",
                "1.247219128924647",
                "1.5275252316519465",
                "1.5555555555555554",
                "1.5555555555555554",
                "2.333333333333333",
            ]
        ],
    ),
    ("SELECT STDDEV_SAMP(x), VAR_SAMP(x), STDDEV(x) FROM (SELECT 1 AS x) t", [[None, None, "0.0"]]),
    (
        "SELECT x, STDDEV_POP(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
        "FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 4) t ORDER BY x",
        [["1", "0.0"], ["2", "0.5"], ["4", "1.0"]],
    ),
    (
        "SELECT UNIX_TIMESTAMP('2023-05-06 00:00:00'), FROM_UNIXTIME(1683331200), "
        "FROM_UNIXTIME(1683331200, '%Y %b %i'), FROM_UNIXTIME(NULL)",
        [["1683331200", "2023-05-06 00:00:00", "2023 May 00", None]],
    ),
    # TRUNCATE keeps its digits (it returned 3.0), toward zero
    (
        "SELECT TRUNCATE(3.14159, 2), TRUNCATE(-3.14159, 1), TRUNCATE(1234, -2), TRUNCATE(-1299, -2), "
        "TRUNCATE(NULL, 2)",
        [["3.14", "-3.1", "1200", "-1200", None]],
    ),
    # DATE_FORMAT: every specifier with a fixed meaning (%b gave NULL)
    (f"SELECT DATE_FORMAT({DAY}, '%b %Y'), DATE_FORMAT('2023-02-30', '%Y')", [["May 2023", None]]),
    (
        f"SELECT DATE_FORMAT({STAMP}, '%a %b %c %D %d %e %f %H %h %I %i %j %k %l %M %m %p %r %S %s %T "
        "%U %u %V %v %W %w %X %x %Y %y %% %q')",
        [
            [
                "Sat May 5 6th 06 6 000000 13 01 01 04 126 13 1 May 05 PM 01:04:05 PM 05 05 13:04:05 "
                "18 18 18 18 Saturday 6 2023 2023 2023 23 % q"
            ]
        ],
    ),
    (
        "SELECT DATE_FORMAT('2021-01-01', '%U %u %V %v %X %x %D'), DATE_FORMAT('2024-12-31', '%U %u %V %v %X %x'), "
        "DATE_FORMAT('2023-05-22 00:30:00', '%h %l %p %r %D')",
        [["00 00 52 53 2020 2020 1st", "52 53 52 01 2024 2025", "12 12 AM 12:30:00 AM 22nd"]],
    ),
    # date arithmetic: months stay in the month, a datetime keeps its time
    (
        "SELECT DATE_ADD('2023-01-31', INTERVAL 1 MONTH), DATE_ADD('2023-05-06 10:00:00', INTERVAL 1 DAY), "
        "DATE_SUB('2024-02-29', INTERVAL 1 YEAR), DATE_ADD('2023-05-06', INTERVAL 3 HOUR), "
        "TIMESTAMPADD(MONTH, 1, '2023-01-31'), '2023-03-31' - INTERVAL 1 QUARTER",
        [
            [
                "2023-02-28",
                "2023-05-07 10:00:00",
                "2023-02-28",
                "2023-05-06 03:00:00",
                "2023-02-28",
                "2022-12-31",
            ]
        ],
    ),
    (
        "SELECT ADDDATE('2023-05-06', 3), SUBDATE('2023-05-06', INTERVAL 1 DAY), "
        "DATE_ADD(d, INTERVAL n DAY) FROM (SELECT '2023-05-06' AS d, 10 AS n) t",
        [["2023-05-09", "2023-05-05", "2023-05-16"]],
    ),
    (
        "SELECT HOUR('2023-05-06 10:11:12'), MINUTE('2023-05-06 10:11:12'), SECOND('2023-05-06 10:11:12'), "
        "HOUR('10:11:12'), MICROSECOND('2023-05-06 10:11:12.5'), TIMESTAMP('2023-05-06')",
        [["10", "11", "12", "10", "500000", "2023-05-06 00:00:00"]],
    ),
    (
        f"SELECT EXTRACT(YEAR FROM {DAY}), EXTRACT(YEAR_MONTH FROM {DAY}), "
        f"EXTRACT(DAY_HOUR FROM '2023-05-06 10:11:12'), EXTRACT(WEEK FROM {DAY}), EXTRACT(QUARTER FROM {DAY})",
        [["2023", "202305", "610", "18", "2"]],
    ),
    (
        "SELECT DATEDIFF('2023-05-06 01:00', '2023-05-05 23:00'), TIME_TO_SEC('01:00:05'), SEC_TO_TIME(3605), "
        "TIMEDIFF('2023-05-06 10:00:00', '2023-05-06 08:30:00'), TIMEDIFF('08:00:00', '10:30:00')",
        [["1", "3605", "01:00:05", "01:30:00", "-02:30:00"]],
    ),
    # casts and rounding as MySQL does them
    (
        "SELECT CAST(3.7 AS SIGNED), CAST(-2.5 AS SIGNED), CONVERT('12', SIGNED), CAST('3.7' AS UNSIGNED), "
        "CAST(1.555 AS DECIMAL(10,2)), CAST(123.4 AS DECIMAL(3,1))",
        [["4", "-3", "12", "3", "1.56", "99.9"]],
    ),
    (
        "SELECT LENGTH('héllo'), CHAR_LENGTH('héllo'), ROUND(1234.5, -1), ROUND(155, -1), ROUND(-155, -1)",
        [["6", "5", "1230.0", "160", "-160"]],
    ),
    (
        "SELECT 'abc' REGEXP '^a', 'abc' RLIKE 'b$', NULL REGEXP 'a', REVERSE('abc'), REPEAT('ab', 3), SPACE(2)",
        [["1", "0", None, "cba", "ababab", "  "]],
    ),
    (
        "SELECT CONCAT_WS('-', 'a', NULL, 'b'), FIELD('b', 'a', 'b'), FIELD(3, 1, 2, 3), FIELD('x', 'a')",
        [["a-b", "2", "3", "0"]],
    ),
    (
        f"SELECT s FROM {ROWS3} WHERE s IS NOT NULL ORDER BY FIELD(s, 'b', 'a'), x",
        [["b"], ["a"], ["a"]],
    ),
    (
        "SELECT COUNT(DISTINCT x, s), COUNT(DISTINCT s, k), JSON_UNQUOTE(JSON_EXTRACT('{\"a\": \"b\"}', '$.a')), "
        "JSON_UNQUOTE('plain') FROM " + ROWS3,
        [["3", "3", "b", "plain"]],
    ),
    (
        "SELECT MIN(RAND()) >= 0, MAX(RAND()) < 1, AVG(RAND()) BETWEEN 0.2 AND 0.8 FROM "
        "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n) t",
        [["1", "1", "1"]],
    ),
]

UNSUPPORTED = [
    ("SELECT DATE_ADD('2023-05-06', INTERVAL '1:30' HOUR_MINUTE)", "DATE_ADD"),
    ("SELECT FORMAT(1234.5, 2, 'de_DE')", "FORMAT"),
    ("SELECT 'aaaa' REGEXP '(a+)+$'", "REGEXP"),
    ("SELECT RAND(7)", "RAND"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("mysqlfn") / "empty.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
    database = SQLiteDatabase(path, name="fn", immutable=True)
    yield database
    database.close()


@pytest.mark.parametrize("sql, expected", CASES, ids=[c[0][7:60] for c in CASES])
def test_sqlite_gives_mysqls_answer(db, sql, expected):
    assert db.query(sql).rows == expected


@pytest.mark.parametrize("sql, function", UNSUPPORTED)
def test_what_sqlite_cannot_do_faithfully_is_refused_by_name(db, sql, function):
    with pytest.raises(SQLExecutionError, match=rf"^{function}\b.*the sandbox"):
        db.query(sql)


# ------------------------------------------------------------------ the same rows on MariaDB
def _mysql_text(value) -> str | None:
    """A value from PyMySQL as MySQL's own client shows it (TIME as ±HH:MM:SS)."""
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        sign = "-" if seconds < 0 else ""
        seconds = abs(seconds)
        return f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


def _same(ours, theirs) -> bool:
    """Equal text, or equal numbers; MariaDB shows some doubles with 4 decimals (STDDEV of
    integers is 1.2472), so ours rounded to MariaDB's decimals must then give its number."""
    if ours is None or theirs is None:
        return ours is theirs
    try:
        mine, its = float(ours), float(theirs)
    except ValueError:
        return ours == theirs
    decimals = len(theirs.partition(".")[2])
    return math.isclose(mine, its, rel_tol=1e-12, abs_tol=1e-12) or (
        0 < decimals < 6 and round(mine, decimals) == its
    )


@pytest.fixture(scope="module")
def mariadb():
    """A MariaDB connection with TiDB Cloud's session time zone (UTC)."""
    if not MYSQL_URL:
        pytest.skip("C2Q_TEST_MYSQL_URL is not set")
    import pymysql

    from c2q_repl.sandbox.backends.mysql import MySQLTarget

    target = MySQLTarget.parse(MYSQL_URL)
    conn = pymysql.connect(
        host=target.host,
        port=target.port,
        user=target.user,
        password=target.password,
        init_command="SET time_zone = '+00:00'",
    )
    yield conn
    conn.close()


@pytest.mark.mysql
def test_mariadb_gives_the_same_rows(mariadb):
    mismatches = []
    with mariadb.cursor() as cur:
        for sql, expected in CASES:
            cur.execute(sql)
            theirs = [[_mysql_text(v) for v in row] for row in cur.fetchall()]
            same = len(theirs) == len(expected) and all(
                len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
                for a, b in zip(expected, theirs)
            )
            if not same:
                mismatches.append(f"{sql}\n  sandbox {expected}\n  mariadb {theirs}")
    assert not mismatches, "\n".join(mismatches)


def _random_calls(seed: int, count: int) -> list[str]:
    """MySQL calls on random datetimes, numbers and strings (dates before 2038: MariaDB's
    UNIX_TIMESTAMP stops there, MySQL 8's does not)."""
    import random

    rng = random.Random(seed)
    units = ("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR")
    formats = ("%Y-%m-%d", "%d/%m/%Y %H:%i", "%b %e, %Y", "%M %D %Y %r", "%y%m%d")

    def moment() -> str:
        value = dt.datetime(2000, 1, 1) + dt.timedelta(seconds=rng.randint(0, 37 * 365 * 86400))
        return value.strftime("%Y-%m-%d %H:%M:%S" if rng.random() < 0.6 else "%Y-%m-%d")

    calls = []
    for _ in range(count):
        a, b, unit, n = moment(), moment(), rng.choice(units), rng.randint(-40, 40)
        x, d, k = (
            round(rng.uniform(-1e6, 1e6), rng.randint(0, 6)),
            rng.randint(-4, 5),
            rng.randint(-4, 4),
        )
        s = "".join(rng.choice("ab.c") for _ in range(rng.randint(0, 8)))
        f = rng.choice(formats)
        calls += [
            f"TIMESTAMPDIFF({unit}, '{a}', '{b}')",
            f"DATE_ADD('{a}', INTERVAL {n} {unit})",
            f"DATE_SUB('{a}', INTERVAL {n} {unit})",
            f"DATE_FORMAT('{a}', '%a %b %c %D %e %h %j %k %l %M %p %r %U %u %V %v %W %w %X %x %y')",
            f"DATEDIFF('{a}', '{b}')",
            f"LAST_DAY('{a}')",
            f"UNIX_TIMESTAMP('{a}')",
            f"WEEK('{a}', {rng.randint(0, 7)})",
            f"YEARWEEK('{a}', {rng.randint(0, 7)})",
            f"STR_TO_DATE(DATE_FORMAT('{a}', '{f}'), '{f}')",
            f"TRUNCATE({x}, {d})",
            f"ROUND({x}, {d})",
            f"FORMAT({x}, {d})",
            f"CAST({x} AS SIGNED)",
            f"CAST({x} AS DECIMAL(12,{max(0, min(d, 4))}))",
            f"SUBSTRING_INDEX('{s}', '.', {k})",
            f"LPAD('{s}', {k + 4}, 'xy')",
            f"RIGHT('{s}', {k})",
            f"SUBSTRING('{s}', {k}, 2)",
        ]
    return calls


@pytest.mark.mysql
def test_random_calls_agree_with_mariadb(db, mariadb):
    calls = _random_calls(seed=11, count=60)
    mismatches = []
    with mariadb.cursor() as cur:
        for start in range(0, len(calls), 60):
            chunk = calls[start : start + 60]
            sql = "SELECT " + ", ".join(chunk)
            cur.execute(sql)
            theirs = [_mysql_text(v) for v in cur.fetchone()]
            ours = db.query(sql).rows[0]
            mismatches += [
                f"{call}: sandbox {o!r}, mariadb {t!r}"
                for call, o, t in zip(chunk, ours, theirs)
                if not _same(o, t)
            ]
    assert not mismatches, "\n".join(mismatches[:20])
