"""A measure the data holds as two columns: a day's high-low range ('AAPL's biggest intraday
range in 2023', 'NVDA avg daily range (high - low) by month for 2023', 'hi-lo range on
12/29/23').

The range phrase is read as a stand-in for the ``high`` column (the question is answered as
if it named it), then every use of that column in the SQL becomes ``high - low``. Read only
when one table has both columns and the question names neither elsewhere; an answer built
this way keeps no spec, so a follow-up cannot silently go back to the plain high.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog

from .lexicon import column_kind

_HIGH_LOW = r"(?:high|hi)\s*(?:-|–|minus|to)\s*(?:low|lo)"
_RANGE = re.compile(
    r"(?:\b(?:daily|intraday|intra-day|trading|day'?s?|price)\s+)?"
    r"(?:\b" + _HIGH_LOW + r"\b(?:\s+(?:range|spread|gap|difference))?"
    r"(?:\s*\(\s*" + _HIGH_LOW + r"\s*\))?"
    r"|\b(?:range|spread)\s*\(\s*" + _HIGH_LOW + r"\s*\)"
    r"|\b(?:gap|difference|spread)\s+between\s+(?:the\s+|its\s+)?(?:daily\s+)?high\s+and\s+"
    r"(?:the\s+)?low\b"
    r"|\b(?:intraday|intra-day|daily|trading)\s+(?:price\s+)?range\b"
    r"(?:\s*\(\s*" + _HIGH_LOW + r"\s*\))?)",
    re.I,
)
_NAMES_EITHER = re.compile(r"\b(?:high|low|hi|lo|highs|lows)\b", re.I)


@dataclass(frozen=True)
class Derived:
    table: str
    stand_in: str  # the column the question is read with ('high')
    other: str  # the column subtracted ('low')
    name: str  # the output name of the measure

    @property
    def note(self) -> tuple[str, str]:
        return ("range", f"a day's range: {self.table}.{self.stand_in} - {self.other}")


def read_range(question: str, catalog: Catalog) -> tuple[str, Derived] | None:
    """(the question with its range phrase read as the high, the measure) or None."""
    found = list(_RANGE.finditer(question))
    if len(found) != 1:
        return None
    tables = [
        t.name
        for t in catalog.tables
        if {"high", "low"} <= {c.name.lower() for c in t.columns if column_kind(c.type) == "number"}
    ]
    if len(tables) != 1:
        return None
    match = found[0]
    rest = question[: match.start()] + " " + question[match.end() :]
    if _NAMES_EITHER.search(rest):
        return None  # 'the range and the high': the high is asked for itself too
    info = catalog.table(tables[0])
    assert info is not None
    high = next(c.name for c in info.columns if c.name.lower() == "high")
    low = next(c.name for c in info.columns if c.name.lower() == "low")
    # 'high price': the column's own synonym, never the superlative 'high' ('NVDA high for
    # 2023' is the year's highest high)
    rewritten = question[: match.start()] + f"{high} price" + question[match.end() :]
    return rewritten, Derived(tables[0], high, low, "high_low_range")


def with_range(sql: str, derived: Derived, dialect: str) -> str | None:
    """``sql`` with every use of the stand-in column as ``high - low`` (None: not used)."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    used = False
    renamed: dict[str, str] = {}

    def swap(node: exp.Expression) -> exp.Expression:
        nonlocal used
        if isinstance(node, exp.Column) and node.name == derived.stand_in:
            used = True
            table = node.table
            low = exp.column(derived.other, table) if table else exp.column(derived.other)
            return exp.Paren(this=exp.Sub(this=node.copy(), expression=low))
        if isinstance(node, exp.Alias) and derived.stand_in in node.alias:
            new = node.alias.replace(derived.stand_in, derived.name)
            renamed[node.alias] = new
            node.set("alias", exp.to_identifier(new))
        return node

    def follow(node: exp.Expression) -> exp.Expression:
        # 'grouped.max_high' outside the subquery that named it: its new name
        if isinstance(node, exp.Column) and node.name in renamed:
            node.set("this", exp.to_identifier(renamed[node.name]))
        return node

    changed = tree.transform(swap)
    if not used:
        return None
    changed = changed.transform(follow)
    if isinstance(changed, exp.Select):
        # an unnamed range column still says what it is
        changed.set(
            "expressions",
            [
                exp.alias_(e, derived.name)
                if isinstance(e, exp.Paren) and derived.stand_in in e.sql()
                else e
                for e in changed.expressions
            ],
        )
    return changed.sql(dialect=dialect)
