from __future__ import annotations

import types

from c2q_repl.repl.commands import build_registry
from c2q_repl.repl.completion import candidates

SCHEMA = [
    ("companies", "table"),
    ("stock_symbol", "column of companies"),
    ("market_cap", "column of companies"),
    ("index_compositions", "table"),
]


def texts(result):
    return [c.text for c in result]


def test_command_names_complete_with_help():
    reg = build_registry()
    got = candidates("/mo", reg)
    assert texts(got) == ["/mode"] and got[0].replace == 3 and got[0].meta
    assert "/sessions" in texts(candidates("/ses", reg)) and "/session" in texts(
        candidates("/ses", reg)
    )


def test_argument_choices_and_dynamic_values():
    reg = build_registry()
    assert texts(candidates("/mode ", reg)) == ["direct", "auto_breakdown"]
    assert texts(candidates("/mode au", reg)) == ["auto_breakdown"]
    assert "vertical" in texts(candidates("/format ", reg, types.SimpleNamespace()))
    assert "/mode" not in texts(candidates("/help mo", reg, types.SimpleNamespace(registry=reg)))
    assert texts(candidates("/help mo", reg, types.SimpleNamespace(registry=reg))) == ["mode"]
    assert texts(candidates("/pager ", reg)) == ["auto", "on", "off"]


def test_no_completion_past_the_last_argument_or_for_unknown_commands():
    reg = build_registry()
    assert candidates("/mode direct ", reg) == []
    assert candidates("/nosuch x", reg) == []


def test_schema_names_in_questions():
    reg = build_registry()
    got = candidates("top companies by cap", reg, schema=lambda: SCHEMA)
    assert texts(got) == ["market_cap"] and got[0].replace == 3
    assert texts(candidates("count COMP", reg, schema=lambda: SCHEMA)) == [
        "companies",
        "index_compositions",
    ]
    assert candidates("how many ", reg, schema=lambda: SCHEMA) == []


def test_broken_value_source_does_not_break_typing():
    reg = build_registry()
    # the session-id source needs a live context; a bare object makes it raise
    assert candidates("/sessions switch ", reg, object()) == []


def test_session_ids_are_fetched_once_and_never_before_the_open():
    from c2q_repl.repl.commands.sessions import _session_ids

    calls = []

    class Client:
        def list_sessions(self):
            calls.append(1)
            return [types.SimpleNamespace(session_id="11"), types.SimpleNamespace(session_id="12")]

    connection = types.SimpleNamespace(wait=lambda: None)
    conv = types.SimpleNamespace(client=Client(), connection=connection)
    ctx = types.SimpleNamespace(
        completion=types.SimpleNamespace(cache={}), open_conversation=lambda: None
    )
    assert _session_ids(ctx) == [] and calls == []  # still opening: no request, no wait
    ctx.open_conversation = lambda: conv
    assert texts(candidates("/sessions switch 1", build_registry(), ctx)) == ["11", "12"]
    assert _session_ids(ctx) == ["11", "12"] and calls == [1]  # cached
