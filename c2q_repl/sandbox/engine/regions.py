"""'companies in the Midwest', 'based in European countries': a region is the places in it.

A region word names no row of the data, but the data holds its states or countries by name.
The word becomes the list of its places that the data names ('in Illinois, Indiana, … or
Wisconsin'), read as one IN condition; the list is said in the assumptions. Beside one row named ('Google
in Europe') the region is where that row's people or sales are, which the data does not say:
the word is left, and declined. Definitions are the
usual ones (the US Census Bureau's regions and divisions; the West Coast is California, Oregon
and Washington), so a reader can check them; places the data does not name are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NEW_ENGLAND = (
    "Connecticut",
    "Maine",
    "Massachusetts",
    "New Hampshire",
    "Rhode Island",
    "Vermont",
)
_MIDWEST = (
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Michigan",
    "Minnesota",
    "Missouri",
    "Nebraska",
    "North Dakota",
    "Ohio",
    "South Dakota",
    "Wisconsin",
)
_NORTHEAST = (*_NEW_ENGLAND, "New Jersey", "New York", "Pennsylvania")
_SOUTH = (
    "Alabama",
    "Arkansas",
    "Delaware",
    "Florida",
    "Georgia",
    "Kentucky",
    "Louisiana",
    "Maryland",
    "Mississippi",
    "North Carolina",
    "Oklahoma",
    "South Carolina",
    "Tennessee",
    "Texas",
    "Virginia",
    "West Virginia",
)
_WEST = (
    "Alaska",
    "Arizona",
    "California",
    "Colorado",
    "Hawaii",
    "Idaho",
    "Montana",
    "Nevada",
    "New Mexico",
    "Oregon",
    "Utah",
    "Washington",
    "Wyoming",
)
_EUROPE = (
    "Austria",
    "Belgium",
    "Czech Republic",
    "Denmark",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Ireland",
    "Italy",
    "Luxembourg",
    "Netherlands",
    "Norway",
    "Poland",
    "Portugal",
    "Spain",
    "Sweden",
    "Switzerland",
    "United Kingdom",
)
_ASIA = (
    "China",
    "Hong Kong",
    "India",
    "Indonesia",
    "Israel",
    "Japan",
    "Singapore",
    "South Korea",
    "Taiwan",
)

# (the words said, what the definition is, the places)
_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"new\s+england(?:\s+states)?", "the US Census Bureau's New England", _NEW_ENGLAND),
    (r"(?:the\s+)?mid-?west(?:ern\s+states)?", "the US Census Bureau's Midwest", _MIDWEST),
    (r"(?:the\s+)?north-?east(?:ern\s+states)?", "the US Census Bureau's Northeast", _NORTHEAST),
    (
        r"(?:the\s+)?west\s+coast(?:\s+of\s+the\s+(?:us|u\.s\.|united\s+states))?",
        "California, Oregon and Washington",
        ("California", "Oregon", "Washington"),
    ),
    (
        r"(?:europe|european\s+countries|european)",
        "the countries of Europe",
        _EUROPE,
    ),
    (r"(?:asia|asian\s+countries)", "the countries of Asia", _ASIA),
)
# 'the South' and 'the West' are said only with 'the' (a plain 'south' is a direction)
_SAID_WITH_THE = (
    (r"the\s+south(?:ern\s+states)?", "the US Census Bureau's South", _SOUTH),
    (r"the\s+west(?!\s+coast)(?:ern\s+states)?", "the US Census Bureau's West", _WEST),
)


def in_region(
    question: str,
    value_columns: Callable[[str], frozenset[tuple[str, str]]],
    rows_named: Callable[[str], frozenset[str]] = lambda text: frozenset(),
) -> tuple[str, tuple[str, str]] | None:
    """The question with a region word replaced by its places the data holds as whole values
    of one column, and (said, read as) for the assumptions; None when no region is said or
    the data holds none of its places (the word then stays, and is declined as unknown)."""
    for pattern, definition, places in (*_REGIONS, *_SAID_WITH_THE):
        m = re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", question, re.I)
        if m is None:
            continue
        held = {place: value_columns(place) for place in places}
        columns = [col for cols in held.values() for col in cols]
        if not columns:
            return None
        # the column most of the places are values of ('Washington' is a state and a city)
        column = max(set(columns), key=columns.count)
        if column[0] in rows_named(question[: m.start()] + question[m.end() :]):
            # 'how many employees does Google have in Europe': where one named company's
            # people work, not where companies are; the data does not say (declined)
            return None
        named = [place for place, cols in held.items() if column in cols]
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
        rewritten = question[: m.start()] + listed + question[m.end() :]
        return rewritten, (m.group(0), f"{definition}: {', '.join(named)}")
    return None
