"""Follow-ups and corrections: small edits to the previous round's QuerySpec.

"only in 2023", "top 5 instead", "sort by market cap", "and for Technology?",
"as a bar chart", "per industry instead". A question that is not purely made
of such edits is not a follow-up and is answered on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .evidence import followup_evidence
from .interpret import SUPERLATIVE_WORDS
from .latest import NEWEST, OLDEST
from .lexicon import Lexicon, Target
from .linking import Item, Linked, link
from .normalize import tokenize
from .reading import col_kind_of, columns_of, local_column
from .spec import Col, Filter, Metric, QuerySpec, one_day
from .sqlbuild import code_label, join_path, name_columns, place_label
from .timeexpr import resolve

FOLLOWUP_WORDS = frozenset(
    [
        "instead",
        "only",
        "just",
        "now",
        "what",
        "about",
        "how",
        "and",
        "then",
        "same",
        "but",
        "again",
        "it",
        "make",
        "change",
        "switch",
        "turn",
        "use",
        "show",
        "i",
        "meant",
        "actually",
        "rather",
        "should",
        "be",
        "sorry",
        "no",
        "limit",
        "first",
        "rows",
        "results",
        "result",
        "restrict",
        "filter",
        "keep",
        "narrow",
        "also",
        "please",
        "redo",
        "try",
        "one",
        "ones",
        "same",
        "query",
        "answer",
        "that",
        "those",
        "them",
        "draw",
        "render",
        "display",
        "plot",
        "swap",
        "convert",
    ]
)


@dataclass(frozen=True)
class Edit:
    spec: QuerySpec
    changes: tuple[str, ...]  # what was changed, for the assumptions/solution


def _pick(cols: list[Col], spec: QuerySpec) -> Col:
    """One of a column phrase's columns (never empty), preferring the tables in play."""
    tables = spec.tables()
    for c in cols:
        if c.table in tables:
            return c
    return cols[0]


def is_followup(linked: Linked, prev: QuerySpec | None = None, marked: bool = False) -> bool:
    """Only edit-shaped items, and nothing that names a new subject. ``marked``: the question
    opens with an edit marker ('what about', 'and')."""
    if linked.unsupported and any(p.lower() not in FOLLOWUP_WORDS for p, _ in linked.unsupported):
        return False
    if any(w.lower() not in FOLLOWUP_WORDS for w in linked.unknown):
        return False
    spec = prev
    items = [it for it in linked.items if it.kind != "unsupported"]
    if not items:
        return False
    for k, it in enumerate(items):
        before = items[k - 1] if k else None
        if it.kind in ("time", "value", "number"):
            continue
        if it.kind == "kw" and it.category in (
            "chart",
            "dir",
            "order",
            "group",
            "not",
            "or",
            "share",
            "list",
        ):
            continue
        if (
            it.kind == "kw"
            and it.category == "bucket"
            and before is not None
            and before.kind == "kw"
            and before.category == "group"
        ):
            continue  # 'break that down by month'
        if (
            it.kind == "kw"
            and it.category in ("agg", "bottom")
            and it.text.lower() in SUPERLATIVE_WORDS
        ):
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        if (
            it.kind == "kw"
            and it.category == "agg"
            and nxt is not None
            and nxt.kind == "column"
            and spec is not None
            and spec.metric is not None
        ):
            continue  # "and the total market cap?" after a count or an aggregate
        if _sorts_by_the_count(items, k, spec):
            continue
        if _counts_again(items, k, spec):
            continue
        if (
            it.kind == "column"
            and before is not None
            and before.kind == "kw"
            and before.category in ("order", "group", "agg", "bottom")
        ):
            continue
        if (
            it.kind == "column"
            and before is not None
            and before.kind == "value"
            and any(
                (t.table, t.column) == (v.table, v.column)
                for t in it.targets
                for v in before.targets
            )
        ):
            continue  # "the Technology sector"
        if it.kind == "table" and spec is not None and it.targets[0].table in spec.tables():
            continue  # "only Technology companies" restates the subject
        if (
            it.kind == "column"
            and spec is not None
            and before is not None
            and before.kind == "value"
            and marked  # 'what about …', 'and …' said first; 'msft close' alone asks anew
            and all(Col(t.table, t.column) in _shown_columns(spec) for t in it.targets)
        ):
            continue  # 'what about msft close' after NVDA's close that day: the same column
        if (
            it.kind == "column"
            and spec is not None
            and spec.group_by is not None
            and before is not None
            and (
                before.kind == "number"
                or (before.kind == "kw" and before.category in ("agg", "bottom"))
            )
            and any(Col(t.table, t.column) == spec.group_by for t in it.targets)
        ):
            continue  # 'top 5 states' after the state with the most companies: the groups
        return False
    return True


def _counts_again(items: list[Item], k: int, spec: QuerySpec | None) -> bool:
    """'how many per stock' after a count: the same count regrouped, when nothing but the
    grouping names a table or column (a subject of its own would make it a new question)."""
    it = items[k]
    if not (it.kind == "kw" and it.category == "count") or spec is None:
        return False
    if spec.metric is None or spec.metric.func != "COUNT" or spec.group_by is not None:
        return False
    grouped = False
    for j, other in enumerate(items):
        if other.kind == "kw" and other.category == "group":
            grouped = True
        if other.kind in ("table", "column") and not (
            j and items[j - 1].kind == "kw" and items[j - 1].category == "group"
        ):
            return False
    return grouped


def _shown_columns(spec: QuerySpec) -> set[Col]:
    """The columns the previous answer showed as its values (not its conditions)."""
    shown = set(spec.columns)
    if spec.metric is not None and spec.metric.col is not None:
        shown.add(spec.metric.col)
    return shown


def _sorts_by_the_count(items: list[Item], k: int, spec: QuerySpec | None) -> bool:
    """'sort by count desc', 'sort those by number of companies' after a count per group:
    the groups ordered by the count they show."""
    it = items[k]
    if not (it.kind == "kw" and it.category == "count" and k):
        return False
    before = [b for b in items[max(0, k - 2) : k] if b.kind == "kw"]
    return (
        any(b.category == "order" for b in before)
        and spec is not None
        and spec.shape == "aggregate"
        and spec.group_by is not None
        and spec.metric is not None
        and spec.metric.func == "COUNT"
    )


def _asks_for_one(words: list[str]) -> bool:
    """'which of them has …', 'which one …': a single row is asked for, not a ranking."""
    said = set(words)
    return ("which" in said or "who" in said) and bool(
        {"has", "had", "one", "is", "was", "did", "traded", "made", "got"} & said
    )


def _the_one_extreme(words: list[str], it: Item, nxt: Item, items: list[Item]) -> bool:
    """'and the highest level it reached in Q4 2022?': 'the'/'its' and a singular noun after
    the superlative ask for one value, not the rows sorted by it."""
    before = words[it.start - 1] if 0 < it.start <= len(words) else ""
    return (
        before in ("the", "its")
        and not nxt.text.lower().endswith("s")
        and not any(i.kind == "number" for i in items)
    )


_OPPOSITE_COLUMNS = {"high": "low", "low": "high"}


def _opposite(column: str) -> str | None:
    """'high' / 'low', 'max_temp' / 'min_temp': the column at the other end of a pair."""
    lowered = column.lower()
    if lowered in _OPPOSITE_COLUMNS:
        return _OPPOSITE_COLUMNS[lowered]
    for a, b in (("max", "min"), ("min", "max"), ("highest", "lowest"), ("lowest", "highest")):
        if lowered.startswith(a + "_"):
            return b + lowered[len(a) :]
    return None


def _paired_extreme(prev: QuerySpec, linked: Linked, evidence: bool) -> Edit | None:
    """'and the low' after the highest high of 2023: the lowest low, the other end of the
    pair, never the low of the day the high was made."""
    items = [it for it in linked.items if it.kind not in ("unsupported",)]
    items = [it for it in items if not (it.kind == "kw" and it.category == "list")]
    if not evidence or len(items) != 1 or items[0].kind != "column" or linked.unknown:
        return None
    said = {t.column for t in items[0].targets if t.kind == "column"}
    if prev.shape == "list" and prev.limit == 1 and prev.order_by is not None:
        ranked = prev.order_by
        other = _opposite(ranked.column)
        if other is None or other not in said or prev.group_by is not None:
            return None
        col = Col(ranked.table, other)
        columns = tuple(col if c == ranked else c for c in prev.columns)
        word = "lowest" if prev.descending else "highest"
        spec = prev.with_(order_by=col, columns=columns, descending=not prev.descending)
        return Edit(spec, (f"the {word} {other} instead",))
    metric = prev.metric
    if (
        prev.shape == "aggregate"
        and prev.group_by is None
        and metric is not None
        and metric.col is not None
        and metric.func in ("MIN", "MAX")
        and not prev.extra_metrics
    ):
        other = _opposite(metric.col.column)
        if other is None or other not in said:
            return None
        func = "MIN" if metric.func == "MAX" else "MAX"
        spec = prev.with_(metric=Metric(func, Col(metric.col.table, other)))
        word = "lowest" if func == "MIN" else "highest"
        return Edit(spec, (f"the {word} {other} instead",))
    return None


def _other_extreme(prev: QuerySpec, linked: Linked, evidence: bool) -> Edit | None:
    """'and the lowest?' after the highest close: the same question at the other end. Only a
    lone superlative, and only after an answer that is itself one extreme."""
    items = [it for it in linked.items if it.kind != "unsupported"]
    if not evidence or len(items) != 1 or linked.unknown:
        return None
    it = items[0]
    if it.kind != "kw" or it.category not in ("agg", "bottom"):
        return None
    if it.text.lower() not in SUPERLATIVE_WORDS:
        return None
    low = it.category == "bottom" or it.arg == "MIN"
    word = it.text.lower()
    extreme = next((f for f in prev.filters if f.op == "extreme"), None)
    if extreme is not None:
        end = "min" if low else "max"
        if extreme.values[0] == end:
            return None
        flipped = replace(extreme, values=(end, *extreme.values[1:]))
        spec = prev.with_(
            filters=tuple(flipped if f is extreme else f for f in prev.filters),
            descending=not low,
        )
        return Edit(spec, (f"the {word} {extreme.col.column} instead",))
    if (
        prev.limit == 1
        and prev.group_by is None
        and prev.order_by is not None
        and prev.shape == "list"
    ):
        if prev.descending == (not low):
            return None
        return Edit(prev.with_(descending=not low), (f"the {word} {prev.order_by.column} instead",))
    if (
        prev.shape == "aggregate"
        and prev.group_by is None
        and prev.metric is not None
        and prev.metric.func in ("MIN", "MAX")
        and not prev.extra_metrics
    ):
        func = "MIN" if low else "MAX"
        if prev.metric.func == func:
            return None
        metric = replace(prev.metric, func=func)
        col = prev.metric.col.column if prev.metric.col else ""
        return Edit(prev.with_(metric=metric), (f"the {word} {col} instead",))
    if prev.limit == 1 and prev.group_by is not None and prev.order_metric:
        if prev.descending == (not low):
            return None
        return Edit(prev.with_(descending=not low), (f"the group with the {word} value instead",))
    return None


def _restates_group(linked, prev: QuerySpec) -> bool:
    """The question says 'per <the previous grouping>' itself."""
    items = linked.items
    return prev.group_by is not None and any(
        it.kind == "kw"
        and it.category == "group"
        and nxt.kind == "column"
        and prev.group_by in {Col(t.table, t.column) for t in nxt.targets}
        for it, nxt in zip(items, items[1:], strict=False)
    )


def _lists_another_value(items: list, k: int, target) -> bool:
    """The item after ``items[k]`` (past an 'and' / 'or') is another value of its column."""
    j = k + 1
    while (
        j < len(items)
        and items[j].kind == "kw"
        and items[j].text.lower() in ("and", "or", "&", "nor")
    ):
        j += 1
    if j >= len(items) or items[j].kind != "value":
        return False
    nxt = items[j].targets[0]
    return (nxt.table, nxt.column) == (target.table, target.column)


def apply_followup(
    prev: QuerySpec, question: str, lex: Lexicon, require_evidence: bool = True
) -> Edit | None:
    """The edited spec, or None when the question is not an edit of ``prev``.
    In a session an edit needs evidence (see evidence.py); a correction does not."""
    by_kind = _groups_sorted_by_kind(prev, question)
    if by_kind is not None:
        return by_kind  # 'sort by the average instead': an edit, said only of an answer
    linked = _first_after_superlative(link(question, lex))
    evidence = followup_evidence(question, linked)
    if require_evidence and not evidence.any:
        regrouped = _grouped_by_a_reference(list(linked.items), prev, lex)
        if not any(_counts_again(regrouped, k, prev) for k in range(len(regrouped))):
            return None
        evidence = replace(evidence, fragment=True)  # 'how many per stock': no subject of its own
    paired = _paired_extreme(prev, linked, evidence.any)
    if paired is not None:
        return paired  # 'and the low' after the highest high: the lowest low, not a column
    only_columns = bool(linked.items) and all(it.kind == "column" for it in linked.items)
    if (evidence.marker or (evidence.fragment and only_columns)) and not evidence.pronoun:
        # "and the volume?", "the volume?" (a bare noun phrase in a session)
        bare = _bare_columns(prev, linked, lex)
        if (
            bare is not None
            and evidence.marker in ("what about", "how about")
            and prev.order_by is not None
        ):
            # 'what about revenue growth?' after a top 5 by market cap: shown, or ranked by?
            raise ValueError(
                f"'{question}' after a ranked list can mean showing that column too or "
                "ranking by it; please say 'sort by …' or 'and their …'."
            )
        if bare is not None:
            return bare
    other_end = _other_extreme(prev, linked, evidence.any)
    if other_end is not None:
        return other_end
    id_items = {k for _, _, k in _ids_said_again(prev, list(linked.items), lex)}
    checked = replace(
        linked,
        items=tuple(
            _grouped_by_a_reference(
                [it for k, it in enumerate(linked.items) if k not in id_items], prev, lex
            )
        ),
    )
    if not is_followup(checked, prev, marked=bool(evidence.marker)):  # 'user 75' after user 76
        return None
    if (prev.ties or prev.limit or prev.having) and _restates_group(linked, prev):
        # 'and total mkt cap per sector, biggest first' after the sector with the most
        # companies: every sector again, a question of its own (not the top one's total)
        return None
    if (
        evidence.pronoun.lower() in ("its", "their")
        and any(_one_day(f, lex) or f.op == "latest" for f in prev.filters)
        and _aggregate_after(linked, question)
    ):
        # 'and its highest close in 2023?' after one day's volume: a question of its own
        # about the same company (references.py), not a column added to that day's row
        return None
    if (
        evidence.pronoun.lower() == "their"
        and prev.shape == "list"
        and prev.limit != 1
        and _aggregate_after(linked, question)
        and any(
            it.kind == "column" and all(t.table != prev.table for t in it.targets)
            for it in linked.items
        )
    ):
        # 'their lowest close in 2023?' after a list of companies: each one's lowest
        # (references.py), not every daily close of all of them sorted
        return None
    if evidence.pronoun and _reranks_picked_rows(prev, linked):
        # 'which of them has the highest ebitda?' after a top 5 by market cap: among those
        # five (resolved by key in references.py), never the highest of every company
        return None
    if evidence.pronoun and any(it.kind == "table" for it in linked.items):
        # 'what are its top 3 companies by market cap?': a question of its own about the
        # previous answer's row (resolved by references.py), not an edit of that answer
        return None
    spec = prev
    changes: list[str] = []
    words = [t.lower for t in tokenize(question)]
    items = _grouped_by_a_reference(
        [it for it in linked.items if it.kind != "unsupported"], spec, lex
    )
    said_by = _said_by(items, words)  # 'biggest one by mkt cap': ranked by what it says
    negate = False
    new_values: dict[Col, list[tuple[str | int, bool]]] = {}
    said_ids = _ids_said_again(spec, items, lex)
    for col, value, _at in said_ids:
        new_values.setdefault(col, []).append((value, False))
    skipped = {at for _, _, at in said_ids} | {at + 1 for _, _, at in said_ids}
    for k, it in enumerate(items):
        if k in skipped:
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        if it.kind == "kw" and it.text.lower() in NEWEST | OLDEST and it.category == "agg":
            # 'whats its latest closing price': the close on the last day, a question of its
            # own about the same rows (references.py), never the largest close
            return None
        if it.kind == "kw" and it.category == "not":
            negate = True
        elif _sorts_by_the_count(items, k, spec):
            low = any(i.kind == "kw" and i.category == "dir" and i.arg == "ASC" for i in items)
            spec = spec.with_(order_metric=True, descending=not low)
            changes.append(f"sorted by the count {'ascending' if low else 'descending'}")
        elif it.kind == "time":
            if negate:
                raise ValueError(
                    f"'not {it.text}' leaves a period out, which the built-in engine does not "
                    "write; please name the period to keep."
                )
            spec, change = _set_time(spec, it, lex)
            changes.append(change)
        elif it.kind == "value":
            target = it.targets[0]
            col = local_column(lex.catalog, Col(target.table, target.column), spec.table)
            if col.table not in spec.tables() and _far(lex, spec.table, col.table):
                # 'and the s&p 500 index that day' after MSFT's close: the index is no
                # condition on stock prices (two links away), it is another subject
                return None
            new_values.setdefault(col, []).append((target.value, negate))
            # 'excluding fins and RE': the negation covers every value listed after it
            negate = negate and _lists_another_value(items, k, target)
        elif it.kind == "kw" and it.category == "bucket" and _regroups_by_period(spec, items, k):
            # 'and per month for 2023' after a count per year: the same figure, per month
            spec = spec.with_(bucket=it.arg)
            changes.append(f"grouped by {it.arg} of {spec.group_by.column}")  # type: ignore[union-attr]
        elif it.kind == "kw" and it.category == "bucket" and _groups_by_period(spec, items, k):
            date = _period_column(spec, lex)
            if date is None:
                raise ValueError(
                    f"'by {it.text}' needs one date of {spec.table} to group by; please ask the "
                    "whole question, naming the date."
                )
            spec = spec.with_(shape="aggregate", group_by=date, bucket=it.arg)
            changes.append(f"grouped by {it.arg} of {date.column}")
        elif it.kind == "kw" and it.category == "chart" and it.arg:
            spec = spec.with_(chart=it.arg)
            changes.append(f"shown as {it.arg}")
        elif it.kind == "kw" and it.category == "share":
            spec = spec.with_(share=True, chart="PieChart")
            changes.append("shown as shares of the whole")
        elif it.kind == "kw" and it.category == "dir":
            if spec.shape == "list" and spec.order_by is None:
                # 'sort biggest first' after their market caps: by the one number shown; a
                # direction alone would change nothing while saying it sorted
                ranked = said_by or _ranked_by(spec, lex)
                if ranked is None:
                    raise ValueError(
                        f"'{question}': the previous rows are in no ranked order; please say "
                        "by what (for example 'sort by market cap')."
                    )
                spec = spec.with_(order_by=ranked)
                changes.append(f"ordered by {ranked.column}")
            added = [c for c in changes if c.startswith("adding the ")]
            if added and spec.extra_metrics and _BY_THAT.search(question):
                # 'add total mkt cap, sort by that desc': by the value just added
                spec = _groups_ranked_by(spec, spec.extra_metrics[-1].col, question)
            spec = spec.with_(descending=it.arg == "DESC")
            if spec.shape == "aggregate" and spec.group_by is not None:
                spec = spec.with_(order_metric=True)
            changes.append("sorted " + ("descending" if it.arg == "DESC" else "ascending"))
        elif (
            it.kind == "kw"
            and it.category in ("order", "agg", "bottom")
            and nxt is not None
            and nxt.kind == "column"
        ):
            if (
                it.category == "order"
                and spec.shape == "count"
                and spec.group_by is None
                and spec.metric is not None
                and spec.metric.col is None
            ):
                # 'sort by rev growth desc' after 'count?' of a list: the counted rows, sorted
                spec = spec.with_(shape="list", metric=None)
                changes.append("listed the counted rows")
            col = _pick(columns_of(nxt), spec)
            desc = it.category == "order" and spec.descending or it.arg == "MAX"
            if it.category == "order" and col and lex.kind_of(col.table, col.column) == "number":
                desc = (
                    True
                    if not any(i.kind == "kw" and i.category == "dir" for i in items)
                    else spec.descending
                )
            if spec.shape == "list":
                shown = spec.order_by
                spec = spec.with_(order_by=col, descending=desc)
                if (
                    it.category == "order"
                    and shown is not None
                    and col is not None
                    and shown != col
                    and shown not in spec.columns
                ):
                    # 'sort by rev growth' after the top 5 by market cap: the market cap the
                    # answer showed stays beside the new order
                    spec = spec.with_(columns=(*spec.columns, shown))
                if it.category == "agg" and (
                    _asks_for_one(words) or _the_one_extreme(words, it, nxt, items)
                ):
                    # 'which of them has the highest revenue growth?': the one at the top
                    spec = spec.with_(limit=1, limit_stated=True)
                    changes.append(f"kept the one with the {it.text.lower()} {col.column}")
            elif (
                it.category == "agg"
                and spec.shape in ("count", "aggregate")
                and spec.group_by is None
                and not spec.extra_metrics
                and it.arg in ("MAX", "MIN")
                and _asks_for_one(words)
            ):
                # 'which of them has the most employees?' after 'how many companies are in
                # healthcare?': the counted row with the most, not the largest value alone
                spec = spec.with_(
                    shape="list",
                    metric=None,
                    order_by=col,
                    descending=it.arg == "MAX",
                    limit=1,
                    limit_stated=True,
                )
                changes.append(f"kept the one with the {it.text.lower()} {col.column}")
                continue
            elif (
                it.category == "agg"
                and spec.metric is not None
                and (spec.metric.func != "COUNT" or spec.group_by is None)
                and not (spec.group_by is not None and spec.limit is not None)
            ):
                # "… and what is their total market cap?": same rows, another aggregate
                adds = bool(_ADDING_WORDS & set(words)) or "as well" in question.lower()
                if any(c.startswith("computing the ") for c in changes) or (
                    adds and not spec.change and spec.shape == "aggregate"
                ):
                    # 'add the average per company too' after the total per sector: beside it
                    # 'max price and min price': the second beside the first, not instead
                    extra = (*spec.extra_metrics, Metric(it.arg, col))
                    spec = spec.with_(extra_metrics=extra)
                    changes.append(f"also computing the {it.text.lower()} {col.column}")
                    continue
                measured = spec.metric.col if spec.metric is not None else None
                if measured is not None and col.table != measured.table:
                    priced = col.column.lower() in ("close", "price")
                    if spec.change and not priced:
                        return None  # 'its highest volume' of an index: not its measure
                    if priced and measured.column.lower() in ("close", "price"):
                        col = measured  # 'its highest close' of the S&P 500: its price
                ever = re.search(
                    r"\b(?:in|over|across)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:data|dataset|"
                    r"history)\b|\bever\b|\ball[- ]time\b",
                    question,
                    re.I,
                )
                if ever and (spec.change or spec.bucket):
                    # 'its highest close in the data' after its change in 2022, 'the highest
                    # it ever closed at' after its average per year: every day, one value
                    spec = spec.with_(filters=tuple(f for f in spec.filters if not f.time))
                    if spec.bucket:
                        spec = spec.with_(group_by=None, bucket="", order_metric=False)
                if spec.change:
                    # 'what were their highest closes in that period' after the % change of
                    # two named stocks: each one's highest close, never a change again
                    several = any(
                        f.op == "in" and len(f.values) > 1 and not f.time for f in spec.filters
                    )
                    history = lex.catalog.table(col.table)
                    keys = [
                        k
                        for k in (history.primary_key if history else ())
                        if lex.kind_of(col.table, k) != "date"
                    ]
                    per = Col(col.table, keys[0]) if several and len(keys) == 1 else None
                    spec = spec.with_(
                        change="",
                        group_by=per or spec.group_by,
                        order_metric=False,
                        limit=None,
                    )
                spec = spec.with_(metric=Metric(it.arg, col), shape="aggregate")
                changes.append(f"computing the {it.text.lower()} {col.column}")
                continue
            elif (
                it.category == "agg"
                and spec.metric is not None
                and spec.group_by is not None
                and ("instead" in words or "rather" in words)
            ):
                # "number of companies per sector" → "average market cap instead": replaced
                spec = spec.with_(metric=Metric(it.arg, col), shape="aggregate", extra_metrics=())
                changes.append(f"computing the {it.text.lower()} {col.column} instead")
                continue
            elif (
                it.category == "agg"
                and spec.metric is not None
                and spec.group_by is not None
                and _asks_for_one(words)
            ):
                raise ValueError(
                    f"'{question}' ranks the groups of the previous answer by a new measure; "
                    "please ask the whole question (for example 'which of … has the highest …')."
                )
            elif (
                it.category == "agg"
                and spec.metric is not None
                and spec.group_by is not None
                and spec.limit is None
                and not spec.having
                and ({"combined", "altogether"} & set(words) or "all together" in question.lower())
            ):
                # 'whats their combined market cap?' after the non-US companies grouped by
                # country: one total over all of them, not one per country
                spec = spec.with_(
                    metric=Metric(it.arg, col),
                    shape="aggregate",
                    group_by=None,
                    extra_metrics=(),
                    order_metric=False,
                    order_by=None,
                )
                changes.append(f"the {it.text.lower()} {col.column} of all those rows together")
                continue
            elif it.category == "agg" and spec.metric is not None and spec.group_by is not None:
                # "which sector has the most companies?" → "and the total market cap?":
                # the same groups, one more aggregate beside the count; 'avg growth for
                # those 3 sectors' after the top 3 by total market cap: still those 3
                spec = spec.with_(extra_metrics=spec.extra_metrics + (Metric(it.arg, col),))
                changes.append(f"adding the {it.text.lower()} {col.column} of each group")
                continue
            else:
                if spec.group_by is None:
                    return None
                spec = _groups_ranked_by(spec, col, question)
                spec = spec.with_(order_metric=True, descending=desc)
            changes.append(f"ordered by {col.column} {'descending' if desc else 'ascending'}")
        elif (
            it.kind == "kw" and it.category == "group" and nxt is not None and nxt.kind == "column"
        ):
            if spec.shape == "list" and spec.order_by is None:
                return None
            if spec.shape == "list" and it.text.lower() != "by":
                raise ValueError(
                    f"'{it.text} {nxt.text}' after a ranked list means the top rows within "
                    f"each {nxt.text}; please ask it in full (for example 'top 5 … by … in each "
                    f"{nxt.text}')."
                )
            if spec.shape == "list":
                ordered = _pick(columns_of(nxt), spec)
                spec = spec.with_(order_by=ordered)
                changes.append(f"ordered by {ordered.column}")
                continue
            col = _pick(columns_of(nxt), spec)
            if lex.kind_of(col.table, col.column) == "number" and it.text.lower() == "by":
                said_before = items[k - 1] if k else None
                if (
                    said_before is not None
                    and said_before.kind == "kw"
                    and said_before.category in ("agg", "bottom")
                    and said_before.text.lower() in SUPERLATIVE_WORDS
                    and spec.shape in ("count", "aggregate")
                    and spec.group_by is None
                    and not spec.extra_metrics
                    and col.table in spec.tables()
                    and _asks_for_one(words)
                ):
                    # 'which one is the biggest by mkt cap?' after the total weight of the
                    # non-US companies: the one of those rows at the top
                    low = said_before.category == "bottom" or said_before.arg == "MIN"
                    spec = spec.with_(
                        shape="list",
                        table=col.table,
                        metric=None,
                        order_by=col,
                        descending=not low,
                        limit=1,
                        limit_stated=True,
                    )
                    changes.append(f"kept the one with the {said_before.text.lower()} {col.column}")
                    continue
                # 'top 3 by headcount', 'its 5 biggest by mkt cap': a ranking of rows, never
                # groups of equal headcounts
                return None
            if (
                (spec.ties or spec.limit)
                and spec.group_by is not None
                and col != spec.group_by
                and re.search(r"\b(?:break|broken|split|drill)\b", question, re.I)
            ):
                # 'can you break that down by city' after the state with the most: that
                # state's cities, not the city with the most of all
                raise ValueError(
                    f"'{question}' after the top {spec.group_by.column} can mean its "
                    f"{col.column} values or the top {col.column} overall; please name the "
                    f"{spec.group_by.column} (for example 'companies per {col.column} in …')."
                )
            label = code_label(lex.catalog, col) or place_label(lex.catalog, col)
            spec = spec.with_(group_by=col, group_label=label, shape="aggregate")
            changes.append(f"grouped by {col.column}")
        elif (
            it.kind == "kw"
            and it.category in ("agg", "bottom")
            and it.text.lower() in SUPERLATIVE_WORDS
        ):
            if spec.group_by is not None and spec.extra_metrics:
                # 'which one of them is the biggest?' beside a count and a total: by which?
                raise ValueError(
                    f"'{it.text}' after an answer with several values per "
                    f"{spec.group_by.column} can rank by any of them; please name the one."
                )
            bottom = it.category == "bottom" or it.arg == "MIN"
            if (
                spec.shape == "list"
                and spec.order_by is None
                and re.search(r"\b(?:sort|sorted|order|ordered|rank|ranked)\b", question, re.I)
            ):
                # 'sort biggest first' after their market caps: by the one number shown
                ranked = said_by or _ranked_by(spec, lex)
                if ranked is None:
                    raise ValueError(
                        f"'{question}': the previous rows can be sorted by more than one "
                        "value; please say by what (for example 'sort by market cap')."
                    )
                spec = spec.with_(order_by=ranked, descending=not bottom)
                changes.append(
                    f"sorted by {ranked.column} {'ascending' if bottom else 'descending'}"
                )
            elif spec.shape == "list" and spec.order_by is not None:
                spec = spec.with_(descending=not bottom)
            elif spec.shape == "aggregate" and spec.group_by is not None:
                spec = spec.with_(order_metric=True, descending=not bottom)
        elif it.kind == "number" and it.number and it.number.is_integer():
            if it.text.lower() == "one" and it.start and words[it.start - 1] == "which":
                continue  # 'which one is the biggest …': one row asked for, not a limit
            if is_old_number(words, it.start):
                continue  # "10 instead of 5", "make it 10, not 5": 5 is the old value
            number_lead = words[max(0, it.start - 2) : it.start]
            if (
                len(number_lead) == 2
                and number_lead[0] == "of"
                and number_lead[1] in ("the", "those", "these")
                and not any(x.kind in ("column", "table") for x in items)
            ):
                # 'which of the three did best?': the number names the rows shown, not how
                # many to keep (kept as a limit, 'best' was lost and all three came back)
                raise ValueError(
                    f"'{question}': '{number_lead[1]} {it.text}' names the rows already shown; I "
                    "could not tell what to rank them by. Please say it (for example 'which of "
                    "them has the highest …')."
                )
            n = int(it.number)
            if spec.shape == "count" or (spec.shape == "aggregate" and spec.group_by is None):
                plain_total = (
                    prev.limit is None
                    and prev.order_by is None
                    # rows kept from an answer before ('their combined market cap'): 'the top
                    # 3' may be of the ranking that found them; not guessed
                    and not any(f.op in ("in", "not in") for f in prev.filters)
                )
                if not (
                    plain_total
                    and _ranks(words)
                    and spec.metric is not None
                    and spec.metric.col is not None
                ):
                    return None  # a total of the top N is changed elsewhere (top_total.py)
                # 'only the top 3 by market cap' after the tech sector's total market cap: the
                # rows behind the total, ranked (never the top 3 of every company)
                spec = spec.with_(shape="list", metric=None, order_by=spec.metric.col)
                bottom = bool(_BOTTOM_WORDS & set(words))
                spec = spec.with_(descending=not bottom, limit=n, limit_stated=True)
                changes.append(f"listed the {n} rows behind the total")
                continue
            if spec.per_group is not None and not {"each", "per", "every"} & set(words):
                # 'only the top 3 of those' after the largest company of each sector: the 3
                # largest of the rows shown, or 3 per sector? Neither is picked silently.
                raise ValueError(
                    f"'{it.text}' after a ranking within each {spec.per_group.column} can mean "
                    f"{n} per {spec.per_group.column} or the top {n} of the rows shown; please "
                    f"say '{n} per {spec.per_group.column}' or ask the whole question."
                )
            if spec.shape == "list" and spec.order_by is None and _ranks(words):
                ranked = said_by or _ranked_by(spec, lex)
                if ranked is None:
                    raise ValueError(
                        f"'{question}': the previous rows are in no ranked order; please say "
                        f"by what (for example 'the top {n} by market cap')."
                    )
                spec = spec.with_(order_by=ranked, descending=not _BOTTOM_WORDS & set(words))
                changes.append(f"ranked by {ranked.column}")
            extreme = next((f for f in spec.filters if f.op == "extreme"), None)
            if extreme is not None and n > 1:
                # 'top 10 then' after 'which has the highest ebitda' (the rows at the top,
                # ties kept): the top 10 by that column, not the top row again
                spec = spec.with_(
                    filters=tuple(f for f in spec.filters if f is not extreme),
                    order_by=extreme.col,
                    descending=extreme.values[0] == "max",
                )
                changes.append(f"ranked by {extreme.col.column}")
            one_row = [f for f in spec.filters if not f.time and f.op == "=" and len(f.values) == 1]
            if n > 1 and one_row and any(_one_day(f, lex) for f in spec.filters):
                # 'show the top 3 by volume that day' after one stock's close that day: the
                # day's top 3, not a ranking of that one row
                spec = spec.with_(filters=tuple(f for f in spec.filters if f not in one_row))
                changes.append(
                    "ranked every row of that day (the previous answer was one row: "
                    + ", ".join(f"{f.col.column} = '{f.values[0]}'" for f in one_row)
                    + ")"
                )
            spec = spec.with_(limit=n, limit_stated=True)
            if spec.shape == "aggregate" and not spec.order_metric:
                spec = spec.with_(order_metric=True, descending=True)
            changes.append(f"limited to {n} rows")
    adding = bool(_ADDING_WORDS & set(words)) or "as well" in question.lower()
    new_values, named_apart = _named_two_ways(new_values, lex)
    if named_apart is not None:
        # 'what about apple and msft': one company by name, the other by ticker, both kept
        entity = _entity_named(named_apart, lex)
        kept = tuple(
            f
            for f in spec.filters
            if f.op not in ("=", "in", "any") or f.time or _entity_named(f, lex) != entity
        )
        spec = spec.with_(filters=(*kept, named_apart))
        said = ", ".join(f"{c} = {v!r}" for c, v in named_apart.values)
        changes.append(f"replaced the rows named: {said}")
    for col, pairs in new_values.items():
        wanted = [v for v, neg in pairs if not neg]
        unwanted = [v for v, neg in pairs if neg]
        named = next(
            (f for f in spec.filters if f.col == col and f.op in ("=", "in") and not f.time), None
        )
        if (
            adding
            and wanted
            and not unwanted
            and named is not None
            and _NARROWS_ALSO.search(question)
        ):
            # 'which of them also have MSFT' after who picked NVDA: rows with both values,
            # never rows with either (the two conditions on one column cannot say it)
            raise ValueError(
                f"'{question}' keeps the rows that have both {named.values[0]!r} and "
                f"{wanted[0]!r} in {col.column}, which the built-in engine does not combine "
                "after an answer; please ask for both in one question (for example 'who "
                f"picked both {named.values[0]} and {wanted[0]}')."
            )
        if adding and wanted and not unwanted and named is not None:
            # 'also nvidia' after Apple and Microsoft: the three of them, never NVIDIA alone
            wanted = list(dict.fromkeys([*named.values, *wanted]))
            metric = spec.metric
            if (
                metric is not None
                and metric.func in ("AVG", "MIN", "MAX")
                and not spec.change
                and spec.group_by is None
                and not spec.bucket
            ):
                # 'and MSFT too' after AAPL's average close in 2023: one average each
                spec = spec.with_(group_by=col)
                changes.append(f"one {metric.func.lower()} per {col.column}")
            elif (
                metric is not None
                and metric.func in ("AVG", "MIN", "MAX")
                and not spec.change
                and spec.group_by != col
            ):
                # 'put msft next to it' after AAPL's monthly average: one average over both
                # stocks' rows is neither's; a second grouping is more than the engine writes
                raise ValueError(
                    f"'{question}' would take one {metric.func.lower()} over the rows of "
                    f"{' and '.join(map(str, wanted))} together, not one for each; please ask "
                    "for each one on its own."
                )
        # "use MSFT, not AAPL": the positive value replaces the old one; the negated one is then moot
        before = len(spec.filters)
        spec = _without_same_entity(spec, col, lex)
        spec, change = _set_values(spec, col, wanted or unwanted, not wanted)
        if len(spec.filters) <= before and change.startswith("added"):
            change = "replaced" + change[len("added") :]  # the same rows, named another way
        changes.append(change)
        if (
            spec.shape == "list"
            and spec.distinct
            and spec.columns == (col,)
            and wanted
            and not unwanted
            and col.table == spec.table
        ):
            # 'list the ones in ireland' after 'which countries are those': the rows there
            # (a list of the one country named would only repeat it)
            spec = spec.with_(distinct=False, columns=(), asked_columns=False)
            changes.append(f"listed the {spec.table} rows with that {col.column}")
    if changes and spec != prev:
        spec, more = _rank_found_rows_again(prev, spec, words, lex)
        changes.extend(more)
    if (
        changes
        and spec.shape == "count"
        and spec.group_by is None
        and spec.metric is not None
        and spec.metric.col is None
        and _WHICH_OF_THEM.match(question)
    ):
        # 'which of them trade on nasdaq?' after 'how many companies are in technology':
        # the rows, not the count again
        spec = spec.with_(shape="list", metric=None)
        changes.append("listed the rows instead of counting them")
    elif (
        changes
        and spec.shape == "aggregate"
        and spec.group_by is not None
        and not spec.bucket
        and spec.metric is not None
        and spec.metric.func == "COUNT"
        and spec.metric.col is None
        and not spec.extra_metrics
        and not spec.having
        and spec.limit is None
        and _WHICH_OF_THEM.match(question)
    ):
        # 'which of them trade on nasdaq' after 'how many per country': the counted rows,
        # each with its country, not the counts again
        spec = spec.with_(
            shape="list",
            metric=None,
            columns=(spec.group_by,),
            group_by=None,
            order_metric=False,
            order_by=None,
        )
        changes.append("listed the counted rows instead of counting them")
    if not changes:
        return None
    if (
        spec.distinct
        and spec.order_by is not None
        and spec.order_by != prev.order_by
        and spec.order_by not in spec.columns
    ):
        # 'biggest one by marketcap' after 'which cities are they in': the biggest company,
        # or the city with the most? A list of distinct cities has no market cap of its own
        raise ValueError(
            f"'{question}' ranks a list of distinct {', '.join(c.column for c in spec.columns)}"
            f" values by {spec.order_by.column}, which they do not have; please ask the whole "
            "question (for example 'which company … has the biggest …')."
        )
    if spec.limit and spec.limit > 1 and spec.order_by is not None and prev.limit is None:
        # 'top 10 by index weight' after Walmart's weight: ten rows are never among one named
        # row; the ranking is over the rows the other conditions keep (the S&P 500's)
        pinned = [f for f in spec.filters if _names_one_row(f, lex)]
        if len(pinned) > 1:
            raise ValueError(
                f"'{question}' ranks {spec.limit} rows, but the previous question pinned one "
                f"row ({', '.join(str(f.values[0]) for f in pinned)}); please ask the whole "
                "question, saying among which rows."
            )
        if pinned:
            spec = spec.with_(
                filters=tuple(f for f in spec.filters if f not in pinned), asked_columns=False
            )
            said = ", ".join(str(v) for f in pinned for v in f.values)
            changes.append(f"ranked over every row, not only {said}")
    return Edit(spec, tuple(changes))


def _groups_by_period(spec: QuerySpec, items: list[Item], k: int) -> bool:
    """'by month' after a count or a total over a period: that figure for each month."""
    before = items[k - 1] if k else None
    return (
        spec.shape in ("count", "aggregate")
        and spec.group_by is None
        and not spec.bucket
        and spec.metric is not None
        and before is not None
        and before.kind == "kw"
        and before.category == "group"
    )


def _regroups_by_period(spec: QuerySpec, items: list[Item], k: int) -> bool:
    """'per month' after a figure per year: the previous answer's date, in another period."""
    before = items[k - 1] if k else None
    return (
        bool(spec.bucket)
        and spec.group_by is not None
        and spec.bucket != items[k].arg
        and before is not None
        and before.kind == "kw"
        and before.category == "group"
    )


def _period_column(spec: QuerySpec, lex: Lexicon) -> Col | None:
    """The date the previous answer's period was on, else its table's only date."""
    dated = [f.col for f in spec.filters if f.time and f.col.table == spec.table]
    if dated:
        return dated[0]
    dates = lex.date_columns(spec.table)
    return Col(spec.table, dates[0]) if len(dates) == 1 else None


def _ids_said_again(spec: QuerySpec, items: list[Item], lex: Lexicon) -> list[tuple[Col, int, int]]:
    """'same for user 75' after user 76's picks: a table and a whole number name the row with
    that key, which replaces the condition already naming one of that table's rows (on
    whichever column holds its key). Returns (column, key, index of the table item)."""
    found = []
    for k, it in enumerate(items[:-1]):
        nxt = items[k + 1]
        if not (
            it.kind == "table"
            and nxt.kind == "number"
            and nxt.start == it.end
            and nxt.number is not None
            and nxt.number.is_integer()
            and nxt.text.isdigit()
        ):
            continue
        table = it.targets[0].table
        info = lex.catalog.table(table)
        if info is None or len(info.primary_key) != 1:
            continue
        if lex.kind_of(table, info.primary_key[0]) != "number":
            continue
        held = {
            f.col
            for f in spec.filters
            if f.op in ("=", "in") and not f.time and entity_of(lex.catalog, f.col) == table
        }
        if len(held) == 1:
            found.append((held.pop(), int(nxt.number), k))
    return found


def _names_one_row(f: Filter, lex: Lexicon) -> bool:
    """A condition naming one row by what identifies it (companies.short_name = 'Walmart')."""
    info = lex.catalog.table(f.col.table)
    if info is None or f.op != "=" or len(f.values) != 1 or f.time:
        return False
    return list(info.primary_key) == [f.col.column] or f.col.column in name_columns(info)


_WHICH_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:which|what)\s+(?:of\s+(?:them|those|these)|ones)\b",
    re.I,
)
_AMONG_WORDS = frozenset(
    {"which", "who", "among", "them", "those", "these", "they", "their", "its", "it", "of"}
)


_SORT_WORDS = frozenset(
    {"sort", "sorted", "order", "ordered", "resort", "re-sort", "arrange", "rearrange", "reorder"}
)
_NEW_RANKING_WORDS = frozenset({"top", "bottom", "first", "last", "limit", "only", "just"})


def _rank_found_rows_again(
    prev: QuerySpec, spec: QuerySpec, words: list[str], lex: Lexicon
) -> tuple[QuerySpec, list[str]]:
    """'and the bottom 3' after 'top 5 by revenue growth' → 'their sector?': the rows shown
    were pinned by key because a ranking found them; a new ranking ('the bottom 3', 'and the
    cheapest stock?', 'top 10 then') ranks every row again, not the pinned ones. Questions
    that pick among them ('which of them …') keep them."""
    ranked_again = spec.order_by is not None and (
        spec.order_by != prev.order_by
        or spec.descending != prev.descending
        or (spec.limit != prev.limit and spec.limit is not None)
    )
    if (
        not ranked_again
        or spec.shape != "list"
        or prev.limit is not None
        or _AMONG_WORDS & set(words)
        # 'Sort them by headcount instead.': the same rows in another order, no new ranking
        or (_SORT_WORDS & set(words) and not _NEW_RANKING_WORDS & set(words))
    ):
        return spec, []
    info = lex.catalog.table(spec.table)
    if info is None or len(info.primary_key) != 1:
        return spec, []
    key = Col(spec.table, info.primary_key[0])
    pinned = [f for f in spec.filters if f.col == key and f.op in ("=", "in") and not f.time]
    one_row = len(pinned) == 1 and len(pinned[0].values) == 1
    if not pinned or (prev.order_by is None and not one_row):
        # several rows named without a ranking ('compare KO and PEP'): ranked among them
        return spec, []
    spec = spec.with_(filters=tuple(f for f in spec.filters if f not in pinned))
    if spec.limit is None:
        spec = spec.with_(limit=1, limit_stated=True)  # 'and the cheapest stock?': the one
    return spec, [
        f"ranked every row again by {spec.order_by.column if spec.order_by else 'the same value'} "
        "(the rows shown before were the ones a ranking had found)"
    ]


# 'which of them also have MSFT': a narrowing of the rows before, not one more value listed
_NARROWS_ALSO = re.compile(
    r"\b(?:of\s+(?:them|those|these)\b.*\b(?:also|too|as\s+well)|(?:also|too)\b.*\bof\s+"
    r"(?:them|those|these))\b",
    re.I,
)
_ADDING_WORDS = frozenset({"also", "too", "plus", "include", "including", "add"})


def _first_after_superlative(linked: Linked) -> Linked:
    """'sort biggest first': 'first' says where the biggest go, not the earliest date."""
    items = linked.items
    kept = tuple(
        it
        for k, it in enumerate(items)
        if not (
            k
            and it.kind == "kw"
            and it.text.lower() in ("first", "last")
            and items[k - 1].kind == "kw"
            and items[k - 1].text.lower() in SUPERLATIVE_WORDS
        )
    )
    return linked if len(kept) == len(items) else replace(linked, items=kept)


def is_old_number(words: list[str], at: int) -> bool:
    before = words[max(0, at - 2) : at]
    after = words[at + 1 : at + 2]
    return (
        before[-2:] == ["instead", "of"]
        or before[-1:] == ["not"]
        or (before[-1:] == ["from"] and after == ["to"])
    )


def _bare_columns(prev: QuerySpec, linked: Linked, lex: Lexicon) -> Edit | None:
    """ "and the volume?": the same rows with another column (a list), or the same
    aggregate over another column. None when the question is more than columns."""
    items = [it for it in linked.items if not (it.kind == "kw" and it.category == "list")]
    if not items or any(it.kind != "column" for it in items) or linked.unknown:
        return None
    cols = [_pick(columns_of(it), prev) for it in items]
    if any(c is None for c in cols):
        return None
    picked = [c for c in cols if c is not None]
    if prev.shape == "list" and not prev.distinct:
        added = tuple(c for c in picked if c not in prev.columns)
        spec = prev.with_(columns=prev.columns + added)
        return Edit(spec, ("also showing " + ", ".join(c.column for c in added),))
    group = prev.group_by
    if group is not None and all(
        c == prev.group_label or c == code_label(lex.catalog, group) for c in picked
    ):
        # 'add company names pls' after picks per stock: each stock's name is shown already
        shown = ", ".join(c.column for c in picked)
        return Edit(prev, (f"{shown} is already shown beside each {group.column}",))
    metric = prev.metric
    if (
        len(picked) == 1
        and metric is not None
        and metric.func in ("SUM", "AVG", "MIN", "MAX")
        and col_kind_of(lex, picked[0]) == "number"
        and not prev.extra_metrics
    ):
        func = _extreme_of_named_column(metric, picked[0])
        spec = prev.with_(metric=Metric(func, picked[0]))
        return Edit(spec, (f"the same {func.lower()} over {picked[0].column}",))
    raise ValueError(
        "I could not tell what to compute for "
        + ", ".join(c.column for c in picked)
        + " from the previous question; please ask it in full."
    )


_EXTREME_COLUMN = {"high": "MAX", "low": "MIN"}


def _extreme_of_named_column(metric: Metric, col: Col) -> str:
    """'and the lows' after the period's highest high: the lowest low. A column named for an
    extreme takes its own direction when the previous one did the same."""
    before = metric.col.column.lower() if metric.col is not None else ""
    after = col.column.lower()
    if (
        before in _EXTREME_COLUMN
        and after in _EXTREME_COLUMN
        and metric.func == _EXTREME_COLUMN[before]
    ):
        return _EXTREME_COLUMN[after]
    return metric.func


def entity_of(catalog, col: Col) -> str | None:
    """The table whose rows ``col`` picks one by one: its key or name column, or a column
    referencing that key ('stock_price_history.stock_symbol' picks companies); else None."""
    info = catalog.table(col.table)
    if info is None:
        return None
    if col.column in info.primary_key or col.column in name_columns(info):
        for r in catalog.relationships:
            if (r.from_table, r.from_column) == (col.table, col.column):
                return r.to_table
        return info.name
    for r in catalog.relationships:
        if (r.from_table, r.from_column) == (col.table, col.column):
            target = catalog.table(r.to_table)
            if target is not None and r.to_column in target.primary_key:
                return target.name
    return None


def _named_two_ways(
    new_values: dict[Col, list[tuple[str | int, bool]]], lex: Lexicon
) -> tuple[dict[Col, list[tuple[str | int, bool]]], Filter | None]:
    """Values said through two naming columns of one table ('apple and msft': a short name and
    a ticker) as one 'any' filter, so the second never replaces the first."""
    from .filters import ANY_NAME

    positive = [
        col
        for col, pairs in new_values.items()
        if pairs and not any(neg for _, neg in pairs) and entity_of(lex.catalog, col)
    ]
    entities = {entity_of(lex.catalog, col) for col in positive}
    if len(positive) < 2 or len(entities) != 1:
        return new_values, None
    entity = entities.pop()
    named: list[tuple[str, str | int]] = []
    for col in positive:
        own = _own_column(col, str(entity), lex)
        if own is None:
            return new_values, None
        named.extend((own, v) for v, _ in new_values[col])
    rest = {col: pairs for col, pairs in new_values.items() if col not in positive}
    return rest, Filter(Col(str(entity), ANY_NAME), "any", tuple(named))


def _own_column(col: Col, table: str, lex: Lexicon) -> str | None:
    """The column of ``table`` that ``col`` is or refers to ('stock_price_history.stock_symbol'
    is companies' 'stock_symbol')."""
    if col.table == table:
        return col.column
    for r in lex.catalog.relationships:
        if (r.from_table, r.from_column, r.to_table) == (col.table, col.column, table):
            return r.to_column
    return None


def _without_same_entity(spec: QuerySpec, col: Col, lex: Lexicon) -> QuerySpec:
    """'what about apple' after 'MSFT closing price': Apple (a company's name) replaces MSFT
    (a stock symbol of the same companies), it is not added to it."""
    entity = entity_of(lex.catalog, col)
    if entity is None:
        return spec
    kept = tuple(
        f
        for f in spec.filters
        if f.col == col
        or f.op not in ("=", "in", "any")
        or f.time
        or _entity_named(f, lex) != entity
    )
    return spec.with_(filters=kept)


def _entity_named(f: Filter, lex: Lexicon) -> str | None:
    """The table whose rows a filter names; '(short_name = 'Ford' OR stock_symbol = 'GM')'
    names companies through its first naming column."""
    if f.op == "any" and f.values:
        return entity_of(lex.catalog, Col(f.col.table, f.values[0][0]))
    return entity_of(lex.catalog, f.col)


def _set_values(
    spec: QuerySpec, col: Col, values: list[str | int], negate: bool
) -> tuple[QuerySpec, str]:
    values = list(dict.fromkeys(values))
    op = ("!=" if negate else "=") if len(values) == 1 else ("not in" if negate else "in")
    new = Filter(col, op, tuple(values))
    if any(f.col == col for f in spec.ratio_filters) and not any(
        f.col == col for f in spec.filters
    ):
        # 'and healthcare?' after 'what percent of companies are in financial services': the
        # condition whose share is asked changes; the rows counted stay every company
        ratio = tuple(new if f.col == col else f for f in spec.ratio_filters)
        text = f"{col.column} {op} " + ", ".join(repr(v) for v in values)
        return spec.with_(
            ratio_filters=ratio
        ), f"replaced the condition whose share is asked: {text}"
    kept = [f for f in spec.filters if f.col != col]
    verb = "replaced" if len(kept) != len(spec.filters) else "added"
    text = f"{col.column} {op} " + ", ".join(repr(v) for v in values)
    return spec.with_(filters=tuple(kept + [new])), f"{verb} the condition {text}"


def _set_time(spec: QuerySpec, item: Item, lex: Lexicon) -> tuple[QuerySpec, str]:
    old = next((f for f in spec.filters if f.time), None)
    col = old.col if old else None
    if col is None:
        for table in spec.tables():
            dates = lex.date_columns(table)
            if dates:
                col = Col(table, dates[0])
                break
    if col is None:
        raise ValueError(
            f"'{item.text}' is a time range, but the previous question involves no date column."
        )
    rng = resolve(item.time, lex.date_anchor.get((col.table, col.column)))
    kept = [f for f in spec.filters if not f.time]
    new = Filter(col, "range", (rng.start, rng.end), time=True)
    spec = spec.with_(
        filters=tuple(kept + [new]),
        notes=tuple(n for n in spec.notes if " means " not in n[1])
        + ((item.text, rng.explanation),),
    )
    return spec, f"time range set to {item.text}"


_TOP_WORDS = frozenset({"top", "best", "biggest", "largest", "highest", "strongest", "priciest"})
_BOTTOM_WORDS = frozenset({"bottom", "worst", "smallest", "lowest", "weakest", "cheapest"})


def _ranks(words: list[str]) -> bool:
    return bool((_TOP_WORDS | _BOTTOM_WORDS) & set(words))


def _said_by(items: list[Item], words: list[str]) -> Col | None:
    """The one column named right after 'by' ('the biggest one by market cap')."""
    named = [
        it
        for it in items
        if it.kind == "column"
        and len({(t.table, t.column) for t in it.targets}) == 1
        and 0 < it.start <= len(words)
        and words[it.start - 1] == "by"
    ]
    if len(named) != 1:
        return None
    target = named[0].targets[0]
    return Col(target.table, target.column)


def _ranked_by(spec: QuerySpec, lex: Lexicon) -> Col | None:
    """What 'only the top 3' ranks a plain list by: the one number its condition compared
    ('over 100 billion' → market cap), else the one number it shows; None when unclear."""
    compared = {
        f.col for f in spec.filters if f.op in (">", ">=", "<", "<=", "between") and not f.time
    }
    if len(compared) == 1:
        return compared.pop()
    shown = [
        c
        for c in spec.columns
        if lex.kind_of(c.table, c.column) == "number"
        and c.column not in (info.primary_key if (info := lex.catalog.table(c.table)) else ())
    ]
    return shown[0] if len(shown) == 1 else None


def _aggregate_after(linked: Linked, question: str) -> bool:
    """An aggregate or superlative word right after 'its'/'their' ('its highest close')."""
    from .normalize import tokenize

    tokens = [t for t in tokenize(question) if t.kind != "punct"]
    at = next((k for k, t in enumerate(tokens) if t.lower in ("its", "their")), None)
    if at is None or at + 1 >= len(tokens):
        return False
    nxt = tokens[at + 1].lower
    return any(
        it.kind == "kw" and it.category in ("agg", "bottom") and it.text.lower() == nxt
        for it in linked.items
    )


def _one_day(f: Filter, lex: Lexicon) -> bool:
    """A condition that keeps one day: a one-day range, or a date column equal to a value."""
    if f.time and one_day(f):
        return True
    return f.op == "=" and lex.kind_of(f.col.table, f.col.column) == "date"


def _reranks_picked_rows(prev: QuerySpec, linked: Linked) -> bool:
    """A ranking word on another column than the one that picked the previous top N."""
    if prev.shape != "list" or not prev.limit or prev.order_by is None:
        return False
    items = list(linked.items)
    for k, it in enumerate(items[:-1]):
        nxt = items[k + 1]
        if (
            it.kind == "kw"
            and it.category in ("agg", "bottom", "order")
            and nxt.kind == "column"
            and all(
                (t.table, t.column) != (prev.order_by.table, prev.order_by.column)
                for t in nxt.targets
            )
        ):
            return True
    return False


def _far(lex: Lexicon, start: str, goal: str) -> bool:
    """Two or more links between the tables (or none): a value there is no condition here."""
    try:
        return len(join_path(lex.catalog, start, goal)) >= 2
    except Exception:  # noqa: BLE001 - no route: as far as it gets
        return True


_BY_THAT = re.compile(
    r"\b(?:sort|sorted|order|ordered|rank|ranked)\s+(?:it\s+|them\s+)?by\s+(?:that|it|this)\b", re.I
)


_SORT_BY_KIND = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|now|then|pls|please)[\s,]+)*(?:re-?)?(?:sort|order|rank)(?:ed)?\s+"
    r"(?:(?:it|them|those|these|the\s+list|the\s+groups)\s+)?by\s+(?:the\s+)?"
    r"(?P<kind>average|avg|mean|total|sum|count|number|max(?:imum)?|min(?:imum)?)"
    r"(?:\s+(?:one|column|value|figure)|\s+(?P<what>(?!desc|asc|in\b|from\b|instead\b)[a-z][\w-]*"
    r"(?:\s+(?!desc|asc|in\b|from\b|instead\b)[a-z][\w-]*){0,2}))?(?:\s+instead)?"
    r"(?:\s*,?\s*(?P<dir>desc(?:ending)?|asc(?:ending)?|biggest\s+first|largest\s+first|"
    r"highest\s+first|smallest\s+first|lowest\s+first|in\s+desc(?:ending)?\s+order|in\s+asc(?:ending)?"
    r"\s+order|from\s+(?:the\s+)?(?:largest|biggest|highest)\s+to\s+(?:the\s+)?(?:smallest|lowest)|"
    r"from\s+(?:the\s+)?(?:smallest|lowest)\s+to\s+(?:the\s+)?(?:largest|biggest|highest)))?"
    r"(?:\s+(?:pls|please|instead))?\s*[?.!]*\s*$",
    re.I,
)
_KIND_FUNC = {
    "average": "AVG",
    "avg": "AVG",
    "mean": "AVG",
    "total": "SUM",
    "sum": "SUM",
    "count": "COUNT",
    "number": "COUNT",
    "max": "MAX",
    "maximum": "MAX",
    "min": "MIN",
    "minimum": "MIN",
}


def _groups_sorted_by_kind(prev: QuerySpec, question: str) -> Edit | None:
    """'sort by the average instead' after the total and the average per sector: the groups
    ordered by the one value of that kind the answer shows (made the first value); None when
    the answer shows none or several of that kind, or is not groups with several values."""
    said = _SORT_BY_KIND.match(question)
    if said is None or prev.metric is None or prev.group_by is None or not prev.extra_metrics:
        return None
    func = _KIND_FUNC[said.group("kind").lower()]
    values = (prev.metric, *prev.extra_metrics)
    of_kind = [m for m in values if m.func == func]
    if len(of_kind) != 1:
        return None
    chosen = of_kind[0]
    what = said.group("what")
    if what is not None:
        # 'sort by the average market cap': the words must be said of that value's column
        column = (chosen.col.column if chosen.col is not None else "").lower()
        words = [w for w in re.split(r"[\s_-]+", what.lower()) if len(w) >= 3]
        words = ["cap" if w.startswith("capitali") else w for w in words]
        if not words or not all(w.rstrip("s") in column for w in words):
            return None
    direction = (said.group("dir") or "desc").lower()
    descending = not direction.startswith(
        (
            "asc",
            "smallest",
            "lowest",
            "in asc",
            "from smallest",
            "from lowest",
            "from the smallest",
            "from the lowest",
        )
    )
    others = tuple(m for m in values if m is not chosen)
    spec = prev.with_(metric=chosen, extra_metrics=others, order_metric=True, descending=descending)
    column = chosen.col.column if chosen.col is not None else "rows"
    order = "descending" if descending else "ascending"
    return Edit(spec, (f"sorted the groups by the {func.lower()} of {column}, {order}",))


def _groups_ranked_by(spec: QuerySpec, col: Col | None, question: str) -> QuerySpec:
    """'sort those by employees' after several values per group: the groups ordered by the
    value of that column, made the first (ordering) value; a column no value shown reads
    would rank by something the answer does not show, so it is asked for whole."""
    if col is None or (spec.metric is not None and spec.metric.col == col):
        return spec
    named = [m for m in spec.extra_metrics if m.col == col]
    if len(named) == 1 and spec.metric is not None:
        others = tuple(m for m in spec.extra_metrics if m is not named[0])
        return spec.with_(metric=named[0], extra_metrics=(spec.metric, *others))
    raise ValueError(
        f"'{question}' ranks the groups of the previous answer by {col.column}, which it does "
        "not show (or shows more than once); please ask the whole question."
    )


def _grouped_by_a_reference(items: list[Item], spec: QuerySpec, lex: Lexicon) -> list[Item]:
    """'per stock?' after a count of picks: 'stock' names the companies table, whose key the
    picks hold; the grouping is by that column of the picks (the same filters kept)."""
    out = list(items)
    for k in range(len(out) - 1):
        it, nxt = out[k], out[k + 1]
        if not (it.kind == "kw" and it.category == "group" and nxt.kind == "table"):
            continue
        table = nxt.targets[0].table if nxt.targets else ""
        info = lex.catalog.table(table)
        if table == spec.table or info is None or len(info.primary_key) != 1:
            continue
        key = Col(table, info.primary_key[0])
        local = local_column(lex.catalog, key, spec.table)
        if local.table != spec.table:
            continue
        target = Target("column", local.table, local.column, "", "reference")
        out[k + 1] = replace(nxt, kind="column", targets=(target,))
    return out
