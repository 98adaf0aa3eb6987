"""Typed results of the Chat2Query API, parsed tolerantly from JSON.

Every model keeps the JSON it came from in ``raw`` (transcripts store it and
replay re-parses it). Parsers accept missing fields, nulls, big integers and
cells of any scalar type; anything that is not even the right kind of JSON
value raises :class:`~c2q_repl.api.errors.ProtocolError`, never another error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Union

from c2q_repl.api.errors import ProtocolError

Cell = Union[str, int, float, bool, None]

JOB_STATUSES = ("init", "running", "done", "failed")
#: deeper task nesting than this is rejected as a protocol error (it would exhaust the stack)
MAX_TASK_DEPTH = 64
KNOWN_CHARTS = ("Table", "BarChart", "LineChart", "PieChart")


# --------------------------------------------------------------------------- helpers

def _obj(value: Any, what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProtocolError(f"expected a JSON object for {what}, got {type(value).__name__}")
    return value


def _list(value: Any, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtocolError(f"expected a JSON array for {what}, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    """Any scalar as text; ids may arrive as numbers or strings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and abs(value) != float("inf") else default
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                return int(float(value))
            except (ValueError, OverflowError):
                return default
    return default


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def cell(value: Any) -> Cell:
    """A result cell: scalars pass through, nested JSON becomes compact text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- answers

@dataclass(frozen=True)
class ResultData:
    """Columns and positional rows of an executed SQL statement."""

    columns: list[str]
    rows: list[list[Cell]]

    @classmethod
    def from_json(cls, value: Any) -> "ResultData | None":
        if value is None:
            return None
        data = _obj(value, "data")
        if data.get("columns") is None and data.get("rows") is None:
            return None
        columns = []
        for col in _list(data.get("columns"), "data.columns"):
            columns.append(_text(col.get("col", col.get("name"))) if isinstance(col, dict) else _text(col))
        rows: list[list[Cell]] = []
        for row in _list(data.get("rows"), "data.rows"):
            if isinstance(row, dict):  # v1 style: objects keyed by column name
                if not columns:
                    columns = [str(k) for k in row]
                rows.append([cell(row.get(c)) for c in columns])
            elif isinstance(row, list):
                rows.append([cell(v) for v in row])
            else:
                rows.append([cell(row)])
        return cls(columns=columns, rows=rows)


@dataclass(frozen=True)
class ChartOptions:
    """The service's chart suggestion; unknown chart names are kept as given."""

    name: str
    title: str
    option: dict
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def known(self) -> bool:
        return self.name in KNOWN_CHARTS

    @classmethod
    def from_json(cls, value: Any) -> "ChartOptions | None":
        if value is None:
            return None
        obj = _obj(value, "chart_options")
        if not obj:
            return None
        option = obj.get("option")
        return cls(
            name=_text(obj.get("chart_name")),
            title=_text(obj.get("title")),
            option=option if isinstance(option, dict) else {},
            raw=obj,
        )


@dataclass(frozen=True)
class Assumption:
    concept: str
    explanation: str
    related_columns: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, value: Any) -> "Assumption":
        if isinstance(value, str):
            return cls(concept="", explanation=value)
        obj = _obj(value, "assumption")
        return cls(
            concept=_text(obj.get("concept")),
            explanation=_text(obj.get("explanation")),
            related_columns=[_text(c) for c in _list(obj.get("related_columns"), "related_columns")],
        )


@dataclass(frozen=True)
class Answer:
    """One answered task: a direct ``data_retrieval`` answer, or a ``breakdown``
    root whose ``sub_tasks`` are answers of their own (ids like "0-1").

    The v2 ``task_tree`` is mapped onto the same model by :meth:`from_task_tree`.
    """

    type: str
    task_id: str
    status: str
    clarified_task: str = ""
    description: str = ""
    task: str = ""
    assumptions: list[Assumption] = field(default_factory=list)
    sql: str = ""
    sql_error: str = ""
    reason: str = ""
    data: ResultData | None = None
    chart: ChartOptions | None = None
    sub_tasks: list["Answer"] = field(default_factory=list)
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def is_breakdown(self) -> bool:
        return self.type == "breakdown"

    @property
    def failed(self) -> bool:
        """True when this task produced no trustworthy rows."""
        if self.is_breakdown:
            return self.status == "failed" or (bool(self.sub_tasks) and all(t.failed for t in self.sub_tasks))
        return self.status == "failed" or bool(self.sql_error)

    @property
    def error_text(self) -> str:
        return self.sql_error or self.reason or ("the task failed" if self.failed else "")

    def leaves(self) -> list["Answer"]:
        """Tasks that carry SQL and rows (self for a direct answer)."""
        if not self.sub_tasks:
            return [self]
        out: list[Answer] = []
        for sub in self.sub_tasks:
            out.extend(sub.leaves())
        return out

    @classmethod
    def from_json(cls, value: Any, _depth: int = 0) -> "Answer":
        if _depth > MAX_TASK_DEPTH:
            raise ProtocolError("sub-tasks are nested too deeply")
        obj = _obj(value, "answer")
        sub_tasks = [cls.from_json(s, _depth + 1) for s in _list(obj.get("sub_tasks"), "sub_tasks")]
        sql_error = obj.get("sql_error")
        return cls(
            type=_text(obj.get("type")) or ("breakdown" if sub_tasks else "data_retrieval"),
            task_id=_text(obj.get("task_id")) or "0",
            status=_text(obj.get("status")),
            clarified_task=_text(obj.get("clarified_task")),
            description=_text(obj.get("description")),
            task=_text(obj.get("task")),
            assumptions=[Assumption.from_json(a) for a in _list(obj.get("assumptions"), "assumptions")],
            sql=_text(obj.get("sql")),
            sql_error=_text(sql_error) if sql_error not in (None, "", False) else "",
            reason=_text(obj.get("reason")),
            data=ResultData.from_json(obj.get("data")),
            chart=ChartOptions.from_json(obj.get("chart_options", obj.get("chartOptions"))),
            sub_tasks=sub_tasks,
            raw=obj,
        )

    @classmethod
    def from_task_tree(cls, value: Any) -> "Answer":
        """Map a v2 job result ``{question_id, raw_question, task_tree{...}}``."""
        obj = _obj(value, "v2 result")
        tree = _obj(obj.get("task_tree"), "task_tree")
        nodes = {str(k): _obj(v, "task_tree node") for k, v in tree.items()}

        def node_answer(node_id: str, node: dict, children: list[Answer]) -> Answer:
            columns = [{"col": c.get("col") if isinstance(c, dict) else c} for c in _list(node.get("columns"), "columns")]
            data = {"columns": columns, "rows": node.get("rows")} if (columns or node.get("rows")) else None
            err = node.get("sql_error") or node.get("reason")
            return cls(
                type="breakdown" if children else "data_retrieval",
                task_id=_text(node.get("task_id")) or node_id,
                status="failed" if node.get("sql_error") else "done",
                clarified_task=_text(node.get("clarified_task")),
                description=_text(node.get("description")),
                task=_text(node.get("task")),
                assumptions=[Assumption.from_json(a) for a in _list(node.get("assumptions"), "assumptions")],
                sql=_text(node.get("sql")),
                sql_error=_text(node.get("sql_error")) if node.get("sql_error") else "",
                reason=_text(err) if err else "",
                data=ResultData.from_json(data),
                chart=ChartOptions.from_json(node.get("chartOptions", node.get("chart_options"))),
                sub_tasks=children,
                raw=node,
            )

        def build(node_id: str, seen: frozenset) -> Answer:
            if len(seen) > MAX_TASK_DEPTH:
                raise ProtocolError("the task tree is nested too deeply")
            node = nodes.get(node_id, {})
            child_ids = [str(c) for c in _list(node.get("sub_task_list"), "sub_task_list")]
            children = [build(c, seen | {node_id}) for c in child_ids if c in nodes and c not in seen]
            return node_answer(node_id, node, children)

        if not nodes:
            return cls(type="data_retrieval", task_id="0", status="failed", reason="empty task tree", raw=obj)
        root_id = "0" if "0" in nodes else sorted(nodes)[0]
        root = build(root_id, frozenset())
        return Answer(**{**root.__dict__, "raw": obj})


# --------------------------------------------------------------------------- jobs

@dataclass(frozen=True)
class Job:
    """``GET /v2/jobs/{id}``: status init → running → done | failed."""

    job_id: str
    status: str
    ended_at: int = 0
    reason: str = ""
    result: Any = None
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @classmethod
    def from_json(cls, value: Any) -> "Job":
        obj = _obj(value, "job")
        status = _text(obj.get("status")).lower()
        if not status:
            raise ProtocolError("job has no status")
        return cls(
            job_id=_text(obj.get("job_id")),
            status=status,
            ended_at=_int(obj.get("ended_at")),
            reason=_text(obj.get("reason")),
            result=obj.get("result"),
            raw=obj,
        )

    def answer(self) -> Answer | None:
        """The chat2data answer in ``result`` (v3 shape or v2 task_tree), if any."""
        if not isinstance(self.result, dict) or not self.result:
            return None
        if "task_tree" in self.result:
            return Answer.from_task_tree(self.result)
        return Answer.from_json(self.result)


@dataclass(frozen=True)
class ChatStarted:
    """What a chat2data POST returns: the job to poll (and the session it lives in)."""

    job_id: str
    session_id: str = ""
    cluster_id: str = ""
    database: str = ""
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "ChatStarted":
        obj = _obj(value, "chat2data result")
        job_id = _text(obj.get("job_id"))
        if not job_id:
            raise ProtocolError("the server did not return a job_id")
        return cls(
            job_id=job_id,
            session_id=_text(obj.get("session_id")),
            cluster_id=_text(obj.get("cluster_id")),
            database=_text(obj.get("database")),
            raw=obj,
        )


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
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "SessionMessage":
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
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "Session":
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


def parse_list(value: Any, key: str, parse) -> list:
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
    def from_json(cls, value: Any) -> "Relationship":
        obj = _obj(value, "relationship")
        return cls(
            referencing_table=_text(obj.get("referencing_table")),
            referencing_table_column=_text(obj.get("referencing_table_column", obj.get("foreign_key_column"))),
            referenced_table=_text(obj.get("referenced_table")),
            referenced_table_column=_text(obj.get("referenced_table_column", obj.get("primary_key_column"))),
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
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.status == "done"

    @classmethod
    def from_json(cls, value: Any) -> "DataSummary":
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
                cols[str(cname)] = ColumnSummary(name=_text(c.get("name")) or str(cname), description=_text(c.get("description")))
            tables[str(tname)] = TableSummary(name=_text(t.get("name", t.get("table_name"))) or str(tname), description=_text(t.get("description")), columns=cols)
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
            keywords=[_text(k) for k in _list(obj.get("keywords", obj.get("summary_keywords")), "keywords")],
            tables=tables,
            relationships=relationships,
            raw=obj,
        )


@dataclass(frozen=True)
class SummaryStarted:
    data_summary_id: str
    job_id: str
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "SummaryStarted":
        obj = _obj(value, "data summary result")
        return cls(data_summary_id=_text(obj.get("data_summary_id")), job_id=_text(obj.get("job_id")), raw=obj)


# --------------------------------------------------------------------------- knowledge

@dataclass(frozen=True)
class KnowledgeBase:
    knowledge_base_id: str
    cluster_id: str = ""
    database: str = ""
    description: str = ""
    default: bool = False
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "KnowledgeBase":
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
    raw_data: dict
    meta_data: dict = field(default_factory=dict)
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "KnowledgeData":
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
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "RefineResult":
        obj = _obj(value, "refineSql result")
        return cls(rewritten_sql=_text(obj.get("rewritten_sql", obj.get("sql"))), solution=_text(obj.get("solution")), raw=obj)


@dataclass(frozen=True)
class Suggestions:
    """suggestQuestions: a bare array of strings (``{suggestions|questions: [...]}`` also accepted)."""

    questions: list[str]
    raw: Any = field(repr=False, compare=False, default=None)

    @classmethod
    def from_json(cls, value: Any) -> "Suggestions":
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
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> "V1Result":
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
