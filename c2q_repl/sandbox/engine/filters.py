"""Readers that turn linked items into WHERE conditions: comparisons, signs,
values, time ranges, and key columns read on the subject table."""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import FAMILY_MARK, Target
from .linking import Item
from .reading import (
    ReadState,
    Refuse,
    choose,
    col_kind,
    columns_of,
    date_of_table_in_play,
    local_column,
)
from .spec import Col, Filter
from .timeexpr import resolve

NEGATED = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!="}


def _number_value(st: ReadState, item: Item, col: Col) -> float:
    value = item.number or 0.0
    if item.percent:
        st.notes.append(
            (
                item.text,
                f"{item.text} compared as {value / 100:g} ({col.column} is stored as a fraction)",
            )
        )
        return value / 100
    return value


def _nearest_numeric_column(st: ReadState, around: int, before: bool) -> int | None:
    rng = (
        range(around - 1, max(-1, around - 4), -1)
        if before
        else range(around + 1, min(len(st.items), around + 3))
    )
    for j in rng:
        it = st.items[j]
        if it.kind == "column" and any(
            col_kind(st, c) in ("number", "date") and not _is_key(st, c) for c in columns_of(it)
        ):
            return j
        if it.kind in ("kw",) and it.category in ("cmp", "group", "order") or it.kind == "value":
            break
    return None


def _is_key(st: ReadState, col: Col) -> bool:
    """An identifier (a key or a reference to one): compared by '=' only, never 'more than'."""
    info = st.lex.catalog.table(col.table)
    if info and col.column in info.primary_key:
        return True
    return any(
        r.from_table == col.table and r.from_column == col.column
        for r in st.lex.catalog.relationships
    )


def _pick_numeric(st: ReadState, item: Item) -> Col:
    cols = [c for c in columns_of(item) if col_kind(st, c) == "number" and not _is_key(st, c)]
    return choose(st, cols, item)


def _share_scale(low: Item, high: Item, values: tuple) -> tuple:
    """'between 50 and 100 billion': the scale word covers both numbers."""
    if re.fullmatch(r"[\d.,]+", low.text) and not re.fullmatch(r"[\d.,$%]+", high.text):
        digits = re.match(r"\$?([\d.,]+)", high.text)
        if digits:
            factor = values[1] / float(digits.group(1).replace(",", ""))
            return (values[0] * factor, values[1])
    return values


def read_ids(st: ReadState) -> None:
    """'user 42', 'customer 17', 'order id 1001': a table (or its key column) followed by a
    whole number is the row with that key, when the key is a single numeric column."""
    for i, it in enumerate(st.items):
        nxt = st.at(i + 1)
        if not (
            st.free(i)
            and nxt is not None
            and nxt.kind == "number"
            and st.free(i + 1)
            and nxt.number is not None
            and nxt.number.is_integer()
            and not nxt.percent
            and nxt.text.isdigit()
        ):
            continue
        key = None
        if it.kind == "table" and len({t.table for t in it.targets}) == 1:
            info = st.lex.catalog.table(it.targets[0].table)
            if info and len(info.primary_key) == 1:
                key = Col(info.name, info.primary_key[0])
        elif it.kind == "column" and len(it.targets) == 1:
            col = columns_of(it)[0]
            if _is_key(st, col):
                key = col
                st.take(i)
            elif (
                _counted_column(st, col)
                and not st.is_kw(i + 2, "cmp")
                and not st.is_kw(i + 2, "agg")
                and not st.is_kw(i + 2, "bottom")
            ):  # 'employees of the 3 biggest employers': a number of rows, not a value
                # 'rooms on floor 2', 'players with jersey number 10': that whole value
                st.filters.append(Filter(col, "=", (int(nxt.number),)))
                st.notes.append((f"{it.text} {nxt.text}", f"read as {col.column} = {nxt.text}"))
                st.take(i, i + 1)
                continue
        if key is not None and col_kind(st, key) == "text" and _stored(st, key, nxt.text):
            # 'route 24' where RouteNo holds '24' (text): that row, by its stored code
            st.filters.append(Filter(key, "=", (nxt.text,)))
            st.notes.append(
                (f"{it.text} {nxt.text}", f"read as {key.table}.{key.column} = '{nxt.text}'")
            )
            st.take(i, i + 1)
            continue
        if key is None or col_kind(st, key) != "number":
            continue
        listed = _listed_ids(st, i + 1)
        if len(listed) > 1:
            # 'users 5, 12 and 40': those rows
            values = tuple(int(st.items[j].number or 0) for j in listed)
            st.filters.append(Filter(key, "in", values))
            said = ", ".join(st.items[j].text for j in listed)
            st.notes.append((f"{it.text} {said}", f"read as {key.table}.{key.column} in ({said})"))
            st.take(*listed)
            continue
        st.filters.append(Filter(key, "=", (int(nxt.number),)))
        st.notes.append((f"{it.text} {nxt.text}", f"read as {key.table}.{key.column} = {nxt.text}"))
        st.take(i + 1)


_ID_JOINERS = frozenset({",", "and", "or", "&"})


def _listed_ids(st: ReadState, first: int) -> list[int]:
    """The whole numbers listed from ``first`` on ('5, 12 and 40'), joined only by commas,
    'and' or 'or' in the question's own words; just ``first`` when no words are known."""
    listed = [first]
    while st.words:
        j = listed[-1] + 1
        it, prev = st.at(j), st.items[listed[-1]]
        if it is None or it.kind != "number" or not st.free(j) or not it.text.isdigit():
            break
        between = st.words[prev.end : it.start]
        if not between or not set(between) <= _ID_JOINERS:
            break
        listed.append(j)
    return listed


def _stored(st: ReadState, col: Col, text: str) -> bool:
    """The value index holds ``text`` for that column, or the column is a text number by
    its name ('RouteNo', 'route_number'): keys the index leaves out."""
    from .lexicon import phrase_key
    from .names import split_words

    if {"no", "num", "number", "nr"} & set(split_words(col.column)):
        return True
    return any(
        t.kind == "value" and t.table == col.table and t.column == col.column and t.value == text
        for t in st.lex.phrases.get(phrase_key(text), ())
    )


def _counted_column(st: ReadState, col: Col) -> bool:
    """A column of whole numbers that label rows (a floor, a level, a year), declared as an
    integer type: 'floor 2' names its value, where 'price 2' would not."""
    info = st.lex.column_info(col.table, col.column)
    return info is not None and "INT" in info.type.upper() and col_kind(st, col) == "number"


def _counted_table_after(st: ReadState, at: int) -> int | None:
    """The table right after a number ('more than 6 stocks'), or after the values that
    qualify it word for word ('at least 5 Technology companies')."""
    k = at + 1
    while (value := st.at(k)) is not None and value.kind == "value" and st.free(k):
        before = st.at(k - 1)
        if before is None or before.end != value.start:
            return None
        k += 1
    table = st.at(k)
    if (
        table is None
        or table.kind != "table"
        or (k > at + 1 and st.items[k - 1].end != table.start)
    ):
        return None
    return k


def read_comparisons(st: ReadState) -> None:
    items = st.items
    for i, it in enumerate(items):
        if not (it.kind == "kw" and it.category == "cmp") or not st.free(i):
            continue
        nums = [j for j in (i + 1, i + 2) if st.free(j) and items[j].kind == "number"]
        if not nums:
            continue
        if it.arg == "between":
            if len(nums) < 2:
                continue
            values_at = nums[:2]
        else:
            values_at = nums[:1]
        after = values_at[-1]
        nxt = st.at(after + 1)
        col_at = None
        prev = st.at(i - 1)
        if (
            prev is not None
            and prev.kind == "column"
            and st.free(i - 1)
            and any(col_kind(st, c) == "number" and not _is_key(st, c) for c in columns_of(prev))
        ):
            # 'revenue growth above 20% and market cap over $100B': the column right before
            # the comparison, not the next condition's column after the number
            col_at = i - 1
        elif (
            nxt is not None
            and nxt.kind == "column"
            and st.free(after + 1)
            and any(col_kind(st, c) == "number" and not _is_key(st, c) for c in columns_of(nxt))
        ):
            col_at = after + 1
        if col_at is None:
            col_at = _nearest_numeric_column(st, i, before=True)
        if col_at is None:
            col_at = _nearest_numeric_column(st, after, before=False)
        counted_at = _counted_table_after(st, after)
        if col_at is None and counted_at is not None and len(values_at) == 1:
            # "users who selected more than 6 stocks": a condition on a count of rows ('at
            # least 5 Technology companies': the value between only says which rows)
            number = items[values_at[0]]
            if number.number is not None and number.number.is_integer() and not number.percent:
                op = it.arg
                if st.is_kw(i - 1, "not"):
                    op = NEGATED.get(op, op)
                    st.take(i - 1)
                while (
                    (nxt_table := st.at(counted_at + 1)) is not None
                    and nxt_table.kind == "table"
                    and nxt_table.start == items[counted_at].end  # 'index companies', not 'in'
                ):
                    # 'at least 15 index companies': the companies are counted (the last noun);
                    # the word before only says which
                    counted_at += 1
                st.having.append((op, number.number, i, counted_at))
                st.take(i, *values_at)
                continue
        sized = _size_of_table(st, i, values_at)
        if col_at is None and sized is not None:
            # 'how many companies are over 100 billion': an amount in billions compares the
            # table's size measure (its market cap), never a count
            values = tuple(_number_value(st, items[j], sized) for j in values_at)
            st.filters.append(Filter(sized, it.arg, values))
            st.notes.append((it.text, f"'{it.text} {items[after].text}' read on {sized.column}"))
            st.take(i, *values_at)
            continue
        if col_at is None:
            prev = st.at(i - 1)
            if prev is not None and prev.kind == "table" or st.is_kw(i - 1, "count"):
                raise Refuse(
                    "Conditions on counts or aggregates (HAVING) are beyond the built-in engine.",
                    it.text,
                )
            raise Refuse(
                f"I could not tell which column '{it.text} {items[after].text}' applies to.",
                it.text,
            )
        col = _pick_numeric(st, items[col_at])
        values = tuple(_number_value(st, items[j], col) for j in values_at)
        if len(values) == 2:
            values = _share_scale(items[values_at[0]], items[values_at[1]], values)
        op = it.arg
        if st.is_kw(i - 1, "not"):
            op = NEGATED.get(op, op)
            st.take(i - 1)
        st.filters.append(Filter(col, op, values))
        st.take(i, col_at, *values_at)


def _size_of_table(st: ReadState, cmp_at: int, values_at: list[int]) -> Col | None:
    """The size measure of the table named just before a comparison with a million-or-more
    amount ('companies are over 100 billion'), when the schema's synonyms name one."""
    table = st.at(cmp_at - 1)
    if table is None or table.kind != "table" or len(values_at) != 1:
        return None
    number = st.items[values_at[0]]
    if number.number is None or number.percent or abs(number.number) < 1_000_000:
        return None
    name = table.targets[0].table
    column = st.defaults.get(name)
    if not column:
        return None
    col = Col(name, column)
    return col if col_kind(st, col) == "number" else None


def read_signs(st: ReadState) -> None:
    """'negative revenue growth' → revenue_growth < 0."""
    for i, it in enumerate(st.items):
        if st.is_kw(i, "sign") and st.free(i):
            j = i + 1
            nxt = st.at(j)
            if nxt and nxt.kind == "column" and st.free(j):
                cols = [c for c in columns_of(nxt) if col_kind(st, c) == "number"]
                if cols:
                    st.filters.append(Filter(choose(st, cols, nxt), it.arg, (0,)))
                    st.take(i, j)


def _verb_stem(word: str) -> str:
    """'shipped' → 'ship', 'placed' → 'plac', 'billed' → 'bill'."""
    stem = word.lower()[:-2] if word.lower().endswith("ed") else ""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]
    return stem


def _read_verb_values(st: ReadState) -> None:
    """'orders shipped to Germany': a value that is also the verb of the next value's column
    (shipCountry) is that verb, not a status filter."""
    from .names import split_words

    for i, it in enumerate(st.items):
        nxt = st.at(i + 1)
        stem = _verb_stem(it.text) if it.kind == "value" and " " not in it.text else ""
        if len(stem) < 3 or nxt is None or nxt.kind != "value" or not st.free(i):
            continue
        own = [t for t in nxt.targets if split_words(t.column)[0].startswith(stem)]
        if own:
            st.items[i + 1] = replace(nxt, targets=tuple(own))
            st.take(i)
            st.notes.append(
                (it.text, f"'{it.text} … {nxt.text}' read as {own[0].column} = '{own[0].value}'")
            )


def _asked_beside(st: ReadState, column: Item) -> bool:
    """'companies from Europe with their country': the column asked to be shown beside each
    row, not the name of the value's column ('the Technology sector')."""
    before = [w.lower() for w in st.words[max(0, column.start - 2) : column.start]]
    return (
        len(before) == 2
        and before[0] in ("with", "and", "plus")
        and before[1]
        in (
            "their",
            "its",
        )
    )


def read_values(st: ReadState) -> None:
    _read_verb_values(st)
    by_col: dict[tuple[Col, bool], list[str]] = {}
    positions: dict[tuple[Col, bool], list[int]] = {}
    for i, it in enumerate(st.items):
        if it.kind != "value" or not st.free(i):
            continue
        target = _choose_value(st, it)
        col = Col(target.table, target.column)
        _refuse_plural_value(st, it, target)
        st.take(i)
        neg = st.is_kw(i - 1, "not") or (
            st.is_kw(i - 2, "not") and st.is_value(i - 1) and (i - 2) in st.used
        )
        if st.is_kw(i - 1, "not"):
            st.take(i - 1)
        by_col.setdefault((col, neg), []).append(target.value)
        positions.setdefault((col, neg), []).append(i)
        # "the Technology sector": the column name next to its own value is context
        for j in (i + 1, i - 1):
            nb = st.at(j)
            if (
                nb
                and nb.kind == "column"
                and st.free(j)
                and col in columns_of(nb)
                and not _asked_beside(st, nb)
                or (
                    nb
                    and nb.kind == "table"
                    and nb.targets[0].table == col.table
                    and j not in st.used
                )
            ):
                st.take(j)
    for (col, neg), at in positions.items():
        if not neg and len(at) > 1:
            _refuse_both_or_either(st, col, at)
    by_col = _one_entity_list(st, by_col)
    for (col, neg), values in by_col.items():
        values = list(dict.fromkeys(values))
        families = [v for v in values if isinstance(v, str) and v.endswith(FAMILY_MARK)]
        if families:
            if neg or len(values) > 1:
                raise Refuse(
                    f"'{families[0][: -len(FAMILY_MARK)]}' names several {col.column} values; "
                    "I can read one such family at a time, not negated or beside other values.",
                    families[0][: -len(FAMILY_MARK)],
                )
            # 'software companies': every industry of the family ('Software—Application',
            # 'Software—Infrastructure'), as the stored values spell it
            st.filters.append(Filter(col, "like", (families[0][:-1] + "%",)))
            st.notes.append(
                (col.column, f"every {col.column} starting '{families[0][:-1]}' (one family)")
            )
            continue
        if col.column == ANY_NAME:
            st.filters.append(Filter(col, "any", tuple(values)))
        elif len(values) == 1:
            st.filters.append(Filter(col, "!=" if neg else "=", (values[0],)))
        else:
            st.filters.append(Filter(col, "not in" if neg else "in", tuple(values)))


def _refuse_plural_value(st: ReadState, item: Item, target: Target) -> None:
    """'list the research scientists' with no table named: the 'Research Scientist' row of
    jobs, or the rows of a table that refers to it (the employees with that job)?"""
    text, value = item.text.lower(), target.value.lower()
    plural = text in (value + "s", value + "es") or (
        value.endswith("y") and text == value[:-1] + "ies"
    )
    if not plural or any(it.kind == "table" for it in st.items):
        return
    from .sqlbuild import name_columns

    info = st.lex.catalog.table(target.table)
    if info is not None and target.column not in name_columns(info):
        return  # 'dogs' (a Species of Pet): that table's rows, not a lookup row named so
    referring = sorted(
        {
            r.from_table
            for r in st.lex.catalog.relationships
            if r.to_table == target.table and r.from_table != target.table
        }
    )
    if referring:
        raise Refuse(
            f"'{item.text}': the '{target.value}' row of {target.table}, or the "
            f"{' or '.join(referring)} with {target.column} '{target.value}'? Please name the "
            f"table (for example '{referring[0]} who are {target.value}').",
            item.text,
        )


def _refuse_both_or_either(st: ReadState, col: Col, at: list[int]) -> None:
    """'users who selected Apple and Microsoft': when the subject reaches the values through
    rows it has many of, 'and' may mean both or either; only 'or' says which."""
    from .sqlbuild import PlanError, join_path

    if any(st.is_kw(k, "or") for k in range(at[0], at[-1])):
        return
    subject = next((it.targets[0].table for it in st.items if it.kind == "table"), None)
    if subject is None or subject == col.table:
        return
    try:
        path = join_path(st.lex.catalog, subject, col.table)
    except PlanError:
        return
    previous = subject
    for table, rel in path:
        if rel.from_table == table and rel.to_table == previous:
            words = " and ".join(st.items[k].text for k in at)
            raise Refuse(
                f"'{words}': {subject} linked to all of them, or to any of them? Ask with "
                f"'or' for any of them; 'all of them' needs a query the built-in engine "
                "does not write.",
                st.items[at[0]].text,
            )
        previous = table


ANY_NAME = "*name*"  # the column of an 'any' filter: the row is named by any of its name columns


def _one_entity_list(
    st: ReadState, by_col: dict[tuple[Col, bool], list]
) -> dict[tuple[Col, bool], list]:
    """'Nvidia or AMD': rows of one table named through different naming columns (a name,
    a ticker) are one list of rows — OR across those columns, never AND."""
    from .sqlbuild import name_columns

    naming: dict[str, list[tuple[Col, bool]]] = {}
    for col, neg in by_col:
        info = st.lex.catalog.table(col.table)
        if (
            not neg
            and info
            and (col.column in info.primary_key or col.column in name_columns(info))
        ):
            naming.setdefault(col.table, []).append((col, neg))
    out = dict(by_col)
    for table, keys in naming.items():
        if len(keys) < 2:
            continue
        info = st.lex.catalog.table(table)
        parts = name_columns(info) if info else []
        if (
            len(parts) > 1
            and {col.column for col, _ in keys} == set(parts)
            and all(len(out[key]) == 1 for key in keys)
        ):
            # 'the customer named Noah Kowalski': one person's first and last name (AND)
            st.notes.append(("names", f"read as one {table} row's {' and '.join(parts)}"))
            continue
        pairs = tuple((col.column, v) for col, neg in keys for v in out.pop((col, neg)))
        out[(Col(table, ANY_NAME), False)] = list(pairs)
        st.notes.append(
            (
                "names",
                f"{table} rows named by any of: " + ", ".join(f"{c} = '{v}'" for c, v in pairs),
            )
        )
    return out


def _self_named_key(st: ReadState, targets: list[Target]) -> Target | None:
    """The key target when every reading is the key or a name of one row named the same by
    both (lexicon.find_self_named); else None."""
    from .sqlbuild import name_columns

    info = st.lex.catalog.table(targets[0].table) if targets else None
    if info is None or len(info.primary_key) != 1:
        return None
    naming = {info.primary_key[0], *name_columns(info)}
    key = next((t for t in targets if t.column == info.primary_key[0]), None)
    if key is None or any(t.column not in naming for t in targets):
        return None
    return key if (info.name, str(key.value)) in st.lex.self_named else None


def _choose_value(st: ReadState, item: Item) -> Target:
    targets = list(item.targets)
    named = {it.targets[0].table for it in st.items if it.kind == "table"}
    # "orders shipped to Germany": a value of the table the question is about first
    targets.sort(key=lambda t: t.table not in named)
    columns = list(dict.fromkeys((t.table, t.column) for t in targets))
    at = next((k for k, it in enumerate(st.items) if it is item), -1)
    beside = [
        c
        for j in (at - 1, at + 1)
        if st.at(j) and st.at(j).kind == "column"  # type: ignore[union-attr]
        for c in columns_of(st.at(j))  # type: ignore[arg-type]
    ]
    said = [t for t in targets if Col(t.table, t.column) in beside]
    if said:
        return said[0]  # 'the district Capitol Hill': the column named beside its value
    before = [
        st.at(j).targets[0].table  # type: ignore[union-attr]
        for j in (at - 1, at - 2)
        if st.at(j) is not None and st.at(j).kind == "table"  # type: ignore[union-attr]
    ]
    owned = [t for t in targets if before and t.table == before[0]]
    if owned and len({t.column for t in owned}) == 1:
        return owned[0]  # 'sponsored a race in Japan': the race's country, not the sponsor's
    tables_named = list(dict.fromkeys(t.table for t in targets if t.table in named))
    if len(tables_named) > 1:
        readings = " or ".join(f"{t.table}.{t.column}" for t in targets if t.table in named)
        raise Refuse(
            f"'{item.text}' is a value of {readings}; please say which (for example "
            f"'{tables_named[1]} in {item.text}').",
            item.text,
        )
    own = [c for c in columns if c[0] == targets[0].table]
    linked_by = _key_to_other_items(st, item, own)
    if linked_by is not None:
        # 'CA close on 2023-06-30': the close's rows are tied to companies by the ticker
        return next(t for t in targets if (t.table, t.column) == linked_by)
    key_target = _self_named_key(st, [t for t in targets if t.table == targets[0].table])
    if len(own) > 1 and key_target is not None:
        return key_target  # 'IBM': its ticker and its name, one row either way
    if len(own) > 1 and (targets[0].table in named or len(own) == len(columns)):
        # 'the 3 largest employers in CA': a ticker, a state and a country code of the same
        # rows; no table said which, so none is picked silently
        # 'stations in Capitol Hill': a station's name and its district both say so
        readings = " or ".join(f"{c[0]}.{c[1]}" for c in own)
        raise Refuse(
            f"'{item.text}' is a value of {readings}; please name the column (for example "
            f"'{own[1][1]} {item.text}').",
            item.text,
        )
    if len(columns) > 1:
        st.notes.append(
            (item.text, f"'{item.text}' read as {targets[0].column} = '{targets[0].value}'")
        )
    return targets[0]


def _key_to_other_items(
    st: ReadState, item: Item, own: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """Of a value's columns in one table, the one key that joins it to the table of another
    column or table the question names; None when no such key, or more than one."""
    if len(own) < 2:
        return None
    table = own[0][0]
    others = {
        t.table
        for it in st.items
        if it is not item and it.kind in ("column", "table")
        for t in it.targets
        if t.table != table
    }
    keys = {
        (table, rel.to_column if rel.to_table == table else rel.from_column)
        for rel in st.lex.catalog.relationships
        if {rel.from_table, rel.to_table} & {table}
        and ({rel.from_table, rel.to_table} - {table}) & others
    }
    found = [c for c in own if c in keys]
    return found[0] if len(found) == 1 else None


def time_columns(st: ReadState, times: list[tuple[int, Item]]) -> dict[int, Col]:
    """'signed up in 2023': a date column named next to a time phrase is the one it filters."""
    found = {}
    for i, _ in times:
        for j in (i - 1, i + 1, i - 2):
            it = st.at(j)
            if (
                it
                and it.kind == "column"
                and st.free(j)
                and not st.is_kw(j - 1, "count", "distinct")
            ):
                dates = [
                    c for c in columns_of(it) if col_kind(st, c) == "date" or is_year_column(st, c)
                ]
                if dates:
                    chosen = _named_tables_own(st, dates) or dates[0]
                    if len(dates) == 1 and chosen == dates[0]:
                        # 'max S&P 500 index price in 2023 and the date': the index's date
                        chosen = date_of_table_in_play(st, chosen, it)
                    found[i] = chosen
                    st.take(j)
                    break
    return found


def _concept(col: Col) -> set[str]:
    """A column's words with abbreviations spelled out ('DOB' → date, of, birth)."""
    from .names import ABBREVIATIONS, split_words

    words = set(split_words(col.column))
    for w in list(words):
        for said in ABBREVIATIONS.get(w, ()):
            words.update(said.split())
    return words - {"date", "of", "year", "the", "id"}


def _named_tables_own(st: ReadState, dates: list[Col]) -> Col | None:
    """'directors born before 1920' where 'born' names member.DOB: the director's own
    birth_year, when the question names directors and not members (never another table's
    date reached through joins nobody asked for)."""
    named = list(dict.fromkeys(it.targets[0].table for it in st.items if it.kind == "table"))
    if not named or any(c.table in named for c in dates):
        return None
    concept = set().union(*(_concept(c) for c in dates))
    own = [
        Col(info.name, c.name)
        for info in map(st.lex.catalog.table, named)
        if info is not None
        for c in info.columns
        if (
            col_kind(st, Col(info.name, c.name)) == "date"
            or is_year_column(st, Col(info.name, c.name))
        )
        and concept & _concept(Col(info.name, c.name))
        # 'users who added MSFT after oct 1': the picks' created_date the word names, not
        # the users' column that only shares its name
        and c.name.lower() not in {d.column.lower() for d in dates}
    ]
    return own[0] if len(own) == 1 else None


def is_year_column(st: ReadState, col: Col) -> bool:
    """An integer column that holds years ('HireYear', 'release_year', 'yr_built')."""
    from .names import split_words

    return col_kind(st, col) == "number" and bool({"year", "yr"} & set(split_words(col.column)))


def _year_filter(st: ReadState, item: Item, col: Col) -> Filter:
    """'hired after 2015' on a year column: the period's whole years, as year numbers."""
    rng = resolve(item.time, None)
    start, end = rng.start, rng.end
    for bound in (start, end):
        if bound and not bound.endswith("-01-01"):
            raise Refuse(
                f"'{item.text}' does not cover whole years, and {col.column} holds years.",
                item.text,
            )
    st.notes.append((item.text, rng.explanation + f" (as years on {col.table}.{col.column})"))
    if start and end and int(end[:4]) - 1 == int(start[:4]):
        return Filter(col, "=", (int(start[:4]),), time=True)
    if start and end:
        return Filter(col, "between", (int(start[:4]), int(end[:4]) - 1), time=True)
    if start:
        return Filter(col, ">=", (int(start[:4]),), time=True)
    return Filter(col, "<", (int(end[:4]),), time=True)


def read_flags(st: ReadState) -> None:
    """'VIP customers', 'non-VIP customers': a yes/no column (isVip, has_discount) named
    as an adjective of its own table is that flag being 1 (or 0 after a negation)."""
    from .names import split_words

    for i, it in enumerate(st.items):
        nxt = st.at(i + 1)
        if not (it.kind == "column" and st.free(i) and nxt is not None and nxt.kind == "table"):
            continue
        cols = [
            c
            for c in columns_of(it)
            if c.table == nxt.targets[0].table
            and (col_kind(st, c) == "number" or (c.table, c.column) in st.lex.flags)
            and split_words(c.column)[0] in ("is", "has")
        ]
        if len(cols) != 1:
            continue
        negated = st.is_kw(i - 1, "not") and st.free(i - 1)
        yes, no = st.lex.flags.get((cols[0].table, cols[0].column), (1, 0))
        value = no if negated else yes
        st.filters.append(Filter(cols[0], "=", (value,)))
        st.notes.append((it.text, f"'{it.text}' read as {cols[0].column} = {value}"))
        st.take(i, *([i - 1] if negated else []))


def links_others(st: ReadState, table: str) -> bool:
    """A table of links (a pick joins a user and a stock): its rows point at two or more
    other tables and say nothing else in words (an employee, who has a department and a job,
    also has a name: an entity, not a link)."""
    keys = {r.from_column for r in st.lex.catalog.relationships if r.from_table == table}
    targets = {r.to_table for r in st.lex.catalog.relationships if r.from_table == table}
    info = st.lex.catalog.table(table)
    if len(targets) < 2 or info is None:
        return False
    return all(c.name in keys or st.lex.kind_of(table, c.name) != "text" for c in info.columns)


def time_filter(
    st: ReadState,
    item: Item,
    subject: str,
    bridges: list[str],
    metric,
    projection,
    named: Col | None = None,
) -> Filter:
    if named is not None and is_year_column(st, named):
        return _year_filter(st, item, named)
    if named is not None:
        rng = resolve(item.time, st.lex.date_anchor.get((named.table, named.column)))
        st.notes.append((item.text, rng.explanation + f" (on {named.table}.{named.column})"))
        return Filter(named, "range", (rng.start, rng.end), time=True)
    tables = [subject, *bridges]
    tables += [c.table for c in (metric.col if metric else None, *projection) if c is not None]
    tables += [f.col.table for f in st.filters]
    if _after_born(st, item):
        return _birth_filter(st, item, list(dict.fromkeys(tables)))
    before = _table_before(st, item)
    if before is not None and before not in tables:
        tables.append(before)  # 'films screened in 2024': the screenings' dates
    dated = [(table, _event_dates(st, table)) for table in dict.fromkeys(tables)]
    dated = [(table, dates) for table, dates in dated if dates]
    if len(dated) > 1 and before is not None:
        # 'customers who placed orders in 2024': the dates of the table named right before
        dated = [(table, dates) for table, dates in dated if table == before] or dated
    if len(dated) > 1:
        # 'how many users added a stock to their watchlist in December 2023': the date of the
        # event that links them (the one table of links among those dated), not the users'
        events = [(table, dates) for table, dates in dated if links_others(st, table)]
        if len(events) == 1 and len(events[0][1]) == 1:
            dated = events
    if len(dated) > 1 or (dated and len(dated[0][1]) > 1):
        readings = ", ".join(f"{table}.{d}" for table, dates in dated for d in dates)
        raise Refuse(
            f"'{item.text}' can date {readings}; please name the date (for example "
            f"'{dated[0][1][0]} in …').",
            item.text,
        )
    for table, dates in dated:
        col = Col(table, dates[0])
        rng = resolve(item.time, st.lex.date_anchor.get((table, dates[0])))
        st.notes.append((item.text, rng.explanation + f" (on {table}.{dates[0]})"))
        return Filter(col, "range", (rng.start, rng.end), time=True)
    infos = [info for info in map(st.lex.catalog.table, dict.fromkeys(tables)) if info]
    years = [
        Col(info.name, c.name)
        for info in infos
        for c in info.columns
        if is_year_column(st, Col(info.name, c.name))
    ]
    if len(years) == 1:
        # 'festivals held in 2021', 'teams founded before 1890': the one year column dates them
        st.notes.append((item.text, f"read on {years[0].table}.{years[0].column}"))
        return _year_filter(st, item, years[0])
    if years:
        readings = ", ".join(f"{c.table}.{c.column}" for c in years)
        raise Refuse(f"'{item.text}' can date {readings}; please name the year.", item.text)
    raise Refuse(
        f"'{item.text}' is a time range, but none of the tables involved has a date column.",
        item.text,
    )


_BIRTH = frozenset({"birth", "dob", "born", "birthday", "bdate"})


def _after_born(st: ReadState, item: Item) -> bool:
    at = next((k for k, it in enumerate(st.items) if it is item), 0)
    prev = st.at(at - 1) if at else None
    return prev is not None and prev.text.lower() == "born"


def _birth_filter(st: ReadState, item: Item, tables: list[str]) -> Filter:
    """'members born after 1990': the birth date or birth year, never another date of the
    rows (a join date once answered it)."""
    from .names import split_words

    births = [
        Col(t.name, c.name)
        for t in map(st.lex.catalog.table, tables)
        if t is not None
        for c in t.columns
        if _BIRTH & set(split_words(c.name))
        and (col_kind(st, Col(t.name, c.name)) == "date" or is_year_column(st, Col(t.name, c.name)))
    ]
    if len(births) != 1:
        found = ", ".join(f"{c.table}.{c.column}" for c in births) or "no birth date or year"
        raise Refuse(f"'born {item.text}' needs one birth date or year ({found}).", item.text)
    col = births[0]
    if is_year_column(st, col):
        return _year_filter(st, item, col)
    rng = resolve(item.time, st.lex.date_anchor.get((col.table, col.column)))
    st.notes.append((item.text, rng.explanation + f" (on {col.table}.{col.column})"))
    return Filter(col, "range", (rng.start, rng.end), time=True)


def _event_dates(st: ReadState, table: str) -> list[str]:
    from .latest import event_dates

    return event_dates(st, table)


def _table_before(st: ReadState, item: Item) -> str | None:
    """The table a verb names right before a time phrase ('placed orders in 2024' → orders;
    not 'the salary of employees in 2021', which may date either)."""
    at = next((k for k, it in enumerate(st.items) if it is item), 0)
    prev = st.at(at - 1) if at else None
    if prev is not None and prev.kind == "kw" and prev.category == "relverb" and prev.targets:
        return prev.targets[0].table  # a verb made from a table's name ('screened')
    if prev is None or prev.kind != "table" or not st.is_kw(at - 2, "relverb"):
        return None
    return prev.targets[0].table


def localize_col(st: ReadState, col: Col, subject: str) -> Col:
    return local_column(st.lex.catalog, col, subject)


def localize(st: ReadState, f: Filter, subject: str) -> Filter:
    col = localize_col(st, f.col, subject)
    return f if col == f.col else Filter(col, f.op, f.values, f.time)


def joined_time_filters(st: ReadState, times: list, filters: list[Filter]) -> list[Filter]:
    """Several time phrases on one column: 'in 2021 or 2022' is either year (IN); two single
    periods joined otherwise ('in 2021 and 2022') are declined rather than ANDed into
    nothing; bounds ('after 2000 … before 2010') narrow each other as written."""
    timed = [f for f in filters if f.time]
    if len(timed) < 2 or len({f.col for f in timed}) != 1:
        return filters
    first, last = times[0][0], times[-1][0]
    said_or = any(st.is_kw(k, "or") for k in range(first, last))
    points = [f for f in timed if f.op in ("=", "range")]
    if not points:
        return filters
    if len(set(timed)) == 1:
        # 'over the first quarter of 2023, i.e. from 1 January 2023 to 31 March 2023': one
        # period said twice, kept once
        return [f for f in filters if not f.time] + [timed[0]]
    if said_or and all(f.op == "=" for f in timed):
        merged = Filter(timed[0].col, "in", tuple(v for f in timed for v in f.values), time=True)
        return [f for f in filters if not f.time] + [merged]
    raise Refuse(
        f"'{times[0][1].text}' and '{times[-1][1].text}' are two periods of "
        f"{timed[0].col.column}; please ask for one, or for the years between them.",
        times[-1][1].text,
    )
