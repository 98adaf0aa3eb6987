"""The per-catalog vocabulary: every phrase that names a table, column or value.

Built once per catalog (names split on ``_``, singular/plural forms, comments,
the shipped synonym file, and an index of low-cardinality values) and then
shared read-only by all threads.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, TableInfo

from .common_words import ordinary
from .keywords import STOP_WORDS
from .names import SYNONYMS, column_phrases, split_words, superlatives_for
from .normalize import singular, split_identifier, tokenize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found]

if TYPE_CHECKING:
    from .linking import Linked

_TRAILING_PREPOSITIONS = frozenset({"in", "on", "of", "to", "at", "for", "by", "with"})
_GENERIC_HEADS = frozenset({"id", "date", "name", "code", "number", "type", "no", "key", "flag"})
SYNONYM_FILE = Path(__file__).with_name("synonyms.toml")
MAX_INDEXED_DISTINCT = 500
MAX_INDEXED_LENGTH = 80
_CORPORATE_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "ltd",
        "limited",
        "plc",
        "group",
        "holdings",
        "holding",
        "llc",
        "lp",
        "sa",
        "nv",
        "ag",
        "se",
        "the",
        "class",
        "a",
        "b",
    ]
)


@dataclass(frozen=True)
class Target:
    """What a phrase may mean. ``via`` records how it was matched (for assumptions)."""

    kind: str  # "table" | "column" | "value" | "superlative" (value = "asc"/"desc")
    table: str
    column: str = ""
    value: str = ""
    via: str = "name"


@dataclass
class Lexicon:
    catalog: Catalog
    phrases: dict[tuple[str, ...], list[Target]] = field(default_factory=dict)
    symbols: dict[str, list[Target]] = field(
        default_factory=dict
    )  # case-sensitive codes (AAPL, CA)
    date_anchor: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (table, col) -> max date
    date_first: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, col) -> min
    max_len: int = 1
    defaults: dict = field(default_factory=dict)  # table -> metric meant by size words
    # yes/no columns stored as text ('T'/'F', 'Y'/'N'): (table, col) -> (true, false) values
    flags: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # rows whose key is also their one name ('IBM', ticker and short name): (table, value)
    self_named: set[tuple[str, str]] = field(default_factory=set)
    # dates stored as text ('2024-03-01' in a TEXT column): (table, col), read as dates
    text_dates: set[tuple[str, str]] = field(default_factory=set)
    # a misspelt word -> the one-word phrase it is close to (or None): linking.py's memo,
    # emptied whenever a phrase is added
    near_words: dict[str, tuple[tuple[str, ...], float] | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    # memos of linking.py and spelling.py, emptied with near_words; init=False so a copy made
    # with dataclasses.replace (kb.py, described.py) starts with its own, empty
    linked: dict[str, Linked] = field(default_factory=dict, init=False, repr=False, compare=False)
    keyword_typos: dict[str, tuple[str, str, str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    spelled: dict[str, str | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    fuzzy_words: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    # the fuzzy words by each of their first two letters (linking._nearest_phrase)
    fuzzy_by_letter: dict[str, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def forget_memos(self) -> None:
        """Empty what was worked out from the phrases: a phrase was added."""
        self.near_words.clear()
        self.linked.clear()
        self.keyword_typos.clear()
        self.spelled.clear()
        self.fuzzy_words.clear()
        self.fuzzy_by_letter.clear()

    def add(self, phrase: str | tuple[str, ...], target: Target) -> None:
        key = phrase if isinstance(phrase, tuple) else phrase_key(phrase)
        if not key:
            return
        self.forget_memos()
        bucket = self.phrases.setdefault(key, [])
        if target not in bucket:
            bucket.append(target)
        self.max_len = max(self.max_len, len(key))

    def column_info(self, table: str, column: str) -> ColumnInfo | None:
        t = self.catalog.table(table)
        return t.column(column) if t else None

    def kind_of(self, table: str, column: str) -> str:
        """'number' | 'date' | 'text' from the declared type."""
        info = self.column_info(table, column)
        if info is not None and (table, info.name) in self.text_dates:
            return "date"
        return column_kind(info.type if info else "")

    def date_columns(self, table: str) -> list[str]:
        t = self.catalog.table(table)
        return [c.name for c in t.columns if self.kind_of(t.name, c.name) == "date"] if t else []

    def schema_names(self) -> list[str]:
        names = []
        for t in self.catalog.tables:
            names.append(t.name)
            names.extend(f"{t.name}.{c.name}" for c in t.columns)
        return names


def column_kind(sql_type: str) -> str:
    t = sql_type.upper()
    if "DATE" in t or "TIME" in t:
        return "date"
    if any(k in t for k in ("INT", "DEC", "NUM", "FLOAT", "DOUBLE", "REAL")):
        return "number"
    return "text"


def word_key(word: str) -> str:
    w = word.lower()
    return "and" if w == "&" else singular(w)


def phrase_key(text: str) -> tuple[str, ...]:
    """The matching key of a phrase: tokens, lowercased and singularised."""
    return tuple(
        word_key(t.lower) if t.kind == "word" else t.lower
        for t in tokenize(text)
        if t.kind != "punct"
    )


def load_synonyms(path: Path = SYNONYM_FILE) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def add_schema_names(
    lex: Lexicon, table: TableInfo, english: dict[tuple[str, ...], list[tuple[str, str]]]
) -> None:
    lex.add(" ".join(split_identifier(table.name)), Target("table", table.name))
    lex.add(" ".join(split_words(table.name)), Target("table", table.name))
    words = split_words(table.name)
    if len(words) > 1 and words[-1] in _TRAILING_PREPOSITIONS:
        # 'Enrolled_in': 'students enrolled' names it too
        lex.add(" ".join(words[:-1]), Target("table", table.name, via="name"))
    for row_word in ("record", "entry", "row"):
        # 'salary records': the rows of the salaries table, not its salary column
        lex.add(" ".join(split_words(table.name)) + " " + row_word, Target("table", table.name))
    if table.comment:
        lex.add(table.comment, Target("table", table.name, via="comment"))
    heads: dict[str, list[str]] = {}
    for col in table.columns:
        target = Target("column", table.name, col.name)
        lex.add(" ".join(split_identifier(col.name)), target)
        for k, phrase in enumerate(column_phrases(table.name, col.name)):
            if k == 0:
                lex.add(phrase, target)
            else:
                english.setdefault(phrase_key(phrase), []).append((table.name, col.name))
        words = split_words(col.name)
        if len(words) > 1:
            # 'marketcap', 'revenuegrowth': the name's words typed as one
            # (never a spelling-correction target: 'reported' is no misspelt 'reporterid')
            lex.add("".join(words), replace(target, via="joined"))
        if len(words) > 1 and words[-1] not in _GENERIC_HEADS | STOP_WORDS:
            # 'price' for unitPrice; never a stop word ('on' for CreatedOn)
            heads.setdefault(words[-1], []).append(col.name)
        for adjective, direction in superlatives_for(col.name):
            lex.add(
                adjective, Target("superlative", table.name, col.name, direction, via="english")
            )
        if col.comment and len(col.comment.split()) <= 4:
            lex.add(col.comment, Target("column", table.name, col.name, via="comment"))
    for head, cols in heads.items():
        # "price" for unitPrice when the table has one price (and "cost", its synonym)
        if len(cols) == 1 and not table.column(head):
            for word in (head, *SYNONYMS.get(head, ())):
                english.setdefault(phrase_key(word), []).append((table.name, cols[0]))


def _derived_from(key: tuple[str, ...], word: str) -> bool:
    from .names import SYNONYMS

    return key[-1:] and key[-1] in {phrase_key(o)[-1] for o in SYNONYMS.get(word, ())} or False


def add_english(lex: Lexicon, english: dict[tuple[str, ...], list[tuple[str, str]]]) -> None:
    """Derived phrases ('cost' for a price, 'surname' for Lname) only where no schema name
    or shipped synonym says otherwise, and where the columns they name are one thing:
    one column, or same-named columns of the same kind in several tables."""
    for key, found in english.items():
        cols = list(dict.fromkeys(found))
        if key in lex.phrases:
            continue
        # 'cost' for 'price' only where 'price' itself means one column
        base = [
            t
            for w in ("price", "salary", "quantity", "country", "sex", "gender")
            if key != (w,) and _derived_from(key, w)
            for t in lex.phrases.get((w,), [])
            if t.kind == "column"
        ]
        if len({(t.table, t.column) for t in base}) > 1:
            continue
        same_thing = (
            len({c.lower() for _, c in cols}) == 1
            and len({lex.kind_of(t, c) for t, c in cols}) == 1
        )
        if len(cols) > 1 and not same_thing:
            continue
        for table, column in cols:
            lex.add(key, Target("column", table, column, via="name"))


def add_table_heads(lex: Lexicon) -> None:
    """'stops' for train_stop: the last word of a table's name names it, where that word
    names nothing else (no other table ends with it, no column or synonym uses it)."""
    heads: dict[str, list[str]] = {}
    for table in lex.catalog.tables:
        words = split_words(table.name)
        if len(words) > 1:
            heads.setdefault(words[-1], []).append(table.name)
    for head, tables in heads.items():
        key = phrase_key(head)
        if len(tables) != 1 or key in lex.phrases:
            continue
        if head in _GENERIC_HEADS | STOP_WORDS | _TRAILING_PREPOSITIONS or len(head) < 3:
            continue
        lex.add(key, Target("table", tables[0], via="head"))


def add_synonyms(lex: Lexicon, synonyms: dict) -> None:
    cat = lex.catalog
    for table, phrases in synonyms.get("tables", {}).items():
        info = cat.table(table)
        if info:
            for p in phrases:
                lex.add(p, Target("table", info.name, via="synonym"))
    for ref, phrases in synonyms.get("columns", {}).items():
        table, _, column = ref.partition(".")
        t = cat.table(table)
        c = t.column(column) if t else None
        if t and c:
            for p in phrases:
                lex.add(p, Target("column", t.name, c.name, via="synonym"))


def add_superlatives(lex: Lexicon, synonyms: dict) -> None:
    """'cheapest' = lowest current_price: stored as a superlative target carrying its column."""
    for phrase, spec in synonyms.get("superlatives", {}).items():
        ref, _, direction = spec.partition(" ")
        table, _, column = ref.partition(".")
        t = lex.catalog.table(table)
        c = t.column(column) if t else None
        if t and c:
            lex.add(
                phrase,
                Target(
                    "superlative",
                    t.name,
                    c.name,
                    direction.strip() or "desc",
                    via="synonym",
                ),
            )


def add_name_prefixes(lex: Lexicon) -> None:
    """'Berkshire Hathaway' for 'Berkshire Hathaway Inc. New': leading words of a name
    that no other name (and no other phrase) shares."""
    names = [
        t for ts in list(lex.phrases.values()) for t in ts if t.kind == "value" and t.via == "value"
    ]
    by_column: dict[tuple[str, str], list[Target]] = {}
    for t in names:
        by_column.setdefault((t.table, t.column), []).append(t)
    for targets in by_column.values():
        if len(targets) < 50:  # only name-like columns (many distinct values) get prefixes
            continue
        counts: dict[tuple[str, ...], int] = {}
        keys = {t: tuple(w for w in phrase_key(t.value)) for t in targets}
        anywhere: dict[str, int] = {}
        for key in keys.values():
            for w in set(key):
                anywhere[w] = anywhere.get(w, 0) + 1
            for n in (1, 2):
                if len(key) > n:
                    counts[key[:n]] = counts.get(key[:n], 0) + 1
        _add_nicknames(lex, keys)
        elsewhere = _words_said_elsewhere(lex, targets[0].table, targets[0].column)
        for t, key in keys.items():
            for n in (2, 1):
                prefix = key[:n]
                if (
                    len(key) > n
                    and counts.get(prefix) == 1
                    and prefix not in lex.phrases
                    and len(" ".join(prefix)) >= 4
                    and prefix[-1] not in _CORPORATE_SUFFIXES
                    and (n == 2 or anywhere.get(prefix[0], 0) == 1)  # "morgan": two names
                ):
                    # one word: linked only when capitalised, unless it is no ordinary word
                    # ('cisco', 'lockheed') and nothing else in the data says it
                    proper = n == 1 and prefix[0] not in elsewhere and not ordinary(prefix[0])
                    via = "name" if n == 2 or proper else "prefix"
                    lex.add(prefix, Target("value", t.table, t.column, t.value, via=via))


def _words_said_elsewhere(lex: Lexicon, table: str, column: str) -> set[str]:
    """Every word of a phrase that names something other than this column's values (a city
    'North Chicago', an industry 'Waste Management', a column, a synonym)."""
    words: set[str] = set()
    for key, targets in lex.phrases.items():
        if any(
            not (t.kind == "value" and t.table == table and t.column == column) for t in targets
        ):
            words.update(key)
    return words


def _add_nicknames(lex: Lexicon, keys: dict[Target, tuple[str, ...]]) -> None:
    """How people shorten a company name: 'Amazon' (Amazon.com, Inc.), 'JPMorgan' (JP Morgan
    Chase & Co.), 'Pepsi' (Pepsico, Inc.) — linked only when capitalised, and only when no
    other name of the column shortens the same way."""
    found: dict[tuple[str, ...], list[tuple[Target, str]]] = {}
    for t, key in keys.items():
        if not key:
            continue
        first = key[0]
        forms: dict[str, str] = {}
        if first.isalpha() and len(first) >= 7:
            # 'Pepsi' for Pepsico: a capitalised word missing at most two letters
            forms.update((first[:n], "prefix") for n in range(len(first) - 2, len(first)))
        if "." in first:
            forms[first.split(".")[0]] = "name"  # amazon.com: the name people say
        if len(key) > 2 and len(first) <= 3 and first.isalpha():
            forms[first + key[1]] = "name"  # jp morgan: written as one word
        for form, via in forms.items():
            if len(form) >= 4:
                found.setdefault((form,), []).append((t, via))
    for key, found_targets in found.items():
        if len(found_targets) == 1 and key not in lex.phrases:
            t, via = found_targets[0]
            lex.add(key, Target("value", t.table, t.column, t.value, via=via))


# one-letter codes that English spells out, by the words of the column they are stored in
_CODED_WORDS = {
    ("sex", "gender"): {
        "F": ("female", "females", "woman", "women", "girl", "girls"),
        "M": ("male", "males", "man", "men", "boy", "boys"),
    },
}


def add_coded_english(lex: Lexicon) -> None:
    """'female students' for Sex = 'F': coded values of a sex/gender column, spelled out,
    unless the word already names something else in the schema."""
    for heads, spelled in _CODED_WORDS.items():
        for code, words in spelled.items():
            targets = [
                t
                for t in lex.symbols.get(code, [])
                if any(w in heads for w in split_words(t.column))
            ]
            for t in targets:
                for word in words:
                    if phrase_key(word) not in lex.phrases or all(
                        x.via == "synonym-code" for x in lex.phrases[phrase_key(word)]
                    ):
                        lex.add(word, Target("value", t.table, t.column, code, via="synonym-code"))


def _is_code(value: str) -> bool:
    """Short upper-case codes (tickers, state codes) only match as written."""
    return bool(re.fullmatch(r"[A-Z0-9.\-^]{1,6}", value))


def _add_value(lex: Lexicon, table: str, column: str, value: str) -> None:
    target = Target("value", table, column, value, via="value")
    if _is_code(value):
        lex.symbols.setdefault(value, []).append(target)
        lex.forget_memos()
        return
    key = phrase_key(value)
    lex.add(key, target)
    core = tuple(w for w in key if w not in _CORPORATE_SUFFIXES)
    if core and core != key and len(" ".join(core)) >= 3:
        lex.add(core, Target("value", table, column, value, via="name"))
    family, dash, member = value.partition(_FAMILY_DASH)
    if dash and family.strip() and 0 < len(member.split()) <= 2:
        # 'regional banks', 'application software': 'Banks—Regional' said the way round
        # English says it
        turned = phrase_key(f"{member} {family}")
        if not any(t.kind == "value" for t in lex.phrases.get(turned, [])):
            lex.add(turned, Target("value", table, column, value, via="value"))


# a family of values stored as 'Family—Member' ('Software—Application'): the value target
# 'Software—' + FAMILY_MARK stands for all of them (filters.py reads it as LIKE 'Software—%')
FAMILY_MARK = "…"
_FAMILY_DASH = "—"


def _add_families(
    lex: Lexicon, table: str, column: str, values: list, every_value: list[tuple[str, str, str]]
) -> None:
    """'software companies', 'banks': the family word of values spelled 'Family—Member',
    when two or more members exist and the word is no value of its own anywhere, nor the
    start of one ('bank' is also the start of 'Bank of America': it stays a question)."""
    members: dict[str, int] = {}
    for value in values:
        if isinstance(value, str) and _FAMILY_DASH in value:
            family = value.split(_FAMILY_DASH, 1)[0].strip()
            if family:
                members[family] = members.get(family, 0) + 1
    for family, count in members.items():
        key = phrase_key(family)
        if count < 2 or any(t.kind == "value" for t in lex.phrases.get(key, [])):
            continue
        stem = " ".join(key)
        alike = [
            (t, c, v)
            for t, c, v in every_value
            if " ".join(phrase_key(v)).startswith(stem + " ") and _FAMILY_DASH not in v
        ]
        named = [(t, c, v) for t, c, v in alike if (t, c) != (table, column)]
        if named:
            # another column's value starts so ('Bank of America'): 'banks', 'which bank'
            # are the family, 'bank' alone still a question (linking.py)
            pattern = family + _FAMILY_DASH + FAMILY_MARK
            lex.add(key, Target("value", table, column, pattern, via="family-or-name"))
            for t, c, v in named:
                lex.add(key, Target("value", t, c, v, via="prefix"))
            continue
        # 'insurance companies': 'Insurance—Life' … and 'Insurance Brokers' of the same column
        pattern = family + ("" if alike else _FAMILY_DASH) + FAMILY_MARK
        lex.add(key, Target("value", table, column, pattern, via="family"))


def _indexable(table: TableInfo, col: ColumnInfo, catalog: Catalog) -> bool:
    if column_kind(col.type) != "text":
        return False
    if col.name.lower().startswith("long_"):
        return False
    # a key that references another table's key is indexed there, not here
    return not any(
        r.from_table == table.name and r.from_column == col.name for r in catalog.relationships
    )


def load_values(lex: Lexicon, database, synonyms: dict) -> None:
    from sqlglot import exp

    from .identifiers import table_ref

    dialect = lex.catalog.dialect
    loaded: list[tuple[str, str, list]] = []
    for table in lex.catalog.tables:
        for col in table.columns:
            if not _indexable(table, col, lex.catalog):
                continue
            column = exp.column(col.name)
            count_sql = exp.select(exp.Count(this=exp.Distinct(expressions=[column]))).from_(
                table_ref(table.name)
            )
            count_sql = count_sql.select(exp.Max(this=exp.Length(this=column.copy())))
            try:
                counted = database.query(count_sql.sql(dialect=dialect), max_rows=1).rows[0]
                n = int(counted[0] or 0)
                if n > MAX_INDEXED_DISTINCT or int(counted[1] or 0) > MAX_INDEXED_LENGTH:
                    continue  # free text (descriptions, summaries) is not a value people name
                sql = (
                    exp.select(column)
                    .distinct()
                    .from_(table_ref(table.name))
                    .where(column.is_(exp.null()).not_())
                )
                rows = database.query(sql.sql(dialect=dialect), max_rows=MAX_INDEXED_DISTINCT).rows
            except Exception:  # noqa: BLE001 - a column we cannot read is simply not indexed
                continue
            flag = _flag_values([value for (value,) in rows])
            if flag is not None:
                lex.flags[(table.name, col.name)] = flag
            for (value,) in rows:
                if value:
                    _add_value(lex, table.name, col.name, value)
            loaded.append((table.name, col.name, [v for (v,) in rows if v]))
    every_value = [(t, c, v) for t, c, vs in loaded for v in vs if isinstance(v, str)]
    for table_name, column_name, values in loaded:
        _add_families(lex, table_name, column_name, values, every_value)
    known = {
        (t.table, t.column, t.value) for ts in lex.phrases.values() for t in ts if t.kind == "value"
    }
    known |= {(t.table, t.column, t.value) for ts in lex.symbols.values() for t in ts}
    for ref, spoken in synonyms.get("values", {}).items():
        table, _, column = ref.partition(".")
        for phrase, stored in spoken.items():
            if (table, column, stored) in known:
                lex.add(phrase, Target("value", table, column, stored, via="synonym"))


_FLAG_PAIRS = (("t", "f"), ("y", "n"), ("yes", "no"), ("true", "false"))


def _flag_values(values: list) -> tuple[str, str] | None:
    """The (true, false) values of a yes/no column written as text ('T'/'F' in a bool
    column), or None when the column holds anything else."""
    stored = {str(v).lower(): str(v) for v in values if v is not None}
    for yes, no in _FLAG_PAIRS:
        if stored and set(stored) <= {yes, no}:
            return stored.get(yes, yes.upper()), stored.get(no, no.upper())
    return None


_DATE_WORDS = frozenset(
    {"date", "day", "time", "on", "at", "dt", "when", "since", "until", "dob", "birthday", "bdate"}
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def find_text_dates(lex: Lexicon, database) -> None:
    """'screen_date TEXT' holding '2024-03-01': a date column in all but its declared type
    (common in hand-written SQLite schemas). Only columns whose name says date or time, and
    only when every sampled value is an ISO day."""
    from sqlglot import exp

    from .identifiers import table_ref
    from .names import split_words

    for table in lex.catalog.tables:
        for col in table.columns:
            if column_kind(col.type) != "text" or not _DATE_WORDS & set(split_words(col.name)):
                continue
            sql = (
                exp.select(exp.column(col.name))
                .from_(table_ref(table.name))
                .where(exp.Not(this=exp.Is(this=exp.column(col.name), expression=exp.Null())))
                .limit(50)
            )
            try:
                rows = database.query(sql.sql(dialect=lex.catalog.dialect), max_rows=50).rows
            except Exception:  # noqa: BLE001 - an unreadable column stays text
                continue
            if rows and all(_ISO_DAY.match(str(r[0]).strip()) for r in rows):
                lex.text_dates.add((table.name, col.name))


def load_date_anchors(lex: Lexicon, database) -> None:
    from sqlglot import exp

    from .identifiers import table_ref

    for table in lex.catalog.tables:
        for col in table.columns:
            if lex.kind_of(table.name, col.name) != "date":
                continue
            sql = exp.select(
                exp.Max(this=exp.column(col.name)), exp.Min(this=exp.column(col.name))
            ).from_(table_ref(table.name))
            try:
                value, first = database.query(
                    sql.sql(dialect=lex.catalog.dialect), max_rows=1
                ).rows[0][:2]
            except Exception:  # noqa: BLE001
                value = first = None
            if value:
                lex.date_anchor[(table.name, col.name)] = str(value)[:10]
            if first:
                lex.date_first[(table.name, col.name)] = str(first)[:10]
