"""Rows the question names or ranks one by one: ties at an extreme ('which company has the
highest market cap' → every tied row), and comparisons of named rows ('compare … of Apple
and Microsoft', 'which had higher growth, Nvidia or AMD')."""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog

from .reading import ReadState, Refuse, key_columns
from .spec import Col, Filter, QuerySpec
from .sqlbuild import name_columns

COMPARATIVES = frozenset({"higher", "larger", "bigger", "greater", "lower", "smaller"})


LIST_WORDS = frozenset({"top", "bottom", "best", "worst"})


def names_a_row(st: ReadState, col: Col) -> bool:
    info = st.lex.catalog.table(col.table)
    return bool(info) and col.column in name_columns(info)


def with_ties(st: ReadState, spec: QuerySpec, word: str, bridges: list[str]) -> QuerySpec:
    """'which company has the highest market cap': every row at the extreme, not an arbitrary
    one of several tied rows — for 'which/who' questions whose conditions are all on the
    ranked table itself."""
    col = spec.order_by
    asks_which = any(
        st.is_kw(i, "list") and st.items[i].text.lower() in ("which", "who")
        for i in range(len(st.items))
    )
    if (
        col is None
        or not asks_which  # 'what was the highest close': the value, one row
        or word.lower() in LIST_WORDS | COMPARATIVES
        or bridges
        or spec.per_group is not None
        or col.table != spec.table
        or any(f.col.table != spec.table or f.op == "latest" for f in spec.filters)
        or inexact(st, col)
    ):
        return spec
    extreme = Filter(col, "extreme", ("max" if spec.descending else "min",))
    st.notes.append(
        (
            word,
            f"every row with the {'highest' if spec.descending else 'lowest'} {col.column} (ties included)",
        )
    )
    return spec.with_(filters=spec.filters + (extreme,), limit=None, limit_stated=True)


# set in the reading's defaults when 'which one …' was asked of a pair the session named: the
# one row, never both ranked
ONE_OF_THE_NAMED = "one_of_the_named"


def ranks_named_rows(spec: QuerySpec, catalog: Catalog) -> bool:
    """'who employs more, McDonald's or Microsoft?', 'which of AAPL, MSFT and NVDA has the
    highest market cap': two to five rows the question names, ranked with no number, are all
    shown, the winner first: the one row alone hides the others' figures and by how much.
    Only where each name is one row ('the top day of AAPL and MSFT' ranks many rows each)."""
    info = catalog.table(spec.table)
    if spec.order_by is None or info is None:
        return False
    key = set(info.primary_key)
    pinned = {
        f.col.column if f.col.table == spec.table else f.col.table
        for f in spec.filters
        if f.op == "=" and len(f.values) == 1 and not f.time
    }
    for f in spec.filters:
        if f.op != "in" or not 2 <= len(f.values) <= 5 or f.col.table != spec.table:
            continue
        if f.col.column in key:
            # the rest of the key said once each ('in the S&P 500' for an index's weights)
            rest = key - {f.col.column}
            if all(c in pinned for c in rest) or len(pinned - key) >= len(rest):
                return True
        elif f.col.column in name_columns(info) and len(key) == 1:
            return True
    return False


def inexact(st: ReadState, col: Col) -> bool:
    """FLOAT/DOUBLE/REAL values are not compared with '=' (MySQL and SQLite round apart)."""
    info = st.lex.column_info(col.table, col.column)
    return any(t in (info.type.upper() if info else "") for t in ("FLOAT", "DOUBLE", "REAL"))


def compared_groups(st: ReadState, spec: QuerySpec) -> QuerySpec:
    """'how many companies trade on nasdaq vs nyse?': a count (or an aggregate) for each of
    the values compared, grouped by their column; the spec unchanged otherwise."""
    compare = [i for i in range(len(st.items)) if st.is_kw(i, "compare")]
    if not compare or spec.metric is None or spec.group_by is not None:
        return spec
    if spec.order_by is not None or spec.limit is not None or spec.metric.func == "PCT":
        return spec
    several = [
        f
        for f in spec.filters
        if f.op == "in"
        and len(f.values) > 1
        and not names_a_row(st, f.col)
        and f.col.column not in key_columns(st, f.col.table)
    ]
    if len(several) != 1:
        return spec
    word = st.items[compare[0]].text
    st.take(*compare)
    st.notes.append((word, f"one value for each {several[0].col.column} compared"))
    return spec.with_(shape="aggregate", group_by=several[0].col)


def check_comparison(st: ReadState, spec: QuerySpec, sup_item) -> None:
    """'compare … of Apple and Microsoft', 'which had higher growth, Nvidia or AMD': these
    words are explained only when the question names two or more rows of one table."""
    named_rows = any(
        (f.op == "any" and len(f.values) > 1)
        or (
            f.op == "in"
            and (names_a_row(st, f.col) or f.col.column in key_columns(st, f.col.table))
        )
        for f in spec.filters
    )
    compare = [i for i in range(len(st.items)) if st.is_kw(i, "compare") and st.free(i)]
    comparative = sup_item is not None and sup_item.text.lower() in COMPARATIVES
    # 'which of GOOGL and META had the higher total volume': a figure per row named, ranked
    ranked_each = spec.group_by is not None and spec.order_metric
    if (compare or comparative) and (
        not named_rows or (spec.metric is not None and not ranked_each)
    ):
        word = st.items[compare[0]].text if compare else sup_item.text
        raise Refuse(
            f"'{word}' needs two or more named rows to compare (for example 'compare the "
            "market cap of Apple and Microsoft'); comparisons across periods are not supported.",
            word,
        )
    if comparative and spec.limit_stated and not (ranked_each and spec.limit in (None, 1)):
        raise Refuse(f"I could not tell how '{sup_item.text}' and the number go together.", "")
    st.take(*compare)
