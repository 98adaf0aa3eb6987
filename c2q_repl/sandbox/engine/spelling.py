"""'microsft', 'utilites', 'headquarterd': one slip of the keyboard in a word the database or
the engine knows. A word nothing accounts for is replaced by the one known word a single edit
away (a letter added, dropped, changed or two swapped inside the word; one more or one fewer
letter at its end makes another word, 'manage' / 'manager'), and the rewrite is told; with no
such word, or several, the question is left as it is (and declined on that word, as before)."""

from __future__ import annotations

import re

from .keywords import KEYWORDS
from .lexicon import Lexicon, word_key
from .linking import link
from .timeexpr import MONTHS, UNITS

# shorter words are too often another real word one edit away ('money' / 'honey', 'stuff' /
# 'staff'); two swapped letters ('pirce') are a slip even in a short word
_MIN_LENGTH = 6
_MIN_SWAPPED = 5


def corrected_spelling(question: str, lex: Lexicon) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The question with mistyped words replaced, and the (typed, read as) pairs."""
    unknown = [w for w in link(question, lex).unknown if len(w) >= _MIN_SWAPPED and w.isalpha()]
    if not unknown:
        return question, ()
    rewrites: list[tuple[str, str]] = []
    for word in dict.fromkeys(unknown):
        if word not in lex.spelled:
            lex.spelled[word] = _one_known_word(word, lex)
        fixed = lex.spelled[word]
        if fixed is None:
            continue
        question = re.sub(rf"(?<![\w']){re.escape(word)}(?![\w'])", fixed, question)
        rewrites.append((word, fixed))
    return question, tuple(rewrites)


def _one_known_word(word: str, lex: Lexicon) -> str | None:
    """The one known word a slip away from ``word``, or None (none, or several)."""
    typed = word_key(word)
    raw = word.lower()
    firsts = {typed[:1], raw[:1]}  # a slip keeps the first letter (_slip)
    near = {
        k
        for k in _known_words(lex)
        if k[:1] in firsts
        and (_slip(typed, k) or (raw != typed and _slip(raw, _plural(k))))  # 'utilites'
    }
    return near.pop() if len(near) == 1 else None


def _known_words(lex: Lexicon) -> set[str]:
    words = {w for key in lex.phrases for w in key if len(w) >= _MIN_SWAPPED - 1 and w.isalpha()}
    words |= {w for phrase in KEYWORDS for w in phrase.split() if len(w) >= _MIN_SWAPPED - 1}
    # 'last quater of 2022', 'in febuary': the words of dates are known words too
    words |= {w for w in (*UNITS, *MONTHS) if len(w) >= _MIN_SWAPPED - 1 and w.isalpha()}
    return words


def _slip(typed: str, known: str) -> bool:
    if len(typed) >= _MIN_LENGTH and _doubled(typed, known):
        return True  # 'employes', 'adress': a doubled letter typed once, wherever it is
    return (
        abs(len(known) - len(typed)) <= 1
        and _one_edit(typed, known)
        # 'manage' → 'manager', 'person' → 'persona': another word, not a slip
        and not (known.startswith(typed) or typed.startswith(known))
        and known[0] == typed[0]  # a slip rarely hits the first letter
        and _inside(typed, known)
        and (len(typed) >= _MIN_LENGTH or _swapped(typed, known))
    )


def _doubled(typed: str, known: str) -> bool:
    """``known`` is ``typed`` with one of its letters doubled ('employes' / 'employees')."""
    if len(known) != len(typed) + 1:
        return False
    return any(
        known[k] == known[k + 1] and known[:k] + known[k + 1 :] == typed
        for k in range(len(known) - 1)
    )


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _inside(a: str, b: str) -> bool:
    """The edit is not in the last two letters: 'earner' / 'earned' is another form of the
    word, not a slip."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return k < max(len(a), len(b)) - 2


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters swapped ('pirce' / 'price')."""
    if len(a) != len(b) or sorted(a) != sorted(b):
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1


def _one_edit(a: str, b: str) -> bool:
    """True when b is a at one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = 0
    while k < len(short) and short[k] == long[k]:
        k += 1
    return short[k:] == long[k + 1 :]
