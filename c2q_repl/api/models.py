"""Typed answers and jobs of the Chat2Query API, parsed tolerantly from JSON.

Every model keeps the JSON it came from in ``raw`` (transcripts store it and
replay re-parses it). Parsers accept missing fields, nulls, big integers and
cells of any scalar type; anything that is not even the right kind of JSON
value raises :class:`~c2q_repl.api.errors.ProtocolError`, never another error.
Sessions, data summaries, knowledge and the other resources are in
:mod:`c2q_repl.api.resources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from c2q_repl.api.errors import ProtocolError
from c2q_repl.api.parsing import Cell, _int, _list, _obj, _text, cell

#: deeper task nesting than this is rejected as a protocol error (it would exhaust the stack)
MAX_TASK_DEPTH = 64
KNOWN_CHARTS = ("Table", "BarChart", "LineChart", "PieChart")


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class ResultData:
    """Columns and positional rows of an executed SQL statement."""

    columns: list[str]
    rows: list[list[Cell]]

    @classmethod
    def from_json(cls, value: Any) -> ResultData | None:
        if value is None:
            return None
        data = _obj(value, "data")
        if data.get("columns") is None and data.get("rows") is None:
            return None
        columns = []
        for col in _list(data.get("columns"), "data.columns"):
            columns.append(
                _text(col.get("col", col.get("name"))) if isinstance(col, dict) else _text(col)
            )
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
    option: dict[str, Any]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def known(self) -> bool:
        return self.name in KNOWN_CHARTS

    @classmethod
    def from_json(cls, value: Any) -> ChartOptions | None:
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
    def from_json(cls, value: Any) -> Assumption:
        if isinstance(value, str):
            return cls(concept="", explanation=value)
        obj = _obj(value, "assumption")
        return cls(
            concept=_text(obj.get("concept")),
            explanation=_text(obj.get("explanation")),
            related_columns=[
                _text(c) for c in _list(obj.get("related_columns"), "related_columns")
            ],
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
    sub_tasks: list[Answer] = field(default_factory=list)
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def is_breakdown(self) -> bool:
        return self.type == "breakdown"

    @property
    def failed(self) -> bool:
        """True when this task produced no trustworthy rows."""
        if self.is_breakdown:
            return self.status == "failed" or (
                bool(self.sub_tasks) and all(t.failed for t in self.sub_tasks)
            )
        return self.status == "failed" or bool(self.sql_error)

    @property
    def error_text(self) -> str:
        return self.sql_error or self.reason or ("the task failed" if self.failed else "")

    def leaves(self) -> list[Answer]:
        """Tasks that carry SQL and rows (self for a direct answer)."""
        if not self.sub_tasks:
            return [self]
        out: list[Answer] = []
        for sub in self.sub_tasks:
            out.extend(sub.leaves())
        return out

    @classmethod
    def from_json(cls, value: Any, _depth: int = 0) -> Answer:
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
            assumptions=[
                Assumption.from_json(a) for a in _list(obj.get("assumptions"), "assumptions")
            ],
            sql=_text(obj.get("sql")),
            sql_error=_text(sql_error) if sql_error not in (None, "", False) else "",
            reason=_text(obj.get("reason")),
            data=ResultData.from_json(obj.get("data")),
            chart=ChartOptions.from_json(obj.get("chart_options", obj.get("chartOptions"))),
            sub_tasks=sub_tasks,
            raw=obj,
        )

    @classmethod
    def from_task_tree(cls, value: Any) -> Answer:
        """Map a v2 job result ``{question_id, raw_question, task_tree{...}}``."""
        obj = _obj(value, "v2 result")
        tree = _obj(obj.get("task_tree"), "task_tree")
        nodes = {str(k): _obj(v, "task_tree node") for k, v in tree.items()}

        def node_answer(node_id: str, node: dict[str, Any], children: list[Answer]) -> Answer:
            columns = [
                {"col": c.get("col") if isinstance(c, dict) else c}
                for c in _list(node.get("columns"), "columns")
            ]
            data = (
                {"columns": columns, "rows": node.get("rows")}
                if (columns or node.get("rows"))
                else None
            )
            err = node.get("sql_error") or node.get("reason")
            return cls(
                type="breakdown" if children else "data_retrieval",
                task_id=_text(node.get("task_id")) or node_id,
                status="failed" if node.get("sql_error") else "done",
                clarified_task=_text(node.get("clarified_task")),
                description=_text(node.get("description")),
                task=_text(node.get("task")),
                assumptions=[
                    Assumption.from_json(a) for a in _list(node.get("assumptions"), "assumptions")
                ],
                sql=_text(node.get("sql")),
                sql_error=_text(node.get("sql_error")) if node.get("sql_error") else "",
                reason=_text(err) if err else "",
                data=ResultData.from_json(data),
                chart=ChartOptions.from_json(node.get("chartOptions", node.get("chart_options"))),
                sub_tasks=children,
                raw=node,
            )

        def build(node_id: str, seen: frozenset[str]) -> Answer:
            if len(seen) > MAX_TASK_DEPTH:
                raise ProtocolError("the task tree is nested too deeply")
            node = nodes.get(node_id, {})
            child_ids = [str(c) for c in _list(node.get("sub_task_list"), "sub_task_list")]
            children = [
                build(c, seen | {node_id}) for c in child_ids if c in nodes and c not in seen
            ]
            return node_answer(node_id, node, children)

        if not nodes:
            return cls(
                type="data_retrieval",
                task_id="0",
                status="failed",
                reason="empty task tree",
                raw=obj,
            )
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
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @classmethod
    def from_json(cls, value: Any) -> Job:
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
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> ChatStarted:
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
