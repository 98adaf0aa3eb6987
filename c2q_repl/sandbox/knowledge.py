"""Knowledge bases and their items (few-shot, term-sheet, instruction), with validation.

Knowledge is scoped per (cluster, database), as in Chat2Query: every item of
every knowledge base of the database is handed to the engine.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from c2q_repl.sandbox.contracts import KnowledgeItem

KNOWLEDGE_TYPES = ("few-shot", "term-sheet", "instruction")
MAX_INSTRUCTION = 512


class KnowledgeError(ValueError):
    """An invalid knowledge item (the message is shown to the client)."""


def validate_item(type_: object, raw_data: object) -> tuple[str, dict]:
    """Check an item's type and ``raw_data`` shape; returns them normalised."""
    if type_ not in KNOWLEDGE_TYPES:
        raise KnowledgeError(f"type must be one of {', '.join(KNOWLEDGE_TYPES)}")
    if not isinstance(raw_data, dict):
        raise KnowledgeError("raw_data must be an object")
    if type_ == "few-shot":
        q, a = raw_data.get("question"), raw_data.get("answer")
        if not isinstance(q, str) or not q.strip() or not isinstance(a, str) or not a.strip():
            raise KnowledgeError(
                "few-shot raw_data needs non-empty 'question' and 'answer' strings"
            )
        return type_, {"question": q, "answer": a}
    if type_ == "term-sheet":
        term, desc = raw_data.get("term"), raw_data.get("description")
        if isinstance(term, str):
            term = [term]
        if (
            not isinstance(term, list)
            or not term
            or not all(isinstance(t, str) and t.strip() for t in term)
        ):
            raise KnowledgeError("term-sheet raw_data needs 'term': a non-empty list of strings")
        if not isinstance(desc, str) or not desc.strip():
            raise KnowledgeError("term-sheet raw_data needs a non-empty 'description' string")
        return type_, {"term": term, "description": desc}
    instruction = raw_data.get("instruction")
    if not isinstance(instruction, str) or not instruction.strip():
        raise KnowledgeError("instruction raw_data needs a non-empty 'instruction' string")
    if len(instruction) > MAX_INSTRUCTION:
        raise KnowledgeError(
            f"instruction must be at most {MAX_INSTRUCTION} characters (got {len(instruction)})"
        )
    return type_, {"instruction": instruction}


@dataclass
class KnowledgeData:
    knowledge_data_id: int
    knowledge_base_id: int
    type: str
    raw_data: dict
    meta_data: dict
    created_at: int
    updated_at: int

    def to_json(self) -> dict:
        return {
            "knowledge_data_id": self.knowledge_data_id,
            "knowledge_base_id": self.knowledge_base_id,
            "type": self.type,
            "meta_data": self.meta_data,
            "raw_data": self.raw_data,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass
class KnowledgeBase:
    knowledge_base_id: int
    cluster_id: str
    database: str
    description: str
    default: bool
    created_at: int
    updated_at: int
    items: dict[int, KnowledgeData] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "knowledge_base_id": self.knowledge_base_id,
            "cluster_id": self.cluster_id,
            "database": self.database,
            "description": self.description,
            "default": self.default,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "data_count": len(self.items),
        }


class KnowledgeStore:
    def __init__(self) -> None:
        self._bases: dict[int, KnowledgeBase] = {}
        self._next_base = 1
        self._next_item = 1
        self._lock = threading.Lock()

    def create(self, cluster_id: str, database: str, description: str) -> KnowledgeBase:
        now = int(time.time())
        with self._lock:
            first = not any(
                (b.cluster_id, b.database) == (cluster_id, database) for b in self._bases.values()
            )
            kb = KnowledgeBase(self._next_base, cluster_id, database, description, first, now, now)
            self._bases[kb.knowledge_base_id] = kb
            self._next_base += 1
        return kb

    def get(self, knowledge_base_id: int) -> KnowledgeBase | None:
        return self._bases.get(knowledge_base_id)

    def all(self) -> list[KnowledgeBase]:
        with self._lock:
            return list(self._bases.values())

    def update(self, kb: KnowledgeBase, description: str | None, default: bool | None) -> None:
        with self._lock:
            if description is not None:
                kb.description = description
            if default:
                for other in self._bases.values():
                    if (other.cluster_id, other.database) == (kb.cluster_id, kb.database):
                        other.default = False
                kb.default = True
            elif default is False:
                kb.default = False
            kb.updated_at = int(time.time())

    def add_item(
        self, kb: KnowledgeBase, type_: str, raw_data: dict, meta_data: dict
    ) -> KnowledgeData:
        now = int(time.time())
        with self._lock:
            item = KnowledgeData(
                self._next_item, kb.knowledge_base_id, type_, raw_data, meta_data, now, now
            )
            kb.items[item.knowledge_data_id] = item
            self._next_item += 1
            kb.updated_at = now
        return item

    def update_item(
        self, item: KnowledgeData, type_: str, raw_data: dict, meta_data: dict | None
    ) -> None:
        with self._lock:
            item.type, item.raw_data = type_, raw_data
            if meta_data is not None:
                item.meta_data = meta_data
            item.updated_at = int(time.time())

    def delete_item(self, kb: KnowledgeBase, knowledge_data_id: int) -> bool:
        with self._lock:
            return kb.items.pop(knowledge_data_id, None) is not None

    def items_for(self, cluster_id: str, database: str) -> tuple[KnowledgeItem, ...]:
        with self._lock:
            return tuple(
                KnowledgeItem(i.type, dict(i.raw_data))
                for b in self._bases.values()
                if (b.cluster_id, b.database) == (cluster_id, database)
                for i in b.items.values()
            )
