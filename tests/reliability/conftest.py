"""Helpers for the reliability suite: run ``c2q ask`` and the REPL against a fake server and check
the promises every case must keep.

``run_ask`` and ``ReplRun`` both work in an isolated environment (own XDG
dirs) whose files are grepped for the private key after each run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import children
from tests.children import default_sigint
from tests.e2e.harness import Screen, isolated_env
from tests.reliability import fakeapi as F
from tests.reliability.cases import FORBIDDEN

PROMPT = re.compile(r"^c2q>", re.MULTILINE)
ANSWER_42 = re.compile(r"\|\s+42 \|")
TRACEBACK = "Traceback (most recent call last)"


def no_secret_in_files(root: Path) -> None:
    """No file under ``root`` (config, history, transcripts, exports, logs) holds the private key."""
    leaks = [p for p in root.rglob("*") if p.is_file() and F.PRIVATE_KEY.encode() in p.read_bytes()]
    assert not leaks, f"the private key was written to {leaks}"


def no_raw_control(raw: bytes) -> None:
    for sequence in FORBIDDEN:
        assert sequence not in raw, f"raw {sequence!r} from the server reached the terminal"


def transcript_records(path: Path) -> list[dict]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            pass  # a line cut by SIGKILL; the reader tolerates it too
    return records


def answered_questions(path: Path) -> list[str]:
    """Questions whose round has a ``result`` record (a completed round)."""
    records = transcript_records(path)
    asked = {r.get("round"): r.get("question") for r in records if r.get("type") == "question"}
    return [
        asked.get(r.get("round"), "") for r in records if r.get("type") == "result" and r.get("job")
    ]


def session_transcripts(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.jsonl"))


@pytest.fixture
def env_root(tmp_path: Path) -> Path:
    return tmp_path / "env"


@pytest.fixture
def fake():
    with F.FakeChat2Query() as server:
        yield server


def c2q_env(root: Path, server: F.FakeChat2Query, extra: dict | None = None) -> dict[str, str]:
    return isolated_env(root, {**server.env(), "PAGER": "cat", **(extra or {})})


def start_ask(
    root: Path, server: F.FakeChat2Query, *questions: str, extra_env: dict | None = None
) -> tuple[subprocess.Popen, Path]:
    """``c2q ask QUESTIONS --transcript T`` in the background; returns (process, transcript path)."""
    transcript = root / "ask-transcript.jsonl"
    env = c2q_env(root, server, extra_env)
    process = children.popen(
        [sys.executable, "-m", "c2q_repl", "ask", *questions, "--transcript", str(transcript)],
        env=env,
        preexec_fn=default_sigint,  # Ctrl-C reaches it even when pytest ignores SIGINT
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    return process, transcript


def finish_ask(process: subprocess.Popen, timeout: float = 90) -> tuple[int, bytes, bytes]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


class ReplRun:
    """The REPL in a pty against ``server``, with helpers that keep the suite's promises."""

    def __init__(
        self,
        root: Path,
        server: F.FakeChat2Query,
        extra_env: dict | None = None,
        rows: int = 40,
        args: tuple[str, ...] = (),
    ) -> None:
        self.root = root
        self.server = server
        self.screen = Screen(args, env=c2q_env(root, server, extra_env), rows=rows)
        self.screen.wait_for(PROMPT, timeout=20)

    def ask(self, question: str) -> None:
        self.screen.send_line(question)

    def wait(self, pattern, timeout: float = 30) -> None:
        """Until ``pattern`` shows above the toolbar (scrollback included)."""
        if isinstance(pattern, str):
            pattern = re.compile(pattern, re.IGNORECASE)
        deadline = time.monotonic() + timeout
        while not pattern.search(self.text):
            alive = self.screen.pump(0.05)
            if not alive or time.monotonic() > deadline:
                raise AssertionError(f"{pattern.pattern!r} did not appear\n{self.screen.dump()}")

    def wait_prompt(self) -> None:
        """Until the prompt is back on the last non-empty line above the toolbar."""
        self.screen.settle(0.3, timeout=10)
        self.screen.wait_for(re.compile(r"^c2q> ?$", re.MULTILINE), timeout=20)

    @property
    def text(self) -> str:
        """Everything printed, without the bottom toolbar (which repeats the last error)."""
        return "\n".join(self.screen.scrollback[:-1])

    def quit(self) -> int:
        self.screen.send_key("c-d")
        status = self.screen.wait_exit(timeout=20)
        return status

    def check_common(self) -> None:
        assert TRACEBACK not in self.text, self.screen.dump()
        no_raw_control(self.screen.raw_output)
        no_secret_in_files(self.root)

    def close(self) -> None:
        self.screen.close()
