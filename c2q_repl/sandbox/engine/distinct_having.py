"""'Which HQ cities host companies from at least 8 different sectors?', 'industries spread
across more than 7 different US states': groups kept by how many different values of another
column their rows hold (``HAVING COUNT(DISTINCT …)``).

The count per group is asked on its own ('number of different sectors per HQ cities'); the
builtin engine keeps the reading only when that is a distinct count per group, and adds the
condition on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPS = {
    "at least": ">=",
    "more than": ">",
    "over": ">",
    "fewer than": "<",
    "less than": "<",
    "at most": "<=",
    "exactly": "=",
}
_DISTINCT_HAVING = re.compile(
    r"^\s*(?:(?:which|what|list|show(?:\s+me)?|name)\s+)?(?:the\s+|all\s+)?"
    r"(?P<groups>[a-z][a-z' ]*?)\s+(?:that\s+|which\s+)?"
    r"(?:have|has|host|hosts|span|spans|cover|covers|with|are\s+home\s+to|include|includes|"
    r"contain|contains|are\s+in|operate\s+in)\s+"
    r"(?:(?:companies|stocks|names|hqs?|headquarters|firms|members)\s+)?"
    r"(?:(?:spread|spread\s+out)\s+)?(?:(?:from|in|across|over)\s+)?"
    r"(?:(?P<op>at\s+least|more\s+than|over|fewer\s+than|less\s+than|at\s+most|exactly)\s+)?"
    r"(?P<n>\d+)(?P<plus>\+|\s+or\s+more)?\s+(?:different|distinct|unique|separate)\s+"
    r"(?P<what>[a-z][a-z ]*?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DistinctHaving:
    question: str  # the count per group asked alone: 'number of different sectors per cities'
    op: str
    value: int
    said: str


def distinct_having(question: str) -> DistinctHaving | None:
    m = _DISTINCT_HAVING.match(question)
    if m is None:
        return None
    said_op = re.sub(r"\s+", " ", (m.group("op") or "").lower())
    if said_op and m.group("plus"):
        return None  # 'at least 8+ sectors': said twice
    op = _OPS.get(said_op, ">=" if m.group("plus") else "")
    if not op:
        return None
    inner = f"number of different {m.group('what')} per {m.group('groups')}"
    return DistinctHaving(inner, op, int(m.group("n")), question.strip())
