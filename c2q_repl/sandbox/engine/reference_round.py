"""A question that points back at the previous answer ('how many employees does it have',
'which of them …'): the question read about the previous answer's subject or rows, or
declined when the reference stays unclear."""

from __future__ import annotations

import re
from dataclasses import replace

from c2q_repl.sandbox.contracts import (
    PriorRound,
)

from .answer_context import AnswerContext, Outcome, Planner
from .assemble import counts_the_one_row, one_row_value
from .attached import (
    dated_readings,
    far_attribute,
    far_place,
    own_series,
    price_extreme,
)
from .evidence import (
    PERSONAL,
    demonstrative_column,
)
from .interpret import interpret
from .lexicon import Target
from .linking import Item, Linked, link
from .normalize import tokenize
from .period_extreme import at_period_edge, period_edge, period_extreme
from .projection import shown_sql
from .ranked_order import in_ranked_order, ranked
from .ratio import share_of_rows_shown
from .reading import columns_of
from .references import (
    MAX_KEYS,
    PLURAL,
    extreme_of_each,
    key_column,
    merge_filters,
    needs_rows,
    per_row,
    series_of_each,
    shown_values,
    subject_filters,
)
from .roles import person_tables
from .rounds import (
    dates_onto_subject,
    named_subject,
    shifted_period,
)
from .spec import Col, Decline, Filter, QuerySpec
from .sqlbuild import name_columns

NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
# pronouns that name an owner beside a demonstrative ('its volume that day')
_OWNER_WORDS = frozenset({"its", "their", "it", "they", "them"})


_ALSO = re.compile(r"\b(?:also|as\s+well|too|both)\b", re.I)


class ReferenceRound:
    """Resolves 'it/they/those' in a question against the previous round."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner

    def resolve(
        self, prior: PriorRound, prev: QuerySpec, question: str, pronoun: str, ctx: AnswerContext
    ) -> Outcome:
        """ "how many employees does it have?": the question, about the previous subject; the
        rows of a ranking kept in its order ('which sectors are they in?' after the top 10)."""
        outcome = self._resolve(prior, prev, question, pronoun, ctx)
        if not ranked(prev) or outcome.spec is None or not outcome.task.sql or outcome.task.refusal:
            return outcome
        ordered = in_ranked_order(outcome.task.sql, outcome.spec, ctx.lex.catalog)
        if ordered is None:
            return outcome
        note = {"concept": "order", "explanation": "The rows in the order of the previous ranking"}
        task = replace(outcome.task, sql=ordered, assumptions=(*outcome.task.assumptions, note))
        return Outcome(task, outcome.spec)

    def _resolve(
        self, prior: PriorRound, prev: QuerySpec, question: str, pronoun: str, ctx: AnswerContext
    ) -> Outcome:
        unclear = Decline(
            f"I could not tell what '{pronoun}' refers to in '{question}'; "
            "please name it (for example the sector or the company).",
            (pronoun,),
        )
        if pronoun.lower() == "one":
            # 'list the companies in the biggest one' after industries with their counts and
            # averages: the biggest by which of them? Not picked silently.
            reason = (
                f"'{question}' ranks the rows of the previous answer ('{prior.question}'), but "
                "does not say by what; please name the one you mean or the value to rank by."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if pronoun.lower() in PERSONAL and prev.table not in {
            t.name for t in person_tables(ctx.lex)
        }:
            # 'he/she' after an answer that is not about persons points at nothing
            return self._planner.refuse("0", question, unclear, ctx)
        named_owner = self._as_named(prior, prev, question, pronoun, ctx)
        if named_owner is not None:
            return named_owner
        counted_among = (
            _HOW_MANY_OF_THEM.search(question) is not None
            and _WHICH_OF_THEM.search(prior.question) is not None  # one picked among them
            and prev.group_by is None  # 'which sector has the most': that sector's rows
            and prev.per_group is None
        )
        if (_ALL_OF_THEM.search(question) or counted_among) and (
            prev.limit == 1 or any(f.op == "extreme" for f in prev.filters)
        ):
            # 'total employees across all of them?' ('how many of them are in Houston') after
            # 'which of them has the biggest market cap': all the rows that ranking chose
            # from, not the one it kept
            prev = prev.with_(
                filters=tuple(f for f in prev.filters if f.op != "extreme"),
                limit=None,
                limit_stated=False,
                order_by=None,
                ties=False,
            )
        whole = _WHOLE_HISTORY.search(question)
        if whole is not None:
            # 'its highest close ever' after its close on the last day: over every day, not
            # that day's one close
            prev = prev.with_(filters=tuple(f for f in prev.filters if not f.time))
            if not re.match(r"\s*(?:high|low)s?\b", question[whole.end() :], re.I):
                # ('its all-time high' keeps its words: read as the highest high)
                question = (question[: whole.start()] + question[whole.end() :]).strip()
        question, said_count = _of_those_n(shifted_period(question, prev))
        if (
            pronoun.lower() in PLURAL
            and prev.limit == 1
            and (prev.group_by is None or bool(prev.change))
            and prev.per_group is None  # one per sector: the rows kept, not the sectors
            and any(f.op == "in" and len(f.values) > 1 for f in prev.filters)
        ):
            # 'their avg daily volume' after 'which one has higher ebitda' of KO and PEP (or
            # 'which did better in 2023' of Netflix and Disney): 'their' is the companies
            # compared, not the one row the ranking kept
            prev = prev.with_(limit=None, limit_stated=False, order_by=None, ties=False)
        question, edge = period_edge(question)
        question = _ones_named(question, pronoun, prev)
        subject_tables = tuple(dict.fromkeys(f.col.table for f in named_subject(prev)))
        linked = dated_readings(link(question, ctx.lex), ctx.lex, subject_tables)
        extreme = period_extreme(question, linked, ctx.lex)
        if extreme is not None and far_attribute(linked, ctx.lex) is None:
            # 'and its high for 2023' after its latest close: the year's high
            question = extreme.question
            linked = link(question, ctx.lex)
        else:
            extreme = None
        named = _demonstrative_item(question, linked)
        if named is not None and _verb_of_their_own_date(named, prev, ctx):
            named = None  # 'how many of those signed up in july': a verb, not 'that signup'
        if named is not None:
            # 'that industry' is the previous answer's value, not a column to show
            linked = replace(linked, items=tuple(it for it in linked.items if it is not named))
        share = share_of_rows_shown(list(linked.items), ctx.lex)
        spec = share or interpret(linked, ctx.lex, ctx.defaults)
        if isinstance(spec, Decline) and pronoun.lower() in ("it", "its"):
            # 'how did its stock do in 2023' after the largest employer in North Carolina:
            # read with that one row named by its key, as if the question had said it
            one_key = _one_row_key(prev, prior, ctx)
            if one_key is not None:
                again = interpret(_with_value(linked, one_key), ctx.lex, ctx.defaults)
                if not isinstance(again, Decline):
                    spec = again
        named_rows = _rows_named_beside(question, linked, prev) if isinstance(spec, Decline) else ""
        if named_rows:
            # 'which one of those is the biggest?', 'how many of those signed up in july?'
            # after a count: read again with the counted rows named ('of those companies')
            relinked = dated_readings(link(named_rows, ctx.lex), ctx.lex, subject_tables)
            again = interpret(relinked, ctx.lex, ctx.defaults)
            unasked_cut = (
                not isinstance(again, Decline)
                and bool(again.limit)
                and again.limit != 1
                and not again.limit_stated
            )  # 'the largest of them' kept as 10 rows: a number nobody asked for
            if not isinstance(again, Decline) and not unasked_cut:
                question, linked, spec = named_rows, relinked, again
        if isinstance(spec, Decline):
            return self._planner.refuse("0", question, spec, ctx)
        if extreme is not None:
            spec = spec.with_(notes=(*spec.notes, extreme.note))
        spec = _counted_are_them(spec, prev, question)
        far = (
            far_attribute(linked, ctx.lex)
            or far_place(spec, linked, ctx.lex, question)
            or price_extreme(spec, linked, ctx.lex)
        )
        if far is not None:
            # 'which country are those users from?': users have no place of their own
            return self._planner.refuse("0", question, far, ctx)
        spec = at_period_edge(spec, edge)
        result = None
        each_by_key = (
            re.search(r"\bapiece\b", question, re.I) is not None
            and named is None
            and prev.shape == "list"
            and prev.group_by is None
            and not needs_rows(prev)
            # 'which users have META in their picks': a named value on the joined side only
            # chose the rows ('how many days above 50M' keeps its conditions: they are the
            # days counted)
            and any(
                f.col.table != prev.table and f.op in ("=", "in") and not f.time
                for f in prev.filters
            )
        )
        if (needs_rows(prev) or named is not None or each_by_key) and prior.sql:
            try:
                rows_sql = shown_sql(prior.sql, prev, ctx.lex.catalog)  # with the keys cut
                result = ctx.database.query(rows_sql, max_rows=MAX_KEYS + 1, timeout=5.0)
            except Exception:  # noqa: BLE001 - an unreadable previous answer: we cannot resolve
                result = None
        found: tuple[tuple[Filter, ...], str] | None
        if named is not None:
            found = shown_values(columns_of(named), prev, result)
            subject = subject_filters(prev, ctx.lex.catalog, result)
            owner = subject[0] if subject is not None else prev.filters
            among = re.search(r"\bof\s+(?:those|these|them|the)\b", question, re.I) is not None
            # 'what was the volume that day' after TSLA's latest close: TSLA's volume, unless
            # the question names rows of its own
            own_rows = any(it.kind in ("value", "table") for it in linked.items)
            dated = any(ctx.lex.kind_of(c.table, c.column) == "date" for c in columns_of(named))
            if found is not None and (
                pronoun.lower() in _OWNER_WORDS or among or (dated and not own_rows)
            ):
                # 'and its volume that day?': that day, and whose ('its': the previous row)
                said = {f.col for f in found[0]}
                # 'of those in that sector': every condition that chose those rows ('on
                # nobody's watchlist' too), not only the ones naming them
                whose = tuple(
                    f
                    for f in owner
                    # ('Amazon (AMZN)': one company named two ways, an 'any' condition)
                    if f.col not in said and not f.time and (among or f.op in ("=", "in", "any"))
                )
                found = (found[0] + whose, found[1])
        elif prev.shape == "list" and prev.distinct and prev.columns:
            # 'what sector is Apple in?' → 'how many companies does it have?': Apple, or the
            # sector of the answer? Two readings; neither is picked silently.
            what = ", ".join(c.column for c in prev.columns)
            return self._planner.refuse(
                "0",
                question,
                Decline(
                    f"'{pronoun}' can mean the rows the previous question named or the {what} "
                    f"it answered; please name the one you mean (for example 'that {what}' or "
                    "the name itself).",
                    (pronoun,),
                ),
                ctx,
            )
        elif pronoun.isdigit() and prev.shape == "count" and prev.group_by is None:
            # 'the average price of the 10' after 'how many of those are healthcare': the ten
            # rows listed before the count, not the ones it counted
            return self._planner.refuse(
                "0",
                question,
                Decline(
                    f"'the {pronoun}' seems to mean rows listed before the previous answer "
                    f"('{prior.question}'), which counted only some of them; please ask the "
                    "whole question.",
                    (pronoun,),
                ),
                ctx,
            )
        else:
            by_key = subject_filters(prev, ctx.lex.catalog, result, True) if each_by_key else None
            found = (
                by_key
                or subject_filters(prev, ctx.lex.catalog, result)
                or _named_owner(prev, spec, pronoun, ctx.lex.catalog)
            )
        if found is None:
            return self._planner.refuse("0", question, unclear, ctx)
        filters, reading = found
        moved = self._same_rows_another_day(prior, prev, spec, filters, ctx)
        if moved is not None:
            filters, reading = moved
        if (
            prev.shape == "aggregate"
            and prev.group_by is None
            and prev.metric is not None
            and prev.metric.func in ("MIN", "MAX")
            and not any(f.op in ("=", "in") and not f.time for f in prev.filters)
        ):
            # 'and what did they pick' after 'when did the first user sign up': 'they' is
            # the row at that extreme, which the answer (one value) does not name
            reason = (
                f"'{pronoun}' means the row behind the previous answer ('{prior.question}'), "
                "which showed only a value; please ask which row it is first (for example "
                "'which … has the highest …')."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if (
            not filters
            and pronoun.lower() in ("it", "its")
            and prev.shape in ("count", "aggregate")
            and prev.group_by is None
        ):
            # 'whats its latest closing price' after the total employees of every company:
            # one number over all rows names no one thing 'its' could be
            reason = (
                f"'{pronoun}' has nothing to point at: the previous answer ('{prior.question}') "
                "is one figure over every row. Please name what you mean."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        counted = NUMBER_WORDS.get(pronoun.lower()) or said_count
        keyed = next((f for f in filters if f.op == "in"), None) or next(
            (f for f in filters if f.op == "="), None
        )
        if counted is not None and keyed is not None and len(keyed.values) != counted:
            # 'which of the three …' after an answer of two rows: not the rows meant
            words_said = pronoun if pronoun.lower() in NUMBER_WORDS else f"{pronoun} {counted}"
            reason = (
                f"'{words_said}' does not match the previous answer, which has "
                f"{len(keyed.values)} rows; please name the ones you mean."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if spec.order_by is not None or spec.metric is not None:
            # 'and its highest close ever' after its last close: the ranking is the new
            # question's; the previous one's 'latest day' does not carry over
            filters = tuple(f for f in filters if f.op != "latest")
        filters = dates_onto_subject(filters, spec, ctx.lex, question, prev)
        replaced = [
            f
            for f in filters
            if not f.time and any(o.col == f.col and not o.time for o in spec.filters)
        ]
        if replaced and _ALSO.search(question):
            # 'which of them also follow apple?' after the users with Tesla: both, which one
            # condition on one column cannot say (it would drop Tesla)
            reason = (
                f"'{_ALSO.search(question).group(0)}' keeps both conditions on "  # type: ignore[union-attr]
                f"{replaced[0].col.column} (the previous one and the new one), which the "
                "built-in engine does not combine; please ask for rows that have both in one "
                "question."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if share is not None:
            # 'what share of the index weight do they have?': those rows are the condition,
            # every row of the measure's table the whole
            if any(f.time for f in filters):
                reason = (
                    f"'{question}': the whole could be every row of that period or of all "
                    "dates; please ask the share in one question with the period said once."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            extra = [(pronoun, f"'{pronoun}' read as {reading} (from '{prior.question}')")]
            if prev.metric is not None and prev.metric.func == "PCT":
                # after 'what % of S&P companies are in healthcare?' 'they' are the rows that
                # met its condition; its population stays the whole
                both = share.with_(filters=prev.filters, ratio_filters=prev.ratio_filters)
                return self._planner.render("0", question, both, ctx, extra)
            return self._planner.render(
                "0", question, share.with_(ratio_filters=filters), ctx, extra
            )
        merged = merge_filters(spec, filters)
        if (
            prev.shape == "count"
            and prev.also_join
            and pronoun.lower() in PLURAL
            and merged.table != prev.table
            and merged.table in prev.tables()
        ):
            # 'which healthcare stocks were those' after 'how many users picked a healthcare
            # stock': the stocks those picks name, not every healthcare stock
            linked_through = (*prev.also_join, prev.table)
            merged = merged.with_(
                also_join=tuple(
                    dict.fromkeys(
                        t for t in (*merged.also_join, *linked_through) if t != merged.table
                    )
                )
            )
        if (
            prev.per_group is not None
            and merged.shape == "list"
            and prev.per_group not in merged.columns
            and prev.per_group.table == merged.table
        ):
            # 'what are their current prices' after the largest company in each sector: each
            # beside its sector, as the previous answer showed them
            merged = merged.with_(columns=(prev.per_group, *merged.columns))
        group = prev.group_by
        if (
            group is not None
            and not prev.bucket
            and merged.shape == "list"
            and merged.columns
            and group not in merged.columns
            and group.table == merged.table
            and any(f.col == group and f.op in ("=", "in") for f in filters)
            and not any(it.kind == "table" for it in linked.items)
        ):
            # 'which sector they belong' after industries with at least 10 companies: the
            # sector of each industry, not of each company in them
            merged = merged.with_(columns=(group, *merged.columns), distinct=True)
        elif (
            (
                needs_rows(prev)
                or (prev.shape == "list" and pronoun.lower() in PLURAL)
                or (pronoun.lower() == "ones" and _WITH_THEIR.search(question))
            )
            and merged.shape == "list"
            and merged.distinct
        ):
            # 'what are their sectors?' after a top 5 (or after 'companies in Ohio with more
            # than 50,000 employees'): one row per company, not the distinct sectors
            merged = merged.with_(distinct=False)
        merged = _beside_their_names(merged, prev, pronoun, ctx.lex.catalog)
        words = re.findall(r"[a-z]+", question.lower())
        each_extreme = extreme_of_each(merged, prev, pronoun, words, ctx.lex)
        if each_extreme is not None:
            # 'their lowest close in 2023?' after a list of companies: each one's lowest
            merged = each_extreme
            reading += "; one value for each of them"
        several = (
            any(f.op == "in" for f in filters)
            or (pronoun.lower() in PLURAL and series_of_each(merged, prev, ctx.lex.catalog))
            or ("apiece" in words and prev.shape == "list" and prev.group_by is None)
        )
        each = per_row(merged, prev, ctx.lex.catalog, pronoun, words) if several else merged
        if each is None:
            return self._planner.refuse(
                "0",
                question,
                Decline(
                    f"'{pronoun}' points at several rows: do you want the value for each of "
                    "them or one total? Please say 'each' or 'in total'.",
                    (pronoun,),
                ),
                ctx,
            )
        if (
            "apiece" in words
            and each.group_by is None
            and each.metric is not None
            and each.shape in ("count", "aggregate")
        ):
            # 'how many rooms does each of them have' after the hotels in Japan: one value per
            # hotel was asked; one total over all of them would answer another question
            reason = (
                f"'{question}' asks for a value for each row of the previous answer "
                f"('{prior.question}'), which I can only give after a ranked list or groups; "
                "please ask it whole (for example 'rooms per hotel in Japan')."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if each is not merged:
            reading += "; one value for each of them"
            if prev.having and any(f.op == "in" and f.col == prev.group_by for f in filters):
                # 'how many stocks did each of them pick' after 'who picked both apple and
                # msft': the rows are named by key; the previous conditions only chose them
                own = {f.col for f in spec.filters}
                each = each.with_(
                    filters=tuple(
                        f
                        for f in each.filters
                        if f.col in own or f.col == prev.group_by or f not in prev.filters
                    )
                )
        merged = each
        if (
            several
            and merged.shape == "list"
            and merged.order_by is None
            and prev.order_by is not None
            and prev.order_by.table in merged.tables()
        ):
            # 'what sectors are they in?' after a top 5: in the order they were ranked
            merged = merged.with_(order_by=prev.order_by, descending=prev.descending)
        merged = _kept_among_shown(merged, prev, question)
        merged = _narrowed_as_shown(merged, prev, question)
        excluded = _excluded_rows_joined(merged, question, prior)
        if excluded is not None:
            return self._planner.refuse("0", question, excluded, ctx)
        if (
            (filters or found[0] or prev.also_join)
            and not merged.filters
            and not merged.ratio_filters
            and not merged.also_join
        ):
            # every condition that named the previous rows was lost on the way: the answer
            # would be about all rows, never about 'them'
            return self._planner.refuse("0", question, unclear, ctx)
        said_before = tuple(filters) + tuple(found[0])
        if (
            said_before
            and prev.table not in merged.tables()
            and not any(
                f.col.column == g.col.column and f.values == g.values
                for f in merged.filters
                for g in said_before
            )
        ):
            # 'which of them are from California?' after users per month: a value of
            # companies, which the users counted have none of; never every company in CA
            reason = (
                f"'{pronoun}' are the {prev.table.replace('_', ' ')} of the previous answer "
                f"('{prior.question}'), and '{question}' asks about {merged.table} rows that "
                "are not theirs; please ask the whole question."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if counts_the_one_row(merged, ctx.lex.catalog):
            # 'how many companies does it have' after Apple's sector: Apple itself counted (1),
            # or the companies of its sector? Neither is picked silently.
            reason = (
                f"'{pronoun}' is the one {merged.table} row the previous answer named, so "
                f"counting {merged.table} in it gives 1; please name what to count (for "
                f"example the {merged.table} of its sector)."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        extra = [(pronoun, f"'{pronoun}' read as {reading} (from '{prior.question}')")]
        value = one_row_value(merged, ctx.lex.catalog)
        if value is not None:
            # 'how many employees does that company have': its own value, not a total
            column = value.columns[0].column
            merged = value
            extra.append((column, f"{column} of the one row named, as stored"))
        outcome = self._planner.render("0", question, merged, ctx, extra)
        if outcome.task.refusal:
            return self._planner.refuse("0", question, unclear, ctx)
        return outcome

    def _same_rows_another_day(
        self,
        prior: PriorRound,
        prev: QuerySpec,
        spec: QuerySpec,
        filters: tuple[Filter, ...],
        ctx: AnswerContext,
    ) -> tuple[tuple[Filter, ...], str] | None:
        """'what were their closes on 2022-12-30?' after stocks that closed above $700 on
        2023-12-29: the comparison picked those stocks on the old day, so on the new day they
        are named by key, never 'the stocks above $700 on the new day'."""
        old_day = next((f for f in filters if f.time), None)
        if old_day is None or not any(f.time for f in spec.filters):
            return None
        compared = [
            f
            for f in filters
            if not f.time
            and f.op in (">", ">=", "<", "<=", "between")
            and f.col.table == old_day.col.table
        ]
        if not compared or not prior.sql:
            return None
        key = key_column(prev, ctx.lex.catalog)
        if key is None:
            info = ctx.lex.catalog.table(prev.table)
            dates = ctx.lex.date_columns(prev.table)
            entity = [c for c in (info.primary_key if info else ()) if c not in dates]
            if len(entity) != 1:
                return None
            key = Col(prev.table, entity[0])
        try:
            result = ctx.database.query(prior.sql, max_rows=MAX_KEYS + 1, timeout=5.0)
        except Exception:  # noqa: BLE001 - an unreadable previous answer: not resolved here
            return None
        if key.column not in result.columns or result.truncated:
            return None
        at = result.columns.index(key.column)
        values = tuple(dict.fromkeys(str(r[at]) for r in result.rows if r[at] is not None))
        if not values or len(values) > MAX_KEYS:
            return None
        named = Filter(key, "in" if len(values) > 1 else "=", values)
        kept = tuple(f for f in filters if f not in compared and f is not old_day) + (named,)
        shown = ", ".join(values[:5]) + (" …" if len(values) > 5 else "")
        return kept, f"{key.column} {named.op} {shown} (the rows found on the earlier day)"

    def _as_named(
        self, prior: PriorRound, prev: QuerySpec, question: str, pronoun: str, ctx: AnswerContext
    ) -> Outcome | None:
        """'what was its high for 2023' after the S&P 500's level: asked with the name in
        place of 'its', a stock column of an index is far (declined) or the index's own
        series ('its close'); None when the question reads the same either way."""
        if pronoun.lower() not in ("its", "it"):
            return None
        named = [f for f in prev.filters if not f.time and f.op == "="]
        if len(named) != 1 or len(named[0].values) != 1 or not isinstance(named[0].values[0], str):
            return None
        name = named[0].values[0]
        said = re.sub(rf"\b{re.escape(pronoun)}\b", lambda _: name, question, count=1)
        plain = dated_readings(link(said, ctx.lex), ctx.lex)
        linked = own_series(plain, ctx.lex)
        far = far_attribute(linked, ctx.lex)
        if far is not None:
            return self._planner.refuse("0", question, far, ctx)
        if linked == plain:
            return None
        outcome = self._planner.plan_one(said, "0", ctx)
        if outcome.task.refusal:
            return outcome
        note = {
            "concept": pronoun,
            "explanation": f"'{pronoun}' read as {name} (from '{prior.question}')",
        }
        task = replace(outcome.task, assumptions=(note, *outcome.task.assumptions))
        return Outcome(task, outcome.spec)


_THE_EST_OF_THEM = re.compile(
    r"^\s*(?:and\s+|so\s+|ok\s+)?(?:what\s+(?:is|was|'s)\s+|what's\s+)?the\s+"
    r"(largest|biggest|smallest|highest|lowest)\s+(?:one\s+)?of\s+(?:them|those|these)\s*[?.!]*\s*$",
    re.I,
)
_AMONG_THEM = re.compile(r"\b((?:one\s+)?of\s+)?(?:those|them|these)\b", re.I)


def _rows_named_beside(question: str, linked: Linked, prev: QuerySpec) -> str:
    """The question with the previous rows' table in place of its pronoun ('which one of those
    is …' → 'which one of the companies is …'; their conditions are kept as the pronoun's),
    when it names no rows of its own; '' when it cannot be said so."""
    if prev.group_by is not None or any(it.kind == "table" for it in linked.items):
        return ""
    if prev.ratio_filters or prev.having or prev.change:
        return ""  # 'list them' after a share: the rows its condition counts, not all rows
    noun = prev.table.replace("_", " ")
    one = _THE_EST_OF_THEM.search(question)
    if one is not None:
        # 'and the largest of them?': the one largest, as 'which one … is the largest' says
        return f"which one of the {noun} is the {one.group(1)}"
    named = _AMONG_THEM.sub(
        lambda m: (f"{m.group(1)}the " if m.group(1) else "") + noun, question, count=1
    )
    return "" if named == question else named


def _verb_of_their_own_date(item: Item, prev: QuerySpec, ctx: AnswerContext) -> bool:
    """A past-tense word for a date of the previous rows' own table ('those signed up'):
    what they did, not a value of the previous answer."""
    return (
        re.match(r"[a-z]+ed\b", item.text.lower()) is not None
        and bool(item.targets)
        and all(
            t.table == prev.table and ctx.lex.kind_of(t.table, t.column) == "date"
            for t in item.targets
        )
    )


def _demonstrative_item(question: str, linked: Linked) -> Item | None:
    """The column named by 'that'/'this' pointing back ('in that industry'), if any."""
    for index, token in enumerate(tokenize(question)):
        if token.lower in ("that", "this", "those", "these"):
            item = demonstrative_column(linked, index)
            if item is not None:
                return item
    return None


_OF_THOSE_N = re.compile(
    r"\b(of\s+(?:those|these|the|them)|(?<!the\s)(?:those|these))\s+(two|three|four|five|\d+)\b",
    re.I,
)  # 'which of those three', 'how many people work at those 10 combined'


_THE_X_ONES = re.compile(r"\b(the\s+[\w&.-]+(?:\s+[\w&.-]+)?\s+)ones\b", re.I)


def _ones_named(question: str, pronoun: str, prev: QuerySpec) -> str:
    """'list the swiss ones w sector' after companies counted per country: 'ones' are rows of
    the previous question's table, said by its name so that 'w sector' sits beside them (not
    a list of sectors)."""
    if pronoun.lower() != "ones" or prev.group_by is None:
        return question
    return _THE_X_ONES.sub(lambda m: m.group(1) + prev.table.replace("_", " "), question, 1)


def _of_those_n(question: str) -> tuple[str, int | None]:
    """'which of those three had the highest close': the three are the rows meant (checked
    against them), never a limit of three."""
    m = _OF_THOSE_N.search(question)
    if m is None:
        return question, None
    word = m.group(2).lower()
    n = int(word) if word.isdigit() else NUMBER_WORDS[word]
    return question[: m.start()] + m.group(1) + question[m.end() :], n


_ALL_OF_THEM = re.compile(r"\ball\s+(?:of\s+)?(?:them|those|these)\b", re.I)
_HOW_MANY_OF_THEM = re.compile(r"\bhow\s+many\s+of\s+(?:them|those|these)\b", re.I)
_WHICH_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:(?:which|what)\s+(?:ones\s+)?of\s+(?:them|those|these)"
    r"|of\s+(?:them|those|these)\s*,?\s*which(?:\s+ones)?)\b",
    re.I,
)


def _counted_are_them(spec: QuerySpec, prev: QuerySpec, question: str) -> QuerySpec:
    """'how many of them have AAPL on their list?' after 'how many users are there?': the
    users are counted (those with that stock), never the stocks the condition names."""
    if (
        _HOW_MANY_OF_THEM.search(question) is None
        or spec.shape != "count"
        or spec.group_by is not None
        or (spec.metric is not None and spec.metric.col is not None)
        or spec.table == prev.table
        or prev.group_by is not None
        or prev.shape not in ("count", "list")
    ):
        return spec
    others = tuple(t for t in spec.tables() if t != prev.table)
    return spec.with_(table=prev.table, also_join=others, columns=())


def _kept_among_shown(merged: QuerySpec, prev: QuerySpec, question: str) -> QuerySpec:
    """'which of them have users picked' after a list of companies: those companies, kept
    when a related row exists; never the related rows (the users) listed instead."""
    if (
        _WHICH_OF_THEM.match(question) is None
        or prev.shape not in ("list", "count")
        or prev.group_by is not None
        or merged.shape != "list"
        or merged.table == prev.table
        or prev.table not in merged.tables()
        or merged.metric is not None
        or merged.order_by is not None
    ):
        return merged
    others = tuple(t for t in merged.tables() if t != prev.table)
    notes = tuple(("join", f"Only {prev.table} rows linked to {t} are included") for t in others)
    return merged.with_(
        table=prev.table,
        columns=prev.columns,
        also_join=others,
        distinct=False,
        notes=(*merged.notes, *notes),
    )


def _narrowed_as_shown(merged: QuerySpec, prev: QuerySpec, question: str) -> QuerySpec:
    """'which of those had negative revenue growth?' after the companies in a city with
    their sector and market cap: the same columns, the new condition's beside them (the
    columns asked for before are still wanted)."""
    if (
        _WHICH_OF_THEM.match(question) is None
        or prev.shape != "list"
        or merged.shape != "list"
        or merged.table != prev.table
        or not prev.columns
        or prev.group_by is not None
        or merged.group_by is not None
        or merged.metric is not None
        or merged.distinct
        or any(c.table != prev.table for c in prev.columns)
    ):
        return merged
    new = [  # a compared value is shown beside the rows, as a named one ('= Energy') is not
        f.col
        for f in merged.filters
        if f not in prev.filters and f.col.table == merged.table and f.op not in ("=", "in")
    ]
    shown = [*merged.columns, *new] if merged.columns else new
    extra = tuple(dict.fromkeys(c for c in shown if c not in prev.columns))
    return merged.with_(columns=(*prev.columns, *extra))


def _excluded_rows_joined(spec: QuerySpec, question: str, prior: PriorRound) -> Decline | None:
    """'and the energy ones that WERE picked?' after the stocks nobody picked: the absence
    kept beside a join to the very rows it excludes answers nothing (always empty)."""
    absent = {f.values[0] for f in spec.filters if f.op == "absent" and f.values}
    if not absent & set(spec.tables()):
        return None
    return Decline(
        f"'{question}' joins the {', '.join(sorted(absent))} rows that the previous question "
        f"('{prior.question}') excluded; please ask it as a question of its own."
    )


def _beside_their_names(merged: QuerySpec, prev: QuerySpec, pronoun: str, catalog) -> QuerySpec:
    """'when did they sign up?' after 'which users picked TSLA?': each user's date beside the
    user it belongs to (as the previous answer named them), not a column of dates alone."""
    key = prev.group_by
    owner = catalog.table(key.table) if key is not None and prev.shape != "list" else None
    if key is not None and owner is not None and owner.primary_key == (key.column,):
        # 'which stocks did they pick?' after users grouped by their key ('users who picked
        # only one stock'): the groups were those users, shown by that key
        prev = prev.with_(table=key.table, columns=(key,), group_by=None, shape="list")
    if (
        pronoun.lower() not in PLURAL
        or prev.shape not in ("list", "count")
        or prev.group_by is not None
        or merged.shape != "list"
    ):
        return merged
    if merged.table != prev.table:
        # 'what did they pick?' after 'users who signed up in march': each user's picks
        # beside the user (the stocks alone, once each, lose whose they are)
        own = catalog.table(merged.table)
        if prev.shape != "list" or prev.table not in merged.tables() or own is None:
            return merged
        if not merged.columns:  # the rows as they would be shown: key and name
            merged = merged.with_(
                columns=tuple(
                    Col(merged.table, n)
                    for n in dict.fromkeys((*own.primary_key, *name_columns(own)[:1]))
                )
            )
    if not merged.columns:
        return merged
    if prev.shape == "count" and merged.distinct:
        return merged  # 'which sectors are they in' after a count: the sectors, once each
    info = catalog.table(prev.table)
    if info is None:
        return merged
    naming = {*info.primary_key, *name_columns(info)}
    shown = tuple(c for c in prev.columns if c.table == prev.table and c.column in naming)
    if not prev.columns:  # the rows were shown by their key (and name)
        shown = tuple(Col(prev.table, n) for n in dict.fromkeys(info.primary_key))
    if not shown or any(c.table == prev.table and c.column in naming for c in merged.columns):
        return merged
    if merged.table != prev.table:
        # the key as the rows that link the two hold it ('user_selected_stocks.user_id'):
        # one row per link, each beside whose it is
        links = [
            t
            for t in merged.tables()
            if t not in (merged.table, prev.table)
            and (info_t := catalog.table(t)) is not None
            and all(info_t.column(c.column) is not None for c in shown)
        ]
        if len(links) != 1:
            return merged
        shown = tuple(Col(links[0], c.column) for c in shown)
    return merged.with_(columns=(*shown, *merged.columns), distinct=False)


def _named_owner(
    prev: QuerySpec, spec: QuerySpec, pronoun: str, catalog
) -> tuple[tuple[Filter, ...], str] | None:
    """'how many users picked it?' after META's highest close: a row of the price history
    has no key of its own to carry, but the question does not read those rows; 'it' is then
    the one thing the previous question named by a reference to another table's key (META's
    symbol), its one plain condition."""
    if pronoun.lower() not in ("it", "its") or prev.table in spec.tables():
        return None  # 'its volume' after that close: that day's row, not every META row
    named = [f for f in prev.filters if f.op == "=" and not f.time and len(f.values) == 1]
    if len(named) != 1:
        return None
    rel = next(
        (
            r
            for r in catalog.relationships
            if (r.from_table, r.from_column) == (named[0].col.table, named[0].col.column)
        ),
        None,
    )
    if rel is None:
        return None
    # the name moves onto the key it references (companies.stock_symbol): the price rows,
    # and their period, stay behind
    f = replace(named[0], col=Col(rel.to_table, rel.to_column))
    return (f,), f"{f.col.column} = '{f.values[0]}' (what the previous question named)"


# 'ever', 'of all time', 'in the whole period': every date, whatever the previous answer's
_WHOLE_HISTORY = re.compile(
    r"\s*\b(?:ever|of\s+all\s+time|all[- ]time|(?:in|over|across|during)\s+the\s+(?:whole|entire)\s+"
    r"(?:period|history|data(?:set)?|time\s+range|range)|(?:in|across)\s+all\s+the\s+data)\b",
    re.I,
)
# 'list the swiss ones w/ their sector': rows, each with a column of its own beside it
_WITH_THEIR = re.compile(r"\b(?:with|w/)\s+(?:their|its)\b", re.I)


def _one_row_key(prev: QuerySpec, prior: PriorRound, ctx: AnswerContext) -> Target | None:
    """The key of the one row the previous answer showed ('LOW' for Lowe's), as a value the
    linker could have read; None unless that answer was one row of a keyed table."""
    info = ctx.lex.catalog.table(prev.table)
    if prev.group_by is not None or info is None or len(info.primary_key) != 1 or not prior.sql:
        return None
    key = info.primary_key[0]
    try:
        result = ctx.database.query(prior.sql, max_rows=2, timeout=5.0)
    except Exception:  # noqa: BLE001 - no readable previous answer: nothing to name
        return None
    if len(result.rows) != 1 or key not in result.columns:
        return None
    value = result.rows[0][result.columns.index(key)]
    return Target("value", prev.table, key, str(value), via="previous answer") if value else None


def _with_value(linked: Linked, target: Target) -> Linked:
    end = max((it.end for it in linked.items), default=0)
    said = Item("value", target.value, end, end, targets=(target,))
    return replace(linked, items=(*linked.items, said))
