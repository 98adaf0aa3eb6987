"""Display preferences from the config file reach the REPL's view and pager."""

from __future__ import annotations

import io

from c2q_repl.repl.context import ViewState
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.session import apply_display_settings


def _apply(extra: dict) -> tuple[ViewState, Printer, list[str]]:
    view, out, notes = (
        ViewState("default"),
        Printer(stream=io.StringIO(), color=False, is_tty=True),
        [],
    )
    apply_display_settings(view, out, extra, notes)
    return view, out, notes


def test_defaults_untouched_without_settings():
    view, out, notes = _apply({})
    assert (view.vertical, view.table_format, view.charts, out.pager_mode, notes) == (
        "auto",
        None,
        True,
        "auto",
        [],
    )


def test_every_display_setting_applies():
    view, out, notes = _apply(
        {"layout": "vertical", "table_format": "github", "charts": False, "pager": "off"}
    )
    assert (view.vertical, view.table_format, view.charts, out.pager_mode) == (
        "on",
        "github",
        False,
        "off",
    )
    assert notes == []


def test_bad_values_are_reported_and_ignored():
    view, out, notes = _apply(
        {"layout": "sideways", "table_format": "nope", "pager": 3, "charts": "maybe"}
    )
    assert (view.vertical, view.table_format, view.charts, out.pager_mode) == (
        "auto",
        None,
        True,
        "auto",
    )
    assert (
        len(notes) == 4 and any("sideways" in n for n in notes) and any("nope" in n for n in notes)
    )
