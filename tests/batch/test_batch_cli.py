"""`c2q ask` (and piped `c2q`) as a real subprocess against a real sandbox."""

from __future__ import annotations

import csv
import io
import json
import os
import select
import signal
import subprocess
import sys
import time

import pytest

from tests import children
from tests.e2e.harness import isolated_env

Q1 = "how many companies are there per sector?"
Q2 = "top 5 companies by market cap"
UNANSWERABLE = "asdf qwer zxcv"
ESCAPING = "SELECT CONCAT('safe', CHAR(27), '[2J', CHAR(27), ']0;pwned', CHAR(7), 'text') AS x"  # MySQL, as the sandbox speaks


from tests.batch.conftest import c2q  # noqa: E402


def test_json_answer_exit_0_and_quiet_stderr(sandbox, env_for):
    done = c2q("ask", Q1, "--format", "json", env=env_for(sandbox))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data) == 1 and data[0]["status"] == "answered" and data[0]["question"] == Q1
    assert data[0]["sql"].upper().startswith("SELECT") and data[0]["rows"]
    assert done.stderr == ""  # stderr is not a terminal: no progress, and nothing went wrong


def test_every_format(sandbox, env_for):
    env = env_for(sandbox)
    table = c2q("ask", Q2, env=env)
    assert table.returncode == 0 and Q2 in table.stdout and "SELECT" in table.stdout
    assert "\x1b" not in table.stdout  # not a terminal: no colour
    no_sql = c2q("ask", Q2, "--no-show-sql", env=env)
    assert no_sql.returncode == 0 and "SELECT" not in no_sql.stdout

    rows = list(csv.reader(io.StringIO(c2q("ask", Q2, "-f", "csv", env=env).stdout)))
    assert len(rows) == 6 and len(rows[0]) >= 2  # header + 5 companies

    lines = c2q("ask", Q1, Q2, "--format", "jsonl", env=env).stdout.splitlines()
    assert [json.loads(line)["question"] for line in lines] == [Q1, Q2]

    md = c2q("ask", Q2, "--format", "markdown", env=env).stdout
    assert md.startswith(f"## {Q2}") and "```sql" in md and "| " in md


def test_stdin_one_question_per_line_blank_lines_skipped(sandbox, env_for):
    done = c2q("ask", "--format", "jsonl", env=env_for(sandbox), input=f"{Q1}\n\n   \n{Q2}\n")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["round"] for line in done.stdout.splitlines()] == [1, 2]


def test_piped_stdin_to_plain_c2q_runs_batch_not_the_ui(sandbox, env_for):
    done = c2q(env=env_for(sandbox), input=f"{Q2}\n")
    assert done.returncode == 0, done.stderr
    assert Q2 in done.stdout and "SELECT" in done.stdout
    assert "\x1b[" not in done.stdout  # no prompt_toolkit screen codes


def test_failed_answer_exits_1_and_the_rest_still_run(sandbox, env_for):
    done = c2q("ask", UNANSWERABLE, Q2, "--format", "json", env=env_for(sandbox))
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert [d["status"] for d in data] == ["failed", "answered"]
    assert (
        data[0]["error"]["kind"] == "job_failed" and "could not map" in data[0]["error"]["message"]
    )


def test_failed_answer_in_csv_goes_to_stderr(sandbox, env_for):
    done = c2q("ask", UNANSWERABLE, "--format", "csv", env=env_for(sandbox))
    assert done.returncode == 1 and done.stdout == ""
    assert "question 1 failed" in done.stderr


def test_quota_exhausted_exits_3_and_stops(make_sandbox, env_for):
    limited = make_sandbox(daily_limit=1)
    done = c2q("ask", Q1, Q2, Q1, "--format", "jsonl", env=env_for(limited))
    assert done.returncode == 3, done.stderr
    statuses = [json.loads(line) for line in done.stdout.splitlines()]
    assert [s["status"] for s in statuses] == ["answered", "failed"]  # the third was never sent
    assert statuses[1]["error"]["kind"] == "quota" and "stopping" in done.stderr


def test_wrong_key_exits_4(sandbox, env_for):
    done = c2q("ask", Q1, env=env_for(sandbox, C2Q_PRIVATE_KEY="wrong-private-key"))
    assert done.returncode == 4
    assert "wrong-private-key" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    "args, extra, stdin",
    [
        (("ask", "--format", "xml", Q1), {}, None),  # argparse
        (("ask",), {}, ""),  # no questions at all
        (
            ("ask", Q1),
            {"C2Q_ENDPOINT": "http://example.com/api/v1beta/app/x/endpoint"},
            None,
        ),  # plain HTTP off loopback
        (("ask", Q1), {"C2Q_PRIVATE_KEY": ""}, None),  # incomplete credentials
    ],
)
def test_usage_and_config_errors_exit_2(sandbox, env_for, args, extra, stdin):
    env = env_for(sandbox, **extra)
    if extra.get("C2Q_PRIVATE_KEY") == "":
        del env["C2Q_PRIVATE_KEY"]
    done = c2q(*args, env=env, input=stdin)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and done.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "markdown", "table"])
def test_no_control_sequences_from_data_reach_the_output(sandbox, env_for, fmt):
    done = c2q("ask", ESCAPING, "--format", fmt, env=env_for(sandbox))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "safe" in done.stdout


def test_transcript_is_recorded_when_asked(sandbox, env_for, tmp_path):
    path = tmp_path / "run.jsonl"
    done = c2q("ask", Q1, "--transcript", str(path), "--format", "json", env=env_for(sandbox))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["type"] for r in records] == ["header", "question", "result"]
    assert records[0]["session_id"] and records[0]["endpoint_kind"] == "cloud"
    assert sandbox.private_key not in path.read_text()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def _read_available(fd: int, seconds: float) -> bytes:
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_progress_goes_to_a_terminal_stderr_never_to_stdout(make_sandbox, env_for):
    slow = make_sandbox(job_delay=0.8)
    master, slave = os.openpty()
    try:
        proc = children.popen(
            [sys.executable, "-m", "c2q_repl", "ask", Q1, "--format", "json"],
            env=env_for(slow),
            stdout=subprocess.PIPE,
            stderr=slave,
            stdin=subprocess.DEVNULL,
        )
        os.close(slave)
        stdout, _ = proc.communicate(timeout=60)
        seen = _read_available(master, 1.0)
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert json.loads(stdout)[0]["status"] == "answered"
    assert b"\x1b" not in stdout and b"[1]" not in stdout
    assert b"[1] how many companies" in seen  # the status line was drawn on the terminal
    assert seen.rstrip(b"\r\n").endswith(b"\r\x1b[2K")  # and erased


def test_interrupt_exits_130_with_closed_json(make_sandbox, env_for):
    slow = make_sandbox(job_delay=5.0)
    proc = children.popen(
        [sys.executable, "-m", "c2q_repl", "ask", Q1, Q2, "--format", "json"],
        env=env_for(slow),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not slow_job_started(slow):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert json.loads(stdout) == []  # the array is closed even though no round finished
    assert "interrupted" in stderr


def slow_job_started(handle) -> bool:
    """True once the sandbox has accepted a chat2data question (a session has a round)."""
    import httpx

    with httpx.Client(
        base_url=handle.endpoint,
        auth=httpx.DigestAuth(handle.public_key, handle.private_key),
        timeout=5,
    ) as client:
        body = client.get("/v3/sessions").json()
        sessions = body.get("result") or []
        if isinstance(sessions, dict):
            sessions = sessions.get("sessions", [])
        for s in sessions:
            detail = client.get(f"/v3/sessions/{s['session_id']}").json().get("result") or {}
            if detail.get("messages"):
                return True
    return False


def test_table_on_a_terminal_is_coloured_and_progress_is_erased(sandbox, env_for):
    from tests.e2e.harness import Screen

    with Screen(["ask", Q2], env=env_for(sandbox), rows=40, cols=120) as screen:
        assert screen.wait_exit(30) == 0
        assert b"\x1b[" in screen.raw_output  # colour, because stdout is a terminal
        text = screen.text
        assert Q2 in text and "Apple Inc." in text
        assert "⠋" not in text and "[1] top 5" not in text  # the status line did not survive


def test_without_credentials_batch_uses_the_embedded_sandbox_and_says_so(tmp_path, seed_cache_home):
    env = isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)})
    done = c2q("ask", Q2, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert "using the local sandbox" in done.stderr and "not your database" in done.stderr
    assert json.loads(done.stdout)[0]["rows"]


def test_a_reader_that_goes_away_ends_the_run_quietly(sandbox, env_for):
    proc = children.popen(
        [sys.executable, "-m", "c2q_repl", "ask", Q1, Q2, Q1, "--format", "jsonl"],
        env=env_for(sandbox),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(60) == 0
    assert json.loads(first)["round"] == 1
    assert (
        "Traceback" not in stderr
        and "BrokenPipe" not in stderr
        and "Exception ignored" not in stderr
    )
