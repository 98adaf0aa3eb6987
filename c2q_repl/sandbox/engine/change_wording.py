"""Everyday ways of asking how much a series moved over a period, said the way change.py
reads them: 'By what percent did Amazon's close change from the first to the last trading
day of 2023?' is 'how much did Amazon's close change in 2023 in percent'.

Only whole shapes are rewritten ('how much did … go up', 'by what percent did … rise'); a
lone 'gain' or 'rise' elsewhere keeps its meaning (a ranking across periods is declined).
"""

from __future__ import annotations

import re

_MOVED = (
    r"(?:gain(?:ed)?\s+or\s+los[et]|go\s+up\s+or\s+down|rise\s+or\s+fall|change[sd]?|move[sd]?|rise|risen|rose|grow|grown|grew|increase[sd]?|fall|fallen|fell|"
    r"drop(?:ped)?|decline[sd]?|decrease[sd]?|gain(?:ed)?|go\s+up|go\s+down|gone\s+up|"
    r"gone\s+down|went\s+up|went\s+down|go\s+up\s+or\s+down|rise\s+or\s+fall)"
)
# 'from the first to the last trading day of 2023', 'between the start and the end of 2022'
_WHOLE_PERIOD = re.compile(
    r"\b(?:from|between)\s+(?:the|its|their)\s+(?:very\s+)?(?:first|start|beginning)"
    r"(?:\s+trading)?(?:\s+(?:day|date)s?)?(?:\s+of\s+the\s+year)?\s+(?:to|and|until|till)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:very\s+)?(?:last|end)(?:\s+trading)?(?:\s+(?:day|date)s?)?\s+(?:of|in)\s+",
    re.I,
)
# 'over 2023, first trading day to last', 'from the first trading day of 2023 to the last
# one': the ends of the period a change is measured over anyway
_END_WORD = (
    r"(?:one|(?:trading\s+)?day'?s\s+(?:close|closing\s+price|price|level)|trading\s+day|day|date|"
    r"record_date|close|closing\s+price|price|level|value)"
)
_OF_YEAR = (
    r"(?:\s+(?:of|in)\s+(?:the\s+(?:year|month|quarter|period)|that\s+(?:year|month|quarter)|"
    r"the\s+data|(?P<y{n}>(?:19|20)\d\d)))?"
)
_ENDS_SAID_AFTER = re.compile(
    r"\s*[,(-]?\s*(?:from\s+)?(?:the\s+)?(?:very\s+)?first(?:\s+trading)?"
    rf"(?:\s+{_END_WORD})?(?:\s+close)?{_OF_YEAR.format(n=1)}\s+"
    r"(?:to|through|until|till|vs\.?|versus)\s+(?:the\s+)?(?:very\s+)?last(?:\s+trading)?"
    rf"(?:\s+{_END_WORD})?(?:\s+close)?{_OF_YEAR.format(n=2)}"
    r"\s*\)?\s*(?=[,?.!]|\s+in\s+(?:%|percent)|\s*$)",
    re.I,
)
# (the opening 'how did' may already be read away: 'JPM's share price do in 2022')
_HOW_DID_DO = re.compile(
    r"^\s*(?:how\s+(?:did|has|have|had)\s+)?(?P<what>.+?)\s+(?:do|done|fare|fared|perform|"
    r"performed)\b(?=\s+(?:in|over|during|for|between|from|since)\b)",
    re.I,
)
# '…the best stock performance in 2023, measured as the percent change in closing price over
# the year': the way performance is read anyway, with its unit
_MEASURED_AS = re.compile(
    r"\s*,?\s*(?:measured|defined|calculated|computed|taken)\s+(?:as|by)\s+(?:the\s+)?"
    r"(?P<pct>percent(?:age)?|%)?\s*change\s+(?:in|of)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:closing\s+(?:stock\s+|share\s+)?price|close|(?:stock\s+|share\s+)?price)"
    r"(?:\s+over\s+the\s+(?:year|period))?(?=[?.!]*\s*$)",
    re.I,
)
# 'How did Sherwin-Williams stock perform over 2023? I would like the percentage change.': the
# second sentence only says how the change is shown
_AS_A_PERCENT = re.compile(
    r"(?<=[?.])\s+(?:(?:i\s+would|i'?d)\s+like|i\s+want|(?:please\s+)?(?:give|show)\s+me|"
    r"(?:please\s+)?(?:give|show)\s+it)?\s*(?:it\s+)?(?:as\s+)?(?:the\s+|a\s+)?"
    r"(?:percent(?:age)?|%)(?:\s+(?:change|terms|move|return))?\s*[.!]*\s*$",
    re.I,
)
_FIRST_OF_TO_LAST_ONE = re.compile(
    r"\bfrom\s+the\s+first(?:\s+trading)?\s+day\s+of\s+(?P<period>\S+(?:\s+\d{4})?)\s+to\s+the\s+"
    r"last(?:\s+one|\s+trading\s+day|\s+day)?\b"
    # '… to the last trading day of 2023': the same period said again (another: not this)
    r"(?:\s+of\s+(?P=period)\b)?(?!\s+(?:trading\s+)?(?:day\s+)?of\b)",
    re.I,
)
_POINTS = re.compile(r"(?<!percentage )(?<!percent )\bpoints?\b", re.I)
_PERCENT = re.compile(r"%|\bpercent", re.I)
_OVER_THE_COURSE = re.compile(r"\bover\s+the\s+(?:course|whole)\s+of\s+", re.I)
_BY_WHAT_PERCENT = re.compile(
    rf"^\s*(?:(?:and|so|ok(?:ay)?|also)[\s,]+)?by\s+(?:what|how\s+much|how\s+many)\s+"
    rf"(?:percent(?:age)?(?:\s+points)?|%)\s+"
    rf"(?:did|has|have|had)\s+"
    rf"(?P<what>.+?)\s+"
    rf"{_MOVED}\b(?P<rest>.*)$",
    re.I,
)
_HOW_MUCH = re.compile(
    rf"^\s*(?:(?:and|so|ok(?:ay)?|also)[\s,]+)?(?:by\s+)?how\s+much\s+(?P<aux>did|has|have|had)\s+(?P<what>.+?)\s+{_MOVED}\b"
    rf"(?P<rest>.*)$",
    re.I,
)

_UP_OR_DOWN = re.compile(
    r"^\s*(?:did|has|have)\s+(?P<what>.+?)\s+(?:go(?:ne)?\s+up\s+or\s+down|rise(?:n)?\s+or\s+"
    r"fall(?:en)?|gain(?:ed)?\s+or\s+los[et])\b(?P<rest>.*)$",
    re.I,
)

# 'first and last close of AMZN in 2023': the two ends of the period, which the change shows
_FIRST_AND_LAST = re.compile(
    r"^\s*(?:(?:what|show)\s+(?:was|were|is|are|me)\s+)?(?:the\s+)?(?:first|opening|starting)"
    r"\s+and\s+(?:the\s+)?(?:last|closing|final|ending)\s+(?P<col>(?:(?:closing|opening)\s+)?[a-z]+?"
    r"(?:\s+price)?)s?\s+(?:of|for)\s+(?P<rest>.+)$",
    re.I,
)
# 'Apple first and last close in 2023', "the S&P 500's first and last level of 2023",
# "the S&P 500's first and last closing levels in October 2023"
_NAMED_FIRST_AND_LAST = re.compile(
    r"^\s*(?:(?:what|show)\s+(?:was|were|is|are|me)\s+)?(?:the\s+)?(?P<who>[\w&.'-]+(?:\s+[\w&.'-]+){0,3}?)"
    r"(?:'s|’s)?\s+(?:first|opening|starting)\s+and\s+(?:the\s+)?(?:last|closing|final|ending)\s+"
    r"(?P<col>(?:(?:closing|opening)\s+)?[a-z]+?(?:\s+price)?)s?\s+"
    r"(?P<period>(?:in|of|for|during)\s+.+)$",
    re.I,
)
# 'S&P 500 level at the start and end of 2023': the same two ends. ('… on the first and last
# trading day of 2023' names two days, answered as two dated rows or not at all)
_AT_BOTH_ENDS = re.compile(
    r"^\s*(?:(?:what|show)\s+(?:was|were|is|are|me)\s+)?(?:the\s+)?(?P<who>[\w&.'-]+(?:\s+[\w&.'-]+){0,3}?)"
    r"(?:'s|’s)?\s+(?P<col>close|closing\s+price|price|level|value|open|adj(?:usted)?\s+close)\s+"
    r"at\s+the\s+(?:start|beginning)\s+and\s+(?:the\s+)?end\s+of\s+(?P<period>.+)$",
    re.I,
)


# 'how much did aapl move in 2023, as %', '… do in 2023?, and the % move': the unit the
# change is shown in
_AS_PERCENT_TAIL = re.compile(
    r"\s*[,?]*\s+(?:as\s+(?:a\s+)?(?:%|percent(?:age)?)|(?:and|with|plus)\s+the\s+(?:%|percent(?:age)?)"
    r"\s+(?:move|gain|return)"
    # '…, % change', '? like how many % up or down'
    r"|(?<=[,?])\s*(?:%|percent(?:age)?)\s+(?:change|move|chg)"
    r"|(?:like\s+)?how\s+many\s+(?:%|percent)\s+(?:up\s+or\s+down|gained\s+or\s+lost))\s*[?.!]*\s*$",
    re.I,
)
# 'top 5 stocks by % price increase in 2022': ranked by the percent change of the close
_PERCENT_RISE = re.compile(
    r"(?:(?:%|\bpercent(?:age)?)\s+(?:(?:share\s+|stock\s+)?price\s+)?"
    r"(?:increase|gain|rise|jump|appreciation|return)|\b(?:share\s+|stock\s+)?price\s+return)\b",
    re.I,
)
# 'AAPL % chg, 2023-01-03 close to 2023-06-30 close', '(2022-12-30 -> 2023-12-29 close)': the
# change of that column from the one day to the other
_DAY_TO_DAY = re.compile(
    r"(?:\bfrom\s+)?(?:the\s+)?(?P<d1>\d{4}-\d\d-\d\d)(?:\s+(?P<c1>close|closing\s+price|open|level))?"
    r"\s*(?:\bto\b|->|→|=>|\bthru\b|\bthrough\b|\buntil\b|\btill\b)\s*(?:the\s+)?"
    r"(?P<d2>\d{4}-\d\d-\d\d)(?:\s+(?P<c2>close|closing\s+price|open|level))?\b",
    re.I,
)


_POINTS_AND_PERCENT = re.compile(
    r"\s*,?\s*(?:both\s+)?in\s+(?:index\s+)?points\s+and\s+(?:in\s+)?(?:percent(?:age)?|%)"
    r"(?:\s+terms)?(?=\s*[?.!]*\s*$)",
    re.I,
)
_ONE_DAY = re.compile(
    r"\b(?:single[- ]day|one[- ]day|daily|day[- ]over[- ]day|intra-?day|in\s+(?:a|one)\s+"
    r"(?:single\s+)?(?:day|session))\b",
    re.I,
)


# 'spx ytd chg % 2023', 'msft vs aapl 2023 return %', 'its return in 2023': the change over
# that year, in percent (a year's return is its percent change; 'ytd' with the year said is
# that year up to its last day in the data)
_PCT = r"(?:\s*(?:%|pct\b|in\s+%|in\s+percent(?:age)?\b|percent(?:age)?\b))"
_YEAR = r"((?:19|20)\d\d)"
_YEAR_RETURN = re.compile(
    rf"\b(?:ytd\s+)?(?:returns?|chg|change|perf(?:ormance)?)\s*{_PCT}\s+(?:(?:in|for)\s+)?{_YEAR}\b"
    rf"|\b{_YEAR}\s+(?:ytd\s+)?(?:returns?|chg|perf(?:ormance)?)\b{_PCT}?"
    rf"|(?:(?:%|\bpercent(?:age)?)\s*)?\b(?:ytd\s+)?returns?\s+(?:in|for|during|over)\s+{_YEAR}\b{_PCT}?",
    re.I,
)


def change_phrasing(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(the text in change.py's words, the rewrites made, for the assumptions)."""
    said: list[tuple[str, str]] = []
    m = _YEAR_RETURN.search(text)
    if m:
        year = next(g for g in m.groups() if g)
        said.append((m.group(0).strip(), f"percent change in {year}"))
        text = text[: m.start()] + f"percent change in {year}" + text[m.end() :]
    m = _PERCENT_RISE.search(text)
    if m and not _ONE_DAY.search(text):  # 'the largest single-day percentage rise': a day's move
        said.append((m.group(0), "percent change"))
        text = text[: m.start()] + "percent change" + text[m.end() :]
    m = _DAY_TO_DAY.search(text)
    if (
        m
        and (m.group("c1") or m.group("c2"))
        and re.search(
            r"(?:\b(?:change|chg|gain|rise|rose|move|percent|perform|return|do|fell|fall|drop|"
            r"lost|lose|declin|climb|jump|worst|best)|%)",
            text[: m.start()],
            re.I,
        )
    ):
        c1, c2 = (m.group("c1") or "").lower(), (m.group("c2") or "").lower()
        if not (c1 and c2 and c1 != c2):  # 'open to close' is a move within days, not this
            column = c1 or c2
            said.append((m.group(0), f"{column} from {m.group('d1')} to {m.group('d2')}"))
            text = f"{text[: m.start()]}{column} from {m.group('d1')} to {m.group('d2')}{text[m.end() :]}"
    both = _POINTS_AND_PERCENT.search(text)
    if both:
        # 'both in points and in percent': the change in points, which shows its percent too
        said.append((both.group(0).strip(" ,"), "the change, with its percent"))
        text = text[: both.start()] + text[both.end() :]
    if _POINTS.search(text) and _PERCENT.search(text):
        # 'in points and in percent': two changes; read as one, half the question is lost
        return text, ()
    m = _FIRST_OF_TO_LAST_ONE.search(text)
    if m:
        said.append((m.group(0), f"in {m.group('period')}"))
        text = text[: m.start()] + f"in {m.group('period')}" + text[m.end() :]
    m = _ENDS_SAID_AFTER.search(text)
    if (
        m
        and re.search(
            r"\b(?:change|gain|rise|move|percent|%|perform|do|return)", text[: m.start()], re.I
        )
        and (not m.group("y1") or not m.group("y2") or m.group("y1") == m.group("y2"))
    ):
        said.append((m.group(0).strip(" ,(-)"), "the period's ends"))
        year = m.group("y1") or m.group("y2")
        kept = text[: m.start()] + text[m.end() :]
        if year and year not in kept:
            kept = text[: m.start()] + f" in {year}" + text[m.end() :]
        text = kept
    m = _AS_PERCENT_TAIL.search(text)
    if m and re.search(r"\b(?:change|gain|rise|move|moved|chg|perform|do|return)", text, re.I):
        said.append((m.group(0).strip(" ,?"), "in percent"))
        head = text[: m.start()]
        did = _HOW_DID_DO.match(head)
        if did:
            # 'the S&P 500 do in 2023, and the % move': how much it changed, in percent
            head = f"how much did {did.group('what')} change{head[did.end() :]}"
        text = head + " in percent"
    m = _MEASURED_AS.search(text)
    if m and re.search(
        r"\b(?:perform|performance|performer|change|gain|did|do)", text[: m.start()], re.I
    ):
        said.append((m.group(0).strip(" ,"), "in percent" if m.group("pct") else "the change"))
        text = text[: m.start()] + (" in percent" if m.group("pct") else "") + text[m.end() :]
    m = _AS_A_PERCENT.search(text)
    if m:
        said.append((m.group(0).strip(), "in percent"))
        head = text[: m.start()].rstrip()
        did = _HOW_DID_DO.match(head)
        if did:
            # 'how did JPM's share price do in 2022? % change': how much it changed, in percent
            head = f"how much did {did.group('what')} change{head[did.end() :]}"
        text = head.rstrip("?.") + " in percent" + head[len(head.rstrip("?.")) :]
    for pattern in (_WHOLE_PERIOD, _OVER_THE_COURSE):
        m = pattern.search(text)
        if m:
            said.append((m.group(0).strip(), "in"))
            text = text[: m.start()] + "in " + text[m.end() :]
    m = _FIRST_AND_LAST.match(text)
    if m and m.group("col").lower() not in ("day", "days", "date", "dates", "trading"):
        said.append(("first and last", "change (first, last and their difference)"))
        return f"change in {m.group('col')} of {m.group('rest')}", tuple(said)
    m = _NAMED_FIRST_AND_LAST.match(text) or _AT_BOTH_ENDS.match(text)
    if m and m.group("col").lower() not in ("day", "days", "date", "dates", "trading"):
        period = m.group("period").strip()
        if not re.match(r"(?:in|of|for|during)\s", period, re.I):
            period = f"in {period}"
        said.append((m.group(0).strip(), "change (first, last and their difference)"))
        return f"change in {m.group('col')} of {m.group('who')} {period}", tuple(said)
    m = _BY_WHAT_PERCENT.match(text)
    if m:
        rest = m.group("rest").rstrip(" ?.!")
        said.append(("by what percent", "in percent"))
        return f"how much did {m.group('what')} change{rest} in percent", tuple(said)
    m = _UP_OR_DOWN.match(text)
    if m:
        said.append(("up or down", "how much … change"))
        return f"how much did {m.group('what')} change{m.group('rest')}", tuple(said)
    m = _HOW_MUCH.match(text)
    if m and not re.match(r"change[sd]?\b", text[m.end("what") :].strip(), re.I):
        said.append((text[m.end("what") : m.start("rest")].strip(), "change"))
        return f"how much did {m.group('what')} change{m.group('rest')}", tuple(said)
    return text, tuple(said)
