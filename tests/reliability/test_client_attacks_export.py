"""``c2q export`` against hostile transcripts and odd output targets.

* Printed to a terminal (``--to html`` / ``--to json`` without ``-o``), no
  control sequence from a chart title, an axis label or a cell reaches it.
* Written to a file, the data stays exact, with controls escaped the format's
  own way (JSON ``\\u001b``, HTML ``&#x1b;``).
* ``-o`` never replaces what is not a regular file: a device node or a FIFO is
  written in place, a symlink keeps pointing at its (replaced) target, a
  directory is a clear message.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from c2q_repl.transcript.writer import TranscriptWriter
from tests import children
from tests.e2e.harness import Screen, isolated_env
from tests.reliability import fakeapi as F
from tests.reliability.cases import CONTROL_TEXT, FORBIDDEN
from tests.reliability.conftest import TRACEBACK

C1_AND_BIDI = "C1\x9b31mred\x85next \u202eRLO\u202c \u2066iso\u2069"
AXIS = f"sector{CONTROL_TEXT}"
CELL = f"cell {C1_AND_BIDI} {CONTROL_TEXT}"
#: raw bytes that must not be in a file or on a terminal: ESC, 8-bit CSI/NEL (as UTF-8), bidi
RAW_CONTROLS = (b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x85", "\u202e".encode(), "\u2066".encode())


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    job = {
        "job_id": "j1",
        "status": "done",
        "result": F.answer(
            [AXIS, "companies"],
            [[CELL, 3], ["plain", 5]],
            sql="SELECT sector, companies FROM t",
            task=f"task {C1_AND_BIDI}",
            chart={
                "chart_name": "BarChart",
                "title": f"title {CONTROL_TEXT} {C1_AND_BIDI}",
                "option": {"x": AXIS, "y": "companies"},
            },
        ),
    }
    with TranscriptWriter.create(path, {"database": "db", "mode": "direct"}) as w:
        w._write({"type": "question", "round": 1, "question": f"q {C1_AND_BIDI}", "mode": "direct"})
        w._write({"type": "result", "round": 1, "job_id": "j1", "job": job})
    return path


def _no_raw_controls(data: bytes) -> None:
    for sequence in (*FORBIDDEN, *RAW_CONTROLS):
        assert sequence not in data, f"raw {sequence!r} in the output"


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_export_to_a_terminal_prints_no_control_sequence(hostile, tmp_path, fmt):
    with Screen(["export", str(hostile), "--to", fmt], env=isolated_env(tmp_path / "env")) as s:
        status = s.wait_exit(timeout=30)
        raw = s.raw_output
    assert status == 0, raw[-2000:]
    assert TRACEBACK.encode() not in raw
    assert b"companies" in raw  # it did print the export
    _no_raw_controls(raw)


def _export(hostile: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return children.run(
        [sys.executable, "-m", "c2q_repl", "export", str(hostile), *args],
        env=isolated_env(tmp_path / "env"),
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_json_file_keeps_the_data_exact_with_escaped_controls(hostile, tmp_path):
    out = tmp_path / "out.json"
    done = _export(hostile, tmp_path, "--to", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    _no_raw_controls(raw)
    assert b"\\u001b]0;PWNED-TITLE\\u0007" in raw and b"\\u202e" in raw
    text = json.dumps(json.loads(raw), ensure_ascii=False)
    for exact in (CELL, AXIS, C1_AND_BIDI):
        assert json.dumps(exact, ensure_ascii=False)[1:-1] in text  # decoded back exactly


def test_json_to_a_pipe_is_the_same_exact_file(hostile, tmp_path):
    done = _export(hostile, tmp_path, "--to", "json")
    assert done.returncode == 0, done.stderr
    _no_raw_controls(done.stdout)
    data = json.loads(done.stdout)
    assert data["rounds"][0]["answer"]["rows"][0][0] == CELL


def test_html_file_escapes_controls_as_character_references(hostile, tmp_path):
    out = tmp_path / "out.html"
    done = _export(hostile, tmp_path, "--to", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    _no_raw_controls(out.read_bytes())


# --------------------------------------------------------------------------- item 12: -o targets


def test_a_device_node_is_written_in_place_never_replaced(hostile, tmp_path):
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    before = os.lstat(node)
    done = _export(hostile, tmp_path, "--to", "md", "-o", str(node))
    assert done.returncode == 0, done.stderr
    after = os.lstat(node)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino and after.st_mode == before.st_mode


def test_a_fifo_is_written_in_place(hostile, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    read_end = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there before c2q
    finished = threading.Event()

    def read_all() -> None:  # until c2q has exited: before it opens the FIFO, reads see EOF
        while True:
            try:
                chunk = os.read(read_end, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                got.append(chunk)
            elif finished.is_set() and chunk == b"":
                return
            else:
                time.sleep(0.01)

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    done = _export(hostile, tmp_path, "--to", "json", "-o", str(fifo))
    finished.set()
    reader.join(10)
    os.close(read_end)
    got = [b"".join(got)]
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and json.loads(got[0])["format"] == "c2q-transcript-export"


def test_a_fifo_nobody_reads_is_an_error_at_once_not_a_hang(hostile, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done = _export(hostile, tmp_path, "--to", "json", "-o", str(fifo))  # its timeout: no hang
    assert done.returncode != 0
    assert b"no process is reading" in done.stderr, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_keeps_pointing_at_its_replaced_target(hostile, tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    done = _export(hostile, tmp_path, "--to", "md", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("# ")


def test_a_directory_is_a_clear_message(hostile, tmp_path):
    directory = tmp_path / "somewhere"
    directory.mkdir()
    done = _export(hostile, tmp_path, "--to", "md", "-o", str(directory))
    assert done.returncode == 2
    assert b"is a directory" in done.stderr.lower() or b"a directory" in done.stderr
    assert TRACEBACK.encode() not in done.stderr
    assert directory.is_dir() and not any(directory.iterdir())
