"""The sp500insight schema as data: tables, columns, types, keys and COMMENTs.

One definition feeds both backends: the SQLite seed creates its tables from
it (SQLite has no COMMENT clause, so the comments live here and the SQLite
catalog reads them back from this module), and the MySQL seed renders real
``COMMENT '...'`` clauses from it. Names, types and comments follow the
original 2023 schema of pingcap/sp500-insight-template (with ``users``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from c2q_repl.sandbox.contracts import Relationship, TableInfo


@dataclass(frozen=True)
class ColumnDef:
    name: str
    type: str  # MySQL type text; SQLite accepts it as a declared type
    comment: str
    nullable: bool = False
    default: str | None = None
    auto_increment: bool = False


@dataclass(frozen=True)
class TableDef:
    name: str
    comment: str
    columns: tuple[ColumnDef, ...]
    primary_key: tuple[str, ...]

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _col(name: str, type_: str, comment: str, nullable: bool = False, **kw) -> ColumnDef:
    return ColumnDef(name, type_, comment, nullable, **kw)


SP500_TABLES: tuple[TableDef, ...] = (
    TableDef(
        "indexes",
        "Indexes",
        (
            _col("index_symbol", "VARCHAR(10)", "Index code"),
            _col("short_name", "VARCHAR(50)", "Index name"),
        ),
        ("index_symbol",),
    ),
    TableDef(
        "index_compositions",
        "Index compositions",
        (
            _col("index_symbol", "VARCHAR(10)", "Index code"),
            _col("stock_symbol", "VARCHAR(10)", "Stock code"),
            _col("weight", "DOUBLE", "Weight in the index", default="0"),
        ),
        ("index_symbol", "stock_symbol"),
    ),
    TableDef(
        "index_price_history",
        "Index price history",
        (
            _col("record_date", "DATE", "Record date"),
            _col("index_symbol", "VARCHAR(10)", "Index code"),
            _col("price", "DECIMAL(18,2)", "Index price"),
        ),
        ("record_date", "index_symbol"),
    ),
    TableDef(
        "stock_price_history",
        "Stock price history",
        (
            _col("record_date", "DATE", "Record date"),
            _col("stock_symbol", "VARCHAR(10)", "Stock code"),
            _col("adj_close", "DECIMAL(32,16)", "Adjusted close price", True),
            _col("close", "DECIMAL(32,16)", "Close price", True),
            _col("high", "DECIMAL(32,16)", "High price", True),
            _col("low", "DECIMAL(32,16)", "Low price", True),
            _col("open", "DECIMAL(32,16)", "Open price", True),
            _col("volume", "BIGINT", "Trading volume", True),
        ),
        ("record_date", "stock_symbol"),
    ),
    TableDef(
        "companies",
        "Companies",
        (
            _col("stock_symbol", "VARCHAR(10)", "Stock code"),
            _col("exchange_symbol", "VARCHAR(50)", "Exchange code"),
            _col("short_name", "VARCHAR(50)", "Company short name", True),
            _col("long_name", "VARCHAR(100)", "Company full name", True),
            _col("sector", "VARCHAR(50)", "Industry sector", True),
            _col("industry", "VARCHAR(50)", "Industry", True),
            _col("current_price", "DECIMAL(18,2)", "Current stock price", True),
            _col("market_cap", "BIGINT", "Market capitalization", True),
            _col(
                "ebitda",
                "BIGINT",
                "Earnings before interest, taxes, depreciation, and amortization",
                True,
            ),
            _col("revenue_growth", "FLOAT", "Revenue growth", True),
            _col("city", "VARCHAR(50)", "City", True),
            _col("state", "VARCHAR(50)", "State/Province", True),
            _col("country", "VARCHAR(50)", "Country", True),
            _col("country_code", "VARCHAR(3)", "Country code", True),
            _col("full_time_employees", "INT", "Number of full-time employees", True),
            _col("long_business_summary", "TEXT", "Company description", True),
        ),
        ("stock_symbol",),
    ),
    TableDef(
        "users",
        "Users",
        (
            _col("user_id", "INT", "User ID", auto_increment=True),
            _col("created_date", "DATETIME", "Creation date"),
        ),
        ("user_id",),
    ),
    TableDef(
        "user_selected_stocks",
        "User selected stocks",
        (
            _col("user_id", "INT", "User ID"),
            _col("stock_symbol", "VARCHAR(10)", "Stock code"),
            _col("created_date", "DATETIME", "Creation date"),
        ),
        ("user_id", "stock_symbol"),
    ),
)


def table_def(name: str) -> TableDef | None:
    for t in SP500_TABLES:
        if t.name == name:
            return t
    return None


def comments_for(table: str) -> tuple[str, dict[str, str]]:
    """(table comment, {column: comment}) from the definitions; empty when unknown."""
    t = table_def(table)
    if t is None:
        return "", {}
    return t.comment, {c.name: c.comment for c in t.columns}


def sqlite_ddl(t: TableDef) -> str:
    cols = []
    for c in t.columns:
        parts = [f'"{c.name}"', c.type]
        if not c.nullable:
            parts.append("NOT NULL")
        if c.default is not None:
            parts.append(f"DEFAULT {c.default}")
        cols.append(" ".join(parts))
    pk = ", ".join(f'"{k}"' for k in t.primary_key)
    return f'CREATE TABLE "{t.name}" (\n  ' + ",\n  ".join(cols) + f",\n  PRIMARY KEY ({pk})\n)"


def _mysql_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def mysql_ddl(t: TableDef) -> str:
    cols = []
    for c in t.columns:
        parts = [f"`{c.name}`", c.type, "NULL" if c.nullable else "NOT NULL"]
        if c.default is not None:
            parts.append(f"DEFAULT {c.default}")
        if c.auto_increment:
            parts.append("AUTO_INCREMENT")
        parts.append(f"COMMENT {_mysql_quote(c.comment)}")
        cols.append(" ".join(parts))
    pk = ", ".join(f"`{k}`" for k in t.primary_key)
    return (
        f"CREATE TABLE IF NOT EXISTS `{t.name}` (\n  "
        + ",\n  ".join(cols)
        + f",\n  PRIMARY KEY ({pk})\n) COMMENT={_mysql_quote(t.comment)}"
    )


def infer_relationships(tables: tuple[TableInfo, ...]) -> tuple[Relationship, ...]:
    """Join paths for a schema that declares no foreign keys.

    A column X of table A references table B when X is B's single-column
    primary key (``stock_symbol`` → companies, ``user_id`` → users, ...), written
    with or without underscores (``TrackID`` → track.track_id), or when X is
    ``<singular B>_id`` / ``<singular B>Id`` and B has a single-column key ``id``.
    """
    by_pk: dict[str, TableInfo] = {}
    for t in tables:
        if len(t.primary_key) == 1:
            by_pk.setdefault(_squashed(t.primary_key[0]), t)
    out: list[Relationship] = []
    for a in tables:
        for col in a.columns:
            target = by_pk.get(_squashed(col.name))
            if target is None and re.search(r"(_[iI][dD]|[a-z]I[dD])$", col.name):
                stem = _squashed(col.name)[:-2]
                for b in tables:
                    if b.primary_key == ("id",) and _squashed(_singular(b.name.lower())) == stem:
                        target = b
                        break
            if target is None or target.name == a.name:
                continue
            out.append(Relationship(a.name, col.name, target.name, target.primary_key[0]))
    return tuple(out)


def _squashed(name: str) -> str:
    """'track_id', 'TrackID', 'trackId' → 'trackid'."""
    return name.lower().replace("_", "")


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
