"""`c2q sandbox serve` as a user runs it: banner, keys file, the docs' curl walkthrough, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import children
from tests.children import default_sigint

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "SANDBOX.md"


def _start(tmp_path: Path, seed_cache_home: Path, *extra: str):
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(seed_cache_home),
        "PYTHONUNBUFFERED": "1",
    }
    proc = children.popen(
        [sys.executable, "-m", "c2q_repl", "sandbox", "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=default_sigint,  # Ctrl-C reaches it even when pytest ignores SIGINT
    )
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            return proc, "".join(lines), env
    proc.kill()
    raise AssertionError("server did not start: " + "".join(lines) + proc.stderr.read())


def _stop(proc) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    return proc.returncode, out, err


def _walkthrough_blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("<!-- walkthrough:start -->")[1].split("<!-- walkthrough:end -->")[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


def _run(script: str, env: dict) -> list[dict]:
    done = children.run(
        ["bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [
        json.loads(line) for line in done.stdout.replace("}{", "}\n{").splitlines() if line.strip()
    ]


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_curl_walkthrough_of_the_docs(tmp_path, seed_cache_home):
    proc, banner, env = _start(tmp_path, seed_cache_home, "--job-delay", "0.2")
    try:
        endpoint = re.search(r"endpoint:\s+(\S+)", banner).group(1)
        port = endpoint.split(":")[2].split("/")[0]
        keys = tmp_path / "data" / "c2q" / "sandbox-keys.toml"
        assert stat.S_IMODE(keys.stat().st_mode) == 0o600
        private = re.search(r'^private = "(.*)"', keys.read_text(), flags=re.M).group(1)
        assert private not in banner  # stdout is not a terminal: the key is not printed
        assert "18550034647249171975" in banner

        setup, summary, poll, session, ask, messages = [
            b.replace("127.0.0.1:8080", f"127.0.0.1:{port}") for b in _walkthrough_blocks()
        ]
        started = _run(setup + summary, env)[0]
        assert started["code"] == 200
        job_id = started["result"]["job_id"]
        for _ in range(100):
            job = _run(setup + poll.replace("bc8d164620e940b78b899e097e01d86d", job_id), env)[0][
                "result"
            ]
            if job["status"] == "done":
                break
            time.sleep(0.05)
        assert job["status"] == "done" and job["result"]["database"] == "sp500insight"

        created = _run(setup + session, env)[0]
        assert created["code"] == 200 and created["result"]["messages"] == []
        sid = str(created["result"]["session_id"])

        first_curl, poll_curl = ask.strip().split(
            "\n" + 'curl --digest --user "$PUB:$PRIV" "$EP/v2/jobs/'
        )
        asked = _run(setup + first_curl.replace("304825", sid), env)[0]
        chat_job = asked["result"]["job_id"]
        poll_cmd = 'curl --digest --user "$PUB:$PRIV" "$EP/v2/jobs/' + poll_curl.replace(
            "<job_id from the answer>", chat_job
        )
        for _ in range(100):
            answer = _run(setup + poll_cmd, env)[0]["result"]
            if answer["status"] in ("done", "failed"):
                break
            time.sleep(0.05)
        assert answer["status"] == "done", answer
        assert answer["result"]["data"]["rows"] == [["120"]]

        detail, reset = _run(setup + messages.replace("304825", sid), env)
        assert [m["role"] for m in detail["result"]["messages"]] == ["user", "assistant"]
        assert reset["result"]["messages"] == []
    finally:
        code, out, err = _stop(proc)
    assert code == 0 and "stopped" in err
    assert private not in out + err
    assert "POST /api/v1beta/app/chat2query-sandbox1/endpoint/v3/sessions" in out  # access log


def test_second_start_reuses_the_keys_and_names_the_file(tmp_path, seed_cache_home):
    proc, banner1, _ = _start(tmp_path, seed_cache_home)
    _stop(proc)
    proc, banner2, _ = _start(tmp_path, seed_cache_home)
    code, _, _ = _stop(proc)
    key1 = re.search(r"public key:\s+(\S+)", banner1).group(1)
    assert re.search(r"public key:\s+(\S+)", banner2).group(1) == key1
    assert "private key: in " in banner2 and code == 0


def test_bad_options_fail_with_usage_error(tmp_path, seed_cache_home):
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(seed_cache_home),
    }
    for extra in (["--faults", "explode:1"], ["--job-delay", "9-1"]):
        done = children.run(
            [sys.executable, "-m", "c2q_repl", "sandbox", "serve", "--port", "0", *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 2 and "c2q sandbox:" in done.stderr
    bad_keys = tmp_path / "keys.toml"
    bad_keys.write_text("not toml [")
    done = children.run(
        [
            sys.executable,
            "-m",
            "c2q_repl",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--keys",
            str(bad_keys),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "keys file" in done.stderr


def test_private_key_is_shown_once_on_a_terminal(tmp_path, seed_cache_home):
    import pexpect

    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(seed_cache_home),
    }
    banners = []
    for _ in range(2):
        child = pexpect.spawn(
            sys.executable,
            ["-m", "c2q_repl", "sandbox", "serve", "--port", "0"],
            env=env,
            encoding="utf-8",
            timeout=60,
            preexec_fn=default_sigint,
        )
        child.expect("Press Ctrl-C")
        banners.append(child.before)
        child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    keys = (tmp_path / "data" / "c2q" / "sandbox-keys.toml").read_text()
    private = re.search(r'^private = "(.*)"', keys, flags=re.M).group(1)
    assert private in banners[0] and "shown once" in banners[0]
    assert private not in banners[1] and "private key: in " in banners[1]


def test_database_from_the_environment_keeps_credentials_out_of_the_command_line(
    tmp_path, seed_cache_home, sp500_path, monkeypatch
):
    """C2Q_SANDBOX_DB is used when --db is absent (a MySQL URL's password would otherwise show in `ps`)."""
    own = tmp_path / "portfolio.sqlite"
    shutil.copyfile(sp500_path, own)
    monkeypatch.setenv("C2Q_SANDBOX_DB", str(own))
    proc, banner, _ = _start(tmp_path, seed_cache_home)
    _stop(proc)
    assert "serving portfolio" in banner, banner
