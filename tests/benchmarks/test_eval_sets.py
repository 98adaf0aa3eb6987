"""The blind evaluation sets are well-formed and their gold SQL answers on their databases.

Checks the sets only (never the engine's score): format, unique ids, a dev/holdout pair per
database, a share of must-declines, every gold query runs and returns rows (an ``empty_range``
question returns none), no tie at a gold query's LIMIT cut (the gold would be arbitrary), and the
database builders are deterministic.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.eval.dbs import NAMES, ensure_db  # noqa: E402
from benchmarks.eval.judge import order_matters  # noqa: E402
from benchmarks.eval.sets import (  # noqa: E402
    SP500,
    SPLITS,
    EvalSet,
    SetFormatError,
    load_set,
    set_paths,
)

SET_PATHS = [path for split in SPLITS for path in set_paths(split)]


@pytest.fixture(scope="module")
def eval_db_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("eval-dbs")


def connect(eval_set: EvalSet, sp500_path: Path, directory: Path) -> sqlite3.Connection:
    path = sp500_path if eval_set.database == SP500 else ensure_db(eval_set.database, directory)
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def run_gold(conn: sqlite3.Connection, sql: str) -> tuple[list[tuple], bool]:
    """The gold query's rows, and whether the row just past its LIMIT has the same ORDER BY
    key as the last one kept (a tie: the gold would be arbitrary). A query with a LIMIT is
    run once, without it and with its order keys added: its rows are the first N of those."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="sqlite")
    limit, order = tree.args.get("limit"), tree.args.get("order")
    if not isinstance(tree, exp.Select) or limit is None or order is None:
        return conn.execute(sql).fetchall(), False
    n = int(limit.expression.name)
    probe = tree.copy()
    probe.set("limit", None)
    # 'ORDER BY n' names a select alias: probe the aliased expression (a bare unknown
    # name would read as the string 'n' in SQLite and look like a tie on every row)
    aliased = {e.alias.lower(): e.this for e in tree.expressions if isinstance(e, exp.Alias)}

    def key(o: exp.Expression) -> exp.Expression:
        # an alias inside an expression too ('ORDER BY ABS(pct_change)')
        return o.this.copy().transform(
            lambda n: (
                aliased[n.name.lower()].copy()
                if isinstance(n, exp.Column) and not n.table and n.name.lower() in aliased
                else n
            )
        )

    ordered = []
    for o in order.expressions:
        resolved = o.copy()
        resolved.set("this", key(o))
        ordered.append(resolved)
    # the select list is kept (GROUP BY may name its aliases), the keys added after it
    width = len(tree.expressions)
    probe.set(
        "expressions", [*(e.copy() for e in tree.expressions), *(o.this.copy() for o in ordered)]
    )
    probe.set("order", exp.Order(expressions=ordered))
    found = conn.execute(probe.sql(dialect="sqlite")).fetchall()
    keys = [row[width:] for row in found]
    return [row[:width] for row in found[:n]], len(keys) > n and keys[n - 1] == keys[n]


def test_sets_exist_in_dev_holdout_pairs():
    databases = {p.stem.rsplit("_", 1)[0] for p in SET_PATHS}
    assert databases == {SP500, *NAMES}
    paired = {p.stem.rsplit("_", 1)[0] for p in set_paths("dev") + set_paths("holdout")}
    for name in paired:
        assert len(set_paths("dev", (name,))) == 1
        assert len(set_paths("holdout", (name,))) == 1
    # a database with only a second dev set (hr) has no holdout to keep blind
    assert databases - paired <= {p.stem.rsplit("_", 1)[0] for p in set_paths("dev2")}


def test_ids_are_unique_across_all_sets():
    ids = [item.id for path in SET_PATHS for item in load_set(path).items]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", SET_PATHS, ids=lambda p: p.stem)
def test_set_shape(path: Path):
    eval_set = load_set(path)
    turns = [t for item in eval_set.items for t in item.turns]
    declines = sum(t.must_decline for t in turns)
    # the first sp500 sets are long; the later ones are the size of the others
    later = SPLITS[SPLITS.index("holdout2") :]
    long_set = eval_set.database == SP500 and eval_set.split not in later
    # a set is at least 35 turns (a later set of sessions has fewer items than turns)
    assert len(eval_set.items) >= 70 if long_set else len(turns) >= 35
    # about one question in ten (Spider-like sets) up to a third must be declined
    assert 0.08 <= declines / len(turns) <= 0.35
    kinds = {t.kind for item in eval_set.items if item.session for t in item.turns[1:]}
    # sp500 sessions hold follow-ups (and most sets new questions in a session too)
    assert "followup" in kinds if eval_set.database == SP500 else kinds


@pytest.mark.parametrize("path", SET_PATHS, ids=lambda p: p.stem)
def test_gold_sql_runs_and_returns_rows(path: Path, sp500_path: Path, eval_db_dir: Path):
    eval_set = load_set(path)
    conn = connect(eval_set, sp500_path, eval_db_dir)
    try:
        for item in eval_set.items:
            empty_turns = 0
            for turn in item.turns:
                for sql in turn.gold_sql:
                    rows, tie = run_gold(conn, sql)
                    empty_turns += not rows
                    if item.category != "empty_range":
                        assert rows, f"{item.id}: gold returns no rows: {sql}"
                    assert not tie, f"{item.id}: tie at the LIMIT: {sql}"
            if item.category == "empty_range":
                # a period outside the data: its turn returns nothing (a session may go on
                # with a question that does)
                assert empty_turns, f"{item.id}: an empty_range item with rows in every turn"
    finally:
        conn.close()


def test_a_malformed_item_is_rejected(tmp_path: Path):
    bad = tmp_path / "school_dev.jsonl"
    bad.write_text(
        '{"id": "x", "question": "q", "category": "c", "expect": "decline", "gold_sql": "SELECT 1"}\n'
    )
    with pytest.raises(SetFormatError, match="gold_sql null"):
        load_set(bad)
    bad.write_text(
        '{"id": "x", "question": "q", "category": "c", "expect": "answer", "gold_sql": "SELECT 1"}\n'
        * 2
    )
    with pytest.raises(SetFormatError, match="duplicate ids"):
        load_set(bad)


@pytest.mark.parametrize("name", NAMES)
def test_database_builders_are_deterministic(name: str, tmp_path: Path):
    import importlib

    module = importlib.import_module(f"benchmarks.eval.dbs.{name}")
    dumps = []
    for k in range(2):
        path = tmp_path / f"{name}{k}.sqlite"
        module.build(path)
        conn = sqlite3.connect(path)
        dumps.append(list(conn.iterdump()))
        conn.close()
    assert dumps[0] == dumps[1]
    assert sum(line.startswith("INSERT") for line in dumps[0]) >= 300


def test_order_counts_only_when_the_gold_order_has_no_ties(eval_db_dir: Path):
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    db = SQLiteDatabase(ensure_db("school", eval_db_dir), "school")
    try:
        assert order_matters(db, "SELECT DName FROM Department ORDER BY Budget DESC")
        assert not order_matters(db, "SELECT DName FROM Department")
        # many students share an age: the gold order among them is arbitrary
        assert not order_matters(db, "SELECT Lname FROM Student ORDER BY Age")
        assert not order_matters(
            db, "SELECT Country, COUNT(*) AS n FROM Student GROUP BY Country ORDER BY n"
        )
        assert order_matters(db, "SELECT StuID FROM Student ORDER BY 1")
    finally:
        db.close()


@pytest.mark.parametrize("path", SET_PATHS, ids=lambda p: p.stem)
def test_gold_sql_means_the_same_to_the_judge(path: Path, sp500_path: Path, eval_db_dir: Path):
    """The judge runs gold SQL the way the sandbox runs any SQL (read as MySQL, then run on
    SQLite): a gold quoting a name SQLite's way (``"Service Type"`` is a string in MySQL)
    would score the engine against the wrong rows. (Other differences are MySQL's on purpose,
    e.g. a FLOAT column compared in single precision, and apply to engine and gold alike.)"""
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    eval_set = load_set(path)
    conn = connect(eval_set, sp500_path, eval_db_dir)
    file = sp500_path if eval_set.database == SP500 else ensure_db(eval_set.database, eval_db_dir)
    database = SQLiteDatabase(file, eval_set.database, immutable=True)

    def rows(found) -> list[tuple[str, ...]]:
        return sorted(tuple(str(v) for v in r) for r in found)

    try:
        for item in eval_set.items:
            for turn in item.turns:
                for sql in (sql for sql in turn.gold_sql if '"' in sql or "||" in sql):
                    judged = database.query(sql, max_rows=100_000).rows
                    assert rows(judged) == rows(conn.execute(sql).fetchall()), (item.id, sql)
    finally:
        database.close()
        conn.close()


def test_a_gold_rounded_for_display_matches_the_same_number_unrounded(sp500_path: Path):
    """'ROUND(x, 2)' in a gold is for reading; -6.7598… is the answer -6.76 shows. A
    different number still does not match."""
    from benchmarks.eval.judge import judge
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    database = SQLiteDatabase(sp500_path, immutable=True)
    gold = ("SELECT ROUND(100.0 * 1 / 3, 2) AS pct",)
    try:
        assert judge(database, [[33.333333]], gold) == (True, True)
        assert judge(database, [[33.36]], gold) == (False, False)
        assert judge(database, [["33.333333"]], ("SELECT 100.0 * 1 / 3",))[0] is False
    finally:
        database.close()


def test_a_month_said_with_its_one_year_matches_a_gold_keyed_by_month(sp500_path: Path):
    """'2023-07' per row of 2023 is the group '07' of a gold grouped by strftime('%m'); rows
    of two years keep their years (then '07' would be two months)."""
    from benchmarks.eval.judge import judge
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    database = SQLiteDatabase(sp500_path, immutable=True)
    gold = ("SELECT '07' AS m, 5 UNION ALL SELECT '08', 6",)
    try:
        assert judge(database, [["2023-07", 5], ["2023-08", 6]], gold)[0]
        assert not judge(database, [["2022-07", 5], ["2023-08", 6]], gold)[0]
        assert not judge(database, [["2023-07", 6], ["2023-08", 5]], gold)[0]
    finally:
        database.close()


def test_a_quarter_said_with_its_one_year_matches_a_gold_keyed_by_quarter(sp500_path: Path):
    """'2023-Q1' per row of 2023 is the group 1 of a gold grouped by the quarter's number; rows
    of two years keep their years."""
    from benchmarks.eval.judge import judge
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    database = SQLiteDatabase(sp500_path, immutable=True)
    gold = ("SELECT 1 AS q, 5 UNION ALL SELECT 2, 6",)
    try:
        assert judge(database, [["2023-Q1", 5], ["2023-Q2", 6]], gold)[0]
        assert not judge(database, [["2022-Q1", 5], ["2023-Q2", 6]], gold)[0]
        assert not judge(database, [["2023-Q1", 6], ["2023-Q2", 5]], gold)[0]
    finally:
        database.close()


def test_a_tie_check_reads_an_order_by_alias_as_its_expression(sp500_path: Path):
    conn = sqlite3.connect(f"{sp500_path.as_uri()}?mode=ro", uri=True)
    by_alias = "SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector ORDER BY n DESC"
    by_expression = by_alias.replace("ORDER BY n", "ORDER BY COUNT(*)")
    for limit in (1, 3, 30):
        assert run_gold(conn, f"{by_alias} LIMIT {limit}") == run_gold(
            conn, f"{by_expression} LIMIT {limit}"
        )
    assert not run_gold(conn, f"{by_alias} LIMIT 1")[1]
    # the rows are the query's own, cut at its LIMIT
    for limit in (1, 3):
        sql = f"{by_alias}, sector LIMIT {limit}"
        assert run_gold(conn, sql)[0] == conn.execute(sql).fetchall()
    # a tie at the cut is seen: many companies share a sector's count of 1 or more
    assert run_gold(conn, "SELECT stock_symbol, sector FROM companies ORDER BY sector LIMIT 2")[1]


def test_a_tie_check_reads_an_alias_inside_an_order_expression(sp500_path: Path):
    """'ORDER BY ABS(pct)': once read as the name 'pct' on every row, a tie everywhere."""
    conn = sqlite3.connect(f"{sp500_path.as_uri()}?mode=ro", uri=True)
    inner = "SELECT stock_symbol, revenue_growth - 0.05 AS g FROM companies"
    assert not run_gold(
        conn, f"{inner} WHERE revenue_growth IS NOT NULL ORDER BY ABS(g) DESC, stock_symbol LIMIT 3"
    )[1]
    # a real tie through the alias is still seen: every row's key is the same
    assert run_gold(conn, "SELECT stock_symbol, 1 AS k FROM companies ORDER BY ABS(k) LIMIT 2")[1]
    conn.close()
