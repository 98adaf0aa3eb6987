"""A session recorded by the real REPL in a pty (/new, a cancelled wait fetched with /job,
/kb add), then ``c2q replay --live`` of it in a pty against a fresh server: no drift."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from c2q_repl.transcript.reader import read_transcript

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.harness import Screen, isolated_env, sandbox_env_vars  # noqa: E402
from e2e.repl_support import ask, command, ready, wait_prompt  # noqa: E402

TOP = "top 5 companies by market cap"
FOLLOW_UP = "only in Technology"
PER_SECTOR = "how many companies are there per sector?"
BOARD = "the usual board report"
BOARD_SQL = "SELECT sector, COUNT(*) AS companies FROM companies GROUP BY sector ORDER BY sector"


def test_live_replay_of_a_repl_session_follows_new_job_and_kb(
    make_sandbox, seed_cache_home, tmp_path
):
    env = isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)})
    slow = make_sandbox(job_delay=1.5, daily_limit=0, rpm_limit=0)
    transcript = tmp_path / "session.jsonl"
    repl = Screen(
        ["--transcript", str(transcript)],
        env={**env, **sandbox_env_vars(slow), "PAGER": "cat"},
    )
    try:
        ready(repl)
        ask(repl, TOP, "5 rows")
        command(repl, "/new", "new session")
        ask(repl, FOLLOW_UP, "could not map")  # no context after /new
        repl.send_line(PER_SECTOR)
        repl.wait_for("Ctrl-C cancels")
        repl.send_key("c-c")
        repl.wait_for("cancelled waiting for job", scrollback=True)
        wait_prompt(repl)
        command(repl, "/job", "11 rows", timeout=20)
        command(repl, f"/kb add few-shot {BOARD} => {BOARD_SQL}", "added to knowledge base")
        ask(repl, BOARD, "11 rows")
        repl.send_line("/quit")
        assert repl.wait_exit() == 0
    finally:
        repl.close()
    recorded = read_transcript(transcript)
    assert [rr.question for rr in recorded.rounds] == [
        TOP,
        FOLLOW_UP,
        PER_SECTOR,
        PER_SECTOR,
        BOARD,
    ]

    fresh = make_sandbox(daily_limit=0, rpm_limit=0)  # fast, and an empty knowledge base
    replay = Screen(
        ["replay", str(transcript), "--live", "--theme", "mono"],
        env={**env, **sandbox_env_vars(fresh)},
    )
    try:
        replay.wait_for(re.compile(r"\d+ rounds? compared"), scrollback=True, timeout=30)
        assert replay.wait_exit() == 0, "\n".join(replay.scrollback)
        shown = "\n".join(replay.scrollback)
    finally:
        replay.close()
    assert "4 rounds compared · 4 same · 0 drifted" in shown, shown
    assert shown.count("c2q> /new") == 1 and shown.count("c2q> /job") == 1
    assert shown.count(f"c2q> {PER_SECTOR}") == 1  # the fetch is not asked again
    assert "round 4: a /job fetch of round 3's answer, not asked again" in shown
    assert shown.index(f"c2q> /kb add few-shot {BOARD}") < shown.index(f"c2q> {BOARD}")
