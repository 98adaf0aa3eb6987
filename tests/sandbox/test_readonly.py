"""The parser-level read-only check."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.contracts import ReadOnlyViolation
from c2q_repl.sandbox.readonly import check_read_only, is_single_query, split_statements


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "select * from companies where sector = 'Technology';",
        "WITH a AS (SELECT 1 AS x) SELECT x FROM a",
        "SELECT 1 UNION SELECT 2",
        "SELECT ';' AS semi -- trailing comment",
    ],
)
@pytest.mark.parametrize("dialect", ["sqlite", "mysql"])
def test_plain_queries_pass(sql, dialect):
    assert check_read_only(sql, dialect).lower().startswith(("select", "with"))


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM companies FOR UPDATE",
        "SELECT * FROM companies LOCK IN SHARE MODE",
        "SELECT 1 INTO t2",
        "SELECT * INTO OUTFILE '/tmp/x' FROM companies",
        "SELECT 1; DROP TABLE users",
        "WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x",
        "INSERT INTO users VALUES (1, '2020-01-01')",
        "SHOW TABLES",
        "SET autocommit = 1",
        "SELECT LOAD_FILE('/etc/passwd')",
        "SELECT GET_LOCK('x', 10)",
        "",
        "   ;  ",
    ],
)
def test_changes_locks_and_multiple_statements_are_refused(sql):
    with pytest.raises(ReadOnlyViolation):
        check_read_only(sql, "mysql")
    assert not is_single_query(sql, "mysql")


def test_split_ignores_semicolons_in_strings():
    assert split_statements("SELECT ';'; SELECT 2;", "mysql") == ["SELECT ';'", "SELECT 2"]
