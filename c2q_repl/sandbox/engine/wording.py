"""What the words around a question say before it is read: whether a text names the data
(so it is never dropped as context), and whether an operator asks for arithmetic the engine
does not write ('close - open', 'a / b') or is punctuation ('Texas - names and cities')."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from .lexicon import Lexicon
from .linking import link
from .preprocess import Prepared
from .spec import Decline


def says_data(text: str, lex: Lexicon) -> bool:
    linked = link(text, lex)
    return any(it.kind in ("table", "column", "value") for it in linked.items)


def value_columns(text: str, lex: Lexicon) -> frozenset[tuple[str, str]]:
    """The columns ``text`` is a whole value of ('Ohio' → companies.state), or none ('Kansas'
    is only a part of 'Kansas City')."""
    items = link(text, lex).items
    if len(items) != 1 or items[0].kind != "value" or items[0].text.lower() != text.lower():
        return frozenset()
    return frozenset((t.table, t.column) for t in items[0].targets)


def tables_of_rows_named(text: str, lex: Lexicon) -> frozenset[str]:
    """The tables one of whose rows ``text`` names by its key or name ('Google' → companies)."""
    from .sqlbuild import name_columns

    named = set()
    for it in link(text, lex).items:
        if it.kind != "value":
            continue
        for t in it.targets:
            info = lex.catalog.table(t.table)
            if info is not None and (
                t.column in info.primary_key or t.column in name_columns(info)
            ):
                named.add(t.table)
    return frozenset(named)


def names_data(text: str, lex: Lexicon) -> bool:
    return any(it.kind == "table" for it in link(text, lex).items)


def dash_between_columns(text: str, lex: Lexicon) -> bool:
    """'close - open': a column on each side of the dash (else it is punctuation)."""
    for m in re.finditer(r"(\w+)\s+-\s+(\w+)", text):
        sides = [link(word, lex).items for word in m.groups()]
        if all(items and all(it.kind == "column" for it in items) for items in sides):
            return True
    return False


def plus_between_measures(text: str, lex: Lexicon) -> bool:
    """'close + open': a number column on each side of the plus (else it joins a list:
    'symbol + short_name', 'min + max px', 'user id + count')."""
    for m in re.finditer(r"(\w+)\s*\+\s*(\w+)", text):
        sides = [link(word, lex).items for word in m.groups()]
        if all(
            items
            and all(
                it.kind == "column"
                and all(lex.kind_of(t.table, t.column) == "number" for t in it.targets)
                for it in items
            )
            for items in sides
        ):
            return True
    return False


def arithmetic_decline(prepared: Prepared, lex: Lexicon) -> tuple[Prepared, Decline | None]:
    """(the prepared question, a decline when it asks for arithmetic between values)."""
    if prepared.arithmetic == "-" and not dash_between_columns(prepared.question, lex):
        # 'companies in Texas - names and cities please': a dash, not a subtraction
        text = re.sub(r"\s+-\s+", ", ", prepared.question)
        return replace(prepared, question=text, arithmetic=""), None
    if prepared.arithmetic == "+" and not plus_between_measures(prepared.question, lex):
        # 'top 5 weights, symbol + short_name': shorthand for 'and', not a sum
        text = re.sub(r"\s*\+\s*(?=\w)", " and ", prepared.question)
        return replace(prepared, question=text, arithmetic=""), None
    if not prepared.arithmetic:
        return prepared, None
    op = prepared.arithmetic
    said = "can mean 'or' or a division" if op == "/" else "asks for arithmetic"
    return prepared, Decline(
        f"'{op}' between two words {said}; the built-in engine does not compute "
        "between values: ask with words ('A or B'), or for the values themselves "
        "(for example 'close and open of AAPL on 2023-06-30').",
        (op,),
    )


_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|gonna)\s+(?:[\w'&.]+\s+){0,6}?(?:be|close|open|trade|reach|hit|"
    r"end|go|rise|fall|grow|gain|drop|cost|worth|perform|have|make|earn|"
    # ('Just the company names will do, I don't need …': enough, not a forecast)
    r"do(?!\s*[,.;!]|\s*$))\b"
    r"|\bnext\s+(?:year|month|quarter|week)\b",
    re.I,
)


def future_decline(question: str, lex: Lexicon) -> Decline | None:
    """'What will Nvidia's share price be at the end of 2024?': a forecast. The data records
    what happened; a date range after it holds nothing, and no reading of it predicts."""
    if _FUTURE.search(question) is None:
        return None
    span = ""
    dated = [
        (lex.date_first[k], lex.date_anchor[k]) for k in lex.date_anchor if k in lex.date_first
    ]
    if dated:
        span = f" (it covers {min(a for a, _ in dated)} to {max(b for _, b in dated)})"
    return Decline(
        "That asks about the future; the data only records what happened" + span + ", so "
        "there is nothing to look up or predict. Ask about a date or period in the data instead."
    )


# 'what stock is most watched together with nvidia', 'the most common pick among people who
# picked AAPL, besides AAPL itself': rows chosen by the same choosers as a named one
_CHOSEN_TOGETHER = re.compile(
    r"\b(?:picked|selected|chosen|watched|tracked|bought|ordered|rented|borrowed|booked|picks?|"
    r"selections?|choices?)\b.*?\b(?:together\s+with|along\s+with|alongside|besides|in\s+addition\s+to)"
    r"\b|\b(?:together\s+with|alongside|besides)\b.*?\b(?:picked|selected|chosen|watched|"
    r"tracked|bought|ordered|rented|borrowed|booked|picks?)\b",
    re.I,
)


# 'which companies are in Houston and what is their average market cap?': the rows and a
# total of them, two answers; read as one, the list was dropped
_ROWS_AND_THEIR_TOTAL = re.compile(
    r"^\s*(?:which|list|show|name)\b[^?.!]*?,?\s+and\s+(?:what|how\s+much)\s+(?:is|was|are|were)\s+"
    r"(?:their|the)\s+(?P<agg>average|avg|mean|total|combined|sum|median|overall)\b",
    re.I,
)


def rows_and_their_total_decline(question: str) -> Decline | None:
    """Rows and an aggregate over them asked in one question: answering only the aggregate
    silently drops the rows, so the two are asked for one at a time."""
    m = _ROWS_AND_THEIR_TOTAL.search(question)
    if m is None:
        return None
    return Decline(
        f"That asks for rows and their {m.group('agg').lower()} in one question, which are two "
        "answers; please ask for the rows first, then for their "
        f"{m.group('agg').lower()} (a follow-up keeps the same rows)."
    )


_RANKS_CHOICES = re.compile(r"\b(?:most|top|common|popular|frequent(?:ly)?|often)\b", re.I)


_CANDLE_PATTERN = re.compile(
    r"\b(?P<said>(?:inside|outside|doji|engulfing|hammer|gap(?:\s+(?:up|down))?)\s+"
    r"(?:days?|bars?|candles?|sessions?))\b",
    re.I,
)


_POSITION = re.compile(
    r"\bwhere\s+(?:does|do|did|would|will)\s+(?:[\w.&'-]+\s+){1,4}?(?P<a>rank|place|stand|sit)\b"
    r"|\b(?:its|their|his|her|[\w.&-]+'s)\s+(?P<b>rank|ranking|position|place)\s+(?:by|in|on|among|for)\b"
    r"|\bwhat\s+(?P<c>rank|position|place)\s+(?:is|was|does|did)\b",
    re.I,
)


def rank_position_decline(question: str) -> Decline | None:
    """'where does AVGO rank by weight': one row's place in a ranking. The engine does not
    count the rows above it, and reading the words away showed the row with no place."""
    m = _POSITION.search(question)
    if m is None:
        return None
    said = m.group(0)
    return Decline(
        f"'{said}' asks for one row's place in a ranking, which the built-in engine does not "
        "compute. Ask for the ranking itself (for example 'top 20 by weight') and find the "
        "row in it, or use the LLM engine.",
        (said,),
    )


_ON_ITS_DAY = re.compile(
    r"\b(?:on|during)\s+(?:the\s+)?(?P<day>[\w&.' -]{2,40}?['’]s\s+(?:single\s+)?(?:worst|best|biggest|"
    r"largest|weakest|strongest)\s+(?:\w+\s+)?(?:day|session|date))\b"
    r"(?=.*\b(?:stocks|companies|names|members|constituents|tickers|sectors|industries)\b)",
    re.I,
)


def day_of_another_answer_decline(question: str) -> Decline | None:
    """'On the S&P 500's worst day, which 10 stocks fell the most?': a day found by one
    answer, then other rows on it. Read as one question, the index's ten worst days came back
    (confidently wrong); the engine does not nest the two."""
    m = _ON_ITS_DAY.search(question)
    if m is None:
        return None
    day = m.group("day")
    return Decline(
        f"'{day}' is a day found by another question, and this one asks about other rows on "
        f"it, which the built-in engine does not combine. Ask for {day} first, then ask about "
        "that day (for example 'which 10 stocks fell the most on 2022-09-13').",
        (day,),
    )


def candle_pattern_decline(question: str) -> Decline | None:
    """'IBM inside days in dec 23, count': a chart pattern compares each day with the day
    before (its high and low inside the previous day's); the engine does not write that, and
    reading the words away counted something else."""
    m = _CANDLE_PATTERN.search(question)
    if m is None:
        return None
    return Decline(
        f"'{m.group('said')}' compares each day's prices with the day before's, which the "
        "built-in engine does not write. Ask for the open, high, low and close of each day in "
        "the period instead, or use the LLM engine.",
        (m.group("said"),),
    )


def chosen_together_decline(question: str) -> Decline | None:
    """Rows picked by the same people as a named row (co-occurrence) need the choices
    compared with each other; read without that, 'together with NVDA' once counted NVDA's
    own picks."""
    m = _CHOSEN_TOGETHER.search(question)
    if m is None or _RANKS_CHOICES.search(question) is None:
        return None  # 'which users picked AAPL along with MSFT': both picked, answerable
    return Decline(
        "That asks what is chosen together with something (by the same people), which needs "
        "their choices compared with each other; the built-in engine does not write that. Ask "
        "who picked it, or what the most picked rows are."
    )


_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_ALONE = re.compile(
    rf"\b(?:in|during|of|for|since|until|till|from|by|through|before|after|prior\s+to)\s+(?:the\s+month\s+of\s+)?"
    rf"(?P<month>{_MONTH_NAMES})\b(?!\s*(?:,\s*)?(?:of\s+)?(?:\d{{1,2}}\b|'?\d\d\b))",
    re.I,
)
# 'oct?', 'what about October?', 'and september': a month alone as the whole follow-up
_MONTH_FRAGMENT = re.compile(
    rf"^\s*(?:and\s+)?(?:(?:what|how)\s+about\s+)?(?:(?:in|for|during)\s+)?(?:the\s+month\s+of\s+)?"
    rf"(?P<month>{_MONTH_NAMES})\s*[?.!]*\s*$",
    re.I,
)
_SHORT_YEAR_AFTER_MONTH = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s+'?(\d\d)\b(?![/\d:])", re.I)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b")


def month_of_the_year_before(
    question: str, earlier: list[str]
) -> tuple[str, tuple[str, str]] | None:
    """'and in november' after 'how many picks in december 2023': November of that year,
    when the question before named a month of one year; a month alone ('oct?' then 'what
    about September?') takes the year of the latest of the three before that names one.
    (question, (said, read as))."""
    fragment = _MONTH_FRAGMENT.match(question)
    m = fragment or _MONTH_ALONE.search(question)
    if m is None or _ANY_YEAR.search(question):
        return None
    # a month alone ('oct?') keeps everything else, so it may take the year from further
    # back; in a question of its own only the one just before says which year
    before = earlier[-3:] if fragment else earlier[-1:]
    said_year = [q for q in before if _ANY_YEAR.search(q) or _SHORT_YEAR_AFTER_MONTH.search(q)]
    if not said_year:
        return None
    previous = said_year[-1]
    month_then = re.search(rf"\b(?:{_MONTH_NAMES})\b", previous, re.I)
    years = set(re.findall(r"\b(?:19|20)\d\d\b", previous))
    # 'MSFT hi and lo for nov 23': a trader's two-digit year after the month
    years |= {f"20{y}" for y in _SHORT_YEAR_AFTER_MONTH.findall(previous)}
    if month_then is None or len(years) != 1:
        return None
    year = years.pop()
    word = m.group("month")
    at = m.end("month")
    return question[:at] + f" {year}" + question[at:], (word, f"{word} {year}")


def recent_month(question: str, lex: Lexicon) -> tuple[str, tuple[str, str]] | None:
    """'best performers in Nov', 'JPM % chg in Dec': a month said without its year, when it is
    the data's last month or the one before it, is that month (what someone looking at the
    latest data means); further back the year is asked (month_without_year)."""
    m = _MONTH_ALONE.search(question)
    if m is None or _ANY_YEAR.search(question) or not lex.date_anchor:
        return None
    word = m.group("month")
    if word.lower() == "may" and re.search(r"\bmay\s+(?:i|we|you|be|have|not)\b", question, re.I):
        return None
    month = _month_number(word)
    last = dt.date.fromisoformat(max(lex.date_anchor.values())[:10])
    before = (last.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    when = next((d for d in (last.replace(day=1), before) if d.month == month), None)
    if when is None:
        return None
    said = f"{word} {when.year}"
    rewritten = question[: m.start("month")] + said + question[m.end("month") :]
    return rewritten, (word, f"{said}: the data's latest {calendar.month_name[month]}")


def _month_number(word: str) -> int:
    low = word.lower()[:3]
    return next(k for k in range(1, 13) if calendar.month_abbr[k].lower() == low)


def month_without_year(question: str, lex: Lexicon) -> Decline | None:
    """'list users who joined in may': a month with no year. 'may' was read as the modal
    verb and dropped (every user listed); when the data holds that month in more than one
    year the month alone does not say which, so the question is declined with the years."""
    m = _MONTH_ALONE.search(question)
    if m is None or _ANY_YEAR.search(question):
        return None
    word = m.group("month")
    if word.lower() == "may" and re.search(r"\bmay\s+(?:i|we|you|be|have|not)\b", question, re.I):
        return None
    years = sorted(
        {
            year
            for key, last in lex.date_anchor.items()
            if key in lex.date_first
            for year in range(int(lex.date_first[key][:4]), int(last[:4]) + 1)
        }
    )
    span = f" (the data has dates in {', '.join(map(str, years))})" if years else ""
    return Decline(
        f"'{word}' names a month but no year{span}; please say which year (for example "
        f"'{word} {years[-1] if years else 2023}').",
        (word,),
    )
