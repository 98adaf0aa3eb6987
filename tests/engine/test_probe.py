"""The probe that verifies a suggestion returns rows keeps exactly what decides emptiness."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.engine.probe import rows_probe


@pytest.mark.parametrize(
    "sql,probe",
    [
        (
            "SELECT a, b FROM t WHERE b > 1 ORDER BY b DESC LIMIT 5",
            "SELECT 1 FROM t WHERE b > 1 LIMIT 1",
        ),
        (
            "SELECT a, COUNT(*) AS n FROM t JOIN u ON u.id = t.a GROUP BY a ORDER BY n DESC",
            "SELECT 1 FROM t JOIN u ON u.id = t.a LIMIT 1",
        ),
        ("SELECT DISTINCT a FROM t", "SELECT 1 FROM t LIMIT 1"),
    ],
)
def test_the_probe_keeps_from_joins_and_where(sql, probe):
    assert rows_probe(sql, "mysql") == probe


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT COUNT(*) FROM t WHERE b > 100",  # one row always
        "SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 5",
        "SELECT a, RANK() OVER (ORDER BY b) FROM t",
        "WITH x AS (SELECT a FROM t) SELECT a FROM x",
        "SELECT a FROM t UNION SELECT a FROM u",
        "not sql at all (",
    ],
)
def test_queries_whose_emptiness_depends_on_more_are_kept(sql):
    assert rows_probe(sql, "mysql") == sql


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT a, b FROM t WHERE b > 1 ORDER BY b DESC LIMIT 5",
        "SELECT a, b FROM t WHERE b > 99 ORDER BY b DESC LIMIT 5",
        "SELECT a, SUM(b) FROM t WHERE a = 'x' GROUP BY a",
        "SELECT a, SUM(b) FROM t WHERE a = 'nobody' GROUP BY a",
    ],
)
def test_the_probe_has_a_row_exactly_when_the_query_does(sql):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a TEXT, b INT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [("x", 1), ("x", 5), ("y", 7)])
    has_rows = bool(db.execute(sql).fetchall())
    assert bool(db.execute(rows_probe(sql, "sqlite")).fetchall()) == has_rows
