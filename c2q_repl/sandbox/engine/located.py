"""'Where is Nvidia headquartered?': a place is every location column of the rows' table.

'where' names no column, and any one of city, state or country alone would be a guess; all
of them together is the whole answer. Read as 'what city, state and country is Nvidia in'
when the table of what is asked about has location columns; left alone otherwise (the
keyword table then declines 'where is').
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .linking import link
from .names import split_words
from .spec import Col, QuerySpec

_PLACE_WORDS = frozenset(
    {"address", "city", "town", "county", "state", "province", "region", "country", "location"}
)

_WHERE = re.compile(
    r"\bwhere(?P<verb>'s|s|\s+is|\s+are|\s+was|\s+were)\s+(?P<subject>[^?,.;!]+?)\s*"
    r"(?P<how>headquartered|head-quartered|hq'?d|hq|based|located|situated|from)?"
    r"\s*(?=[?,.;!]|$)",
    re.I,
)

_PRONOUNS = frozenset(
    {"it", "they", "them", "its", "their", "those", "these", "that", "this", "each", "one", "of"}
)


def place_columns(lex: Lexicon, table: str) -> list[str]:
    """The table's location columns in its own order; a code ('country_code') only when no
    column spells the same place out."""
    info = lex.catalog.table(table)
    if info is None:
        return []
    named = [(c.name, set(split_words(c.name))) for c in info.columns]
    places = [(name, words) for name, words in named if _PLACE_WORDS & words]
    spelled = {w for _, words in places if "code" not in words for w in words & _PLACE_WORDS}
    return [
        name
        for name, words in places
        if "code" not in words or not (words & _PLACE_WORDS) <= spelled
    ]


def _subject_table(subject: str, lex: Lexicon) -> str | None:
    words = set(re.findall(r"[a-z]+", subject.lower()))
    if words and words <= _PRONOUNS | {"the", "hq", "headquarters"}:
        # 'where's it HQ'd?': the one table that has places, if only one has
        tables = [t.name for t in lex.catalog.tables if place_columns(lex, t.name)]
        return tables[0] if len(tables) == 1 else None
    found = {
        target.table
        for it in link(subject, lex).items
        if it.kind in ("value", "table")
        for target in it.targets
    }
    return next(iter(found)) if len(found) == 1 else None


def where_located(question: str, lex: Lexicon) -> str:
    """The question with 'where is X (headquartered)' asked as the place columns of X's
    table; unchanged when no table with places is meant."""

    def said(m: re.Match[str]) -> str:
        subject = m.group("subject").strip()
        if not subject or re.search(r"\b(?:most|least|fewest)\b", subject, re.I):
            # 'where are most companies located?': a count by place, not places of rows
            return m.group(0)
        table = _subject_table(subject, lex)
        cols = place_columns(lex, table) if table else []
        if not cols:
            return m.group(0)
        spoken = [c.replace("_", " ") for c in cols]
        listed = spoken[0] if len(spoken) == 1 else ", ".join(spoken[:-1]) + " and " + spoken[-1]
        if set(re.findall(r"[a-z]+", subject.lower())) <= {"each", "one", "of", "them"}:
            return f"their {listed}"  # '…, and where is each one headquartered?'
        verb = m.group("verb").strip().lstrip("'")
        verb = {"s": "is"}.get(verb.lower(), verb)
        return f"what {listed} {verb} {subject} in"

    return _WHERE.sub(said, question)


def where_said(question: str) -> str:
    """The 'where …' words as written, for the note that says how they were read."""
    m = _WHERE.search(question)
    return m.group(0).strip() if m else "where"


_BASED_IN = re.compile(
    r"\b(?:based|headquartered|head-quartered|hq'?d|headquarters|hqs?|located)\s+(?:are\s+|is\s+)?in\b",
    re.I,
)


def with_city_of_place(spec: QuerySpec, question: str, lex: Lexicon) -> QuerySpec:
    """'list the companies based in Ireland', 'utilities with their headquarters in Florida':
    rows picked by a wider place show the city each is in (which the asker wants next), the
    same rows; a count or a list already showing a place is left as it is."""
    if spec.shape != "list" or spec.metric is not None or not _BASED_IN.search(question):
        return spec
    places = place_columns(lex, spec.table)
    city = next((c for c in places if "city" in split_words(c) or "town" in split_words(c)), None)
    if city is None:
        return spec
    wider = [
        f
        for f in spec.filters
        if f.col.table == spec.table
        and f.col.column in places
        and f.col.column != city
        and f.op in ("=", "in", "!=", "not in")
    ]
    shown = {c.column for c in spec.columns if c.table == spec.table}
    if not wider or shown & set(places):
        return spec
    return spec.with_(columns=(*spec.columns, Col(spec.table, city)))
