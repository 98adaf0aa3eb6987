"""The MySQL-protocol backend against a real server (MariaDB in CI via .ci/mariadb.sh).

Skipped only when C2Q_TEST_MYSQL_URL is unset. A fresh database c2q_t<pid> is created and seeded
for the session (exercising "seed when empty"), and dropped afterwards.
"""

from __future__ import annotations

import os

import pytest

from c2q_repl.sandbox.contracts import Plan, ReadOnlyViolation, SQLExecutionError
from c2q_repl.sandbox.keys import SQL_READONLY, SQL_READWRITE, ApiKey

from .helpers import ScriptedAnswerer, ask, client, task

URL = os.environ.get("C2Q_TEST_MYSQL_URL")
pytestmark = [
    pytest.mark.mysql,
    pytest.mark.skipif(not URL, reason="C2Q_TEST_MYSQL_URL is not set"),
]


@pytest.fixture(scope="module")
def mysql_url():
    import pymysql

    from c2q_repl.sandbox.backends.mysql import MySQLTarget

    base = MySQLTarget.parse(URL)
    name = f"c2q_t{os.getpid()}"
    conn = pymysql.connect(host=base.host, port=base.port, user=base.user, password=base.password)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    url = URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


@pytest.fixture(scope="module")
def mysql_db(mysql_url):
    from c2q_repl.sandbox.backends.mysql import MySQLDatabase
    from c2q_repl.sandbox.backends.mysql_seed import is_empty, seed_if_empty

    db = MySQLDatabase.from_url(mysql_url)
    assert is_empty(db)
    assert seed_if_empty(db) is True
    assert seed_if_empty(db) is False  # already there: never seeded twice
    yield db
    db.close()


def test_catalog_comes_from_information_schema_with_comments(mysql_db):
    cat = mysql_db.catalog()
    assert cat.dialect == "mysql" and cat.database == mysql_db.name
    companies = cat.table("companies")
    assert companies.comment == "Companies" and companies.primary_key == ("stock_symbol",)
    assert companies.column("ebitda").comment.startswith("Earnings before interest")
    assert (
        companies.column("market_cap").type == "BIGINT" and companies.column("market_cap").nullable
    )
    assert cat.table("stock_price_history").primary_key == ("record_date", "stock_symbol")
    assert any(
        r.from_table == "user_selected_stocks" and r.to_table == "users" for r in cat.relationships
    )


def test_seeded_data_matches_the_sqlite_seed(mysql_db, sp500_db):
    for sql in (
        "SELECT COUNT(*) FROM companies",
        "SELECT COUNT(*) FROM stock_price_history",
        "SELECT COUNT(user_id) FROM users",
        "SELECT short_name FROM companies WHERE stock_symbol = 'AAPL'",
        "SELECT MAX(record_date) FROM stock_price_history",
    ):
        assert mysql_db.query(sql).rows == sp500_db.query(sql).rows, sql


def test_rows_are_text_and_capped(mysql_db):
    res = mysql_db.query(
        "SELECT stock_symbol, NULL AS nothing, market_cap FROM companies ORDER BY stock_symbol",
        max_rows=5,
    )
    assert res.truncated and len(res.rows) == 5 and res.rows[0][1] is None
    assert all(isinstance(v, str) for v in (res.rows[0][0], res.rows[0][2]))
    assert mysql_db.query("SELECT 1").rows == [
        ["1"]
    ]  # the pool recovered from the dropped connection


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM users",
        "SELECT 1; DROP TABLE users",
        "SELECT * FROM users FOR UPDATE",
        "INSERT INTO users VALUES (999, NOW())",
    ],
)
def test_read_only_is_refused(mysql_db, sql):
    with pytest.raises(ReadOnlyViolation):
        mysql_db.query(sql)


def test_the_read_only_transaction_holds_without_the_parser(mysql_db):
    import pymysql

    conn = mysql_db.connection()
    try:
        with conn.cursor() as cur:
            cur.execute("START TRANSACTION READ ONLY")
            with pytest.raises(pymysql.MySQLError) as err:
                cur.execute("DELETE FROM users")
            assert err.value.args[0] == 1792
            conn.rollback()
    finally:
        conn.close()


def test_errors_and_timeouts(mysql_db):
    with pytest.raises(SQLExecutionError, match="1146"):
        mysql_db.query("SELECT * FROM nowhere")
    with pytest.raises(SQLExecutionError, match="timed out"):
        mysql_db.query(
            "SELECT COUNT(*) FROM stock_price_history a JOIN stock_price_history b "
            "ON a.volume < b.volume",
            timeout=0.3,
        )
    assert mysql_db.query("SELECT 2").rows == [["2"]]


def test_server_over_mysql_end_to_end(make_sandbox, mysql_url, mysql_db):
    forget = "DELETE FROM user_selected_stocks WHERE user_id = 2"
    engine = ScriptedAnswerer(script={"forget user 2": Plan(tasks=(task(forget),))})
    readonly = ApiKey("MYSQLRO1", "bbbbbbbb-0000-4000-8000-000000000001", SQL_READONLY)
    readwrite = ApiKey("MYSQLRW1", "bbbbbbbb-0000-4000-8000-000000000002", SQL_READWRITE)
    sb = make_sandbox(db=mysql_url, keys=[readonly, readwrite], answerer=engine)
    assert sb.database == mysql_db.name
    before = mysql_db.query(
        "SELECT user_id, stock_symbol, created_date FROM user_selected_stocks WHERE user_id = 2"
    ).rows
    assert before
    with client(sb, readonly) as http:
        _, job = ask(http, sb, "SELECT COUNT(*) AS n FROM companies WHERE sector = 'Technology'")
        assert job["result"]["data"]["rows"] == [["65"]]
        _, job = ask(http, sb, "forget user 2")
        assert job["result"]["status"] == "failed" and "read" in job["result"]["sql_error"].lower()
    assert mysql_db.query("SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 2").rows == [
        [str(len(before))]
    ]
    with client(sb, readwrite) as http:
        _, job = ask(http, sb, "forget user 2")
        assert job["result"]["sql_error"] is None
    try:
        assert mysql_db.query(
            "SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 2"
        ).rows == [["0"]]
    finally:
        for row in before:
            mysql_db.query(
                f"INSERT INTO user_selected_stocks VALUES ({row[0]}, '{row[1]}', '{row[2]}')",
                read_only=False,
            )


def test_builtin_engine_answers_over_mysql(make_sandbox, mysql_url, mysql_db):
    sb = make_sandbox(db=mysql_url)
    with client(sb) as http:
        _, job = ask(http, sb, "How many users are there?")
    assert job["status"] == "done" and job["result"]["data"]["rows"] == [["120"]]


def test_bad_url_is_an_error():
    from c2q_repl.sandbox.backends.mysql import MySQLTarget

    with pytest.raises(ValueError):
        MySQLTarget.parse("mysql://host-only")
    target = MySQLTarget.parse("mysql://u%40x:p%3Aw@db.example:4000/sp500insight")
    assert (target.user, target.password, target.port, target.database) == (
        "u@x",
        "p:w",
        4000,
        "sp500insight",
    )
    assert "p:w" not in repr(target)
