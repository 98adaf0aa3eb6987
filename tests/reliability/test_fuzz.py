"""Property-based tests through the real wire and a connected REPL context.

tests/api/test_fuzz.py feeds arbitrary JSON to each parser function and
tests/repl/test_dispatch_fuzz.py feeds arbitrary text to an *offline* REPL
context. These go one step further, where unit fuzzing cannot see:

* arbitrary JSON served over real HTTP as the ``result`` of every kind of
  response the client parses (job, chat start, session, summaries, knowledge,
  bare bodies), through :class:`Chat2QueryClient` — only :class:`C2QError`
  may come out — and every job that parses is then *rendered* the way the REPL
  and ``c2q ask`` render it (``round_lines``): rendering never raises, and
  no raw control sequence survives it;
* arbitrary text to every slash command of a REPL context *connected* to a
  server (commands really reach it), with a real conversation: the guard's
  "this is a bug" branch is never reached.
"""

from __future__ import annotations

import io
import re
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import fakeapi as F

CONTROL = re.compile(r"\x1b\]|\x1b\[[0-9;]*[A-Za-ln-z]|\x9b|\x9d")  # OSC, CSI other than SGR (m)

KEYS = [
    "job_id",
    "status",
    "result",
    "reason",
    "ended_at",
    "type",
    "task_id",
    "sql",
    "sql_error",
    "data",
    "columns",
    "rows",
    "col",
    "sub_tasks",
    "chart_options",
    "chart_name",
    "option",
    "assumptions",
    "clarified_task",
    "session_id",
    "messages",
    "meta",
    "tables",
    "description",
    "relationships",
    "data_summary_id",
    "task_tree",
    "sub_task_list",
    "code",
    "msg",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=False),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(
        [
            "done",
            "failed",
            "running",
            "init",
            "\x1b]0;T\x07",
            "\x1b[2J",
            "data_retrieval",
            "breakdown",
        ]
    ),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=6
        ),
    ),
    max_leaves=25,
)

cells = st.lists(st.lists(scalars, max_size=5), max_size=6)
answer_like = st.recursive(
    st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["data_retrieval", "breakdown", "other", ""]),
            "task_id": scalars,
            "status": scalars,
            "clarified_task": scalars,
            "task": scalars,
            "description": scalars,
            "sql": scalars,
            "sql_error": scalars,
            "reason": scalars,
            "assumptions": st.lists(
                st.one_of(
                    scalars, st.dictionaries(st.sampled_from(["concept", "explanation"]), scalars)
                ),
                max_size=3,
            ),
            "data": st.one_of(
                st.none(),
                json_values,
                st.fixed_dictionaries(
                    {
                        "columns": st.lists(
                            st.one_of(scalars, st.fixed_dictionaries({"col": scalars})), max_size=5
                        ),
                        "rows": cells,
                    }
                ),
            ),
            "chart_options": st.one_of(
                st.none(),
                json_values,
                st.fixed_dictionaries(
                    {
                        "chart_name": st.sampled_from(
                            ["BarChart", "LineChart", "PieChart", "Table", "Radar"]
                        ),
                        "title": scalars,
                        "option": json_values,
                    }
                ),
            ),
        },
    ),
    lambda children: st.fixed_dictionaries(
        {"type": st.just("breakdown"), "sub_tasks": st.lists(children, max_size=3)}
    ),
    max_leaves=6,
)
#: job bodies that mostly parse, so the renderer sees many odd answers (pure JSON rarely is a job)
job_like = st.fixed_dictionaries(
    {
        "job_id": st.text(max_size=8),
        "status": st.sampled_from(["done", "failed", "running", "init", "DONE", "weird"]),
    },
    optional={
        "result": st.one_of(answer_like, json_values),
        "reason": scalars,
        "ended_at": scalars,
    },
)


class PayloadServer(F.FakeChat2Query):
    """Answers every request with the current payload (as ``result`` of the app envelope, or the body itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.payload: object = None
        self.wrap = True

    def respond(self, method, path, body):
        return (
            200,
            ({"code": 200, "msg": "", "result": self.payload} if self.wrap else self.payload),
            None,
        )


@pytest.fixture(scope="module")
def payload_server():
    with PayloadServer() as server:
        yield server


@pytest.fixture(scope="module")
def client(payload_server):
    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.config import Credentials

    with Chat2QueryClient(
        payload_server.endpoint, Credentials(F.PUBLIC_KEY, F.PRIVATE_KEY), max_retries=0
    ) as c:
        yield c


CALLS = {
    "get_job": lambda c: c.get_job("abc"),
    "chat": lambda c: c.chat("q", cluster_id="1", database="d"),
    "session_chat": lambda c: c.session_chat("1", "q"),
    "create_session": lambda c: c.create_session("1", "d"),
    "get_session": lambda c: c.get_session("1"),
    "list_sessions": lambda c: c.list_sessions(),
    "list_data_summaries": lambda c: c.list_data_summaries(),
    "get_data_summary": lambda c: c.get_data_summary("1"),
    "create_data_summary": lambda c: c.create_data_summary("1", "d"),
    "update_data_summary": lambda c: c.update_data_summary("1", description="x"),
    "list_knowledge_bases": lambda c: c.list_knowledge_bases(),
    "list_knowledge": lambda c: c.list_knowledge("1"),
    "reset_session": lambda c: c.reset_session("1"),
    "chat_v1": lambda c: c.chat_v1("1", "d", "q"),
}


def test_rendering_path_is_exercised(payload_server, client):
    """The property below is only meaningful if a parsed job really goes through the renderer."""
    payload_server.payload, payload_server.wrap = (
        {"job_id": "j", "status": "done", "result": F.answer(["a"], [["\x1b]0;T\x07hi"]])},
        True,
    )
    shown = _render_job(client.get_job("j"))
    assert "hi" in shown and not CONTROL.search(shown)


def _render_job(job) -> str:
    """The job as the REPL/batch render it (a Round through round_lines)."""
    from c2q_repl.chat.round import Round, round_lines
    from c2q_repl.render.options import RenderOptions

    round_ = Round(
        number=1, question="q", mode="direct", job_id=job.job_id or "j", job_raw=dict(job.raw)
    )
    return "\n".join(round_lines(round_, RenderOptions(width=100, color=False)))


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    call=st.sampled_from(sorted(CALLS)),
    payload=st.one_of(json_values, job_like),
    wrap=st.booleans(),
)
def test_arbitrary_json_over_http_gives_typed_errors_and_renders(
    payload_server, client, call, payload, wrap
):
    from c2q_repl.api.errors import C2QError
    from c2q_repl.api.models import Job

    payload_server.payload, payload_server.wrap = payload, wrap
    try:
        parsed = CALLS[call](client)
    except C2QError:
        return
    if isinstance(parsed, Job):
        shown = _render_job(parsed)
        assert not CONTROL.search(shown), repr(shown)


# --------------------------------------------------------------------------- slash commands, connected

PATH_COMMANDS = {"save", "export"}


@pytest.fixture(scope="module")
def connected_ctx(tmp_path_factory):
    """A REPL context opened against the fake server, as the REPL opens it (without the prompt)."""
    from c2q_repl.config import Credentials, Settings
    from c2q_repl.repl.asking import ask
    from c2q_repl.repl.printing import Printer
    from c2q_repl.repl.session import build_context

    home = tmp_path_factory.mktemp("fuzz-home")
    environ = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "NO_COLOR": "1",
        "TERM": "xterm",
    }
    with F.FakeChat2Query() as server:
        settings_ = Settings(
            endpoint=server.endpoint,
            credentials=Credentials(F.PUBLIC_KEY, F.PRIVATE_KEY),
            cluster_id=F.CLUSTER_ID,
            database=F.DATABASE,
        )

        class Args:
            theme = None
            transcript = str(home / "fuzz-transcript.jsonl")
            no_transcript = False
            vi = False

        stream = io.StringIO()
        out = Printer(stream, color=False, is_tty=False, environ=environ)
        ctx = build_context(Args(), settings_, environ, out=out)  # headless: read_line gives ""
        ctx.opening.start()
        ctx.wait_conversation()
        # so /feedback, /sql, /history, /refine have something to act on
        ask(ctx, "a first question")
        assert re.search(r"\|\s+42 \|", stream.getvalue()), stream.getvalue()
        yield ctx, stream, server, home
        ctx.opening.close()


def _argument(name: str, text: str) -> str:
    # Paths stay inside the test's directory: arbitrary text, but never an absolute or parent path.
    return "fuzz-" + re.sub(r"[/\\~]", "_", text) if name in PATH_COMMANDS else text


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_text_to_any_command_of_a_connected_repl(connected_ctx, monkeypatch, data):
    from c2q_repl.repl.commands import dispatch

    ctx, stream, server, home = connected_ctx
    monkeypatch.chdir(home)
    name = data.draw(st.sampled_from(sorted(set(ctx.registry.names()) - {"q", "quit", "exit"})))
    text = data.draw(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "",
                    "1",
                    "off",
                    "on",
                    "--server",
                    "0",
                    "-1",
                    "99999",
                    "switch 1",
                    "add term x = y",
                    "refresh",
                    "a" * 300,
                ]
            ),
        )
    )
    before = len(stream.getvalue())
    done = threading.Event()
    result: dict = {}

    def run() -> None:
        try:
            result["handled"] = dispatch(ctx.registry, ctx, f"/{name} {_argument(name, text)}")
        finally:
            done.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert done.wait(60), f"/{name} {text!r} did not return"
    assert result.get("handled") is True
    out = stream.getvalue()[before:]
    assert "This is a bug" not in out, f"/{name} {text!r}: {out}"
    assert not CONTROL.search(out)
    ctx.quit_requested = False
    assert F.PRIVATE_KEY not in stream.getvalue()


def test_no_key_in_the_files_the_fuzzed_repl_wrote(connected_ctx):
    _, _, _, home = connected_ctx
    written = [p for p in home.rglob("*") if p.is_file()]
    assert written, "the fuzzed REPL wrote nothing (no transcript?)"
    assert not [p for p in written if F.PRIVATE_KEY.encode() in p.read_bytes()]
