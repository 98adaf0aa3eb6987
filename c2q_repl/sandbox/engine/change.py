"""'How much did Apple's closing price change over 2023?', 'percentage change of the S&P 500
index between 3 March 2023 and 30 June 2023': one named series of a history table (a table
whose key includes its date), its value on the last day of the period minus its value on
the first day (as a percentage of the first when asked).

The question without its change words is read as a plain list; it must name one row of
an entity (a ticker, an index), a period, and at most one measure (else the history
table's only measure is used and said). Anything else declines.
"""

from __future__ import annotations

from dataclasses import dataclass

from .keywords import GAIN_WORDS as KEYWORD_GAIN_WORDS
from .lexicon import Lexicon, Target, column_kind
from .linking import Item
from .reading import Refuse
from .spec import Col, Metric, QuerySpec, one_day
from .sqlbuild import name_columns

_PERIOD_NEEDED = (
    "'{word}' needs a period with a start and an end (for example 'in 2023' or 'between "
    "3 March 2023 and 30 June 2023')"
)


def split_change(items: list[Item]) -> tuple[list[Item], str, str]:
    """(the items without the change words, the word, 'pct' | 'abs')."""
    at = [i for i, it in enumerate(items) if it.kind == "kw" and it.category == "change"]
    word = items[at[0]].text
    ranked_word = [i for i in at if items[i].text.lower().split()[-1] in GAIN_WORDS]
    if len(at) == 2 and len(ranked_word) == 1 and all(items[i].arg == "pct" for i in at):
        # 'top 10 gainers of 2023 by % change': the gainers are ranked by that change
        word = items[ranked_word[0]].text
        other = next(i for i in at if i not in ranked_word)
        by = (
            [other - 1]
            if other and items[other - 1].kind == "kw" and items[other - 1].text.lower() == "by"
            else []
        )
        items = [it for i, it in enumerate(items) if i not in (other, *by)]
        at = [i for i, it in enumerate(items) if it.kind == "kw" and it.category == "change"]
    said_pct = False
    if len(at) > 1 and _one_change_said_twice(items, at):
        # 'how much did the s&p 500 move in 2023, % change first to last trading day', 'biggest
        # losers of 2022 — the 10 stocks that fell the most, with the % drop': one change said
        # again (a ranking word kept first, the percent kept if any word says it)
        said_pct = any(items[i].arg == "pct" for i in at)
        keep = ranked_word[0] if ranked_word else at[0]
        word = items[keep].text
        items = [it for i, it in enumerate(items) if i == keep or i not in at]
        at = [i for i, it in enumerate(items) if it.kind == "kw" and it.category == "change"]
    if (
        len(at) == 2
        and all(items[i].arg == "pct" for i in at)
        and not any(items[i].text.lower().split()[-1] in GAIN_WORDS for i in at)
    ):
        # 'how did the S&P 500 perform over 2023? the percentage change for the year': one
        # percentage change said twice (no rise or fall named, so no two rankings)
        items = [it for i, it in enumerate(items) if i != at[1]]
        at = at[:1]
    if len(at) > 1:
        raise Refuse(f"I can compute one change at a time ('{word}').", word)
    pct = items[at[0]].arg == "pct" or said_pct
    drop = set(at)
    before = at[0] - 1
    if before >= 0 and items[before].kind == "kw" and items[before].category == "pct":
        pct, drop = True, drop | {before}  # 'percentage change' written apart
    for k, it in enumerate(items):
        if it.kind == "kw" and it.category == "pct" and it.arg == "in":
            pct, drop = True, drop | {k}  # 'how much did it move, in percent?'
    times = [it for it in items if it.kind == "time"]
    if len(times) != 1:
        raise Refuse(_PERIOD_NEEDED.format(word=word) + ".", word)
    return [it for i, it in enumerate(items) if i not in drop], word, "pct" if pct else "abs"


def _one_change_said_twice(items: list[Item], at: list[int]) -> bool:
    """Several change words that say one ranking: one direction among them ('gainers' and
    'losers' are two changes, never merged)."""
    ranked = [items[i].text.lower().split()[-1] for i in at]
    directions = {w in _DOWN_WORDS for w in ranked if w in GAIN_WORDS}
    # a ranking said twice only ('biggest losers of 2022 — the 10 that fell the most, with the
    # % drop'); two change words about one named series ('how much did it move, % change')
    # can ask two things (points and percent, two periods), so they stay declined
    return len(directions) == 1 and sum(w in GAIN_WORDS for w in ranked) <= 2


GAIN_WORDS = frozenset(KEYWORD_GAIN_WORDS)
_DOWN_WORDS = frozenset({"fell", "dropped", "lost", "loser", "losers", "worst", "lowest", "least"})
_RANK_WORDS = frozenset({"top", "most", "biggest", "largest", "highest", "best", "greatest"})


@dataclass(frozen=True)
class Ranking:
    """'which 5 stocks gained the most', 'top 10 gainers', 'biggest losers': the series
    ranked by their change, the ones that rose most first (or fell most, for a fall)."""

    descending: bool
    limit: int | None  # None: every series, ranked
    stated: bool  # the user said how many


def split_ranking(items: list[Item], word: str) -> tuple[list[Item], Ranking | None]:
    """(the items without the ranking words, the ranking) — None when nothing ranks."""
    ranks = [
        i
        for i, it in enumerate(items)
        if it.kind == "kw"
        and it.category in ("agg", "bottom")
        and it.text.lower() in _RANK_WORDS | _DOWN_WORDS | {"bottom"}
    ]
    plural_said = word.lower().endswith("ers")  # 'gainers', 'losers': several series
    order = [i for i, it in enumerate(items) if it.kind == "kw" and it.category == "dir"]
    named = sum(1 for it in items if it.kind == "value")
    if not ranks and len(order) == 1 and named > 1:
        # 'the % change of KO, PEP and PG in 2023, worst first' (read 'in ascending order'):
        # the series named, in that order
        down = "asc" in items[order[0]].text.lower()
        rest = [it for i, it in enumerate(items) if i not in order]
        return rest, Ranking(descending=not down, limit=None, stated=False)
    if not ranks and not word.lower().startswith(("gainer", "loser")):
        return items, None
    every = _every_ranked(items, ranks)
    if every is not None:
        # '…, best performer first', 'ranked best to worst': every series, in that order
        down, said = every
        rest = [it for i, it in enumerate(items) if i not in said]
        return rest, Ranking(descending=not down, limit=None, stated=False)
    down = word.lower() in _DOWN_WORDS or any(
        items[i].text.lower() in _DOWN_WORDS | {"bottom"} for i in ranks
    )
    drop = set(ranks)
    drop |= {
        i
        for i, it in enumerate(items)
        if it.kind == "kw"
        and it.category == "group"
        and it.text.lower() == "by"
        and i + 1 == len(items)
        or (
            it.kind == "kw"
            and it.category == "group"
            and it.text.lower() == "by"
            and i + 1 < len(items)
            and items[i + 1].kind == "time"
        )
    }  # 'top 5 stocks by % gain in 2023': 'by' named the change, which was taken out
    limit, stated = None, False
    for i, it in enumerate(items):
        if it.kind == "number" and it.number and it.number.is_integer() and not it.percent:
            near = any(abs(i - r) == 1 for r in ranks) or (
                i + 1 < len(items) and items[i + 1].kind in ("table", "value")
            )  # 'top 5', '5 stocks', 'which 5 tech stocks'
            if near and 0 < it.number <= 1000:
                limit, stated = int(it.number), True
                drop.add(i)
                break
    if limit is None and not plural_said:
        limit = 1  # 'which stock gained the most': the one at the top ('losers': all, ranked)
    rest = [it for i, it in enumerate(items) if i not in drop]
    return rest, Ranking(descending=not down, limit=limit, stated=stated)


def _every_ranked(items: list[Item], ranks: list[int]) -> tuple[bool, set[int]] | None:
    """(ranked falling first, the items that said it) when the words ask every series in
    order rather than the top ones: 'best first', 'best performer first', 'best to worst'."""
    if len(ranks) == 1:
        at = ranks[0]
        after = at + 1
        if after < len(items) and items[after].kind == "kw" and items[after].category == "change":
            after += 1  # 'best performer first'
        if (
            after < len(items)
            and items[after].kind == "kw"
            and items[after].text.lower() == "first"
        ):
            return items[at].text.lower() in _DOWN_WORDS, set(range(at, after + 1))
    if len(ranks) == 2 and ranks[1] == ranks[0] + 1:
        a, b = (items[i].text.lower() for i in ranks)
        if (a in _DOWN_WORDS) != (b in _DOWN_WORDS):  # 'best to worst', 'worst to best'
            return a in _DOWN_WORDS, set(ranks)
    return None


def with_history_measure(items: list[Item], lex: Lexicon, ranked: bool = False) -> list[Item]:
    """'the change of the S&P 500 index in 2023': no measure named — the one measure of the
    one history table next to the named tables (index_price_history.price), said as such."""
    if any(it.kind == "column" for it in items):
        return items
    named = {t.table for it in items if it.kind in ("table", "value") for t in it.targets}
    if not named and ranked:
        # 'top 10 gainers of 2023': no table named; the history table whose default measure
        # the synonyms file gives (a stock's close) is the one whose rows gain
        named = {
            rel.to_table if rel.from_table == table else rel.from_table
            for table in lex.defaults
            if _only_measure(lex, table) is not None
            for rel in lex.catalog.relationships
            if table in (rel.from_table, rel.to_table)
        }
        named = {t for t in named if t not in lex.defaults or _only_measure(lex, t) is None}
    found = _histories_near(named, lex)
    said = {t.table for it in items if it.kind == "table" for t in it.targets}
    if len(found) > 1 and ranked and said:
        # 'top 5 S&P 500 stocks that gained the most': the series ranked are the rows of the
        # table said ('stocks'); the index named is a condition on them, not its own series
        found = _histories_near(said, lex)
    if len(found) != 1:
        return items
    table = found[0]
    column = _only_measure(lex, table) or ""
    item = Item(
        "column",
        column,
        0,
        0,
        targets=(Target("column", table, column),),
        note=f"the change read on {table}.{column} (its "
        + ("only measure)" if _one_number(lex, table) else "default measure)"),
    )
    return [*items, item]


def _histories_near(named: set[str], lex: Lexicon) -> list[str]:
    """The history tables with one measure linked to a table of ``named``."""
    found: list[str] = []
    for rel in lex.catalog.relationships:
        for near, other in ((rel.from_table, rel.to_table), (rel.to_table, rel.from_table)):
            if other in named and near not in found and _only_measure(lex, near) is not None:
                found.append(near)
    return found


def _one_number(lex: Lexicon, table: str) -> bool:
    info = lex.catalog.table(table)
    numbers = [c for c in (info.columns if info else ()) if column_kind(c.type) == "number"]
    return len([c for c in numbers if info and c.name not in info.primary_key]) == 1


def _only_measure(lex: Lexicon, table: str) -> str | None:
    """The only measure of a history table (a table whose key includes a date), or None."""
    info = lex.catalog.table(table)
    if info is None or not any(
        column_kind(c.type) == "date" for c in info.columns if c.name in info.primary_key
    ):
        return None
    numbers = [
        c.name
        for c in info.columns
        if column_kind(c.type) == "number" and c.name not in info.primary_key
    ]
    if len(numbers) > 1 and lex.defaults.get(table) in numbers:
        return lex.defaults[table]  # a stock's change is its close's (the synonyms file says)
    return numbers[0] if len(numbers) == 1 else None


def change_spec(
    read: QuerySpec, lex: Lexicon, word: str, kind: str, ranking: Ranking | None = None
) -> QuerySpec:
    """The aggregate spec of a change: MAX(measure) on the period's last day (the builder
    renders first, last and their difference); with a ranking, one change per series,
    ranked."""
    if read.shape != "list" or read.order_by is not None or read.limit is not None:
        raise Refuse(f"'{word}' applies to one measure of one named series.", word)
    ranges = [f for f in read.filters if f.op == "range"]
    if len(ranges) != 1 or not (ranges[0].values[0] and ranges[0].values[1]):
        raise Refuse(_PERIOD_NEEDED.format(word=word) + ".", word)
    if one_day(ranges[0]):
        # 'how much did aapl move on the last day': the day's first and last value are the
        # same row, so a change within it is always 0
        raise Refuse(
            f"'{word}' within one day compares that day with itself; for the move from the "
            "day before, ask for the change vs the previous close on that day.",
            word,
        )
    date = ranges[0].col
    history = lex.catalog.table(date.table)
    if history is None or date.column not in history.primary_key:
        raise Refuse(f"'{word}' needs a table with a value per date; {date.table} has none.", word)
    measure = _measure(read, lex, date.table, word)
    series = [c for c in history.primary_key if c != date.column]
    named = [
        f for f in read.filters if f.op in ("=", "in") and not f.time and _names_one(lex, f.col)
    ]  # 'JPM vs BAC': one change per series named (the builder gives each its own)
    others = [f for f in read.filters if f.op != "range" and f not in named]
    if ranking is not None:
        return _ranked_change(read, lex, word, kind, ranking, Col(date.table, series[0]), measure)
    if len(series) == 1:
        # 'spx % change from … close to … close': 'close' is a stock's, and the S&P 500 names
        # the index, not one stock; its members' closes pooled are no one's change
        pinned = [f for f in named if _pins_one_series(lex, f.col, Col(date.table, series[0]))]
        others += [f for f in named if f not in pinned]
        named = pinned
    if (
        len(named) == 1
        and len(named[0].values) == 1
        and others
        and all(f.col.table != date.table and not f.time for f in others)
    ):
        # 'how did its stock do in 2023' after the largest employer in North Carolina: the one
        # company named by its key; the conditions that found it (its state, its index) say
        # nothing more about its prices
        others = []
        read = read.with_(filters=tuple(f for f in read.filters if f.op == "range" or f in named))
    if len(series) != 1 or len(named) != 1 or others:
        raise Refuse(
            f"'{word}' needs exactly one named series (for example one ticker or one index).",
            word,
        )
    note = (
        word,
        f"'{word}' read as {measure.column} on the last day of the period with data minus "
        "on the first" + (", as a percentage of the first" if kind == "pct" else ""),
    )
    return QuerySpec(
        "aggregate",
        date.table,
        metric=Metric("MAX", measure),
        filters=read.filters,
        also_join=read.also_join,
        change=kind,
        notes=read.notes + (note,),
    )


def _names_one(lex: Lexicon, col: Col) -> bool:
    """A key or name column: its value is one series (AAPL, 'S&P 500'), not a group."""
    info = lex.catalog.table(col.table)
    return info is not None and (col.column in info.primary_key or col.column in name_columns(info))


def _one_of_the_series(lex: Lexicon, col: Col, series: Col) -> bool:
    """The value names one of the ranked series (AAPL, Apple Inc.), not a thing of another
    kind the series belong to ('S&P 500 stocks': the index's members, a condition)."""
    if col.table == series.table:
        return True
    info = lex.catalog.table(col.table)
    return info is not None and series.column in info.primary_key


def _pins_one_series(lex: Lexicon, col: Col, series: Col) -> bool:
    """The column names one series of the history: its series key, or a key or name of the
    table that series key is the whole key of (a stock's ticker or company name)."""
    if col.table == series.table:
        return col.column == series.column
    info = lex.catalog.table(col.table)
    return info is not None and list(info.primary_key) == [series.column]


def _measure(read: QuerySpec, lex: Lexicon, table: str, word: str) -> Col:
    named = [c for c in read.columns if c.table == table]
    if len(read.columns) > 1 or (read.columns and not named):
        raise Refuse(f"'{word}' applies to one measure of {table}.", word)
    if named:
        return named[0]
    info = lex.catalog.table(table)
    numbers = [
        c.name
        for c in (info.columns if info else ())
        if column_kind(c.type) == "number" and c.name not in (info.primary_key if info else ())
    ]
    if len(numbers) != 1:
        raise Refuse(f"I could not tell which measure of {table} '{word}' is about.", word)
    return Col(table, numbers[0])


def _ranked_change(
    read: QuerySpec,
    lex: Lexicon,
    word: str,
    kind: str,
    ranking: Ranking,
    series: Col,
    measure: Col,
) -> QuerySpec:
    """'which 5 stocks gained the most in 2023': each series' change over the period (its
    measure on its last day with data minus on its first), the series ranked by it. Other
    conditions narrow the series ('tech stocks'); naming one series ranks nothing."""
    if any(
        (f.col == series and not (f.op == "in" and len(f.values) > 1))  # 'MSFT or AMZN': ranked
        or (f.op == "=" and _names_one(lex, f.col) and _one_of_the_series(lex, f.col, series))
        for f in read.filters
    ):
        raise Refuse(f"'{word}' ranks several series, but the question names one.", word)
    direction = "rose the most" if ranking.descending else "fell the most"
    note = (
        word,
        f"'{word}' read as each {series.column}'s {measure.column} on its last day of the "
        "period with data minus on its first"
        + (", as a percentage of the first" if kind == "pct" else "")
        + (
            f"; the {ranking.limit} that {direction}"
            if ranking.limit
            else f", ranked: the ones that {direction} first"
        ),
    )
    return QuerySpec(
        "aggregate",
        series.table,
        metric=Metric("MAX", measure),
        group_by=series,
        filters=read.filters,
        also_join=read.also_join,
        change=kind,
        order_metric=True,
        descending=ranking.descending,
        limit=ranking.limit,
        limit_stated=ranking.stated,
        notes=read.notes + (note,),
    )
