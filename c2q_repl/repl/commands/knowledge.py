"""/kb: the knowledge base that teaches the service this database's language."""

from __future__ import annotations

from typing import Any

from c2q_repl.repl.commands.registry import Arg, UsageError, command

#: what the user types -> the API's knowledge type
KB_TYPES = {
    "few-shot": "few-shot",
    "term": "term-sheet",
    "term-sheet": "term-sheet",
    "instruction": "instruction",
}
MAX_INSTRUCTION = 512


def parse_knowledge(kind: str, text: str) -> tuple[str, dict]:
    """``/kb add KIND TEXT`` → (API type, raw_data); raises UsageError with the expected shape."""
    api_type = KB_TYPES.get(kind)
    if api_type is None:
        raise UsageError(f"unknown knowledge kind {kind!r}; use few-shot, term or instruction")
    text = text.strip()
    if api_type == "few-shot":
        question, sep, sql = text.partition("=>")
        if not sep or not question.strip() or not sql.strip():
            raise UsageError("few-shot needs: QUESTION => SQL")
        return api_type, {"question": question.strip(), "answer": sql.strip()}
    if api_type == "term-sheet":
        terms, sep, description = text.partition("=")
        names = [t.strip() for t in terms.split(",") if t.strip()]
        if not sep or not names or not description.strip():
            raise UsageError("term needs: TERM[, SYNONYM...] = DESCRIPTION")
        return api_type, {"term": names, "description": description.strip()}
    if not text:
        raise UsageError("instruction needs its text")
    if len(text) > MAX_INSTRUCTION:
        raise UsageError(
            f"an instruction may be at most {MAX_INSTRUCTION} characters (this one has {len(text)})"
        )
    return api_type, {"instruction": text}


def describe_knowledge(item: Any) -> str:
    data = item.raw_data
    if item.type == "few-shot":
        return f"few-shot: {data.get('question', '')} => {data.get('answer', '')}"
    if item.type == "term-sheet":
        terms = data.get("term", [])
        terms = ", ".join(map(str, terms)) if isinstance(terms, list) else str(terms)
        return f"term: {terms} = {data.get('description', '')}"
    if item.type == "instruction":
        return f"instruction: {data.get('instruction', '')}"
    return f"{item.type}: {data}"


def _knowledge_base(ctx: Any, create: bool) -> Any:
    """This database's knowledge base (the default one first); created on demand for /kb add."""
    settings = ctx.connection_settings
    client = ctx.client
    mine = [
        kb
        for kb in client.list_knowledge_bases()
        if (not kb.database or kb.database == settings.database)
        and (not kb.cluster_id or kb.cluster_id == str(settings.cluster_id))
    ]
    mine.sort(key=lambda kb: not kb.default)
    if mine:
        return mine[0]
    if not create:
        return None
    return client.create_knowledge_base(
        settings.cluster_id, settings.database, description=f"c2q knowledge for {settings.database}"
    )


@command(
    "kb",
    "list the knowledge base, or add a few-shot example, a term or an instruction",
    args=[
        Arg("ACTION", optional=True, choices=("list", "add")),
        Arg("KIND", optional=True, choices=tuple(KB_TYPES)),
        Arg("TEXT", optional=True, rest=True),
    ],
    usage="/kb [list] | /kb add few-shot QUESTION => SQL | /kb add term TERM[, SYN…] = MEANING | /kb add instruction TEXT",
    details="Examples:\n"
    "  /kb add few-shot biggest companies => SELECT name FROM companies ORDER BY market_cap DESC LIMIT 10\n"
    "  /kb add term mega cap, megacap = market_cap above 200 billion USD\n"
    "  /kb add instruction Always show market caps in billions",
)
def kb_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    action = args.get("ACTION", "list")
    if action == "list":
        if "KIND" in args:
            raise UsageError("/kb list takes no arguments")
        kb = _knowledge_base(ctx, create=False)
        if kb is None:
            ctx.out.info("no knowledge base for this database yet; /kb add … creates one")
            return
        items = ctx.client.list_knowledge(kb.knowledge_base_id)
        ctx.out.line(
            clean_text(
                f"knowledge base {kb.knowledge_base_id}"
                + (f" — {kb.description}" if kb.description else "")
            )
        )
        if not items:
            ctx.out.info("  (empty)")
        for item in items:
            ctx.out.line(clean_text(f"  {item.knowledge_data_id:>4}  {describe_knowledge(item)}"))
        return
    if "KIND" not in args:
        raise UsageError("add what? few-shot, term or instruction")
    api_type, raw = parse_knowledge(args["KIND"], args.get("TEXT", ""))
    kb = _knowledge_base(ctx, create=True)
    item = ctx.client.add_knowledge(kb.knowledge_base_id, api_type, raw)
    ctx.out.ok(
        clean_text(
            f"added to knowledge base {kb.knowledge_base_id} (item {item.knowledge_data_id or '?'}): {describe_knowledge(item)}"
        )
    )
