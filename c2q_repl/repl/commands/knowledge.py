"""/kb: the knowledge base that teaches the service this database's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.repl.commands.registry import Arg, UsageError, command

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext

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
def kb_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.chat.knowledge import add_knowledge, knowledge_listing
    from c2q_repl.render.listings import describe_knowledge, knowledge_lines, one_line
    from c2q_repl.repl.asking import run_chat

    action = args.get("ACTION", "list")
    if action == "list":
        if "KIND" in args:
            raise UsageError("/kb list takes no arguments")
        conversation = ctx.wait_conversation()
        listing = run_chat(
            ctx,
            lambda cancel, on_update: knowledge_listing(conversation, cancel=cancel),
            "reading the knowledge base",
        )
        if listing.base is None:
            ctx.out.info("no knowledge base for this database yet; /kb add … creates one")
            return
        ctx.out.block(knowledge_lines(listing.base, listing.items, ctx.render_options()))
        return
    if "KIND" not in args:
        raise UsageError("add what? few-shot, term or instruction")
    api_type, raw = parse_knowledge(args["KIND"], args.get("TEXT", ""))
    conversation = ctx.wait_conversation()
    base, item = run_chat(
        ctx,
        lambda cancel, on_update: add_knowledge(conversation, api_type, raw, cancel=cancel),
        "adding knowledge",
    )
    ctx.out.ok(
        f"added to knowledge base {one_line(base.knowledge_base_id)} "
        f"(item {one_line(item.knowledge_data_id or '?')}): {one_line(describe_knowledge(item))}"
    )
