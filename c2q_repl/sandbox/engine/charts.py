"""Chart choice from the result's shape and column types (never from guesswork).

time × number → LineChart; category × number → BarChart; share of a whole →
PieChart; anything else → Table. A chart the user asked for wins when the
result can be drawn that way.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog, ChartSpec

from .clarify import title
from .lexicon import column_kind
from .spec import Col, QuerySpec


def _kind(catalog: Catalog, col: Col) -> str:
    t = catalog.table(col.table)
    c = t.column(col.column) if t else None
    return column_kind(c.type) if c else "text"


def choose_chart(
    spec: QuerySpec, columns: tuple[str, ...], catalog: Catalog, list_cols: list[Col]
) -> ChartSpec:
    name, option = _natural(spec, columns, catalog, list_cols)
    wanted = spec.chart
    if wanted and wanted != name:
        forced = _forced(wanted, spec, columns, catalog, list_cols)
        if forced is not None:
            name, option = wanted, forced
    return ChartSpec(name, title(spec), option)


def _table(columns: tuple[str, ...]) -> tuple[str, dict]:
    return "Table", {"columns": list(columns)}


def _label_and_value(spec: QuerySpec, columns, catalog, list_cols) -> tuple[str, str] | None:
    if spec.shape == "aggregate" and spec.group_by is not None:
        return columns[0], columns[-1]
    labels = [c for c in list_cols if _kind(catalog, c) in ("text", "date")]
    numbers = [
        c
        for c in list_cols
        if _kind(catalog, c) == "number" and c.column not in _keys(catalog, c.table)
    ]
    if labels and numbers:
        label = next((c for c in labels if c.column in ("short_name", "name")), labels[0])
        return label.column, numbers[-1].column
    return None


def _keys(catalog: Catalog, table: str) -> tuple[str, ...]:
    t = catalog.table(table)
    return t.primary_key if t else ()


def _natural(spec: QuerySpec, columns, catalog, list_cols) -> tuple[str, dict]:
    if spec.shape == "aggregate" and spec.group_by is not None:
        x, y = columns[0], columns[-1]
        if _kind(catalog, spec.group_by) == "date":
            return "LineChart", {"x": x, "y": y, "pivot_column": ""}
        if spec.share:
            return "PieChart", {"label": x, "value": y}
        return "BarChart", {"x": x, "y": y, "pivot_column": ""}
    if spec.shape != "list" or spec.distinct:
        return _table(columns)
    dates = [c for c in list_cols if _kind(catalog, c) == "date"]
    numbers = [
        c
        for c in list_cols
        if _kind(catalog, c) == "number" and c.column not in _keys(catalog, c.table)
    ]
    if dates and numbers and spec.order_by is None:
        pivot = ""
        for f in spec.filters:
            if f.op in ("in",) and f.col.column in _keys(catalog, f.col.table):
                pivot = f.col.column
        if not pivot and not any(
            f.op == "=" and f.col.column in _keys(catalog, f.col.table) for f in spec.filters
        ):
            return _table(columns)
        return "LineChart", {"x": dates[0].column, "y": numbers[-1].column, "pivot_column": pivot}
    if spec.order_by is not None and spec.limit and numbers:
        pair = _label_and_value(spec, columns, catalog, list_cols)
        if pair:
            return "BarChart", {"x": pair[0], "y": pair[1], "pivot_column": ""}
    return _table(columns)


def _forced(wanted: str, spec: QuerySpec, columns, catalog, list_cols) -> dict | None:
    if wanted == "Table":
        return {"columns": list(columns)}
    pair = _label_and_value(spec, columns, catalog, list_cols)
    if pair is None:
        return None
    if wanted == "PieChart":
        return {"label": pair[0], "value": pair[1]}
    return {"x": pair[0], "y": pair[1], "pivot_column": ""}
