"""The pty harness itself: rendering, key names, terminal queries, failure dumps."""

from __future__ import annotations

import re
import sys
import textwrap

import pytest

from .harness import Screen, ScreenTimeout, isolated_env, key_bytes

ECHO_KEYS = textwrap.dedent(
    """
    import os, sys, termios, tty
    fd = sys.stdin.fileno()
    tty.setraw(fd)
    sys.stdout.write("\\x1b[6n"); sys.stdout.flush()
    reply = b""
    while not reply.endswith(b"R"):
        reply += os.read(fd, 1)
    sys.stdout.write("\\x1b[2J\\x1b[HCPR=" + reply.decode().replace("\\x1b", "ESC") + "\\r\\n")
    sys.stdout.write("\\x1b[31mred\\x1b[0m ready\\r\\n"); sys.stdout.flush()
    seen = b""
    while not seen.endswith(b"\\x04"):
        seen += os.read(fd, 1)
    sys.stdout.write("GOT=" + seen.hex() + "\\r\\n"); sys.stdout.flush()
    sys.exit(7)
    """
)


def test_answers_cpr_renders_colour_and_sends_keys(tmp_path):
    with Screen(
        program=[sys.executable, "-c", ECHO_KEYS], env=isolated_env(tmp_path), rows=10, cols=60
    ) as screen:
        screen.wait_for("ready")
        assert "CPR=ESC[1;1R" in screen.text
        red = screen.styles_of("red")
        assert {c.fg for c in red} == {"red"}
        screen.send("hi")
        screen.send_key("c-c", "up", "c-d")
        screen.wait_for(re.compile(r"GOT=[0-9a-f]+"))
        assert "GOT=" + (b"hi" + b"\x03" + b"\x1b[A" + b"\x04").hex() in screen.text
        assert screen.wait_exit() == 7
        assert b"\x1b[31m" in screen.raw_output


def test_timeout_dumps_the_screen(tmp_path):
    prog = [sys.executable, "-c", "import time; print('visible line'); time.sleep(30)"]
    with Screen(program=prog, env=isolated_env(tmp_path), rows=5, cols=40) as screen:
        with pytest.raises(ScreenTimeout) as info:
            screen.wait_for("never printed", timeout=0.5)
        assert "visible line" in str(info.value)
        assert "+" + "-" * 40 + "+" in str(info.value)


def test_isolated_env_drops_leaks(tmp_path, monkeypatch):
    monkeypatch.setenv("C2Q_PRIVATE_KEY", "secret")
    monkeypatch.setenv("NO_COLOR", "1")
    env = isolated_env(tmp_path, {"EXTRA": "x"})
    assert "C2Q_PRIVATE_KEY" not in env and "NO_COLOR" not in env
    assert env["XDG_STATE_HOME"].startswith(str(tmp_path))
    assert env["TERM"] == "xterm-256color" and env["EXTRA"] == "x"


def test_key_names():
    assert key_bytes("c-c") == "\x03"
    assert key_bytes("c-d") == "\x04"
    assert key_bytes("enter") == "\r"
    assert key_bytes("m-b") == "\x1bb"
    with pytest.raises(ValueError):
        key_bytes("hyper-x")


def test_runs_real_c2q_version(c2q_env):
    with Screen(["--version"], env=c2q_env) as screen:
        screen.wait_for(re.compile(r"c2q \d"))
        assert screen.wait_exit() == 0


def test_spawn_c2q_uses_the_test_sandbox(spawn_c2q, sandbox):
    screen = spawn_c2q()
    port = sandbox.endpoint.split(":")[2].split("/")[0]
    screen.wait_for(f"127.0.0.1:{port}")
    assert "offline" not in screen.text  # it did not start a sandbox of its own
    screen.wait_for("c2q>")
    screen.send_key("c-d")
    assert screen.wait_exit() == 0
