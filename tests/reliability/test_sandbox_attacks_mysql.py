"""Attacks on a self-hosted sandbox over MySQL/MariaDB, through real HTTP against the real server.

The database account here holds the global FILE privilege (``c2q_file`` from
.ci/mariadb.sh, URL in ``C2Q_TEST_MYSQL_FILE_URL``): a careless grant. Each
test first shows the attack works with that account directly, so what stops
it through the sandbox is the sandbox's guard, not the grants.

The engine is modelled at its worst: it writes whatever SQL the question
asks for (a prompt-injected LLM does), so the guard is the only defence.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from c2q_repl.sandbox.contracts import AnswerRequest, Plan
from c2q_repl.sandbox.keys import SQL_READONLY, SQL_READWRITE, ApiKey
from tests.sandbox.helpers import ScriptedAnswerer, ask, client, task

FILE_URL = os.environ.get("C2Q_TEST_MYSQL_FILE_URL")
pytestmark = [
    pytest.mark.mysql,
    pytest.mark.skipif(not FILE_URL, reason="C2Q_TEST_MYSQL_FILE_URL is not set (.ci/mariadb.sh)"),
]

READONLY = ApiKey("ATKREAD1", "cccccccc-0000-4000-8000-000000000001", SQL_READONLY)
READWRITE = ApiKey("ATKWRIT1", "cccccccc-0000-4000-8000-000000000002", SQL_READWRITE)
SECRET = "the-other-database-secret"


class VerbatimEngine(ScriptedAnswerer):
    """An engine that runs the question itself as its SQL, whatever it is."""

    def answer(self, request: AnswerRequest) -> Plan:
        return Plan(tasks=(task(request.question),))


def _connect(url: str, database: str | None = None):
    import pymysql

    from c2q_repl.sandbox.backends.mysql import MySQLTarget

    t = MySQLTarget.parse(url)
    return pymysql.connect(
        host=t.host,
        port=t.port,
        user=t.user,
        password=t.password,
        database=database,
        autocommit=True,
    )


@pytest.fixture(scope="module")
def databases():
    """(url of the served database, name of another database holding a secret)."""
    served, other = f"c2q_atk{os.getpid()}", f"c2q_oth{os.getpid()}"
    conn = _connect(FILE_URL)
    with conn.cursor() as cur:
        for name in (served, other):
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        cur.execute(f"CREATE TABLE `{served}`.users (user_id INT PRIMARY KEY, name VARCHAR(20))")
        cur.execute(f"INSERT INTO `{served}`.users VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')")
        cur.execute(f"CREATE TABLE `{other}`.secrets (value VARCHAR(40))")
        cur.execute(f"INSERT INTO `{other}`.secrets VALUES ('{SECRET}')")
    yield FILE_URL.rsplit("/", 1)[0] + "/" + served, other
    with conn.cursor() as cur:
        for name in (served, other):
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


@pytest.fixture(scope="module")
def sandbox_over_mysql(databases, seed_cache_home):
    from c2q_repl.sandbox.embedded import start_sandbox

    handle = start_sandbox(
        db=databases[0],
        keys=[READONLY, READWRITE],
        answerer=VerbatimEngine(),
        job_delay=0.01,
        daily_limit=0,
        rpm_limit=0,
        cache_dir=seed_cache_home / "c2q",
    )
    handle.wait_ready()
    yield handle
    handle.stop()


def _outfile() -> Path:
    return Path("/tmp") / f"c2q-attack-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def test_the_account_really_can_read_and_write_files():
    """Precondition: without the sandbox, this account reads and writes host files."""
    path = _outfile()
    conn = _connect(FILE_URL)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT LOAD_FILE('/etc/hostname')")
            assert cur.fetchone()[0] is not None
            cur.execute(f"SELECT 1 INTO OUTFILE '{path}'")
        assert path.exists()
    finally:
        conn.close()
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("key", [READONLY, READWRITE], ids=["readonly", "readwrite"])
@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM users /*! INTO OUTFILE '{path}' */",
        "SELECT * FROM users /*!50000 INTO OUTFILE '{path}' */",
        "SELECT * FROM users /*M! INTO DUMPFILE '{path}' */",
        "SELECT * FROM users INTO OUTFILE '{path}'",
        "SELECT * FROM users INTO DUMPFILE '{path}'",
    ],
)
def test_no_key_writes_a_file_on_the_database_host(sandbox_over_mysql, key, template):
    path = _outfile()
    try:
        with client(sandbox_over_mysql, key) as http:
            _, job = ask(http, sandbox_over_mysql, template.format(path=path))
        assert not path.exists(), f"{template!r} wrote {path} on the database host"
        assert job["result"]["status"] == "failed" and job["result"]["sql_error"]
    finally:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("key", [READONLY, READWRITE], ids=["readonly", "readwrite"])
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT user_id /*!, LOAD_FILE('/etc/hostname') */ FROM users",
        "SELECT user_id /*!50000 , LOAD_FILE('/etc/hostname') */ FROM users",
        "SELECT user_id /*M!, LOAD_FILE('/etc/hostname') */ FROM users",
        "SELECT LOAD_FILE('/etc/hostname') AS f",
    ],
)
def test_no_key_reads_a_host_file(sandbox_over_mysql, key, sql):
    hostname = Path("/etc/hostname").read_text().strip()
    with client(sandbox_over_mysql, key) as http:
        _, job = ask(http, sandbox_over_mysql, sql)
    assert job["result"]["status"] == "failed"
    rows = (job["result"].get("data") or {}).get("rows") or []
    assert not any(hostname in str(cell) for row in rows for cell in row)


@pytest.mark.parametrize("key", [READONLY, READWRITE], ids=["readonly", "readwrite"])
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT value FROM {other}.secrets",
        "SELECT `value` FROM `{other}`.`secrets`",
        "SELECT u.name, (SELECT value FROM {other}.secrets LIMIT 1) AS s FROM users u",
        "SELECT table_name FROM information_schema.tables",
        "SELECT user FROM mysql.user",
    ],
)
def test_queries_stay_in_the_served_database(sandbox_over_mysql, databases, key, sql):
    with client(sandbox_over_mysql, key) as http:
        _, job = ask(http, sandbox_over_mysql, sql.format(other=databases[1]))
    assert job["result"]["status"] == "failed", job
    assert SECRET not in str(job)
    assert "this database" in job["result"]["sql_error"]


@pytest.mark.parametrize("key", [READONLY, READWRITE], ids=["readonly", "readwrite"])
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT user_id /*!, SLEEP(2) */ FROM users",
        "SELECT BENCHMARK(1000000000, MD5('x'))",
        "SELECT GET_LOCK('c2q-attack-lock', 0)",
        "SELECT user_id /*!, GET_LOCK('c2q-attack-lock', 0) */ FROM users",
        "SELECT @stash := name FROM users",
        "SELECT user_id /*!, @stash := name */ FROM users",
        "SELECT @@datadir",
        "SET @stash = 1",
        "DO SLEEP(2)",
    ],
)
def test_waits_locks_and_variables_are_refused(sandbox_over_mysql, key, sql):
    with client(sandbox_over_mysql, key) as http:
        _, job = ask(http, sandbox_over_mysql, sql)
    assert job["result"]["status"] == "failed" and job["result"]["sql_error"], job
    probe = _connect(FILE_URL)
    try:
        with probe.cursor() as cur:
            cur.execute("SELECT IS_USED_LOCK('c2q-attack-lock')")
            assert cur.fetchone()[0] is None, "a named lock was left on a pooled connection"
    finally:
        probe.close()


def test_a_pooled_connection_forgets_the_previous_request(sandbox_over_mysql):
    """Defence in depth: whatever a request left on a connection (variables, locks, session
    settings) is gone before the pool hands that connection to the next request."""
    db = sandbox_over_mysql.app.core.db
    conn = db.connection()
    thread_id = conn.thread_id()
    with conn.cursor() as cur:
        cur.execute("SELECT GET_LOCK('c2q-attack-pool', 0), @left := 'behind'")
        cur.execute("SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES'")
    db.release(conn)
    again = db.connection()
    try:
        assert again.thread_id() == thread_id  # the same pooled connection, reset, not a new one
        with again.cursor() as cur:
            cur.execute("SELECT IS_USED_LOCK('c2q-attack-pool'), @left, @@SESSION.sql_mode")
            lock, left, mode = cur.fetchone()
        assert lock is None and left is None
        assert "ANSI_QUOTES" not in mode and "NO_BACKSLASH_ESCAPES" not in mode
    finally:
        db.release(again)


def test_the_ordinary_questions_still_work(sandbox_over_mysql, databases):
    served = databases[0].rsplit("/", 1)[1]
    for key in (READONLY, READWRITE):
        with client(sandbox_over_mysql, key) as http:
            _, job = ask(http, sandbox_over_mysql, "SELECT COUNT(*) AS n FROM users")
            assert job["result"]["data"]["rows"] == [["3"]]
            _, job = ask(
                http, sandbox_over_mysql, f"SELECT name FROM {served}.users WHERE user_id = 1"
            )
            assert job["result"]["data"]["rows"] == [["ann"]]


def test_an_unsafe_server_sql_mode_is_pinned_on_every_connection(sandbox_over_mysql):
    """A server whose global sql_mode had NO_BACKSLASH_ESCAPES would end ``'\\'`` where the guard's
    parser does not; the backend then pins a safe mode on new and reset connections alike."""
    db = sandbox_over_mysql.app.core.db
    saved = db._pin_mode, db._sql_mode
    db._pin_mode, db._sql_mode = True, "STRICT_TRANS_TABLES,ONLY_FULL_GROUP_BY"
    try:
        fresh = db._connect()
        try:
            with fresh.cursor() as cur:
                cur.execute("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'")
            assert db._reset(fresh)
            with fresh.cursor() as cur:
                cur.execute("SELECT @@SESSION.sql_mode")
                modes = set(cur.fetchone()[0].split(","))
            assert modes == {"STRICT_TRANS_TABLES", "ONLY_FULL_GROUP_BY"}
        finally:
            fresh.close()
    finally:
        db._pin_mode, db._sql_mode = saved
