"""'how many users signed up per month? monthly counts from the users table pls': a question
said twice in other words. Declined as a whole (one sentence's words do not fit the other's
reading), it is answered when each sentence, asked alone, gets the very same SQL: then the
second adds nothing and drops nothing. Otherwise the decline stands.

Splitting only; builtin.py asks each sentence and compares the SQL.
"""

from __future__ import annotations

import re

_TWO_SENTENCES = re.compile(r"^(?P<first>[^?.!]{8,}?[?.!])\s+(?P<second>[^?.!]{8,}?)[?.!]*\s*$")


def two_sentences(question: str) -> tuple[str, str] | None:
    """(first sentence, second sentence) of a question of exactly two, else None."""
    m = _TWO_SENTENCES.match(question.strip())
    if m is None:
        return None
    first, second = m.group("first").strip(), m.group("second").strip()
    if len(first.split()) < 3 or len(second.split()) < 3:
        return None
    return first, second
