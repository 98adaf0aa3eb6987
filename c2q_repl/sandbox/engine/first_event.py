"""'on avg how many days between signing up and a user's first pick', 'how many users made
their first pick within 24h of signing up', 'which users made a pick on the same day they
signed up', 'who took the longest to make their first pick': how long after joining people
act for the first time.

Every such question relates two dates of two tables: the person's own (when they signed up)
and the earliest of the rows they made (their picks). Read word by word it was declined ('how',
'signing', 'first' linked nothing). Here the wording is read whole, and answered only when the
database has exactly one such pair: a table of people with one date, and one table of rows
pointing at it with one date of its own. Every other word must ask nothing more (a period, a
condition, another measure would be dropped), or the usual reading answers or declines.

The SQL is MySQL (the sandbox's dialect): TIMESTAMPDIFF in seconds, divided into days or hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from c2q_repl.sandbox.contracts import Catalog

from .lexicon import column_kind

_SIGNUP = re.compile(
    r"\b(?:sign(?:ing|ed|s)?[\s-]?up|signups?|joining|joined|registering|registered|"
    r"registration|creating\s+(?:their|an|his|her)\s+account|account\s+creation)\b",
    re.IGNORECASE,
)
_EVENT_WORDS = r"(?:pick|selection|stock(?:\s+(?:add|pick))?|watchlist\s+add|add(?:ition)?)"
_FIRST = re.compile(
    r"\b(?:(?:their|a\s+user'?s|the|his|her|your|one'?s|a)\s+)?(?:very\s+)?first\s+"
    + _EVENT_WORDS
    + r"\b|\b(?:add|pick|select|choose)(?:ed|s)?\s+(?:their|a|his|her)\s+(?:very\s+)?first\s+"
    r"stock\b",
    re.IGNORECASE,
)
_ANY_EVENT = re.compile(
    r"\b(?:made|make|makes|making|added|add|adds|picked|pick|picks|selected)\s+(?:a|any|at\s+"
    r"least\s+one)\s+(?:pick|stock|selection)\b",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+(?:very\s+)?same\s+day\b", re.IGNORECASE)
_WITHIN = re.compile(
    r"\bwithin\s+(?:the\s+first\s+)?(?P<n>\d+|a|an|one|two|three|seven|ten|fourteen|thirty)\s*"
    r"(?P<unit>h|hrs?|hours?|d|days?|wks?|weeks?)\b",
    re.IGNORECASE,
)
_AVERAGE = re.compile(r"\b(?:on\s+)?(?:avg|average|mean|typically|typical)\b", re.IGNORECASE)
_COUNT = re.compile(r"^\s*(?:and\s+|so\s+)?how\s+many\b", re.IGNORECASE)
_WHICH = re.compile(r"^\s*(?:and\s+|so\s+)?(?:which|who|list|show)\b", re.IGNORECASE)
_LONGEST = re.compile(
    r"\b(?P<way>took\s+the\s+longest|longest|slowest|took\s+the\s+least\s+time|quickest|"
    r"fastest|soonest)\b",
    re.IGNORECASE,
)
_TOOK = re.compile(r"\b(?:took|take|takes|taking)\b", re.IGNORECASE)
_IN_HOURS = re.compile(r"\bin\s+hours\b|\bhow\s+many\s+hours\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9']+")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "seven": 7, "ten": 10}
_NUMBERS.update({"fourteen": 14, "thirty": 30})
_SECONDS = {"h": 3600, "d": 86400, "w": 7 * 86400}
# the words that ask nothing beyond the lag itself
_ASKING = frozenset(
    [
        "on",
        "avg",
        "average",
        "mean",
        "typically",
        "typical",
        "how",
        "many",
        "much",
        "long",
        "days",
        "day",
        "hours",
        "hour",
        "in",
        "between",
        "from",
        "to",
        "and",
        "the",
        "a",
        "an",
        "after",
        "before",
        "of",
        "do",
        "does",
        "did",
        "it",
        "take",
        "takes",
        "took",
        "people",
        "folks",
        "users",
        "user",
        "someone",
        "somebody",
        "customers",
        "members",
        "new",
        "make",
        "makes",
        "made",
        "making",
        "their",
        "his",
        "her",
        "your",
        "one's",
        "a",
        "user's",
        "first",
        "very",
        "pick",
        "picks",
        "stock",
        "stocks",
        "add",
        "adds",
        "added",
        "adding",
        "selection",
        "selected",
        "which",
        "who",
        "list",
        "show",
        "me",
        "is",
        "are",
        "was",
        "were",
        "they",
        "signing",
        "signed",
        "sign",
        "up",
        "signup",
        "signups",
        "joining",
        "joined",
        "registering",
        "registered",
        "registration",
        "it's",
        "what",
        "typically",
        "usually",
        "generally",
        "roughly",
        "so",
        "ok",
        "okay",
        "please",
        "pls",
        "number",
        "count",
        "of",
        "within",
        "same",
        "had",
        "have",
        "has",
        "for",
        "that",
        "get",
        "gets",
        "got",
        "around",
        "about",
        "just",
        "take",
        "week",
        "weeks",
        "hours",
        "longest",
        "quickest",
        "fastest",
        "slowest",
        "soonest",
        "least",
        "time",
    ]
)


@dataclass(frozen=True)
class FirstEvent:
    """What is asked of the lag between a person's own date and their first row's."""

    shape: str  # "average" | "within" | "same_day" | "longest" | "quickest"
    listed: bool  # 'which users …': the people themselves, not their count
    seconds: int = 86400  # the unit of the lag shown (a day, or an hour)
    within: int = 0  # 'within 24h': that many seconds at most
    any_row: bool = False  # 'made a pick the same day' (any of their rows), not the first


def read_first_event(question: str) -> FirstEvent | None:
    """The lag asked for, or None when the question is not (only) about it."""
    first = _FIRST.search(question)
    took = _TOOK.search(question) is not None
    if _SIGNUP.search(question) is None and not (took and first is not None):
        # ('who took the longest to make their first pick', 'how many days does it take a new
        # user to make their first pick': since joining)
        return None
    any_row = first is None and _ANY_EVENT.search(question) is not None
    if first is None and not any_row:
        return None
    said = _WITHIN.sub(" ", question).lower()
    if any(w not in _ASKING for w in _WORD.findall(said)):
        return None  # a period, a condition or another measure: not only the lag
    listed = _WHICH.match(question) is not None
    seconds = 3600 if _IN_HOURS.search(question) else 86400
    within = _WITHIN.search(question)
    if _SAME_DAY.search(question):
        return FirstEvent("same_day", listed, seconds, any_row=any_row)
    if any_row:
        return None  # 'made a pick within a week': of any pick, said loosely; not guessed
    if within is not None:
        said = within.group("n").lower()
        amount = int(said) if said.isdigit() else _NUMBERS[said]
        unit = within.group("unit").lower()[0]
        return FirstEvent("within", listed, seconds, within=amount * _SECONDS[unit])
    longest = _LONGEST.search(question)
    if longest is not None and listed:
        slow = longest.group("way").lower() in ("took the longest", "longest", "slowest")
        return FirstEvent("longest" if slow else "quickest", True, seconds)
    if _AVERAGE.search(question) and not listed:
        return FirstEvent("average", False, seconds)
    return None


@dataclass(frozen=True)
class PeopleAndRows:
    """The table of people with its key and date, and the rows they make with theirs."""

    people: str
    key: str
    joined: str
    rows: str
    owner: str  # the rows' column pointing at the person
    made: str


def people_and_rows(catalog: Catalog) -> PeopleAndRows | None:
    """The one (people, rows) pair: a table with a one-column key and one date, and one table
    pointing at that key with one date of its own; None when there is not exactly one."""
    found: list[PeopleAndRows] = []
    for rel in catalog.relationships:
        for rows, owner, people, key in (
            (rel.from_table, rel.from_column, rel.to_table, rel.to_column),
            (rel.to_table, rel.to_column, rel.from_table, rel.from_column),
        ):
            person = catalog.table(people)
            made = catalog.table(rows)
            if person is None or made is None or person.primary_key != (key,):
                continue
            if owner in made.primary_key and len(made.primary_key) == 1:
                continue  # one row per person: no 'first' among them
            joined = _one_date(person)
            when = _one_date(made)
            if joined and when:
                pair = PeopleAndRows(people, key, joined, rows, owner, when)
                if pair not in found:
                    found.append(pair)
    return found[0] if len(found) == 1 else None


def _one_date(table) -> str:
    dates = [c.name for c in table.columns if column_kind(c.type) == "date"]
    return dates[0] if len(dates) == 1 else ""


def first_event_sql(asked: FirstEvent, pair: PeopleAndRows) -> tuple[str, str]:
    """(MySQL, what it computes) for the lag asked, over the people with at least one row."""
    p, r = pair, asked
    first = (
        f"SELECT `{p.owner}`, MIN(`{p.made}`) AS `first_{p.made}` FROM `{p.rows}` "
        f"GROUP BY `{p.owner}`"
    )
    unit = "hours" if r.seconds == 3600 else "days"
    lag = f"TIMESTAMPDIFF(SECOND, people.`{p.joined}`, firsts.`first_{p.made}`) / {r.seconds}"
    joined = (
        f"FROM `{p.people}` AS people JOIN ({first}) AS firsts "
        f"ON firsts.`{p.owner}` = people.`{p.key}`"
    )
    if r.shape == "average":
        return (
            f"SELECT AVG({lag}) AS `average_{unit}_to_first_row` {joined}",
            f"the average {unit} from each {p.people} row's {p.joined} to its first "
            f"{p.rows}.{p.made} (over the {p.people} with at least one)",
        )
    if r.shape in ("longest", "quickest"):
        order = "DESC" if r.shape == "longest" else "ASC"
        return (
            f"SELECT people.`{p.key}`, people.`{p.joined}`, firsts.`first_{p.made}`, "
            f"{lag} AS `{unit}_to_first_row` {joined} ORDER BY `{unit}_to_first_row` {order}, "
            f"people.`{p.key}` LIMIT 1",
            f"the {p.people} row whose first {p.rows} row came "
            + ("latest" if order == "DESC" else "soonest")
            + f" after its {p.joined}",
        )
    if r.shape == "within":
        condition = (
            f"TIMESTAMPDIFF(SECOND, people.`{p.joined}`, firsts.`first_{p.made}`) <= {r.within}"
        )
        said = (
            f"whose first {p.rows} row came at most {r.within // 3600} hours after its {p.joined}"
        )
    elif r.any_row:
        condition = (
            f"EXISTS (SELECT 1 FROM `{p.rows}` AS made WHERE made.`{p.owner}` = people.`{p.key}` "
            f"AND DATE(made.`{p.made}`) = DATE(people.`{p.joined}`))"
        )
        said = f"with a {p.rows} row on the day of its {p.joined}"
        joined = f"FROM `{p.people}` AS people"
    else:
        condition = f"DATE(firsts.`first_{p.made}`) = DATE(people.`{p.joined}`)"
        said = f"whose first {p.rows} row came on the day of its {p.joined}"
    if r.listed:
        shown = f"people.`{p.key}`, people.`{p.joined}`"
        if not r.any_row:
            shown += f", firsts.`first_{p.made}`"
        return (
            f"SELECT {shown} {joined} WHERE {condition} ORDER BY people.`{p.key}`",
            f"the {p.people} rows {said}",
        )
    return (
        f"SELECT COUNT(*) AS `number_of_{p.people}` {joined} WHERE {condition}",
        f"the number of {p.people} rows {said}",
    )
