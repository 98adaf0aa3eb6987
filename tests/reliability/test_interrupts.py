"""Faults that depend on timing: refused connections, read timeouts, Ctrl-C at every stage, SIGKILL.

Ctrl-C is sent the way a person sends it (``^C`` through the pty, or SIGINT
to ``c2q ask``) once the fake server has seen the request of the stage being
interrupted, so the test knows which stage it hit.
"""

from __future__ import annotations

import re
import signal
import sys
import time

import pytest

from tests import children
from tests.reliability import fakeapi as F
from tests.reliability.cases import FAULTY, FOLLOW_UP, thousand_rows
from tests.reliability.conftest import (
    ANSWER_42,
    TRACEBACK,
    ReplRun,
    answered_questions,
    c2q_env,
    finish_ask,
    no_secret_in_files,
    session_transcripts,
    start_ask,
)

JOB_ID = re.compile(r"/job ([0-9a-f]{32})")


def _until(condition, timeout: float = 20.0, screen=None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if screen is not None:
            screen.pump(0.02)
        else:
            time.sleep(0.02)
        assert time.monotonic() < deadline, "the server never saw the request"


def _follow_up_and_quit(repl: ReplRun) -> None:
    repl.wait_prompt()
    repl.ask(FOLLOW_UP)
    repl.wait(ANSWER_42)
    repl.wait_prompt()
    repl.check_common()
    assert repl.quit() == 0
    (path,) = session_transcripts(repl.root)
    assert FOLLOW_UP in answered_questions(path)


def test_connection_refused_then_server_comes_back(tmp_path):
    with F.FakeChat2Query(listen=False) as server:
        process, _ = start_ask(tmp_path / "ask", server, FAULTY)
        code, out, err = finish_ask(process)
        text = (out + err).decode()
        assert TRACEBACK not in text and code != 0, text
        assert re.search(r"could not connect", text, re.I) and re.search(
            r"check the endpoint", text, re.I
        ), text

        repl = ReplRun(tmp_path / "repl", server)
        try:
            repl.ask(FAULTY)
            repl.wait(r"could not connect")
            repl.wait(r"check the endpoint")
            server.listen()  # the network is back: the REPL reconnects on the next question
            _follow_up_and_quit(repl)
        finally:
            repl.close()
        assert len(server.chat_posts(FAULTY)) == 0


def test_read_timeout_is_reported_and_the_post_is_not_resent(tmp_path):
    """The POST hangs past the client's read timeout (C2Q_TIMEOUT=2; ask and REPL run side by side)."""
    short = {"C2Q_TIMEOUT": "2"}
    with F.FakeChat2Query() as ask_server, F.FakeChat2Query() as repl_server:
        for server in (ask_server, repl_server):
            server.script(FAULTY, post=F.Fault("hang", seconds=6, times=1))
        process, transcript = start_ask(
            tmp_path / "ask", ask_server, FAULTY, FOLLOW_UP, extra_env=short
        )
        repl = ReplRun(tmp_path / "repl", repl_server, extra_env=short)
        try:
            repl.ask(FAULTY)
            repl.wait(r"did not answer in time|timed out", timeout=30)
            repl.wait(r"does not re-send|may still")
            _follow_up_and_quit(repl)
        finally:
            repl.close()
        code, out, err = finish_ask(process)
        text = (out + err).decode()
        assert TRACEBACK not in text and code == 1, text
        assert re.search(r"did not answer in time|timed out", text, re.I) and ANSWER_42.search(
            text
        ), text
        assert FOLLOW_UP in answered_questions(transcript)
        for server in (ask_server, repl_server):
            assert len(server.chat_posts(FAULTY)) == 1


STAGES = {
    # stage: (arrange the fake server, the request whose arrival means "we are in that stage")
    "session-creation": (lambda s: setattr(s, "session_delay", 3.0), ("POST", "/v3/sessions")),
    "post": (
        lambda s: s.script(FAULTY, post=F.Fault("hang", seconds=3, times=1)),
        ("POST", f"/v3/sessions/{F.SESSION_ID}/chat2data"),
    ),
    "polling": (lambda s: s.script(FAULTY, polls_running=-1), ("GET", "/v2/jobs/")),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_ctrl_c_in_the_repl(stage, fake, tmp_path):
    arrange, (method, prefix) = STAGES[stage]
    arrange(fake)
    repl = ReplRun(tmp_path / "repl", fake)
    try:
        repl.ask(FAULTY)
        _until(lambda: fake.seen(method, prefix), screen=repl.screen)
        repl.screen.send_key("c-c")
        repl.wait(r"cancel")
        repl.wait_prompt()
        fake.session_delay = 0.0
        if stage == "polling":  # the job id is offered, and /job fetches it without asking again
            repl.wait(JOB_ID)  # under load the hint can follow the prompt's first paint
            job_id = JOB_ID.search(repl.text).group(1)
            fake.jobs[job_id].script.polls_running = 0
            repl.ask(f"/job {job_id}")
            repl.wait(ANSWER_42)
            repl.screen.send_line("")
        _follow_up_and_quit(repl)
    finally:
        repl.close()
    assert len(fake.chat_posts(FAULTY)) == (0 if stage == "session-creation" else 1)


@pytest.mark.parametrize("stage", list(STAGES))
def test_sigint_in_ask(stage, fake, tmp_path):
    arrange, (method, prefix) = STAGES[stage]
    arrange(fake)
    process, _ = start_ask(tmp_path / "ask", fake, FAULTY, FOLLOW_UP)
    _until(lambda: fake.seen(method, prefix))
    process.send_signal(signal.SIGINT)
    code, out, err = finish_ask(process, timeout=20)
    text = (out + err).decode()
    assert TRACEBACK not in text, text
    assert code == 130, text
    assert re.search(r"interrupt", text, re.I), text
    assert len(fake.chat_posts(FAULTY)) <= 1 and not fake.chat_posts(FOLLOW_UP)
    no_secret_in_files(tmp_path)


def test_ctrl_c_while_a_1000_row_answer_is_printed(fake, tmp_path):
    """The terminal stops reading (as a slow terminal does), so c2q is blocked writing the table when ^C arrives."""
    fake.script(FAULTY, job=thousand_rows())
    repl = ReplRun(tmp_path / "repl", fake)
    try:
        repl.ask("/pager off")
        repl.wait_prompt()
        repl.ask(FAULTY)
        repl.wait(r"company \d+ ")  # rendering has started; stop reading now
        time.sleep(0.5)
        repl.screen.send_key("c-c")
        repl.screen.settle(0.5, timeout=30)
        repl.wait(
            "output interrupted"
        )  # says the answer is kept, not that the question was cancelled
        _follow_up_and_quit(repl)
    finally:
        repl.close()
    (path,) = session_transcripts(tmp_path / "repl")
    assert FAULTY in answered_questions(path), (
        "the answered round was lost when its printing was interrupted"
    )
    assert len(fake.chat_posts(FAULTY)) == 1


def test_sigkill_mid_session_keeps_completed_rounds(fake, tmp_path):
    fake.script(FAULTY, polls_running=-1)
    repl = ReplRun(tmp_path / "repl", fake)
    try:
        repl.ask(FOLLOW_UP)
        repl.wait(ANSWER_42)
        repl.wait_prompt()
        repl.ask(FAULTY)
        _until(lambda: fake.seen("GET", "/v2/jobs/") and len(fake.received) > 5, screen=repl.screen)
        repl.screen.child.kill(signal.SIGKILL)
        repl.screen.wait_exit(timeout=10)
    finally:
        repl.close()
    (path,) = session_transcripts(tmp_path / "repl")
    assert FOLLOW_UP in answered_questions(path)
    replay = children.run(
        [sys.executable, "-m", "c2q_repl", "replay", str(path)],
        capture_output=True,
        text=True,
        env=c2q_env(tmp_path / "replay", fake),
        timeout=60,
    )
    assert TRACEBACK not in replay.stdout + replay.stderr
    assert ANSWER_42.search(replay.stdout), replay.stdout + replay.stderr
    no_secret_in_files(tmp_path)
