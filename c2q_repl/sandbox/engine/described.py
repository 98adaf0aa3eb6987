"""The user's own words from the data summary: descriptions that become synonyms.

On a user's database there is no synonyms file; the words people use for
``LOC_ID`` or ``tbl_emp`` are the ones they write when they describe them in
the data summary ("office location", "staff members"). Short noun phrases of
those descriptions name their table or column for a request, in a copy of the
lexicon (the cached one is untouched). Precision first: a phrase that already
means something (a schema name, a value, a synonym), an engine keyword, or a
phrase two descriptions give to different things is never added.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import replace

from c2q_repl.sandbox.contracts import Description

from .keywords import KEYWORDS, STOP_WORDS, UNSUPPORTED
from .lexicon import Lexicon, Target, phrase_key, word_key
from .normalize import tokenize

MAX_PHRASE_WORDS = 4
_CACHED_LEXICONS = 16  # per answerer: a summary's descriptions change rarely


def _word_set(text: str) -> frozenset[str]:
    return frozenset(word_key(w) for w in text.split()) | frozenset(text.split())


# words that open a description but are not part of what it names
_LEADING_FILLER = _word_set(
    "the a an each every this that these those its their our his her all any"
)
# words that end the leading noun phrase: prepositions, relatives, verbs, hedges
_CUTTERS = _word_set(
    """of for in at on by with from to per as into within under over about between across
    after before during than via and but nor where which that who whom whose when while if
    is are was were be been being has have had do does did can could will would may might
    must should used stored given shown recorded kept held identifying identifies
    containing contains holding holds denoting denotes meaning means e.g eg i.e ie etc
    like such usually typically also mostly only always often not"""
)
# what a single word cannot name by itself: it says nothing the schema does not
_GENERIC = _word_set(
    """id identifier code number no key name value type flag text data info
    information field column table record row entry list item thing other misc"""
)
# the last word of a column's phrase that only points at a thing: 'office location' and
# 'department code' name the office and the department ('by office', 'per department')
_POINTER_HEADS = _word_set("id identifier code number no key location ref reference")
_KEYWORD_KEYS = frozenset(phrase_key(p) for p in list(KEYWORDS) + list(UNSUPPORTED))
# keywords that change what a query computes: inside a phrase they would be swallowed by it
# ('total salary' as a column name would silently drop the SUM)
_MEANING_CATEGORIES = _word_set(
    "count distinct agg bottom cmp group sign not or pct share change compare"
)
_MEANING_KEYS = frozenset(
    phrase_key(p) for p, (category, _) in KEYWORDS.items() if category in _MEANING_CATEGORIES
) | frozenset(phrase_key(p) for p in UNSUPPORTED)
_QUIET = frozenset(word_key(w) for w in STOP_WORDS) | frozenset(STOP_WORDS)
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)|\n|\s[-–—]\s")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ALTERNATIVES = re.compile(r",|/|\bor\b", re.IGNORECASE)
_WORD = re.compile(r"[^\s\"“”]+")
_NAME_WORD = re.compile(r"[A-Za-z][\w&'’-]*")


def _words(text: str) -> list[str]:
    return [w.strip("\"'“”‘’") for w in _WORD.findall(text) if w.strip("\"'“”‘’")]


def _after_possessive(words: list[str]) -> list[str]:
    """'employee's office location' names the office location."""
    for k in range(len(words) - 1, -1, -1):
        if re.search(r"['’]s?$", words[k]) and k + 1 < len(words):
            return words[k + 1 :]
    return words


def _leading_phrase(words: list[str]) -> tuple[list[str], bool]:
    """The noun phrase a segment opens with, and whether words followed it."""
    words = _after_possessive(words)
    start = 0
    while start < len(words) and words[start].lower() in _LEADING_FILLER:
        start += 1
    phrase: list[str] = []
    for word in words[start:]:
        low = word.lower().rstrip(".")
        if low in _CUTTERS or low in _LEADING_FILLER or not _NAME_WORD.fullmatch(word):
            # 'Date the person was hired': a determiner inside starts another clause
            return phrase, True
        phrase.append(word)
    return phrase, False


def _whole_phrase(words: list[str]) -> list[str] | None:
    """A short description as a whole, less its fillers ('staff of each office' → staff);
    None when it is not one plain phrase (then its leading phrase is read instead)."""
    start = next((k for k, w in enumerate(words) if w.lower() not in _LEADING_FILLER), len(words))
    phrase = words[start:]
    if not phrase or not all(_NAME_WORD.fullmatch(w) for w in phrase):
        return None
    if phrase[0].lower() in _CUTTERS:
        return []  # 'usually the head office': no noun phrase opens it
    for k, word in enumerate(phrase):
        following = phrase[k + 1].lower() if k + 1 < len(phrase) else ""
        if word.lower() in ("per", "each", "every") or following in ("each", "every"):
            return phrase[:k]
    return phrase


def description_phrases(text: str) -> tuple[str, ...]:
    """Short noun phrases a description offers as names: the whole description when it is
    short (at most four words, no alternatives), else its leading noun phrase, or the
    leading list of them ('Office location, site or branch where …' → three phrases)."""
    first = _SENTENCE_END.split(_PARENTHESES.sub(" ", text).strip(), maxsplit=1)[0]
    whole = _after_possessive(_words(first))
    if 0 < len(whole) <= MAX_PHRASE_WORDS and not _ALTERNATIVES.search(first):
        phrase = _whole_phrase(whole)
        if phrase is not None:
            return (" ".join(phrase),) if phrase else ()
    found: list[str] = []
    for segment in _ALTERNATIVES.split(first):
        phrase, cut = _leading_phrase(_words(segment))
        if not phrase or len(phrase) > MAX_PHRASE_WORDS:
            break
        found.append(" ".join(phrase))
        if cut:
            break
    return tuple(dict.fromkeys(found))


def _keys_for(phrase: str, target: Target, lex: Lexicon) -> list[tuple[tuple[str, ...], Target]]:
    """The phrase's key, and for a column without its pointing last word ('office location'
    → office). The key column's 'employee id' points at the rows themselves: the table."""
    key = phrase_key(phrase)
    keys = [(key, target)]
    if target.kind == "column" and len(key) > 1 and key[-1] in _POINTER_HEADS:
        table = lex.catalog.table(target.table)
        own_key = table is not None and table.primary_key == (target.column,)
        keys.append(
            (key[:-1], Target("table", target.table, via="description") if own_key else target)
        )
    return keys


def _usable(key: tuple[str, ...], lex: Lexicon) -> bool:
    """Only new words: never a schema name, value or synonym already known, never an
    engine keyword (nor a phrase holding one that changes the query), never a word that
    says nothing by itself."""
    if not key or key in lex.phrases or key in _KEYWORD_KEYS:
        return False
    if len(key) == 1 and (key[0] in _GENERIC or key[0].upper() in lex.symbols):
        return False
    if any(t.kind != "word" for t in tokenize(" ".join(key))):
        return False
    spans = {key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)}
    if spans & _MEANING_KEYS:
        return False
    return not all(w in _QUIET or (w,) in _KEYWORD_KEYS for w in key)


def _target(lex: Lexicon, description: Description) -> Target | None:
    table = lex.catalog.table(description.table)
    if table is None:
        return None
    if not description.column:
        return Target("table", table.name, via="description")
    column = table.column(description.column)
    return Target("column", table.name, column.name, via="description") if column else None


def described_synonyms(
    lex: Lexicon, descriptions: tuple[Description, ...]
) -> dict[tuple[str, ...], Target]:
    """Phrase key → the one table or column the user's descriptions give it. A phrase two
    descriptions give to different things is left out: declining beats guessing."""
    proposed: dict[tuple[str, ...], set[Target]] = {}
    for description in descriptions:
        target = _target(lex, description)
        if target is None:
            continue
        for phrase in description_phrases(description.text):
            for key, meant in _keys_for(phrase, target, lex):
                if _usable(key, lex):
                    proposed.setdefault(key, set()).add(meant)
    return {key: next(iter(targets)) for key, targets in proposed.items() if len(targets) == 1}


def with_descriptions(lex: Lexicon, descriptions: tuple[Description, ...]) -> Lexicon:
    """A copy of the lexicon with the descriptions' phrases added (the cached one is untouched)."""
    extra = described_synonyms(lex, descriptions)
    if not extra:
        return lex
    copy = replace(lex, phrases={k: list(v) for k, v in lex.phrases.items()}, near_words={})
    for key, target in extra.items():
        copy.add(key, target)
    return copy


class DescribedLexicons:
    """The described lexicon per (base lexicon, descriptions), so a summary's edits are read
    once and not on every answer; a few recent ones are kept."""

    def __init__(self, size: int = _CACHED_LEXICONS) -> None:
        self._size = size
        self._items: OrderedDict[tuple[int, tuple[Description, ...]], tuple[Lexicon, Lexicon]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def lexicon(self, lex: Lexicon, descriptions: tuple[Description, ...]) -> Lexicon:
        if not descriptions:
            return lex
        key = (id(lex), descriptions)
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] is lex:
                self._items.move_to_end(key)
                return found[1]
        described = with_descriptions(lex, descriptions)
        with self._lock:
            self._items[key] = (lex, described)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return described
