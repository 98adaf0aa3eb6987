"""A dataframe user's shorthand read as the plain words the engine knows: 'groupby sector, mean
revenue_growth, sort desc' (the average revenue_growth per sector, highest first), 'value_counts
of exchange_symbol' (the number of rows per exchange_symbol), 'pct_change', 'nlargest(10,
'market_cap')', 'head(5)', 'nunique industry per sector', "resample('M').mean()". Each entry is
(pattern, replacement), applied in order with the other shorthand (shorthand.py)."""

from __future__ import annotations

import re

from .everyday import Wording

_AGG = {"mean": "average", "avg": "average", "sum": "total", "max": "highest", "min": "lowest"}
_COL = r"[a-z_][\w]*"


def _grouped(m: re.Match[str]) -> str:
    """'groupby sector, mean revenue_growth' → 'average revenue_growth per sector'."""
    aggs = [a for a in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("aggs").strip()) if a]
    said = []
    for agg in aggs:
        a = re.match(rf"(?:the\s+)?(mean|avg|sum|max|min|count)\s*(?:of\s+)?({_COL})?", agg, re.I)
        if a is None:
            return m.group(0)
        func, col = a.group(1).lower(), a.group(2) or ""
        said.append(f"number of {col or 'rows'}" if func == "count" else f"{_AGG[func]} {col}")
    rest = ", " if re.search(r"[,&\s]$", m.group(0)) else ""  # 'mean x, sort desc': kept apart
    return f"{' and '.join(said)} per {m.group('by')}{rest}"


def dataframe_words(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text with the shorthand read, and (said, read as) for each change."""
    said: list[tuple[str, str]] = []
    for pattern, replacement in PANDAS:
        found = pattern.search(text)
        if found is None:
            continue
        new = pattern.sub(replacement, text)  # type: ignore[arg-type]
        if new != text:
            said.append(
                (
                    found.group(0).strip(" ,"),
                    "(dropped)" if not new.strip() else "dataframe shorthand",
                )
            )
            text = re.sub(r"\s{2,}", " ", new).strip()
    return text, tuple(said)


PANDAS: tuple[Wording, ...] = (
    # 'groupby sector, mean revenue_growth', 'groupby sector -> count of companies and mean …'
    (
        re.compile(
            rf"\bgroup\s*by\s*\(?\s*'?(?P<by>{_COL})'?\s*\)?\s*(?:,|->|→|:|then)?\s*"
            r"(?P<aggs>(?:(?:the\s+)?(?:mean|avg|sum|max|min|count)\s*(?:of\s+)?[a-z_]*[\w]*"
            r"(?:\s*(?:,|\band\b|&)\s*)?)+)",
            re.I,
        ),
        _grouped,
    ),
    # 'value_counts of exchange_symbol in companies', "companies.exchange_symbol.value_counts()"
    (
        # (value_counts lists the most frequent first)
        re.compile(
            rf"\bvalue_?counts?\s*(?:\(\s*\))?\s+(?:of|on|for)\s+(?P<col>{_COL})(?P<rest>\s+(?:in|of|from)\s+"
            rf"{_COL})?",
            re.I,
        ),
        lambda m: f"number of rows per {m.group('col')}{m.group('rest') or ''}, highest first",
    ),
    (
        re.compile(rf"\b({_COL})\.({_COL})\.value_counts\(\s*\)", re.I),
        r"number of \1 per \2, highest first",
    ),
    # 'nunique industry per sector': the number of distinct values
    (re.compile(rf"\bn_?unique\s+({_COL})\b", re.I), r"number of distinct \1"),
    # 'keep only sectors where …', 'filter to Technology only': only
    (re.compile(r"\b(?:keep|filter\s+(?:it\s+)?(?:to|down\s+to))\s+(?=only\b)", re.I), ""),
    # 'pct_change between first and last close': the change read over the period's first and
    # last day anyway
    (
        re.compile(
            r"\s+(?:between|from)\s+(?:the\s+)?first\s+(?:and|to|vs\.?)\s+(?:the\s+)?last\s+"
            r"(?:close|closing\s+price|trading\s+day|day)s?\b(?=.*\b(?:of|for|in|over)\b)",
            re.I,
        ),
        # (only beside 'pct_change': elsewhere the ends are read as the question says them)
        lambda m: "" if re.search(r"\bpct[_\s]?(?:change|chg)\b", m.string, re.I) else m.group(0),
    ),
    # 'pct_change', 'pct chg': the percentage change
    (re.compile(r"\bpct[_\s]?(?:change|chg)\b", re.I), "percent change"),
    # "nlargest(10, 'market_cap')", 'nlargest 3 by market_cap', 'nsmallest(5, weight)'
    (
        re.compile(
            rf"\bn(?P<end>largest|smallest)\s*\(\s*(?P<n>\d+)\s*,\s*['\"]?(?P<col>{_COL})['\"]?\s*\)",
            re.I,
        ),
        lambda m: (
            f"{'top' if m.group('end').lower() == 'largest' else 'bottom'} {m.group('n')} "
            f"by {m.group('col')}"
        ),
    ),
    (
        re.compile(rf"\bn(?P<end>largest|smallest)\s+(?P<n>\d+)\s+by\s+(?P<col>{_COL})", re.I),
        lambda m: (
            f"{'top' if m.group('end').lower() == 'largest' else 'bottom'} {m.group('n')} "
            f"by {m.group('col')}"
        ),
    ),
    # 'sort_values desc', 'sort desc', 'sort_values(ascending=False)': biggest first
    (
        re.compile(
            r",?\s*\bsort(?:_values)?\s*(?:\(\s*ascending\s*=\s*false\s*\)|\s+desc(?:ending)?)\b",
            re.I,
        ),
        ", highest first",
    ),
    (
        re.compile(
            r",?\s*\bsort(?:_values)?\s*(?:\(\s*ascending\s*=\s*true\s*\)|\s+asc(?:ending)?)\b",
            re.I,
        ),
        ", lowest first",
    ),
    (re.compile(rf"\bsort_values\s+(?:by\s+)?(?=(?:the\s+)?{_COL})", re.I), "sort by "),
    # "resample('M').mean()": the monthly average
    (
        re.compile(r"\bresample\s*\(\s*['\"]?(?:M|ME|MS)['\"]?\s*\)\s*\.\s*mean\s*\(\s*\)", re.I),
        "monthly average",
    ),
    # 'and head(5)', '.head(10)': the first rows of the order said
    (re.compile(r"\s*(?:,|\band\b)?\s*\.?\bhead\s*\(\s*(\d+)\s*\)", re.I), r", top \1"),
)
