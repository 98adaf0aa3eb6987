"""Before linking: the question inside instruction boilerplate, requests to change
data, and informal spellings written the way the lexicon expects.

Clients wrap questions in prompts ("Please answer the following question: …
only generate select query"); those words are about the answer's format, not
the data, so they are removed (and the removal is reported). A request to
delete or change data gets a plain refusal instead of an "unknown word" one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .change_wording import change_phrasing
from .everyday import PLAIN_WORDINGS
from .month_spans import month_spans
from .normalize import NUMBER_WORDS
from .pandas_words import dataframe_words
from .phrasing import benchmark_phrasing, most_counted, top_by_number_of
from .rewrite_notes import noted
from .shorthand import SHORTHAND, USERS_FAVOURITE
from .spec import Decline
from .trader_words import short_month_year, trader_words, yearless_slash_days
from .two_named import which_of_two

# A sentence that tells the answerer how to behave, not what to find.
_INSTRUCTION = re.compile(
    r"\b(?:sql|queries|query|select\s+statements?|syntax|explanations?|markdown|json|"
    r"you\s+are|as\s+an?\s+(?:expert|assistant|analyst)|assistant|"
    r"(?:answer|respond|reply)\s+(?:in|with|only|briefly|concisely)|"
    r"the\s+following\s+question|the\s+question\s+below|step\s+by\s+step|"
    r"(?:delete|alter|drop|truncate|insert|update)\s*(?:,|or|and)\s*(?:delete|alter|drop|truncate|insert|update))\b",
    re.IGNORECASE,
)
# "… the following question: <question>", "Question: <question>"
_MARKER = re.compile(
    r"(?:(?:the\s+)?following\s+(?:question|request|query)|\bquestion|\bq)\s*(?:is)?\s*[:：]\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[?.!])\s+|\s*\n+\s*")


@dataclass(frozen=True)
class Prepared:
    question: str  # what the engine reads
    removed: str = ""  # instruction text that was dropped ("" when none)
    destructive: str = ""  # the verb of a request to change data ("" when none)
    rewrites: tuple[tuple[str, str], ...] = ()  # (as written, read as)
    arithmetic: str = ""  # an operator between two values ('close - open'): not written
    aside: str = ""  # sentences about the asker, not the question (asides.py)


def strip_boilerplate(text: str) -> tuple[str, str]:
    """(question, removed instruction text). The question is unchanged when no
    instruction sentence surrounds it or when nothing would be left."""
    original = text.strip()
    body = original
    removed: list[str] = []
    markers = list(_MARKER.finditer(body))
    if markers:
        last = markers[-1]
        before = body[: last.start()].strip()
        after = body[last.end() :].strip()
        if after:
            if before:
                removed.append(body[: last.end()].strip())
            else:
                removed.append(body[: last.end()].strip())
            body = after
    kept: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(body)):
        if not sentence:
            continue
        if _INSTRUCTION.search(sentence):
            removed.append(sentence)
        else:
            kept.append(sentence)
    question = " ".join(kept).strip()
    if not question:
        return original, ""
    return question, " ".join(removed)


_POLITE = (
    r"(?:(?:please|pls|plz|kindly|now|just|go\s+ahead\s+and|can\s+you|could\s+you|would\s+you|"
)
_POLITE += r"i\s+(?:want|need|would\s+like)\s+(?:you\s+)?to|let'?s|help\s+me)\s+)*"
_ALWAYS_WRITES = r"truncate|insert|update|alter|grant|revoke|upsert|merge\s+into"
_WRITES_IF_DATA = r"delete|drop|remove|erase|wipe|purge|destroy|create|rename|add|modify|overwrite"
_DATA_WORDS = re.compile(
    r"\b(?:all|every|everything|table|tables|rows?|records?|data|entries|entry|columns?|"
    r"database|schema|index|view|from|into|user|users|compan(?:y|ies)|stocks?)\b",
    re.IGNORECASE,
)
# 'add a user', 'add AAPL to my picks', 'add a column': a write; 'add company names', 'add
# the volume': another column in the answer
_ADDS_ROWS = re.compile(
    r"^\s*(?:a|an|new|another|some|\d+|rows?|records?|entr(?:y|ies)|columns?|tables?|index(?:es)?)\b"
    r"|\b(?:to|into)\s+(?:the\s+|my\s+|a\s+|user\b|table\b)",
    re.IGNORECASE,
)
_SET_TO = re.compile(r"^\s*" + _POLITE + r"set\s+.+\s+to\s+\S+", re.IGNORECASE)


def destructive_verb(question: str, names_data) -> str:
    """The verb when the question asks to change data ("delete all users"), else "".
    ``names_data(rest)`` says whether the rest of the request names tables/rows."""
    m = re.match(r"^\s*" + _POLITE + rf"({_ALWAYS_WRITES})\b", question, re.IGNORECASE)
    if m:
        return m.group(1).lower()
    m = re.match(r"^\s*" + _POLITE + rf"({_WRITES_IF_DATA})\b(.*)$", question, re.IGNORECASE)
    if m and m.group(1).lower() == "add" and not _ADDS_ROWS.search(m.group(2)):
        return ""  # 'add company names pls': one more column shown, nothing written
    if m and (_DATA_WORDS.search(m.group(2)) or names_data(m.group(2))):
        return m.group(1).lower()
    if _SET_TO.match(question):
        return "set"
    return ""


def refusal_for_write(verb: str) -> str:
    return (
        f"The sandbox only reads data: it will not {verb} anything. The built-in engine writes "
        "SELECT queries only, and the sandbox runs them read-only whatever the key's role. "
        "Ask a question about the data instead."
    )


# informal spellings and abbreviations → the words the lexicon knows (whole words only)
INFORMAL: dict[str, str] = {
    "pls": "please",
    "diff": "different",
    "plz": "please",
    "thx": "",
    "thanks": "",
    "r": "are",
    "u": "you",
    "ur": "your",
    "wat": "what",
    "wht": "what",
    "whats": "what is",
    "hw": "how",
    "mkt": "market",
    "mrkt": "market",
    "px": "price",
    "prc": "price",
    "yr": "year",
    # everyday misspellings too far from the word for the one-slip reader (spelling.py)
    "higest": "highest",
    "highst": "highest",
    "hightest": "highest",
    "lowst": "lowest",
    "growht": "growth",
    "groth": "growth",
    "employes": "employees",
    "employess": "employees",
    "comapnies": "companies",
    "yrs": "years",
    "mo": "month",
    "mos": "months",
    "hq": "headquarters",
    "neg": "negative",
    "hq'd": "headquartered",
    "rev": "revenue",
    "gr": "growth",  # ('rev gr')
    "grwth": "growth",
    "wich": "which",
    "whcih": "which",
    "companys": "companies",
    "compnies": "companies",
    "specialise": "specialize",
    "specialises": "specializes",
    "hqd": "headquartered",
    "hqs": "headquarters",
    "cos": "companies",
    "co": "company",
    "wk": "week",
    "wks": "weeks",
    "ppl": "people",
    "theyre": "they are",
    "co's": "companies",
    "no.": "number",
    "nr": "number",
    "num": "number",
    "amt": "amount",
    "qty": "quantity",
    "emp": "employee",
    "emps": "employees",
    "mgr": "manager",
    "mgrs": "managers",
    "dept": "department",
    "depts": "departments",
    "info": "information",
    "avg.": "average",
    "tot": "total",
    "vol": "volume",
    "b/w": "between",
    "btw": "between",
    "w/": "with",
    "w/o": "without",
    "w": "with",
    "em": "them",
    "'em": "them",
    "pct": "percent",
    "rn": "right now",
    "headquarterd": "headquartered",
    "acct": "account",
    "accts": "accounts",
    "teh": "the",
    "qtr": "quarter",
    "qtrs": "quarters",
    "fin": "financial",
    "wt": "weight",
    "wts": "weights",
    "tiniest": "smallest",
    "svc": "service",
    "svcs": "services",
    "comm": "communication",
    "usr": "user",
    "domiciled": "headquartered",
    "widest": "biggest",
    "narrowest": "smallest",
    "domicile": "headquarters",
    "usrs": "users",
    "sorry": "",
    "actually": "",
    "chg": "change",
    "chng": "change",
    "gimme": "give me",
    "idx": "index",
    "cali": "california",
    "adds": "picks",
    "how'd": "how did",
    "lemme": "let me",
    "cnt": "count",
    "cnts": "counts",
    "included": "",
    "noone": "no one",
    "literally": "",
    "roughly": "",  # ('how many people work for them, roughly?')
}
# '# of names', '# names' (never '#1' or 'AAPL #'): the number of them
_HASH_OF = re.compile(r"#\s*of\b|#\s*(?=[a-z]{3,})", re.IGNORECASE)
# 'user 76's picks': the picks of user 76 (the possessed rows are the subject, not the user)
_ID_POSSESSIVE = re.compile(
    r"(?<![\w&])([A-Za-z]+)\s+(\d+)['’]s\s+([A-Za-z]+)\b(?=\s*(?:[?.!,]|$|\s+(?:and|with|in|on|from|"
    r"since|during|over|sorted|ordered|by|please|plus)\b))",
)
# 'and when each was added': when they were added (the date of each row shown), never 'each'
# as a grouping
# 'how do those break down by sector', 'how are companies distributed across sectors': a
# breakdown (a count per group), said as 'break … down by'
# 'a breakdown of those by signup month': the rows said, broken down by the period of signup
_A_BREAKDOWN_OF = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now|pls|please)[\s,]+)?(?:(?:give\s+me|show\s+me|i\s+want|"
    r"i'd\s+like)\s+)?(?:a|the)\s+breakdown\s+of\s+(?P<rows>.+?)\s+(?:by|per|across)\s+",
    re.I,
)


def _break_down(rows: str) -> str:
    """'break those down by ' (a pronoun between), 'break down users by ' (a noun after)."""
    if rows.lower() in ("those", "them", "these", "they", "those ones"):
        return f"break {rows} down by "
    return f"break down {rows} by "


_SIGNUP_PERIOD = re.compile(
    r"\b(by|per|each|every)\s+(?:signup|sign-up|sign\s+up|registration|joining|join)\s+"
    r"(month|year|week|day|quarter)\b",
    re.I,
)
_HOW_SPLIT = re.compile(
    r"^(\s*(?:(?:and|so|ok(?:ay)?|now)[\s,]+)?)how\s+(?:do|does|did|are|is|were|was)\s+(.+?)\s+"
    r"(?:break\s+down|broken\s+down|split(?:\s+up)?|distributed|divided)\s+"
    r"(?:by|across|over|among|per|between)\s+",
    re.IGNORECASE,
)
# 'TSLA daily close 2023-12-01 to 2023-12-15', 'close 2023-01-02 -> 2023-12-29': a span
# of days said without 'from'
_BARE_DAY_SPAN = re.compile(
    r"(?<!from )(?<!between )\b(\d{4}-\d\d-\d\d)\s*(?:to|->|→|–|thru|through|until|till)\s*"
    r"(\d{4}-\d\d-\d\d)\b",
    re.IGNORECASE,
)
# 'most to least', 'from the largest number to the smallest': highest first
_MOST_TO_LEAST = re.compile(
    r"\b(?:from\s+(?:the\s+)?)?(?:most|largest|biggest|highest|greatest)(?:\s+(?:number|one|value))?"
    r"\s+to\s+(?:the\s+)?(?:least|smallest|lowest|fewest)(?:\s+(?:number|one|value))?\b",
    re.IGNORECASE,
)
# 'from the highest growth to the lowest': by growth, highest first
_FROM_MOST_X = re.compile(
    r"\bfrom\s+(?:the\s+)?(?P<hi>highest|largest|biggest|most|greatest|lowest|smallest|least|fewest)\s+"
    r"(?!(?:number|one|value)\b)(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+to\s+(?:the\s+)?"
    r"(?:lowest|smallest|least|fewest|highest|largest|biggest|most|greatest)\b",
    re.IGNORECASE,
)
_LEAST_TO_MOST = re.compile(
    r"\b(?:from\s+(?:the\s+)?)?(?:least|smallest|lowest|fewest)(?:\s+(?:number|one|value))?"
    r"\s+to\s+(?:the\s+)?(?:most|largest|biggest|highest|greatest)(?:\s+(?:number|one|value))?\b",
    re.IGNORECASE,
)
# 'the current price of one share of Coca-Cola': the price of Coca-Cola (a share is the
# unit the price is quoted in, not the index weight 'share')
_ONE_SHARE_OF = re.compile(
    r"\b(?:of\s+)?(?:one|1|a\s+single)\s+share\s+of\b|(?<=\bprice\s)of\s+a\s+share\s+of\b",
    re.IGNORECASE,
)
# 'How many companies are there in each sector? Please sort them from largest to smallest.':
# the order of the answer just asked for, said as one question
_SORT_SENTENCE = re.compile(
    r"\s*[?.!]\s+(?:(?:please|and|then|also|pls)[\s,]+)?(?:sort|order|rank)\s+"
    r"(?:(?:them|those|these|it|the\s+results?|the\s+list|the\s+rows)\s+)?"
    r"(?=(?:from|by|in|highest|lowest|largest|smallest|biggest|most|least|descending|ascending|"
    r"alphabetically|desc|asc)\b)",
    re.IGNORECASE,
)
# 'users with zero picks': with no picks (the rows never related)
_ZERO_OF = re.compile(r"\b(have|has|had|with|w/)\s+(?:zero|0)\s+(?=[a-z])", re.IGNORECASE)
# 'what industry is Netflix classified under': in
_FILED_UNDER = re.compile(r"\b(classified|categori[sz]ed|listed|filed|grouped)\s+under\b", re.I)
# 'the full-time employee count', 'headcount': the number of employees (a stored column)
# '8+ names', '5 or more picks', '3 or fewer': a bound said after the number
_OR_MORE = re.compile(
    r"(?<![\w.])(\d[\d,.]*(?:\s*(?:k|m|b|bn|mm|million|billion|thousand))?)(?:\+|\s+or\s+more\b)"
    r"(?=\s+[A-Za-z])",
    re.IGNORECASE,
)
# 'a market cap of $1 trillion or more?', '$20 or less': an amount of money said with its bound
# after it, wherever it stands ('or more' after a plain number is _OR_MORE's)
_AMOUNT_OR_MORE = re.compile(
    r"(?<![\w.])(?P<amount>\$\s*\d[\d,.]*(?:\s*(?:k|m|b|bn|t|tn|mm|thousand|million|billion|"
    r"trillion)\b)?|\d[\d,.]*\s*(?:trillion|tn)\b)(?:\s*dollars)?\s+or\s+(?P<way>more|above|"
    r"higher|greater|over|less|fewer|below|lower|under)\b(?!\s+than\b)",
    re.IGNORECASE,
)
_UPWARD = frozenset({"more", "above", "higher", "greater", "over"})
_OR_FEWER = re.compile(
    r"(?<![\w.])(\d[\d,.]*(?:\s*(?:k|m|b|bn|mm|million|billion|thousand))?)\s+or\s+(?:fewer|less)\b"
    r"(?=\s+[A-Za-z])",
    re.IGNORECASE,
)
# 'companies that employ more than 300,000 people': a headcount above that
_EMPLOY_MORE = re.compile(
    r"\bemploys?\s+(more|fewer|less|over|under|at\s+least|at\s+most)\s+(?:than\s+)?"
    r"(\d[\d,.]*\s*(?:k|m|million|thousand)?)\s+(?:people|persons|staff|workers|employees)"
    r"(?:\s+full[-\s]time)?\b",
    re.IGNORECASE,
)
# 'the fourth quarter of 2023': Q4 2023
_ORDINAL_QUARTER = re.compile(
    r"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|final|last)\s+quarter\s+(?:of\s+)?"
    r"(?=(?:19|20)\d\d\b)",
    re.IGNORECASE,
)


def shorthand_words(text: str) -> str:
    """Only the word-for-word shorthand of ``text`` read ('idx px' as 'index price'): for the
    modules that read a series from a few words left over, where the rest of prepare() (its
    labels and lead-ins) would drop them."""

    def one(m: re.Match) -> str:
        return INFORMAL.get(m.group(0).lower(), m.group(0))

    return re.sub(r"[A-Za-z][A-Za-z']*", one, text)


_QUARTER_NUMBER = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _employ(m: re.Match) -> str:
    bound = " ".join(m.group(1).lower().split())
    said = {"over": "more", "under": "fewer"}.get(bound, bound)
    than = "" if said.startswith("at ") else " than"
    return f"have {said}{than} {m.group(2)} employees"


# 'Amazon shares', 'Tesla shares see …': the stock (never the 'share of' a total);
# 'how many shares changed hands': how many were traded (the volume)
_SHARES_TRADED = re.compile(r"\b(shares\s+(?:of\s+\S+\s+)?)changed\s+hands\b", re.IGNORECASE)
_SHARES = re.compile(r"\b(?P<owner>[A-Za-z][\w.&'’-]*)\s+shares\b(?!\s+of\b)", re.IGNORECASE)
# words before 'shares' that count or trade them ('the most shares', 'traded shares')
_NOT_AN_OWNER = frozenset(
    [
        "most",
        "many",
        "more",
        "fewer",
        "fewest",
        "least",
        "the",
        "of",
        "in",
        "traded",
        "trade",
        "trading",
        "total",
        "million",
        "billion",
        "thousand",
        "bought",
        "sold",
        "any",
        "all",
        "its",
        "their",
        "his",
        "her",
        "number",
        "no",
        "buy",
        "sell",
        "own",
        "hold",
        "volume",
        "and",
        "or",
        "which",
        "what",
        "how",
        "these",
        "those",
        "such",
        "outstanding",
        "k",
        "m",
        "b",
        "mn",
        "bn",
        "mm",
        "a",
        "few",
        "some",
        "whose",
    ]
)
_HEAVIEST_VOLUME = re.compile(r"\bheaviest\s+(?=(?:trading\s+)?volume\b)", re.IGNORECASE)


def shares_as_stock(text: str) -> str:
    """'Amazon shares' → 'Amazon stock'; 'shares changed hands' → 'shares traded'."""
    text = _SHARES_TRADED.sub(r"\1traded", text)
    text = _SHARES.sub(
        lambda m: (
            m.group(0) if m.group("owner").lower() in _NOT_AN_OWNER else f"{m.group('owner')} stock"
        ),
        text,
    )
    return _HEAVIEST_VOLUME.sub("highest ", text)


# 'On which day did Tesla see its highest volume, and how many shares changed hands that
# day?': the second clause asks again for the measure the first one already shows
_RESTATED_TAIL = re.compile(
    r"^(?P<ask>.*\b(?:which|when|what\s+(?:day|date|month|year))\b.*?),?\s+and\s+"
    r"(?P<tail>(?:what|how|the)\b[^?.!]*)[?.!]?\s*$",
    re.IGNORECASE,
)
_THAT_PERIOD = re.compile(r"\b(?:on\s+|in\s+)?that\s+(?:day|date|month|year|week|time)\b")
_RESTATING_WORDS = frozenset(
    [
        "what",
        "was",
        "is",
        "were",
        "how",
        "many",
        "much",
        "did",
        "the",
        "that",
        "this",
        "on",
        "level",
        "value",
        "figure",
        "number",
        "amount",
        "it",
        "its",
        "their",
        "then",
        "at",
        "point",
        "reached",
        "each",
        "of",
        "does",
        "do",
        "have",
        "has",
        "are",
        "there",
        "based",
    ]
)


def without_restated_measure(text: str) -> str:
    """Drop ', and what was that level?' after 'in which month … its lowest close': every
    content word of the tail is already in the question."""
    m = _RESTATED_TAIL.match(text)
    if m is None:
        return text
    said = _THAT_PERIOD.sub(" ", m.group("tail").lower())
    if said == m.group("tail").lower() and not re.search(r"\b(?:that|it|then|each|there)\b", said):
        return text  # no word pointing back at the first clause's answer
    if re.search(r"\b(?:when|day|date|month|year|week)\b", said):
        return text  # 'and what day was it?': the date is asked, not restated
    asked = set(re.findall(r"[a-z0-9&]+", m.group("ask").lower()))
    if "capitalization" in asked or "capitalisation" in asked:
        asked.add("cap")  # 'the largest market capitalization, and … the market cap of each'
    if "headquarters" in asked:
        asked.add("companies")  # 'the most headquarters, and how many companies are there
    tail = set(re.findall(r"[a-z0-9&]+", said)) - _RESTATING_WORDS
    if "volume" in asked and {"shares", "traded"} <= tail:
        tail = tail - {"shares", "traded"} | {"volume"}  # 'how many shares traded': the volume
    if not tail - {"in", "for", "per", "by", "with"} and re.search(
        r"\bhow\s+many\b|\beach\b", said
    ):
        return text  # 'and how many in each': a count of each group's rows, not restated
    return m.group("ask") + "?" if tail <= asked else text


# 'month by month', 'which industries are represented by more than ten companies'
_MONTH_BY_MONTH = re.compile(r"\b(month|year|quarter|week|day)\s+by\s+\1\b", re.IGNORECASE)
_REPRESENTED_BY = re.compile(r"\b(?:are|is)\s+represented\s+by\b", re.IGNORECASE)


# 'gets picked the most overall', 'the total … added up', 'tech vs healthcare - total mkt cap
# each?': words that restate what the rest already says
_MOST_OVERALL = re.compile(
    r"\b(most|least|highest|lowest|biggest|largest|smallest)\s+overall\b", re.IGNORECASE
)
_ADDED_UP = re.compile(
    r"(?<=\S)\s+added\s+up\b(?=\s*[?.!]*\s*$)|\s+all\s+added\s+up\b", re.IGNORECASE
)
_EACH_BESIDE_VS = re.compile(
    r"(?<=\bwhere\sdid\s)each\s+(?=clos)|\s+of\s+each\b(?=\s+(?:on|in|at|for|during)\b|\s*[?.!]*$)",
    re.IGNORECASE,
)
_HEAD_TO_HEAD = re.compile(r"\s*\bhead[- ]to[- ]head\b", re.IGNORECASE)
_VS_EACH = re.compile(r"^(?P<ask>[^?]*\bvs\.?\b[^?]*?)\s+each\s*(?P<end>[?.!]*)\s*$", re.IGNORECASE)


# 'How did Apple and Microsoft compare on closing price on …': compare the two on that
_HOW_DID_COMPARE = re.compile(
    r"^\s*how\s+(?:did|do|does|would)\s+(?P<a>[^,?]+?)\s+and\s+(?P<b>[^,?]+?)\s+compare\s+"
    r"(?:on|in|by|for|with\s+respect\s+to|in\s+terms\s+of)\s+(?P<what>.+)$",
    re.IGNORECASE,
)


# 'which companies have energy in their name', 'whose name contains energy': a text pattern
# on the name (quoted, so the linker reads it as the literal, never as a sector)
_WORD_IN_NAME = re.compile(
    r"\b(?:have|has|having|with|got)\s+(?:the\s+word\s+)?['\"“]?(?P<w>[A-Za-z][\w&.-]*)['\"”]?\s+"
    r"in\s+(?:their|its|the|there|his|her)\s+(?P<n>name|title)s?\b",
    re.IGNORECASE,
)
_NAME_CONTAINS = re.compile(
    r"\b(?P<n>name|title)s?\s+(?P<v>contains?|containing|includes?|including)\s+"
    r"(?!the\s+(?:word|letter|string)|['\"“])(?P<w>[A-Za-z][\w&.-]*)\b",
    re.IGNORECASE,
)


def words_in_names(text: str) -> str:
    """'have energy in their name' → 'whose name contains "energy"'."""
    text = _WORD_IN_NAME.sub(lambda m: f'whose {m.group("n")} contains "{m.group("w")}"', text)
    return _NAME_CONTAINS.sub(lambda m: f'{m.group("n")} {m.group("v")} "{m.group("w")}"', text)


# 'amazon's closing price for the last 5 days': a price series counts its trading days
_LAST_N_DAYS = re.compile(
    r"\b(the\s+(?:last|past|previous)\s+(?:[2-9]|10))\s+days\b", re.IGNORECASE
)
_PRICE_SERIES = re.compile(r"\b(?:clos(?:e|es|ing)|volume|stock|shares|trading|traded)\b", re.I)


def trading_days(text: str) -> str:
    """'the last 5 days' of closes → 'the last 5 trading days' (the rows, not the calendar);
    a month's worth ('the last 30 days') stays calendar days."""
    if not _PRICE_SERIES.search(text):
        return text
    return _LAST_N_DAYS.sub(r"\1 trading days", text)


# 'in the energy sector which industry has the most companies': the place said after the
# noun it narrows ('which industry in the energy sector has …')
_PLACE_FIRST = re.compile(
    r"^\s*(?P<where>(?:in|within|among)\s+(?:the\s+)?(?!(?:them|those|these|it)\b)[^,?]{2,40}?)"
    r",?\s+(?P<wh>which|what)\s+(?P<noun>[a-z]+)\s+(?P<verb>has|have|had|is|are|was|were)\b",
    re.IGNORECASE,
)
# 'semis ranked by mkt cap, biggest first': sorted by it, that way round
_RANKED_BY_FIRST = re.compile(
    r"(?<=[a-z] )ranked\s+(?=by\s+[^,?]{1,40},\s*(?:biggest|largest|highest|smallest|"
    r"lowest|most|least)\s+first\b)",
    re.IGNORECASE,
)
# 'signed up in H1 2023': the first half of the year
_HALF_YEAR = re.compile(r"\bH([12])(?:\s*'?(\d{2}|\d{4}))?\b")
# 'h2 23' typed in lowercase: a half only with its year ('h1' alone may be anything)
_HALF_YEAR_LOWER = re.compile(r"\bh([12])\s*'?((?:19|20)\d{2}|\d{2})\b")
# 'the highest price nvidia ever got to': ever reached
_EVER_GOT_TO = re.compile(r"\bever\s+(?:got|gone|went|climbed|rose)\s+(?:up\s+)?to\b", re.I)


def _half(m: re.Match) -> str:
    half = "first" if m.group(1) == "1" else "second"
    year = m.group(2) or ""
    if len(year) == 2:
        year = "20" + year
    return f"the {half} half of {year}".rstrip() if year else f"the {half} half"


# 'Healthcare companies with more than 50k staff - list them with headcount': the rows said
# first, then how to show them ('them' points inside the question)
_LIST_THEM_WITH = re.compile(
    r"^(?P<rows>[^?]+?)\s*(?:[-–—:;]|\?)\s*(?:pls\s+|please\s+)?(?:list|show|give)\s+(?:me\s+)?"
    r"(?:them|those|these)\s+(?P<rest>(?:with|w/|and)\s+[^?]+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# 'latest close and volume for NVDA, and what date is that from?': the latest row shows it
_WHAT_DATE_IS_THAT = re.compile(
    r"\s*,?\s+and\s+(?:what|which)\s+(?:date|day)\s+(?:is|was)\s+(?:that|it|this)"
    r"(?:\s+from)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def plain_grouping(text: str) -> str:
    """'month by month' → 'by month'; 'are represented by N companies' → 'have N companies';
    'most overall' → 'most'; 'the total … added up' → 'the total …'; 'A vs B - total X each'
    → 'A vs B - total X'."""
    text = _REPRESENTED_BY.sub("have", _MONTH_BY_MONTH.sub(r"by \1", text))
    text = _MOST_OVERALL.sub(r"\1", text)
    text = _LIST_THEM_WITH.sub(r"\g<rows>, \g<rest>", text)
    if re.search(r"\b(?:latest|last|most\s+recent|current)\b", text, re.IGNORECASE):
        text = _WHAT_DATE_IS_THAT.sub("", text)
    text = _PLACE_FIRST.sub(r"\g<wh> \g<noun> \g<where> \g<verb>", text)
    text = _RANKED_BY_FIRST.sub("", text)
    text = _EVER_GOT_TO.sub(
        "ever reached", _HALF_YEAR_LOWER.sub(_half, _HALF_YEAR.sub(_half, text))
    )
    text = _HOW_DID_COMPARE.sub(r"compare \g<a> and \g<b> \g<what>", text)
    if re.search(r"\b(?:total|sum|combined)\b", text, re.IGNORECASE):
        text = _ADDED_UP.sub("", text)
    if re.search(r"\bvs\.?\b|\bversus\b|\bhead[- ]to[- ]head\b", text, re.IGNORECASE):
        # 'AAPL vs MSFT head to head: where did each close on …': each is each named
        text = _HEAD_TO_HEAD.sub("", _EACH_BESIDE_VS.sub("", text))
    return _VS_EACH.sub(r"\g<ask>\g<end>", text)


# 'which sectors have more than 50 companies in total': the bound is on the count itself
_BOUND_IN_TOTAL = re.compile(
    r"\b((?:more|fewer|less)\s+than|at\s+(?:least|most)|over|under)(\s+\d[\d,]*\s+[a-z]+)"
    r"\s+in\s+total\b",
    re.IGNORECASE,
)


def bounds_and_quarters(text: str) -> str:
    """'8+ names' → 'at least 8 names'; 'employ over 300,000 people' → 'have more than
    300,000 employees'; 'the fourth quarter of 2023' → 'Q4 2023'."""
    text = _AMOUNT_OR_MORE.sub(
        lambda m: (
            ("at least " if m.group("way").lower() in _UPWARD else "at most ") + m.group("amount")
        ),
        text,
    )
    text = _BOUND_IN_TOTAL.sub(r"\1\2", _OR_MORE.sub(r"at least \1", text))
    text = _OR_FEWER.sub(r"at most \1", text)
    text = _EMPLOY_MORE.sub(_employ, text)
    return _ORDINAL_QUARTER.sub(lambda m: f"Q{_QUARTER_NUMBER[m.group(1).lower()]} ", text)


_EMPLOYEE_COUNT = re.compile(r"\b(?:full[-\s]time\s+)?employee\s+count\b", re.IGNORECASE)
# 'highest intraday price': the day's high (the low for 'lowest')
_INTRADAY = re.compile(
    r"\b(highest|max(?:imum)?|peak|top|lowest|min(?:imum)?|bottom)\s+intra-?day\s+"
    r"(?:price|level|value|trade)\b|\bintra-?day\s+(high|low)s?\b",
    re.IGNORECASE,
)
# 'from 6 March to 10 March 2023': the year said once, for both days
_DAYS_ONE_YEAR = re.compile(
    r"\bfrom\s+((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)\s+(to|until|through|thru|-)\s+"
    r"((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?),?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# 'the closing value for each trading day from … to …': the daily rows of that span
_EACH_DAY = re.compile(
    r"\b(?:for|on)\s+(?:each|every)\s+(?:trading\s+|business\s+|single\s+)?day\b(?=\s+(?:from|between|in|of|during)\b)",
    re.IGNORECASE,
)
# 'which has more employees, AAPL or MSFT', 'which of GOOGL and META had more volume': the
# one with the most of it, among the rows named (said as the superlative the reading ranks)
_WHICH_OF_TWO = re.compile(
    r"^\s*(?:which|who(?=\s+(?:gained|rose|grew|fell|dropped|lost|went\s+(?:up|down)|did\s+better|"
    r"performed\s+better)\s+more\b))\b(?=.*(?:,\s*\S.*\bor\b|\bof\s+\S.*\s(?:and|or)\s))"
    # 'which of the two went up more': the rows of the answer before, one of them the most
    r"|^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:which(?:\s+one)?|who)\s+of\s+"
    r"(?:the\s+two|both|the\s+pair)\b"
    # ('which of them are more …' may keep several: only one said with a singular verb)
    r"|^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?which(?:\s+one)?\s+of\s+(?:them|those|these)\s+"
    r"(?:is|was|has|had|did|went|gained|rose|grew|fell|dropped|performed)\b",
    re.IGNORECASE,
)
_MORE_NOT_THAN = re.compile(r"\b(?:the\s+)?(more|fewer|less)\b(?!\s+than\b)", re.IGNORECASE)
# 'How many … are listed on the NASDAQ, and how many on the NYSE?': one count for each, as
# 'how many … on the NASDAQ vs the NYSE' says
# 'Which cities in Ohio have companies, and how many companies are in each one?': the count
# per group answers both halves
_WHICH_HAVE_HOW_MANY_EACH = re.compile(
    r"^\s*(?:which|what)\s+(?P<groups>[a-z]+)(?P<where>\s+(?:in|of)\s+[\w .'&-]+?)?\s+"
    r"(?:have|has|host|contain)\s+(?:any\s+)?(?P<rows>[a-z]+)"
    r"(?P<qual>\s+(?:with|without|that|having|where|whose)\s+[^,?]{1,60}?)?\s*,?\s*and\s+how\s+many"
    r"(?:\s+(?P=rows))?\s+(?:are\s+(?:there\s+)?in\s+each(?:\s+one)?|does\s+each(?:\s+one)?"
    r"\s+have|in\s+each(?:\s+one)?|each)\s*[?.!]*\s*$",
    re.I,
)
# 'list the companies headquartered in Texas and the city each one is in': their city
_EACH_ONE_IS_IN = re.compile(
    r"\b(and|with)\s+the\s+([a-z]+)\s+(?:that\s+)?each(?:\s+one)?\s+is\s+(?:located\s+|based\s+)?in\b",
    re.I,
)
# 'the highest total number of employees when you add up all the companies there': the total
# already says so
_WHEN_ADDED_UP = re.compile(
    r"\s*,?\s+(?:when|if)\s+you\s+(?:add|sum|total)\s+(?:up\s+)?(?:all\s+)?(?:of\s+)?"
    r"(?:the\s+)?[a-z]+(?:\s+up)?(?:\s+(?:there|in\s+(?:it|each|them)))?(?=\s*[?.!]*\s*$)",
    re.I,
)
# 'the most employees in total across its companies': a group's total is over its rows
_ACROSS_ITS_ROWS = re.compile(
    r"(?<=\btotal)\s+(?:across|over|for)\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+"
    r"(?:companies|firms|members|stocks|rows)\b",
    re.I,
)
# 'How many companies make up that figure?' after a total: how many rows it adds up
_MAKE_UP_THAT = re.compile(
    r"^\s*how\s+many\s+([a-z]+)\s+(?:make|made|go\s+into|went\s+into)\s+(?:up\s+)?(?:that|this)\s+"
    r"(?:figure|total|number|sum|amount|weight|share|value)\s*[?.!]*\s*$",
    re.I,
)
# 'which state has the most company headquarters': counted headquarters are companies
_COUNTED_HEADQUARTERS = re.compile(
    r"\b(most|fewest|least|many|number\s+of|count\s+of)\s+(?:company\s+|corporate\s+)?"
    r"(?:headquarters|hqs)\b",
    re.I,
)
# 'Which U.S. state has the most …': a state of the US (the country, a condition of its own)
_US_STATE = re.compile(r"(?<![\w.])(?:U\.S\.(?:A\.)?|US|USA)\s+(states?)\b")
# 'How many different cities are the companies located in?': a preposition left at the end
_STRANDED_IN = re.compile(
    r"^(\s*(?:how\s+many|which|what)\b.*?)\s+(?:located|based|headquartered)\s+in\s*(?=[?.!]*\s*$)",
    re.I,
)
_AND_HOW_MANY = re.compile(
    r"^(\s*how\s+many\s+.+?\s(?:on|in|from|at|with)\s+.+?)\s*,?\s+and\s+how\s+many\s+"
    r"(?:(?:are|were|is)\s+)?(?:on|in|from|at|with)\s+(.+?)\s*([?.!]*)\s*$",
    re.IGNORECASE,
)
# 'selected by any user of the website': the app's users are the only users there are
_OF_THE_APP = re.compile(
    r"\s+(?:of|on|in|for)\s+(?:the|our|this)\s+(?:website|web\s+site|site|app|application|platform)\b",
    re.IGNORECASE,
)
_WHEN_EACH = re.compile(r"\bwhen\s+each(?:\s+one)?\s+(?:was|got)\b", re.IGNORECASE)
# an operator between two words or numbers: 'close - open', 'close+open', 'cap/employees'
_ARITHMETIC = re.compile(
    r"(?:(?<=\w)\s*([+*^×])\s*(?=\w))|(?:(?<=\w)\s([-/])\s(?=\w))|(?:(?<=[a-z])(/)(?=[a-z]))"
)
_COMPARISON_SYMBOLS = (
    (">=", "at least"),
    ("<=", "at most"),
    ("≥", "at least"),
    ("≤", "at most"),
    (">", "more than"),
    ("<", "less than"),
)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
# two-digit years: '12/29/23', "Q3 '23", 'Q1 23', "Dec '23"
_SHORT_SLASH_YEAR = re.compile(r"\b(\d{1,2}/\d{1,2})/(\d\d)\b(?![/\d])")
_SHORT_QUARTER_YEAR = re.compile(r"\b([Qq][1-4])\s*(?:['’]|\s)(\d\d)\b(?![/\d%])")
_APOSTROPHE_YEAR = re.compile(r"(?<![\w'’])['’](\d\d)\b(?![\d%])")


# 'msft closes 12/18-12/22/23': a span of two slash days, the year said once at the end
_SLASH_SPAN = re.compile(
    r"\b(?:from\s+)?(\d{1,2}/\d{1,2})(/\d\d(?:\d\d)?)?\s*(?:-|–|to|thru|through)\s*"
    r"(\d{1,2}/\d{1,2})(/\d\d(?:\d\d)?)\b(?![/\d])",
    re.I,
)


def _slash_span(m: re.Match) -> str:
    return f"from {m.group(1)}{m.group(2) or m.group(4)} to {m.group(3)}{m.group(4)}"


def _iso_day(m: re.Match, order: str = "") -> str:
    """An unambiguous m/d/yyyy or d/m/yyyy day as ISO; an ambiguous one is left as written
    unless another day of the same question shows the order ('md' or 'dm')."""
    a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if a > 12 and 1 <= b <= 12 or (order == "dm" and a <= 12 and b <= 12):
        a, b = b, a  # day first ('30/12/2022')
    elif not (b > 12 and 1 <= a <= 12 and b <= 31) and not (order == "md" and a <= 12 and b <= 12):
        return m.group(0)
    return f"{year}-{a:02d}-{b:02d}"


_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def day_read_both_ways(question: str) -> Decline | None:
    """'xom close 10/2/23' (after prepare(): '10/2/2023'): 2 October or 10 February; never
    guessed, and the decline names both days instead of 'what 10 refers to'."""
    for m in _SLASH_DATE.finditer(question):
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= a <= 12 and 1 <= b <= 12 and a != b:
            return Decline(
                f"'{m.group(0)}' can be {b} {_MONTH_NAMES[a - 1]} {year} (month first) or "
                f"{a} {_MONTH_NAMES[b - 1]} {year} (day first); please write it as "
                f"{year}-{a:02d}-{b:02d} or {year}-{b:02d}-{a:02d}.",
                (m.group(0),),
            )
    return None


def _day_order(text: str) -> str:
    """'md' when a day of the text can only be month first ('12/29/2023'), 'dm' when only
    day first ('29/12/2023'), '' when none or both."""
    orders = set()
    for m in _SLASH_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 < b <= 31:
            orders.add("md")
        elif b <= 12 < a <= 31:
            orders.add("dm")
    return orders.pop() if len(orders) == 1 else ""


_MORE_THEN = re.compile(r"\b(more|less|fewer|greater|higher|lower|bigger|smaller)\s+then\b", re.I)
_SPACED_PERCENT = re.compile(r"(\d)\s+%")
_BARE_PERCENT = re.compile(r"(?<![\w.%])(?<!\d\s)%(?=\s|[?.!,;)]|$)")
_NO_OF = re.compile(r"\bno\.?\s+of\b", re.IGNORECASE)
_AGGREGATE_START = re.compile(
    r"^(?:the\s+)?(?:number|count|total|sum|average|avg|mean|combined|how\s+many)\b", re.I
)
_WITHIN_GROUPS = re.compile(r"\b(?:within|each|every|per|partition|inside)\b", re.I)
# 'first and last names': each adjective with its own noun
_BOTH_NAMES = re.compile(
    r"\b(first|last|given|family)\s+and\s+(first|last|given|family)\s+names?\b", re.I
)
# 'who works in Legal', 'who teaches Physics': a person's link verb with no subject named
_WHO_LINKS = re.compile(
    r"^(\s*)who\s+((?:lives|lived)\b)",
    re.IGNORECASE,
)
# 'who teaches Linear Algebra': the teachers (roles.py names the one table of them)
_WHO_TEACHES = re.compile(r"^(\s*)who\s+((?:teaches|taught|teach)\b)", re.IGNORECASE)
# 'who works in Legal': the staff (the one person table with a hire date)
# 'who picked the most stocks': the users (the app's people who pick)
_WHO_PICKS = re.compile(
    r"^(\s*)who\s+((?:has\s+|have\s+)?(?:picked|selected|chose|chosen|added)\b"
    r"|(?:has|had)\s+(?:the\s+)?(?:most|fewest|least|more|fewer)\s+(?:picks|selections)\b)",
    re.I,
)
_WHO_WORKS = re.compile(r"^(\s*)who\s+((?:works|worked|is employed|was employed)\b)", re.IGNORECASE)
_RANKED_BY = re.compile(r"^\s*(?:the\s+)?([a-z][a-z ]*?)\s+ranked\s+by\s+(.+?)\s*[?.!]*\s*$", re.I)
# 'sort companies by market cap': as 'companies sorted by market cap' (an edit's 'sort them by'
# keeps its pronoun)
_SORT_BY = re.compile(
    r"^\s*(?:please\s+)?(?:sort|order)\s+(?!(?:it|them|those|these|that|this)\b)(?:the\s+)?"
    r"(.+?)\s+by\s+(.+?)\s*[?.!]*\s*$",
    re.I,
)
_SORT_DIRECTION = re.compile(
    r"\b(?:desc(?:ending)?|asc(?:ending)?|(?:highest|lowest|biggest|smallest|largest|most|least"
    r"|heaviest|hottest|busiest|strongest|richest|lightest|weakest|tiniest)\s+first)\b",
    re.I,
)
# 'rank the sectors by how many companies each one has': by the number of companies
_BY_HOW_MANY_EACH = re.compile(
    r"\bby\s+how\s+many\s+([a-z]+)\s+(?:each(?:\s+one)?\s+(?:has|have|had|holds|contains)|"
    r"they\s+(?:each\s+)?(?:have|had|hold|contain))\b",
    re.I,
)
_RANK_BY = re.compile(r"^\s*(?:please\s+)?rank\s+(?:the\s+)?(.+?)\s+by\s+(.+?)\s*[?.!]*\s*$", re.I)


def _intraday(m: re.Match) -> str:
    if m.group(2):
        return m.group(2)  # 'intraday high': the high
    low = m.group(1).lower() in ("lowest", "min", "minimum", "bottom")
    return "lowest low" if low else "highest high"


# "what's there combined weight": 'their' typed as 'there' (before a word no 'there' precedes,
# after a word 'there' never follows as a place)
_THERE = re.compile(r"(?:\b([a-z']+)\s+)?\bthere\s+([a-z']+)", re.IGNORECASE)
_NOT_BEFORE_THERE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "in",
        "over",
        "out",
        "from",
        "get",
        "go",
        "up",
        "down",
        "here",
        "be",
        "and",
        "or",
        "been",
    ]
)
_NOT_AFTER_THERE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "should",
        "might",
        "must",
        "may",
        "can",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "any",
        "a",
        "an",
        "no",
        "not",
        "some",
        "many",
        "much",
        "more",
        "most",
        "in",
        "on",
        "at",
        "to",
        "for",
        "that",
        "this",
        "then",
        "than",
        "and",
        "or",
        "but",
        "with",
        "from",
        "by",
        "as",
        "of",
        "if",
        "so",
        "too",
        "yet",
        "now",
        "ever",
        "again",
        "also",
        "only",
        "just",
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "exist",
        "exists",
        "existed",
        "appear",
        "appears",
        "seem",
        "seems",
        "remain",
        "remains",
        "used",
        "aren't",
        "isn't",
        "wasn't",
        "weren't",
        "won't",
        "ain't",
        "there's",
    ]
)


def _there_as_their(text: str) -> str:
    def fix(m: re.Match) -> str:
        before, after = (m.group(1) or "").lower(), m.group(2).lower()
        if before in _NOT_BEFORE_THERE or after in _NOT_AFTER_THERE or not m.group(1):
            return m.group(0)
        return f"{m.group(1)} their {m.group(2)}"

    return _THERE.sub(fix, text)


# 'the all-time record close', 'record volume for TSLA', 'a record low close': the extreme
# of the measure named next; 'record' alone is a row ('records of', 'record dates')
_RECORD_MEASURE = re.compile(
    r"\b(?:(?:all|of\s+all)[- ]time\s+)?record(?:[- ](?P<way>high|low))?\s+"
    r"(?!(?:dates?|days?|counts?|numbers?|ids?|keeping|of|for|in|from|with|that|which|where|"
    r"and|or|is|was|the|a|an|to|on|at|by|per|its|their|his|her)\b)(?=[a-z])",
    re.IGNORECASE,
)


def _record_as_extreme(m: re.Match[str]) -> str:
    return "lowest " if (m.group("way") or "").lower() == "low" else "highest "


# 'amzn avg vol 22 vs 23', 'average volume in 2022 and 2023': an aggregate of two years
# side by side, one row a year (consecutive years only: 'from … to …' would add the ones
# between)
_TWO_YEARS = re.compile(
    r"\b(?:in\s+)?(?P<a>(?:19|20)?\d\d)\s+(?:vs\.?|versus|v\.?|and|compared\s+(?:to|with))\s+"
    r"(?:in\s+)?(?P<b>(?:19|20)?\d\d)\b(?!\s*(?:%|percent|[a-z]))",
    re.IGNORECASE,
)
_AGGREGATE_SAID = re.compile(
    r"\b(?:avg|average|mean|total|sum|max(?:imum)?|min(?:imum)?|highest|lowest|how\s+many|"
    r"number\s+of|count)\b",
    re.IGNORECASE,
)


def _two_years(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if len(a) != len(b):
        return m.group(0)
    if len(a) == 2:
        if not (10 <= int(a) <= 39):
            return m.group(0)
        a, b = "20" + a, "20" + b
    if int(b) - int(a) != 1:
        return m.group(0)
    return f"per year from {a} to {b}"


# 'what % of the index is tech by weight': the share of the weight ('what % of the index
# weight is tech', share.py)
_SHARE_BY = re.compile(
    r"(?P<ask>\bwh?a?t\s+(?:%|percent|percentage|share|proportion|fraction)\s+of\s+)"
    r"(?P<whole>(?:the\s+)?[\w&]+(?:\s+[\w&]+)?)\s+(?P<verb>is|are)\s+(?P<part>[\w&][\w& ]*?)"
    r"\s+by\s+(?P<col>(?:index\s+)?[a-z]+(?:\s+cap)?)(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
# 'top 10 … by market cap - ticker, company name and mkt cap pls': a list of columns after a
# dash shows them ('close - open' with no comma after it stays a difference)
_DASH_THEN_COLUMNS = re.compile(r"\s+[-–—]\s+(?=[a-z][^-–—,?]*,[^-–—?]+[?.!]*\s*$)", re.IGNORECASE)
# 'for the open graphic', 'for tonight's segment': where the answer goes, not what it holds
_FOR_THE_GRAPHIC = re.compile(
    r"\s+for\s+(?:the|my|our|a|this|tonight'?s|today'?s)\s+(?:[a-z]+\s+)?(?:graphic|graphics|"
    r"segment|broadcast|slide|deck|newsletter|story|piece|article|show|lower[- ]third)\b",
    re.IGNORECASE,
)
# '10 best performing stocks of 2023, % change from first to last close of the year': how
# 'performing' is measured, said again (a change is the first close to the last of the period)
_PERFORMED = re.compile(
    r"\b(?:perform\w*|performers?|gain\w*|gainers?|losers?|return\w*|rose|fell|up|down)\b", re.I
)
_CHANGE_EXPLAINED = re.compile(
    r"\s*[,;:-]?\s*(?:by\s+|as\s+|i\.?e\.?\s+)?(?:%|percent(?:age)?)\s*(?:change|gain|return|move)\s+"
    r"from\s+(?:the\s+)?first\s+(?:close\s+)?(?:to|until|through)\s+(?:the\s+)?last\s+"
    r"(?:close|closing\s+price|price)s?(?:\s+(?:of|in)\s+(?:the\s+(?:year|period)|\d{4}))?",
    re.IGNORECASE,
)
# 'what are the biggest tech companies? just the top 5': the number said after the question
_TOP_N_AFTER_QUESTION = re.compile(
    r"^(?P<head>.*?\b)(?P<sup>biggest|largest|smallest|highest|lowest|best|worst)\s+"
    r"(?P<rest>[^?,.]+?)\s*[?.,]\s*(?:just|only)?\s*(?:the\s+)?top\s+(?P<n>\d+)"
    r"(?:\s+only)?(?:\s+(?:pls|please))?\s*[.?!]*\s*$",
    re.IGNORECASE,
)
# 'any signups in 2024 so far?', 'were there any new users in dec 2023': whether any rows
# fall in a period is their count (0 says no, where an empty list says nothing)
_ANY_IN_PERIOD = re.compile(
    r"^\s*(?:(?:and|so|ok)[\s,]+)?(?:(?:are|were)\s+there\s+|did\s+we\s+(?:get|have)\s+)?any\s+"
    r"(?=(?:new\s+)?[a-z]+s\s+(?:in|during|since|after|before|for)\s+(?:[a-z]+\s+)?(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
# "where's SPX sitting right now?": where it is at; 'which ticker shows up on the most
# watchlists': is on; 'user stock picks': the picks (every pick is a user's)
_SITTING_AT = re.compile(
    r"^(\s*where(?:'s|s|\s+is|\s+are)?\s+[^?]{1,30}?\s)sitting\b(?=\s*(?:(?:right\s+)?now|today)?\s*[?.!])",
    re.IGNORECASE,
)
_SHOWS_UP_ON = re.compile(r"\b(?:shows?|turns?)\s+up\s+(?=(?:on|in)\b)", re.IGNORECASE)
_USER_PICKS = re.compile(r"\busers?'?\s+(?=(?:stock\s+)?(?:picks|selections)\b)", re.IGNORECASE)
_GOT_A_NUMBER = re.compile(
    r"\b(?:got|get|gets|received|receive|receives)\s+(?=(?:more\s+than|fewer\s+than|less\s+than|"
    r"over|under|at\s+least|at\s+most|exactly)\s+\d[\d,]*\s+[a-z]+)",
    re.IGNORECASE,
)
# '52 week high and low on AAPL': the period's highest high and lowest low
_WEEKS_HIGH_LOW = re.compile(
    r"\b(\d+)[-\s]*(?:weeks?|wks?|w)\s+hi(?:gh)?\s*(?:and|&|/|n)\s*lo(?:w)?\b", re.IGNORECASE
)
# 'msft 52w high', '13wk low': weeks
_WEEKS_SHORT = re.compile(
    r"\b(\d+)\s*-?\s*(?:wks?\b(?!/)|w\b(?!/)(?=\s*(?:high|low|hi|lo|range|return|chg|change|avg|"
    r"average|max|min)\b))",
    re.IGNORECASE,
)
# 'worst day % wise', 'who gained more, in % terms': in percent
_PERCENT_WISE = re.compile(
    r"\b(?:in\s+)?(?:%|percent(?:age)?)[\s-]*(?:wise|terms)\b|(?<=\s)%[\s-]*(?:wise|terms)\b",
    re.IGNORECASE,
)
_HYPHENED_MOST = re.compile(r"\b(most|least)-([a-z]+(?:ed|en))\b", re.IGNORECASE)


def informal(question: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Rewrite abbreviations word by word; returns the text and what was rewritten."""
    rewrites: list[tuple[str, str]] = []
    text = _HASH_OF.sub("number of ", question)
    text = re.sub(r"number of\s+", "number of ", text)
    text = _NO_OF.sub("number of", text)
    if text != question:
        rewrites.append(("# of", "number of"))
    text = _SPACED_PERCENT.sub(r"\1%", text)  # '10 %' is '10%'
    text = _HYPHENED_MOST.sub(r"\1 \2", text)  # 'most-selected tickers': most selected
    aside = _FOR_THE_GRAPHIC.sub("", _DASH_THEN_COLUMNS.sub(", with ", text))
    text = noted(rewrites, text, aside)
    text = _GOT_A_NUMBER.sub("have ", text)  # 'which sectors got fewer than 15 picks'
    plain = _SITTING_AT.sub(r"\1at", _SHOWS_UP_ON.sub("is ", _USER_PICKS.sub("", text)))
    text = noted(rewrites, text, plain)
    existence = _ANY_IN_PERIOD.sub("how many ", text)
    text = noted(rewrites, text, existence)  # 0 says no; rows say yes
    topped = _TOP_N_AFTER_QUESTION.sub(r"\g<head>\g<n> \g<sup> \g<rest>", text)
    text = noted(rewrites, text, topped)
    ranged = _WEEKS_HIGH_LOW.sub(r"highest high and lowest low in the last \1 weeks", text)
    text = noted(rewrites, text, ranged)
    worded = _WEEKS_SHORT.sub(r"\1 week", text)
    text = noted(rewrites, text, worded)
    worded = _PERCENT_WISE.sub("in percent", text)
    text = noted(rewrites, text, worded)
    their = _there_as_their(text)
    text = noted(rewrites, text, their)
    owned = _WHEN_EACH.sub("when they were", _ID_POSSESSIVE.sub(r"\3 of \1 \2", text))
    text = noted(rewrites, text, owned)
    text = _OF_THE_APP.sub("", _AND_HOW_MANY.sub(r"\1 vs \2\3", text))
    worded = _ZERO_OF.sub(r"\1 no ", _FILED_UNDER.sub(r"\1 in", text))
    worded = _EMPLOYEE_COUNT.sub("number of employees", _EACH_DAY.sub("daily", worded))
    worded = shares_as_stock(bounds_and_quarters(plain_grouping(words_in_names(worded))))
    worded = trading_days(worded)
    worded = _INTRADAY.sub(_intraday, without_restated_measure(worded))
    worded = _DAYS_ONE_YEAR.sub(r"from \1 \4 \2 \3 \4", worded)
    text = noted(rewrites, text, worded)
    text, spanned = month_spans(text)
    rewrites += spanned
    record = _RECORD_MEASURE.sub(_record_as_extreme, text)
    text = noted(rewrites, text, record)  # never a word dropped as 'rows'
    years = _TWO_YEARS.sub(_two_years, text) if _AGGREGATE_SAID.search(text) else text
    text = noted(rewrites, text, years)
    share = _SHARE_BY.sub(r"\g<ask>\g<whole> \g<col> \g<verb> \g<part>", text)
    text = noted(rewrites, text, share)
    if _PERFORMED.search(text):
        explained = _CHANGE_EXPLAINED.sub("", text)
        text = noted(rewrites, text, explained)
    text = noted(rewrites, text, which_of_two(text))  # 'did A or B gain more …'
    better = _DID_BETTER.sub("gained more", text)
    text = noted(rewrites, text, better)  # a stock's return, in percent
    if _WHICH_OF_TWO.match(text) and len(_MORE_NOT_THAN.findall(text)) == 1:
        superlative = {"more": "most", "fewer": "fewest", "less": "least"}
        text = _MORE_NOT_THAN.sub(lambda m: "the " + superlative[m.group(1).lower()], text)
        rewrites.append(("which … more …, A or B", "which … the most …"))
    spans = _SORT_SENTENCE.sub(", sorted ", _BARE_DAY_SPAN.sub(r"from \1 to \2", text))
    spans = _FROM_MOST_X.sub(
        lambda m: (
            f"by {m.group('what')} from "
            + (
                "largest to smallest"
                if m.group("hi").lower() in ("highest", "largest", "biggest", "most", "greatest")
                else "smallest to largest"
            )
        ),
        spans,
    )
    spans = _LEAST_TO_MOST.sub(
        "from smallest to largest", _MOST_TO_LEAST.sub("from largest to smallest", spans)
    )
    spans = _ONE_SHARE_OF.sub("of", spans)
    text = noted(rewrites, text, spans)
    each = _WHICH_HAVE_HOW_MANY_EACH.sub(
        lambda m: (
            f"how many {m.group('rows')}{m.group('qual') or ''} per {m.group('groups')}"
            f"{m.group('where') or ''}"
        ),
        text,
    )
    each = _COUNTED_HEADQUARTERS.sub(r"\1 companies", each)
    each = _MAKE_UP_THAT.sub(r"how many \1 is that?", each)
    each = _EACH_ONE_IS_IN.sub(r"\1 their \2", each)
    each = _WHEN_ADDED_UP.sub("", each)
    each = _ACROSS_ITS_ROWS.sub("", each)
    each = _STRANDED_IN.sub(r"\1", each)
    each = _US_STATE.sub(r"\1 in the US", each)
    text = noted(rewrites, text, each)
    broken = _A_BREAKDOWN_OF.sub(lambda m: _break_down(m.group("rows")), text)
    broken = _SIGNUP_PERIOD.sub(r"\1 \2 of signup", broken)
    text = noted(rewrites, text, broken)
    split = _HOW_SPLIT.sub(lambda m: m.group(1) + _break_down(m.group(2)), text)
    text = noted(rewrites, text, split)
    spans = _SLASH_SPAN.sub(_slash_span, text)
    text = noted(rewrites, text, spans)
    years = short_month_year(text)
    years = _SHORT_QUARTER_YEAR.sub(r"\1 20\2", years)
    years = _SHORT_SLASH_YEAR.sub(r"\1/20\2", years)
    years = _APOSTROPHE_YEAR.sub(r"20\1", years)
    text = noted(rewrites, text, years)  # a two-digit year in this century
    order = _day_order(text)
    iso = _SLASH_DATE.sub(lambda m: _iso_day(m, order), text)
    text = noted(rewrites, text, iso)  # '12/30/2022' (not '03/04/2023': which?)
    yearless = yearless_slash_days(text)
    text = noted(rewrites, text, yearless)  # '12/29': its year read from the data
    text, traded = trader_words(text)
    rewrites.extend(traded)
    said_then = _MORE_THEN.sub(r"\1 than", text)  # 'more then 10': a common slip
    text = noted(rewrites, text, said_then)
    worded = _BARE_PERCENT.sub("percent", text)
    text = noted(rewrites, text, worded)  # 'what % of companies …' (not '10%': a number)

    def one(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(word) == 1 and (word.isupper() or m.string[m.end() : m.end() + 1] == "-"):
            return word  # 'R-rated', 'grade B': a value, not chat shorthand ('r u' = 'are you')
        if low in INFORMAL and not (word.isupper() and len(word) > 1 and low not in ("hq", "hqs")):
            rewrites.append((word, INFORMAL[low] or "(dropped)"))
            return INFORMAL[low]
        return word

    text = re.sub(r"(?<![\w'])[A-Za-z][A-Za-z'/.]*(?<!\.)(?![\w'])", one, text)
    spelled = _BOTH_NAMES.sub(r"\1 name and \2 name", text)
    text = noted(rewrites, text, spelled)
    persons = _WHO_LINKS.sub(r"\1which people \2", text)
    persons = _WHO_TEACHES.sub(r"\1which teacher \2", persons)
    persons = _WHO_WORKS.sub(r"\1which staff \2", persons)
    persons = _WHO_PICKS.sub(r"\1which users \2", persons)
    if persons != text:
        # 'who works in Legal': the persons, when the schema has one table of them (roles.py)
        rewrites.append(("who", persons.split()[1]))
        text = persons
    added = _ADD_FIRST.sub("also ", text)
    if added != text:
        # 'add nvidia', 'add the volume too': more of the same answer
        rewrites.append(("add", "also"))
        text = added
    if _SHARE_WORD.search(text):
        made = _MAKE_UP.sub("", text)
        if made != text:
            # 'what share of the index weight do they make up': the share is the question
            rewrites.append(("make up", "(dropped)"))
            text = made
    too = _TOO_AT_END.search(text)
    if too is not None and too.start() > 0:
        # 'and nvidia too': as 'also nvidia' (added, not swapped in)
        rewrites.append((too.group(0).strip(" ,"), "also"))
        text = "also " + re.sub(r"^\s*(?:and|plus|also)\s+", "", text[: too.start()], flags=re.I)
    totalled = _MOST_IN_TOTAL.sub(r"\1 total \2", text)
    if totalled != text:
        # 'which sector has the most employees in total': the most total employees
        rewrites.append(("most … in total", "most total …"))
        text = totalled
    never = _NOBODY.sub("never ", text)
    if never != text:
        # 'which companies has nobody selected': the rows never related (an anti-join)
        rewrites.append(("nobody", "never"))
        text = never
    most = _PICKED_MOST.sub(r"most \1", text)
    # 'most popular with users': popular by the users' choices, the picks of the app
    most = _AMONG_USERS.sub(lambda m: re.sub(r"(?i)\bpopular\b", "picked", m.group(1)), most)
    most = _PEOPLE_HAVE_CHOSEN_MOST.sub(r"are most \1", most)
    most = _PEOPLE_CHOOSE_MOST.sub(lambda m: f"are most {_CHOICE_VERBS[m.group(1).lower()]}", most)
    most = _PEOPLE_CHOOSING_MOST.sub(lambda m: f"are most {_CHOOSING[m.group(1).lower()]}", most)
    most = _CHOSEN_BY_MOST.sub(r"most \2 \1", most)
    if most != text:
        # 'which stock got picked the most by users': the most picked stock
        rewrites.append(("picked the most by users", "most picked"))
        text = most
    counted = _BY_HOW_MANY_EACH.sub(r"by number of \1", text)
    if counted != text:
        rewrites.append((_BY_HOW_MANY_EACH.search(text).group(0), "by number of …"))  # type: ignore[union-attr]
        text = counted
    text = _BY_THEIR.sub(r"\1\2 by ", text)  # 'Rank the sectors by their total market cap'
    ranked = _RANKED_BY.match(text)
    if ranked is not None:
        # 'companies ranked by market cap': as 'rank companies by market cap' (highest first,
        # as a ranking is read), never an ascending sort
        text = f"rank {ranked.group(1)} by {ranked.group(2)}"
    sort = _SORT_BY.match(text)
    if sort is not None and " by " not in sort.group(1):
        rewrites.append(("sort … by", "sorted by"))
        what, by = sort.group(1), sort.group(2)
        if _AGGREGATE_START.match(by):
            said = _SORT_DIRECTION.search(by)
            order = said.group(0) if said else "lowest first"  # a sort is ascending unless said
            text = f"{_SORT_DIRECTION.sub('', by).strip()} per {what} {order}"
        else:
            text = f"{what} sorted by {by}"
    m = _RANK_BY.match(text)
    if m and " by " not in m.group(1) and not _WITHIN_GROUPS.search(m.group(2)):
        rewrites.append(("rank … by", "ordered by, highest first"))
        what, by = m.group(1), m.group(2)
        said = _SORT_DIRECTION.search(by)
        order = "highest first"
        if said is not None and said.end() >= len(by.rstrip(" ?.!")):
            # 'rank the sectors by total market cap, biggest first': the way round, said last
            low = re.match(
                r"(?i)(?:asc|lowest|smallest|least|lightest|weakest|tiniest)", said.group(0)
            )
            order = "lowest first" if low else "highest first"
            by = by[: said.start()].rstrip(" ,;-")
        if _AGGREGATE_START.match(by):
            text = f"{by} per {what} {order}"  # "rank sectors by number of companies"
        else:
            text = f"{what} sorted by {by} {order}"
    return re.sub(r"\s{2,}", " ", text).strip(), tuple(rewrites)


_SHARE_WORD = re.compile(r"\b(?:share|percent|percentage|proportion|fraction)\b|%", re.I)
_MAKE_UP = re.compile(
    r"\s*\b(?:make|makes|made)\s+up(?:\s+(?:together|combined|in\s+total))?\b"
    r"|\s*\b(?:account|accounts|accounted)\s+for\b",
    re.IGNORECASE,
)
_TOO_AT_END = re.compile(r"[\s,]+(?:too|as\s+well)\s*[?.!]*\s*$", re.IGNORECASE)
_ADD_FIRST = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|now|pls|please|can\s+you)[\s,]+)*add\s+(?!up\b|to\b)", re.IGNORECASE
)
_MOST_IN_TOTAL = re.compile(
    r"\b(most|highest|largest|biggest|fewest|least|lowest)\s+([a-z][a-z -]{2,40}?)\s+in\s+total\b"
    r"(?=\s*(?:[?.!]|$))",
    re.IGNORECASE,
)
_NOBODY = re.compile(
    r"\b(?:nobody(?:'?s)?|nobdy|noone|no[\s-]one)(?:\s+on\s+(?:the|your)\s+(?:app|site|website|platform)|\s+here|\s+at\s+all)?\s+"
    r"(?=(?:has\s+|have\s+|ever\s+)?(?:picked|selected|chosen|chose|watched|watches|watch|"
    r"follows|follow|followed|added|bought|ordered|rented|booked|borrowed|select|pick|choose|"
    r"add|buy)\b)",
    re.IGNORECASE,
)
_VERBS_OF_CHOICE = r"picked|selected|chosen|watched|added|bought|ordered|rented|borrowed|booked"
_PEOPLE = r"(?:our\s+|the\s+|all\s+)?(?:users|customers|members|people|clients)"
# the words after need to end the question (or a period): 'popular among users in France'
# keeps its condition
_ENDS = r"(?=\s*(?:[?.!,]|$|in\s+(?:[a-z]+\s+)?(?:19|20)\d\d\b))"
_PICKED_MOST = re.compile(
    rf"\b(?:was|were|is|are|got|get|gets|getting)\s+(?:the\s+)?({_VERBS_OF_CHOICE})\s+"
    rf"(?:by\s+{_PEOPLE}\s+)?(?:the\s+)?most(?:\s+often)?(?:\s+by\s+{_PEOPLE})?{_ENDS}",
    re.IGNORECASE,
)
_AMONG_USERS = re.compile(
    rf"\b(most\s+(?:popular|{_VERBS_OF_CHOICE})(?:\s+[a-z]+)?)\s+(?:among|with|by)\s+"
    rf"{_PEOPLE}{_ENDS}",
    re.IGNORECASE,
)
_CHOICE_VERBS = {
    "pick": "picked",
    "select": "selected",
    "choose": "chosen",
    "watch": "watched",
    "add": "added",
    "buy": "bought",
    "order": "ordered",
    "rent": "rented",
    "borrow": "borrowed",
    "book": "booked",
}
# 'which stocks do users pick the most': the most picked stocks
_PEOPLE_CHOOSE_MOST = re.compile(
    rf"\b(?:(?:do|does|did)\s+)?{_PEOPLE}\s+({'|'.join(_CHOICE_VERBS)})\s+(?:the\s+)?most"
    rf"(?:\s+often)?{_ENDS}",
    re.IGNORECASE,
)
# 'what stocks are people tracking the most (in the app)?': the most watched stocks
_PEOPLE_CHOOSING_MOST = re.compile(
    rf"\b(?:are|is)\s+{_PEOPLE}\s+(picking|selecting|choosing|watching|tracking|following|"
    rf"adding|buying)\s+(?:the\s+)?most(?:\s+often)?(?:\s+(?:in|on)\s+the\s+app)?{_ENDS}",
    re.IGNORECASE,
)
_CHOOSING = {
    "picking": "picked",
    "selecting": "selected",
    "choosing": "chosen",
    "watching": "watched",
    "tracking": "watched",
    "following": "watched",
    "adding": "added",
    "buying": "bought",
}
# 'which 5 stocks have users picked the most': the most picked stocks
_PEOPLE_HAVE_CHOSEN_MOST = re.compile(
    rf"\b(?:have|has|had)\s+{_PEOPLE}\s+({_VERBS_OF_CHOICE})\s+(?:the\s+)?most"
    rf"(?:\s+often)?{_ENDS}",
    re.IGNORECASE,
)
# 'top 5 stocks picked by most users': the 5 most picked stocks
_CHOSEN_BY_MOST = re.compile(
    rf"\b([a-z]+s)\s+({_VERBS_OF_CHOICE})\s+by\s+(?:the\s+)?most\s+{_PEOPLE}{_ENDS}",
    re.IGNORECASE,
)
_INTERJECTION = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|hey|hi|hello|so|alright|right|well|um+|uh+|hmm+|fine|great|cool|"
    r"perfect|nice|got\s+it|back\s+to\s+work|nvm|never\s*mind|moving\s+on|"
    r"(?:a\s+)?(?:different|diff|new|unrelated|another|separate|next)\s+(?:thing|question|topic|one|q|qn"
    r"|ticket|case|request|customer)"
    r"(?:\s+entirely)?|switching\s+gears|changing\s+(?:the\s+)?(?:topic|subject)|huh|wait|"
    # 'ok starting easy - how many …'
    r"(?:let'?s\s+)?start(?:ing)?\s+(?:easy|simple|off|with\s+an?\s+easy\s+one))"
    r"\b[\s,!.:;-]*)+(?=\S)",
    re.IGNORECASE,
)
# 'different user - when did user 99 …': the new subject is named again after the dash
_NEW_SUBJECT = re.compile(
    r"^\s*(?:a\s+)?(?:different|another|new|next|other)\s+(?:user|stock|company|ticker|name|"
    r"sector|one)\s*(?:[-:–—]|,)\s*(?=\S)",
    re.IGNORECASE,
)
# 'On a separate point, how many …', 'on a different note': the words name no data even
# when one of them is a column's word ('points')
_ON_ANOTHER_POINT = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so)[\s,]+)?(?:on\s+(?:a|an|another)\s+(?:separate|different|unrelated|"
    r"related|other|side|new)\s+(?:point|note|topic|matter)\b|separately\b|unrelated(?:ly)?\b|"
    r"(?:on\s+)?a\s+different\s+question\b)[\s,:;.-]*(?=\S)",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*([A-Za-z][\w '&/-]{0,40}?)\s*[:：]\s+(?=\S)")
# 'latest trading day: top 10 …': a label that says when is part of the question
_LABEL_SAYS_WHEN = re.compile(
    r"\b(?:latest|last|most\s+recent|first|final|previous|prior|trading\s+days?|sessions?|"
    r"today|yesterday|ytd|mtd|qtd|q[1-4]|h[12]|fy\d*)\b",
    re.IGNORECASE,
)
# 'list those: user id, ticker …': a label that points back or asks is the question itself
_LABEL_ASKS = re.compile(
    r"\b(?:those|these|them|they|their|that|it|its|list|show|give|tell|get|find)\b", re.IGNORECASE
)
# "TX-HQ'd names w/ positive rev gr: ticker, sector, industry": what follows the label only
# lists columns, so the label is the question
_COLUMN_LIST = re.compile(
    r"^\s*(?:[\w'&/#%.+-]+(?:\s+[\w'&/#%.+-]+){0,3}\s*(?:,|\band\b|&)\s*)+"
    r"(?:and\s+)?[\w'&/#%.+-]+(?:\s+[\w'&/#%.+-]+){0,3}\s*[.?!]*\s*$",
    re.IGNORECASE,
)
_FOR_MY = re.compile(
    r"^\s*(?:for|in)\s+(?:my|a|our|the|this)\s+(?:[a-z-]+\s+){0,2}?(?:article|story|report|"
    r"slide|slides|deck|pack|presentation|meeting|memo|piece|post|newsletter|review|demo|"
    r"call|briefing)\b[\s,:;-]*(?:i\s+(?:need|want|would\s+like|'d\s+like)(?:\s+to\s+"
    r"(?:know|see|get))?|can\s+you\s+(?:show|give|tell)\s+me|please)?[\s,:;-]*(?=\S)",
    re.IGNORECASE,
)


def context_preamble(text: str, names_data) -> tuple[str, str]:
    """'ok, how many …', 'Board pack: the 10 …', 'For my article I need a list of …': words
    about the asker's situation, dropped (and reported) when they name no data."""
    removed: list[str] = []
    for pattern in (_INTERJECTION, _ON_ANOTHER_POINT, _NEW_SUBJECT, _FOR_MY, _LABEL):
        m = pattern.match(text)
        if (
            m
            and pattern is _LABEL
            and (
                _LABEL_SAYS_WHEN.search(m.group(1))
                or _LABEL_ASKS.search(m.group(1))
                or _COLUMN_LIST.match(text[m.end() :])
            )
        ):
            continue
        if m and (pattern in (_NEW_SUBJECT, _ON_ANOTHER_POINT) or not names_data(m.group(0))):
            removed.append(m.group(0).strip(" ,:;-"))
            text = text[m.end() :]
    return text, " ".join(removed)


_MAX_NUMBER_OF_ROWS = re.compile(
    r"\b(?:the\s+)?(?P<end>max|min)(?:imum)?\s+(?:number|no\.?|num|#)\s*of\s+(?P<rows>[a-z]+s)\b",
    re.I,
)
_HOW_MUCH_ROWS = re.compile(r"\bhow\s+much\s+([a-z]+s)\b", re.IGNORECASE)
_NEW_ROWS = re.compile(r"\bnew\s+([a-z]+)\b", re.IGNORECASE)
_ONLY = re.compile(
    r"^\s*(?:and\s+)?only\s+(?=(?:the\s+)?(?:top|bottom|first|last|\d|[a-z]+\s+ones?\b))", re.I
)


_ROWS_ONLY = re.compile(r"\b(?P<rows>[a-z]+s)\s+only\b(?=\s*(?:[,?.!]|$))", re.I)
_HOW_MANY_DISTINCT_HAVE = re.compile(
    r"^\s*how\s+many\s+(?:distinct|different|unique)\s+(?=[a-z]+\s+(?:have|has|had|who|that)\b"
    r".*\b(?:at\s+least|more\s+than|fewer\s+than|less\s+than|at\s+most|\d+\s+or\s+more)\b)",
    re.I,
)


def _adjective_fillers(text: str, names_data) -> tuple[str, tuple[tuple[str, str], ...]]:
    """'how many new users signed up in 2023': 'new' before rows adds nothing the date does
    not; 'only the top 3' in a follow-up is 'the top 3'."""
    said: list[tuple[str, str]] = []
    m = _NEW_ROWS.search(text)
    if m and names_data(m.group(1)):
        said.append((m.group(0), m.group(1)))
        text = text[: m.start()] + m.group(1) + text[m.end() :]
    m = _ONLY.match(text)
    if m:
        said.append(("only", "(dropped)"))
        text = text[m.end() :]
    m = _ROWS_ONLY.search(text)
    if m and names_data(m.group("rows")):
        # 'for US firms only, …': the condition already keeps only those rows
        said.append((m.group(0), m.group("rows")))
        text = text[: m.start()] + m.group("rows") + text[m.end() :]
    m = _HOW_MANY_DISTINCT_HAVE.match(text)
    if m:
        # 'how many distinct users have selected at least 5 stocks': each user counted once
        said.append(("how many distinct", "how many"))
        text = "how many " + text[m.end() :]
    m = _MAX_NUMBER_OF_ROWS.search(text)
    if m and names_data(m.group("rows")):
        # 'which state has max no. of companies': the most companies (a count of rows); 'the
        # maximum number of employees' is the largest value of a column, left as said
        most = "the most" if m.group("end").lower() == "max" else "the fewest"
        said.append((m.group(0), f"{most} {m.group('rows')}"))
        text = text[: m.start()] + f"{most} {m.group('rows')}" + text[m.end() :]
    m = _HOW_MUCH_ROWS.search(text)
    if m and names_data(m.group(1)):
        # 'how much companies are in tech': rows are counted, not summed
        said.append(("how much", "how many"))
        text = text[: m.start()] + "how many " + text[m.start(1) :]
    for pattern, replacement in (*SHORTHAND, *PLAIN_WORDINGS):
        found = pattern.search(text)
        if found is None:
            continue  # most wordings are absent: the search alone, never a substitution
        changed = pattern.sub(replacement, text)
        if changed != text:
            # the words as the user wrote them, never the pattern that found them
            read = replacement(found) if callable(replacement) else found.expand(replacement)
            said.append((found.group(0).strip(), read.strip() or "(dropped)"))
            text = changed
    return text, tuple(said)


# 'Rank the sectors by their total market cap': by the total ('their' is the rows ranked)
_BY_THEIR = re.compile(
    r"\b(rank|sort|order|list)(\s+(?:the\s+|all\s+(?:the\s+)?)?[a-z]+(?:\s+[a-z]+)?)\s+by\s+"
    r"(?:their|its)\s+",
    re.I,
)


def prepare(question: str, names_data=lambda rest: False, says_data=None) -> Prepared:
    """``names_data(text)``: the text names a table; ``says_data(text)``: it names anything of
    the data (a table, a column or a value), so it is never dropped as context."""
    body, removed = strip_boilerplate(question)
    # "which stocks do the app's users pick the most": the app's users are the data's users
    body = re.sub(r"\b(?:the|our|your)\s+app\s*['’]?\s*s\s+(?=users?\b)", "", body, flags=re.I)
    body, context = context_preamble(body, says_data or names_data)
    removed = " ".join(part for part in (context, removed) if part)
    verb = destructive_verb(body, names_data)
    if verb:
        return Prepared(body, removed, verb)
    # 'what sector is KO in and whats its market cap': a second value of the one row named
    # (not after a ranking, where 'its' is the row the ranking finds; never a total of rows)
    if not re.search(r"\b(?:most|least|highest|lowest|largest|biggest|smallest|top)\b", body, re.I):
        body = re.sub(
            r"\band\s+(?:what(?:'s|s|\s+is|\s+was)|how\s+much\s+is)\s+(its)\b"
            r"(?!\s+(?:average|avg|mean|total|combined|sum|count|number)\b)",
            r"and \1",
            body,
            flags=re.I,
        )
    # 'btw how many new ppl signed up in july 2023?': 'by the way' before a question (a trader's
    # 'btw 2022 and 2023' stays 'between')
    body = re.sub(
        r"^\s*(?:(?:ok(?:ay)?|oh|and)[,\s]+)?btw\b[,\s]*(?=(?:how|what|whats|what's|which|who|"
        r"when|where|can|could|is|are|do|does|did|any|show|list|give|pull)\b)",
        "",
        body,
        flags=re.I,
    )
    # 'only the ones who joined before july', 'just those that signed up in May': the rows
    # of the answer before that the clause keeps, as 'those who …' says
    body = re.sub(
        r"^\s*(?:(?:ok(?:ay)?|and|so|now)[\s,]+)?(?:(?:only|just)\s+(?:the\s+ones|those|them)"
        r"|the\s+ones)\s+(?=(?:who|that)\s+(?!(?:is|are|was|were|has|have|had)\b)[a-z]+(?:ed|up)\b)",
        "those ",
        body,
        flags=re.I,
    )
    # 'pull up JPM for me - city, headcount …': show
    body = re.sub(r"^\s*(?:pls\s+|please\s+|can\s+you\s+)?pull\s+up\b", "show", body, flags=re.I)
    # 'who made the most picks in december?': who has the most picks
    body = re.sub(
        r"\bmade\s+the\s+(most|fewest)\s+(picks|selections)\b", r"has the \1 \2", body, flags=re.I
    )
    # 'and how many such companies are there in each?': the rows the question just described
    if re.search(r"\bin\s+each\b", body, re.I):
        body = re.sub(r"\b(how\s+many)\s+such\b", r"\1", body, flags=re.I)
    body, dataframe = dataframe_words(body)  # 'groupby sector, mean revenue_growth'
    text, rewrites = informal(body)
    rewrites = dataframe + rewrites
    text = _symbol_comparisons(text)
    # 'avg market_cap per sector but only for sectors having more than 50': the condition
    text = re.sub(
        r"\s*,?\s*\b(?:but\s+)?only\s+for\s+(?=(?:the\s+)?[a-z_]+\s+(?:having|with|where|that)\b)",
        " for ",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bon\s+avg\b\.?", "on average", text, flags=re.I)  # 'growth on avg'
    # 'total picks per sector across everyone': over every row, as 'overall' says
    text = re.sub(r"\s*,?\s*\bacross\s+(?:everyone|everybody)\b(?!'s)", "", text, flags=re.I)
    # 'top 5 desc': the top of a ranking is its largest values; the word adds nothing
    text = re.sub(r"\b(top\s+\d+)\s*,?\s+desc(?:ending)?\b", r"\1", text, flags=re.I)
    top_first = _TRAILING_TOP.sub(r"top \2 \1", text)
    if top_first != text:
        rewrites += ((f"…, top {_TRAILING_TOP.search(text).group(2)}", "top …"),)  # type: ignore[union-attr]
        text = top_first
    # 'top 5 biggest healthcare companies by headcount': 'by' says what ranks them
    text = re.sub(
        r"\b(top\s+\d+)\s+(?:biggest|largest)\s+(?=[^?]*\bby\s+\w)", r"\1 ", text, flags=re.I
    )
    ranked_by = _TOP_BY_SAID_AFTER.match(text)
    if ranked_by is not None:
        # 'Which stocks are most popular with users? Give me the top 5 by number of users who
        # picked them.': the second sentence says what 'most' ranks by
        noun = ranked_by.group("noun") or ranked_by.group("noun2")
        n = ranked_by.group("n").lower()
        said = f"top {NUMBER_WORDS.get(n, n)} {noun} {ranked_by.group('by')}"
        rewrites += ((ranked_by.group(0).strip(), said),)
        text = said
    top_said = _TOP_SAID_AFTER.match(text)
    if top_said is not None:
        which, rest, n = top_said.groups()
        rewrites += ((top_said.group(0).strip(), f"{which} {n} {rest}"),)
        text = f"{which} {n} {rest}"
    text, phrased = benchmark_phrasing(text)
    text, moved = change_phrasing(text)
    phrased += moved
    text = _two_extremes(text)
    for pattern, replacement in USERS_FAVOURITE:
        favourite = pattern.sub(replacement, text)
        if favourite != text:
            rewrites += ((pattern.search(text).group(0), "the most picked"),)  # type: ignore[union-attr]
            text = favourite
    text, counted = most_counted(text, names_data)
    text, ranked = top_by_number_of(text, names_data)
    counted += ranked
    text, fillers = _adjective_fillers(text, names_data)
    counted += fillers
    if fillers:
        text, again = most_counted(text, names_data)  # 'most picked ticker' said plainly
        counted += again
    phrased += counted
    operator = _ARITHMETIC.search(text)
    return Prepared(
        text,
        removed,
        "",
        rewrites + phrased,
        arithmetic=next((g for g in operator.groups() if g), "") if operator else "",
    )


# 'which did better in 2023, google or amazon': which gained more over the period
_DID_BETTER = re.compile(r"\b(?:did|performed|fared|has\s+done)\s+better\b(?!\s+than\b)", re.I)
# 'most popular stocks with users, top 5': the count at the end, said first
_TRAILING_TOP = re.compile(
    r"^\s*((?:the\s+)?(?:most|least|biggest|largest|highest|lowest|smallest)\b[^,]*?)"
    r"(?:[,\s]|\s[-–—]\s)+top\s+(\d+)\s*[?.!]*\s*$",
    re.I,
)
# 'which tech companies had the highest revenue growth? gimme the top 5': which 5 …
_TOP_SAID_AFTER = re.compile(
    r"^\s*(which|what)\s+(?!(?:is|was|are|were|has|had|do|does|did|of)\b)"
    r"([^?.!]*\b(?:most|least|highest|lowest|biggest|largest|smallest|best|worst)\b[^?.!]*?)"
    r"\s*[?.!]+\s*(?:(?:ok(?:ay)?|so|and)[\s,]+)?(?:(?:give\s+me|show\s+me|list|just|only)\s+)?"
    r"(?:the\s+)?top\s+(\d+)\s*(?:pls|please)?\s*[?.!]*\s*$",
    re.I,
)
_TOP_BY_SAID_AFTER = re.compile(
    r"^\s*(?:(?:which|what)\s+(?P<noun>[a-z]+(?:\s+[a-z]+)?)\s+(?:are|is|were|was|have\s+been)\s+"
    r"(?:the\s+)?most\s+[^?.!]*[?.!]|(?:the\s+)?most\s+[a-z]+\s+(?P<noun2>[a-z]+)\s*(?:[-–—:,]|[?.!]))"
    r"\s*(?:(?:give|show)\s+me\s+|just\s+|list\s+)?(?:the\s+)?top\s+(?P<n>\d+|three|four|five|six|seven|eight|nine|ten|"
    r"fifteen|twenty)\s+(?P<by>by\s+[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)
_TWO_EXTREMES = re.compile(
    r"\b(?:the\s+)?(highest|max(?:imum)?)\s+([a-z]+)\s+(?:and|&|,)\s+(?:the\s+)?"
    r"(lowest|min(?:imum)?)\s+([a-z]+)\b",
    re.I,
)


def _two_extremes(text: str) -> str:
    """'the highest high and the lowest low of AAPL in 2023': two aggregates in one row (max
    high, min low), not two rankings of the rows; a 'which …' question ranks, so it is kept."""
    if re.search(r"\b(?:which|who|whom|whose)\b", text, re.I):
        return text
    return _TWO_EXTREMES.sub(lambda m: f"max {m.group(2)} and min {m.group(4)}", text)


# '5+ picks', '100k+ employees', '$1T+ market cap': at least that many
_AT_LEAST_PLUS = re.compile(
    r"(?<![\w+])(\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|mm|b|bn|t|K|M|MM|B|BN|T))?)\+(?=\s|[?.!,]|$)"
)


def _symbol_comparisons(text: str) -> str:
    """'market cap > 100B' reads as 'market cap more than 100B'; '5+ picks' as 'at least 5
    picks'."""
    text = _AT_LEAST_PLUS.sub(r"at least \1", text)
    # "country_code <> 'US'": SQL's 'not equal', which would otherwise be read as equal
    text = re.sub(r"(?<=[\w\s'])\s*(?:<>|!=|≠)\s*(?=[\w'\"$])", " is not ", text)
    for symbol, words in _COMPARISON_SYMBOLS:
        text = re.sub(rf"(?<=[\w\s]){re.escape(symbol)}(?=\s*[$\d])", f" {words} ", text)
    # 'high < low', 'close > open': one column compared with another of the same row, as
    # 'below' / 'above' say it (a symbol left in the text was dropped as punctuation, and the
    # condition with it)
    text = re.sub(
        r"(?<=[a-z_\s])(?<![<>])\s*>\s*(?![=>])(?=\s*[a-z_])", " above ", text, flags=re.I
    )
    text = re.sub(
        r"(?<=[a-z_\s])(?<![<>])\s*<\s*(?![=<>])(?=\s*[a-z_])", " below ", text, flags=re.I
    )
    return re.sub(r"\s{2,}", " ", text)
