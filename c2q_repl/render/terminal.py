"""The terminal policy, in one place: what the output can show, which theme, which options.

Every front end (the REPL, ``c2q ask``, ``replay`` and ``demo``) asks this
module, so they agree:

* **colour** only on a terminal, and never with ``NO_COLOR`` set or ``TERM=dumb``;
* **Unicode** (box rules, bars, ellipses) when the stream's encoding is UTF-8,
  except on the Linux console (``TERM=linux``), whose font lacks most of them;
* **width**: ``COLUMNS`` when set, else the terminal's, else :data:`PIPE_WIDTH`;
* **theme**: ``--theme``, else the config file's, else the command's default
  (``mono`` when colour is off); an unknown or broken theme is reported once
  and the default (or ``mono``) used instead.

Imported before the REPL's first prompt: only the standard library at module level.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import Theme

#: columns for output that is not going to a terminal (a pipe or a file)
PIPE_WIDTH = 120
#: narrower than this and nothing lays out sensibly
MIN_WIDTH = 20


@dataclass(frozen=True)
class Terminal:
    """What one output stream can show, detected once at start-up."""

    is_tty: bool
    color: bool
    unicode: bool
    width: int

    @classmethod
    def detect(cls, stream: IO[str] | Any, env: Mapping[str, str] = os.environ) -> Terminal:
        tty = is_tty(stream)
        return cls(
            is_tty=tty,
            color=tty and colour_allowed(env),
            unicode=unicode_ok(stream, env),
            width=width_of(stream, tty, env),
        )


def is_tty(stream: IO[str] | Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def colour_allowed(env: Mapping[str, str] = os.environ) -> bool:
    """Whether the user lets us colour a terminal (https://no-color.org, TERM=dumb)."""
    return not env.get("NO_COLOR") and env.get("TERM") != "dumb"


def unicode_ok(stream: IO[str] | Any, env: Mapping[str, str] = os.environ) -> bool:
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    return encoding.startswith("utf") and env.get("TERM") != "linux"


def width_of(stream: IO[str] | Any, tty: bool, env: Mapping[str, str] = os.environ) -> int:
    """``COLUMNS`` when it is a number, else the terminal's width, else :data:`PIPE_WIDTH`."""
    try:
        columns = int(env.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0 and tty:
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 0
    return max(columns or PIPE_WIDTH, MIN_WIDTH)


def theme_name(color: bool, *wanted: str | None, default: str = "default") -> str:
    """The first theme asked for (``--theme``, then the config's), else the
    command's ``default``, or ``mono`` when colour is off and nothing was asked for.

    A theme asked for is kept without colour: its layout (table format) still applies.
    """
    return next((name for name in wanted if name), default if color else "mono")


def load_theme_or_fallback(
    name: str, *, color: bool, warn: Callable[[str], None] | None = None
) -> Theme:
    """Theme ``name``; when it is unknown or broken, ``warn`` says so once and the
    default theme (``mono`` without colour) is used, or the built-in fallback."""
    from c2q_repl.render.theme import ThemeError, fallback_theme, load_theme

    try:
        return load_theme(name)
    except ThemeError as exc:
        if warn is not None:
            hint = f" {exc.hint}" if exc.hint else ""
            warn(f"{exc.message}; using the {'default' if color else 'mono'} theme.{hint}")
    try:
        return load_theme("default" if color else "mono")
    except ThemeError:
        return fallback_theme()


def render_options(terminal: Terminal, theme: Theme, **overrides: Any) -> RenderOptions:
    """Options for rendering to ``terminal`` in ``theme``; ``overrides`` are the caller's view."""
    from c2q_repl.render.options import RenderOptions

    settings: dict[str, Any] = {
        "width": terminal.width,
        "theme": theme,
        "color": terminal.color,
        "unicode": terminal.unicode,
    }
    settings.update(overrides)
    return RenderOptions(**settings)
