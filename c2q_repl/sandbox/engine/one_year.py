"""'how many users signed up in sept', 'signups in Q1': a month or quarter with no year,
about rows whose dates all fall in one year. That year is the only reading, so the period
is read in it (and told); over data of several years the month stays declined
(wording.month_without_year)."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .linking import link
from .month_spans import month_spans
from .wording import _ANY_YEAR, _MONTH_ALONE, _MONTH_NAMES

# 'between march 1 and march 15', 'on june 30th': a day of a month, no year after it
_DAY_ALONE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", re.I
)
_QUARTER_ALONE = re.compile(
    r"\b(?:in|during|for|of)\s+(?:the\s+)?(?P<quarter>q[1-4])\b(?!\s*(?:of\s+)?'?\d\d)", re.I
)


def in_the_only_year(
    question: str, lex: Lexicon, before: frozenset[str] = frozenset()
) -> tuple[str, tuple[str, str]] | None:
    """(the question with the year written in, (as said, as read)) or None. ``before``: the
    tables of the previous answer, read when the question names none ('just july through
    december' after signups by month)."""
    if _ANY_YEAR.search(question):
        return None
    days = list(_DAY_ALONE.finditer(question))
    if days:
        year = _one_year(question, lex, before)
        if year is None:
            return None
        rewritten = question
        for m in reversed(days):
            rewritten = rewritten[: m.end()] + f" {year}" + rewritten[m.end() :]
        days_said = " … ".join(m.group(0) for m in days)
        return rewritten, (days_said, f"{days_said} {year}, the one year of those rows' dates")
    said = _MONTH_ALONE.search(question)
    group = "month"
    if said is None:
        said, group = _QUARTER_ALONE.search(question), "quarter"
    if said is None:
        return None
    year = _one_year(question, lex, before)
    if year is None:
        return None
    word = said.group(group)
    rewritten = question[: said.end(group)] + f" {year}" + question[said.end(group) :]
    # 'just july through december' is now 'july through december 2023': a span of months
    rewritten = month_spans(rewritten)[0]
    return rewritten, (word, f"{word} {year}, the one year of those rows' dates")


def _one_year(question: str, lex: Lexicon, before: frozenset[str] = frozenset()) -> str | None:
    """The one year of every dated column of the tables the question names, if there is one."""
    tables = {t.table for it in link(question, lex).items for t in it.targets if t.table}
    tables = tables or set(before)
    years = {
        year
        for (table, _column), last in lex.date_anchor.items()
        if table in tables and (table, _column) in lex.date_first
        for year in (lex.date_first[(table, _column)][:4], last[:4])
    }
    return years.pop() if len(years) == 1 else None
