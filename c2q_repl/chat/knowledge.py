"""The knowledge base of the conversation's database: list it, add to it.

Not every Data App has the knowledge-base endpoints (they came to Chat2Query
Data Apps in 2024): the gateway then answers ``404 endpoint not found`` to
the collection path itself, which this module turns into one clear sentence
instead of a raw "not found". Same contract as asking: the caller's thread
does the HTTP and ``cancel`` is honoured between requests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from c2q_repl.api.errors import CancelledError, NotFoundError
from c2q_repl.api.resources import KnowledgeBase, KnowledgeData
from c2q_repl.chat.conversation import Conversation

NO_KNOWLEDGE_ENDPOINTS = "this Data App has no knowledge base endpoints"


class NoKnowledgeEndpointsError(NotFoundError):
    """The Data App answers 404 on ``/v3/knowledgeBases``: it has no such endpoints."""

    kind = "no_knowledge_endpoints"


@dataclass(frozen=True)
class KnowledgeListing:
    """This database's knowledge base (None when it has none yet) and its items."""

    base: KnowledgeBase | None
    items: list[KnowledgeData] = field(default_factory=list)


def knowledge_listing(
    conversation: Conversation, *, cancel: threading.Event | None = None
) -> KnowledgeListing:
    """The database's knowledge base (the default one first) and what it holds."""
    cancel = cancel or threading.Event()
    base = _find_base(conversation, cancel, create=False)
    if base is None:
        return KnowledgeListing(base=None)
    _check(cancel)
    return KnowledgeListing(
        base=base, items=conversation.client.list_knowledge(base.knowledge_base_id)
    )


def add_knowledge(
    conversation: Conversation,
    api_type: str,
    raw_data: dict[str, Any],
    *,
    cancel: threading.Event | None = None,
) -> tuple[KnowledgeBase, KnowledgeData]:
    """Add one item, creating the database's knowledge base on first use."""
    cancel = cancel or threading.Event()
    base = _find_base(conversation, cancel, create=True)
    assert base is not None  # created when missing
    _check(cancel)
    item = conversation.client.add_knowledge(base.knowledge_base_id, api_type, raw_data)
    _record_added(conversation, api_type, raw_data)
    return base, item


def knowledge_args(api_type: str, raw_data: dict[str, Any]) -> str:
    """The ``/kb`` arguments that add this item (what a transcript shows for it)."""
    if api_type == "few-shot":
        return f"add few-shot {raw_data.get('question', '')} => {raw_data.get('answer', '')}"
    if api_type == "term-sheet":
        terms = raw_data.get("term", [])
        names = ", ".join(map(str, terms)) if isinstance(terms, list) else str(terms)
        return f"add term {names} = {raw_data.get('description', '')}"
    return f"add instruction {raw_data.get('instruction', '')}"


def _record_added(conversation: Conversation, api_type: str, raw_data: dict[str, Any]) -> None:
    """Write the addition to the transcript: a live replay adds it again before the
    questions that follow it (they may depend on it). A failed write stops recording,
    never the addition, as for every event the conversation records."""
    conversation.record_command(
        "kb", knowledge_args(api_type, raw_data), knowledge={"type": api_type, "data": raw_data}
    )


def has_knowledge(
    conversation: Conversation,
    api_type: str,
    raw_data: dict[str, Any],
    *,
    cancel: threading.Event | None = None,
) -> bool:
    """Whether the database's knowledge base already holds exactly this item."""
    listing = knowledge_listing(conversation, cancel=cancel)
    return any(i.type == api_type and i.raw_data == raw_data for i in listing.items)


def _find_base(
    conversation: Conversation, cancel: threading.Event, *, create: bool
) -> KnowledgeBase | None:
    conversation.open(cancel)
    client = conversation.client
    settings = conversation.connection.settings
    _check(cancel)
    try:
        bases = client.list_knowledge_bases()
    except NotFoundError as exc:
        raise _no_endpoints(exc) from None
    mine = [
        kb
        for kb in bases
        if (not kb.database or kb.database == settings.database)
        and (not kb.cluster_id or kb.cluster_id == str(settings.cluster_id))
    ]
    mine.sort(key=lambda kb: not kb.default)
    if mine:
        return mine[0]
    if not create:
        return None
    _check(cancel)
    try:
        return client.create_knowledge_base(
            settings.cluster_id,
            settings.database,
            description=f"c2q knowledge for {settings.database}",
        )
    except NotFoundError as exc:
        raise _no_endpoints(exc) from None


def _no_endpoints(exc: NotFoundError) -> NoKnowledgeEndpointsError:
    return NoKnowledgeEndpointsError(
        NO_KNOWLEDGE_ENDPOINTS,
        status=exc.status,
        code=exc.code,
        request=exc.request,
        hint="Knowledge bases come with Chat2Query Data Apps that include the /v3/knowledgeBases "
        "endpoints; questions work without one.",
    )


def _check(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise CancelledError("stopped")
