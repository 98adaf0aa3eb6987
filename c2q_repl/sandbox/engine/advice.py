"""Two readings of who is asking about whom.

'which stock is the best pick', 'should I buy Tesla?', 'is Apple a good investment': a
request for investment advice. The data records prices, companies and the app's users' picks;
no reading of it says what to buy, and reading 'best pick' as 'most picked' answered a question
the user did not ask. Declined with what can be asked instead."""

from __future__ import annotations

import re

from c2q_repl.sandbox.contracts import Catalog

from .spec import Decline

_ADVICE = re.compile(
    r"\bshould\s+(?:i|we|you)\s+(?:buy|sell|invest|hold|pick|get|short)\b"
    r"|\b(?:is|are|was)\s+(?:\w+\s+){1,3}(?:a\s+)?(?:good|bad|great|smart|safe|wise)\s+"
    r"(?:buy|investment|bet|pick|stock|choice)s?\b"
    r"|\b(?:best|good|great|smart|safe|safest|wisest)\s+(?:stocks?\s+)?"
    r"(?:picks|pick|buys|buy|bets|bet|investments|investment|choices|choice)\b"
    r"(?!\s+(?:of|by|in|among|on)\b)"
    r"|\b(?:best|good|great|safest)\s+stocks?\s+to\s+(?:buy|own|hold|invest)\b"
    r"|\bwhat\s+(?:stocks?\s+)?should\s+(?:i|we)\s+(?:buy|invest\s+in|pick)\b"
    r"|\bworth\s+(?:buying|investing|owning|holding)\b",
    re.I,
)


def advice_decline(question: str) -> Decline | None:
    """The decline for a request for investment advice, or None."""
    m = _ADVICE.search(question)
    if m is None:
        return None
    return Decline(
        f"'{m.group(0)}' asks for investment advice, which the data cannot give: it records "
        "prices, companies and the app's users' picks, not what to buy. Ask about a measure "
        "instead, for example 'the most picked stock' or 'the best performer in 2023 by % "
        "change'.",
        (m.group(0),),
    )


_WHO = re.compile(r"^\s*who\s+(?!(?:is|are|was|were|has|have|had)\b)", re.I)
# tables whose rows are people ('users', 'customers'): what 'who' asks for
_PEOPLE = frozenset(
    {
        "user",
        "users",
        "customer",
        "customers",
        "member",
        "members",
        "people",
        "person",
        "persons",
        "client",
        "clients",
        "student",
        "students",
        "employee",
        "employees",
    }
)


def who_means_people(question: str, declined: Decline, catalog: Catalog) -> str | None:
    """'who signed up in nov 2023' declined for naming no table: asked again as 'which users
    signed up …' when the database has exactly one table of people; None otherwise."""
    if "which table" not in declined.reason or not _WHO.match(question):
        return None
    people = [t.name for t in catalog.tables if t.name.lower() in _PEOPLE]
    if len(people) != 1:
        return None
    return _WHO.sub(f"which {people[0]} ", question, count=1)
