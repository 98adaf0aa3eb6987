"""No transcript c2q writes holds the private key, whoever echoes it and wherever the key came from.

A hostile or buggy server (or a database row) can hand the key back inside an
answer: in a cell, the SQL, the clarified task, a failed job's reason, an error
message. Every entry point that records a transcript -- the REPL (in a pty),
``c2q --resume`` (which appends to the resumed session's transcript),
``c2q ask --transcript``, ``c2q replay --live --record`` -- is run with the key
from each source c2q reads (``private_key`` in config.toml, ``C2Q_PRIVATE_KEY``,
``private_key_env``, ``private_key_command``); the transcript must hold
``[redacted]`` where the key was, and no file c2q wrote nor its stderr may hold
the key. Once, ``c2q ask`` did not pass the key to the scrub and wrote it verbatim.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from c2q_repl.transcript.writer import TranscriptWriter
from tests import children
from tests.reliability import fakeapi as F
from tests.reliability.conftest import ANSWER_42, ReplRun, c2q_env, session_transcripts

ECHO = "which key did I use"
FAILS = "a question whose failure names the key"
KEY_SOURCES = ("config_file", "env", "key_env", "key_command")


def _echo_the_key(server: F.FakeChat2Query) -> None:
    key = F.PRIVATE_KEY
    server.script(
        ECHO,
        job=F.answer(
            ["key", "answer"],
            [[key, 42], [f"prefix-{key}-suffix", 42]],
            sql=f"SELECT '{key}' AS key, 42 AS answer",
            task=f"show the key {key}",
            chart={"chart_name": "BarChart", "title": key, "option": {"x": "key", "y": "answer"}},
        ),
    )
    server.script(FAILS, failed_reason=f"permission denied for key {key}")


def _key_source(root: Path, server: F.FakeChat2Query, source: str) -> dict[str, str]:
    """Config and environment giving the key through ``source``; returns the env overrides."""
    config = root / "config" / "c2q"
    config.mkdir(parents=True, exist_ok=True)
    lines = [
        "[default]",
        f'endpoint = "{server.endpoint}"',
        f'public_key = "{F.PUBLIC_KEY}"',
        f'cluster_id = "{F.CLUSTER_ID}"',
        f'database = "{F.DATABASE}"',
    ]
    env = {"C2Q_ENDPOINT": "", "C2Q_PUBLIC_KEY": "", "C2Q_PRIVATE_KEY": ""}
    if source == "config_file":
        lines.append(f'private_key = "{F.PRIVATE_KEY}"')
    elif source == "env":
        env["C2Q_PRIVATE_KEY"] = F.PRIVATE_KEY
    elif source == "key_env":
        lines.append('private_key_env = "REL_KEY"')
        env["REL_KEY"] = F.PRIVATE_KEY
    else:  # the key command lives outside the checked tree: it holds the key by design
        script = root.parent / f"{root.name}-key-command"
        script.write_text(f"#!/bin/sh\necho {F.PRIVATE_KEY}\n")
        script.chmod(0o700)
        lines.append(f'private_key_command = "{script}"')
    path = config / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return env


def _no_key_written(root: Path) -> None:
    """No file under ``root`` but the config file (which holds it by choice) has the key."""
    leaks = [
        p
        for p in root.rglob("*")
        if p.is_file() and p.name != "config.toml" and F.PRIVATE_KEY.encode() in p.read_bytes()
    ]
    assert not leaks, f"the private key was written to {leaks}"


def _redacted_where_echoed(transcript: Path) -> None:
    text = transcript.read_text(encoding="utf-8")
    assert F.PRIVATE_KEY not in text
    records = [json.loads(line) for line in text.splitlines()]
    result = next(r for r in records if r["type"] == "result" and r["job"])
    assert result["job"]["result"]["data"]["rows"][0][0] == "[redacted]"
    assert "prefix-[redacted]-suffix" in text
    (failure,) = [r for r in records if r["type"] in ("result", "error") and r["round"] == 2]
    assert "permission denied for key [redacted]" in json.dumps(failure)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return children.run(
        [sys.executable, "-m", "c2q_repl", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=90,
    )


def _ran_without_leaking(done: subprocess.CompletedProcess, transcript: Path, root: Path) -> None:
    assert done.returncode in (0, 1), (done.stdout + done.stderr).decode()
    assert F.PRIVATE_KEY.encode() not in done.stderr
    assert b"Traceback" not in done.stderr
    _redacted_where_echoed(transcript)
    _no_key_written(root)


@pytest.mark.parametrize("source", KEY_SOURCES)
def test_ask_transcript_never_holds_the_key(fake, tmp_path, source):
    _echo_the_key(fake)
    root = tmp_path / "ask"
    env = c2q_env(root, fake, _key_source(root, fake, source))
    transcript = root / "ask.jsonl"
    done = _run(["ask", ECHO, FAILS, "--transcript", str(transcript)], env, tmp_path)
    _ran_without_leaking(done, transcript, root)


@pytest.mark.parametrize("source", KEY_SOURCES)
def test_live_replay_record_never_holds_the_key(fake, tmp_path, source):
    _echo_the_key(fake)
    root = tmp_path / "live"
    env = c2q_env(root, fake, _key_source(root, fake, source))
    recorded = tmp_path / "recorded.jsonl"
    with TranscriptWriter.create(recorded, {"database": F.DATABASE, "mode": "direct"}) as w:
        for number, question in enumerate((ECHO, FAILS), start=1):
            w._write({"type": "question", "round": number, "question": question, "mode": "direct"})
    new = root / "new.jsonl"
    done = _run(["replay", str(recorded), "--live", "--record", str(new)], env, tmp_path)
    _ran_without_leaking(done, new, root)


def _repl_session(root: Path, server, extra: dict, rounds, args: tuple[str, ...] = ()) -> None:
    """The REPL in a pty: ask each ``(question, what shows once answered)``, then quit."""
    repl = ReplRun(root, server, extra, args=args)
    try:
        for question, shown in rounds:
            repl.ask(question)
            repl.wait(shown)
            repl.wait_prompt()
        assert repl.quit() == 0
    finally:
        repl.close()


@pytest.mark.parametrize("source", KEY_SOURCES)
def test_repl_transcript_never_holds_the_key(fake, tmp_path, source, monkeypatch):
    _echo_the_key(fake)
    root = tmp_path / "repl"
    extra = _key_source(root, fake, source)
    monkeypatch.chdir(tmp_path)
    _repl_session(root, fake, extra, [(ECHO, ANSWER_42), (FAILS, "permission denied")])
    (transcript,) = session_transcripts(root)
    _redacted_where_echoed(transcript)
    _no_key_written(root)


@pytest.mark.parametrize("source", KEY_SOURCES)
def test_resumed_repl_transcript_never_holds_the_key(fake, tmp_path, source, monkeypatch):
    """``c2q --resume`` reopens the session's transcript for appending: what it appends
    is scrubbed like a new transcript (the key from config.toml included)."""
    _echo_the_key(fake)
    root = tmp_path / "resume"
    extra = _key_source(root, fake, source)
    monkeypatch.chdir(tmp_path)
    _repl_session(root, fake, extra, [(FAILS, "permission denied")])
    (transcript,) = session_transcripts(root)
    _repl_session(root, fake, extra, [(ECHO, ANSWER_42)], args=("--resume",))
    assert session_transcripts(root) == [transcript]  # continued, not a new file
    records = [json.loads(line) for line in transcript.read_text(encoding="utf-8").splitlines()]
    assert [(r["round"], r["question"]) for r in records if r["type"] == "question"] == [
        (1, FAILS),
        (2, ECHO),
    ]
    text = transcript.read_text(encoding="utf-8")
    assert "permission denied for key [redacted]" in text and "prefix-[redacted]-suffix" in text
    _no_key_written(root)
