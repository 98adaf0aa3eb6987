"""Knowledge bases and their data over real HTTP, with validation, and knowledge reaching the engine."""

from __future__ import annotations

import pytest

from .helpers import ScriptedAnswerer, ask, client, ok, target


@pytest.fixture
def kb_sandbox(make_sandbox):
    engine = ScriptedAnswerer()
    return make_sandbox(answerer=engine), engine


def test_knowledge_base_crud(kb_sandbox):
    sb, engine = kb_sandbox
    with client(sb) as http:
        kb = ok(http.post("/v3/knowledgeBases", json={**target(sb), "description": ""}))
        assert kb == {
            "default": True,
            "description": "",
            "knowledge_base_id": kb["knowledge_base_id"],
        }
        kb_id = kb["knowledge_base_id"]
        second = ok(http.post("/v3/knowledgeBases", json={**target(sb), "description": "extra"}))
        assert second["default"] is False
        assert {
            k["knowledge_base_id"] for k in ok(http.get("/v3/knowledgeBases"))["knowledge_bases"]
        } >= {kb_id}
        got = ok(http.get(f"/v3/knowledgeBases/{kb_id}"))
        assert got["database"] == sb.database and got["cluster_id"] == sb.cluster_id
        updated = ok(http.put(f"/v3/knowledgeBases/{kb_id}", json={"description": "finance terms"}))
        assert updated["description"] == "finance terms"

        items = [
            {
                "type": "few-shot",
                "meta_data": {},
                "raw_data": {
                    "question": "How many firms?",
                    "answer": "SELECT COUNT(*) FROM companies",
                },
            },
            {
                "type": "term-sheet",
                "meta_data": {},
                "raw_data": {
                    "term": ["ticker", "symbol"],
                    "description": "the stock_symbol column",
                },
            },
            {"type": "instruction", "meta_data": {}, "raw_data": {"instruction": "x" * 512}},
        ]
        ids = [
            ok(http.post(f"/v3/knowledgeBases/{kb_id}/data", json=item))["knowledge_data_id"]
            for item in items
        ]
        listed = ok(http.get(f"/v3/knowledgeBases/{kb_id}/data"))["knowledge_data"]
        assert [i["knowledge_data_id"] for i in listed] == ids
        assert listed[1]["raw_data"]["term"] == ["ticker", "symbol"]

        changed = ok(
            http.put(
                f"/v3/knowledgeBases/{kb_id}/data/{ids[2]}",
                json={"type": "instruction", "raw_data": {"instruction": "Prefer market_cap."}},
            )
        )
        assert changed["raw_data"] == {"instruction": "Prefer market_cap."}
        assert ok(http.delete(f"/v3/knowledgeBases/{kb_id}/data/{ids[0]}"))["deleted"] is True
        assert http.delete(f"/v3/knowledgeBases/{kb_id}/data/{ids[0]}").status_code == 404
        assert len(ok(http.get(f"/v3/knowledgeBases/{kb_id}/data"))["knowledge_data"]) == 2

        ask(http, sb, "SELECT 1")
    knowledge = engine.requests[-1].knowledge
    assert {k.type for k in knowledge} == {"term-sheet", "instruction"}
    assert any(k.raw_data == {"instruction": "Prefer market_cap."} for k in knowledge)


@pytest.mark.parametrize(
    "item,fragment",
    [
        ({"type": "instruction", "raw_data": {"instruction": "x" * 513}}, "at most 512"),
        ({"type": "instruction", "raw_data": {}}, "instruction"),
        ({"type": "few-shot", "raw_data": {"question": "q"}}, "few-shot"),
        ({"type": "term-sheet", "raw_data": {"term": [], "description": "d"}}, "term-sheet"),
        ({"type": "term-sheet", "raw_data": {"term": ["t"]}}, "description"),
        ({"type": "poem", "raw_data": {}}, "type must be one of"),
        ({"type": "few-shot", "raw_data": "not an object"}, "raw_data"),
    ],
)
def test_invalid_knowledge_is_refused(sandbox, sandbox_client, item, fragment):
    kb_id = ok(sandbox_client.post("/v3/knowledgeBases", json=target(sandbox)))["knowledge_base_id"]
    r = sandbox_client.post(f"/v3/knowledgeBases/{kb_id}/data", json=item)
    assert r.status_code == 400 and fragment in r.json()["msg"]


def test_unknown_knowledge_base(sandbox_client):
    assert sandbox_client.get("/v3/knowledgeBases/99999").status_code == 404
    r = sandbox_client.post(
        "/v3/knowledgeBases/99999/data",
        json={"type": "instruction", "raw_data": {"instruction": "x"}},
    )
    assert r.status_code == 404 and r.json()["result"] is None
