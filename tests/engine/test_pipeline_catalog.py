"""Linking, interpretation and SQL building against a hand-made catalog (no database)."""

from __future__ import annotations

import pytest
import sqlglot

from c2q_repl.sandbox.contracts import Catalog, ColumnInfo, Relationship, TableInfo
from c2q_repl.sandbox.engine.interpret import interpret
from c2q_repl.sandbox.engine.linking import link
from c2q_repl.sandbox.engine.spec import Decline, QuerySpec
from c2q_repl.sandbox.engine.sqlbuild import PlanError, build, join_path
from c2q_repl.sandbox.engine.vocabulary import build_lexicon

SHOPS = TableInfo(
    "shops",
    (
        ColumnInfo("shop_id", "INT", primary_key=True),
        ColumnInfo("city", "VARCHAR(20)"),
        ColumnInfo("floor_area", "DOUBLE", "Floor area"),
    ),
    "Shops",
    ("shop_id",),
)
ORDERS = TableInfo(
    "orders",
    (
        ColumnInfo("order_id", "INT", primary_key=True),
        ColumnInfo("shop_id", "INT"),
        ColumnInfo("amount", "DECIMAL(10,2)", "Order amount"),
        ColumnInfo("order_date", "DATE"),
    ),
    "Orders",
    ("order_id",),
)
REL = (Relationship("orders", "shop_id", "shops", "shop_id"),)


def catalog(dialect: str = "sqlite") -> Catalog:
    return Catalog("shopdb", dialect, (SHOPS, ORDERS), REL)


def spec_for(question: str, dialect: str = "sqlite") -> QuerySpec | Decline:
    lex = build_lexicon(catalog(dialect), None, {})
    return interpret(link(question, lex), lex)


def test_count_and_aggregate_from_names_and_comments():
    spec = spec_for("How many shops are there?")
    assert isinstance(spec, QuerySpec) and spec.shape == "count" and spec.table == "shops"
    spec = spec_for("total order amount")
    assert spec.metric.func == "SUM" and spec.metric.col.column == "amount"


def test_grouped_aggregate_joins_along_the_key():
    spec = spec_for("average order amount per city")
    built = build(spec, catalog())
    assert "JOIN shops ON orders.shop_id = shops.shop_id" in built.sql
    assert "GROUP BY shops.city" in built.sql
    assert built.columns == ("city", "average_amount")


def test_top_n_orders_with_primary_key_tie_breaker():
    built = build(spec_for("top 3 shops by floor area"), catalog())
    assert built.sql.endswith("ORDER BY floor_area DESC, shop_id ASC LIMIT 3")


def test_plain_list_gets_a_stated_limit():
    built = build(spec_for("list shops"), catalog())
    assert "LIMIT 1000" in built.sql
    assert ("row limit", "Showing at most 1000 rows") in built.assumptions


def test_sql_is_rendered_per_dialect_from_the_tree():
    sqlite_sql = build(spec_for("orders with amount over 10 in 2023"), catalog("sqlite")).sql
    mysql_sql = build(spec_for("orders with amount over 10 in 2023", "mysql"), catalog("mysql")).sql
    for sql, dialect in ((sqlite_sql, "sqlite"), (mysql_sql, "mysql")):
        tree = sqlglot.parse_one(sql, read=dialect)
        assert tree.find(sqlglot.exp.Limit) is not None
    assert "order_date >= '2023-01-01'" in sqlite_sql and "amount > 10" in mysql_sql


@pytest.mark.parametrize(
    "question,word",
    [
        ("How many shops have churned?", "churned"),
        ("average basket size per city", "basket"),
    ],
)
def test_unknown_words_decline_with_the_word(question, word):
    spec = spec_for(question)
    assert isinstance(spec, Decline) and word in spec.reason


@pytest.mark.parametrize(
    "question",
    [
        "ratio of amount to floor area",
        "rank shops by floor area",
        "compare amount with last year",
        "median order amount",
    ],
)
def test_unsupported_concepts_decline_with_a_reason(question):
    spec = spec_for(question)
    assert isinstance(spec, Decline) and len(spec.reason) > 20


def test_time_range_needs_a_date_column():
    spec = spec_for("how many shops in 2023")
    assert isinstance(spec, Decline) and "date column" in spec.reason


def test_join_path_ambiguity_and_absence_raise():
    a = TableInfo("a", (ColumnInfo("id", "INT"),), primary_key=("id",))
    b = TableInfo("b", (ColumnInfo("id", "INT"),), primary_key=("id",))
    c = TableInfo("c", (ColumnInfo("id", "INT"),), primary_key=("id",))
    d = TableInfo("d", (ColumnInfo("id", "INT"),), primary_key=("id",))
    rels = (
        Relationship("a", "id", "b", "id"),
        Relationship("a", "id", "c", "id"),
        Relationship("b", "id", "d", "id"),
        Relationship("c", "id", "d", "id"),
    )
    cat = Catalog("x", "sqlite", (a, b, c, d), rels)
    assert [t for t, _ in join_path(cat, "a", "b")] == ["b"]
    with pytest.raises(PlanError, match="more than one way"):
        join_path(cat, "a", "d")
    with pytest.raises(PlanError, match="no key path"):
        join_path(Catalog("x", "sqlite", (a, b)), "a", "b")


def test_spec_round_trips_through_json():
    import json

    spec = spec_for("top 3 orders by amount in 2023")
    assert isinstance(spec, QuerySpec) and spec.filters and spec.notes
    assert QuerySpec.from_json(json.loads(json.dumps(spec.to_json()))) == spec
