"""Is a question in a session a follow-up of the previous one? Only with evidence.

A new question is a new question. A follow-up shows it: an edit marker
("instead", "only …", "and …", "what about …"), a pronoun that points back
("its", "them", "those companies"), or a fragment with no subject of its own
("in 2022?", "top 5", "as a bar chart").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .linking import Linked
from .normalize import tokenize

_ANYWHERE = frozenset({"instead", "rather", "too", "again"})
_AT_START = (
    ("what", "about"),
    ("how", "about"),
    ("what", "if"),
    ("and",),
    ("of",),  # "of Technology companies?" after an average: a phrase, not a question
    ("for",),
    ("per",),  # 'per stock?' after a count: the same count, per stock
    ("by",),
    ("in",),
    ("but",),
    ("also",),
    ("only",),
    ("just",),
    ("now",),
    ("then",),
    ("same",),
    ("make", "it"),
    ("make", "that"),
    ("change",),
    ("switch",),
    ("sorry",),
    ("actually",),
    ("no",),
    ("limit",),
    ("restrict",),
    ("filter",),
    ("keep",),
    ("narrow",),
    ("redo",),
    ("show", "it"),
    ("show", "them"),
    ("show", "only"),
    ("show", "just"),
    ("plot", "it"),
    ("draw", "it"),
)
# 'he/she/his/her': one person of the previous answer (builtin.py checks it is a person)
PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})
PRONOUNS = (
    frozenset({"it", "its", "it's", "they", "them", "their", "theirs", "those", "these", "ones"})
    | PERSONAL
)
_DEMONSTRATIVES = frozenset({"that", "this"})
_COUNTED_BACK = frozenset({"two", "three", "four", "five", "both", "latter", "former"})
_RANKING_WORDS = frozenset(
    {"biggest", "largest", "smallest", "highest", "lowest", "top", "best", "worst", "first", "last"}
)
_AUXILIARY = frozenset({"do", "does", "did", "have", "has", "had"})
_LINKING_VERBS = frozenset({"is", "are", "was", "were"})
# 'how many are there', 'get there': 'there' that points at nothing
_EXISTENTIAL = frozenset(
    {"is", "are", "was", "were", "be", "been", "get", "from", "over", "out", "in", "up", "s"}
)


@dataclass(frozen=True)
class Evidence:
    marker: str = ""  # the edit marker found ("instead", "what about", …)
    pronoun: str = ""  # a pronoun pointing back to the previous answer
    fragment: bool = False  # no subject of its own

    @property
    def any(self) -> bool:
        return bool(self.marker or self.pronoun or self.fragment)


def _start_marker(words: list[str]) -> str:
    for pattern in _AT_START:
        if tuple(words[: len(pattern)]) == pattern:
            return " ".join(pattern)
    return ""


# people of the asker's own life, whom 'he' or 'she' then means ('my nephew says he …')
_RELATIVES = frozenset(
    {
        "son",
        "daughter",
        "wife",
        "husband",
        "friend",
        "nephew",
        "niece",
        "grandson",
        "granddaughter",
        "brother",
        "sister",
        "mother",
        "father",
        "mom",
        "mum",
        "dad",
        "neighbor",
        "neighbour",
        "boss",
        "colleague",
        "uncle",
        "aunt",
        "cousin",
        "partner",
        "grandkid",
        "grandchild",
        "grandpa",
        "grandma",
        "husband's",
        "wife's",
    }
)
_SINGULAR_THEY = frozenset({"their", "theirs"})  # never "they": a clause of its own


def _named_by_id_before(linked: Linked, index: int) -> bool:
    """A row named by its table in the singular and a number before ``index`` ('user 16')."""
    items = sorted(linked.items, key=lambda it: it.start)
    return any(
        a.kind == "table"
        and not _is_plural_word(a.text)
        and b.kind == "number"
        and a.end == b.start
        and b.end <= index
        for a, b in zip(items, items[1:], strict=False)
    )


_SPAN_ENDS = {"first": "last", "last": "first", "earliest": "latest", "latest": "earliest"}
_SPAN_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})


def _one_of_a_span(tokens: list, index: int) -> bool:
    """'the largest one-day drop' (a length of time), 'from the first session of the month to
    the last one' (the other end of a span said in the same question): no earlier answer."""
    if index + 1 < len(tokens) and tokens[index + 1].lower in _SPAN_UNITS:
        return True
    other = _SPAN_ENDS.get(tokens[index - 1].lower)
    return other is not None and any(t.lower == other for t in tokens[: index - 1])


_LIST_SAID = re.compile(
    r"\b(?:from|in|on|of|off)\s+(?:that|this|the\s+(?:previous|last)|your)\s+"
    r"(?:list|table|answer|results?|ranking)\b",
    re.I,
)


# 'the company', 'this stock' said of one row with no name ('the company with the most …' and
# 'the stock market' are no such row)
_THE_ONE_ROW = re.compile(
    # ('I need the company, its sector and …', 'show the sector, the company and its market
    # cap': a column listed, not a row)
    r"(?<!,\s)(?<!need\s)(?<!show\s)\b(?:the|this|that)\s+(?:company|firm|corporation|stock)\b(?!s)"
    r"(?!\s*[,&])(?!\s*(?:and|with|that|which|who|whose|"
    r"having|where|by|market|exchange|price|prices|symbol|ticker|pick|picks|universe|list|index|"
    r"table|data|names?|counts?|sizes?|details|info|information|level|levels|share|shares|"
    r"weights?|figures?|numbers?)\b)",
    re.IGNORECASE,
)


def back_reference(question: str, linked: Linked) -> str:
    """A pronoun that refers outside the question: no table is named before it
    ("which companies have their HQ in CA" refers inside; "what is its market cap" out)."""
    if _LIST_SAID.search(question):
        return "those"  # 'just the tech names from that list': the rows of that answer
    definite = _THE_ONE_ROW.search(question)
    if definite is not None and not any(it.kind == "value" for it in linked.items):
        # 'how many employees does the company have?' after Apple's headquarters: that
        # company, never the total of every company
        return definite.group(0)
    tokens = [t for t in tokenize(question) if t.kind != "punct"]
    tables = [
        (it.start, _is_plural_word(it.text))
        for it in linked.items
        # 'how many users picked it': a verb naming a table ('picked') is no noun 'it' means
        if it.kind == "table"
        and not all(t.via == "verb" for t in it.targets)
        and not it.text.lower().endswith("ed")  # 'picked', 'selected': verbs for a table
    ]
    all_tokens = tokenize(question)
    each_named = _each_named_at(linked)
    said_before = _first_sentence_names(all_tokens, linked)
    for t in tokens:
        index = all_tokens.index(t)
        if each_named is not None and index > each_named and t.lower in PRONOUNS - PERSONAL:
            continue  # 'for each vendor, how many products did they sell': the vendor
        if said_before is not None and index > said_before and t.lower in PRONOUNS - PERSONAL:
            continue  # 'Which bus is the oldest? Give its fleet number.': that bus
        if (
            t.lower == "their"
            and sum(it.kind == "value" and it.end <= index for it in linked.items) > 1
        ):
            continue  # 'list AAPL, IBM and VZ with their sectors': the rows just named
        if t.lower in _SINGULAR_THEY and _named_by_id_before(linked, index):
            continue  # 'user 16 says their watchlist is empty': that user (one person)
        if t.lower in ("those", "these"):
            return t.text  # "those albums": always the previous answer's rows
        if (
            t.lower == "one"
            and index >= 2
            and all_tokens[index - 1].lower in _RANKING_WORDS
            and all_tokens[index - 2].lower in ("the", "that")
            and not _one_of_a_span(all_tokens, index)
        ):
            return t.text  # 'the companies in the biggest one': a row of the last answer
        if (
            t.lower == "there"
            and t is tokens[-1]
            and index >= 2
            and all_tokens[index - 1].lower not in _EXISTENTIAL
        ):
            return t.text  # 'avg market cap there?': the place or group of the last answer
        if t.lower in PERSONAL and any(u.lower in _RELATIVES for u in all_tokens[:index]):
            continue  # 'my son … he and I argue about Apple': the asker's son, not a row
        if t.lower in PERSONAL:
            return t.text  # 'which department is she in': a person of the previous answer
        if t.lower in ("it", "its") and _one_row_named_in_an_earlier_clause(
            all_tokens, index, linked
        ):
            continue  # "how'd Apple do in 2023? what did it close at …": Apple
        if t.lower in ("they", "it") and index and all_tokens[index - 1].lower in _AUXILIARY:
            return t.text  # 'how many companies do they have': the subject, not the counted noun
        if (
            t.lower in ("they", "it")
            and index
            and all_tokens[index - 1].lower in ("is", "are", "was", "were")
            and tokens[0].lower in ("which", "what", "where", "how")
            and index <= 4
        ):
            return t.text  # 'which index is it in': the subject of an inverted question
        if (
            t.lower == "that"
            and index
            and all_tokens[index - 1].lower in ("is", "was", "are", "were")
            and not any(
                it.start == index + 1 and it.kind in ("table", "column") for it in linked.items
            )
        ):
            return t.text  # 'how many users was that', 'when was that': the last answer
        if (
            t.lower == "that"
            and index
            and all_tokens[index - 1].lower in ("from", "of")
            and (index + 1 == len(all_tokens) or all_tokens[index + 1].kind == "punct")
        ):
            return t.text  # 'the companies in the top industry from that': the last answer
        if (
            t.lower in _COUNTED_BACK
            and index >= 2
            and all_tokens[index - 1].lower == "the"
            and all_tokens[index - 2].lower == "of"
        ):
            return t.text  # 'which of the three has the highest ebitda': the rows shown
        if (
            t.kind == "number"
            and t.text.isdigit()
            and index >= 2
            and all_tokens[index - 1].lower in ("the", "those", "these")
            and all_tokens[index - 2].lower == "of"
            and (
                index + 1 >= len(all_tokens)
                or all_tokens[index + 1].kind == "punct"
                or all_tokens[index + 1].lower in _AUXILIARY | _LINKING_VERBS
            )
        ):
            return t.text  # 'which of the 2 has more employees': the rows shown, not a top 2
        if t.lower in ("it", "them") and _asked_thing_inside(all_tokens, index, linked):
            continue  # 'which state has the most companies headquartered in it': the state
        if t.lower in PRONOUNS:
            # "which companies have their HQ in CA": a noun of the same number before it
            plural = t.lower not in ("it", "its", "it's") and t.lower not in PERSONAL
            before = [start for start, p in tables if start < index and p == plural]
            if (
                t.lower == "them"
                and len(before) == 1
                and any(
                    u.lower == "they" and before[0] < all_tokens.index(u) < index for u in tokens
                )
            ):
                continue  # 'user 99's picks with the dates they added them': those picks
            if t.lower == "them" and len(before) == 1:
                # 'how many users follow them', 'companies in each of them': an object is
                # never the subject of its own clause
                return t.text
            if before:
                continue
            if not plural and any(it.kind == "value" and it.end <= index for it in linked.items):
                continue  # 'On which day did Amazon have its highest volume': Amazon's
            named = tables + [
                (it.start, True)
                for it in linked.items
                if it.kind == "column" and _is_plural_word(it.text)
            ]
            named += [
                (it.start, True)
                for it in linked.items
                if it.kind == "value" and _is_plural_word(it.text)  # 'banks and their caps'
            ]
            if t.lower == "their" and any(start < index for start, _ in named):
                # 'each physician's name with the name of their department', 'all festival
                # names and their years': the rows of this question
                continue
            return t.text
        relative = any(it.kind == "table" and it.end == index for it in linked.items)
        if (
            t.lower in _DEMONSTRATIVES
            and not relative  # 'the users that joined in 2023': a relative pronoun
            and demonstrative_column(linked, index) is not None
        ):
            return t.text  # "which companies are in that industry": a value of the last answer
        if (
            t.lower in _DEMONSTRATIVES
            and not relative
            and any(
                it.kind == "table" and it.start == index + 1 and not _is_plural_word(it.text)
                for it in linked.items
            )
        ):
            return t.text  # 'which stocks has that user picked?': the user of the last answer
        if any(start < index for start, _ in tables):
            continue
        if t.lower in _DEMONSTRATIVES:
            following = [it for it in linked.items if it.start == index + 1]
            if following and following[0].kind in ("table", "column"):
                return t.text
    return ""


def _one_row_named_in_an_earlier_clause(tokens, index: int, linked: Linked) -> bool:
    """'where did the S&P 500 index start 2023 and where did it end up': one named row (a
    value) in an earlier clause of the same question is what 'it' means; never when two
    rows or a plural noun were named there."""
    bounds = [
        k
        for k, t in enumerate(tokens[:index])
        if (t.kind == "punct" and t.text in "?.!,;") or t.lower in ("and", "but", "then")
    ]
    if not bounds:
        return False
    boundary = bounds[-1]
    before = [it for it in linked.items if it.end <= boundary]
    values = [it for it in before if it.kind == "value"]
    plural_tables = [
        it for it in before if it.kind == "table" and _is_plural_word(it.text.split()[-1])
    ]
    return len(values) == 1 and not plural_tables


def _first_sentence_names(tokens, linked: Linked) -> int | None:
    """The token that ends a first sentence naming a table ('Which bus is the oldest?'),
    when another sentence follows; else None."""
    ends = [k for k, t in enumerate(tokens[:-1]) if t.kind == "punct" and t.text in "?.!"]
    if not ends:
        return None
    end = ends[0]
    named = any(it.kind == "table" and it.end <= end for it in linked.items)
    return end if named else None


def _each_named_at(linked: Linked) -> int | None:
    """The token where 'for each/every <noun>' ends, when the question opens with it."""
    items = sorted(linked.items, key=lambda it: it.start)
    for k, it in enumerate(items[:-1]):
        if it.start > 1:
            return None
        words = it.text.lower().split()
        nxt = items[k + 1]
        if (
            it.kind == "kw"
            and it.category == "group"
            and words[-1] in ("each", "every")
            and nxt.kind in ("table", "column")
            and nxt.start == it.end
        ):
            return nxt.end
    return None


_PLACE_PREPOSITIONS = frozenset({"in", "on", "at", "inside", "within", "under"})


def _asked_thing_inside(tokens, index: int, linked: Linked) -> bool:
    """'it' ('them') after a preposition, in a question opening 'which/what <singular
    (plural) noun>' that names a column or table: the thing asked about, not an earlier
    answer ('which sectors have more than 60 companies in them')."""
    if index == 0 or tokens[index - 1].lower not in _PLACE_PREPOSITIONS:
        return False
    words = [t for t in tokens if t.kind != "punct"]
    if not words or words[0].lower not in ("which", "what"):
        return False
    opener = tokens.index(words[0])
    first = next((it for it in linked.items if it.start > opener), None)
    return (
        first is not None
        and first.start == opener + 1
        and first.kind in ("column", "table")
        and _is_plural_word(first.text) == (tokens[index].lower == "them")
        and first.end <= index
    )


def demonstrative_column(linked: Linked, index: int):
    """The column item right after 'that'/'this' at token ``index`` when it ends a noun
    phrase ('in that industry', 'this sector's companies'), not a relative clause ('stocks
    that close above 100'); else None."""
    items = list(linked.items)
    at = next((k for k, it in enumerate(items) if it.start == index + 1), None)
    if at is None or items[at].kind != "column":
        return None
    after = items[at + 1] if at + 1 < len(items) else None
    if after is not None and (
        after.kind in ("number", "value") or (after.kind == "kw" and after.category == "cmp")
    ):
        return None
    return items[at]


def _is_plural_word(text: str) -> bool:
    last = text.lower().split()[-1] if text.split() else ""
    return last.endswith("s") and not last.endswith("ss") or last in ("people", "data")


def _fragment(linked: Linked) -> bool:
    items = [it for it in linked.items if it.kind != "unsupported"]
    if not items:
        return False
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        sorting = any(b.kind == "kw" and b.category == "order" for b in items[:k])
        before = items[k - 1] if k else None
        if sorting and (
            (it.kind == "kw" and it.category == "count")
            or (it.kind == "table" and before is not None and before.category == "count")
        ):
            continue  # 'sort by count desc', 'order by number of companies': what is shown
        if it.kind == "table":
            return False
        if (
            it.kind == "kw"
            and it.category == "count"
            and not (nxt is not None and nxt.kind == "kw" and nxt.category == "group")
        ):
            return False  # 'how many per country' counts nothing named: the previous rows
        if it.kind == "kw" and it.category == "agg" and nxt is not None and nxt.kind == "column":
            return False
        if it.kind == "kw" and it.category == "list" and nxt is not None and nxt.kind == "column":
            return False
    return True


def followup_evidence(question: str, linked: Linked) -> Evidence:
    words = [t.lower for t in tokenize(question) if t.kind != "punct"]
    marker = next((w for w in words if w in _ANYWHERE), "") or _start_marker(words)
    if not marker and " as well" in " ".join(words):
        marker = "as well"
    fragment = (
        _fragment(linked)
        or (
            _WHICH_HAS.match(question) is not None
            and not any(it.kind in ("table", "value") for it in linked.items)
        )
        or short_measure(words, linked)
    )
    if fragment and len(words) > 2 and words[0] in ("where", "wheres", "who", "whos", "why"):
        fragment = False  # "where's the S&P 500 index at": a question of its own, not 'and X?'
    return Evidence(marker, back_reference(question, linked), fragment)


_ASKING_WORDS = frozenset(
    {"what", "whats", "which", "how", "who", "show", "list", "give", "tell", "find", "get"}
)


def short_measure(words: list[str], linked: Linked) -> bool:
    """'total mkt cap', 'combined weight?': an aggregate and a column, no more than four
    words and no question of their own; in a session, about the rows before."""
    if not words or len(words) > 4 or words[0] in _ASKING_WORDS:
        return False
    items = [it for it in linked.items if it.kind != "unsupported"]
    if len(items) < 2 or linked.unknown:
        return False
    return (
        items[0].kind == "kw"
        and items[0].category == "agg"
        and all(it.kind == "column" for it in items[1:])
    )


# 'which has the best revenue growth' after a count: no rows of its own, the counted ones
_WHICH_HAS = re.compile(
    r"^\s*(?:and\s+|so\s+|ok\s+)?(?:which|who)(?:\s+one)?\s+(?:has|had|is|was)\b", re.I
)


def only_edit_words(question: str, linked: Linked) -> bool:
    """An edit marker at the start and nothing but values, periods and numbers after it
    ('what about Marketing?', 'and for 2022?', 'only Technology'): no question of its own."""
    tokens = tokenize(question)
    words = [t.lower for t in tokens if t.kind != "punct"]
    marker = _start_marker(words)
    if not marker:
        return False
    skip = next(k for k, t in enumerate(tokens) if t.kind != "punct") + len(marker.split())
    after = [it for it in linked.items if it.start >= skip]
    if (
        after
        and marker in ("and", "what about", "how about")
        and len(words) <= 5
        and any(it.kind == "column" for it in after)
        and all(
            it.kind == "column" or (it.kind == "kw" and it.category in ("agg", "count"))
            for it in after
        )
    ):
        return True  # 'and the low?', 'and the avg volume': added to a question with no answer
    # 'and the whole tech sector?': a value's own column beside it names the value's kind
    value_columns = {(t.table, t.column) for it in after if it.kind == "value" for t in it.targets}
    return bool(after) and all(
        it.kind in ("value", "time", "number")
        or (it.kind == "kw" and it.category in ("not", "or", "dir", "chart"))
        or (
            it.kind == "column"
            and bool(it.targets)
            and all((t.table, t.column) in value_columns for t in it.targets)
        )
        for it in after
    )
