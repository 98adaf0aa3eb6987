"""The one terminal policy (render/terminal.py), as every front end applies it."""

from __future__ import annotations

import io

import pytest

from c2q_repl.render.terminal import (
    PIPE_WIDTH,
    Terminal,
    colour_allowed,
    load_theme_or_fallback,
    theme_name,
)


class FakeTerminal(io.StringIO):
    """A UTF-8 stream that says it is a terminal (no real file descriptor)."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    encoding = "utf-8"


@pytest.mark.parametrize(
    ("env", "tty", "color"),
    [
        ({"TERM": "xterm-256color"}, True, True),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "linux"}, True, True),
        ({"TERM": "xterm-256color"}, False, False),
    ],
)
def test_colour_only_on_a_terminal_that_allows_it(env, tty, color):
    stream = FakeTerminal() if tty else Pipe()
    assert Terminal.detect(stream, env).color is color
    assert colour_allowed(env) is (not env.get("NO_COLOR") and env.get("TERM") != "dumb")


def test_unicode_needs_utf8_and_not_the_linux_console():
    assert Terminal.detect(FakeTerminal(), {"TERM": "xterm"}).unicode
    assert not Terminal.detect(FakeTerminal(), {"TERM": "linux"}).unicode

    class Latin1(FakeTerminal):
        encoding = "latin-1"

    assert not Terminal.detect(Latin1(), {"TERM": "xterm"}).unicode


def test_width_columns_then_terminal_then_pipe_width():
    assert Terminal.detect(Pipe(), {"COLUMNS": "77"}).width == 77
    assert Terminal.detect(Pipe(), {}).width == PIPE_WIDTH
    assert Terminal.detect(Pipe(), {"COLUMNS": "junk"}).width == PIPE_WIDTH
    assert Terminal.detect(Pipe(), {"COLUMNS": "3"}).width == 20  # never narrower than that


def test_theme_asked_for_wins_and_mono_when_colour_is_off():
    assert theme_name(True, None, "light") == "light"
    assert theme_name(True, "solarized-dark", "light") == "solarized-dark"
    assert theme_name(True, None, None, default="presentation") == "presentation"
    assert theme_name(False, None, None, default="presentation") == "mono"
    assert theme_name(False, "presentation") == "presentation"  # its layout, without colour


def test_an_unknown_theme_warns_once_and_falls_back():
    warnings: list[str] = []
    theme = load_theme_or_fallback("no-such-theme", color=True, warn=warnings.append)
    assert theme.name == "default" and len(warnings) == 1
    assert "no-such-theme" in warnings[0] and "using the default theme" in warnings[0]
    assert load_theme_or_fallback("no-such-theme", color=False).name == "mono"


def test_replay_on_the_linux_console_draws_ascii():
    """TERM=linux was honoured by the REPL but not by replay (which drew Unicode)."""
    from c2q_repl.transcript.terminal import terminal_options

    opts = terminal_options(None, FakeTerminal(), env={"TERM": "linux"})
    assert opts.unicode is False and opts.ellipsis == "..."
    assert opts.color is True


def test_demo_honours_term_dumb_and_no_color():
    """The demo ignored TERM=dumb (it painted colour on a terminal that has none)."""
    from c2q_repl.transcript.demo import demo_look

    dumb = demo_look(None, {"TERM": "dumb"}, FakeTerminal())
    assert dumb.terminal.color is False and dumb.theme.name == "mono"
    assert dumb.options(80, 24).styled is False and dumb.footer_style == "reverse"
    assert demo_look(None, {"NO_COLOR": "1", "TERM": "xterm"}, FakeTerminal()).theme.name == "mono"
    colour = demo_look(None, {"TERM": "xterm-256color"}, FakeTerminal())
    assert colour.theme.name == "presentation" and colour.options(80, 24).styled
    assert demo_look(None, {"TERM": "linux"}, FakeTerminal()).options(80, 24).unicode is False


def test_ask_to_a_pipe_gets_whole_tables_without_colour():
    from c2q_repl.batch import AskOptions, render_options
    from c2q_repl.config import Settings

    err = io.StringIO()
    opts = render_options(AskOptions(theme="nope"), Settings(), Pipe(), err, {"TERM": "xterm"})
    assert (opts.color, opts.vertical, opts.expand, opts.width) == (False, "off", True, PIPE_WIDTH)
    assert "nope" in err.getvalue()
    tty = render_options(AskOptions(), Settings(), FakeTerminal(), err, {"COLUMNS": "90"})
    assert (tty.color, tty.vertical, tty.expand, tty.width) == (True, "auto", False, 90)
