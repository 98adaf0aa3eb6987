"""Whether an engine's SQL answers a gold query: rows compared with the golden set's rule.

Order counts only when the gold query's outermost SELECT has an ORDER BY whose keys are distinct
across the gold rows: with ties the gold order itself is arbitrary, so the rows are compared as
a multiset (a stricter check would mark a right answer wrong by chance).
"""

from __future__ import annotations

import re
from itertools import combinations

from c2q_repl.sandbox.contracts import Database
from c2q_repl.sandbox.engine.golden import gold_rows, rows_match

MAX_ROWS = 100_000


def order_matters(db: Database, gold_sql: str) -> bool:
    """True when the gold's outer ORDER BY fixes the order of its rows (no ties)."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    try:
        tree = sqlglot.parse_one(gold_sql, read="sqlite")
    except SqlglotError:
        return " order by " in gold_sql.lower()
    order = tree.args.get("order")
    if not isinstance(tree, exp.Select) or order is None:
        return False
    aliases = {e.alias: e.this for e in tree.expressions if isinstance(e, exp.Alias)}
    keys, resolved = [], []
    for ordered in order.expressions:
        key = ordered.this
        if isinstance(key, exp.Literal) and key.is_int:
            key = tree.expressions[int(key.name) - 1]
            key = key.this if isinstance(key, exp.Alias) else key
        elif isinstance(key, exp.Column) and not key.table and key.name in aliases:
            key = aliases[key.name]
        keys.append(key.copy())
        resolved.append(exp.Ordered(this=key.copy(), desc=ordered.args.get("desc")))
    probe = tree.copy()
    probe.set("expressions", keys)
    probe.set("order", exp.Order(expressions=resolved))
    try:
        rows = gold_rows(db, probe.sql(dialect="sqlite"), MAX_ROWS)
    except Exception:  # noqa: BLE001 - when unsure, keep the strict (ordered) comparison
        return True
    return len({tuple(r) for r in rows}) == len(rows)


def matches(db: Database, predicted_rows: list[list], golds: tuple[str, ...]) -> bool:
    """True when the predicted rows match the gold query or one of its alternatives."""
    return judge(db, predicted_rows, golds)[0]


def judge(db: Database, predicted_rows: list[list], golds: tuple[str, ...]) -> tuple[bool, bool]:
    """(matches, exactly): ``exactly`` also asks for no column beyond the gold's, the rule of
    Spider's execution match (an id shown next to the names asked for counts as wrong there)."""
    found = False
    for gold_sql in golds:
        gold = gold_rows(db, gold_sql, MAX_ROWS)
        ordered = order_matters(db, gold_sql)
        if (
            rows_match(gold, predicted_rows, ordered)
            or any(
                rows_match(gold, _rounded(predicted_rows, digits), ordered)
                for digits in _ROUNDED_TO.findall(gold_sql)
            )
            or rows_match(gold, _months_of_one_year(predicted_rows), ordered)
            or rows_match(gold, _quarters_of_one_year(predicted_rows), ordered)
            or rows_match(gold, _quarters_of_one_year(predicted_rows, labelled=True), ordered)
            or _stacked(gold, predicted_rows)
            or _side_by_side(gold, predicted_rows)
        ):
            found = True
            if not gold or len(predicted_rows[0]) == len(gold[0]):
                return True, True
    return found, False


def _stacked(gold: list[list], predicted: list[list]) -> bool:
    """A gold of one row of k values ('start_price, end_price') answered as k rows, one value
    each ('the index at the start and at the end of 2023', each row with its day): the same
    values, in the same order, in one column of the answer."""
    if len(gold) != 1 or len(gold[0]) < 2 or len(predicted) != len(gold[0]):
        return False
    wanted = [[value] for value in gold[0]]
    return any(
        rows_match(wanted, [[row[i]] for row in predicted], True)
        for i in range(len(predicted[0]) if predicted else 0)
    )


def _side_by_side(gold: list[list], predicted: list[list]) -> bool:
    """The other way round: a gold of k labelled rows ('up', 130 / 'down', 120) answered as
    one row of k values ('up_days 130, down_days 120'). Only for two to four rows, whose
    values must all be among the answer's, each used once."""
    if len(predicted) != 1 or not 2 <= len(gold) <= 4 or len(gold[0]) < 2:
        return False
    row = predicted[0]
    for i in range(len(gold[0])):
        wanted = [[g[i]] for g in gold]
        if any(
            rows_match(wanted, [[v] for v in pick], False) for pick in combinations(row, len(gold))
        ):
            return True
    return False


# 'ROUND(x * 100.0 / y, 2)': a gold written for display; the same number unrounded is the
# same answer, so the prediction is compared rounded the same way too
_ROUNDED_TO = re.compile(r"\bROUND\s*\(.*?,\s*(\d)\s*\)", re.I | re.S)


def _rounded(rows: list[list], digits: str) -> list[list]:
    def one(value):
        if isinstance(value, bool) or value is None:
            return value
        try:
            number = float(value)
        except (TypeError, ValueError):
            return value
        return round(number, int(digits))

    return [[one(v) for v in row] for row in rows]


_YEAR_MONTH = re.compile(r"^(\d{4})-(\d\d)$")


def _months_of_one_year(rows: list[list]) -> list[list]:
    """A month key said with its year ('2023-07') when every row is of one year: the same
    groups as a gold keyed by the month alone ('07', strftime('%m'))."""
    if not rows:
        return rows
    keyed = []
    for i in range(len(rows[0])):
        found = [_YEAR_MONTH.match(str(r[i])) for r in rows]
        if all(found) and len({m.group(1) for m in found if m}) == 1:
            keyed.append(i)
    if not keyed:
        return rows
    return [[str(v)[5:] if i in keyed else v for i, v in enumerate(row)] for row in rows]


_YEAR_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _quarters_of_one_year(rows: list[list], labelled: bool = False) -> list[list]:
    """A quarter key said with its year ('2023-Q1') when every row is of one year: the same
    groups as a gold keyed by the quarter's number alone (1 … 4), as for months, or by its
    label alone ('Q1', ``labelled``)."""
    if not rows:
        return rows
    keyed = []
    for i in range(len(rows[0])):
        found = [_YEAR_QUARTER.match(str(r[i])) for r in rows]
        if all(found) and len({m.group(1) for m in found if m}) == 1:
            keyed.append(i)
    if not keyed:
        return rows

    def key(value) -> int | str:
        return str(value)[5:] if labelled else int(str(value)[6])

    return [[key(v) if i in keyed else v for i, v in enumerate(row)] for row in rows]
