"""replay --live against a real sandbox server: no drift on the same data, drift when it changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from c2q_repl.chat.connect import connect
from c2q_repl.chat.conversation import Conversation
from c2q_repl.cli import main
from c2q_repl.config import load_settings
from c2q_repl.transcript.reader import read_transcript
from c2q_repl.transcript.writer import TranscriptWriter

SECTORS = "how many companies are there per sector?"
TOP = "top 5 companies by market cap"
GROWTH = "what is the average revenue growth by sector?"


def _point_at(monkeypatch, tmp_path: Path, handle) -> None:
    for name in ("C2Q_PROFILE", "C2Q_CONFIG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "C2Q_ENDPOINT": handle.endpoint,
        "C2Q_PUBLIC_KEY": handle.public_key,
        "C2Q_PRIVATE_KEY": handle.private_key,
        "C2Q_CLUSTER_ID": str(handle.cluster_id),
        "C2Q_DATABASE": handle.database,
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "COLUMNS": "100",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def record_session(path: Path) -> Path:
    """Record the way the REPL does: the conversation writes every event to the writer."""
    connection = connect(load_settings(None))
    try:
        with TranscriptWriter.create(
            path,
            {
                "endpoint_kind": connection.kind,
                "label": connection.label,
                "database": connection.settings.database,
                "mode": "direct",
            },
        ) as writer:
            conv = Conversation(connection, transcript=writer)
            first = conv.ask(SECTORS)
            assert not first.failed, first.error
            conv.ask(TOP, feedback=(first.job_id, "0"))  # a correction of the first answer
            conv.reset()
            conv.ask(GROWTH)
    finally:
        connection.close()
    return path


@pytest.fixture
def recorded(sandbox, monkeypatch, tmp_path) -> Path:
    _point_at(monkeypatch, tmp_path, sandbox)
    return record_session(tmp_path / "recorded.jsonl")


def test_live_replay_on_the_same_data_reports_no_drift(recorded, tmp_path, capsys):
    new = tmp_path / "new.jsonl"
    code = main(["replay", str(recorded), "--live", "--record", str(new)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "3 rounds compared · 3 same · 0 drifted" in out
    assert "c2q> /reset" in out and out.count("c2q> ") == 4
    old_t, new_t = read_transcript(recorded), read_transcript(new)
    assert [r.question for r in new_t.rounds] == [SECTORS, TOP, GROWTH]
    # the feedback question was sent as feedback on the *new* first answer
    assert new_t.rounds[1].feedback_answer_id == new_t.rounds[0].job_id != old_t.rounds[0].job_id
    assert new_t.rounds[1].feedback_task_id == "0"
    assert [c["name"] for c in new_t.commands] == ["reset"]
    assert new_t.header["replay_of"] == str(recorded)
    assert new_t.session_id and new_t.session_id != old_t.session_id


def test_live_replay_reports_drift_when_the_data_changed(
    recorded, writable_sp500, make_sandbox, monkeypatch, tmp_path, capsys
):
    with sqlite3.connect(writable_sp500) as db:  # move five Technology companies to Energy
        db.execute(
            "UPDATE companies SET sector = 'Energy' WHERE stock_symbol IN "
            "(SELECT stock_symbol FROM companies WHERE sector = 'Technology' ORDER BY stock_symbol LIMIT 5)"
        )
    changed = make_sandbox(db=str(writable_sp500), daily_limit=0, rpm_limit=0)
    _point_at(monkeypatch, tmp_path, changed)
    monkeypatch.setenv("C2Q_DATABASE", read_transcript(recorded).database)
    code = main(["replay", str(recorded), "--live"])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    report = out[out.index("Drift report") :]
    assert "1. rows changed · " + SECTORS in report
    assert "11 rows → 11 rows (2 no longer returned, 2 new)" in report
    assert "3. rows changed" in report  # average growth per sector moved too
    assert "drifted" in report.splitlines()[-1]


def test_live_replay_reports_a_changed_sql_and_failures(sandbox, monkeypatch, tmp_path, capsys):
    _point_at(monkeypatch, tmp_path, sandbox)
    path = record_session(tmp_path / "rec.jsonl")
    lines = path.read_text().splitlines()
    edited = []
    for (
        line
    ) in lines:  # pretend the service once wrote different SQL for round 1 and failed round 3
        rec = json.loads(line)
        if rec.get("type") == "result" and rec["round"] == 1:
            rec["job"]["result"]["sql"] = rec["job"]["result"]["sql"].replace(
                "ORDER BY sector ASC", "ORDER BY sector DESC"
            )
        if rec.get("type") == "result" and rec["round"] == 3:
            rec = {
                "type": "error",
                "round": 3,
                "job_id": "",
                "error": {"kind": "quota", "message": "quota used up"},
            }
        edited.append(json.dumps(rec))
    path.write_text("\n".join(edited) + "\n")
    code = main(["replay", str(path), "--live"])
    out = capsys.readouterr().out
    assert code == 1
    report = out[out.index("Drift report") :]
    assert "1. SQL changed · " in report
    assert "--- recorded" in report and "+++ now" in report
    assert "\n        -  sector DESC\n        +  sector ASC\n" in report
    assert "3. CHANGED · " in report and "failed when recorded: quota used up" in report
