"""Command line: parse arguments, then import only the module that does the work.

The parser is plain argparse and every handler is named by a dotted string, so
``c2q --version`` and ``c2q --help`` never import prompt_toolkit, httpx or
pygments (they are the first thing a new user types, and must be instant).
Each handler has the signature ``main(args: argparse.Namespace) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap

from c2q_repl import __version__
from c2q_repl.api.vocabulary import AUTH_SCHEMES, MODES
from c2q_repl.exitcodes import EXIT_INTERRUPTED, EXIT_OK, describe

DESCRIPTION = """\
Chat with a TiDB database in plain language through TiDB Cloud's Chat2Query API.
Type a question; c2q shows the SQL the service wrote and the rows it returned.

With no credentials configured, c2q starts a local sandbox (a Chat2Query-compatible
server over the sp500insight sample database) so you can try it offline.
"""

EPILOG = """\
examples:
  c2q                                   chat (sandbox when no credentials are set)
  c2q ask "how many companies are there per sector?"
  echo "top 5 companies by market cap" | c2q ask --format csv
  c2q --profile prod --database sp500insight
  c2q sandbox serve --port 8080         run the sandbox server on its own
  c2q sessions --search TEXT            list recorded sessions (those mentioning TEXT)
  c2q --resume                          continue the last recorded session (--resume N)
  c2q replay 1 --pace 2                 re-render a recorded session
  c2q replay FILE --live                re-ask it and report drift (exit 1 on drift)
  c2q demo FILE                         present a recording full-screen
  c2q export FILE --to html -o out.html

credentials (first match wins): flags, then environment
  C2Q_ENDPOINT, C2Q_PUBLIC_KEY, C2Q_PRIVATE_KEY, C2Q_CLUSTER_ID, C2Q_DATABASE, C2Q_PROFILE,
then the profile in $XDG_CONFIG_HOME/c2q/config.toml. The private key is never
taken from a flag (it would show in `ps`); use the environment or the config file.

"""
EPILOG += textwrap.fill(f"exit codes: {describe()}.", width=88) + "\n"

# command name -> "module:function"; imported only when that command runs.
HANDLERS = {
    "chat": "c2q_repl.repl.app:main",
    "ask": "c2q_repl.batch:main",
    "sandbox": "c2q_repl.sandbox.serve:main",
    "sessions": "c2q_repl.transcript.commands:sessions_main",
    "replay": "c2q_repl.transcript.commands:replay_main",
    "demo": "c2q_repl.transcript.commands:demo_main",
    "export": "c2q_repl.transcript.commands:export_main",
}


def _add_connection_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """Options that choose and configure the Chat2Query endpoint.

    They are accepted before and after a subcommand; a subcommand's copy has no
    default of its own so it never overwrites what was given before it
    (``c2q --profile prod replay F --live`` keeps ``prod``).
    """
    default = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--profile",
        default=default,
        help="config profile to use (default: C2Q_PROFILE or 'default')",
    )
    group.add_argument(
        "--endpoint",
        default=default,
        help="Data App base URL, e.g. https://<region>.data.tidbcloud.com/api/v1beta/app/chat2query-XXXXXXXX/endpoint",
    )
    group.add_argument(
        "--public-key",
        default=default,
        help="API public key (the private key comes from C2Q_PRIVATE_KEY or the config file)",
    )
    group.add_argument(
        "--auth",
        default=default,
        choices=AUTH_SCHEMES,
        help="HTTP auth scheme (default: digest)",
    )
    group.add_argument("--cluster-id", default=default, help="TiDB cluster id")
    group.add_argument("--database", default=default, help="database name")
    group.add_argument(
        "--mode",
        default=default,
        choices=MODES,
        help="SQL generation mode (default: direct)",
    )
    group.add_argument(
        "--poll-budget",
        type=float,
        metavar="N",
        default=default,
        help="job polls per question to spend on average (default 1.8); more: answers arrive sooner",
    )
    group.add_argument(
        "--sandbox",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use the embedded local sandbox even if credentials are configured",
    )


def _add_output_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--theme",
        default=None if top else argparse.SUPPRESS,
        help="colour theme (default, light, solarized-dark, presentation, mono, or your own)",
    )


SUMMARIES = {
    "ask": "answer questions without the interactive UI (args or stdin, one per line)",
    "sandbox": "the local Chat2Query-compatible server",
    "sessions": "list recorded sessions, or show one",
    "replay": "re-render a recorded session (offline), or re-ask it live",
    "demo": "present a recorded session full-screen",
    "export": "export a recorded session",
}


def _build_ask(sub) -> None:
    from c2q_repl.render.formats import choices

    ask = sub.add_parser(
        "ask",
        help=SUMMARIES["ask"],
        description="Answer questions given as arguments, or one per line on stdin, and print the results.",
        epilog=f"exit codes: {describe({EXIT_OK: 'every question answered'})}",
    )
    ask.add_argument(
        "questions", nargs="*", metavar="QUESTION", help="questions to ask (read stdin when none)"
    )
    ask.add_argument(
        "--format",
        "-f",
        choices=choices("ask"),
        default="table",
        help="output format (default: table)",
    )
    ask.add_argument(
        "--transcript",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="also record a transcript to PATH",
    )
    ask.add_argument(
        "--show-sql",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="print the SQL before each table (table/markdown formats)",
    )
    ask.add_argument(
        "--fresh",
        action="store_true",
        help="ask each question in a new session (no follow-up context between them)",
    )
    ask.add_argument(
        "--session", metavar="ID", help="continue this existing session instead of creating one"
    )
    ask.add_argument(
        "--out-dir",
        metavar="DIR",
        help="write each answer to its own file in DIR (NN-question.csv, .json, .md, ...)",
    )
    _add_connection_options(ask)
    _add_output_options(ask)


def _build_sandbox(sub) -> None:
    sandbox = sub.add_parser("sandbox", help=SUMMARIES["sandbox"])
    sandbox_sub = sandbox.add_subparsers(
        dest="sandbox_command", metavar="SUBCOMMAND", required=True
    )
    serve = sandbox_sub.add_parser(
        "serve",
        help="run the sandbox server",
        description="Serve the Chat2Query Data App API locally over a real database (sp500insight by default).",
        epilog="example: c2q sandbox serve --port 8080, then use the printed endpoint URL and keys with c2q or curl --digest",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8080,
        help="port; 0 picks a free one and prints it (default: 8080)",
    )
    serve.add_argument(
        "--db",
        metavar="URL",
        help="SQLite path or mysql://user:pass@host:port/db (default: $C2Q_SANDBOX_DB, which keeps a password out of `ps`, else the bundled sp500insight)",
    )
    serve.add_argument(
        "--app-id", default="chat2query-sandbox1", help="Data App id in the URL path"
    )
    serve.add_argument(
        "--job-delay",
        default="1.0",
        metavar="SECONDS|LOW-HIGH",
        help="how long each AI job runs, e.g. 2 or a range 1-8 drawn per job from --seed (default: 1.0)",
    )
    serve.add_argument(
        "--daily-limit",
        type=int,
        default=100,
        help="AI requests per day (default: 100; 0 = unlimited)",
    )
    serve.add_argument(
        "--rpm-limit",
        type=int,
        default=100,
        help="requests per minute per key (default: 100; 0 = unlimited)",
    )
    serve.add_argument(
        "--keys",
        metavar="FILE",
        help="API keys file (TOML); created with a fresh key pair when absent",
    )
    serve.add_argument(
        "--faults",
        metavar="SPEC",
        help="fault injection, e.g. 'drop:0.1,500:0.05,slow:0.2,badjson:0.05'",
    )
    serve.add_argument(
        "--seed", type=int, default=0, help="random seed for fault injection and job-delay ranges"
    )
    serve.add_argument(
        "--engine",
        choices=["builtin", "llm"],
        default="builtin",
        help="NL→SQL engine (default: builtin, offline)",
    )
    serve.add_argument(
        "--llm-url", help="OpenAI-compatible base URL, e.g. http://localhost:11434/v1"
    )
    serve.add_argument("--llm-model", help="model name for --engine llm")
    serve.add_argument(
        "--llm-key-env",
        default="OPENAI_API_KEY",
        help="environment variable holding the LLM API key",
    )


def _build_sessions(sub) -> None:
    sessions = sub.add_parser(
        "sessions",
        help=SUMMARIES["sessions"],
        description="List recorded transcripts, or show one.",
    )
    sessions.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    sessions.add_argument(
        "target", nargs="?", metavar="FILE|N", help="transcript file or its number in the list"
    )
    sessions.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="only sessions whose questions or SQL contain TEXT",
    )


def _build_replay(sub) -> None:
    replay = sub.add_parser(
        "replay",
        help=SUMMARIES["replay"],
        description="Re-render a recorded session exactly as it was shown, with no network. --live re-asks it and reports drift.",
    )
    replay.add_argument("file", metavar="FILE|N")
    replay.add_argument("--pace", type=float, metavar="SECONDS", help="wait between rounds")
    replay.add_argument("--step", action="store_true", help="wait for Enter between rounds")
    replay.add_argument(
        "--typing", action="store_true", help="type each question out at a human speed"
    )
    replay.add_argument(
        "--live",
        action="store_true",
        help="ask the questions again and compare (exit 0 only when nothing drifted)",
    )
    replay.add_argument("--record", metavar="NEW.jsonl", help="with --live: save the new run")
    _add_connection_options(replay)
    _add_output_options(replay)


def _build_demo(sub) -> None:
    demo = sub.add_parser(
        "demo",
        help=SUMMARIES["demo"],
        description="Present a recording: Space/Enter next, Backspace previous, a number jumps, q quits.",
    )
    demo.add_argument("file", metavar="FILE|N")
    demo.add_argument(
        "--rounds", metavar="LIST", help="present only these rounds, in this order, e.g. 1,3-5"
    )
    demo.add_argument(
        "--skip-failed", action="store_true", help="leave out rounds that did not answer"
    )
    demo.add_argument(
        "--title", metavar="TEXT", help="the title slide's title (default: the session's name)"
    )
    _add_output_options(demo)


def _build_export(sub) -> None:
    from c2q_repl.render.formats import choices

    export = sub.add_parser(
        "export",
        help=SUMMARIES["export"],
        description="Export a transcript to Markdown, self-contained HTML, CSV (one round) or normalised JSON.",
    )
    export.add_argument("file", metavar="FILE|N")
    export.add_argument("--to", choices=choices("export"), required=True)
    export.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    export.add_argument(
        "--round",
        type=int,
        metavar="N",
        help="with --to csv: which round (default: the last answered)",
    )
    _add_output_options(export)


SUBCOMMANDS = {
    "ask": _build_ask,
    "sandbox": _build_sandbox,
    "sessions": _build_sessions,
    "replay": _build_replay,
    "demo": _build_demo,
    "export": _build_export,
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``argv``, only the subcommand it names is built in
    full (the others are listed by name and help): ``--help`` stays instant."""
    parser = argparse.ArgumentParser(
        prog="c2q",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"c2q {__version__}")
    _add_connection_options(parser, top=True)
    _add_output_options(parser, top=True)
    parser.add_argument(
        "--transcript", metavar="PATH", help="write this session's transcript to PATH"
    )
    parser.add_argument("--no-transcript", action="store_true", help="do not record a transcript")
    parser.add_argument("--vi", action="store_true", help="vi editing mode (default: emacs)")
    parser.add_argument(
        "--resume",
        nargs="?",
        const="last",
        metavar="N",
        help="continue recorded session N of `c2q sessions` (default: the last one)",
    )
    parser.set_defaults(command="chat")

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = None if argv is None else next((a for a in argv if a in SUBCOMMANDS), "")
    for name, build in SUBCOMMANDS.items():
        if wanted is None or wanted == name:
            build(sub)
        else:
            sub.add_parser(name, help=SUMMARIES[name], add_help=False)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = build_parser(argv).parse_args(argv)
    args.command = (
        args.command or "chat"
    )  # argparse's subparser default overrides set_defaults with None
    return args


def run_handler(command: str, args: argparse.Namespace) -> int:
    module_name, func_name = HANDLERS[command].split(":")
    handler = getattr(importlib.import_module(module_name), func_name)
    return int(handler(args) or 0)


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def command_for(args: argparse.Namespace, interactive: bool) -> str:
    """The handler to run: piped input or output never starts the UI, so plain
    ``c2q`` answers each stdin line like ``c2q ask`` (the pgcli/litecli complaint)."""
    if args.command == "chat" and not interactive:
        return "ask"
    return str(args.command)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run_handler(command_for(args, _interactive()), args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
