"""``c2q demo FILE``: a recorded session presented full-screen, one question per step.

A prompt_toolkit Application over pages: a title card, one page per round
(the question typed out, then the answer exactly as the REPL rendered it, in
the ``presentation`` theme with tall charts), and a closing summary. Nothing
touches the network: the answers are the recorded job JSON.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from c2q_repl.render.options import RenderOptions
from c2q_repl.transcript.demo_pages import DemoDeck
from c2q_repl.transcript.reader import Transcript

DEFAULT_THEME = "presentation"
TYPING_DELAY = 0.035


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
    typing_task: asyncio.Task | None = field(default=None, repr=False)

    @property
    def typing_done(self) -> bool:
        return self.typed >= len(self.deck.question(self.page))

    def go(self, page: int) -> None:
        self.page = max(0, min(page, self.deck.last_page))
        self.typed = 0
        self.scroll = 0
        self.number_buffer = ""


def run_demo(
    t: Transcript, *, theme_name: str | None = None, env: Mapping[str, str] = os.environ
) -> int:
    """Run the full-screen demo until the user quits; returns the exit code."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import ANSI
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.output import ColorDepth

    from c2q_repl.transcript.terminal import pick_theme

    theme = pick_theme(theme_name, env=env, default=DEFAULT_THEME)
    color = theme.color and not env.get("NO_COLOR")
    state = DemoState(
        DemoDeck(
            t,
            lambda width, height: RenderOptions(
                width=width,
                theme=theme,
                color=color,
                unicode=True,
                chart_height=max(8, height // 2),
                vertical="auto",
            ),
        )
    )
    rng = random.Random(0)
    holder: dict[str, Application] = {}

    def size() -> tuple[int, int]:
        app = holder.get("app")
        if app is None:
            return 100, 30
        s = app.output.get_size()
        return s.columns, s.rows

    def body():
        cols, rows = size()
        lines = state.deck.lines(state.page, cols - 4, rows - 2, typed=state.typed)
        room = max(1, rows - 2)
        state.scroll = max(0, min(state.scroll, len(lines) - room))
        shown = lines[state.scroll : state.scroll + room]
        state.below = max(0, len(lines) - state.scroll - room)
        return ANSI("\n".join("  " + line for line in shown))

    def footer():
        cols, _ = size()
        return [
            (
                "class:demo.footer",
                state.deck.footer(state.page, state.number_buffer, cols, below=state.below),
            )
        ]

    async def type_question() -> None:
        app = holder["app"]
        text = state.deck.question(state.page)
        while state.typed < len(text):
            state.typed += 1
            app.invalidate()
            ch = text[state.typed - 1]
            await asyncio.sleep(TYPING_DELAY * (0.5 + rng.random()) * (3 if ch in " ,?" else 1))

    def show(page: int) -> None:
        if state.typing_task is not None:
            state.typing_task.cancel()
        state.go(page)
        if state.deck.question(state.page):
            state.typing_task = holder["app"].create_background_task(type_question())
        holder["app"].invalidate()

    def forward() -> None:
        if not state.typing_done:  # first press finishes the typing, the next one moves on
            if state.typing_task is not None:
                state.typing_task.cancel()
            state.typed = len(state.deck.question(state.page))
            holder["app"].invalidate()
            return
        if state.page < state.deck.last_page:
            show(state.page + 1)

    kb = KeyBindings()

    @kb.add("space")
    @kb.add("right")
    def _next(event) -> None:
        forward()

    @kb.add("enter")
    def _enter(event) -> None:
        if state.number_buffer:
            show(state.deck.page_of_round(int(state.number_buffer)))
        else:
            forward()

    @kb.add("backspace")
    @kb.add("left")
    def _previous(event) -> None:
        if state.number_buffer:
            state.number_buffer = state.number_buffer[:-1]
            event.app.invalidate()
        elif state.page > 0:
            show(state.page - 1)

    for digit in "0123456789":

        @kb.add(digit)
        def _digit(event, digit=digit) -> None:
            state.number_buffer = (state.number_buffer + digit)[-4:]
            event.app.invalidate()

    @kb.add("down")
    @kb.add("j")
    def _down(event) -> None:
        state.scroll += 1
        event.app.invalidate()

    @kb.add("up")
    @kb.add("k")
    def _up(event) -> None:
        state.scroll = max(0, state.scroll - 1)
        event.app.invalidate()

    @kb.add("pagedown")
    def _page_down(event) -> None:
        state.scroll += max(1, size()[1] - 4)
        event.app.invalidate()

    @kb.add("pageup")
    def _page_up(event) -> None:
        state.scroll = max(0, state.scroll - max(1, size()[1] - 4))
        event.app.invalidate()

    @kb.add("home")
    def _first(event) -> None:
        show(0)

    @kb.add("end")
    def _last(event) -> None:
        show(state.deck.last_page)

    @kb.add("q")
    @kb.add("escape", eager=True)
    @kb.add("c-c")
    @kb.add("c-d")
    def _quit(event) -> None:
        event.app.exit(result=0)

    from prompt_toolkit.styles import Style

    footer_style = "reverse" if not color else "bg:#202020 #ffffff"
    layout = Layout(
        HSplit(
            [
                Window(FormattedTextControl(body), wrap_lines=False, always_hide_cursor=True),
                Window(FormattedTextControl(footer), height=1, style="class:demo.footer"),
            ]
        )
    )
    app: Application = Application(
        layout=layout,
        key_bindings=kb,
        full_screen=True,
        mouse_support=False,
        style=Style.from_dict({"demo.footer": footer_style}),
        color_depth=None if color else ColorDepth.MONOCHROME,
    )
    holder["app"] = app
    return int(app.run() or 0)
