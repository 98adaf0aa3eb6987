"""'which stocks have exactly 1 pick? need symbol and name', 'what are the 10 most picked
stocks? show company name + # of picks': a last sentence that only lists columns. When the
answer to the question before it shows every one of them anyway, that sentence asks for
nothing more; otherwise the question stays declined.

Parsing and the check on the SQL only; builtin.py asks the first part again.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .lexicon import Lexicon
from .linking import link
from .reading import columns_of

_LAST_SENTENCE = re.compile(
    r"^(?P<asked>.+?[?.!])\s+(?:(?:and|also|pls|please|plus|ok)[\s,]+)?"
    r"(?:(?:i\s+)?need|show(?:\s+me)?|give(?:\s+me)?|with|incl(?:ude|uding)?|list|want)?\s*"
    r"(?:the\s+|their\s+|its\s+)?(?P<columns>[^?.!]+?)\s*(?:,?\s*(?:pls|please|too|as\s+well))?"
    r"\s*[?.!]*\s*$",
    re.I,
)
_NAME_WORDS = re.compile(r"^(?:the\s+)?(?:(?:company|stock|full)\s+)?(?:names?|titles?)$", re.I)
_PARTS = re.compile(r"\s*(?:,|\+|&|\band\b|\bplus\b)\s*", re.I)
_COUNT_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:number|count|no\.?|#)\s+of\s+\w+|(?:\w+\s+)?counts?|how\s+many(?:\s+\w+)?"
    r"(?:\s+each)?)(?:\s+(?:for|of|in)\s+(?:each|every)(?:\s+one)?)?$",
    re.I,
)


def columns_sentence(question: str) -> tuple[str, str] | None:
    """(the question before the last sentence, the columns it lists) or None."""
    m = _LAST_SENTENCE.match(question.strip())
    if m is None:
        return None
    return m.group("asked").strip(), m.group("columns").strip()


def lists_columns(columns: str, lex: Lexicon) -> bool:
    """Every part of ``columns`` names a column, a name or a count (checked before the
    question is asked again, which costs a whole answer)."""
    parts = [p for p in _PARTS.split(columns) if p.strip()]
    if not parts:
        return False
    for part in parts:
        if _COUNT_WORDS.match(part.strip()) or _NAME_WORDS.match(part.strip()):
            continue
        items = link(part, lex).items
        if not any(it.kind == "column" for it in items):
            return False
        if any(it.kind not in ("column", "table") for it in items):
            return False
    return True


def shows_all(columns: str, sql: str, dialect: str, lex: Lexicon) -> bool:
    """Every column listed ('symbol and name', 'company name + # of picks') is in the SELECT
    of ``sql``: its own column, or a count for 'number of …'."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return False
    if not isinstance(tree, exp.Select):
        return False
    shown = {c.name.lower() for e in tree.selects for c in e.find_all(exp.Column)}
    counted = any(e.find(exp.Count) is not None for e in tree.selects)
    parts = [p for p in _PARTS.split(columns) if p.strip()]
    if not parts:
        return False
    for part in parts:
        if _COUNT_WORDS.match(part.strip()):
            if not counted:
                return False
            continue
        if _NAME_WORDS.match(part.strip()):
            if not any("name" in c or "title" in c for c in shown):
                return False
            continue
        items = link(part, lex).items
        named = {c.column.lower() for it in items if it.kind == "column" for c in columns_of(it)}
        if (
            not named
            or not named & shown
            or any(it.kind not in ("column", "table") for it in items)
        ):
            return False
    return True
