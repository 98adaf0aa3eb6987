"""Inputs that once crashed c2q with a traceback now get a clear message.

* a Digest challenge c2q cannot answer (``qop="auth-int"``, an unknown algorithm);
* a state file (``durations.json``, ``usage.json``) nested thousands deep: it is
  set aside (renamed) and named, and the question is still answered;
* a transcript line nested thousands deep, or a result nested 900 deep:
  ``sessions show``, ``replay`` and ``export`` report the line and go on.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from c2q_repl.transcript.writer import TranscriptWriter
from tests import children
from tests.reliability import fakeapi as F
from tests.reliability.conftest import TRACEBACK, c2q_env

EXIT_AUTH = 4


def _c2q(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return children.run(
        [sys.executable, "-m", "c2q_repl", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("challenge", "named"),
    [
        ('Digest realm="app", nonce="abc", qop="auth-int", algorithm=MD5', 'qop="auth-int"'),
        ('Digest realm="app", nonce="abc", qop="auth", algorithm=SHA-999', "algorithm=SHA-999"),
        ('Digest realm="app", nonce="abc", qop="auth-conf", algorithm=MD5', 'qop="auth-conf"'),
    ],
    ids=["auth-int", "unknown-algorithm", "unknown-qop"],
)
def test_an_unanswerable_digest_challenge_is_a_clear_auth_error(fake, tmp_path, challenge, named):
    fake.everything = F.status(401, {"code": 401, "msg": "auth"}, www_authenticate=challenge)
    done = _c2q("ask", "hello", env=c2q_env(tmp_path, fake))
    assert TRACEBACK not in done.stderr, done.stderr
    assert done.returncode == EXIT_AUTH, done.stderr
    assert "Digest authentication c2q cannot do" in done.stderr and named in done.stderr


def _deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("name", ["durations.json", "usage.json"])
def test_a_deeply_nested_state_file_is_set_aside_and_named(fake, tmp_path, name):
    env = c2q_env(tmp_path, fake)
    state = Path(env["XDG_STATE_HOME"]) / "c2q"
    state.mkdir(parents=True, exist_ok=True)
    (state / name).write_text('{"a": ' + _deep_json(100_000) + "}")
    done = _c2q("ask", "hello", env=env)
    assert TRACEBACK not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert "42" in done.stdout
    assert f"{state / name} was not a valid state file" in done.stderr
    aside = list(state.glob(f"{name}.corrupt-*"))
    assert len(aside) == 1 and aside[0].name in done.stderr
    assert json.loads((state / name).read_text())  # started afresh, valid again
    again = _c2q("ask", "hello", env=env)  # said once: the file is fine now
    assert "not a valid state file" not in again.stderr


def _nested(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth):
        value = {"n": value}
    return value


@pytest.fixture
def deep_transcript(tmp_path: Path) -> Path:
    path = tmp_path / "deep.jsonl"
    job = {
        "job_id": "j1",
        "status": "done",
        "result": {**F.answer(["answer"], [[42]], sql="SELECT 42"), "extra": _nested(900)},
    }
    with TranscriptWriter.create(path, {"database": "db", "mode": "direct"}):
        pass
    with path.open("a", encoding="utf-8") as fh:  # written by hand: c2q's writer caps nesting
        fh.write(json.dumps({"type": "question", "round": 1, "question": "deep?"}) + "\n")
        fh.write('{"type": "command", "name": "x", "args": ' + _deep_json(100_000) + "}\n")
        encoder = json.JSONEncoder(check_circular=False)
        fh.write(encoder.encode({"type": "result", "round": 1, "job_id": "j1", "job": job}) + "\n")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("sessions", "show"),
        ("replay",),
        ("export", "--to", "md"),
        ("export", "--to", "html"),
        ("export", "--to", "json"),
        ("export", "--to", "csv"),
    ],
    ids=lambda a: "-".join(a),
)
def test_a_deeply_nested_transcript_line_is_reported_not_a_crash(
    deep_transcript, fake, tmp_path, args
):
    where = 2 if args[0] == "sessions" else 1  # the transcript goes right after the command
    command = [*args[:where], str(deep_transcript), *args[where:]]
    env = c2q_env(tmp_path / "env", fake)
    done = _c2q(*command, env=env)
    assert TRACEBACK not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    assert "line 3 is nested too deep to read; skipped" in done.stderr
    assert "line 4 is nested deeper than 64 levels" in done.stderr
    assert "42" in done.stdout


def test_state_files_that_are_not_regular_files_are_never_replaced(fake, tmp_path):
    """``durations.json`` a FIFO (a read would block for ever), ``usage.json`` a symlink:
    the question is answered, the FIFO is left alone, the link kept and its target updated."""
    env = c2q_env(tmp_path, fake)
    state = Path(env["XDG_STATE_HOME"]) / "c2q"
    state.mkdir(parents=True, exist_ok=True)
    os.mkfifo(state / "durations.json")
    elsewhere = tmp_path / "elsewhere-usage.json"
    elsewhere.write_text("{}")
    (state / "usage.json").symlink_to(elsewhere)
    done = _c2q("ask", "hello", env=env)
    assert done.returncode == 0, done.stderr
    assert TRACEBACK not in done.stderr and "42" in done.stdout
    assert stat.S_ISFIFO(os.lstat(state / "durations.json").st_mode)
    assert (state / "usage.json").is_symlink()
    assert json.loads(elsewhere.read_text())  # the count went to the link's target
