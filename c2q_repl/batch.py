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
import itertools
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
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
    #: ask each question in a new server session (no follow-up context)
    fresh: bool = False
    #: continue this existing server session instead of creating one
    session: str | None = None
    #: write each question's answer to its own file in this directory
    out_dir: str | None = None

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
            fresh=bool(given.get("fresh")),
            session=(given.get("session") or "").strip() or None,
            out_dir=given.get("out_dir"),
        )


#: how long a session name may be (the question is cut at a word, with an ellipsis)
SESSION_NAME_WIDTH = 80


def session_name(question: str) -> str:
    """``c2q ask: <question>``, one line, so a shared Data App's session list says
    where each session came from."""
    from c2q_repl.render.sanitize import clean_text
    from c2q_repl.render.width import word_lines

    prefix = "c2q ask: "
    text = " ".join(clean_text(question).split())
    shown = word_lines(text, SESSION_NAME_WIDTH - len(prefix), "…", max_lines=1)
    return prefix + (shown[0] if shown else "")


def answer_file(out_dir: Path, number: int, question: str, fmt: str) -> Path:
    """``DIR/NN-words-of-the-question.EXT`` for one answer of ``--out-dir``."""
    import re

    from c2q_repl.render.formats import lookup

    slug = re.sub(r"[^a-z0-9]+", "-", question.lower()).strip("-")[:48].rstrip("-")
    suffix = lookup(fmt).suffixes[0]
    return out_dir / f"{number:02d}-{slug or 'question'}{suffix}"


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
    from c2q_repl.render.display_settings import display_settings
    from c2q_repl.render.terminal import load_theme_or_fallback, render_options, theme_name

    terminal = Terminal.detect(stdout, environ)
    name = theme_name(terminal.color, options.theme, settings.theme)
    theme = load_theme_or_fallback(
        name, color=terminal.color, warn=lambda message: _note(stderr, message)
    )
    display = display_settings(settings.extra)
    for note in display.notes:
        _note(stderr, note)
    return render_options(
        terminal,
        theme,
        **{
            "vertical": "auto" if terminal.is_tty else "off",
            "expand": not terminal.is_tty,
            "show_sql": options.show_sql,
            # the footer's ids and /feedback are for the REPL; JSON output carries the ids
            "show_footer": False,
            **display.overrides,  # the config's layout, table_format, charts, numbers
        },
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

    if options.fresh and options.session:
        _note(stderr, "--fresh asks each question in a new session; --session continues one")
        return EXIT_USAGE
    out_dir = Path(options.out_dir).expanduser() if options.out_dir else None
    if out_dir is not None:
        try:  # before anything is asked: a wrong directory must not cost a question
            out_dir.mkdir(exist_ok=True)
        except OSError as err:
            _note(stderr, f"--out-dir {out_dir}: {err.strerror or err}")
            return EXIT_USAGE
    questions = iter_questions(arguments, stdin)
    first = next(questions, None)
    if first is None:
        _note(stderr, "no questions on stdin (one per line; blank lines are skipped)")
        return EXIT_USAGE

    progress = Progress(stderr, enabled=is_tty(stderr))
    writer = BatchWriter(stdout, options.format, opts, show_sql=opts.show_sql)
    files = _AnswerFiles(out_dir, options, settings, stderr, environ) if out_dir else None
    connection = conversation = transcript = None
    status = EXIT_OK
    try:
        connection = connect(settings)
        if connection.kind == "sandbox":
            why = "--sandbox" if settings.sandbox else "no credentials configured"
            _note(
                stderr,
                f"{why}: using the local sandbox ({connection.label}) - sample data, not your database",
            )
        conversation = Conversation(
            connection, mode=settings.mode, session_name=session_name(first)
        )
        progress.start("opening a session")
        try:
            if options.session:
                _continue_session(conversation, options.session)
            else:
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
        for number, question in enumerate(itertools.chain([first], questions), start=1):
            if options.fresh and number > 1:
                progress.start("opening a new session")
                try:
                    conversation.new_session(session_name(question))
                finally:
                    progress.stop()
            progress.start(f"[{number}] {question[:60]}")
            try:
                round_ = conversation.ask(question, on_update=progress.update)
            finally:
                progress.stop()
            if files is not None:
                print(files.write(round_), file=stdout, flush=True)
            else:
                writer.write(round_)
            failure = round_.job_error
            if options.format == "csv" and failure is not None:
                _report_error(stderr, f"question {number} failed: ", failure)
            status = worst(status, exit_code_for(round_.error, round_.failed))
            if round_.error is not None and stops_the_run(round_.error):
                _report_error(stderr, "stopping: ", round_.error)
                break
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


def _continue_session(conversation: Any, session_id: str) -> None:
    """``--session ID``: ask in that existing server session (its context included)."""
    from c2q_repl.api.errors import NotFoundError

    try:
        conversation.switch(session_id)
    except NotFoundError:
        raise ConfigError(
            f"there is no session {session_id} on this Data App",
            hint="c2q's /sessions lists the sessions there; leave out --session to start one.",
        ) from None


class _AnswerFiles:
    """``--out-dir``: each answer in its own file, in the chosen format, written
    as a one-question run would print it (no colour: it is a file)."""

    def __init__(
        self,
        out_dir: Path,
        options: AskOptions,
        settings: Settings,
        stderr: IO[str],
        environ: Mapping[str, str],
    ) -> None:
        import io

        self.out_dir = out_dir
        self.fmt = options.format
        self.opts = render_options(options, settings, io.StringIO(), stderr, environ)

    def write(self, round_: Any) -> Path:
        """Write the round's file; returns its path."""
        from c2q_repl.batch_output import BatchWriter

        path = answer_file(self.out_dir, round_.number, round_.question, self.fmt)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = BatchWriter(handle, self.fmt, self.opts, show_sql=self.opts.show_sql)
            writer.write(round_)
            writer.close()
        return path


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
