"""One function opens every transcript: one header shape, and it always scrubs the connection's keys."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

import c2q_repl
from c2q_repl.chat.connect import new_connection
from c2q_repl.config import Credentials, Settings
from c2q_repl.transcript.opening import connection_secrets, open_transcript, reopen_transcript

USER_KEY = "user-private-key-0123456789"
HEADER_FIELDS = {
    "type",
    "format",
    "version",
    "c2q_version",
    "created_at",
    "endpoint_kind",
    "label",
    "endpoint_host",
    "cluster_id",
    "database",
    "session_id",
    "session_name",
    "mode",
}


class _Conversation:
    session_id = "ses-1"
    mode = "direct"
    transcript = None


def _cloud_connection():
    settings = Settings(
        endpoint="https://user:url-password-xyz@eu.example.com/api/v1beta/app/x/endpoint",
        credentials=Credentials("PUB", USER_KEY),
        cluster_id="42",
        database="sales",
    )
    return new_connection(settings, track_usage=False)


def test_header_shape(tmp_path):
    conv = _Conversation()
    writer = open_transcript(_cloud_connection(), conv, tmp_path / "t.jsonl", env={})
    writer.close()
    (header,) = (json.loads(x) for x in (tmp_path / "t.jsonl").read_text().splitlines())
    assert set(header) == HEADER_FIELDS
    assert header["endpoint_host"] == "eu.example.com"  # no user:password@
    assert header["session_id"] == "ses-1" and header["database"] == "sales"
    assert conv.transcript is writer


def test_replay_of_is_the_only_extra_field(tmp_path):
    writer = open_transcript(
        _cloud_connection(), _Conversation(), tmp_path / "t.jsonl", env={}, replay_of="old.jsonl"
    )
    writer.close()
    header = json.loads((tmp_path / "t.jsonl").read_text().splitlines()[0])
    assert set(header) == HEADER_FIELDS | {"replay_of"}


def test_the_key_is_scrubbed_without_the_caller_naming_it(tmp_path):
    """No ``secrets=`` argument exists to forget: the opener reads them from the connection."""
    conv = _Conversation()
    writer = open_transcript(_cloud_connection(), conv, tmp_path / "t.jsonl", env={})
    writer.command("note", f"the server said {USER_KEY}", {"echo": [USER_KEY]})
    writer.close()
    text = (tmp_path / "t.jsonl").read_text()
    assert USER_KEY not in text and "url-password-xyz" not in text
    assert text.count("[redacted]") == 2


def test_secrets_include_requested_and_effective_keys():
    connection = _cloud_connection()
    assert connection_secrets(connection) == (USER_KEY,)
    # the embedded sandbox: nothing requested, its generated key in use; or --sandbox with a key set
    sandbox_key = Credentials("SBX", "sandbox-generated-key-42")
    embedded = SimpleNamespace(
        requested=Settings(credentials=Credentials("PUB", USER_KEY), sandbox=True),
        settings=Settings(credentials=sandbox_key),
    )
    assert connection_secrets(embedded) == (USER_KEY, "sandbox-generated-key-42")


def test_default_path_is_named_by_session(tmp_path):
    writer = open_transcript(
        _cloud_connection(),
        _Conversation(),
        None,
        started_at=1795431632.0,
        env={"XDG_DATA_HOME": str(tmp_path)},
    )
    writer.close()
    assert writer.path.parent == tmp_path / "c2q" / "sessions"
    assert writer.path.name.endswith("-ses-1.jsonl")


def test_reopening_appends_scrubbed_of_the_same_keys(tmp_path):
    """``c2q --resume`` continues the file: the header stays first, and what is appended
    is scrubbed of the connection's key and C2Q_PRIVATE_KEY like a new transcript."""
    path = tmp_path / "t.jsonl"
    open_transcript(_cloud_connection(), _Conversation(), path, env={}).close()
    path.chmod(0o600)
    conv = _Conversation()
    env = {"C2Q_PRIVATE_KEY": "env-private-key-9876543"}
    writer = reopen_transcript(_cloud_connection(), conv, path, env=env)
    writer.command("note", f"echo {USER_KEY} and {env['C2Q_PRIVATE_KEY']}", {})
    writer.close()
    assert conv.transcript is writer
    records = [json.loads(x) for x in path.read_text().splitlines()]
    assert [r["type"] for r in records] == ["header", "command"]
    assert records[1]["args"] == "echo [redacted] and [redacted]"


def test_reopening_never_creates_nor_writes_to_anything_but_a_regular_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        reopen_transcript(_cloud_connection(), _Conversation(), tmp_path / "gone.jsonl", env={})
    assert not (tmp_path / "gone.jsonl").exists()
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):  # and never blocks on it
        reopen_transcript(_cloud_connection(), _Conversation(), fifo, env={})
    with pytest.raises(OSError, match="not a regular file"):
        reopen_transcript(_cloud_connection(), _Conversation(), tmp_path, env={})


def _calls_in_package(wanted) -> list[str]:
    """The package modules (relative paths) with a call ``wanted(call node)`` accepts."""
    package = Path(c2q_repl.__file__).parent
    callers = []
    for source in sorted(package.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Call) and wanted(node.func) for node in ast.walk(tree)):
            callers.append(str(source.relative_to(package)))
    return callers


def test_only_the_opener_creates_or_continues_transcripts():
    """Every front end goes through open_transcript or reopen_transcript: no other module
    calls TranscriptWriter.create or .append, and only the writer builds a writer from an
    open file (its classmethods), so nothing can skip the secrets the opener gathers."""

    def create_or_append(func) -> bool:
        return (
            isinstance(func, ast.Attribute)
            and func.attr in ("create", "append")
            and isinstance(func.value, ast.Name)
            and func.value.id == "TranscriptWriter"
        )

    def constructor(func) -> bool:
        return isinstance(func, ast.Name) and func.id == "TranscriptWriter"

    assert _calls_in_package(create_or_append) == ["transcript/opening.py"]
    assert _calls_in_package(constructor) == []  # writer.py itself builds through cls(...)
