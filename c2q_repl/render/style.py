"""Theme style strings -> ANSI SGR escapes.

Themes write every style in prompt_toolkit's syntax (``"bold #87afff"``,
``"bg:ansiblue ansiwhite"``), so one vocabulary serves both the UI (handed to
prompt_toolkit as is) and our printed output (turned into SGR here).
"""

from __future__ import annotations

import re
from typing import Protocol

RESET = "\x1b[0m"

_ATTRS = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "blink": "5",
    "reverse": "7",
    "hidden": "8",
    "strike": "9",
}
_NEGATED = {"no" + name for name in _ATTRS}
_IGNORED = {"noinherit", "roman", "sans", "mono", "default", ""}

# 16-colour palette by prompt_toolkit's ANSI names (foreground codes).
_ANSI = {
    "ansiblack": 30,
    "ansired": 31,
    "ansigreen": 32,
    "ansiyellow": 33,
    "ansiblue": 34,
    "ansimagenta": 35,
    "ansicyan": 36,
    "ansigray": 37,
    "ansibrightblack": 90,
    "ansibrightred": 91,
    "ansibrightgreen": 92,
    "ansibrightyellow": 93,
    "ansibrightblue": 94,
    "ansibrightmagenta": 95,
    "ansibrightcyan": 96,
    "ansiwhite": 97,
}
_ANSI_ALIASES = {
    "ansidarkgray": "ansibrightblack",
    "ansiteal": "ansicyan",
    "ansiturquoise": "ansibrightcyan",
    "ansibrown": "ansiyellow",
    "ansipurple": "ansimagenta",
    "ansifuchsia": "ansibrightmagenta",
    "ansilightgray": "ansigray",
    "ansidarkred": "ansired",
    "ansidarkgreen": "ansigreen",
    "ansidarkblue": "ansiblue",
}
# A few CSS colour names people type; anything else: use #rrggbb.
_NAMED = {
    "black": "000000",
    "white": "ffffff",
    "red": "ff0000",
    "green": "008000",
    "lime": "00ff00",
    "blue": "0000ff",
    "yellow": "ffff00",
    "cyan": "00ffff",
    "aqua": "00ffff",
    "magenta": "ff00ff",
    "fuchsia": "ff00ff",
    "gray": "808080",
    "grey": "808080",
    "silver": "c0c0c0",
    "maroon": "800000",
    "olive": "808000",
    "navy": "000080",
    "purple": "800080",
    "teal": "008080",
    "orange": "ffa500",
    "pink": "ffc0cb",
    "gold": "ffd700",
}
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


class StyleError(ValueError):
    """A style string uses a word that is neither an attribute nor a colour."""


def _colour_codes(spec: str, background: bool) -> str:
    name = _ANSI_ALIASES.get(spec.lstrip("#"), spec.lstrip("#"))
    if name in _ANSI:
        return str(_ANSI[name] + (10 if background else 0))
    if name == "ansidefault":
        return "49" if background else "39"
    hexa = _NAMED.get(spec.lower())
    if hexa is None:
        match = _HEX.fullmatch(spec)
        if not match or not spec.startswith("#"):
            raise StyleError(f"unknown colour {spec!r} (use an ANSI name like ansired, or #rrggbb)")
        hexa = match.group(1)
        if len(hexa) == 3:
            hexa = "".join(c * 2 for c in hexa)
    r, g, b = (int(hexa[i : i + 2], 16) for i in (0, 2, 4))
    return f"{48 if background else 38};2;{r};{g};{b}"


def sgr(style: str) -> str:
    """The SGR escape that starts ``style`` ("" for an empty style).

    Raises :class:`StyleError` for words prompt_toolkit would not accept either.
    """
    codes: list[str] = []
    for word in style.split():
        if word in _ATTRS:
            codes.append(_ATTRS[word])
        elif (
            word in _NEGATED
            or word in _IGNORED
            or word.startswith("border:")
            or (word.startswith("[") and word.endswith("]"))
        ):
            continue
        elif word.startswith("bg:"):
            if word[3:] not in _IGNORED:
                codes.append(_colour_codes(word[3:], background=True))
        elif word.startswith("fg:"):
            if word[3:] not in _IGNORED:
                codes.append(_colour_codes(word[3:], background=False))
        else:
            codes.append(_colour_codes(word, background=False))
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def check_style(style: str) -> None:
    """Raise :class:`StyleError` when ``style`` cannot be parsed."""
    sgr(style)


class _Styled(Protocol):
    """What a painter needs of a theme: the style string of a role."""

    def style(self, role: str) -> str: ...


class Painter:
    """Wraps text in a theme's styles, or leaves it alone when colour is off.

    Escapes are computed once per style name, so painting 10,000 cells costs
    one string concatenation each.
    """

    __slots__ = ("enabled", "_theme", "_cache")

    def __init__(self, theme: _Styled, enabled: bool) -> None:
        self.enabled = enabled
        self._theme = theme
        self._cache: dict[str, str] = {}

    def prefix(self, role: str) -> str:
        """SGR start sequence for a theme role such as "header" ("" when off)."""
        if not self.enabled:
            return ""
        known = self._cache.get(role)
        if known is None:
            known = self._cache[role] = sgr(self._theme.style(role))
        return known

    def __call__(self, text: str, role: str) -> str:
        start = self.prefix(role)
        return f"{start}{text}{RESET}" if start and text else text

    def raw(self, text: str, style: str) -> str:
        """Paint with a literal style string (chart series colours)."""
        if not self.enabled or not style:
            return text
        start = self._cache.get("#" + style)
        if start is None:
            start = self._cache["#" + style] = sgr(style)
        return f"{start}{text}{RESET}" if start and text else text
