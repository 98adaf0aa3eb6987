"""'Where did the S&P 500 close at the end of 2022 vs the end of 2023?', 'AAPL close on
2023-03-01 and on 2023-06-30', 'the index at the start and end of 2023': one value of one
series at two points in time. The engine answers each point alone ('… at the end of 2022');
the two answers are one row each, so the question is split into them and their rows shown
together, each with its date (builtin.py unions the two SQL statements, checking they differ
only in their dates)."""

from __future__ import annotations

import re

_PERIOD = (
    r"(?:(?:19|20)\d{2}|q[1-4]\s*(?:19|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\.?\s+(?:19|20)\d{2})"
)
_END = r"(?:end|close|start|beginning|open|first\s+trading\s+day|last\s+trading\s+day)"
_POINT = (
    r"(?:(?:at|on|by|as\s+of)\s+)?(?:the\s+)?(?:very\s+)?(?P<end{n}>" + _END + r")\s+of\s+"
    r"(?P<period{n}>" + _PERIOD + r")"
    r"|(?:(?:at|by)\s+)?(?:the\s+)?year[- ]end\s+(?:of\s+)?(?P<year{n}>(?:19|20)\d{2})"
)
_DATE = (
    r"(?:(?:19|20)\d{2}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|"
    r"mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2})"
)
_VERSUS = r"\s*,?\s*(?:vs\.?|versus|and|or|compared\s+(?:to|with)|against)\s+"
_TWO_ENDS = re.compile(
    "(?:" + _POINT.replace("{n}", "1") + ")" + _VERSUS + "(?:" + _POINT.replace("{n}", "2") + ")",
    re.I,
)
_BOTH_ENDS = re.compile(
    r"(?:(?:at|on)\s+)?(?:the\s+)?(?P<first>start|beginning|open)\s+and\s+(?:the\s+)?"
    r"(?P<last>end|close)\s+of\s+(?P<period>" + _PERIOD + r")",
    re.I,
)
_TWO_DATES = re.compile(
    r"(?:on\s+)?(?P<d1>" + _DATE + r")" + _VERSUS + r"(?:on\s+)?(?P<d2>" + _DATE + r")", re.I
)
# 'Give me the two close values.', 'show both': the two rows are the answer anyway
_BOTH_ASKED = re.compile(
    r"[.?!]\s*(?:please\s+)?(?:give|show|tell)\s+(?:me|us)?\s*(?:the\s+two|both)\b[^.?!]*[.?!]?\s*$",
    re.I,
)
# 'was the index higher at …': the comparison the two rows let the reader make
_COMPARED = re.compile(r"\b(?:higher|lower|greater|bigger|smaller)\b\s*", re.I)


def _point(m: re.Match[str], n: int) -> str:
    year = m.group(f"year{n}")
    if year:
        return f"at the end of {year}"
    return f"at the {m.group(f'end{n}').lower()} of {m.group(f'period{n}')}"


def split_two_points(question: str) -> tuple[str, str] | None:
    """The question asked at each of its two points in time, or None."""
    text = _BOTH_ASKED.sub("?", question.strip())
    for pattern in (_TWO_ENDS, _BOTH_ENDS, _TWO_DATES):
        found = list(pattern.finditer(text))
        if len(found) != 1:
            continue
        m = found[0]
        if pattern is _TWO_ENDS:
            points = (_point(m, 1), _point(m, 2))
        elif pattern is _BOTH_ENDS:
            period = m.group("period")
            points = (f"at the {m.group('first')} of {period}", f"at the end of {period}")
        else:
            points = (f"on {m.group('d1')}", f"on {m.group('d2')}")
        before, after = text[: m.start()], text[m.end() :]
        asked = (f"{_COMPARED.sub('', before).strip()} {p} {after.strip()}" for p in points)
        first, second = (re.sub(r"\s+([?.!,])", r"\1", " ".join(a.split())) for a in asked)
        return first, second
    return None


def dated(sql: str, dialect: str) -> str | None:
    """The SQL of one point with the day its row is of shown first (a day said in the question
    is left out of the answer, which the two rows together need), or None."""
    from sqlglot import exp

    from .parsed import select_of

    tree = select_of(sql, dialect, where=True)
    if tree is None:
        return None
    bound = next(
        (
            c.this
            for c in tree.args["where"].find_all(exp.GTE)
            if isinstance(c.this, exp.Column)
            and isinstance(c.expression, exp.Literal)
            and re.match(r"^\d{4}-\d{2}-\d{2}", c.expression.this)
        ),
        None,
    )
    if bound is None:
        return None
    shown = [e.alias_or_name for e in tree.expressions]
    if bound.name not in shown:
        tree.set("expressions", [bound.copy(), *tree.expressions])
    return tree.sql(dialect=dialect)


def same_but_dates(first: str, second: str) -> bool:
    """The two SQL statements differ only in their date literals (and, for a period's first
    and last day, in which end of it they take)."""

    def masked(sql: str) -> str:
        sql = re.sub(r"'\d{4}-\d{2}-\d{2}(?: [\d:]+)?'", "'D'", sql)
        sql = re.sub(r"\b(?:MIN|MAX)\(", "END(", sql)
        return re.sub(r"\b(?:ASC|DESC)\b", "WAY", sql)

    return masked(first) == masked(second)
