"""Issue 10 item 8: percent-encoded paths with Digest, a warning for non-loopback plain HTTP,
and SQLite pragma reads not reported as writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.parse import quote

import pytest

from c2q_repl.sandbox.keys import SQL_READONLY, ApiKey
from c2q_repl.sandbox.serve import is_loopback, plain_http_warning
from tests import children

from .helpers import ask, client

READER = ApiKey("MISCREAD", "abababab-0000-4000-8000-000000000001", SQL_READONLY)


@pytest.mark.parametrize("table", ["no such table", "cömpanies", "日本"])
@pytest.mark.parametrize("scheme", ["digest", "basic"])
def test_percent_encoded_paths_authenticate(sandbox, table, scheme):
    summary = sandbox.app.core.summaries.all()[0].data_summary_id
    with client(sandbox, scheme=scheme) as http:
        response = http.put(
            f"/v3/dataSummaries/{summary}/tables/{quote(table)}", json={"description": "x"}
        )
    assert response.status_code == 404, response.text  # authenticated; the table is unknown
    assert table in response.json()["msg"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.localhost", False),
    ],
)
def test_which_hosts_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback
    assert (plain_http_warning(host) is None) is loopback


def test_serving_on_all_interfaces_warns_about_plain_http(tmp_path, seed_cache_home):
    keys = tmp_path / "keys.toml"
    keys.write_text('[[keys]]\npublic = "WARNHOST"\nprivate = "p-1"\nrole = "admin"\n')
    keys.chmod(0o600)
    log = tmp_path / "stderr.log"
    with log.open("w") as err:
        proc = children.popen(
            [
                sys.executable,
                "-m",
                "c2q_repl",
                "sandbox",
                "serve",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--keys",
                str(keys),
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "XDG_CACHE_HOME": str(seed_cache_home)},
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and "plain HTTP" not in log.read_text():
                time.sleep(0.05)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    text = log.read_text()
    assert "warning: listening on 0.0.0.0 over plain HTTP" in text and "Basic" in text


def test_a_pragma_read_is_not_called_a_write(make_sandbox):
    sb = make_sandbox(keys=[READER])
    with client(sb, READER) as http:
        _, job = ask(http, sb, "SELECT * FROM pragma_user_version")
    error = job["result"]["sql_error"] or ""
    assert job["result"]["status"] == "failed"
    assert "change data" not in error and "only read the tables" in error


def test_the_access_log_is_one_safe_line_per_request(make_sandbox, capfd):
    sb = make_sandbox(access_log=True)
    with client(sb, scheme="basic") as http:
        http.get("/v3/dataSummaries/1/tables/%1b%5d0%3bowned%07")
        http.get("/v3/sessions?x=1")
    out = capfd.readouterr().out
    lines = [line for line in out.splitlines() if "/endpoint/" in line]
    assert len(lines) == 2
    assert '"GET /api/v1beta/app/' in lines[0] and "%1b%5d0%3bowned%07" in lines[0]
    assert lines[1].endswith('/v3/sessions?x=1 HTTP/1.1" 200')
    assert "\x1b" not in out and sb.private_key not in out
