"""'Sectors above 10% of idx wt.', 'sectors with more than 500bn of market cap': groups
compared by a measure of their rows, with no row named ('companies', 'stocks').

Read as a list of the groups where some row passes the condition, it answered a question
nobody asked (no single stock weighs 10 %, so: no sectors). A measure whose values add up (a
weight, a market cap, a headcount) is the group's total, so the question is asked again as
'Sectors with a total index weight above 10%'; for any other measure (a price, a growth)
each group's total means nothing and a row's value was not said, so it is declined with the
two readings. Pure: linked items and the spec in, a question or a decline out.
"""

from __future__ import annotations

from .how_much import adds_up
from .linking import Linked
from .spec import Col, Decline, QuerySpec

_COMPARED = (">", ">=", "<", "<=")
# words the reading keeps without changing it ('which', 'list')
_PLAIN = frozenset({"list", "show"})


def groups_compared(linked: Linked, spec: QuerySpec) -> str | Decline | None:
    """The question asked again of each group's total, a decline, or None when the question
    is not groups compared by a measure of their rows."""
    if not spec.distinct or spec.metric is not None or spec.group_by is not None:
        return None
    if len(spec.columns) != 1 or len(spec.filters) != 1:
        return None
    condition = spec.filters[0]
    group = spec.columns[0]
    if condition.op not in _COMPARED or condition.time or condition.col == group:
        return None
    items = [it for it in linked.items if not (it.kind == "kw" and it.category in _PLAIN)]
    if any(it.kind == "table" for it in items) or [it.kind for it in items] != [
        "column",
        "kw",
        "number",
        "column",
    ]:
        return None
    said_group, said_cmp, said_number, said_measure = items
    if said_cmp.category != "cmp" or not _targets(said_group, group):
        return None
    if not _targets(said_measure, condition.col):
        return None
    if not adds_up(condition.col):
        return Decline(
            f"'{said_group.text} {said_cmp.text} {said_number.text}' of {said_measure.text}: "
            f"the {said_group.text} with one row above it, or compared by an average? Please "
            f"say which (for example '{said_group.text} with a company whose "
            f"{said_measure.text} is {said_cmp.text} {said_number.text}').",
            (said_cmp.text,),
        )
    return f"{said_group.text} with a total {said_measure.text} {said_cmp.text} {said_number.text}"


def _targets(item, col: Col) -> bool:
    return any(t.table == col.table and t.column == col.column for t in item.targets)
