"""What the SQLite backend runs of MySQL, shared by the translator and the registered functions.

Kept apart (and free of sqlglot) so the translator in the sandbox package and
the functions in its ``backends`` package can both use it without importing
each other.
"""

from __future__ import annotations

# The interval units DATE_ADD, DATE_SUB, TIMESTAMPADD and TIMESTAMPDIFF accept (compound units
# such as HOUR_MINUTE are refused).
UNITS = frozenset(
    {"MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"}
)


def nested_repeat(pattern: str) -> bool:
    """Whether a repeated group contains a repeat, e.g. ``(a+)+``: the patterns whose matching
    can take exponential time in a backtracking engine (SQLite cannot interrupt it)."""
    stack: list[bool] = []  # per open group: does it contain a quantifier?
    escaped = in_class = False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            if i + 1 < len(pattern) and pattern[i + 1].isdigit():
                return True  # a back-reference: not a regular expression, same risk
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            stack.append(False)
        elif char == ")" and stack:
            inner = stack.pop()
            follows = pattern[i + 1 : i + 2]
            if inner and follows in ("*", "+", "{", "?"):
                return True
            if stack:
                stack[-1] = stack[-1] or inner
        elif char in "*+{" and stack:
            stack[-1] = True
    return False
