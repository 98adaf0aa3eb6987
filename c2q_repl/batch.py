"""``c2q ask``: answer questions without the interactive UI.

Questions come from the arguments, or one per line from stdin (blank lines
skipped; read as they arrive, so ``tail -f questions | c2q ask`` works).
Answers go to stdout in the chosen format; progress goes to stderr, and only
when stderr is a terminal. The exit status says how it went:
0 every question answered, 1 an answer failed, 2 usage/config error,
3 quota exhausted, 4 authentication failed, 130 interrupted.
Quota and authentication errors stop the run: every later question would
fail the same way (and a quota error means nothing more can be spent today).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from c2q_repl.api.errors import AuthError, C2QError, ConfigError, QuotaExceededError
from c2q_repl.cli import (
    EXIT_ANSWER_FAILED,
    EXIT_AUTH,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_QUOTA,
    EXIT_USAGE,
)

#: columns used for table output that is not going to a terminal
PIPE_WIDTH = 120


def should_run_batch(stdin: IO[str]) -> bool:
    """Piped input must never start the UI (the pgcli/litecli complaint)."""
    try:
        return not stdin.isatty()
    except (AttributeError, ValueError):
        return True


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def iter_questions(arguments: Iterable[str], stdin: IO[str] | None) -> Iterator[str]:
    """Arguments when given, else stdin lines; surrounding blanks stripped, empty ones skipped."""
    given = [a for a in arguments if a.strip()]
    source: Iterable[str] = given if given or stdin is None else stdin
    for line in source:
        question = line.strip()
        if question:
            yield question


def exit_code_for(error: BaseException | None, failed: bool) -> int:
    if isinstance(error, QuotaExceededError):
        return EXIT_QUOTA
    if isinstance(error, AuthError):
        return EXIT_AUTH
    if isinstance(error, ConfigError):
        return EXIT_USAGE
    return EXIT_ANSWER_FAILED if failed or error is not None else EXIT_OK


def _stops_the_run(error: BaseException | None) -> bool:
    return isinstance(error, (QuotaExceededError, AuthError, ConfigError))


def render_options(
    args: argparse.Namespace,
    settings: Any,
    stdout: IO[str],
    stderr: IO[str],
    environ: Mapping[str, str],
):
    """Colour and width for table output: the terminal's when stdout is one, plain otherwise."""
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import ThemeError, default_theme_name, fallback_theme, load_theme

    tty = _isatty(stdout)
    color = tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
    name = getattr(args, "theme", None) or (settings.theme if settings.theme != "default" else "")
    name = name if color and name else default_theme_name(environ, is_tty=color)
    try:
        theme = load_theme(name)
    except ThemeError as err:
        _note(stderr, f"{err.message}; using the {'default' if color else 'mono'} theme")
        try:
            theme = load_theme("default" if color else "mono")
        except ThemeError:
            theme = fallback_theme()
    width = PIPE_WIDTH
    if tty:
        try:
            width = os.get_terminal_size(stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            pass
    encoding = (getattr(stdout, "encoding", "") or "").lower()
    return RenderOptions(
        width=width,
        theme=theme,
        color=color,
        unicode="utf" in encoding,
        # a pipe or file gets whole tables and whole cells: nobody can scroll sideways there
        vertical="auto" if tty else "off",
        expand=not tty,
        show_sql=bool(getattr(args, "show_sql", True)),
    )


class Progress:
    """One self-erasing status line on stderr (only drawn when stderr is a terminal)."""

    FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._label = ""
        self._status = ""
        self._began = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, label: str) -> None:
        if not self.enabled:
            return
        from c2q_repl.render.sanitize import clean_text

        self._label, self._status, self._began = (
            " ".join(clean_text(label).split()),
            "",
            time.monotonic(),
        )
        self._stop.clear()
        self._thread = threading.Thread(target=self._spin, name="c2q-progress", daemon=True)
        self._thread.start()

    def update(self, job: Any) -> None:
        """``on_update`` of :meth:`Conversation.ask`: show the job's status."""
        self._status = str(getattr(job, "status", "") or self._status)

    def _spin(self) -> None:
        frame = 0
        while not self._stop.wait(0.1):
            parts = [self.FRAMES[frame % len(self.FRAMES)], self._label]
            if self._status:
                parts.append(f"· {self._status}")
            parts.append(f"· {time.monotonic() - self._began:.1f}s")
            self.stream.write("\r\x1b[2K" + " ".join(parts)[:200])
            self.stream.flush()
            frame += 1

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self.stream.write("\r\x1b[2K")
        self.stream.flush()


def _note(stderr: IO[str], message: str) -> None:
    from c2q_repl.render.sanitize import clean_text

    stderr.write(f"c2q: {clean_text(message)}\n")
    stderr.flush()


def _report_error(stderr: IO[str], prefix: str, err: C2QError) -> None:
    _note(stderr, f"{prefix}{err.message}" + (f" ({err.hint})" if err.hint else ""))


def _open_transcript(path: str, connection: Any, conversation: Any):
    from pathlib import Path
    from urllib.parse import urlsplit

    from c2q_repl import __version__
    from c2q_repl.transcript.writer import TranscriptWriter

    settings = connection.settings
    parts = urlsplit(settings.endpoint)
    header = {
        "c2q_version": __version__,
        "endpoint_kind": connection.kind,
        "endpoint_host": parts.netloc.rsplit("@", 1)[-1],
        "cluster_id": settings.cluster_id,
        "database": settings.database,
        "session_id": conversation.session_id,
        "mode": conversation.mode,
        "started_at": time.time(),
    }
    return TranscriptWriter.create(Path(path), header)


def run(
    args: argparse.Namespace,
    *,
    stdin: IO[str] | None,
    stdout: IO[str],
    stderr: IO[str],
    environ: Mapping[str, str] = os.environ,
) -> int:
    """The whole batch run with explicit streams (``main`` passes the real ones)."""
    from c2q_repl.batch_output import BatchWriter
    from c2q_repl.chat.connect import connect
    from c2q_repl.chat.conversation import Conversation
    from c2q_repl.config import load_settings

    arguments = list(getattr(args, "questions", None) or [])
    if not any(a.strip() for a in arguments) and (stdin is None or _isatty(stdin)):
        _note(
            stderr, 'no questions: give them as arguments (c2q ask "...") or one per line on stdin'
        )
        return EXIT_USAGE
    try:
        settings = load_settings(args, environ, stderr=stderr)
        opts = render_options(args, settings, stdout, stderr, environ)
    except ConfigError as err:
        _report_error(stderr, "", err)
        return EXIT_USAGE

    progress = Progress(stderr, enabled=_isatty(stderr))
    writer = BatchWriter(
        stdout, getattr(args, "format", None) or "table", opts, show_sql=opts.show_sql
    )
    connection = conversation = transcript = None
    worst = EXIT_OK
    try:
        connection = connect(settings)
        if connection.kind == "sandbox":
            _note(
                stderr,
                f"no credentials configured: using the local sandbox ({connection.label}) - sample data, not your database",
            )
        conversation = Conversation(connection, mode=settings.mode)
        progress.start("opening a session")
        try:
            conversation.open()
        finally:
            progress.stop()
        if getattr(args, "transcript", None):
            transcript = _open_transcript(args.transcript, connection, conversation)
            conversation.transcript = transcript
        asked = 0
        for number, question in enumerate(iter_questions(arguments, stdin), start=1):
            asked = number
            progress.start(f"[{number}] {question[:60]}")
            try:
                round_ = conversation.ask(question, on_update=progress.update)
            finally:
                progress.stop()
            writer.write(round_)
            err = round_.job_error
            if writer.fmt == "csv" and err is not None:
                _report_error(stderr, f"question {number} failed: ", err)
            worst = max(worst, exit_code_for(round_.error, round_.failed), key=_severity)
            if _stops_the_run(round_.error):
                _report_error(stderr, "stopping: ", round_.error)
                break
        if not asked:
            _note(stderr, "no questions on stdin (one per line; blank lines are skipped)")
            return EXIT_USAGE
        return worst
    except KeyboardInterrupt:
        progress.stop()
        _note(stderr, "interrupted")
        return EXIT_INTERRUPTED
    except C2QError as err:  # could not connect or open the session
        progress.stop()
        _report_error(stderr, "", err)
        return exit_code_for(err, True)
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to say to it
        progress.stop()
        _silence(stdout)
        return EXIT_OK
    except OSError as err:  # e.g. the transcript path is not writable
        progress.stop()
        _note(stderr, f"{err.strerror or err}: {getattr(err, 'filename', '') or ''}".rstrip(": "))
        return EXIT_USAGE
    finally:
        writer.close()
        if transcript is not None:
            transcript.close()
        if conversation is not None:
            conversation.close()
        if connection is not None:
            connection.close()


def _silence(stream: IO[str]) -> None:
    """Point a broken stdout at /dev/null so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _severity(code: int) -> int:
    """Which exit status wins when questions ended differently."""
    return {EXIT_OK: 0, EXIT_ANSWER_FAILED: 1, EXIT_USAGE: 2, EXIT_AUTH: 3, EXIT_QUOTA: 4}.get(
        code, 5
    )


def main(args: argparse.Namespace) -> int:
    return run(args, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
