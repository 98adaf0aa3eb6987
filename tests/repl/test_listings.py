"""Slash-command listings drawn by render/listings: theme roles, NO_COLOR, one line
per server text, each relationship once."""

from __future__ import annotations

import re

import pytest

from c2q_repl.api.resources import DataSummary, KnowledgeBase, KnowledgeData, Session
from c2q_repl.chat.server_sessions import ServerRound
from c2q_repl.render import listings as L
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.theme import load_theme

ESC = "\x1b"
REL = {
    "referencing_table": "stock_prices",
    "referencing_table_column": "symbol",
    "referenced_table": "companies",
    "referenced_table_column": "symbol",
}


def _opts(color: bool = True, unicode: bool = True) -> RenderOptions:
    return RenderOptions(theme=load_theme("default"), color=color, unicode=unicode)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("two\nlines", "two↵lines"),
        ("crlf\r\nend", "crlf↵end"),
        ("tab\there", "tab here"),
        ("\x1b[2Jclear", "␛[2Jclear"),
        ("bell\x07", "bell␇"),
        ("\u202eevil", "<U+202E>evil"),
        ("c1\x9bx", "c1<U+009B>x"),
    ],
)
def test_one_line_makes_breaks_and_controls_visible(text, shown):
    assert L.one_line(text) == shown


def test_one_line_ascii_uses_caret_notation():
    assert L.one_line("a\nb\x1bc", unicode=False) == "a\\nb^[c"


def _summary(relationships) -> DataSummary:
    return DataSummary.from_json(
        {
            "data_summary_id": 1,
            "database": "db",
            "status": "done",
            "tables": {"companies": {"name": "companies", "columns": {}}},
            "relationships": relationships,
        }
    )


@pytest.mark.parametrize(
    "layout",
    [
        {"stock_prices": REL, "companies": REL},  # docs' object per table, under both tables
        {"stock_prices": [REL], "companies": [REL, REL]},  # PingCAP clients' arrays, repeated
        [REL, dict(REL)],  # a flat list with a duplicate
    ],
)
def test_each_relationship_is_shown_once_whatever_the_layout(layout):
    lines = L.summary_lines(_summary(layout), _opts(color=False))
    assert sum("stock_prices.symbol → companies.symbol" in line for line in lines) == 1


def _all_listings(opts: RenderOptions) -> list[str]:
    bad = "evil\nname\x1b]0;pwn\x07"
    lines = []
    lines += L.summary_lines(_summary({"t": REL}), opts)
    lines += L.server_history_lines(
        "1",
        [ServerRound(question=bad, status="done", sql="SELECT\n1", row_count=1, job_id="j")],
        opts,
    )
    lines += L.session_list_lines([Session(session_id="1", name=bad)], "1", opts)
    lines += L.knowledge_lines(
        KnowledgeBase(knowledge_base_id="2", description=bad),
        [KnowledgeData(knowledge_data_id="3", type="instruction", raw_data={"instruction": bad})],
        opts,
    )
    lines += L.sql_diff_lines("SELECT a\nFROM t", "SELECT b\nFROM t\nLIMIT 3", opts)
    lines += L.key_value_lines([("name", bad)], opts)
    lines += L.numbered_lines([bad], opts)
    lines += L.choice_lines(["default", "mono"], "mono", opts)
    return lines


def test_no_color_means_not_one_escape_byte():
    lines = _all_listings(_opts(color=False))
    assert not any(ESC in line for line in lines), [line for line in lines if ESC in line]


def test_colour_comes_from_the_theme_roles_and_server_text_cannot_escape():
    theme = load_theme("default")
    opts = RenderOptions(theme=theme, color=True)
    lines = _all_listings(opts)
    from c2q_repl.render.style import sgr

    text = "\n".join(lines)
    assert sgr(theme.style("success")) in text and sgr(theme.style("error")) in text
    # every escape in the output is one of the theme's SGR sequences or a reset
    allowed = {
        sgr(theme.style(role)) for role in ("heading", "muted", "success", "error", "header")
    }
    for esc in re.findall(r"\x1b\[[0-9;]*m", text):
        assert esc in allowed or esc == "\x1b[0m", repr(esc)
    assert "\x1b]" not in text and "\x07" not in text
    # each server text stays on its line: no line holds a raw newline
    assert all("\n" not in line for line in lines)
