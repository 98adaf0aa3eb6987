"""Shared state of one interpretation: the linked items, what is consumed, and
how an ambiguous column is chosen. Used by the interpreter and its readers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon
from .linking import Item
from .refuse import Refuse
from .spec import Col, Filter


@dataclass
class ReadState:
    items: list[Item]
    lex: Lexicon
    defaults: dict
    used: set[int] = field(default_factory=set)
    plural_projection: bool = False
    each_named: bool = False  # a bare 'each' beside several named rows: one figure each
    bucket: str = ""  # "month" | "year": group by the calendar period of a date column
    filters: list[Filter] = field(default_factory=list)
    latest: Filter | None = None  # 'latest X': the rows with the greatest date (latest.py)
    asks_when: bool = False  # 'when did …': the answer is a date (when.py)
    # 'more than 6 stocks': (op, value, index of the comparison, index of the counted table)
    having: list[tuple[str, float, int, int]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    measure_asked: bool = False  # a count or aggregate word asks for the value itself
    order_by_count: bool = False  # 'ordered by the number of bands' (the count asked)
    group_word: str = ""  # the word that grouped by a column ('per', 'in each', 'by')
    ranked_by: bool = False  # 'the utilities by market cap': a bare 'by' before a number
    # aggregates read beside a count ('number of companies and total market cap per sector')
    extra_measures: list = field(default_factory=list)
    words: tuple[str, ...] = ()  # the question's tokens (items index them), when known

    def take(self, *idx: int) -> None:
        self.used.update(idx)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.items) and i not in self.used

    def at(self, i: int) -> Item | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def is_value(self, i: int) -> bool:
        it = self.at(i)
        return bool(it and it.kind == "value")

    def is_kw(self, i: int, *categories: str) -> bool:
        it = self.at(i)
        return bool(it and it.kind == "kw" and (not categories or it.category in categories))


def col_kind(st: ReadState, col: Col) -> str:
    return st.lex.kind_of(col.table, col.column)


def col_kind_of(lex: Lexicon, col: Col) -> str:
    return lex.kind_of(col.table, col.column)


def columns_of(item: Item) -> list[Col]:
    return [Col(t.table, t.column) for t in item.targets if t.kind == "column"]


def is_plural(item: Item) -> bool:
    """Its head noun is plural: 'cities', 'shares traded'; not 'headquarters city'."""
    from .lexicon import phrase_key

    words = item.text.lower().split()
    while len(words) > 1 and words[-1].endswith("ed"):
        words.pop()  # 'shares traded': the noun before its participle
    last = words[-1] if words else ""
    return " ".join(phrase_key(last)) != last


def key_columns(st: ReadState, table: str) -> tuple[str, ...]:
    info = st.lex.catalog.table(table)
    return info.primary_key if info else ()


def choose(st: ReadState, cols: list[Col], item: Item) -> Col:
    """Pick one of several columns a phrase may mean, preferring tables in play."""
    if len(cols) == 1:
        return date_of_table_in_play(st, cols[0], item)
    if not cols:
        # 'have made at least one pick': a count word with no number column to compare
        raise Refuse(f"I could not tell which number '{item.text}' is compared by.", item.text)
    for table in _involved_tables(st):  # the most directly involved table first
        for c in cols:
            if c.table == table:
                if table not in _named_tables(st):
                    st.notes.append((item.text, f"'{item.text}' read as {c.table}.{c.column}"))
                return c
    near = _nearest_to_named_tables(st, cols)
    if near is not None:
        st.notes.append((item.text, f"'{item.text}' read as {near.table}.{near.column}"))
        return near
    if len({c.table for c in cols}) > 1:
        # nothing in the question says which table's column is meant: name them all
        readings = ", ".join(dict.fromkeys(f"{c.table}.{c.column}" for c in cols))
        raise Refuse(
            f"'{item.text}' can mean {readings}; please say which (for example by naming "
            "the table).",
            item.text,
        )
    st.notes.append((item.text, f"'{item.text}' read as {cols[0].table}.{cols[0].column}"))
    return cols[0]


def date_of_table_in_play(st: ReadState, col: Col, item: Item) -> Col:
    """'earliest index price, date and price': a bare 'date' is read by default as one
    table's date; when the rest of the question is about another table that has a date
    column of that name, it is that table's date (the first table the other words involve)."""
    if col_kind(st, col) != "date" or col.table in _named_tables(st):
        return col
    if item.text.lower().rstrip("s") not in ("date", "day", "trading day", "trading date"):
        return col  # ('when did they add it': the date of the event said)
    others: list[str] = []
    for it in st.items:
        if it is item or not it.targets:
            continue
        if it.kind == "table" or (it.kind == "column" and len({t.table for t in it.targets}) == 1):
            others.append(it.targets[0].table)
    for other in dict.fromkeys(others):
        if other == col.table:
            return col
        table = st.lex.catalog.table(other)
        same = table.column(col.column) if table is not None else None
        if same is not None and col_kind(st, Col(other, same.name)) == "date":
            break  # ('max S&P 500 index price …': the index names no date; its prices do)
    else:
        return col
    local = Col(other, same.name)
    st.notes.append((item.text, f"'{item.text}' read as {local.table}.{local.column}"))
    return local


def _nearest_to_named_tables(st: ReadState, cols: list[Col]) -> Col | None:
    """'which index has the highest price': the one column whose table is strictly fewest
    joins from the tables the question names (the index's own prices); else None."""
    from .sqlbuild import PlanError, join_path

    named = {it.targets[0].table for it in st.items if it.kind == "table"}
    if not named:
        return None
    hops: list[tuple[int, Col]] = []
    for c in cols:
        try:
            hops.append((max(len(join_path(st.lex.catalog, t, c.table)) for t in named), c))
        except PlanError:
            return None
    hops.sort(key=lambda h: h[0])
    if len(hops) > 1 and hops[0][0] == hops[1][0]:
        return None
    return hops[0][1]


def local_column(catalog, col: Col, subject: str) -> Col:
    """A key column of another table that the subject also has (joined on it) is read locally."""
    if col.table == subject:
        return col
    table = catalog.table(subject)
    if table and table.column(col.column):
        for r in catalog.relationships:
            if {r.from_table, r.to_table} == {
                subject,
                col.table,
            } and r.from_column == r.to_column == col.column:
                return Col(subject, col.column)
    return col


def _named_tables(st: ReadState) -> set[str]:
    return {it.targets[0].table for it in st.items if it.kind == "table"} | {
        f.col.table for f in st.filters
    }


def _involved_tables(st: ReadState) -> list[str]:
    tables: list[str] = []
    has_time = any(it.kind == "time" for it in st.items)
    for it in st.items:
        if it.kind == "table" or (it.kind == "column" and len({t.table for t in it.targets}) == 1):
            tables.append(it.targets[0].table)
    for f in st.filters:
        tables.append(f.col.table)
    if has_time:
        tables.extend(t.name for t in st.lex.catalog.tables if st.lex.date_columns(t.name))
    return list(dict.fromkeys(tables))
