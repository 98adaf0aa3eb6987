"""'avg number of picks per user', 'on average how many stocks does each user pick': the
average of a count per group. The count per group is asked as a question of its own ('number
of picks per user'); its SQL becomes a subquery whose counts are averaged.

Two averages hide in the words when some groups have no rows at all (users who never
picked): over the groups that have rows, or over every group. The data decides when they
agree; otherwise the question must say which ('among users with at least one pick', 'over
all users'), or the engine declines and names both.

Parsing and SQL only; builtin.py asks the inner question and checks the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog

from .identifiers import table_ref
from .spec import Col

_ROWS_OF = r"(?:number|count|no\.?|#)\s+of\s+"
_AVERAGE = r"(?:avg|average|mean)"
_GROUP_WORD = r"(?P<group>[a-z]+(?:\s+[a-z]+)?)"
_SHAPES = (
    # 'avg number of picks per user', 'the average count of companies per sector'
    re.compile(
        rf"^\s*(?:(?:what(?:'s|s|\s+is|\s+was)|show\s+me|give\s+me)\s+)?(?:the\s+)?{_AVERAGE}\s+"
        rf"(?:{_ROWS_OF})?(?P<rows>[a-z]+(?:\s+[a-z]+)?)\s+(?:per|for\s+each|for\s+every|by\s+each)\s+"
        rf"{_GROUP_WORD}(?P<rest>.*)$",
        re.I,
    ),
    # 'on average, how many stocks does each user pick', 'how many picks does a user have on
    # average'
    re.compile(
        r"^\s*(?:on\s+average\s*,?\s+)?how\s+many\s+(?P<rows>[a-z]+(?:\s+[a-z]+)?)\s+(?:does|do|did)\s+"
        rf"(?:each|a|an|every|the\s+average|the\s+typical|one)\s+{_GROUP_WORD}\s+"
        r"(?:have|has|own|pick|select|choose|hold|make|get)(?P<rest>.*)$",
        re.I,
    ),
)
_ON_AVERAGE = re.compile(r"\b(?:on\s+average|on\s+avg|in\s+average)\b", re.I)
# 'among users who picked at least one stock', '(only ppl with at least 1 pick)'
_WITH_ROWS = re.compile(
    r"\s*[,(?]?\s*(?:only\s+|just\s+)?(?:count(?:ing)?\s+(?:only\s+)?)?(?:among|for|of|over|across)?\s*"
    r"(?:the\s+)?(?:ppl|people|folks|ones|those|[a-z]+)\s+(?:who|that|with)(?:'ve|\s+have|\s+has|\s+had)?\s+"
    r"(?:[a-z]+\s+)?at\s+least\s+(?:one|1|a\s+single)\b[^)]*\)?",
    re.I,
)
# 'over all users', 'including users with no picks', 'count ppl w/ zero picks as 0'
_EVERY_GROUP = re.compile(
    r"\s*[,(?]?\s*(?:(?:over|across|among|for)\s+(?:all|every)\s+[a-z]+|"
    r"(?:including|include|incl\.?|count(?:ing)?)\s+(?:the\s+)?(?:ppl|people|folks|ones|those|[a-z]+)\s+"
    r"(?:with|w/|who\s+have|that\s+have)\s+(?:no|zero|0|none)\b[^)]*)\)?",
    re.I,
)
_AMONG_FIRST = re.compile(
    r"^\s*(?:[a-z]+\s+topics?\s*:\s*)?(?:among|of|for)\s+(?:the\s+)?[a-z]+\s+(?:who|that|with)\s+"
    r"(?:have\s+|has\s+|had\s+)?(?:[a-z]+\s+)?at\s+least\s+(?:one|1|a\s+single)\b[^,]*,\s*",
    re.I,
)


@dataclass(frozen=True)
class CountAverage:
    """``counted``: the inner question ('number of picks per user'); ``over``: 'rows' (the
    groups that have rows), 'all' (every group) or '' (unsaid)."""

    counted: str
    group: str
    rows: str
    over: str
    said_count: bool  # 'number of picks', 'how many picks': a count, not a column's average


def count_average(question: str) -> CountAverage | None:
    text = question.strip().rstrip("?.! ")
    said_first = _AMONG_FIRST.match(text)
    if said_first is not None:
        text = text[said_first.end() :]  # 'among users who picked at least one, what is …'
    plain = _ON_AVERAGE.sub("", text).strip(" ,")
    m = _SHAPES[0].match(text)
    if m is None and (plain != text or re.search(r"\b(?:average|typical)\s", text, re.I)):
        m = _SHAPES[1].match(plain)  # 'how many … does each user pick' said 'on average'
    if m is None:
        return None
    rest = m.group("rest")
    over = "rows" if said_first is not None else ""
    for pattern, said in ((_WITH_ROWS, "rows"), (_EVERY_GROUP, "all")):
        found = pattern.search(rest)
        if found is not None:
            over = said
            rest = rest[: found.start()] + rest[found.end() :]
    counted = f"number of {m.group('rows')} per {m.group('group')} {rest.strip(' ,')}"
    said_count = m.re is _SHAPES[1] or bool(re.search(_ROWS_OF, m.group(0), re.I))
    return CountAverage(counted.strip(), m.group("group"), m.group("rows"), over, said_count)


def averaged_sql(counted_sql: str, dialect: str, over_every: str = "") -> tuple[str, str] | None:
    """(the SQL averaging the last column of ``counted_sql`` over its rows, its label); with
    ``over_every`` (a SELECT COUNT(*) of every group) the total divided by that count. None
    when the counted SQL is not one grouped count without a row limit."""
    try:
        tree = sqlglot.parse_one(counted_sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("limit") or not tree.args.get("group"):
        return None
    counted = tree.selects[-1].alias_or_name
    if not counted:
        return None
    tree.set("order", None)
    label = f"average_{counted}"
    inner = exp.Subquery(this=tree, alias=exp.TableAlias(this=exp.to_identifier("per_group")))
    column = exp.column(counted, table="per_group")
    if over_every:
        total = exp.Mul(this=exp.func("SUM", column), expression=exp.Literal.number("1.0"))
        every = sqlglot.parse_one(over_every, read=dialect)
        value: exp.Expr = exp.Div(this=total, expression=exp.Subquery(this=every))
    else:
        value = exp.func("AVG", column)
    select = exp.select(exp.alias_(value, label)).from_(inner)
    return select.sql(dialect=dialect), label


def group_table(group: Col, counted: str, catalog: Catalog) -> str:
    """The table whose rows are the groups ('users' for picks per user), when a group can
    have no counted rows at all; '' when the groups are values of the counted rows themselves
    ('sector' of companies), which exist only through them."""
    info = catalog.table(group.table)
    if group.table != counted and info is not None and group.column in info.primary_key:
        return group.table
    for rel in catalog.relationships:
        if (rel.from_table, rel.from_column) == (group.table, group.column):
            return rel.to_table
    return ""


def quoted_table(name: str, dialect: str) -> str:
    return table_ref(name).sql(dialect=dialect)


def says_whom_to_average(sentence: str) -> bool:
    """'Only counting folks who've picked at least one.', 'Include ppl with 0 picks.': a
    sentence that only says which groups an average is over (kept with the question)."""
    text = sentence.strip().rstrip("?.! ")
    return any(
        (m := pattern.match(text)) is not None and m.end() == len(text)
        for pattern in (_WITH_ROWS, _EVERY_GROUP)
    )
