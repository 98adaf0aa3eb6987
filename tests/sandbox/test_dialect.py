"""The SQL the sandbox shows is MySQL/TiDB SQL, and SQLite runs it with MySQL's meaning.

Every SQL statement the sandbox returns for the golden questions (direct and
auto_breakdown answers, v2 task trees, v1, refineSql) must parse as MySQL and
carry no SQLite-only syntax. With C2Q_TEST_MYSQL_URL set, each one also runs on
MariaDB loaded with the same seed (collation utf8mb4_bin, TiDB's default) and
must give the rows the sandbox returned (numbers within a tolerance).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlglot

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.dialect import for_backend

from .helpers import ok, target

GOLDEN = Path(__file__).parent.parent / "engine" / "golden.jsonl"
MYSQL_URL = os.environ.get("C2Q_TEST_MYSQL_URL")
FEEDBACK = ("limit 5", "sort by market cap descending", "only technology companies", "ascending")
# MySQL a user might paste from TiDB: integer division, date arithmetic, backticks, FLOAT compares
PASTED_SQL = (
    "SELECT 10/3 AS ratio, 7 DIV 2 AS whole",
    "SELECT sector, SUM(market_cap) / COUNT(*) AS mean_cap FROM `companies` GROUP BY sector "
    "ORDER BY sector",
    "SELECT COUNT(*) AS n FROM companies WHERE revenue_growth < -0.1",
    "SELECT DATE_FORMAT(DATE_SUB(MAX(record_date), INTERVAL 1 MONTH), '%Y-%m') AS last_month "
    "FROM stock_price_history",
)


@dataclass(frozen=True)
class Shown:
    """One SQL statement the sandbox returned, with the rows it returned for it."""

    source: str
    sql: str
    rows: list[list[str | None]] | None  # None when the sandbox ran nothing (refineSql)


def _golden_questions() -> list[str]:
    return [json.loads(line)["question"] for line in GOLDEN.read_text().splitlines() if line]


def _wait(http: httpx.Client, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = ok(http.get(f"/v2/jobs/{job_id}"))
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish")


def _answers(answer: dict) -> list[dict]:
    return answer.get("sub_tasks") or [answer] if answer else []


def _collect(sb) -> list[Shown]:
    questions = _golden_questions()
    shown: list[Shown] = []
    with httpx.Client(
        base_url=sb.endpoint, auth=httpx.DigestAuth(sb.public_key, sb.private_key), timeout=60
    ) as http:
        started = []
        for i, q in enumerate(questions):
            mode = "auto_breakdown" if i % 4 == 0 else "direct"
            body = {**target(sb), "question": q, "sql_generate_mode": mode}
            started.append((f"v3 {mode}: {q}", ok(http.post("/v3/chat2data", json=body))["job_id"]))
        for q in questions[:60:3]:
            body = {**target(sb), "raw_question": q}
            started.append((f"v2: {q}", ok(http.post("/v2/chat2data", json=body))["job_id"]))
        for source, job_id in started:
            result = _wait(http, job_id)["result"] or {}
            if "task_tree" in result:
                for node in result["task_tree"].values():
                    if node["sql"] and not node["sql_error"]:
                        shown.append(Shown(source, node["sql"], node["rows"]))
                continue
            for a in _answers(result):
                if a.get("sql") and a["status"] == "done":
                    shown.append(Shown(source, a["sql"], a["data"]["rows"]))
        for q in questions[:30:5]:
            data = http.post("/v1/chat2data", json={**target(sb), "instruction": q}).json()["data"]
            if data["result"]["code"] == 200:
                cols = [c["col"] for c in data["columns"]]
                rows = [[r[c] for c in cols] for r in data["rows"]]
                shown.append(Shown(f"v1: {q}", data["result"]["sql"], rows))
        for sql in PASTED_SQL:
            started_sql = ok(http.post("/v3/chat2data", json={**target(sb), "question": sql}))
            answer = _wait(http, started_sql["job_id"])["result"]
            assert answer["status"] == "done", answer
            shown.append(Shown(f"pasted: {sql}", answer["sql"], answer["data"]["rows"]))
        lists = [s for s in shown if "ORDER BY" in s.sql and "companies" in s.sql][:6]
        for base, feedback in zip(lists, FEEDBACK * 2):
            body = {**target(sb), "sql": base.sql, "feedback": feedback}
            job = _wait(http, ok(http.post("/v3/refineSql", json=body))["job_id"])
            rewritten = job["result"]["rewritten_sql"]
            rerun = ok(http.post("/v3/chat2data", json={**target(sb), "question": rewritten}))
            answer = _wait(http, rerun["job_id"])["result"]
            shown.append(Shown(f"refineSql {feedback!r}", rewritten, answer["data"]["rows"]))
    return shown


@pytest.fixture(scope="module")
def shown_sql(sandbox) -> list[Shown]:
    collected = _collect(sandbox)
    assert len(collected) > 200  # the golden set is broad: most questions are answered
    return collected


# ------------------------------------------------------------------ what is shown
def test_every_sql_the_sandbox_shows_is_mysql(shown_sql):
    for s in shown_sql:
        tree = sqlglot.parse_one(s.sql, read="mysql")
        assert tree is not None, s
        text = s.sql.upper()
        assert "NULLS FIRST" not in text and "NULLS LAST" not in text, s
        assert "STRFTIME" not in text and "JULIANDAY" not in text, s
        assert '"' not in s.sql, s  # identifiers are bare or in backticks, strings in quotes


def test_calendar_buckets_are_shown_as_date_format(shown_sql):
    monthly = [s for s in shown_sql if "per month" in s.source]
    assert monthly and all("DATE_FORMAT(" in s.sql for s in monthly)


def test_refine_keeps_backticks_and_adds_no_null_ordering(sandbox, sandbox_client):
    """tisqleditor's refineSql example (chat-api.ts:27) is MySQL with backticks."""
    body = {
        **target(sandbox),
        "sql": "SELECT * FROM `companies` ORDER BY `market_cap` DESC LIMIT 20;",
        "feedback": "sort ascending",
    }
    job = _wait(sandbox_client, ok(sandbox_client.post("/v3/refineSql", json=body))["job_id"])
    rewritten = job["result"]["rewritten_sql"]
    assert rewritten == "SELECT * FROM `companies` ORDER BY `market_cap` ASC LIMIT 20", rewritten


# ------------------------------------------------------------------ how SQLite runs it
def test_sqlite_runs_mysql_with_mysql_meaning(sp500_db):
    row = sp500_db.query(
        "SELECT 10/3, 7 DIV 2, DATE_SUB('2023-12-29', INTERVAL 1 YEAR), "
        "DATE_FORMAT('2023-04-05', '%Y-%m'), \"text\", '2023-01-01' + INTERVAL 7 DAY"
    ).rows[0]
    assert math.isclose(float(row[0]), 10 / 3) and row[1:] == [
        "3",
        "2022-12-29",
        "2023-04",
        "text",
        "2023-01-08",
    ]
    assert sp500_db.query("SELECT `stock_symbol` FROM `companies` WHERE `stock_symbol` = 'AAPL'")


def test_sqlite_date_arithmetic_is_refused_as_mysql_refuses_it(sp500_db):
    """SQLite's date(d, '-1 year') is no MySQL: its modifier was dropped by the translation,
    so the query ran on d itself and answered wrongly without an error."""
    from c2q_repl.sandbox.mysql_calls import Unsupported

    with pytest.raises(Unsupported, match="Incorrect parameter count.*'DATE'"):
        sp500_db.query(
            "SELECT MAX(high) FROM stock_price_history WHERE record_date > "
            "DATE((SELECT MAX(record_date) FROM stock_price_history), '-1 year')"
        )
    row = sp500_db.query("SELECT DATE('2023-12-29 10:00:00'), DATE(CONCAT('2023-', '01-02'))")
    assert row.rows[0] == ["2023-12-29", "2023-01-02"]


def test_translation_is_only_for_other_backends():
    sql = 'SELECT `a` FROM `t` WHERE b = "x" AND c / 2 > 1'
    assert for_backend(sql, "mysql") == sql
    assert (
        for_backend(sql, "sqlite")
        == 'SELECT "a" FROM "t" WHERE b = \'x\' AND CAST(c AS REAL) / 2 > 1'
    )


def test_float_columns_compare_like_mysql(tmp_path):
    """MySQL widens a FLOAT to double before comparing: a FLOAT 0.1 is not = 0.1."""
    path = tmp_path / "floats.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (id INT PRIMARY KEY, f FLOAT, d DOUBLE)")
        conn.execute("INSERT INTO t VALUES (1, 0.1, 0.1), (2, -0.1, -0.1)")
    db = SQLiteDatabase(path, name="floats")
    try:
        assert db.query("SELECT COUNT(*) FROM t WHERE f = 0.1").rows == [["0"]]
        assert db.query("SELECT COUNT(*) FROM t WHERE d = 0.1").rows == [["1"]]
        assert db.query("SELECT COUNT(*) FROM t WHERE f < -0.1").rows == [["1"]]
        assert db.query("SELECT f FROM t WHERE id = 1").rows == [["0.1"]]  # shown as stored
    finally:
        db.close()


# ------------------------------------------------------------------ the same rows on MariaDB
def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=1e-4, abs_tol=1e-3)
    return a == b


def _same_rows(ours, theirs) -> bool:
    return len(ours) == len(theirs) and all(
        len(r) == len(s) and all(_same(a, b) for a, b in zip(r, s)) for r, s in zip(ours, theirs)
    )


def _load_like(conn, sqlite_path: Path) -> None:
    """The sp500insight tables (MySQL DDL with COMMENTs) filled with the rows of the SQLite file
    the sandbox serves: the very same data, whatever the seed generator does today."""
    from c2q_repl.sandbox.schema import SP500_TABLES, mysql_ddl

    source = sqlite3.connect(f"{sqlite_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with conn.cursor() as cur:
            for table in SP500_TABLES:
                cur.execute(mysql_ddl(table))
                names = table.column_names()
                quoted = ", ".join(f'"{n}"' for n in names)
                rows = source.execute(f'SELECT {quoted} FROM "{table.name}"').fetchall()
                marks = ", ".join(["%s"] * len(names))
                columns = ", ".join(f"`{n}`" for n in names)
                for start in range(0, len(rows), 20000):
                    cur.executemany(
                        f"INSERT INTO `{table.name}` ({columns}) VALUES ({marks})",
                        rows[start : start + 20000],
                    )
        conn.commit()
    finally:
        source.close()


@pytest.fixture(scope="module")
def mariadb(sp500_path):
    """A fresh MariaDB database holding the sandbox's data, with TiDB's default collation (binary)."""
    if not MYSQL_URL:
        pytest.skip("C2Q_TEST_MYSQL_URL is not set")
    import pymysql

    from c2q_repl.sandbox.backends.mysql import MySQLDatabase, MySQLTarget

    base = MySQLTarget.parse(MYSQL_URL)
    name = f"c2q_dialect{os.getpid()}"
    conn = pymysql.connect(host=base.host, port=base.port, user=base.user, password=base.password)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
        cur.execute(f"USE `{name}`")
    _load_like(conn, sp500_path)
    db = MySQLDatabase.from_url(MYSQL_URL.rsplit("/", 1)[0] + "/" + name)
    yield db
    db.close()
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


@pytest.mark.mysql
def test_shown_sql_gives_the_same_rows_on_mariadb(shown_sql, mariadb):
    mismatches = []
    for s in shown_sql:
        if s.rows is None:
            continue
        theirs = mariadb.query(s.sql, max_rows=1000).rows
        if not _same_rows(s.rows, theirs):
            mismatches.append(
                f"{s.source}\n  {s.sql}\n  sandbox {s.rows[:3]}\n  mariadb {theirs[:3]}"
            )
    assert not mismatches, "\n".join(mismatches)
