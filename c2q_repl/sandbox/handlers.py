"""The endpoints of the sandbox, each declared once: method, path, roles and what it does.

A handler gets the authenticated :class:`Call` and returns the JSON ``result``
of the app envelope (or a :class:`Prebuilt` answer serialised earlier);
failures are raised as :class:`~c2q_repl.sandbox.service.ApiError`.
:data:`ROUTES` is collected from the ``@endpoint`` declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from c2q_repl.sandbox.chat import ChatService, creator_of
from c2q_repl.sandbox.keys import ADMIN, SQL_READONLY, ApiKey
from c2q_repl.sandbox.routes import ASKERS, CONTEXT_WRITERS, EVERY_ROLE, Route, collect, endpoint
from c2q_repl.sandbox.service import ApiError, SandboxCore


@dataclass(frozen=True)
class Prebuilt:
    """A whole app-envelope answer already serialised (a finished job's poll answer)."""

    body: bytes


@dataclass
class Call:
    """One authenticated request as the handlers see it."""

    route: Route
    params: dict[str, str]
    key: ApiKey
    body: dict
    query: dict[str, str]
    free: bool = False  # set by a handler that started no AI work (its quota is given back)

    @property
    def read_only(self) -> bool:
        return self.key.role == SQL_READONLY


class Handlers:
    """The endpoints: each method is declared with its path and roles (``@endpoint``) and
    returns the JSON ``result`` (or a :class:`Prebuilt` answer)."""

    def __init__(self, core: SandboxCore):
        self.core = core
        self.chat = ChatService(core)

    @endpoint("GET", "v2/jobs/{job_id}", EVERY_ROLE)
    def get_job(self, c: Call):
        if not self._may_see_job(c):
            raise ApiError(404, "job not found")
        body = self.core.jobs.final_body(c.params["job_id"])
        if body is not None:
            return Prebuilt(body)  # serialised once, when the work finished
        view = self.core.jobs.view(c.params["job_id"])
        if view is None:
            raise ApiError(404, "job not found")
        return view.to_json()

    @endpoint("POST", "v3/dataSummaries", CONTEXT_WRITERS, ai=True)
    def create_summary(self, c: Call):
        return self._summary(c, v2=False)

    @endpoint("POST", "v2/dataSummaries", CONTEXT_WRITERS, ai=True)
    def create_summary_v2(self, c: Call):
        return self._summary(c, v2=True)

    def _summary(self, c: Call, *, v2: bool):
        """``reuse: true`` with a summary to reuse costs no AI request."""
        if c.body.get("reuse") is True:
            reused = self.core.reuse_summary(c.body, v2=v2)
            if reused is not None:
                c.free = True
                return reused
        return self.core.create_summary(c.body, v2=v2)

    @endpoint("GET", "v3/dataSummaries", EVERY_ROLE)
    def list_summaries(self, c: Call):
        return self.core.list_summaries(c.query)

    @endpoint("GET", "v2/dataSummaries", EVERY_ROLE)
    def list_summaries_v2(self, c: Call):
        return self.core.list_summaries(c.query, v2=True)

    @endpoint("GET", "v3/dataSummaries/{summary_id}", EVERY_ROLE)
    def get_summary(self, c: Call):
        return self.core.summary_json(self.core.find_summary(c.params["summary_id"]))

    @endpoint("GET", "v2/dataSummaries/{summary_id}", EVERY_ROLE)
    def get_summary_v2(self, c: Call):
        return self.core.summary_json(self.core.find_summary(c.params["summary_id"]), v2=True)

    @endpoint("PUT", "v3/dataSummaries/{summary_id}", CONTEXT_WRITERS)
    def update_summary(self, c: Call):
        return self.core.update_summary(c.params["summary_id"], c.body)

    @endpoint("PUT", "v3/dataSummaries/{summary_id}/tables/{table}", CONTEXT_WRITERS)
    def update_table(self, c: Call):
        return self.core.update_table(c.params["summary_id"], c.params["table"], c.body)

    @endpoint("PUT", "v3/dataSummaries/{summary_id}/tables/{table}/columns", CONTEXT_WRITERS)
    def update_columns(self, c: Call):
        return self.core.update_columns(c.params["summary_id"], c.params["table"], c.body)

    @endpoint("POST", "v3/knowledgeBases", CONTEXT_WRITERS)
    def create_kb(self, c: Call):
        return self.chat.create_kb(c.body)

    @endpoint("GET", "v3/knowledgeBases", EVERY_ROLE)
    def list_kbs(self, c: Call):
        return {"knowledge_bases": [kb.to_json() for kb in self.core.knowledge.all()]}

    @endpoint("GET", "v3/knowledgeBases/{kb_id}", EVERY_ROLE)
    def get_kb(self, c: Call):
        return self.chat.find_kb(c.params["kb_id"]).to_json()

    @endpoint("PUT", "v3/knowledgeBases/{kb_id}", CONTEXT_WRITERS)
    def update_kb(self, c: Call):
        return self.chat.update_kb(c.params["kb_id"], c.body)

    @endpoint("POST", "v3/knowledgeBases/{kb_id}/data", CONTEXT_WRITERS)
    def add_knowledge(self, c: Call):
        return self.chat.add_knowledge(c.params["kb_id"], c.body)

    @endpoint("GET", "v3/knowledgeBases/{kb_id}/data", EVERY_ROLE)
    def list_knowledge(self, c: Call):
        kb = self.chat.find_kb(c.params["kb_id"])
        return {"knowledge_data": [i.to_json() for i in list(kb.items.values())]}

    @endpoint("PUT", "v3/knowledgeBases/{kb_id}/data/{data_id}", CONTEXT_WRITERS)
    def update_knowledge(self, c: Call):
        return self.chat.update_knowledge(c.params["kb_id"], c.params["data_id"], c.body)

    @endpoint("DELETE", "v3/knowledgeBases/{kb_id}/data/{data_id}", CONTEXT_WRITERS)
    def delete_knowledge(self, c: Call):
        return self.chat.delete_knowledge(c.params["kb_id"], c.params["data_id"])

    # Sessions and the jobs of questions belong to the key that created them; an Admin key
    # sees all. Someone else's session or job is "not found" (its existence is not revealed).
    # Handlers run on the event loop one at a time, so a new session or job is claimed before
    # any other request can see it.
    @endpoint("POST", "v3/sessions", ASKERS)
    def create_session(self, c: Call):
        return self._claimed(c, self.chat.create_session(c.body, self._creator(c)))

    @endpoint("GET", "v3/sessions", ASKERS)
    def list_sessions(self, c: Call):
        visible = [s for s in self.core.sessions.all() if self._may_see(c, s.owner)]
        return {"sessions": [self.chat.session_json(s, with_messages=False) for s in visible]}

    @endpoint("GET", "v3/sessions/{session_id}", ASKERS)
    def get_session(self, c: Call):
        return self.chat.session_json(self._own_session(c))

    @endpoint("PUT", "v3/sessions/{session_id}", ASKERS)
    def rename_session(self, c: Call):
        self._own_session(c)
        return self.chat.rename_session(c.params["session_id"], c.body)

    @endpoint("PUT", "v3/sessions/{session_id}/reset", ASKERS)
    def reset_session(self, c: Call):
        self._own_session(c)
        return self.chat.reset_session(c.params["session_id"])

    @endpoint("POST", "v3/sessions/{session_id}/chat2data", ASKERS, ai=True)
    def session_chat(self, c: Call):
        self._own_session(c)
        return self._claimed(c, self.chat.session_chat(c.params["session_id"], c.body, c.read_only))

    @endpoint("POST", "v3/chat2data", ASKERS, ai=True)
    def chat_v3(self, c: Call):
        return self._claimed(c, self.chat.chat_v3(c.body, self._creator(c), c.read_only))

    @endpoint("POST", "v2/chat2data", ASKERS, ai=True)
    def chat_v2(self, c: Call):
        return self._claimed(c, self.chat.chat_v2(c.body, c.read_only))

    @endpoint("POST", "v1/chat2data", ASKERS, ai=True, v1=True)
    @endpoint("POST", "chat2data", ASKERS, ai=True, v1=True)
    def chat_v1(self, c: Call):
        return self.chat.chat_v1(c.body, c.read_only)

    @endpoint("POST", "v3/refineSql", ASKERS, ai=True)
    def refine_sql(self, c: Call):
        return self._claimed(c, self.chat.refine_sql(c.body, self._creator(c)))

    @endpoint("POST", "v3/suggestQuestions", ASKERS, ai=True)
    def suggest_questions(self, c: Call):
        return self._claimed(c, self.chat.suggest_questions(c.body))

    # ------------------------------------------------------------ ownership
    def _creator(self, c: Call) -> str:
        return creator_of(c.key, self.core.app_id)

    @staticmethod
    def _may_see(c: Call, owner: str) -> bool:
        return c.key.role == ADMIN or owner == c.key.public

    def _may_see_job(self, c: Call) -> bool:
        """Unclaimed jobs (data summaries, shared by the app) are everyone's."""
        owner = self.core.jobs.owner(c.params["job_id"])
        return owner is None or owner == "" or self._may_see(c, owner)

    def _own_session(self, c: Call):
        session = self.chat.find_session(c.params["session_id"])
        if not self._may_see(c, session.owner):
            raise ApiError(404, f"session {c.params['session_id']} not found")
        return session

    def _claimed(self, c: Call, result: dict) -> dict:
        """Record the calling key as the owner of the session and job ``result`` names."""
        if "session_id" in result:
            session = self.core.sessions.get(int(result["session_id"]))
            if session is not None and not session.owner:
                session.owner = c.key.public
        if "job_id" in result:
            self.core.jobs.claim(str(result["job_id"]), c.key.public)
        return result


ROUTES: tuple[Route, ...] = collect(Handlers)
