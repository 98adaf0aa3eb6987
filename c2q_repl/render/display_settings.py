"""The config file's display preferences as render options, for ``c2q ask``.

A profile may set ``layout``, ``table_format``, ``charts`` and ``numbers``
(README, "Connect to TiDB Cloud"); the REPL applies them to its view, and
``c2q ask --format table`` prints with them too, so a table looks the same in
both. Pure: a bad value becomes a note for the caller to print, and the
default is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: ``layout`` in the config → ``RenderOptions.vertical``
LAYOUTS = {"auto": "auto", "vertical": "on", "horizontal": "off"}
NUMBERS = ("readable", "human", "raw")


@dataclass(frozen=True)
class DisplaySettings:
    """Render option overrides the config asks for (only those it sets) and notes on bad values."""

    overrides: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def display_settings(extra: Mapping[str, Any]) -> DisplaySettings:
    """Overrides for :class:`~c2q_repl.render.options.RenderOptions` from a profile's keys."""
    from c2q_repl.render.tablefmt import TABLE_FORMATS

    overrides: dict[str, Any] = {}
    notes: list[str] = []

    def bad(key: str, allowed: str) -> None:
        notes.append(f"config: {key} = {extra[key]!r} is not one of {allowed}; using the default")

    if "layout" in extra:
        if extra["layout"] in LAYOUTS:
            overrides["vertical"] = LAYOUTS[extra["layout"]]
        else:
            bad("layout", ", ".join(LAYOUTS))
    if "charts" in extra:
        if isinstance(extra["charts"], bool):
            overrides["charts"] = extra["charts"]
        else:
            bad("charts", "true, false")
    if "numbers" in extra:
        if extra["numbers"] in NUMBERS:
            overrides["numbers"] = extra["numbers"]
        else:
            bad("numbers", ", ".join(NUMBERS))
    if "table_format" in extra:
        if isinstance(extra["table_format"], str) and extra["table_format"] in TABLE_FORMATS:
            overrides["table_format"] = extra["table_format"]
        else:
            notes.append(
                f"config: unknown table_format {extra['table_format']!r}; using the theme's"
            )
    return DisplaySettings(overrides, notes)
