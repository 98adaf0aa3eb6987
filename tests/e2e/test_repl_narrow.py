"""An 80-column terminal (issue 14): the banner breaks between words and the toolbar
keeps an armed /feedback visible by dropping less useful parts."""

from __future__ import annotations

import re

from .repl_support import ask, ready, wait_prompt

SANDBOX_LINE = (
    "Using the local sandbox (sandbox · sp500insight · offline): sample data, not your database."
)


def test_banner_wraps_between_words(spawn_offline):
    screen = spawn_offline(rows=24, cols=80)
    screen.wait_for("c2q>", timeout=30)
    rows = screen.display
    start = next(i for i, row in enumerate(rows) if row.startswith("Using the local sandbox"))
    words = set(SANDBOX_LINE.split())
    shown = []
    for row in rows[start:]:
        if row.startswith("Type a question"):
            break
        shown += row.split()
    assert shown == SANDBOX_LINE.split(), screen.dump()
    assert all(word in words for word in shown)


def test_toolbar_keeps_armed_feedback_at_80_columns(spawn_c2q):
    screen = spawn_c2q(rows=24, cols=80)
    ready(screen)
    ask(screen, "how many companies are there?", "1 row")
    screen.send_line("/feedback")
    screen.wait_for("feedback armed", scrollback=True)
    wait_prompt(screen)
    screen.wait_for(re.compile(r"feedback → [0-9a-f]{8}…/0"))
    toolbar = screen.display[-1]
    assert "local · 127.0.0.1" in toolbar and "sp500insight" in toolbar, screen.dump()
