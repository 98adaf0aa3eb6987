"""'each sector's share of total market cap', 'percent of companies in each sector', 'picks per
sector with their % of the total': a count or a sum per group, each shown with its share of
the whole. The words of the share are taken off and the rest is read on its own ('total
market cap per sector'); the builtin engine keeps the reading only when it is a count or a
sum per group, the one shape whose groups add up to the whole (an average per group does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PCT = r"(?:percent(?:age)?s?|share|proportion|fraction|pct)"
# 'the whole', 'all': dropped; 'total' stays with the measure ('total market cap per sector')
_WHOLE = r"(?:the\s+)?(?:whole\s+|overall\s+|all\s+)?"
# the whole said after 'of': nothing more than the total (of the measure already asked)
_OF_THE_WHOLE = (
    r"(?:\s+of\s+(?:the\s+)?(?:total|whole|overall|sum|all)"
    r"(?:\s+(?:market\s+cap(?:italization|italisation)?|(?:index\s+)?weight|companies|picks|"
    r"count|number|users))?)?"
)
_EACH = r"(?:in|for|per|across|of|within)\s+(?:each|every)\s+"

# 'percent of companies in each sector', 'share of picks by sector'
_LEADING = re.compile(
    rf"^\s*(?:(?:what|which)\s+(?:is|are|was|were)\s+)?(?:the\s+)?{_PCT}\s+of\s+{_WHOLE}"
    rf"(?P<what>.+?)\s+(?:(?P<each>{_EACH})|(?P<per>per|by)\s+)(?P<group>[a-z][\w ]*?)"
    r"\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
# 'each sector's share of total market cap'
_POSSESSIVE = re.compile(
    rf"^\s*(?:(?:what|which)\s+(?:is|are|was|were)\s+)?(?:the\s+)?(?:each|every)\s+"
    rf"(?P<group>[a-z][a-z ]*?)(?:'s|s'|’s)\s+{_PCT}\s+of\s+{_WHOLE}(?P<what>.+?)"
    r"\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
# 'what percentage of the index weight does each sector have'
_EACH_HAS = re.compile(
    rf"^\s*(?:(?:what|which)\s+{_PCT}|how\s+much)\s+of\s+{_WHOLE}"
    r"(?P<what>.+?)\s+(?:does|do|did|is|are|was|were|goes|go|comes|come|belongs|belong)\s+"
    r"(?:(?:to|from|in)\s+)?(?:the\s+)?(?:each|every)\s+(?P<group>[a-z][a-z ]*?)"
    r"(?:\s+(?:have|has|hold|holds|represent|represents|make\s+up|makes\s+up|account\s+for|"
    r"accounts\s+for|get|gets|take|takes|carry|carries))?\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
# 'market cap per sector as a percent of the total', 'companies by exchange with their share'
_TRAILING = re.compile(
    r"^\s*(?P<what>.+?)\s*[,;]?\s+"
    r"(?:with|and|plus|incl(?:uding)?|as|in)\s+"
    r"(?:the\s+|their\s+|its\s+|each\s+one's\s+|an?\s+|%\s+)?"
    rf"{_PCT}(?:\s+share)?(?:\s+of\s+(?:the\s+)?(?:total|whole|overall|sum|all))?"
    r"(?:\s+(?:market\s+cap(?:italization|italisation)?|(?:index\s+)?weight|companies|picks|"
    r"count|number|users))?\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GroupShare:
    """A count or sum per group asked with each group's share of the whole."""

    question: str  # the question without the share: 'total market cap per sector'
    said: str  # the words of the share, for the note


def group_share(question: str) -> GroupShare | None:
    """The question read without its share words, or None when it does not ask for each
    group's share of a whole."""
    m = _POSSESSIVE.match(question) or _EACH_HAS.match(question)
    if m is not None:
        group = m.group("group").strip()
        return GroupShare(f"{m.group('what')} per {group}{m.group('end')}", question.strip())
    m = _LEADING.match(question)
    if m is not None:
        per = "per" if m.group("each") else m.group("per")
        rest = f"{m.group('what')} {per} {m.group('group').strip()}{m.group('end')}"
        return GroupShare(rest, question.strip())
    m = _TRAILING.match(question)
    if m is not None:
        return GroupShare(f"{m.group('what')}{m.group('end')}", question.strip())
    return None
