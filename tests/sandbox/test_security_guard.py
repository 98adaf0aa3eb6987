"""The statement guard (every role): executable comments, host access, variables, other schemas."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.backends.mysql import safe_sql_mode
from c2q_repl.sandbox.contracts import ReadOnlyViolation
from c2q_repl.sandbox.readonly import check_statement

REFUSED_FOR_EVERY_ROLE = [
    "SELECT * FROM users /*! INTO OUTFILE '/tmp/x' */",
    "SELECT 1 /*!50000 , LOAD_FILE('/etc/passwd') */",
    "SELECT 1 /*M!, SLEEP(5) */",
    "SELECT 1 /* ! */ /*m! , 2 */",
    "SELECT /*+ SET_VAR(max_execution_time=0) */ 1",
    "SELECT * FROM users INTO OUTFILE '/tmp/x'",
    "SELECT 1 INTO @x",
    "SELECT @x := 1",
    "SELECT @x",
    "SELECT @@datadir",
    "SET @x = 1",
    "SET SESSION sql_mode = 'ANSI_QUOTES'",
    "SELECT SLEEP(1)",
    "SELECT BENCHMARK(100000000, MD5('x'))",
    "SELECT RELEASE_ALL_LOCKS()",
    "SELECT LAST_INSERT_ID(5)",
    "DO SLEEP(1)",
    "CALL p()",
    "LOCK TABLES users READ",
    "USE mysql",
    "SELECT * FROM otherdb.secrets",
    "SELECT * FROM information_schema.tables",
    "SELECT (SELECT MAX(user) FROM mysql.user) AS u FROM users",
    "INSERT INTO otherdb.t SELECT * FROM users",
]


@pytest.mark.parametrize("read_only", [True, False], ids=["readonly", "readwrite"])
@pytest.mark.parametrize("sql", REFUSED_FOR_EVERY_ROLE)
def test_refused_for_every_role(sql, read_only):
    with pytest.raises(ReadOnlyViolation):
        check_statement(sql, "mysql", read_only=read_only, schemas=["sp500insight"])


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT COUNT(*) FROM companies",
        "SELECT c.short_name FROM sp500insight.companies AS c",
        "SELECT `companies`.`sector` FROM `SP500INSIGHT`.`companies`",
        "SELECT '/* just a comment */' AS s /* and a comment */ -- and another",
    ],
)
def test_ordinary_queries_pass(sql):
    assert check_statement(sql, "mysql", read_only=True, schemas=["sp500insight"]) == sql


def test_read_write_keys_still_change_data_in_their_own_database():
    sql = "DELETE FROM user_selected_stocks WHERE user_id = 1"
    assert check_statement(sql, "mysql", read_only=False, schemas=["sp500insight"]) == sql
    with pytest.raises(ReadOnlyViolation):
        check_statement(sql, "mysql", read_only=True, schemas=["sp500insight"])


@pytest.mark.parametrize(
    "sql",
    ["ATTACH DATABASE '/tmp/elsewhere.sqlite' AS other", "PRAGMA writable_schema = ON"],
)
def test_sqlite_attach_and_pragmas_are_refused_for_every_role(sql):
    for read_only in (True, False):
        with pytest.raises(ReadOnlyViolation):
            check_statement(sql, "sqlite", read_only=read_only)


@pytest.mark.parametrize(
    ("server", "pinned"),
    [
        ("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES"),
        ("ANSI_QUOTES,ONLY_FULL_GROUP_BY", "ONLY_FULL_GROUP_BY"),
        (
            "REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ANSI",
            "REAL_AS_FLOAT,PIPES_AS_CONCAT,IGNORE_SPACE",
        ),
        ("", ""),
    ],
)
def test_sql_mode_is_pinned_to_how_the_guard_reads_sql(server, pinned):
    assert safe_sql_mode(server) == pinned
