"""'Which stocks gained more than 50% in 2023?', 'which of my holdings lost more than 10% over
2022?': each series' change over the period (its value on its last day with data minus on its
first, as a percentage of the first when the amount is a percentage), the series whose change
goes past the amount kept. A fall of more than 10% is a change below -10 %; a fall of 'less
than' an amount (which a rise also meets) is declined."""

from __future__ import annotations

from dataclasses import dataclass

from .linking import Item
from .reading import Refuse

_DOWN = frozenset({"fell", "dropped", "lost", "declined", "sank", "slid", "lose", "loses"})
_UP = frozenset({"gain", "gained", "gains", "rose", "climbed", "increased"})
# 'more than 10%', 'over 10%', 'at least 10%' as the comparison keywords link them
_PAST = {">": ">", ">=": ">="}
_SHORT = {"<": "<", "<=": "<="}


@dataclass(frozen=True)
class Threshold:
    """The change kept: ``op`` against ``value`` (a fall's amount is negative); ``kind`` is
    'pct' when the amount is a percentage, else 'abs'."""

    op: str
    value: float
    kind: str
    up: bool
    said: str


def split_threshold(items: list[Item]) -> tuple[list[Item], Threshold | None]:
    """(the items without the comparison and its amount, the threshold) — the items as they
    were and None when no change word is followed by a comparison with an amount."""
    for i, it in enumerate(items[:-2]):
        word = it.text.lower()
        if not (it.kind == "kw" and it.category == "change" and word in _UP | _DOWN):
            continue
        at = i + 1
        if items[at].kind == "kw" and items[at].text.lower() == "by" and at + 2 < len(items):
            at += 1  # 'fell by more than 10%'
        cmp, amount = items[at], items[at + 1]
        if cmp.kind != "kw" or cmp.category != "cmp" or amount.kind != "number":
            continue
        if amount.number is None:
            continue
        up = word in _UP
        said = f"{it.text} {cmp.text} {amount.text}"
        if cmp.arg in _PAST:
            op = _PAST[cmp.arg] if up else {">": "<", ">=": "<="}[cmp.arg]
        elif cmp.arg in _SHORT and up:
            op = _SHORT[cmp.arg]
        else:
            raise Refuse(
                f"'{said}': a fall of less than an amount is also met by every rise; please "
                "say the range (for example 'a change between -10% and 0%').",
                it.text,
            )
        value = abs(amount.number) if up else -abs(amount.number)
        kind = "pct" if amount.percent else "abs"
        rest = [x for k, x in enumerate(items) if k not in range(i + 1, at + 2)]
        return rest, Threshold(op, value, kind, up, said)
    return items, None
