"""'Did NVIDIA or AMD gain more in 2023?', 'Netflix and Disney, which did better in 2023?', 'AMD vs
INTC in 2023, who did better?', 'Who has more employees, Coca-Cola or Pepsi?': a comparison of
two named rows said with the names first, or as a yes/no question. Read as 'which of A and B
…', the form the comparison of named rows is answered in (preprocess.py then reads 'more'
as 'the most' among the two). Pure text in, text out."""

from __future__ import annotations

import re

_NAME = r"[A-Za-z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}"
# 'did nvidia or amd gain more in 2023'
_DID_A_OR_B = re.compile(
    rf"^\s*(?:so\s+)?(?P<aux>did|does|do|has|have)\s+(?P<a>{_NAME})\s+or\s+(?P<b>{_NAME})\s+"
    r"(?P<verb>gain|rise|grow|fall|drop|lose|do|perform|trade|close|climb|have|employ|get)\s+"
    r"(?P<rest>(?:more|less|better|worse|higher|lower)\b[^?]*?)\s*\??\s*$",
    re.I,
)
_PAST = {
    "gain": "gained",
    "rise": "rose",
    "grow": "grew",
    "fall": "fell",
    "drop": "dropped",
    "lose": "lost",
    "do": "did",
    "perform": "performed",
    "trade": "traded",
    "close": "closed",
    "climb": "climbed",
    "get": "got",
}
_PRESENT = {"have": "has", "employ": "employs", "do": "does", "get": "gets"}
# 'netflix and disney, which did better in 2023', 'AMD vs INTC in 2023, who did better?'
_NAMES_FIRST = re.compile(
    rf"^\s*(?P<a>{_NAME})\s+(?:and|or|vs\.?|versus)\s+(?P<b>{_NAME})(?P<period>\s+(?:in|for|over|"
    r"during)\s+(?:19|20)\d\d)?\s*[,:;-]+\s*(?:which|who)(?:\s+one)?\s+(?P<rest>(?:did|had|has|"
    r"was|is|got|gained|rose|grew|fell|traded|closed|performed|employs)\b[^?]*?)\s*\??\s*$",
    re.I,
)
# 'Who has more employees, Coca-Cola or Pepsi?'
_WHO_HAS = re.compile(
    rf"^\s*who\s+(?P<rest>(?:has|had|have|employs|traded|got|is|was)\s+[^,?]+?)\s*,\s*(?P<a>{_NAME})"
    rf"\s+or\s+(?P<b>{_NAME})\s*\??\s*$",
    re.I,
)


# 'Apple vs Microsoft: which one is worth more? Market caps side by side, please.': the two
# rows with the value asked beside each (the reader compares), not only the bigger one
_BOTH_SHOWN = re.compile(
    rf"^\s*(?P<a>{_NAME})\s+(?:vs\.?|versus|or|and)\s+(?P<b>{_NAME})\s*[:,-]+\s*(?:which|who)\b"
    r"[^?]*\?\s*(?P<ask>[^?.!]*\b(?:side\s+by\s+side|both\s+(?:figures|values|numbers))\b"
    r"[^?.!]*?)\s*[.!?]*\s*$",
    re.I,
)


def both_shown(text: str) -> str:
    """'A vs B: which one …? X side by side.' read as 'A vs B X side by side' (read before
    the question is split into its sentences), or the text unchanged."""
    m = _BOTH_SHOWN.match(text)
    if m is None:
        return text
    ask = re.sub(r",?\s*(?:please|pls)\s*$", "", m.group("ask").strip(), flags=re.I)
    return f"{m.group('a')} vs {m.group('b')} {ask}"


def which_of_two(text: str) -> str:
    """The comparison said as 'which of A and B …', or the text unchanged."""
    m = _DID_A_OR_B.match(text)
    if m is not None:
        verb = m.group("verb").lower()
        aux = m.group("aux").lower()
        said = _PAST.get(verb, verb) if aux == "did" else _PRESENT.get(verb, verb)
        return f"which of {m.group('a')} and {m.group('b')} {said} {m.group('rest')}?"
    m = _NAMES_FIRST.match(text)
    if m is not None:
        period = m.group("period") or ""
        return f"which of {m.group('a')} and {m.group('b')} {m.group('rest')}{period}?"
    m = _WHO_HAS.match(text)
    if m is not None:
        return f"which of {m.group('a')} and {m.group('b')} {m.group('rest')}?"
    return text
