"""Everyday wordings the engine reads as plainer ones: 'right now' adds nothing, '300 billion
dollars' is 300 billion, 'have only one' is exactly 1, '…, only states with …' keeps the
groups, 'show the market cap too' shows it. Each entry is (pattern, replacement); prepare()
applies them in order and reports what changed."""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalize import NUMBER_WORDS, singular

# 'the top 5 most watchlisted tickers', 'most popular stocks': ranked by how many picked them
_RANKED_BY_PICKS = re.compile(
    r"\b(?:most|least|fewest)\s+(?:\w+[-\s])?(?:watch-?listed|picked|selected|added|saved|"
    r"popular|chosen|followed|watched)\b|\bpopularity\b|\bby\s+(?:number\s+of\s+)?(?:picks|"
    r"selections|users|people)\b",
    re.I,
)


def _how_many(said: str | None) -> str:
    """'only', 'just' → 'exactly'; other comparisons as written."""
    words = (said or "").strip().lower()
    return "exactly " if words in ("", "only", "just", "exactly") else words + " "


def _end(word: str) -> str:
    """'first', 'earliest', 'oldest' → the lowest date; 'last', 'latest' … → the highest."""
    return "lowest" if word.lower() in ("first", "earliest", "oldest") else "highest"


_TIMES = {"once": "1", "twice": "2", "thrice": "3", **{w: str(n) for w, n in NUMBER_WORDS.items()}}
_TIMES_OP = {"only": "exactly", "just": "exactly"}
_FALLING = ("going down", "falling", "shrinking", "declining", "dropping", "decreasing")


# (pattern, replacement): a replacement is a template or a function of the match
Wording = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


_TRADING_AT = re.compile(
    r"\bwhat\s+(?:are|is|'s)\s+(?P<who>[\w.&'-]+(?:\s+[\w.&'-]+){0,2}?)\s+trading\s+at"
    r"(?:\s+right\s+now|\s+now|\s+today|\s+currently|\s+these\s+days)?",
    re.I,
)


def trading_at(text: str) -> str:
    """'and what are they trading at right now?': their current prices (an edit that adds the
    column beside what was shown); 'what is AAPL trading at?': AAPL's current price."""

    def one(m: re.Match[str]) -> str:
        who = m.group("who").lower()
        if who == "it":
            return "its current price"
        if who.split()[0] in ("they", "those", "these", "them"):
            return "their current prices"
        return f"the current price of {m.group('who')}"

    return _TRADING_AT.sub(one, text)


# 'ties included please', '(if two are tied show both)', 'show ties if there are any', 'Give
# me everyone tied for first.', 'if there's a tie just show all of them'
TIES_SAID = re.compile(
    r"\s*[,;(\-–—]*\s*(?:and\s+)?\b(?:(?:please\s+)?(?:include|show|keep|list|give\s+me)\s+"
    r"(?:any\s+|all\s+(?:the\s+)?|the\s+)?(?:ties|tied\s+ones)(?:\s+if\s+there\s+are\s+any)?"
    r"|(?:ties|tied\s+ones)\s+included|with\s+ties|\bties(?=\s+(?:please|pls)\b)"
    r"|(?:give\s+me\s+|show\s+|list\s+)?(?:everyone|everybody|all\s+of\s+them|all)\s+tied\s+"
    r"(?:for\s+(?:first|the\s+top|top|1st)|at\s+the\s+top)"
    r"|if\s+(?:there(?:'s|\s+is|\s+are)\s+(?:a\s+)?ties?|(?:two|some|several|any|a\s+few|a\s+bunch|"
    r"multiple|more\s+than\s+one)\s+(?:\w+\s+)?"
    r"(?:are|were)\s+tied|(?:it'?s|they'?re)\s+(?:a\s+)?tied?)[^.?!)]*)"
    r"(?:\s+(?:please|pls))?\s*\)?(?=\s*[.?!]|\s*$)",
    re.I,
)

PLAIN_WORDINGS: tuple[Wording, ...] = (
    # 'sort that by how many people they employ': by their employees
    (
        re.compile(
            r"\b(?<=by\s)how\s+many\s+(?:people|staff|workers|employees)\s+(?:they|it|each(?:\s+one)?)"
            r"\s+(?:employ|employs|have|has)\b",
            re.I,
        ),
        "employees",
    ),
    # 'list them, with what sector each one is in': with their sector
    (
        re.compile(
            r"\bwith\s+(?:what|which)\s+(?P<what>[a-z][a-z ]{0,30}?)\s+(?:each(?:\s+one|\s+of\s+"
            r"(?:them|those|these))?|they|it)\s+(?:is|are|belongs?\s+to)(?:\s+in)?(?=\s*[?.!,]|\s*$)",
            re.I,
        ),
        r"with their \g<what>",
    ),
    # 'Which five states have the most S&P 500 headquarters, and how many does each have?':
    # the count the ranking shows anyway
    (
        re.compile(
            r"(?<=\bmost\b)(?P<mid>[^?,]{1,60}?)\s*,?\s*(?:and\s+)?how\s+many\s+(?:does|do|did)\s+"
            r"(?:each(?:\s+one)?|they|each\s+of\s+(?:them|those))\s+(?:have|has|had)\b",
            re.I,
        ),
        r"\g<mid>",
    ),
    # 'the holding period return on JNJ from …', 'HPR': its percent change
    (
        re.compile(r"\b(?:holding[- ]period\s+(?:return|percent\s+change)|hpr)\b", re.I),
        "percent change",
    ),
    # 'What did the S&P 500 return in calendar 2023?': its percent change then
    (
        re.compile(
            r"^\s*(?:what|how\s+much)\s+did\s+(?P<who>.+?)\s+return\s+(?=(?:in|for|during|over|from|"
            r"between)\b)",
            re.I,
        ),
        r"what was the percent change of \g<who> ",
    ),
    # trader shorthand: 'the last spx print' is its latest level
    (re.compile(r"\b(last|latest)\s+([\w&]+\s+)?print\b", re.I), r"\1 \2level"),
    # 'mega caps (200bn+)', 'mega caps only (mkt cap 200bn+)': the size the question gives
    (
        re.compile(
            r"\bmega[- ]?caps?\b(?:\s+only)?(?P<mid>(?:\s+(?!mega\b)[\w&]+){0,4}?)\s*\(\s*"
            r"(?:(?:mkt|market)\s*cap\s*)?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>bn|b|billion|tn|t|trillion)"
            r"\s*\+\s*\)",
            re.I,
        ),
        lambda m: (
            f"companies with market cap at least {m.group('n')} "
            + ("trillion" if m.group("u").lower().startswith("t") else "billion")
            + m.group("mid")
        ),
    ),
    # 'NVDA's high and low for 2023, the highest high and lowest low of the year': the one
    # year named elsewhere in the question, said again
    (
        re.compile(
            r"\s*\b(?:of|in|for|during|over)?\s*(?:the|that)\s+(?:calendar\s+)?year\b"
            r"(?!\s*(?:(?:before|after|earlier|later|prior)\b|\d|'))",
            re.I,
        ),
        lambda m: " " if len(set(re.findall(r"\b(?:19|20)\d\d\b", m.string))) == 1 else m.group(0),
    ),
    # 'could you pull up the current share price of …': show it
    (
        re.compile(
            r"\b(?:pull|bring)\s+up\b(?=\s+(?:the|a|an|all|every|their|its|his|her)\b)", re.I
        ),
        "show",
    ),
    # 'pull comps for the Semiconductors industry: ticker, name, …': an analyst's comparable
    # companies, listed
    (
        re.compile(
            r"^\s*(?:(?:pls|please|can\s+you|could\s+you)\s+)?(?:pull|run|build|give\s+me|show"
            r"(?:\s+me)?|need)\s+(?:the\s+)?comps\s+(?:for|on|in)\s+",
            re.I,
        ),
        "list the companies in ",
    ),
    # 'top 10 by FTEs - ticker, sector, FTEs': the rows are the stocks the ticker names (the
    # sector listed is a column shown, not what is ranked)
    (
        re.compile(
            r"^(\s*(?:top|bottom)\s+\d+)\s+(?=by\b[^-–—:,]{1,40}[-–—:,]\s*(?:with\s+)?(?:tickers?|symbols?)\b)",
            re.I,
        ),
        r"\1 stocks ",
    ),
    # "Just the company names will do, I don't need the ticker symbols.": what to show, never a
    # condition that the rows have no ticker
    (
        re.compile(
            r"\s*[,;]?\s*\b(?:and\s+)?(?:i|we)\s+(?:do\s+not|don'?t)\s+(?:really\s+)?need\s+"
            r"(?:the\s+|any\s+)?[a-z][a-z\s]{0,30}?(?=\s*[.!?;]|\s*$)",
            re.I,
        ),
        "",
    ),
    (
        re.compile(r"\b(just|only)\s+(the\s+[a-z][a-z\s]{0,30}?)\s+will\s+do\b", re.I),
        r"\1 \2",
    ),
    # 'How did Apple's share price do over 2023? A percentage would be lovely.': in percent
    (
        re.compile(
            r"(?<=[?.!])\s+(?:a|as\s+a|in)\s+(?:percentage|percent)\s+(?:would\s+be|is|will\s+do|would\s+do"
            r"|would\s+suit\s+me)"
            r"(?:\s+\w+){0,2}\s*[.!]*\s*$",
            re.I,
        ),
        " In percent.",
    ),
    # 'NVDA peak close. Px and date.': its highest close
    (
        re.compile(
            r"(?<![-\w])peak\s+(?=(?:close|closing\s+(?:price|level)|price|px|level|volume)\b"
            r"(?!\s*(?:to|and)\s+trough))",
            re.I,
        ),
        "highest ",
    ),
    # 'avg mkt cap by sector, ex fins and RE', 'skip Financials': excluding them
    (
        re.compile(r"(?:(?<=^)|(?<=[\s,(]))(?:ex[- ]|skip(?:ping)?\s+|sans\s+)(?=[A-Za-z])", re.I),
        "excluding ",
    ),
    (
        re.compile(r"\b(and|excluding|plus|&|,)(\s+)RE\b"),
        r"\1\2Real Estate",
    ),
    # 'Which users picked the most stocks? Give me everyone tied for first.', 'show ties': the
    # top one is always shown with every row tied with it; with a number ('top 2 … show
    # ties') the phrase stays, and the reading that keeps ties (group_leaders.py) or a
    # decline follows
    (
        TIES_SAID,
        lambda m: (
            m.group(0)
            if re.search(
                r"\b(?:top|bottom|first|last)\s+(?:\d+|two|three|four|five|ten)\b|\b\d+\s+(?:most|"
                r"least|highest|lowest|biggest|largest|smallest)\b",
                m.string,
                re.I,
            )
            else ""
        ),
    ),
    # 'who was the first person to pick Nvidia, and when?': the earliest pick of it (its user
    # and date shown)
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:who|which\s+user)\s+(?:was|were|is)\s+the\s+(?P<when>first|last|latest|"
            r"earliest|most\s+recent|newest)\s+(?:person|user|one|folks?|people|member|customer)\s+"
            r"to\s+(?:pick|add|select|choose|watch|save)\s+(?P<what>[^,?]+?)(?:\s*,?\s*and\s+when)?"
            r"\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: f"the {m.group('when')} pick of {m.group('what')}",
    ),
    # 'which stocks are the top 10 most picked by folks on the app?': the top 10 most picked
    # stocks (who picked them is everyone)
    (
        re.compile(
            r"^\s*(?:which|what)\s+(?P<noun>[a-z]+)\s+(?:are|were)\s+(?:the\s+)?(?P<top>top\s+\d+\s+"
            r"(?:most|least)\s+(?:[a-z]+ed|popular|watched))(?:\s+(?:by|among|with|on)\s+(?:our\s+|the\s+"
            r"|all\s+(?:the\s+)?)?(?:folks|people|users|everyone|everybody|investors|members)"
            r"(?:\s+on\s+(?:the|our)\s+app)?)?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: f"{m.group('top')} {m.group('noun')}?",
    ),
    # 'over the whole of 2023, from the first trading day in January to the last one in
    # December': how a change over a year is measured anyway (first close to last close)
    (
        re.compile(
            r"\s*,?\s*\bfrom\s+(?:the\s+)?first\s+(?:trading\s+)?day(?:\s+(?:in|of)\s+(?:january|jan))?"
            r"\s+(?:to|until|through)\s+(?:the\s+)?last\s+(?:one|trading\s+day|day)"
            r"(?:\s+(?:in|of)\s+(?:december|dec))?(?=\s*[?.!,]|\s*$)",
            re.I,
        ),
        lambda m: "" if re.search(r"\b(?:19|20)\d\d\b", m.string) else m.group(0),
    ),
    (re.compile(r"\bover\s+the\s+whole\s+of\s+(?=(?:19|20)\d\d\b)", re.I), "over "),
    # 'Highest close for JPM, XOM and KO …, and the date it happened': the date
    (
        re.compile(
            r"\b(?:date|day)\s+(?:it|that|this)\s+(?:happened|occurred|took\s+place)\b", re.I
        ),
        "date",
    ),
    # 'highest volume day for AAPL, MSFT, NVDA and TSLA - date + volume for each': for each of
    # the stocks named (each_series.py ranks within each)
    (
        re.compile(
            r"\s+for\s+each(?:\s+(?:one|of\s+them|stock|name|ticker))?\s*(?=[.?!]*\s*$)", re.I
        ),
        lambda m: (
            ""
            if len(re.findall(r"\b[A-Z]{2,5}\b(?=\s*(?:,|and\b|&|$))", m.string[: m.start()])) >= 2
            else m.group(0)
        ),
    ),
    # 'Top 5 days by trading vol for TSLA in 2023.': the 5 days with the most volume (it was
    # read as the 5 latest days)
    (
        re.compile(
            r"\b(?P<top>top|bottom)\s+(?P<n>\d+)\s+(?:trading\s+)?(?P<days>days|sessions|dates)\s+by\s+"
            r"(?:(?:trading|daily|the)\s+)?(?P<m>[a-z][a-z ]{1,30}?)(?=\s+(?:for|of|in|on|during|over|"
            r"since|between|from)\b|\s*[?.!,;]|\s*$)",
            re.I,
        ),
        lambda m: f"{m.group('top')} {m.group('n')} {m.group('m')} {m.group('days')}",
    ),
    # 'who are our most active pickers?', 'our heaviest pickers': the users with the most picks
    (
        re.compile(
            r"\b(?:our\s+|the\s+)?(?:most\s+active|heaviest|biggest|top|power)\s+(?:pickers|stock\s+pickers)\b",
            re.I,
        ),
        "the users with the most picks",
    ),
    # 'where Pfizer has its head office': its headquarters
    (re.compile(r"\bhead\s+office\b", re.I), "headquarters"),
    # 'How many people does Walmart employ these days?': the data's present (never 'these'
    # pointing back)
    (re.compile(r"\s*,?\s*\b(?:these\s+days|nowadays|at\s+present)\b", re.I), ""),
    # "… close higher than they opened?": than the open
    (re.compile(r"\bthan\s+(?:they|it)\s+opened\b", re.I), "than the open"),
    # 'signed up in the first half of 2023, so jan through june?': the half said again
    (
        re.compile(
            r"\s*,?\s*\b(?:so|i\.e\.?|that\s+is|meaning)\s+(?:jan(?:uary)?|jul(?:y)?)\s+(?:through|thru|to|"
            r"until|-)\s+(?:jun(?:e)?|dec(?:ember)?)\b(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            ""
            if re.search(
                r"\bhalf\b|\bh[12]\b|\d{4}-0[17]-01\s+to\s+\d{4}-(?:06-30|12-31)", m.string, re.I
            )
            else m.group(0)
        ),
    ),
    # 'what was the first stock user 25 ever picked?': the first pick of user 25
    (
        re.compile(
            r"^\s*(?:what|which)\s+(?:was|is|were)\s+the\s+(?P<when>first|last|latest|most\s+recent|newest)"
            r"\s+(?:stock|ticker|company|pick)\s+(?P<who>user\s+\d+)\s+(?:ever\s+)?(?:picked|added|selected|"
            r"chose)\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: f"the {m.group('when')} pick of {m.group('who')}",
    ),
    # "can you list every user's very first pick?": the first pick of each user
    (
        re.compile(
            r"\b(?:every|each)\s+user'?s\s+(?:very\s+)?(?P<when>first|latest|last|most\s+recent|newest)\s+"
            r"(?:stock\s+)?(?:pick|selection)\b",
            re.I,
        ),
        lambda m: f"{m.group('when')} pick of each user",
    ),
    # 'sector summary: # names, total mkt cap': per sector
    (
        re.compile(
            r"^\s*(sector|industry|state|city|country|exchange)\s+(?:summary|breakdown|rollup|overview)\s*:",
            re.I,
        ),
        r"by \1:",
    ),
    # 'semis comps - ticker, name, mkt cap': the comparable companies, listed
    (
        re.compile(r"\b(?:comps|peers|peer\s+(?:table|group|set))\b(?=\s*(?:[-–—:,]|$))", re.I),
        "companies",
    ),
    # '2023 returns of AAPL, MSFT and AMZN, ranked from best to worst': best to worst
    (
        re.compile(
            r"\b(?:ranked|sorted|ordered|listed)\s+(?:from\s+)?(?=(?:best|worst)\s+to\s+"
            r"(?:best|worst)\b)",
            re.I,
        ),
        "",
    ),
    # 'states home to more than 15 of the S&P 500 companies': more than 15 such companies
    (
        re.compile(
            r"\b((?:more|fewer|less)\s+than|over|under|at\s+least|at\s+most)\s+(\d+)\s+of\s+"
            r"(?:the|our|its|their)\s+(?=[\w&-]+(?:\s+[\w&-]+){0,2}\s+(?:companies|stocks|"
            r"firms|names|tickers|users|members|customers|employees)\b)",
            re.I,
        ),
        r"\1 \2 ",
    ),
    # 'which sector is worth the most, i.e. biggest combined market cap?': what follows says
    # the same again, more exactly; read as one clause
    (re.compile(r"\s*,?\s*\b(?:i\.e|e\.g)\b\.?,?(?=\s)", re.I), ","),
    # 'show me the utilities biggest first by mkt cap': sorted by it, biggest first
    (
        re.compile(
            r",?\s*\b(biggest|largest|highest|smallest|lowest)\s+first\s+by\s+"
            r"([a-z][a-z_ ]*?)(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            f" sorted by {m.group(2)} in "
            + ("ascending" if m.group(1).lower() in ("smallest", "lowest") else "descending")
            + " order"
        ),
    ),
    # 'energy names w/ price and mkt cap, largest mkt cap first': sorted by that column
    (
        re.compile(
            r",?\s*\b(biggest|largest|highest|smallest|lowest)\s+"
            r"(?!(?:ones?|first|total|average|avg|mean|sum|count|number)\b)"
            r"([a-z][a-z_ ]{0,30}?)\s+first(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            f" sorted by {m.group(2)} in "
            + ("ascending" if m.group(1).lower() in ("smallest", "lowest") else "descending")
            + " order"
        ),
    ),
    (re.compile(r"\s*\b(?:right\s+now|at\s+the\s+moment)\b", re.I), ""),
    # 'home to the most S&P 500 headquarters': the headquarters of the index's companies
    (re.compile(r"\b(S&P\s*500|SPX|index)\s+(?:headquarters|hqs?)\b", re.I), r"\1 companies"),
    # 'number of picks per sector, most popular first': the order of the counts shown
    (re.compile(r"\b(?:the\s+)?most\s+popular\s+(first|on\s+top)\b", re.I), r"highest \1"),
    (re.compile(r"\b(?:the\s+)?least\s+popular\s+(first|on\s+top)\b", re.I), r"lowest \1"),
    # 'TSLA max close in 2022 and what date it hit it': the day's row, ranked (a MAX alone
    # has no date to show)
    (
        re.compile(
            r"\b(?:and\s+)?(?:what|which)\s+(?:date|day)\s+(?:it|that)\s+(?:hit|reached|happened"
            r"|was|occurred)(?:\s+(?:it|on))?(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        "and the date",
    ),
    (
        re.compile(
            r"\b(max(?:imum)?|min(?:imum)?)\b(?=[^?]*\band\s+(?:the|its|what|which|on\s+which"
            r"|on\s+what)\s+(?:date|day)\b)",
            re.I,
        ),
        lambda m: "highest" if m.group(1).lower().startswith("max") else "lowest",
    ),
    # 'sectors by total market cap': one total per sector, ranked by it (not the groups
    # left unread, nor one total of every row)
    (
        re.compile(
            r"^\s*(?P<lead>(?:(?:show|list|rank|give)\s+(?:me\s+)?)?(?:the\s+|all\s+)?)"
            r"(?P<g>[a-z]+?)(?P<ies>ies|s)\s+(?:ranked\s+)?by\s+"
            r"(?P<agg>total|average|avg|mean|combined|median)\s+(?P<m>[a-z][a-z ]*?)"
            r"(?P<end>\s*[?.!]*)$",
            re.I,
        ),
        lambda m: (
            f"{m.group('lead')}{m.group('agg')} {m.group('m')} per {m.group('g')}"
            f"{'y' if m.group('ies').lower() == 'ies' else ''}, highest first{m.group('end')}"
        ),
    ),
    # 'the total market cap across all companies sits in Energy': every row is the total's
    # anyway; 'sits in' / 'sit in' is 'is in' (never the ticker SIT)
    (
        re.compile(
            r"\b((?:share|percent(?:age)?|portion|fraction)\s+of\s+(?:the\s+)?total\s+"
            r"[a-z][a-z ]*?)\s+(?:across|of)\s+all\s+(?:the\s+)?"
            r"(?:companies|stocks|firms|names)\b",
            re.I,
        ),
        r"\1",
    ),
    (re.compile(r"\b(?:sits|sitting)\s+(in|within)\b", re.I), r"is \1"),
    (re.compile(r"\b(companies|stocks|firms|names)\s+sit\s+(in|within)\b", re.I), r"\1 are \2"),
    # 'sectors having count(*) > 60 companies': SQL said in words
    (
        re.compile(r"\bhaving\s+count\s*\(\s*\*\s*\)\s*(>=|<=|>|<|=)\s*(?=\d)", re.I),
        lambda m: (
            "with "
            + {
                ">": "more than",
                ">=": "at least",
                "<": "fewer than",
                "<=": "at most",
                "=": "exactly",
            }[m.group(1)]
            + " "
        ),
    ),
    (
        re.compile(
            r"\bhaving\s+count\s*\(\s*\*\s*\)\s*"
            r"(?=(?:more|fewer|less|at\s+least|at\s+most|over|under|exactly)\b)",
            re.I,
        ),
        "with ",
    ),
    # 'who are the irish ones' after companies per country: the rows of that group listed
    # (never the group's count narrowed to it)
    (
        re.compile(
            r"^\s*(?:(?:and|so|ok)[\s,]+)?(?:who|what|which)\s+are\s+the\s+"
            r"([a-z][\w&.-]*(?:\s+[a-z][\w&.-]*){0,2})\s+ones\s*([?.!]*)\s*$",
            re.I,
        ),
        r"list the \1 ones\2",
    ),
    # 'user 10 and user 64': the users 10 and 64 (never one user both 10 and 64)
    (
        re.compile(
            r"\b(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)([a-z]{2,}?)s?"
            r"\s+(\d+)\s*(?:,|and|&|or)\s*\1\s+(\d+)\b",
            re.I,
        ),
        lambda m: f"{m.group(1)}s {m.group(2)} and {m.group(3)}",
    ),
    # 'what sector is each one in': the sector of each of them
    (
        re.compile(
            r"\b(what|which)\s+([a-z]+)\s+is\s+each\s+(?:one|of\s+(?:them|those|these))\s+(in|from)\b",
            re.I,
        ),
        r"\1 \2 are they \3",
    ),
    # 'What share of … is Technology? need a % for a chart', 'share of … (%)': a share is
    # a percentage already; the note on its unit says nothing more
    (
        re.compile(
            r"\s*(?:[,.;?]\s*)?(?:\(\s*(?:%|in\s+%|percent|pct)\s*\)|(?:i\s+)?need\s+(?:it\s+)?"
            r"(?:as\s+)?(?:a\s+)?(?:%|percent(?:age)?)(?:\s+for\s+(?:a|the|my)\s+[a-z]+)?)"
            r"(?P<end>\s*[.!?]*)\s*$",
            re.I,
        ),
        lambda m: (
            ("?" if "?" in m.group(0) else "") + m.group("end").replace("?", "")
            if re.search(
                r"\bshare\s+of\b|\bpercent(?:age)?\s+of\b|%\s+of\b", m.string[: m.start()], re.I
            )
            else m.group(0)
        ),
    ),
    # 'Just a count per sector is fine.': the courtesy says nothing more
    (
        re.compile(
            r"\s+(?:is|would\s+be|will\s+do|works)\s+(?:fine|ok(?:ay)?|enough)(?=\s*[.!]*\s*$)",
            re.I,
        ),
        "",
    ),
    # 'which sectors are they concentrated in': the sectors they are in
    (
        re.compile(r"\b(are|is)\s+(they|those|these|it)\s+(?:mostly\s+)?concentrated\s+in\b", re.I),
        r"\1 \2 in",
    ),
    # 'Which month was the strongest for sign-ups?': the month with the most of them
    (
        re.compile(
            r"^(\s*(?:which|what)\s+(?:month|year|quarter|week|day|date)\s+)(?:was|were|is)\s+(?:the\s+)?"
            r"(?:(strongest|busiest|biggest|best)|(weakest|slowest|quietest|worst))\s+(?:one\s+)?for\s+",
            re.I,
        ),
        lambda m: f"{m.group(1)}had the {'most' if m.group(2) else 'fewest'} ",
    ),
    # 'Top 5, please.': the courtesy at a request's end says nothing ('Top 5.')
    (re.compile(r"\s*,\s*please(?=\s*[.!?]*\s*$)", re.I), ""),
    # '…? Top five, please.': the count in digits, as 'top 5' is read in a sentence of its own
    (
        re.compile(
            r"\b(top|bottom|those|these)\s+(two|three|four|five|six|seven|eight|nine|ten|twenty)\b"
            r"(?!\s*-)",
            re.I,
        ),
        lambda m: f"{m.group(1)} {NUMBER_WORDS[m.group(2).lower()]}",
    ),
    # 'the companies in the top industry from that': a row of the last answer, as 'the top
    # one' says (resolved there, or declined when the answer's order does not say which)
    (
        re.compile(
            r"\bthe\s+(top|first|biggest|largest|highest|best|lowest|smallest|bottom)\s+"
            r"[a-z]+\s+(?:from|of|in)\s+(?:that|those|the\s+(?:list|results?|table|answer))"
            r"(?=\s*[,.?!]|\s*$)",
            re.I,
        ),
        r"the \1 one",
    ),
    # 'Which companies are based outside the US, and in which countries?': the rows, each
    # with its country (never the distinct countries alone: half the question)
    (
        re.compile(
            r"^(?P<head>\s*(?:which|what|list|show(?:\s+me)?)\s+[^?]+?)\s*,?\s+and\s+in\s+"
            r"(?:which|what)\s+(?P<what>(?!(?:day|date|session)s?\b)[a-z]+)\s*(?P<end>[?.!]*)\s*$",
            re.I,
        ),
        # ('… and in which day?' asks the day of the row found: date_tail.py)
        lambda m: f"{m.group('head')}, with their {singular(m.group('what'))}{m.group('end')}",
    ),
    # 'how many rows does MSFT have in stock_price_history': that table's rows for MSFT
    (
        re.compile(
            r"\bhow\s+many\s+(rows|records|entries)\s+(?:does|do|did)\s+([^?.!]+?)\s+have\s+"
            r"in\s+(?:the\s+)?([a-z_]+(?:\s+table)?)\b",
            re.I,
        ),
        r"how many \1 in \3 for \2",
    ),
    # 'on nobody's watchlist', 'nothing on their watchlist', 'an empty watchlist': none
    (re.compile(r"\bon\s+nobody'?s\s+(\w+)", re.I), r"not on any \1"),
    (re.compile(r"\b(on|in)\s+any(?:one|body)'?s\s+(\w+)", re.I), r"\1 any \2"),
    # 'which sectors are they in mostly', 'mostly which sector?': the one with most of them
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:(?:mostly|mainly)\s+)?(?:which|what)\s+(?P<g>[a-z]+?)(?:ies|s)?\s+"
            r"(?:are|were)\s+(?P<who>they|those|these|them)(?:\s+(?:in|from))?\s*,?\s*"
            r"(?:mostly|mainly|in\s+the\s+main)\s*(?:in|from)?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: (
            f"which {m.group('g')}{'y' if 'ies ' in m.group(0).lower() else ''} has the most of "
            f"{'them' if m.group('who').lower() == 'they' else m.group('who')}"
        ),
    ),
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:mostly|mainly)\s+(?:which|what)\s+([a-z]+)\s*[?.!]*\s*$", re.I
        ),
        r"which \1 has the most of them",
    ),
    (
        re.compile(
            r"\b(have|has|had)\s+(?:nothing|zero\s+(?:stocks|picks)|no\s+stocks)\s+"
            r"(?:on|in)\s+(?:their|his|her|the)\s+(\w+)",
            re.I,
        ),
        r"\1 no \2",
    ),
    (re.compile(r"\b(have|has|had)\s+an?\s+empty\s+(\w+)", re.I), r"\1 no \2"),
    # 'which month was the peak' after monthly averages: the month with the highest value
    (
        re.compile(r"\b(was|were|is|had)\s+the\s+(?:peak|high\s+point)\b(?!\s+\w)", re.I),
        r"\1 the highest",
    ),
    (
        re.compile(r"\b(was|were|is|had)\s+the\s+(?:trough|low\s+point)\b(?!\s+\w)", re.I),
        r"\1 the lowest",
    ),
    # 'which 5 tech companies employ the most people': the most employees
    (
        re.compile(
            r"\b(employ|employs|employed)\s+the\s+(most|fewest|least)\s+"
            r"(?:people|staff|workers|folks|employees)\b",
            re.I,
        ),
        lambda m: (
            f"{'have' if m.group(1).lower() == 'employ' else 'has'} the {m.group(2)} employees"
        ),
    ),
    # 'top 3 stocks picked that month': the most picked, not the biggest of those picked
    (
        re.compile(
            r"\b(top\s+(?:\d+\s+)?)(stocks|tickers|companies|names)\s+"
            r"(picked|selected|added|chosen|watchlisted|followed)\b(?!\s+(?:to|by|on)\b)",
            re.I,
        ),
        r"\1most \3 \2",
    ),
    # 'how many picks have they made': how many they have
    (
        re.compile(
            r"\bhow\s+many\s+(picks|selections|stocks)\s+(?:have|has)\s+(they|he|she|those\s+users|"
            r"these\s+users|those\s+people)\s+made\b",
            re.I,
        ),
        lambda m: (
            f"how many {m.group(1)} "
            f"{'does' if m.group(2).lower() in ('he', 'she') else 'do'} {m.group(2)} have"
        ),
    ),
    # 'how many users have signed up so far': up to now, which adds nothing
    (re.compile(r"\s*\bso\s+far\b", re.I), ""),
    # 'how many companies have ebitda null': a null ebitda
    (
        re.compile(
            r"\b(have|has|had|with)\s+(?!(?:no|not|any|an?|the|some|all)\b)([a-z_]+)\s+"
            r"(null|missing|blank)\b(?!\s+(?:and|or)\b)",
            re.I,
        ),
        r"\1 \3 \2",
    ),
    # 'which ticker has the highest close ever': the one record, never a per-ticker average
    (
        re.compile(
            r"\b(which|what)\s+(tickers?|stocks?|compan(?:y|ies)|names?|symbols?)\s+(has|had|have)"
            r"\s+the\s+(highest|lowest|biggest|largest|smallest)\s+(?=\w+(?:\s+\w+)?\s+"
            r"(?:ever|of\s+all\s+time)\b)",
            re.I,
        ),
        lambda m: (
            f"{m.group(1)} "
            f"{m.group(2) if m.group(2).lower().startswith(('stock', 'compan')) else 'stock'} "
            f"{m.group(3)} the single {m.group(4)} "
        ),
    ),
    # 'most watchlisted tickers': the stocks counted, named by their tickers
    (
        re.compile(r"\b(most|least|top\s+\d+)\s+([a-z]+ed)\s+(?:tickers|symbols)\b", re.I),
        r"\1 \2 stocks",
    ),
    # 'out of how many users total': how many there are in all
    (
        re.compile(r"^\s*(?:and\s+)?out\s+of\s+how\s+many\s+([a-z ]+?)\s+(?:in\s+)?total\b", re.I),
        r"how many \1 in total",
    ),
    # 'where is Alphabet headquartered and how many employees does it have': both, of it
    (
        re.compile(
            r"^\s*where\s+(?:is|are)\s+(?P<who>.+?)\s+(?:headquartered|based|located)\s*,?\s+"
            r"and\s+how\s+many\s+(?P<what>(?:full[- ]time\s+)?(?:employees|staff|workers))\s+"
            r"(?:does|do)\s+(?:it|they)\s+(?:have|employ)\b",
            re.I,
        ),
        r"city, state, country and \g<what> of \g<who>",
    ),
    # 'How many people does Exxon Mobil employ, and where is it headquartered?': the same
    # two asked the other way round
    (
        re.compile(
            r"^\s*how\s+many\s+(?:people|ppl|employees|staff|workers)\s+(?:does|do)\s+"
            r"(?P<who>.+?)\s+(?:employ|have)(?:\s+full[- ]time)?\s*,?\s+and\s+where\s+(?:is|are)\s+"
            r"(?:it|they)\s+(?:headquartered|based|located)\s*\??\s*$",
            re.I,
        ),
        r"city, state, country and employees of \g<who>",
    ),
    # 'What sector is Eli Lilly in, and how many people does it employ?', 'what industry is
    # Caterpillar in, and how many people does it employ full-time?': both, of it
    (
        re.compile(
            r"^\s*(?:on\s+a\s+different\s+subject,\s*)?what\s+(?P<what>sector|industry)\s+is\s+"
            r"(?P<who>.+?)\s+in\s*,?\s+and\s+how\s+many\s+(?:people|ppl|employees|staff|workers)"
            r"\s+(?:does|do)\s+(?:it|they)\s+(?:employ|have)(?:\s+full[- ]time)?\s*\??\s*$",
            re.I,
        ),
        r"\g<what> and employees of \g<who>",
    ),
    # 'Alphabet headquarters and full-time employees', 'their headquarters': the place asked
    # for (elsewhere 'headquarters' only says where the rows are: 'HQ in Texas')
    (
        re.compile(r"\b(?:hq|hqs|headquarters)(?=\s*(?:,|\band\b)\s*(?!in\b)\w)", re.I),
        "city, state",
    ),
    (
        re.compile(
            r"(\b\w+'s|\bits|\btheir)\s+(?:hq|hqs|headquarters)\b(?!\s+(?:in|on|at|outside|within|near|located|based|city|state|cities)\b)",
            re.I,
        ),
        r"\1 city and state",
    ),
    # 'break down the Technology sector by industry - how many companies in each?'
    (
        re.compile(
            r"^\s*break\s+down\s+(?:the\s+)?(?P<what>[^?.!]+?)\s+by\s+(?P<groups>[a-z]+)\s*"
            r"(?:-|–|—|,|:|;)?\s*(?:how\s+many|(?:the\s+)?(?:number|count|#)\s+of)\s+(?P<rows>[a-z]+)"
            r"\s+(?:are\s+)?(?:in\s+each|per\s+(?:one|each|group))\b",
            re.I,
        ),
        r"how many \g<rows> in the \g<what> per \g<groups>",
    ),
    # 'which countries are those in, and how many in each?': those counted per country
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:which|what)\s+(?P<groups>[a-z]+?)(?P<plural>ies|s)\s+are\s+"
            r"(?P<who>those|they|these|them)\s+in\s*,?\s+(?:and\s+)?how\s+many\s+"
            r"(?:are\s+)?in\s+each(?:\s+(?:one|of\s+them))?\b",
            re.I,
        ),
        lambda m: (
            f"how many of {m.group('who')} per "
            f"{m.group('groups') + ('y' if m.group('plural').lower() == 'ies' else '')}"
        ),
    ),
    # 'which sectors are represented among the companies headquartered in Utah, and how many
    # companies are in each one?', 'which sectors are the utah companies in, and how many in
    # each': those rows counted per group
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:which|what)\s+(?P<groups>[a-z]+?)(?P<plural>ies|s)\s+are\s+"
            r"(?:(?:represented|found|present)\s+(?:among|in)\s+(?:the\s+)?(?P<rows>[^?,]+?)"
            r"|(?:the\s+)?(?P<rows2>[^?,]+?)\s+in)\s*,?\s+and\s+how\s+many(?:\s+[a-z]+)?\s+"
            r"(?:are\s+)?in\s+each(?:\s+(?:one|of\s+them|of\s+those))?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: (
            f"how many {m.group('rows') or m.group('rows2')} per "
            f"{m.group('groups') + ('y' if m.group('plural').lower() == 'ies' else '')}"
        ),
    ),
    # 'companies … that have not been added to any user's watchlist': picked by no user
    (
        re.compile(
            r"\b(?:have|has)\s*(?:not|n't)\s+been\s+(?:added\s+to|put\s+on|included\s+in)\s+"
            r"(?:any(?:one'?s)?|a)\s+(?:(?:single\s+)?users?'?s?'?\s+)?watch\s*lists?\b",
            re.I,
        ),
        "have not been picked by any user",
    ),
    # 'which stocks show up most on users' watchlists': the most picked stocks
    (
        re.compile(
            r"\b(?:shows?\s+up|appears?|are|is)\s+(?:the\s+)?most(?:\s+often)?\s+(?:on|in|across)\s+"
            r"(?:(?:users?'?s?'?|people'?s|ppl'?s|everyone'?s|the|all)\s+)?"
            r"(?:watch\s*lists?|selections|lists|picks)\b",
            re.I,
        ),
        "are the most picked by users",
    ),
    # 'users who have added at least one stock to their watchlist': who picked one
    (
        re.compile(
            r"\b(?:added|put)\s+(at\s+least\s+(?:one|\d+)|any|a|\d+\s+or\s+more)\s+(stocks?|companies|tickers)"
            r"\s+(?:to|on)\s+(?:their|a|his|her|the)\s+watch\s*lists?\b",
            re.I,
        ),
        r"picked \1 \2",
    ),
    # 'app users', 'the app's users': the users the data holds (they are the app's)
    (re.compile(r"\b(?:the\s+)?(?:app|platform)(?:'s)?\s+(users?)\b", re.I), r"\1"),
    # 'what sector do ppl pick the most for their watchlists': the most picked one
    (
        re.compile(
            r"\b(what|which)\s+([a-z]+)\s+do\s+(?:people|ppl|users|folks|(?:our\s+)?users)\s+"
            r"(?:pick|choose|select|add)\s+(?:the\s+)?most(?:\s+often)?"
            r"(?:\s+(?:for|to|on)\s+(?:their|there|the)\s+watchlists?)?(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        r"\1 \2 has the most picks",
    ),
    # 'which sector do users pick least often': the least picked
    (
        re.compile(
            r"\b(pick|picked|select|selected|choose|chosen)\s+(?:the\s+)?least\s+often\b", re.I
        ),
        r"\1 the least",
    ),
    # 'where's apple based and how many ppl work there': its place and its employees
    (
        re.compile(
            r"^\s*where(?:'s|\s+is)\s+(?P<who>.+?)\s+(?:based|headquartered|located)\s+and\s+"
            r"how\s+many\s+(?:people|ppl|employees|staff|workers)\s+(?:work|are\s+employed)\s+"
            r"(?:there|at\s+it|for\s+it)\b",
            re.I,
        ),
        r"city, state, country and employees of \g<who>",
    ),
    # "what's that add up to combined?", 'what do those 10 add up to together?': their total
    (
        re.compile(
            r"^\s*what(?:'s|\s+is|\s+does|\s+do)\s+(?:that|those|these|they|it)(?:\s+\d+)?\s+"
            r"add\s+up\s+to(?:\s+(?:combined|together|in\s+total|altogether))?\s*\??\s*$",
            re.I,
        ),
        "what is the total",
    ),
    # 'S&P 500 price return for 2023': its percentage change (a price return leaves out
    # dividends, which the data does not hold anyway)
    (re.compile(r"\bprice\s+return\b", re.I), "percent change"),
    # 'which city in Texas hosts the most company headquarters': has the most companies
    (
        re.compile(
            r"\b(?:hosts?|is\s+home\s+to|has)\s+the\s+(?:most|largest\s+number\s+of|greatest\s+"
            r"number\s+of)\s+(?P<index>s&p\s*500\s+)?(?:company\s+|corporate\s+)?"
            r"(?:headquarters|hqs)\b|\b(?:hosts?|is\s+home\s+to)\s+the\s+(?:most|largest\s+number"
            r"\s+of)\s+companies\b",
            re.I,
        ),
        lambda m: f"has the most {m.group('index') or ''}companies",
    ),
    # 'trading days per year': how many of them, as 'number of trading days per year' reads
    (
        re.compile(
            r"^(\s*)((?:trading|market)\s+days)\s+(?=(?:per|by|each|in\s+each)\s+"
            r"(?:year|month|quarter|week)\b)",
            re.I,
        ),
        r"\1number of \2 ",
    ),
    # 'whats the total headcount across the whole S&P 500?': over every company the data
    # holds (the figure is asked of all rows, so the whole index adds nothing)
    (
        re.compile(
            r"\b((?:total|sum|combined|overall|average|mean|how\s+many)\b[^?.!]{0,40}?)\s+"
            r"across\s+(?:the\s+)?(?:whole|entire|full)\s+(?:s&p(?:\s*500)?|index|market|"
            r"data\s*set|data|table)\b",
            re.I,
        ),
        r"\1",
    ),
    # 'companies with over 100k employees but negative revenue growth': both conditions
    (
        re.compile(
            r"(?<=\w)\s+but\s+(?=(?:a\s+|an\s+)?(?:negative|positive|over|under|more|less|"
            r"fewer|above|below|higher|lower|greater|smaller|at\s+least|at\s+most|"
            r"(?:a\s+)?market\s+cap)\b)",
            re.I,
        ),
        " and ",
    ),
    # 'When did the S&P 500 first close below 4,500?': the first date it closed there
    (
        re.compile(
            r"^\s*(?:so\s+|and\s+)?(?:when|on\s+what\s+(?:date|day)|what\s+(?:date|day)|which\s+(?:date|day))"
            r"\s+did\s+(?P<who>.+?)\s+first\s+(?:close|closed|finish|end)\s+(?P<way>below|above|under|over)\s+",
            re.I,
        ),
        r"first date \g<who> closed \g<way> ",
    ),
    # 'Within Financial Services, which industry employs the most people?': the scope said
    # first, read after the question ('… in Financial Services')
    (
        re.compile(
            r"^\s*(?:and\s+)?(?:within|inside|in)\s+(?!the\s+top\b|top\b)(?P<scope>[^,?]{2,40}?)\s*,\s*"
            r"(?P<ask>(?:which|what|who|how\s+many)\b[^?]*?)\s*(?P<end>\?*)\s*$",
            re.I,
        ),
        r"\g<ask> in \g<scope>\g<end>",
    ),
    # 'Weakest 10 stocks between …', 'Worst 10 Financial Services names from … to …': the
    # period's worst performers (a change needs its period, or it is declined as before)
    (
        re.compile(
            r"\b(?P<way>worst|weakest|best|strongest)\s+(?P<n>\d+)\s+(?P<what>(?:[A-Z][\w&]*\s+){0,3}?)"
            r"(?:stocks|names|tickers|performers)\b(?=.*\b(?:(?:19|20)\d\d|between|from)\b)",
            re.I,
        ),
        lambda m: (
            f"{m.group('n')} {'worst' if m.group('way').lower() in ('worst', 'weakest') else 'best'}"
            f" performing {m.group('what')}stocks"
        ),
    ),
    # 'Which 10 stocks did worst in 2022': performed worst
    (
        re.compile(
            r"^(\s*which\s+\d+\s+(?:stocks|companies|names|tickers))\s+(?:did|fared)\s+(worst|best)\b",
            re.I,
        ),
        r"\1 performed \2",
    ),
    # 'Nvidia's highest close, lowest close and average close in 2023': one measure, three
    # figures of it
    (
        re.compile(
            r"\b(highest|lowest|average|max(?:imum)?|min(?:imum)?|avg)\s+(close|open|price|volume),\s+"
            r"(highest|lowest|average|max(?:imum)?|min(?:imum)?|avg)\s+\2,?\s+and\s+"
            r"(highest|lowest|average|max(?:imum)?|min(?:imum)?|avg)\s+\2\b",
            re.I,
        ),
        r"\1, \3 and \4 \2",
    ),
    # 'Top 5 healthcare employers by headcount': the companies (the biggest employers are
    # read by their own synonym)
    (
        re.compile(
            r"(?<!biggest\s)(?<!largest\s)(?<!top\s)(?<!\d\s)(?<!most\s)\bemployers\b"
            r"(?=\s+by\s+(?:headcount|employees|staff|workforce|size|market\s+cap)\b)",
            re.I,
        ),
        "companies",
    ),
    # 'the most valuable company in the stock market': every company the data holds
    (
        re.compile(
            r"\b(compan(?:y|ies)|stocks?)\s+(?:in|on)\s+the\s+(?:whole\s+|entire\s+)?"
            r"(?:stock\s+)?market\b(?!\s*(?:cap|close|open|value|capitali))",
            re.I,
        ),
        r"\1",
    ),
    # 'which six stocks appear most often in user watchlists': in the most of them
    (
        re.compile(
            r"\b(appears?|show(?:s)?\s+up|turns?\s+up)\s+(?:the\s+)?most\s+(?:often|frequently)\s+in\s+",
            re.I,
        ),
        r"\1 in the most ",
    ),
    # 'which company has the most people': its employees, not the app's users who picked it
    (
        re.compile(
            r"\b(compan(?:y|ies)|firms?|employers?)\b([^?.!]*?)\b(most|fewest|least|more|fewer)\s+"
            r"people\b(?!\s+(?:who|that|picking|selecting|watching|following))",
            re.I,
        ),
        r"\1\2\3 employees",
    ),
    # a trader's 'up days' / 'down days': days that closed above / below their open ('TSLA up
    # days in 2022' counts them; 'SPX down days, close below prior close' needs the previous
    # day's row and stays declined: the index has no open)
    (
        re.compile(r"^\s*([A-Z]{1,5}|[A-Z][a-z]+)\s+(up|down)\s+days\b(?!\s+(?:where|when|with))"),
        lambda m: (
            f"how many days did {m.group(1)} close "
            f"{'above' if m.group(2) == 'up' else 'below'} its open"
        ),
    ),
    (
        re.compile(
            r"\b(how\s+many|number\s+of|count\s+of)\s+(up|down)\s+days\b(?!\s+(?:where|when|with))",
            re.I,
        ),
        lambda m: (
            f"{m.group(1)} days where close was "
            f"{'above' if m.group(2).lower() == 'up' else 'below'} open"
        ),
    ),
    # 'which companies report revenue growth of 0': the companies with that value ('who
    # reported bug 5' on a bug tracker keeps its verb: only companies report figures)
    (
        re.compile(
            r"\b(compan(?:y|ies)|firms?|stocks?|names)\s+(?:that\s+|which\s+)?report(?:s|ed)?\s+"
            r"(?=(?:a\s+|an\s+)?[a-z])",
            re.I,
        ),
        r"\1 with ",
    ),
    # "How does Walmart's headcount compare with Amazon's?": both values side by side
    (
        re.compile(
            r"^\s*how\s+(?:does|do|did)\s+(?!(?:that|this|it|they|those|these)\b)(?P<a>\S.*?)\s+"
            r"compare\s+(?:with|to|against)\s+(?P<b>\S.*?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"compare \g<a> with \g<b>",
    ),
    # 'signups per month for 2023, in order': periods are shown in time order anyway
    (
        re.compile(
            r"(\b(?:per|by|each|every)\s+(?:day|week|month|quarter|year)\b[^?.!]*?),?\s+in\s+"
            r"(?:chronological\s+|date\s+|time\s+)?order\s*(?=[?.!]*\s*$)",
            re.I,
        ),
        r"\1",
    ),
    # 'the most frequently selected stocks': the most selected
    (
        re.compile(
            r"\bmost\s+(?:frequently|often|commonly)\s+(?=(?:picked|selected|chosen|added|"
            r"watched|bought|ordered|rented|borrowed|booked)\b(?!.*\b(?:together|alongside|along\s+"
            r"with|besides|other\s+than)\b))",
            re.I,
        ),
        "most ",
    ),
    # 'Distinct trading days per calendar year': how many distinct ones in each
    (
        re.compile(
            r"^\s*(?:the\s+)?(distinct|unique)\s+(?=\w[\w\s]*?\s+(?:per|for\s+each)\s)", re.I
        ),
        r"number of \1 ",
    ),
    # '… close above its open in 2022? close > open': the definition said again after it
    (
        re.compile(
            r"(?s)^(.*\b(?:above|below)\s+(?:its\s+)?open\b.*?)[\s?,;(]*close\s*[<>]\s*open"
            r"\s*\)?\s*\??\s*$",
            re.I,
        ),
        r"\1",
    ),
    # 'from the 2022-01-03 close to the 2023-12-29 close': the measure once, then the days
    (
        re.compile(
            r"\bfrom\s+the\s+(\d{4}-\d\d-\d\d)\s+(close|open|high|low|level|price)\s+"
            r"to\s+the\s+(\d{4}-\d\d-\d\d)\s+\2\b",
            re.I,
        ),
        r"in \2 from \1 to \3",
    ),
    # 'which stock got picked most': the passive said with 'got'
    (re.compile(r"\bgot\s+(picked|selected|chosen|added|bought)\b", re.I), r"were \1"),
    # 'the very first user', 'stocks picked at least once': emphasis that changes nothing
    (
        re.compile(
            r"\bvery\s+(?=(?:first|last|latest|earliest|newest|oldest|top|biggest|highest|"
            r"lowest|smallest|largest)\b)",
            re.I,
        ),
        "",
    ),
    (re.compile(r"(?<=ed)\s+at\s+least\s+once\b", re.I), ""),
    # 'what did user 13 pick?', 'what did they choose': the stocks picked (picks are of
    # stocks in the sample's app; elsewhere 'stocks' is unknown and declined as before)
    (
        re.compile(
            r"\bwhat\s+(?=did\s+(?:user\s+\d+|they|he|she|users?|those\s+users)\s+"
            r"(?:pick|select|choose|add)\b)",
            re.I,
        ),
        "what stocks ",
    ),
    # "what's user 14 holding", 'show me what user 10 has selected': the stocks user 14 picked
    (
        re.compile(
            r"\bwhat(?:'s|\s+is|\s+has)?\s+(user\s+\d+)\s+(?:has\s+|is\s+)?(?:holding|"
            r"selected|picked|chosen|watching|got)\b",
            re.I,
        ),
        r"what stocks did \1 pick",
    ),
    # 'how many ppl have TSLA on their list', 'people who picked …': the app's users
    (
        re.compile(
            r"\b(?:people|persons|folks|investors)\b(?=\s+(?:have|has|had)\s+.{1,40}?\bon\s+"
            r"their\s+(?:watch\s*)?list)",
            re.I,
        ),
        "users",
    ),
    (
        re.compile(
            r"\b(?:people|folks|investors)\s+(?=(?:who\s+)?(?:picked|selected|chose)\b)", re.I
        ),
        "users ",
    ),
    # 'which 1 has best rev growth': 'which one' typed as a digit (a pronoun, not a number)
    (
        re.compile(
            r"\b(which|the)\s+1\b(?=\s+(?:has|had|is|was|did|does|got|with|of\s+(?:them|those|these))\b)",
            re.I,
        ),
        r"\1 one",
    ),
    # 'top 5 most added stocks': added to a watchlist most often, the most picked (not the
    # latest date added)
    (
        re.compile(
            r"\b(most|least)\s+(?:often\s+)?added\s+(stocks?|companies|company|tickers?|names?)\b",
            re.I,
        ),
        r"\1 picked \2",
    ),
    # 'most picked ticker across users': the most picked stock
    (
        re.compile(
            r"\b((?:most|least)\s+(?:picked|popular|selected|watched|chosen))\s+"
            r"(?:tickers?|symbols?|names?)(?:\s+(?:across|among|with|by)\s+(?:all\s+)?users)?\b",
            re.I,
        ),
        r"\1 stock",
    ),
    # 'most watchlisted stock across users': every pick is a user's, 'across users' adds nothing
    (
        re.compile(
            r"\b((?:most|least)\s+(?:picked|popular|selected|watched|watchlisted|chosen|added)\s+"
            r"(?:stocks?|companies|company)|(?:stocks?|companies|company)\s+with\s+the\s+"
            r"(?:most|fewest|least)\s+(?:picked|popularity|selected|watched|watchlisted|chosen|added))"
            r"\s+(?:across|among)\s+(?:all\s+)?(?:the\s+)?(?:users|people|ppl)\b(?=\s*(?:[?.!,]|$))",
            re.I,
        ),
        r"\1",
    ),
    # 'everyone who signed up but never added a stock', 'users who created an account but
    # have never selected one': every user signed up; the condition is the 'never'
    (
        re.compile(
            r"\b(who|that|users|people|everyone|everybody)\s+(?:signed\s+up|registered|joined|"
            r"created\s+(?:an\s+|their\s+)?accounts?)\s*,?\s+(?:but|and)\s+"
            r"(?=(?:(?:have|has)\s+)?never\b)",
            re.I,
        ),
        lambda m: m.group(1) + (" " if m.group(1).lower() in ("who", "that") else " who "),
    ),
    # "what sectors are their stocks in", "which industries are user 5's picks in": each of
    # those rows with its value (as 'which sectors are AAPL and MSFT in' is answered)
    (
        re.compile(
            r"\b(?:what|which)\s+([a-z]+?)s?\s+are\s+((?:(?:their|his|her|its|those|these|the|"
            r"[\w]+(?:\s+\d+)?'s)\s+)?(?:stocks|companies|picks|holdings|names|tickers)"
            r"(?:\s+of\s+[a-z]+\s+\d+)?)\s+in\s*(?=[?.!]*\s*$)",
            re.I,
        ),
        r"list \2 with their \1",
    ),
    # 'user id 36', 'user #36': user 36 (as the engine names a numbered row)
    (
        re.compile(r"\b(user|customer|account)\s+(?:id\s*|#\s*|no\.?\s*|number\s+)(\d+)\b", re.I),
        r"\1 \2",
    ),
    # 'the user ids that signed up …': the users (their ids are how they are shown)
    (re.compile(r"\b(?:the\s+)?user\s+ids\s+(?=(?:that|who|with|which)\b)", re.I), "users "),
    # 'the all-time high closing level': the highest close (a high names the day's column
    # only when nothing follows it)
    (
        re.compile(
            r"\b(?:all[- ]time|record)\s+(high|low)\s+(?=(?:closing|close|closes|level|price)\b)",
            re.I,
        ),
        lambda m: "highest " if m.group(1).lower() == "high" else "lowest ",
    ),
    # 'the most recent trading day contained in the dataset', 'over the whole sample': the
    # data the database holds
    (
        re.compile(
            r"\b(?:contained\s+)?(in|within|across|over|of)\s+(?:the|this|our)\s+"
            r"(?:whole\s+|entire\s+|full\s+)?(?:sample(?:\s+period)?|dataset|data\s*set)\b",
            re.I,
        ),
        r"\1 the data",
    ),
    # '…, and how large are they by market cap?': their market cap beside them
    (
        re.compile(
            r",?\s*and\s+how\s+(?:large|big|small)\s+(?:are|were|is)\s+(?:they|those|these|each)\s+"
            r"(?:by|in\s+terms\s+of)\s+([a-z][a-z ]{1,30}?)(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r" with their \1",
    ),
    # '…'s most recent closing price, and how many shares traded that day?': the volume that day
    (
        re.compile(
            r",?\s*and\s+how\s+many\s+shares\s+(?:were\s+)?(?:traded|changed\s+hands)"
            r"(?:\s+(?:that|on\s+that|the\s+same)\s+day)?(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        " and volume",
    ),
    # 'put Coca-Cola and PepsiCo side by side for me: market cap, EBITDA and revenue growth'
    (
        re.compile(
            r"\bput\s+(.{2,60}?)\s+(?:side\s+by\s+side\s*)?(?:for\s+(?:me|us)\s*)?:\s*", re.I
        ),
        r"show \1 with ",
    ),
    # "how's that compare to bank of america?": how does that compare
    (re.compile(r"\bhow(?:'s|s|\s+is)\s+(that|it|this)\s+compare\b", re.I), r"how does \1 compare"),
    # 'the average headcount of an Industrials company, and how does it compare with the
    # Technology sector?': the one measure of both, side by side
    (
        re.compile(
            r"\s*,?\s*and\s+how\s+(?:does|do)\s+(?:it|that|this|they)\s+compare\s+(?:with|to|against)\s+"
            r"(?:the\s+)?(?=\S)",
            re.I,
        ),
        " vs ",
    ),
    # 'close higher than on the previous trading day': than the day before
    (
        re.compile(
            r"\bthan\s+(?:on\s+|at\s+)?the\s+(?:previous|prior|preceding)\s+(?:trading\s+)?(?:day|session)\b",
            re.I,
        ),
        "than the day before",
    ),
    # 'how many days did the S&P 500 rise in 2022': closed higher than the day before
    (
        re.compile(
            r"\b(how\s+many\s+(?:trading\s+)?days\s+did\s+.+?)\s+(rise|go\s+up|gain|climb|fall|drop|"
            r"decline|go\s+down)\b",
            re.I,
        ),
        lambda m: (
            m.group(1)
            + (
                " close higher than the day before"
                if m.group(2).lower() in ("rise", "go up", "gain", "climb")
                else " close lower than the day before"
            )
        ),
    ),
    # 'the july signups', 'those July folks', 'the january 2023 cohort': the users who signed up
    # in that month
    (
        re.compile(
            # ('what about just the july signups?' edits the question before: left to it)
            r"(?<!\babout\s)(?<!\bjust\s)(?<!\bonly\s)"
            r"\b(?:the|those|these|our)\s+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
            r"(?:\s+(?:19|20)\d\d)?)\s+(?:users|signups|sign[- ]ups|folks|people|ppl|joiners|"
            r"(?:signup\s+)?cohort)\b",
            re.I,
        ),
        r"the users who signed up in \1",
    ),
    # 'how many constituents weigh more than 1%': have a weight of more than 1%
    (re.compile(r"\bweighs?\s+(more|less)\s+than\b", re.I), r"have a weight \1 than"),
    (
        re.compile(r"\bhow\s+much\s+does\s+(.+?)\s+weigh\b(?:\s+on\s+its\s+own)?", re.I),
        r"what is the weight of \1",
    ),
    # 'how many trading days does the price history cover': how many are in it
    (
        re.compile(
            r"\bhow\s+many\s+(trading\s+days|days|dates|rows)\s+does\s+(?:the\s+)?(.+?)\s+cover"
            r"(?:\s+altogether|\s+in\s+total)?\b",
            re.I,
        ),
        r"how many \1 are in the \2",
    ),
    # 'the most recent pick anyone made', 'the last pick made by anyone': every pick is someone's
    (
        re.compile(r"\b(pick|selection)\s+(?:anyone|anybody|someone|we\s+got)(?:\s+made)?\b", re.I),
        r"\1",
    ),
    (re.compile(r"\b(pick|selection)\s+made\s+by\s+(?:anyone|anybody|someone)\b", re.I), r"\1"),
    # 'nvda or amd, which one got more picks?': has more
    (
        re.compile(r"\bgot\s+(more|fewer|the\s+most|the\s+fewest)\s+(picks|selections)\b", re.I),
        r"has \1 \2",
    ),
    # 'city/state', 'sector/industry': both columns (never a division of two words)
    (
        re.compile(
            r"\b(city|state|country|sector|industry|ticker|name)\s*/\s*(city|state|country|sector|"
            r"industry|ticker|name)\b",
            re.I,
        ),
        r"\1 and \2",
    ),
    # 'and 22' after a question about 2023: the year 2022
    (
        re.compile(r"^\s*((?:and|what\s+about|how\s+about)\s+)'?(1[5-9]|2\d)\s*(\??)\s*$", re.I),
        r"\g<1>20\2\3",
    ),
    # 'top 5 most watchlisted tickers, with how many ppl saved each': the count is shown anyway
    (
        re.compile(
            r",?\s*(?:with|and|plus)\s+how\s+many\s+(?:ppl|people|users|folks|investors)\s+"
            r"(?:saved|picked|added|selected|chose|have|follow|watch)\s+(?:each(?:\s+one)?|them|it)"
            r"(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        # (only where the stocks are ranked by it; 'which Texas companies are users picking,
        # and how many users picked each' asks for the count it would drop)
        lambda m: "" if _RANKED_BY_PICKS.search(m.string[: m.start()]) else m.group(0),
    ),
    # 'the range (min and max) of the weight column': the two said in brackets
    (
        re.compile(
            r"\b(?:the\s+)?range\s*\(\s*(min(?:imum)?|lowest)\s*(?:and|&|/|,)\s*(max(?:imum)?|highest)\s*\)",
            re.I,
        ),
        r"the \1 and \2",
    ),
    # 'the weight column in index_compositions': the column itself ('column' names none)
    (re.compile(r"\b([a-z][a-z_]*)\s+(?:column|field)\b(?!\s*(?:names?|s)\b)", re.I), r"\1"),
    # 'how many nulls in the ebitda column': the rows whose value is missing
    (
        re.compile(
            r"\bhow\s+many\s+(?:nulls|null\s+values|missing\s+values|empty\s+values|blanks)\s+"
            r"(?:are\s+there\s+)?(?:in|for|on)\s+(?:the\s+)?(?=[a-z_])",
            re.I,
        ),
        "how many rows have a null ",
    ),
    # 'signups in march?': asked as a figure, how many (a list of users is 'users who …')
    (
        re.compile(
            r"^\s*(?:(?:and|so|ok|what\s+about)[\s,]+)?(?:new\s+)?(signups|sign[- ]ups|registrations)\s+"
            r"((?:in|during|for|on|since)\s+[^?]{1,40}?)\s*\?\s*$",
            re.I,
        ),
        r"how many \1 \2?",
    ),
    # 'top 10 idx weights': the ten stocks weighing most in the index (each one named)
    (
        re.compile(
            r"\b(top\s+\d+)\s+(?:idx|index|s&p\s*500|spx)\s+(?:weights?|wts?|weightings?)"
            r"(?=\s*[?.!]*\s*$|\s*[.,;:]\s)",
            re.I,
        ),
        r"\1 stocks by index weight",
    ),
    # 'which stocks did user 119 add in december': picked (to 'add' is also to sum)
    (
        re.compile(
            r"\b(did|do|does)\s+((?:user\s+\d+|users|they|he|she|people|ppl|folks|everyone|someone|anyone))"
            r"\s+add\b(?!\s+(?:up|to)\b)",
            re.I,
        ),
        r"\1 \2 pick",
    ),
    # 'total stock adds in december': the picks (each is of a stock)
    (re.compile(r"\b(?:stock|ticker)\s+(?:adds|picks|selections)\b", re.I), "picks"),
    # 'tech names with revenue growth worse than -10%': below that number (better: above)
    (re.compile(r"\bworse\s+than\s+(?=[-−]?\d)", re.I), "below "),
    (re.compile(r"\bbetter\s+than\s+(?=[-−]?\d)", re.I), "above "),
    # 'top 3 US states by HQ count': by how many companies have their headquarters there
    (re.compile(r"\bby\s+(?:hq|hqs|headquarters?)\s+count\b", re.I), "by number of companies"),
    # 'sector with the most names in the index': names are companies there
    (re.compile(r"\b(most|fewest|least)\s+(?:company\s+)?names\b", re.I), r"\1 companies"),
    # 'what exchanges are there and how many companies on each': companies per exchange
    (
        re.compile(
            r"^\s*(?:what|which)\s+(?:are\s+the\s+)?([a-z]+)\s+(?:are\s+there|exist|are\s+in\s+"
            r"(?:the\s+)?([\w &]+?))\s*,?\s*and\s+how\s+many\s+([a-z]+)\s+(?:are\s+)?"
            r"(?:on|in|for|under)\s+each(?:\s+(?:one|of\s+them))?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: (
            f"how many {m.group(3)} are there per {m.group(1)}"
            + (f" in {m.group(2)}" if m.group(2) else "")
        ),
    ),
    # 'stocks picked by at least 10 users', 'picked by just one user', 'only been picked
    # once': a count of the picks (a user picks a stock once)
    (
        re.compile(
            r"\b(?:have\s+been\s+|has\s+been\s+|were\s+|was\s+|been\s+|are\s+|is\s+)?"
            r"(?:picked|selected|chosen|added|watched)\s+by\s+(exactly\s+|only\s+|just\s+|"
            r"at\s+least\s+|more\s+than\s+|fewer\s+than\s+|less\s+than\s+|at\s+most\s+|"
            r"over\s+|under\s+)?(\d+|one|two|three|four|five|ten)\s+(?:different\s+|distinct\s+)?"
            r"(?:users?|people|persons?|folks|investors|pickers)\b",
            re.I,
        ),
        lambda m: (
            "have "
            + _how_many(m.group(1))
            + {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "ten": "10"}.get(
                m.group(2).lower(), m.group(2)
            )
            + (" pick" if m.group(2).lower() in ("1", "one") else " picks")
        ),
    ),
    (
        re.compile(
            r"\b(?:have\s+|has\s+)?(?:only\s+|just\s+)?(?:been\s+)?(?:picked|selected|chosen|"
            r"added)\s+(?:only\s+|just\s+|exactly\s+)?once\b",
            re.I,
        ),
        "have exactly 1 pick",
    ),
    # 'Nvidia high and low for calendar 2023'
    (re.compile(r"\bcalendar\s+(?:year\s+)?(?=(?:19|20)\d\d\b)", re.I), ""),
    # 'what sector is Berkshire classified in?'
    (
        re.compile(
            r"\s+(?:classified|categori[sz]ed|listed)(?=\s+(?:in|under)\s*[?.!]*\s*$)", re.I
        ),
        "",
    ),
    # 'its heaviest volume': the highest
    (re.compile(r"\bheaviest\s+(?=(?:trading\s+)?volumes?\b)", re.I), "highest "),
    # 'the most picks made', 'how many picks go to companies in texas'
    (re.compile(r"\b(picks|selections)\s+(?:were\s+)?made\b", re.I), r"\1"),
    (re.compile(r"\b(picks|selections)\s+(?:go|went)\s+to\b", re.I), r"\1 are of"),
    # 'how far back does the stock price data go': its earliest date
    (
        re.compile(
            r"^\s*how\s+far\s+back\s+(?:does|do)\s+(?:the\s+|your\s+)?(.+?)\s+go\b"
            r"(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        # ('your S&P 500 history': its price history)
        lambda m: (
            "what is the earliest date in the "
            + re.sub(r"(?<!price)(?<!prices)\s+history$", " price history", m.group(1), flags=re.I)
        ),
    ),
    # 'which city has the most companies headquartered there'
    (re.compile(r"\b(headquartered|based|located)\s+there\b", re.I), r"\1"),
    # 'how many companies does nobody have on their watchlist': have never been picked
    (
        re.compile(
            r"\b(?:does|do)\s+(?:nobody|no\s+one|no\s+user)\s+have\s+on\s+"
            r"(?:(?:their|a|his|her|the)\s+)?(?:watch\s*)?lists?\b",
            re.I,
        ),
        "have never been picked",
    ),
    # 'energy tickers nobody has on their watchlist': that nobody picked
    (
        re.compile(
            r"\b(?:that\s+)?(?:nobody|no\s+one|no\s+user)\s+has\s+on\s+(?:(?:their|a|his|her|the)\s+)?"
            r"(?:watch\s*)?lists?\b",
            re.I,
        ),
        "that have never been picked",
    ),
    # 'which users have both Apple and Microsoft picked?'
    (
        re.compile(r"\bhave\s+both\s+(.{2,40}?)\s+(picked|selected|chosen)\b", re.I),
        r"\2 both \1",
    ),
    # 'SPX last print': its latest price
    (re.compile(r"\blast\s+print\b", re.I), "latest price"),
    # 'cities with 15 or more company HQs - how many in each?': the groups kept by a count
    # show that count already
    (
        re.compile(
            r"^(?P<q>.*?\b(?:\d+\s*\+|\d+\s+or\s+more|at\s+least\s+\d+|more\s+than\s+\d+|"
            r"over\s+\d+)\s+.+?)\s*(?:[,;:]|\s[-–—])\s*(?:and\s+)?(?:how\s+many\s+(?:are\s+)?"
            r"(?:in|for|at|per)?\s*each(?:\s+one)?|with\s+(?:the\s+|their\s+)?counts?|"
            r"show\s+(?:the\s+)?counts?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<q>",
    ),
    # 'how many index companies are there': the companies in the index (the last noun is
    # what is counted; read as written, the indexes were)
    (
        re.compile(
            r"\b(?:the\s+)?index\s+(companies|stocks|constituents|members|names|firms)\b", re.I
        ),
        r"\1 in the index",
    ),
    # 'never been put on anyone's watchlist': never picked
    (
        re.compile(
            r"\b(been\s+)?(?:put|added|placed)\s+(?:on|to|in)(?:to)?\s+(?:anyone'?s|anybody'?s|"
            r"someone'?s|somebody'?s|any|a|their|any\s+user'?s|a\s+user'?s)\s+"
            r"watch\s?lists?\b",
            re.I,
        ),
        lambda m: f"{m.group(1) or ''}picked",
    ),
    # 'what was the S&P 500 sitting at on …': where it stood that day
    (re.compile(r"\b(?:sitting|standing|sat|stood)\s+at\b", re.I), "at"),
    # 'what slice of the index's weight': its share
    (re.compile(r"\b(?:slice|chunk|portion|piece)\s+of\b", re.I), "share of"),
    # 'the index's total weight': the total index weight (the index is no condition)
    (
        re.compile(
            r"\b(?:the\s+)?index(?:'s|’s|es')\s+(?:(total|combined|overall)\s+)?weights?\b", re.I
        ),
        lambda m: f"the {m.group(1) or 'total'} index weight",
    ),
    # 'What share of total market cap does the Technology sector represent': is in it
    (
        re.compile(
            r"^(\s*(?:what|which)\s+(?:share|percent(?:age)?|%|proportion|fraction)\s+of\s+"
            r"(?:the\s+)?(?:total|overall|combined|whole|entire|s&p|index)\b.*?)"
            r"\s+(?:does|do)\s+(?:the\s+)?([a-z][\w &-]*?)\s+(sector|industry)?\s*(?:represent|"
            r"account\s+for|make\s+up|comprise|hold|have)\b",
            re.I,
        ),
        lambda m: f"{m.group(1)} is in the {m.group(2)}" + (f" {m.group(3)}" if m.group(3) else ""),
    ),
    # '…, in percent': a share is a percentage already
    (
        re.compile(
            r"^(\s*(?:(?:what|which)\s+)?(?:share|percent(?:age)?|%|proportion|fraction|slice)\s+"
            r"of\s+.+?)(?:[,?\s]+(?:in|as\s+an?)\s+|\s*[,?]\s*)(?:percent(?:age)?s?|%)"
            r"(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r"\1",
    ),
    # 'what % of the index weight is tech stocks': the sector's share ('stocks' adds no rows)
    (
        re.compile(
            r"^(\s*(?:what|which)\s+(?:share|percent(?:age)?|%|proportion|fraction)\s+of\s+.+?"
            r"\b(?:is|are)\s+(?:in\s+)?(?:the\s+)?[a-z][\w&-]*(?:\s+[a-z][\w&-]*)?)\s+"
            r"(?:stocks|companies|names)(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r"\1",
    ),
    # 'top 3 company by revenue grow', 'average close on 2022 year'
    (re.compile(r"\brevenue\s+grow\b", re.I), "revenue growth"),
    (re.compile(r"\b(?:on|in|for|at|of)\s+((?:19|20)\d\d)\s+year\b", re.I), r"in \1"),
    # 'is Apple the largest company by market cap?', 'Is it true that Apple is the largest …':
    # the largest is shown (the answer says whether it is Apple); with Apple as a condition
    # the ranking would find Apple whatever its rank
    (
        re.compile(
            r"^\s*(?:(?:is|was)\s+it\s+(?:true|correct|right)\s+that\s+(?:the\s+)?(?:[\w.&'-]+\s+){1,4}?"
            r"(?:is|was)\s+|(?:is|was)\s+(?:the\s+)?(?:[\w.&'-]+\s+){1,4}?)(?:really\s+|still\s+)?"
            r"(?=(?:the\s+)?(?:single\s+)?(?:largest|biggest|highest|lowest|smallest|most|least|top|"
            r"cheapest|priciest|oldest|newest|fastest|slowest)\b)",
            re.I,
        ),
        "which is ",
    ),
    # 'which state is home to the most companies': has the most
    (re.compile(r"\b(?:is|are)\s+home\s+to\b", re.I), "has"),
    # 'first trading day close vs last close': the first close
    (
        re.compile(r"\b(first|last)\s+trading\s+day(?:'s)?\s+(close|open|level|price)\b", re.I),
        r"\1 \2",
    ),
    # 'biggest single-day volume': the day with the biggest volume (the day is asked too)
    (
        re.compile(r"\b(?:single|one)[-\s]day\s+((?:trading\s+)?volume)\b(?!\s+day)", re.I),
        r"\1 day",
    ),
    # 'most popular stock among users, by how many picked it', 'the top 10 by how many people
    # picked them': how it is ranked (said again, or said only there: never dropped)
    (
        re.compile(
            r",?\s*by\s+how\s+many\s+(?:users\s+|people\s+)?(?:picked|selected|chose|added)"
            r"\s+(?:it|them)\b",
            re.I,
        ),
        " by number of picks",
    ),
    # 'total shares of JPM traded in March 2023': its total volume
    (
        re.compile(
            r"\b(?:how\s+many\s+|total\s+|(?:the\s+)?number\s+of\s+)?shares\s+of\s+(\$?[A-Za-z.&-]+)"
            r"\s+(?:were\s+)?traded\b",
            re.I,
        ),
        r"total volume of \1",
    ),
    # 'high and low over that stretch': the period's high and low, not every day's pair
    (
        re.compile(
            r"^\s*((?:and|so|ok(?:ay)?|what\s+about|what\s+were|what\s+was)\s+)?(?:the\s+)?"
            r"high\s+and\s+(?:the\s+)?low\b(?!.*\b(?:daily|each\s+day|every\s+day|per\s+day)\b)",
            re.I,
        ),
        lambda m: f"{m.group(1) or ''}max high and min low",
    ),
    # 'the close in the last day of 2022': on its last trading day
    (
        re.compile(r"\b(?:in|at)\s+the\s+(last|first)\s+(?:trading\s+)?day\s+of\b", re.I),
        r"on the \1 trading day of",
    ),
    # 'the most big market cap', 'more big than': the comparative said with 'most/more'
    (
        re.compile(r"\b(?:the\s+)?most\s+(big|large|high|small|low|cheap|expensive)\b", re.I),
        lambda m: (
            "the "
            + {
                "big": "biggest",
                "large": "largest",
                "high": "highest",
                "small": "smallest",
                "low": "lowest",
                "cheap": "cheapest",
                "expensive": "most expensive",
            }[m.group(1).lower()]
        ),
    ),
    # 'when was created the first user?': the verb after its subject
    (
        re.compile(
            r"^\s*when\s+(was|were)\s+(created|registered|added|founded|listed)\s+"
            r"(the\s+[^?]+?)\s*(\?*)\s*$",
            re.I,
        ),
        r"when \1 \3 \2\4",
    ),
    # 'how many stock price records we have for apple': rows of its price history
    (
        re.compile(r"\bstock\s+price\s+(?:records|rows|entries|data\s+points)\b", re.I),
        "price history rows",
    ),
    # 'users who signed up but never picked': every user signed up; the condition is 'never'
    (
        re.compile(
            r"\b(?:signed\s+up|joined|registered)\s+but\s+(?=never\b|have\s+not\b|"
            r"haven't\b|did\s*n[o']t\b)",
            re.I,
        ),
        "",
    ),
    # 'how many stock picks happened in Q2 2023': the rows of that period
    (
        re.compile(
            r"\s+(?:happened|took\s+place|occurred|were\s+made)(?=\s+(?:in|on|during|between|since)\b)",
            re.I,
        ),
        "",
    ),
    # 'How many constituents are outside the United States? Please break it down by
    # country.': the count per country
    (
        re.compile(
            r"^\s*(?P<count>how\s+many\s+[^?]+?)\s*\?\s*(?:(?:please|pls|and|ok(?:ay)?|also)[\s,]+)?"
            r"(?:can\s+you\s+|could\s+you\s+)?break\s+(?:it|that|this|them)\s+(?:down|up|out)\s+"
            r"by\s+(?P<groups>[a-z]+(?:\s+[a-z]+)?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<count> per \g<groups>",
    ),
    # 'Consumer Defensive companies by HQ state, with a count for each': the count the
    # grouping shows anyway
    (
        re.compile(
            r"(\bby\s+[a-z]+(?:\s+[a-z]+)?)\s*(?:,|-|–|—)?\s*(?:with|and|plus)\s+(?:a|the)\s+"
            r"(?:count|number|tally)\s+(?:for|in|of)\s+each(?:\s+one)?(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r"\1",
    ),
    # 'which stocks got picked more than once in dec', 'customers who ordered at least 3
    # times': the rows with more than one related row (the verb names their table)
    (
        re.compile(
            r"\b(?:(?:who|that|which)\s+)?(?:(?:were|was|got|get|gets|have\s+been|has\s+been|"
            r"had\s+been|been|are|is)\s+)?(?P<verb>[a-z]+ed)\s+(?P<op>more\s+than|over|at\s+least|"
            r"fewer\s+than|less\s+than|under|at\s+most|exactly|only|just)\s+(?P<n>once|twice|thrice|"
            r"\d+\s+times|(?:two|three|four|five|six|seven|eight|nine|ten)\s+times)\b",
            re.I,
        ),
        lambda m: (
            f"with {_TIMES_OP.get(m.group('op').lower(), m.group('op'))} "
            f"{_TIMES.get(m.group('n').lower().split()[0], m.group('n').split()[0])} "
            f"{m.group('verb')}"
        ),
    ),
    # 'SPX level at 2022 YE close', 'year-end 2022', 'EOY 2023': the end of that year
    (
        re.compile(
            r"\b(?:at\s+)?(?:the\s+)?(?:(?:YE|EOY|year[- ]end|end[- ]of[- ]year)\s+((?:19|20)\d\d)|"
            r"((?:19|20)\d\d)\s+(?:YE|EOY|year[- ]end))\b(?:\s+close\b)?",
            re.I,
        ),
        lambda m: f"at the end of {m.group(1) or m.group(2)}",
    ),
    # 'How many vehicles does each depot have? Show the depot name and the number of
    # vehicles.': the count per group shows the group's name anyway
    (
        re.compile(
            r"^(?P<asked>\s*(?:for\s+each\s+[a-z]+\s*,\s*)?how\s+many\b[^?]*\b(?:each|per|every)\b[^?]*\?)"
            r"\s*(?:please\s+)?(?:show|list|give|return)\s+(?:me\s+)?(?:the\s+|its\s+|their\s+)?"
            r"(?:[a-z]+\s+)?(?:name|title)s?\s+and\s+the\s+(?:total\s+)?(?:number|count)\s+of\s+"
            r"[a-z]+(?:\s+[a-z]+)?\s*[.!]*\s*$",
            re.I,
        ),
        r"\g<asked>",
    ),
    # 'which registered users have not selected a stock': the users (registering is how they
    # became users; never their registration dates)
    (
        re.compile(
            r"(?<!recently )(?<!newly )(?<!first )(?<!last )\b(?:registered|signed[- ]up)\s+"
            r"(users|members|customers|accounts)\b",
            re.I,
        ),
        r"\1",
    ),
    # 'whats apple closing at latest', 'where is AAPL closing at today': its latest close
    (
        re.compile(r"\bclosing\s+at\s+(?:the\s+)?(?:latest|now|today|currently)\b", re.I),
        "latest close",
    ),
    # 'which sector got the most companys': has the most
    (re.compile(r"\b(?:got|gets|has\s+got)\s+the\s+(most|fewest|least)\b", re.I), r"has the \1"),
    # 'stocks ppl put on there watchlists': picked
    (
        re.compile(
            r"\b(?:put|placed|saved|stuck)\s+(?:on|in|onto|into)\s+(?:their|there|his|her|a|the|my|"
            r"your|our)\s+(?:watch\s*)?lists?\b",
            re.I,
        ),
        "picked",
    ),
    # 'top 5 stocks ppl picked': ranked by how many picks, as 'most picked' says
    (
        re.compile(
            r"^\s*(?P<top>top\s+\d+)\s+(?P<noun>stocks|companies|tickers|names)\s+(?:that\s+)?"
            r"(?:ppl|people|users|folks|everyone|investors)\s+(?:have\s+)?(?:picked|selected|chose|"
            r"chosen|added)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<top> most picked \g<noun>",
    ),
    # 'ko vs pep which went up more in 2023': which of the two
    (
        re.compile(
            r"^\s*(?P<a>[\w.&-]+)\s+(?:vs\.?|versus|or)\s+(?P<b>[\w.&-]+)\s*[,:-]?\s+which\s+"
            r"(?:one\s+)?(?P<rest>(?:went|did|gained|rose|grew|performed|was|is|has|had)\b.+)$",
            re.I,
        ),
        lambda m: (
            f"which of {m.group('a')} and {m.group('b')} "
            + re.sub(r"\bmore\b(?!\s+than\b)", "the most", m.group("rest"), count=1, flags=re.I)
        ),
    ),
    # 'wheres the s&p at now': its latest level
    (
        re.compile(
            r"^\s*where(?:'s|s|\s+is)\s+(?:the\s+)?(?P<what>(?:s&p(?:\s*500)?|spx|sp500)(?:\s+index)?|index|(?-i:[A-Z]{1,5}))"
            r"\s+(?:at|trading)(?:\s+(?:right\s+)?"
            r"(?:now|today|currently|these\s+days))?\s*[?.!]*\s*$",
            re.I,
        ),
        r"latest \g<what> price",
    ),
    # 'picked by just one user': exactly one
    (
        re.compile(
            r"\bby\s+(?:just|only)\s+(?:one|1|a\s+single)\s+(user|person|customer|member)\b", re.I
        ),
        r"by exactly 1 \1s",
    ),
    # 'which 5 stocks traded the most shares in december 2023, total volume?': the highest
    # total volume, as the words after it say (without them a day's volume is as likely)
    (
        re.compile(
            r"\btraded\s+the\s+(most|fewest|least)\s+(?:shares|volume)\b(?P<rest>[^?]*?)"
            r"\s*,\s*(?:by\s+)?(?:total|combined|summed)\s+volume(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            f"had the {'highest' if m.group(1).lower() == 'most' else 'lowest'} total volume"
            f"{m.group('rest')}"
        ),
    ),
    # 'amazon vs walmart, whats each one's weight in the S&P 500?': the weight of both
    (
        re.compile(
            r"^\s*(?P<a>[\w.&'-]+(?:\s+[\w.&'-]+)?)\s+(?:vs\.?|versus|and)\s+(?P<b>[\w.&'-]+"
            r"(?:\s+[\w.&'-]+)?)\s*[,:-]\s*(?:what(?:'s|s|\s+is|\s+are)\s+)?(?:each\s+one'?s|"
            r"each'?s|their|both\s+of\s+their|both)\s+(?P<what>[^?]+?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<what> of \g<a> and \g<b>",
    ),
    # 'avg daily close, plus the high and low close for the quarter': three aggregates
    (
        re.compile(
            r"\s*,?\s*\bplus\s+the\s+high\s+and\s+(?:the\s+)?low\s+(close|price|volume)\b", re.I
        ),
        r", max \1 and min \1",
    ),
    # 'MSFT in Q3 2023 - avg close … for the quarter': the period already said
    (
        re.compile(
            r"\s+(?:for|over|in|during)\s+the\s+(?:quarter|year|month|period)(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: "" if re.search(r"\b(?:19|20)\d\d\b", m.string[: m.start()]) else m.group(0),
    ),
    # 'which sector is worth the most, i.e. biggest combined market cap?': the measure said
    # after the comma is what 'worth the most' means
    (
        re.compile(
            r"\b(?:is|are|was|were)\s+worth\s+the\s+most\s*,\s*(?:the\s+)?"
            r"(?=(?:biggest|largest|highest)\b)",
            re.I,
        ),
        "has the ",
    ),
    # 'which users made picks in nov 2023 and how many each?': the count per user
    (
        re.compile(
            r"^\s*which\s+(?P<who>[a-z]+?)s?\s+(?:made|placed|had|have|has|did|got)\s+"
            r"(?P<what>[a-z]+)\s+(?P<rest>[^?]*?)\s*,?\s*and\s+how\s+many\s+(?:each|apiece)"
            r"(?:\s+one)?\s*[?.!]*\s*$",
            re.I,
        ),
        r"how many \g<what> per \g<who> \g<rest>",
    ),
    # 'how did the S&P 500 itself do': the index
    (re.compile(r"(?<=\w)\s+itself\b", re.I), ""),
    # 'break down user picks by sector': a count per sector
    (
        re.compile(
            r"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?:break\s*down|split\s+up)\s+"
            r"(?!it\b|them\b|that\b|those\b|these\b)(.+?)\s+by\s+(?=[a-z])",
            re.I,
        ),
        r"\1 per ",
    ),
    # 'users that never picked anything', 'haven't selected anything (at all)': no picks
    (
        re.compile(
            r"\b(picked|selected|chosen|added|bought|ordered)\s+anything(?:\s+at\s+all)?\b",
            re.I,
        ),
        r"\1",
    ),
    # 'how many stocks did users add to their lists', 'added to a watchlist': picked (the
    # watchlist is the picks table; 'added' alone is its date column)
    (
        re.compile(
            r"\badd\s+to\s+(?:their|his|her|a|the|my|your|our)\s+(?:watch\s*)?lists?\b", re.I
        ),
        "pick",
    ),
    (
        re.compile(
            r"\badded\s+to\s+(?:their|his|her|a|the|my|your|our)\s+(?:watch\s*)?lists?\b",
            re.I,
        ),
        "picked",
    ),
    (
        re.compile(r"\b(was|were|is|are|got|been)\s+added\s+(?=(?:the\s+)?most\b)", re.I),
        r"\1 picked ",
    ),
    # 'how many stocks did users pick in december 2023': the picks made in that month (a
    # stock picked twice counts twice; the period is the picks' own date)
    (
        re.compile(
            r"^\s*how\s+many\s+(?:stocks|companies)\s+(?:did|have)\s+(?:users|people)\s+"
            r"(?:pick|picked|select|selected|choose|chosen)(?=\s+(?:in|during|between|since|on|"
            r"over|last)\b)",
            re.I,
        ),
        "how many stock picks were made",
    ),
    # 'which 5 stocks did they pick the most?' after a count of users: those users' picks
    (
        re.compile(
            r"^\s*(?:which|what)\s+(?:(?P<n>\d+)\s+)?(?P<noun>stocks|companies|tickers|names)\s+"
            r"(?:did|do|have)\s+they\s+(?:pick|picked|select|selected|choose|chosen|add|added)\s+"
            r"(?:the\s+)?most(?:\s+often)?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: (
            f"the {m.group('n') or ''} most picked {m.group('noun')} among those users".replace(
                "  ", " "
            )
        ),
    ),
    # 'how many stocks did they pick total' after a count of users: the picks those users
    # made, each counted (one pick per user and stock)
    (
        re.compile(
            r"^\s*how\s+many\s+(?:stocks|companies|stock\s+picks|picks)\s+(?:did|have)\s+"
            r"(they|those(?:\s+users)?|these(?:\s+users)?)\s+(?:pick|picked|select|selected|"
            r"choose|chosen|add|added|make|made)(\s+(?:in\s+total|total|altogether|combined|"
            r"between\s+them))?\s*[?.!]*\s*$",
            re.I,
        ),
        lambda m: f"how many picks do {m.group(1)} have" + (" in total" if m.group(2) else ""),
    ),
    # 'how many stocks got added to watchlists that month', 'were picked in Q4': the picks
    # made in that period, as above
    (
        re.compile(
            r"^\s*how\s+many\s+(?:stocks|companies)\s+(?:got|were|have\s+been)\s+(?:picked|selected|"
            r"chosen|added(?:\s+to\s+(?:a\s+|the\s+|their\s+)?watch\s*lists?)?)(?=\s+(?:in|during|between|"
            r"since|on|over|last|that)\b)",
            re.I,
        ),
        "how many stock picks were made",
    ),
    # 'stocks picked by more than 10 users': more than 10 picks (one pick per user and stock)
    (
        re.compile(
            r"\b(?:were|was|are|is|have\s+been|has\s+been)\s+(?:picked|selected|chosen)\s+by\s+"
            r"(more\s+than|fewer\s+than|less\s+than|at\s+least|over)\s+(\d+)\s+users\b",
            re.I,
        ),
        r"have \1 \2 picks",
    ),
    # 'users who picked 8 stocks or more': at least 8
    (re.compile(r"\b(\d+)\s+([a-z]+)\s+or\s+more\b", re.I), r"at least \1 \2"),
    (re.compile(r"\b(\d+)\s+or\s+more\s+([a-z]+)\b", re.I), r"at least \1 \2"),
    # 'which states have only a single company': exactly one
    (
        re.compile(
            r"\b(?:only|just)\s+(?:a\s+single|one|1)\s+(?=[a-z]+\s*(?:[?.!,]|$|in\b|each\b))",
            re.I,
        ),
        "exactly 1 ",
    ),
    # 'which cities have more than 15 companies HQ'd there': 'there' is each of those cities
    (
        re.compile(
            r"^(\s*(?:which|what)\s+(?:cities|states|countries|places)\b.*?)\s+there"
            r"(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r"\1",
    ),
    # 'users who only picked one stock': exactly one
    (
        re.compile(r"\bonly\s+(picked|selected|chose|added|bought)\s+(?:one|1|a\s+single)\b", re.I),
        r"\1 exactly 1",
    ),
    # 'companies that employ more than 300,000 people': that many employees
    (
        re.compile(
            r"\bemploy(?:s|ing)?\s+(more\s+than|over|at\s+least|fewer\s+than|less\s+than|under|"
            r"above|below)\s+([\d][\d,.]*\s*(?:k|m|thousand|million)?)\s+(?:people|persons|"
            r"workers|staff|employees)\b",
            re.I,
        ),
        r"have \1 \2 employees",
    ),
    # 'full-time headcount': the staff count (the only kind the data has, or declined)
    (
        re.compile(
            r"\bfull[-\s]time\s+(?=headcounts?\b|staff\b|workforce\b|workers\b|employees\b)", re.I
        ),
        "",
    ),
    # 'companies domiciled outside the US', 'sit in the Semiconductors industry': where
    # they are
    (re.compile(r"\b(?:domiciled|incorporated)\s+(?=in\b|outside\b)", re.I), ""),
    (re.compile(r"\b(?:sit|sits)\s+(?=in\s+the\b)", re.I), "are "),
    # 'where was the S&P 500 on the last trading day of 2022': its level, not a place
    (
        re.compile(r"^(\s*)where\s+(was|is|did)\s+(?=(?:the\s+)?(?:s\s*&\s*p|index)\b)", re.I),
        r"\1what \2 ",
    ),
    # 'users who selected at least one Technology stock': one is enough, so any such pick
    (
        re.compile(
            r"\bat\s+least\s+(?:one|1|a\s+single)\s+(?=[a-z][\w&-]*\s+(?:stocks?|compan(?:y|ies)|"
            r"names?|picks?|shares?)\b)",
            re.I,
        ),
        "a ",
    ),
    # 'companies where state is null', 'how many companies have null ebitda': none stored
    (
        re.compile(
            r"\b(?:where\s+)?(?:the\s+)?([a-z_]+)(?:\s+(?:field|column|value))?\s+is\s+null\b",
            re.I,
        ),
        r"with no \1",
    ),
    (re.compile(r"\bnull\s+(?=[a-z])", re.I), "no "),
    # 'which stock was picked by the most users, and by how many?': the count is shown beside
    (re.compile(r"(\bmost\b.*?)\s*,?\s+and\s+by\s+how\s+many\b[^?.!]*", re.I), r"\1"),
    # 'top 10 heaviest stocks in the S&P 500 (by index weight)': ranked by their weight
    (
        re.compile(
            r"\b(?:heaviest|most\s+heavily\s+weighted)\s+(?:stocks|companies|names|members|"
            r"holdings|constituents)\b(?!.*\bweight)",
            re.I,
        ),
        "stocks by index weight",
    ),
    (
        re.compile(
            r"\b(top\s+\d+\s+)(?:heaviest|most\s+heavily\s+weighted)\s+"
            r"(?=\w+\b.*\bby\s+(?:index\s+)?weight)",
            re.I,
        ),
        r"\1",
    ),
    (
        re.compile(
            r"\b(?:heaviest|most\s+heavily\s+weighted)\s+(?=\w+\b.*\bby\s+(?:index\s+)?weight)",
            re.I,
        ),
        "largest ",  # '10 heaviest … by weight' ranks as 'top 10 heaviest' does
    ),
    (re.compile(r"\bheaviest\s+(?=weights?\b)", re.I), "highest "),
    # 'the average revenue growth across the Energy sector': within it
    (
        re.compile(r"\bacross\s+(?=the\s+[A-Z][\w&]*(?:\s+[A-Z][\w&]*)*\s+(?:sector|industry)\b)"),
        "in ",
    ),
    # 'top 5 Healthcare names', 'tech names': the stocks of that kind (a trader's word)
    (
        re.compile(
            r"\b((?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|tech|energy|healthcare|financial|bank|utility|"
            r"semiconductor|semis|industrial|consumer|retail|defensive|cyclical|chip)\s+names\b"
        ),
        r"\1 stocks",
    ),
    # "how'd Apple do in 2023? like what did it close at on the first trading day of the year
    # vs the last one": the two ends a change over the year shows anyway
    (
        re.compile(
            r"(\b(?:do|did|perform(?:ed)?|change[ds]?|move[ds]?)\b[^?.!]*?\b(?:19|20)\d\d\b[^?.!,]*?)"
            r"\s*[?.!,]\s*(?:like|i\s+mean|i\.e\.?|so)?[\s,]*what\s+did\s+(?:it|they)\s+close\s+at\s+"
            r"(?:on\s+)?the\s+first\s+(?:trading\s+)?day\s+(?:of\s+the\s+year\s+)?(?:vs\.?|versus|and|"
            r"compared\s+(?:to|with))\s+(?:on\s+)?the\s+last(?:\s+one|\s+(?:trading\s+)?day)?"
            r"(?:\s+of\s+the\s+year)?\s*(?=[?.!]|$)",
            re.I,
        ),
        r"\1",
    ),
    # 'where did the S&P 500 index start 2023 and where did it end up': its change that year
    (
        re.compile(
            r"^\s*(?:where|what)\s+did\s+(?P<who>.+?)\s+(?:start|begin)\s+(?:in\s+)?(?P<year>(?:19|20)\d\d)\s*,?\s+"
            r"and\s+(?:where|what)\s+did\s+(?:it|they)\s+(?:end|finish|close)(?:\s+(?:up|out))?(?:\s+(?:the\s+year|"
            r"at\s+the\s+end))?\s*[?.!]*\s*$",
            re.I,
        ),
        r"change of \g<who> in \g<year>",
    ),
    # 'How did Tesla do in 2023? give me the first and last close of the year (and the %
    # change)': what a change over the period shows anyway (first, last, their change)
    (
        re.compile(
            r"(\b(?:do|did|perform(?:ed)?|change[ds]?|move[ds]?)\b[^?.!]*?\b(?:19|20)\d\d\b[^?.!,]*?)"
            r"\s*[?.!,]\s*(?:(?:give|show)\s+me|i'?d\s+like|i\s+want|with)?\s*(?:the\s+)?first\s+"
            r"(?:(?:close|closing\s+price|price)\s+)?(?:of\s+the\s+year\s+)?(?:"
            r"(?:vs\.?|versus|to)\s+(?:the\s+)?last(?:\s+(?:close|closing\s+price|price|one))?"
            r"(?:\s+of\s+the\s+year)?|and\s+(?:the\s+)?last(?:\s+(?:close|closing\s+price|price))?"
            r"(?:\s+of\s+the\s+year)?\s+and\s+the\s+(?:%|percent(?:age)?)\s+change)\s*(?=[?.!]|$)",
            re.I,
        ),
        r"\1",
    ),
    # 'who was our very first signup?', 'who's our newest user': that user
    (
        re.compile(
            r"^\s*(?:who|which\s+user)\s+(?:was|is|'s|were)\s+(?:our|the)\s+(?:very\s+)?"
            r"(first|earliest|last|latest|newest|most\s+recent)\s+(?:signup|sign-up|sign\s+up|user|"
            r"member|customer|account)(?:\s*,?\s*and\s+when\s+did\s+(?:they|he|she)\s+(?:sign\s+up|join|"
            r"register)|\s*,?\s*and\s+when)?(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        lambda m: (
            "which user has the "
            + _end(
                {"newest": "latest", "most recent": "latest"}.get(m.group(1).lower(), m.group(1))
            )
            + " signup date"
        ),
    ),
    # 'which of them signed up most recently', 'who has been with us the longest', 'who was
    # the first user to sign up': the row with the lowest (highest) signup date, ties kept
    (
        re.compile(
            r"^\s*who\s+(?:signed\s+up|joined|registered)\s+(?:the\s+)?(first|earliest|last|latest|"
            r"most\s+recently)(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        lambda m: "which user has the " + _end(m.group(1)) + " signup date",
    ),
    (
        re.compile(
            r"\b(signed\s+up|joined|registered)\s+(?:the\s+)?(first|earliest|last|latest|most\s+recently)"
            r"(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        lambda m: "has the " + _end(m.group(2)) + " signup date",
    ),
    (
        re.compile(
            r"\b(?:has|have)\s+been\s+(?:with\s+us|around|a\s+(?:user|member|customer))\s+"
            r"(?:the\s+)?longest\b",
            re.I,
        ),
        "has the lowest signup date",
    ),
    (
        re.compile(
            r"\b(?:has|had)\s+the\s+(earliest|oldest|latest|newest|most\s+recent)\s+(?=(?:signup|sign\s+up|"
            r"join|registration)\s+date\b)",
            re.I,
        ),
        lambda m: "has the " + _end(m.group(1)) + " ",
    ),
    (
        re.compile(
            r"^\s*(?:who|which\s+user)\s+(?:was|is)\s+the\s+(first|earliest|last|latest|newest|most\s+"
            r"recent)\s+(?:user|person|customer|account)\s+to\s+(?:sign\s+up|join|register)\b",
            re.I,
        ),
        lambda m: "which user has the " + _end(m.group(1)) + " signup date",
    ),
    # 'user 14's picks with the sector for each (one)': each row's own sector
    (
        re.compile(
            r"\bwith\s+the\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:for|of)\s+each(?:\s+(?:one|of\s+them))?"
            r"(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        r"with their \1",
    ),
    # 'highest it got in 2023?', 'the lowest they went': its highest (lowest) value
    (
        re.compile(
            r"\b(highest|lowest)\s+(it|they)\s+(?:ever\s+)?(?:got|went|reached|hit)\b",
            re.I,
        ),
        lambda m: ("its " if m.group(2).lower() == "it" else "their ") + m.group(1),
    ),
    # 'which Energy names has nobody put on a watchlist yet', 'never picked by anyone': no
    # picks at all
    (
        re.compile(
            r"\b(?:has|have)\s+(?:nobody|no\s*one|no\s+users?)\s+(?:ever\s+)?(?:put\s+on\s+(?:a|their)\s+"
            r"watch\s*list|picked|selected|chosen|added)(?:\s+(?:yet|so\s+far))?\b",
            re.I,
        ),
        "have never been picked",
    ),
    (
        re.compile(
            r"\b(never\s+(?:been\s+)?(?:picked|selected|chosen))\s+by\s+any(?:one|body)\b", re.I
        ),
        r"\1",
    ),
    # 'When did the S&P 500 hit its 2023 high, and what was the level?': the day of the
    # index's highest close (its one series; shown with its level)
    (
        re.compile(
            r"^\s*(?:and\s+|so\s+)?when\s+did\s+(?P<who>(?:the\s+)?(?:s\s*&\s*p(?:\s*500)?|index)"
            r"(?:\s+index)?)\s+(?:hit|reach|touch|set|make|record)\s+(?:its|a|the)\s+"
            r"(?:(?P<y>(?:19|20)\d\d)\s+)?(?:(?P<hi>high|highest|peak|top|all[-\s]time\s+high|record"
            r"\s+high)|(?P<lo>low|lowest|bottom))(?:\s+(?:close|closing|level|price|value|point))?"
            r"(?:\s+(?:of|in|for)\s+(?P<y2>(?:19|20)\d\d))?(?:\s+in\s+(?:this|the)\s+data|\s+ever)?"
            r"(?:\s*,?\s*and\s+what\s+was\s+(?:it|that|the\s+(?:level|value|close|price)))?"
            r"(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            f"on which day did {m.group('who')} close "
            + ("highest" if m.group("hi") else "lowest")
            + (f" in {m.group('y') or m.group('y2')}" if m.group("y") or m.group("y2") else "")
        ),
    ),
    # 'which users picked both apple and microsoft': both among their picks, i.e. at least
    # two of those two (one pick per user and stock)
    (
        re.compile(
            r"^\s*who\s+(?=(?:picked|selected|chose|has\s+picked|have\s+picked)\s+both\b)", re.I
        ),
        "which users ",
    ),
    (
        re.compile(
            r"\b(picked|selected|chose|chosen|added)\s+both\s+(?P<a>[\w.&'-]+(?:\s+[\w.&'-]+)?)\s+and\s+"
            r"(?P<b>[\w.&'-]+(?:\s+[\w.&'-]+)?)(?=\s*(?:[?.!,]|$))",
            re.I,
        ),
        r"\1 at least 2 stocks among \g<a> or \g<b>",
    ),
    # 'which sectors have positive revenue growth on average': an average above 0
    (
        re.compile(
            r"\b(has|have|had)\s+(?:a\s+)?(positive|negative)\s+([a-z][a-z ]*?)\s+on\s+average\b",
            re.I,
        ),
        lambda m: (
            f"{m.group(1)} an average {m.group(3)} "
            + ("above" if m.group(2).lower() == "positive" else "below")
            + " 0"
        ),
    ),
    # 'most traded stock (by total volume) in dec 2023': the most shares traded over the period
    (
        re.compile(
            r"(?P<top>\btop\s+\d+\s+)?\b(?:the\s+)?most\s+(?:heavily\s+|actively\s+)?traded\s+"
            r"(?P<what>stocks?|compan(?:y|ies)|names?)(?:\s+by\s+(?:total\s+)?(?:trading\s+)?volume)?",
            re.I,
        ),
        lambda m: (
            f"{m.group('top')}{m.group('what')} by total volume"
            if m.group("top")
            else f"{m.group('what')} with the highest total volume"
        ),
    ),
    # 'top 5 stocks with the highest total volume': ranked by the total (not by the largest
    # single value beside it)
    (
        re.compile(
            r"(\btop\s+\d+\b.*?)\bwith\s+the\s+(?:highest|largest|biggest|greatest)\s+"
            r"(total|combined|average|avg)\s+",
            re.I,
        ),
        r"\1by \2 ",
    ),
    # 'the smallest company in every sector, going by number of employees': ranked by it
    (re.compile(r",?\s+going\s+by\s+", re.I), " by "),
    # 'largest and smallest market cap per sector': both values of each group
    (
        re.compile(
            r"\b(?:the\s+)?(?:largest|biggest|highest)\s+and\s+(?:the\s+)?(?:smallest|lowest)\s+"
            r"(?=[a-z ]+?\s+(?:per|by|in\s+each|for\s+each|in\s+every|for\s+every)\b)",
            re.I,
        ),
        "max and min ",
    ),
    # 'the date range of the stock price data', 'earliest and latest date in …', 'what dates
    # does the price data cover': the first and last date stored
    (
        re.compile(
            r"\b(?:the\s+)?(?:date|time)\s+(?:range|span)\s+(?:of|in|for|covered\s+by)\s+", re.I
        ),
        "min and max date of ",
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:earliest|oldest|first)\s+and\s+(?:the\s+)?(?:latest|newest|last|most\s+"
            r"recent)\s+(?=(?:record\s+|trading\s+)?dates?\b)",
            re.I,
        ),
        "min and max ",
    ),
    (
        re.compile(
            r"^\s*what\s+(?:dates|period|time\s+(?:range|span|period)|date\s+range|range\s+of\s+dates)"
            r"\s+(?:does|do)\s+(?P<what>.+?)\s+(?:cover|span|go\s+over|include)(?=\s*[?.!]*\s*$)",
            re.I,
        ),
        r"min and max date of \g<what>",
    ),
    # 'give me a quick breakdown of companies by sector', 'quick question:': haste, no meaning
    (
        re.compile(
            r"\b(?:a\s+)?quick\s+(?=(?:breakdown|look|summary|count|overview|question|list|rundown)\b)",
            re.I,
        ),
        "",
    ),
    # 'S&P 500 % change from …': the percent change of the index ('500 %' is no number)
    (
        re.compile(
            r"^\s*(?P<who>(?:the\s+)?s\s*&\s*p(?:\s*500)?)\s*(?:%|pct|percent(?:age)?)\s+"
            r"(?P<what>change|gain|move|return)\b",
            re.I,
        ),
        r"percent \g<what> of \g<who>",
    ),
    # 'group them by country' after a list: how many of them per country
    (re.compile(r"^\s*group\s+(them|those|these)\s+by\s+", re.I), r"how many of \1 per "),
    # 'who are they?', 'list their ids' after a count: the rows counted
    (
        re.compile(
            r"^\s*(?:so\s+|and\s+)?who\s+(?:are|were)\s+(they|those)(?=\s*[?.!]*\s*$)", re.I
        ),
        "list them",
    ),
    (re.compile(r"^\s*(?:list|show|give\s+me)\s+their\s+ids(?=\s*[?.!]*\s*$)", re.I), "list them"),
    # 'how much do they weigh all together' after some index members: their combined weight
    (
        re.compile(
            r"^\s*(?:and\s+|so\s+)?how\s+much\s+(?:do|does|did)\s+(they|those|these|it)\s+weigh"
            r"(?P<all>\s+(?:all\s+together|altogether|in\s+total|combined|together))?"
            r"(?=(?:\s+in\s+the\s+(?:index|s\s*&\s*p(?:\s*500)?))?\s*[?.!]*\s*$)",
            re.I,
        ),
        lambda m: (
            "what is its weight"
            if m.group(1).lower() == "it"
            else ("what is their combined weight" if m.group("all") else "what are their weights")
        ),
    ),
    # 'how many people does each one have working for it': its employees (the 'it' is the
    # company just asked about, not an earlier answer)
    (
        re.compile(
            r"\bhow\s+many\s+(?:people|persons|staff|workers)\s+(does|do)\s+"
            r"(each(?:\s+one|\s+of\s+them|\s+company)?|they|it)\s+(?:have\s+)?"
            r"(?:working\s+(?:for|at)\s+(?:it|them)|on\s+(?:staff|the\s+payroll)|employed)\b",
            re.I,
        ),
        r"how many employees \1 \2 have",
    ),
    # 'which five companies have the most employees, and how many employees does each one
    # have': the ranked measure asked for again, which the answer shows already
    (
        re.compile(
            r"\b(?P<noun>employees|staff|workers|headcount|market\s+caps?|weights?|volume)\b"
            r"(?P<between>[^,?.!]*?),?\s+and\s+(?:how\s+many|how\s+much|what)\s+(?P=noun)\s+"
            r"(?:does|do|did|is|are)\s+(?:each(?:\s+one|\s+of\s+them)?|they|it)"
            r"(?:\s+have|\s+has)?(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        r"\g<noun>\g<between>",
    ),
    # 'change from the first trading day of 2023 to the last trading day of 2023': over 2023
    # (a change over a period is from its first day to its last already)
    (
        re.compile(
            r"\bfrom\s+the\s+first\s+(?:trading\s+)?day\s+of\s+(?P<a>(?:19|20)\d\d)\s+"
            r"(?:to|until|till|through)\s+the\s+last\s+(?:trading\s+)?day\s+of\s+(?P<b>(?:19|20)\d\d)\b",
            re.I,
        ),
        lambda m: (
            f"in {m.group('a')}"
            if m.group("a") == m.group("b")
            else f"from {m.group('a')}-01-01 to {m.group('b')}-12-31"
        ),
    ),
    # 'over the course of 2023, from the first trading day of the year to the last one'
    (
        re.compile(
            r"(?P<year>\b(?:19|20)\d\d\b[^?.!]*?),?\s+from\s+the\s+first\s+(?:trading\s+)?day\s+"
            r"of\s+the\s+year\s+(?:to|until|till|through)\s+the\s+last(?:\s+one|\s+(?:trading\s+)?day)?\b",
            re.I,
        ),
        r"\g<year>",
    ),
    # 'what was the quietest trading day for the whole market': the day whose total volume
    # is lowest (the busiest, highest)
    (
        re.compile(
            r"^\s*(?:what|which)\s+(?:was|is|were)\s+the\s+(?P<word>quietest|slowest|busiest)\s+"
            r"(?:trading\s+)?(?:day|session)\b(?:\s+(?:for|in|across|of)\s+the\s+(?:whole\s+|entire\s+|"
            r"overall\s+)?(?:market|stock\s+market)|\s+overall)?",
            re.I,
        ),
        lambda m: (
            "which day had the "
            + ("highest" if m.group("word").lower() == "busiest" else "lowest")
            + " total volume"
        ),
    ),
    # 'which trading day had the highest total volume': the date whose total is highest
    (
        re.compile(
            r"\b(which|what)\s+(?:trading\s+)?(?:day|session)\s+(had|saw|has)\s+the\s+"
            r"(highest|largest|biggest|most|lowest|smallest|least)\s+(total|combined|overall)\b",
            re.I,
        ),
        r"\1 date \2 the \3 \4",
    ),
    # 'the highest total volume summed across all stocks': the total said twice, over every
    # stock (no stock left out: no condition)
    (
        re.compile(
            r"\b(total\s+[\w ]+?)\s+summed\s+(?:across|over|for)\s+all\s+(?:the\s+)?"
            r"(?:stocks|companies|tickers|names)\b",
            re.I,
        ),
        r"\1",
    ),
    # 'Energy names that printed an intraday range over 8%': a trader's 'had'
    (re.compile(r"\b(?:printed|posted)\s+(?=(?:an?|the|its|their)\s+)", re.I), "had "),
    # 'the highest the S&P 500 got in 2022': its highest level
    (
        re.compile(
            r"\bthe\s+(highest|lowest)\s+(?:that\s+)?(the\s+s&p\s*500|s&p\s*500|the\s+index|spx)"
            r"\s+(?:got|went|reached|hit|closed)\b",
            re.I,
        ),
        r"the \1 level of \2",
    ),
    # 'what was the S&P 500 at on the most recent day': its level that day (the data's own
    # last day only: a day said outright may lie outside the data)
    (
        re.compile(
            r"\bwhat\s+(was|is)\s+(the\s+s&p\s*500|s&p\s*500|the\s+index|spx)\s+at\b"
            r"(?=\s+on\s+the\s+(?:most\s+recent|latest|last)\s+(?:trading\s+)?(?:day|date|session)\b)",
            re.I,
        ),
        r"what \1 the level of \2",
    ),
    # 'how many tech cos we got': what the data holds, said as the asker's own
    (re.compile(r"\s+(?:do\s+)?we\s+(?:got|have)(?=\s*(?:[?.!]|$))", re.I), ""),
    # 'which sectors have an avg of more than 50k full time employees per company': the
    # groups whose average is over the number
    (
        re.compile(
            r"\b(?:have|has|with)\s+an?\s+(?:average|avg|mean)\s+of\s+((?:more|less|fewer)\s+than|"
            r"over|under|above|below|at\s+least|at\s+most)\s+(\$?[\d.,]+\s*[kmbt]?)\s+"
            r"([a-z][\w -]*?)\s+(?:per|a|each)\s+(?:company|stock|firm|row|one)\b",
            re.I,
        ),
        r"with average \3 \1 \2",
    ),
    # 'what % of total market cap sits in Technology': is in
    (re.compile(r"\b(?:sits|lies|resides)\s+(?=(?:with)?in\b)", re.I), "is "),
    # 'is coke or pepsi worth more (market cap)', 'which is worth more, coke or pepsi'
    (
        re.compile(
            r"^\s*(?:is|are)\s+([^?,]+?)\s+or\s+([^?,]+?)\s+worth\s+more"
            r"(?:\s*\(\s*(?:by\s+)?market\s+cap\s*\))?\s*\??\s*$",
            re.I,
        ),
        r"compare the market cap of \1 and \2",  # both values: the asker sees which
    ),
    (
        re.compile(r"\b(which|who)\s+(?:is|are)\s+worth\s+(?:more|the\s+most)(?=\s*,)", re.I),
        r"\1 has the bigger market cap",
    ),
    # 'which sector is worth the most in total market cap', 'which company is worth the most'
    (re.compile(r"\b(?:is|are)\s+worth\s+the\s+most\s+in\s+", re.I), "has the highest "),
    (
        re.compile(
            r"\b(?:is|are)\s+worth\s+the\s+most\s+(?:overall|in\s+total|combined|altogether)"
            r"(?=\s*(?:[?.!]|$))",
            re.I,
        ),
        "has the highest total market cap",
    ),
    (
        re.compile(r"\b(?:is|are)\s+worth\s+the\s+most(?=\s*(?:[?.!]|$))", re.I),
        "has the highest market cap",
    ),
    # 'the most recent S&P 500 index value': its level (the index's one price)
    (re.compile(r"\b(index|s&p(?:\s*500)?|sp500)\s+values?\b", re.I), r"\1 level"),
    (
        re.compile(r"\bvalues?\s+of\s+the\s+(?=(?:s&p\s*500\s+)?index\b|s&p)", re.I),
        "level of the ",
    ),
    # 'on which day in 2023 did AMZN close the highest': the day of its highest close
    (
        re.compile(
            r"^\s*((?:on\s+)?(?:which|what)\s+(?:day|date))(\s+in\s+\d{4})?\s+did\s+(.+?)"
            r"\s+close\s+(?:the\s+|at\s+its\s+)?(highest|lowest)(\s+in\s+\d{4})?"
            r"\s*[?.!]*\s*$",
            re.I,
        ),
        r"\1 was the \4 close of \3\2\5",
    ),
    # 'monthly avg of sp500 index in 2023', 'index avg by month': the index's average level
    (
        re.compile(
            r"\b(month|week|year)ly\s+(?:avg|average)\s+of\s+(?:the\s+)?"
            r"(s&p(?:\s*500)?|sp500|index)(?:\s+index)?\b",
            re.I,
        ),
        r"average \2 level per \1",
    ),
    (
        re.compile(
            r"\b(index|s&p(?:\s*500)?|sp500)(?:\s+index)?\s+(?:avg|average)\b"
            r"(?!\s+(?:index|level|price|close|value)s?\b)",
            re.I,
        ),
        r"average \1 level",
    ),
    # 'which month of 2023 had the highest average level for the S&P 500 index': the
    # period said after the question, where the ranking reads it
    (
        re.compile(
            r"^(\s*which\s+(?:month|week|quarter|day))\s+(?:of|in)\s+((?:19|20)\d\d)\s+"
            r"(had\s+the\s+(?:highest|lowest|most|fewest)\b[^?]*?)\s*([?.!]*)\s*$",
            re.I,
        ),
        r"\1 \3 in \2\4",
    ),
    # 'In which month of 2022 was the average closing value of the S&P 500 index the highest?':
    # the month that had the highest of it
    (
        re.compile(
            r"^\s*(?:in\s+)?(?P<which>which|what)\s+(?P<bucket>month|week|quarter|year)(?:\s+(?:of|in)"
            r"\s+(?P<year>(?:19|20)\d\d))?\s+(?:was|were)\s+(?P<measure>(?:the\s+)?(?:average|avg|mean|"
            r"total|combined)\s+[^?]+?)\s+(?:the\s+)?(?P<sup>highest|lowest|biggest|largest|greatest|"
            r"smallest)\s*(?P<end>[?.!]*)\s*$",
            re.I,
        ),
        lambda m: (
            f"{m.group('which')} {m.group('bucket')} had the {m.group('sup')} "
            + re.sub(r"^the\s+", "", m.group("measure"), flags=re.I)
            + (f" in {m.group('year')}" if m.group("year") else "")
            + m.group("end")
        ),
    ),
    (
        re.compile(r"\baverage\s+level\s+for\s+the\s+(s&p(?:\s*500)?|sp500)(?:\s+index)?", re.I),
        r"average \1 level",
    ),
    # 'index high in 2022', 'S&P 500 low point': the index's highest (lowest) level over a
    # period ('high on 2022-06-01' is a day's intraday high, which the index has not); the
    # index has one price, while 'high' alone is a column of the stocks' prices
    (
        re.compile(
            r"\b(index|s&p(?:\s*500)?|sp500)(?:'s)?\s+(high|low)(?:\s+point)?"
            r"(?=\s*(?:[?.!,]|$|in\b|for\b|during\b|of\b|over\b|ever\b|between\b))",
            re.I,
        ),
        r"\1 \2est level",
    ),
    (re.compile(r"\b(high|low)\s+point\b", re.I), r"\1est level"),
    # 'highest priced stock': the stock with the highest price
    (
        re.compile(r"\b(highest|lowest)[\s-]+priced\s+(stocks?|compan(?:y|ies)|shares?)\b", re.I),
        r"\2 with the \1 current price",
    ),
    # 'which month did we get the most new signups': the month that had the most
    (re.compile(r"\bdid\s+we\s+(?:get|have|see)\s+the\s+most\b", re.I), "had the most"),
    # 'picked by the most users on the site', 'companies in your list': where the rows are
    # kept, which every row shares
    (
        re.compile(
            r"\s+(?:on|in|at|from)\s+(?:the|your|this)\s+(?:site|website|app|platform|list|"
            r"database|data\s*set|records|system)\b(?!\s+(?:of|for)\b)",
            re.I,
        ),
        "",
    ),
    # 'the most recent S&P 500 level you've got': the one you have
    (re.compile(r"\byou(?:'ve|\s+have)?\s+got\b", re.I), "you have"),
    # 'how many of the companies you have are in Texas', 'the most recent day you have'
    (
        re.compile(
            r"(?<=\w)\s+(?:that\s+)?you\s+(?:have|track|hold|cover|list)(?:\s+data\s+for)?"
            r"(?=\s*(?:[?.!,]|$|in\b|on\b|for\b|that\b|are\b|is\b|and\b))",
            re.I,
        ),
        "",
    ),
    # 'how many people do they employ', 'which sector employs the most people', 'how many
    # people work at those 10': a headcount said with a verb, the employees column's words
    (
        re.compile(r"\bhow\s+many\s+people\s+(do|does|did)\s+(.+?)\s+employ\b", re.I),
        r"how many employees \1 \2 have",
    ),
    (
        re.compile(
            r"\bemploy(?:s|ed)?\s+the\s+(most|fewest|least)\s+(?:people|staff|workers)\b",
            re.I,
        ),
        r"has the \1 employees",
    ),
    (
        # 'how many people in total work for companies in NYC': their employees, in total
        re.compile(
            r"\bhow\s+many\s+(?:people|ppl|staff|workers)\s+(?P<total>(?:in\s+total|altogether|"
            r"overall|combined)\s+)?(?:work(?:s|ed)?|are\s+employed)\s+(?:(?P<by>by)\s+|(?=at|for|in)\b)",
            re.I,
        ),
        lambda m: (
            "how many employees " + (m.group("total") or "") + ("at " if m.group("by") else "")
        ),
    ),
    (re.compile(r"\bpeople\s+employed\b", re.I), "employees"),
    # 'which stock went up most in 2023', 'lost the most': the change words the engine reads
    (re.compile(r"\bwent\s+up\s+(?:the\s+)?most\b", re.I), "gained the most"),
    (re.compile(r"\bwent\s+down\s+(?:the\s+)?most\b", re.I), "fell the most"),
    (
        # not 'which team lost the most games': only a loss over a period
        re.compile(
            r"\blost\s+the\s+most(?=\s*(?:$|[?.!(%]|(?:in|over|during|since|percent)\b))",
            re.I,
        ),
        "fell the most",
    ),
    # 'the biggest % price gain': the price is what gains
    (
        re.compile(
            r"(%|\bpercent(?:age)?|\bpct)\s+price\s+(gain|increase|rise|drop|decline|loss|change)",
            re.I,
        ),
        r"\1 \2",
    ),
    # '… in 2023 (percent)': the unit said in brackets after a ranking of changes
    (
        re.compile(
            r"\b(gained|fell|rose|dropped|grew)(\s+the)?\s+most\b([^()]*?)\s*\(\s*(?:in\s+)?"
            r"(?:%|percent|pct)\s*\)",
            re.I,
        ),
        r"\1\2 most\3",
    ),
    # 'open high low close and volume for META': the four prices of a day, listed
    (
        re.compile(r"\bopen\s*[,/]?\s*high\s*[,/]?\s*low\s*[,/]?\s*(?:and\s+)?close\b", re.I),
        "open, high, low, close",
    ),
    # 'companies with no ebitda reported', 'don't have an EBITDA figure reported': a missing
    # value, said with the word for how it would have come in
    (
        re.compile(
            r"\b((?:no|without|missing|(?:do|does|did)\s*n[o']?t\s+have)\s+(?:an?\s+)?"
            r"[a-z][a-z ]*?)\s+(?:(?:figures?|values?|numbers?|data)\s+)?"
            r"(?:reported|recorded|listed|given|disclosed|available)\b",
            re.I,
        ),
        r"\1",
    ),
    # 'which exchange has more companies, NYSE or NASDAQ?': the most among the two named
    (
        re.compile(
            r"^\s*(?P<which>which|what)\s+(?P<noun>[a-z]+)\s+(?P<verb>has|have|had|gets?|got)\s+"
            r"more\s+(?P<what>[^,;:?]+?)\s*[,;:-]+\s*(?P<a>[^,;:?]+?)\s+or\s+(?P<b>[^,;:?]+?)"
            r"\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<which> \g<noun> \g<verb> the most \g<what> among \g<a> and \g<b>",
    ),
    (
        re.compile(
            r"^\s*(?P<which>which|what)\s+(?P<noun>[a-z]+)\s+(?P<verb>has|have|had|gets?|got)\s+"
            r"(?:fewer|less)\s+(?P<what>[^,;:?]+?)\s*[,;:-]+\s*(?P<a>[^,;:?]+?)\s+or\s+"
            r"(?P<b>[^,;:?]+?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<which> \g<noun> \g<verb> the fewest \g<what> among \g<a> and \g<b>",
    ),
    # 'list sectors by number of companies': a ranking of the sectors by that count
    (
        re.compile(
            r"^\s*(?:(?:list|show|give\s+me|get)\s+)?(?:all\s+)?(?:the\s+)?(?P<noun>[a-z]+s)\s+"
            r"(?:(?:ranked|sorted|ordered)\s+)?by\s+(?:the\s+)?"
            r"(?P<count>(?:number|count)\s+of\s+[^,;?]+?)\s*[?.!]*\s*$",
            re.I,
        ),
        r"\g<count> per \g<noun> in descending order",
    ),
    # 'how many people signed up in july', 'how many people picked NVDA': the people who
    # sign up and pick are the app's users
    (
        re.compile(
            r"\b(?:people|persons|folks)\b(?=\s+(?:(?:who|that)\s+)?(?:have\s+|has\s+)?"
            r"(?:signed\s+up|sign\s+up|joined|registered|picked|selected|chose|added)\b)",
            re.I,
        ),
        "users",
    ),
    # 'which of them grew revenue the fastest': the highest revenue growth (a stored rate)
    (
        re.compile(
            r"\bgrew\s+(?:(?:its|their|the)\s+)?([a-z]+)\s+(?:the\s+)?(?:fastest|most)\b", re.I
        ),
        r"has the highest \1 growth",
    ),
    (
        re.compile(r"\bgrew\s+(?:(?:its|their|the)\s+)?([a-z]+)\s+faster\b", re.I),
        r"has higher \1 growth",
    ),
    # 'companies that have their revenue going down': a stored growth rate below 0 (above 0
    # for 'going up'); without a '<word> growth' column the word stays unmapped and declined
    (
        re.compile(
            r"\b(?:whose|with|have|has|having)\s+(?:(?:its|their|the)\s+)?([a-z]+)\s+"
            r"(?:(?:is|are)\s+)?(going\s+down|falling|shrinking|declining|dropping|decreasing"
            r"|going\s+up|rising|growing|increasing)\b",
            re.I,
        ),
        lambda m: (
            "with "
            + ("negative " if " ".join(m.group(2).lower().split()) in _FALLING else "positive ")
            + f"{m.group(1)} growth"
        ),
    ),
    # 'INTC 52 week high': the highest high of the last 52 weeks of data (a market term)
    (re.compile(r"\b52[- ]?(?:weeks?|wks?)\s+high\b", re.I), "highest high in the last 52 weeks"),
    (re.compile(r"\b52[- ]?(?:weeks?|wks?)\s+low\b", re.I), "lowest low in the last 52 weeks"),
    # 'biggest employer in each sector', 'the 3 largest employers': companies ranked by their
    # employees (an 'employer' is a row, so 'in each' is within each group)
    (
        re.compile(r"\b(biggest|largest|smallest|top)\s+(\d+\s+)?employers\b", re.I),
        r"\1 \2companies by employees",
    ),
    (
        re.compile(r"\b(biggest|largest|smallest|top)\s+employer\b", re.I),
        r"\1 company by employees",
    ),
    # 'which stocks are picked the most? top 5': the number of rows said after the question
    (
        re.compile(
            r"\bwhich\s+(?P<noun>[a-z]+s)\b(?P<mid>[^?,;]*?)\s*[?,;:.]+\s*(?:the\s+)?top\s+"
            r"(?P<n>\d+)\s*[?.!]*\s*$",
            re.I,
        ),
        r"which \g<n> \g<noun>\g<mid>",
    ),
    # 'Rank them from best to worst', 'worst to best': the direction of the ranking
    (
        re.compile(r",?\s*(?:from\s+)?(?:the\s+)?best\s+to\s+(?:the\s+)?worst\b", re.I),
        ", highest first",
    ),
    (
        re.compile(r",?\s*(?:from\s+)?(?:the\s+)?worst\s+to\s+(?:the\s+)?best\b", re.I),
        ", lowest first",
    ),
    # 'the five biggest percentage gainers in the S&P 500', 'Top 5 S&P gainers of 2023': its
    # stocks, never the index's level
    (
        re.compile(
            r"\b(?:(?P<a>gainers|losers|decliners|advancers|performers|movers|winners)\s+(?:in|of|"
            r"from|within)\s+the\s+(?:s&p(?:\s*500)?|spx|sp500)|(?:s&p(?:\s*500)?|spx|sp500)\s+"
            r"(?P<b>gainers|losers|decliners|advancers|performers|movers))\b",
            re.I,
        ),
        lambda m: f"{m.group('a') or m.group('b')} among S&P 500 stocks",
    ),
    # '… of companies listed on the NYSE with those listed on the NASDAQ': those companies
    (
        re.compile(
            r"\b(?P<noun>companies|stocks|firms|users|names)\b(?P<mid>[^?]*?)\b(?P<link>with|and|vs\.?|"
            r"versus|than|to)\s+those\s+(?=(?:listed|based|headquartered|located|traded|in|on|"
            r"from)\b)",
            re.I,
        ),
        r"\g<noun>\g<mid>\g<link> \g<noun> ",
    ),
    # 'the strongest revenue growth', 'the weakest returns': the highest, the lowest
    (re.compile(r"\bstrongest\b(?!\s+(?:first|last)\b)", re.I), "highest"),
    (re.compile(r"\bweakest\b(?!\s+(?:first|last)\b)", re.I), "lowest"),
    # 'the highest revenue growth on average': the highest average revenue growth
    (
        re.compile(
            r"\b(highest|lowest|strongest|weakest|biggest|largest|smallest|best|worst)\s+"
            r"((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+on\s+average\b",
            re.I,
        ),
        r"\1 average \2",
    ),
    # 'half a trillion dollars', 'a quarter of a trillion': the number written out
    (
        re.compile(r"\bhalf\s+(?:a|an|one)\s+(thousand|million|billion|trillion)\b", re.I),
        lambda m: f"0.5 {m.group(1)}",
    ),
    (
        re.compile(
            r"\b(?:a|one)\s+quarter\s+(?:of\s+)?(?:a|an|one)\s+(thousand|million|billion|trillion)\b",
            re.I,
        ),
        lambda m: f"0.25 {m.group(1)}",
    ),
    # 'a trillion dollars', 'one billion': the number written out
    (re.compile(r"\b(?:a|an|one)\s+(thousand|million|billion|trillion)\b", re.I), r"1 \1"),
    # 'fell the hardest', 'dropped hardest': fell the most
    (
        re.compile(
            r"\b(fell|dropped|declined|slumped|sank|tumbled|plunged|lost|fallen|dropped)\s+"
            r"(?:the\s+)?hardest\b",
            re.I,
        ),
        r"\1 the most",
    ),
    # 'the most expensive share price': the highest share price (one column, not two)
    (
        re.compile(r"\b(?:the\s+)?most\s+expensive\s+((?:share|stock)\s+price)\b", re.I),
        r"the highest \1",
    ),
    # 'which stock is the most popular': the most popular stock
    (
        re.compile(
            r"\bwhich\s+(stock|ticker|company|name)\s+(?:is|was)\s+(?:the\s+)?most\s+"
            r"(popular|picked|selected|watched|chosen)\b",
            re.I,
        ),
        r"the most \2 \1",
    ),
    # 'did anyone pick netflix?', 'has anybody picked nvidia': how many users did (0 = no)
    (
        re.compile(
            r"^(\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?)(?:did|has|have)\s+(?:any\s*one|any\s*body|"
            r"some\s*one|some\s*body|any\s+users?)\s+(?:ever\s+)?(?:pick(?:ed)?|select(?:ed)?|"
            r"chos(?:e|en)|add(?:ed)?)\b",
            re.I,
        ),
        r"\1how many users picked",
    ),
    # 'when did they add each one', 'when did each of them add it': when the rows were
    # added (the date of the pick, not of who picked)
    (
        re.compile(
            r"\bwhen\s+(?:did|do)\s+(?:they|he|she|each\s+of\s+(?:them|those)|user\s+\d+)\s+"
            r"(?:add|pick|select|choose)\s+(?:each(?:\s+one)?|them|those|these)\b",
            re.I,
        ),
        "when were they added",
    ),
    (
        re.compile(
            r"\bwhen\s+(?:did|do)\s+(?:they|he|she|each\s+of\s+(?:them|those)|user\s+\d+)\s+"
            r"(?:add|pick|select|choose)\s+it\b",
            re.I,
        ),
        "when was it added",
    ),
    # 'how many users does the app have', 'users on the app': the app is the whole data
    (re.compile(r"\s+(?:does|do)\s+(?:the|our|your)\s+app\s+have\b", re.I), " are there"),
    (re.compile(r"\s+(?:on|in|of|using)\s+(?:the|our|your)\s+app\b", re.I), ""),
    # 'Could you work out what share of …': the question after it
    (
        re.compile(
            r"^\s*(?:(?:could|can|would)\s+you\s+(?:please\s+)?)?work\s+out\s+(?=what|how|which)",
            re.I,
        ),
        "",
    ),
    # 'How many companies in each sector have over 50,000 employees?': those companies,
    # counted per sector
    (
        re.compile(
            r"^\s*how\s+many\s+(?P<rows>[a-z]+)\s+in\s+each\s+(?P<group>[a-z]+)\s+(?:have|has)\s+"
            r"(?P<cond>(?:more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under)\s+[^?]+?)"
            r"\s*\??\s*$",
            re.I,
        ),
        r"how many \g<rows> with \g<cond> per \g<group>",
    ),
    # '300 billion dollars': the unit of an amount, which the data does not store
    (
        re.compile(
            r"(\d(?:[\d.,]*\d)?\s*(?:k|m|b|bn|t|thousand|million|billion|trillion)?)\s+"
            r"(?:dollars|usd|bucks)\b",
            re.I,
        ),
        r"\1",
    ),
    # 'how many companies are in each of those?': per row of the previous answer (the
    # plural pronoun already asks for one value each)
    (re.compile(r"\b(in|for)\s+each\s+of\s+(those|them|these)\b", re.I), r"\1 \2 apiece"),
    # 'what sector is each of them in?', 'how many companies does each of those have?': one
    # value per row of the previous answer, said with the plural pronoun
    (
        re.compile(r"\bwhat\s+([a-z]+)\s+is\s+each\s+of\s+(?:them|those|these)\s+in\b", re.I),
        r"what \1 are they in",
    ),
    (
        re.compile(r"\b(?:does|do)\s+each\s+of\s+(those|them|these)\s+have\b", re.I),
        r"do \1 have apiece",
    ),
    # 'how many stocks did each of them pick', 'how many users picked each of those'
    (
        re.compile(r"\b(did|has|have)\s+each\s+of\s+(those|them|these)\s+([a-z]+)\b", re.I),
        r"\1 \2 \3 apiece",
    ),
    (
        re.compile(r"\b([a-z]+ed|pick|select|watch|own)\s+each\s+of\s+(those|them|these)\b", re.I),
        r"\1 \2 apiece",
    ),
    (re.compile(r"\bhave\s+only\s+(?:one|1)\s+", re.I), "have exactly 1 "),
    # 'what do their weights add up to': a total ('add' alone is a pick, synonyms.toml)
    (
        re.compile(r"\bwhat\s+(?:do|does|did)\s+(.+?)\s+add\s+up\s+to\b", re.I),
        r"what is the total of \1",
    ),
    # '…, only states with at least 10 companies': the groups kept, said after a comma
    (
        re.compile(
            r",\s*(?:but\s+)?only\s+(?=(?:the\s+)?[a-z]+\s+(?:with|w|having|that\s+have)\b)",
            re.I,
        ),
        ", ",
    ),
    (re.compile(r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+report\s+", re.I), "have no "),
    # 'top 5 companies by market cap, show the market cap too': nothing more is asked
    # (a follow-up's 'show their employee counts too' keeps 'too': it adds a column)
    (
        re.compile(
            r",\s*(?:and\s+)?(?:show|give|list)\s+(?:me\s+)?(?:the\s+)?(?P<what>[^,]+?)\s+"
            r"(?:too|as\s+well)\s*(?=[?.!]*\s*$)",
            re.I,
        ),
        r", with the \g<what>",
    ),
    # 'the 5 most recently registered users': the latest rows by their date
    (
        re.compile(
            r"\bmost\s+recently\s+(?:registered|added|created|joined|signed\s+up|listed)\b",
            re.I,
        ),
        "most recent",
    ),
    # '(first trading day to last)': what a change over a period already means
    (
        re.compile(
            r"\s*\((?:from\s+)?(?:the\s+)?first\s+(?:trading\s+)?day\s+to\s+(?:the\s+)?"
            r"last(?:\s+(?:trading\s+)?day)?\)",
            re.I,
        ),
        "",
    ),
)


# 'top 5 stocks by volume on the latest trading day': the data's last day, as the time phrase
# 'the last day' ('the last trading day of 2022' is that year's, left as it is). Read only in
# a first question: a follow-up's 'latest trading day' edits the answer before it.
_LAST_TRADING_DAY = re.compile(
    r"(?:\b(?:the\s+)?(?:latest|most\s+recent|last|final)\s+trading\s+(?:day|session|date)\b"
    r"|\b(?:the\s+)?(?:latest|most\s+recent)\s+(?:day|session|date)\b)"
    r"(?:\s+(?:in\s+the\s+data(?:set)?|on\s+record|available|you\s+have))?"
    r"(?!\s+(?:of|in|for|before|after|when|that|which)\b)",
    re.I,
)


def the_last_day(question: str) -> tuple[str, tuple[str, str]] | None:
    """The question with 'the latest trading day' as 'the last day', and (said, read as)."""
    m = _LAST_TRADING_DAY.search(question)
    if m is None:
        return None
    return _LAST_TRADING_DAY.sub("the last day", question), (m.group(0), "the last day")


# 'top 5 most picked stocks - how many users have each one?', '(by # of users)': the count the
# ranking shows already (one pick per user and stock); said after a dash or a question mark,
# it would otherwise be read as a question of its own
_COUNT_RESTATED = re.compile(
    r"^(?P<q>.*?\bmost[\s-]+(?:picked|popular|followed|watchlisted|watched|added|selected|"
    r"chosen)\b.*?)\s*(?:[-–—,;:?]\s*|\s\(\s*)(?:(?:like|i\.?e\.?|so|and|with)\s+)?"
    r"(?:(?:how\s+many|#\s*of|number\s+of|no\.\s*of)\s+(?:users|people|ppl|folks|"
    r"investors)(?:\s+(?:have|has|picked|added|follow|hold|own|chose|selected))?"
    r"(?:\s+(?:each|each\s+one|each\s+of\s+them|it))?(?:\s+(?:on|in)\s+their\s+"
    r"(?:watch\s?lists?|lists?))?|by\s+(?:#\s*of|number\s+of|no\.\s*of|count\s+of)\s+"
    r"users|by\s+user\s+count)\s*\)?\s*[?.!]*\s*$",
    re.I,
)


def without_count_restated(question: str) -> tuple[str, tuple[str, str] | None]:
    """The question without a restatement of the count its ranking shows, and (said, kept)."""
    m = _COUNT_RESTATED.match(question)
    if m is None:
        return question, None
    tail = question[m.end("q") :].strip(" -–—,;:?(").rstrip(" ?.!)")
    return m.group("q"), (tail, "the count the ranking shows")


# 'biggest companies in texas? top 5 is fine': the number of rows said after the question (read
# before the sentences are told apart, where 'top 5 is fine' would be a question of its own)
_TOP_SAID_AFTER = re.compile(
    r"^(?P<q>(?:(?!\btop\b).)+?)(?:[?.!,;]+\s*|\s+(?=(?:just\s+|only\s+)?(?:the\s+)?top\s+\d+\s+"
    r"(?:is|will)\b))(?:(?:just|only)\s+)?(?:the\s+)?top\s+(?P<n>\d+)"
    r"\s+(?:is\s+(?:fine|enough|ok|okay|good|plenty)|will\s+do)\s*[?.!]*\s*$",
    re.I,
)


def top_said_after(question: str) -> tuple[str, tuple[str, str] | None]:
    """The question with a trailing 'top 5 is fine' said as its ', top 5', and (said, read)."""
    m = _TOP_SAID_AFTER.match(question)
    if m is None:
        return question, None
    read = f"{m.group('q')}, top {m.group('n')}"
    if read == question.strip():
        return question, None
    return read, (question[m.end("q") :].strip(" ?.!,;"), f"top {m.group('n')}")
