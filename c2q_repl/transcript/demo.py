"""``c2q demo FILE``: a recorded session presented full-screen, one question per step.

A prompt_toolkit Application over pages: a title slide (session name,
database, date), one page per round (the question typed out, then the answer
as the REPL renders it, in the ``presentation`` theme with tall charts, long
tables collapsed under their chart, SQL wrapped, no ids), and an end slide. Nothing
touches the network: the answers are the recorded job JSON.

The run is in phases, each testable on its own: :func:`demo_look` applies the
terminal policy, :class:`DemoScreen` is what is drawn and how keys move through
the deck, :func:`demo_keys` binds the keys and :func:`build_app` assembles the
Application.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.terminal import Terminal, load_theme_or_fallback, render_options, theme_name
from c2q_repl.render.theme import Theme
from c2q_repl.transcript.demo_pages import DemoDeck
from c2q_repl.transcript.reader import RecordedRound, Transcript

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import ANSI, StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings

DEFAULT_THEME = "presentation"
TYPING_DELAY = 0.035


@dataclass(frozen=True)
class DemoLook:
    """The terminal policy applied to the demo: theme, colour, Unicode."""

    terminal: Terminal
    theme: Theme

    def options(self, width: int, height: int) -> RenderOptions:
        """Render options for a slide of ``width`` x ``height``: charts take half the
        height, a long table shows its first rows under its chart, SQL wraps, and
        nothing meant for the keyboard (ids, ``/feedback``, hints) is shown."""
        return render_options(
            self.terminal,
            self.theme,
            width=width,
            chart_height=max(8, height // 2),
            vertical="auto",
            max_table_rows=max(3, min(10, height // 3)),
            wrap_sql=True,
            show_footer=False,
            show_hints=False,
        )

    @property
    def footer_style(self) -> str:
        return "bg:#202020 #ffffff" if self.terminal.color else "reverse"


def demo_look(
    requested_theme: str | None,
    env: Mapping[str, str] = os.environ,
    stream: IO[str] | Any = None,
    err: IO[str] | None = None,
) -> DemoLook:
    """``--theme``, else ``presentation`` (``mono`` without colour: NO_COLOR, TERM=dumb)."""
    terminal = Terminal.detect(stream if stream is not None else sys.stdout, env)
    name = theme_name(terminal.color, requested_theme, default=DEFAULT_THEME)
    warn = lambda message: print(f"c2q: {message}", file=err or sys.stderr)  # noqa: E731
    return DemoLook(terminal, load_theme_or_fallback(name, color=terminal.color, warn=warn))


@dataclass
class DemoState:
    """Which page is up, how much of its question is typed, and where it is scrolled."""

    deck: DemoDeck
    page: int = 0
    typed: int = 0
    scroll: int = 0
    number_buffer: str = ""
    #: lines below the bottom of the screen (shown in the footer as a scroll hint)
    below: int = 0
    typing_task: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def typing_done(self) -> bool:
        return self.typed >= len(self.deck.question(self.page))

    def go(self, page: int) -> None:
        self.page = max(0, min(page, self.deck.last_page))
        self.typed = 0
        self.scroll = 0
        self.number_buffer = ""


class DemoScreen:
    """What is on screen and how the deck moves; the Application is attached later."""

    def __init__(self, state: DemoState, seed: int = 0) -> None:
        self.state = state
        self.app: Application[int] | None = None
        self._rng = random.Random(seed)

    def size(self) -> tuple[int, int]:
        if self.app is None:
            return 100, 30
        s = self.app.output.get_size()
        return s.columns, s.rows

    def redraw(self) -> None:
        if self.app is not None:
            self.app.invalidate()

    def body(self) -> ANSI:
        from prompt_toolkit.formatted_text import ANSI

        state = self.state
        cols, rows = self.size()
        lines = state.deck.lines(state.page, cols - 4, rows - 2, typed=state.typed)
        room = max(1, rows - 2)
        state.scroll = max(0, min(state.scroll, len(lines) - room))
        shown = lines[state.scroll : state.scroll + room]
        state.below = max(0, len(lines) - state.scroll - room)
        return ANSI("\n".join("  " + line for line in shown))

    def footer(self) -> StyleAndTextTuples:
        cols, _ = self.size()
        state = self.state
        text = state.deck.footer(state.page, state.number_buffer, cols, below=state.below)
        return [("class:demo.footer", text)]

    async def type_question(self) -> None:
        state = self.state
        text = state.deck.question(state.page)
        while state.typed < len(text):
            state.typed += 1
            self.redraw()
            ch = text[state.typed - 1]
            pause = TYPING_DELAY * (0.5 + self._rng.random()) * (3 if ch in " ,?" else 1)
            await asyncio.sleep(pause)

    def show(self, page: int) -> None:
        state = self.state
        if state.typing_task is not None:
            state.typing_task.cancel()
        state.go(page)
        if state.deck.question(state.page) and self.app is not None:
            state.typing_task = self.app.create_background_task(self.type_question())
        self.redraw()

    def forward(self) -> None:
        """The first press finishes the typing, the next one moves on."""
        state = self.state
        if not state.typing_done:
            if state.typing_task is not None:
                state.typing_task.cancel()
            state.typed = len(state.deck.question(state.page))
            self.redraw()
        elif state.page < state.deck.last_page:
            self.show(state.page + 1)

    def back(self) -> None:
        state = self.state
        if state.number_buffer:
            state.number_buffer = state.number_buffer[:-1]
            self.redraw()
        elif state.page > 0:
            self.show(state.page - 1)

    def enter(self) -> None:
        state = self.state
        if state.number_buffer:
            self.show(state.deck.page_of_round(int(state.number_buffer)))
        else:
            self.forward()

    def digit(self, digit: str) -> None:
        self.state.number_buffer = (self.state.number_buffer + digit)[-4:]
        self.redraw()

    def scroll_by(self, lines: int) -> None:
        self.state.scroll = max(0, self.state.scroll + lines)
        self.redraw()

    def page_lines(self) -> int:
        return max(1, self.size()[1] - 4)


def demo_keys(screen: DemoScreen) -> KeyBindings:
    """Space/→/Enter next, Backspace/← previous, digits+Enter jump, ↑↓/PgUp/PgDn scroll, q quits."""
    from prompt_toolkit.key_binding import KeyBindings

    kb = KeyBindings()
    actions = {
        ("space",): screen.forward,
        ("right",): screen.forward,
        ("enter",): screen.enter,
        ("backspace",): screen.back,
        ("left",): screen.back,
        ("down",): lambda: screen.scroll_by(1),
        ("j",): lambda: screen.scroll_by(1),
        ("up",): lambda: screen.scroll_by(-1),
        ("k",): lambda: screen.scroll_by(-1),
        ("pagedown",): lambda: screen.scroll_by(screen.page_lines()),
        ("pageup",): lambda: screen.scroll_by(-screen.page_lines()),
        ("home",): lambda: screen.show(0),
        ("end",): lambda: screen.show(screen.state.deck.last_page),
    }
    for keys, action in actions.items():
        kb.add(*keys)(lambda event, action=action: action())
    for digit in "0123456789":
        kb.add(digit)(lambda event, digit=digit: screen.digit(digit))
    for key in ("q", "c-c", "c-d"):
        kb.add(key)(lambda event: event.app.exit(result=0))
    kb.add("escape", eager=True)(lambda event: event.app.exit(result=0))
    return kb


def build_app(screen: DemoScreen, look: DemoLook) -> Application[int]:
    from prompt_toolkit.application import Application
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.output import ColorDepth
    from prompt_toolkit.styles import Style

    layout = Layout(
        HSplit(
            [
                Window(
                    FormattedTextControl(screen.body), wrap_lines=False, always_hide_cursor=True
                ),
                Window(FormattedTextControl(screen.footer), height=1, style="class:demo.footer"),
            ]
        )
    )
    app: Application[int] = Application(
        layout=layout,
        key_bindings=demo_keys(screen),
        full_screen=True,
        mouse_support=False,
        style=Style.from_dict({"demo.footer": look.footer_style}),
        color_depth=None if look.terminal.color else ColorDepth.MONOCHROME,
    )
    screen.app = app
    return app


def run_demo(
    t: Transcript,
    *,
    theme_name: str | None = None,
    env: Mapping[str, str] = os.environ,
    rounds: Sequence[RecordedRound] | None = None,
    title: str = "",
) -> int:
    """Run the full-screen demo of ``rounds`` (default: all) until the user quits;
    returns the exit code."""
    look = demo_look(theme_name, env)
    screen = DemoScreen(DemoState(DemoDeck(t, look.options, rounds, title)))
    return int(build_app(screen, look).run() or 0)
