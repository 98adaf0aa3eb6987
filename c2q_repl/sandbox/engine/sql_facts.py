"""What a finished SQL statement says, read back with sqlglot for the precision guard.

The guard (guard.py) compares the question with the SQL the engine built, not with the
engine's intent: whatever went wrong on the way, the SQL is what the user gets. These are
the plain facts it needs — the literals, the tables and columns read, the aggregates — and
the SQL-only checks that need no question at all (a table the database lacks, a condition
that can never hold, a count that is always 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog

from .names import split_words

_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.In, exp.Like, exp.Between)
# a column whose last name word says it numbers or identifies rows: summing it counts nothing
ORDINAL_WORDS = frozenset(
    {"order", "sequence", "seq", "position", "rank", "ranking", "id", "key", "code", "index"}
)

_IDENTIFYING = frozenset({"id", "key", "code"})


@dataclass(frozen=True)
class SqlFacts:
    """The parts of one statement the guard's rules look at."""

    tree: exp.Expr
    strings: tuple[str, ...]  # string literals, lowercased
    numbers: tuple[float, ...]  # numeric literals (LIMIT included)
    columns: frozenset[str]  # column names read anywhere, lowercased
    tables: tuple[str, ...]  # table names as written in FROM/JOIN


def read_sql(sql: str, dialect: str) -> SqlFacts | None:
    """The facts of ``sql``, or None when sqlglot cannot read it back."""
    import sqlglot
    from sqlglot.errors import SqlglotError

    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except (SqlglotError, ValueError):
        return None
    if tree is None:
        return None
    strings, numbers = [], []
    for lit in tree.find_all(exp.Literal):
        if lit.is_string:
            strings.append(lit.name.lower())
        else:
            try:
                numbers.append(float(lit.name))
            except ValueError:
                continue
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    tables = tuple(t.name for t in tree.find_all(exp.Table) if t.name.lower() not in ctes)
    columns = frozenset(c.name.lower() for c in tree.find_all(exp.Column))
    return SqlFacts(tree, tuple(strings), tuple(numbers), columns, tables)


def missing_tables(facts: SqlFacts, catalog: Catalog) -> list[str]:
    """Tables the SQL reads that the database does not have (e.g. 'Order Items' written
    unquoted, read back as the table Order aliased Items)."""
    known = {t.name.lower() for t in catalog.tables}
    return [t for t in facts.tables if t.lower() not in known]


def missing_columns(facts: SqlFacts, catalog: Catalog) -> list[str]:
    """Column names the SQL reads that no table has and no alias of the query defines."""
    known = {c.name.lower() for t in catalog.tables for c in t.columns}
    aliases = {a.alias.lower() for a in facts.tree.find_all(exp.Alias)}
    aliases |= {
        c.name.lower() for ta in facts.tree.find_all(exp.TableAlias) for c in ta.columns or ()
    }
    names = {c.name for c in facts.tree.find_all(exp.Column)}
    return sorted(c for c in names if c.lower() not in known | aliases)


def _conjuncts(where: exp.Expr) -> list[exp.Expr]:
    node = where.this if isinstance(where, exp.Where) else where
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.And):
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


def _column_key(node: exp.Expr) -> str | None:
    return node.sql() if isinstance(node, exp.Column) else None


def never_true(facts: SqlFacts) -> str | None:
    """A WHERE that no row can satisfy: a column both empty (IS NULL) and compared, or equal
    to two different values. Returns the column, or None."""
    for select in facts.tree.find_all(exp.Select):
        where = select.args.get("where")
        if where is None:
            continue
        empty: set[str] = set()
        compared: set[str] = set()
        equal: dict[str, set[str]] = {}
        above: dict[str, float] = {}  # the highest lower bound of each column
        below: dict[str, float] = {}  # the lowest upper bound
        for cond in _conjuncts(where):
            bound = _bound(cond)
            if bound is not None:
                col, side, value = bound
                if side == "above":
                    above[col] = max(value, above.get(col, value))
                else:
                    below[col] = min(value, below.get(col, value))
            if isinstance(cond, exp.Is) and isinstance(cond.expression, exp.Null):
                key = _column_key(cond.this)
                if key:
                    empty.add(key)
            elif isinstance(cond, _COMPARISONS):
                key = _column_key(cond.this)
                if key is None:
                    continue
                compared.add(key)
                if isinstance(cond, exp.EQ) and isinstance(cond.expression, exp.Literal):
                    equal.setdefault(key, set()).add(cond.expression.name.lower())
        both = sorted(empty & compared)
        if both:
            return both[0]
        clash = sorted(k for k, values in equal.items() if len(values) > 1)
        clash += sorted(k for k in above if k in below and above[k] > below[k])
        if clash:
            return clash[0]
    return None


def _bound(cond: exp.Expr) -> tuple[str, str, float] | None:
    """``col > 20`` → (col, "above", 20); ``col < 18`` → (col, "below", 18); else None.
    Only bounds that cross are flagged ('x > 20 AND x < 18'), never touching ones."""
    if not isinstance(cond, (exp.GT, exp.GTE, exp.LT, exp.LTE)):
        return None
    key = _column_key(cond.this)
    value = cond.expression
    if key is None or not isinstance(value, exp.Literal) or value.is_string:
        return None
    number = _as_float(value.name)
    if number is None:
        return None
    side = "above" if isinstance(cond, (exp.GT, exp.GTE)) else "below"
    return key, side, number


def condition_columns(facts: SqlFacts) -> list[str]:
    """Columns read in a condition: WHERE, HAVING, or a CASE WHEN (a share of rows)."""
    found = []
    for node in facts.tree.find_all(exp.Where, exp.Having, exp.If):
        condition = node.this if isinstance(node, exp.If) else node
        found += [c.name for c in condition.find_all(exp.Column)]
    return found


def empty_joined_columns(facts: SqlFacts) -> list[str]:
    """Columns of an INNER-joined table that the WHERE requires to be NULL."""
    found = []
    for select in facts.tree.find_all(exp.Select):
        joined = {
            j.this.alias_or_name.lower()
            for j in select.args.get("joins") or ()
            if isinstance(j.this, exp.Table) and j.side not in ("LEFT", "RIGHT", "FULL")
        }
        where = select.args.get("where")
        if not joined or where is None:
            continue
        for cond in _conjuncts(where):
            if isinstance(cond, exp.Is) and isinstance(cond.expression, exp.Null):
                col = cond.this
                if isinstance(col, exp.Column) and col.table.lower() in joined:
                    found.append(col.sql())
    return found


def counted_base(facts: SqlFacts) -> str | None:
    """The table whose rows the outer COUNT(*) counts when it joins others (its FROM table),
    or None: no join, no COUNT(*), or a grouping."""
    tree = facts.tree
    if not isinstance(tree, exp.Select) or not tree.args.get("joins"):
        return None
    if tree.args.get("group") is not None:
        return None
    star = any(
        isinstance(c.this, exp.Star) for e in tree.expressions for c in e.find_all(exp.Count)
    )
    source = tree.args.get("from_") or tree.args.get("from")
    table = source.this if source is not None else None
    if not star or not isinstance(table, exp.Table):
        return None
    return table.name


def unequal_to(facts: SqlFacts, values: set[str]) -> bool:
    """Whether the SQL keeps rows whose column is NOT one of ``values`` (<>, NOT IN)."""
    for node in facts.tree.find_all(exp.NEQ, exp.Not):
        cmp = node.this if isinstance(node, exp.Not) else node
        if isinstance(cmp, (exp.NEQ, exp.In)) and any(
            isinstance(lit, exp.Literal) and lit.name.lower() in values
            for lit in cmp.find_all(exp.Literal)
        ):
            return True
    return False


def has_alternatives(facts: SqlFacts) -> bool:
    """An OR, or an IN list of two or more values, anywhere in the statement."""
    if facts.tree.find(exp.Or) is not None:
        return True
    return any(len(i.expressions) > 1 for i in facts.tree.find_all(exp.In))


def _same_as(select: exp.Select) -> dict[str, set[str]]:
    """Columns made equal by the joins' ON conditions: each column → its equals (itself too)."""
    groups: dict[str, set[str]] = {}
    for join in select.args.get("joins") or ():
        on = join.args.get("on")
        if on is None:
            continue
        for cond in _conjuncts(on):
            if isinstance(cond, exp.EQ):
                left, right = _column_key(cond.left), _column_key(cond.right)
                if left and right:
                    merged = groups.get(left, {left}) | groups.get(right, {right})
                    for key in merged:
                        groups[key] = merged
    return groups


def constant_counts(facts: SqlFacts) -> str | None:
    """COUNT(DISTINCT c) where c is (joined equal to) a column the rows are grouped by: it is
    1 in every group, so any HAVING or ranking on it says nothing. Returns the count's SQL."""
    for select in facts.tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None:
            continue
        same = _same_as(select)
        grouped: set[str] = set()
        for key in (_column_key(e) for e in group.expressions):
            if key:
                grouped |= same.get(key, {key})
        for count in select.find_all(exp.Count):
            arg = count.this
            if not isinstance(arg, exp.Distinct) or len(arg.expressions) != 1:
                continue
            key = _column_key(arg.expressions[0])
            if key and key in grouped:
                return count.sql()
    return None


def summed_ordinals(facts: SqlFacts, catalog: Catalog) -> list[str]:
    """Columns the SQL adds up (SUM) or averages that number or identify rows (Stop_Order,
    a key): such a total counts nothing."""
    keys = {(r.from_table.lower(), r.from_column.lower()) for r in catalog.relationships} | {
        (r.to_table.lower(), r.to_column.lower()) for r in catalog.relationships
    }
    keyed = {c for _, c in keys} | {
        c.name.lower() for t in catalog.tables for c in t.columns if c.primary_key
    }
    found = []
    for agg in facts.tree.find_all(exp.Sum, exp.Avg):
        col = agg.this
        if not isinstance(col, exp.Column):
            continue
        words = split_words(col.name.replace(" ", "_")) or [col.name.lower()]
        if isinstance(agg, exp.Sum):
            if words[-1] in ORDINAL_WORDS or col.name.lower() in keyed:
                found.append(col.name)
        elif words[-1] in _IDENTIFYING:  # an average rank is a real question; an average id not
            found.append(col.name)
    return found


def compared_with_column(facts: SqlFacts, number: float, catalog: Catalog) -> bool:
    """Whether ``number`` is compared with a column of the database itself (not a COUNT, a
    LIMIT or a rank computed by the query): 'the origin of at least 2 routes' read as
    Minutes_From_Origin >= 2 instead of a count of routes."""
    known = {c.name.lower() for t in catalog.tables for c in t.columns}
    for cmp in facts.tree.find_all(exp.GT, exp.GTE, exp.LT, exp.LTE, exp.EQ, exp.NEQ):
        sides = (cmp.left, cmp.right)
        column = any(isinstance(s, exp.Column) and s.name.lower() in known for s in sides)
        literal = any(isinstance(s, exp.Literal) and _as_float(s.name) == number for s in sides)
        if column and literal:
            return True
    return False


def columns_compared_with(facts: SqlFacts, number: float) -> list[str]:
    """The columns the SQL compares with ``number`` (=, <, >, BETWEEN, IN …)."""
    found = []
    for cmp in facts.tree.find_all(*_COMPARISONS):
        if not isinstance(cmp.this, exp.Column):
            continue
        values = [lit for lit in cmp.find_all(exp.Literal) if not lit.is_string]
        if any(_as_float(v.name) == number for v in values):
            found.append(cmp.this.name)
    return found


def dated_columns(facts: SqlFacts, phrase: str) -> list[str]:
    """Columns the SQL compares with the year(s) of a time phrase ('in 2021' → Birth_Year =
    2021, or join_date >= '2021-01-01')."""
    import re

    years = set(re.findall(r"\b(1[89]\d\d|2\d\d\d)\b", phrase))
    if not years:
        return []
    found = []
    for cmp in facts.tree.find_all(*_COMPARISONS):
        column = cmp.this if isinstance(cmp.this, exp.Column) else None
        if column is None:
            continue
        for lit in cmp.find_all(exp.Literal):
            text = lit.name
            if any(text.startswith(y) for y in years) or (
                not lit.is_string
                and _as_float(text) is not None
                and any(abs(float(text) - int(y)) <= 1 for y in years)
            ):
                found.append(column.name)
                break
    return found


def keeps_extreme_group(facts: SqlFacts) -> bool:
    """GROUP BY … HAVING agg = (SELECT MAX/MIN …): only the group(s) at the extreme are kept."""
    for select in facts.tree.find_all(exp.Select):
        having = select.args.get("having")
        if having is None:
            continue
        for eq in having.find_all(exp.EQ):
            sub = eq.right if isinstance(eq.right, exp.Subquery) else eq.left
            if isinstance(sub, exp.Subquery) and sub.find(exp.Max, exp.Min) is not None:
                return True
    return False


def shown_columns(facts: SqlFacts) -> list[str] | None:
    """The columns the outer SELECT shows, or None when it aggregates or groups (or is not a
    plain SELECT)."""
    tree = facts.tree
    if not isinstance(tree, exp.Select) or tree.args.get("group") is not None:
        return None
    shown = []
    for projection in tree.expressions:
        if projection.find(exp.AggFunc) is not None:
            return None
        node = projection.this if isinstance(projection, exp.Alias) else projection
        if isinstance(node, exp.Column):
            shown.append(node.name)
        elif isinstance(node, exp.Star):
            return None
    return shown


LIST_CAP = 1000  # the engine's own cap on a listing's rows, not a number of the question


def row_cuts(facts: SqlFacts) -> list[float]:
    """How many rows the SQL keeps: its LIMITs below the listing cap, and the N of a
    'rank <= N' on a window-function rank (top N within each group)."""
    cuts = []
    for limit in facts.tree.find_all(exp.Limit):
        value = (
            _as_float(limit.expression.name) if isinstance(limit.expression, exp.Literal) else None
        )
        if value is not None and value < LIST_CAP:
            cuts.append(value)
    ranks = {
        a.alias.lower() for a in facts.tree.find_all(exp.Alias) if isinstance(a.this, exp.Window)
    }
    for cmp in facts.tree.find_all(exp.LT, exp.LTE):
        if isinstance(cmp.left, exp.Column) and cmp.left.name.lower() in ranks:
            value = _as_float(cmp.right.name) if isinstance(cmp.right, exp.Literal) else None
            if value is not None:
                cuts.append(value + (0 if isinstance(cmp, exp.LTE) else -1))
    return cuts


def _as_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
