"""Declaring endpoints: method + path pattern → handler, allowed roles, AI accounting.

Each endpoint is declared once, on its handler (``@endpoint`` in
:mod:`c2q_repl.sandbox.handlers`); :func:`collect` turns the declarations into
the routing table.

Roles (spec §3.2; the per-endpoint matrix is our documented reading):
reading (GET) summaries and knowledge and polling their jobs: every role
(sessions and question jobs only by the key that made them, and Admins);
writing data summaries
and knowledge: Admin and Data Summary Management; everything that asks the
AI a question (chat2data v1/v2/v3, sessions, refineSql, suggestQuestions):
Admin, SQL ReadOnly and SQL ReadWrite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from c2q_repl.sandbox.keys import ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE

EVERY_ROLE = frozenset({ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE})
CONTEXT_WRITERS = frozenset({ADMIN, DATA_SUMMARY})
ASKERS = frozenset({ADMIN, SQL_READONLY, SQL_READWRITE})
F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern
    handler: Callable  # a Handlers method (unbound), declared with @endpoint
    roles: frozenset
    ai: bool = False  # counts toward the daily AI quota
    v1: bool = False  # answers in the gateway envelope


@dataclass(frozen=True)
class _Declared:
    method: str
    path: str
    roles: frozenset
    ai: bool
    v1: bool


def endpoint(
    method: str, path: str, roles: frozenset, *, ai: bool = False, v1: bool = False
) -> Callable[[F], F]:
    """Declare the decorated handler as ``method path`` for ``roles`` (stackable: aliases)."""

    def declare(handler: F) -> F:
        declared = getattr(handler, "_c2q_endpoints", ())
        handler._c2q_endpoints = (*declared, _Declared(method, path, roles, ai, v1))  # type: ignore[attr-defined]
        return handler

    return declare


def collect(handlers: type) -> tuple[Route, ...]:
    """The routes declared on the methods of ``handlers``, in declaration order."""
    routes = []
    for handler in vars(handlers).values():
        for d in getattr(handler, "_c2q_endpoints", ()):
            regex = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", d.path) + "$"
            routes.append(Route(d.method, re.compile(regex), handler, d.roles, d.ai, d.v1))
    return tuple(routes)


def match(
    routes: tuple[Route, ...], method: str, path: str
) -> tuple[Route | None, dict[str, str], bool]:
    """(route, path params, path_known). ``path_known`` without a route means 405."""
    path_known = False
    for route in routes:
        m = route.pattern.match(path)
        if m is None:
            continue
        path_known = True
        if route.method == method:
            return route, m.groupdict(), True
    return None, {}, path_known
