"""'How many stocks gained more than 50% in 2023?', 'how many stocks closed 2023 higher than
where they started the year?': a count of the
series whose change over a period passes an amount. Asked as the list of those series ('which
stocks gained more than 50% in 2023', change_threshold.py), whose rows are then counted in an
outer query."""

from __future__ import annotations

import re

from sqlglot import exp

from .parsed import select_of

_SERIES = r"(?P<noun>stocks|companies|names|tickers|constituents|members|s&p\s*500\s+stocks)"
_PERIOD = r"(?P<period>(?:in|over|during|for)\s+(?:(?:19|20)\d\d|'\d\d)|(?:19|20)\d\d|'\d\d)"
_HOW_MANY_MOVED = re.compile(
    r"^\s*(?:so\s+|and\s+)?(?:of\s+(?:the|all)\s+(?:s&p\s*500\s+)?(?:stocks|companies|names),?\s*)?"
    r"how\s+many\s+(?:of\s+them\s+)?" + _SERIES + r"?(?:\s+in\s+the\s+(?:s&p\s*500|index))?\s*"
    r"(?:"
    # 'gained more than 50% in 2023', 'fell by more than 10% over 2022'
    r"(?P<verb>gained|rose|fell|lost|dropped|declined|were\s+up|were\s+down|went\s+up|went\s+down)"
    r"\s+(?:by\s+)?(?P<cmp>more\s+than|over|at\s+least)\s+(?P<amount>\d+(?:\.\d+)?)\s*(?:%|percent)"
    r"\s+" + _PERIOD +
    # ('finished 2023 up more than 50%' is left out: a trader means from the year before's last
    # close, not from the year's first, which is how a change over a year is read here)
    # 'closed 2023 higher than where they started the year', 'ended 2022 lower than they began it'
    r"|(?:closed|finished|ended)\s+(?P<year3>(?:19|20)\d\d)\s+(?P<dir3>higher|lower|up|down|above|below)\s+"
    r"(?:than\s+)?(?:(?:where|what)\s+(?:they|it)\s+(?:started|began|opened)(?:\s+(?:the\s+year|it))?"
    r"|their\s+first\s+clos(?:e|ing\s+price)(?:\s+of\s+the\s+year)?)"
    # (a trailing definition of the change, never a condition more: 'in tech' would be lost)
    r")(?:\s*[,(;-]+\s*(?:last|first|from|using|i\.e\.|measured|close|based)\b[^?]*)?\s*[?.]?\s*$",
    re.I,
)
_DOWN = frozenset(
    {"fell", "lost", "dropped", "declined", "were down", "went down", "down", "lower", "below"}
)


def _year(said: str) -> str:
    said = said.strip().lstrip("'")
    return said if len(said) == 4 else "20" + said


def moved_list(question: str) -> str | None:
    """The list question whose rows are counted, or None."""
    m = _HOW_MANY_MOVED.match(question)
    if m is None:
        return None
    noun = "stocks"  # the series ranked by their change: a stock's close
    if m.group("verb"):
        verb = " ".join(m.group("verb").lower().split())
        down = verb in _DOWN
        cmp, amount = " ".join(m.group("cmp").lower().split()), m.group("amount")
        period = m.group("period")
        year = re.search(r"(?:19|20)\d\d|'\d\d", period).group(0)  # type: ignore[union-attr]
    else:
        down = m.group("dir3").lower() in _DOWN
        cmp, amount, year = "more than", "0", m.group("year3")
    moved = "fell" if down else "gained"
    return f"which {noun} {moved} {cmp} {amount}% in {_year(year)}"


def counted(sql: str, dialect: str, noun: str = "stocks") -> str | None:
    """SELECT COUNT(*) over the rows of ``sql`` (its ORDER BY and LIMIT dropped), or None."""
    inner = select_of(sql, dialect)
    if inner is None:
        return None
    inner.set("order", None)
    inner.set("limit", None)
    name = "number_of_" + re.sub(r"\W+", "_", noun.lower()).strip("_")
    outer = exp.select(exp.alias_(exp.Count(this=exp.Star()), name)).from_(inner.subquery("moved"))
    return outer.sql(dialect=dialect)
