"""Issue 14 in a real terminal: the pager keeps the SQL and the row count, /edit and
/refine work on the SQL, and the screen says what is true (80×24 terminals)."""

from __future__ import annotations

import re

from .repl_support import ask, ready, wait_prompt

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


def prompt_text(screen) -> str:
    """The text after the last prompt on screen, its wrapped rows joined."""
    rows = screen.display[:-1]
    starts = [i for i, row in enumerate(rows) if row.startswith("c2q>")]
    return "".join(rows[starts[-1] :]) if starts else ""


def wait_in_prompt(screen, pattern: str) -> None:
    import time

    deadline = time.monotonic() + 15
    while not re.search(pattern, prompt_text(screen)):
        if not screen.pump(0.05) or time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} not in the prompt\n{screen.dump()}")


def test_edit_puts_the_sql_in_the_prompt_and_editor_sends_it(spawn_c2q, tmp_path):
    """/edit: the SQL appears after the prompt, is edited in place and Enter sends it;
    Ctrl-X Ctrl-E hands the line to $EDITOR and sends what the editor saved."""
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/LIMIT [0-9]*/LIMIT 2/' \"$1\"\n")
    editor.chmod(0o755)
    screen = spawn_c2q(extra_env={"EDITOR": str(editor)})
    ready(screen)
    ask(screen, "top 5 companies by market cap", "5 rows")
    screen.send_line("/edit")
    wait_in_prompt(screen, r"^c2q> SELECT .*LIMIT 5$")
    screen.send_key("backspace")
    ask(screen, "3", "3 rows")
    assert "LIMIT 3" in "".join(screen.scrollback), screen.dump()
    screen.send_line("/edit")
    wait_in_prompt(screen, r"^c2q> SELECT .*LIMIT 3$")
    screen.send_key("c-x", "c-e")
    screen.wait_for("2 rows", timeout=20, scrollback=True)
    wait_prompt(screen)


def test_fetched_job_shows_its_real_elapsed_time(make_sandbox, c2q_env, tmp_path):
    """A wait cancelled with Ctrl-C and fetched with /job: the status line says 'sent'
    (never 'queued' before the server said so) and the answer's time counts from the question."""
    from .harness import Screen, sandbox_env_vars

    handle = make_sandbox(job_delay=3.0)
    env = {**c2q_env, **sandbox_env_vars(handle)}
    with Screen([], env=env) as screen:
        ready(screen)
        screen.send_line("how many companies are there?")
        screen.wait_for(re.compile(r"sent · job [0-9a-f]{32}"))  # posted; no poll answered yet
        screen.wait_for(re.compile(r" [1-9]\.\ds · "), timeout=10)
        screen.send_key("c-c")
        screen.wait_for("fetch it later with /job", scrollback=True)
        wait_prompt(screen)
        screen.send_line("/job")
        screen.wait_for(re.compile(r"1 row · [\d.]+ s"), timeout=20, scrollback=True)
        text = "\n".join(screen.scrollback)
        elapsed = float(re.findall(r"1 row · ([\d.]+) s", text)[-1])
        assert elapsed >= 2.5, screen.dump()


def test_readme_example_fits_80x24_without_the_pager(spawn_c2q):
    """The README's first example at 80×24: everything printed, less never started (a guard:
    it fitted before too; the pager test above is the one that failed before)."""
    screen = spawn_c2q(rows=24, cols=80)
    ready(screen)
    ask(screen, "which 5 companies have the largest market cap?", "5 rows")
    text = "\n".join(screen.scrollback)
    assert "SELECT" in text and re.search(r"answer [0-9a-f]{32}", text), screen.dump()
    assert not re.search(r"^:\s*$|\(END\)", screen.text, re.M)
