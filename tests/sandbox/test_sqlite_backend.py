"""SQLiteDatabase: catalog with comments and keys, layered read-only, caps, timeouts, threads."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import ReadOnlyViolation, SQLExecutionError


def test_catalog_has_comments_keys_and_relationships(sp500_db):
    cat = sp500_db.catalog()
    # the dialect the sandbox speaks (and shows); the backend translates to run it
    assert cat.database == "sp500insight" and cat.dialect == "mysql"
    companies = cat.table("companies")
    assert companies.comment == "Companies"
    assert companies.primary_key == ("stock_symbol",)
    assert companies.column("market_cap").comment == "Market capitalization"
    assert companies.column("market_cap").type == "BIGINT"
    assert cat.table("stock_price_history").primary_key == ("record_date", "stock_symbol")
    assert any(
        r.from_table == "user_selected_stocks" and r.to_table == "users" for r in cat.relationships
    )


def test_rows_are_text_with_null_as_none(sp500_db):
    res = sp500_db.query("SELECT COUNT(*) AS n, NULL AS empty_value, 1.5 AS x FROM users")
    assert res.columns == ["n", "empty_value", "x"]
    assert res.rows == [[res.rows[0][0], None, "1.5"]]
    assert res.rows[0][0].isdigit()


def test_row_cap_marks_truncation(sp500_db):
    res = sp500_db.query("SELECT stock_symbol FROM companies ORDER BY stock_symbol", max_rows=10)
    assert len(res.rows) == 10 and res.truncated
    assert not sp500_db.query("SELECT 1", max_rows=10).truncated


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM users",
        "SELECT 1; DROP TABLE users",
        "WITH x AS (SELECT 1) DELETE FROM users",
        "UPDATE companies SET sector = 'x'",
        "PRAGMA query_only=OFF",
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "CREATE TABLE t (x int)",
    ],
)
def test_read_only_refuses_changes(sp500_db, sql):
    with pytest.raises(ReadOnlyViolation):
        sp500_db.query(sql)


def test_engine_level_guards_hold_without_the_parser(writable_sp500):
    """query_only and the authorizer alone refuse a write (the parser is only the first layer)."""
    db = SQLiteDatabase(writable_sp500)
    conn = db._connect()
    try:
        db._run(conn, "SELECT 1", True, 10, 5.0)  # installs query_only + authorizer
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM users")
    finally:
        conn.close()
    assert db.query("SELECT COUNT(*) FROM users").rows[0][0] != "0"


def test_read_write_may_change_a_writable_copy(writable_sp500):
    db = SQLiteDatabase(writable_sp500)
    db.query("DELETE FROM user_selected_stocks WHERE user_id = 1", read_only=False)
    assert db.query("SELECT COUNT(*) FROM user_selected_stocks WHERE user_id = 1").rows == [["0"]]
    with pytest.raises(SQLExecutionError):
        db.query("SELECT 1; SELECT 2", read_only=False)


def test_immutable_database_refuses_writes_even_for_read_write(sp500_db):
    with pytest.raises(SQLExecutionError):
        sp500_db.query("DELETE FROM users", read_only=False)


def test_errors_and_timeouts_are_sql_execution_errors(sp500_db):
    with pytest.raises(SQLExecutionError, match="no such table"):
        sp500_db.query("SELECT * FROM nowhere")
    with pytest.raises(SQLExecutionError, match="timed out"):
        sp500_db.query(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c",
            timeout=0.2,
        )
    assert sp500_db.query("SELECT 1").rows == [["1"]]  # the pool survives both


def test_mysql_functions_work_on_sqlite(sp500_db):
    res = sp500_db.query(
        "SELECT YEAR(MAX(record_date)), MONTH('2023-04-05'), DATEDIFF('2023-01-10', '2023-01-01'), "
        "CONCAT('a', 1), IF(1 > 0, 'yes', 'no') FROM stock_price_history"
    )
    assert res.rows == [["2023", "4", "9", "a1", "yes"]]


def test_parallel_queries_from_many_threads(sp500_db):
    def run(i: int) -> str:
        return sp500_db.query(
            f"SELECT COUNT(*) FROM companies WHERE length(stock_symbol) >= {i % 3}"
        ).rows[0][0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(40)))
    assert len(results) == 40 and all(r.isdigit() for r in results)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        SQLiteDatabase(tmp_path / "absent.sqlite")
