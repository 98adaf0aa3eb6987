"""'what percentage of the total index weight is in the top 10 holdings', 'share of total market
cap held by the 10 largest companies': the part of a whole that the rows of a ranking hold.

Read as a share of rows meeting a condition it was declined (a ranking is no plain condition);
here it is answered in two steps, as top_total.py does: the ranking asked on its own with the
measure shown ('index weight of the top 10 holdings'), then its measure added up over those rows
and divided by the measure's total over the whole table. Pure: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp

from .top_total import inner_showing

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "twenty": 20}
_NUMBER = r"(?:\d{1,3}|two|three|four|five|ten|twenty)"
_SHARE = re.compile(
    r"\b(?:percent(?:age)?|pct|share|portion|fraction|proportion|slice)\b|%", re.IGNORECASE
)
# 'the top 10 holdings (by weight)', 'the 10 largest companies', 'the 5 heaviest names'
_RANKING = re.compile(
    r"\b(?:the\s+|those\s+)?(?:(?:top|biggest|largest|heaviest)\s+(?P<n1>"
    + _NUMBER
    + r")|(?P<n2>"
    + _NUMBER
    + r")\s+(?P<adj>largest|biggest|heaviest|top))"
    r"(?:\s+(?P<noun>(?!by\b|make\b|hold\b|have\b|account\b)[a-z][\w&'-]*))?"
    r"(?:\s+by\s+(?P<by>[a-z][\w&'-]*(?:\s+[a-z][\w&'-]*)?))?",
    re.IGNORECASE,
)
# the whole said after the share word: 'of (the) (total) index weight', 'of total market cap'
_WHOLE = re.compile(
    r"(?:\b(?:percent(?:age)?|pct|share|portion|fraction|proportion|slice)\b|%)\s+of\s+(?:the\s+)?"
    r"(?:total\s+|whole\s+|entire\s+|overall\s+)?(?P<whole>[a-z][\w&'-]*(?:\s+[a-z][\w&'-]*)?)"
    r"(?=\s+(?:is|are|do|does|did|was|were|held|in|that|which|goes|sits|made|taken|by|"
    r"accounted|represented)\b|\s*[?,.]|\s*$)",
    re.IGNORECASE,
)
_FILLER_WHOLE = frozenset({"index", "s&p", "sp500", "market", "total", "all"})
# 'how concentrated is the index - what % do the top 10 names make up': the index's weight
_OF_THE_INDEX = re.compile(r"\b(?:the\s+)?index\b", re.IGNORECASE)


_WORD = re.compile(r"[a-z0-9&']+")
# the words around the share and the ranking that ask nothing more of the data
_ONLY_ASKING = frozenset(
    [
        "what",
        "which",
        "whats",
        "what's",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "make",
        "makes",
        "made",
        "up",
        "add",
        "adds",
        "added",
        "hold",
        "holds",
        "held",
        "have",
        "has",
        "had",
        "account",
        "accounts",
        "for",
        "represent",
        "represents",
        "take",
        "takes",
        "together",
        "combined",
        "in",
        "total",
        "of",
        "the",
        "a",
        "an",
        "how",
        "concentrated",
        "index",
        "s&p",
        "500",
        "sp500",
        "rn",
        "right",
        "now",
        "currently",
        "today",
        "please",
        "pls",
        "percentage",
        "percent",
        "pct",
        "share",
        "portion",
        "fraction",
        "proportion",
        "slice",
        "by",
        "and",
        "so",
        "ok",
        "okay",
        "to",
    ]
)


@dataclass(frozen=True)
class TopShare:
    """The ranking to ask, the measure's words, and how many rows the ranking keeps."""

    inner_question: str  # 'index weight of the top 10 holdings'
    measure: str  # 'index weight'
    rows: int


def share_of_top(question: str) -> TopShare | None:
    """The question as the share of a whole held by a top N, or None."""
    if _SHARE.search(question) is None:
        return None
    ranking = _RANKING.search(question)
    whole = _WHOLE.search(question)
    if ranking is None or (whole is None and _OF_THE_INDEX.search(question) is None):
        return None
    said = ranking.group("n1") or ranking.group("n2")
    rows = int(said) if said.isdigit() else _NUMBER_WORDS[said.lower()]
    if rows < 2:
        return None
    spans = sorted(m.span() for m in (ranking, whole) if m is not None)
    rest, at = [], 0
    for start, end in spans:
        rest.append(question[at:start])
        at = max(at, end)
    rest.append(question[at:])
    if any(w not in _ONLY_ASKING for w in _WORD.findall(" ".join(rest).lower())):
        return None  # 'in Dec 23', 'daily range as % of the open': more than a share of a top N
    measure = whole.group("whole").strip() if whole is not None else "index"
    if measure.lower() in _FILLER_WHOLE or measure.lower().startswith("the "):
        # 'what % of the index do the top 10 make up': the index's own measure, its weight
        measure = "index weight" if measure.lower().startswith(("index", "s&p")) else ""
    if not measure:
        return None
    noun = ranking.group("noun") or "rows"
    # ranked by what the ranking says, else by the measure shared ('the top 10 holdings' of
    # the index weight are the 10 heaviest)
    by = ranking.group("by") or measure
    return TopShare(f"top {rows} {noun} by {by}, with their {measure}", measure, rows)


def share_sql(inner_sql: str, table: str, column: str, dialect: str) -> str | None:
    """The inner rows' total of ``column`` and its percent of the whole table's total; None
    when the inner query does not show the column."""
    inner = inner_showing(inner_sql, column, dialect)
    if inner is None:
        return None
    part = exp.func("SUM", exp.column(column, "top_rows"))
    whole = exp.select(exp.func("SUM", exp.column(column))).from_(exp.to_table(table))
    percent = exp.Mul(
        this=exp.Literal.number("100.0"),
        expression=exp.Div(this=part.copy(), expression=whole.subquery()),
    )
    outer = exp.select(
        exp.alias_(part, f"combined_{column}"), exp.alias_(percent, f"percent_of_total_{column}")
    ).from_(inner.subquery("top_rows"))
    return outer.sql(dialect=dialect)


# 'what % of the index do those 5 add up to?', 'combined weight of those 10 as a % of the whole
# index?': the rows just shown, as a share of the whole
_THOSE = re.compile(r"\b(?:those|these|them|they|their)\b", re.IGNORECASE)
_POINTING = frozenset(["those", "these", "them", "they", "their", "all", "whole", "entire", "as"])
_TOGETHER = re.compile(
    r"\b(?:add(?:s|ed)?\s+up|make(?:s)?\s+up|combined|together|in\s+total|account\s+for|"
    r"represent|hold|have)\b",
    re.IGNORECASE,
)


def shares_rows_shown(question: str) -> str | None:
    """The measure's words when a follow-up asks the share of the whole held by the rows shown
    ('index' for 'what % of the index do those 5 add up to'); "" when the share says none;
    None when it is no such question."""
    if _SHARE.search(question) is None or _RANKING.search(question) is not None:
        return None
    if _THOSE.search(question) is None or _TOGETHER.search(question) is None:
        return None
    whole = _WHOLE.search(question)
    rest = question if whole is None else question[: whole.start()] + question[whole.end() :]
    if any(
        w not in _ONLY_ASKING and w not in _POINTING and not w.isdigit() and w not in _NUMBER_WORDS
        for w in _WORD.findall(rest.lower())
    ):
        return None  # more than the share of the rows shown
    said = whole.group("whole").strip() if whole is not None else ""
    if said.lower() in _FILLER_WHOLE or said.lower().startswith(("the ", "index", "s&p")):
        return "index weight" if _OF_THE_INDEX.search(question) else ""
    return said
