"""The command line: fast paths stay import-free, and lazy subparsers still parse everything."""

from __future__ import annotations

import sys

import pytest

from c2q_repl.cli import SUBCOMMANDS, build_parser, parse_args
from tests import children


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_fast_paths_import_nothing_heavy(flag):
    code = (
        "import sys; from c2q_repl.cli import main\n"
        f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('prompt_toolkit', 'httpx', 'pygments', 'tabulate', 'sqlglot', 'starlette') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = children.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out, out


def test_help_lists_every_subcommand():
    text = build_parser(["--help"]).format_help()
    for name in SUBCOMMANDS:
        assert name in text


@pytest.mark.parametrize(
    "argv, expected",
    [
        (
            ["ask", "--format", "csv", "q1", "q2"],
            {"command": "ask", "format": "csv", "questions": ["q1", "q2"]},
        ),
        (
            ["sandbox", "serve", "--port", "0", "--job-delay", "1-8"],
            {"command": "sandbox", "port": 0, "job_delay": "1-8"},
        ),
        (
            ["export", "3", "--to", "html", "-o", "x.html"],
            {"command": "export", "file": "3", "to": "html", "output": "x.html"},
        ),
        (
            ["--profile", "prod", "replay", "f.jsonl", "--live"],
            {"command": "replay", "profile": "prod", "live": True},
        ),
        (["--mode", "auto_breakdown"], {"command": "chat", "mode": "auto_breakdown"}),
    ],
)
def test_lazily_built_parser_parses_like_the_full_one(argv, expected):
    lazy, full = parse_args(argv), build_parser().parse_args(argv)
    full.command = full.command or "chat"
    assert vars(lazy) == vars(full)
    for key, value in expected.items():
        assert getattr(lazy, key) == value


def test_options_before_a_subcommand_survive_it():
    args = parse_args(
        ["--profile", "prod", "--theme", "light", "--transcript", "t.jsonl", "ask", "q"]
    )
    assert (args.profile, args.theme, args.transcript) == ("prod", "light", "t.jsonl")
    args = parse_args(["ask", "--profile", "dev", "q"])  # and after it, too
    assert args.profile == "dev" and args.transcript is None and args.sandbox is False


def test_piped_input_or_output_sends_plain_c2q_to_ask():
    """cli.py decides (the REPL no longer imports batch to do it)."""
    from c2q_repl.cli import command_for, parse_args

    assert command_for(parse_args([]), interactive=True) == "chat"
    assert command_for(parse_args([]), interactive=False) == "ask"
    assert command_for(parse_args(["--profile", "p"]), interactive=False) == "ask"
    assert command_for(parse_args(["replay", "1"]), interactive=False) == "replay"


def test_ask_reads_its_arguments_once_into_typed_options():
    from c2q_repl.batch import AskOptions
    from c2q_repl.cli import parse_args
    from c2q_repl.config import ConnectionFlags

    args = parse_args(["--profile", "p", "ask", "q1", "--format", "md", "--no-show-sql"])
    options, flags = AskOptions.from_args(args), ConnectionFlags.from_args(args)
    assert options == AskOptions(questions=("q1",), format="markdown", show_sql=False)
    assert flags.profile == "p" and flags.sandbox is False
    # plain `c2q` routed to ask for piped input has none of ask's options: the defaults apply
    assert AskOptions.from_args(parse_args(["--theme", "mono"])) == AskOptions(theme="mono")
