"""c2q demo: the deck's pages, and the real full-screen app driven in a pty."""

from __future__ import annotations

import sys
from pathlib import Path

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.theme import load_theme
from c2q_repl.transcript.demo_pages import DemoDeck
from c2q_repl.transcript.reader import read_transcript

from .helpers import sample_rounds, write_transcript

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.harness import Screen, isolated_env  # noqa: E402


def _deck(tmp_path) -> DemoDeck:
    t = read_transcript(write_transcript(tmp_path / "t.jsonl", sample_rounds()))
    return DemoDeck(t, lambda w, h: RenderOptions(width=w, theme=load_theme("mono"), color=False))


def test_deck_pages(tmp_path):
    deck = _deck(tmp_path)
    assert deck.last_page == 4
    title = "\n".join(deck.lines(0, 80, 24))
    assert "Questions to sp500insight" in title and "3 questions" in title
    typing = deck.lines(1, 80, 24, typed=5)
    assert any(line.startswith("c2q> how m▌") for line in typing)
    assert not any("Technology" in line for line in typing)  # the answer waits for the question
    page = "\n".join(deck.lines(1, 80, 24))
    assert "c2q> how many companies per sector?" in page and "Technology" in page
    assert "daily quota used up" in "\n".join(deck.lines(3, 80, 24))
    summary = "\n".join(deck.lines(4, 80, 24))
    assert "3 questions · 2 answered · 4 rows" in summary
    assert "✗  3. show everything" in summary
    assert deck.page_of_round(2) == 2 and deck.page_of_round(99) == 4
    assert "2/3" in deck.footer(2, "", 100) and "go to 3_" in deck.footer(2, "3", 100)
    assert "2/3 · ↓ 7 more lines" in deck.footer(2, "", 100, below=7)


def test_demo_in_a_pty_steps_jumps_back_and_quits(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds())
    env = isolated_env(tmp_path / "env")
    # the real CLI, reporting at exit whether anything imported the HTTP client (it must not: no network)
    probe = (
        "import atexit, sys; atexit.register(lambda: print('network:', 'httpx' in sys.modules)); "
        "from c2q_repl.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    screen = Screen(
        ["demo", str(path)], env=env, rows=30, cols=100, program=[sys.executable, "-c", probe]
    )
    try:
        screen.wait_for("Questions to sp500insight")
        screen.wait_for("3 questions")
        screen.send(" ")
        screen.wait_for("Question 1 of 3")
        screen.send(" ")  # finishes the typing at once
        screen.wait_for("c2q> how many companies per sector?")
        screen.wait_for("Technology")
        screen.wait_for("1/3")
        screen.send(" ")
        screen.wait_for("Question 2 of 3")
        screen.wait_for("Apple Inc.", timeout=15)  # typed out on its own
        assert "Technology" not in screen.text
        screen.send_key("backspace")
        screen.wait_for("Question 1 of 3")
        screen.send("3\r")
        screen.wait_for("Question 3 of 3")
        screen.wait_for("daily quota used up", timeout=15)
        screen.send(" ")
        screen.wait_for("2 answered")
        screen.send("q")
        assert screen.wait_exit() == 0
        assert "network: False" in "\n".join(screen.scrollback)
    finally:
        screen.close()


def test_demo_scrolls_a_long_answer(tmp_path):
    from .helpers import job, make_round

    columns = ["name"] + [f"measure_{k}" for k in range(12)]  # too wide: one record per row
    rows = [[f"company {i:02d}"] + [i * 10 + k for k in range(12)] for i in range(40)]
    path = write_transcript(
        tmp_path / "t.jsonl",
        [make_round(1, "list", job("j", "SELECT * FROM t", columns, rows, chart=""))],
    )
    screen = Screen(
        ["demo", str(path), "--theme", "mono"], env=isolated_env(tmp_path / "env"), rows=20, cols=80
    )
    try:
        screen.wait_for("Space to begin")
        screen.send("  ")
        screen.wait_for("company 00")
        screen.wait_for("more lines")
        assert "company 05" not in screen.text
        screen.send_key("pagedown", "pagedown", "pagedown", "pagedown", "pagedown")
        screen.wait_for("company 05")  # the last row shown: the table is collapsed to 6
        screen.wait_for("34 more rows")
        screen.send_key("up")
        screen.send("q")
        assert screen.wait_exit() == 0
    finally:
        screen.close()
