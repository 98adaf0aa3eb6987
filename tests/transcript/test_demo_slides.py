"""c2q demo as a presentation: chosen rounds, title and end slides, long tables under
their chart, wrapped SQL, and nothing on a slide meant for the keyboard (ids, /feedback, hints)."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.theme import load_theme
from c2q_repl.transcript.demo import DemoLook
from c2q_repl.transcript.demo_pages import (
    DemoDeck,
    SelectionError,
    parse_rounds,
    select_rounds,
    session_title,
)
from c2q_repl.transcript.reader import read_transcript

from .helpers import job, make_round, sample_rounds, write_transcript

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.harness import Screen, isolated_env  # noqa: E402

LONG_SQL = (
    "SELECT short_name, market_cap FROM companies WHERE sector = 'Technology' "
    "AND market_cap > 1000000000 ORDER BY market_cap DESC, short_name ASC"
)


def _rounds() -> list:
    rows = [[f"company {i:02d}", 40_000 - i * 1000] for i in range(40)]
    return [
        *sample_rounds(),
        make_round(
            4,
            "market cap of every tech company",
            job("job-4", LONG_SQL, ["short_name", "market_cap"], rows, chart="BarChart"),
        ),
    ]


def _transcript(tmp_path: Path, header: dict | None = None):
    path = write_transcript(
        tmp_path / "t.jsonl", _rounds(), {"session_name": "Quarterly review", **(header or {})}
    )
    return read_transcript(path)


def _mono(width: int, height: int) -> RenderOptions:
    from c2q_repl.render.terminal import Terminal

    look = DemoLook(
        Terminal(is_tty=True, color=False, unicode=True, width=width), load_theme("mono")
    )
    return look.options(width, height)


def test_rounds_are_chosen_by_number_and_range():
    assert parse_rounds("1,3-5") == [1, 3, 4, 5]
    assert parse_rounds("4, 2,2") == [4, 2]
    for bad in ("x", "5-3", "0", ",", "1-b"):
        with pytest.raises(SelectionError):
            parse_rounds(bad)


def test_selection_keeps_the_order_given_and_can_skip_failed_rounds(tmp_path):
    t = _transcript(tmp_path)
    assert [rr.number for rr in select_rounds(t)] == [1, 2, 3, 4]
    assert [rr.number for rr in select_rounds(t, skip_failed=True)] == [1, 2, 4]
    assert [rr.number for rr in select_rounds(t, "4,1-3", skip_failed=True)] == [4, 1, 2]
    with pytest.raises(SelectionError, match="no round 9"):
        select_rounds(t, "2,9")


def test_title_slide_names_the_session_database_and_date(tmp_path):
    t = _transcript(tmp_path)
    deck = DemoDeck(t, _mono, select_rounds(t, "1,2"))
    title = "\n".join(deck.lines(0, 80, 24))
    day = datetime.fromtimestamp(t.created_at)
    assert "Quarterly review" in title
    assert f"sp500insight · {day.day} {day:%B %Y}" in title
    assert "2 questions" in title
    # a /rename during the session wins; without any name, the database is the title
    t.records.append({"type": "command", "name": "rename", "args": "Board meeting", "state": {}})
    assert session_title(t) == "Board meeting"
    bare = read_transcript(write_transcript(tmp_path / "bare.jsonl", sample_rounds()))
    assert session_title(bare) == "Questions to sp500insight"


def test_slides_carry_no_ids_feedback_footer_or_hints(tmp_path):
    t = _transcript(tmp_path)
    deck = DemoDeck(t, _mono)
    shown = "\n".join("\n".join(deck.lines(page, 80, 30)) for page in range(deck.last_page + 1))
    for forbidden in ("job-1", "job-2", "job-4", "task 0", "/feedback", "answer ", "try tomorrow"):
        assert forbidden not in shown, forbidden
    assert "daily quota used up" in shown  # the failure itself is shown


def test_a_long_table_is_collapsed_under_its_chart_and_the_sql_wrapped(tmp_path):
    t = _transcript(tmp_path)
    deck = DemoDeck(t, _mono)
    lines = deck.lines(4, 60, 30)
    assert all(len(line) <= 60 for line in lines)
    sql_lines = [i for i, line in enumerate(lines) if "SELECT" in line]
    assert "short_name ASC" in lines[sql_lines[0] + 2]  # one statement over three lines
    chart_at = next(i for i, line in enumerate(lines) if re.match(r"company 00 +█", line))
    table_at = next(i for i, line in enumerate(lines) if "| short_name" in line)
    assert chart_at < table_at
    assert "company 09" in lines[table_at + 11] and "company 10 |" not in "\n".join(lines)
    assert "… 30 more rows" in lines[table_at + 13]
    assert "40 rows" in "\n".join(lines[table_at:])


def test_the_end_slide_lists_what_was_presented(tmp_path):
    t = _transcript(tmp_path)
    deck = DemoDeck(t, _mono, select_rounds(t, skip_failed=True))
    end = "\n".join(deck.lines(deck.last_page, 80, 30))
    assert "That was the session" in end and "Thank you" in end
    assert "3 questions · 3 answered" in end and "show everything" not in end


def test_demo_in_a_pty_presents_chosen_rounds_without_ids(tmp_path):
    t = _transcript(tmp_path)
    screen = Screen(
        ["demo", str(t.path), "--rounds", "1,3-4", "--skip-failed", "--theme", "mono"],
        env=isolated_env(tmp_path / "env"),
        rows=30,
        cols=90,
    )
    try:
        screen.wait_for("Quarterly review")
        day = datetime.fromtimestamp(t.created_at)
        screen.wait_for(f"sp500insight · {day.day} {day:%B %Y}")
        screen.wait_for("2 questions")
        screen.send("  ")
        screen.wait_for("Question 1 of 2")
        screen.wait_for("Technology")
        screen.wait_for("3 rows")
        for forbidden in ("job-1", "task 0", "/feedback"):
            assert forbidden not in screen.text
        screen.send("  ")
        screen.wait_for("Question 2 of 2")
        screen.wait_for(re.compile(r"company 00 +█"))  # the chart comes first
        assert "| short_name" not in screen.text
        screen.send_key("pagedown", "pagedown", "pagedown")
        screen.wait_for(re.compile(r"… 3\d more rows"))
        assert "job-4" not in screen.text
        screen.send(" ")
        screen.wait_for("That was the session")
        screen.wait_for("Thank you")
        assert "and the largest one?" not in screen.text and "show everything" not in screen.text
        screen.send("q")
        assert screen.wait_exit() == 0
    finally:
        screen.close()


def test_demo_refuses_rounds_the_transcript_does_not_have(tmp_path):
    t = _transcript(tmp_path)
    screen = Screen(["demo", str(t.path), "--rounds", "2,7"], env=isolated_env(tmp_path / "env"))
    try:
        screen.wait_for("has no round 7 (rounds: 1, 2, 3, 4)")
        assert screen.wait_exit() == 2
    finally:
        screen.close()
