"""Make text from the server or the database safe to print in a terminal.

Anything Chat2Query returns (SQL, task text, error reasons, cell values) is
attacker-influenced: a cell holding ``"\\x1b]0;pwned\\x07"`` would retitle the
window, ``"\\x1b[2J"`` would clear the screen, a right-to-left override would
make "gnp.exe" read as "exe.png". Everything printed goes through
:func:`clean_text` (or :func:`clean_cell` for one table cell) first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# One pass removes every terminal control sequence family:
#  - CSI (7-bit ESC [ and 8-bit 0x9b) with parameter/intermediate/final bytes;
#  - string sequences OSC/DCS/SOS/PM/APC (7- and 8-bit introducers) up to
#    their terminator (BEL, ESC \\ or 8-bit ST);
#  - any other ESC sequence (ESC, intermediates, final byte), e.g. ESC c;
#  - stray C0 controls except \n and \t, DEL, C1 controls, lone ESC;
#  - bidi embedding/override/isolate controls, which reorder what is shown.
_CONTROL = re.compile(
    r"""
      (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)
    | \x1b[\x20-\x2f]*[\x30-\x7e]
    | [\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]
    """,
    re.VERBOSE,
)
# Lone surrogates survive json.loads but crash the terminal encoder.
_SURROGATE = re.compile("[\ud800-\udfff]")

# What a cell shows instead of characters that would break a table row.
_CELL_BREAKS = str.maketrans({"\n": "↵", "\t": " ", "\u2028": "↵", "\u2029": "↵"})


#: single characters a terminal or a viewer would act on rather than show: C0
#: controls but newline and tab, DEL, C1 controls, bidi controls, the Unicode
#: line separators, and lone surrogates (which no UTF-8 writer can encode)
_CONTROL_CHAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escape_controls(text: str, escape: Callable[[int], str]) -> str:
    """``text`` with each control character replaced by ``escape(code point)``:
    for files whose format can say the character without containing it (JSON
    ``\\u001b``, HTML ``&#x1b;``), so the data stays exact and no terminal or
    viewer ever acts on it."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL_CHAR.sub(lambda m: escape(ord(m.group())), text)


def json_escape(code: int) -> str:
    """A JSON string escape, valid inside any JSON string."""
    return f"\\u{code:04x}"


def html_escape(code: int) -> str:
    """An HTML character reference (U+FFFD for a lone surrogate, which HTML cannot name)."""
    return "&#xfffd;" if 0xD800 <= code <= 0xDFFF else f"&#x{code:x};"


def clean_text(text: str) -> str:
    """``text`` without terminal control sequences; newlines, tabs and all
    printable Unicode (CJK, emoji, RTL letters) are kept."""
    if not isinstance(text, str):
        text = str(text)
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to strip
    text = _CONTROL.sub("", text)
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return text


def clean_cell(value: object) -> str:
    """One table cell as single-line safe text (``None`` becomes ``""``;
    callers that show NULL distinctly check for ``None`` first)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value.isascii() and value.isprintable():
            return value
        return clean_text(value).translate(_CELL_BREAKS)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # beyond Python's int-to-text digit limit
            return f"<{value.bit_length()}-bit integer>"
    if isinstance(value, float):
        return str(value)
    if isinstance(value, (dict, list, tuple)):
        import json  # rare here, and the REPL's first prompt needs this module without it

        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return clean_text(str(value)).translate(_CELL_BREAKS)
