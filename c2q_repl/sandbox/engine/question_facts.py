"""What a question says, read for the precision guard (guard.py): its counted noun, its
values and codes, the columns it asks to see — and whether a SQL statement's facts
(sql_facts.py) use them.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog, TableInfo

from .linking import Item, Linked
from .names import split_words
from .normalize import Token
from .sql_facts import SqlFacts

_COUNT_WORDS = (("how", "many"), ("number", "of"), ("count", "of"), ("count",))


_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12, 0.01)  # '200 billion', '10%'


def number_used(item: Item, facts: SqlFacts) -> bool:
    number = item.number or 0.0
    if item.text in facts.strings:
        return True  # 'route 24' where the code is stored as text ('24')
    return any(
        abs(number * scale - n) < 1e-9 * max(1.0, abs(n))
        for scale in _SCALES
        for n in facts.numbers
    )


def asked_to_show(linked: Linked) -> set[str]:
    """Columns the question names other than as a sort key ('sorted by opening year')."""
    asked: set[str] = set()
    sorting = False
    for item in linked.items:
        if item.kind == "kw":
            sorting = item.category == "order"
        elif item.kind == "column" and not sorting:
            asked |= {t.column.lower() for t in item.targets}
        elif item.kind != "column":
            sorting = False
    return asked


def is_plural(text: str) -> bool:
    word = text.lower().split()[-1]
    return word.endswith("s") and not word.endswith("ss")


_IDENTIFYING_WORDS = frozenset({"id", "title", "code", "key", "no"})


def identifies(table: TableInfo, column: str) -> bool:
    """A key or a name of the table's rows (what tells one row from another when listed)."""
    info = table.column(column)
    if info is None:
        return False
    words = split_words(info.name.replace(" ", "_"))
    return (
        info.primary_key
        or info.name in table.primary_key
        # Fname, DName, UserName: a name whatever its prefix
        or bool(words and (words[-1].endswith("name") or words[-1] in _IDENTIFYING_WORDS))
    )


_FLAG_TYPES = ("bool", "boolean", "bit", "tinyint(1)")


def is_flag(catalog: Catalog, table: str, column: str) -> bool:
    """A yes/no column: declared bool-like, or named is_…/has_… ('Is_Electric', 'isVip')."""
    info = catalog.table(table)
    col = info.column(column) if info is not None else None
    if col is None:
        return False
    words = split_words(col.name.replace(" ", "_"))
    return col.type.lower() in _FLAG_TYPES or bool(words and words[0] in ("is", "has"))


def counts_rows(number: Item, nxt: Item | None) -> bool:
    """'more than 4 bikes': a number right before a plural table noun counts its rows."""
    if nxt is None or nxt.kind != "table" or nxt.start != number.end or number.number == 1:
        return False
    return is_plural(nxt.text)


def asks_count(tokens: tuple[Token, ...]) -> bool:
    words = [t.lower for t in tokens]
    return any(
        tuple(words[i : i + len(phrase)]) == phrase
        for phrase in _COUNT_WORDS
        for i in range(len(words))
    )


def counted_noun(tokens: tuple[Token, ...], linked: Linked) -> str | None:
    """The noun after 'how many' (or a leading 'count the'): what the question counts.
    'the number of platforms' naming a column is no count of rows; None then."""
    words = [t.lower for t in tokens]
    at = None
    if words[:1] == ["count"]:
        at = 1
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) == ("how", "many"):
            at = i + 2
            break
    if at is None:
        return None
    for tok in tokens[at:]:
        if tok.kind != "word":
            return None
        if tok.lower not in _COUNT_FILLERS:
            return tok.lower
    return None


_COUNT_FILLERS = frozenset(
    {"the", "of", "all", "different", "distinct", "unique", "total", "number"}
)


def singular(word: str) -> str:
    for ending, stem in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + stem
    return word


def verb_columns(verb: str, facts: SqlFacts, catalog: Catalog) -> list[str]:
    """Columns of the SQL's tables whose first name word is the verb's stem ('joined' →
    Join_Date, 'installed' → installation_year, 'hired' → hire_date)."""
    stems = {verb[: -len(e)] for e in ("ed", "d", "ing") if verb.endswith(e)}
    stems = {s for s in stems if len(s) >= 3}
    if not stems:
        return []
    tables = {t.lower() for t in facts.tables}
    found = []
    for table in catalog.tables:
        if table.name.lower() not in tables:
            continue
        for col in table.columns:
            first = (split_words(col.name.replace(" ", "_")) or [""])[0]
            if any(first.startswith(s) for s in stems):
                found.append(col.name)
    return found


def text_used(text: str, facts: SqlFacts) -> bool:
    want = text.lower()
    if any(want == s or want in s for s in facts.strings):
        return True
    squashed = want.replace(" ", "_")
    return squashed in facts.columns or want in facts.columns


def value_used(item: Item, facts: SqlFacts) -> bool:
    if text_used(item.text, facts) or names_a_column(item.text, facts):
        return True
    for target in item.targets:
        value = str(target.value).lower()
        if value and any(value == s or value in s for s in facts.strings):
            return True
        try:
            if float(value) in facts.numbers:
                return True
        except ValueError:
            continue
    return False


def names_a_column(text: str, facts: SqlFacts) -> bool:
    """'orders shipped to Germany': 'shipped' is also a status value, but here it named the
    shipCountry column the SQL uses — the word is accounted for."""
    words = {w for c in facts.columns for w in split_words(c.replace(" ", "_"))}
    for word in text.lower().split():
        stems = {word} | {word[: -len(e)] for e in ("s", "ed", "ped", "ing") if word.endswith(e)}
        if any(len(s) >= 3 and any(w.startswith(s) for w in words) for s in stems):
            return True
    return False


def code_letter(tok: Token, k: int, tokens: tuple[Token, ...]) -> bool:
    """'group A', 'class B': one capital letter inside a sentence is a code, not the article
    (which the linker drops as a stop word). 'I' is the pronoun."""
    if len(tok.text) != 1 or not tok.text.isupper() or tok.text == "I" or k == 0:
        return False
    words = [t.text for t in tokens if t.kind == "word" and len(t.text) > 1]
    return sum(w.isupper() for w in words) * 2 <= len(words)  # not a question in capitals
