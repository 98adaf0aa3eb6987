"""Benchmark-style phrasings written the way the linker reads them.

Questions written for text-to-SQL benchmarks open with imperatives ("Return the names …",
"Give the …"), put the direction of an ordering in a trailing clause ("in descending order
of age") and repeat what they group by ("the number of singers with that country"). These
are wordings, not meanings: each rewrite keeps the question's sense and is reported as an
assumption, so nothing is read silently.
"""

from __future__ import annotations

import re

from .normalize import singular

# An opening imperative that only asks to be shown something ('Return' is otherwise a
# change-over-time word; 'Give' and 'Retrieve' are unknown to the lexicon).
_IMPERATIVE = re.compile(
    r"^(\s*)(?:return|give(?:\s+me)?|retrieve|provide|display|tell\s+me|output|report)\b",
    re.IGNORECASE,
)
# 'in descending order of age' → the direction, then the ordering column after 'sorted by'
_ORDER_OF = re.compile(
    r"\b(?:in|by)\s+(?:the\s+)?(descending|ascending|decreasing|increasing)\s+order\s+of\b",
    re.IGNORECASE,
)
_DIRECTION = {
    "descending": "descending",
    "decreasing": "descending",
    "ascending": "ascending",
    "increasing": "ascending",
}
# 'the largest number of performances' is 'the most performances'
_MOST_NUMBER = re.compile(
    r"\b(?:the\s+)?(largest|greatest|highest|biggest|smallest|lowest|least|fewest)"
    r"\s+(?:total\s+)?(?:number|count|amount)\s+of\b",
    re.IGNORECASE,
)
_MOST = {"largest": "most", "greatest": "most", "highest": "most", "biggest": "most"}
# '… each restaurant received? Show the restaurant name and the count.': the second
# sentence only repeats what the first one shows (the group's name and its count)
_SHOW_THE_COUNT = re.compile(
    r"(?<=[?.])\s*(?:show|list|give|return)\s+(?:me\s+)?(?:the\s+|their\s+|its\s+)?"
    r"[\w ]{1,40}?\s+and\s+(?:the\s+|their\s+)?(?:count|counts|number|numbers)\s*[.?!]?\s*$",
    re.IGNORECASE,
)
# 'top 5 most selected stocks, with selection counts', '… more than 60 companies? Include the
# counts.': a count the answer shows beside each group anyway
_WITH_THE_COUNTS = re.compile(
    r"(?:\s*,?\s*(?:along\s+)?(?:with|w/)|[?.]\s*(?:include|including|show|with|plus)"
    r"|\s*,\s*(?:including|plus)|(?:\s*\+|\s+(?:and|&))(?=\s*(?:the\s+|their\s+)?[a-z]+\s+counts?\b))"
    r"\s*(?:the\s+|their\s+|its\s+)?(?:[a-z]+\s+)?counts?(?:\s+(?:pls|please))?\s*[.?!]*\s*$",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\b(?:how\s+many|number\s+of|count\s+of|most|least|fewest|more\s+than|fewer\s+than|"
    r"at\s+least|per|each|by)\b",
    re.IGNORECASE,
)
# 'Count the number of …' says the count twice
_COUNT_THE_NUMBER = re.compile(r"^(\s*)count\s+(?:the\s+)?(number|total\s+number)\s+of\b", re.I)
# '… each country and the number of singers in that country': the group named again
_THAT_GROUP = re.compile(
    r"\s+(?:with|in|for|of|from|under|at)\s+(?:that|this|each|the\s+same)\s+([a-z][\w ]{1,30}?)"
    r"(?=\s*(?:[?.!,]|$))",
    re.IGNORECASE,
)


# 'Total market cap by sector, biggest first' / 'from largest to smallest': an ordering, not a
# superlative ('first' would otherwise read as MIN, 'biggest' as the top one)
_ORDER_FIRST = re.compile(
    r"\s*,?\s*\b(?:(biggest|largest|highest|greatest|most(?:\s+crowded)?|top|best|heaviest"
    r"|hottest|busiest|strongest|richest)"
    r"|(smallest|lowest|least|fewest|worst|lightest|weakest|tiniest))\s+(?:ones?\s+)?first\b"
    r"(?:\s+(?:pls|please|plz))?(?=\s*(?:[?.!]|$))",
    re.IGNORECASE,
)
_ORDER_FROM_TO = re.compile(
    r"\s*,?\s*\b(?:(?:sorted|ordered|ranked)\s+)?from\s+(?:the\s+)?"
    r"(?:(largest|highest|biggest|greatest|most)\s+to\s+(?:the\s+)?(?:smallest|lowest|least|fewest)"
    r"|(smallest|lowest|least|fewest)\s+to\s+(?:the\s+)?(?:largest|highest|biggest|greatest|most))\b"
    r"(?=\s*(?:[?.!]|$))",
    re.IGNORECASE,
)
# 'the fourth quarter of 2022', 'the last quarter of 2022', 'Q4 of 2022': the quarter 'Q4 2022'
_QUARTERS = {
    "first": 1,
    "1st": 1,
    "q1": 1,
    "second": 2,
    "2nd": 2,
    "q2": 2,
    "third": 3,
    "3rd": 3,
    "q3": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
    "q4": 4,
}
_QUARTER_OF = re.compile(
    r"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+(?:fiscal\s+)?"
    r"quarter\s+(?:of\s+|in\s+)?((?:19|20)\d\d)\b|\b(?:the\s+)?(q[1-4])\s+of\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# 'the first week of March 2023': its first seven days
_FIRST_WEEK = re.compile(
    r"\b(?:in\s+|for\s+|during\s+)?(?:the\s+)?first\s+week\s+of\s+"
    + _MONTHS
    + r"\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_HALF_OF = re.compile(
    r"\b(?:in\s+|during\s+)?(?:the\s+)?(first|1st|second|2nd)\s+half\s+(?:of\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_SIDE_BY_SIDE = re.compile(r"\s*,?\s*\bside\s+by\s+side\b", re.IGNORECASE)
_TOP_BIGGEST = re.compile(
    r"\b((?:top|the\s+top)\s+\d+)\s+(?:biggest|largest)\b(?!\s+[a-z]+\s+(?:companies|stocks))",
    re.IGNORECASE,
)
_HOW_DID_A_DO_VS_B = re.compile(
    r"^\s*how\s+did\s+(?P<a>[A-Za-z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}?)(?:['’]s)?"
    r"(?:\s+(?:stock|shares|share\s+price))?\s+(?:do|perform|fare)\s+(?P<period>(?:in|over|"
    r"during)\s+(?:19|20)\d\d)\s+(?:compared\s+(?:with|to)|vs\.?|versus|against|relative\s+to)"
    r"\s+(?P<b>[A-Za-z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}?)(?:['’]s)?(?:\s+(?:stock|shares))?"
    r"\s*(?P<end>[?.!]*)(?=\s|$)",
    re.I,
)
_HOW_DID_DO = re.compile(
    r"^\s*how\s+(?:did|has|have|had)\s+.+?\s+(?P<verb>do|done|fare|fared)\b"
    r"(?=\s+(?:in|over|during|for|between|from|since)\b)",
    re.I,
)
_HOW_DID_CHANGE = re.compile(
    r"^(\s*how\s+(?:did|has|have|does|do)\s+)(?=.*\b(?:perform|performed|move|moved|change|"
    r"changed)\b)",
    re.IGNORECASE,
)
# 'from the cheapest to the most expensive': the first adjective's order ('cheapest first')
_OPPOSITES = (
    ("cheapest", "most expensive"),
    ("oldest", "youngest"),
    ("oldest", "newest"),
    ("shortest", "longest"),
    ("lightest", "heaviest"),
    ("shortest", "tallest"),
    ("earliest", "latest"),
)
_ADJECTIVE_FROM_TO = re.compile(
    r"\s*,?\s*\b(?:(?:sorted|ordered|ranked|listed)\s+)?from\s+(?:the\s+)?("
    + "|".join(f"{a}|{b}" for pair in _OPPOSITES for a, b in (pair, pair[::-1]))
    + r")\s+to\s+(?:the\s+)?(?:"
    + "|".join(f"{a}|{b}" for pair in _OPPOSITES for a, b in (pair, pair[::-1]))
    + r")\b(?=\s*(?:[?.!]|$))",
    re.IGNORECASE,
)
# 'non-US companies and their countries': each row with its own column, not the distinct
# countries (a plural column word alone reads as its distinct values)
_THEIR_PLURAL = re.compile(r"\b(?:and|with)\s+their\s+([a-z]+s)\b(?=\s*(?:[?.!,]|$))", re.I)
# 'which companies are in Houston, and what sectors are they in?', '… and what are their
# sectors?': the rows asked for, each with its own value (never the values alone)
_AND_WHAT_THEIRS = re.compile(
    r"^(?P<head>\s*(?:which|what|list|show|name)\b.*?),?\s+and\s+(?:what|which)\s+(?:"
    r"(?:are|is|were|was)\s+their\s+(?P<noun>[a-z]+(?:\s+[a-z]+)?)"
    r"|(?P<noun2>[a-z]+(?:\s+[a-z]+)?)\s+(?:are|is|were|was)\s+(?:they|each(?:\s+one)?)\s+in"
    r")\s*[?.!]*\s*$",
    re.I,
)
_NOT_A_COLUMN_WORD = frozenset(
    [
        "average",
        "avg",
        "mean",
        "total",
        "sum",
        "combined",
        "max",
        "min",
        "highest",
        "lowest",
        "number",
        "count",
        "most",
        "least",
        "biggest",
        "largest",
        "smallest",
        "top",
    ]
)

# 'from March 1 to March 7, 2023' / 'March 1-7, 2023': the year said once, for both days
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SHARED_YEAR = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(to|and|through|until|-)\s*"
    rf"(?:({_MONTH})\.?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
    re.IGNORECASE,
)

# 'Dr. Laura Jensen': a title before a capitalised name is not part of the stored name
_TITLE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+(?=[A-Z])")
# 'the most recent date we have prices for': the date of the price data, not each stock's
# latest price
_DATE_WE_HAVE = re.compile(
    r"\b(dates?|days?)\s+(?:that\s+)?(?:we|you|i)\s+(?:have|got|hold|keep)\s+(?:any\s+)?"
    r"([a-z][a-z ]*?)\s+(?:data\s+)?(?:for|on)(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)


def benchmark_phrasing(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text with benchmark-style wordings rewritten; and (as written, read as) pairs."""
    rewrites: list[tuple[str, str]] = []
    for title in _TITLE.finditer(text):
        rewrites.append((title.group(0).strip(), "(dropped)"))
    text = _TITLE.sub("", text)
    dated = _DATE_WE_HAVE.search(text)
    if dated:
        said = f"{dated.group(1)} in the {dated.group(2)} data"
        rewrites.append((dated.group(0), said))
        text = text[: dated.start()] + said + text[dated.end() :]
    repeat = _SHOW_THE_COUNT.search(text)
    if repeat and re.search(r"\b(?:how many|number of|count)\b", text[: repeat.start()], re.I):
        rewrites.append((repeat.group(0).strip(), "(the group and its count, as asked)"))
        text = text[: repeat.start()]
    counts = _WITH_THE_COUNTS.search(text)
    if counts and _COUNTED.search(text[: counts.start()]):
        rewrites.append((counts.group(0).strip(" ,.?"), "(the count is shown beside each row)"))
        text = text[: counts.start()] + ("?" if "?" in counts.group(0)[:2] else "")
    m = _IMPERATIVE.match(text)
    if m:
        rewrites.append((m.group(0).strip(), "show"))
        text = m.group(1) + "show" + text[m.end() :]
    m = _COUNT_THE_NUMBER.match(text)
    if m:
        rewrites.append((m.group(0).strip(), f"the {m.group(2)} of"))
        text = m.group(1) + f"the {m.group(2)} of" + text[m.end() :]

    def order_of(match: re.Match) -> str:
        said = _DIRECTION[match.group(1).lower()]
        rewrites.append((match.group(0), f"{said}, sorted by"))
        return f"{said} sorted by"

    text = _ORDER_OF.sub(order_of, text)

    def order_first(match: re.Match) -> str:
        said = "descending" if match.group(1) else "ascending"
        rewrites.append((match.group(0).strip(" ,"), f"in {said} order"))
        return f" in {said} order"

    def quarter(match: re.Match) -> str:
        which, year = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        said = f"Q{_QUARTERS[which.lower()]} {year}"
        rewrites.append((match.group(0), said))
        return said

    text = _QUARTER_OF.sub(quarter, text)

    def first_week(match: re.Match) -> str:
        month, year = match.group(1), match.group(2)
        said = f"from {month} 1 to {month} 7, {year}"
        rewrites.append((match.group(0), said))
        return said

    text = _FIRST_WEEK.sub(first_week, text)

    def half(match: re.Match) -> str:
        first = match.group(1).lower() in ("first", "1st")
        year = match.group(2)
        said = (
            f"from {year}-01-01 to {year}-06-30" if first else f"from {year}-07-01 to {year}-12-31"
        )
        rewrites.append((match.group(0), said))
        return said

    text = _HALF_OF.sub(half, text)
    text = _SIDE_BY_SIDE.sub("", text)
    doubled = _TOP_BIGGEST.sub(r"\1", text)
    if doubled != text:
        rewrites.append(("top N biggest", "top N"))  # 'Top 5 biggest companies by market cap'
        text = doubled
    compared = _HOW_DID_A_DO_VS_B.sub(r"\g<a> vs \g<b> percentage change \g<period>\g<end>", text)
    if compared != text:
        # "How did Tesla's stock do in 2023 compared with Amazon's?": both changes side by side
        rewrites.append(("how did A do … compared with B", "A vs B percentage change …"))
        text = compared
    m = _HOW_DID_DO.match(text)
    if m and not re.search(r"\b(?:change[sd]?|perform(?:ed|ance)?|move[sd]?)\b", text, re.I):
        # 'how did the S&P 500 do in Q4 2022?': how it performed (its percentage change)
        rewrites.append((m.group("verb"), "perform"))
        text = text[: m.start("verb")] + "perform" + text[m.end("verb") :]
    m = _HOW_DID_CHANGE.match(text)
    if m:
        # 'how did Tesla's stock perform in 2023?': the change word carries the question
        rewrites.append((m.group(1).strip(), ""))
        text = text[m.end(1) :]
    text = _ORDER_FIRST.sub(order_first, text)
    text = _ORDER_FROM_TO.sub(order_first, text)

    def adjective_first(match: re.Match) -> str:
        said = f" {match.group(1)} first"
        rewrites.append((match.group(0).strip(" ,"), said.strip()))
        return said

    text = _ADJECTIVE_FROM_TO.sub(adjective_first, text)

    def their_plural(match: re.Match) -> str:
        said = f"with their {singular(match.group(1))}"
        rewrites.append((match.group(0), said))
        return said

    text = _THEIR_PLURAL.sub(their_plural, text)
    m = _AND_WHAT_THEIRS.match(text)
    noun = (m.group("noun") or m.group("noun2")) if m else ""
    if m and not _NOT_A_COLUMN_WORD & set(noun.lower().split()):
        *first, last = noun.split()
        said = " with their " + " ".join([*first, singular(last)])
        rewrites.append((text[m.end("head") :].strip(" ?.!"), said.strip()))
        text = m.group("head") + said + "?"

    def shared_year(match: re.Match) -> str:
        first, day1, sep, second, day2, year = match.groups()
        lead = ""
        if sep == "-":  # 'March 1-7, 2023': a range even without 'from'/'between' before it
            before = match.string[: match.start()].lower().split()[-1:]
            sep = "and" if before == ["between"] else "to"
            lead = "" if before in (["from"], ["between"]) else "from "
        said = f"{lead}{first} {day1}, {year} {sep} {second or first} {day2}, {year}"
        rewrites.append((match.group(0), said))
        return said

    text = _SHARED_YEAR.sub(shared_year, text)

    def most_number(match: re.Match) -> str:
        said = "the " + _MOST.get(match.group(1).lower(), "fewest")
        rewrites.append((match.group(0), said))
        return said

    text = _MOST_NUMBER.sub(most_number, text)
    m = _THAT_GROUP.search(text)
    if m and _named_before(text[: m.start()], m.group(1)):
        rewrites.append((m.group(0).strip(), "(the group already named)"))
        text = text[: m.start()] + text[m.end() :]
    return text, tuple(rewrites)


def _named_before(before: str, noun: str) -> bool:
    """'each country … in that country': the noun was named as the group earlier."""
    head = noun.lower().split()[0].rstrip("s")
    return bool(
        re.search(rf"\b(?:each|every|per|all)\s+(?:\w+\s+)?{re.escape(head)}", before, re.I)
    )


# 'the 3 most popular stocks', '10 most picked stocks by users': the rows with the most
# related rows of the table the middle word names (popular, picked → the watchlists)
_MOST_COUNTED = re.compile(
    r"\b(?:the\s+)?(?:top\s+)?(?:(\d+)\s+)?most[\s-]+([a-z]+ed|chosen|popular)\s+"
    r"([a-z]+(?<!ed))\b",
    re.IGNORECASE,
)


def most_counted(text: str, names_rows) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'the 3 most picked stocks' → 'top 3 stocks by number of picked', when 'picked' and
    'stocks' each name a table (``names_rows``); other wordings are left alone ('the most
    popular tracks' with a popularity column is a superlative of that column)."""
    m = _MOST_COUNTED.search(text)
    if m is None or not names_rows(m.group(2)) or not names_rows(m.group(3)):
        return text, ()
    counted = m.group(2) if m.group(2).lower() != "popular" else "popularity"
    if (
        m.group(1) is None
        and singular(m.group(3)) == m.group(3).lower()
        and names_rows(counted)
        and re.match(r"\s*(?:most|(?:in|for|within)\s+(?:each|every)|per)\b", text[m.end() :], re.I)
        is None
    ):
        # 'the most picked stock': the one with the most, every one tied at the top kept
        said = f"{m.group(3)} with the most {counted}"
    else:
        said = f"top {m.group(1) or 1} {m.group(3)} by number of {m.group(2)}"
    return text[: m.start()] + said + text[m.end() :], ((m.group(0), said),)


# 'top 10 stocks by # of users who picked them': the rows with the most related rows of another
# table, said the way the linker reads a count ranking
_TOP_BY_NUMBER = re.compile(
    r"^(\s*)(?:show\s+(?:me\s+)?|list\s+|give\s+me\s+)?(?:the\s+)?top\s+(\d+)\s+([a-z]+)\s+by\s+"
    r"(?:the\s+)?(?:number|count|#|no\.?)\s+of\s+(?:distinct\s+|unique\s+|different\s+)?([a-z]+)"
    r"(?:\s+(?:who|that)\s+(?:picked|selected|chose|added|hold|own|follow|bought)\s+(?:them|it))?"
    r"(?:\s*,?\s*desc(?:ending)?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def top_by_number_of(text: str, names_rows) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'top 10 stocks by number of users' → 'which 10 stocks have the most users', when both
    nouns name data (``names_rows``)."""
    m = _TOP_BY_NUMBER.match(text)
    if m is None or not names_rows(m.group(3)) or not names_rows(m.group(4)):
        return text, ()
    said = f"{m.group(1)}which {m.group(2)} {m.group(3)} have the most {m.group(4)}"
    return said, ((m.group(0).strip(), said.strip()),)
