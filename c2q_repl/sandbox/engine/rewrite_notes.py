"""How a rewrite of the question is explained: by the words it changed, taken from the text
itself. A fixed label per rule ('52w, % wise') once described a rewrite that was not the one
made, and an explanation must never claim what the engine did not do."""

from __future__ import annotations

from difflib import SequenceMatcher


def changed_words(before: str, after: str) -> tuple[str, str]:
    """(the words of ``before`` that changed, what they became), from the first changed word
    to the last; '(dropped)' when words were only removed."""
    old, new = before.split(), after.split()
    blocks = [
        op
        for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    if not blocks:
        return before.strip(), after.strip()
    i1, j1 = blocks[0][1], blocks[0][3]
    i2, j2 = blocks[-1][2], blocks[-1][4]
    said = " ".join(old[i1:i2])
    read = " ".join(new[j1:j2])
    return said or "(nothing)", read or "(dropped)"


def noted(rewrites: list[tuple[str, str]], before: str, after: str) -> str:
    """``after``, with the words it changed in ``before`` added to ``rewrites``."""
    if after != before:
        rewrites.append(changed_words(before, after))
    return after
