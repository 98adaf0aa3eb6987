"""The endpoint table: method + path pattern → handler, allowed roles, AI accounting.

Roles (spec §3.2; the per-endpoint matrix is our documented reading):
reading (GET) anything and polling jobs: every role; writing data summaries
and knowledge: Admin and Data Summary Management; everything that asks the
AI a question (chat2data v1/v2/v3, sessions, refineSql, suggestQuestions):
Admin, SQL ReadOnly and SQL ReadWrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from c2q_repl.sandbox.keys import ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE

EVERY_ROLE = frozenset({ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE})
CONTEXT_WRITERS = frozenset({ADMIN, DATA_SUMMARY})
ASKERS = frozenset({ADMIN, SQL_READONLY, SQL_READWRITE})


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern
    handler: str  # name of a method of the app's Handlers
    roles: frozenset
    ai: bool = False  # counts toward the daily AI quota
    v1: bool = False  # answers in the gateway envelope


def _route(
    method: str, path: str, handler: str, roles: frozenset, *, ai: bool = False, v1: bool = False
) -> Route:
    regex = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$"
    return Route(method, re.compile(regex), handler, roles, ai, v1)


ROUTES: tuple[Route, ...] = (
    _route("GET", "v2/jobs/{job_id}", "get_job", EVERY_ROLE),
    _route("POST", "v3/dataSummaries", "create_summary", CONTEXT_WRITERS, ai=True),
    _route("GET", "v3/dataSummaries", "list_summaries", EVERY_ROLE),
    _route("GET", "v3/dataSummaries/{summary_id}", "get_summary", EVERY_ROLE),
    _route("PUT", "v3/dataSummaries/{summary_id}", "update_summary", CONTEXT_WRITERS),
    _route("PUT", "v3/dataSummaries/{summary_id}/tables/{table}", "update_table", CONTEXT_WRITERS),
    _route(
        "PUT",
        "v3/dataSummaries/{summary_id}/tables/{table}/columns",
        "update_columns",
        CONTEXT_WRITERS,
    ),
    _route("POST", "v2/dataSummaries", "create_summary_v2", CONTEXT_WRITERS, ai=True),
    _route("GET", "v2/dataSummaries", "list_summaries_v2", EVERY_ROLE),
    _route("GET", "v2/dataSummaries/{summary_id}", "get_summary_v2", EVERY_ROLE),
    _route("POST", "v3/knowledgeBases", "create_kb", CONTEXT_WRITERS),
    _route("GET", "v3/knowledgeBases", "list_kbs", EVERY_ROLE),
    _route("GET", "v3/knowledgeBases/{kb_id}", "get_kb", EVERY_ROLE),
    _route("PUT", "v3/knowledgeBases/{kb_id}", "update_kb", CONTEXT_WRITERS),
    _route("POST", "v3/knowledgeBases/{kb_id}/data", "add_knowledge", CONTEXT_WRITERS),
    _route("GET", "v3/knowledgeBases/{kb_id}/data", "list_knowledge", EVERY_ROLE),
    _route("PUT", "v3/knowledgeBases/{kb_id}/data/{data_id}", "update_knowledge", CONTEXT_WRITERS),
    _route(
        "DELETE", "v3/knowledgeBases/{kb_id}/data/{data_id}", "delete_knowledge", CONTEXT_WRITERS
    ),
    _route("POST", "v3/sessions", "create_session", ASKERS),
    _route("GET", "v3/sessions", "list_sessions", ASKERS),
    _route("GET", "v3/sessions/{session_id}", "get_session", ASKERS),
    _route("PUT", "v3/sessions/{session_id}", "rename_session", ASKERS),
    _route("PUT", "v3/sessions/{session_id}/reset", "reset_session", ASKERS),
    _route("POST", "v3/sessions/{session_id}/chat2data", "session_chat", ASKERS, ai=True),
    _route("POST", "v3/chat2data", "chat_v3", ASKERS, ai=True),
    _route("POST", "v2/chat2data", "chat_v2", ASKERS, ai=True),
    _route("POST", "v1/chat2data", "chat_v1", ASKERS, ai=True, v1=True),
    _route("POST", "chat2data", "chat_v1", ASKERS, ai=True, v1=True),
    _route("POST", "v3/refineSql", "refine_sql", ASKERS, ai=True),
    _route("POST", "v3/suggestQuestions", "suggest_questions", ASKERS, ai=True),
)


def match(method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
    """(route, path params, path_known). ``path_known`` without a route means 405."""
    path_known = False
    for route in ROUTES:
        m = route.pattern.match(path)
        if m is None:
            continue
        path_known = True
        if route.method == method:
            return route, m.groupdict(), True
    return None, {}, path_known
