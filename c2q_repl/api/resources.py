"""Typed Chat2Query resources: sessions, data summaries, knowledge bases,
refineSql and suggestQuestions results, and the deprecated v1 answer.

Same rules as :mod:`c2q_repl.api.models`: tolerant parsing, ``raw`` kept,
only ProtocolError on malformed input. Where the published API never showed a
shape, the docstring says what we accept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from c2q_repl.api.errors import ProtocolError
from c2q_repl.api.models import ResultData
from c2q_repl.api.parsing import _bool, _int, _list, _obj, _text

T = TypeVar("T")

# --------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class SessionMessage:
    """One entry of a session's ``messages``; the published API never showed
    its shape, so every field is optional and the raw entry is kept."""

    role: str = ""
    content: str = ""
    job_id: str = ""
    task_id: str = ""
    sql: str = ""
    created_at: int = 0
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> SessionMessage:
        if isinstance(value, str):
            return cls(content=value, raw={"content": value})
        obj = _obj(value, "session message")
        return cls(
            role=_text(obj.get("role", obj.get("type"))),
            content=_text(obj.get("content", obj.get("question", obj.get("summary")))),
            job_id=_text(obj.get("job_id", obj.get("answer_id"))),
            task_id=_text(obj.get("task_id")),
            sql=_text(obj.get("sql")),
            created_at=_int(obj.get("created_at")),
            raw=obj,
        )


@dataclass(frozen=True)
class Session:
    session_id: str
    name: str = ""
    creator: str = ""
    org_id: str = ""
    created_at: int = 0
    updated_at: int = 0
    cluster_id: str = ""
    database: str = ""
    messages: list[SessionMessage] = field(default_factory=list)
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> Session:
        obj = _obj(value, "session")
        meta = _obj(obj.get("meta"), "session meta")
        session_id = _text(obj.get("session_id", obj.get("id")))
        if not session_id:
            raise ProtocolError("session has no session_id")
        return cls(
            session_id=session_id,
            name=_text(meta.get("name", obj.get("name"))),
            creator=_text(meta.get("creator")),
            org_id=_text(meta.get("org_id")),
            created_at=_int(meta.get("created_at", obj.get("created_at"))),
            updated_at=_int(meta.get("updated_at", obj.get("updated_at"))),
            cluster_id=_text(obj.get("cluster_id", meta.get("cluster_id"))),
            database=_text(obj.get("database", meta.get("database"))),
            messages=[SessionMessage.from_json(m) for m in _list(obj.get("messages"), "messages")],
            raw=obj,
        )


def parse_list(value: Any, key: str, parse: Callable[[Any], T]) -> list[T]:
    """Lists arrive either bare or wrapped as ``{key: [...]}``; accept both."""
    if isinstance(value, dict):
        for candidate in (key, "items", "data", "list"):
            if isinstance(value.get(candidate), list):
                value = value[candidate]
                break
        else:
            value = []
    return [parse(v) for v in _list(value, key)]


# --------------------------------------------------------------------------- data summaries


@dataclass(frozen=True)
class Relationship:
    referencing_table: str
    referencing_table_column: str
    referenced_table: str
    referenced_table_column: str

    @classmethod
    def from_json(cls, value: Any) -> Relationship:
        obj = _obj(value, "relationship")
        return cls(
            referencing_table=_text(obj.get("referencing_table")),
            referencing_table_column=_text(
                obj.get("referencing_table_column", obj.get("foreign_key_column"))
            ),
            referenced_table=_text(obj.get("referenced_table")),
            referenced_table_column=_text(
                obj.get("referenced_table_column", obj.get("primary_key_column"))
            ),
        )


@dataclass(frozen=True)
class ColumnSummary:
    name: str
    description: str = ""


@dataclass(frozen=True)
class TableSummary:
    name: str
    description: str = ""
    columns: dict[str, ColumnSummary] = field(default_factory=dict)


@dataclass(frozen=True)
class DataSummary:
    """v3 DataSummaryObject (v2's ``db_schema`` shape is mapped onto it too).

    ``relationships`` accepts both published shapes: a single object per table
    (the docs' example) and a list per table (PingCAP's own clients).
    """

    data_summary_id: str
    cluster_id: str = ""
    database: str = ""
    default: bool = False
    status: str = ""
    description_system: str = ""
    description_user: str = ""
    summary: str = ""
    keywords: list[str] = field(default_factory=list)
    tables: dict[str, TableSummary] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.status == "done"

    @classmethod
    def from_json(cls, value: Any) -> DataSummary:
        obj = _obj(value, "data summary")
        description = obj.get("description")
        if isinstance(description, dict):
            system, user = _text(description.get("system")), _text(description.get("user"))
        else:
            system, user = _text(description), ""
        tables: dict[str, TableSummary] = {}
        raw_tables = obj.get("tables", obj.get("db_schema"))
        for tname, tval in _obj(raw_tables, "tables").items():
            t = _obj(tval, f"table {tname}")
            cols = {}
            for cname, cval in _obj(t.get("columns"), f"columns of {tname}").items():
                c = cval if isinstance(cval, dict) else {"description": _text(cval)}
                cols[str(cname)] = ColumnSummary(
                    name=_text(c.get("name")) or str(cname), description=_text(c.get("description"))
                )
            tables[str(tname)] = TableSummary(
                name=_text(t.get("name", t.get("table_name"))) or str(tname),
                description=_text(t.get("description")),
                columns=cols,
            )
        relationships: list[Relationship] = []
        rel = obj.get("relationships", obj.get("table_relationship"))
        if isinstance(rel, dict):
            for entry in rel.values():
                for r in entry if isinstance(entry, list) else [entry]:
                    if isinstance(r, dict):
                        relationships.append(Relationship.from_json(r))
        elif isinstance(rel, list):
            relationships = [Relationship.from_json(r) for r in rel if isinstance(r, dict)]
        return cls(
            data_summary_id=_text(obj.get("data_summary_id", obj.get("id"))),
            cluster_id=_text(obj.get("cluster_id")),
            database=_text(obj.get("database", obj.get("db_name"))),
            default=_bool(obj.get("default")),
            status=_text(obj.get("status")),
            description_system=system,
            description_user=user,
            summary=_text(obj.get("summary")),
            keywords=[
                _text(k)
                for k in _list(obj.get("keywords", obj.get("summary_keywords")), "keywords")
            ],
            tables=tables,
            relationships=relationships,
            raw=obj,
        )


@dataclass(frozen=True)
class SummaryStarted:
    data_summary_id: str
    job_id: str
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> SummaryStarted:
        obj = _obj(value, "data summary result")
        return cls(
            data_summary_id=_text(obj.get("data_summary_id")),
            job_id=_text(obj.get("job_id")),
            raw=obj,
        )


# --------------------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class KnowledgeBase:
    knowledge_base_id: str
    cluster_id: str = ""
    database: str = ""
    description: str = ""
    default: bool = False
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> KnowledgeBase:
        obj = _obj(value, "knowledge base")
        return cls(
            knowledge_base_id=_text(obj.get("knowledge_base_id", obj.get("id"))),
            cluster_id=_text(obj.get("cluster_id")),
            database=_text(obj.get("database")),
            description=_text(obj.get("description")),
            default=_bool(obj.get("default")),
            raw=obj,
        )


KNOWLEDGE_TYPES = ("few-shot", "term-sheet", "instruction")


@dataclass(frozen=True)
class KnowledgeData:
    """One knowledge item: few-shot {question, answer}, term-sheet {term[], description}
    or instruction {instruction} (≤ 512 characters)."""

    knowledge_data_id: str
    type: str
    raw_data: dict[str, Any]
    meta_data: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> KnowledgeData:
        obj = _obj(value, "knowledge data")
        raw_data = obj.get("raw_data")
        meta = obj.get("meta_data")
        return cls(
            knowledge_data_id=_text(obj.get("knowledge_data_id", obj.get("id"))),
            type=_text(obj.get("type")),
            raw_data=raw_data if isinstance(raw_data, dict) else {},
            meta_data=meta if isinstance(meta, dict) else {},
            raw=obj,
        )


# --------------------------------------------------------------------------- refine / suggest / v1


@dataclass(frozen=True)
class RefineResult:
    rewritten_sql: str
    solution: str = ""
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> RefineResult:
        obj = _obj(value, "refineSql result")
        return cls(
            rewritten_sql=_text(obj.get("rewritten_sql", obj.get("sql"))),
            solution=_text(obj.get("solution")),
            raw=obj,
        )


@dataclass(frozen=True)
class Suggestions:
    """suggestQuestions: a bare array of strings (``{suggestions|questions: [...]}`` also accepted)."""

    questions: list[str]
    raw: Any = field(repr=False, compare=False, default=None)

    @classmethod
    def from_json(cls, value: Any) -> Suggestions:
        items = value
        if isinstance(value, dict):
            items = value.get("suggestions", value.get("questions", []))
        out = []
        for q in _list(items, "suggestions"):
            if isinstance(q, dict):
                q = q.get("question", q.get("text", ""))
            text = _text(q).strip()
            if text:
                out.append(text)
        return cls(questions=out, raw=value)


@dataclass(frozen=True)
class V1Result:
    """Deprecated synchronous ``/v1/chat2data`` (gateway envelope ``data``)."""

    sql: str
    data: ResultData | None
    code: int = 200
    message: str = ""
    latency: str = ""
    ai_latency: str = ""
    row_count: int = 0
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> V1Result:
        obj = _obj(value, "v1 data")
        result = _obj(obj.get("result"), "v1 result")
        return cls(
            sql=_text(result.get("sql")),
            data=ResultData.from_json({"columns": obj.get("columns"), "rows": obj.get("rows")}),
            code=_int(result.get("code"), 200),
            message=_text(result.get("message")),
            latency=_text(result.get("latency")),
            ai_latency=_text(result.get("ai_latency")),
            row_count=_int(result.get("row_count")),
            raw=obj,
        )
