"""clean_text / clean_cell strip every terminal control family and keep real text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from c2q_repl.render.sanitize import clean_cell, clean_text

ATTACKS = {
    "osc title BEL": ("\x1b]0;pwned\x07ok", "ok"),
    "osc title ST": ("\x1b]2;pwned\x1b\\ok", "ok"),
    "osc 8-bit ST": ("\x1b]2;pwned\x9cok", "ok"),
    "osc hyperlink": ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"),
    "8-bit osc": ("\x9d0;t\x07ok", "ok"),
    "clear screen": ("\x1b[2Jx", "x"),
    "sgr": ("\x1b[31;1mred\x1b[0m", "red"),
    "private csi": ("\x1b[?1049hx", "x"),
    "8-bit csi": ("\x9b31mred", "red"),
    "dcs": ("\x1bPq#0;2;0;0;0\x1b\\z", "z"),
    "8-bit dcs": ("\x90qdata\x9cz", "z"),
    "apc": ("\x1b_payload\x1b\\y", "y"),
    "pm": ("\x1b^privacy\x1b\\y", "y"),
    "sos": ("\x1bXstring\x1b\\y", "y"),
    "reset": ("\x1bcreset", "reset"),
    "charset": ("\x1b(0qqq", "qqq"),
    "lone esc": ("end\x1b", "end"),
    "bel bs cr": ("a\x07b\x08c\rd", "abcd"),
    "del and c1": ("a\x7fb\x85c\x9fd", "abcd"),
    "rtl override": ("invoice\u202egnp.exe", "invoicegnp.exe"),
    "bidi isolates": ("a\u2066b\u2067c\u2068d\u2069e\u202ae\u202be\u202ce\u202de", "abcdeeeee"),
    "lone surrogate": ("x\ud800y", "x\ufffdy"),
}


@pytest.mark.parametrize("raw,expected", list(ATTACKS.values()), ids=list(ATTACKS))
def test_attacks_are_stripped(raw, expected):
    assert clean_text(raw) == expected


def test_real_text_is_kept():
    text = "Apple 苹果 Ünïcödé 🍎👨‍👩‍👧 שלום مرحبا\tcol\nnext"
    assert clean_text(text) == text


def test_unterminated_osc_loses_its_escape():
    out = clean_text("\x1b]0;no end")
    assert "\x1b" not in out and out.endswith("no end")


def test_clean_cell_makes_one_visible_line():
    assert clean_cell("a\nb\tc") == "a↵b c"
    assert clean_cell("line\u2028sep") == "line↵sep"
    assert clean_cell("\x1b]0;pwned\x07v") == "v"


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (12, "12"),
        (-1.5, "-1.5"),
        (1234567890123456789012, "1234567890123456789012"),
        ({"a": [1, "中"]}, '{"a":[1,"中"]}'),
    ],
)
def test_clean_cell_scalars_and_json(value, expected):
    assert clean_cell(value) == expected


CONTROL = (
    set(range(0x20)) - {0x0A, 0x09}
    | set(range(0x7F, 0xA0))
    | set(range(0x202A, 0x202F))
    | set(range(0x2066, 0x206A))
)


@given(st.text())
def test_no_control_character_survives(text):
    out = clean_text(text)
    assert not any(ord(c) in CONTROL for c in out)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in out)


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs"),
            blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        )
    )
)
def test_printable_text_is_unchanged(text):
    assert clean_text(text) == text


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text()))
def test_clean_cell_is_single_line(value):
    out = clean_cell(value)
    assert "\n" not in out and "\t" not in out and "\x1b" not in out


def test_integers_past_the_digit_limit_do_not_crash():
    assert clean_cell(10**5000).endswith("-bit integer>")
