from __future__ import annotations

import io
import types

import pytest

from c2q_repl.repl.commands import build_registry, dispatch
from c2q_repl.repl.commands.registry import Arg, Command, Registry, UsageError, command, parse_line
from c2q_repl.repl.printing import Printer


def _registry_with(*funcs) -> Registry:
    return Registry.from_modules([types.SimpleNamespace(**{f.__name__: f for f in funcs})])


class Ctx:
    def __init__(self, registry):
        self.registry = registry
        self.stream = io.StringIO()
        self.out = Printer(self.stream, color=False, is_tty=False)
        self.calls = []
        self.quit_requested = False


@command(
    "mode", "set the mode", args=[Arg("MODE", optional=True, choices=("direct", "auto_breakdown"))]
)
def mode(ctx, args):
    ctx.calls.append(("mode", args))


@command("rename", "rename", args=[Arg("NAME", rest=True)])
def rename(ctx, args):
    ctx.calls.append(("rename", args))


@command("boom", "always fails")
def boom(ctx, args):
    raise RuntimeError("kaput")


def test_parse_optional_choice_and_rest():
    reg = _registry_with(mode, rename)
    assert reg.get("mode").parse("") == {}
    assert reg.get("mode").parse(" auto_breakdown ") == {"MODE": "auto_breakdown"}
    with pytest.raises(UsageError, match="one of"):
        reg.get("mode").parse("fast")
    with pytest.raises(UsageError, match="unexpected"):
        reg.get("mode").parse("direct extra")
    assert reg.get("rename").parse('  my "big" session ') == {"NAME": 'my "big" session'}
    with pytest.raises(UsageError, match="missing NAME"):
        reg.get("rename").parse("")


def test_quoted_words_and_unbalanced_quotes():
    cmd = Command("x", lambda c, a: None, "x", args=(Arg("A"), Arg("B", optional=True)))
    assert cmd.parse('"two words" b') == {"A": "two words", "B": "b"}
    with pytest.raises(UsageError):
        cmd.parse('"unterminated')


def test_usage_lines_are_generated():
    reg = _registry_with(mode, rename)
    assert reg.get("mode").usage == "/mode [direct|auto_breakdown]"
    assert reg.get("rename").usage == "/rename NAME…"


def test_parse_line():
    assert parse_line("how many?") is None
    inv = parse_line("  /Mode  direct ")
    assert (inv.name, inv.text) == ("mode", "direct")
    assert parse_line("/").name == ""


def test_duplicate_names_rejected():
    reg = Registry()
    reg.add(Command("a", lambda c, a: None, "a", aliases=("b",)))
    with pytest.raises(ValueError):
        reg.add(Command("b", lambda c, a: None, "b"))


def test_dispatch_guard_unknown_usage_and_crash():
    reg = _registry_with(mode, rename, boom)
    ctx = Ctx(reg)
    assert dispatch(reg, ctx, "not a command") is False
    dispatch(reg, ctx, "/mod direct")
    dispatch(reg, ctx, "/mode warp")
    dispatch(reg, ctx, "/boom")
    dispatch(reg, ctx, "/mode auto_breakdown")
    out = ctx.stream.getvalue()
    assert "unknown command /mod (did you mean /mode?)" in out
    assert "usage: /mode [direct|auto_breakdown]" in out
    assert "/boom failed: RuntimeError: kaput" in out
    assert ctx.calls == [("mode", {"MODE": "auto_breakdown"})]


def test_real_registry_help_lists_every_command():
    reg = build_registry()
    ctx = Ctx(reg)
    dispatch(reg, ctx, "/help")
    text = ctx.stream.getvalue()
    for cmd in reg.commands:
        assert f"/{cmd.name}" in text
    ctx.stream.truncate(0)
    dispatch(reg, ctx, "/help rset")
    assert "did you mean /reset?" in ctx.stream.getvalue()
    assert reg.suggest("rest") == "reset"


def test_real_registry_has_issue_commands():
    names = set(build_registry().names())
    expected = {
        "help",
        "mode",
        "feedback",
        "reset",
        "history",
        "session",
        "sessions",
        "rename",
        "new",
        "summary",
        "suggest",
        "refine",
        "run",
        "edit",
        "kb",
        "sql",
        "format",
        "theme",
        "chart",
        "expand",
        "pager",
        "save",
        "export",
        "job",
        "quit",
        "exit",
    }
    assert expected <= names


def test_help_wraps_descriptions_to_the_terminal_width():
    from c2q_repl.repl.commands import build_registry

    registry = build_registry()
    wide = registry.help_lines()
    narrow = registry.help_lines(width=72)
    assert any(len(line) > 72 for line in wide)  # the unwrapped list is wider: the test can fail
    usages = {f"  {c.usage}" for c in registry.commands}
    assert all(len(line) <= 72 for line in narrow if line.rstrip() not in usages)
    # nothing is lost: the same words, only re-flowed
    assert " ".join(" ".join(wide).split()) == " ".join(" ".join(narrow).split())
