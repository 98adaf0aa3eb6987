"""Tokens → linked items: each span of the question tied to what it means.

Longest match first, time phrases before everything else. Whatever cannot be
linked and is not a stop word is reported, which is what the coverage gate
declines on.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .keywords import KEYWORDS, STOP_WORDS, UNSUPPORTED
from .lexicon import Lexicon, Target, phrase_key, singular, word_key
from .normalize import Token, tokenize
from .textpattern import like_phrase
from .timeexpr import TimeSpec, parse_time

_KEYWORD_KEYS = {phrase_key(p): v for p, v in KEYWORDS.items()}
_UNSUPPORTED_KEYS = {phrase_key(p): (p, reason) for p, reason in UNSUPPORTED.items()}
_MAX_KEYWORD = max(len(k) for k in list(_KEYWORD_KEYS) + list(_UNSUPPORTED_KEYS))
_STOP_KEYS = frozenset(word_key(w) for w in STOP_WORDS) | STOP_WORDS


@dataclass(frozen=True)
class Item:
    """One linked span. ``kind``: table | column | value | number | time | kw | unsupported | unknown."""

    kind: str
    text: str
    start: int  # token index
    end: int
    targets: tuple[Target, ...] = ()
    category: str = ""  # for kw: count | agg | cmp | group | order | dir | not | chart | ...
    arg: str = ""
    number: float | None = None
    percent: bool = False
    time: TimeSpec | None = None
    note: str = ""  # how an inexact match was made (for assumptions)


@dataclass(frozen=True)
class Linked:
    items: tuple[Item, ...]
    unknown: tuple[str, ...]  # content words nothing accounts for
    unsupported: tuple[tuple[str, str], ...]  # (phrase, reason)
    words: tuple[str, ...] = ()  # the question's tokens, lowercased (items index them)


def _words(tokens: list[Token], i: int, n: int) -> str:
    return " ".join(t.text for t in tokens[i : i + n])


def _key(tokens: list[Token], i: int, n: int) -> tuple[str, ...] | None:
    parts = []
    for t in tokens[i : i + n]:
        if t.kind == "punct" and t.text not in "<>=":
            return None
        parts.append(word_key(t.lower) if t.kind == "word" else t.lower)
    return tuple(parts)


def _close(word: str, candidates: list[str]) -> list[tuple[float, str]]:
    """(ratio, candidate) for every candidate at least .80 alike, best first: enough to
    find a best match of .88 and check its margin of .08 over the next. The cheap upper
    bounds (lengths, then letters) skip the full comparison for nearly all of them, which
    kept a long chatty question with many unknown words at hundreds of milliseconds."""
    found = []
    matcher = difflib.SequenceMatcher(None, "", word)  # word as the second (cached) sequence
    for c in candidates:
        if 2 * min(len(c), len(word)) < 0.8 * (len(c) + len(word)):
            continue
        matcher.set_seq1(c)
        if matcher.quick_ratio() < 0.8:
            continue
        ratio = matcher.ratio()
        if ratio >= 0.8:
            found.append((ratio, c))
    return sorted(found, reverse=True)


def _fuzzy(word: str, lex: Lexicon) -> tuple[tuple[str, ...], float] | None:
    """A single-word schema phrase close to a misspelt word (ratio ≥ .88, margin ≥ .08)."""
    if len(word) < 5:
        return None
    if word not in lex.near_words:
        lex.near_words[word] = _nearest_phrase(word, lex)
    return lex.near_words[word]


def _nearest_phrase(word: str, lex: Lexicon) -> tuple[tuple[str, ...], float] | None:
    if not lex.fuzzy_words:
        lex.fuzzy_words.extend(
            k[0]
            for k, targets in lex.phrases.items()
            if len(k) == 1 and len(k[0]) >= 4 and any(t.via != "joined" for t in targets)
        )
    if not lex.fuzzy_by_letter:
        for candidate in lex.fuzzy_words:
            for letter in set(candidate[:2]):
                lex.fuzzy_by_letter.setdefault(letter, []).append(candidate)
    # a misspelling one edit from a phrase shares one of its first two letters with it;
    # only phrases that do are compared (a rival two edits away at the very start, which
    # the margin check would also have weighed, is no longer seen)
    near = {c for letter in set(word[:2]) for c in lex.fuzzy_by_letter.get(letter, ())}
    scored = _close(word, sorted(near))
    if not scored or scored[0][0] < 0.88:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.08:
        return None
    if _other_word_form(word, scored[0][1]):
        return None
    if scored[0][1].startswith(word) or word.startswith(scored[0][1]):
        return None  # 'person' is not a misspelt 'Persona': a word inside another word
    return (scored[0][1],), scored[0][0]


def _keyword_typo(word: str, lex: Lexicon) -> tuple[str, str, str] | None:
    """'higest' → 'highest', 'avrage' → 'average': a misspelt one-word keyword (ratio ≥ .88,
    a clear margin), never a word the schema knows or another form of a keyword."""
    if len(word) < 5 or (word,) in lex.phrases:
        return None
    if word not in lex.keyword_typos:
        lex.keyword_typos[word] = _nearest_keyword(word)
    return lex.keyword_typos[word]


# a calendar word ('quater') is spelled out by spelling.py, where a period can still read it
_TYPO_KEYWORDS = [
    k[0]
    for k, (category, _) in _KEYWORD_KEYS.items()
    if len(k) == 1 and len(k[0]) >= 5 and category != "bucket"
]


def _nearest_keyword(word: str) -> tuple[str, str, str] | None:
    scored = _close(word, _TYPO_KEYWORDS)
    if not scored or scored[0][0] < 0.88:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.08:
        return None
    best = scored[0][1]
    if _other_word_form(word, best) or best.startswith(word) or word.startswith(best):
        return None
    category, arg = _KEYWORD_KEYS[(best,)]
    return category, arg, best


_INFLECTIONS = ("ings", "ing", "ers", "ors", "ies", "es", "ed", "er", "or", "s", "e", "y", "")


def _other_word_form(word: str, phrase: str) -> bool:
    """'manages' is not a misspelt 'manager', nor 'played' a misspelt 'player': the same stem
    with another ending is another word, never a typo to correct silently."""
    stems = {word[: -len(e)] if e else word for e in _INFLECTIONS if word.endswith(e)}
    other = {phrase[: -len(e)] if e else phrase for e in _INFLECTIONS if phrase.endswith(e)}
    return bool(stems & other) and word != phrase


_MEMO_SIZE = 4096  # questions (and their rewrites) remembered per lexicon


def link(question: str, lex: Lexicon) -> Linked:
    """The question's spans linked to the schema. One question is linked many times over
    (each rewrite, each check), so the result is remembered per lexicon: a long chatty
    question spent most of its time here."""
    hit = lex.linked.get(question)
    if hit is not None:
        return hit
    linked = _link(question, lex)
    if len(lex.linked) >= _MEMO_SIZE:
        lex.linked.clear()
    lex.linked[question] = linked
    return linked


_SPLIT_CODE = re.compile(r"(?<![\w.-])([A-Za-z]{1,5})[-.]([A-Za-z]{1,2})(?![\w-])")


def spelled_codes(question: str, lex: Lexicon) -> str:
    """'brk-b', 'BRK.B' written as the stored code 'BRK-B' (one word for the tokenizer),
    when such a code exists; any other text is left as it is."""

    def code(m: re.Match) -> str:
        for joiner in ("-", "."):
            said = f"{m.group(1)}{joiner}{m.group(2)}".upper()
            if said in lex.symbols:
                return said
        return m.group(0)

    return _SPLIT_CODE.sub(code, question)


def _link(question: str, lex: Lexicon) -> Linked:
    tokens = tokenize(question)
    items: list[Item] = []
    unknown: list[str] = []
    unsupported: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        parsed = parse_time(tokens, i)
        if parsed:
            spec, used = parsed
            items.append(Item("time", _words(tokens, i, used), i, i + used, time=spec))
            i += used
            continue
        if tok.kind == "quoted":
            targets = tuple(
                t
                for ts in lex.phrases.values()
                for t in ts
                if t.kind == "value" and t.value.lower() == tok.lower
            )
            targets += tuple(
                t for code, ts in lex.symbols.items() if code.lower() == tok.lower for t in ts
            )
            if targets:
                items.append(Item("value", tok.text, i, i + 1, targets=targets))
            else:
                unknown.append(tok.text)
            i += 1
            continue
        if _capital_code(tok, tokens, i, lex):
            # "the close of ALL": a ticker written in capitals, unless a noun follows ("ALL companies")
            items.append(
                Item(
                    "value",
                    tok.text,
                    i,
                    i + 1,
                    targets=tuple(lex.symbols[tok.text]),
                    note=f"'{tok.text}' (in capitals) read as the code {tok.text}",
                )
            )
            i += 1
            continue
        stop = next(
            (
                j
                for j in range(i + 1, min(len(tokens), i + 6))
                if _capital_code(tokens[j], tokens, j, lex)
            ),
            None,
        )
        pattern = like_phrase(tokens, i)
        if pattern:
            # 'contains the word "Death"': the pattern, never the literal's own meaning
            text, used = pattern
            items.append(
                Item("kw", _words(tokens, i, used), i, i + used, category="like", arg=text)
            )
            i += used
            continue
        compared = _comparative(tokens, i, lex)
        if compared:
            items.extend(compared)
            i += 2
            continue
        match = _longest(tokens, i, lex, (stop - i) if stop is not None else None)
        if match is not None and match.kind == "kw" and tok.lower == "the":
            # 'ordered by the number of platforms': 'the' + a keyword must not swallow the
            # start of a longer schema name (Number_of_Platforms)
            after = _longest(tokens, i + 1, lex, (stop - i - 1) if stop is not None else None)
            if after is not None and after.kind in ("column", "table") and after.end > match.end:
                i += 1
                continue
        if match and match.kind == "superlative":
            # "cheapest" → the superlative keyword followed by the column it ranks
            ranked = _rank_targets(match.targets, tokens, lex)
            if not ranked:
                choices = ", ".join(f"{t.table}.{t.column}" for t in match.targets)
                unsupported.append(
                    (match.text, f"it could rank {choices}; please name the column or the table")
                )
                items.append(Item("unsupported", match.text, match.start, match.end))
                i = match.end
                continue
            target = ranked[0]
            word = "lowest" if target.value == "asc" else "highest"
            following = tokens[match.end] if match.end < len(tokens) else None
            if (
                following is not None
                and following.lower == "first"
                and _ends_clause(tokens, match.end + 1)
            ):
                # 'cheapest first' / 'from the cheapest to the most expensive': an ordering
                # of every row by the ranked column, not the one row at the top
                targets = tuple(Target("column", t.table, t.column, via="synonym") for t in ranked)
                direction = "ASC" if target.value == "asc" else "DESC"
                items.append(Item("kw", "sorted by", match.start, match.end, category="order"))
                items.append(Item("column", match.text, match.start, match.end, targets=targets))
                items.append(
                    Item(
                        "kw",
                        following.text,
                        match.end,
                        match.end + 1,
                        category="dir",
                        arg=direction,
                    )
                )
                i = match.end + 1
                continue
            items.append(
                Item(
                    "kw",
                    word,
                    match.start,
                    match.end,
                    category="agg",
                    arg="MIN" if target.value == "asc" else "MAX",
                )
            )
            items.append(
                Item(
                    "column",
                    match.text,
                    match.start,
                    match.end,
                    targets=tuple(
                        Target("column", t.table, t.column, via="synonym") for t in ranked
                    ),
                )
            )
            i = match.end
            continue
        if (
            match
            and match.kind == "value"
            and match.end == i + 1
            and tok.lower in _GROUP_WORDS
            and tok.text == tok.lower
        ):
            after = _longest(tokens, i + 1, lex, (stop - i - 1) if stop is not None else None)
            if after is not None and after.kind in ("table", "column"):
                # 'how many sales did each vendor make': the grouping word, not a unit 'each'
                items.append(Item("kw", tok.text, i, i + 1, category="group"))
                i += 1
                continue
        if (
            match
            and match.kind == "value"
            and match.end == i + 1
            and all(t.via in ("prefix", "name") for t in match.targets)
            and len(tok.text) >= 2
            and tok.text.isupper()
            and tok.text in lex.symbols
        ):
            # "META's highest price": a ticker written in capitals, not the start of a name
            items.append(Item("value", tok.text, i, i + 1, targets=tuple(lex.symbols[tok.text])))
            i += 1
            continue
        if (
            match
            and match.kind == "value"
            and any(t.via == "family-or-name" for t in match.targets)
        ):
            # 'banks', 'which bank': the family of values ('Banks—Regional' …); 'bank' alone
            # may be the start of a name as well, and is asked about below
            family = tok.lower != word_key(tok.lower) or (i > 0 and tokens[i - 1].lower == "which")
            kept = tuple(t for t in match.targets if (t.via == "family-or-name") == family)
            match = replace(match, targets=kept) if kept else None
        # "bank" alone is an ordinary word; "Berkshire" (capitalised, mid-sentence) a name
        if (
            match
            and match.kind == "value"
            and all(t.via == "prefix" for t in match.targets)
            and not (tok.text[:1].isupper() and i > 0)
            and not _listed_with_a_name(items, tokens, i, match, lex)
            and not _said_alone(tokens, i, match)
        ):
            names = ", ".join(sorted({t.value for t in match.targets}))
            reason = (
                f"it could be the start of the name {names} or an ordinary word; "
                "write the full name (or the ticker) if you mean it"
            )
            unsupported.append((match.text, reason))
            items.append(Item("unsupported", match.text, i, match.end, note=reason))
            i = match.end
            continue
        if match:
            items.append(match)
            if match.kind == "unsupported":
                unsupported.append((match.text, match.note))
            i = match.end
            continue
        if tok.kind == "number":
            items.append(Item("number", tok.text, i, i + 1, number=tok.number, percent=tok.percent))
        elif tok.kind == "punct" or tok.lower in _STOP_KEYS or word_key(tok.lower) in _STOP_KEYS:
            pass
        elif tok.text in lex.symbols:
            items.append(Item("value", tok.text, i, i + 1, targets=tuple(lex.symbols[tok.text])))
        elif (
            tok.text.upper() in lex.symbols
            and len(tok.text) >= 3
            and _word_like(tok.lower)
            and _everyday(tok.lower)
            and not _ticker_nearby(tokens, i)
            and not _compared_with_a_code(tokens, i, lex)
        ):
            # "cost", "key", "cos": ordinary words that are also codes; say so, do not guess
            code = tok.text.upper()
            names = ", ".join(sorted({f"{t.column} {t.value}" for t in lex.symbols[code]}))
            reason = (
                f"it is an ordinary word and also the code {code} ({names}); "
                f"write {code} in capitals if you mean the code"
            )
            unsupported.append((tok.text, reason))
            items.append(Item("unsupported", tok.text, i, i + 1, note=reason))
        elif tok.text.upper() in lex.symbols and (
            len(tok.text) >= 3 or _two_letter_code(tokens, i, lex)
        ):
            items.append(
                Item(
                    "value",
                    tok.text,
                    i,
                    i + 1,
                    targets=tuple(lex.symbols[tok.text.upper()]),
                    note=f"'{tok.text}' read as the code {tok.text.upper()}",
                )
            )
        elif (verb := _verb_column(tok.lower, lex)) is not None and _verb_table(
            tok.lower, lex
        ) != verb.table:
            items.append(
                Item(
                    "column",
                    tok.text,
                    i,
                    i + 1,
                    targets=(verb,),
                    note=f"'{tok.text}' read as {verb.table}.{verb.column}",
                )
            )
        elif (table := _verb_table(tok.lower, lex)) is not None:
            # 'films directed by …' (director), 'suppliers that supply …' (supplier): a verb
            # made from a table's name only links its rows, as 'placed' or 'wrote' do
            items.append(
                Item(
                    "kw",
                    tok.text,
                    i,
                    i + 1,
                    category="relverb",
                    targets=(Target("table", table, via="verb"),),
                    note=f"'{tok.text}' read as the link to {table}",
                )
            )
        else:
            fuzzy = _fuzzy(word_key(tok.lower), lex)
            typo = None if fuzzy else _keyword_typo(tok.lower, lex)
            if typo is not None:
                category, arg, word = typo
                items.append(
                    Item(
                        "kw",
                        word,
                        i,
                        i + 1,
                        category=category,
                        arg=arg,
                        note=f"'{tok.text}' read as '{word}'",
                    )
                )
            elif fuzzy:
                key, _ = fuzzy
                targets = tuple(lex.phrases[key])
                kind = targets[0].kind
                items.append(
                    Item(
                        kind,
                        tok.text,
                        i,
                        i + 1,
                        targets=targets,
                        note=f"'{tok.text}' read as '{key[0]}'",
                    )
                )
            elif not _names_the_database(tok.lower, lex):
                unknown.append(tok.text)
        i += 1
    items = _columns_of_the_named_table(
        _compound_nouns(items, lex), lex, tuple(t.lower for t in tokens)
    )
    return Linked(tuple(items), tuple(unknown), tuple(unsupported), tuple(t.lower for t in tokens))


def _columns_of_the_named_table(
    items: list[Item], lex: Lexicon, words: tuple[str, ...] = ()
) -> list[Item]:
    """'how many distinct trading dates are in index_price_history': a column word shipped
    for one table ('trading dates' → stock_price_history.record_date) means the same-named
    column of the one table the question names that has it, when nothing else in the
    question points at the word's own table."""
    named = {
        t.table
        for it in items
        if it.kind == "table" and not it.text.lower().endswith("ed")
        for t in it.targets
        if t.via != "verb"
    }
    out = []
    for it in items:
        homes = {t.table for t in it.targets}
        columns = {t.column for t in it.targets}
        if (
            it.kind == "column"
            and len(homes) == 1
            and len(columns) == 1
            and not homes & named
            and not it.text.lower().endswith("ed")  # 'added': the event of its own table
        ):
            (column,) = columns
            having = [
                table
                for table in sorted(named)
                if column in {c.name for c in getattr(lex.catalog.table(table), "columns", ())}
            ]
            elsewhere = any(
                o is not it
                and o.kind in ("value", "column")
                and homes & {t.table for t in o.targets}
                for o in items
            )
            if len(having) == 1 and not elsewhere:
                it = replace(it, targets=(Target("column", having[0], column, via="same name"),))
            elif (
                not having
                and not elsewhere
                and it.text.lower() in _BARE_DATE_WORDS
                and (dated := _dated_tables_named(items, named, lex))
                and lex.kind_of(next(iter(homes)), column) == "date"
            ):
                # 'user 8's picks sorted by date': the date of the rows named (the pick's),
                # not the price history's day that 'date' is a synonym of
                own = Target("column", dated[0], lex.date_columns(dated[0])[0], via="own date")
                it = replace(it, targets=(own,), note=f"'{it.text}' read as {own.column}")
            elif (
                not having
                and not elsewhere
                and it.text.lower() in _DAY_WORDS
                and lex.kind_of(next(iter(homes)), column) == "date"
                # ('that day': the previous answer's day, moved by the follow-up, rounds.py)
                and not (
                    it.start and words[it.start - 1 : it.start] in (("that",), ("this",), ("same",))
                )
            ):
                # 'on which trading day in 2022 did the S&P 500 have its highest closing level':
                # the day of the one dated table whose measure is asked (the index's), not the
                # stocks' day the phrase is a synonym of, four joins away
                measured = {
                    t.table
                    for o in items
                    if o.kind == "column" and o is not it
                    for t in o.targets
                    if len(lex.date_columns(t.table)) == 1
                    and lex.kind_of(t.table, t.column) == "number"
                }
                if len(measured) == 1:
                    table = next(iter(measured))
                    own = Target("column", table, lex.date_columns(table)[0], via="own date")
                    it = replace(
                        it, targets=(own,), note=f"'{it.text}' read as {table}.{own.column}"
                    )
        out.append(it)
    return out


def _dated_tables_named(items: list[Item], named: set[str], lex: Lexicon) -> list[str]:
    """The tables named by a table word that have one date column."""
    return [
        t.targets[0].table
        for t in items
        if t.kind == "table"
        and t.targets[0].table in named
        and len(lex.date_columns(t.targets[0].table)) == 1
    ]


_BARE_DATE_WORDS = frozenset({"date", "dates", "day", "days"})
_DAY_WORDS = _BARE_DATE_WORDS | {"trading day", "trading days", "session", "sessions"}


def _compound_nouns(items: list[Item], lex: Lexicon) -> list[Item]:
    """'how many stock picks': a singular table noun right before a plural one of another
    table that references it only says what kind of the second it is (every pick is of a
    stock), so the count is of the second, never of the first. ('bike stations', where the
    stations do not reference bikes, stays two nouns: stations with bikes, or all?)"""
    links = {(r.from_table, r.to_table) for r in lex.catalog.relationships}
    kept: list[Item] = []
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        if (
            nxt is not None
            and it.kind == "table"
            and nxt.kind == "table"
            and nxt.start == it.end
            and " " not in it.text
            and not it.text.lower().endswith("s")
            and nxt.text.lower().endswith("s")
            and {t.table for t in it.targets}.isdisjoint(t.table for t in nxt.targets)
            and all(
                (head.table, kind.table) in links for head in nxt.targets for kind in it.targets
            )
        ):
            continue
        kept.append(it)
    return kept


def _names_the_database(word: str, lex: Lexicon) -> bool:
    """'How many members does the gym have?', 'pets that never visited the clinic': a word of
    the database's own name ('gym', 'vet_clinic') that names no table, column or value only
    says where the rows are."""
    from .names import split_words

    said = {singular(w) for w in split_words(lex.catalog.database or "") if len(w) >= 3}
    return singular(word) in said


def _comparative(tokens: list[Token], i: int, lex: Lexicon) -> list[Item]:
    """'older than 27' → the numeric column 'oldest' ranks (Age), then '>' — or nothing."""
    from .names import COMPARATIVE_FORMS

    if i + 1 >= len(tokens) or tokens[i + 1].lower != "than":
        return []
    adjective = COMPARATIVE_FORMS.get(tokens[i].lower)
    targets = lex.phrases.get(phrase_key(adjective)) if adjective else None
    ranked = _rank_targets([t for t in targets or () if t.kind == "superlative"], tokens, lex)
    ranked = [t for t in ranked if lex.kind_of(t.table, t.column) == "number"]
    if not ranked:
        return []
    text = f"{tokens[i].text} than"
    column = Item(
        "column",
        tokens[i].text,
        i,
        i + 1,
        targets=tuple(Target("column", t.table, t.column, via="synonym") for t in ranked),
        note=f"'{text}' compares {ranked[0].column}",
    )
    op = ">" if ranked[0].value == "desc" else "<"
    return [column, Item("kw", text, i, i + 2, category="cmp", arg=op)]


# what may follow a verb's stem in a column's first word: 'play' (play_count), 'hire'
# (HireYear), 'formed' (formed_year), 'advisor' (Advisor) — never 'count' → 'country'
_VERB_NOUN_ENDINGS = frozenset({"", "e", "ed", "er", "or", "ing", "ion", "ment"})


def _verb_column(word: str, lex: Lexicon) -> Target | None:
    """'hired' → HireYear, 'played' / 'plays' → play_count, 'formed' → formed_year: an
    unknown verb form whose stem begins exactly one column name of the schema."""
    from .names import split_words

    stem = next(
        (
            word[: -len(s)]
            for s in ("ing", "ed", "es", "s")
            if word.endswith(s) and len(word) > len(s) + 2
        ),
        word if len(word) >= 4 else "",  # the bare verb: 'did we hire in 2020'
    )
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]  # 'shipped' → 'ship'
    if len(stem) < 3:
        return None
    bare = stem == word
    found = {
        (t.name, c.name)
        for t in lex.catalog.tables
        for c in t.columns
        if (first := (split_words(c.name) or [""])[0])
        and first.startswith(stem)
        and first[len(stem) :] in _VERB_NOUN_ENDINGS
        # a bare verb names only a dated event ('hire' → hireDate), never a measure's first
        # word ('revenue' is not revenue_growth)
        and (not bare or split_words(c.name)[-1] in ("date", "year", "on", "at"))
        # 'plays' is not Player_ID: a verb never names a row's key
        and split_words(c.name)[-1] not in ("id", "key", "code", "no")
    }
    if len(found) != 1:
        return None
    table, column = found.pop()
    # 'cars priced between …': list_price says 'price' too (last); two readings, never one
    # picked by spelling alone
    others = [
        (t.name, c.name)
        for t in lex.catalog.tables
        for c in t.columns
        if (t.name, c.name) != (table, column)
        and len(words := split_words(c.name)) > 1
        and words[-1].startswith(stem)
        and words[-1][len(stem) :] in _VERB_NOUN_ENDINGS
    ]
    if others:
        return None
    return Target("column", table, column, via="verb")


def _verb_table(word: str, lex: Lexicon) -> str | None:
    """'directed' → director, 'screened' → screening, 'supplied'/'supply' → supplier,
    'shipped' → shipments, 'rated' → rating: an unknown verb form whose stem begins exactly
    one table's name (its first or last word) with a noun ending after it."""
    from .names import split_words

    if len(word) < 4:
        return None
    stems = {word}
    for suffix in ("ing", "ied", "ies", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            stems.add(stem + ("i" if suffix in ("ied", "ies") else ""))
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                stems.add(stem[:-1])  # 'shipped' → 'ship'
    stems |= {s[:-1] + "i" for s in stems if s.endswith("y")}  # 'supply' → 'suppli(er)'
    stems |= set(_IRREGULAR_STEMS.get(word, ()))  # 'sold' → sales, 'paid' → payments
    stems = {s for s in stems if len(s) >= 3}
    found = set()
    for table in lex.catalog.tables:
        words = split_words(table.name)
        for noun in {words[0], words[-1]} if words else set():
            noun = noun[:-1] if noun.endswith("s") and len(noun) > 4 else noun
            if any(
                noun.startswith(s) and noun[len(s) :] in _TABLE_NOUN_ENDINGS and noun != word
                for s in stems
            ):
                found.add(table.name)
    return found.pop() if len(found) == 1 else None


_GROUP_WORDS = frozenset({"each", "every", "per"})
# verbs whose noun is not spelt from their forms
_IRREGULAR_STEMS = {
    "sell": ("sale",),
    "sells": ("sale",),
    "sold": ("sale",),
    "selling": ("sale",),
    "paid": ("pay",),
    "flew": ("flight",),
    "flown": ("flight",),
    "bought": ("purchase", "buy"),
    "spent": ("spend",),
    "lent": ("loan",),
}
# what follows a verb's stem in a table's name: director, screening, supplier, shipment
_TABLE_NOUN_ENDINGS = frozenset({"er", "or", "ing", "ion", "ment", "e", ""})


_TICKER_WORDS = frozenset({"stock", "stocks", "ticker", "symbol", "shares", "share", "code"})


def _ticker_nearby(tokens: list[Token], i: int) -> bool:
    return any(
        0 <= j < len(tokens) and tokens[j].lower in _TICKER_WORDS for j in (i - 1, i + 1, i - 2)
    )


def _everyday(word: str) -> bool:
    """'cost', 'key', 'all' are everyday words; 'googl', 'amd', 'pep' only codes."""
    from .common_words import ordinary

    return ordinary(word)


_BETWEEN_CODES = frozenset({"vs", "versus", "v", "and", "or", "&", "with"})


def _compared_with_a_code(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'xom vs cvx', 'googl and meta': a lowercase code set against another code is that
    code, unless it is an everyday word ('cost', 'key', 'all' still ask)."""
    from .common_words import ordinary

    if ordinary(tokens[i].lower):
        return False
    for mid, other in ((i - 1, i - 2), (i + 1, i + 2)):
        if not (0 <= mid < len(tokens) and 0 <= other < len(tokens)):
            continue
        if tokens[mid].lower in _BETWEEN_CODES and tokens[other].text.upper() in lex.symbols:
            return not ordinary(tokens[other].lower)
    return False


# two-letter words and abbreviations that are never read as a lowercase code
_TWO_LETTER_WORDS = frozenset(
    [
        "oh",
        "ok",
        "hi",
        "la",
        "de",
        "co",
        "al",
        "ma",
        "pa",
        "ms",
        "mo",
        "ne",
        "ar",
        "id",
        "me",
        "or",
        "in",
        "us",
        "so",
        "no",
        "go",
        "do",
        "be",
        "he",
        "we",
        "it",
        "is",
        "as",
        "at",
        "an",
        "am",
        "by",
        "if",
        "my",
        "of",
        "on",
        "to",
        "up",
        "vs",
        "pm",
        "ex",
        "re",
        "yo",
        "ya",
        "eh",
        "uh",
    ]
)


def _two_letter_code(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'cos in tx', 'ko vs pep': a lowercase two-letter code after a place word or set
    against another code; never one of the everyday two-letter words ('in', 'ok', 'co')."""
    word = tokens[i].lower
    if len(word) != 2 or not word.isalpha() or word in _TWO_LETTER_WORDS:
        return False
    before = tokens[i - 1].lower if i else ""
    return before in ("in", "from") or _compared_with_a_code(tokens, i, lex)


def _word_like(word: str) -> bool:
    """Pronounceable like an English word ('cost', 'key'), unlike 'aapl', 'msft', 'nvda'."""
    if not re.search(r"[aeiouy]", word) or re.match(r"^[aeiou]{2}", word):
        return False
    if re.search(r"[^aeiouy]{3}", word) and not re.search(r"(str|sch|thr|chr|ngs|nds|nts)", word):
        return False
    onset = re.match(r"^[^aeiouy]*", word).group(0)  # type: ignore[union-attr]
    return len(onset) < 2 or onset in _ONSETS


_ONSETS = frozenset(
    [
        "bl",
        "br",
        "ch",
        "cl",
        "cr",
        "dr",
        "fl",
        "fr",
        "gl",
        "gr",
        "kn",
        "ph",
        "pl",
        "pr",
        "sc",
        "sh",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sw",
        "th",
        "tr",
        "tw",
        "wh",
        "wr",
        "qu",
    ]
)


def _capital_code(tok: Token, tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A stop word written as a code in capitals, in a question not written in capitals."""
    if not (tok.kind == "word" and len(tok.text) >= 2 and tok.text.isupper()):
        return False
    if tok.text not in lex.symbols:
        return False
    if not (tok.lower in _STOP_KEYS or word_key(tok.lower) in _STOP_KEYS or _is_keyword(tok)):
        return False
    words = [t.text for t in tokens if t.kind == "word" and len(t.text) > 1]
    if sum(w.isupper() for w in words) * 2 > len(words):
        return False
    nxt = _longest(tokens, i + 1, lex) if i + 1 < len(tokens) else None
    return not (nxt is not None and nxt.kind in ("table", "column"))


def _is_keyword(tok: Token) -> bool:
    return (word_key(tok.lower),) in _KEYWORD_KEYS or (tok.lower,) in _KEYWORD_KEYS


def _references(lex: Lexicon, col: Target, tables: set[str]) -> bool:
    info = lex.catalog.table(col.table)
    if info is not None and col.column in info.primary_key and col.table in tables:
        return True
    return any(
        r.from_table == col.table and r.from_column == col.column and r.to_table in tables
        for r in lex.catalog.relationships
    )


def _ends_clause(tokens, at: int) -> bool:
    """Nothing but punctuation from token ``at`` on."""
    return all(t.kind == "punct" for t in tokens[at:])


def _rank_targets(targets, tokens: list[Token], lex: Lexicon) -> list[Target]:
    """The columns a superlative adjective may rank, narrowed to the tables the question
    names ('the most expensive product' → products.unitPrice, not orderItems.unitPrice).
    Empty when the candidates disagree on direction and nothing narrows them."""
    named: set[str] = set()
    for j in range(len(tokens)):
        m = _longest(tokens, j, lex)
        if m is not None and m.kind == "table":
            named.update(t.table for t in m.targets)
    own = [t for t in targets if t.table in named]
    if own:
        targets = own
    # shipped superlatives (synonyms file) first, then the general English ones
    targets = sorted(targets, key=lambda t: t.via == "english")
    if len({t.value for t in targets}) > 1 and len({t.table for t in targets}) > 1:
        return []
    return [t for t in targets if t.value == targets[0].value]


def _longest(tokens: list[Token], i: int, lex: Lexicon, at_most: int | None = None) -> Item | None:
    longest = min(max(lex.max_len, _MAX_KEYWORD), len(tokens) - i, at_most or len(tokens))
    for n in range(longest, 0, -1):
        key = _key(tokens, i, n)
        if key is None:
            continue
        text = _words(tokens, i, n)
        if key in _UNSUPPORTED_KEYS and not _names_schema(lex.phrases.get(key)):
            # 'performance' is a change over time, unless a table or column is named so
            phrase, reason = _UNSUPPORTED_KEYS[key]
            return Item("unsupported", text, i, i + n, note=reason)
        schema = lex.phrases.get(key)
        keyword = _KEYWORD_KEYS.get(key)
        if keyword and (
            not schema
            or n == 1
            and schema[0].kind == "column"
            and keyword[0] in ("agg", "list")
            # 'never' is the word, not the start of the title 'Never Let Me Go'
            or all(t.kind == "value" and t.via == "prefix" for t in schema)
        ):
            # a keyword wins over a same-length schema phrase only for intent words ("max", "name")
            return Item("kw", text, i, i + n, category=keyword[0], arg=keyword[1])
        if schema:
            kinds = {t.kind for t in schema}
            kind = (
                "value"
                if kinds == {"value"}
                else "table"
                if kinds == {"table"}
                else "column"
                if kinds == {"column"}
                else "superlative"
                if kinds == {"superlative"}
                else _mixed_kind(schema, lex)
            )
            return Item(kind, text, i, i + n, targets=tuple(t for t in schema if t.kind == kind))
        if keyword:
            return Item("kw", text, i, i + n, category=keyword[0], arg=keyword[1])
    return None


def _mixed_kind(targets: list[Target], lex: Lexicon) -> str:
    """A phrase naming both schema and values: schema names win (e.g. 'energy' the
    value is only reachable through a longer or quoted phrase if a column is named so).
    A column that only references a table of the same name ('Doctor' in Patient) is
    that table."""
    tables = {t.table for t in targets if t.kind == "table"}
    columns = [t for t in targets if t.kind == "column"]
    if tables and columns and all(_references(lex, t, tables) for t in columns):
        return "table"
    for kind in ("column", "table", "value"):
        if any(t.kind == kind for t in targets):
            return kind
    return targets[0].kind


def _names_schema(targets) -> bool:
    """A table or column of this schema is named by the phrase (the schema's own word wins)."""
    return any(t.kind in ("table", "column") and t.via != "english" for t in targets or ())


_LISTING = frozenset({"and", "vs", "vs.", "versus", "or", ",", "&"})


_ALONE_AROUND = frozenset(
    {"how", "what", "about", "and", "or", "then", "now", "ok", "okay", "so", "?", "!", ".", ","}
)


def _said_alone(tokens: list, i: int, match: Item) -> bool:
    """'how about pepsi?': a word that is no everyday word, said alone after 'how about', is the
    one name it starts, not an ordinary word."""
    from .common_words import ordinary

    if match.end != i + 1 or len(tokens[i].lower) < 4 or ordinary(tokens[i].lower):
        return False
    if len({t.value for t in match.targets}) != 1:
        return False
    return all(t.lower in _ALONE_AROUND for j, t in enumerate(tokens) if j != i)


def _listed_with_a_name(items: list, tokens: list, i: int, match: Item, lex) -> bool:
    """'compare tesla and ford', 'coke vs pepsi', 'ford or GM': a lowercase name prefix listed
    right beside a name (or a code) of a row of the same table names a row too, not an
    ordinary word."""
    tables = {t.table for t in match.targets}

    def named(it) -> bool:
        return (
            it is not None
            and it.kind == "value"
            and any(t.via != "prefix" for t in it.targets)
            and bool(tables & {t.table for t in it.targets})
        )

    said = [it for it in items if not (it.kind == "kw" and it.text.lower() in _LISTING)]
    before = said[-1] if said else None
    if (
        before is not None
        and before.end == i - 1
        and tokens[i - 1].lower in _LISTING
        and named(before)
    ):
        return True
    if match.end < len(tokens) and tokens[match.end].lower in _LISTING:
        if match.end + 1 < len(tokens) and _code_of(tokens[match.end + 1], tables, lex):
            return True  # 'ford or GM', 'ford and gm': a code of a row of the same table
        return named(_longest(tokens, match.end + 1, lex, None))
    return False


def _code_of(tok: Token, tables: set[str], lex) -> bool:
    """The token is a code (a ticker) of a row of one of ``tables``, and no everyday word."""
    from .common_words import ordinary

    targets = lex.symbols.get(tok.text.upper())
    if not targets or len(tok.text) < 2 or ordinary(tok.lower):
        return False
    return bool(tables & {t.table for t in targets})
