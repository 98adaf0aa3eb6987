"""'which stocks, and how many times each?' after 'how many picks were made in Dec 2023':
the rows just counted, one line per stock with its count, i.e. the count split per stock
('how many per stock', an edit the follow-up readers know). Never every stock in the
database, which a bare 'which stocks?' would be as a question of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalize import singular
from .spec import QuerySpec

_WHICH_ONES = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:which|what)\s+(?P<noun>[a-z]+s)\s*"
    r"(?:(?:were|are|was)\s+(?:they|those|these|them)\s*)?"
    r"(?:,?\s*(?:and|&|with)\s+how\s+many(?:\s+(?:times|picks|adds|selections))?\s+"
    r"(?:each|apiece|for\s+each)(?:\s+(?:one|got\s+picked|was\s+picked))?)?"
    r"\s*[?.!]*\s*$",
    re.I,
)


# 'which ones?': the rows themselves, read by the follow-up readers as before
_POINTERS = frozenset({"ones", "those", "these", "them", "others", "things"})


def counted_by(question: str, prev: QuerySpec, tables_of: Callable[[str], set[str]]) -> str | None:
    """'how many per <noun>' when ``question`` asks which rows a plain count (no grouping)
    counted ('list them' when the noun names the counted rows themselves: 'which
    companies?' after the companies in Texas); None otherwise. ``tables_of(word)``: the
    tables a word names."""
    m = _WHICH_ONES.match(question)
    if (
        m is None
        or m.group("noun").lower() in _POINTERS
        or prev.shape != "count"
        or prev.group_by is not None
        or prev.having
    ):
        return None
    noun = m.group("noun")
    if prev.table in tables_of(noun):
        return None if " each" in question.lower() else "list them"
    return f"how many per {singular(noun)}"
