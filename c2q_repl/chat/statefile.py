"""Small JSON state files shared by concurrent c2q processes.

Every update is a read-modify-write under an advisory lock, written to a
temporary file, fsync'ed and renamed into place: two processes never lose each
other's writes and a crash never leaves a half-written file. Reads forgive a
missing or corrupt file (state is a convenience, never a reason to fail).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def read_json_object(path: Path) -> dict[str, Any]:
    """The file's JSON object; ``{}`` when it is missing or unreadable.

    A file that is there but is not a JSON object (garbled, or nested too deep
    to parse) is set aside -- renamed to ``<name>.corrupt-<time>`` -- and named
    on stderr once, so it neither breaks every run nor is silently lost.
    """
    if not _regular_or_missing(path):
        return {}  # a FIFO would block the read, a device is nobody's state: leave it alone
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    import json  # here: this module loads before the first prompt, its files are read after

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        data = None
    if isinstance(data, dict):
        return data
    _set_aside(path)
    return {}


def _set_aside(path: Path) -> None:
    import sys
    import time

    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return  # another c2q process set it aside first
    except OSError as exc:
        message = f"{path} is not a valid state file and could not be moved aside ({exc.strerror}); it is ignored"
    else:
        message = (
            f"{path} was not a valid state file; moved it aside to {aside.name} and started afresh"
        )
    try:
        sys.stderr.write(f"c2q: warning: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def update_json_object(path: Path, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Apply ``change`` to the file's object under the lock; return the new object."""
    with _locked(path):
        data = read_json_object(path)
        change(data)
        _write(path, data)
        return data


def _regular_or_missing(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _write(path: Path, data: dict[str, Any]) -> None:
    """Replace the file atomically; through a symlink, the file it points to.
    Anything but a regular file is never replaced (OSError)."""
    import json
    import tempfile  # only when writing: it costs start-up time

    path = Path(os.path.realpath(path))
    if not _regular_or_missing(path):
        raise OSError(0, "not a regular file; c2q keeps its state only in regular files", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, sort_keys=True, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except (
            ImportError
        ):  # pragma: no cover - non-POSIX: the atomic rename still protects the file
            pass
        yield
    finally:
        os.close(fd)
