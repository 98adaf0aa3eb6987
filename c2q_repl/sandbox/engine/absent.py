"""'companies no user has selected', 'customers who never placed an order', 'students with
no advisor': rows that have no related row (an anti-join), or no value in a column.

A negation followed by tables: the subject's key NOT IN the keys of the table that
references it on the way to the first table named after the negation. A negation of
possession followed by a column ('have no advisor', 'don't have an ebitda figure'): that
column IS NULL. Anything else after a negation is left to the other readers.
"""

from __future__ import annotations

from dataclasses import replace

from .keywords import HAVE_NOT
from .lexicon import Target
from .reading import ReadState, Refuse, choose, col_kind, columns_of
from .spec import Col, Filter

_HAVE_NOT = frozenset(HAVE_NOT)
_MISSING = frozenset({"missing", "without", "lacking", "empty", "null", "blank"})


def read_absent(st: ReadState) -> None:
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "not") and st.free(i)):
            continue
        if st.is_kw(i + 1, "not") and st.items[i + 1].text.lower() in _MISSING:
            # 'sectors that have no missing ebitda at all': a double negative over groups,
            # never read as the missing rows themselves
            raise Refuse(
                f"'{it.text} {st.items[i + 1].text}' is a double negative the built-in engine "
                "does not read; ask for the rows that have the value (for example 'companies "
                "with an ebitda').",
                it.text,
            )
        j = i + 1
        while st.is_kw(j, "relverb") or (st.is_kw(j, "not") and j == i + 1):
            j += 1  # 'never placed an order', 'have not created a playlist'
        nxt = st.at(j)
        verb = st.at(j - 1) if j > i + 1 else None
        if (
            verb is not None
            and verb.kind == "kw"
            and verb.category == "relverb"
            and verb.targets
            and (nxt is None or nxt.kind != "table")
        ):
            # 'films never screened', 'products that were never sold': the verb names the
            # table of the related rows (screening, sales)
            _anti_join(st, i, j - 1)
            st.take(*range(i, j))
            continue
        if nxt is None or not st.free(j):
            continue
        if nxt.kind == "column" and _event_of_related_rows(st, i, j):
            # 'users who never added a stock': 'added' is the picks' event, so the picks are
            # the related rows (never their date column left empty)
            table = columns_of(nxt)[0].table
            st.items[j] = replace(nxt, kind="table", targets=(Target("table", table, via="verb"),))
            nxt = st.items[j]
        if nxt.kind == "table":
            _anti_join(st, i, j)
        elif nxt.kind == "column" and it.text.lower() in _HAVE_NOT and not st.is_value(j + 1):
            col = choose(st, columns_of(nxt), nxt)
            _refuse_foreign_null(st, i, j, col)
            flag = flag_values(st, col)
            if flag is not None:
                # 'restaurants that do not offer delivery': the yes/no column's 'no'
                st.filters.append(Filter(col, "=", (flag[1],)))
                st.notes.append((f"{it.text} {nxt.text}", f"read as {col.column} = {flag[1]}"))
            else:
                st.filters.append(Filter(col, "null"))
                st.notes.append((f"{it.text} {nxt.text}", f"read as {col.column} is empty (NULL)"))
            st.take(*range(i, j + 1))


def _event_of_related_rows(st: ReadState, neg: int, at: int) -> bool:
    """'never added a stock': the word after the negation is the date column of another table
    (the event of its rows), and a table follows it (what was added)."""
    nxt, after = st.items[at], st.at(at + 1)
    tables = {c.table for c in columns_of(nxt)}
    owner = next((st.items[k] for k in range(neg) if st.items[k].kind == "table"), None)
    if not (
        len(tables) == 1
        and owner is not None
        and not tables & {t.table for t in owner.targets}
        and all(col_kind(st, c) == "date" for c in columns_of(nxt))
    ):
        return False
    if after is not None and after.kind == "table":
        return True
    # 'nasdaq stocks nobody ever added': nothing follows, the event's rows reference the
    # subject's own rows directly
    (table,) = tables
    return after is None and _referencing_step(st, owner.targets[0].table, table) is not None


def flag_values(st: ReadState, col: Col) -> tuple | None:
    """(yes, no) of a yes/no column ('isVip' 1/0, 'Has_Delivery' 'T'/'F'), else None."""
    from .names import split_words

    if split_words(col.column)[0] not in ("is", "has"):
        return None
    if (col.table, col.column) in st.lex.flags:
        return st.lex.flags[(col.table, col.column)]
    return (1, 0) if col_kind(st, col) == "number" else None


def _refuse_foreign_null(st: ReadState, neg: int, at: int, col: Col) -> None:
    """'no advisor' is the rows' own empty column; 'restaurants that never received a rating
    below 3' or 'stations never the origin of a route' are about related rows, which an
    empty column cannot say: declined rather than answered as nothing."""
    word = st.items[neg].text
    owner = next((st.items[k] for k in range(neg) if st.items[k].kind == "table"), None)
    if owner is not None and col.table not in {t.table for t in owner.targets}:
        raise Refuse(
            f"'{word} … {st.items[at].text}' is about {col.table} rows related to the "
            f"{owner.text}, which the built-in engine does not write as a condition.",
            word,
        )
    after = st.at(at + 1)
    if after is not None and (
        after.kind == "number" or (after.kind == "kw" and after.category == "cmp")
    ):
        raise Refuse(
            f"'{word} … {st.items[at].text} {after.text}' is beyond the built-in engine.", word
        )


def read_present(st: ReadState) -> None:
    """'users who selected at least one stock': a count of at least one related row is
    the related row existing — the subject's key IN the referencing table's keys."""
    for entry in list(st.having):
        op, value, cmp_at, counted = entry
        if (op, value) not in ((">=", 1), (">", 0)):
            continue
        st.having.remove(entry)
        _anti_join(st, cmp_at, counted, present=True)


def _anti_join(st: ReadState, neg: int, first: int, present: bool = False) -> None:
    subject_at = next((k for k in range(neg) if st.items[k].kind == "table" and st.free(k)), None)
    subject = (
        st.items[subject_at].targets[0].table
        if subject_at is not None
        else _keys_named_before(st, neg)
    )
    if subject is None:
        raise Refuse(
            f"I could not tell which rows '{st.items[neg].text}' excludes.", st.items[neg].text
        )
    later_times = [it.text for it in st.items[neg:] if it.kind == "time"]
    if later_times:
        raise Refuse(
            f"I cannot tell whether '{later_times[0]}' dates the {subject} or their related "
            f"rows in '{st.items[neg].text} …'; ask without the period or name its date.",
            later_times[0],
        )
    named = [st.items[first].targets[0].table]
    end = first + 1
    while end < len(st.items) and st.items[end].kind == "table" and st.free(end):
        named.append(st.items[end].targets[0].table)
        end += 1
    narrowing = next(
        (
            it
            for it in st.items[end:]
            if it.kind in ("value", "number", "column")
            # 'users who never picked a stock, with their signup date': the subject's own
            # column is shown beside it, no condition on the related rows
            and not (it.kind == "column" and subject in {t.table for t in it.targets})
        ),
        None,
    )
    if narrowing is not None and not present:
        # 'users who did not select Apple': no selection of Apple, not no selection at all
        raise Refuse(
            f"'{st.items[neg].text} … {narrowing.text}' needs the {subject} without such a "
            f"related row, which the built-in engine does not write; ask for the {subject} "
            f"with one ('… selected {narrowing.text}') instead.",
            st.items[neg].text,
        )
    link = _referencing_step(st, subject, named[0])
    if link is None:
        raise Refuse(
            f"I could not tell how {subject} rows relate to {named[0]} for '{st.items[neg].text}'.",
            st.items[neg].text,
        )
    table, column, key = link
    st.filters.append(
        Filter(Col(subject, key), "present" if present else "absent", (table, column))
    )
    st.notes.append(
        (
            st.items[neg].text,
            f"read as {subject} with at least one {table} row ({subject}.{key} among "
            f"{table}.{column})"
            if present
            else f"read as {subject} with no {table} row ({subject}.{key} not among {table}.{column})",
        )
    )
    st.take(*range(neg, end))
    # 'users [who] selected at least one stock': the link table named between them is consumed
    for k in range(subject_at + 1 if subject_at is not None else neg, neg):
        it = st.items[k]
        if it.kind == "table" and st.free(k) and it.targets[0].table in (table, *named):
            st.take(k)


def _keys_named_before(st: ReadState, neg: int) -> str | None:
    """'which of KO, NKE and DIS were never picked': no table said, but the values before the
    negation are all keys of one table (its rows, named), which are then the subject."""
    values = [st.items[k] for k in range(neg) if st.items[k].kind == "value"]
    if not values or any(st.items[k].kind == "table" for k in range(neg)):
        return None
    tables: set[str] = set()
    for it in values:
        keyed = set()
        for t in it.targets:
            info = st.lex.catalog.table(t.table)
            if info is not None and list(info.primary_key) == [t.column]:
                keyed.add(t.table)
        if len(keyed) != 1:
            return None
        tables |= keyed
    return tables.pop() if len(tables) == 1 else None


def _referencing_step(st: ReadState, subject: str, named: str) -> tuple[str, str, str] | None:
    """The table that references ``subject`` on the one shortest way to ``named``:
    (that table, its referencing column, the subject's key)."""
    from .sqlbuild import PlanError, join_path

    if named == subject:
        return None
    try:
        path = join_path(st.lex.catalog, subject, named)
    except PlanError:
        return None
    table, rel = path[0]
    if rel.from_table != table or rel.to_table != subject:
        return None  # the subject references it ('courses with no teacher'): not a row count
    if len(path) > 2:
        return None  # 'hotels that never received a review': rooms, stays, then reviews
    if len(path) == 2:
        far, far_rel = path[1]
        if (far_rel.from_table, far_rel.to_table) != (table, far):
            # a row of the first table does not mean a row of the named one: 'hotels with
            # no review' is not 'hotels with no room'; only a link table that references
            # the named rows ('stocks no user picked': a selection names its user) says so
            return None
    return table, rel.from_column, rel.to_column
