"""'Which sectors have no company headquartered in Texas?', 'states with no tech company':
the values of a grouping column none of whose rows meets a condition. The condition is read
as a question of its own about the rows ('company headquartered in Texas'); the answer is
then the column's distinct values NOT IN that column's values among the rows that meet it.

Parsing and the spec only; builtin.py reads the condition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spec import Col, Filter, QuerySpec

_GROUPS_WITHOUT = re.compile(
    r"^\s*(?:(?:which|what|list|show(?:\s+me)?|name|are\s+there\s+any)\s+)?(?:the\s+|any\s+)?"
    r"(?P<groups>[a-z]+(?:\s+[a-z]+)?(?:\s+in\s+(?:the\s+)?[a-z]+)?)\s+"
    r"(?:(?:that\s+|which\s+)?(?:have|has|had|contain|contains|include|includes)\s+no|"
    r"(?:that\s+|which\s+)?(?:do\s+not|don't|dont|does\s+not|doesn't|doesnt)\s+"
    r"(?:have|contain|include|host)\s+(?:any|a\s+single|a|one)|"
    r"with\s+no|without\s+any|without\s+a|without)\s+"
    r"(?P<rows>(?:single\s+)?[a-z][a-z-]*)\s+(?P<rest>\S.*?)"
    # 'headquartered in them': the group itself, said again
    r"(?:\s+in\s+(?:them|it|there))?\s*[?.!]*\s*$",
    re.I,
)


@dataclass(frozen=True)
class GroupsWithout:
    """``groups``: the words naming the column ('sectors'); ``condition``: the rows' question
    ('company headquartered in Texas', 'tech companies')."""

    groups: str
    condition: str


def groups_without(question: str) -> GroupsWithout | None:
    m = _GROUPS_WITHOUT.match(question)
    if m is None:
        return None
    rows = re.sub(r"^single\s+", "", m.group("rows"), flags=re.I)
    return GroupsWithout(m.group("groups"), f"{rows} {m.group('rest')}")


def groups_without_spec(column: Col, rows: QuerySpec, said: GroupsWithout) -> QuerySpec | None:
    """The distinct values of ``column`` with no row of ``rows`` (the condition's reading),
    when that reading is a plain list of the column's own table narrowed by its own columns;
    None otherwise."""
    if (
        rows.shape != "list"
        or rows.table != column.table
        or rows.group_by is not None
        or rows.order_by is not None
        or rows.limit is not None
        or rows.having
        or rows.also_join
        or rows.per_group is not None
        or not rows.filters
        or any(f.col.table != column.table for f in rows.filters)
        or any(f.op in ("absent", "present", "absent_where", "latest") for f in rows.filters)
    ):
        return None
    note = (
        said.groups,
        f"read as each {column.column} with no {column.table} row that is '{said.condition}'",
    )
    return QuerySpec(
        "list",
        column.table,
        columns=(column,),
        distinct=True,
        filters=(Filter(column, "absent_where", (column.table, column.column, *rows.filters)),),
        notes=(*rows.notes, note),
    )
