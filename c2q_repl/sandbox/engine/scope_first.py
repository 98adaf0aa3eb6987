"""'texas only - top 3 employers', 'only tech - top 5 by market cap', 'for tech only, which
industries get picked the most?': the scope said first, then the question. Read as the question
with the scope as its condition ('top 3 employers in texas') when nothing was asked before; in a
session the same words narrow the previous answer ('only tech' after California's companies per
sector), which this reading would lose, so it is used only for a first question."""

from __future__ import annotations

import re

_SCOPE_FIRST = re.compile(
    r"^\s*(?:for\s+)?(?:only\s+(?P<a>[a-z0-9&][^,:;\-–—?]{1,30}?)|(?P<b>[a-z0-9&][^,:;\-–—?]{1,30}?)"
    r"\s+only)\s*(?:[,:;.]|\s[-–—])\s*(?P<q>[^?]+?)\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)


# 'Tech only. Top 5 names by wt.': a whole ranking after the scope is a question of its own
# even in a session
_WHOLE_RANKING = re.compile(r"^\s*(?:top|bottom)\s+\d+\b.*\bby\b", re.IGNORECASE)


def scope_first(question: str, in_session: bool = False) -> tuple[str, tuple[str, str]] | None:
    """(the question with its scope as a condition, (said, read as)), or None."""
    m = _SCOPE_FIRST.match(question)
    if m is None or (in_session and not _WHOLE_RANKING.match(m.group("q"))):
        return None
    scope = m.group("a") or m.group("b")
    read = f"{m.group('q')} in {scope}{m.group('end')}"
    return read, (question.strip(), read)
