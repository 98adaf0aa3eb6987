"""Colour themes: TOML files naming the SQL style, UI colours and table look.

Shipped themes live in ``themes/`` (installed as ``c2q_repl/themes``); a file
of the same name in ``$XDG_CONFIG_HOME/c2q/themes/`` overrides a shipped one.
A theme may say ``extends = "default"`` and set only what differs. Loading
never half-succeeds: an unknown or broken theme raises :class:`ThemeError`
with the file and the problem, and callers fall back to the default.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from c2q_repl.errors import ConfigError
from c2q_repl.render.sanitize import clean_cell
from c2q_repl.render.style import StyleError, check_style
from c2q_repl.render.tablefmt import TABLE_FORMATS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "themes"
STYLE_ROLES = (
    "header",
    "null",
    "number",
    "error",
    "warning",
    "success",
    "muted",
    "heading",
    "task",
)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_UI_CLASS = re.compile(r"^[a-z0-9.\s_,-]+$")
_TOP_KEYS = {
    "name",
    "description",
    "extends",
    "pygments_style",
    "table_format",
    "null_text",
    "color",
    "styles",
    "ui",
    "chart",
}


class ThemeError(ConfigError):
    """A theme is unknown or its file is broken."""

    kind = "theme"


@dataclass(frozen=True)
class Theme:
    """Everything that decides how output looks (not what it says)."""

    name: str
    description: str = ""
    #: pygments style for SQL; "" means no highlighting
    pygments_style: str = ""
    #: prompt_toolkit style rules: class name -> style string
    ui: Mapping[str, str] = field(default_factory=dict, hash=False)
    table_format: str = "psql"
    #: False for monochrome themes: nothing is ever coloured
    color: bool = True
    null_text: str = "NULL"
    header: str = ""
    null: str = ""
    number: str = ""
    error: str = ""
    warning: str = ""
    success: str = ""
    muted: str = ""
    heading: str = ""
    task: str = ""
    chart_colors: tuple[str, ...] = ()
    #: style of bars below zero ("" means the error role's colour)
    chart_negative: str = ""
    #: where the theme was read from ("" for the built-in fallback)
    source: str = field(default="", compare=False)

    def style(self, role: str) -> str:
        """The style string for an output role ("" when the role is unknown)."""
        return getattr(self, role, "") if role in STYLE_ROLES else ""


def fallback_theme() -> Theme:
    """A colourless theme that needs no file (used when nothing else loads)."""
    return Theme(name="mono", description="no colour", color=False)


def user_theme_dir(env: Mapping[str, str] = os.environ) -> Path:
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "c2q" / "themes"


def _theme_files(user_dir: Path | None) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for folder in (SHIPPED_DIR, user_dir if user_dir is not None else user_theme_dir()):
        try:
            entries = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in entries:
            files[path.stem] = path  # later folders (the user's) win
    return files


def list_themes(user_dir: Path | None = None) -> list[str]:
    """Names of every theme that can be loaded, shipped and user ones."""
    return sorted(_theme_files(user_dir))


def load_theme(name: str, *, user_dir: Path | None = None) -> Theme:
    """Load theme ``name``; raises :class:`ThemeError` when it is unknown or broken."""
    return _load(name, _theme_files(user_dir), ())


def _load(name: str, files: dict[str, Path], chain: tuple[str, ...]) -> Theme:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ThemeError(
            f"invalid theme name {name!r}", hint="theme names are letters, digits, '-', '_' and '.'"
        )
    path = files.get(name)
    if path is None:
        raise ThemeError(
            f"unknown theme {name!r}",
            hint=f"available themes: {', '.join(sorted(files)) or 'none'}",
        )
    if name in chain:
        raise ThemeError(
            f"theme {name!r} extends itself ({' -> '.join(chain + (name,))})",
            hint=f"fix 'extends' in {path}",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(
            f"theme {name!r} cannot be read: {exc}", hint=f"fix or remove {path}"
        ) from None
    try:
        base = (
            _load(_str(data, "extends"), files, chain + (name,))
            if "extends" in data
            else fallback_theme()
        )
        return _build(name, data, base, path)
    except (StyleError, _Invalid) as exc:
        raise ThemeError(f"theme {name!r} is broken: {exc}", hint=f"fix or remove {path}") from None


class _Invalid(ValueError):
    pass


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise _Invalid(f"'{key}' must be a string, not {type(value).__name__}")
    return value


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _Invalid(f"[{key}] must be a table")
    return value


def _build(name: str, data: Mapping[str, Any], base: Theme, path: Path) -> Theme:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _Invalid(
            f"unknown key(s) {', '.join(sorted(unknown))}; expected some of {', '.join(sorted(_TOP_KEYS))}"
        )
    changes: dict[str, Any] = {"name": name, "source": str(path)}
    for key in ("description", "null_text"):
        if key in data:  # printed as they are: one line, nothing a terminal acts on
            changes[key] = clean_cell(_str(data, key))
    if "color" in data:
        if not isinstance(data["color"], bool):
            raise _Invalid("'color' must be true or false")
        changes["color"] = data["color"]
    if "pygments_style" in data:
        changes["pygments_style"] = _check_pygments_style(_str(data, "pygments_style"))
    if "table_format" in data:
        fmt = _str(data, "table_format")
        if fmt not in TABLE_FORMATS:
            raise _Invalid(f"table_format {fmt!r} is not one of {', '.join(sorted(TABLE_FORMATS))}")
        changes["table_format"] = fmt
    styles = _table(data, "styles")
    for role, value in styles.items():
        if role not in STYLE_ROLES:
            raise _Invalid(f"unknown style [styles].{role}; known: {', '.join(STYLE_ROLES)}")
        if not isinstance(value, str):
            raise _Invalid(f"[styles].{role} must be a string")
        check_style(value)
        changes[role] = value
    ui = dict(base.ui)
    for cls, value in _table(data, "ui").items():
        if not _UI_CLASS.match(cls) or not isinstance(value, str):
            raise _Invalid(
                f"[ui] entry {cls!r} must map a prompt_toolkit class name to a style string"
            )
        check_style(value)
        ui[cls] = value
    changes["ui"] = ui
    chart = _table(data, "chart")
    if "colors" in chart:
        colours = chart["colors"]
        if not isinstance(colours, list) or not all(isinstance(c, str) for c in colours):
            raise _Invalid("[chart].colors must be a list of style strings")
        for c in colours:
            check_style(c)
        changes["chart_colors"] = tuple(colours)
    if "negative" in chart:
        if not isinstance(chart["negative"], str):
            raise _Invalid("[chart].negative must be a style string")
        check_style(chart["negative"])
        changes["chart_negative"] = chart["negative"]
    known = {f.name for f in fields(Theme)}
    return replace(base, **{k: v for k, v in changes.items() if k in known})


def _check_pygments_style(style: str) -> str:
    """An existing pygments style name, or "" for none (imports pygments' index only)."""
    if style in ("", "none"):
        return ""
    from pygments.styles import STYLE_MAP, get_style_by_name
    from pygments.util import ClassNotFound

    if style not in STYLE_MAP:
        try:
            get_style_by_name(style)  # a plugin style
        except ClassNotFound:
            raise _Invalid(f"pygments_style {style!r} does not exist") from None
    return style
