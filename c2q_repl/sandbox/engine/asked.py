"""What a question asks to be shown, read from its leading words (before any SQL).

Spider's execution match compares result tables column for column, and a plain reading
agrees: 'Which stations are in the University district?' asks for the stations' names, not
their ids; 'What was the highest attendance at a game?' for one value; 'the names and ages
of …' for those two columns. This module only reads the question; projection.py applies
the reading to the finished SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .linking import Item, Linked
from .normalize import tokenize

# words that open a request for rows ('List the stations …', 'Show me all members …')
_VERBS = frozenset({"list", "show", "give", "return", "find", "display", "get", "tell"})
_QUESTION_WORDS = frozenset({"which", "what"})
# words between the question word and what it asks for ('What are all the …', 'Show me …')
_FILLER = frozenset(
    {"is", "are", "was", "were", "the", "a", "an", "all", "me", "us", "of", "every", "each"}
)
_JOINERS = frozenset({"and", ",", "&"})
_MEASURES = frozenset({"AVG", "SUM"})
NAME_WORDS = frozenset({"name", "names"})


@dataclass(frozen=True)
class Asked:
    """``kind``: rows (the rows of ``table``, named) | columns (``columns`` in the order asked;
    'name' stands for the table's name columns) | value (only ``columns[0]``, the measure of a
    'what is the highest X' question) | "" (the question does not say).
    ``opener``: which | what | who | verb | bare (how the question starts).
    ``measure``: a count or an average/total is asked for itself ('how many', 'average').
    ``per``: 'each', 'per', 'by' ask for one row per group. ``noun``: the word naming the
    rows ('stocks'), which can name their key rather than their name."""

    kind: str = ""
    opener: str = ""
    table: str = ""
    columns: tuple[tuple[str, str], ...] = ()  # (table, column); column "" = its name columns
    measure: bool = False
    per: bool = False
    noun: str = ""
    per_noun: str = ""  # 'per stock': the word naming the groups


def _measure_asked(linked: Linked) -> bool:
    """A count or an average/total asked for itself; 'the highest total …' or 'the largest
    number of …' only ranks the rows by it."""
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items):
        if it.kind != "kw" or not (
            it.category == "count" or (it.category == "agg" and it.arg in _MEASURES)
        ):
            continue
        before = [b for b in items[:k] if b.end <= it.start]
        if before and _superlative(before[-1]) and before[-1].end == it.start:
            continue
        return True
    return False


def _superlative(item: Item) -> bool:
    return item.kind == "kw" and item.category == "agg" and item.arg in ("MIN", "MAX")


def read_asked(question: str, linked: Linked) -> Asked:
    """The projection the question's opening words ask for ('' kind when they do not say)."""
    return replace(_read(question, linked), per_noun=_per_noun(linked))


def _per_noun(linked: Linked) -> str:
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items):
        if it.kind == "kw" and it.category == "group":
            nxt = next((n for n in items[k + 1 :] if n.kind in ("table", "column")), None)
            return nxt.text.lower() if nxt is not None and nxt.start == it.end else ""
    return ""


def _read(question: str, linked: Linked) -> Asked:
    tokens = tokenize(question)
    words = [t.lower for t in tokens]
    if not words:
        return Asked()
    measure = _measure_asked(linked)
    per = any(it.kind == "kw" and it.category == "group" for it in linked.items)
    first = words[0]
    if first == "who":
        return Asked("rows", "who", measure=measure, per=per)
    if first in _QUESTION_WORDS:
        opener = first
    elif first in _VERBS:
        opener = "verb"
    else:
        opener = "bare"
    start = 0 if opener == "bare" else 1
    superlative = False
    spans = [(it.start, it.end) for it in linked.items if _superlative(it)]
    by_start = sorted(linked.items, key=lambda it: (it.start, it.kind != "kw"))
    asked: list[tuple[str, str]] = []
    position = start
    for k, item in enumerate(by_start):
        if item.start < position:
            continue  # before the opening word, or read already (one span, two readings)
        if not _only_filler(words, position, item.start, asked):
            break
        if any(item.start >= a and item.end <= b for a, b in spans):
            if asked:
                break  # 'Which category has the most …': ranks what was asked
            # 'the oldest author': the adjective ranks, the noun after it is what is asked
            superlative = True
            position = max(b for a, b in spans if item.start >= a and item.end <= b)
            continue
        if item.kind == "kw" and item.category == "list" and item.text.lower() in NAME_WORDS:
            asked.append(("", ""))  # 'the names of …': the name columns of the table after
        elif item.kind == "kw" and item.category == "list" and item.start == start:
            pass  # 'List', 'What' read again by the linker
        elif item.kind == "value":
            if asked:
                break
        elif item.kind == "table" and item.targets:
            table = item.targets[0].table
            after = _column_after(by_start[k + 1 :], item, table)
            if after is not None:
                # 'Which bike model …': the table's column, not its rows
                asked.append((table, after.targets[0].column))
                position = after.end
                continue
            if asked and item.end < len(words) and words[item.end] in _JOINERS:
                # 'the names of physicians and their departments': more is asked after
                # the table than this reading follows
                return Asked(opener=opener, measure=measure, per=per)
            if (
                superlative
                and len(asked) == 1
                and asked[0][0] == table
                and k
                and by_start[k - 1].end == item.start
            ):
                # 'highest EBITDA company': the company ranked by it, not the value alone
                return Asked(
                    "rows", opener, table, measure=measure, per=per, noun=item.text.lower()
                )
            if asked:
                return _columns(asked, table, opener, measure, superlative, per)
            return Asked("rows", opener, table, measure=measure, per=per, noun=item.text.lower())
        elif item.kind == "column" and item.targets:
            asked.append((item.targets[0].table, item.targets[0].column))
        else:
            break
        position = item.end
    if asked and all(c for _, c in asked):
        more = [c for c in _trailing_columns(words, by_start, position) if c not in asked]
        if more:
            # 'the highest close ever for Netflix and the date': both are asked
            return _columns(asked + more, asked[0][0], opener, measure, False, per)
        return _columns(asked, asked[0][0], opener, measure, superlative, per)
    return Asked(opener=opener, measure=measure, per=per)


_TRAILING_FILLER = frozenset({"the", "its", "their", "also", "a"})


def _trailing_columns(words: list[str], items: list[Item], after: int) -> list[tuple[str, str]]:
    """Columns the question adds at its very end, after a named row: '… of Netflix and the
    date', '… for Apple, and its volume'. Empty unless everything after the last 'and' is
    such a column."""
    joiner = max((k for k in range(after, len(words)) if words[k] == "and"), default=None)
    if joiner is None:
        return []
    rest = [it for it in items if it.start > joiner]
    if not rest or any(it.kind != "column" or not it.targets for it in rest):
        return []
    covered = {k for it in rest for k in range(it.start, it.end)}
    others = [w for k, w in enumerate(words) if k > joiner and k not in covered]
    if any(w not in _TRAILING_FILLER and w not in _JOINERS for w in others):
        return []
    return [(it.targets[0].table, it.targets[0].column) for it in rest]


def _column_after(rest: list[Item], item: Item, table: str) -> Item | None:
    """The column item right after a table item, when it is a column of that table."""
    nxt = next((it for it in rest if it.start >= item.end), None)
    if nxt is None or nxt.start != item.end or nxt.kind != "column" or not nxt.targets:
        return None
    column = nxt.targets[0].column.lower().replace("_", "")
    named = nxt.text.lower().replace(" ", "") in column  # 'model', not 'earn' for Salary
    return nxt if nxt.targets[0].table == table and named else None


def _only_filler(words: list[str], begin: int, end: int, asked: list) -> bool:
    """Nothing but filler words (and 'and' between asked columns) from ``begin`` to ``end``."""
    for word in words[begin:end]:
        if word in _FILLER or (asked and word in _JOINERS):
            continue
        return False
    return True


def _columns(
    asked: list[tuple[str, str]],
    table: str,
    opener: str,
    measure: bool,
    superlative: bool,
    per: bool,
) -> Asked:
    filled = tuple((t or table, c) for t, c in asked)
    if superlative:
        # 'What was the highest attendance …': the value; 'Which had higher growth, A or B?'
        # asks for the row, which the words do not name
        if opener in ("what", "bare") and len(filled) == 1 and filled[0][1]:
            return Asked("value", opener, table, filled, measure, per)
        return Asked(opener=opener, measure=measure, per=per)
    return Asked("columns", opener, table, filled, measure, per)
