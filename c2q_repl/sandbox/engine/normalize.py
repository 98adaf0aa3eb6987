"""Question text → tokens with their spans, numbers and dates pulled out.

Everything downstream works on these tokens, so the coverage gate can say
exactly which word of the question it failed to account for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}

_TOKEN_RE = re.compile(
    r"""
    (?P<quoted>"[^"]+"|(?<!\w)'[^']{2,}'(?!\w)|“[^”]+”)
    | (?P<date>\d{4}-\d{1,2}-\d{1,2})
    | (?P<month>\d{4}-\d{1,2}(?![\d-]))
    | (?P<number>(?:(?<![\w-])-)?\$?\d(?:[\d,]*\d)?(?:\.\d+)?%?)
    | (?P<word>[A-Z]{1,5}-[A-Z]{1,2}(?![\w-])|[A-Za-z&][A-Za-z0-9&.'’]*[A-Za-z0-9]|[A-Za-z&])
    | (?P<punct>[?,;:!()/+*<>=]|\.)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """One unit of the question. ``kind``: word | number | date | month | quoted | punct."""

    text: str  # as written (case kept: tickers are recognised by their capitals)
    lower: str
    kind: str
    start: int
    end: int
    number: float | None = None
    percent: bool = False
    money: bool = False


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s"):
        if word.lower().endswith(suffix):
            return word[: -len(suffix)]
    return word.rstrip("'’")


def tokenize(question: str) -> list[Token]:
    """Split a question into tokens; number words become numbers."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(question):
        kind = m.lastgroup or "word"
        text = m.group(0)
        start, end = m.span()
        if kind == "quoted":
            inner = text[1:-1].strip()
            tokens.append(Token(inner, inner.lower(), "quoted", start, end))
        elif kind == "number":
            negative = text.startswith("-")
            body = text.lstrip("-")
            money = body.startswith("$")
            percent = body.endswith("%")
            value = float(body.lstrip("$").rstrip("%").replace(",", ""))
            tokens.append(
                Token(
                    text,
                    text.lower(),
                    "number",
                    start,
                    end,
                    -value if negative else value,
                    percent,
                    money,
                )
            )
        elif kind == "word":
            word = _strip_possessive(text)
            if word.endswith("."):
                word = word.rstrip(".")
            low = word.lower()
            if low in NUMBER_WORDS:
                tokens.append(Token(word, low, "number", start, end, float(NUMBER_WORDS[low])))
            else:
                tokens.append(Token(word, low, "word", start, end))
        else:
            tokens.append(Token(text, text.lower(), kind, start, end))
    return _merge_number_suffixes(tokens)


_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "trillions": 1e12,
}


def _merge_number_suffixes(tokens: list[Token]) -> list[Token]:
    """'100 billion', '5 percent', '$2T' → one number token (scale applied)."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "number":
            value, percent, end, text = tok.number or 0.0, tok.percent, tok.end, tok.text
            j = i + 1
            if j < len(tokens) and tokens[j].kind == "word":
                nxt = tokens[j].lower
                if nxt in _SCALE:
                    value *= _SCALE[nxt]
                    end, text = tokens[j].end, f"{text} {tokens[j].text}"
                    j += 1
                elif nxt in ("percent", "pct"):
                    percent, end, text = True, tokens[j].end, f"{text} {tokens[j].text}"
                    j += 1
            out.append(
                Token(text, text.lower(), "number", tok.start, end, value, percent, tok.money)
            )
            i = j
            continue
        if tok.kind == "word":
            m = re.fullmatch(r"\$?(\d+(?:\.\d+)?)(k|m|mn|b|bn|t|tn)", tok.lower)
            if m:
                out.append(
                    Token(
                        tok.text,
                        tok.lower,
                        "number",
                        tok.start,
                        tok.end,
                        float(m.group(1)) * _SCALE[m.group(2)],
                        False,
                        tok.text.startswith("$"),
                    )
                )
                i += 1
                continue
        out.append(tok)
        i += 1
    return out


_IRREGULAR = {
    "indices": "index",
    "indexes": "index",
    "companies": "company",
    "people": "person",
    "industries": "industry",
    "cities": "city",
    "countries": "country",
    "histories": "history",
    "entries": "entry",
    "categories": "category",
    "analyses": "analysis",
    "sales": "sales",
    "news": "news",
    "series": "series",
    "status": "status",
    "has": "has",
    "is": "is",
    "was": "was",
    "does": "does",
    "this": "this",
    "its": "its",
    "us": "us",
    "plus": "plus",
    "less": "less",
    "across": "across",
    "as": "as",
    "bus": "bus",
    "gas": "gas",
}


def singular(word: str) -> str:
    """A cheap English singulariser that is good enough for schema words."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "uses")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def split_identifier(name: str) -> list[str]:
    """'full_time_employees' / 'fullTimeEmployees' → ['full', 'time', 'employees']."""
    parts = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")
    return [p for p in parts if p]
