"""'Add Amazon and rank all four, best first.', 'rank them best to worst', 'Which of the three
did best?' after the changes of named stocks over a period: asked again as a question of its
own, with the stocks and the period of that answer written out ('percent change of AAPL,
MSFT, GOOGL and Amazon in 2023, best first'), which the change reading answers whole.

Only after an answer that was a change of named series over one period; anything else is
left to the follow-up reading. Pure text in, text out.
"""

from __future__ import annotations

import datetime as dt
import re

from .spec import QuerySpec

_ORDER = (
    r"(?:,\s*)?(?P<how>best\s+(?:first|to\s+worst)|worst\s+(?:first|to\s+best)|from\s+best\s+to\s+worst"
    r"|from\s+worst\s+to\s+best|by\s+(?:their\s+|its\s+)?(?:\d{4}\s+)?(?:returns?|changes?|"
    r"performance|gains?))?"
)
_LEAD = r"^\s*(?:(?:ok(?:ay)?|and|now|so|then|please|pls)[\s,]+)*"
_RANK = re.compile(
    _LEAD
    + r"(?:rank|sort|order)\s+(?:them|those|these|all\s+(?:of\s+them|\w+)|the\s+\w+)?\s*"
    + _ORDER
    + r"\s*(?:please|pls)?\s*[?.!]*\s*$",
    re.I,
)
_ADD = re.compile(
    _LEAD + r"(?:add|plus|include|also\s+(?:add|include))\s+(?P<new>[^,.;?!]+?)"
    r"(?:\s*(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:rank|sort|order)\s+(?:them|those|these|all\s+"
    r"(?:of\s+them|\w+)|the\s+\w+)?\s*" + _ORDER + r")?\s*[?.!]*\s*$",
    re.I,
)
# 'same three but for 2023, and rank them best to worst'
_SAME_RANKED = re.compile(
    _LEAD
    + r"(?:the\s+)?same(?:\s+(?:\w+\s+)?(?:ones|stocks|names|three|two|four|five))?\s+(?:but\s+)?"
    r"(?:for|in)\s+(?P<year>(?:19|20)\d\d|'\d\d)\s*,?\s*(?:and\s+)?(?:then\s+)?(?:rank|sort|order)\s+"
    r"(?:them|those|these|all\s+(?:of\s+them|\w+))?\s*" + _ORDER + r"\s*[?.!]*\s*$",
    re.I,
)
_WHICH = re.compile(
    _LEAD + r"which\s+(?:one|stock|name|of\s+(?:them|those|these|the\s+(?:two|three|four|five|"
    r"six|\d+)(?:\s+\w+)?))\s+(?:did|performed|was|had|has|is|does)\s+(?:the\s+)?"
    r"(?P<w>best|worst)(?:\s+(?:return|performance|one|performer))?\s*[?.!]*\s*$",
    re.I,
)


def change_asked_again(question: str, prev: QuerySpec) -> tuple[str, str] | None:
    """(the question written out, what was read) or None."""
    if not prev.change:
        return None
    named = [f for f in prev.filters if f.op in ("=", "in", "any") and not f.time]
    ranges = [f for f in prev.filters if f.op == "range" and f.time]
    if len(named) != 1 or len(ranges) != 1 or len(prev.filters) != 2:
        return None
    # ('any': rows named by several columns, each value as (column, value))
    # (a company's name is said up to its first comma: 'Amazon.com, Inc.' as 'Amazon.com')
    values = [
        str(v[1]).split(",")[0] if isinstance(v, (list, tuple)) else str(v) for v in named[0].values
    ]
    period = _period(*(str(v)[:10] for v in ranges[0].values))
    if period is None:
        return None
    which = _WHICH.match(question)
    if which is not None:
        if len(values) < 2:
            return None
        verb = "gained the most" if which.group("w").lower() == "best" else "gained the least"
        return f"which of {_listed(values)} {verb} {period}", which.group(0).strip()
    again = _SAME_RANKED.match(question)
    if again is not None:
        year = again.group("year").lstrip("'")
        year = f"20{year}" if len(year) == 2 else year
        how = (again.group("how") or "").lower()
        order = ", worst first" if how.startswith(("worst", "from worst")) else ", best first"
        return f"percent change of {_listed(values)} in {year}{order}", again.group(0).strip()
    added = _ADD.match(question)
    ranked = _RANK.match(question)
    if added is None and ranked is None:
        return None
    m = added or ranked
    assert m is not None
    if added is not None:
        # ('… so I can see all three side by side': why, not which)
        new = re.sub(
            r"\s+(?:so\s+(?:that\s+)?(?:i|we)\s+can|to\s+(?:see|compare))\b.*$",
            "",
            added.group("new"),
            flags=re.I,
        )
        values += [v for v in re.split(r"\s*(?:,|\band\b|&)\s*", new) if v]
    how = (m.group("how") or "").lower()
    order = ""
    if ranked is not None or how:
        order = ", worst first" if how.startswith(("worst", "from worst")) else ", best first"
    return f"percent change of {_listed(values)} {period}{order}", m.group(0).strip()


def _listed(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def _period(start: str, end: str) -> str | None:
    try:
        first, after = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return None
    if first.month == first.day == 1 and after == first.replace(year=first.year + 1):
        return f"in {first.year}"
    return f"from {first.isoformat()} to {(after - dt.timedelta(days=1)).isoformat()}"
