"""``c2q --resume``: which session, its rounds, a server session that is gone, and
appending to the transcript (issue 14)."""

from __future__ import annotations

import json

import pytest

from c2q_repl.repl.resume import LATEST, load_resumption
from c2q_repl.transcript.opening import reopen_transcript
from c2q_repl.transcript.reader import TranscriptError, read_transcript
from tests.transcript.helpers import sample_rounds, write_transcript


def _two(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    d = tmp_path / "c2q" / "sessions"
    older = write_transcript(d / "z-older.jsonl", sample_rounds()[:1], {"session_id": "11"})
    newer = write_transcript(d / "a-newer.jsonl", sample_rounds(), {"session_id": "22"})
    return env, older, newer


def test_latest_is_the_session_started_last_and_n_is_its_number(tmp_path):
    env, older, newer = _two(tmp_path)
    latest = load_resumption(LATEST, env)
    assert (latest.path, latest.number, latest.session_id) == (newer, 2, "22")
    assert latest.endpoint == "127.0.0.1"  # the recorded label, compared with the connection
    assert [r.number for r in latest.rounds] == [1, 2, 3]
    assert latest.last_answer is not None and latest.last_answer.number == 2  # 3 was an error
    first = load_resumption("1", env)
    assert (first.path, first.session_id) == (older, "11")
    with pytest.raises(TranscriptError):
        load_resumption("9", env)
    with pytest.raises(TranscriptError, match="no recorded sessions to resume"):
        load_resumption(LATEST, {"XDG_DATA_HOME": str(tmp_path / "none")})


def test_reopened_transcript_appends_after_a_cut_line(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds()[:1])
    path.write_bytes(path.read_bytes() + b'{"type": "question", "num')  # killed mid-line

    class Conn:
        settings = None

    class Conv:
        transcript = None

    conv = Conv()
    writer = reopen_transcript(Conn(), conv, path, env={})
    writer.session("33")
    writer.close()
    assert conv.transcript is writer
    t = read_transcript(path)
    assert [r.number for r in t.rounds] == [1] and t.session_id == "33"
    assert json.loads(path.read_text().splitlines()[0])["type"] == "header"
