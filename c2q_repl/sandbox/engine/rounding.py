"""'Average revenue growth per sector, rounded to 2 decimals', 'in percentage with two decimals':
the numbers the question computes, rounded as asked. The question is read without those words;
each computed value of the finished SQL (an aggregate, a ratio) is then wrapped in ROUND(…, n).
Plain columns are shown as stored."""

from __future__ import annotations

import re

from sqlglot import exp

from .parsed import select_of

_DIGITS = {"zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_ROUNDED = re.compile(
    r"\s*[,;.-]?\s*(?:(?:and|please|pls)\s+)?(?:(?:rounded|round(?:ed)?(?:\s+(?:it|them|off|that|the\s+"
    r"(?:answer|answers|result|results|numbers?|values?|figures?)))?|to|with|in)\s+)?(?:to\s+)?"
    r"(?:(?P<n>\d|zero|no|one|two|three|four)\s+(?:decimals?|decimal\s+places?|dp|digits?\s+after\s+"
    r"the\s+(?:decimal\s+)?point)|(?P<whole>(?:a|the\s+nearest)\s+whole\s+number|the\s+nearest\s+"
    r"(?:integer|unit)))(?:\s*,?\s*(?:please|pls))?\b[.!]?",
    re.I,
)


def split_rounding(question: str) -> tuple[str, int] | None:
    """(the question without its rounding words, the digits asked), or None."""
    m = _ROUNDED.search(question)
    if m is None:
        return None
    said = (m.group("n") or "0").lower()
    digits = int(said) if said.isdigit() else _DIGITS[said]
    rest = (question[: m.start()] + question[m.end() :]).strip()
    rest = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"[,;\s]+$", "", rest))
    return rest, digits


def rounded_sql(sql: str, digits: int, dialect: str) -> str | None:
    """``sql`` with each computed value shown rounded, or None when it computes none."""
    tree = select_of(sql, dialect)
    if tree is None:
        return None
    selects = [tree]
    changed = False
    computed = (exp.AggFunc, exp.Div, exp.Mul, exp.Sub, exp.Add)
    for select in selects:
        shown = []
        for e in select.expressions:
            inner = e.this if isinstance(e, exp.Alias) else e
            if isinstance(inner, computed) and not isinstance(inner, exp.Count):
                rounded = exp.Round(this=inner.copy(), decimals=exp.Literal.number(digits))
                e = exp.alias_(rounded, e.alias_or_name) if isinstance(e, exp.Alias) else rounded
                changed = True
            shown.append(e)
        select.set("expressions", shown)
    return tree.sql(dialect=dialect) if changed else None
