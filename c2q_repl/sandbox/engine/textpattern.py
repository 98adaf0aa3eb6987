"""The literal of a text pattern, read from the tokens before linking.

'contains the word "Death"', 'starting with L', 'ends with "son"': the literal must be
unmistakably a literal — quoted, a single letter, or introduced by 'the word/letter/string'
— because 'playlists that contain tracks' is a link between tables, not a pattern.
"""

from __future__ import annotations

from .normalize import Token

_CONTAINS = frozenset({"contain", "contains", "containing", "include", "includes", "including"})
_STARTS = frozenset({"start", "starts", "starting", "begin", "begins", "beginning"})
_ENDS = frozenset({"end", "ends", "ending"})
_MARKERS = frozenset({"word", "letter", "string", "substring", "text", "phrase", "letters"})


def like_phrase(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """(LIKE pattern, tokens used) for a pattern phrase starting at ``i``, else None."""
    word = tokens[i].lower
    k = i + 1
    if word in _STARTS or word in _ENDS:
        if k >= len(tokens) or tokens[k].lower != "with":
            return None
        k += 1
    elif word not in _CONTAINS:
        return None
    marked = False
    while k < len(tokens) and tokens[k].lower in ("the", "a", "an", "letter", *_MARKERS):
        marked = marked or tokens[k].lower in _MARKERS
        k += 1
    if k >= len(tokens):
        return None
    literal = tokens[k]
    if literal.kind == "quoted" or (literal.kind == "word" and (marked or len(literal.text) == 1)):
        text = literal.text.replace("%", "").replace("_", "")
        if not text:
            return None
        if word in _STARTS:
            return f"{text}%", k + 1 - i
        if word in _ENDS:
            return f"%{text}", k + 1 - i
        return f"%{text}%", k + 1 - i
    return None
