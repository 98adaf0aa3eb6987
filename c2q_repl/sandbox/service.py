"""The sandbox's application logic, free of HTTP: what each endpoint does.

Handlers in :mod:`c2q_repl.sandbox.app` parse the request, call one method
here and wrap the returned JSON in the app envelope; failures are raised as
:class:`ApiError` and become the documented error bodies.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass
from urllib.parse import urlparse

from c2q_repl.sandbox.contracts import Catalog, Database, SchemaDescription
from c2q_repl.sandbox.jobs import JobOutcome, JobStore
from c2q_repl.sandbox.knowledge import KnowledgeStore
from c2q_repl.sandbox.responses import NOT_READY
from c2q_repl.sandbox.results import Limits
from c2q_repl.sandbox.sessions import SessionStore
from c2q_repl.sandbox.summaries import DataSummary, SummaryStore, v2_json, v3_json

FIRST_ID = 304823  # summary and session ids share one numeric space, as in the docs' examples


class ApiError(Exception):
    """An application error: HTTP status = body code, app envelope (gateway when ``gateway``)."""

    def __init__(self, code: int, msg: str, *, gateway: bool = False, type_: str = ""):
        super().__init__(msg)
        self.code, self.msg, self.gateway, self.type_ = code, msg, gateway, type_


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"param check failed! {detail}")


def cluster_id_for(app_id: str, database: str) -> str:
    """A stable 20-digit decimal cluster id (the shape TiDB Cloud uses)."""
    digest = int(hashlib.sha256(f"{app_id}/{database}".encode()).hexdigest(), 16)
    return str(10**19 + digest % (9 * 10**18))


@dataclass(frozen=True)
class Target:
    """The (cluster, database) a request addresses, and its default data summary."""

    cluster_id: str
    database: str
    summary: DataSummary


class SandboxCore:
    """State shared by all endpoints: the database, stores, jobs and ids."""

    def __init__(
        self,
        db: Database,
        answerer,
        jobs: JobStore,
        *,
        app_id: str,
        limits: Limits,
        known_description: SchemaDescription | None = None,
    ):
        self.db = db
        self.answerer = answerer
        # the bundled database's description, computed ahead (prebuilt.py): its summary is
        # ready at once and the engine warms up only once a session is open
        self.known_description = known_description
        self._warmed = False
        self.jobs = jobs
        self.app_id = app_id
        self.limits = limits
        self.catalog: Catalog = db.catalog()
        self.cluster_id = cluster_id_for(app_id, db.name)
        self.summaries = SummaryStore()
        self.sessions = SessionStore()
        self.knowledge = KnowledgeStore()
        self._ids = itertools.count(FIRST_ID)
        self._id_lock = threading.Lock()

    def next_id(self) -> int:
        with self._id_lock:
            return next(self._ids)

    # ------------------------------------------------------------ addressing
    def check_database(self, body: dict, *, required: bool = True) -> tuple[str, str] | None:
        """(cluster_id, database) named by ``body`` (or its ``database_uri``), which must be ours."""
        cluster, database = body.get("cluster_id"), body.get("database")
        uri = body.get("database_uri")
        if (cluster in (None, "") or database in (None, "")) and isinstance(uri, str) and uri:
            database = urlparse(uri).path.strip("/") or urlparse(uri).netloc
            cluster = self.cluster_id
        if cluster in (None, "") and database in (None, ""):
            if required:
                raise bad_request("cluster_id and database are required")
            return None
        if cluster in (None, "") or database in (None, ""):
            raise bad_request("cluster_id and database must be given together")
        if str(cluster) != self.cluster_id:
            raise bad_request(
                f"cluster {cluster} is not linked to this Data App (linked: {self.cluster_id})"
            )
        if str(database) != self.db.name:
            raise bad_request(f"database {database!r} not found in cluster {self.cluster_id}")
        return self.cluster_id, self.db.name

    def summary_status(self, s: DataSummary) -> str:
        view = self.jobs.view(s.job_id)
        if view is None:
            return "done" if s.description is not None else "failed"
        return {"done": "done" if s.description is not None else "failed", "failed": "failed"}.get(
            view.status, "inited"
        )

    def ready_target(self, body: dict) -> Target:
        """Where a chat request goes; raises the documented 400 while its summary is not ready."""
        named = self.check_database(body, required=False)
        if named is None:
            raw_id = body.get("data_summary_id")
            if raw_id in (None, ""):
                raise bad_request("cluster_id and database (or data_summary_id) are required")
            summary = self.summaries.get(_as_int(raw_id))
            if summary is None:
                raise ApiError(404, f"data summary {raw_id} not found")
        else:
            summary = self.summaries.default_for(*named)
            if summary is None:
                raise ApiError(400, "Data summary not found, please create a data summary first")
        if self.summary_status(summary) != "done":
            raise ApiError(400, NOT_READY)
        return Target(summary.cluster_id, summary.database, summary)

    # ------------------------------------------------------------ data summaries
    def named_database(self, body: dict) -> tuple[str, str]:
        """:meth:`check_database` for a body that must name one (it raises otherwise)."""
        named = self.check_database(body)
        assert named is not None  # required=True: a missing database is a 400, never None
        return named

    def create_summary(self, body: dict, *, v2: bool = False) -> dict:
        cluster, database = self.named_database(body)
        description = body.get("description", "")
        if not isinstance(description, str):
            raise bad_request("description must be a string")
        if body.get("reuse") is True:
            reused = self.reuse_summary(body, v2=v2)
            if reused is not None:
                return reused
        summary = self.start_summary(
            cluster,
            database,
            description,
            make_default=body.get("default") is True,  # the docs' example object says false
            v2=v2,
        )
        return {"data_summary_id": summary.data_summary_id, "job_id": summary.job_id}

    def reuse_summary(self, body: dict, *, v2: bool = False) -> dict | None:
        """``reuse: true``: the default summary when done (with a finished job), else a summary of
        the database still being generated (with its own job) - never a second generation.
        None when there is nothing to reuse (then a new summary is generated)."""
        named = self.check_database(body)
        if named is None:
            return None
        cluster, database = named
        existing = self.summaries.default_for(cluster, database)
        if existing is not None and self.summary_status(existing) == "done":
            shape = v2_json if v2 else v3_json
            job_id = self.jobs.completed(
                "summary", JobOutcome("done", shape(existing, "done", self.catalog))
            )
            return {"data_summary_id": existing.data_summary_id, "job_id": job_id}
        generating = [
            s
            for s in self.summaries.all()
            if (s.cluster_id, s.database) == (cluster, database)
            and self.summary_status(s) == "inited"
        ]
        if not generating:
            return None
        chosen = next((s for s in generating if s.default), generating[-1])
        return {"data_summary_id": chosen.data_summary_id, "job_id": chosen.job_id}

    def start_summary(
        self,
        cluster: str,
        database: str,
        description: str,
        *,
        make_default: bool = True,
        v2: bool = False,
    ) -> DataSummary:
        from c2q_repl.sandbox.jobs import new_job_id

        summary = DataSummary(self.next_id(), cluster, database, description, new_job_id())

        def work() -> JobOutcome:
            known = self.known_description
            if known is not None and known.database == database:
                summary.description = known
            else:
                summary.description = self.answerer.describe(self.catalog, self.db)
                self.warm_up()
            return JobOutcome("done", (v2_json if v2 else v3_json)(summary, "done", self.catalog))

        self.summaries.add(summary, make_default)
        self.jobs.submit("summary", work, job_id=summary.job_id)
        return summary

    def warm_up(self) -> None:
        """Let the engine load and verify its example questions now, in the background (once),
        so the first question, refusal or /suggest does not pay for it (about a second)."""
        with self._id_lock:
            if self._warmed:
                return
            self._warmed = True

        def warm() -> None:
            try:
                self.answerer.suggest_questions(self.catalog, self.db, 3)
            except Exception:  # only a warm-up: the real call reports its own errors
                pass

        threading.Thread(target=warm, name="c2q-sandbox-warmup", daemon=True).start()

    def summary_json(self, s: DataSummary, *, v2: bool = False) -> dict:
        return (v2_json if v2 else v3_json)(s, self.summary_status(s), self.catalog)

    def list_summaries(self, params: dict, *, v2: bool = False) -> dict:
        items = [
            s
            for s in self.summaries.all()
            if params.get("cluster_id") in (None, "", s.cluster_id)
            and params.get("database") in (None, "", s.database)
        ]
        return {"data_summaries": [self.summary_json(s, v2=v2) for s in items]}

    def find_summary(self, raw_id: str) -> DataSummary:
        summary = self.summaries.get(_as_int(raw_id))
        if summary is None:
            raise ApiError(404, f"data summary {raw_id} not found")
        return summary

    def _editable(self, raw_id: str) -> DataSummary:
        summary = self.find_summary(raw_id)
        if self.summary_status(summary) != "done":
            raise ApiError(400, NOT_READY)
        return summary

    def update_summary(self, raw_id: str, body: dict) -> dict:
        summary = self._editable(raw_id)
        if "description" in body:
            if not isinstance(body["description"], str):
                raise bad_request("description must be a string")
            summary.user_description = body["description"]
        tables = body.get("tables", {})
        if not isinstance(tables, dict):
            raise bad_request("tables must be an object of {table: {description, columns}}")
        for table, spec in tables.items():
            spec = spec if isinstance(spec, dict) else {"description": spec}
            if "description" in spec:
                self._set_table(summary, table, spec["description"])
            if "columns" in spec:
                self._set_columns(summary, table, spec["columns"])
        if body.get("default") is True:
            self.summaries.set_default(summary)
        return self.summary_json(summary)

    def update_table(self, raw_id: str, table: str, body: dict) -> dict:
        summary = self._editable(raw_id)
        if "description" not in body:
            raise bad_request("description is required")
        self._set_table(summary, table, body["description"])
        return self.summary_json(summary)["tables"][self._table_name(table)]

    def update_columns(self, raw_id: str, table: str, body: dict) -> dict:
        summary = self._editable(raw_id)
        columns = body.get("columns", body)
        self._set_columns(summary, table, columns)
        return self.summary_json(summary)["tables"][self._table_name(table)]

    def _table_name(self, table: str) -> str:
        info = self.catalog.table(table)
        if info is None:
            raise ApiError(404, f"table {table!r} not found in database {self.db.name!r}")
        return info.name

    def _set_table(self, summary: DataSummary, table: str, description) -> None:
        if not isinstance(description, str):
            raise bad_request("description must be a string")
        summary.table_overrides[self._table_name(table)] = description

    def _set_columns(self, summary: DataSummary, table: str, columns) -> None:
        name = self._table_name(table)
        if isinstance(columns, list):  # [{"name": ..., "description": ...}]
            try:
                columns = {c["name"]: c["description"] for c in columns}
            except (TypeError, KeyError):
                raise bad_request(
                    "columns must be {column: description} or [{name, description}]"
                ) from None
        if not isinstance(columns, dict) or not columns:
            raise bad_request("columns must be a non-empty object of {column: description}")
        info = self.catalog.table(name)
        assert info is not None  # _table_name found it
        updates = {}
        for col, desc in columns.items():
            col_info = info.column(str(col))
            if col_info is None:
                raise ApiError(404, f"column {col!r} not found in table {name!r}")
            if not isinstance(desc, str):
                raise bad_request(f"description of column {col!r} must be a string")
            updates[col_info.name] = desc
        summary.column_overrides.setdefault(name, {}).update(updates)


def _as_int(raw) -> int:
    try:
        return int(str(raw).strip())
    except ValueError:
        return -1
