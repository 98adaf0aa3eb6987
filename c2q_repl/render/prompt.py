"""The REPL's prompt, as the REPL draws it and as replay and demo echo it.

The prompt stays in the scrollback after Enter, so replaying a session shows
each question after the same prompt. Imported before the first prompt is
drawn: nothing heavy at module level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.render.options import RenderOptions

PROMPT = "c2q> "


def paint_prompt(opts: RenderOptions) -> str:
    """The prompt in the theme's prompt colour (the style the REPL's prompt_toolkit UI uses)."""
    from c2q_repl.render.style import Painter, StyleError

    try:
        return Painter(opts.theme, opts.styled).raw(PROMPT, opts.theme.ui.get("prompt", ""))
    except StyleError:
        return PROMPT


def prompt_line(question: str, opts: RenderOptions) -> str:
    """The question as it stood at the prompt when the user pressed Enter."""
    from c2q_repl.render.sanitize import clean_text

    return paint_prompt(opts) + clean_text(question).replace("\n", " ")
