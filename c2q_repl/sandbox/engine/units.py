"""'what's that in billions': the previous answer again, its large numbers in the unit named.

The previous SQL is kept (its rows, conditions and order); each column whose values are
numbers large enough for the unit is divided and rounded to two places, and renamed to say
the unit ('total_market_cap_in_billions'). Columns of small numbers (ids, counts, prices)
and text stay as they were. Nothing else is computed, so the answer cannot drift from the
one it restates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

_UNIT_WORDS = {
    "thousands": ("thousands", 1e3),
    "k": ("thousands", 1e3),
    "millions": ("millions", 1e6),
    "mm": ("millions", 1e6),
    "mn": ("millions", 1e6),
    "billions": ("billions", 1e9),
    "bn": ("billions", 1e9),
    "trillions": ("trillions", 1e12),
    "tn": ("trillions", 1e12),
}
_IN_UNITS = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now|can\s+you|could\s+you|pls|please)[\s,]+)*"
    r"(?:(?:what(?:'s|\s+is|\s+was|\s+are|\s+were)|show(?:\s+me)?|give(?:\s+me)?|put|express|"
    r"convert|make)\s+)?(?:that|it|this|those|these|them|the\s+(?:numbers?|values?|figures?|"
    r"totals?|answer|results?))?\s*(?:in|as|into|to)\s+(?P<unit>"
    + "|".join(_UNIT_WORDS)
    + r")\b(?:\s+(?:of\s+)?(?:dollars|usd))?(?:\s+(?:pls|please))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


# numbers that are not amounts: never divided
_NOT_AMOUNTS = frozenset({"id", "year", "month", "day", "date", "code", "zip", "phone"})


@dataclass(frozen=True)
class InUnits:
    sql: str
    unit: str
    scaled: tuple[str, ...]  # the columns divided, as named before

    @property
    def notes(self) -> tuple[dict[str, str], ...]:
        """One assumption per column divided, as the answer states it."""
        return tuple(
            {
                "concept": self.unit,
                "explanation": f"{name} divided into {self.unit}, rounded to 2 places",
            }
            for name in self.scaled
        )


# 'What are the 10 largest companies? Please show their market cap in billions of dollars.',
# 'total market cap per sector, in trillions': a question with the unit said at its end
_UNIT_AT_END = re.compile(
    r"^(?P<head>.{8,}?)\s*[,.;:?]?\s*(?:(?:please\s+|and\s+)?(?:show|give|list|display|express|put|"
    r"with)\s+(?:me\s+)?(?:the\s+|their\s+|its\s+|all\s+)?(?:[a-z][a-z ]{0,30}?\s+)?)?(?:in|as)\s+"
    r"(?P<unit>billions|millions|trillions|thousands|bn|tn)(?:\s+of\s+(?:us\s+)?dollars|\s+usd|\s+dollars)?"
    r"(?:\s*,?\s*(?:please|pls))?\s*[.!?]*\s*$",
    re.IGNORECASE,
)


def unit_at_end(question: str) -> tuple[str, str] | None:
    """(the question without its unit, 'in billions') when a question of its own ends by
    naming a unit; None for a bare 'in billions?' (the previous answer restated) or none."""
    if units_asked(question) is not None:
        return None
    m = _UNIT_AT_END.match(question.strip())
    if m is None:
        return None
    head = m.group("head").strip(" ,;:")
    return (head if head.endswith("?") else head + "?"), f"in {m.group('unit').lower()}"


def units_asked(question: str) -> tuple[str, float] | None:
    """('billions', 1e9) for 'what's that in billions?'; None for any other question."""
    m = _IN_UNITS.match(question)
    return _UNIT_WORDS[m.group("unit").lower()] if m else None


def in_units(
    question: str,
    prev_sql: str,
    dialect: str,
    run: Callable[[str], tuple[list[str], list[list]]],
) -> InUnits | None:
    """The previous SQL with its large-number columns in the unit asked; None when the
    question asks no unit, or no column of the previous answer is large enough for it."""
    asked = units_asked(question)
    if asked is None or not prev_sql:
        return None
    unit, divisor = asked
    try:
        tree = sqlglot.parse_one(prev_sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select):
        return None
    columns, rows = run(prev_sql)
    large = {
        name
        for k, name in enumerate(columns)
        if rows
        and not _NOT_AMOUNTS & set(re.split(r"[_\W]+", name.lower()))
        and _all_numbers(r[k] for r in rows)
        and _largest(r[k] for r in rows) >= divisor
    }
    if not large:
        return None
    renamed: dict[str, str] = {}
    projections = []
    for item in tree.expressions:
        name = item.alias_or_name
        if name not in large:
            projections.append(item)
            continue
        inner = item.this if isinstance(item, exp.Alias) else item
        value = exp.Div(this=inner.copy(), expression=exp.Literal.number(f"{divisor:.0f}"))
        rounded = exp.func("ROUND", value, exp.Literal.number(2))
        renamed[name] = f"{name}_in_{unit}"
        projections.append(exp.alias_(rounded, renamed[name]))
    tree = tree.select(*projections, append=False)
    order = tree.args.get("order")
    if order is not None:
        for ordered in order.expressions:
            key = ordered.this
            if isinstance(key, exp.Column) and not key.table and key.name in renamed:
                ordered.set("this", exp.column(renamed[key.name]))
    return InUnits(tree.sql(dialect=dialect), unit, tuple(renamed))


def _all_numbers(values) -> bool:
    seen = False
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool):
            return False
        try:
            float(v)
        except (TypeError, ValueError):
            return False
        seen = True
    return seen


def _largest(values) -> float:
    return max((abs(float(v)) for v in values if v is not None), default=0.0)
