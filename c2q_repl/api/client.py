"""The Chat2Query Data App API, one method per endpoint (spec §7).

Methods return the typed models of :mod:`c2q_repl.api.models` and raise the
errors of :mod:`c2q_repl.api.errors`. AI work is asynchronous: the starting
POST returns a :class:`ChatStarted`/:class:`SummaryStarted` whose job is then
awaited with :func:`c2q_repl.api.poller.wait_for_job`.

Where the spec marks a request shape unknown ([UNK]) the method's docstring
says which shape we send; responses are always parsed tolerantly.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from c2q_repl.api import errors as E
from c2q_repl.api.durations import JobDurationModel
from c2q_repl.api.lean import httpx
from c2q_repl.api.models import ChatStarted, Job
from c2q_repl.api.resources import (
    DataSummary,
    KnowledgeBase,
    KnowledgeData,
    Session,
    SummaryStarted,
    V1Result,
)
from c2q_repl.api.shapes import (
    SummaryUpdate,
    check_knowledge,
    check_mode,
    fill_sent,
    given,
    list_of,
    or_none,
    parsed,
    session_or_none,
    summary_update_result,
    target,
    unchanged,
    v2_summary,
)
from c2q_repl.api.transport import ApiTransport, RequestRecord, path_join
from c2q_repl.credentials import Credentials

__all__ = ["Chat2QueryClient", "JobOrigin", "RequestRecord", "SummaryUpdate"]

T = TypeVar("T")

_REMEMBERED_JOBS = 256


@dataclass(frozen=True)
class JobOrigin:
    """What the client knows about a job it started: its kind and when it started."""

    kind: str  # "chat:direct", "chat:auto_breakdown", "chat:v2", "summary", "refine", "suggest"
    started_at: float  # time.monotonic() when the starting POST's response arrived
    started_wall: float  # time.time() at the same moment


class Chat2QueryClient:
    """A thread-safe client for one Data App and one API key."""

    def __init__(
        self,
        endpoint: str,
        credentials: Credentials,
        *,
        auth_scheme: str = "digest",
        timeout: float = 30.0,
        max_retries: int = 3,
        on_request: Callable[[RequestRecord], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = ApiTransport(
            endpoint,
            credentials.public_key,
            credentials.private_key,
            auth_scheme=auth_scheme,
            timeout=timeout,
            max_retries=max_retries,
            on_request=on_request,
            transport=transport,
        )
        self.endpoint = self._http.endpoint
        self.public_key = credentials.public_key
        #: learned job durations; the poller plans polls with it (replace to share one)
        self.job_durations = JobDurationModel()
        self._jobs: OrderedDict[str, JobOrigin] = OrderedDict()
        self._jobs_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Chat2QueryClient(endpoint={self.endpoint!r}, public_key={self.public_key!r})"

    # ------------------------------------------------------------------ plumbing

    @property
    def requests_sent(self) -> int:
        """Every HTTP request sent: retries, polls and digest challenges included."""
        return self._http.requests_sent

    @property
    def ai_requests_sent(self) -> int:
        """AI-starting POSTs that may have used daily quota (see :attr:`RequestRecord.may_spend_quota`)."""
        return self._http.ai_requests_sent

    def job_origin(self, job_id: str) -> JobOrigin | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    def _started(self, job_id: str, kind: str) -> None:
        with self._jobs_lock:
            self._jobs[job_id] = JobOrigin(kind, time.monotonic(), time.time())
            while len(self._jobs) > _REMEMBERED_JOBS:
                self._jobs.popitem(last=False)

    def _get(
        self,
        *segments: Any,
        params: dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
        parse: Callable[[Any], T] = unchanged,
    ) -> T:
        path = path_join(*segments)
        return parsed(
            parse, self._http.call("GET", path, params=params, cancel=cancel).result, f"GET {path}"
        )

    def _send(
        self,
        method: str,
        *segments: Any,
        body: Any = None,
        starts_ai: bool = False,
        parse: Callable[[Any], T] = unchanged,
    ) -> T:
        path = path_join(*segments)
        return parsed(
            parse,
            self._http.call(method, path, json=body, starts_ai=starts_ai).result,
            f"{method} {path}",
        )

    def _start_chat(self, kind: str, *segments: Any, body: dict[str, Any]) -> ChatStarted:
        started = self._send(
            "POST", *segments, body=body, starts_ai=True, parse=ChatStarted.from_json
        )
        self._started(started.job_id, kind)
        return started

    def _start_summary(self, *segments: Any, body: dict[str, Any]) -> SummaryStarted:
        started = self._send(
            "POST", *segments, body=body, starts_ai=True, parse=SummaryStarted.from_json
        )
        if not started.job_id:
            raise E.ProtocolError("the server did not return a job_id for the data summary")
        self._started(started.job_id, "summary")
        return started

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Chat2QueryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ jobs

    def get_job(self, job_id: str, *, cancel: threading.Event | None = None) -> Job:
        """``GET /v2/jobs/{job_id}`` (all async operations share it)."""
        return self._get("v2", "jobs", job_id, cancel=cancel, parse=Job.from_json)

    # ------------------------------------------------------------------ v3 sessions

    def create_session(self, cluster_id: str, database: str, name: str = "") -> Session:
        """``POST /v3/sessions``; the database needs a ready data summary."""
        body = {"cluster_id": cluster_id, "database": database}
        if name:
            body["name"] = name
        return self._send("POST", "v3", "sessions", body=body, parse=Session.from_json)

    def list_sessions(self) -> list[Session]:
        """``GET /v3/sessions``: bare array or ``{"sessions": [...]}`` accepted."""
        return self._get("v3", "sessions", parse=list_of("sessions", Session.from_json))

    def get_session(self, session_id: str | int) -> Session:
        """``GET /v3/sessions/{id}``: the session with its ``messages``."""
        return self._get("v3", "sessions", session_id, parse=Session.from_json)

    def update_session(self, session_id: str | int, name: str) -> Session | None:
        """``PUT /v3/sessions/{id}`` with ``{"name": ...}`` (body shape [UNK]: rename is the plausible one)."""
        return self._send(
            "PUT", "v3", "sessions", session_id, body={"name": name}, parse=session_or_none
        )

    def reset_session(self, session_id: str | int) -> Session | None:
        """``PUT /v3/sessions/{id}/reset`` with an empty body: clears the conversation context."""
        return self._send(
            "PUT", "v3", "sessions", session_id, "reset", body={}, parse=session_or_none
        )

    def session_chat(
        self,
        session_id: str | int,
        question: str,
        *,
        mode: str = "direct",
        feedback_answer_id: str = "",
        feedback_task_id: str = "",
    ) -> ChatStarted:
        """``POST /v3/sessions/{id}/chat2data``: the next round of a session (an AI request)."""
        body = {
            "question": question,
            "sql_generate_mode": check_mode(mode),
            "feedback_answer_id": feedback_answer_id,
            "feedback_task_id": feedback_task_id,
        }
        return self._start_chat(
            f"chat:{mode}", "v3", "sessions", session_id, "chat2data", body=body
        )

    # ------------------------------------------------------------------ v3 chat2data

    def chat(
        self,
        question: str,
        *,
        cluster_id: str = "",
        database: str = "",
        data_summary_id: str | int | None = None,
        mode: str = "direct",
    ) -> ChatStarted:
        """``POST /v3/chat2data`` (creates a session). The server honours ``data_summary_id``
        only when ``cluster_id`` and ``database`` are absent, so empty ones are not sent."""
        body = {
            "question": question,
            "sql_generate_mode": check_mode(mode),
            **target(cluster_id, database, data_summary_id),
        }
        return self._start_chat(f"chat:{mode}", "v3", "chat2data", body=body)

    # ------------------------------------------------------------------ v3 data summaries

    def create_data_summary(
        self,
        cluster_id: str,
        database: str,
        *,
        description: str = "",
        reuse: bool = True,
        default: bool = True,
    ) -> SummaryStarted:
        """``POST /v3/dataSummaries``; with ``reuse`` an existing summary comes back (its job already done)."""
        body = {
            "cluster_id": cluster_id,
            "database": database,
            "description": description,
            "reuse": reuse,
            "default": default,
        }
        return self._start_summary("v3", "dataSummaries", body=body)

    def list_data_summaries(self, *, cluster_id: str = "", database: str = "") -> list[DataSummary]:
        """``GET /v3/dataSummaries`` (optional filters sent as query parameters)."""
        params = {"cluster_id": cluster_id, "database": database}
        return self._get(
            "v3",
            "dataSummaries",
            params=params,
            parse=list_of("data_summaries", DataSummary.from_json),
        )

    def get_data_summary(self, data_summary_id: str | int) -> DataSummary:
        """``GET /v3/dataSummaries/{id}``; ``status`` is "inited" while it is generated."""
        return self._get("v3", "dataSummaries", data_summary_id, parse=DataSummary.from_json)

    def update_data_summary(
        self,
        data_summary_id: str | int,
        *,
        description: str | None = None,
        default: bool | None = None,
        tables: dict[str, dict[str, Any]] | None = None,
    ) -> SummaryUpdate:
        """``PUT /v3/dataSummaries/{id}`` (body [UNK]): sends only the given fields,
        ``tables`` in the v2 draft shape ``{table: {"description", "columns": {col: desc}}}``.
        Returns the updated summary, the job that applies it, or None when the server says nothing."""
        body = given(description=description, default=default, tables=tables)
        return self._send(
            "PUT", "v3", "dataSummaries", data_summary_id, body=body, parse=summary_update_result
        )

    def update_table_description(
        self, data_summary_id: str | int, table: str, description: str
    ) -> SummaryUpdate:
        """``PUT /v3/dataSummaries/{id}/tables/{table}`` with ``{"description": ...}`` (shape [UNK]).
        The answer may be the updated table, the whole summary, a job, or nothing."""
        body = {"description": description}
        return self._send(
            "PUT",
            "v3",
            "dataSummaries",
            data_summary_id,
            "tables",
            table,
            body=body,
            parse=summary_update_result,
        )

    def update_column_descriptions(
        self, data_summary_id: str | int, table: str, columns: dict[str, str]
    ) -> SummaryUpdate:
        """``PUT /v3/dataSummaries/{id}/tables/{table}/columns`` with ``{"columns": {col: desc}}``
        (shape [UNK]; it mirrors the v2 draft's per-table ``columns`` map)."""
        body = {"columns": {str(k): str(v) for k, v in columns.items()}}
        return self._send(
            "PUT",
            "v3",
            "dataSummaries",
            data_summary_id,
            "tables",
            table,
            "columns",
            body=body,
            parse=summary_update_result,
        )

    # ------------------------------------------------------------------ v3 knowledge bases

    def create_knowledge_base(
        self, cluster_id: str, database: str, description: str = ""
    ) -> KnowledgeBase:
        """``POST /v3/knowledgeBases``."""
        body = {"cluster_id": cluster_id, "database": database, "description": description}
        kb = self._send("POST", "v3", "knowledgeBases", body=body, parse=KnowledgeBase.from_json)
        return fill_sent(kb, cluster_id=cluster_id, database=database, description=description)

    def list_knowledge_bases(self) -> list[KnowledgeBase]:
        """``GET /v3/knowledgeBases``: bare array or ``{"knowledge_bases": [...]}``."""
        return self._get(
            "v3", "knowledgeBases", parse=list_of("knowledge_bases", KnowledgeBase.from_json)
        )

    def get_knowledge_base(self, knowledge_base_id: str | int) -> KnowledgeBase:
        """``GET /v3/knowledgeBases/{id}``."""
        return self._get("v3", "knowledgeBases", knowledge_base_id, parse=KnowledgeBase.from_json)

    def update_knowledge_base(
        self,
        knowledge_base_id: str | int,
        *,
        description: str | None = None,
        default: bool | None = None,
    ) -> KnowledgeBase | None:
        """``PUT /v3/knowledgeBases/{id}`` with the given fields (shape [UNK])."""
        body = given(description=description, default=default)
        return self._send(
            "PUT",
            "v3",
            "knowledgeBases",
            knowledge_base_id,
            body=body,
            parse=or_none(KnowledgeBase.from_json),
        )

    def add_knowledge(
        self,
        knowledge_base_id: str | int,
        type: str,
        raw_data: dict[str, Any],
        meta_data: dict[str, Any] | None = None,
    ) -> KnowledgeData:
        """``POST /v3/knowledgeBases/{id}/data``: few-shot ``{question, answer}``,
        term-sheet ``{term: [...], description}`` or instruction ``{instruction}`` (≤ 512 chars)."""
        check_knowledge(type, raw_data)
        body = {"type": type, "meta_data": meta_data or {}, "raw_data": raw_data}
        item = self._send(
            "POST",
            "v3",
            "knowledgeBases",
            knowledge_base_id,
            "data",
            body=body,
            parse=KnowledgeData.from_json,
        )
        return fill_sent(item, type=type, raw_data=raw_data, meta_data=meta_data or {})

    def list_knowledge(self, knowledge_base_id: str | int) -> list[KnowledgeData]:
        """``GET /v3/knowledgeBases/{id}/data``: bare array or ``{"knowledge_data": [...]}``."""
        return self._get(
            "v3",
            "knowledgeBases",
            knowledge_base_id,
            "data",
            parse=list_of("knowledge_data", KnowledgeData.from_json),
        )

    def update_knowledge(
        self,
        knowledge_base_id: str | int,
        knowledge_data_id: str | int,
        *,
        type: str | None = None,
        raw_data: dict[str, Any] | None = None,
        meta_data: dict[str, Any] | None = None,
    ) -> KnowledgeData | None:
        """``PUT /v3/knowledgeBases/{id}/data/{data_id}``, body as for adding (given fields only)."""
        if type is not None and raw_data is not None:
            check_knowledge(type, raw_data)
        body = given(type=type, raw_data=raw_data, meta_data=meta_data)
        return self._send(
            "PUT",
            "v3",
            "knowledgeBases",
            knowledge_base_id,
            "data",
            knowledge_data_id,
            body=body,
            parse=or_none(KnowledgeData.from_json),
        )

    def delete_knowledge(self, knowledge_base_id: str | int, knowledge_data_id: str | int) -> None:
        """``DELETE /v3/knowledgeBases/{id}/data/{data_id}``."""
        self._send("DELETE", "v3", "knowledgeBases", knowledge_base_id, "data", knowledge_data_id)

    # ------------------------------------------------------------------ refine / suggest

    def refine_sql(self, cluster_id: str, database: str, sql: str, feedback: str) -> ChatStarted:
        """``POST /v3/refineSql``: a job whose result parses with :class:`RefineResult`."""
        body = {"cluster_id": cluster_id, "database": database, "sql": sql, "feedback": feedback}
        return self._start_chat("refine", "v3", "refineSql", body=body)

    def suggest_questions(self, cluster_id: str, database: str) -> ChatStarted:
        """``POST /v3/suggestQuestions``: a job whose result parses with :class:`Suggestions`."""
        return self._start_chat(
            "suggest",
            "v3",
            "suggestQuestions",
            body={"cluster_id": cluster_id, "database": database},
        )

    # ------------------------------------------------------------------ v2

    def create_data_summary_v2(
        self, cluster_id: str, database: str, *, description: str = "", reuse: bool = True
    ) -> SummaryStarted:
        """``POST /v2/dataSummaries``; the finished job holds the v2-era summary shape."""
        body = {
            "cluster_id": cluster_id,
            "database": database,
            "description": description,
            "reuse": reuse,
        }
        return self._start_summary("v2", "dataSummaries", body=body)

    def get_data_summary_v2(self, data_summary_id: str | int) -> DataSummary:
        """``GET /v2/dataSummaries/{id}`` (draft-era, spec §7.29): the v2 summary, bare or wrapped in
        ``{id, name, type, data: {...}}``."""
        return self._get("v2", "dataSummaries", data_summary_id, parse=v2_summary)

    def list_data_summaries_v2(self) -> list[DataSummary]:
        """``GET /v2/dataSummaries``."""
        return self._get(
            "v2", "dataSummaries", parse=list_of("data_summaries", DataSummary.from_json)
        )

    def chat_v2(
        self,
        question: str,
        *,
        cluster_id: str = "",
        database: str = "",
        data_summary_id: str | int | None = None,
    ) -> ChatStarted:
        """``POST /v2/chat2data`` with ``raw_question``; the job result is a ``task_tree``
        (``Job.answer()`` maps it onto :class:`Answer`)."""
        body = {"raw_question": question, **target(cluster_id, database, data_summary_id)}
        return self._start_chat("chat:v2", "v2", "chat2data", body=body)

    # ------------------------------------------------------------------ v1 (deprecated)

    def chat_v1(
        self, cluster_id: str, database: str, instruction: str, tables: list[str] | None = None
    ) -> V1Result:
        """Deprecated synchronous ``POST /chat2data`` (the docs' curl path; the table calls it
        ``/v1/chat2data``). Gateway envelope; a failed SQL comes back as a result with its code."""
        body: dict[str, Any] = {
            "cluster_id": cluster_id,
            "database": database,
            "instruction": instruction,
        }
        if tables:
            body["tables"] = list(tables)
        return self._send("POST", "chat2data", body=body, starts_ai=True, parse=V1Result.from_json)
