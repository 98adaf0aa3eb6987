"""Spans of months said the short way: 'jan-jun 2023' and 'between jan and jun 2023' are 'from
jan 2023 to jun 2023' (which the time reader knows); '(jul-sep)' after 'q3 23' and ', Jan through Dec'
after 2023 only say the period again and are dropped. A parenthesis that disagrees with the
quarter stays, so the question is declined rather than read one way silently."""

from __future__ import annotations

import re

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_YEAR = r"(?:19|20)\d\d"

# 'jan-jun 2023', 'between jan and jun 2023', 'jan through jun 2023' (not after 'from')
_SPAN = re.compile(
    rf"(?<!\bfrom\s)\b(?P<between>between\s+)?(?P<a>{_MONTH})\s*(?P<sep>-|–|\bto\b|\bthrough\b|\bthru\b|\band\b)"
    rf"\s*(?P<b>{_MONTH})\s*,?\s+(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
# 'july 2023 through december 2023' (not after 'from' or 'between'): the span, not two months
_DATED_SPAN = re.compile(
    rf"(?<!\bfrom\s)(?<!\bbetween\s)\b(?P<a>{_MONTH}\s*,?\s+{_YEAR})\s*(?:-|–|\bto\b|\bthrough\b|"
    rf"\bthru\b|\buntil\b|\btill\b)\s*(?P<b>{_MONTH}\s*,?\s+{_YEAR})\b",
    re.IGNORECASE,
)
# 'q3 23 (jul-sep)', 'Q3 2023 (July to September)'
_QUARTER_RESTATED = re.compile(
    rf"\b[Qq](?P<q>[1-4])\s*'?(?:{_YEAR}|\d\d)?(?P<paren>\s*\(\s*(?P<a>{_MONTH})\s*(?:-|–|to|through|thru)\s*"
    rf"(?P<b>{_MONTH})\s*\))",
    re.IGNORECASE,
)
# '… over calendar 2023, Jan through Dec in order': the whole year again
_WHOLE_YEAR_RESTATED = re.compile(
    rf"(?<=\b{_YEAR})(?P<said>\s*,?\s*(?:from\s+)?jan(?:uary)?\.?\s*(?:-|–|to|through|thru)\s*dec(?:ember)?\.?)"
    r"(?=\W|$)",
    re.IGNORECASE,
)


def _month_number(word: str) -> int:
    return _MONTHS.index(word.lower()[:3]) + 1


def _span(m: re.Match[str]) -> str:
    if m.group("sep").lower() == "and" and not m.group("between"):
        return m.group(0)  # 'jan and jun 2023': two months, not the span between them
    if _month_number(m.group("a")) > _month_number(m.group("b")):
        return m.group(0)
    return f"from {m.group('a')} {m.group('year')} to {m.group('b')} {m.group('year')}"


def _quarter(m: re.Match[str]) -> str:
    first = 3 * int(m.group("q")) - 2
    if (_month_number(m.group("a")), _month_number(m.group("b"))) != (first, first + 2):
        return m.group(0)
    return m.group(0)[: m.start("paren") - m.start()]


def month_spans(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with spans of months said as 'from … to … YEAR' and restated spans dropped,
    and each rewrite as (the words said, what they were read as)."""
    rewrites: list[tuple[str, str]] = []

    def noted(rewrite):
        def sub(m: re.Match[str]) -> str:
            said = rewrite(m)
            if said != m.group(0):
                rewrites.append((m.group(0).strip(" ,"), said.strip(" ,") or "(said again)"))
            return said

        return sub

    text = _QUARTER_RESTATED.sub(noted(_quarter), text)
    text = _WHOLE_YEAR_RESTATED.sub(noted(lambda m: ""), text)
    text = _DATED_SPAN.sub(noted(lambda m: f"from {m.group('a')} to {m.group('b')}"), text)
    return _SPAN.sub(noted(_span), text), rewrites
