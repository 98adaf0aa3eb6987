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
    r"(?:(?:were|are|was)\s+(?:they|those|these|them)(?:\s+(?:from|in))?\s*)?"
    r"(?:,?\s*(?:and|&|with)\s+how\s+many(?:\s+(?:times|picks|adds|selections))?\s+"
    r"(?:in\s+)?(?:each|apiece|for\s+each)(?:\s+(?:one|got\s+picked|was\s+picked))?)?"
    r"\s*[?.!]*\s*$",
    re.I,
)


# 'which ones?': the rows themselves, read by the follow-up readers as before
_POINTERS = frozenset({"ones", "those", "these", "them", "others", "things"})


def counted_by(question: str, prev: QuerySpec, tables_of: Callable[[str], set[str]]) -> str | None:
    """'how many per <noun>' when ``question`` asks which rows a plain count (no grouping)
    counted, or how many of a list's rows each <noun> has ('which countries are they from,
    and how many each?'); 'list them' when the noun names the counted rows themselves: 'which
    companies?' after the companies in Texas); None otherwise. ``tables_of(word)``: the
    tables a word names."""
    m = _WHICH_ONES.match(question)
    if m is None or m.group("noun").lower() in _POINTERS or prev.group_by is not None:
        return None
    each = " each" in question.lower() or "apiece" in question.lower()
    # after a count its rows are split; after a list only when a count is asked ('which
    # countries are they from, and how many each?')
    if prev.having or not (prev.shape == "count" or (prev.shape == "list" and each)):
        return None
    noun = m.group("noun")
    if prev.table in tables_of(noun):
        return None if each else "list them"
    return f"how many per {singular(noun)}"


_LIST_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now)[\s,]+)?(?:list|show|name)\s+(?:me\s+)?(?:them|those|these)"
    r"(?:\s+(?:please|pls|plz))?\s*[.!?]*\s*$",
    re.I,
)


def counted_rows_listed(question: str, prev: QuerySpec) -> str | None:
    """'list them' after 'which city has the most companies': the companies counted in the
    group the answer kept ('list those companies'), not the city; None otherwise."""
    if _LIST_THEM.match(question) is None or prev.group_by is None:
        return None
    if prev.metric is None or prev.metric.func != "COUNT" or prev.metric.col is not None:
        return None
    kept = prev.limit is not None or prev.ties or any(f.op == "extreme" for f in prev.filters)
    # (after every group's count, 'them' may be the groups or all their rows: left to the
    # follow-up readers)
    return f"list those {prev.table}" if kept else None


# 'and how many of them never picked a single stock?' after 'how many users are there'
_HOW_MANY_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?how\s+many\s+of\s+(?:them|those|these)\s+(?P<rest>\S.*)$",
    re.I,
)


def of_every_row_counted(question: str, prev: QuerySpec) -> str | None:
    """'how many users never picked a single stock' when 'them' are every row of a table the
    previous answer counted with no condition; None otherwise (a condition kept is the
    follow-up readers' work)."""
    m = _HOW_MANY_OF_THEM.match(question)
    if m is None or prev.shape != "count" or prev.filters or prev.group_by is not None:
        return None
    return f"how many {prev.table} {m.group('rest')}"
