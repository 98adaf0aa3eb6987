"""The test suite's own child-process rules (tests/children.py) hold."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests import children

SLEEPER = "import sys, time; print('ready', flush=True); time.sleep(60)"
STUBBORN = (
    "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN);"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"
)


def _started(code: str, **kw) -> subprocess.Popen:
    proc = children.popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, **kw)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_child_gets_default_sigint_even_when_the_parent_ignores_it():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as under `trap '' INT`
    probe = [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT))"]
    try:
        inherited = subprocess.run(probe, capture_output=True, text=True, check=True).stdout
        given = children.run(probe, capture_output=True, text=True, check=True).stdout
    finally:
        signal.signal(signal.SIGINT, previous)
    assert inherited.strip() == "1"  # SIG_IGN survives exec: the problem
    assert "default_int_handler" in given  # the fix


def test_stop_ends_a_polite_child_with_sigint():
    proc = _started(SLEEPER)
    children.stop(proc, grace=5)
    assert proc.returncode != 0 and proc.poll() is not None


def test_stop_escalates_to_sigkill_for_a_child_that_ignores_sigint_and_sigterm():
    proc = _started(STUBBORN)
    assert proc.pid in children.live_children()
    children.stop(proc.pid, grace=0.3)
    proc.wait(5)
    assert proc.returncode == -signal.SIGKILL
    assert proc.pid not in children.live_children()


def test_a_failed_test_leaves_no_child_running(tmp_path):
    """The autouse finaliser of tests/conftest.py stops what a failing test started."""
    root = Path(__file__).resolve().parent.parent
    pid_file = tmp_path / "child.pid"
    (tmp_path / "conftest.py").write_text("from tests.conftest import no_child_left_running\n")
    (tmp_path / "test_leaky.py").write_text(
        "import subprocess, sys\n"
        "def test_leaks():\n"
        f"    child = subprocess.Popen([sys.executable, '-c', {STUBBORN!r}], stdout=subprocess.PIPE)\n"
        "    child.stdout.readline()\n"
        f"    open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "    assert False, 'the test fails with its child still running'\n"
    )
    done = children.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",
            "-o",
            "addopts=",
            str(tmp_path / "test_leaky.py"),
        ],  # fmt: skip
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failed" in done.stdout, done.stdout + done.stderr
    pid = int(pid_file.read_text())
    assert not children.running(pid)


def test_every_test_starts_children_through_these_helpers():
    """A new test that calls subprocess or pexpect directly would bring the problem back."""
    tests = Path(__file__).resolve().parent
    allowed = {tests / "children.py", Path(__file__).resolve()}
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        if path in allowed:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            call = "subprocess.run(" in line or "subprocess.Popen(" in line
            spawn = "pexpect.spawn(" in line
            if spawn and any(
                "preexec_fn=default_sigint" in nxt for nxt in lines[number : number + 12]
            ):
                continue
            if call or spawn or "os.fork(" in line or "pty.fork(" in line:
                offenders.append(f"{path.relative_to(tests)}:{number}: {line.strip()}")
    assert offenders == [], "start children with tests/children.py:\n" + "\n".join(offenders)
