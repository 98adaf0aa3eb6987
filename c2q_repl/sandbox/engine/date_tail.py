"""'What was the highest level the S&P 500 reached in 2022, and on what date?': one answer,
then the day it happened, asked as the follow-up it is.

The engine answers 'on what date was that?' after a ranked row by showing that row's date
(followup_round.py); said in the same sentence, the date part made the whole question
decline, or worse, was dropped. The question is split into its head and that follow-up,
and answered as two rounds of one session.
"""

from __future__ import annotations

import re

_DATE_TAIL = re.compile(
    r"^(?P<head>.{8,}?)\s*,?\s+and\s+(?:(?:on|at)\s+)?(?:what|which)\s+(?:day|date)"
    r"(?:\s+(?:was\s+(?:that|it)|did\s+(?:that|it)\s+happen|did\s+it\s+(?:hit|reach|close)))?"
    r"\s*[?.!]*\s*$"
    r"|^(?P<head2>.{8,}?)\s*,?\s+and\s+when(?:\s+(?:was\s+(?:that|it)|did\s+(?:that|it)\s+happen))?"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
FOLLOW_UP = "on what date was that?"


def split_date_tail(question: str) -> str | None:
    """The question without its trailing 'and on what date (was that)?', or None."""
    m = _DATE_TAIL.match(question.strip())
    if m is None:
        return None
    head = (m.group("head") or m.group("head2") or "").strip(" ,")
    return head + "?" if head else None
