"""'NVDA high for 2023': a period's high is the highest of its daily highs, one value.

In price data 'high' and 'low' are each day's extremes; said of a stretch of time ('the 2023
high', 'AAPL's low in March') they mean the extreme of the stretch, as every quote page
does. Read literally, the question listed 250 daily rows. The word is rewritten to
'highest high' / 'lowest low' before the question is read, and the reading is told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lexicon import Lexicon
from .linking import Linked
from .references import dated_series
from .spec import Filter, QuerySpec

_WORD = re.compile(r"(?<![\w'-])(high|low)(?![\w'-])", re.I)
# words that ask for the daily values themselves, or already rank them
_DAILY = re.compile(
    r"\b(?:each|every|daily|per|all|highest|lowest|max(?:imum)?|min(?:imum)?|top|bottom|"
    r"above|below|than|between|day\s+by\s+day|by\s+day)\b|[<>=]"
    # 'over 150', 'under $20' compare; 'over dec 2023' is the stretch of time itself
    r"|\b(?:over|under)\s+(?=[$\d])",
    re.I,
)
_EXTREME = {"high": "highest", "low": "lowest"}


@dataclass(frozen=True)
class PeriodExtreme:
    question: str  # the question with 'high' read as 'highest high'
    note: tuple[str, str]
    # the rewrite names the row's own readings ('S&P 500 max price'), so the column said
    # before ('S&P 500 high', a column of another table) is no longer far from the row
    own_readings: bool = False


_WHICH_DAY = re.compile(
    r"\s*,?\s*\band\s+(?:the\s+(?:date|day)|(?:on\s+)?(?:what|which)\s+(?:day|date)\b[^?.]*"
    r"|when\b[^?.]*)",
    re.I,
)
_ALL_TIME = re.compile(r"\b(?:all[- ]time|record)\s+(high|low)\b", re.I)


def period_extreme(question: str, linked: Linked, lex: Lexicon) -> PeriodExtreme | None:
    """The rewritten question when one bare 'high'/'low' names a column of that name and
    the question's only time phrase spans more than a day; else None. 'all-time high' is
    the highest high of every day in the data."""
    whole = _ALL_TIME.search(question)
    if whole is not None and not any(it.kind == "time" for it in linked.items):
        word = whole.group(1).lower()
        own = _own_reading(linked, lex, [word])
        if own is not None:
            table, value = own
            # "the S&P 500's all-time high": an index has one daily reading, its price; 'and
            # what day did it hit it': the day ranked is shown with its reading
            rest = _WHICH_DAY.sub("", question[whole.end() :])
            rewritten = (
                question[: whole.start()]
                + f"{_EXTREME[word]} {value} in {table.replace('_', ' ')}"
                + rest
            )
            note = (
                whole.group(0),
                f"'{whole.group(0)}' read as the {_EXTREME[word]} daily {value} in the data",
            )
            return PeriodExtreme(rewritten, note, own_readings=True)
        named = [it for it in linked.items if it.kind == "column" and it.text.lower() == word]
        if named and all(t.column.lower() == word for it in named for t in it.targets):
            rewritten = (
                question[: whole.start()] + f"{_EXTREME[word]} {word}" + question[whole.end() :]
            )
            note = (
                whole.group(0),
                f"'{whole.group(0)}' read as the {_EXTREME[word]} daily {word} in the data",
            )
            return PeriodExtreme(rewritten, note)
    several = _each_ones_extreme(question, linked, lex) or _readings_extreme(question, linked, lex)
    if several is not None:
        return several
    words = [w.lower() for w in _WORD.findall(question)]
    if _DAILY.search(question) or not words or len(words) > 2 or len(set(words)) != len(words):
        return None
    if len(words) == 2:
        return _both_extremes(question, linked, lex)
    word = words[0]
    times = [it for it in linked.items if it.kind == "time" and it.time is not None]
    if len(times) != 1 or not _several_days(times[0].time):
        return None
    named = [
        it for it in linked.items if it.kind == "column" and it.text.lower() == word and it.targets
    ]
    if len(named) != 1 or any(t.column.lower() != word for t in named[0].targets):
        return None
    if not all(lex.date_columns(t.table) for t in named[0].targets):
        return None
    rewritten = _WORD.sub(f"{_EXTREME[word]} {word}", question, count=1)
    said = times[0].text or "the period"
    note = (
        word,
        f"'{word}' over {said} read as the period's {word}: the {_EXTREME[word]} daily {word}",
    )
    return PeriodExtreme(rewritten, note)


_PLURAL = re.compile(r"(?<![\w'-])(high|low)s(?![\w'-])", re.I)
_FUNC = {"high": "max", "low": "min"}


def _each_ones_extreme(question: str, linked: Linked, lex: Lexicon) -> PeriodExtreme | None:
    """'2023 highs for META, AAPL and AMZN': each named row's highest daily high over the
    period (one value per row), not every daily high of all of them."""
    words = [w.lower() for w in _PLURAL.findall(question)]
    if len(words) != 1 or _WORD.search(question) or _DAILY.search(question):
        return None
    times = [it for it in linked.items if it.kind == "time" and it.time is not None]
    if len(times) != 1 or not _several_days(times[0].time):
        return None
    values = [it for it in linked.items if it.kind == "value" and it.targets]
    keys = {(t.table, t.column) for it in values for t in it.targets[:1]}
    if len(values) < 2 or len(keys) != 1:
        return None
    table, column = keys.pop()
    word = words[0]
    dated = [
        t
        for it in linked.items
        if it.kind == "column" and it.text.lower() == word + "s"
        for t in it.targets
        if t.column.lower() == word and lex.date_columns(t.table)
    ]
    if not dated:
        return None
    per = column.replace("_", " ")
    rewritten = _PLURAL.sub(f"{_FUNC[word]} {word} per {per}", question, count=1)
    said = times[0].text or "the period"
    note = (
        f"{word}s",
        f"'{word}s' over {said} read as each {per}'s {_EXTREME[word]} daily {word}",
    )
    return PeriodExtreme(rewritten, note)


def _both_extremes(question: str, linked: Linked, lex: Lexicon) -> PeriodExtreme | None:
    """'NVDA high and low for 2023': the year's highest high and lowest low."""
    times = [it for it in linked.items if it.kind == "time" and it.time is not None]
    if len(times) != 1 or not _several_days(times[0].time):
        return None
    named = [it for it in linked.items if it.kind == "column" and it.text.lower() in _EXTREME]
    if len(named) != 2 or any(
        t.column.lower() != it.text.lower() for it in named for t in it.targets
    ):
        return None
    if not all(lex.date_columns(t.table) for it in named for t in it.targets):
        return None
    # two aggregates in one row ('max high and min low'): a superlative pair would be read
    # as two rankings of the rows
    rewritten = _WORD.sub(lambda m: f"{_FUNC[m.group(1).lower()]} {m.group(1)}", question)
    said = times[0].text or "the period"
    note = (
        "high and low",
        f"'high and low' over {said} read as the period's highest high and lowest low",
    )
    return PeriodExtreme(rewritten, note)


def _readings_extreme(question: str, linked: Linked, lex: Lexicon) -> PeriodExtreme | None:
    """'S&P 500 high and low for 2022': a row whose daily readings have one value (an index's
    price) has no high or low column of its own; over a period its high is the highest of
    those readings. Read only when one table of dated readings points at the row's table and
    has exactly one numeric value."""
    words = [w.lower() for w in _WORD.findall(question)]
    if not words or len(set(words)) != len(words) or _DAILY.search(question):
        return None
    times = [it for it in linked.items if it.kind == "time" and it.time is not None]
    if len(times) != 1 or not _several_days(times[0].time):
        return None
    own = _own_reading(linked, lex, words)
    if own is None:
        return None
    value = own[1]
    rewritten = _WORD.sub(lambda m: f"{_FUNC[m.group(1).lower()]} {value}", question)
    said = re.sub(r"^(?:in|for|during|over)\s+", "", times[0].text or "") or "the period"
    note = (
        " and ".join(words),
        f"'{' and '.join(words)}' over {said} read as the "
        + " and ".join(f"{_EXTREME[w]} daily {value}" for w in words),
    )
    return PeriodExtreme(rewritten, note, own_readings=True)


def _own_reading(linked: Linked, lex: Lexicon, words: list[str]) -> tuple[str, str] | None:
    """(table, column): the one numeric value of the one table of dated readings pointing at the row the
    question names, when that row's table has no column named like ``words``; else None."""
    owners = {it.targets[0].table for it in linked.items if it.kind == "value" and it.targets}
    catalog = lex.catalog
    info = catalog.table(owners.pop()) if len(owners) == 1 else None
    if info is None or not info.primary_key or any(info.column(w) for w in words):
        return None
    readings = [
        t
        for t in catalog.tables
        if t.name != info.name
        and dated_series(catalog, t.name)
        and all(t.column(k) is not None for k in info.primary_key)
    ]
    if len(readings) != 1:
        return None
    values = [
        c.name
        for c in readings[0].columns
        if c.name not in readings[0].primary_key
        and lex.kind_of(readings[0].name, c.name) == "number"
    ]
    return (readings[0].name, values[0]) if len(values) == 1 else None


def _several_days(time) -> bool:
    if time.kind != "range":
        return time.kind in ("last", "this", "previous") and time.unit not in ("day", "days")
    try:
        start, end = date.fromisoformat(time.start[:10]), date.fromisoformat(time.end[:10])
    except ValueError:
        return False
    return (end - start).days > 1


# 'at the end of 2022', 'on the last trading day of 2022', 'at the start of 2023'
_EDGE = re.compile(
    # 'at the end of 2022', or said first ('and end of 2023?', 'what about start of 2022')
    r"(?:\b(?:on|at|as\s+of|by)\s+|^\s*(?:(?:and|what\s+about|how\s+about)\s+)?)"
    r"(?:the\s+)?(?:very\s+)?(?P<edge>first\s+and\s+(?:the\s+)?last|last|final|first|end|close|"
    r"start|beginning|open)(?:\s+trading)?(?:\s+(?:days?|dates?|sessions?))?\s+(?:of|in)\s+"
    # a period follows ('2022', 'March 2023', 'Q4 2022', 'the year'), not 'the data'
    r"(?=(?:the\s+)?(?:\d|q[1-4]\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"year|month|quarter|week))",
    re.I,
)
_LAST = frozenset({"last", "final", "end", "close"})


def period_edge(question: str) -> tuple[str, str]:
    """('… in 2022', 'max') for '… at the end of 2022': the period, and which edge of it
    ('max' the last day, 'min' the first, 'both' the two); (question, '') when no edge is named."""
    m = _EDGE.search(question)
    if m is None:
        return question, ""
    said = m.group("edge").lower()
    # 'on the first and last trading day of 2023': both days, two dated rows
    edge = "both" if " and " in said else "max" if said in _LAST else "min"
    return question[: m.start()] + "in " + question[m.end() :], edge


def at_period_edge(spec: QuerySpec, edge: str) -> QuerySpec:
    """The rows of the period's last (or first) day: its one date range, narrowed to the
    greatest (least) date under the other conditions; the spec unchanged when unclear."""
    if not edge or any(f.op == "latest" for f in spec.filters):
        return spec
    ranges = [f for f in spec.filters if f.time and f.op == "range"]
    if len(ranges) != 1:
        return spec
    col = ranges[0].col
    word = {"max": "last", "min": "first", "both": "first and the last"}[edge]
    rows = "the rows of those two days" if edge == "both" else "the rows of that one day"
    note = (col.column, f"the {word} {col.column} of the period: {rows}")
    return spec.with_(
        filters=(*spec.filters, Filter(col, "latest", ("", edge))),
        notes=(*spec.notes, note),
    )
