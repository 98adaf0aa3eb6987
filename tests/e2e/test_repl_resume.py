"""``c2q --resume`` in a real terminal (issue 14): the server session is reopened, the
last answer is on screen before the prompt, new rounds go to the same transcript."""

from __future__ import annotations

import re
from pathlib import Path

from c2q_repl.transcript.reader import read_transcript

from .repl_support import PER_SECTOR, ask, ready

SESSION = re.compile(r"session (\d+)")


def _session_id(screen) -> str:
    """The session id in the toolbar, once the session is open."""
    import time

    deadline = time.monotonic() + 20
    while not SESSION.search(screen.display[-1]):
        if not screen.pump(0.05) or time.monotonic() > deadline:
            raise AssertionError("no session in the toolbar\n" + screen.dump())
    return SESSION.search(screen.display[-1]).group(1)


def test_resume_reopens_the_session_shows_the_last_answer_and_appends(spawn_c2q, sandbox_env):
    first = spawn_c2q()
    ready(first)
    ask(first, PER_SECTOR, "11 rows")
    ask(first, "/rename sector study", "renamed")
    session_id = _session_id(first)
    first.send_key("c-d")
    first.wait_for("bye — transcript saved to", scrollback=True)
    assert first.wait_exit() == 0
    [path] = (Path(sandbox_env["XDG_DATA_HOME"]) / "c2q" / "sessions").glob("*.jsonl")

    again = spawn_c2q("--resume")
    again.wait_for("resuming session 1 (sector study): 1 round so far", scrollback=True)
    again.wait_for("11 rows", scrollback=True)  # the last answer, before anything is asked
    shown = "\n".join(again.scrollback)
    assert f"❯ {PER_SECTOR}" in shown and "SELECT sector, COUNT(*)" in shown, again.dump()
    ready(again)
    assert _session_id(again) == session_id  # the same server session, not a new one
    ask(again, "top 3 companies by market cap", "3 rows")
    ask(again, "/history", re.compile(r"2\. \[direct\] top 3 companies"))
    assert re.search(r"1\. .*per sector.*\n── resumed ──\n +2\. ", "\n".join(again.scrollback))
    again.send_key("c-d")
    again.wait_for("bye — transcript saved to", scrollback=True)
    assert again.wait_exit() == 0
    assert f"bye — transcript saved to {path}" in "".join(again.scrollback)  # the path wraps

    transcript = read_transcript(path)
    assert [(r.number, r.question) for r in transcript.rounds] == [
        (1, PER_SECTOR),
        (2, "top 3 companies by market cap"),
    ]
    assert transcript.session_id == session_id and not transcript.warnings
    assert len(list(path.parent.glob("*.jsonl"))) == 1


def test_resume_without_sessions_says_so(spawn_c2q):
    screen = spawn_c2q("--resume", "4")
    screen.wait_for("c2q: cannot resume: no recorded sessions", scrollback=True)
    assert screen.wait_exit() == 2
