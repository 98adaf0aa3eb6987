"""Transcript recording under attack: a full disk, a lone surrogate, an answer nested 500 deep,
a FIFO, a device node or a symlink where the transcript should go.

Recording that stops is said at once (a message and the toolbar), the REPL
stays usable, nothing claims "transcript saved" for a transcript that stopped;
what can be recorded is recorded (a lone surrogate is written as its JSON
escape, an over-deep value as a note), and a transcript never replaces or
re-moded anything that is not a regular file.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from c2q_repl.transcript.reader import read_transcript
from c2q_repl.transcript.writer import TOO_DEEP, TranscriptWriter
from tests import children
from tests.e2e.harness import Screen
from tests.reliability import fakeapi as F
from tests.reliability.conftest import (
    ANSWER_42,
    PROMPT,
    TRACEBACK,
    ReplRun,
    c2q_env,
    session_transcripts,
)

BIG = "a question whose answer is bigger than the disk"
SURROGATE = "a question whose answer holds a lone surrogate"
DEEP = "a question whose answer is nested 500 levels deep"
AFTER = "a question after the trouble"


def _nested(depth: int) -> dict:
    value: dict = {"leaf": 1}
    for _ in range(depth):
        value = {"n": value}
    return value


class LimitedRepl(ReplRun):
    """The REPL in a pty with RLIMIT_FSIZE set: a write past ``limit`` bytes fails (EFBIG),
    exactly as a full disk fails it (ENOSPC), without needing a mount."""

    def __init__(self, root: Path, server: F.FakeChat2Query, limit: int) -> None:
        self.root = root
        self.server = server
        code = (
            "import resource, runpy, sys; "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
            "sys.argv = ['c2q']; runpy.run_module('c2q_repl', run_name='__main__', alter_sys=True)"
        )
        self.screen = Screen(
            (), env=c2q_env(root, server), rows=40, program=[sys.executable, "-c", code]
        )
        self.screen.wait_for(PROMPT, timeout=20)


def test_full_disk_is_said_at_once_and_never_called_saved(fake, tmp_path):
    rows = [[f"row {i} " + "x" * 40, i] for i in range(200)]  # ~12 KB: past the limit
    fake.script(BIG, job=F.answer(["text", "n"], rows, sql="SELECT text, n FROM t"))
    root = tmp_path / "full"
    repl = LimitedRepl(root, fake, limit=6000)
    try:
        repl.ask(AFTER)  # the first round fits
        repl.wait(ANSWER_42)
        repl.wait_prompt()
        repl.ask(BIG)
        repl.wait("row 199")
        repl.wait("transcript recording stopped: file too large")
        repl.wait_prompt()
        assert "transcript stopped" in repl.screen.display[-1], repl.screen.dump()
        fake.script(AFTER + " again", job=F.answer(["answer"], [[42]]))
        repl.ask(AFTER + " again")  # still usable
        repl.wait(re.compile(r"\|\s+42 \|(.|\n)*\|\s+42 \|"))
        repl.wait_prompt()
        assert repl.quit() == 0
        repl.screen.pump(0.2)
    finally:
        repl.close()
    text = "\n".join(repl.screen.scrollback)
    assert TRACEBACK not in text
    assert "transcript saved" not in text
    assert re.search(r"bye — transcript stopped: file too large; the start is in", text, re.I), text
    (path,) = session_transcripts(root)
    # the failed record was cut off: what is there is whole and readable
    t = read_transcript(path)
    assert not t.warnings, t.warnings
    assert [r.question for r in t.rounds] == [AFTER, BIG]
    assert t.rounds[0].complete and not t.rounds[1].complete


def test_lone_surrogate_and_deep_nesting_are_recorded_not_dropped(fake, tmp_path):
    job = F.answer(["name"], [["bad \udc80 name"]], sql="SELECT name FROM t")
    fake.script(SURROGATE, job=job)
    deep = F.answer(["answer"], [[7]], sql="SELECT 7 AS answer")
    deep["extra"] = _nested(500)
    fake.script(DEEP, job=deep)
    root = tmp_path / "odd"
    repl = ReplRun(root, fake)
    try:
        for question, shown in ((SURROGATE, "bad"), (DEEP, r"\|\s+7 \|"), (AFTER, ANSWER_42)):
            repl.ask(question)
            repl.wait(shown)
            repl.wait_prompt()
        assert "transcript" not in repl.screen.display[-1]
        assert repl.quit() == 0
        repl.screen.pump(0.2)
    finally:
        repl.close()
    assert "transcript saved" in "\n".join(repl.screen.scrollback)
    (path,) = session_transcripts(root)
    t = read_transcript(path)
    assert [r.question for r in t.rounds] == [SURROGATE, DEEP, AFTER]
    assert all(r.complete for r in t.rounds)
    raw = path.read_text(encoding="utf-8")
    assert "bad \\udc80 name" in raw  # the JSON escape: the exact string comes back
    assert t.rounds[0].job_raw["result"]["data"]["rows"][0][0] == "bad \udc80 name"
    assert TOO_DEEP in raw


# --------------------------------------------------------------------------- the writer itself


def test_writer_cuts_a_failed_record_and_reports_once(tmp_path):
    told: list[str] = []
    path = tmp_path / "t.jsonl"
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from c2q_repl.transcript.writer import TranscriptWriter\n"
        "told = []\n"
        "w = TranscriptWriter.create(Path(sys.argv[1]), {}, on_stop=told.append)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))\n"
        "w.command('small', 'x', {})\n"
        "for n in range(3):\n"
        "    try:\n"
        "        w.command('big', 'y' * 3000, {})\n"
        "    except OSError as exc:\n"
        "        print('raised', exc.errno)\n"
        "    except ValueError as exc:\n"
        "        print('closed', exc)\n"
        "print('told', told)\n"
        "print('stopped', w.stopped)\n"
    )
    done = children.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "raised 27"  # EFBIG, once; then the writer is closed
    assert lines[1].startswith("closed") and "stopped" in lines[1]
    told = eval(lines[3].removeprefix("told "))  # noqa: S307 - our own repr of a list of str
    assert len(told) == 1 and "transcript recording stopped: File too large" in told[0]
    assert lines[4] == "stopped stopped: File too large"
    records = [json.loads(x) for x in path.read_text().splitlines()]
    assert [r["type"] for r in records] == ["header", "command"]  # no partial line left


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


def _char_device(tmp_path: Path) -> Path:
    path = tmp_path / "null"
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    return path


@pytest.mark.parametrize("make", [_fifo, _char_device], ids=["fifo", "char-device"])
def test_transcript_refuses_what_is_not_a_regular_file(tmp_path, make):
    target = make(tmp_path)
    before = os.lstat(target)
    with pytest.raises(OSError, match="not a regular file"):  # and never blocks on the FIFO
        TranscriptWriter.create(target, {})
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)  # not chmod-ed to 0600


def test_transcript_through_a_symlink_writes_the_target_in_place(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    with TranscriptWriter.create(link, {"database": "db"}):
        pass
    assert link.is_symlink() and json.loads(target.read_text())["database"] == "db"


def _run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return children.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_ask_transcript_to_a_fifo_is_a_clear_message(fake, tmp_path):
    fifo = _fifo(tmp_path)
    done = _run_python(
        ["-m", "c2q_repl", "ask", AFTER, "--transcript", str(fifo)], c2q_env(tmp_path / "env", fake)
    )
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr and TRACEBACK not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_ask_says_when_its_transcript_stopped(fake, tmp_path):
    rows = [[f"row {i} " + "x" * 40, i] for i in range(200)]
    fake.script(BIG, job=F.answer(["text", "n"], rows, sql="SELECT text, n FROM t"))
    transcript = tmp_path / "ask.jsonl"
    code = (
        "import resource, runpy, sys; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000)); "
        f"sys.argv = ['c2q', 'ask', {AFTER!r}, {BIG!r}, {AFTER!r}, '--transcript', {str(transcript)!r}]; "
        "runpy.run_module('c2q_repl', run_name='__main__', alter_sys=True)"
    )
    done = _run_python(["-c", code], c2q_env(tmp_path / "env", fake))
    assert done.returncode == 0, done.stderr
    assert TRACEBACK not in done.stderr
    assert done.stdout.count("42") >= 2 and "row 199" in done.stdout  # every answer printed
    assert done.stderr.count("transcript recording stopped: File too large") == 1, done.stderr
    t = read_transcript(transcript)
    assert not t.warnings and [r.question for r in t.rounds] == [AFTER, BIG]


def test_live_replay_record_to_a_fifo_is_a_clear_message(fake, tmp_path):
    recorded = tmp_path / "recorded.jsonl"
    with TranscriptWriter.create(recorded, {"database": F.DATABASE, "mode": "direct"}) as w:
        w._write({"type": "question", "round": 1, "question": AFTER, "mode": "direct"})
    fifo = _fifo(tmp_path)
    done = _run_python(
        ["-m", "c2q_repl", "replay", str(recorded), "--live", "--record", str(fifo)],
        c2q_env(tmp_path / "env", fake),
    )
    assert done.returncode == 2, done.stderr
    assert f"cannot record to {fifo}: not a regular file" in done.stderr
    assert TRACEBACK not in done.stderr and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_among_the_sessions_is_reported_not_read(fake, tmp_path):
    """``c2q sessions`` lists the directory; a FIFO named like a transcript must not hang it."""
    env = c2q_env(tmp_path / "env", fake)
    sessions = Path(env["XDG_DATA_HOME"]) / "c2q" / "sessions"
    sessions.mkdir(parents=True)
    with TranscriptWriter.create(sessions / "2026-01-01-000000-real.jsonl", {"database": "db"}):
        pass
    os.mkfifo(sessions / "2026-01-02-000000-fifo.jsonl")
    listed = _run_python(["-m", "c2q_repl", "sessions"], env)
    assert listed.returncode == 0, listed.stderr  # and it did not hang on the FIFO
    assert TRACEBACK not in listed.stderr and "db" in listed.stdout
    shown = _run_python(
        ["-m", "c2q_repl", "replay", str(sessions / "2026-01-02-000000-fifo.jsonl")], env
    )
    assert shown.returncode == 2 and "not a regular file" in shown.stderr, shown.stderr
