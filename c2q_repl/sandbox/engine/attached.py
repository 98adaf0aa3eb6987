"""A column said right after a named row belongs to that row: 'the S&P 500 index high'
asks for the index's own high, not the highs of the stocks in it. When the column lives
two or more links away from the named row's table, the engine declines instead of joining
its way there (which once listed every member stock's daily high)."""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import Lexicon, Target, column_kind
from .linking import Item, Linked
from .spec import Decline, QuerySpec
from .sqlbuild import join_path

# the aggregate said between a row and a column ('the S&P 500 max high'), not 'latest day'
_AGGREGATE_WORDS = frozenset(
    {"max", "min", "maximum", "minimum", "average", "avg", "mean", "total", "sum"}
)


_MEMBERSHIP = frozenset({"in", "among", "within", "inside"})


def far_attribute(linked: Linked, lex: Lexicon) -> Decline | None:
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items):
        if (
            it.kind == "table"
            and k > 0
            and items[k - 1].kind == "column"
            and len(_tables(it)) == 1
            and all(t.via != "verb" for t in it.targets)
            and all(t.via != "verb" for t in items[k - 1].targets)
            and it.start - items[k - 1].end in (1, 2)  # 'X of the <table>', 'X of <table>'
            and not _MEMBERSHIP & set(linked.words[items[k - 1].end : it.start])
        ):
            # 'the long name of the index': a column of companies, two links from indexes
            column = items[k - 1]
            far = _far_column(
                column, next(iter(_tables(it))), f"{column.text} of the {it.text}", "it", lex
            )
            if far is not None:
                return far
        if it.kind != "value" or not it.targets:
            continue
        owner = it.targets[0].table
        at = k + 1
        if at < len(items) and items[at].kind == "table" and _tables(items[at]) == {owner}:
            at += 1  # 'the S&P 500 index high': the owner's own noun between
        if (
            at + 1 < len(items)
            and items[at].kind == "kw"
            and items[at].category == "agg"
            and items[at].text.lower() in _AGGREGATE_WORDS
        ):
            at += 1  # 'the S&P 500 max high': an aggregate of the column said between
            if items[at - 1].arg == "SUM" and _adds_up_here(items[at], lex):
                continue  # 'the S&P 500's total market cap': its members' caps added up
        if (
            at < len(items)
            and items[at].kind == "column"
            and k > 0
            and items[k - 1].kind == "kw"
            and items[k - 1].category == "agg"
            and items[k - 1].arg == "SUM"
            and items[k - 1].text.lower() in _AGGREGATE_WORDS
            and _adds_up_here(items[at], lex)
        ):
            continue  # 'total S&P 500 market cap': its members' caps added up, said before
        if (
            at < len(items)
            and items[at].kind == "column"
            # 'the S&P 500 sector', 'the S&P 500's high'; not 'in the S&P 500 with their
            # sector', where the sector is of the rows listed
            and items[at].start - items[at - 1].end <= 1
        ):
            column = items[at]
        elif (
            k > 0
            and items[k - 1].kind == "column"
            and not (k + 1 < len(items) and items[k + 1].kind == "table")
            # 'total weight per sector in the S&P 500': a grouping of the rows, not its sector
            and not (k > 1 and items[k - 2].kind == "kw" and items[k - 2].category == "group")
            # 'the biggest employer in the S&P 500': of its members, not of the index itself
            and not _MEMBERSHIP & set(linked.words[items[k - 1].end : it.start])
        ):
            # 'the highest price of AAPL': the column said before it ('salary of Marketing
            # employees' is the employees' salary: the value only qualifies them)
            column = items[k - 1]
        else:
            continue
        far = _far_column(column, owner, f"{it.text} {column.text}", it.text, lex)
        if far is not None:
            return far
    return None


def _far_column(column: Item, owner: str, said: str, whom: str, lex: Lexicon) -> Decline | None:
    """The decline for a column of a table two or more links from the row's own table."""
    homes = _tables(column)
    if owner in homes or not homes:
        return None
    if _many_labels(column, lex):
        return None  # 'the sectors in the S&P 500': the labels of its members, many of them
    hops = [_hops(lex, owner, home) for home in homes]
    if not all(h is not None and h >= 2 for h in hops):
        return None
    home = sorted(homes)[0]
    return Decline(
        f"'{column.text}' is a column of {home}, not of {owner}: '{said}' would mean the {home} "
        f"rows linked to {whom}. Ask for the values of {owner} itself, or name the {home} rows "
        "you mean.",
        (column.text,),
    )


def _adds_up_here(column: Item, lex: Lexicon) -> bool:
    """A column item whose every reading is a number that adds up across rows."""
    from .how_much import adds_up
    from .spec import Col

    return (
        column.kind == "column"
        and bool(column.targets)
        and all(
            lex.kind_of(t.table, t.column) == "number" and adds_up(Col(t.table, t.column))
            for t in column.targets
        )
    )


def _many_labels(column: Item, lex: Lexicon) -> bool:
    """A plural word for a text column ('sectors', 'industries'): the values of many rows,
    which an index or a person cannot have one of."""
    word = column.text.lower().split()[-1]
    if not word.endswith("s") or word.endswith("ss"):
        return False
    for t in column.targets:
        info = lex.catalog.table(t.table)
        col = info.column(t.column) if info is not None else None
        if col is None or column_kind(col.type) != "text":
            return False
    return bool(column.targets)


def _tables(item: Item) -> set[str]:
    return {t.table for t in item.targets}


def _hops(lex: Lexicon, start: str, goal: str) -> int | None:
    try:
        return len(join_path(lex.catalog, start, goal))
    except Exception:  # noqa: BLE001 - no route or an ambiguous one: not an attribute either
        return None


def far_group(spec: QuerySpec, linked: Linked, lex: Lexicon) -> Decline | None:
    """'which country are most of our users from': country is the companies' column, two
    links from the users (through their watchlists); grouping users by it answers another
    question. Declined unless the question names the grouped table itself."""
    group = spec.group_by
    if group is None or group.table == spec.table:
        return None
    named = {t.table for it in linked.items if it.kind == "table" for t in it.targets}
    if group.table in named:
        return None
    hops = _hops(lex, spec.table, group.table)
    if hops is None or hops < 2:
        return None
    return Decline(
        f"'{group.column}' is a column of {group.table}, not of {spec.table}: grouping "
        f"{spec.table} by it would follow their links to {group.table}. Name {group.table} "
        f"if that is what you mean (for example '{spec.table} per {group.table} "
        f"{group.column}').",
        (group.column,),
    )


_EXTREME_COLUMNS = {"MAX": "high", "MIN": "low"}


def price_extreme(spec: QuerySpec, linked: Linked, lex: Lexicon) -> Decline | None:
    """'the highest price Meta traded at in 2022': the highest close, or the day's high?
    When 'price' stands for a close and the same table keeps a 'high' (or 'low') column,
    the extreme of the price is ambiguous: declined with both readings."""
    ranked = spec.metric.col if spec.metric is not None else spec.order_by
    if ranked is None or spec.change:
        return None  # a change reads first and last values, not an extreme
    func = spec.metric.func if spec.metric is not None else ("MAX" if spec.descending else "MIN")
    other = _EXTREME_COLUMNS.get(func)
    info = lex.catalog.table(ranked.table)
    if other is None or info is None or info.column(other) is None or ranked.column == other:
        return None
    said = [
        it
        for it in linked.items
        if it.kind == "column"
        and any((t.table, t.column) == (ranked.table, ranked.column) for t in it.targets)
    ]
    if not said or any("clos" in it.text.lower() for it in said):
        return None  # 'the highest close' names the close
    if not any("price" in it.text.lower() for it in said):
        return None
    return Decline(
        f"'{said[0].text}' here can mean {ranked.column} or the day's {other} "
        f"({ranked.table}.{other}); please say which (for example 'the highest {ranked.column}' "
        f"or 'the highest {other}').",
        (said[0].text,),
    )


def far_choice(spec: QuerySpec, linked: Linked, lex: Lexicon) -> Decline | None:
    """'the highest price of AAPL in 2023': 'price' names the index price, a company's
    current price and a stock's close; a reading two links away from AAPL (the index it is
    in) while a nearer one exists is not picked silently."""
    used = {c for c in (spec.order_by, spec.metric.col if spec.metric else None) if c}
    used |= set(spec.columns)
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items):
        if it.kind != "value" or not it.targets:
            continue
        owner = it.targets[0].table
        for j in (k - 1, k + 1):
            if not 0 <= j < len(items) or items[j].kind != "column":
                continue
            targets = [(t.table, t.column) for t in items[j].targets]
            chosen = [t for t in targets if any((c.table, c.column) == t for c in used)]
            if len(targets) < 2 or not chosen:
                continue
            far = _hops(lex, owner, chosen[0][0])
            near = [t for t in targets if (_hops(lex, owner, t[0]) or 9) <= 1]
            if far is not None and far >= 2 and near:
                readings = ", ".join(f"{t}.{c}" for t, c in targets)
                return Decline(
                    f"'{items[j].text}' of {it.text} can mean {readings}; please name the "
                    f"one you mean (for example '{near[0][1]}').",
                    (items[j].text,),
                )
    return None


def dated_readings(linked: Linked, lex: Lexicon, subject: tuple[str, ...] = ()) -> Linked:
    """'AAPL price on 2023-06-30': with a time phrase, a word that names columns of dated and
    undated tables ('price': a stock's close, a company's current price, an index's price)
    means a dated one, and of those the one nearest the row the question names (or, in a
    follow-up, the tables of the rows 'its' points at: ``subject``)."""
    if not any(it.kind == "time" for it in linked.items):
        return linked
    owners = [it.targets[0].table for it in linked.items if it.kind == "value" and it.targets]
    owners += [t for t in subject if t not in owners]
    ordered = sorted(linked.items, key=lambda x: x.start)
    items = []
    for it in linked.items:
        if it.kind == "column" and len({t.table for t in it.targets}) > 1:
            nxt = next((x for x in ordered if x.start >= it.end), None)
            if nxt is not None and nxt.kind == "table" and _tables(nxt) & _tables(it):
                # 'the titles of the artworks created between 1900 and 1950': the table the
                # question names decides, not which table has dates
                items.append(it)
                continue
            dated = [t for t in it.targets if lex.date_columns(t.table)]
            if dated and len(dated) < len(it.targets):
                if owners:
                    near = [
                        t
                        for t in dated
                        if all((_hops(lex, owner, t.table) or 9) <= 1 for owner in owners)
                    ]
                    dated = near or dated
                it = replace(it, targets=tuple(dated))
        items.append(it)
    return replace(linked, items=tuple(items))


_PLACE_WORDS = frozenset({"state", "city", "country", "town", "region", "location", "address"})
_PLACED = re.compile(
    r"\b(?:based|located|living|live|lives|situated|resident|residing)\s+(?:in|at)\b|\bfrom\b",
    re.I,
)


def far_place(spec: QuerySpec, linked: Linked, lex: Lexicon, question: str) -> Decline | None:
    """'how many of our users are based in California?': the users have no place in the
    data; California is a state of companies, two links away (their picks). Answering through
    those links counts who picked a California company. Declined unless the question names
    the table the place belongs to ('users who picked companies in California')."""
    if not _PLACED.search(question):
        return None
    from .names import split_words

    named = {t.table for it in linked.items if it.kind == "table" for t in it.targets}
    for f in spec.filters:
        if f.op not in ("=", "in") or f.col.table in named or f.col.table == spec.table:
            continue
        if not _PLACE_WORDS & set(split_words(f.col.column)):
            continue
        hops = _hops(lex, spec.table, f.col.table)
        if hops is None or hops < 2:
            continue
        return Decline(
            f"{spec.table} have no {f.col.column} of their own in this data: "
            f"'{', '.join(str(v) for v in f.values)}' is a {f.col.column} of {f.col.table}, "
            f"reached from {spec.table} only through other tables. Name {f.col.table} if that "
            f"is what you mean (for example '{spec.table} linked to {f.col.table} in …').",
            (str(f.values[0]),),
        )
    return None


_SERIES_WORDS = frozenset({"close", "closed", "closes", "closing", "closing price", "level"})


def own_series(linked: Linked, lex: Lexicon) -> Linked:
    """'the S&P 500 close on …': an index has one series of its own (index_price_history
    .price); 'close' names a stock's column, but said right after the index it means the
    index's own dated measure. Read so (and told), instead of declined as far."""
    from .change import _only_measure

    ordered = sorted(linked.items, key=lambda x: x.start)
    swap: dict[int, Item] = {}
    for it, nxt in _owner_then_series(ordered):
        owner = it.targets[0].table if it.targets else ""
        if not owner or owner in _tables(nxt):
            continue
        histories = [
            (t, m)
            for t in _histories(lex, owner)
            if (m := _only_measure(lex, t)) is not None and t not in _tables(nxt)
        ]
        if len(histories) != 1:
            continue
        table, measure = histories[0]
        target = Target("column", table, measure, via="series")
        swap[id(nxt)] = replace(
            nxt, targets=(target,), note=f"'{nxt.text}' read as {table}.{measure}"
        )
        own_dates = lex.date_columns(table)
        for other in ordered:
            # 'on which days … did the S&P 500 close above 5500': the days of that series,
            # not of the stock prices 'close' first named
            if (
                other.kind == "column"
                and other.targets
                and len(own_dates) == 1
                and all(
                    t.table in _tables(nxt) and lex.kind_of(t.table, t.column) == "date"
                    for t in other.targets
                )
            ):
                swap[id(other)] = replace(
                    other, targets=(Target("column", table, own_dates[0], via="series"),)
                )
    if not swap:
        return linked
    return replace(linked, items=tuple(swap.get(id(it), it) for it in linked.items))


def _owner_then_series(ordered: list[Item]) -> list[tuple[Item, Item]]:
    """(owner, series word) pairs: 'the S&P's highest close', 'the index ever closed at'
    (an aggregate word may stand between), and 'the highest close of the S&P 500' (the owner
    right after, with nothing of another table after it)."""

    def owner(it: Item) -> bool:
        if it.kind == "value":
            return True
        return it.kind == "table" and len({t.table for t in it.targets}) == 1

    def series(it: Item) -> bool:
        return it.kind == "column" and it.text.lower() in _SERIES_WORDS

    pairs = []
    for k, it in enumerate(ordered[:-1]):
        at = k + 1
        while (
            at < len(ordered) - 1
            and ordered[at].kind == "kw"
            and ordered[at].category in ("agg", "bottom")
        ):
            at += 1  # "the S&P's highest close"
        if owner(it) and series(ordered[at]):
            pairs.append((it, ordered[at]))
        elif series(it) and owner(ordered[k + 1]):
            after = ordered[k + 2] if k + 2 < len(ordered) else None
            if after is None or after.kind not in ("table", "column", "value"):
                pairs.append((ordered[k + 1], it))
    return pairs


def _histories(lex: Lexicon, owner: str) -> list[str]:
    """Tables that reference ``owner`` directly and are keyed by a date (its series)."""
    out = []
    for rel in lex.catalog.relationships:
        if rel.to_table == owner and rel.from_table != owner and rel.from_table not in out:
            out.append(rel.from_table)
    return out
