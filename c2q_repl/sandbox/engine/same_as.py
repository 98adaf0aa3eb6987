"""'Companies in the same industry as NVIDIA', 'what other companies are in the same sector as
Apple': a condition on another row's value. The row's value is looked up first (its own
question, 'industry of NVIDIA'); the question is then asked with that value said ('in the
Semiconductors industry'), and 'other' leaves the named row out ('other than NVIDIA').

Parsing only; builtin.py runs the lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAME_AS = re.compile(
    r"\b(?P<prep>in|from|on|at|of)\s+the\s+same\s+(?P<column>[a-z][a-z ]{1,30}?)\s+as\s+"
    r"(?P<who>[^?.!,;]+?)\s*(?=[?.!,;]|$|\b(?:and|with|sorted|ordered|by)\b)",
    re.I,
)
_OTHER = re.compile(r"\b(?:(?:any|the)\s+)?other\s+(?=[a-z])", re.I)


@dataclass(frozen=True)
class SameAs:
    """``column``: the words naming the shared value ('industry'); ``who``: the row that has
    it ('NVIDIA'); ``other``: the named row is left out."""

    column: str
    who: str
    other: bool
    span: tuple[int, int]
    prep: str

    def lookup_question(self) -> str:
        """The question whose answer is the shared value."""
        return f"what is the {self.column} of {self.who}"

    def asked_with(self, question: str, value: str) -> str:
        """The question with the value said in place of 'the same X as Y'."""
        start, end = self.span
        said = f"{question[:start]}{self.prep} the {value} {self.column}{question[end:]}"
        if self.other:
            said = _OTHER.sub("", said, count=1)
            said = said.rstrip(" ?.!") + f" other than {self.who}"
        return said


def same_as(question: str) -> SameAs | None:
    """The 'same X as Y' condition of a question, if it has one."""
    m = _SAME_AS.search(question)
    if m is None:
        return None
    other = _OTHER.search(question[: m.start()]) is not None
    return SameAs(
        column=m.group("column").strip(),
        who=m.group("who").strip(),
        other=other,
        span=(m.start(), m.end()),
        prep=m.group("prep"),
    )


_THAT_ONE = re.compile(
    r"\b(?P<prep>in|from|on|at|of)\s+(?:that\s+same|the\s+same|that|this|its)\s+(?P<column>[a-z][a-z ]{1,30}?)"
    r"(?=\s*(?:[?.!,;]|$)|\s+with\s)",
    re.I,
)


def other_in_that(question: str, named: str) -> str | None:
    """'which other companies are in that industry?' after NVIDIA's industry: the question
    said whole ('… in the same industry as NVIDIA Corporation'); None unless it says 'other'
    and points at one value ('that industry', 'the same industry')."""
    if " as " in f" {question.lower()} " or _OTHER.search(question) is None:
        return None
    m = _THAT_ONE.search(question)
    if m is None:
        return None
    said = f"{m.group('prep')} the same {m.group('column')} as {named}"
    return question[: m.start()] + said + question[m.end() :]
