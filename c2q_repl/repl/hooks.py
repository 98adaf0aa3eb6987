"""What the REPL's state may ask of the prompt: a typed protocol handed to
:class:`~c2q_repl.repl.context.ReplContext` when it is built.

The state and the slash commands never touch prompt_toolkit; they call these
hooks. :class:`HeadlessHooks` does nothing (tests, scripted use);
:class:`PromptHooks` drives a prompt_toolkit session once it is bound.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession

    from c2q_repl.render.theme import Theme


class UiHooks(Protocol):
    def redraw(self) -> None:
        """Redraw the prompt and toolbar; callable from any thread."""

    def apply_ui_style(self, theme: Theme) -> None:
        """Give the prompt and toolbar the theme's UI colours."""

    def read_line(self, message: str) -> str:
        """Read one line (a choice); "" when there is nothing to read from."""

    def above_prompt(self, action: Callable[[], None]) -> None:
        """From any thread: run ``action`` (which prints) above the prompt if it is
        on screen; otherwise do nothing (the loop prints before the next prompt)."""


class HeadlessHooks:
    """No prompt on screen: nothing to redraw, nothing to read."""

    def __init__(self, answers: list[str] | None = None) -> None:
        #: lines ``read_line`` returns in turn ("" once they run out)
        self.answers = list(answers or [])

    def redraw(self) -> None:
        pass

    def apply_ui_style(self, theme: Theme) -> None:
        pass

    def read_line(self, message: str) -> str:
        return self.answers.pop(0) if self.answers else ""

    def above_prompt(self, action: Callable[[], None]) -> None:
        pass


class PromptHooks:
    """Hooks for a prompt_toolkit ``PromptSession``.

    The session is built after the state (its completer and toolbar read the
    state), so it is bound once with :meth:`bind`; until then every hook is a
    no-op, exactly as when no prompt is on screen.
    """

    def __init__(self, color: bool, base_style: dict[str, str]) -> None:
        self._color = color
        self._base_style = base_style
        self._session: PromptSession[str] | None = None
        self._context = contextvars.copy_context()

    def bind(self, session: PromptSession[str]) -> None:
        self._session = session
        # prompt_toolkit finds the running app through a context variable that the
        # start-up sets for the main thread only (repl/handover.py); output from a
        # background thread is scheduled in this context, or run_in_terminal would
        # not see the prompt and would print over it
        self._context = contextvars.copy_context()

    def redraw(self) -> None:
        if self._session is not None:
            self._session.app.invalidate()  # thread-safe; a no-op while no prompt is shown

    def apply_ui_style(self, theme: Theme) -> None:
        if self._session is None:
            return
        from prompt_toolkit.styles import Style

        self._session.style = (
            Style.from_dict({**self._base_style, **dict(theme.ui)}) if self._color else Style([])
        )
        self._session.app.invalidate()

    def read_line(self, message: str) -> str:
        from prompt_toolkit.shortcuts import prompt

        return prompt(message)

    def above_prompt(self, action: Callable[[], None]) -> None:
        session = self._session
        if session is None:
            return
        app = session.app
        loop = getattr(app, "loop", None)
        if not app.is_running or loop is None:
            return
        from prompt_toolkit.application import run_in_terminal

        try:
            loop.call_soon_threadsafe(lambda: run_in_terminal(action), context=self._context)
        except RuntimeError:  # the prompt just ended; the loop prints them
            pass
