"""Chat operations: sessions, chat2data (v1/v2/v3), refineSql, suggestQuestions, knowledge.

Every AI operation builds an :class:`AnswerRequest` (with the session's
finished rounds as history and the database's knowledge) and runs the
engine plus the SQL in a job thread, never on the event loop.
"""

from __future__ import annotations

import hashlib
import re
import time

from c2q_repl.sandbox.contracts import AnswerRequest, Plan, plan_json_safe
from c2q_repl.sandbox.jobs import JobOutcome, new_job_id
from c2q_repl.sandbox.keys import ApiKey
from c2q_repl.sandbox.knowledge import KnowledgeError, validate_item
from c2q_repl.sandbox.results import execute_plan, prior_round, v2_outcome
from c2q_repl.sandbox.service import ApiError, SandboxCore, Target, _as_int, bad_request
from c2q_repl.sandbox.sessions import Round, Session, message_json
from c2q_repl.sandbox.summaries import DataSummary, user_descriptions

MODES = ("direct", "auto_breakdown")
NAME_LENGTH = 64
_CONTROL_OR_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def name_from_text(text: str) -> str:
    """A one-line session name: newlines, tabs and control characters become single spaces."""
    return _CONTROL_OR_SPACE.sub(" ", text).strip()[:NAME_LENGTH].rstrip()


def creator_of(key: ApiKey, app_id: str) -> str:
    """An e-mail-like creator for a key (the docs show the owner's e-mail), never the key itself."""
    tag = hashlib.sha256(f"{app_id}/{key.public}".encode()).hexdigest()[:6]
    return f"{key.role.replace('_', '-')}-{tag}@{app_id}.sandbox.local"


def _question(body: dict, *names: str) -> str:
    for name in names:
        value = body.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    raise bad_request(f"{names[0]} is required")


def _mode(body: dict) -> str:
    mode = body.get("sql_generate_mode") or "direct"
    if mode not in MODES:
        raise bad_request(f"sql_generate_mode must be one of {', '.join(MODES)}")
    return mode


class ChatService:
    def __init__(self, core: SandboxCore):
        self.core = core

    # ------------------------------------------------------------ sessions
    def session_json(self, s: Session, *, with_messages: bool = True) -> dict:
        messages = []
        if with_messages:
            for rnd in list(s.rounds):
                view = self.core.jobs.view(rnd.job_id)
                messages += message_json(rnd, view.status if view else (rnd.status or "done"))
        out = {
            "session_id": s.session_id,
            "cluster_id": s.cluster_id,
            "database": s.database,
            "meta": {
                "created_at": s.created_at,
                "updated_at": s.updated_at,
                "creator": s.creator,
                "name": s.name,
                "org_id": "1",
            },
        }
        if with_messages:
            out["messages"] = messages
        return out

    def create_session(self, body: dict, creator: str) -> dict:
        target = self.core.ready_target(
            {k: body.get(k) for k in ("cluster_id", "database", "database_uri")}
        )
        name = body.get("name") or ""
        if not isinstance(name, str):
            raise bad_request("name must be a string")
        s = self.core.sessions.create(
            self.core.next_id(), target.cluster_id, target.database, name, creator
        )
        self.core.warm_up()  # a question is coming: have the engine ready for it
        return self.session_json(s)

    def find_session(self, raw_id: str) -> Session:
        s = self.core.sessions.get(_as_int(raw_id))
        if s is None:
            raise ApiError(404, f"session {raw_id} not found")
        return s

    def list_sessions(self) -> dict:
        return {
            "sessions": [
                self.session_json(s, with_messages=False) for s in self.core.sessions.all()
            ]
        }

    def rename_session(self, raw_id: str, body: dict) -> dict:
        s = self.find_session(raw_id)
        name = body.get("name")
        if not isinstance(name, str):
            raise bad_request("name is required")
        self.core.sessions.rename(s, name)
        return self.session_json(s)

    def reset_session(self, raw_id: str) -> dict:
        s = self.find_session(raw_id)
        self.core.sessions.reset(s)
        return self.session_json(s)

    # ------------------------------------------------------------ v3 chat
    def chat_v3(self, body: dict, creator: str, read_only: bool) -> dict:
        question, mode = _question(body, "question"), _mode(body)
        target = self.core.ready_target(body)
        s = self.core.sessions.create(
            self.core.next_id(),
            target.cluster_id,
            target.database,
            name_from_text(question),
            creator,
        )
        job_id = self._start_round(s, question, mode, read_only, "", "", target.summary)
        return {
            "cluster_id": target.cluster_id,
            "database": target.database,
            "job_id": job_id,
            "session_id": s.session_id,
        }

    def session_chat(self, raw_id: str, body: dict, read_only: bool) -> dict:
        s = self.find_session(raw_id)
        question, mode = _question(body, "question"), _mode(body)
        self.core.ready_target({"cluster_id": s.cluster_id, "database": s.database})
        feedback_id = body.get("feedback_answer_id") or ""
        task_id = body.get("feedback_task_id") or ""
        if feedback_id and self.core.sessions.find_round(s, str(feedback_id)) is None:
            raise bad_request(
                f"feedback_answer_id {feedback_id} is not an answer of session {s.session_id}"
            )
        job_id = self._start_round(s, question, mode, read_only, str(feedback_id), str(task_id))
        return {"job_id": job_id, "session_id": s.session_id}

    def _request(
        self,
        question: str,
        mode: str,
        cluster: str,
        database: str,
        history=(),
        feedback=None,
        feedback_task_id: str = "",
        summary: DataSummary | None = None,
    ) -> AnswerRequest:
        """``summary``: the data summary addressed (default: the database's default one),
        whose user-written descriptions teach the engine the user's words."""
        return AnswerRequest(
            question=question,
            mode=mode,
            catalog=self.core.catalog,
            database=self.core.db,
            history=tuple(history),
            feedback=feedback,
            feedback_task_id=feedback_task_id,
            knowledge=self.core.knowledge.items_for(cluster, database),
            descriptions=user_descriptions(
                summary or self.core.summaries.default_for(cluster, database)
            ),
        )

    def _start_round(
        self,
        s: Session,
        question: str,
        mode: str,
        read_only: bool,
        feedback_id: str,
        feedback_task_id: str,
        summary: DataSummary | None = None,
    ) -> str:
        sessions = self.core.sessions
        history = sessions.history(s)
        feedback_round = sessions.find_round(s, feedback_id) if feedback_id else None
        request = self._request(
            question,
            mode,
            s.cluster_id,
            s.database,
            history,
            feedback_round.answer if feedback_round else None,
            feedback_task_id,
            summary,
        )
        job_id = new_job_id()
        sessions.add_round(s, Round(question, job_id, mode, int(time.time())))

        def work() -> JobOutcome:
            plan = self.core.answerer.answer(request)
            plan = Plan(**{**plan.__dict__, "state": plan_json_safe(plan.state)})
            runs, outcome = execute_plan(plan, question, self.core.db, read_only, self.core.limits)
            sessions.finish_round(
                s, job_id, prior_round(question, job_id, plan, runs), outcome.status
            )
            return outcome

        return self.core.jobs.submit("chat", work, job_id=job_id, starts_running=True)

    # ------------------------------------------------------------ v2 chat
    def chat_v2(self, body: dict, read_only: bool) -> dict:
        question = _question(body, "raw_question", "question")
        mode = _mode(body)
        target: Target = self.core.ready_target(body)
        request = self._request(
            question, mode, target.cluster_id, target.database, summary=target.summary
        )
        started = time.monotonic()

        def work() -> JobOutcome:
            plan = self.core.answerer.answer(request)
            runs, _ = execute_plan(plan, question, self.core.db, read_only, self.core.limits)
            return v2_outcome(plan, question, runs, started)

        return {"job_id": self.core.jobs.submit("chat_v2", work, starts_running=True)}

    # ------------------------------------------------------------ v1 (synchronous)
    def chat_v1(self, body: dict, read_only: bool) -> dict:
        """Blocking: call from a worker thread. Returns the gateway envelope's ``data``."""
        from c2q_repl.sandbox.v1 import v1_data

        question = _question(body, "instruction", "question")
        cluster, database = self.core.named_database(body)
        tables = body.get("tables") or []
        if not isinstance(tables, list) or any(
            self.core.catalog.table(str(t)) is None for t in tables
        ):
            raise bad_request("tables must be a list of existing table names")
        started = time.time()
        plan = self.core.answerer.answer(self._request(question, "direct", cluster, database))
        ai_done = time.time()
        runs, _ = execute_plan(plan, question, self.core.db, read_only, self.core.limits)
        return v1_data(plan, runs, self.core.catalog, started, ai_done, self.core.limits.max_rows)

    # ------------------------------------------------------------ refine / suggest
    def refine_sql(self, body: dict, creator: str) -> dict:
        """Like the cloud (PingCAP's tisqleditor comments show it), the POST returns a session too."""
        cluster, database = self.core.named_database(body)
        sql, feedback = body.get("sql"), body.get("feedback", "")
        if not isinstance(sql, str) or not sql.strip():
            raise bad_request("sql is required")
        if not isinstance(feedback, str):
            raise bad_request("feedback must be a string")
        session = self.core.sessions.create(
            self.core.next_id(),
            cluster,
            database,
            name_from_text(f"refineSql: {feedback or sql}"),
            creator,
        )

        def work() -> JobOutcome:
            rewritten, solution = self.core.answerer.refine_sql(
                sql, feedback, self.core.catalog, self.core.db
            )
            return JobOutcome("done", {"rewritten_sql": rewritten, "solution": solution})

        job_id = self.core.jobs.submit("refine", work, starts_running=True)
        return {"job_id": job_id, "session_id": session.session_id}

    def suggest_questions(self, body: dict) -> dict:
        self.core.ready_target(body)
        count = body.get("count", 5)
        if not isinstance(count, int) or not 1 <= count <= 20:
            raise bad_request("count must be an integer from 1 to 20")

        def work() -> JobOutcome:
            return JobOutcome(
                "done",
                list(self.core.answerer.suggest_questions(self.core.catalog, self.core.db, count)),
            )

        return {"job_id": self.core.jobs.submit("suggest", work, starts_running=True)}

    # ------------------------------------------------------------ knowledge bases
    def create_kb(self, body: dict) -> dict:
        cluster, database = self.core.named_database(body)
        description = body.get("description", "")
        if not isinstance(description, str):
            raise bad_request("description must be a string")
        kb = self.core.knowledge.create(cluster, database, description)
        return {
            "default": kb.default,
            "description": kb.description,
            "knowledge_base_id": kb.knowledge_base_id,
        }

    def find_kb(self, raw_id: str):
        kb = self.core.knowledge.get(_as_int(raw_id))
        if kb is None:
            raise ApiError(404, f"knowledge base {raw_id} not found")
        return kb

    def update_kb(self, raw_id: str, body: dict) -> dict:
        kb = self.find_kb(raw_id)
        description, default = body.get("description"), body.get("default")
        if description is not None and not isinstance(description, str):
            raise bad_request("description must be a string")
        if default is not None and not isinstance(default, bool):
            raise bad_request("default must be true or false")
        self.core.knowledge.update(kb, description, default)
        return kb.to_json()

    def add_knowledge(self, raw_id: str, body: dict) -> dict:
        kb = self.find_kb(raw_id)
        type_, raw_data = self._valid_item(body.get("type"), body.get("raw_data"))
        meta = body.get("meta_data") or {}
        if not isinstance(meta, dict):
            raise bad_request("meta_data must be an object")
        return self.core.knowledge.add_item(kb, type_, raw_data, meta).to_json()

    def update_knowledge(self, raw_id: str, data_id: str, body: dict) -> dict:
        kb = self.find_kb(raw_id)
        item = kb.items.get(_as_int(data_id))
        if item is None:
            raise ApiError(
                404, f"knowledge data {data_id} not found in knowledge base {kb.knowledge_base_id}"
            )
        type_, raw_data = self._valid_item(
            body.get("type", item.type), body.get("raw_data", item.raw_data)
        )
        meta = body.get("meta_data")
        if meta is not None and not isinstance(meta, dict):
            raise bad_request("meta_data must be an object")
        self.core.knowledge.update_item(item, type_, raw_data, meta)
        return item.to_json()

    def delete_knowledge(self, raw_id: str, data_id: str) -> dict:
        kb = self.find_kb(raw_id)
        if not self.core.knowledge.delete_item(kb, _as_int(data_id)):
            raise ApiError(
                404, f"knowledge data {data_id} not found in knowledge base {kb.knowledge_base_id}"
            )
        return {"knowledge_data_id": _as_int(data_id), "deleted": True}

    @staticmethod
    def _valid_item(type_, raw_data) -> tuple[str, dict]:
        try:
            return validate_item(type_, raw_data)
        except KnowledgeError as exc:
            raise bad_request(str(exc)) from None
