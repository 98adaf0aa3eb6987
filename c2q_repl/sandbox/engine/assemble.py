"""The last phase of reading a question: the QuerySpec from its parts — an aggregate
(grouped, ranked, with HAVING), a count per group, or a list (ordered, limited, ties kept)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from c2q_repl.sandbox.contracts import Catalog

from .asked_names import name_word_at, with_asked_names
from .clauses import plural_subject
from .filters import localize_col
from .linking import Item
from .named_rows import ONE_OF_THE_NAMED, inexact, names_a_row, ranks_named_rows, with_ties
from .names import names_rows
from .reading import ReadState, Refuse, col_kind, is_plural, key_columns
from .spec import Col, Filter, Metric, QuerySpec
from .sqlbuild import name_columns


@dataclass(frozen=True)
class Parts:
    """What the reading found, ready to be put together."""

    subject: str
    filters: list[Filter]
    metric: Metric | None
    extras: list[Metric]
    group_col: Col | None
    order_col: Col | None
    projection: list[Col]
    per_group: Col | None
    sup_item: Item | None
    limit: int | None
    sup_desc: bool
    descending: bool | None
    bridge_tables: list[str]
    share: bool
    having: tuple[tuple[str, float], ...] = ()  # conditions on each group's aggregate
    having_metric: Metric | None = None  # the aggregate they compare, when not the metric
    count_groups: bool = False  # 'how many sectors have …': the groups that pass, counted


def aggregate_spec(st: ReadState, p: Parts, metric: Metric) -> QuerySpec:
    """A count or aggregate (the reading's metric), grouped and ranked when asked."""
    shape = (
        "count" if metric.func == "COUNT" and p.group_col is None and not p.extras else "aggregate"
    )
    if (
        metric.func == "COUNT"
        and p.projection
        and all(col_kind(st, c) == "date" for c in p.projection)
        # 'how many picks does user 5 have and when did they sign up', '…, and their signup
        # date': the date is asked (a 'when', or the column said as a date)
        and not any(
            (it.kind == "kw" and it.text.lower() == "when")
            or (it.kind == "column" and re.search(r"\b(?:date|dates|day|time)\b", it.text, re.I))
            for it in st.items
        )
    ):
        # 'how many users are registered?', 'how many users have added Apple?': the verb's
        # date only says the rows exist (a time phrase would have made it a condition)
        st.notes.append((p.projection[0].column, "the verb is read as the rows existing"))
        p = replace(p, projection=[])
    described = _describes_the_group(st, p)
    if described:
        # 'the first and last names of the 3 attendees that rated the most talks': columns of
        # the rows grouped by their key, one value per group
        p = replace(p, projection=[])
    if p.projection and not (len(p.projection) == 1 and p.projection[0] == p.group_col):
        raise Refuse(
            f"I could not tell how '{p.projection[0].column}' relates to the {metric.func.lower()}.",
            p.projection[0].column,
        )
    spec = QuerySpec(
        shape,
        p.subject,
        metric=metric,
        group_by=p.group_col,
        filters=tuple(p.filters),
        # ('the average market cap … together with its average market cap': one column)
        extra_metrics=tuple(dict.fromkeys(m for m in p.extras if m != metric)),
        columns=tuple(described),
    )
    if p.having:
        spec = spec.with_(having=p.having, having_metric=p.having_metric)
        if p.count_groups:
            if p.group_col is None or p.sup_item is not None or p.extras or p.having_metric:
                raise Refuse(
                    "Counting the groups that pass a condition works for one plain grouping only.",
                    *(() if p.sup_item is None else (p.sup_item.text,)),
                )
            return spec.with_(shape="count", count_groups=True)
        if not st.measure_asked and name_word_at(st) is not None:
            # 'the names of the routes with more than 3 stops': the names, not the counts
            spec = spec.with_(rank_only=True)
    if p.sup_item is not None and p.group_col is not None and _groups_asked_in_plural(st, p):
        # 'which sectors have the most companies': every sector, the most first
        st.notes.append((p.sup_item.text, f"every {p.group_col.column}, ranked"))
        spec = spec.with_(order_metric=True, descending=p.sup_desc)
    elif p.sup_item is not None and p.group_col is not None:
        spec = spec.with_(
            order_metric=True,
            descending=p.sup_desc,
            limit=p.limit or 1,
            limit_stated=True,
            # 'which sector has the most companies': every group tied at the top
            ties=p.limit is None
            and not st.bucket
            and not (metric.col is not None and inexact(st, metric.col)),
        )
        if spec.ties:
            st.notes.append((p.sup_item.text, "every group tied at the top is shown"))
        if not st.measure_asked and name_word_at(st) is not None:
            # 'the name of the band with the most performances': the name, not its count
            spec = spec.with_(rank_only=True)
    if p.group_col is not None and name_word_at(st) is not None:
        spec = spec.with_(asked_columns=True)  # 'the name of each festival and …': no key
    elif p.group_col is not None and (p.descending is not None or st.order_by_count):
        spec = spec.with_(order_metric=True, descending=bool(p.descending))
    if p.group_col is not None and p.order_col is not None and p.sup_item is None:
        # 'total market cap per sector, sorted by market cap': by the total, never dropped
        if metric.col is not None and p.order_col == metric.col:
            spec = spec.with_(order_metric=True, descending=bool(p.descending))
        elif p.order_col != p.group_col:
            raise Refuse(
                f"I could not tell how to sort the groups by '{p.order_col.column}' (by which "
                f"of the values computed per {p.group_col.column}); please sort by one of them.",
                p.order_col.column,
            )
    return _value_of_one_named_row(st, spec)


def _value_of_one_named_row(st: ReadState, spec: QuerySpec) -> QuerySpec:
    """'how many people work at Tesla': the total over the one row the question names is
    that row's own value, shown beside it (and every row, were the name to match two)."""
    value = one_row_value(spec, st.lex.catalog)
    if value is None:
        return spec
    column = value.columns[0].column
    total = f"the total of {column}"
    st.notes[:] = [n for n in st.notes if total not in n[1]]  # no total is computed now
    st.notes.append((column, f"{column} of the one row named, as stored"))
    return value


def one_row_named(spec: QuerySpec, catalog: Catalog) -> list[Filter]:
    """The conditions naming one row of the spec's table by its name or its single key."""
    info = catalog.table(spec.table)
    if info is None:
        return []
    return [
        f
        for f in spec.filters
        if f.op == "="
        and len(f.values) == 1
        and not f.time
        and f.col.table == spec.table
        and (f.col.column in name_columns(info) or info.primary_key == (f.col.column,))
    ]  # 'Tesla', 'XOM' (the ticker keying the companies)


def counts_the_one_row(spec: QuerySpec, catalog: Catalog) -> bool:
    """A count of the very table whose one row is named: always 1, an answer to nothing."""
    return (
        spec.shape == "count"
        and spec.group_by is None
        and spec.metric is not None
        and spec.metric.col is None
        and bool(one_row_named(spec, catalog))
    )


def one_row_value(spec: QuerySpec, catalog: Catalog) -> QuerySpec | None:
    """The SUM of a measure over the one row named by its name or its key ('XOM', and also
    'that company' resolved to it) as that row's value listed; None otherwise."""
    metric = spec.metric
    named = one_row_named(spec, catalog)
    if (
        spec.shape != "aggregate"
        or metric is None
        or metric.func != "SUM"
        or metric.col is None
        or metric.col.table != spec.table
        or spec.group_by is not None
        or spec.extra_metrics
        or spec.having
        or spec.also_join
        or len(named) != 1
        or any(f.col.table != spec.table or f.time for f in spec.filters)
    ):
        return None
    return QuerySpec("list", spec.table, columns=(metric.col,), filters=spec.filters)


def _groups_asked_in_plural(st: ReadState, p: Parts) -> bool:
    """'which sectors …' / 'what sectors …' with no number: the groups asked in the plural,
    so all of them are ranked rather than the top one kept."""
    if p.limit is not None or st.bucket or p.group_col is None:
        return False
    for k, it in enumerate(st.items[:-1]):
        if not (st.is_kw(k, "list") and it.text.lower() in ("which", "what")):
            continue
        nxt = st.items[k + 1]
        return (
            nxt.kind == "column"
            and is_plural(nxt)
            and any(
                (t.table, t.column) == (p.group_col.table, p.group_col.column) for t in nxt.targets
            )
        )
    return False


def _describes_the_group(st: ReadState, p: Parts) -> list[Col]:
    """The columns asked beside a grouping by a table's one-column key, all of that table
    (each has one value per group); else []."""
    group = p.group_col
    if group is None or not p.projection:
        return []
    # 'most picked stocks w/ company names': grouped by the picks' stock, whose company (the
    # table that column references) has one name per group, shown beside it as a label
    named = {
        r.to_table
        for r in st.lex.catalog.relationships
        if (r.from_table, r.from_column) == (group.table, group.column)
        and key_columns(st, r.to_table) == (r.to_column,)
    }
    if key_columns(st, group.table) == (group.column,):
        named.add(group.table)
    if not named:
        return []
    if any(c.table not in named or c == group or not names_rows(c.column) for c in p.projection):
        return []  # 'for each trip status': the status groups, not a column of each trip
    return list(p.projection)


# words of a column whose values add up to a whole ('employees by sector' is their total);
# a price, a rate or an age does not ('close by sector' is declined: sum or average?)
_ADDITIVE_WORDS = frozenset(
    {
        "employees",
        "employee",
        "headcount",
        "staff",
        "weight",
        "volume",
        "cap",
        "quantity",
        "qty",
        "amount",
        "revenue",
        "sales",
        "ebitda",
        "income",
        "population",
        "units",
        "shares",
        "seats",
        "budget",
    }
)


def _additive_per_group(st: ReadState, p: Parts) -> QuerySpec | None:
    """'employees by sector', 'index weight by sector': one quantity that adds up, per group,
    with no aggregate said: its total per group (said in the assumptions)."""
    from .names import split_words

    if p.group_col is None or len(p.projection) != 1 or p.metric is not None or p.extras:
        return None
    col = p.projection[0]
    if (
        col == p.group_col
        or col_kind(st, col) != "number"
        or col.column in key_columns(st, col.table)
    ):
        return None
    if not _ADDITIVE_WORDS & set(split_words(col.column)):
        return None
    st.notes.append(
        (col.column, f"'{col.column}' per {p.group_col.column} read as its total (SUM)")
    )
    metric = Metric("SUM", col)
    return aggregate_spec(st, replace(p, metric=metric, projection=[]), metric)


def counts_per_group(st: ReadState, p: Parts) -> QuerySpec | None:
    """'number of companies per sector' said as 'companies per sector': a count per group."""
    # 'hires per year': the dated event itself, counted per calendar period of its date
    event = bool(st.bucket) and p.projection == [p.group_col]
    if (
        p.group_col is not None
        and p.order_col is None
        and (not p.projection or event)
        and (any(it.kind == "table" for it in st.items) or p.share or event)
        # 'each physician's name with the name of their department' lists names, counts nothing
        and name_word_at(st) is None
    ):
        return QuerySpec(
            "aggregate",
            p.subject,
            metric=Metric("COUNT"),
            group_by=p.group_col,
            filters=tuple(p.filters),
        )
    return None


def list_spec(st: ReadState, p: Parts) -> QuerySpec:
    """Rows: the p.projection, ordered and limited when asked (ties kept at an extreme)."""
    if (
        p.group_col is not None
        and p.group_col.table == p.subject
        and key_columns(st, p.subject) == (p.group_col.column,)
    ):
        # 'the name and platforms of each station': every row once, nothing computed per row
        key = p.group_col
        p = replace(p, group_col=None)
        if not any(c == key or names_a_row(st, c) for c in p.projection):
            # 'number of employees per company': each row said by its key (and name)
            info = st.lex.catalog.table(key.table)
            names = [Col(key.table, n) for n in (name_columns(info) if info else [])]
            shown = list(p.projection)
            p = replace(p, projection=[key, *names, *shown])
            if p.order_col is None and p.descending is not None and len(shown) == 1:
                p = replace(p, order_col=shown[0])  # the one value still orders the rows
    if p.group_col is not None and p.order_col is None:
        summed = _additive_per_group(st, p)
        if summed is not None:
            return summed
        raise Refuse(
            f"I could not tell what to compute per {p.group_col.column}.", p.group_col.column
        )
    if p.group_col is not None:
        # 'the highest close of Apple in each year': a grouping the list would drop
        raise Refuse(
            f"I could not tell how '{p.order_col.column if p.order_col else 'the rows'}' is "
            f"taken per {st.bucket or p.group_col.column}.",
            st.bucket or p.group_col.column,
        )
    inferred_subject = not any(it.kind == "table" for it in st.items) or (
        # 'the sectors of …' are distinct values; 'the last names of teachers' one per row
        st.plural_projection and not any(names_a_row(st, c) for c in p.projection)
    )
    distinct_values = (
        bool(p.projection)
        and inferred_subject
        and p.order_col is None
        and all(
            col_kind(st, c) == "text" and c.column not in key_columns(st, c.table)
            for c in p.projection
        )
    )
    if distinct_values and _with_their(st, p.projection):
        distinct_values = False  # 'list the banks with their state': each bank, its state
    name_at = name_word_at(st)
    projection = with_asked_names(st, name_at, p.subject, p.projection)
    if _with_their(st, projection):
        projection = _key_beside_their(st, p.subject, projection)
    if projection != p.projection:
        distinct_values = False  # a row's name beside its columns: one line per row
    asked_columns = _names_the_rows(st, name_at, projection)
    if distinct_values and _one_coded_row_named(st, projection):
        # 'which exchange is Tesla listed on': TSLA beside NMS (the same rows, labelled)
        from .sqlbuild import display_columns, ticker_keyed

        table = projection[0].table
        named = (
            display_columns(st.lex.catalog, table)
            if ticker_keyed(st.lex.catalog, table)  # AAPL beside Apple Inc., as lists show
            else [Col(table, k) for k in key_columns(st, table)]
        )
        projection = [c for c in named if c not in projection] + projection
        asked_columns = True
    ranked = p.order_col
    if (
        asked_columns
        and ranked is not None
        and (_ranks_a_named_column(st, p) or _ranked_by_said(st, ranked))
    ):
        projection = (
            projection if ranked in projection else [*projection, ranked]
        )  # '10 biggest weights, with company names'
        projection = _tickers_beside_names(st, projection)
    spec = QuerySpec(
        "list",
        p.subject,
        columns=tuple(projection),
        filters=tuple(p.filters),
        distinct=distinct_values,
        asked_columns=asked_columns,
    )
    if p.per_group is not None:
        spec = spec.with_(per_group=localize_col(st, p.per_group, p.subject))
    if p.sup_item is not None and p.order_col is not None:
        spec = spec.with_(
            order_by=p.order_col,
            descending=p.sup_desc,
            limit=p.limit or (1 if p.limit is None and not plural_subject(st) else 10),
            limit_stated=p.limit is not None,
        )
        if (
            p.limit is None
            and not st.defaults.get(ONE_OF_THE_NAMED)
            and ranks_named_rows(spec, st.lex.catalog)
        ):
            # 'who employs more, McDonald's or Microsoft?': each named row with its figure,
            # the winner first; the one row alone hides by how much, and the other's figure
            spec = spec.with_(limit=None, limit_stated=False)
            side = "more" if spec.descending else "less"
            st.notes.append((p.sup_item.text, f"each named row, {side} {p.order_col.column} first"))
        elif p.limit is None:
            # 'which company has the highest …', 'who are the youngest students': the rows
            # at the extreme, ties included; otherwise the top 10 of a plural question
            tied = with_ties(st, spec, p.sup_item.text, p.bridge_tables)
            if tied is spec and spec.limit == 10:
                st.notes.append(("top", "No number was given; showing the top 10"))
            spec = tied
    elif p.order_col is not None:
        spec = spec.with_(
            order_by=p.order_col,
            descending=bool(p.descending),
            limit=p.limit,
            limit_stated=p.limit is not None,
        )
    elif p.limit is not None:
        spec = spec.with_(limit=p.limit, limit_stated=True)
    if p.descending is not None and spec.order_by is None:
        spec = spec.with_(order_by=_sorted_column(st, spec), descending=p.descending)
    return spec


def _with_their(st: ReadState, projection: list[Col]) -> bool:
    """A shown column said as 'with their X' / 'and their X': a column of each row the
    question lists (its rows named by a value, 'the banks'), never the distinct values."""
    for it in st.items:
        if it.kind != "column" or not any(Col(t.table, t.column) in projection for t in it.targets):
            continue
        before = st.words[max(0, it.start - 2) : it.start]
        if len(before) == 2 and before[0] in ("with", "and") and before[1] in ("their", "its"):
            return True
    return False


def _key_beside_their(st: ReadState, subject: str, projection: list[Col]) -> list[Col]:
    """'list users with their signup date': each user beside the date, by its key when the
    rows have no name (the dates alone would not say whose they are)."""
    from .sqlbuild import name_columns

    info = st.lex.catalog.table(subject)
    if info is None or name_columns(info) or len(info.primary_key) != 1:
        return projection
    key = Col(info.name, info.primary_key[0])
    named = any(
        it.kind == "table" and any(t.table == subject for t in it.targets) for it in st.items
    )
    if not named or key in projection or any(c.table != subject for c in projection):
        return projection
    return [key, *projection]


def _tickers_beside_names(st: ReadState, projection: list[Col]) -> list[Col]:
    """'top 5 index weights w/ company name': AAPL beside Apple Inc., as every list of
    companies shows them (the name alone is not what a reader looks a stock up by)."""
    from .sqlbuild import name_columns, ticker_keyed

    out: list[Col] = []
    for col in projection:
        info = st.lex.catalog.table(col.table)
        if info is not None and ticker_keyed(st.lex.catalog, col.table):
            key = Col(col.table, info.primary_key[0])
            if col.column in name_columns(info) and key not in projection and key not in out:
                out.append(key)
        out.append(col)
    return out


def _ranks_a_named_column(st: ReadState, p: Parts) -> bool:
    """'the 10 biggest weights …': the superlative ranks a column the question names right
    after it, so that column is one of the things asked for, whatever else is listed."""
    if p.sup_item is None or p.order_col is None:
        return False
    if any(it.kind == "table" and it.start < p.sup_item.start for it in st.items):
        return False  # 'the band with the most members': the band is asked, ranked by members
    # ('top 5 index weights w/ company name': the count between them changes nothing)
    after = next(
        (it for it in st.items if it.start >= p.sup_item.end and it.kind != "number"), None
    )
    return (
        after is not None
        and after.kind == "column"
        and any(
            t.table == p.order_col.table and t.column == p.order_col.column for t in after.targets
        )
    )


def _ranked_by_said(st: ReadState, ranked: Col) -> bool:
    """'top 5 names by ebitda': the column said after 'by' ranks the rows, and its values
    are shown beside the names (as 'top 5 companies by market cap' shows them)."""
    for it in st.items:
        if it.kind != "column" or not it.start or it.start > len(st.words):
            continue
        if st.words[it.start - 1] == "by" and any(
            t.table == ranked.table and t.column == ranked.column for t in it.targets
        ):
            return True
    return False


def _names_the_rows(st: ReadState, name_at: int | None, projection: list[Col]) -> bool:
    """Only the asked columns are shown when the question itself names the rows ('the names
    and ages of …', 'titles of books'); 'the semiconductor companies with their market caps'
    still shows which company each value belongs to."""
    if name_at is not None and name_at > 0:
        return True
    if not projection:
        return False
    if any(names_a_row(st, c) for c in projection):
        return True
    subject = st.lex.catalog.table(projection[0].table)
    if subject is None or projection[0].table != _subject_of(st, projection):
        return False
    from .sqlbuild import name_columns

    # 'the slot and fee of all performances': rows with no name, keyed by a bare number
    surrogate = len(subject.primary_key) == 1 and not name_columns(subject)
    surrogate = surrogate and st.lex.kind_of(subject.name, subject.primary_key[0]) == "number"
    if surrogate and _said_by_number(st, subject.name, subject.primary_key[0]):
        surrogate = False  # 'when did user 12 join': the answer says whose date it is (12)
    # 'the country of the band named Sol Minor': the row is already named by its value
    pinned = any(
        f.op == "=" and f.col.table == subject.name and names_a_row(st, f.col) for f in st.filters
    )
    # 'Apple's current price': a row keyed by a code people use (a ticker) shows that code
    # beside the value, as a bare number key would not
    return surrogate or (pinned and not _coded(st, subject.name))


def _said_by_number(st: ReadState, table: str, key: str) -> bool:
    """'user 12', 'users 5 and 9': the rows named by the table's word and their numbers."""
    said = (f"read as {table}.{key} = ", f"read as {table}.{key} in (")
    return any(note.startswith(said) for _, note in st.notes)


def _coded(st: ReadState, table: str) -> bool:
    """Rows keyed by codes people use ('AAPL'; 'SP500' and 'MSFT' for an index member): the
    code is shown beside a value of a row named otherwise ('Microsoft's weight in the S&P
    500'), as a bare number key would not be."""
    info = st.lex.catalog.table(table)
    if info is None or not info.primary_key or len(info.primary_key) > 2:
        return False
    if not all(st.lex.kind_of(table, k) == "text" for k in info.primary_key):
        return False
    if len(info.primary_key) == 1:
        return True
    # a two-part key is codes only when each part is the code of another table (an index
    # member: the index's symbol and the stock's), not two words of the row itself
    referenced = {
        r.from_column
        for r in st.lex.catalog.relationships
        if r.from_table == table
        and (target := st.lex.catalog.table(r.to_table)) is not None
        and target.primary_key == (r.to_column,)
    }
    return set(info.primary_key) <= referenced


def _one_coded_row_named(st: ReadState, projection: list[Col]) -> bool:
    """'which exchange is Tesla listed on': the value of one row named by its name, on a
    table keyed by codes; shown with its code (TSLA, NMS), not as a list of distinct values."""
    if not projection or len({c.table for c in projection}) != 1:
        return False
    table = projection[0].table
    return _coded(st, table) and any(
        f.op in ("=", "in", "any")
        and f.col.table == table
        and (
            names_a_row(st, f.col)
            or f.col.column in key_columns(st, table)
            or f.op == "any"  # 'apple, msft and nvidia': rows named by name or code
        )
        for f in st.filters
    )


def _subject_of(st: ReadState, projection: list[Col]) -> str:
    """The table of the first table named, else of the first column asked."""
    table = next((it.targets[0].table for it in st.items if it.kind == "table"), None)
    return table or projection[0].table


def _sorted_column(st: ReadState, spec: QuerySpec) -> Col:
    """'the names of bands in alphabetical order': a direction with no column sorts the one
    column shown (the table's name when none is asked); with several it is not guessed."""
    from .sqlbuild import name_columns

    said = " ".join(it.text.lower() for it in st.items if it.kind == "kw" and it.category == "dir")
    if any(w in said for w in ("newest", "recent", "latest", "oldest", "earliest")):
        dates = st.lex.date_columns(spec.table)
        if len(dates) != 1:
            # 'Energy companies, newest first' where companies have no date: never the names
            raise Refuse(f"'{said}' needs one date of {spec.table} to sort by.", said.split()[0])
        return Col(spec.table, dates[0])  # 'user 8's picks, newest first': the pick's date
    shown = list(spec.columns)
    if not shown:
        info = st.lex.catalog.table(spec.table)
        shown = [Col(spec.table, c) for c in (name_columns(info) if info else [])]
    if len(shown) != 1:
        raise Refuse(
            "I could not tell which column to sort by; please say 'sorted by …'.",
            *(c.column for c in shown[:1]),
        )
    return shown[0]
