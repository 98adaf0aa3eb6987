"""Every fault of cases.py against both front ends: ``c2q ask`` (subprocess) and the REPL (pty).

For each case: no traceback, a message that says what happened (and what to
do), the run goes on where it can (a second question is answered), completed
rounds are in the transcript, no raw control sequence from the server
reaches the terminal, the question's POST is never re-sent once it may have
reached the server, and the private key is in no file c2q wrote.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from tests.reliability import fakeapi as F
from tests.reliability.cases import CASES, FAULTY, FOLLOW_UP, Case
from tests.reliability.conftest import (
    ANSWER_42,
    TRACEBACK,
    ReplRun,
    answered_questions,
    finish_ask,
    no_raw_control,
    no_secret_in_files,
    session_transcripts,
    start_ask,
)

#: the per-minute rate limit is an explicit "not processed, retry after the reset": one retry is allowed
ALLOWED_POSTS = {"429-per-minute": 2}


def _posts_ok(case: Case, server: F.FakeChat2Query) -> None:
    posts = len(server.chat_posts(FAULTY))
    assert posts <= ALLOWED_POSTS.get(case.id, 1), f"the question was POSTed {posts} times"


def _matches(pattern: str, text: str) -> bool:
    return not pattern or re.search(pattern, text, re.IGNORECASE | re.MULTILINE) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault_in_ask_and_repl(case: Case, tmp_path):
    with F.FakeChat2Query() as ask_server, F.FakeChat2Query() as repl_server:
        case.arrange(ask_server)
        case.arrange(repl_server)
        process, transcript = start_ask(
            tmp_path / "ask", ask_server, FAULTY, FOLLOW_UP, extra_env=case.extra_env
        )

        repl = ReplRun(tmp_path / "repl", repl_server, case.extra_env)
        try:
            repl.ask(FAULTY)
            repl.wait(case.said)
            repl.wait_prompt()
            assert _matches(case.todo, repl.text), (
                f"no hint matching {case.todo!r}\n{repl.screen.dump()}"
            )
            for shown in case.shows:
                assert re.search(shown, repl.text), f"{shown!r} not shown\n{repl.screen.dump()}"
            if case.repl_recovers:
                repl.ask(FOLLOW_UP)
                repl.wait(ANSWER_42)
            else:  # the REPL itself still works
                repl.ask("/help")
                repl.wait("/quit")
            repl.wait_prompt()
            repl.check_common()
            assert repl.quit() == 0
            repl.check_common()
        finally:
            repl.close()
        _posts_ok(case, repl_server)
        if case.repl_recovers:
            (path,) = session_transcripts(tmp_path / "repl")
            assert FOLLOW_UP in answered_questions(path)

        code, out, err = finish_ask(process)
        text = (out + err).decode("utf-8", "replace")
        assert TRACEBACK not in text, text
        assert code == (case.exit_code if not case.ask_continues else max(case.exit_code, 0)), text
        assert _matches(case.said, text), f"no message matching {case.said!r}:\n{text}"
        assert _matches(case.todo, text), f"no hint matching {case.todo!r}:\n{text}"
        for shown in case.shows:
            assert re.search(shown, text), f"{shown!r} not shown:\n{text}"
        no_raw_control(out + err)
        _posts_ok(case, ask_server)
        if case.ask_continues:
            assert ANSWER_42.search(text), text
            assert FOLLOW_UP in answered_questions(transcript)
        else:
            assert not ask_server.chat_posts(FOLLOW_UP), (
                "c2q ask went on after an error that stops the run"
            )
        no_secret_in_files(tmp_path)


@contextmanager
def _server_for(case_id: str):
    """(case, a fake server arranged for it)."""
    case = next(c for c in CASES if c.id == case_id)
    with F.FakeChat2Query() as server:
        case.arrange(server)
        yield case, server


def test_sql_error_says_what_to_do(tmp_path):
    with _server_for("sql-error") as (case, server):
        code, out, err = finish_ask(start_ask(tmp_path, server, FAULTY)[0])
    assert re.search(r"rephrase|/refine|try", (out + err).decode(), re.IGNORECASE), (
        out + err
    ).decode()


def test_a_failed_session_open_is_reported_once(tmp_path):
    with _server_for("401-bad-key") as (case, server):
        repl = ReplRun(tmp_path, server)
        try:
            repl.ask(FAULTY)
            repl.wait(case.said)
            repl.wait_prompt()
            # once per attempt to open the session (each begins by reading the data summary):
            # the start-up attempt, and, when it had already failed and been shown before the
            # question (a slow machine), the question's retry
            with server.lock:
                attempts = sum(
                    1
                    for r in server.received
                    if r.method == "GET" and r.path == "/v3/dataSummaries"
                )
            shown = repl.text.count("error: auth failed")
            assert 1 <= shown <= attempts, (shown, attempts, repl.screen.dump())
        finally:
            repl.close()
