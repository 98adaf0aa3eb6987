"""A day trader's shorthand read as the words it stands for, before linking.

'nvda avg daily vol nov 23' (November 2023), 'AMD close 12/29' (29 December), 'nvda hi/lo',
'XOM lowest lo', 'how many green days', 'closed red', 'close n vol'. Each reading is narrow
(the words in a trader's order) and reported as a rewrite, so a reader sees what was read.
"""

from __future__ import annotations

import calendar
import re

# 'nvda avg daily vol nov 23': a month and a two-digit year, when the question is about a
# period (a total, an average, 'in …'); 'AAPL close nov 23' stays a day (23 November), as
# does either end of a span ('between march 1 and march 15')
_SHORT_MONTH_YEAR = re.compile(
    r"(?<!between\s)(?<!from\s)(?<!and\s)(?<!to\s)(?<!until\s)(?<!till\s)(?<!thru\s)"
    r"(?<!through\s)(?<!-\s)(?<!–\s)"
    r"\b(?P<lead>(?:in|during|for|throughout|over|thru|through|of)\s+)?(?P<month>jan(?:uary)?|"
    r"feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<year>\d\d)\b"
    r"(?![/\d:%]|\s*(?:st|nd|rd|th)\b|\s*,?\s*(?:19|20)\d\d\b)",
    re.I,
)
_OVER_A_PERIOD = re.compile(
    r"\b(?:avg|average|mean|total|sum|daily|each|every|per|how\s+many|count|range|monthly|"
    r"days|sessions|hi\s+and\s+lo|high\s+and\s+low|highs?|lows?|his|los|hi|lo)\b",
    re.I,
)
# 'AMD close 12/29': a day with no year, month first or day first when only one reads as a
# day ('12/29', '29/12'); '6/1' (both read) and fractions ('1/2') are left as written
_YEARLESS_SLASH_DAY = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?![\w/.%])")
# 'how many green days did MSFT have', 'how many names closed red on 12/29': a day that closed
# above (green) or below (red) its open; 'RED' in capitals stays a ticker
_COLOURED_DAYS = re.compile(r"\b([Gg]reen|[Rr]ed)\s+(?:days?|sessions?)\b")
_CLOSED_COLOURED = re.compile(r"\bclosed\s+([Gg]reen|[Rr]ed)\b")
# 'NVDA close n vol same day': 'n' between two words is 'and' ('top n' asks for a number)
_SHORT_AND = re.compile(r"(?<=[a-z])(?<!\btop)(?<!\bbottom)(?<!\bfirst)(?<!\blast)\s+n\s+(?=[a-z])")
# 'nvda hi/lo on mar 15', 'XOM lowest lo of 2022', 'MSFT hi and lo': a day's high and low
# (a 'hi' opening the question, or before 'there' or a comma, is a greeting)
_HI_SLASH_LO = re.compile(r"\b(?:hi|high)\s*/\s*(?:lo|low)\b", re.I)
_TRADER_HI = re.compile(r"(?<=\w)(\s+)hi\b(?!\s*(?:there\b|[,!]))", re.I)
_TRADER_LO = re.compile(r"(?<![\w'])lo\b(?!['-])", re.I)


# 'how many names in the S&P 500', 'top 5 tech names by wt': a market's 'names' are its stocks
# (not the name column: 'the names of …', 'company names', 'names and tickers' stay), read so
# only beside words of the market, since on any other database a name is a name
_NAMES = re.compile(
    r"(?<!\bthe\s)(?<!\btheir\s)(?<!\bits\s)(?<!\bcompany\s)(?<!\bcompanies\s)"
    r"(?<!\buser\s)(?<!\busers\s)(?<!\bshort\s)(?<!\blong\s)(?<!\bfull\s)(?<!\bindex\s)"
    r"(?:(?<=\w\s)names|^names)\b(?!\s*(?:of|and|,|&|\+\s*tickers?|pls|please|too|also|instead)\b)",
    re.I,
)
# 'any single name above 2% weight', 'biggest name by mkt cap in each sector': one stock
_ONE_NAME = re.compile(
    r"\b(single|any|one|which|each|every|biggest|largest|smallest|heaviest|top|best|worst)"
    r"\s+name\b(?!\s*(?:of|and|,|&|\+\s*tickers?|pls|please|too|also|instead)\b)",
    re.I,
)
_MARKET_WORDS = re.compile(
    r"\b(?:s&p|spx|index|sectors?|wts?|weights?|tickers?|market\s+cap|mkt\s+cap|"
    r"tech|energy|financials?|utilities|industrials|health\s*care|stocks?|drop|gain|"
    r"performers?|close|closes|closed|volume|vol)\b",
    re.I,
)


def short_month_year(text: str) -> str:
    """'nov 23' as 'nov 2023' when the question is about a period, else the text as it is."""
    if not _OVER_A_PERIOD.search(text) and not any(
        m.group("lead") for m in _SHORT_MONTH_YEAR.finditer(text)
    ):
        return text
    return _SHORT_MONTH_YEAR.sub(
        lambda m: f"{m.group('lead') or ''}{m.group('month')} 20{m.group('year')}", text
    )


def _yearless_slash_day(m: re.Match) -> str:
    a, b = int(m.group(1)), int(m.group(2))
    if 1 <= a <= 12 < b <= 31:
        month, day = a, b
    elif 1 <= b <= 12 < a <= 31:
        month, day = b, a
    else:
        return m.group(0)
    return f"{calendar.month_name[month]} {day}"


def yearless_slash_days(text: str) -> str:
    """'12/29' as 'December 29' (a day whose year timeexpr reads from the data)."""
    return _YEARLESS_SLASH_DAY.sub(_yearless_slash_day, text)


def trader_words(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Green and red days, 'n' for 'and', a market's 'names', 'hi'/'lo': (the text, the
    rewrites made)."""
    rewrites: list[tuple[str, str]] = []
    colored = _COLOURED_DAYS.sub(
        lambda m: f"days with close {'above' if m.group(1).lower() == 'green' else 'below'} open",
        text,
    )
    colored = _CLOSED_COLOURED.sub(
        lambda m: f"closed {'above' if m.group(1).lower() == 'green' else 'below'} the open",
        colored,
    )
    if colored != text:
        rewrites.append(("green / red day", "close above / below open"))
        text = colored
    anded = _SHORT_AND.sub(" and ", text)
    if anded != text:
        rewrites.append(("n", "and"))
        text = anded
    if _MARKET_WORDS.search(text):
        stocks = _ONE_NAME.sub(r"\1 stock", _NAMES.sub("stocks", text))
        if stocks != text:
            rewrites.append(("names", "stocks"))
            text = stocks
    traders = _HI_SLASH_LO.sub("high and low", text)
    traders = _TRADER_HI.sub(r"\1high", traders)
    traders = _TRADER_LO.sub("low", traders)
    if traders != text:
        rewrites.append(("hi/lo", "high and low"))
        text = traders
    return text, rewrites
