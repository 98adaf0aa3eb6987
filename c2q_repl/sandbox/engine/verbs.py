"""Linking verbs ('placed', 'created', 'signed up'): explained by what they link, or declined."""

from __future__ import annotations

from .reading import ReadState, Refuse


def read_relation_verbs(st: ReadState) -> None:
    """'customers who placed orders', 'orders placed in March': a linking verb is explained
    when the question names two or more tables (the verb is their link) or a time phrase
    follows it (the dated event of the subject's rows)."""
    named = {t.table for it in st.items if it.kind in ("table", "column") for t in it.targets}
    named |= {f.col.table for f in st.filters}
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "relverb") and st.free(i)):
            continue
        nxt = st.at(i + 1)
        if len(named) >= 2 or st.asks_when or (nxt is not None and nxt.kind == "time"):
            st.take(i)
        else:
            raise Refuse(f"I could not tell what '{it.text}' links here.", it.text)
