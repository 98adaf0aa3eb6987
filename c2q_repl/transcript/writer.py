"""Append-only, crash-safe JSON Lines transcripts of a chat session.

Each event becomes one JSON object on one line, written with a single
``write`` and ``fsync``'ed before the call returns, so a process killed with
SIGKILL loses at most the round that was still in flight. The file is created
with mode 0600 (it holds query results) and everything written goes through
:func:`scrub` first, so a private key can never end up on disk even if a
caller passes one by mistake. The format is documented in docs/TRANSCRIPT.md.
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from c2q_repl import __version__

FORMAT_NAME = "c2q-transcript"
#: major.minor: readers accept any minor version of a major they know
FORMAT_VERSION = "1.0"
REDACTED = "[redacted]"

#: dict keys whose values are never written, whatever they hold
_SENSITIVE_KEY = re.compile(
    r"(private[_-]?key|secret|passw(or)?d|authorization|api[_-]?key|credential)", re.I
)
#: ``scheme://user:password@host`` -> ``scheme://user:[redacted]@host``
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^/\s:@]+):[^/\s@]+@", re.I)
#: environment variables whose values are scrubbed from every string
_SECRET_ENV = ("C2Q_PRIVATE_KEY",)
_MIN_SECRET_LEN = 6
#: values nested deeper than this are replaced by a note: real answers are a
#: few levels deep, and a hostile one 500 levels deep must not stop recording
MAX_DEPTH = 64
TOO_DEEP = f"[not recorded: nested deeper than {MAX_DEPTH} levels]"
#: a UTF-16 surrogate with no partner (JSON allows it, UTF-8 cannot encode it)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A deep copy of ``value`` with keys, URL passwords and known secret strings
    redacted, and anything nested deeper than :data:`MAX_DEPTH` replaced by a note."""
    secrets = tuple(s for s in secrets if s and len(s) >= _MIN_SECRET_LEN)
    return _scrub(value, secrets, 0)


def _scrub(value: Any, secrets: tuple[str, ...], depth: int) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        return _URL_PASSWORD.sub(lambda m: f"{m.group('head')}:{REDACTED}@", value)
    if isinstance(value, (Mapping, list, tuple)) and depth >= MAX_DEPTH:
        return TOO_DEEP
    if isinstance(value, Mapping):
        return {
            _scrub(str(k), secrets, depth): (
                REDACTED
                if _SENSITIVE_KEY.search(str(k)) and v not in (None, "")
                else _scrub(v, secrets, depth + 1)
            )
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_scrub(v, secrets, depth + 1) for v in value]
    return value


def nested_deeper_than(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` has containers nested more than ``limit`` deep (iterative:
    it must not itself run out of stack on the value it is checking)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Iterable[Any] = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def encode_line(record: Any) -> bytes:
    """One JSON line, UTF-8: line separators and lone surrogates written as
    ``\\uXXXX`` escapes (what JSON itself would use), so no string a server
    sends can make a record unwritable or split it across lines."""
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)
    # json.dumps escapes "\n" itself; escape the Unicode line separators too so
    # every line-based tool (and str.splitlines) sees one record per line
    line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # outside strings JSON has only ASCII, so every surrogate is inside a string
    line = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
    return (line + "\n").encode("utf-8")


def _open_regular(path: Path, *, append: bool) -> int:
    """Open ``path`` for appending, refusing anything but a regular file: a device
    keeps its mode, a FIFO never blocks the REPL.

    A new transcript (``append=False``) is created or truncated, mode 0600. An
    existing one (``append=True``, ``c2q --resume``) must exist and keeps what it
    holds; a last line cut off by a crash is ended first, so the next record
    starts on a line of its own."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular(path)
    except FileNotFoundError:
        if append:
            raise
    flags = os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_RDWR if append else os.O_WRONLY | os.O_CREAT
    fd = os.open(path, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped in since the check above
            raise _not_regular(path)
        os.set_blocking(fd, True)
        if append:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                os.write(fd, b"\n")
        else:
            os.ftruncate(fd, 0)
            os.fchmod(fd, 0o600)  # an existing file keeps its old mode through os.open
    except BaseException:
        os.close(fd)
        raise
    return fd


def _kept_secrets(secrets: Iterable[str], env: Mapping[str, str]) -> tuple[str, ...]:
    """The strings a writer scrubs: the caller's plus ``C2Q_PRIVATE_KEY``'s value,
    without any too short to be a key (scrubbing those would mangle ordinary text)."""
    every = tuple(secrets) + tuple(env.get(name, "") for name in _SECRET_ENV)
    return tuple(s for s in every if s and len(s) >= _MIN_SECRET_LEN)


def _not_regular(path: Path) -> OSError:
    return OSError(
        0, "not a regular file (transcripts are written only to regular files)", str(path)
    )


def sessions_dir(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME/c2q/sessions`` (``~/.local/share`` when unset or relative)."""
    from c2q_repl.config import data_dir

    return data_dir(env) / "sessions"


def default_transcript_path(
    session_id: str, started_at: float, env: Mapping[str, str] = os.environ
) -> Path:
    """Where a session's transcript goes by default: ``<sessions dir>/<date>-<time>-<session id>.jsonl``.

    Local time so the names match what the user remembers; the id keeps two
    sessions started in the same second apart.
    """
    stamp = datetime.fromtimestamp(started_at).strftime("%Y-%m-%d-%H%M%S")
    safe_id = re.sub(r"[^A-Za-z0-9_.-]+", "_", session_id or "").strip("._") or "session"
    return sessions_dir(env) / f"{stamp}-{safe_id}.jsonl"


def _feedback(round_: Any) -> dict | None:
    answer_id = getattr(round_, "feedback_answer_id", "") or ""
    task_id = getattr(round_, "feedback_task_id", "") or ""
    if not answer_id and not task_id:
        return None
    return {"answer_id": str(answer_id), "task_id": str(task_id)}


def _error_json(error: Any) -> dict:
    if error is None:
        return {"kind": "error", "message": "unknown error"}
    if hasattr(error, "to_json"):
        data = dict(error.to_json())
    else:
        data = {"kind": type(error).__name__, "message": str(error)}
    job_id = getattr(error, "job_id", "")
    if job_id:
        data["job_id"] = job_id
    return data


class TranscriptWriter:
    """One open transcript file. Thread-safe: the REPL may record the session id
    from a background thread while the main thread records rounds."""

    def __init__(
        self,
        path: Path,
        fd: int,
        secrets: tuple[str, ...],
        on_stop: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self._fd: int | None = fd
        self._secrets = secrets
        self._lock = threading.Lock()
        self._on_stop = on_stop
        #: why recording stopped (a write failed), or "" while it goes on
        self.stopped = ""

    @classmethod
    def create(
        cls,
        path: Path,
        header: Mapping[str, Any],
        *,
        secrets: Iterable[str] = (),
        env: Mapping[str, str] = os.environ,
        on_stop: Callable[[str], None] | None = None,
    ) -> TranscriptWriter:
        """Create (or replace) the transcript at ``path`` and write its header.

        ``secrets`` are strings that must never be written (the private key);
        the value of ``C2Q_PRIVATE_KEY`` is always added. Front ends call
        :func:`c2q_repl.transcript.opening.open_transcript`, which passes them.
        ``on_stop`` is called once with a message if a later write fails.
        """
        path = Path(path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        writer = cls(path, _open_regular(path, append=False), _kept_secrets(secrets, env), on_stop)
        record = {
            "type": "header",
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "c2q_version": __version__,
            "created_at": time.time(),
        }
        record.update({k: v for k, v in header.items() if k not in ("type", "format", "version")})
        writer._write(record)
        return writer

    @classmethod
    def append(
        cls,
        path: Path,
        *,
        secrets: Iterable[str] = (),
        env: Mapping[str, str] = os.environ,
        on_stop: Callable[[str], None] | None = None,
    ) -> TranscriptWriter:
        """Continue the existing transcript at ``path`` (``c2q --resume``): its header
        and records stay, new records follow them, scrubbed exactly as :meth:`create`
        scrubs. Raises :class:`OSError` when the file is gone or is not a regular file.
        Front ends call :func:`c2q_repl.transcript.opening.reopen_transcript`.
        """
        path = Path(path).expanduser()
        return cls(path, _open_regular(path, append=True), _kept_secrets(secrets, env), on_stop)

    # ------------------------------------------------------------------ events

    def question(self, round_: Any) -> None:
        """The question as sent: round number, text, mode and feedback ids.

        A round that already has its job when it starts fetches an earlier job
        (``/job ID``): nothing was sent, and ``fetch`` names that job, so a
        live replay waits for it rather than asking the question again."""
        record = {
            "type": "question",
            "round": int(round_.number),
            "question": round_.question,
            "mode": round_.mode,
            "feedback": _feedback(round_),
            "started_at": getattr(round_, "started_at", None),
        }
        if getattr(round_, "job_id", ""):
            record["fetch"] = str(round_.job_id)
        self._write(record)

    def result(self, round_: Any) -> None:
        """The full raw final job, so replay can re-parse and re-render it."""
        self._write(
            {
                "type": "result",
                "round": int(round_.number),
                "job_id": round_.job_id or "",
                "job": round_.job_raw,
                "elapsed": round_.elapsed,
                "requests": round_.requests,
            }
        )

    def error(self, round_: Any) -> None:
        """A round that ended without an answer (network, quota, failed job, cancel)."""
        # a job that ended "failed" has no captured exception: record the one the REPL showed
        error = round_.error if round_.error is not None else getattr(round_, "job_error", None)
        record = {
            "type": "error",
            "round": int(round_.number),
            "job_id": round_.job_id or getattr(error, "job_id", "") or "",
            "error": _error_json(error),
            "elapsed": round_.elapsed,
            "requests": round_.requests,
        }
        if getattr(round_, "job_raw", None):
            record["job"] = round_.job_raw
        self._write(record)

    def command(self, name: str, args: str, state: Mapping[str, Any], **details: Any) -> None:
        """A slash command that changed state (mode, reset, feedback, ``kb`` ...), with the
        state after it; ``details`` are what a live replay needs to repeat it
        (``knowledge``: the item ``/kb add`` added)."""
        self._write(
            {"type": "command", "name": name, "args": args, "state": dict(state), **details}
        )

    def session(self, session_id: str) -> None:
        """The server session in use from now on (created in the background, /new, switch)."""
        self._write({"type": "session", "session_id": session_id})

    # ------------------------------------------------------------------ plumbing

    def _write(self, record: dict) -> None:
        record = {
            "type": record["type"],
            "t": round(time.time(), 3),
            **{k: v for k, v in record.items() if k != "type"},
        }
        if record["type"] == "header":
            record.pop("t")
        data = encode_line(scrub(record, self._secrets))
        with self._lock:
            if self._fd is None:
                raise ValueError(f"transcript {self.path} is {self.stopped or 'closed'}")
            start = os.lseek(self._fd, 0, os.SEEK_END)
            try:
                view = memoryview(data)
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
                os.fsync(self._fd)
            except OSError as exc:
                self._stop(exc, start)
                raise

    def _stop(self, exc: OSError, start: int) -> None:
        """A write failed (disk full, I/O error): cut the partial record off, close, say why once."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, start)
        except OSError:
            pass  # readers skip a cut-off last line anyway
        try:
            os.close(self._fd)
        except OSError:
            pass
        self._fd = None
        self.stopped = f"stopped: {exc.strerror or exc}"
        if self._on_stop is not None:
            try:
                self._on_stop(
                    f"transcript recording {self.stopped} ({self.path}); "
                    "the session goes on unrecorded, what was recorded before is kept"
                )
            except Exception:  # a UI hook must never turn a full disk into a crash
                pass

    @property
    def closed(self) -> bool:
        return self._fd is None

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"TranscriptWriter({str(self.path)!r})"
