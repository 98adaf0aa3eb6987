"""The LLM answerer against an in-test OpenAI-compatible server with scripted replies."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from c2q_repl.sandbox.contracts import AnswerRequest, KnowledgeItem, PriorRound
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.llm.client import ChatClient
from c2q_repl.sandbox.engine.llm.sqlcheck import extract_sql

KEY = "sk-test-secret-123"


class ScriptedLLM:
    """Serves /v1/chat/completions; pops one scripted reply per call and records the requests."""

    def __init__(self):
        self.replies: list[dict] = []
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
                )
                reply = owner.replies.pop(0)
                status = reply.pop("status", 200)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def say(self, content: str, usage: dict | None = None, status: int = 200) -> None:
        reply = {
            "choices": [{"message": {"role": "assistant", "content": content}}],
            "status": status,
        }
        if usage:
            reply["usage"] = usage
        self.replies.append(reply)


@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("C2Q_TEST_LLM_KEY", KEY)
    server = ScriptedLLM()
    yield server
    server.server.shutdown()
    server.server.server_close()


def answerer(llm):
    return create_answerer(
        "llm", llm_url=llm.url, llm_model="test-model", llm_key_env="C2Q_TEST_LLM_KEY"
    )


def request(db, question, **kw):
    return AnswerRequest(question, "direct", db.catalog(), db, **kw)


def test_fenced_sql_is_answered_with_usage_and_prompt_context(llm, seed_db):
    llm.say(
        "Task: Count companies in the Technology sector\n```sql\nSELECT COUNT(*) FROM companies "
        "WHERE sector = 'Technology'\n```",
        usage={"prompt_tokens": 900, "completion_tokens": 20, "total_tokens": 920},
    )
    prior = PriorRound(
        "How many companies are there?",
        "job-1",
        "Count companies",
        "SELECT COUNT(*) FROM companies",
    )
    knowledge = (
        KnowledgeItem("term-sheet", {"term": "tech", "definition": "sector = 'Technology'"}),
    )
    plan = answerer(llm).answer(
        request(seed_db, "and tech ones?", history=(prior,), knowledge=knowledge)
    )
    task = plan.tasks[0]
    assert not task.refusal
    assert task.sql == "SELECT COUNT(*) FROM companies WHERE sector = 'Technology'"
    assert task.clarified_task == "Count companies in the Technology sector"
    assert task.usage == {"prompt_tokens": 900, "completion_tokens": 20, "total_tokens": 920}
    sent = llm.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == f"Bearer {KEY}"
    assert sent["body"]["model"] == "test-model"
    system = sent["body"]["messages"][0]["content"]
    assert "mysql" in system and "market_cap BIGINT -- Market capitalization" in system
    assert "'Technology'" in system  # sample values of a low-cardinality column
    assert "tech" in system and "definition" in system  # knowledge base
    contents = [m["content"] for m in sent["body"]["messages"]]
    assert "How many companies are there?" in contents and contents[-1] == "and tech ones?"
    assert seed_db.query(task.sql).rows == [["65"]]


def test_unknown_column_gets_one_retry_with_the_error(llm, seed_db):
    llm.say("```sql\nSELECT AVG(marketcap) FROM companies\n```", usage={"total_tokens": 100})
    llm.say("```sql\nSELECT AVG(market_cap) FROM companies\n```", usage={"total_tokens": 120})
    task = answerer(llm).answer(request(seed_db, "average market cap")).tasks[0]
    assert task.sql == "SELECT AVG(market_cap) FROM companies" and not task.refusal
    assert task.usage == {"total_tokens": 220}
    retry = llm.requests[1]["body"]["messages"][-1]["content"]
    assert "Unknown column 'marketcap'" in retry and "market_cap" in retry


def test_second_invalid_reply_is_a_clear_refusal_with_hints(llm, seed_db):
    llm.say("```sql\nSELECT * FROM company\n```")
    llm.say("```sql\nSELECT * FROM company\n```")
    task = answerer(llm).answer(request(seed_db, "all companies")).tasks[0]
    assert (
        not task.sql and "Unknown table 'company'" in task.refusal and "companies" in task.refusal
    )
    assert len(llm.requests) == 2


def test_prose_is_never_run_as_sql(llm, seed_db):
    llm.say("SELECT * FROM companies")
    llm.say("I cannot answer that from this schema.")
    task = answerer(llm).answer(request(seed_db, "who is the CEO?")).tasks[0]
    assert not task.sql and "no SQL" in task.refusal


def test_write_statements_are_refused_before_execution(llm, seed_db):
    llm.say("```sql\nDELETE FROM users\n```")
    llm.say("```sql\nSELECT 1; DROP TABLE users\n```")
    task = answerer(llm).answer(request(seed_db, "remove the users")).tasks[0]
    assert not task.sql and "Exactly one statement" in task.refusal


def test_feedback_goes_into_the_prompt(llm, seed_db):
    llm.say("```sql\nSELECT COUNT(*) FROM companies WHERE sector = 'Energy'\n```")
    fb = PriorRound(
        "How many tech companies?",
        "job-9",
        "",
        "SELECT COUNT(*) FROM companies WHERE sector = 'Technology'",
    )
    answerer(llm).answer(request(seed_db, "I meant Energy", feedback=fb))
    last = llm.requests[0]["body"]["messages"][-1]["content"]
    assert "I meant Energy" in last and "sector = 'Technology'" in last


def test_http_errors_and_unreachable_endpoints_decline(llm, seed_db):
    llm.say("", status=500)
    task = answerer(llm).answer(request(seed_db, "anything")).tasks[0]
    assert "HTTP 500" in task.refusal
    dead = create_answerer("llm", llm_url="http://127.0.0.1:9/v1", llm_key_env="C2Q_TEST_LLM_KEY")
    task = dead.answer(request(seed_db, "anything")).tasks[0]
    assert "could not be reached" in task.refusal and KEY not in task.refusal


def test_key_stays_out_of_reprs_and_remote_http_is_refused(monkeypatch):
    monkeypatch.setenv("C2Q_TEST_LLM_KEY", KEY)
    client = ChatClient("https://api.example.com/v1", "m", "C2Q_TEST_LLM_KEY")
    assert KEY not in repr(client) and client.url == "https://api.example.com/v1/chat/completions"
    with pytest.raises(ValueError, match="HTTPS"):
        ChatClient("http://api.example.com/v1", "m")


def test_extract_sql_only_from_fences():
    assert extract_sql("```sql\nSELECT 1;\n```") == "SELECT 1"
    assert extract_sql("```\nSELECT 2\n```") == "SELECT 2"
    assert extract_sql("SELECT 3") is None
