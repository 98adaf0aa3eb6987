"""One plain-language line above an answer, stated only when the rows prove it.

Two shapes, nothing else:

* **a single value** (one row, one column): ``500 companies`` when the noun is
  certain - the column says what was counted (``number_of_companies``), or it
  is a count and the question asked "how many companies" - else
  ``COUNT(*): 500``;
* **a leader** of an ordered answer: ``Highest market cap: Apple Inc. (2.90T)``
  when the SQL's first ORDER BY term is a numeric column of the result, the
  rows really are in that order, the top is not a tie, and one column names
  the rows.

Anything else - no ORDER BY, an order on an expression not in the result, a
tie, rows out of order, NULLs at the top - gets no headline: saying nothing
is better than saying something the data does not show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from c2q_repl.api.models import Answer
from c2q_repl.render.chart_data import resolve_column, to_number
from c2q_repl.render.numbers import format_column, identifier_column, is_number
from c2q_repl.render.sanitize import clean_cell

#: words that end the noun after "how many"
_STOP = frozenset(
    {
        "are",
        "is",
        "were",
        "was",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "in",
        "on",
        "at",
        "per",
        "with",
        "by",
        "there",
        "of",
        "that",
        "which",
        "who",
        "listed",
        "exist",
        "exists",
        "can",
        "could",
        "will",
        "would",
        "should",
        "for",
        "from",
        "as",
        "to",
        "than",
        "over",
        "under",
        "between",
        "and",
        "or",
        "each",
        "every",
    }
)
_COMPARATIVES = frozenset({"more", "fewer", "less", "times", "percent", "additional", "extra"})
_HOW_MANY = re.compile(r"\bhow\s+many\s+([^?.,;:!]+)", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z0-9&'-]*$")
#: column names that are "a count of something" without saying what
_GENERIC_COUNT = re.compile(r"^(?:count\s*\(.*\)|count|cnt|n|num|number|total|total count)$")
#: column names that say what was counted: number_of_companies, num_stocks, count of users
_COUNT_OF = re.compile(r"^(?:number of|num|count of|total number of|no of)\s+(.+)$")
_ORDER_BY = re.compile(r"\border\s+by\b", re.IGNORECASE)
_END_OF_ORDER = re.compile(r"\b(?:limit|offset|fetch|for\s+update)\b|;", re.IGNORECASE)
_DIRECTION = re.compile(r"\s+(asc|desc)\b(?:\s+nulls\s+(?:first|last))?\s*$", re.IGNORECASE)
_LITERALS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")


def headline(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sql: str = "",
    question: str = "",
    label_hint: Any = None,
    numbers: str = "readable",
) -> str:
    """The headline for these rows, or "" when none can be stated truthfully.

    ``label_hint`` is the chart's suggested label column (preferred when it
    names the rows); ``numbers`` the table's number form, so the headline
    shows a value exactly as the table does.
    """
    if not columns or not rows or any(len(r) < len(columns) for r in rows):
        return ""
    if len(columns) == 1 and len(rows) == 1:
        return _single_value(clean_cell(columns[0]), rows[0][0], question, numbers)
    return _leader(columns, rows, sql, question, label_hint, numbers)


def _shown(column: str, cells: list[Any], numbers: str) -> list[str]:
    """Cells as the table shows them (readable, human or raw)."""
    numeric = all(is_number(c) for c in cells if c is not None and c != "")
    formatted = format_column(column, cells, numbers, "NULL") if numeric else None
    if formatted is None:
        return [clean_cell(c) for c in cells]
    return [t.strip() for t in formatted[0]]


def _words(name: str) -> str:
    """``number_of_companies`` → ``number of companies`` (lower case, single spaces)."""
    return " ".join(re.sub(r"[_\s]+", " ", name).strip().lower().split())


def question_noun(question: str) -> str:
    """What "how many …" asks about, up to the first verb or preposition ("" if none)."""
    match = _HOW_MANY.search(question)
    if not match:
        return ""
    words: list[str] = []
    for word in match.group(1).lower().split():
        if word in _STOP or not _WORD.match(word) or len(words) == 3:
            if word in ("and", "or"):  # two things asked about: which one was counted?
                return ""
            break
        words.append(word)
    if words and words[0] in _COMPARATIVES:  # "how many more X than Y": not a count of X
        return ""
    return " ".join(words)


def _count_noun(column: str, question: str) -> str:
    """The noun a count column counts, when certain ("" otherwise)."""
    name = _words(column)
    asked = question_noun(question)
    said = _COUNT_OF.match(name)
    if said:
        return said.group(1)
    if asked and (name == asked or _GENERIC_COUNT.match(name)):
        return asked
    return ""


def _singular(noun: str) -> str:
    """The noun for exactly one ("" when English needs more than a rule)."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        one = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        one = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        one = last[:-1]
    else:
        return ""
    return f"{head} {one}".strip()


def _single_value(column: str, value: Any, question: str, numbers: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    [text] = _shown(column, [value], numbers)
    number = to_number(value) if is_number(value) else None
    if number is not None and number.is_integer():
        noun = _count_noun(column, question)
        if noun and number == 1:
            noun = _singular(noun)
        if noun:
            return f"{text} {noun}"
    return f"{column}: {text}"


def _order_term(sql: str) -> tuple[str, bool] | None:
    """The first ORDER BY term of the outermost query and whether it is DESC."""
    bare = _LITERALS.sub("''", sql)
    depth_at: list[int] = []
    depth = 0
    for ch in bare:
        depth += (ch == "(") - (ch == ")")
        depth_at.append(depth)
    found = [m for m in _ORDER_BY.finditer(bare) if depth_at[m.start()] == 0]
    if not found:
        return None
    clause = bare[found[-1].end() :]
    end = _END_OF_ORDER.search(clause)
    clause = clause[: end.start()] if end else clause
    depth, first = 0, ""
    for ch in clause:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            break
        first += ch
    first = first.strip()
    direction = _DIRECTION.search(first)
    descending = bool(direction and direction.group(1).lower() == "desc")
    expr = first[: direction.start()].strip() if direction else first
    return (expr, descending) if expr else None


def _order_column(expr: str, columns: Sequence[str]) -> int | None:
    if expr.isdigit():
        k = int(expr) - 1
        return k if 0 <= k < len(columns) else None
    name = expr.split(".")[-1] if re.fullmatch(r"[\w`\".]+", expr) else expr
    name = name.strip('`"[]')
    squashed = re.sub(r"\s+", "", name).casefold()
    for j, col in enumerate(columns):
        if col == name or re.sub(r"\s+", "", col).casefold() == squashed:
            return j
    return None


def _numbers_of(rows: Sequence[Sequence[Any]], k: int) -> list[float | None]:
    return [to_number(r[k]) for r in rows]


def _label_column(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], k: int, hint: Any
) -> int | None:
    """A text column whose value differs on every row (the chart's choice first,
    then one called a name, then any)."""
    text = [
        j
        for j in range(len(columns))
        if j != k and all(r[j] is not None and to_number(r[j]) is None for r in rows)
    ]
    unique = [j for j in text if len({clean_cell(r[j]) for r in rows}) == len(rows)]
    hinted = resolve_column(hint, columns)
    if hinted in unique:
        return hinted
    named = [j for j in unique if "name" in columns[j].casefold()]
    return next(iter(named or unique), None)


def _leader(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    sql: str,
    question: str,
    hint: Any,
    numbers: str,
) -> str:
    term = _order_term(sql)
    if term is None:
        return ""
    k = _order_column(term[0], columns)
    if k is None or identifier_column(clean_cell(columns[k]), [r[k] for r in rows]):
        return ""  # ordered by a year, an id or a code: a "highest" of those says nothing
    descending = term[1]
    values = _numbers_of(rows, k)
    if values[0] is None or any(v is None for v in values):
        return ""
    ordered = [v for v in values if v is not None]
    pairs = list(zip(ordered, ordered[1:]))
    in_order = all(a >= b for a, b in pairs) if descending else all(a <= b for a, b in pairs)
    if not in_order or (len(ordered) > 1 and ordered[0] == ordered[1]):
        return ""  # not what the SQL claims, or a tie at the top: no single leader
    label = _label_column(columns, rows, k, hint)
    if label is None:
        return ""
    column = clean_cell(columns[k])
    value = _shown(column, [r[k] for r in rows], numbers)[0]
    noun = _count_noun(column, question) if float(ordered[0]).is_integer() else ""
    if noun:
        measure = f"{'Most' if descending else 'Fewest'} {noun}"
    else:
        plain = re.fullmatch(r"[\w ]+", column) is not None
        measure = f"{'Highest' if descending else 'Lowest'} {_words(column) if plain else column}"
    return f"{measure}: {clean_cell(rows[0][label])} ({value})"


def answer_headline(task: Answer, question: str = "", numbers: str = "readable") -> str:
    """The headline of one answered task (its rows, SQL and chart suggestion), or ""."""
    data = task.data
    if task.failed or data is None or not data.rows:
        return ""
    option = task.chart.option if task.chart is not None else {}
    return headline(
        data.columns,
        data.rows,
        sql=task.sql,
        question=question,
        label_hint=option.get("x") or option.get("label"),
        numbers=numbers,
    )
