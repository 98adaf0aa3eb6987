"""The faults and awkward answers every front end must survive, as data.

Each :class:`Case` scripts the question :data:`FAULTY` on a
:class:`~tests.reliability.fakeapi.FakeChat2Query` and says what a person must
be told (``said``: what happened; ``todo``: what to do, both regexes matched
case-insensitively against the screen or stdout+stderr), the exit status of
``c2q ask``, whether a second question in the same run can still be answered,
and which raw bytes from the server must never reach the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.reliability import fakeapi as F

FAULTY = "the question that meets the fault"
FOLLOW_UP = "and a question that works"
#: the follow-up's answer (the fake server's default: one cell, 42)
FOLLOW_UP_ANSWER = "42"

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIC8=\x07"
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
#: raw sequences that must never reach the terminal when the server sends them
FORBIDDEN = (b"\x1b]0;PWNED", b"\x1b]52;", b"\x1b[2JCLEARED", b"\x1b[31mREDTEXT")
CONTROL_TEXT = f"title{OSC_TITLE} clip{OSC_CLIPBOARD} {CLEAR}CLEARED {RED}REDTEXT"

BIG = 1234567890123456789012  # 22 digits: must print exactly, not as 1.2345e+21


@dataclass(frozen=True)
class Case:
    id: str
    arrange: Callable[[F.FakeChat2Query], None]
    said: str
    todo: str = ""
    exit_code: int = 1
    #: a later question in the same `c2q ask` run is still answered
    ask_continues: bool = True
    #: a later question in the same REPL is answered
    repl_recovers: bool = True
    #: regexes that must match what is shown (data cases)
    shows: tuple[str, ...] = ()
    extra_env: dict = field(default_factory=dict)


def _post(fault: F.Fault) -> Callable[[F.FakeChat2Query], None]:
    def arrange(server: F.FakeChat2Query) -> None:
        server.script(FAULTY, post=fault)

    return arrange


def _job(**fields) -> Callable[[F.FakeChat2Query], None]:
    def arrange(server: F.FakeChat2Query) -> None:
        server.script(FAULTY, **fields)

    return arrange


def _poll(fault: F.Fault) -> Callable[[F.FakeChat2Query], None]:
    def arrange(server: F.FakeChat2Query) -> None:
        server.script(FAULTY, poll=fault)

    return arrange


def _everything(fault: F.Fault) -> Callable[[F.FakeChat2Query], None]:
    def arrange(server: F.FakeChat2Query) -> None:
        server.everything = fault

    return arrange


def thousand_rows() -> dict:
    rows = [
        [i, f"company {i}", i * 1.5, None if i % 7 == 0 else "x" * (i % 13)] for i in range(1000)
    ]
    return F.answer(
        ["id", "name", "value", "note"], rows, sql="SELECT id, name, value, note FROM t"
    )


def awkward_cells() -> dict:
    rows = [
        [None, "", BIG, "東京証券取引所"],
        [1, "emoji 🍎🚀", -BIG, "שלום עולם"],
        [2, "mixed עברית and English", 0, "مرحبا"],
    ]
    return F.answer(
        ["n", "text", "big", "script"], rows, sql="SELECT n, text, big, script FROM awkward"
    )


CASES: tuple[Case, ...] = (
    Case(
        "reset-during-post",
        _post(F.Fault("reset")),
        said=r"connection broke|reset|connection",
        todo=r"may or may not|not re-?sen|again",
    ),
    Case(
        "401-bad-key",
        _everything(F.gateway(401, "auth failed", http=401)),
        said=r"auth",
        todo=r"check .*key",
        exit_code=4,
        ask_continues=False,
        repl_recovers=False,
    ),
    Case(
        "401-expired-key",
        _everything(F.gateway(49900002, "API Key is no longer valid", http=401)),
        said=r"no longer valid|expired",
        todo=r"create a new|new (api )?key",
        exit_code=4,
        ask_continues=False,
        repl_recovers=False,
    ),
    Case(
        "404-job",
        _poll(F.gateway(404, "job not found", http=404)),
        said=r"not found",
        todo=r"check|id|/job",
    ),
    Case(
        "405",
        _post(F.gateway(405, "method not allowed", http=405)),
        said=r"method not allowed",
        todo=r"endpoint",
    ),
    Case(
        "408",
        _post(F.gateway(408, "request timeout.", http=408)),
        said=r"timeout|timed out",
        todo=r"try again",
    ),
    Case(
        "429-daily-quota",
        _post(
            F.gateway(
                429, "Rate limit exceeded: 100 requests per day", http=429, type_="rate_limit"
            )
        ),
        said=r"quota|100",
        todo=r"wait|reset|tomorrow|own openai key",
        exit_code=3,
        ask_continues=False,
    ),
    Case(
        "429-per-minute",
        _post(
            F.Fault(
                "status",
                status=429,
                times=1,
                headers={"X-Ratelimit-Reset": "1", "X-Ratelimit-Remaining-Minute": "0"},
                body={
                    "type": "",
                    "data": {
                        "columns": [],
                        "rows": [],
                        "result": {"code": 49900007, "message": "API rate limit exceeded"},
                    },
                },
            )
        ),
        said=FOLLOW_UP_ANSWER,
        exit_code=0,
    ),  # waited for the reset, retried once: answered
    Case(
        "500-json",
        _post(F.app_error(500, f"internal error! {CONTROL_TEXT}")),
        said=r"internal error",
        todo=r"try again",
    ),
    Case(
        "502-html",
        _post(
            F.status(
                502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            )
        ),
        said=r"502",
        todo=r"try again",
    ),
    Case(
        "non-json-200",
        _post(F.status(200, "<html>login page</html>")),
        said=r"not valid json|could not be read|not json",
        todo=r"endpoint url",
    ),
    Case(
        "truncated-json",
        _post(
            F.Fault(
                "raw",
                body=b'{"code": 200, "msg": "", "result": {"job_',
                headers={"content-length": "200"},
            )
        ),
        said=r"connection broke|could not be read|not valid json|incomplete|closed",
        todo=r"may or may not|again|endpoint",
    ),
    Case(
        "job-failed",
        _job(failed_reason=f"the model could not understand {CONTROL_TEXT}"),
        said=r"could not understand",
        todo=r"rephrase",
    ),
    Case(
        "sql-error",
        _job(
            job=F.answer(
                ["a"],
                [],
                sql="SELECT nope FROM t",
                sql_error=f"Unknown column 'nope' {CONTROL_TEXT}",
            )
        ),
        said=r"unknown column",
    ),
    Case(
        "empty-result",
        _job(
            job=F.answer(["symbol", "name"], [], sql="SELECT symbol, name FROM companies WHERE 0")
        ),
        said=r"0 rows|no rows|empty",
        exit_code=0,
    ),
    Case(
        "nulls-bignums-cjk-emoji-rtl",
        _job(job=awkward_cells()),
        # readable by default: every digit, grouped in thousands (never 1.2345e+21)
        said=f"{BIG:,}",
        exit_code=0,
        shows=(f"{BIG:,}", f"-{BIG:,}", "東京証券取引所", "🍎", "שלום", "∅|NULL"),
    ),
    Case(
        "control-sequences-in-data",
        _job(job=F.answer(["evil"], [[CONTROL_TEXT]], sql=f"SELECT '{CLEAR}' -- {OSC_TITLE}")),
        said=r"CLEARED",
        exit_code=0,
    ),
    Case(
        "1000-rows",
        _job(job=thousand_rows()),
        said=r"company 999",
        exit_code=0,
        shows=("1000 rows",),
    ),
)
