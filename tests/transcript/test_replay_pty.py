"""A session recorded by the real REPL in a pty replays, offline, to the same screen."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.harness import Screen, isolated_env, sandbox_env_vars  # noqa: E402

QUESTIONS = [
    "how many companies are there per sector?",
    "what is the average revenue growth by sector?",
]
ROWS, COLS = 60, 110


def styled_scrollback(screen: Screen) -> list[list[tuple]]:
    """Every row that scrolled off plus the visible ones, as (char, fg, bg, bold) cells."""
    term = screen._term
    rows = [[row[x] for x in range(screen.cols)] for row in term.history.top]
    rows += [[term.buffer[y][x] for x in range(screen.cols)] for y in range(screen.rows)]
    out = []
    for row in rows:
        cells = [(c.data, c.fg, c.bg, c.bold) for c in row]
        while cells and cells[-1][0] == " " and cells[-1][1:] == ("default", "default", False):
            cells.pop()
        out.append(cells)
    return out


def text_of(row: list[tuple]) -> str:
    return "".join(c[0] for c in row)


def wait_for_count(screen: Screen, text: str, count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while sum(text in line for line in screen.scrollback) < count:
        assert screen.pump(0.05) and time.monotonic() < deadline, screen.dump()


def round_blocks(rows: list[list[tuple]]) -> dict[str, list[list[tuple]]]:
    """For each question: its prompt line and everything printed up to the next prompt."""
    blocks: dict[str, list[list[tuple]]] = {}
    starts = [i for i, r in enumerate(rows) if text_of(r).startswith("c2q> ")]
    for n, start in enumerate(starts):
        question = text_of(rows[start])[len("c2q> ") :]
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        block = rows[start:end]
        while block and not text_of(block[-1]).strip():
            block = block[:-1]
        if question in QUESTIONS:
            blocks[question] = block
    return blocks


def test_repl_session_replays_to_the_same_screen(sandbox, seed_cache_home, tmp_path):
    env = {
        **isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)}),
        **sandbox_env_vars(sandbox),
    }
    repl = Screen([], env=env, rows=ROWS, cols=COLS)
    try:
        repl.wait_for("c2q>", timeout=30)
        for answered, question in enumerate(QUESTIONS, 1):
            repl.send_line(question)
            wait_for_count(repl, "/feedback sends a correction", answered)
        repl.settle(0.5)
        repl.send_key("c-d")
        repl.wait_for("transcript saved to", scrollback=True, timeout=20)
        assert repl.wait_exit(timeout=20) == 0
        original = styled_scrollback(repl)
    finally:
        repl.close()

    sessions = tmp_path / "env" / "data" / "c2q" / "sessions"
    (transcript,) = list(sessions.glob("*.jsonl"))
    assert (transcript.stat().st_mode & 0o777) == 0o600

    env_without_endpoint = {k: v for k, v in env.items() if not k.startswith("C2Q_")}
    replay = Screen(["replay", "1"], env=env_without_endpoint, rows=ROWS, cols=COLS)
    try:
        assert replay.wait_exit(timeout=30) == 0
        replayed = styled_scrollback(replay)
    finally:
        replay.close()

    before, after = round_blocks(original), round_blocks(replayed)
    assert set(before) == set(QUESTIONS), "\n".join(text_of(r) for r in original)
    for question in QUESTIONS:
        assert [text_of(r) for r in after[question]] == [text_of(r) for r in before[question]]
        assert after[question][1:] == before[question][1:], f"colours differ for {question!r}"
        assert any("Basic Materials" in text_of(r) for r in after[question])
        assert any(c[1] != "default" for r in after[question] for c in r), (
            "expected highlighted output"
        )


def test_sigkill_of_the_repl_mid_question_loses_no_completed_round(
    make_sandbox, seed_cache_home, tmp_path
):
    slow = make_sandbox(job_delay=1.0, daily_limit=0, rpm_limit=0)
    env = {
        **isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)}),
        **sandbox_env_vars(slow),
    }
    path = tmp_path / "killed.jsonl"
    repl = Screen(["--transcript", str(path)], env=env, rows=ROWS, cols=COLS)
    try:
        repl.wait_for("c2q>", timeout=30)
        for answered, question in enumerate(QUESTIONS, 1):
            repl.send_line(question)
            wait_for_count(repl, "/feedback sends a correction", answered)
        repl.send_line("top 5 companies by market cap")
        repl.wait_for("c2q> top 5 companies by market cap", scrollback=True)
        time.sleep(0.3)  # the job is running on the server now
        repl.child.kill(9)
        assert repl.wait_exit(timeout=10) == 128 + 9
    finally:
        repl.close()

    from c2q_repl.transcript.reader import read_transcript

    t = read_transcript(path)
    complete = [r for r in t.rounds if r.complete]
    assert [r.question for r in complete] == QUESTIONS
    assert all(r.to_round().answer is not None for r in complete)
    assert all(
        not r.complete for r in t.rounds[len(QUESTIONS) :]
    )  # at most the round in flight is missing
    replay = Screen(
        ["replay", str(path)],
        env={k: v for k, v in env.items() if not k.startswith("C2Q_")},
        rows=ROWS,
        cols=COLS,
    )
    try:
        assert replay.wait_exit(timeout=30) == 0
        text = "\n".join(replay.scrollback).replace("\n", "")  # long SQL lines wrap on screen
        for rr in complete:
            assert rr.to_round().answer.sql in text, text
        assert "No answer was recorded" in text
    finally:
        replay.close()
