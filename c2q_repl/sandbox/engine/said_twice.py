"""'how many users signed up per month? monthly counts from the users table pls': a question
said twice in other words. Declined as a whole (one sentence's words do not fit the other's
reading), it is answered when each sentence, asked alone, gets the very same SQL: then the
second adds nothing and drops nothing. Otherwise the decline stands.

A first sentence that asks for the top group ('which sector has the most companies?') and a
second that asks for the groups ranked the same way ('list every sector with its count,
biggest first') are answered with the ranking: its first row answers the first sentence.

Splitting and comparing only; builtin.py asks each sentence.
"""

from __future__ import annotations

import re

from .spec import QuerySpec

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


def ranking_shows_top(first: dict | None, second: dict | None) -> bool:
    """The second spec ranks the same groups by the same measure, in the same direction, over
    the same rows, and keeps at least as many groups as the first (which keeps the top)."""
    if not first or not second:
        return False
    one, two = QuerySpec.from_json(first), QuerySpec.from_json(second)
    if one.group_by is None or one.group_by != two.group_by or one.metric != two.metric:
        return False
    if set(one.filters) != set(two.filters) or one.having != two.having or two.extra_metrics:
        return False
    if not (one.order_metric and two.order_metric) or one.descending != two.descending:
        return False
    if two.limit is None:
        return True
    return one.limit is not None and two.limit >= one.limit
