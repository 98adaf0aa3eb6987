"""Splitting a compound question into sub-questions (auto_breakdown mode).

Splits only at clear clause boundaries (", and", ";", "?" followed by more,
"and also", "and then", "and which/what/how…"), never inside "between A and
B" or "AAPL and MSFT". A part without a subject borrows the previous part's.
"""

from __future__ import annotations

import re

_WH = r"(?:which|what|who|how|list|show|give|name|find|tell)"
_BOUNDARY = re.compile(
    rf"\s*(?:\?\s+(?=\S)|;\s*|,\s*(?:and\s+|also\s+|then\s+|plus\s+)?(?={_WH}\b)|,\s+and\s+|"
    rf"\s+and\s+(?:also|then)\s+|\s+and\s+(?={_WH}\b)|\.\s+(?=[A-Z]))",
    re.IGNORECASE,
)


def split_question(question: str) -> list[str]:
    """The sub-questions of a compound question; a simple question is one part."""
    parts = [p.strip(" ,;?.") for p in _BOUNDARY.split(question.strip())]
    parts = [p for p in parts if p and len(p.split()) >= 2]
    return parts or [question.strip()]


def with_subject(part: str, subject_words: str) -> list[str]:
    """Ways to give a subject-less part ('which 5 have the largest market cap') a subject."""
    m = re.match(
        r"^\s*((?:which|what|who)(?:\s+\d+)?|(?:top|the)\s+\d+)\b(.*)$", part, re.IGNORECASE
    )
    forms = []
    if m:
        forms.append(f"{m.group(1)} {subject_words}{m.group(2)}")
    forms.append(f"{part} of {subject_words}")
    return forms
