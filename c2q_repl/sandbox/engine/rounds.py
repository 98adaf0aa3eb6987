"""What a follow-up carries over from earlier rounds: which round it builds on, the day it
keeps, the rows picked by key it must not silently change, the dates it moves onto a new
subject. Pure functions of the previous QuerySpec (builtin.py asks them)."""

from __future__ import annotations

import re
from dataclasses import astuple
from datetime import date

from c2q_repl.sandbox.contracts import PriorRound

from .lexicon import Lexicon
from .linking import Linked
from .spec import Col, Filter, Metric, QuerySpec, one_day


def last_answered(history) -> PriorRound:
    """The round a follow-up builds on: the latest one, or, when the latest rounds were
    declined ('who are their CEOs?'), the latest one that was answered."""
    for prior in reversed(history):
        if (prior.state or {}).get("spec"):
            return prior
    return history[-1]


_SAME_DAY_IN = re.compile(
    r"\b(?:on\s+)?(?:that|the\s+same)\s+(?:day|date)\s+(?:in|of|for)\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def same_day_in_year(question: str, prev: QuerySpec) -> str:
    """'and on the same day in 2022?' after Apple's close on 2023-06-15: on 2022-06-15, the
    same month and day in the year named (never the whole of 2022)."""
    day = next((f for f in prev.filters if f.time and one_day(f)), None)
    m = _SAME_DAY_IN.search(question)
    if day is None or m is None:
        return question
    start = date.fromisoformat(str(day.values[0])[:10])
    try:
        moved = start.replace(year=int(m.group("year")))
    except ValueError:  # 29 February in a year without one
        return question
    return question[: m.start()] + f"on {moved.isoformat()}" + question[m.end() :]


_YEARLESS = re.compile(
    r"\b(?P<part>q[1-4]|(?:(?<=in\s)|(?<=of\s)|(?<=for\s)|(?<=about\s)|(?<=only\s)|(?<=and\s))may|"
    r"jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?)\b(?!\s*,?\s*'?\d)",
    re.I,
)


def in_the_year_before(question: str, prev: QuerySpec) -> str:
    """'only Q4', 'what about august' after picks per month in 2023 ('and Q4?' after picks in
    Q3 2023): that quarter or month of the one calendar year the previous answer was about (a
    year said keeps its own)."""
    if re.search(r"\b(?:19|20)\d\d\b|'\d\d\b", question):
        return question
    ranges = [f for f in prev.filters if f.time and f.op == "range" and f.values[0] and f.values[1]]
    if len(ranges) != 1:
        return question
    start, end = (str(v)[:10] for v in ranges[0].values[:2])
    year = start[:4]
    if end > f"{int(year) + 1}-01-01":
        return question  # a span of more than one calendar year names no one year
    return _YEARLESS.sub(lambda m: f"{m.group('part')} {year}", question, count=1)


_BUSY = re.compile(
    r"^(?P<lead>\s*(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:which|what)\s+(?P<unit>month|quarter|week|day|"
    r"year)\s+(?:was|had|is|saw)\s+(?:the\s+)?)(?P<word>busiest|quietest|slowest|best|worst|"
    r"strongest|weakest)(?:\s+one)?\s*[?.!]*\s*$"
    r"|^(?P<lead2>\s*(?:and\s+|so\s+)?(?:(?:which|what)\s+(?:of\s+(?:those|these|them)\s+)?"
    r"(?:was\s+)?)?(?:the\s+)?)(?P<word2>busiest|"
    r"quietest|slowest|best|worst|peak)\s+(?P<unit2>month|quarter|week|day|year)\s*[?.!]*\s*$"
    r"|^(?P<lead3>\s*(?:and\s+|so\s+)?(?:which|what)\s+(?P<unit3>month|quarter|week|day|year)\s+)"
    r"(?P<word3>peaked)\s*[?.!]*\s*$",
    re.I,
)
_MORE = frozenset({"busiest", "best", "strongest", "peak", "peaked"})


def busiest_period(question: str, prev: QuerySpec) -> str:
    """'which month was the busiest?', 'what was the best month', 'which month peaked?' after
    counts per month: the month with the most (the fewest for 'quietest'). 'Best' and 'worst'
    are read so only of a count; of a price they could mean its level or its return."""
    m = _BUSY.match(question)
    if m is None or prev.group_by is None or not prev.bucket or prev.metric is None:
        return question
    word = (m.group("word") or m.group("word2") or m.group("word3")).lower()
    unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
    counted = prev.metric.func == "COUNT"
    if word in ("best", "worst", "strongest", "weakest") and not counted:
        return question
    most = word in _MORE
    ranked = ("most" if most else "fewest") if counted else ("highest" if most else "lowest")
    return f"which {unit} had the {ranked}?"


def same_day_said(question: str, prev: QuerySpec) -> str:
    """'what about the volume that day' after NVDA's high on 2023-05-25: 'that day' is the
    previous question's own one-day condition, kept by the edit (not a new condition); so is
    'the same year' / 'over the same period' after a question about a period."""
    if not any(f.time for f in prev.filters):
        return question
    question = _SAME_PERIOD.sub("", question)
    if not any(f.time and one_day(f) for f in prev.filters):
        return question
    return re.sub(
        r"\s*\b(?:on\s+)?(?:(?:that|this|the)\s+)?same\s+(?:day|date)\b"
        r"|\s*\b(?:on\s+)?(?:that|this)\s+(?:day|date)\b",
        "",
        question,
        flags=re.I,
    )


_SAME_PERIOD = re.compile(
    r"\s*,?\s*\b(?:(?:for|in|over|during|at)\s+)?(?:the\s+|that\s+)?same\s+(?:year|month|quarter|"
    r"week|period|stretch|time\s*frame|timeframe|range|dates)\b"
    # 'the same quarter in 2023' moves the period to another year: not the same one
    r"(?!\s*(?:in|of|for|during|,)?\s*(?:\d|the\s+year|last|next|previous|a\s+year|prior))",
    re.I,
)


_WHEN_WAS_THAT = re.compile(
    r"^\s*(?:and|ok|so)?[\s,]*(?:(?:on|at)\s+)?(?:(?:which|what)\s+(?:date|day)|when)"
    r"(?:\s+(?:was|is|did)\s+(?:that|it|this)(?:\s+happen)?)?\s*[?.!]*\s*$",
    re.I,
)


# 'on which day did VZ hit that', 'when did it reach that high': the value just shown
_WHEN_HIT = re.compile(
    r"^\s*(?:and|ok|so)?[\s,]*(?:(?:on|at)\s+)?(?:(?:which|what)\s+(?:date|day)|when)\s+did\s+"
    r"(?P<who>[\w&.'-]+(?:\s+[\w&.'-]+)?)\s+(?=(?:hit|reach|touch|set|make|see|get\s+to)\s)",
    re.I,
)
_HIT_THAT = re.compile(
    r"\b(?:hit|hits|reach|reached|touch|touched|set|make|made|see|saw|get\s+to)\s+"
    r"(?P<pronoun>that|it|this)(?:\s+(?:high|low|level|price|close|value|number|peak))?"
    r"\s*[?.!]*\s*$",
    re.I,
)


def value_back_reference(question: str) -> str:
    """'hit that', 'reach it' at the end of a question: the value of the previous answer as
    the object of a verb (a name before it is the subject, so no pronoun check sees it)."""
    m = _HIT_THAT.search(question)
    return m.group("pronoun") if m else ""


def when_was_that(question: str, prev: QuerySpec, lex: Lexicon) -> str:
    """'on which date was that?' after the highest close: the date of the row just shown,
    asked as 'and the date?' (an edit that shows the row's date); so is 'on which day did
    VZ hit that' when VZ is the row shown; else the question."""
    dates = lex.date_columns(prev.table)
    if not dates and prev.order_by is not None and prev.limit == 1:
        # 'which stock had the highest closing price' ranks companies by a dated table's
        # column: the date is that row's
        dates = lex.date_columns(prev.order_by.table)
    hit = _WHEN_HIT.match(question) if _HIT_THAT.search(question) else None
    if hit is not None and hit.group("who").lower() not in ("it", "they", "that"):
        named = {str(v).lower() for f in prev.filters if f.op in ("=", "in") for v in f.values}
        if hit.group("who").lower() not in named:
            hit = None  # another row than the one shown reaching that value
    if not (_WHEN_WAS_THAT.match(question) or hit is not None) or not dates:
        return question
    # named by its own column: 'date' alone may mean another table's dates
    return "and the date?" if len(dates) > 1 else f"and the {dates[0].replace('_', ' ')}?"


_WHICH_DAY_WAS_THE = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:on\s+)?(?:which|what)\s+(?:day|date)\s+was\s+(?:the\s+)?(max|maximum|"
    r"highest|high|min|minimum|lowest|low)(?:\s+one)?\s*[?.!]*\s*$",
    re.I,
)


def row_of_the_extreme(question: str, prev: QuerySpec, lex: Lexicon) -> QuerySpec | None:
    """'on which day' after 'max high price of AMZN in 2023' (one MAX/MIN, no groups): the
    day of that reading, every tied day, under the same conditions; else None. 'which day
    was the max' after the max and the min: the day of the one it names."""
    named = _WHICH_DAY_WAS_THE.match(question)
    if named is not None and prev.metric is not None and prev.extra_metrics:
        want = "MIN" if named.group(1).lower() in ("min", "minimum", "lowest", "low") else "MAX"
        chosen = [m for m in (prev.metric, *prev.extra_metrics) if m.func == want]
        if len(chosen) != 1:
            return None
        prev = prev.with_(metric=chosen[0], extra_metrics=())
        question = "which day was that"
    metric = prev.metric
    if (
        not _WHEN_WAS_THAT.match(question)
        or prev.shape != "aggregate"
        or metric is None
        or metric.func not in ("MAX", "MIN")
        or metric.col is None
        or prev.group_by is not None
        or prev.extra_metrics
        or prev.change
        or metric.col.table != prev.table
    ):
        return None
    dates = lex.date_columns(prev.table)
    if len(dates) != 1:
        return None
    day = Col(prev.table, dates[0])
    extreme = Filter(metric.col, "extreme", ("max" if metric.func == "MAX" else "min",))
    return QuerySpec(
        "list",
        prev.table,
        columns=(day, metric.col),
        filters=(*prev.filters, extreme),
        order_by=day,
        notes=((question.strip(), f"the {dates[0]} of that {metric.func.lower()}imum"),),
    )


def names_rows_by_key(col: Col, lex: Lexicon) -> bool:
    """A table's own one-column key, or a column that references one ('the ten stocks'
    pinned on the price history's stock_symbol)."""
    info = lex.catalog.table(col.table)
    if info is not None and list(info.primary_key) == [col.column]:
        return True
    return any(
        rel.from_table.lower() == col.table.lower()
        and rel.from_column.lower() == col.column.lower()
        and (target := lex.catalog.table(rel.to_table)) is not None
        and list(target.primary_key) == [rel.to_column]
        for rel in lex.catalog.relationships
    )


def _own_key(col: Col, lex: Lexicon) -> bool:
    info = lex.catalog.table(col.table)
    return info is not None and list(info.primary_key) == [col.column]


def _said(f: Filter, prev: QuerySpec, asked: str) -> bool:
    """Each of the condition's values was named in the question ('AAPL vs MSFT'), or read from
    a name it said ('Apple' read as AAPL), rather than found by an earlier ranking."""
    said = asked.lower() + " " + " ".join(text for _, text in prev.notes).lower()
    return all(re.search(rf"\b{re.escape(str(v).lower())}\b", said) for v in f.values)


_TIME_SAID = re.compile(
    r"\b(?:(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
    r"march|april|june|july|august|september|october|november|december|q[1-4]|h[12]|day|days|"
    r"date|week|weeks|month|months|quarter|quarters|year|years|ytd|today|yesterday|then)\b",
    re.I,
)
_ROWS_REFERRED = re.compile(r"\b(?:them|those|these|they|their|theirs)\b", re.I)


def _period_changes_nothing_shown(
    new: QuerySpec, changed: set[Filter], keyed: list[Filter]
) -> bool:
    """Every changed condition is a period, and nothing the answer shows or measures is a
    column of the dated table beyond its date and the pinned key."""
    if not changed or not all(f.time for f in changed):
        return False
    dated = {f.col.table for f in changed}
    quiet = {f.col for f in changed} | {f.col for f in keyed}
    shown = [*new.columns, new.order_by, new.group_by]
    shown += [m.col for m in (new.metric, *new.extra_metrics) if m is not None]
    return not any(c is not None and c.table in dated and c not in quiet for c in shown)


def changes_picked_rows(
    prev: QuerySpec, new: QuerySpec, lex: Lexicon, asked: str = "", question: str = ""
) -> bool:
    """'what about healthcare' after 'top 5 tech companies' → 'how many employees do they
    have combined?': the second answer holds the five tech companies by key; swapping the
    sector beside those keys answers nothing (the top 5 healthcare companies are meant)."""
    keyed = [
        f
        for f in prev.filters
        if f.op in ("in", "=")
        and len(f.values) > 1
        and (
            _own_key(f.col, lex)
            # the rows an earlier ranking found, pinned on a column that references a key;
            # 'which of them …' asks about those rows and changes nothing that picked them
            # (when that question said a period of its own, the new period replaces it:
            # 'their close on Dec 29' → 'and on Jan 3?' keeps the rows)
            or (
                names_rows_by_key(f.col, lex)
                and not _said(f, prev, asked)
                and not _ROWS_REFERRED.search(question)
                and not _TIME_SAID.search(asked)
            )
        )
    ]
    if not keyed:
        return False
    tables = {f.col.table for f in keyed}
    before = {f for f in prev.filters if f.col.table in tables and f not in keyed}
    after = {f for f in new.filters if f.col.table in tables and f not in keyed}
    # (a condition only added narrows the rows picked: 'just the ones in Consumer Defensive'
    # after twelve tickers with their sectors)
    if before == after:
        return False
    if not all(_own_key(f.col, lex) for f in keyed) and not _period_changes_nothing_shown(
        new, before ^ after, keyed
    ):
        # rows pinned by reference: 'and in 2023?' after 'their average close' (in 2022) is
        # their 2023 average; declined only when the period shows in nothing asked ('what
        # sectors are they in?'), so that it could only mean the ranking asked again
        return False
    return not (before < after and all(f in new.filters for f in keyed))


_SAID_TIME = re.compile(
    r"\b(?:that|this|the\s+same|those)\s+(?:days?|dates?|weeks?|months?|quarters?|years?|"
    r"period|time)\b|\bthen\b",
    re.I,
)


def dates_onto_subject(
    filters: tuple[Filter, ...],
    spec: QuerySpec,
    lex: Lexicon,
    question: str,
    prev: QuerySpec | None = None,
) -> tuple[Filter, ...]:
    """'and the S&P index level that day?' after a stock's close on a day: the same day on
    the index's own dates, not the stock's dates joined in through every table between.
    Without such words the period stays with the rows it was about: 'how many users have it
    in their picks' after META's average close in 2022 counts META's pickers, not the users
    who signed up in 2022."""
    dates = lex.date_columns(spec.table)
    tables = spec.tables()
    said = _SAID_TIME.search(question) is not None
    moved = []
    for f in filters:
        if f.col.table not in tables and lex.kind_of(*astuple(f.col)) == "date":
            if _picked_the_rows(f, prev, lex) or any(
                g is not f and not g.time and g.col.table == f.col.table for g in filters
            ):
                # 'what did they pick?' after 'users who signed up in march 2023': the date
                # picked those users (an attribute of each), so it keeps picking them; and
                # 'closed below $20 on May 1' is one condition: the day stays with it
                moved.append(f)
                continue
            if not said:
                continue
            if len(dates) == 1:
                f = Filter(Col(spec.table, dates[0]), f.op, f.values, f.time)
        moved.append(f)
    return tuple(moved)


def _picked_the_rows(f: Filter, prev: QuerySpec | None, lex: Lexicon) -> bool:
    """A date condition that picked the listed rows, on a table whose key is not the date
    (a sign-up date of users, not the day of a price history)."""
    if prev is None or prev.shape not in ("list", "count") or f not in prev.filters:
        return False
    if f.col.table == prev.table and prev.shape == "count":
        return True  # 'which stocks were they' after the picks made in December: those picks
    info = lex.catalog.table(f.col.table)
    return info is not None and len(info.primary_key) == 1 and f.col.column not in info.primary_key


def swaps_owner_of_a_found_day(prev: QuerySpec, new: QuerySpec, lex: Lexicon) -> bool:
    """'what did it close at that day?' after Apple's highest-volume day, then 'same for
    META': the day was found from Apple's answer (a date equal to a value, not a period the
    user said); keeping it for META answers another question than the chain asked."""
    found = [
        f
        for f in prev.filters
        if f.op == "=" and not f.time and lex.kind_of(f.col.table, f.col.column) == "date"
    ]
    if not found:
        return False
    others = {f for f in prev.filters if f not in found}
    changed = {f for f in new.filters if f not in found} != others
    return changed and all(f in new.filters for f in found)


_COUNT_PER = re.compile(
    r"^\s*(?:and\s+)?(?:so\s+)?(?:how\s+many|(?:the\s+)?count|(?:the\s+)?number|"
    r"(?:a\s+)?breakdown|break\s+(?:it|that|them|those)\s+down)\s+"
    r"(?:(?:are|were)\s+there\s+|of\s+(?:them|those|these)\s+(?:are\s+there\s+)?)?"
    r"(?=(?:per|by|in\s+each|for\s+each)\b)",
    re.I,
)


def counted_per_group(question: str, prev: QuerySpec) -> str:
    """'how many per country' after a list: those rows counted per country, asked as 'how
    many of them per country' (a count of the previous rows, never of every row)."""
    if prev.shape != "list" or not _COUNT_PER.match(question):
        return question
    return _COUNT_PER.sub("how many of them ", question, count=1)


def counts_per_group_only(question: str) -> bool:
    """'how many per country?': a count with no rows named."""
    return _COUNT_PER.match(question) is not None


_RANKED_BY_THAT = re.compile(
    r"\b(?:ranked|sorted|ordered|rank|sort|order)\s+(?:them\s+)?by\s+(?:that|it|this)\b", re.I
)


def ranked_by_that(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'show me all the sectors ranked by that' after the sector with the biggest total: every
    group, ordered by the value the previous answer ranked them by; None otherwise."""
    if (
        not _RANKED_BY_THAT.search(question)
        # 'add total mkt cap, sort by that desc': 'that' is the value added (followups.py)
        or re.search(r"\b(?:add|plus|also|include|including)\b", question, re.I)
        or prev.shape != "aggregate"
        or prev.group_by is None
        or prev.metric is None
        or prev.extra_metrics
    ):
        return None
    return prev.with_(
        limit=None, limit_stated=False, ties=False, order_metric=True, descending=True
    )


_WIDE_WORDS = frozenset(
    {"all", "every", "each", "total", "overall", "across", "per", "by", "top", "any", "whole"}
)


def subjectless_measure(question: str, linked: Linked) -> bool:
    """'how many employees', 'whats the market cap': a measure asked with no rows of its own
    (no table, value, period or ranking). In a session it is about the rows the previous
    question named, never a total over every row."""
    words = re.findall(r"[a-z']+", question.lower())
    if not words or len(words) > 8 or _WIDE_WORDS & set(words):
        return False
    has_column = False
    for it in linked.items:
        if it.kind == "column":
            has_column = True
        elif not (it.kind == "kw" and it.category in ("count", "list")):
            return False
    return has_column


def named_subject(prev: QuerySpec) -> tuple[Filter, ...]:
    """The previous question's conditions that name its rows (not its period): what a
    subjectless measure is about."""
    return tuple(f for f in prev.filters if not f.time and f.op not in ("latest", "extreme"))


_THAT_PERIOD = re.compile(
    r"\s*\b(?:(?:in|over|during|for|within|across)\s+)?(?:that|this|the\s+same)\s+"
    r"(?:time\s+period|time\s*frame|date\s+range|period|range|window|stretch|span|interval)\b",
    re.I,
)


def that_period(question: str, prev: QuerySpec) -> str | None:
    """'what was the highest high in that period' after NVDA's closes from Jan 3 to Jan 6:
    the question without the phrase, to be asked about the previous rows and their dates;
    None when it says no such thing or the previous question had no period."""
    if not any(f.time for f in prev.filters):
        return None
    unit = _THAT_UNIT.search(question)
    if unit is not None and _spans_one(prev, unit.group("unit").lower()):
        # 'the highest high in that quarter' after Q4 2023: that quarter is the period
        return question[: unit.start()] + question[unit.end() :]
    if not _THAT_PERIOD.search(question):
        return None
    if prev.change:
        return None  # 'and nvidia over the same period?' after a change: an edit (same_day_said)
    return _THAT_PERIOD.sub("", question, count=1)


_THAT_UNIT = re.compile(
    r"\s*\b(?:(?:in|over|during|for|within|across|of)\s+)?(?:that|this)\s+"
    r"(?P<unit>quarter|month|year|week)\b(?!\s+(?:in|of)\s+\d)",
    re.I,
)


def _spans_one(prev: QuerySpec, unit: str) -> bool:
    """The previous period is one whole calendar month, quarter or year, or seven days."""
    ranges = [f for f in prev.filters if f.time and f.op == "range" and all(f.values)]
    if len(ranges) != 1 or any(f.op == "latest" for f in prev.filters):
        return False
    try:
        start, end = (date.fromisoformat(str(v)[:10]) for v in ranges[0].values)
    except ValueError:
        return False
    if unit == "week":
        return (end - start).days == 7
    months = (end.year - start.year) * 12 + end.month - start.month
    whole = start.day == 1 and end.day == 1
    size = {"month": 1, "quarter": 3, "year": 12}[unit]
    return whole and months == size and (unit != "quarter" or start.month % 3 == 1)


_HOW_MANY_IS_THAT = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|right)[\s,]+)?how\s+many\s+(?:"
    r"(?:[a-z]+\s+)?(?:is|was)\s+that|(?:[a-z]+\s+)?(?:are|were)\s+(?:they|those|these)|"
    r"(?:are|were)\s+there|"
    r"of\s+(?:them|those|these)(?:\s+(?:are|were)\s+there)?|(?:them|those|these)"
    r")\s*(?:in\s+total|altogether|total)?\s*[?.!]*\s*$",
    re.I,
)


_JUST_COUNT = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:the\s+)?(?:count|number|how\s+many|total\s+count)"
    r"(?:\s+(?:pls|please))?\s*[?.!]*\s*$",
    re.I,
)


def count_of_shown_rows(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'how many is that' after a list: the number of those rows (distinct values when the
    list was of distinct values); None for other questions or a list cut by a limit."""
    said = _HOW_MANY_IS_THAT.match(question) or _JUST_COUNT.match(question)
    if not said or prev.shape != "list" or prev.limit_stated:
        return None
    if prev.per_group is not None:
        return None
    if prev.distinct:
        if len(prev.columns) != 1:
            return None
        metric = Metric("COUNT", prev.columns[0], distinct=True)
    else:
        metric = Metric("COUNT", None)
    return QuerySpec(
        shape="count",
        table=prev.table,
        metric=metric,
        filters=prev.filters,
        also_join=prev.also_join,
        notes=prev.notes,
    )


_ADD_COUNT = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so|now|also|pls|please|can\s+you|could\s+you|u)[\s,]+)*"
    r"(?:add|include|plus|also\s+show|show|also|and)\s+(?:the\s+|a\s+)?(?:number|count|#|no\.?)"
    r"(?:\s+of\s+(?P<rows>[a-z][a-z ]*?))?(?:\s+(?:in|for|per)\s+(?:each|every)(?:\s+one)?)?"
    r"(?:\s+(?:too|as\s+well|also|pls|please))*\s*[?.!]*\s*$",
    re.I,
)


def count_beside(question: str, prev: QuerySpec) -> tuple[QuerySpec, str] | None:
    """'add the number of companies in each too' after a total per group: the count of each
    group's rows beside the total (never the count alone); the rows said, when any, are
    returned for the caller to check they are the previous answer's rows."""
    said = _ADD_COUNT.match(question)
    if (
        said is None
        or prev.shape != "aggregate"
        or prev.group_by is None
        or prev.metric is None
        or prev.metric.func == "COUNT"
        or any(m.func == "COUNT" for m in prev.extra_metrics)
    ):
        return None
    spec = prev.with_(extra_metrics=(*prev.extra_metrics, Metric("COUNT")))
    return spec, (said.group("rows") or "").strip()


_RANK_WORDS = frozenset({"top", "bottom", "biggest", "largest", "smallest", "highest", "lowest"})
_OWN_ROWS_WORDS = frozenset(
    {"all", "every", "overall", "across", "whole", "them", "those", "these", "they", "their"}
)


def ranks_named_rows(question: str, linked: Linked, prev: QuerySpec) -> str:
    """'list the 5 biggest by market cap' after 'how many tech companies are in the index':
    the 5 biggest of those, asked as 'of them, …'. Unchanged unless the question ranks with
    no rows of its own (no table, value or period) and the previous rows had conditions."""
    words = set(re.findall(r"[a-z]+", question.lower()))
    if not (_RANK_WORDS & words) or _OWN_ROWS_WORDS & words:
        return question
    if prev.shape not in ("count", "list") or prev.group_by is not None or prev.limit_stated:
        return question
    subject = named_subject(prev)
    if not subject or any(_names_one_row(f.col) for f in subject):
        # 'top 10 weights in the index' after Microsoft's weight: not a ranking of one row
        return question
    if any(it.kind in ("table", "value", "time", "unsupported") for it in linked.items):
        return question
    if any(
        it.kind == "kw"
        and (
            it.category == "group" or (it.category == "agg" and it.text.lower() not in _RANK_WORDS)
        )
        and it.text.lower() != "by"
        for it in linked.items
    ) or _GROUPED_BY.search(question):
        return question  # 'avg rev growth by sector, bottom 5': a question of its own
    if linked.unknown:
        return question
    return "of them, " + question


_GROUPED_BY = re.compile(
    r"\b(?:avg|average|mean|total|sum|count|number)\b.*\b(?:by|per|each)\b", re.I
)


_NAMING_WORDS = frozenset({"name", "symbol", "id", "code", "title", "ticker", "key"})


def _names_one_row(col: Col) -> bool:
    """A condition on a name or key column ('short_name = NVIDIA'): it picks one row."""
    words = set(re.findall(r"[a-z]+", col.column.lower().replace("_", " ")))
    return bool(words & _NAMING_WORDS) or col.column.lower().endswith("id")


_SHIFTED = re.compile(
    r"\b(?:(?:the\s+)?(?P<dir>previous|prior|preceding|next|following)\s+(?P<unit>quarter|month|year)"
    r"|the\s+(?P<unit2>quarter|month|year)\s+(?P<dir2>before|after))\b",
    re.I,
)
_MONTH_WORDS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def shifted_period(question: str, prev: QuerySpec) -> str:
    """'and for the previous quarter?' after Q3 2023: Q2 2023 (the period before the one the
    previous question named), never the three months before the data's last day."""
    m = _SHIFTED.search(question)
    period = next((f for f in prev.filters if f.time and f.op == "range"), None)
    if m is None or period is None or not all(period.values):
        return question
    unit = (m.group("unit") or m.group("unit2")).lower()
    step = (
        -1
        if (m.group("dir") or m.group("dir2")).lower()
        in ("previous", "prior", "preceding", "before")
        else 1
    )
    start, end = (date.fromisoformat(str(v)[:10]) for v in period.values)
    months = (end.year - start.year) * 12 + end.month - start.month
    size = {"month": 1, "quarter": 3, "year": 12}[unit]
    if unit == "year" and months in (1, 3) and start.day == 1 and end.day == 1:
        # 'same for the year before' after January 2023: January 2022, the same stretch a
        # year earlier (a quarter must be a calendar quarter to be said as one)
        unit = "month" if months == 1 else "quarter"
        size, months = months, months
        step *= 12 // size
    if (
        start.day != 1
        or end.day != 1
        or months != size
        or (unit == "quarter" and start.month % 3 != 1)
    ):
        return question  # the previous period is not one whole such unit: not shifted here
    total = start.year * 12 + start.month - 1 + step * size
    year, month = divmod(total, 12)
    said = {
        "month": f"{_MONTH_WORDS[month]} {year}",
        "quarter": f"Q{month // 3 + 1} {year}",
        "year": f"{year}",
    }[unit]
    return question[: m.start()] + said + question[m.end() :]


_SAME_FOR = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so|now|pls|please|then)[\s,]+)?(?:(?:can\s+you\s+)?(?:show|give|do|"
    r"get|run|tell)\s+(?:me\s+)?)?(?:the\s+)?same(?:\s+(?:thing|one|question|numbers?|query|"
    r"figures?|again|check|lookup|list|breakdown|stats?))?(?:\s+but)?\s+(?:(?P<for>for|with)\s+|"
    r"(?=(?:in|during|over|on|by|per|"
    r"across|since|from|between)\s))",
    re.I,
)
_INSTEAD_OF = re.compile(
    r"\binstead\s+of\s+(?:the\s+)?(?:count|cnt|counts|number|total|sum|average|avg|mean|picks|"
    r"companies|rows)\b",
    re.I,
)
_SAME_BUT = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so|now|then|pls|please)[\s,]+)*(?:the\s+)?same(?:\s+(?:thing|one|query|"
    r"list|breakdown|again|numbers?|top\s+\d+|bottom\s+\d+|ranking))?[\s,]+but\s+",
    re.I,
)
_THAT_SAME = re.compile(
    r"\b(?:that|the)\s+(?:very\s+)?same\s+(month|period|year|quarter|week|stretch)"
    r"\b(?!\s+as\b)",  # 'the same year as Apple' compares, it points nowhere back
    re.I,
)


def same_as_before(question: str) -> str:
    """'same for microsoft', 'show me the same for the year before', 'for that same month':
    the previous question for another subject or period, said as an edit ('what about
    microsoft', 'that month'); the question unchanged otherwise."""
    # 'avg market_cap instead of cnt': what is replaced needs no reading ('10 instead of 5'
    # keeps its number, which says which number changes)
    question = _INSTEAD_OF.sub("instead", question)
    but = _SAME_BUT.match(question)
    if but is not None and question[but.end() :].strip():
        # 'now same top 5 but excluding tech sector': the change itself, an edit
        return question[but.end() :]
    kept = _SAME_SPAN_END.sub("", question)
    if kept != question and 0 < len(kept.split()) <= 4:
        # 'chevron over the same period?', 'msft close same day?': the period an edit keeps
        question = kept if _EDIT_START.match(kept) else "what about " + kept.strip(" ,")
    text = _THAT_SAME.sub(lambda m: f"that {m.group(1)}", question)
    m = _SAME_FOR.match(text)
    if m is not None:
        text = "what about " + text[m.end() :]
    if _EDIT_START.match(text):
        # 'what about META for that month': the period an edit keeps anyway
        text = _KEPT_PERIOD.sub("", text)
    return text


_SAME_SPAN_END = re.compile(
    r"[\s,]*(?:\b(?:over|for|on|in|during|at|from)\s+)?(?:\b(?:the|that)\s+)?(?:very\s+)?"
    r"\bsame\s+(?:period|stretch|time\s*frame|timeframe|window|span)"
    r"\s*[?.!]*\s*$",
    re.I,
)
_EDIT_START = re.compile(r"^\s*(?:(?:what|how)\s+about|and)\b", re.I)
_KEPT_PERIOD = re.compile(
    r"\s+(?:for|in|over|during)\s+that\s+(?:month|period|year|quarter|week|stretch)\b", re.I
)


_TOP_GROUP = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:which|what)\s+"
    # 'which of those months had the highest average?', 'which of the 3 sectors has the most?'
    r"(?:(?P<back>(?:one\s+)?of\s+(?:those|these|them|the))\s+(?:(?:\d+|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve)\s+)?)?(?P<noun>[a-z]+)\s+"
    r"(?:had|has|have|was|is|were|saw|got|did)\s+(?:the\s+)?"
    r"(?P<sup>most|fewest|least|highest|lowest|biggest|largest|smallest|best|worst|max|min)"
    r"(?:\s+(?:one|of\s+(?:them|those|all)))?(?:\s+(?P<what>[a-z][a-z ]*?))?\s*[?.!]*\s*$",
    re.I,
)
_HIGH = frozenset({"most", "highest", "biggest", "largest", "best", "max"})


_FUNC_WORDS = {
    "AVG": {"average", "avg", "mean"},
    "SUM": {"total", "sum"},
    "COUNT": {"count", "number", "total"},
    "MAX": {"max", "maximum"},
    "MIN": {"min", "minimum"},
}


def _names_the_value(what: str, metric: Metric) -> bool:
    """'the highest average' / 'the most volume': words that name the one value shown."""
    allowed = set(_FUNC_WORDS.get(metric.func, ()))
    if metric.col is not None:
        allowed |= set(metric.col.column.lower().split("_"))
    return all(w in allowed for w in what.lower().split())


def top_group(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'which month had the most' after new users per month in 2023: the group at the top of
    the previous answer by its one value (ties kept); None for anything else."""
    m = _TOP_GROUP.match(question)
    group = prev.group_by
    if (
        m is None
        or group is None
        or prev.shape != "aggregate"
        or prev.metric is None
        or prev.extra_metrics
        or prev.having
    ):
        return None
    noun = m.group("noun").lower().rstrip("s")
    named = prev.bucket or group.column.lower().replace("_", " ").split()[-1].rstrip("s")
    if noun not in ("one", named):
        return None
    if m.group("what") and not _names_the_value(m.group("what"), prev.metric):
        return None  # 'which month had the most volume' after counts: another value
    descending = m.group("sup").lower() in _HIGH
    if (prev.limit or 0) > 1 and not (prev.order_metric and prev.descending == descending):
        return None  # 'which of them had the fewest' after a top 5: among those five only
    return prev.with_(
        order_metric=True,
        descending=descending,
        limit=1,
        limit_stated=True,
        ties=True,
    )


_FLIP_ORDER = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|now|no|then|pls|please)[\s,]+)?(?:(?:sort(?:ed)?|order(?:ed)?|"
    r"show(?:\s+it)?|list(?:ed)?|rank(?:ed)?)\s+(?:(?:it|them|those|that)\s+)?(?:the\s+)?"
    r"other\s+way(?:\s+a?round)?|(?:reverse|flip)\s+(?:it|that|them|the\s+(?:order|sort))"
    r"|(?:the\s+)?other\s+way\s+a?round|in\s+the\s+opposite\s+order|reversed)\s*(?:pls|please)?"
    r"\s*[?.!]*\s*$",
    re.I,
)


def flipped_order(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'sorted the other way', 'reverse it': the previous rows in the opposite order; None
    when the question is not that or the previous answer had no order of its own to flip
    (rows in key order: 'the other way' could be the key or any value shown)."""
    if _FLIP_ORDER.match(question) is None:
        return None
    if not (prev.order_metric or prev.order_by is not None) or prev.limit:
        return None  # a top N reversed is another question (the bottom N), asked whole
    return prev.with_(descending=not prev.descending)


_OTHER_EXTREME = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|now|so)[\s,]+)?(?:(?:what|how)\s+about\s+)?(?:and\s+)?(?:the\s+)?"
    r"(?P<word>high|highest|max|maximum|peak|top|low|lowest|min|minimum|bottom)"
    r"(?:\s+(?:one|close|closing\s+price|price|level|value))?(?:\s+of\s+(?P<who>[^?.!]+?))?"
    r"\s*(?:then|too)?\s*[?.!]*\s*$",
    re.I,
)
_UP_WORDS = frozenset({"high", "highest", "max", "maximum", "peak", "top"})


def other_extreme(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'and the high?' after the S&P 500's lowest close in 2022: the same ranking from the
    other end (the row at the top instead of the bottom); None for anything else or when the
    previous answer ranked nothing."""
    m = _OTHER_EXTREME.match(question)
    if m is None or not prev.limit or prev.group_by is not None:
        return None
    if prev.order_by is None or prev.order_metric:
        return None
    if prev.order_by.column.lower() in ("high", "low"):
        return None  # 'the high' could be that column, not the other end
    who = (m.group("who") or "").strip().lower()
    if who and not any(who == str(v).lower() for f in prev.filters for v in f.values):
        return None  # ('and the max price of MSFT?': another series, asked whole)
    descending = m.group("word").lower() in _UP_WORDS
    if descending == prev.descending:
        return None  # the same end again: not an edit this reads
    return prev.with_(descending=descending)


_FOR_EACH = re.compile(
    r"\s+(?:for|in|of|per)\s+each(?:\s+(?:one|of\s+them|of\s+those))?\s*([?.!]*)\s*$", re.I
)


def for_each_group(question: str, prev: QuerySpec) -> str:
    """'avg market cap for each?' after the number of companies per exchange: the same groups,
    asked as '… per exchange_symbol'; the question unchanged when nothing was grouped."""
    m = _FOR_EACH.search(question)
    if m is None:
        return question
    if prev.having or prev.limit or prev.count_groups:
        return question  # some groups were kept: 'each' is each of those, not of all
    if prev.group_by is not None and prev.shape == "aggregate" and not prev.bucket:
        column = prev.group_by.column
    elif prev.shape == "list" and prev.distinct and len(prev.columns) == 1:
        column = prev.columns[0].column  # 'list the sectors' → 'how many companies in each'
    else:
        return question
    return question[: m.start()] + f" per {column.replace('_', ' ')}" + m.group(1)


_OF_THOSE_WHICH = re.compile(
    r"^(\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?)of\s+(those|them|these)\s*,?\s*(which|what|who)"
    r"(\s+ones?)?\b",
    re.I,
)


def of_those_which(question: str) -> str:
    """'of those which are utilities': said as 'which of those are utilities' (a list of the
    rows, as 'which' asks), never the previous count with one more condition."""
    return _OF_THOSE_WHICH.sub(lambda m: f"{m.group(1)}{m.group(3)} of {m.group(2)}", question)


_EACH_ONES = re.compile(r"\beach\s+one'?s\b", re.I)
_FOR_EACH_ALONE = re.compile(
    r"\b(for|of)\s+each(?:\s+one)?(?=\s*(?:[?.!,]|$|\s+(?:in|on|during|over|from|between|since|"
    r"at|by|last|this)\b))",
    re.I,
)
_EACH_DID = re.compile(
    r"\b(?:(does|did|do|has|had)\s+)?each(?:\s+one)?\s+(have|hit|reach|reached|make|made|get|got|"
    r"close|closed|gain|gained|lose|lost|employ|employs)\b",
    re.I,
)


def each_of_the_rows(question: str, prev: QuerySpec) -> str:
    """'how many employees does each have', 'the high and low for each in Q4 2022', 'each
    one's highest high' after a list of named rows: each of them (the rows shown), said so
    the reference is read; the question unchanged after anything but a plain list."""
    if prev.shape != "list" or prev.group_by is not None or prev.limit == 1:
        return question
    if prev.distinct and len(prev.columns) == 1 and _FOR_EACH.search(question):
        return question  # 'avg market cap for each' after 'list the sectors': each sector
    # said as everyday.py says 'each of them' (the plural pronoun, one value apiece)
    text = _EACH_ONES.sub("their", question)
    text = _FOR_EACH_ALONE.sub(lambda m: f"{m.group(1)} them apiece", text)
    return _EACH_DID.sub(lambda m: f"{'do ' if m.group(1) else ''}they {m.group(2)} apiece", text)


_WHICH_ONE = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now)[\s,]+)?which(?:\s+one|\s+of\s+(?:them|those|these|the\s+two|"
    r"the\s+2|both))?\b",
    re.I,
)
_COMPARATIVE = {
    "more": "most",
    "higher": "highest",
    "bigger": "biggest",
    "larger": "largest",
    "greater": "greatest",
    "fewer": "fewest",
    "less": "least",
    "lower": "lowest",
    "smaller": "smallest",
}
_COMPARATIVE_WORD = re.compile(r"\b(" + "|".join(_COMPARATIVE) + r")\b(?!\s+than\b)", re.I)


_A_PERIOD = re.compile(r"\b(?:(?:19|20)\d\d|q[1-4]|year|month|quarter|week|ytd)\b", re.I)
_A_DAY = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")


def one_each(prev: QuerySpec) -> bool:
    """An aggregate with one value for each of the rows named ('KO vs PEP avg close')."""
    group = prev.group_by
    return (
        prev.shape == "aggregate"
        and group is not None
        and not prev.bucket
        and any(f.op == "in" and f.col.column == group.column for f in prev.filters)
    )


def which_of_the_two(question: str, prev: QuerySpec, named_several: bool) -> str:
    """'which one has more employees?' after Coca-Cola vs Pepsi: 'which of them has the most
    employees' (the rows shown, ranked); only when the previous answer named several rows and
    the question compares with no 'than'."""
    m = _WHICH_ONE.match(question)
    if m is None or not named_several or not (prev.shape == "list" or one_each(prev)):
        return question
    if prev.shape == "list" and prev.group_by is not None:
        return question
    said = _COMPARATIVE_WORD.search(question, m.end())
    if said is None or len(_COMPARATIVE_WORD.findall(question)) != 1:
        return question
    if (
        _A_PERIOD.search(question)
        and not _A_DAY.search(question)
        and not re.search(r"\b(?:total|average|avg|mean|combined)\b", question, re.I)
    ):
        return question  # 'more volume in 2023': in total, or on its best day? Not picked here
    word = _COMPARATIVE[said.group(1).lower()]
    article = "" if question[: said.start()].rstrip().lower().endswith("the") else "the "
    rest = question[m.end() : said.start()] + article + word + question[said.end() :]
    return "which of them" + rest
