"""Render options for the transcript commands' terminal output (``replay``, ``demo``).

``replay`` prints what the REPL printed, so it follows the one terminal policy
(:mod:`c2q_repl.render.terminal`) and the theme the REPL would have used
(``--theme``, else the config file's); ``demo`` uses its own default theme.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, Any

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.terminal import (
    Terminal,
    load_theme_or_fallback,
    render_options,
    theme_name,
)


def terminal_options(
    requested_theme: str | None,
    stream: IO[str] | Any = sys.stdout,
    *,
    env: Mapping[str, str] = os.environ,
    configured_theme: str | None = None,
    default_theme: str = "default",
    err: IO[str] | None = None,
    **overrides: Any,
) -> RenderOptions:
    """Options for printing to ``stream`` the way the REPL prints to the terminal;
    an unknown theme is reported on ``err`` and the default used."""
    terminal = Terminal.detect(stream, env)
    name = theme_name(terminal.color, requested_theme, configured_theme, default=default_theme)
    theme = load_theme_or_fallback(
        name, color=terminal.color, warn=lambda message: _warn(message, err)
    )
    return render_options(terminal, theme, **overrides)


def _warn(message: str, err: IO[str] | None) -> None:
    from c2q_repl.render.sanitize import clean_text

    print(f"c2q: {clean_text(message)}", file=err or sys.stderr)
