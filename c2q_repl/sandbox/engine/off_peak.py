"""'Idx peak close + date, latest close, % off peak.', 'how far below that peak is it now, in
%?' after a stock's highest close, 'how many names are more than 60% below their peak
close?': how far a series' latest value stands from its highest.

One series (a stock, the index): its highest value (in a period, when one is said or the
previous answer had one) with its date, its latest value with its date, and the latest as a
percent change from the peak (negative: below it). Every series of a history at once: the
series whose value on the data's last day is at least (or more than) N % below their own
highest, counted or listed. Written once in MySQL syntax and transpiled, so SQLite, MySQL
and TiDB run the same query.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import sqlglot

from c2q_repl.sandbox.contracts import Database

from .day_moves import Series, history_of, series_and_period
from .drawdown import WrittenQuery, asked_again, period_words, series_sql
from .lexicon import Lexicon
from .preprocess import shorthand_words
from .spec import QuerySpec

# (a '52-week high' is the high of the last year, and a bare 'high' may be the day's high
# column: neither is read here)
_PEAK = (
    r"(?:(?:all[- ]time|record)\s+high(?:\s+close)?|peak(?:\s+close)?|ath"
    r"|highest\s+(?:close|closing\s+(?:level|price)|level|price|px)(?:\s+in\s+the\s+data)?)"
)
_YEAR_HIGH = re.compile(
    r"\b(?:52[- ]?w(?:ee)?ks?|52\s+weeks?|1[- ]year|one[- ]year|12[- ]month)\b", re.I
)
_FROM_PEAK = re.compile(
    r"(?:%|\bpercent(?:age)?|\bpct)?\s*(?:\boff|\bbelow|\bunder|\bdown\s+from|\bfrom|"
    r"\bfallen\s+from)\s+(?:its|the|their|that|this)?\s*" + _PEAK + r"\b"
    r"|\bhow\s+far\s+(?P<mid>[^?]{0,40}?\s)?"
    r"(?:below|off|under|from)\s+(?:its|the|their|that|this)?\s*(?P<year>(?:19|20)\d\d\s+)?"
    + _PEAK
    + r"\b",
    re.I,
)
# what the answer shows anyway, said beside the question ('peak close + date, latest close')
_SHOWN = re.compile(
    r"\b(?:peak|latest|last|current|final|most\s+recent)\s+(?:close|px|price|level|date|value)s?"
    r"\b|\b(?:peak|ath|all[- ]time\s+high)\b|\bdates?\b|\bpx\b|%|\+|\bin\s+(?:%|percent(?:age)?)"
    r"|\b(?:percent(?:age)?|pct)\b|\b(?:now|currently|today|these\s+days|as\s+of\s+(?:the\s+)?"
    r"(?:latest|last)\s+(?:close|date|day)|in\s+the\s+data(?:set)?|on\s+file|its|is|it|and|"
    r"how|far|what|was|the|of|with|by|close|closing|level|price|show|give|me)\b|[,.;:?!()]",
    re.I,
)
_MANY = re.compile(
    r"(?P<cmp>more\s+than|over|at\s+least|>=?)?\s*(?P<n>\d+(?:\.\d+)?)\s*%\s*(?P<plus>\+|or\s+more)?"
    r"\s*(?:or\s+more\s+)?(?:below|under|off|from|down\s+from)\s+(?:their|its|the)\s+"
    r"(?:own\s+)?" + _PEAK + r"\b"
    # 'trading at less than half their peak close': more than 50 % below it
    r"|(?P<half>(?:less\s+than|under|below)\s+half)\s+(?:of\s+)?(?:their|its|the)\s+(?:own\s+)?"
    + _PEAK
    + r"\b",
    re.I,
)
# 'Which 10 names sit furthest below their peak close': ranked by it
_FURTHEST = re.compile(
    r"\b(?:(?:top|which|the)\s+)?(?P<n>\d+)\b[^?]*?\b(?:furthest|farthest|most|deepest)\s+(?:below|off|under|"
    r"from)\s+(?:their|its|the)\s+(?:own\s+)?" + _PEAK + r"\b",
    re.I,
)
_FOLLOW = re.compile(
    r"(?:%|\bpercent|\bpct\b|\bhow\s+far\b|\bfallen\b|\bbelow\b|\boff\b)[^?]*"
    r"\b(?:peak|high|top|ath)\b"
    r"|\b(?:peak|high|top|ath)\b[^?]*(?:%|\bpercent|\bpct\b)",
    re.I,
)


_NOW = re.compile(
    r"\b(?:latest|last|now|current(?:ly)?|today|final|most\s+recent|as\s+of|these\s+days)\b", re.I
)


@dataclass(frozen=True)
class OffPeak:
    series: Series
    start: str = ""  # the period of the peak, [start, end); "" = open
    end: str = ""
    period_text: str = ""
    latest_in_period: bool = True  # the latest value is the period's too (else the data's)
    threshold: float | None = None  # several series: how far below their peak, in %
    strict: bool = False  # 'more than N %' (else 'N % or more')
    count: bool = False  # several series: how many, not which
    limit: int = 0  # several series: only the N furthest below their peak (threshold 0)

    def to_json(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_json(data: dict) -> OffPeak:
        return OffPeak(**{**data, "series": Series(**data["series"])})


def read_off_peak(question: str, lex: Lexicon, database: Database) -> OffPeak | None:
    """How far a series stands from its peak, as the question asks it, or None."""
    if _YEAR_HIGH.search(question):
        return None
    many = _MANY.search(question)
    if many is not None:
        return _many_below(question, many, lex, database)
    furthest = _FURTHEST.search(question)
    if furthest is not None:
        history = history_of(lex, database)
        if history is None or not re.search(
            r"\b(?:names|stocks|constituents|companies|tickers)\b", question, re.I
        ):
            return None
        return OffPeak(history, threshold=0.0, strict=False, limit=int(furthest.group("n")))
    said = _FROM_PEAK.search(question)
    if said is None:
        return None
    # (what the match held that names the series or the peak's year: 'TSLA's last close',
    # 'its 2023 peak')
    kept = " ".join(part for part in (said.group("mid"), said.group("year")) if part)
    rest = _SHOWN.sub(" ", question[: said.start()] + " " + kept + " " + question[said.end() :])
    rest = re.sub(r"['’]s\b", " ", rest)
    found = series_and_period(shorthand_words(rest), lex, database)
    if found is None:
        return None
    series, period = found
    if series is None or len(series.values) != 1:
        return None
    start, end, text = period or ("", "", "")
    # ('below its 2023 peak': the year is the peak's; the latest close is the data's)
    return OffPeak(series, start, end, text, latest_in_period=not said.group("year"))


def _many_below(
    question: str, many: re.Match[str], lex: Lexicon, database: Database
) -> OffPeak | None:
    """'how many names are more than 60% below their peak close': every series of the one
    history whose default measure the synonyms give (a stock's close)."""
    if not re.search(
        r"\b(?:how\s+many|which|list|what|names|stocks|constituents|companies|tickers)\b",
        question,
        re.I,
    ):
        return None
    history = history_of(lex, database)
    if history is None:
        return None
    count = bool(re.search(r"\bhow\s+many\b|\bcount\b|\bnumber\s+of\b", question, re.I))
    if many.group("half"):
        return OffPeak(history, threshold=50.0, strict=True, count=count)
    strict = bool(many.group("cmp")) and many.group("cmp").lower().startswith(("more", "over", ">"))
    if many.group("cmp") and many.group("cmp").strip() == ">=":
        strict = False
    return OffPeak(history, threshold=float(many.group("n")), strict=strict, count=count)


def off_peak_of_answer(question: str, prev: QuerySpec, lex: Lexicon) -> OffPeak | None:
    """'how far below that peak is it as of the latest close, in %?' after one series'
    highest value (in a period): from that peak to the data's latest value."""
    if not _FOLLOW.search(question) or _YEAR_HIGH.search(question):
        return None
    if not _NOW.search(question):
        return None  # ('how far below the high did it end the year': not the data's latest)
    if prev.shape not in ("list", "aggregate"):
        return None
    measure = prev.order_by if prev.shape == "list" else (prev.metric.col if prev.metric else None)
    if measure is None:
        return None
    if prev.shape == "list" and (prev.limit != 1 or not prev.descending):
        return None
    if prev.shape == "aggregate" and (prev.metric is None or prev.metric.func != "MAX"):
        return None
    table = lex.catalog.table(measure.table)
    if table is None or len(table.primary_key) != 2:
        return None
    named = [f for f in prev.filters if f.op == "=" and not f.time and len(f.values) == 1]
    key = [c for c in table.primary_key if lex.kind_of(table.name, c) != "date"]
    date = [c for c in table.primary_key if lex.kind_of(table.name, c) == "date"]
    if len(key) != 1 or len(date) != 1 or len(named) != 1 or named[0].col.column != key[0]:
        return None
    others = [f for f in prev.filters if f is not named[0] and not (f.time and f.op == "range")]
    if others:
        return None
    ranges = [f for f in prev.filters if f.time and f.op == "range" and len(f.values) == 2]
    start, end = (
        (str(ranges[0].values[0])[:10], str(ranges[0].values[1])[:10]) if ranges else ("", "")
    )
    series = Series(table.name, date[0], key[0], measure.column, (str(named[0].values[0]),))
    text = f"from {start} to {end}" if start else ""
    return OffPeak(series, start, end, text, latest_in_period=False)


def off_peak_again(
    question: str, prior: OffPeak, lex: Lexicon, database: Database
) -> OffPeak | None:
    """'Same for META.' after how far NVDA is from its peak."""
    if prior.threshold is not None:
        return None
    found = asked_again(question, prior.series, lex, database)
    if found is None:
        return None
    series, period = found
    start, end, text = period or (prior.start, prior.end, prior.period_text)
    return OffPeak(series, start, end, text, prior.latest_in_period or period is not None)


def off_peak_query(asked: OffPeak, dialect: str) -> WrittenQuery:
    s = asked.series
    if asked.threshold is not None:
        return _many_query(asked, dialect)
    q = series_sql(s, asked.start, asked.end)
    latest_where = q.where if asked.latest_in_period else q.where[:1]
    peak = (
        f"SELECT {q.date} AS `day`, {q.measure} AS `value` FROM {q.table} WHERE "
        f"{' AND '.join(q.where)} AND {q.measure} IS NOT NULL ORDER BY {q.measure} DESC, "
        f"{q.date} LIMIT 1"
    )
    latest = (
        f"SELECT {q.date} AS `day`, {q.measure} AS `value` FROM {q.table} WHERE "
        f"{' AND '.join(latest_where)} AND {q.measure} IS NOT NULL ORDER BY {q.date} DESC LIMIT 1"
    )
    m = s.measure
    sql = (
        f"SELECT `pk`.`day` AS `peak_date`, `pk`.`value` AS `peak_{m}`, `lt`.`day` AS "
        f"`latest_date`, `lt`.`value` AS `latest_{m}`, (`lt`.`value` - `pk`.`value`) * 100.0 / "
        f"`pk`.`value` AS `percent_from_peak`, (`pk`.`value` - `lt`.`value`) * 100.0 / `pk`.`value` "
        f"AS `percent_below_peak` FROM ({peak}) AS `pk` CROSS JOIN ({latest}) AS `lt`"
    )
    sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
    who = s.label or s.values[0]
    period = period_words(asked.period_text, " in all its data")
    latest_of = "that period's" if asked.latest_in_period and asked.start else "the data's"
    task = f"How far {who}'s latest {m} stands from its highest {m}{period}"
    notes = (
        (
            "from peak",
            f"the highest {m}{period} and {latest_of} latest {m}, with the change from the "
            "peak to the latest in percent (negative: below the peak) and the same distance as "
            "a percent below the peak",
        ),
    )
    return WrittenQuery(sql, task, notes)


def _many_query(asked: OffPeak, dialect: str) -> WrittenQuery:
    s = asked.series
    date, measure, key, table = f"`{s.date}`", f"`{s.measure}`", f"`{s.key}`", f"`{s.table}`"
    assert asked.threshold is not None
    keep = 1 - asked.threshold / 100
    cmp = "<" if asked.strict else "<="
    peaks = f"SELECT {key} AS `k`, MAX({measure}) AS `peak` FROM {table} GROUP BY {key}"
    latest = (
        f"SELECT {key} AS `k`, {measure} AS `latest` FROM {table} WHERE {date} = "
        f"(SELECT MAX({date}) FROM {table})"
    )
    joined = (
        f"FROM ({peaks}) AS `p` JOIN ({latest}) AS `l` ON `l`.`k` = `p`.`k` WHERE "
        f"`l`.`latest` {cmp} {keep!r} * `p`.`peak`"
    )
    if asked.count:
        sql = f"SELECT COUNT(*) AS `number_of_{s.key}s` {joined}"
    else:
        sql = (
            f"SELECT `p`.`k` AS `{s.key}`, `p`.`peak` AS `peak_{s.measure}`, `l`.`latest` AS "
            f"`latest_{s.measure}`, (`l`.`latest` - `p`.`peak`) * 100.0 / `p`.`peak` AS "
            f"`percent_from_peak`, (`p`.`peak` - `l`.`latest`) * 100.0 / `p`.`peak` AS "
            f"`percent_below_peak` {joined} ORDER BY `percent_from_peak`, `p`.`k`"
        )
        if asked.limit:
            sql += f" LIMIT {asked.limit}"
    sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
    how = "more than" if asked.strict else "at least"
    n = f"{asked.threshold:g}"
    task = (
        f"{'How many' if asked.count else 'Which'} {s.key} values have a latest {s.measure} "
        f"{how} {n}% below their highest {s.measure}"
    )
    notes = (
        (
            "below peak",
            f"each {s.key}'s {s.measure} on the data's last day against its highest {s.measure} "
            f"in all the data; kept when it is {how} {n}% below it",
        ),
    )
    return WrittenQuery(sql, task, notes)
