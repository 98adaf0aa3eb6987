"""Both front ends against the sandbox's own fault injection (random but seeded: drop, reset, 500,
HTML 502, bad JSON, truncated bodies on any request), and the sandbox under concurrent clients.

Every question ends as an answer or a stated error; the run continues; no
question is processed twice by the server (counted in the sandbox's sessions);
completed rounds are in the transcript.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import Counter

import pytest

from tests import children
from tests.e2e.harness import Screen, isolated_env, sandbox_env_vars
from tests.reliability.conftest import (
    TRACEBACK,
    answered_questions,
    no_raw_control,
    no_secret_in_files,
)

FAULTS = "drop:0.06,reset:0.05,500:0.06,502html:0.04,badjson:0.04,truncated:0.04"
QUESTIONS = [f"SELECT {n} AS answer_{n}" for n in range(101, 109)]


def _processed(handle) -> Counter:
    """How many times the sandbox started work for each question (all sessions)."""
    return Counter(r.question for s in handle.app.core.sessions.all() for r in s.rounds)


def _outcome(question: str, text: str) -> bool:
    """The question's answer shows, or an error line was printed for it."""
    n = question.split()[1]
    return re.search(rf"\|\s+{n} \|", text) is not None


@pytest.fixture
def faulty_sandbox(make_sandbox):
    return make_sandbox(faults=FAULTS, seed=11, daily_limit=0, rpm_limit=0)


def test_ask_and_repl_against_sandbox_fault_injection(faulty_sandbox, tmp_path, seed_cache_home):
    env_vars = {
        **sandbox_env_vars(faulty_sandbox),
        "PAGER": "cat",
        "XDG_CACHE_HOME": str(seed_cache_home),
    }
    transcript = tmp_path / "ask.jsonl"
    import subprocess

    ask = children.popen(
        [sys.executable, "-m", "c2q_repl", "ask", *QUESTIONS[:5], "--transcript", str(transcript)],
        env=isolated_env(tmp_path / "ask", env_vars),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    screen = Screen((), env=isolated_env(tmp_path / "repl", env_vars))
    try:
        screen.wait_for(re.compile(r"^c2q>", re.M), timeout=20)
        for question in QUESTIONS[5:]:
            screen.send_line(question)
            screen.settle(0.5, timeout=30)
            screen.wait_for(re.compile(r"^c2q> ?$", re.M), timeout=60)
        repl_text = "\n".join(screen.scrollback)
        screen.send_key("c-d")
        assert screen.wait_exit(timeout=20) == 0
        assert TRACEBACK not in repl_text, repl_text
        no_raw_control(screen.raw_output)
        for question in QUESTIONS[5:]:  # answered, or an error was said about it
            block = repl_text.split(question, 1)[1][:2000]
            assert _outcome(question, block) or re.search(
                r"error|✗|broke|could not", block, re.I
            ), block
    finally:
        screen.close()

    out, err = ask.communicate(timeout=120)
    text = (out + err).decode("utf-8", "replace")
    assert TRACEBACK not in text, text
    assert ask.returncode in (0, 1), text
    answered = [q for q in QUESTIONS[:5] if _outcome(q, text)]
    assert (ask.returncode == 0) == (len(answered) == 5), text
    # no transcript only when no session could be opened (the faults can hit that POST too,
    # which is never re-sent): then nothing was answered either
    recorded = answered_questions(transcript) if transcript.exists() else []
    assert set(answered) <= set(recorded), text
    no_raw_control(out + err)

    twice = {q: n for q, n in _processed(faulty_sandbox).items() if n > 1}
    assert not twice, f"questions processed more than once: {twice}"
    no_secret_in_files(tmp_path)


def test_concurrent_clients_are_never_refused_by_digest_auth(make_sandbox):
    """Clients challenged in the same millisecond once shared a nonce and one got 401 'auth failed'."""
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.api.errors import C2QError
    from c2q_repl.config import Credentials

    handle = make_sandbox(daily_limit=0, rpm_limit=0)
    errors: list[str] = []

    def user() -> None:
        with Chat2QueryClient(
            handle.endpoint, Credentials(handle.public_key, handle.private_key)
        ) as client:
            for _ in range(40):
                try:
                    client.list_sessions()
                except C2QError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=user) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_digest_nonces_are_unique_even_within_one_clock_tick():
    from c2q_repl.sandbox.auth import Authenticator

    auth = Authenticator([], clock=lambda: 1_700_000_000.0)
    nonces = {auth.new_nonce() for _ in range(200)}
    assert len(nonces) == 200
