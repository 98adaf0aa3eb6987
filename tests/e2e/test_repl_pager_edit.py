"""Issue 14 in a real terminal: the pager keeps the SQL and the row count, /edit and
/refine work on the SQL, and the screen says what is true (80×24 terminals)."""

from __future__ import annotations

import re

from .repl_support import ready, wait_prompt

TALL = "list the companies in the Technology sector"


def test_pager_shows_only_the_table_and_quitting_keeps_sql_and_count(spawn_c2q):
    """At 80×24 a 65-row answer pages its table with less; the SQL was printed
    before it, and quitting less at the first page still prints '65 rows'."""
    screen = spawn_c2q(rows=24, cols=80)
    ready(screen)
    screen.send_line(TALL)
    screen.wait_for(re.compile(r"^:\s*$", re.M), timeout=30)  # less waits at its first page
    shown = "\n".join(screen.scrollback)
    assert "SELECT" in shown and "Technology" in shown, screen.dump()
    assert "65 rows" not in shown
    screen.send("q")  # quit the pager early
    screen.wait_for("65 rows", timeout=10, scrollback=True)
    wait_prompt(screen)
    text = "\n".join(screen.scrollback)
    assert re.search(r"answer [0-9a-f]{32}", text), screen.dump()
    sql_at = text.index("SELECT")
    assert sql_at < text.index("65 rows")
