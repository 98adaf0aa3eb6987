"""Handlers of ``c2q sessions``, ``replay``, ``demo`` and ``export``.

Each resolves ``FILE|N`` the same way (:mod:`c2q_repl.transcript.listing`),
reports a transcript's warnings (a cut-off last line, ignored records) on
stderr, and turns :class:`TranscriptError` into a one-line message and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import IO

from c2q_repl.cli import EXIT_OK, EXIT_USAGE
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
    try:
        if args.action == "show" or (args.action == "list" and args.target):
            if not args.target:
                return _fail("say which session to show: c2q sessions show FILE|N", err)
            out.write("".join(line + "\n" for line in show_session(_load(args.target, env, err))))
            return EXIT_OK
        entries = list_sessions(env)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    if not entries:
        print(f"no recorded sessions in {sessions_dir(env)}", file=err)
        return EXIT_OK
    out.write("".join(line + "\n" for line in session_table(entries)))
    return EXIT_OK


# --------------------------------------------------------------------------- replay


def replay_main(
    args: argparse.Namespace,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> int:
    from c2q_repl.transcript.terminal import configured_theme, render_options

    out, err = out or sys.stdout, err or sys.stderr
    if args.record and not args.live:
        return _fail("--record saves a live run: use it with --live", err)
    try:
        t = _load(args.file, env, err)
        opts = render_options(
            args.theme or configured_theme(env, getattr(args, "profile", None)), out, env=env
        )
        if args.live:
            from c2q_repl.transcript.live import live_main

            return live_main(t, args, opts, out, err, env)
        from c2q_repl.transcript.replay import Pacing, replay_offline

        pacing = Pacing(pace=max(args.pace or 0.0, 0.0), step=args.step, typing=args.typing)
        replay_offline(t, opts, out, pacing)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    return EXIT_OK


# --------------------------------------------------------------------------- demo


def demo_main(args: argparse.Namespace, env: Mapping[str, str] = os.environ) -> int:
    err = sys.stderr
    try:
        t = _load(args.file, env, err)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _fail("c2q demo needs a terminal; use `c2q replay` to print a session", err)
    from c2q_repl.transcript.demo import run_demo

    return run_demo(t, theme_name=args.theme, env=env)


# --------------------------------------------------------------------------- export


def export_main(
    args: argparse.Namespace,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> int:
    from pathlib import Path

    from c2q_repl.transcript.export import export_text, write_text

    out, err = out or sys.stdout, err or sys.stderr
    if args.round is not None and args.to != "csv":
        return _fail("--round picks the answer for --to csv", err)
    try:
        text = export_text(_load(args.file, env, err), args.to, args.round)
        if args.output:
            write_text(Path(args.output).expanduser(), text)
    except TranscriptError as exc:
        return _fail(str(exc), err)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}", err)
    if args.output:
        print(f"wrote {args.output}", file=err)
    else:
        out.write(text)
    return EXIT_OK
