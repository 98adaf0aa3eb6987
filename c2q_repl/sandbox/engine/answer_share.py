"""'show as % of total, biggest first', 'and express each as a % of total headcount' after a
count or a sum per group: the same groups, each with its share of the whole (group_share.py
reads the same when asked in one question).

Only the words of the share, an ordering and a restatement of the whole ('of total
headcount', 'of all picks') are read; a whole that names anything the previous answer did not
use ('of all Q4 picks' after every quarter) would change the denominator, so the question is
left to the rest of the engine, which declines it.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .linking import link
from .spec import QuerySpec, one_value_per_group

_SHARE = re.compile(
    r"^\s*(?:(?:and|also|ok(?:ay)?|now|then|pls|please|can\s+you|could\s+you)[\s,]+)*"
    r"(?:(?:show|express|give|put|display|add|list|make)\s+(?:me\s+)?)?"
    r"(?:(?:it|that|them|those|these|this|each(?:\s+one)?|the\s+counts?|the\s+totals?|"
    r"each\s+\w+'s\s+total)\s+)?"
    r"(?:as|in|with)\s+(?:an?\s+|the\s+|their\s+)?"
    r"(?:percent(?:age)?s?|share|shares|proportions?|pct)(?:\s+share)?"
    r"(?:\s+of\s+(?:the\s+)?(?:total|whole|overall|all|sum)(?P<whole>(?:\s+[\w&'-]+){0,6}?))?"
    r"(?:\s+column)?"
    r"(?:[\s,]+in\s+(?P<order>descending|ascending)\s+order)?"
    r"(?:\s+(?:please|pls|too|instead))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_MAKE_IT = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|now|and|pls|please)[\s,]+)*(?:make|turn|convert)\s+(?:it|that|them|those|"
    r"these|the\s+counts?|the\s+totals?)\s+(?:into\s+)?(?:an?\s+)?(?=percent|pct|share|proportion)",
    re.IGNORECASE,
)
# 'of all Q4 picks' after the picks of Q4 2023: the period said again, without its year
_PERIOD_WORD = re.compile(
    r"q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*", re.I
)
# words of a restated whole that say nothing of their own
_WHOLE_FILLER = frozenset({"in", "the", "data", "dataset", "of", "all", "total", "whole"})


def share_of_answer(question: str, prior: QuerySpec, lex: Lexicon) -> QuerySpec | None:
    """The previous count or sum per group with each group's share of the whole, or None."""
    # 'make that a % pls', 'turn them into percentages': shown as shares
    question = _MAKE_IT.sub("show it as ", question)
    m = _SHARE.match(question)
    if m is None or not shares_add_up(prior):
        return None
    said_whole = m.group("whole") is not None or re.search(r"\bshares?\b", m.group(0), re.I)
    if not said_whole and prior.metric is not None and prior.metric.func != "COUNT":
        return None  # 'in percent' after total weights: a unit (units.py), not a share
    whole = (m.group("whole") or "").strip()
    if whole and not _restates(whole, prior, lex):
        return None
    spec = prior.with_(share_of_total=True)
    if m.group("order"):
        spec = spec.with_(order_metric=True, descending=m.group("order").lower() == "descending")
    group = prior.group_by.column if prior.group_by else "group"
    note = (
        m.group(0).strip(),
        f"each {group}'s value of the previous answer as a percentage of the sum over every "
        f"{group}",
    )
    return spec.with_(notes=(*spec.notes, note))


def shares_add_up(spec: QuerySpec) -> bool:
    """A count or a sum per group: the groups add up to the whole."""
    return (
        one_value_per_group(spec)
        and spec.metric is not None
        and spec.metric.func in ("COUNT", "SUM")
        and not spec.metric.distinct
    )


def _restates(whole: str, prior: QuerySpec, lex: Lexicon) -> bool:
    """'headcount', 'picks', 'market capitalization in the data': the measure or the rows
    of the previous answer, nothing more."""
    linked = link(whole, lex)
    dated = any(f.time for f in prior.filters)
    if linked.unsupported or any(
        w.lower() not in _WHOLE_FILLER and not (dated and _PERIOD_WORD.fullmatch(w))
        for w in linked.unknown
    ):
        return False
    tables = set(prior.tables())
    measured = prior.metric.col if prior.metric else None
    for item in linked.items:
        if item.kind == "kw":
            continue
        if item.kind == "table" and {t.table for t in item.targets} & tables:
            continue
        if item.kind == "time" and dated:
            continue  # 'of all Q4 picks' after the picks of Q4 2023: the period answered
        if (
            item.kind == "column"
            and measured is not None
            and any(t.table == measured.table and t.column == measured.column for t in item.targets)
        ):
            continue
        return False
    return True
