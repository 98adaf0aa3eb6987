"""The interactive REPL end to end: the real ``c2q`` in a pty against a sandbox
started in the test process (and once with the embedded sandbox)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests import children

from .harness import sandbox_env_vars
from .repl_support import (
    PER_SECTOR,
    THREE_PARTS,
    Recorder,
    ask,
    colour_escapes,
    command,
    last_answer_id,
    ready,
    wait_prompt,
)


@pytest.fixture(scope="module")
def recorder(seed_cache_home):
    """A sandbox whose answerer records every request that reached it."""
    from c2q_repl.sandbox.answerer import build_answerer
    from c2q_repl.sandbox.embedded import start_sandbox

    rec = Recorder(build_answerer("builtin"))
    handle = start_sandbox(
        job_delay=0.05, daily_limit=0, rpm_limit=0, cache_dir=seed_cache_home / "c2q", answerer=rec
    )
    handle.wait_ready()
    rec.handle = handle
    yield rec
    handle.stop()


#: tall answers go through "cat" instead of less, so they stay on the emulated screen
CAT_PAGER = {"PAGER": "cat"}


@pytest.fixture
def recorded_env(c2q_env, recorder):
    return {**c2q_env, **sandbox_env_vars(recorder.handle), **CAT_PAGER}


def test_answer_with_highlighted_sql_table_history_and_goodbye(spawn_c2q, sandbox_env, tmp_path):
    screen = spawn_c2q(cwd=tmp_path)
    screen.wait_for("c2q>")
    assert "Questions go to local · 127.0.0.1" in screen.text  # banner before the session exists
    ready(screen)
    # the early-painted prompt was taken over in place: one banner, one prompt, typing works on it
    assert screen.text.count("chat with your database") == 1 and screen.text.count("c2q>") == 1, (
        screen.dump()
    )
    ask(screen, PER_SECTOR, "11 rows")
    text = "\n".join(screen.scrollback)
    assert "SELECT sector, COUNT(*)" in text
    assert re.search(r"\| Technology +\| +65 \|", text)  # a table, numbers right-aligned
    assert re.search(r"answer [0-9a-f]+ · task 0", text)
    assert b"\x1b[38;5;" in screen.raw_output  # pygments 256-colour SQL highlighting
    toolbar = screen.display[-1]
    assert (
        "local · 127.0.0.1" in toolbar
        and "mode direct" in toolbar
        and re.search(r"today \d+ AI / \d+ requests", toolbar)
    )
    screen.send_key("c-d")
    screen.wait_for("bye — transcript saved to", scrollback=True)
    assert screen.wait_exit() == 0
    history = Path(sandbox_env["XDG_STATE_HOME"]) / "c2q" / "history"
    assert PER_SECTOR in history.read_text()
    assert not list(tmp_path.glob("*history*"))  # never in the cwd
    [transcript] = (Path(sandbox_env["XDG_DATA_HOME"]) / "c2q" / "sessions").glob("*.jsonl")
    assert '"type":"result"' in transcript.read_text()
    assert sandbox_env["C2Q_PRIVATE_KEY"] not in transcript.read_text() + history.read_text()


def test_mode_breakdown_feedback_history_and_reset_reach_the_server(
    spawn_c2q, recorded_env, recorder
):
    screen = spawn_c2q(env=recorded_env)
    ready(screen)
    ask(screen, PER_SECTOR, "11 rows")
    assert recorder.for_question(PER_SECTOR)[-1].mode == "direct"

    command(screen, "/mode auto_breakdown", "mode set to auto_breakdown")
    assert "mode auto_breakdown" in screen.display[-1]
    ask(screen, THREE_PARTS, "3 sub-tasks")
    text = "\n".join(screen.scrollback)
    for n in (1, 2, 3):
        assert f"── {n}/3" in text  # each sub-task under its own heading
    assert "tasks 0-0, 0-1, 0-2" in text
    assert recorder.for_question(THREE_PARTS)[-1].mode == "auto_breakdown"

    breakdown_id = last_answer_id(screen)
    command(screen, "/feedback", f"feedback armed on answer {breakdown_id}/0")
    assert f"feedback → {breakdown_id[:8]}…/0" in screen.display[-1]
    ask(screen, "how many companies are there per country?", "rows")
    sent = recorder.for_question("how many companies are there per country?")[-1]
    assert (
        sent.feedback is not None
        and sent.feedback.answer_id == breakdown_id
        and sent.feedback_task_id == "0"
    )
    assert "feedback →" not in screen.display[-1]  # one question only
    assert len(sent.history) == 2  # the server remembers the earlier rounds

    command(
        screen,
        "/history",
        re.compile(r"3\. \[auto_breakdown\] how many companies are there per country"),
    )
    command(screen, "/history 1", re.compile(r"❯ how many companies are there per sector\?"))
    # question, then status · rows · job, then the SQL, for every round the server holds
    command(
        screen,
        "/history --server",
        re.compile(
            r"1\. how many companies are there per sector\?\n"
            r" +done · 11 rows · job \w+\n +sql: SELECT .*sector"
        ),
    )
    command(screen, "/sql", re.compile(r"^SELECT country, COUNT\(\*\).*;$", re.M))

    command(screen, "/reset", "reset: the next question starts a new context")
    ask(screen, "top 5 companies by market cap", "5 rows")
    assert recorder.for_question("top 5 companies by market cap")[-1].history == ()

    # a pasted block of two lines is one question
    screen.send("\x1b[200~how many companies\nare there per sector?\x1b[201~")
    command(screen, "", re.compile(r"11 rows"))
    assert recorder.requests[-1].question == "how many companies are there per sector?"


def test_slash_commands_inspect_and_change_the_session(spawn_c2q, tmp_path):
    screen = spawn_c2q(extra_env=CAT_PAGER)
    ready(screen)
    command(screen, "/help", "Anything else is a question for the database.")
    command(screen, "/help kb", "usage: /kb [list] | /kb add few-shot QUESTION => SQL")
    command(screen, "/mod", "unknown command /mod (did you mean /mode?)")
    command(screen, "/mode warp", "usage: /mode [direct|auto_breakdown]")
    command(screen, '/theme "unbalanced', "usage: /theme [NAME]")
    command(screen, "/history 1 2 3", "usage: /history [N] [--server]")
    command(screen, "/feedback", "there is no answer to give feedback on yet")
    command(screen, "/feedback off", "feedback off")
    command(screen, "/job", "which job?")
    command(screen, "/session", re.compile(r"session: \d+"))
    first = re.search(r"session: (\d+)", "\n".join(screen.scrollback)).group(1)
    command(screen, "/rename quarterly review", "renamed to 'quarterly review'")
    command(screen, "/sessions", re.compile(rf"\* +{first} .*quarterly review"))
    command(screen, "/new", "new session")
    second = re.search(r"new session (\d+)", "\n".join(screen.scrollback)).group(1)
    assert second != first and f"session {second}" in screen.display[-1]
    command(screen, f"/sessions switch {first}", f"switched to session {first}")
    command(screen, "/summary", "stock_symbol: Stock code")

    screen.send_line("/suggest")
    screen.wait_for("ask which? [1-", scrollback=True)
    question = re.search(r"^ +1\. (.+)$", "\n".join(screen.scrollback), re.M).group(1)
    command(screen, "1", f"asking: {question}")
    screen.wait_for(re.compile(r"answer [0-9a-f]+ · task"), scrollback=True)
    wait_prompt(screen)

    ask(screen, "top 5 companies by market cap", "5 rows")
    command(
        screen,
        "/refine only companies in the Technology sector",
        re.compile(r"^\+.*Technology", re.M),
    )
    command(screen, "/sql", "-- refined")
    command(
        screen, "/kb add instruction Always show market caps in billions", "added to knowledge base"
    )
    command(
        screen,
        "/kb add term megacap = market cap above 200 billion",
        "term: megacap = market cap above",
    )
    command(screen, "/kb add few-shot biggest => SELECT 1", "few-shot: biggest => SELECT 1")
    command(screen, "/kb add few-shot no arrow", "few-shot needs: QUESTION => SQL")
    command(screen, "/kb", re.compile(r"instruction: Always show market caps in billions"))

    command(screen, "/save " + str(tmp_path / "top.csv"), "saved 5 rows to")
    assert (tmp_path / "top.csv").read_text().splitlines()[0].startswith("stock_symbol") or len(
        (tmp_path / "top.csv").read_text().splitlines()
    ) == 6
    command(screen, "/save " + str(tmp_path / "top.xyz"), "unknown extension")
    os.mkfifo(tmp_path / "pipe.csv")  # nobody reads it: said at once, the prompt stays usable
    command(screen, "/save " + str(tmp_path / "pipe.csv"), "error: cannot write")
    assert "noprocessisreading" in re.sub(r"\s", "", "".join(screen.display))  # rows wrap
    command(screen, "/export " + str(tmp_path / "session.md"), "exported the session to")
    assert "top 5 companies by market cap" in (tmp_path / "session.md").read_text()
    screen.send_line("/quit")
    screen.wait_for("bye", scrollback=True)
    assert screen.wait_exit() == 0


def test_completion_and_display_commands_format_theme_chart_expand_pager(spawn_c2q):
    screen = spawn_c2q(extra_env=CAT_PAGER)
    ready(screen)
    screen.send("/the")
    screen.send_key("tab")
    screen.wait_for("c2q> /theme")
    screen.send_key("c-c")
    screen.send("how many compan")
    screen.send_key("tab")  # table names come from the data summary
    screen.wait_for("c2q> how many companies")
    screen.send_key("c-c")
    screen.wait_gone("how many companies")
    ask(screen, PER_SECTOR, "11 rows")
    screen.send("how many comp")  # fish-style suggestion from history
    screen.wait_for("c2q> how many companies are there per sector?")
    screen.send_key("c-c")
    screen.send_key("c-r")
    screen.send("per sec")  # reverse search through history
    screen.wait_for(re.compile(r"i-search.*per sec"))
    screen.send_key("c-c")
    wait_prompt(screen)
    command(screen, "/format github", re.compile(r"^\|[-:]+\|[-:]+\|$", re.M))
    command(screen, "/format vertical", "RECORD 11")
    command(screen, "/format auto", "layout: auto")
    command(screen, "/format nosuch", "unknown format 'nosuch'")
    command(screen, "/theme nosuch", "unknown theme 'nosuch'")
    command(screen, "/theme", re.compile(r"^\* default$", re.M))
    command(screen, "/theme light", "theme switched to light")
    assert "theme light" in "\n".join(screen.scrollback)  # the preview came first
    command(screen, "/chart", "charts off")
    command(screen, "/chart", "charts on")
    command(screen, "/expand", "11 rows")
    command(screen, "/expand on", "shown whole")
    command(screen, "/pager off", "pager: off")
    command(screen, "/pager", "pager: off")


def test_live_status_then_ctrl_c_clears_the_line_and_cancels_a_slow_wait(
    spawn_c2q, c2q_env, make_sandbox
):
    slow = make_sandbox(job_delay=3, daily_limit=0, rpm_limit=0)
    screen = spawn_c2q(
        "--mode", "auto_breakdown", env={**c2q_env, **sandbox_env_vars(slow), **CAT_PAGER}
    )
    ready(screen)
    screen.send_line(THREE_PARTS)
    screen.wait_for(re.compile(r"running · job \w+"))  # spinner, elapsed, job status
    screen.wait_for(
        re.compile(r"\d sub-tasks? done ✓ how many companies")
    )  # sub-tasks as they complete
    screen.wait_for("3 sub-tasks ·", scrollback=True, timeout=20)
    wait_prompt(screen)
    assert "Ctrl-C cancels" not in screen.text  # the status line was erased
    command(screen, "/mode direct", "mode set to direct")

    screen.send("draft question")
    screen.wait_for("c2q> draft question")
    screen.send_key("c-c")
    screen.wait_gone("draft question")
    screen.send_line(PER_SECTOR)
    screen.wait_for("Ctrl-C cancels")  # the live status line
    screen.wait_for(re.compile(r"job [0-9a-f]{8}"))
    screen.send_key("c-c")
    screen.wait_for("cancelled waiting for job", scrollback=True, timeout=2)
    wait_prompt(screen, timeout=2)
    job_id = re.search(r"/job ([0-9a-f]+)", "\n".join(screen.scrollback)).group(1)
    command(screen, "/mode", "mode: direct", timeout=3)  # the prompt is usable at once
    command(screen, "/job", "11 rows", timeout=20)  # the cancelled job, fetched without re-asking
    assert job_id in "\n".join(screen.scrollback)


def test_failed_answers_and_wide_results(spawn_c2q, tmp_path):
    transcript = tmp_path / "chosen.jsonl"
    screen = spawn_c2q("--transcript", str(transcript), extra_env=CAT_PAGER)
    ready(screen)
    ask(screen, "what is the meaning of life", "could not map 'meaning'")
    assert "✗" in screen.text
    ask(screen, "SELECT nope FROM nowhere", "SQL error: no such table: nowhere")
    ask(screen, "SELECT * FROM companies LIMIT 2", "RECORD 2")  # 16 columns: wider than 120
    assert re.search(r"long_business_summary +│", screen.text)
    ask(screen, "SELECT stock_symbol, long_business_summary FROM companies LIMIT 1", "1 row")
    assert re.search(
        r"\| AAPL +\| Apple Inc\. .*… \|", screen.text
    )  # a long cell, cut with a marker
    command(screen, "/expand", "industry within the Technology sector")  # … shown whole
    screen.send_key("c-d")
    assert screen.wait_exit() == 0
    recorded = transcript.read_text()
    assert recorded.count('"type":"question"') == 4 and "no such table: nowhere" in recorded


def test_pager_only_for_output_taller_than_the_screen(spawn_c2q, tmp_path):
    marker = tmp_path / "paged"
    pager = tmp_path / "pager.sh"
    pager.write_text(f'#!/bin/sh\necho "LESS=$LESS" > {marker}\ncat\n')
    pager.chmod(0o755)
    screen = spawn_c2q(extra_env={"PAGER": str(pager)}, rows=30)
    ready(screen)
    ask(screen, "SELECT COUNT(*) AS n FROM companies", "1 row")
    assert not marker.exists()
    ask(screen, "SELECT stock_symbol FROM companies ORDER BY stock_symbol LIMIT 40", "40 rows")
    assert marker.read_text().strip() == "LESS=-SRXF"  # set only because LESS was unset


def test_no_color_means_no_colour_escapes(spawn_c2q, sandbox_env):
    screen = spawn_c2q("--no-transcript", extra_env={"NO_COLOR": "1", **CAT_PAGER})
    ready(screen)
    ask(screen, PER_SECTOR, "11 rows")
    command(screen, "/theme default", "theme switched to default")
    command(screen, "/format", "table format")
    assert colour_escapes(screen.raw_output) == []
    screen.send_key("c-d")
    screen.wait_for("bye (no transcript recorded)", scrollback=True)
    assert not (Path(sandbox_env["XDG_DATA_HOME"]) / "c2q" / "sessions").exists()


def test_embedded_sandbox_without_credentials(spawn_offline):
    screen = spawn_offline(extra_env=CAT_PAGER)
    screen.wait_for("c2q>")
    assert "sandbox · sp500insight · offline" in screen.text
    assert "sample data, not your database" in screen.text
    ready(screen, timeout=60)
    assert "sandbox · sp500insight · offline" in screen.display[-1]
    ask(screen, PER_SECTOR, "11 rows", timeout=30)


def test_piped_stdin_runs_batch_mode_not_the_ui(sandbox_env):
    proc = children.run(
        [sys.executable, "-m", "c2q_repl"],
        input=PER_SECTOR + "\n",
        capture_output=True,
        text=True,
        env=sandbox_env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Technology" in proc.stdout and "c2q>" not in proc.stdout
    assert "\x1b[" not in proc.stdout


def test_startup_problems_are_reported_at_once_and_the_prompt_stays(spawn_c2q, c2q_env):
    dead = {
        **c2q_env,
        "C2Q_ENDPOINT": "http://127.0.0.1:9/api/v1beta/app/chat2query-x/endpoint",
        "C2Q_PUBLIC_KEY": "PUBKEY01",
        "C2Q_PRIVATE_KEY": "00000000-0000-0000-0000-000000000000",
        "C2Q_CLUSTER_ID": "1",
        "C2Q_DATABASE": "sp500insight",
    }
    screen = spawn_c2q("--theme", "nosuch", env=dead)
    screen.wait_for("unknown theme 'nosuch'; using the default theme")  # no key pressed yet
    screen.wait_for(re.compile(r"error: .*(connect|refused)", re.I), timeout=30)
    assert "not connected" in screen.display[-1]
    command(screen, "/mode", "mode: direct")  # local commands still work
    ask(
        screen, PER_SECTOR, re.compile(r"error: .*(connect|refused)", re.I), timeout=30
    )  # tried again
    screen.send_key("c-d")
    assert screen.wait_exit() == 0


def test_vi_editing_mode(spawn_c2q):
    import time

    screen = spawn_c2q("--vi", extra_env=CAT_PAGER)
    ready(screen)
    screen.send("/modX")
    screen.send_key("escape")
    time.sleep(0.6)  # let the lone Esc time out (else it reads as Alt-x)
    screen.send("x")  # normal mode: delete the character under the cursor
    screen.send("Ae direct")  # append at the end of the line
    screen.wait_for("c2q> /mode direct")
    command(screen, "", "mode set to direct")


def test_prompt_comes_before_the_session_and_the_first_question_waits(
    spawn_c2q, c2q_env, make_sandbox
):
    # the data summary takes 3 s to generate: the session cannot exist before that
    slow_start = make_sandbox(job_delay=3, ready=False, daily_limit=0, rpm_limit=0)
    screen = spawn_c2q(env={**c2q_env, **sandbox_env_vars(slow_start), **CAT_PAGER})
    screen.wait_for("c2q>")
    screen.wait_for("opening a session")  # toolbar: prompt is up, session not yet
    assert not re.search(r"session \d+", screen.display[-1])
    screen.send_line("SELECT COUNT(*) AS n FROM companies")  # typed at once: waits for the session
    screen.wait_for("1 row", scrollback=True, timeout=30)
    wait_prompt(screen)
    assert re.search(r"session \d+", screen.display[-1])
