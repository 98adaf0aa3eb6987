"""``c2q sessions`` (issue 14): name, kind of endpoint and duration; numbers that do not
shift when a session is recorded; ``--search`` over questions and SQL."""

from __future__ import annotations

import io
import json
import os
from argparse import Namespace

from c2q_repl.transcript import listing
from c2q_repl.transcript.commands import sessions_main
from c2q_repl.transcript.sessions_view import format_duration, session_table
from c2q_repl.transcript.writer import TranscriptWriter

from .helpers import sample_rounds, write_transcript


def _set_created(path, created: float) -> None:
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["created_at"] = created
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")


def _three(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    d = tmp_path / "c2q" / "sessions"
    first = write_transcript(
        d / "b-first.jsonl", sample_rounds()[:1], {"session_name": "quarterly review"}
    )
    second = write_transcript(
        d / "a-second.jsonl",
        sample_rounds(),
        {"endpoint_kind": "cloud", "label": "local · 127.0.0.1:8080 · sp500insight"},
    )
    _set_created(first, 1_000_000.0)
    _set_created(second, 2_000_000.0)
    os.utime(first, (1_000_000 + 600, 1_000_000 + 600))  # last written ten minutes in
    os.utime(second, (3_000_000, 3_000_000))
    return env, d, first, second


def test_numbers_stay_when_a_session_is_recorded_or_written_again(tmp_path):
    env, d, first, second = _three(tmp_path)
    before = {e.path: e.number for e in listing.list_sessions(env)}
    assert before == {first: 1, second: 2}
    third = write_transcript(d / "0-third.jsonl", sample_rounds()[:1])  # newest, name sorts first
    os.utime(first, (4_000_000, 4_000_000))  # the first one was resumed and written to again
    entries = listing.list_sessions(env)
    assert [(e.path, e.number) for e in entries] == [(third, 3), (second, 2), (first, 1)]
    assert listing.resolve_transcript("1", env) == first
    assert listing.resolve_transcript("3", env) == third


def test_entries_carry_name_endpoint_kind_and_duration(tmp_path):
    env, _, first, second = _three(tmp_path)
    by_path = {e.path: e for e in listing.list_sessions(env)}
    assert by_path[first].name == "quarterly review"
    assert by_path[first].where == "embedded sandbox"
    assert by_path[first].duration == 600
    assert by_path[second].where == "local server"
    cloud = listing.endpoint_where(
        {"endpoint_kind": "cloud", "endpoint_host": "eu.data.tidbcloud.com"}
    )
    assert cloud == "cloud"
    lines = session_table(list(by_path.values()), width=120)
    assert "took" in lines[0] and "where" in lines[0] and "name" in lines[0]
    row = next(line for line in lines if line.startswith("1 "))
    assert "10 min" in row and "embedded sandbox" in row and "quarterly review" in row


def test_a_rename_names_the_session(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    path = tmp_path / "c2q" / "sessions" / "x.jsonl"
    with TranscriptWriter.create(
        path, {"endpoint_kind": "sandbox", "session_name": "c2q 2026"}
    ) as w:
        w.command("rename", "churn study", {})
    [entry] = listing.list_sessions(env)
    assert entry.name == "churn study"


def test_search_finds_questions_and_sql(tmp_path):
    env, _, first, second = _three(tmp_path)
    [hit] = listing.list_sessions(env, search="LARGEST")  # any case
    assert hit.path == second and hit.number == 2 and hit.matched == "and the largest one?"
    [by_sql] = listing.list_sessions(env, search="order by market_cap")
    assert by_sql.path == second and "(SQL: SELECT name FROM companies" in by_sql.matched
    assert len(listing.list_sessions(env, search="group by sector")) == 2
    assert listing.list_sessions(env, search="no such words anywhere") == []
    out, err = io.StringIO(), io.StringIO()
    args = Namespace(action="list", target=None, search="group by sector")
    assert sessions_main(args, out=out, err=err, env=env) == 0
    assert "matching question" in out.getvalue()
    args = Namespace(action="list", target=None, search="zzz")
    assert sessions_main(args, out=io.StringIO(), err=err, env=env) == 0
    assert "no recorded session mentions 'zzz'" in err.getvalue()


def test_show_names_the_session_and_where_it_ran(tmp_path):
    from c2q_repl.transcript.reader import read_transcript
    from c2q_repl.transcript.sessions_view import show_session

    _, _, first, _ = _three(tmp_path)
    facts = show_session(read_transcript(first))
    assert "name:      quarterly review" in facts and "where:     embedded sandbox" in facts


def test_format_duration():
    assert [format_duration(s) for s in (0, 42, 600, 7500)] == ["-", "42 s", "10 min", "2 h 05 min"]
