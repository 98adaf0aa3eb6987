"""General English for schema roles, on any database (no per-database table).

Users say "people", "staff" or "everyone" for the table of persons, "earn" or "paid" for
a salary column, "country" for a ``countryName`` column. Each word is added only where
the schema at hand has exactly one table or column in that role, and only where no schema
name or shipped synonym already uses the word: otherwise the word stays unknown and the
question declines as before.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import TableInfo

from .lexicon import Lexicon, Target, column_kind, phrase_key
from .names import split_words

# words for the table of persons (one with names and a birth or hire date)
PERSON_WORDS = ("person", "people", "persons", "individual", "everyone", "anyone", "somebody")
# words for persons who work for the organisation (the person table has a hire date)
STAFF_WORDS = ("staff", "staffer", "worker", "workers", "personnel", "employee", "headcount")
# a table of persons who teach: named so, or referenced by a column named so (Instructor)
TEACHER_WORDS = ("teacher", "instructor", "professor", "lecturer", "tutor", "faculty")
# a column naming what persons are paid
PAY_HEADS = frozenset({"salary", "salaries", "pay", "wage", "wages", "earnings", "income"})
PAY_WORDS = ("earn", "earns", "earned", "earning", "paid", "payroll", "pay")
_NAME_WORDS = frozenset({"name", "fname", "lname", "surname"})
_BIRTH_WORDS = frozenset({"birth", "dob", "bdate", "born", "birthday", "age"})
_HIRE_WORDS = frozenset({"hire", "hired", "joined", "start", "employment"})


def _words(name: str) -> set[str]:
    return set(split_words(name))


def _has_names(table: TableInfo) -> bool:
    return any(_words(c.name) & _NAME_WORDS for c in table.columns)


def _has_dated(table: TableInfo, marks: frozenset[str]) -> bool:
    return any(
        _words(c.name) & marks
        and (column_kind(c.type) == "date" or _words(c.name) & {"age", "year"})
        for c in table.columns
    )


def person_tables(lex: Lexicon) -> list[TableInfo]:
    """Tables of persons: a name column and a birth date, age or hire date."""
    return [
        t
        for t in lex.catalog.tables
        if _has_names(t) and (_has_dated(t, _BIRTH_WORDS) or _has_dated(t, _HIRE_WORDS))
    ]


def _add_unused(lex: Lexicon, words: tuple[str, ...], target: Target) -> None:
    for word in words:
        key = phrase_key(word)
        if key and key not in lex.phrases:
            lex.add(key, target)


def _add_person_words(lex: Lexicon) -> None:
    """'people' for the one person table; 'staff' for the one person table with a hire
    date (teachers beside students); with several readings the words stay unknown."""
    persons = person_tables(lex)
    if len(persons) == 1:
        _add_unused(lex, PERSON_WORDS, Target("table", persons[0].name, via="english"))
    staff = [t for t in persons if _has_dated(t, _HIRE_WORDS)]
    if len(staff) == 1:
        _add_unused(lex, STAFF_WORDS, Target("table", staff[0].name, via="english"))


def _add_teacher_words(lex: Lexicon) -> None:
    marks = {w for word in TEACHER_WORDS for w in (word, word + "s")}
    found = {t.name for t in lex.catalog.tables if set(split_words(t.name)) & marks}
    found |= {
        r.to_table
        for r in lex.catalog.relationships
        if set(split_words(r.from_column)) & marks
        and r.to_table in {p.name for p in person_tables(lex)}
    }
    if len(found) == 1:
        _add_unused(lex, TEACHER_WORDS, Target("table", found.pop(), via="english"))


def _add_pay_words(lex: Lexicon) -> None:
    pay = [
        (t.name, c.name)
        for t in lex.catalog.tables
        for c in t.columns
        if column_kind(c.type) == "number" and _words(c.name) & PAY_HEADS
    ]
    if len(pay) != 1:
        return  # no pay column, or several ('min_sal' and 'salary'): 'earn' stays unknown
    table, column = pay[0]
    info = lex.catalog.table(table)
    dated_key = info is not None and any(
        column_kind(c.type) == "date" for c in info.columns if c.name in info.primary_key
    )
    # on a pay history (keyed by person and date) 'earns' / 'is paid' is the current row,
    # which a plain column reading would not say: only the past tense is the history's
    words = ("earned",) if dated_key else PAY_WORDS
    _add_unused(lex, words, Target("column", table, column, via="english"))


def _add_qualified_heads(lex: Lexicon) -> None:
    """'country' for ``countryName``, 'city' for ``city_name``: a '<word> name/code' column
    is what '<word>' says, where no table or column of the schema is named '<word>'."""
    found: dict[tuple[str, ...], list[Target]] = {}
    for t in lex.catalog.tables:
        table_words = set(split_words(t.name)) | {w.rstrip("s") for w in split_words(t.name)}
        for c in t.columns:
            words = split_words(c.name)
            if len(words) != 2 or words[1] != "name" or words[0] in table_words:
                continue
            if len(words[0]) < 3:
                continue
            found.setdefault(phrase_key(words[0]), []).append(
                Target("column", t.name, c.name, via="english")
            )
    for key, targets in found.items():
        if len(targets) == 1 and key not in lex.phrases:
            lex.add(key, targets[0])


def add_roles(lex: Lexicon) -> None:
    """All role words for this catalog (after schema names and synonyms are in)."""
    _add_qualified_heads(lex)
    _add_person_words(lex)
    _add_teacher_words(lex)
    _add_pay_words(lex)
