"""Linking verbs ('placed', 'created', 'signed up'): explained by what they link, or declined."""

from __future__ import annotations

from .reading import ReadState, Refuse

_LIVE = frozenset({"live", "lives", "lived", "living"})


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
        if it.text.lower() in _LIVE:
            # 'students who live in Paris': a place of the persons' own rows; a place of a
            # linked table (their department's city) is not where they live
            place = next((x for x in st.items[i + 1 : i + 3] if x.kind == "value"), None)
            if place is not None and named == {t.table for t in place.targets}:
                st.take(i)
                continue
            raise Refuse(f"I could not tell what '{it.text}' links here.", it.text)
        if len(named) >= 2 or st.asks_when or (nxt is not None and nxt.kind == "time"):
            st.take(i)
            if len(named) >= 2 and _by_a_named_row(st, i):
                st.take(i + 1)  # 'films directed by Akira Kurosawa': 'by' only links too
        elif _introduces_own_value(st, i, named):
            # 'trains built by Siemens', 'festivals hosted in Madrid': the value that follows
            # is the subject's own column, which the verb only introduces
            st.take(i)
            if st.is_kw(i + 1, "group") and st.items[i + 1].text.lower() == "by":
                st.take(i + 1)
        else:
            raise Refuse(f"I could not tell what '{it.text}' links here.", it.text)


def _by_a_named_row(st: ReadState, i: int) -> bool:
    """'directed by Akira Kurosawa', 'supplied by suppliers from China': 'by' after the verb
    introduces the rows of another table, named by a value or the table itself."""
    if not (st.is_kw(i + 1, "group") and st.items[i + 1].text.lower() == "by" and st.free(i + 1)):
        return False
    nxt = st.at(i + 2)
    return nxt is not None and nxt.kind in ("value", "table")


def _introduces_own_value(st: ReadState, i: int, named: set[str]) -> bool:
    by = st.is_kw(i + 1, "group") and st.items[i + 1].text.lower() == "by" and st.free(i + 1)
    nxt = st.at(i + 2 if by else i + 1)
    if nxt is None or nxt.kind != "value" or len(named) != 1:
        return False
    # 'races held in Germany': the value's reading in the named table (others are set aside
    # by the value's own choice, which prefers the tables the question names)
    return bool({t.table for t in nxt.targets} & named)
