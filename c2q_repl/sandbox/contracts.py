"""The seams inside the sandbox: database backends, and the NL→SQL answerers.

The HTTP server only sees these types, so an engine (built-in or LLM) and a
backend (SQLite or MySQL-protocol) can be swapped without touching it.
All dataclasses are immutable and JSON-friendly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

# --------------------------------------------------------------------------- database


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str  # declared SQL type, e.g. "VARCHAR(10)", "DECIMAL(18,2)", "DATE"
    comment: str = ""
    nullable: bool = True
    primary_key: bool = False


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[ColumnInfo, ...]
    comment: str = ""
    primary_key: tuple[str, ...] = ()

    def column(self, name: str) -> ColumnInfo | None:
        for col in self.columns:
            if col.name.lower() == name.lower():
                return col
        return None


@dataclass(frozen=True)
class Relationship:
    """A join path: ``from_table.from_column`` references ``to_table.to_column``."""

    from_table: str
    from_column: str
    to_table: str
    to_column: str
    inferred: bool = True  # sp500insight declares no FOREIGN KEYs


@dataclass(frozen=True)
class Catalog:
    database: str
    dialect: str  # "sqlite" | "mysql" (sqlglot dialect names)
    tables: tuple[TableInfo, ...]
    relationships: tuple[Relationship, ...] = ()

    def table(self, name: str) -> TableInfo | None:
        for t in self.tables:
            if t.name.lower() == name.lower():
                return t
        return None


@dataclass(frozen=True)
class QueryResult:
    """Rows as the API returns them: every value text, NULL as None."""

    columns: list[str]
    rows: list[list[str | None]]
    truncated: bool = False  # True when the row cap cut the result


class SQLExecutionError(Exception):
    """The statement failed in the database (message is the database's)."""


class ReadOnlyViolation(SQLExecutionError):
    """A statement that could change data was refused under a read-only role."""


class Database(Protocol):
    """A backend the sandbox can describe and query. Implementations are thread-safe."""

    name: str  # database name shown to clients, e.g. "sp500insight"
    dialect: str  # "sqlite" | "mysql"

    def catalog(self) -> Catalog: ...

    def query(
        self, sql: str, *, read_only: bool = True, max_rows: int = 1000, timeout: float = 10.0
    ) -> QueryResult:
        """Run one statement. Raises ReadOnlyViolation or SQLExecutionError."""
        ...


# --------------------------------------------------------------------------- answerers


@dataclass(frozen=True)
class PriorRound:
    """What the session remembers of an earlier round, fed back to the engine."""

    question: str
    answer_id: str  # the job id of that round (clients send it as feedback_answer_id)
    clarified_task: str = ""
    sql: str = ""
    summary: str = ""  # short text of the result, e.g. "12 rows"
    state: dict = field(default_factory=dict)  # engine-private, JSON-serialisable


@dataclass(frozen=True)
class KnowledgeItem:
    type: str  # "few-shot" | "term-sheet" | "instruction"
    raw_data: dict


@dataclass(frozen=True)
class Description:
    """A description the user wrote in the data summary (never the generated text):
    of a table when ``column`` is empty, else of that column."""

    table: str
    column: str
    text: str


@dataclass(frozen=True)
class AnswerRequest:
    question: str
    mode: str  # "direct" | "auto_breakdown"
    catalog: Catalog
    database: Database
    history: tuple[PriorRound, ...] = ()
    feedback: PriorRound | None = None  # the round named by feedback_answer_id
    feedback_task_id: str = ""
    knowledge: tuple[KnowledgeItem, ...] = ()
    descriptions: tuple[Description, ...] = ()  # user-written, from the data summary


@dataclass(frozen=True)
class ChartSpec:
    name: str  # "Table" | "BarChart" | "LineChart" | "PieChart"
    title: str
    option: dict

    def to_json(self) -> dict:
        return {"chart_name": self.name, "title": self.title, "option": self.option}


@dataclass(frozen=True)
class TaskPlan:
    """One task to execute. ``refusal`` non-empty means the engine declined it:
    no SQL is run and the answer goes out as failed with that reason."""

    task_id: str  # "0" for a direct answer; "0-0", "0-1", ... for sub-tasks
    task: str  # the (sub-)question as asked
    clarified_task: str
    sql: str = ""
    description: str = ""
    assumptions: tuple[dict, ...] = ()  # {"concept": str, "explanation": str}
    chart: ChartSpec | None = None
    refusal: str = ""
    usage: dict | None = None  # LLM token usage when the model reported it


@dataclass(frozen=True)
class Plan:
    """The engine's whole answer to one question.

    ``breakdown`` False: exactly one task with id "0".
    ``breakdown`` True: ``tasks`` are the sub-tasks; the root ("0") carries
    ``clarified_task``/``assumptions`` of the whole question.
    ``state`` is stored with the round and handed back in ``PriorRound.state``.
    """

    tasks: tuple[TaskPlan, ...]
    clarified_task: str = ""
    breakdown: bool = False
    assumptions: tuple[dict, ...] = ()
    description: str = ""
    state: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SchemaDescription:
    """Text for the data summary: database, tables and columns described."""

    database: str
    summary: str
    keywords: tuple[str, ...]
    tables: dict[str, str]  # table -> description
    columns: dict[str, dict[str, str]]  # table -> column -> description


class Answerer(Protocol):
    """An NL→SQL engine. Must be thread-safe and must never raise for a bad
    question: declining is a TaskPlan with ``refusal`` set."""

    def answer(self, request: AnswerRequest) -> Plan: ...

    def suggest_questions(
        self, catalog: Catalog, database: Database, count: int = 5
    ) -> list[str]: ...

    def refine_sql(
        self, sql: str, feedback: str, catalog: Catalog, database: Database
    ) -> tuple[str, str]:
        """Return (rewritten_sql, solution explaining the change)."""
        ...

    def describe(self, catalog: Catalog, database: Database) -> SchemaDescription: ...


def plan_json_safe(value: Any) -> Any:
    """Guard used by the server before storing engine state in a session."""
    import json

    return json.loads(json.dumps(value, default=str))
