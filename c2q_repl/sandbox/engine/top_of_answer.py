"""'list the companies in the top industry from that' after the industries ranked by their
picks: 'the top industry' is the first row of the previous answer, said again by its value
('in the Semiconductors industry'), so the question reads as a question of its own.

Only after a grouped answer ranked from the largest value down, when the words name that
grouping ('industry', 'state', 'one') and its first row is not tied with the second.

Parsing only; builtin.py runs the previous SQL and asks again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .group_conditions import group_words
from .normalize import singular
from .spec import QuerySpec

_TOP_OF_ANSWER = re.compile(
    r"\b(?:the\s+)?(?:top|first|#\s*1|number\s+one|no\.?\s*1|leading|winning)\s+"
    r"(?P<noun>[a-z]+)(?P<back>\s+(?:from|in|of|on)\s+(?:that|this|those|these|the\s+(?:list|"
    r"previous\s+answer|answer\s+before|last\s+answer)))?\b",
    re.I,
)


@dataclass(frozen=True)
class TopOfAnswer:
    """``said``: the words ('the top industry from that'); ``noun``: the group's word."""

    said: str
    noun: str
    span: tuple[int, int]

    def with_value(self, question: str, value: str) -> str:
        start, end = self.span
        noun = "" if self.noun.lower() == "one" else f" {self.noun}"
        return f"{question[:start]}the {value}{noun}{question[end:]}"


def top_of_answer(question: str, prev: QuerySpec) -> TopOfAnswer | None:
    """The words naming the first row of ``prev``, when ``prev`` ranks groups from the largest
    down and the words name its grouping; None otherwise."""
    m = _TOP_OF_ANSWER.search(question)
    if m is None or prev.group_by is None or prev.bucket:
        return None
    if not (prev.order_metric and prev.descending):
        return None
    noun = m.group("noun").lower()
    if noun != "one" and singular(noun) not in group_words(prev.group_by.column):
        return None
    return TopOfAnswer(m.group(0), m.group("noun"), (m.start(), m.end()))
