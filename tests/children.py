"""Child processes the tests start: default SIGINT, and stopped for sure.

A background job of a non-interactive shell starts with SIGINT ignored, and an
ignored signal stays ignored across ``exec``: a ``c2q`` started by such a
pytest would shrug off the Ctrl-C a test sends it. So every child gets the
default SIGINT disposition back before it runs (:func:`default_sigint` as
``preexec_fn``), and :func:`stop` ends a child that is still running with
SIGINT, then SIGTERM, then SIGKILL, waiting a little after each.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: seconds to wait after SIGINT and after SIGTERM before the next, harder signal
GRACE = 3.0


def default_sigint() -> None:
    """``preexec_fn``: the child starts with SIGINT's default disposition (Python
    then installs its KeyboardInterrupt handler), whatever pytest inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def popen(argv: list[str], **kwargs: Any) -> subprocess.Popen:
    """:class:`subprocess.Popen` with :func:`default_sigint`."""
    kwargs.setdefault("preexec_fn", default_sigint)
    return subprocess.Popen(argv, **kwargs)


def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
    """:func:`subprocess.run` with :func:`default_sigint`."""
    kwargs.setdefault("preexec_fn", default_sigint)
    return subprocess.run(argv, **kwargs)


def running(pid: int) -> bool:
    """Alive and not a zombie (an exited child nobody has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _wait_gone(pid: int, timeout: float, proc: subprocess.Popen | None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)
                return True
        elif not running(pid):
            return True
        else:
            time.sleep(0.05)
    return not running(pid) if proc is None else proc.poll() is not None


def stop(target: subprocess.Popen | int, grace: float = GRACE) -> None:
    """Stop a child still running: SIGINT, then SIGTERM, then SIGKILL (a grace period each)."""
    proc = target if isinstance(target, subprocess.Popen) else None
    pid = proc.pid if proc is not None else int(target)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if (proc.poll() is not None) if proc is not None else not running(pid):
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        if _wait_gone(pid, grace, proc):
            return


def live_children(parent: int | None = None) -> set[int]:
    """Pids of the running (non-zombie) children of ``parent`` (default: this process)."""
    parent = parent or os.getpid()
    pids: set[int] = set()
    for task in _tasks(parent):
        try:
            pids.update(int(p) for p in task.read_text().split())
        except OSError:
            continue
    return {pid for pid in pids if running(pid)}


def _tasks(parent: int) -> Iterable[Path]:
    return Path(f"/proc/{parent}/task").glob("*/children")
