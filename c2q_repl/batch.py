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
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from c2q_repl.errors import C2QError, ConfigError
from c2q_repl.exitcodes import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    exit_code_for,
    stops_the_run,
    worst,
)
from c2q_repl.render.terminal import Terminal, is_tty

if TYPE_CHECKING:
    from c2q_repl.config import ConnectionFlags, Settings
    from c2q_repl.render.options import RenderOptions


@dataclass(frozen=True)
class AskOptions:
    """What ``c2q ask`` (or ``c2q`` with piped input) was asked to do."""

    questions: tuple[str, ...] = ()
    #: one of :data:`c2q_repl.render.formats.FORMATS`
    format: str = "table"
    #: also record a transcript here
    transcript: str | None = None
    #: print the SQL before each table (table and markdown formats)
    show_sql: bool = True
    theme: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> AskOptions:
        """Plain ``c2q`` routed here for piped input has none of ``ask``'s own options."""
        from c2q_repl.render.formats import lookup

        given = vars(args)
        return cls(
            questions=tuple(given.get("questions") or ()),
            format=lookup(given.get("format") or "table").name,  # "md" -> "markdown"
            transcript=given.get("transcript"),
            show_sql=given.get("show_sql", True) is not False,
            theme=given.get("theme"),
        )


def iter_questions(arguments: Iterable[str], stdin: IO[str] | None) -> Iterator[str]:
    """Arguments when given, else stdin lines; surrounding blanks stripped, empty ones skipped."""
    given = [a for a in arguments if a.strip()]
    source: Iterable[str] = given if given or stdin is None else stdin
    for line in source:
        question = line.strip()
        if question:
            yield question


def render_options(
    options: AskOptions,
    settings: Settings,
    stdout: IO[str],
    stderr: IO[str],
    environ: Mapping[str, str],
) -> RenderOptions:
    """The terminal's colour and width when stdout is one; a pipe or file gets whole
    tables and whole cells (nobody can scroll sideways there)."""
    from c2q_repl.render.terminal import load_theme_or_fallback, render_options, theme_name

    terminal = Terminal.detect(stdout, environ)
    name = theme_name(terminal.color, options.theme, settings.theme)
    theme = load_theme_or_fallback(
        name, color=terminal.color, warn=lambda message: _note(stderr, message)
    )
    return render_options(
        terminal,
        theme,
        vertical="auto" if terminal.is_tty else "off",
        expand=not terminal.is_tty,
        show_sql=options.show_sql,
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


def run(
    options: AskOptions,
    flags: ConnectionFlags,
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

    arguments = list(options.questions)
    if not any(a.strip() for a in arguments) and (stdin is None or is_tty(stdin)):
        _note(
            stderr, 'no questions: give them as arguments (c2q ask "...") or one per line on stdin'
        )
        return EXIT_USAGE
    try:
        settings = load_settings(flags, environ, stderr=stderr)
        opts = render_options(options, settings, stdout, stderr, environ)
    except ConfigError as err:
        _report_error(stderr, "", err)
        return EXIT_USAGE

    progress = Progress(stderr, enabled=is_tty(stderr))
    writer = BatchWriter(stdout, options.format, opts, show_sql=opts.show_sql)
    connection = conversation = transcript = None
    status = EXIT_OK
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
        if options.transcript:
            from c2q_repl.transcript.opening import open_transcript

            transcript = open_transcript(
                connection,
                conversation,
                options.transcript,
                env=environ,
                on_stop=lambda message: _note(stderr, message),
            )
        asked = 0
        for number, question in enumerate(iter_questions(arguments, stdin), start=1):
            asked = number
            progress.start(f"[{number}] {question[:60]}")
            try:
                round_ = conversation.ask(question, on_update=progress.update)
            finally:
                progress.stop()
            writer.write(round_)
            failure = round_.job_error
            if writer.fmt == "csv" and failure is not None:
                _report_error(stderr, f"question {number} failed: ", failure)
            status = worst(status, exit_code_for(round_.error, round_.failed))
            if round_.error is not None and stops_the_run(round_.error):
                _report_error(stderr, "stopping: ", round_.error)
                break
        if not asked:
            _note(stderr, "no questions on stdin (one per line; blank lines are skipped)")
            return EXIT_USAGE
        return status
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


def main(args: argparse.Namespace) -> int:
    from c2q_repl.config import ConnectionFlags

    return run(
        AskOptions.from_args(args),
        ConnectionFlags.from_args(args),
        stdin=sys.stdin,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )
