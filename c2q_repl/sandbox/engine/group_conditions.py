"""Follow-ups that keep some groups of the previous answer: 'only the ones with more than
60' (a condition on the value shown), 'only the sectors where avg revenue growth is positive'
and 'only sectors above 10%' (a condition read as a question of its own, then moved onto the
previous grouping as its HAVING)."""

from __future__ import annotations

import re

from .normalize import singular
from .spec import Metric, QuerySpec

_KEEP_GROUPS = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|so|now)[\s,]+)?(?:keep\s+)?(?:(?:only|just)\s+)?(?:show\s+|keep\s+)?"
    r"(?:the\s+ones|those|ones|(?:the\s+)?(?P<noun>[a-z]+))\s+"
    r"(?:(?:with|having|that\s+have|where)\s+)?"
    r"(?P<op>more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|"
    r"at\s+most)\s+(?P<n>\d+(?:\.\d+)?)(?:\s+of\s+(?:them|those)|\s+(?P<what>[a-z]+))?\s*[?.!]*\s*$",
    re.I,
)
HAVING_OPS = {
    "more than": ">",
    "over": ">",
    "above": ">",
    "at least": ">=",
    "fewer than": "<",
    "less than": "<",
    "under": "<",
    "below": "<",
    "at most": "<=",
}


def kept_groups(question: str, prev: QuerySpec) -> QuerySpec | None:
    """'only the ones with more than 60' after the number of companies per sector: the
    groups of the previous answer whose one value passes (a HAVING); None otherwise."""
    # 'only keep states with 3 or more': at least 3
    question = re.sub(r"\b(\d+(?:\.\d+)?)\s+or\s+more\b", r"at least \1", question, flags=re.I)
    question = re.sub(
        r"\b(\d+(?:\.\d+)?)\s+or\s+(?:fewer|less)\b", r"at most \1", question, flags=re.I
    )
    m = _KEEP_GROUPS.match(question)
    if (
        m is None
        or prev.group_by is None
        or prev.shape != "aggregate"
        or prev.metric is None
        or prev.extra_metrics
        or prev.having
        or prev.bucket
    ):
        return None
    what = (m.group("what") or "").lower()
    counted = prev.table.lower().replace("_", " ")
    names_rows = bool(what) and (
        counted.startswith(what.rstrip("s")) or what.rstrip("s") in counted
    )
    counts_rows = prev.metric.func == "COUNT" and prev.metric.col is None
    if what and not names_rows:
        return None  # 'with more than 60 employees': a unit that is not the rows counted
    noun = singular(m.group("noun") or "")
    if noun and noun not in group_words(prev.group_by.column):
        return None
    op = HAVING_OPS[re.sub(r"\s+", " ", m.group("op").lower())]
    having = ((op, float(m.group("n"))),)
    if names_rows and not counts_rows:
        # 'only sectors with more than 50 companies' beside their average revenue growth:
        # the groups kept by how many rows they have, the average still shown
        return prev.with_(having=having, having_metric=Metric("COUNT"))
    return prev.with_(having=having)


def group_words(column: str) -> set[str]:
    return {singular(w) for w in column.lower().replace("_", " ").split()}


_ONLY_GROUPS = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|so|now)[\s,]+)?(?:(?:show|keep|give\s+me)\s+)?(?:(?:only|just)\s+|(?=the\s+ones\b|those\s))"
    r"(?:show\s+)?(?:the\s+)?(?P<noun>ones|those|[a-z]+(?:\s+(?!(?:where|with|whose|that|having)\b)[a-z]+)?)\s+"
    r"(?P<cond>(?:where|with|whose|that\s+have|having)\s+.+|"
    r"(?:above|over|below|under|more\s+than|less\s+than|at\s+least|at\s+most)\s+.+)$",
    re.I,
)
_FUNC_WORD = {"SUM": "total", "AVG": "average", "MIN": "minimum", "MAX": "maximum"}


def condition_question(question: str, prev: QuerySpec) -> str | None:
    """The condition of 'only the sectors where avg revenue growth is positive' asked as a
    question of its own about the previous answer's groups ('sector where avg revenue growth
    is positive'); a bare threshold ('only sectors above 10%') compares the value shown. None
    when the question is not such a condition or the previous answer is not a grouping."""
    m = _ONLY_GROUPS.match(question.strip().rstrip("?.!"))
    if m is None or prev.group_by is None or prev.shape != "aggregate" or prev.bucket:
        return None
    if prev.having or prev.count_groups or prev.per_group or prev.metric is None:
        return None
    noun = m.group("noun").lower()
    group = prev.group_by.column.replace("_", " ")
    if noun not in ("ones", "those") and singular(noun.split()[-1]) not in group_words(
        prev.group_by.column
    ):
        return None
    # 'only sectors where that's over $150': 'that' is the value shown, a bare threshold
    cond = re.sub(
        r"^(?:where|when)\s+(?:that|it|this|the\s+(?:value|number|figure|amount))"
        r"(?:'s|\s+is|\s+was)?\s+",
        "",
        m.group("cond"),
        flags=re.I,
    )
    if re.match(r"(?:where|with|whose|that\s+have|having)\s", cond, re.I) is None:
        shown = prev.metric
        if shown.func not in _FUNC_WORD or shown.col is None or prev.extra_metrics:
            return None  # 'above 10%' of which of the values shown, or of a count (kept_groups)
        cond = f"with {_FUNC_WORD[shown.func]} {shown.col.column.replace('_', ' ')} {cond}"
    return f"{group} {cond}"


def keep_groups_as(prev: QuerySpec, probe: QuerySpec | None) -> QuerySpec | None:
    """The previous grouping with the HAVING of the condition read on its own (``probe``),
    when that reading groups the same way, over the same rows, by an aggregate of a table the
    previous answer already reads; None otherwise."""
    if probe is None or not probe.having or probe.group_by != prev.group_by:
        return None
    if probe.filters or probe.count_groups or probe.limit or probe.bucket:
        return None
    on = probe.having_on()
    if on is None or (on.col is not None and on.col.table not in prev.tables()):
        return None
    if on.col is None and prev.tables()[0] != probe.tables()[0]:
        return None  # a count of other rows than those grouped
    if on == prev.metric:
        return prev.with_(having=probe.having)
    return prev.with_(having=probe.having, having_metric=on)
