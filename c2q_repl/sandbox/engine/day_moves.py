"""A series' move from one day to the next: 'Apple's biggest one-day drop in 2023', 'the
S&P 500's best day in % terms', 'how many days did SPX close higher than the day before',
'top 5 % gainers on the last trading day'.

Each row of a history table (a table keyed by a date and one series key) is compared with
the same series' row before it (``LAG`` over the dates, per series); the change in points and
in percent is shown, and the days are ranked, counted or listed. The data's trading day before
the period is read too, so the first day of a period compares with the last day before it.

Read from the question's own words only: a day-to-day marker ('one-day', 'daily', 'than the
day before', 'up days', 'worst day'), a direction, a unit, a rank or a count; the words left
over must name only the series (a ticker, a company, an index, or 'which stock'), a period
and the measure. Anything else is left to the rest of the engine, which declines what it
cannot read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, replace

from c2q_repl.sandbox.contracts import Catalog, Database, SQLExecutionError

from .lexicon import Lexicon, column_kind
from .linking import Item, link
from .normalize import NUMBER_WORDS
from .spec import Col, Filter, QuerySpec, one_day
from .timeexpr import resolve

# against the previous row, said outright: a move even with no move word ('how did AMZN do
# on the last trading day vs the previous close')
_COMPARED = (
    r"\bday[- ](?:over|to|on)[- ]day\b"
    r"|\bclose[- ]to[- ]close\b"
    r"|\b(?:than|from|over|vs\.?|versus|compared (?:to|with)|relative to|below|above|under)\s+"
    # ('higher than it did the day before', 'than it closed the previous day')
    r"(?:(?:it|they)\s+(?:did|closed|was|were|had)\s+(?:on\s+)?)?"
    r"(?:the\s+|its\s+|their\s+|a\s+)?(?:(?:previous|prev|prior|preceding)\s+(?:trading\s+)?"
    r"(?:day'?s?\s+close|day|close|closing price|session)|(?:day|session|trading day) before)\b"
)
# one day's worth: a move only with a move word ('highest single-day volume' is no move)
_DAILY = re.compile(
    r"\b(?:one|1|single|a single)[- ]?days?\b"
    r"|\bdaily(?=\s+(?:%\s*|percent(?:age)?\s+|pct\s+|point\s+)?"
    r"(?:moves?|changes?|gains?|drops?|loss(?:es)?|falls?|jumps?|returns?|declines?|rises?"
    r"|swings?|movers?|gainers?|losers?)\b)"
    r"|\b(?:best|worst)\s+(?:single\s+|trading\s+)*(?:day|session)s?\b|" + _COMPARED,
    re.I,
)
_COMPARED_RE = re.compile(_COMPARED, re.I)
# words asking for the moves of many days, not one quote
_SERIES_OF_DAYS = re.compile(
    r"\b(?:daily|days|sessions|each|every|history|historical|over\s+time|day[- ]by[- ]day|all)\b",
    re.I,
)
# 'up days' / 'down days': closed above / below the day before, or above / below the same
# day's open; read here only where there is no open to compare with (an index)
_UP_DOWN_DAYS = re.compile(r"\b(?:up|down)\s+days?\b", re.I)
_DOWN = re.compile(
    r"\b(?:drops?|dropped|falls?|fell|declines?|declined|loss(?:es)?|losers?|plunges?|dips?"
    r"|slumps?|down|lower|below|under|worst)\b",
    re.I,
)
_UP = re.compile(
    r"\b(?:gains?|gained|jumps?|jumped|rises?|rose|rall(?:y|ies)|gainers?|pops?|surges?"
    r"|spikes?|increases?|up|higher|above|best)\b",
    re.I,
)
_ANY = re.compile(
    r"\b(?:moves?|moved|moving|swings?|swung|changes?|changed|chg|chng|movers?|returns?)\b"
    r"|\bin\s+either\s+direction\b|\beither\s+way\b|\bup\s+or\s+down\b",
    re.I,
)
_PCT = re.compile(
    r"(?:\bin\s+)?(?:%|\bpercent(?:age)?\b|\bpct\b)(?:\s+terms\b)?|\breturns?\b", re.I
)
_POINTS = re.compile(r"\b(?:in\s+)?points?\b(?:\s+terms\b)?", re.I)
_RANK = re.compile(
    r"\b(?:biggest|largest|greatest|worst|best|top|most|highest|sharpest|steepest"
    r"|max(?:imum)?)\b",
    re.I,
)
_UNRANKED = re.compile(r"\b(?:smallest|lowest|(?<!at\s)least|min(?:imum)?|fewest)\b", re.I)
_UP_VS_DOWN = re.compile(
    # ('gap ups vs gap downs', read as 'daily gains vs daily drops' of the open)
    r"\bdaily\s+gains\s+(?:vs\.?|versus|and|or|against)\s+daily\s+drops\b|"
    r"\b(?:up|green|positive)\s+(?:days|sessions|closes)\s+(?:vs\.?|versus|and|or|compared\s+"
    r"(?:to|with)|against)\s+(?:down|red|negative)\s+(?:days|sessions|closes)\b"
    r"|\b(?:down|red|negative)\s+(?:days|sessions|closes)\s+(?:vs\.?|versus|and|or|compared\s+"
    r"(?:to|with)|against)\s+(?:up|green|positive)\s+(?:days|sessions|closes)\b",
    re.I,
)
# 'Per month in 2023, how many days …', 'Number of days per year …', 'month by month'
_PER_PERIOD = re.compile(
    r"\b(?:per|each|every|by)\s+(?:calendar\s+)?(month|year)\b|\b(month|year)[- ]by[- ](?:month|year)\b",
    re.I,
)


def _per_of(found: list[re.Match[str]]) -> str:
    if len(found) != 1:
        return ""
    return (found[0].group(1) or found[0].group(2)).lower()


# 'had at least one daily drop worse than -8%': a stock with such a day (each counted once)
_AT_LEAST_ONE = re.compile(r"\bat\s+least\s+(?:one|1|a|a\s+single)\b", re.I)
# '— date and size of the move?': the move is shown anyway
_SIZE_OF = re.compile(
    r"\b(?:the\s+)?(?:size|magnitude)\s+of\s+(?:the\s+|that\s+|each\s+)?"
    r"(?:moves?|drops?|falls?|gains?|rises?|changes?|declines?)\b",
    re.I,
)
# 'what % of 2023 sessions did the index close up': the share of the period's days that moved
# that way
_SHARE_OF_DAYS = re.compile(
    r"\b(?:(?:what|which)\s+)?(?:%|percent(?:age)?|pct|share|proportion|fraction)\s+of\s+"
    r"(?:the\s+|all\s+)?(?=(?:(?:19|20)\d\d\s+)?(?:trading\s+|up\s+|down\s+)?(?:days|sessions)\b)",
    re.I,
)
_A_SHARE = re.compile(r"(?:%|\bpercent(?:age)?|\bpct|\bshare|\bproportion|\bfraction)\s+of\b", re.I)
# 'which stock had the most down closes in 2023': the days counted per series, ranked
_MOST_DAYS = re.compile(
    r"\b(?:most|fewest)\s+(?:up|down|green|red|positive|negative)\s+"
    r"(?:days|closes|sessions)\b",
    re.I,
)
# (read before the abbreviations are spelled out: '# of up days', 'no. of sessions')
_COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount(?: of)?\b|#\s*of\b|\bno\.\s*of\b", re.I)
_COUNTED = "|".join(w for w in NUMBER_WORDS if " " not in w)
_LIMIT = re.compile(
    rf"\btop\s+(\d+|{_COUNTED})\b"
    rf"|\b(\d+|{_COUNTED})\s+(?:biggest|largest"
    r"|greatest|best|worst|highest|sharpest|steepest|top)\b"
    # ('worst 5 daily moves': the count after the superlative, which stays to say the way)
    rf"|(?:(?<=worst\s)|(?<=best\s)|(?<=biggest\s)|(?<=largest\s)|(?<=sharpest\s))"
    rf"(?!(?:19|20)\d\d\b)(\d+)\b(?=\s+(?:daily|one[- ]day|single[- ]day|days?|sessions?|moves?|"
    r"drops?|falls?|gains?|declines?|%))"
    # (a year is no count: 'what % of 2023 sessions')
    rf"|\b(?!(?:19|20)\d\d\b)(\d+|{_COUNTED})\s+(?=(?:stocks|companies|names|tickers|days|sessions)\b)",
    re.I,
)
# 'over the whole history', 'ever': no period, which is what no time phrase means already
_WHOLE_HISTORY = re.compile(
    r"\b(?:over|in|across|for|of)\s+(?:the\s+)?(?:whole|entire|full)\s+"
    r"(?:history|data(?:set)?|period|time)\b|\bever\b|\ball[- ]time\b"
    r"|\banywhere\s+in\s+the\s+(?:data(?:set)?|history)\b",
    re.I,
)
_DAYS_COUNTED = re.compile(
    r"(?:\b(?:how\s+many|number\s+of|count\s+of|no\.\s*of)|#\s*of)\s+(?:trading\s+)?(?:days|sessions)\b",
    re.I,
)
# 'moved more than 5%', 'up by over 2 percent': a move beyond a size
_THRESHOLD = re.compile(
    r"\b(?:by\s+)?(?:more|greater|bigger|over|above|worse|beyond)\s+(?:than\s+)?"
    # ('a drop worse than -8%': the size is 8)
    r"-?(\d+(?:\.\d+)?)\s*(%|percent\b|pct\b|points?\b)",
    re.I,
)
# 'Days in 2022 when the index fell more than 2%', 'list every day the S&P 500 moved more than
# 3%': the days themselves named, with a size the move passed
_DAYS_NAMED = re.compile(
    r"\b(?:(?:trading\s+)?days|sessions|dates|(?:every|each|any)\s+(?:trading\s+)?day)\b", re.I
)
# 'how many stocks had a daily drop of more than 8%': the series counted, not their days
_SERIES_COUNTED = re.compile(
    r"(?:\bhow\s+many|\bnumber\s+of|\bcount\s+of)\s+(?:different\s+|distinct\s+|unique\s+)?"
    r"(?:stocks|companies|tickers|names|symbols|constituents)\b",
    re.I,
)
_LAST_DAY = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?(?:last|latest|most recent|final)\s+(?:trading\s+)?"
    r"(?:day|session|date)(?:\s+(?:in the data|on record|available|in the dataset))?\b",
    re.I,
)
_GAINERS = re.compile(
    r"\b(?:gainers|losers|movers)\b|\b(?:rose|gained|jumped|fell|dropped|moved)\s+the\s+most\b",
    re.I,
)
# words of the question that carry nothing once the move is read
_FILLER = re.compile(
    r"\b(?:what|which|when|was|were|is|are|did|does|do|had|has|have|the|a|an|its|their|it"
    r"|in|of|for|on|during|day|days|date|dates|session|sessions|trading|show|me|give|list"
    r"|find|tell|please|could|you|and|with|by|there|close|closed|closing|price|level"
    r"|terms|ever|all[- ]time|single|daily|biggest|largest|same|thing|about|how|now|also"
    r"|then|so|far|whole|history|data"
    # 'did the S&P 500 suffer its biggest drop, and how big was the fall?'
    r"|suffer|suffered|see|saw|post|posted|record|recorded|experience|experienced|big|large"
    r"|steep|bad|any|set)\b",
    re.I,
)
_PLURAL = re.compile(
    r"\b(?:gainers|losers|movers|stocks|companies|tickers|names)\b"
    r"|\b(?:best|worst|biggest|largest)\s+(?:[\w%-]+\s+){0,3}(?:days|sessions|moves|drops|gains"
    r"|jumps|falls|declines)\b",
    re.I,
)
# 'that day', 'those days', 'the same day': a day of an earlier answer, not read here
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these|them|same)\b", re.I)
_THOSE_DAYS = re.compile(
    r"\b(?:on|of|in|among)\s+(?:how\s+many\s+of\s+)?(?:those|these|them)"
    r"(?:\s+(?:trading\s+)?days)?\b"
    r"|\b(?:on\s+)?(?:that|the\s+same|this)\s+(?:trading\s+)?(?:day|date|session)\b",
    re.I,
)
# 'Make it 2%.', 'and above 6%?', 'what about more than 3%', 'Same 2% threshold, but for 2023.'
_NEW_SIZE = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|now)[\s,]+)?(?:(?:make|set|change)\s+(?:it|that|the\s+threshold)"
    r"(?:\s+to)?|(?:and|what\s+about|how\s+about)(?:\s+(?:above|over|beyond|more\s+than|"
    r"bigger\s+than|greater\s+than))?|same)\s+(?P<size>\d+(?:\.\d+)?)\s*(?:%|percent|pct)"
    r"(?:\s+(?:threshold|cutoff|move))?(?P<rest>\s*,?\s*(?:but\s+)?(?:for|in|during|over)\s+"
    r"[^?.!]+)?\s*[?.!]*\s*$",
    re.I,
)
_FOLLOW_START = re.compile(
    r"^\s*(?:and|&|what about|how about|now|same for|same thing for|also|then|"
    # 'Same, 2023 only.', 'same but in 2022': the move asked again for another period
    r"same\s*(?:,|but\b|in\b|over\b|during\b|(?=\d)))",
    re.I,
)


@dataclass(frozen=True)
class Series:
    """The history table a move is read on, and which of its series."""

    table: str
    date: str
    key: str
    measure: str
    values: tuple[str, ...] = ()  # () = every series, ranked or counted across them
    label: str = ""  # how the question named it ('Apple', 'the S&P 500')


@dataclass(frozen=True)
class DayMove:
    series: Series
    shape: str  # "rank" | "count" | "list" | "share" (of the days) | "count_rank" (per series)
    direction: str  # "up" | "down" | "any" | "both" (up and down days counted)
    unit: str  # "pct" | "abs"
    unit_said: bool
    limit: int = 1
    limit_said: bool = False
    start: str = ""  # the period, [start, end); "" = open
    end: str = ""
    period_text: str = ""
    last_day: bool = False  # only the table's latest day ('on the last trading day')
    threshold: float | None = None  # only moves beyond this size (in the unit)
    # more columns of the same rows shown beside each move ('show the volume that day too')
    also: tuple[str, ...] = ()
    count_series: bool = False  # shape "count": the series with such a day, not the days
    per: str = ""  # shape "count": counted per calendar "month" or "year"
    # the day's column set against the previous day's measure: "" for the measure itself,
    # "open" for a gap ('gap ups', 'open vs prior close')
    today: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_json(data: dict) -> DayMove:
        return DayMove(
            **{**data, "series": Series(**data["series"]), "also": tuple(data.get("also", ()))}
        )


@dataclass(frozen=True)
class Words:
    """What the day-move words of a question said; None where it said nothing."""

    shape: str | None
    direction: str | None
    unit: str | None
    limit: int | None
    last_day: bool
    rest: str  # the question with those words taken out
    ranks_series: bool = False  # 'gainers', 'which rose the most': the series are ranked
    plural: bool = False  # 'gainers', 'worst days': several rows, the top 10 unless said
    threshold: float | None = None  # 'moved more than 5%': only the moves beyond it
    quote: bool = False  # 'aapl change vs prev close': one move, as a quote shows it
    counts_series: bool = False  # 'how many stocks had …': the series counted, not the days
    per: str = ""  # 'per month', 'each year': the days counted per calendar month or year


def read_words(
    question: str, require_marker: bool = True, up_down_days: bool = False
) -> Words | None:
    """The move words of ``question``, or None when it is not about a day-to-day move.
    ``up_down_days``: 'up days' / 'down days' count as day-to-day words."""
    marked = (
        _DAILY.search(question)
        or (up_down_days and (_UP_DOWN_DAYS.search(question) or _MOST_DAYS.search(question)))
        # 'how many sessions did the index move more than 2%': each session's own move
        or (
            (_DAYS_COUNTED.search(question) or _DAYS_NAMED.search(question))
            and _THRESHOLD.search(question)
        )
    )
    gainers = _GAINERS.search(question)
    last_day = _LAST_DAY.search(question)
    if require_marker and not marked and not (gainers and last_day):
        return None
    if _UNRANKED.search(question):
        return None  # 'the smallest one-day drop': not read here
    text = question
    spans: list[tuple[int, int]] = []

    def take(pattern: re.Pattern[str]) -> list[re.Match[str]]:
        found = list(pattern.finditer(text))
        spans.extend(m.span() for m in found)
        return found

    beyond = take(_THRESHOLD)
    per_said = take(_PER_PERIOD)
    take(_AT_LEAST_ONE)
    take(_SIZE_OF)
    share_of_days = bool(take(_SHARE_OF_DAYS))
    most_days = take(_MOST_DAYS)
    if most_days and most_days[0].group(0).lower().startswith("fewest"):
        return None  # 'fewest down days': not read here
    take(_WHOLE_HISTORY)
    take(_DAILY)
    if up_down_days:
        take(_UP_DOWN_DAYS)
    limit_match = take(_LIMIT)
    counted = bool(take(_COUNT))
    down = [m.group(0).lower() for m in _DOWN.finditer(text)]
    up = [m.group(0).lower() for m in _UP.finditer(text)]
    if most_days:
        said = most_days[0].group(0).lower()
        down_day = any(w in said for w in (" down ", " red ", " negative "))
        (down if down_day else up).append("down" if down_day else "up")
    moved = bool(_ANY.search(text))
    both = _UP_VS_DOWN.search(text)
    if both is not None:
        # 'up days vs down days for the index in 2023': both counted, side by side
        if not counted and not _COUNT.search(question):
            counted = True
        spans.append(both.span())
        text = _blank(text, [both.span()])
        down, up = [], []
    if down and up and not ({"best", "worst"} & set(down + up) and len(down + up) == 2):
        # 'best' with 'drop' is the drop ranked; 'gain and drop' asks for two answers
        if not ({"best"} & set(up) and not set(up) - {"best"}):
            return None
        up = []
    direction = "both" if both else "down" if down else "up" if up else "any" if moved else None
    if require_marker and direction is None and not counted and not _COMPARED_RE.search(question):
        return None  # 'the highest single-day volume': a day's value, not its move
    take(_DOWN)
    take(_UP)
    take(_ANY)
    pct = take(_PCT) or [m for m in beyond if not m.group(2).lower().startswith("point")]
    points = take(_POINTS) or [m for m in beyond if m.group(2).lower().startswith("point")]
    if pct and points:
        return None
    unit = "pct" if pct else "abs" if points else None
    ranked = bool(take(_RANK)) or bool(limit_match)
    if last_day:
        take(_LAST_DAY)
    take(_GAINERS)
    limit = None
    if limit_match:
        said = next(g for g in limit_match[0].groups() if g)
        limit = int(said) if said.isdigit() else NUMBER_WORDS[said.lower()]
    if counted and ranked:
        return None
    if not share_of_days and _A_SHARE.search(question):
        return None  # 'what percentage of …' asked of something else than the days
    if (share_of_days or most_days) and (
        counted or direction not in ("up", "down") or beyond or limit_match or gainers
    ):
        return None
    days = _UP_DOWN_DAYS.search(question)
    shape = "count" if counted or days and not ranked else "rank" if ranked or gainers else None
    if share_of_days:
        shape = "share"
    elif most_days:
        shape = "count_rank"
    rest = _blank(text, spans)
    plural = _PLURAL.search(question) is not None
    threshold = float(beyond[0].group(1)) if len(beyond) == 1 else None
    if len(beyond) > 1 or threshold is not None and ranked:
        return None
    quote = bool(_COMPARED_RE.search(question)) and not _SERIES_OF_DAYS.search(question)
    return Words(
        shape,
        direction,
        unit,
        limit,
        bool(last_day),
        rest,
        bool(gainers),
        plural,
        threshold,
        quote,
        shape == "count" and _SERIES_COUNTED.search(question) is not None,
        _per_of(per_said),
    )


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for k in range(start, end):
            chars[k] = " "
    return "".join(chars)


# 'gap up', 'gap downs', 'gapped up', 'biggest gaps': the open against the previous close
_GAP = re.compile(r"\bgap(?:s|ped)?(?:[\s-]+(?P<dir>up|down)s?)?\b", re.I)
# the gap said in full beside it: 'open vs prior close', '(open vs the previous day's close)'
_GAP_SAID = re.compile(
    r"[(,.;]?\s*\(?\bopen(?:ing)?(?:\s+price)?\s+(?:vs\.?|versus|against|compared\s+(?:to|with)|"
    r"relative\s+to|over|from|to)\s+(?:the\s+)?(?:prior|previous|prev|preceding|last)\s+"
    r"(?:day'?s?\s+|session'?s?\s+)?close\)?",
    re.I,
)
# ', and how many points was that up or down from the previous session?': the day's move
_THAT_MOVE = re.compile(
    r"\s*,?\s+and\s+how\s+(?:many\s+(?P<unit>points\s+)|much\s+(?P<unit2>))(?:was\s+)?(?:that|it)\s+"
    r"(?:was\s+)?(?:up\s+or\s+down|higher\s+or\s+lower|(?:up|down))\s+(?:from|vs\.?|versus|on|"
    r"compared\s+(?:to|with))\s+(?:the\s+)?(?:previous|prior|preceding)\s+(?:session|day|trading\s+day|"
    r"close)(?=\s*[?.!]*\s*$)",
    re.I,
)


def read_day_move(
    question: str,
    lex: Lexicon,
    database: Database,
    days_before: tuple[str, str, str] | None = None,
) -> DayMove | None:
    """The move a question asks for, or None (then the engine reads it as usual).
    ``days_before``: the one period of the previous answer, which 'of those' names ('how
    many trading days in 2023', then 'on how many of those did the index close higher')."""
    question = _THAT_MOVE.sub(r" and the change \g<unit>vs the previous session", question)
    gap = _GAP.search(question)
    if gap is not None:
        # 'NFLX biggest gap up ever, open vs prior close, in %': the open against the previous
        # close, read as a move of that size and direction
        def said(m: re.Match[str]) -> str:
            word = {"up": "gain", "down": "drop"}.get((m.group("dir") or "").lower(), "move")
            plural = m.group(0).lower().endswith("s") and not m.group(0).lower().endswith("ps")
            plural = plural or m.group(0).lower().rstrip().endswith(("ups", "downs", "gaps"))
            return f" daily {word}{'s' if plural else ''} "

        question = _GAP_SAID.sub(" ", _GAP.sub(said, question))
        move = read_day_move(question, lex, database, days_before)
        if move is None or not _has_open(lex.catalog, move.series.table):
            return None
        opens = next(
            c.name
            for c in lex.catalog.table(move.series.table).columns  # type: ignore[union-attr]
            if c.name.lower() == "open"
        )
        return replace(move, today=opens)
    for up_down_days in (False, True):
        words = read_words(question, up_down_days=up_down_days)
        if words is None:
            continue
        rest, those = _THOSE_DAYS.subn(" ", words.rest)
        if _DEMONSTRATIVE.search(rest) or those and days_before is None:
            return None  # 'that day': a day of an earlier answer
        found = _series_and_period(rest, lex, database, words.ranks_series)
        if found is None or found[0] is None:
            continue
        series, period = found[0], found[1]
        if those:
            if period is not None:
                return None
            period = days_before
        if up_down_days and _has_open(lex.catalog, series.table):
            return None  # 'TSLA up days': above its open, or above the day before?
        return _move(words, series, period, None)
    return None


def _every_series(one: Series) -> Series:
    """'top 5 gainers that day' after one stock's move: every series of its table."""
    return Series(one.table, one.date, one.key, one.measure)


def _has_open(catalog: Catalog, table: str) -> bool:
    info = catalog.table(table)
    return bool(info and any(c.name.lower() == "open" for c in info.columns))


def read_followup_move(
    question: str,
    prior: DayMove,
    lex: Lexicon,
    database: Database,
    days_before: tuple[str, str, str] | None = None,
) -> DayMove | None:
    """'and the biggest gain', 'and in 2022?', 'same for MSFT', 'how many down days that
    year' after a move: the previous move with what the question changes."""
    shown = _more_columns(question, prior, lex)
    if shown:
        return replace(prior, also=tuple(dict.fromkeys(prior.also + shown)))
    size = _NEW_SIZE.match(question)
    if size is not None and prior.threshold is not None:
        # 'Make it 2%.', 'And above 3%?', 'Same 2% threshold, but for 2023.': the size changed
        # (and the period, when one is said)
        rest = re.sub(r"^[\s,]*(?:but\s+)?", " ", size.group("rest") or "", flags=re.I)
        period = None
        if rest.strip(" ?.!"):
            found = _series_and_period(rest, lex, database)
            if found is None or found[0] is not None or found[1] is None:
                return None
            period = found[1]
        start, end, text = period or (prior.start, prior.end, prior.period_text)
        return replace(
            prior,
            threshold=float(size.group("size")),
            unit="pct",
            unit_said=True,
            start=start,
            end=end,
            period_text=text,
        )
    other = _HOW_DID_OTHER_DO.match(question)
    if other is not None and prior.shape == "rank" and days_before is not None:
        # "how'd MSFT do that day" after AAPL's biggest up day: MSFT's move on that day (its
        # close alone would not say how it did)
        found = _series_and_period(other.group("who"), lex, database)
        if found is None or found[0] is None or found[1] is not None or not found[0].values:
            return None
        start, end, text = days_before
        return replace(
            prior,
            series=found[0],
            shape="list",
            direction="any",
            limit=1,
            limit_said=False,
            start=start,
            end=end,
            period_text=text,
            last_day=False,
            threshold=None,
        )
    marked = read_words(question, up_down_days=True)
    words = marked or read_words(question, require_marker=False)
    if words is None:
        return None
    if marked is None:
        # an edit says so ('and …', 'same for …'), or ranks the series on the day answered
        short = len(question.split()) <= 8
        ranked_that_day = words.ranks_series and _THOSE_DAYS.search(question) is not None
        if not (short and (_FOLLOW_START.search(question) or ranked_that_day)):
            return None
    rest = re.sub(
        r"\b(?:that|the same) year\b|^\s*(?:the\s+)?same(?:\s+thing)?\b\s*,?(?:\s*but\b)?",
        " ",
        words.rest,
        flags=re.I,
    )
    if rest != words.rest:
        rest = re.sub(r"\b(?:only|just)\b", " ", rest, flags=re.I)  # 'Same, 2023 only.'

    rest, those = _THOSE_DAYS.subn(" ", rest)
    if _DEMONSTRATIVE.search(rest) or those and days_before is None:
        return None  # 'top 5 gainers on that day': the day of the answer, not its period
    found = _series_and_period(rest, lex, database, words.ranks_series)
    if found is None:
        return None
    series, period = found
    if those:
        if period is not None:
            return None
        period = days_before
        if words.ranks_series and series is None:
            series = _every_series(prior.series)
    if marked is not None and series is not None and not those:
        return None  # a whole new question: read as one (read_day_move)
    if words.shape is None and words.direction is None and series is None and period is None:
        return None
    return _move(words, series or prior.series, period, prior)


# "how'd MSFT do that day", 'and how did the S&P 500 fare on the same day?'
_HOW_DID_OTHER_DO = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now)[\s,]+)?how(?:'d|\s+did)\s+(?P<who>.+?)\s+(?:do|fare|go|"
    r"move|trade|perform)\s+(?:on\s+)?(?:that|the\s+same)\s+(?:trading\s+)?(?:day|date|session)"
    r"\s*[?.!]*\s*$",
    re.I,
)
# 'show the volume they traded that day too': words that only ask for one more column
_SHOW_MORE = re.compile(
    r"^\s*(?:(?:and|also|now|pls|please|can you|could you)\s+)*(?:show|add|include|give me|"
    r"with|plus|and)\s+(?:me\s+)?(?P<what>.+?)\s*(?:\s(?:too|also|as well))?\s*[?.!]*\s*$",
    re.I,
)
_SHOW_FILLER = re.compile(
    r"\b(?:the|their|its|they|it|them|those|these|that|this|same|day|days|date|session|"
    r"sessions|on|for|of|each|one|traded|had|did|was|were|too|also|as|well|column|columns)\b",
    re.I,
)


def _more_columns(question: str, prior: DayMove, lex: Lexicon) -> tuple[str, ...]:
    """The number columns of the moved rows' table a follow-up asks to see beside the moves
    ('show the volume they traded that day too'); () when it asks anything else."""
    m = _SHOW_MORE.match(question)
    if m is None or prior.shape not in ("rank", "list"):
        return ()
    linked = link(m.group("what"), lex)
    if linked.unsupported or any(not _SHOW_FILLER.fullmatch(w) for w in linked.unknown):
        return ()
    table = prior.series.table
    found: list[str] = []
    for item in linked.items:
        if item.kind == "kw" and _SHOW_FILLER.fullmatch(item.text):
            continue
        if item.kind != "column":
            return ()
        columns = {t.column for t in item.targets if t.table == table}
        if len(columns) != 1:
            return ()
        column = columns.pop()
        kind = column_kind(_type(lex.catalog, table, column))
        if kind == "date":
            continue  # 'that day': the day is shown already
        if kind != "number":
            return ()
        if column not in (prior.series.measure, prior.series.key, prior.series.date):
            found.append(column)
    return tuple(found)


def _move(
    words: Words,
    series: Series,
    period: tuple[str, str, str] | None,
    prior: DayMove | None,
) -> DayMove | None:
    shape = words.shape or (prior.shape if prior else "list")
    direction = words.direction or (prior.direction if prior else "any")
    threshold = words.threshold
    if (
        threshold is None
        and prior is not None
        and shape == prior.shape
        and shape in ("count", "list")
    ):
        threshold = prior.threshold  # 'Same for 2023.' after days down more than 2%
    if shape == "count" and direction == "any" and threshold is None:
        return None  # 'how many days did it move': up or down?
    if direction == "both" and (shape != "count" or threshold is not None or not series.values):
        return None  # up and down days of one series, counted
    last_day = words.last_day or bool(prior and prior.last_day and period is None)
    if (
        words.quote
        and prior is None
        and period is None
        and shape == "list"
        and len(series.values) == 1
        and not words.plural
    ):
        # 'aapl change vs prev close': as a quote reads, the latest day's move, not every day
        last_day = True
    if shape == "share" and len(series.values) != 1:
        return None  # the share of one series' days
    if shape == "count_rank" and series.values:
        return None  # the series ranked by their counted days
    if (
        not series.values
        and shape not in ("rank", "count_rank")
        and threshold is None
        and not (shape == "count" and last_day)
    ):
        return None  # every series' every day, unasked for (one day: each series once)
    unit = words.unit or (prior.unit if prior and prior.unit_said else "pct")
    unit_said = words.unit is not None or bool(prior and prior.unit_said)
    limit = words.limit or (prior.limit if prior and prior.limit_said else 1)
    limit_said = words.limit is not None or bool(prior and prior.limit_said)
    start, end, text = period or (
        (prior.start, prior.end, prior.period_text) if prior else ("", "", "")
    )
    if shape == "rank" and words.plural and not limit_said:
        limit = 10
    per = words.per or (prior.per if prior is not None and shape == prior.shape else "")
    if per and (shape != "count" or words.counts_series or last_day):
        return None  # only days counted per period ('per month, how many days …')
    return DayMove(
        series,
        shape,
        direction,
        unit,
        unit_said,
        limit,
        limit_said,
        "" if last_day else start,
        "" if last_day else end,
        "" if last_day else text,
        last_day,
        threshold,
        # (on one day each series has one move: counted as the days are, 'number_down')
        count_series=shape == "count"
        and words.counts_series
        and len(series.values) != 1
        and not last_day,
        per=per,
    )


def _series_and_period(
    rest: str, lex: Lexicon, database: Database, ranks_series: bool = False
) -> tuple[Series | None, tuple[str, str, str] | None] | None:
    """The series and the period the rest of a question names; None when it names more."""
    from .preprocess import shorthand_words  # ('idx', 'px': read word for word)

    linked = link(shorthand_words(rest), lex)
    if linked.unsupported:
        return None
    if any(not _FILLER.fullmatch(w) for w in linked.unknown):
        return None
    histories = _history_tables(lex.catalog)
    if not histories:
        return None
    values: list[Item] = []
    times: list[Item] = []
    every: str | None = None
    measure_said: str | None = None
    measure_table: str | None = None
    for item in linked.items:
        if item.kind == "value":
            values.append(item)
        elif item.kind == "time":
            times.append(item)
        elif item.kind == "table":
            table = item.targets[0].table
            every = table
        elif item.kind == "column":
            columns = {(t.table, t.column) for t in item.targets}
            kinds = {column_kind(_type(lex.catalog, t, c)) for t, c in columns}
            if kinds == {"date"}:
                continue  # 'which day', 'date': the day is shown anyway
            if {c for _, c in columns} <= {h.key for h in histories}:
                keyed = [h.table for h in histories if h.key in {c for _, c in columns}]
                if len(keyed) == 1 and re.search(
                    rf"\b(?:any|every|all)\s+{re.escape(item.text)}", rest, re.I
                ):
                    every = keyed[0]  # 'biggest 1 day % drop, any ticker': every series
                continue  # 'ticker, date, % chg': the series key is shown anyway
            if kinds != {"number"} or len({c for _, c in columns}) != 1:
                return None
            measure_table, measure_said = next(iter(columns))
        elif item.kind == "kw":
            if item.category not in ("list",) and not _FILLER.fullmatch(item.text):
                return None
        elif item.kind == "number":
            return None
        else:
            return None
    if len(times) > 1:
        return None
    if every is None and ranks_series and not values:
        # 'top 5 gainers': no table named; the history whose default measure the synonyms
        # file gives (a stock's close)
        defaulted = [h.table for h in histories if lex.defaults.get(h.table) in h.measures]
        every = defaulted[0] if len(defaulted) == 1 else None
    if every is None and not values and measure_table is not None:
        # 'how many sessions did the index close down more than 2%': 'index close' is the
        # measure of a history holding one series (the S&P 500), which is then that series
        one = next((h for h in histories if h.table == measure_table), None)
        if one is not None and _only_series(one, database):
            every = one.table
    series = _series(values, every, measure_said, histories, lex, database)
    if series is False:
        return None
    named = series if isinstance(series, Series) else None
    period = None
    if times:
        anchor = lex.date_anchor.get((named.table, named.date)) if named else None
        try:
            rng = resolve(times[0].time, anchor)
        except (ValueError, KeyError):
            return None
        period = (rng.start, rng.end, times[0].text)
    return named, period


@dataclass(frozen=True)
class _History:
    table: str
    date: str
    key: str
    measures: tuple[str, ...]


def _history_tables(catalog: Catalog) -> list[_History]:
    """Tables keyed by one date and one series key, with at least one measure."""
    out = []
    for info in catalog.tables:
        key = list(info.primary_key)
        if len(key) != 2:
            continue
        kinds = {c.name: column_kind(c.type) for c in info.columns}
        dates = [k for k in key if kinds.get(k) == "date"]
        if len(dates) != 1:
            continue
        other = next(k for k in key if k != dates[0])
        measures = tuple(
            c.name for c in info.columns if kinds[c.name] == "number" and c.name not in key
        )
        if measures:
            out.append(_History(info.name, dates[0], other, measures))
    return out


def _type(catalog: Catalog, table: str, column: str) -> str:
    info = catalog.table(table)
    col = next((c for c in info.columns if c.name == column), None) if info else None
    return col.type if col else ""


def _series(
    values: list[Item],
    every: str | None,
    measure_said: str | None,
    histories: list[_History],
    lex: Lexicon,
    database: Database,
) -> Series | None | bool:
    """The named series (False: named, but not as one series of a history table)."""
    if len(values) > 1:
        return False
    if values:
        target = values[0].targets[0] if len(values[0].targets) == 1 else None
        if target is None:
            return False
        for history in histories:
            key = _key_value(target.table, target.column, target.value, history.key, database)
            if key is not None:
                measure = _measure(history, measure_said, lex)
                if measure is None:
                    return False
                return Series(
                    history.table, history.date, history.key, measure, (key,), values[0].text
                )
        return False
    if every is None:
        return None
    for history in histories:
        tables = {history.table} | {
            r.to_table if r.from_table == history.table else r.from_table
            for r in lex.catalog.relationships
            if history.table in (r.from_table, r.to_table)
            and history.key in (r.from_column, r.to_column)
        }
        if every in tables:
            measure = _measure(history, measure_said, lex)
            if measure is None:
                return False
            only = _only_series(history, database)
            # 'the index' when the data holds one index: that one (SP500), said by its key
            return Series(history.table, history.date, history.key, measure, only, "")
    return False


def _only_series(history: _History, database: Database) -> tuple[str, ...]:
    """The one series a history table holds, or () when it holds several (or none)."""
    try:
        rows = database.query(
            f"SELECT DISTINCT `{history.key}` FROM `{history.table}` LIMIT 2", max_rows=2
        ).rows
    except Exception:  # noqa: BLE001 - unreadable: treated as several series
        return ()
    return (str(rows[0][0]),) if len(rows) == 1 and rows[0][0] is not None else ()


def _measure(history: _History, said: str | None, lex: Lexicon) -> str | None:
    default = lex.defaults.get(history.table)
    if said is None or said in ("close", "price") and said not in history.measures:
        # 'the index closed higher': an index's close is its one level
        if default in history.measures:
            return default
        return history.measures[0] if len(history.measures) == 1 else None
    return said if said in history.measures else None


def _key_value(table: str, column: str, value: str, key: str, database: Database) -> str | None:
    """The series key of a named row: the value itself when it is the key, else the key of
    the one row the name picks (companies.short_name 'Apple Inc.' → 'AAPL')."""
    if column == key:
        return value
    info = database.catalog().table(table)
    if info is None or key not in {c.name for c in info.columns}:
        return None
    try:
        rows = database.query(
            f"SELECT DISTINCT `{key}` FROM `{table}` WHERE `{column}` = '{_quoted(value)}'",
            max_rows=3,
        ).rows
    except Exception:  # noqa: BLE001 - a table without that key: not this history
        return None
    return str(rows[0][0]) if len(rows) == 1 and rows[0][0] is not None else None


def _quoted(value: str) -> str:
    return value.replace("'", "''")


_ITSELF = re.compile(r"\b(?:it|its|they|their|that|this|the\s+stock|the\s+index)\b", re.I)


@dataclass(frozen=True)
class OneDay:
    """What an answer showed: one series' row on one day."""

    history: _History
    key: str  # the series
    day: Filter  # a one-day range, or the latest day
    measure: str | None  # the measure it showed, if one

    @property
    def latest(self) -> bool:
        return self.day.op == "latest"


def one_day_of(prior: QuerySpec, lex: Lexicon, database: Database) -> OneDay | None:
    """The series and the day of an answer about one series on one day ('NVDA's close on
    12/29/2023', 'latest close of nvidia'), or None."""
    history = next((h for h in _history_tables(lex.catalog) if h.table == prior.table), None)
    if history is None:
        return None
    days = [f for f in prior.filters if f.col == Col(history.table, history.date)]
    named = [f for f in prior.filters if f not in days]
    if len(days) != 1 or len(named) != 1 or named[0].op != "=" or len(named[0].values) != 1:
        return None
    day = days[0]
    if not (day.op == "latest" and day.values[1:] == ("max",)) and not one_day(day):
        return None
    said = named[0]
    key = _key_value(said.col.table, said.col.column, str(said.values[0]), history.key, database)
    if key is None:
        return None  # 'NVIDIA Corporation' of companies.short_name is NVDA; else not a series
    measure = next(
        (
            c.column
            for c in prior.columns
            if c.table == history.table and c.column in history.measures
        ),
        None,
    )
    return OneDay(history, key, day, measure)


def read_move_of_answer(
    question: str, prior: QuerySpec, lex: Lexicon, database: Database
) -> DayMove | None:
    """'how much did it move vs the day before', 'what was the change vs the previous day'
    after one series' value on one day: that day's move of that series."""
    words = read_words(question)
    if words is None or words.shape is not None:
        return None
    rest = _ITSELF.sub(" ", words.rest)
    found = _series_and_period(rest, lex, database)
    if found is None or found != (None, None):
        return None  # the question names rows or a period of its own
    shown = one_day_of(prior, lex, database)
    if shown is None:
        return None
    history = shown.history
    measure = shown.measure or _measure(history, None, lex)
    if measure is None:
        return None
    series = Series(history.table, history.date, history.key, measure, (shown.key,))
    day = shown.day
    start, end = ("", "") if shown.latest else (str(day.values[0])[:10], str(day.values[1])[:10])
    return DayMove(
        series,
        "list",
        words.direction or "any",
        words.unit or "pct",
        words.unit is not None,
        start=start,
        end=end,
        period_text="" if shown.latest else f"on {start}",
        last_day=shown.latest,
    )


_DAY_BEFORE = re.compile(
    r"^\s*(?:and|&|what\s+about|how\s+about|same\s+for)?\s*(?:on\s+)?(?:for\s+)?the\s+"
    r"(?:(?:trading\s+)?(?:day|session)\s+before(?:\s+that)?|previous\s+(?:trading\s+)?"
    r"(?:day|session)|prior\s+(?:trading\s+)?(?:day|session))\s*\??\s*$",
    re.I,
)


def day_before(
    question: str, prior: QuerySpec, lex: Lexicon, database: Database
) -> QuerySpec | None:
    """'and the day before?' after one series' row on one day: the same question on that
    series' previous trading day (its own previous row, not the calendar's)."""
    if not _DAY_BEFORE.match(question):
        return None
    shown = one_day_of(prior, lex, database)
    if shown is None:
        return None
    h = shown.history
    bound = (
        f"(SELECT MAX(`{h.date}`) FROM `{h.table}` WHERE `{h.key}` = '{_quoted(shown.key)}')"
        if shown.latest
        else f"'{_quoted(str(shown.day.values[0])[:10])}'"
    )
    try:
        rows = database.query(
            f"SELECT MAX(`{h.date}`) FROM `{h.table}` WHERE `{h.key}` = '{_quoted(shown.key)}'"
            f" AND `{h.date}` < {bound}",
            max_rows=1,
        ).rows
    except Exception:  # noqa: BLE001 - no previous day to read: not answered this way
        return None
    if not rows or rows[0][0] is None:
        return None
    previous = str(rows[0][0])[:10]
    after = (dt.date.fromisoformat(previous) + dt.timedelta(days=1)).isoformat()
    on = Filter(shown.day.col, "range", (previous, after), True)
    note = ("day before", f"the previous day with data for {shown.key}: {previous}")
    return prior.with_(
        filters=tuple(on if f is shown.day else f for f in prior.filters),
        notes=(*prior.notes, note),
    )


def last_trading_day(catalog: Catalog, database: Database, year: int) -> str | None:
    """The last day of ``year`` with data in the history tables ('the last 2021 close'), or
    None when they do not agree or hold none."""
    found = set()
    for history in _history_tables(catalog):
        sql = (
            f"SELECT MAX({history.date}) FROM {history.table} "
            f"WHERE {history.date} < '{year + 1:04d}-01-01'"
        )
        try:
            rows = database.query(sql, max_rows=1, timeout=5.0).rows
        except SQLExecutionError:
            return None
        if rows and rows[0][0]:
            found.add(str(rows[0][0])[:10])
    return found.pop() if len(found) == 1 else None


def data_span(catalog: Catalog, database: Database) -> tuple[str, str] | None:
    """The first and last day with data in the history tables ('over the whole dataset'),
    or None when they do not agree or hold none."""
    found = set()
    for history in _history_tables(catalog):
        sql = f"SELECT MIN({history.date}), MAX({history.date}) FROM {history.table}"
        try:
            rows = database.query(sql, max_rows=1, timeout=5.0).rows
        except SQLExecutionError:
            return None
        if rows and rows[0][0] and rows[0][1]:
            found.add((str(rows[0][0])[:10], str(rows[0][1])[:10]))
    return found.pop() if len(found) == 1 else None


def series_and_period(
    rest: str, lex: Lexicon, database: Database
) -> tuple[Series | None, tuple[str, str, str] | None] | None:
    """The series and the period the words ``rest`` name (drawdown.py reads them too)."""
    return _series_and_period(rest, lex, database)


def history_of(lex: Lexicon, database: Database) -> Series | None:
    """Every series of the one history whose default measure the synonyms give (a stock's
    close), or None (off_peak.py ranks them all)."""
    histories = _history_tables(lex.catalog)
    defaulted = [h for h in histories if lex.defaults.get(h.table) in h.measures]
    if len(defaulted) != 1:
        return None
    h = defaulted[0]
    return Series(h.table, h.date, h.key, str(lex.defaults[h.table]))
