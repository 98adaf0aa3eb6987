"""'What was the highest level the S&P 500 reached in 2022, and on what date?': one answer,
then the day it happened, asked as the follow-up it is.

The engine answers 'on what date was that?' after a ranked row by showing that row's date
(followup_round.py); said in the same sentence, the date part made the whole question
decline, or worse, was dropped. The question is split into its head and that follow-up,
and answered as two rounds of one session.
"""

from __future__ import annotations

import re

# 'did it occur', 'was it recorded', 'did that happen', 'was that': the row just asked for
_IT_HAPPENED = (
    r"(?:\s+(?:was|did|does|is)\s+(?:that|it|this)(?:\s+(?:occur|happen|take\s+place|get\s+"
    r"recorded|recorded|set|reached|hit|reach|close|closed|printed|print|come|came))?"
    r"|\s+(?:that|it|this)\s+(?:occurred|happened|was\s+(?:set|recorded|reached|hit))"
    r"|\s+(?:did\s+(?:it|that|this)|was\s+(?:it|that|this))\s+(?:hit|reach|close|occur|happen))?"
)
_DATE_TAIL = re.compile(
    r"^(?P<head>.{8,}?)\s*,?\s+and\s+(?:(?:on|at|in)\s+)?(?:what|which)\s+(?:(?:trading\s+)?day|"
    r"date|session)" + _IT_HAPPENED + r"\s*[?.!]*\s*$"
    r"|^(?P<head2>.{8,}?)\s*,?\s+and\s+when" + _IT_HAPPENED + r"\s*[?.!]*\s*$"
    # 'and what was the date (of that)?' ('and the date' alone is a column added: asked.py)
    r"|^(?P<head3>.{8,}?)\s*,?\s+(?:and\s+)?what\s+was\s+the\s+(?:date|day)(?:\s+(?:of\s+"
    r"(?:that|it)|it\s+(?:happened|occurred)|when\s+(?:it|that)\s+happened))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
FOLLOW_UP = "on what date was that?"


def split_date_tail(question: str) -> str | None:
    """The question without its trailing 'and on what date (was that)?', or None."""
    m = _DATE_TAIL.match(question.strip())
    if m is None:
        return None
    head = (m.group("head") or m.group("head2") or m.group("head3") or "").strip(" ,")
    return head + "?" if head else None


_EXTREME = (
    r"(?:highest|lowest|biggest|largest|smallest|best|worst|all[- ]time\s+(?:high|low)|"
    r"record\s+(?:high|low)|max(?:imum)?|min(?:imum)?)"
)
_ON_WHAT_DAY = re.compile(
    r"^\s*(?:(?:on|in)\s+)?(?:what|which)\s+(?:trading\s+)?(?:day|date|session)\s+"
    r"(?P<period>(?:in|of|during)\s+[^,?]+?\s+)?(?:did|was)\s+(?P<who>[^,?]+?)\s+"
    r"(?:hit|reach|set|post|record|see|have|touch|make|print|trade|register|notch|log)\s+"
    r"(?:its|their)\s+(?P<what>" + _EXTREME + r"\b[^,?]*?)"
    # ', and how many shares?', ', and what was the level?': the value, shown with its day
    r"(?:\s*,?\s+and\s+(?:how\s+many\s+shares|how\s+(?:big|large|much)\s+was\s+(?:it|that)|"
    r"what\s+was\s+(?:it|that|the\s+(?:level|close|value|price|volume))))?"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def day_of_extreme(question: str) -> str | None:
    """'On what day did the S&P 500 hit its highest level in 2023?' → 'What was the highest
    level of the S&P 500 in 2023?' (its date then asked as the follow-up), or None."""
    m = _ON_WHAT_DAY.match(question.strip())
    if m is None:
        return None
    period = (m.group("period") or "").strip()
    if period.lower().startswith("of "):
        period = "in " + period[3:]
    what = " ".join(m.group("what").split())
    return f"What was the {what} of {m.group('who').strip()}{' ' + period if period else ''}?"


_END_DATE_THEN_VALUE = re.compile(
    r"^\s*(?:what\s+is|what's|whats|which\s+is|what\s+was)\s+the\s+(?P<end>earliest|first|oldest|"
    r"latest|last|most\s+recent)\s+(?:date|day|trading\s+day)\s+(?:(?:that\s+)?(?:you|we)\s+have\s+"
    r"(?:any\s+)?(?:prices?|data|levels?|closes?|records?|history)\s+for\s+(?P<who1>[^,?]+?)"
    r"|for\s+which\s+(?P<who2>[^,?]+?)\s+(?:index\s+)?(?:levels?|prices?|data|closes?)\s+(?:are|is)\s+"
    r"available|(?:in\s+the\s+data\s+)?for\s+(?P<who3>[^,?]+?)"
    # 'the earliest date in the stock price history, and what was Apple's (AAPL) close …'
    r"|in\s+the\s+(?:stock\s+)?(?:price\s+)?(?:history|data(?:\s*set)?|table))\s*[,?.]\s*(?:and\s+)?"
    r"(?:what\s+did\s+(?:it|they)\s+close\s+at|(?:what\s+was\s+)?(?:the|its|(?P<who4>[A-Z][\w.&-]*"
    r"(?:\s+[A-Z][\w.&-]*)?)(?:['’]s)?(?:\s*\((?P<code>[A-Z][A-Z.-]{0,5})\))?)\s+(?:closing\s+"
    r"(?:level|price|value)|close|level|price|value))(?:\s+(?:on\s+)?(?:that|this|the\s+same)\s+"
    r"(?:day|date))?\s*[?.]*\s*$",
    re.IGNORECASE,
)


def end_date_then_value(question: str) -> str | None:
    """'What is the earliest date you have prices for Microsoft, and what did it close at that
    day?' → 'what was the earliest close of Microsoft, and on what day?', or None."""
    m = _END_DATE_THEN_VALUE.match(question.strip())
    if m is None:
        return None
    who = (
        m.group("code") or m.group("who1") or m.group("who2") or m.group("who3") or m.group("who4")
    )
    if not who:
        return None
    who = who.strip()
    end = "latest" if m.group("end").lower() in ("latest", "last", "most recent") else "earliest"
    return f"what was the {end} close of {who}, and on what day?"
