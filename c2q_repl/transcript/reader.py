"""Read transcripts back, forgiving everything a crash or a newer c2q can leave.

A transcript cut mid-line (SIGKILL, full disk) still loads: the broken last
line is skipped and reported. Records of unknown types and unknown fields are
ignored, so files written by a newer minor version read fine; only a newer
*major* version is refused. Every command (sessions, replay, demo, export)
goes through :func:`read_transcript`, so they all tolerate the same things.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from c2q_repl.api import errors as api_errors
from c2q_repl.chat.round import Round
from c2q_repl.transcript.writer import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_DEPTH,
    nested_deeper_than,
    scrub,
)

KNOWN_MAJOR = int(FORMAT_VERSION.split(".")[0])
RECORD_TYPES = ("header", "question", "result", "error", "command", "session")


class TranscriptError(Exception):
    """The file is missing, unreadable, or not a transcript this c2q understands."""


@dataclass
class RecordedRound:
    """One question from the file and what was recorded for it."""

    number: int
    question: str
    mode: str = "direct"
    feedback_answer_id: str = ""
    feedback_task_id: str = ""
    started_at: float = 0.0
    session_id: str = ""
    job_id: str = ""
    job_raw: dict | None = None
    error: dict | None = None
    elapsed: float = 0.0
    requests: int = 0
    #: False when the file ends before the round's result (killed mid-round)
    complete: bool = False

    def to_round(self) -> Round:
        """The live :class:`Round` this record came from, ready for ``round_lines``."""
        return Round(
            number=self.number,
            question=self.question,
            mode=self.mode,
            feedback_answer_id=self.feedback_answer_id,
            feedback_task_id=self.feedback_task_id,
            job_id=self.job_id,
            job_raw=self.job_raw,
            error=error_from_json(self.error) if self.error else None,
            elapsed=self.elapsed,
            requests=self.requests,
            started_at=self.started_at,
        )


@dataclass
class Transcript:
    path: Path
    header: dict
    rounds: list[RecordedRound] = field(default_factory=list)
    #: every record in file order (header first), as parsed
    records: list[dict] = field(default_factory=list)
    #: things a reader should tell the user about (cut-off line, skipped records)
    warnings: list[str] = field(default_factory=list)

    @property
    def database(self) -> str:
        return str(self.header.get("database") or "")

    @property
    def created_at(self) -> float:
        return _float(self.header.get("created_at"))

    @property
    def session_id(self) -> str:
        for rec in reversed(self.records):
            if rec.get("type") == "session" and rec.get("session_id"):
                return str(rec["session_id"])
        return str(self.header.get("session_id") or "")

    @property
    def endpoint(self) -> str:
        """ "sandbox" or "cloud" plus the host, for titles and listings."""
        kind = str(self.header.get("endpoint_kind") or self.header.get("endpoint") or "")
        where = str(
            self.header.get("label")
            or self.header.get("endpoint_host")
            or self.header.get("host")
            or ""
        )
        if self.header.get("label"):
            return where  # the REPL's label says it all ("sandbox · sp500insight · offline", "local · host:port · db")
        return f"{kind} {where}".strip()

    @property
    def commands(self) -> list[dict]:
        return [r for r in self.records if r.get("type") == "command"]

    def round(self, number: int) -> RecordedRound:
        for r in self.rounds:
            if r.number == number:
                return r
        raise TranscriptError(
            f"{self.path.name} has no round {number} (rounds: {', '.join(str(r.number) for r in self.rounds) or 'none'})"
        )


# --------------------------------------------------------------------------- errors


def _error_classes() -> dict[str, type[api_errors.C2QError]]:
    found: dict[str, type[api_errors.C2QError]] = {}
    pending = [api_errors.C2QError]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.kind, cls)
        pending.extend(cls.__subclasses__())
    return found


def error_from_json(data: dict) -> api_errors.C2QError:
    """Rebuild the recorded exception so it renders exactly as it did live."""
    cls = _error_classes().get(str(data.get("kind") or ""), api_errors.C2QError)
    kw: dict[str, Any] = {
        "status": data.get("status"),
        "code": data.get("code"),
        "hint": str(data.get("hint") or ""),
        "request": str(data.get("request") or ""),
    }
    message = str(data.get("message") or "")
    if issubclass(cls, api_errors.CancelledError):
        kw["job_id"] = str(data.get("job_id") or "")
    if issubclass(cls, api_errors.NetworkError) and cls not in (
        api_errors.ConnectError,
        api_errors.ReadTimeoutError,
    ):
        kw["sent"] = True
    try:
        err = cls(message, **kw)
    except TypeError:
        err = api_errors.C2QError(
            message, **{k: kw[k] for k in ("status", "code", "hint", "request")}
        )
        err.kind = cls.kind
    return err


# --------------------------------------------------------------------------- parsing


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _check_header(rec: dict, path: Path) -> list[str]:
    if rec.get("format") not in (None, FORMAT_NAME):
        raise TranscriptError(f"{path} is not a c2q transcript (format {rec.get('format')!r})")
    version = str(rec.get("version") or "1.0")
    major, _, minor = version.partition(".")
    if _int(major) > KNOWN_MAJOR:
        raise TranscriptError(
            f"{path} was written by a newer c2q (transcript format {version}); upgrade c2q to read it"
        )
    known_minor = _int(FORMAT_VERSION.split(".")[1])
    if _int(major) == KNOWN_MAJOR and _int(minor) > known_minor:
        return [
            f"transcript format {version} is newer than this c2q knows ({FORMAT_VERSION}); unknown details are ignored"
        ]
    return []


#: what outline reads leave unparsed: the big records (our writer puts "type" first)
_OUTCOME_PREFIXES = (b'{"type":"result"', b'{"type":"error"')


def _split_records(
    data: bytes, path: Path, skip: tuple[bytes, ...] = ()
) -> tuple[list[tuple[int, dict]], list[str]]:
    """Parse lines into JSON objects; skip (and report) cut-off and broken lines."""
    warnings: list[str] = []
    records: list[tuple[int, dict]] = []
    lines = data.split(b"\n")
    tail_cut = bool(lines and lines[-1].strip())  # no final newline: the last write never finished
    if not lines[-1].strip():
        lines = lines[:-1]
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        last = lineno == len(lines)
        if skip and raw.startswith(skip) and not (last and tail_cut):
            continue
        try:
            rec = json.loads(raw.decode("utf-8"))
        except RecursionError:
            warnings.append(f"{path.name}: line {lineno} is nested too deep to read; skipped")
            continue
        except (UnicodeDecodeError, json.JSONDecodeError):
            if last and tail_cut:
                warnings.append(
                    f"{path.name}: line {lineno} is cut off (the session was interrupted while writing it); skipped"
                )
            else:
                warnings.append(f"{path.name}: line {lineno} is not valid JSON; skipped")
            continue
        if not isinstance(rec, dict):
            warnings.append(f"{path.name}: line {lineno} is not a record; skipped")
            continue
        if nested_deeper_than(rec):  # what c2q writes never is: cut it where c2q would
            warnings.append(
                f"{path.name}: line {lineno} is nested deeper than {MAX_DEPTH} levels; "
                "the deeper parts are left out"
            )
            rec = scrub(rec)
        records.append((lineno, rec))
    return records, warnings


def read_transcript(path: str | Path, *, outline: bool = False) -> Transcript:
    """Load a transcript; raise :class:`TranscriptError` only when nothing sensible can be read.

    ``outline`` leaves the (large) result and error records unparsed: enough
    for listings (header, questions, commands), and fast on big sessions.
    """
    path = Path(path).expanduser()
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the read for ever
            raise TranscriptError(f"{path} is not a regular file, so not a transcript")
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(f"no such transcript: {path}") from None
    except OSError as exc:
        raise TranscriptError(f"cannot read {path}: {exc.strerror or exc}") from None
    parsed, warnings = _split_records(data, path, _OUTCOME_PREFIXES if outline else ())
    if not parsed or parsed[0][1].get("type") != "header":
        raise TranscriptError(f"{path} is not a c2q transcript (no header record)")
    header = parsed[0][1]
    warnings.extend(_check_header(header, path))
    transcript = Transcript(path=path, header=header, records=[header], warnings=warnings)
    _collect(transcript, parsed[1:])
    return transcript


def _collect(transcript: Transcript, parsed: list[tuple[int, dict]]) -> None:
    by_number: dict[int, RecordedRound] = {}
    session_id = str(transcript.header.get("session_id") or "")
    unknown = 0
    for lineno, rec in parsed:
        kind = rec.get("type")
        if kind not in RECORD_TYPES or kind == "header":
            unknown += 1
            continue
        transcript.records.append(rec)
        if kind == "session":
            session_id = str(rec.get("session_id") or session_id)
        elif kind == "question":
            given = rec.get("feedback")
            feedback: dict[str, Any] = given if isinstance(given, dict) else {}
            number = _int(rec.get("round")) or len(transcript.rounds) + 1
            rr = RecordedRound(
                number=number,
                question=str(rec.get("question") or ""),
                mode=str(rec.get("mode") or "direct"),
                feedback_answer_id=str(feedback.get("answer_id") or ""),
                feedback_task_id=str(feedback.get("task_id") or ""),
                started_at=_float(rec.get("started_at")),
                session_id=session_id,
            )
            by_number[number] = rr
            transcript.rounds.append(rr)
        elif kind in ("result", "error"):
            found = by_number.get(_int(rec.get("round")))
            if found is None:
                transcript.warnings.append(
                    f"{transcript.path.name}: line {lineno} answers round {rec.get('round')} that has no question; skipped"
                )
                continue
            rr = found
            job = rec.get("job")
            rr.job_raw = job if isinstance(job, dict) else None
            rr.job_id = str(rec.get("job_id") or (rr.job_raw or {}).get("job_id") or "")
            rr.error = (
                rec.get("error") if kind == "error" and isinstance(rec.get("error"), dict) else None
            )
            if kind == "error" and rr.error is None:
                rr.error = {"kind": "error", "message": "unknown error"}
            rr.elapsed = _float(rec.get("elapsed"))
            rr.requests = _int(rec.get("requests"))
            rr.complete = True
    if unknown:
        transcript.warnings.append(
            f"{transcript.path.name}: {unknown} record(s) of a kind this c2q does not know were ignored"
        )
