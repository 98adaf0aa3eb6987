"""Offline replay renders what the REPL rendered, from the file alone."""

from __future__ import annotations

import io
import os
import sys

from c2q_repl.api.errors import JobFailedError
from c2q_repl.chat.round import round_lines
from c2q_repl.cli import main
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.prompt import prompt_line
from c2q_repl.render.theme import load_theme
from c2q_repl.transcript.reader import read_transcript
from c2q_repl.transcript.replay import Pacing, replay_offline
from tests import children

from .helpers import job, make_round, sample_rounds, write_transcript


def _rounds():
    rounds = sample_rounds()
    failed_job = {
        "job_id": "job-4",
        "status": "failed",
        "reason": "the model gave up",
        "result": None,
    }
    failed = make_round(4, "impossible question", failed_job)
    failed.error = None  # the REPL records a failed job through Round.job_error
    rounds.append(failed)
    rounds.append(
        make_round(
            5, "bad sql", job("job-5", "SELECT nope", ["x"], [], sql_error="no such column: nope")
        )
    )
    return rounds


def expected_screen(rounds, opts) -> str:
    return "".join(
        prompt_line(r.question, opts) + "\n" + "".join(line + "\n" for line in round_lines(r, opts))
        for r in rounds
    )


def test_replay_renders_each_round_exactly_as_round_lines_did(tmp_path):
    rounds = _rounds()
    path = write_transcript(tmp_path / "t.jsonl", rounds)
    for theme, color in (("default", True), ("presentation", True), ("mono", False)):
        opts = RenderOptions(width=90, theme=load_theme(theme), color=color)
        out = io.StringIO()
        assert replay_offline(read_transcript(path), opts, out) == 5
        assert out.getvalue() == expected_screen(rounds, opts)
    assert isinstance(read_transcript(path).rounds[3].to_round().job_error, JobFailedError)


def test_replay_echoes_commands_and_paces(tmp_path):
    from c2q_repl.transcript.writer import TranscriptWriter

    rounds = sample_rounds()[:2]
    with TranscriptWriter.create(tmp_path / "t.jsonl", {"database": "db"}) as w:
        w.question(rounds[0])
        w.result(rounds[0])
        w.command("mode", "auto_breakdown", {"mode": "auto_breakdown"})
        w.question(rounds[1])
        w.result(rounds[1])
    opts = RenderOptions(width=80, theme=load_theme("mono"), color=False)
    slept: list[float] = []
    enters: list[int] = []
    out = io.StringIO()
    replay_offline(
        read_transcript(tmp_path / "t.jsonl"),
        opts,
        out,
        Pacing(
            pace=2.5, typing=True, sleep=slept.append, read_line=lambda: enters.append(1) or "\n"
        ),
    )
    text = out.getvalue()
    assert "c2q> /mode auto_breakdown\n" in text
    assert text.index("c2q> how many") < text.index("/mode") < text.index("c2q> and the largest")
    assert 2.5 in slept and len(slept) > 30  # one pause between rounds, a delay per typed character
    out = io.StringIO()
    replay_offline(
        read_transcript(tmp_path / "t.jsonl"),
        opts,
        out,
        Pacing(step=True, sleep=slept.append, read_line=lambda: enters.append(1) or "\n"),
    )
    assert len(enters) == 1 and "Enter for the next question" in out.getvalue()


def test_cut_transcript_still_replays(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", _rounds())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 25])
    opts = RenderOptions(width=90, theme=load_theme("mono"), color=False)
    out = io.StringIO()
    replay_offline(read_transcript(path), opts, out)
    assert out.getvalue().startswith(expected_screen(_rounds()[:4], opts))
    assert (
        out.getvalue()
        .rstrip()
        .endswith("No answer was recorded: the session ended while this question was running.")
    )


def _env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("C2Q_", "XDG_"))}
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        HOME=str(tmp_path),
        NO_COLOR="1",
        COLUMNS="90",
    )
    return env


def test_replay_and_sessions_commands_from_the_shell(tmp_path):
    env = _env(tmp_path)
    path = write_transcript(
        tmp_path / "data" / "c2q" / "sessions" / "2026-01-01-000000-s-1.jsonl", _rounds()
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 25])  # cut mid-line: every command must cope
    run = lambda *a: children.run(
        [sys.executable, "-m", "c2q_repl", *a], env=env, capture_output=True, text=True, timeout=60
    )
    replay = run("replay", "1")
    assert replay.returncode == 0, replay.stderr
    opts = RenderOptions(width=90, theme=load_theme("mono"), color=False)
    assert replay.stdout.startswith(expected_screen(_rounds()[:4], opts))
    assert "cut off" in replay.stderr and "\x1b" not in replay.stdout
    listing = run("sessions")
    assert (
        listing.returncode == 0
        and "how many companies per sector?" in listing.stdout
        and "sp500insight" in listing.stdout
    )
    show = run("sessions", "show", "1")
    assert (
        show.returncode == 0
        and "feedback on job-1/0" in show.stdout
        and "incomplete: no answer recorded" in show.stdout
    )
    export = run("export", "1", "--to", "md")
    assert export.returncode == 0 and "## 5. bad sql" in export.stdout
    missing = run("replay", "7")
    assert missing.returncode == 2 and "no session 7" in missing.stderr
    demo = run("demo", "1")  # not a terminal: say so instead of drawing into a pipe
    assert demo.returncode == 2 and "needs a terminal" in demo.stderr


def test_handler_errors_are_usage_errors(tmp_path, capsys, monkeypatch):
    for k, v in _env(tmp_path).items():
        monkeypatch.setenv(k, v)
    assert main(["replay", str(tmp_path / "nope.jsonl")]) == 2
    assert main(["replay", str(tmp_path / "nope.jsonl"), "--record", "x.jsonl"]) == 2
    assert "--record saves a live run" in capsys.readouterr().err
    path = write_transcript(tmp_path / "t.jsonl", sample_rounds())
    assert main(["export", str(path), "--to", "md", "--round", "1"]) == 2
    assert main(["export", str(path), "--to", "csv", "--round", "3"]) == 2
    assert main(["export", str(path), "--to", "csv", "-o", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_text().startswith("name\n")


def test_offline_commands_never_load_the_http_client(tmp_path):
    path = write_transcript(tmp_path / "t.jsonl", _rounds())
    probe = (
        "import sys; from c2q_repl.cli import main\n"
        "for argv in (['replay', sys.argv[1]], ['export', sys.argv[1], '--to', 'html'], ['sessions', 'show', sys.argv[1]]):\n"
        "    assert main(argv) == 0\n"
        "assert 'httpx' not in sys.modules, 'network code loaded'\n"
    )
    run = children.run(
        [sys.executable, "-c", probe, str(path)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
