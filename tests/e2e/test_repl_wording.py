"""Issue 14 in a real terminal: what c2q says is what it does (footer, /summary,
/history, /export, hints), /refine builds on itself and /run runs it, and
``c2q sessions`` lists name, endpoint kind and duration with stable numbers and --search."""

from __future__ import annotations

import re

from .harness import Screen
from .repl_support import PER_SECTOR, ask, ready, wait_prompt


def _joined(screen) -> str:
    """The scrollback with wrapped rows joined, whitespace collapsed."""
    return " ".join(" ".join(screen.scrollback).split())


def test_wording_of_footer_summary_history_export_and_hints(spawn_c2q, tmp_path):
    screen = spawn_c2q(cwd=tmp_path, extra_env={"PAGER": "cat"})
    ready(screen)
    ask(screen, PER_SECTOR, "11 rows")
    assert "/feedback sends a correction" in _joined(screen)
    ask(screen, "/summary refresh", "not regenerated")
    screen.send_line("/summary regenerate")
    screen.wait_for("counts against today's quota [y/N]")
    screen.send_line("n")
    screen.wait_for(re.compile(r"^not regenerated$", re.M), scrollback=True)
    wait_prompt(screen)
    ask(screen, "/new", "new session")
    ask(screen, "how many companies are there?", "1 row")
    ask(screen, "/history", re.compile(r"── new session \d+ ──"))
    listing = "\n".join(screen.scrollback)
    assert re.search(r"1\. .*per sector.*\n── new session \d+ ──\n +2\. ", listing), screen.dump()
    ask(screen, f"/export {tmp_path}/missing/dir/s.md", "error: no directory")
    assert not (tmp_path / "missing").exists()
    ask(screen, "what is the airspeed velocity of an unladen swallow?", "c2q sandbox serve")
    text = _joined(screen)
    assert "start `c2q sandbox serve --engine llm`" in text
    assert "The LLM engine (--engine llm) can" not in text


def test_refine_is_cumulative_and_run_runs_it(spawn_c2q):
    screen = spawn_c2q()
    ready(screen)
    ask(screen, "top 5 companies by market cap", "5 rows")
    ask(screen, "/refine 10 instead of 5", "/run runs it")
    ask(screen, "/refine 4 instead of 10", "/run runs it")
    assert re.search(r"\+SELECT .*LIMIT 4", _joined(screen))  # from the LIMIT 10 rewrite
    ask(screen, "/run", "4 rows")
    assert re.search(r"ORDER BY market_cap DESC.*LIMIT 4", _joined(screen))


def test_sessions_lists_name_where_duration_and_search(spawn_c2q, sandbox_env):
    for question, name in ((PER_SECTOR, "by sector"), ("top 3 companies by market cap", "")):
        screen = spawn_c2q()
        ready(screen)
        ask(screen, question, re.compile(r"\d+ rows"))
        if name:
            ask(screen, f"/rename {name}", "renamed")
        screen.send_key("c-d")
        assert screen.wait_exit() == 0
    with Screen(["sessions"], env=sandbox_env) as listing:
        listing.wait_exit()
        rows = listing.scrollback
    header = next(r for r in rows if r.startswith("#"))
    assert all(w in header for w in ("started", "took", "where", "name", "rounds"))
    first = next(r for r in rows if r.startswith("1 "))
    second = next(r for r in rows if r.startswith("2 "))
    assert rows.index(second) < rows.index(first)  # latest first, numbered in start order
    assert "local server" in first and "by sector" in first and "how many companies" in first
    with Screen(["sessions", "--search", "MARKET_CAP"], env=sandbox_env) as found:
        found.wait_exit()
        rows = [r for r in found.scrollback if re.match(r"\d+ ", r)]
    assert len(rows) == 1 and rows[0].startswith("2 ") and "SQL:" not in rows[0]
