"""Data summaries: generated from the real schema, editable, shown in the v3 and v2 shapes.

A summary's text comes from the answerer's ``describe()`` when it has one,
else from the catalog's COMMENTs (``describe_from_catalog``). User edits
(PUT of table/column descriptions) are kept as overrides on top of it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from c2q_repl.sandbox.contracts import Catalog, Description, SchemaDescription


def describe_from_catalog(catalog: Catalog) -> SchemaDescription:
    """A plain, deterministic description built from names, types and comments."""
    tables, columns = {}, {}
    for t in catalog.tables:
        label = t.comment or t.name.replace("_", " ")
        key = f" (key: {', '.join(t.primary_key)})" if t.primary_key else ""
        tables[t.name] = f"{label}{key}: {len(t.columns)} columns."
        columns[t.name] = {
            c.name: (c.comment or c.name.replace("_", " ")) + f" ({c.type})" for c in t.columns
        }
    names = ", ".join(t.name for t in catalog.tables)
    summary = (
        f"The {catalog.database} database has {len(catalog.tables)} tables ({names}) "
        f"joined by {len(catalog.relationships)} relationships."
    )
    keywords = tuple(t.name.replace("_", " ").title().replace(" ", "_") for t in catalog.tables)
    return SchemaDescription(
        database=catalog.database,
        summary=summary,
        keywords=keywords,
        tables=tables,
        columns=columns,
    )


@dataclass
class DataSummary:
    data_summary_id: int
    cluster_id: str
    database: str
    user_description: str
    job_id: str
    default: bool = False
    description: SchemaDescription | None = None  # set when the generation job has finished
    failed_reason: str = ""
    table_overrides: dict[str, str] = field(default_factory=dict)
    column_overrides: dict[str, dict[str, str]] = field(default_factory=dict)


def _relationships_json(catalog: Catalog) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in catalog.relationships:
        out.setdefault(r.from_table, []).append(
            {
                "referencing_table": r.from_table,
                "referencing_table_column": r.from_column,
                "referenced_table": r.to_table,
                "referenced_table_column": r.to_column,
            }
        )
    return out


def _table_text(s: DataSummary, table: str) -> str:
    return s.table_overrides.get(
        table, s.description.tables.get(table, "") if s.description else ""
    )


def _column_text(s: DataSummary, table: str, column: str) -> str:
    override = s.column_overrides.get(table, {}).get(column)
    if override is not None:
        return override
    return s.description.columns.get(table, {}).get(column, "") if s.description else ""


def _generated_text(s: DataSummary, table: str, column: str = "") -> str:
    d = s.description
    if d is None:
        return ""
    return (d.columns.get(table, {}).get(column, "") if column else d.tables.get(table, "")).strip()


def user_descriptions(s: DataSummary | None) -> tuple[Description, ...]:
    """The table and column descriptions the user wrote (PUT), for the engine to learn the
    user's words from; the generated text only restates the names, so an override equal
    to it (a client sending the summary back unchanged) is not the user's."""
    if s is None:
        return ()
    written = [(table, "", text) for table, text in list(s.table_overrides.items())]
    for table, columns in list(s.column_overrides.items()):
        written += [(table, column, text) for column, text in list(columns.items())]
    return tuple(
        Description(table, column, text.strip())
        for table, column, text in sorted(written)
        if text.strip() and text.strip() != _generated_text(s, table, column)
    )


def v3_json(s: DataSummary, status: str, catalog: Catalog) -> dict:
    ready = s.description is not None and status == "done"
    tables = {}
    if ready:
        for t in catalog.tables:
            tables[t.name] = {
                "name": t.name,
                "description": _table_text(s, t.name),
                "columns": {
                    c.name: {"name": c.name, "description": _column_text(s, t.name, c.name)}
                    for c in t.columns
                },
            }
    d = s.description
    return {
        "data_summary_id": s.data_summary_id,
        "cluster_id": s.cluster_id,
        "database": s.database,
        "default": s.default,
        "status": status,
        "description": {"system": d.summary if ready and d else "", "user": s.user_description},
        "summary": d.summary if ready and d else "",
        "keywords": list(d.keywords) if ready and d else [],
        "relationships": _relationships_json(catalog) if ready else {},
        "tables": tables,
    }


def v2_json(s: DataSummary, status: str, catalog: Catalog) -> dict:
    """The v2-era DataSummaryObject (``cluster_id`` as a JSON number, ``db_schema``)."""
    ready = s.description is not None and status == "done"
    d = s.description
    schema = {}
    if ready:
        for t in catalog.tables:
            schema[t.name] = {
                "table_name": t.name,
                "description": _table_text(s, t.name),
                "primary_key": ",".join(t.primary_key),
                "key_attributes": list(t.primary_key),
                "status": "done",
                "columns": {
                    c.name: {
                        "name": c.name,
                        "type": c.type.lower(),
                        "default": None,
                        "nullable": c.nullable,
                        "description": _column_text(s, t.name, c.name),
                    }
                    for c in t.columns
                },
            }
    rel = {}
    if ready:
        for table, items in _relationships_json(catalog).items():
            rel[table] = [
                {
                    "referencing_table": i["referencing_table"],
                    "referenced_table": i["referenced_table"],
                    "relationship": "N:1",
                    "foreign_key_column": i["referencing_table_column"],
                    "primary_key_column": i["referenced_table_column"],
                }
                for i in items
            ]
    return {
        "data_summary_id": s.data_summary_id,
        "cluster_id": int(s.cluster_id),
        "db_name": s.database,
        "org_id": 1,
        "project_id": 1,
        "status": status,
        "default": s.default,
        "summary": d.summary if ready and d else "",
        "short_summary": (d.summary.split(". ")[0] if ready and d else ""),
        "summary_keywords": list(d.keywords) if ready and d else [],
        "db_schema": schema,
        "entity": {},
        "table_relationship": rel,
    }


class SummaryStore:
    """Summaries per (cluster, database); the first one (or one created with default) is the default."""

    def __init__(self) -> None:
        self._items: dict[int, DataSummary] = {}
        self._lock = threading.Lock()

    def add(self, summary: DataSummary, make_default: bool) -> None:
        with self._lock:
            has_default = any(
                x.default
                for x in self._items.values()
                if (x.cluster_id, x.database) == (summary.cluster_id, summary.database)
            )
            if make_default or not has_default:
                for x in self._items.values():
                    if (x.cluster_id, x.database) == (summary.cluster_id, summary.database):
                        x.default = False
                summary.default = True
            self._items[summary.data_summary_id] = summary

    def get(self, data_summary_id: int) -> DataSummary | None:
        return self._items.get(data_summary_id)

    def default_for(self, cluster_id: str, database: str) -> DataSummary | None:
        with self._lock:
            for x in self._items.values():
                if x.default and x.cluster_id == cluster_id and x.database == database:
                    return x
        return None

    def all(self) -> list[DataSummary]:
        with self._lock:
            return list(self._items.values())

    def set_default(self, summary: DataSummary) -> None:
        self.add(summary, make_default=True)
