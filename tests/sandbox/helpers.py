"""Helpers for sandbox API tests: HTTP clients per key and scheme, job polling, scripted engines."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import httpx

from c2q_repl.sandbox.answerer import SqlPassthroughAnswerer
from c2q_repl.sandbox.contracts import AnswerRequest, Plan, TaskPlan
from c2q_repl.sandbox.keys import ApiKey


def client(handle, key: ApiKey | None = None, *, scheme: str = "digest") -> httpx.Client:
    public = key.public if key else handle.public_key
    private = key.private if key else handle.private_key
    auth = (
        httpx.DigestAuth(public, private)
        if scheme == "digest"
        else httpx.BasicAuth(public, private)
    )
    return httpx.Client(base_url=handle.endpoint, auth=auth, timeout=30)


def target(handle) -> dict:
    return {"cluster_id": handle.cluster_id, "database": handle.database}


def ok(response: httpx.Response):
    """The ``result`` of a successful app-envelope response."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == 200 and body["msg"] == "", body
    return body["result"]


def poll(http: httpx.Client, job_id: str, timeout: float = 20.0) -> tuple[dict, list[str]]:
    """Poll until the job finishes: (final job object, every status seen in order)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ok(http.get(f"/v2/jobs/{job_id}"))
        if not seen or seen[-1] != job["status"]:
            seen.append(job["status"])
        if job["status"] in ("done", "failed"):
            return job, seen
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} did not finish; statuses {seen}")


def ask(http: httpx.Client, handle, question: str, mode: str = "direct") -> tuple[dict, dict]:
    """POST /v3/chat2data and wait: (start result, final job)."""
    started = ok(
        http.post(
            "/v3/chat2data",
            json={**target(handle), "question": question, "sql_generate_mode": mode},
        )
    )
    return started, poll(http, started["job_id"])[0]


def gateway_code(response: httpx.Response) -> int:
    return response.json()["data"]["result"]["code"]


@dataclass
class ScriptedAnswerer(SqlPassthroughAnswerer):
    """A test engine: answers each question from ``script`` (question → Plan), records every request.

    Questions not in the script fall through to the SQL passthrough.
    """

    script: dict[str, Plan] = field(default_factory=dict)
    requests: list[AnswerRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        super().__init__(None)

    def answer(self, request: AnswerRequest) -> Plan:
        with self.lock:
            self.requests.append(request)
        plan = self.script.get(request.question)
        return plan if plan is not None else super().answer(request)


def task(sql: str, task_id: str = "0", **kw) -> TaskPlan:
    return TaskPlan(
        task_id=task_id,
        task=kw.pop("task", sql),
        clarified_task=kw.pop("clarified_task", f"run {sql}"),
        sql=sql,
        **kw,
    )


def breakdown(*sqls: str) -> Plan:
    return Plan(
        tasks=tuple(task(s, f"0-{i}") for i, s in enumerate(sqls)),
        clarified_task="several things",
        breakdown=True,
        assumptions=({"concept": "scope", "explanation": "all companies"},),
        state={"asked": "breakdown"},
    )
