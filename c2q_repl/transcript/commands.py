"""Handlers of ``c2q sessions``, ``replay``, ``demo`` and ``export``.

Each resolves ``FILE|N`` the same way (:mod:`c2q_repl.transcript.listing`),
reports a transcript's warnings (a cut-off last line, ignored records) on
stderr, and turns :class:`TranscriptError` into a one-line message and exit 2.
Each reads its ``argparse`` arguments once, into a frozen options dataclass.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

from c2q_repl.exitcodes import EXIT_OK, EXIT_USAGE
from c2q_repl.render.sanitize import clean_text
from c2q_repl.transcript.reader import Transcript, TranscriptError


def _fail(message: str, err: IO[str]) -> int:
    print(f"c2q: {clean_text(message)}", file=err)
    return EXIT_USAGE


def _warn(t: Transcript, err: IO[str]) -> None:
    for warning in t.warnings:
        print(f"c2q: warning: {clean_text(warning)}", file=err)


def _load(target: str, env: Mapping[str, str], err: IO[str]) -> Transcript:
    from c2q_repl.transcript.listing import load

    t = load(target, env)
    _warn(t, err)
    return t


# --------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class SessionsOptions:
    action: str = "list"
    target: str | None = None
    search: str = ""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> SessionsOptions:
        return cls(action=args.action, target=args.target, search=getattr(args, "search", "") or "")


def sessions_main(
    args: argparse.Namespace,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> int:
    from c2q_repl.transcript.listing import list_sessions
    from c2q_repl.transcript.sessions_view import session_table, show_session
    from c2q_repl.transcript.writer import sessions_dir

    out, err = out or sys.stdout, err or sys.stderr
    options = SessionsOptions.from_args(args)
    try:
        if options.action == "show" or (options.action == "list" and options.target):
            if not options.target:
                return _fail("say which session to show: c2q sessions show FILE|N", err)
            shown = show_session(_load(options.target, env, err))
            out.write("".join(line + "\n" for line in shown))
            return EXIT_OK
        entries = list_sessions(env, search=options.search)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    if not entries:
        found = f"no recorded session mentions {options.search!r}" if options.search else ""
        print(found or f"no recorded sessions in {sessions_dir(env)}", file=err)
        return EXIT_OK
    width = shutil.get_terminal_size((100, 24)).columns if out.isatty() else None
    out.write("".join(line + "\n" for line in session_table(entries, width)))
    return EXIT_OK


# --------------------------------------------------------------------------- replay


@dataclass(frozen=True)
class ReplayOptions:
    file: str
    pace: float = 0.0
    step: bool = False
    typing: bool = False
    live: bool = False
    record: str | None = None
    theme: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ReplayOptions:
        given = vars(args)
        return cls(
            file=args.file,
            pace=max(args.pace or 0.0, 0.0),
            step=args.step,
            typing=args.typing,
            live=args.live,
            record=args.record,
            theme=given.get("theme"),
        )


def replay_main(
    args: argparse.Namespace,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> int:
    from c2q_repl.config import ConnectionFlags, configured_theme
    from c2q_repl.transcript.terminal import terminal_options

    out, err = out or sys.stdout, err or sys.stderr
    options, flags = ReplayOptions.from_args(args), ConnectionFlags.from_args(args)
    if options.record and not options.live:
        return _fail("--record saves a live run: use it with --live", err)
    try:
        t = _load(options.file, env, err)
        opts = terminal_options(
            options.theme,
            out,
            env=env,
            configured_theme=configured_theme(env, flags.profile),
            err=err,
        )
        if options.live:
            from c2q_repl.transcript.live import live_main

            return live_main(t, options.record, flags, opts, out, err, env)
        from c2q_repl.transcript.replay import Pacing, replay_offline

        pacing = Pacing(pace=options.pace, step=options.step, typing=options.typing)
        replay_offline(t, opts, out, pacing)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    return EXIT_OK


# --------------------------------------------------------------------------- demo


@dataclass(frozen=True)
class DemoOptions:
    file: str
    theme: str | None = None
    #: ``--rounds 1,3-5``: which rounds, in that order (None: all)
    rounds: str | None = None
    skip_failed: bool = False
    title: str = ""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> DemoOptions:
        given = vars(args)
        return cls(
            file=args.file,
            theme=given.get("theme"),
            rounds=given.get("rounds"),
            skip_failed=bool(given.get("skip_failed")),
            title=str(given.get("title") or ""),
        )


def demo_main(args: argparse.Namespace, env: Mapping[str, str] = os.environ) -> int:
    from c2q_repl.transcript.demo_pages import SelectionError, select_rounds

    options = DemoOptions.from_args(args)
    err = sys.stderr
    try:
        t = _load(options.file, env, err)
        rounds = select_rounds(t, options.rounds, skip_failed=options.skip_failed)
    except (TranscriptError, SelectionError) as exc:
        return _fail(str(exc), err)
    if not rounds and t.rounds:
        return _fail("no round left to present (--skip-failed left out every one)", err)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _fail("c2q demo needs a terminal; use `c2q replay` to print a session", err)
    from c2q_repl.transcript.demo import run_demo

    return run_demo(t, theme_name=options.theme, env=env, rounds=rounds, title=options.title)


# --------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportOptions:
    file: str
    to: str
    output: str | None = None
    round: int | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ExportOptions:
        return cls(file=args.file, to=args.to, output=args.output, round=args.round)


def export_main(
    args: argparse.Namespace,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> int:
    from pathlib import Path

    from c2q_repl.transcript.export import export_text, write_text

    out, err = out or sys.stdout, err or sys.stderr
    options = ExportOptions.from_args(args)
    if options.round is not None and options.to != "csv":
        return _fail("--round picks the answer for --to csv", err)
    try:
        text = export_text(_load(options.file, env, err), options.to, options.round)
        if options.output:
            write_text(Path(options.output).expanduser(), text)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    except OSError as exc:
        return _fail(f"cannot write {options.output}: {exc.strerror or exc}", err)
    if options.output:
        print(f"wrote {options.output}", file=err)
    elif _isatty(out):  # each format escapes controls; a terminal also gets the sanitiser
        out.write(clean_text(text))
    else:
        out.write(text)
    return EXIT_OK


def _isatty(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
