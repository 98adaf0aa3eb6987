"""Render options and prompt echo for the transcript commands' terminal output.

``replay`` and ``replay --live`` print what the REPL printed, so they build
their :class:`RenderOptions` the way the REPL does (theme from ``--theme`` or
the environment, colour only on a terminal, width of the terminal) and echo
each question the way the REPL's prompt showed it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import IO

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.theme import Theme, ThemeError, default_theme_name, fallback_theme, load_theme
from c2q_repl.repl.app import PROMPT  # the REPL's prompt, as it stays in the scrollback after Enter


def configured_theme(env: Mapping[str, str] = os.environ, profile: str | None = None) -> str:
    """The ``theme`` the config file sets (top level or profile), "" when none or unreadable.

    Replay needs only this, so it reads the file itself rather than resolving
    credentials (which may run a key command) through ``load_settings``.
    """
    from c2q_repl.api.errors import ConfigError
    from c2q_repl.config import DEFAULT_PROFILE, config_path, profile_values, read_config_file

    path = config_path(env)
    try:
        values = profile_values(
            read_config_file(path),
            profile or env.get("C2Q_PROFILE") or DEFAULT_PROFILE,
            required=False,
            path=path,
        )
    except ConfigError:
        return ""
    theme = values.get("theme")
    return theme if isinstance(theme, str) else ""


def pick_theme(
    name: str | None,
    *,
    env: Mapping[str, str] = os.environ,
    is_tty: bool = True,
    default: str | None = None,
    err: IO[str] | None = None,
) -> Theme:
    """``name`` (or the environment's default); an unknown theme warns and falls back."""
    chosen = name or default or default_theme_name(env, is_tty)
    if env.get("NO_COLOR") and not name:
        chosen = "mono"
    try:
        return load_theme(chosen)
    except ThemeError as exc:
        print(f"c2q: {exc.describe()}; using the default theme", file=err or sys.stderr)
    try:
        return load_theme(default_theme_name(env, is_tty))
    except ThemeError:
        return fallback_theme()


def supports_unicode(stream: IO[str]) -> bool:
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    return encoding.startswith("utf")


def render_options(
    theme_name: str | None,
    stream: IO[str] = sys.stdout,
    *,
    env: Mapping[str, str] = os.environ,
    width: int | None = None,
    default_theme: str | None = None,
    **overrides,
) -> RenderOptions:
    """Options for printing to ``stream`` the way the REPL prints to the terminal."""
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    theme = pick_theme(theme_name, env=env, is_tty=is_tty, default=default_theme)
    color = theme.color and is_tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    cols = width or shutil.get_terminal_size((100, 40)).columns
    return RenderOptions(
        width=max(cols, 20), theme=theme, color=color, unicode=supports_unicode(stream), **overrides
    )


def prompt_line(question: str, opts: RenderOptions) -> str:
    """The question as it stood at the prompt when the user pressed Enter."""
    from c2q_repl.render.sanitize import clean_text

    text = clean_text(question).replace("\n", " ")
    return paint_prompt(opts) + text


def paint_prompt(opts: RenderOptions) -> str:
    """The prompt in the theme's prompt colour (the style the REPL's prompt_toolkit UI uses)."""
    from c2q_repl.render.style import Painter, StyleError

    try:
        return Painter(opts.theme, opts.styled).raw(PROMPT, opts.theme.ui.get("prompt", ""))
    except StyleError:
        return PROMPT
