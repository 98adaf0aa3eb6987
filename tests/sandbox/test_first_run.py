"""The first run's database build: killed builds leave nothing behind, parallel first runs build once.

Real processes (``kill -9`` cannot be simulated in-process); the build is slowed
down inside the child only (a patched copy/write step), so the kill lands mid-build
without any timing assumption: the child says when it is inside the build.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from c2q_repl.sandbox.seed import ensure_sp500insight, seed_file_name
from tests import children

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from c2q_repl.sandbox import seed

    mode, directory = sys.argv[1], Path(sys.argv[2])
    real_inflate, real_write = seed._inflate, seed.write_sqlite

    class SlowAfterFirstWrite:  # the copy pauses once part of the file is written
        def __init__(self, out):
            self.out, self.paused = out, False

        def write(self, data):
            self.out.write(data)
            if not self.paused:
                self.paused = True
                print("building", flush=True)
                time.sleep(60 if mode == "hang" else 0.5)

    def slow_inflate(source, out):
        real_inflate(source, SlowAfterFirstWrite(out))

    def slow_write(path, *args):
        path.write_bytes(b"half a database")
        print("building", flush=True)
        time.sleep(60)

    seed._inflate = slow_inflate
    if mode == "hang-generator":
        seed.packaged_database = lambda: None
        seed.write_sqlite = slow_write
    print("ready", seed.ensure_sp500insight(directory), flush=True)
    """
)


def _child(mode: str, directory: Path) -> subprocess.Popen:
    return children.popen(
        [sys.executable, "-c", CHILD, mode, str(directory)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_while_building(mode: str, directory: Path) -> None:
    child = _child(mode, directory)
    try:
        assert child.stdout.readline().strip() == "building", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != ".sp500insight.lock")


def _companies(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM companies").fetchone()[0]
    finally:
        conn.close()


def test_a_build_killed_mid_copy_leaves_no_file_and_the_next_run_succeeds(tmp_path: Path):
    _kill_while_building("hang", tmp_path)
    assert _leftovers(tmp_path) == []  # the half-written copy had no name
    path = ensure_sp500insight(tmp_path)  # the dead child's lock is gone with it
    assert path.name == seed_file_name() and _companies(path) >= 480
    assert _leftovers(tmp_path) == [seed_file_name()]


def test_a_stale_temporary_file_of_a_killed_generator_build_is_removed(tmp_path: Path):
    """SQLite needs a named file, so a killed generator build leaves one: the next build removes it."""
    _kill_while_building("hang-generator", tmp_path)
    assert [name for name in _leftovers(tmp_path) if name.endswith(".tmp")]
    path = ensure_sp500insight(tmp_path)
    assert _leftovers(tmp_path) == [seed_file_name()] and _companies(path) >= 480


def test_two_concurrent_first_runs_build_once(tmp_path: Path):
    first = _child("slow", tmp_path)
    assert first.stdout.readline().strip() == "building", first.stderr.read()
    second = _child("slow", tmp_path)  # starts while the first holds the build lock
    out_first, _ = first.communicate(timeout=60)
    out_second, err_second = second.communicate(timeout=60)
    assert "building" not in out_second, "the second run built the database again"
    target = str(tmp_path / seed_file_name())
    assert out_first.strip() == f"ready {target}"
    assert out_second.strip() == f"ready {target}", err_second
    assert _leftovers(tmp_path) == [seed_file_name()]
