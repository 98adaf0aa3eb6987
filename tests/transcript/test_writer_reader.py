"""Transcript durability and tolerant reading."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from c2q_repl.transcript import listing
from c2q_repl.transcript.reader import TranscriptError, read_transcript
from c2q_repl.transcript.writer import TranscriptWriter, default_transcript_path, scrub
from tests import children

from .helpers import sample_rounds, write_transcript


def test_file_is_0600_from_creation_and_parents_created(tmp_path):
    old = os.umask(0)  # even a permissive umask must not widen the mode
    try:
        path = write_transcript(tmp_path / "a" / "b" / "t.jsonl", sample_rounds())
    finally:
        os.umask(old)
    assert (path.stat().st_mode & 0o777) == 0o600


def test_existing_file_is_tightened_to_0600(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("old")
    path.chmod(0o644)
    write_transcript(path, sample_rounds()[:1])
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "old" not in path.read_text()


def test_each_record_is_fsynced_when_written(tmp_path, monkeypatch):
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    rounds = sample_rounds()
    w = TranscriptWriter.create(tmp_path / "t.jsonl", {"database": "db"})
    assert len(synced) == 1
    w.question(rounds[0])
    # visible to another reader before close: really written, not buffered
    assert read_transcript(w.path).rounds[0].question == rounds[0].question
    w.result(rounds[0])
    w.command("mode", "auto_breakdown", {"mode": "auto_breakdown"})
    w.session("s-2")
    assert len(synced) == 5
    w.close()
    with pytest.raises(ValueError):
        w.session("s-3")


def test_round_trip_of_every_record_kind(tmp_path):
    rounds = sample_rounds()
    path = write_transcript(tmp_path / "t.jsonl", rounds)
    t = read_transcript(path)
    assert t.warnings == []
    assert t.header["format"] == "c2q-transcript" and t.header["version"] == "1.0"
    assert t.database == "sp500insight" and t.session_id == "s-1"
    assert [r.question for r in t.rounds] == [r.question for r in rounds]
    assert all(r.complete for r in t.rounds)
    second = t.rounds[1]
    assert (second.feedback_answer_id, second.feedback_task_id) == ("job-1", "0")
    assert second.to_round().job_raw == rounds[1].job_raw
    again = t.rounds[2].to_round()
    assert type(again.error) is type(rounds[2].error)
    assert again.error.to_json() == rounds[2].error.to_json()
    assert again.elapsed == 1.25 and again.requests == 3


def test_private_key_never_written(tmp_path, monkeypatch):
    key = "PRIV-abcdef-0123456789"
    monkeypatch.setenv("C2Q_PRIVATE_KEY", key)
    rounds = sample_rounds()
    rounds[0].question = f"is {key} leaked?"
    header = {
        "private_key": "other-secret-value",
        "endpoint_url": "https://pub:hunter22@example.com/x",
        "auth": {"privateKey": "zzz"},
    }
    path = write_transcript(tmp_path / "t.jsonl", rounds, header)
    text = path.read_text()
    for secret in (key, "other-secret-value", "hunter22", "zzz"):
        assert secret not in text
    assert "[redacted]" in text


def test_scrub_keeps_ordinary_data():
    data = {"task_id": "0", "rows": [["a", 1]], "tokens": 5}
    assert scrub(data) == data


def test_default_path_uses_xdg_data_home_and_safe_name(tmp_path):
    p = default_transcript_path("ab/c d", 0.0, {"XDG_DATA_HOME": str(tmp_path)})
    assert p.parent == tmp_path / "c2q" / "sessions"
    assert p.name.endswith("-ab_c_d.jsonl") and "/" not in p.name
    home = default_transcript_path("x", 0.0, {"HOME": str(tmp_path)})
    assert home.parent == tmp_path / ".local" / "share" / "c2q" / "sessions"


def _cut_copies(path: Path, tmp_path: Path) -> list[Path]:
    """The file cut at several byte offsets inside its last line."""
    data = path.read_bytes()
    start = data.rstrip(b"\n").rfind(b"\n") + 1
    out = []
    for i, cut in enumerate(
        sorted({start + 1, start + 7, (start + len(data)) // 2, len(data) - 2})
    ):
        p = tmp_path / f"cut{i}.jsonl"
        p.write_bytes(data[:cut])
        out.append(p)
    return out


def test_truncated_last_line_is_reported_and_skipped(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds())
    for cut in _cut_copies(path, tmp_path):
        t = read_transcript(cut)
        assert [r.complete for r in t.rounds] == [True, True, False]
        assert any("cut off" in w and "skipped" in w for w in t.warnings)


def test_outline_reads_skip_outcomes(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds())
    t = read_transcript(path, outline=True)
    assert [r.question for r in t.rounds] == [r.question for r in sample_rounds()]
    assert not any(r.complete for r in t.rounds) and t.warnings == []


def test_unknown_records_and_future_minor_version_tolerated(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds())
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header.update(version="1.7", new_field={"x": 1})
    lines[0] = json.dumps(header)
    lines.insert(2, json.dumps({"type": "bookmark", "t": 1, "label": "x"}))
    path.write_text("\n".join(lines) + "\n")
    t = read_transcript(path)
    assert len(t.rounds) == 3 and all(r.complete for r in t.rounds)
    assert any("1.7" in w for w in t.warnings)


def test_future_major_version_and_non_transcripts_refused(tmp_path):
    newer = tmp_path / "n.jsonl"
    newer.write_text(
        json.dumps({"type": "header", "format": "c2q-transcript", "version": "2.0"}) + "\n"
    )
    with pytest.raises(TranscriptError, match="newer c2q"):
        read_transcript(newer)
    other = tmp_path / "o.jsonl"
    other.write_text('{"hello": 1}\n')
    with pytest.raises(TranscriptError, match="not a c2q transcript"):
        read_transcript(other)
    with pytest.raises(TranscriptError, match="no such transcript"):
        read_transcript(tmp_path / "missing.jsonl")


WRITER_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from tests.transcript.helpers import sample_rounds
    from c2q_repl.transcript.writer import TranscriptWriter
    rounds = sample_rounds()
    w = TranscriptWriter.create(Path(sys.argv[1]), {"database": "sp500insight"})
    for r in rounds[:2]:
        w.question(r); w.result(r)
        print("done", r.number, flush=True)
    w.question(rounds[2])          # the round in flight when the kill comes
    print("asking", flush=True)
    time.sleep(60)
""")


def test_sigkill_mid_session_loses_no_completed_round(tmp_path):
    path = tmp_path / "killed.jsonl"
    root = str(Path(__file__).resolve().parents[2])
    proc = children.popen(
        [sys.executable, "-c", WRITER_SCRIPT, str(path), root], stdout=subprocess.PIPE, text=True
    )
    try:
        lines = [proc.stdout.readline().strip() for _ in range(3)]
        assert lines == ["done 1", "done 2", "asking"]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    t = read_transcript(path)
    assert [(r.number, r.complete) for r in t.rounds] == [(1, True), (2, True), (3, False)]
    assert t.rounds[1].to_round().answer.data.rows == [["Apple Inc."]]


def test_listing_lists_latest_first_numbered_in_start_order_and_resolves(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    d = tmp_path / "c2q" / "sessions"
    old = write_transcript(d / "2026-01-01-100000-a.jsonl", sample_rounds()[:1])
    new = write_transcript(d / "2026-01-02-100000-b.jsonl", sample_rounds())
    os.utime(old, (1_000_000, 1_000_000))
    (d / "broken.jsonl").write_text("not json\n")
    os.utime(d / "broken.jsonl", (1000, 1000))
    entries = listing.list_sessions(env)
    assert [e.path for e in entries] == [new, old, d / "broken.jsonl"]
    assert entries[0].rounds == 3 and entries[0].first_question == "how many companies per sector?"
    assert entries[2].problem
    # numbered in the order they were started (a file without a header: by its mtime)
    assert [e.number for e in entries] == [3, 2, 1]
    assert listing.resolve_transcript("3", env) == new
    assert listing.resolve_transcript("2", env) == old
    assert listing.resolve_transcript(str(old), env) == old
    with pytest.raises(TranscriptError, match="no session 9"):
        listing.resolve_transcript("9", env)
    with pytest.raises(TranscriptError, match="no recorded sessions"):
        listing.resolve_transcript("1", {"XDG_DATA_HOME": str(tmp_path / "empty")})
