"""refine, suggest, knowledge and session listing live in chat/ with asking's
contract (job reported before the first poll, cancel honoured), over real HTTP."""

from __future__ import annotations

import threading

import pytest

from c2q_repl.api.errors import CancelledError, NotFoundError
from c2q_repl.chat.assist import refine_sql, suggest_questions
from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.knowledge import (
    NO_KNOWLEDGE_ENDPOINTS,
    NoKnowledgeEndpointsError,
    add_knowledge,
    knowledge_listing,
)
from c2q_repl.chat.server_sessions import list_sessions, server_history
from c2q_repl.config import Credentials, Settings
from tests.chat import docserver as D


def test_refine_reports_the_job_then_returns_the_rewrite(sandbox, connection_to, recorder):
    conv = Conversation(connection_to(sandbox))
    updates = []
    result = refine_sql(
        conv,
        "SELECT name FROM companies",
        "only the first 3",
        on_update=updates.append,
    )
    assert "LIMIT 3" in result.rewritten_sql.upper()
    assert updates[0].status == "submitted" and updates[0].job_id
    assert updates[-1].status == "done" and updates[-1].job_id == updates[0].job_id
    assert len(recorder.calls("POST", "/v3/refineSql")) == 1


def test_suggest_returns_questions(sandbox, connection_to):
    questions = suggest_questions(Conversation(connection_to(sandbox)))
    assert questions and all(isinstance(q, str) and q for q in questions)


def test_a_set_cancel_stops_the_wait_with_the_job_id(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox))
    conv.open()
    cancel = threading.Event()

    def on_update(job):
        cancel.set()  # the user pressed Ctrl-C as soon as the job was known

    with pytest.raises(CancelledError) as caught:
        suggest_questions(conv, cancel=cancel, on_update=on_update)
    assert caught.value.job_id


def test_knowledge_add_then_list_on_the_sandbox(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox))
    base, item = add_knowledge(conv, "instruction", {"instruction": "Show caps in billions"})
    listing = knowledge_listing(conv)
    assert listing.base is not None and listing.base.knowledge_base_id == base.knowledge_base_id
    assert any(i.raw_data.get("instruction") == "Show caps in billions" for i in listing.items)


def _conversation(server: D.DocServer) -> Conversation:
    from c2q_repl.chat.connect import new_connection

    settings = Settings(
        endpoint=server.endpoint,
        credentials=Credentials(D.PUBLIC_KEY, D.PRIVATE_KEY),
        cluster_id=D.CLUSTER_ID,
        database=D.DATABASE,
    )
    return Conversation(new_connection(settings).wait())


@pytest.mark.parametrize("action", ["list", "add"])
def test_a_data_app_without_knowledge_endpoints_says_so(action):
    with D.DocServer() as server:
        conv = _conversation(server)
        try:
            with pytest.raises(NoKnowledgeEndpointsError) as caught:
                if action == "list":
                    knowledge_listing(conv)
                else:
                    add_knowledge(conv, "instruction", {"instruction": "x"})
        finally:
            conv.connection.close()
    assert caught.value.message == NO_KNOWLEDGE_ENDPOINTS
    assert isinstance(caught.value, NotFoundError)  # still a 404 for whoever handles those


def test_server_history_and_session_list_over_http():
    messages = [
        {"role": "user", "content": "how many companies?", "job_id": "j1", "created_at": 1},
        {
            "role": "assistant",
            "content": "1 row",
            "job_id": "j1",
            "status": "done",
            "sql": "SELECT COUNT(*) FROM companies",
            "data": {"columns": [{"col": "n"}], "rows": [["503"]]},
        },
    ]
    routes = {
        ("GET", f"/v3/sessions/{D.SESSION_ID}"): lambda body: D.ok(D.session(messages)),
        ("GET", "/v3/sessions"): lambda body: D.ok(
            {"sessions": [D.session(name="first"), D.session(name="second", sid=7)]}
        ),
    }
    with D.DocServer(routes=routes) as server:
        conv = _conversation(server)
        try:
            session_id, rounds = server_history(conv)
            sessions = list_sessions(conv)
        finally:
            conv.connection.close()
    assert session_id == str(D.SESSION_ID)
    assert [(r.question, r.status, r.sql, r.row_count) for r in rounds] == [
        ("how many companies?", "done", "SELECT COUNT(*) FROM companies", 1)
    ]
    assert [s.name for s in sessions] == ["first", "second"]
