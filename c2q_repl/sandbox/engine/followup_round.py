"""A question asked right after an answer: an edit of it ('only tech', 'top 5 instead'),
a question about its rows or subject, or a new question of its own (then None)."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from c2q_repl.sandbox.contracts import (
    Catalog,
    PriorRound,
    TaskPlan,
)

from .answer_context import AnswerContext, Outcome, Planner
from .counted_rows import counted_rows
from .evidence import (
    back_reference,
    only_edit_words,
    short_measure,
)
from .extreme_days import days_of_extremes
from .followups import apply_followup
from .group_conditions import HAVING_OPS, condition_question, keep_groups_as, kept_groups
from .interpret import SUPERLATIVE_WORDS, interpret
from .lexicon import Lexicon, column_kind
from .linking import Linked, link
from .named_rows import ONE_OF_THE_NAMED
from .normalize import NUMBER_WORDS as COUNT_WORDS
from .normalize import tokenize
from .period_extreme import at_period_edge, period_edge
from .reading import columns_of
from .reference_round import NUMBER_WORDS, ReferenceRound, _excluded_rows_joined
from .references import (
    PLURAL,
    dated_series,
    merge_filters,
    needs_rows,
    subject_filters,
)
from .rounds import (
    busiest_period,
    changes_picked_rows,
    count_beside,
    count_of_shown_rows,
    counted_per_group,
    counts_per_group_only,
    each_of_the_rows,
    flipped_order,
    for_each_group,
    in_the_year_before,
    named_subject,
    of_those_which,
    one_each,
    other_extreme,
    ranked_by_that,
    ranks_named_rows,
    row_of_the_extreme,
    same_as_before,
    same_day_in_year,
    same_day_said,
    shifted_period,
    subjectless_measure,
    swaps_owner_of_a_found_day,
    that_period,
    top_group,
    value_back_reference,
    when_was_that,
    which_of_the_two,
)
from .same_as import other_in_that
from .spec import Col, Decline, Metric, QuerySpec, one_day
from .sqlbuild import PlanError, build, name_columns
from .trader_words import trader_words

_NARROWING = re.compile(
    r"\b(?:which|how\s+many|what)\s+(?:one\s+)?of\s+(?:them|those|these)\b|\bwhich\s+one\b|"
    r"\bonly\b|\bhave\s*n'?t\b|\bhas\s*n'?t\b|\bnot\b|\bnever\b|\bwithout\b|"
    # 'just the ones worth over 500 billion', 'drop the small ones', 'those above $100B'
    r"\bjust\s+(?:the\s+)?(?:ones|those)\b|\bthe\s+ones\b|\bexclud|\bremove\b|"
    r"\b(?:top|first|biggest|largest|smallest|last)\s+one\b|"
    r"\b(?:over|above|below|under|more\s+than|less\s+than|at\s+least)\s+\$?\d",
    re.I,
)
_FILLER = frozenset(
    {"ok", "okay", "and", "so", "then", "well", "alright", "fine", "instead", "pls"}
)


class FollowupRound:
    """Reads a question against the previous round; None when it is a question of its own."""

    def __init__(self, planner: Planner) -> None:
        self._planner = planner
        self._references = ReferenceRound(planner)

    def answer(
        self,
        prior: PriorRound,
        question: str,
        ctx: AnswerContext,
        answered: PriorRound | None = None,
    ) -> Outcome | None:
        data = (prior.state or {}).get("spec")
        question = _POLITE_END.sub("", question) or question  # ', please.' adds nothing
        everyone = None
        if data and QuerySpec.from_json(data).limit:
            # 'ok now just the ones in Houston, all of them' after the top 5 in Texas: every
            # row in Houston, not those of the five that are
            everyone = _ALL_OF_THEM.search(question) if _JUST_THE_ONES.search(question) else None
            if everyone is not None:
                question = _ALL_OF_THEM.sub("", question).strip(" ,")
                question = re.sub(
                    r"^(\s*(?:ok(?:ay)?|now|so|and)?[\s,]*(?:now\s+)?)(?:just|only)\s+the\s+ones\s+",
                    r"\1what about ",
                    question,
                    flags=re.I,
                )
        question = _HOW_ABOUT.sub(r"\1what about", question)  # 'how bout financials'
        kept = _buckets_kept(question, QuerySpec.from_json(data), ctx.lex) if data else None
        if kept is not None:
            # 'only the months with more than 10 signups' after signups per month
            note = ("follow-up", f"The groups of '{prior.question}' whose count passes")
            return self._planner.render("0", question, kept, ctx, [note])
        if data and QuerySpec.from_json(data).bucket:
            # 'Microsoft's average close in that same month' after the month Meta was lowest:
            # that month of the answer (read before 'that month' is taken as the period kept)
            bucket_asked = self._in_that_bucket(prior, QuerySpec.from_json(data), question, ctx)
            if bucket_asked is not None:
                return bucket_asked
        question = same_as_before(question)  # 'same for microsoft': 'what about microsoft'
        compared = _COMPARED_WITH.match(question)
        if compared is not None and data and prior.sql:
            # 'how does that compare to healthcare' after tech's average: both, side by side
            return self._compared_with(prior, QuerySpec.from_json(data), compared, ctx)
        named_row = _one_named_row(QuerySpec.from_json(data), ctx) if data else None
        whole = other_in_that(question, named_row) if named_row else None
        if whole is not None:
            # 'which other companies are in that industry' after NVIDIA's industry
            return self._planner.plan_one(whole, "0", ctx)
        if data:
            another = _another_count(question, QuerySpec.from_json(data), ctx.lex)
            if another is not None:
                # 'ok and picks in dec?' after how many signups in December: those counted
                outcome = self._planner.plan_one(another, "0", ctx)
                read = {"concept": "follow-up", "explanation": f"'{question}' read as '{another}'"}
                return Outcome(
                    replace(outcome.task, assumptions=(read, *outcome.task.assumptions)),
                    outcome.spec,
                )
            beside = count_beside(question, QuerySpec.from_json(data))
            if beside is not None and _names_the_rows(
                beside[1], QuerySpec.from_json(data), ctx.lex
            ):
                note = ("follow-up", f"The groups of '{prior.question}', each one's rows counted")
                return self._planner.render("0", question, beside[0], ctx, [note])
            question = _bare_aggregate(question, QuerySpec.from_json(data), ctx.lex)
            shown = QuerySpec.from_json(data)
            if (
                _BREAK_DOWN.match(question)
                and shown.group_by is not None
                and (shown.ties or shown.limit)
            ):
                # 'can you break that down by city' after the state with the most: that
                # state's cities, or the city with the most overall? Never the second silently
                reason = (
                    f"'{question}' after the top {shown.group_by.column} of '{prior.question}' "
                    f"can mean the rows of that {shown.group_by.column} or a new ranking; please "
                    f"name the {shown.group_by.column} (for example '… per city in California')."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            question = _broken_down(question, QuerySpec.from_json(data))
            question = _bare_low_high(question, QuerySpec.from_json(data))
            question = _most_of_the_counted(question, QuerySpec.from_json(data))
        question = of_those_which(question)
        sort_them = _SORT_THEM.match(question) if data else None
        if sort_them is not None and data and not _count_matches(sort_them, data):
            sort_them = None  # 'sort those 3 by …' after a top 5: not the rows shown
        if sort_them is not None and data:
            shown = QuerySpec.from_json(data)
            if not shown.limit:
                # 'sort them by market cap': all the previous rows sorted, an edit
                question = _SORT_THEM.sub(r"\1", question)
            elif shown.shape == "list" and shown.group_by is None:
                # after a top N 'them' are those N rows, sorted; re-ranking every row would
                # answer another question
                rest = re.sub(
                    r"\s+instead\s*$", "", question[sort_them.end() :].strip(" ?.!"), flags=re.I
                )
                if not _DIRECTION_SAID.search(rest):
                    # a sort by a number: largest first, as edits do; by a date: in time order
                    dated = re.search(r"\b(?:dates?|days?|time|chronologically)\b", rest, re.I)
                    rest += " in ascending order" if dated else " highest first"
                rows = f"{shown.table.replace('_', ' ')} sorted {rest}"
                return self._references.resolve(prior, shown, rows, sort_them.group(2), ctx)
        several = _SEVERAL_ANSWERS.search(question)
        if several is not None:
            # 'same two numbers for Q1 2023 pls': two earlier answers; an edit can only
            # change the last one
            reason = (
                f"'{several.group(0)}' refers to more than one earlier answer, and a follow-up "
                "can only change the last one; please ask for them together in one question."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        linked = link(question, ctx.lex)
        pronoun = back_reference(question, linked)
        older = (answered.state or {}).get("spec") if answered is not None else None
        said_value = value_back_reference(question)
        if (
            said_value
            and not pronoun
            and (
                not data or when_was_that(question, QuerySpec.from_json(data), ctx.lex) == question
            )
        ):
            # 'on which day did VZ hit that' after an answer that is not VZ's one value (or
            # after no answer): the value meant is not one shown
            reason = (
                f"'{said_value}' refers to a value of the previous answer "
                f"('{prior.question}') that I cannot place; please ask for it in one question, "
                "saying which value you mean."
            )
            return self._planner.refuse("0", question, Decline(reason, (said_value,)), ctx)
        if not data and pronoun and older and _narrowed(prior.question):
            # 'how many of them haven't picked any stock?' (declined) → 'list their ids': the
            # rows that question picked, which no answer holds; never the rows before it
            reason = (
                f"'{pronoun}' refers to the rows of the previous question ('{prior.question}'), "
                "which I could not answer; please ask for them in one question."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if (
            not data
            and pronoun
            and older
            and answered is not None
            and (
                not back_reference(prior.question, link(prior.question, ctx.lex))
                or _BARE_THAT.search(question) is not None
            )
        ):
            # 'list the companies in it' after 'which sector has the most' (declined): 'it'
            # is what that question asked for, which no answer holds; 'what day was that'
            # after 'highest it got in 2023?' (declined) is that value's day, not the rows
            # of the answer before
            answered_there = (
                "whose answer I cannot build on" if prior.sql else "which I could not answer"
            )
            reason = (
                f"'{pronoun}' refers to what the previous question asked for "
                f"('{prior.question}'), {answered_there}; please ask in one question."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if not data and pronoun and older and answered is not None:
            # 'they' after a declined question ('who are their CEOs?'): the rows of the
            # answer before it; an edit ('what about Energy?') is never moved back that way
            prev = QuerySpec.from_json(older)
            try:
                edit = apply_followup(prev, question, ctx.lex)
            except ValueError:
                edit = None
            if edit is None:
                return self._references.resolve(answered, prev, question, pronoun, ctx)
        if not data:
            if pronoun:
                reason = (
                    f"I could not tell what '{pronoun}' refers to: the previous question "
                    "has no answer I can build on. Please name what you mean."
                )
                return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
            if subjectless_measure(question, linked) and any(
                it.kind == "value" for it in link(prior.question, ctx.lex).items
            ):
                # 'how many employees' after 'Nvidia - where's it HQ'd?' (declined): about
                # Nvidia, whose answer I do not hold; never the total of every company
                reason = (
                    f"'{question}' names no rows of its own, so it is about those of the "
                    f"previous question ('{prior.question}'), which I could not answer; "
                    "please ask it in one question."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            if older and _series_question_of_one(question, linked, QuerySpec.from_json(older), ctx):
                # '52 wk high?' after MSFT's latest close and a declined question: about MSFT
                # (or about what the declined question meant), never the highest of all
                reason = (
                    f"'{question}' names no rows of its own; after '{prior.question}', which I "
                    "could not answer, I cannot tell whose it is. Please name the stock."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            return self._unplaced_edit(prior, question, linked, ctx)
        prev = QuerySpec.from_json(data)
        days = self._days_of_extremes(prior, question, prev, ctx)
        if days is not None:
            return days
        if _AS_PERCENT.match(question):
            # 'make that a % pls' after 'how many companies have negative revenue growth': the
            # share of all the table's rows that meet the one condition counted
            conditions = [f for f in prev.filters if not f.time]
            if (
                prev.shape == "count"
                and prev.group_by is None
                and prev.metric is not None
                and prev.metric.col is None
                and not prev.also_join
                and len(prev.filters) == 1
                and len(conditions) == 1
                and conditions[0].col.table == prev.table
            ):
                share = QuerySpec(
                    "aggregate", prev.table, metric=Metric("PCT"), ratio_filters=(conditions[0],)
                )
                note = (
                    "follow-up",
                    f"'{question}' read as the share of all {prev.table} rows counted by "
                    f"'{prior.question}'",
                )
                return self._planner.render("0", question, share, ctx, [note])
            reason = (
                f"'{question}': a percentage of which whole? The previous answer "
                f"('{prior.question}') is not one count under one condition; please ask for the "
                "share in one question (for example 'what % of companies are in tech')."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        each_row = which_of_the_two(
            each_of_the_rows(question, prev), prev, _names_several_rows(prev)
        )
        if each_row != question and one_each(prev):
            # 'which one has more employees' after 'KO vs PEP avg close in july 2023' (one
            # value each): asked afresh about the two named, never as an edit of the averages
            two = next(f for f in prev.filters if f.op == "in" and f.col == prev.group_by)
            said = " and ".join(str(v) for v in two.values)
            fresh = re.sub(r"^which of them\b", f"which of {said}", each_row)
            one = replace(ctx, defaults={**ctx.defaults, ONE_OF_THE_NAMED: True})
            outcome = self._planner.plan_one(fresh, "0", one)
            read = {"concept": "which one", "explanation": f"'which one' read as one of {said}"}
            task = replace(outcome.task, assumptions=(read, *outcome.task.assumptions))
            return Outcome(task, outcome.spec)
        if each_row != question:
            # 'how many employees does each have' after two named companies: each of them
            question, linked = each_row, link(each_row, ctx.lex)
            pronoun = back_reference(question, linked)
        kept = kept_groups(question, prev)
        condition = condition_question(question, prev) if kept is None else None
        if condition is not None:
            # 'only the sectors where avg revenue growth is positive': the condition read as
            # a question of its own, its HAVING moved onto the previous grouping
            # ('only the ones with at least 5 names': a market's names said beside the groups)
            condition = trader_words(condition)[0]
            kept = keep_groups_as(
                prev, self._planner.plan_one(condition, "1", ctx, examples=False).spec
            )
        if kept is not None:
            note = ("follow-up", f"The groups of '{prior.question}' whose value passes")
            return self._planner.render("0", question, kept, ctx, [note])
        flipped = flipped_order(question, prev)
        if flipped is not None:
            note = ("follow-up", f"The rows of '{prior.question}', in the opposite order")
            return self._planner.render("0", question, flipped, ctx, [note])
        other_end = other_extreme(question, prev)
        if other_end is not None:
            note = ("follow-up", f"The ranking of '{prior.question}' from the other end")
            return self._planner.render("0", question, other_end, ctx, [note])
        # ('which month was the busiest?' after counts per month: the one with the most)
        top = top_group(busiest_period(question, prev), prev)
        if top is not None:
            note = ("follow-up", f"The groups of '{prior.question}', the one at the top kept")
            return self._planner.render("0", question, top, ctx, [note])
        shown_count = count_of_shown_rows(question, prev)
        if shown_count is not None:
            note = ("follow-up", f"The rows of '{prior.question}', counted")
            return self._planner.render("0", question, shown_count, ctx, [note])
        listed = counted_rows(prev, question, ctx.lex)
        if listed is not None:
            note = ("follow-up", f"The rows counted by '{prior.question}', listed")
            return self._planner.render("0", question, listed, ctx, [note])
        ranked = ranks_named_rows(question, linked, prev)
        if ranked != question:
            # 'list the 5 biggest by market cap' after a count of tech companies: of those
            question, linked = ranked, link(ranked, ctx.lex)
            pronoun = back_reference(question, linked)
        each = for_each_group(question, prev)
        if each != question and not prev.filters:
            # 'avg market cap for each?': per the groups of the previous answer, a question of
            # its own about every row (the groups came from a condition-free grouping)
            return self._planner.plan_one(each, "0", ctx)
        if each != question:
            # 'how many companies in each' after 'what industries are in the tech sector',
            # 'avg market cap for each?' after the companies on NASDAQ vs NYSE: per value,
            # under that question's conditions
            per_value = self._planner.plan_one(each, "0", ctx, examples=False)
            if per_value.spec is None:
                return per_value
            merged = merge_filters(per_value.spec, prev.filters)
            note = ("follow-up", f"Each value of '{prior.question}', under its conditions")
            return self._planner.render("0", each, merged, ctx, [note])
        most_of_them = _MOST_OF_THEM.search(question)
        if (
            most_of_them is not None
            and prev.shape == "list"
            and prev.group_by is None
            and not needs_rows(prev)
        ):
            # 'which sector has the most of them' after a list of companies (or after the
            # cities they are in): those companies
            # counted per sector, the top one kept
            noun = prev.table.replace("_", " ")
            asked = (
                question[: most_of_them.start()]
                + f"{most_of_them.group(1)} {noun}"
                + question[most_of_them.end() :]
            )
            per_group = self._planner.plan_one(asked, "0", ctx, examples=False)
            found = subject_filters(prev, ctx.lex.catalog, None)
            if per_group.spec is None or found is None or per_group.spec.table != prev.table:
                reason = f"I could not count the rows of '{prior.question}' per group here."
                return self._planner.refuse("0", question, Decline(reason), ctx)
            merged = merge_filters(per_group.spec, found[0])
            note = ("follow-up", f"The rows of '{prior.question}', counted per group")
            return self._planner.render("0", asked, merged, ctx, [note])
        recounted = counted_per_group(question, prev)
        if recounted != question:
            question, linked = recounted, link(recounted, ctx.lex)
            pronoun = back_reference(question, linked)
        bucket_asked = self._in_that_bucket(prior, prev, question, ctx)
        if bucket_asked is not None:
            return bucket_asked
        in_that_period = that_period(question, prev)
        if in_that_period is not None:
            # 'the highest high in that period': the previous rows, over their dates
            # 'their average daily volume that month' after a top 5: each of theirs
            said = pronoun if pronoun.lower() in PLURAL else "that period"
            resolved = self._references.resolve(prior, prev, in_that_period, said, ctx)
            if resolved.spec is not None and prev.table not in resolved.spec.tables():
                # 'highest close in that quarter' after the S&P 500's average level: a column
                # of another table's dated rows (its member stocks), not of the rows shown
                reason = (
                    f"'{question}' asks about other rows ({resolved.spec.table}) than those of "
                    f"the previous answer ({prev.table}); please ask the whole question."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            return resolved
        everything = ranked_by_that(question, prev)
        if everything is not None:
            note = ("follow-up", f"Every group of '{prior.question}', ranked by its value")
            return self._planner.render("0", question, everything, ctx, [note])
        counted = NUMBER_WORDS.get(pronoun.lower())
        named = next((f for f in prev.filters if f.op in ("in", "=")), None)
        if counted is not None and named is not None and len(named.values) != counted:
            reason = (
                f"'the {pronoun}' does not match the previous answer ('{prior.question}'), "
                f"which names {len(named.values)}; please name the ones you mean."
            )
            return self._planner.refuse("0", question, Decline(reason, (pronoun,)), ctx)
        extreme_day = row_of_the_extreme(question, prev, ctx.lex)
        if extreme_day is not None:
            return self._planner.render("0", question, extreme_day, ctx)
        try:
            said = when_was_that(
                same_day_said(
                    same_day_in_year(
                        shifted_period(in_the_year_before(question, prev), prev), prev
                    ),
                    prev,
                ),
                prev,
                ctx.lex,
            )
            said, edge = period_edge(said)  # 'and at the end of 2022?': that year's last day
            edit = apply_followup(prev, said, ctx.lex)
        except ValueError as exc:
            return self._planner.refuse("0", question, Decline(str(exc)), ctx)
        if edit is not None and everyone is not None:
            edit = replace(
                edit,
                spec=edit.spec.with_(limit=None, limit_stated=False),
                changes=(*edit.changes, "every row, not only the top ones"),
            )
        if edit is not None and edge:
            # a new edge replaces the previous answer's own 'latest day' condition
            undated = edit.spec.with_(
                filters=tuple(f for f in edit.spec.filters if f.op != "latest")
            )
            edged = at_period_edge(undated, edge)
            word = "last" if edge == "max" else "first"
            edit = (
                None  # no one period to take the edge of: not this edit
                if edged is undated
                else replace(
                    edit, spec=edged, changes=(*edit.changes, f"the {word} day of that period")
                )
            )
        if edit is None:
            if pronoun:
                return self._references.resolve(prior, prev, question, pronoun, ctx)
            if _ranks_a_pinned_column(question, linked, prev):
                return None  # a question of its own, answered as one
            unplaced = self._unplaced_edit(prior, question, linked, ctx)
            if unplaced is None and (
                (subjectless_measure(question, linked) and named_subject(prev))
                or _series_question_of_one(question, linked, prev, ctx)
            ):
                return self._about_named_subject(prior, prev, question, linked, ctx)
            return unplaced
        if _ASKS_PERFORMANCE.search(question) and not edit.spec.change:
            # 'how did they do the following year' after a count: a change was asked, and an
            # edit of the period alone would give the count again for another year
            reason = (
                f"'{question}' asks how they moved over a period, which I could not apply to "
                f"the previous question ('{prior.question}'); please ask it whole (for example "
                "'how much did AAPL and MSFT change in 2023 in percent')."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        split = _share_split_by_its_own_condition(prev, edit.spec, ctx)
        if split:
            return self._planner.refuse("0", question, Decline(f"'{question}': {split}"), ctx)
        if _ranked_by_another_series(prev, edit.spec, ctx.lex.catalog):
            if pronoun:
                # 'what was its highest close in 2023' after microsoft's sector and city: the
                # highest of its own price rows, never its company columns sorted by a price
                return self._references.resolve(prior, prev, question, pronoun, ctx)
            reason = (
                f"'{question}' would sort the rows of the previous answer ('{prior.question}') "
                "by a value of another table, which has many rows for each; please ask the "
                "whole question (for example naming the stock)."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if (
            prev.limit
            and _AMONG_SHOWN.search(question)
            and any(f not in prev.filters and not f.time for f in edit.spec.filters)
        ):
            # 'which of them are in consumer cyclical' after the 10 cheapest stocks: those ten,
            # filtered; never the 10 cheapest consumer cyclical stocks
            return self._references.resolve(prior, prev, question, pronoun or "them", ctx)
        if swaps_owner_of_a_found_day(prev, edit.spec, ctx.lex):
            reason = (
                f"The day in the previous answer was found from its own rows ('{prior.question}'"
                f"); '{question}' changes whose rows they are, and that day may not be theirs. "
                "Please ask the whole question again."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if changes_picked_rows(prev, edit.spec, ctx.lex, prior.question, question):
            reason = (
                f"The previous answer was about the rows picked earlier ('{prior.question}'); "
                f"'{question}' changes the condition that picked them, so those rows would no "
                "longer be the ones meant. Please ask the whole question again."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if (
            _LIST_ASKED.match(question)
            and edit.spec.shape in ("aggregate", "count")
            and edit.spec.metric is not None
            and edit.spec.filters != prev.filters
            and (edit.spec.limit, edit.spec.order_by, edit.spec.order_metric)
            == (prev.limit, prev.order_by, prev.order_metric)
        ):
            # 'list the nasdaq ones in healthcare' after counts per exchange: the rows, with
            # the edit's conditions, not the counts again
            if edit.spec.having or edit.spec.count_groups or edit.spec.bucket:
                reason = (
                    f"'{question}' asks for the rows behind groups that a condition on their "
                    "totals kept; please ask for those rows in one question."
                )
                return self._planner.refuse("0", question, Decline(reason), ctx)
            listed = QuerySpec(
                "list",
                edit.spec.table,
                filters=edit.spec.filters,
                also_join=edit.spec.also_join,
                notes=edit.spec.notes,
            )
            edit = replace(edit, spec=listed, changes=(*edit.changes, "listed the rows"))
        excluded = _excluded_rows_joined(edit.spec, question, prior)
        if excluded is not None:
            return self._planner.refuse("0", question, excluded, ctx)
        group = edit.spec.group_by
        if (
            group is not None
            and edit.spec.limit
            and edit.spec.limit != prev.limit
            and any(f.col == group and f.op == "=" for f in edit.spec.filters)
        ):
            # 'the biggest one in nasdaq?' after the average market cap per exchange: ranking
            # one exchange against itself is not what was asked (a row in it was)
            reason = (
                f"'{question}' ranks the groups of '{prior.question}', but keeps only one of "
                f"them ({group.column}); please ask which rows you mean in full (for example "
                "'the biggest company on NASDAQ by market cap')."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if _one_row_compared(question, prev):
            reason = (
                f"'{question}' compares rows, but the previous answer ('{prior.question}') is "
                "about one; please name the ones to compare (for example 'which of Apple and "
                "Microsoft …')."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        if _same_query(prev, edit.spec, ctx.lex.catalog):
            # 'list them in descending order' after a count: an edit that changes nothing
            # would repeat the previous answer as if it were the one asked
            reason = (
                f"'{question}' would give the same answer as '{prior.question}': I could not "
                "tell what it changes. Please ask the whole question."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        extra = [
            (
                "follow-up",
                f"Edited the previous question '{prior.question}': " + "; ".join(edit.changes),
            )
        ]
        return self._planner.render("0", question, edit.spec, ctx, extra)

    def _days_of_extremes(
        self, prior: PriorRound, question: str, prev: QuerySpec, ctx: AnswerContext
    ) -> Outcome | None:
        """'On which dates?' after the highest and lowest close of a period (extreme_days.py)."""
        if prev.metric is None or prev.metric.col is None or not prior.sql:
            return None
        info = ctx.lex.catalog.table(prev.metric.col.table)
        dates = (
            [
                c.name
                for c in (info.columns if info else ())
                if c.name in info.primary_key and column_kind(c.type) == "date"
            ]
            if info
            else []
        )
        if len(dates) != 1:
            return None
        sql = days_of_extremes(question, prior.sql, ctx.lex.catalog.dialect, dates[0])
        if sql is None:
            return None
        understood = f"The days of the values of '{prior.question}'"
        note = {"concept": "follow-up", "explanation": understood + ", ties included"}
        task = TaskPlan(
            "0", question, understood, sql=sql, description=understood + ".", assumptions=(note,)
        )
        return Outcome(task, None)

    def _about_named_subject(
        self, prior: PriorRound, prev: QuerySpec, question: str, linked: Linked, ctx: AnswerContext
    ) -> Outcome:
        """'how many employees' after 'what sector is Nvidia in?': Nvidia's employees (the
        rows the previous question named), never the total over every company."""
        spec = interpret(linked, ctx.lex, ctx.defaults)
        if isinstance(spec, Decline):
            # 'the close on the last trading day of 2022': read as a question of its own
            # (its period edge included), then about those rows
            fresh = self._planner.plan_one(question, "0", ctx, examples=False).spec
            if fresh is None:
                return self._planner.refuse("0", question, spec, ctx)
            spec = fresh
        subject = named_subject(prev)
        if any(f.time or f.op == "latest" for f in spec.filters):
            # a day the previous answer was pinned to ('that day') gives way to the new period
            subject = tuple(
                f for f in subject if ctx.lex.kind_of(f.col.table, f.col.column) != "date"
            )
        if not set(spec.tables()) <= set(prev.tables()) | {f.col.table for f in subject}:
            # 'on which dates?' after the index's high and low: not a measure of those rows
            return self._planner.refuse("0", question, Decline(_unrelated(question, prior)), ctx)
        single = len(subject) == 1 and subject[0].op == "=" and len(subject[0].values) == 1
        each = (
            spec.shape == "list"
            and spec.limit
            and spec.order_by is not None
            and len(subject) == 1
            and prev.per_group is not None
            and subject[0].col == prev.per_group
        )
        if each:
            # 'and the lowest-volume days in 2023?' after the top day of each of three
            # stocks: each of them again
            spec = spec.with_(per_group=prev.per_group)
        elif spec.shape == "list" and not single:
            reason = (
                f"'{question}' names no rows of its own; after '{prior.question}' it can mean "
                "a value for each of those rows or one over all of them. Please say which."
            )
            return self._planner.refuse("0", question, Decline(reason), ctx)
        merged = merge_filters(spec, subject)
        said = "; ".join(
            f"{f.col.column} {f.op} " + ", ".join(f"'{v}'" for v in f.values[:5]) for f in subject
        )
        extra = [("follow-up", f"About the rows of '{prior.question}' ({said})")]
        outcome = self._planner.render("0", question, merged, ctx, extra)
        if outcome.task.refusal:
            return self._planner.refuse(
                "0", question, Decline(outcome.task.refusal), ctx, examples=False
            )
        return outcome

    def _in_that_bucket(
        self, prior: PriorRound, prev: QuerySpec, question: str, ctx: AnswerContext
    ) -> Outcome | None:
        """'total volume traded in that month' after 'which month was highest?' (one month of
        a monthly grouping): that month of the answer, about the rows the grouping named."""
        m = _THAT_BUCKET.search(question)
        if m is None or prev.bucket != m.group(1).lower() or not prior.sql:
            return None
        try:
            result = ctx.database.query(prior.sql, max_rows=3, timeout=5.0)
        except Exception:  # noqa: BLE001 - an unreadable previous answer: not this reading
            return None
        periods = {
            str(v)[:7]
            for row in result.rows
            for v in row[:1]
            if re.fullmatch(r"\d{4}(?:-\d{2})?", str(v)[:7].rstrip("-"))
        }
        if len(periods) != 1:
            return None
        (period,) = periods
        if len(period) == 7:
            year, month = int(period[:4]), int(period[5:7])
            label = f"{calendar.month_name[month]} {year}"
        else:
            label = period[:4]
        asked = question[: m.start()] + f" in {label}" + question[m.end() :]
        fresh = self._planner.plan_one(asked, "0", ctx, examples=False)
        if fresh.spec is None:
            return fresh
        merged = merge_filters(fresh.spec, named_subject(prev))
        note = (
            "follow-up",
            f"'{m.group(0).strip()}' read as {label}, the answer of '{prior.question}'",
        )
        return self._planner.render("0", asked, merged, ctx, [note])

    def _compared_with(
        self, prior: PriorRound, prev: QuerySpec, compared: re.Match, ctx: AnswerContext
    ) -> Outcome:
        """The previous question asked again with 'vs <other>': answered only when that keeps
        the previous value beside the new one (the same column, both values)."""
        other = compared.group("other")
        asked = f"{prior.question.rstrip(' ?.!')} vs {other}"
        said = {f.col: f.values[0] for f in prev.filters if f.op == "=" and len(f.values) == 1}
        outcome = self._planner.plan_one(asked, "0", ctx, examples=False)
        spec = outcome.spec
        pairs = {(c.table, c.column, v) for c, v in said.items()}
        both = spec is not None and any(
            (f.op == "in" and f.col in said and said[f.col] in f.values and len(f.values) == 2)
            or (  # 'intel vs amd': one said by name, the other by ticker
                f.op == "any"
                and len(f.values) == 2
                and any((f.col.table, c, v) in pairs for c, v in f.values)
            )
            for f in spec.filters
        )
        if not both or outcome.task.refusal:
            reason = (
                f"I could not set '{other}' beside the previous answer ('{prior.question}'); "
                f"please ask both in one question (for example '… {prior.question} vs {other}')."
            )
            return self._planner.refuse("0", compared.group(0), Decline(reason), ctx)
        note = ("follow-up", f"'{prior.question}' asked again with {other} beside it")
        return self._planner.render("0", asked, spec, ctx, [note])  # type: ignore[arg-type]

    def _unplaced_edit(
        self, prior: PriorRound, question: str, linked: Linked, ctx: AnswerContext
    ) -> Outcome | None:
        """'what about Marketing?' that changes nothing it can find in the previous question
        is no question of its own: declined, never answered as 'the Marketing row'."""
        if (
            not only_edit_words(question, linked)
            and not _bare_fragment(question, linked)
            and not _SORTS_ONLY.match(question)
        ):
            return None
        reason = (
            f"'{question}' reads as a change to the previous question ('{prior.question}'), "
            "and I could not apply it there; please ask the whole question."
        )
        return self._planner.refuse("0", question, Decline(reason), ctx)


_SEVERAL_ANSWERS = re.compile(
    r"\b(?:same|those|these|both|the)\s+(?:two|2|three|3)\s+"
    r"(?:numbers|values|figures|metrics|stats|answers|results)\b|\bboth\s+(?:numbers|values|figures)\b",
    re.I,
)
_AMONG_SHOWN = re.compile(
    r"\b(?:of|among)\s+(?:them|those|these)\b|^\s*which\s+ones\b"
    # 'Just the tech names from that list.'
    r"|\b(?:from|in|on|of)\s+(?:that|the|this|your)\s+(?:list|table|answer|results?)\b",
    re.I,
)
# 'Just the ones with over 20,000 employees, and where are they headquartered?': a narrowing of
# the rows, then a question about those left; read as 'which of them have …, and where …'
_NARROWED_THEN_ASKED = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|now|so)[\s,]+)?(?:just|only)\s+the\s+ones\s+(?P<how>with|in|that|which|"
    r"who|based|headquartered)\b(?P<cond>(?:[^,?]|,(?=\d))+?)\s*,\s*and\s+(?P<rest>(?:where|what|which|how|"
    r"when|who)\b[^?]*\??)\s*$",
    re.I,
)


def narrowed_then_asked(question: str) -> str:
    m = _NARROWED_THEN_ASKED.match(question)
    if m is None:
        return question
    how = m.group("how").lower()
    lead = {"with": "have", "in": "are in"}.get(how, how)
    return f"which of them {lead}{m.group('cond')}, and {m.group('rest')}"


_JUST_THE_ONES = re.compile(r"\b(?:just|only)\s+the\s+ones\b", re.I)
_BUCKETS_KEPT = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|now|so)[\s,]+)?(?:(?:only|just)\s+)?(?:show\s+)?(?:the\s+)?"
    r"(?P<unit>months|years|quarters|days|weeks)\s+(?:with|having|that\s+had|where\s+there\s+were"
    r"|which\s+had)\s+(?P<op>more\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under"
    r"|below|at\s+most)\s+(?P<n>\d+)\b(?P<what>[^?.!]*)[?.!]*\s*$",
    re.I,
)


def _buckets_kept(question: str, prev: QuerySpec, lex: Lexicon) -> QuerySpec | None:
    """'only the months with more than 10 signups' after a count per month: the months whose
    count passes; what is counted, when said, must be the rows counted before."""
    m = _BUCKETS_KEPT.match(question)
    if m is None or not prev.bucket or prev.metric is None or prev.metric.func != "COUNT":
        return None
    said = link(m.group("what"), lex)
    if said.unknown or any(
        it.kind != "table" or {t.table for t in it.targets} != {prev.table} for it in said.items
    ):
        return None
    if m.group("unit").lower().rstrip("s") != prev.bucket:
        return None
    op = HAVING_OPS[re.sub(r"\s+", " ", m.group("op").lower())]
    return prev.with_(having=((op, float(m.group("n"))),))


_ALL_OF_THEM = re.compile(
    r"\s*,?\s*\b(?:all\s+of\s+them|every\s+one\s+of\s+them|not\s+just\s+(?:the|those)\s+"
    r"(?:top\s+)?\d+)\b",
    re.I,
)


_BARE_AGGREGATE = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|now|then)[\s,]+)?(?:what(?:'s|\s+is|\s+was|\s+are)\s+)?"
    r"(?:the\s+|their\s+)?(?P<agg>average|avg|mean|total|sum|combined\s+total|median)"
    r"(?:\s+of\s+(?:those|these|them|the\s+\w+))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


# 'low', or 'lowest low' as a period's low is read before a follow-up is (period_extreme.py)
_HIGH_LOW = re.compile(
    r"(?<![\w'-])(?:(?:highest|max)\s+(?=high)|(?:lowest|min)\s+(?=low))?(high|low)(?![\w'-])", re.I
)


def readings_high_low(question: str, prev: QuerySpec, lex) -> str:
    """'and the low in 2022?' after the S&P 500's highest close of 2023: a table of dated
    readings with one value (an index's price) has no high or low of its own, so 'the low' is
    its lowest reading, not the low column of another table."""
    words = {w.lower() for w in _HIGH_LOW.findall(question)}
    info = lex.catalog.table(prev.table)
    if not words or info is None or any(info.column(w) for w in words):
        return question
    if not lex.date_columns(prev.table):
        return question
    values = [
        c.name
        for c in info.columns
        if c.name not in info.primary_key and lex.kind_of(prev.table, c.name) == "number"
    ]
    if len(values) != 1:
        return question
    named = [
        f
        for f in prev.filters
        if not f.time and f.op == "=" and len(f.values) == 1 and _is_name(f.col, lex)
    ]
    owner = f" of {named[0].values[0]}" if len(named) == 1 else ""
    func = {"high": "max", "low": "min"}
    said = _HIGH_LOW.sub(lambda m: f"{func[m.group(1).lower()]} {values[0]}", question)
    # the row the readings are of said once, after the last measure: a whole question
    last = list(_READING.finditer(said))[-1] if owner else None
    return said[: last.end()] + owner + said[last.end() :] if last else said


_READING = re.compile(r"\b(?:max|min)\s+\w+", re.I)


def _is_name(col, lex) -> bool:
    info = lex.catalog.table(col.table)
    return info is not None and (col.column in info.primary_key or col.column in name_columns(info))


def _bare_aggregate(question: str, prev: QuerySpec, lex) -> str:
    """'what's the average?', 'and the total?' after a list showing one measure: 'what is
    their average market cap' (the rows shown, that measure)."""
    m = _BARE_AGGREGATE.match(question)
    if m is None or prev.shape != "list" or prev.metric is not None:
        return question
    agg = m.group("agg").lower()
    if agg == "median":
        return question  # no median in the built-in engine: declined as before
    info = lex.catalog.table(prev.table)
    key = set(info.primary_key) if info is not None else set()
    # (the top N of rows keyed by two columns are pinned, or declined, as 'their' is:
    # references.py tells them apart by the key column that differs)
    shown = [*prev.columns, *([prev.order_by] if prev.order_by else [])]
    numbers = list(
        dict.fromkeys(
            c
            for c in shown
            if not (c.table == prev.table and c.column in key)
            and lex.kind_of(c.table, c.column) == "number"
        )
    )
    if len(numbers) != 1:
        return question
    word = {"avg": "average", "mean": "average", "sum": "total", "combined total": "total"}
    measure = numbers[0].column.replace("_", " ")
    return f"what is their {word.get(agg, agg)} {measure}"


# 'break it down by industry', 'can you split that by sector'
_BREAK_DOWN = re.compile(
    r"^\s*(?:(?:and|now|ok(?:ay)?|so|then|please|pls|can\s+you|could\s+you)[\s,]+)*"
    r"(?:break|split|divide)\s+(?:it|that|this|them|those|these)\s+(?:down\s+|up\s+|out\s+)?"
    r"(?=(?:by|per)\s+)",
    re.IGNORECASE,
)


_BARE_LOW_HIGH = re.compile(
    r"^\s*(?:and|what\s+about|how\s+about)?\s*(?:the\s+)?(?P<end>low|high)\s*[?.!]*\s*$", re.I
)


def _bare_low_high(question: str, prev: QuerySpec) -> str:
    """'and the low?' after Tesla's highest close: its lowest close (the other end of the same
    ranking), not the low column beside the highest close's day."""
    m = _BARE_LOW_HIGH.match(question)
    if (
        m is None
        or prev.shape != "list"
        or prev.limit != 1
        or prev.order_by is None
        or prev.order_by.column.lower() in ("low", "high")
    ):
        return question
    return "and the lowest?" if m.group("end").lower() == "low" else "and the highest?"


def _broken_down(question: str, prev: QuerySpec) -> str:
    """'break it down by industry' after a total or a count: the same value per industry ('by
    industry', an edit). After a list of rows the words stay: those rows are counted per
    industry (reference_round.py reads 'break … down by')."""
    if prev.shape == "list" or _BREAK_DOWN.match(question) is None:
        return question
    return _BREAK_DOWN.sub("", question)


_MOST_OF_COUNTED = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|then)[\s,]+)?(?P<which>which|what)\s+(?P<col>[a-z]+(?:\s+[a-z]+)?)"
    r"\s+(?:there\s+|among\s+(?:them|those|these)\s+)?(?:has|had|have)\s+(?:got\s+)?the\s+"
    r"(?P<most>most|fewest|least)(?:\s+of\s+(?:them|those|these))?(?:\s+there)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def _most_of_the_counted(question: str, prev: QuerySpec) -> str:
    """'which city there has the most?', 'which sector has the most of those' after a count
    of rows: the group with the most of those rows, under the count's conditions ('which city
    has the most companies there')."""
    m = _MOST_OF_COUNTED.match(question)
    if (
        m is None
        or prev.metric is None
        or prev.metric.func != "COUNT"
        or prev.metric.col is not None
        or prev.group_by is not None
        or m.group("col").lower() in ("one", "ones", "of")
    ):
        return question
    noun = prev.table.replace("_", " ")
    return f"{m.group('which')} {m.group('col')} has the {m.group('most')} {noun} there"


def _unrelated(question: str, prior: PriorRound) -> str:
    return (
        f"'{question}' names no rows of its own, and what it asks is not about the rows of the "
        f"previous question ('{prior.question}'); please ask the whole question."
    )


# 'sort by market cap', 'sorted the other way': an order for rows shown before, no question
_SORTS_ONLY = re.compile(
    r"^\s*(?:(?:and|now|then|ok(?:ay)?|pls|please)[\s,]+)?(?:re-?)?(?:sort|sorted|order|ordered)"
    r"\s+(?:it\b|them\b|those\b|these\b|that\b|by\b|the\s+other\s+way|desc|asc|"
    r"high(?:est)?\s+(?:to|first)|low(?:est)?\s+(?:to|first)|biggest\s+first|smallest\s+first)",
    re.I,
)


_DATA_EDGE = re.compile(
    r"\b(?:most\s+recent|latest|last|first|earliest|oldest|newest)\s+(?:date|day)\b"
    r"(?!\s+(?:of|in|for|when)\b)",
    re.I,
)


def _bare_fragment(question: str, linked: Linked) -> bool:
    """'on which dates?', 'what day?': a few words naming only a column, with no rows of
    their own; after a question that was not answered they point at nothing."""
    words = [t for t in tokenize(question) if t.kind != "punct"]
    if counts_per_group_only(question) and not any(it.kind == "table" for it in linked.items):
        return True  # 'how many per country?' after a question that was not answered
    if short_measure([t.lower for t in words], linked):
        return True  # 'total mkt cap' after a question that was not answered
    while words and words[0].lower in _FILLER:
        words = words[1:]
    if (
        [t.lower for t in words[:2]] == ["how", "many"]
        and len(words) <= 6
        and all(
            it.kind in ("value", "time") or (it.kind == "kw" and it.category == "count")
            for it in linked.items
        )
    ):
        return True  # 'how many in energy?' after a question that was not answered: of what
    while words and words[-1].lower in _FILLER:
        words = words[:-1]
    if (
        words
        and words[0].lower in ("by", "sorted", "ordered", "ranked")
        and len(words) <= 5
        and not any(it.kind in ("table", "value", "time") for it in linked.items)
    ):
        return True  # 'ok by market cap then' after a question that was not answered
    if (
        words
        and words[0].lower in ("just", "only")
        and len(words) <= 5
        and not any(it.kind in ("table", "value", "time") for it in linked.items)
    ):
        return True  # 'ok just the ebitda then': narrows an answer that was not given
    if not words or len(words) > 7 or words[0].lower not in ("on", "in", "at", "which", "what"):
        return False
    if len(words) > 4:
        if _DATA_EDGE.search(question):
            return False  # 'what is the most recent date': the data's last day, asked anew
        if _ranks_its_own_groups(words, linked):
            return False  # 'which sector has the highest total EBITDA?': a question of its own
        # 'on which day was the high': a column and 'the', no rows of its own
        return not any(it.kind in ("table", "value", "time") for it in linked.items) and any(
            t.lower in ("the", "that", "those") for t in words[1:]
        )
    kinds = {it.kind for it in linked.items if not (it.kind == "kw" and it.category == "list")}
    return kinds == {"column"}


_POLITE_END = re.compile(r"[,\s]+(?:please|pls|plz|thanks|thank\s+you|thx|ty)\s*[?.!]*\s*$", re.I)
_HOW_ABOUT = re.compile(r"^(\s*(?:and\s+|ok\s+|so\s+)?)(?:how|what)\s+(?:about|bout|abt)\b", re.I)
_COMPARED_WITH = re.compile(
    r"^\s*(?:and\s+|so\s+|ok\s+|now\s+)?(?:how\s+(?:does|do|did|is|was)\s+(?:that|this|it|they|those)\s+"
    r"compare\s+(?:to|with|against)|compare\s+(?:that|this|it|them)\s+(?:to|with|w/|against)|"
    r"how\s+about\s+compared\s+(?:to|with)|(?:vs\.?|versus)|compared\s+(?:to|with))\s+"
    r"(?P<other>[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)


# 'make that a % pls', 'as %', 'what % is that of all companies?': the previous count as a share
_AS_PERCENT = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|so|now|can\s+you)[\s,]+)?(?:make\s+(?:that|it)\s+(?:a|as\s+a|into\s+a)\s+"
    r"(?:%|percent(?:age)?)|(?:show\s+(?:that|it)\s+)?(?:as|in)\s+(?:a\s+)?(?:%|percent(?:age)?)|"
    r"what\s+(?:%|percent(?:age)?)\s+is\s+that)(?:\s+of\s+(?:all|the\s+total|the\s+whole|everything)"
    r"(?:\s+[a-z]+)?)?(?:\s+(?:pls|please))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def _one_named_row(prev: QuerySpec, ctx: AnswerContext) -> str | None:
    """The one row the previous answer named by its name or key ('NVIDIA Corporation'),
    else None."""
    info = ctx.lex.catalog.table(prev.table)
    if info is None:
        return None
    naming = {c.lower() for c in (*name_columns(info), *info.primary_key)}
    named = [
        f
        for f in prev.filters
        if f.op == "="
        and len(f.values) == 1
        and f.col.table == prev.table
        and f.col.column.lower() in naming
    ]
    # ('Pfizer, Inc.' said again without its comma, which would end the clause)
    return str(named[0].values[0]).replace(",", "") if len(named) == 1 else None


def _ranks_a_pinned_column(question: str, linked: Linked, prev: QuerySpec) -> bool:
    """'which sector has the most employees' after the 5 tech companies with the most: the
    previous rows were of one sector, so 'which sector' cannot pick among them; it ranks
    every sector, a question of its own."""
    words = [t.lower for t in tokenize(question) if t.kind != "punct"]
    items = sorted(
        (it for it in linked.items if not (it.kind == "kw" and it.category == "list")),
        key=lambda it: it.start,
    )
    if not words or words[0] not in ("which", "what") or not items:
        return False
    first = items[0]
    if first.kind != "column" or first.start != 1:
        return False
    pinned = {f.col for f in prev.filters if f.op == "=" and len(f.values) == 1}
    if not any(Col(t.table, t.column) in pinned for t in first.targets):
        return False
    return any(it.kind == "kw" and it.category == "agg" for it in items[1:])


def _ranks_its_own_groups(words: list, linked: Linked) -> bool:
    """'which sector has the highest total EBITDA': 'which' + a column it groups by, then a
    superlative and an aggregate of another column."""
    items = sorted(linked.items, key=lambda it: it.start)
    content = [it for it in items if not (it.kind == "kw" and it.category == "list")]
    if words[0].lower != "which" or len(content) < 3 or content[0].kind != "column":
        return False
    if content[0].start != 1:
        return False
    aggregates = [it for it in content[1:] if it.kind == "kw" and it.category == "agg"]
    measured = [it for it in content[1:] if it.kind == "column"]
    return len(aggregates) == 2 and len(measured) == 1


def _narrowed(question: str) -> bool:
    """A question that picks some of the previous rows ('which one …', 'how many of them
    haven't …'): a pronoun after it means those, not the rows before."""
    return _NARROWING.search(question) is not None


_SORT_THEM = re.compile(
    r"^(\s*(?:(?:ok(?:ay)?|and|now|pls|please)[\s,]+)?(?:sort|order|rank|re-?sort)\s+)"
    r"(them|those|these|it|the\s+list|that)"
    # 'sort those five by revenue growth instead': the rows shown, counted as they were
    r"(?:\s+(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|twenty)"
    r"(?:\s+(?:companies|stocks|names|ones|rows|tickers|firms))?)?"
    r"\s+(?=by\b|in\b|from\b|biggest|largest|smallest)",
    re.I,
)


def _count_matches(sort_them: re.Match[str], data: dict) -> bool:
    """No count said, or the count of the rows the previous answer showed."""
    said = sort_them.group("count")
    if said is None:
        return True
    count = int(said) if said.isdigit() else COUNT_WORDS.get(said.lower())
    return count is not None and count == QuerySpec.from_json(data).limit


_DIRECTION_SAID = re.compile(
    r"\b(?:asc|desc|ascending|descending|first|last|highest|lowest|biggest|smallest|largest|"
    r"top|bottom|a-z|z-a)\b",
    re.I,
)
_LIST_ASKED = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|so|now)[\s,]+)?(?:list|name)\s+(?:me\s+)?(?:just\s+|only\s+)?"
    r"(?:the|those|all)\b",
    re.I,
)
_WHICH_ONE_MORE = re.compile(
    r"\bwhich\s+(?:one|of\s+(?:the\s+)?(?:two|both|them|those))\b.*\b(?:higher|lower|bigger|"
    r"smaller|larger|more|less|fewer|greater|better|worse)\b"
    # 'which of the 2 has the most employees' after one company's market cap
    r"|\bwhich\s+of\s+(?:the\s+|those\s+|these\s+)?(?:two|three|four|five|\d+)\b.*\b(?:most|"
    r"least|highest|lowest|biggest|largest|smallest|fewest|best|worst)\b",
    re.I,
)


def _series_question_of_one(
    question: str, linked: Linked, prev: QuerySpec, ctx: AnswerContext
) -> bool:
    """'highest high in 2023?', '52 wk high?' after one stock's close: a ranking of a dated
    series with no rows of its own is about the one series the previous answer named, never
    the highest of every stock (whose answer would not even say which)."""
    subject = [  # the one row named; a day it was pinned to ('that day') is no subject
        f for f in named_subject(prev) if ctx.lex.kind_of(f.col.table, f.col.column) != "date"
    ]
    each = len(subject) == 1 and subject[0].op == "in" and prev.per_group == subject[0].col
    if len(subject) != 1 or (subject[0].op != "=" or len(subject[0].values) != 1) and not each:
        return False  # (several series, each ranked on its own: 'top day for AMZN and META')
    words = re.findall(r"[a-z0-9']+", question.lower())
    if len(words) > 12:
        return False
    if any(it.kind in ("table", "value") for it in linked.items) or linked.unknown:
        return False
    ranked = any(
        it.kind == "kw"
        and it.text.lower() in SUPERLATIVE_WORDS | {"max", "min", "maximum", "minimum"}
        for it in linked.items
    )
    # 'what was the close on the last trading day of 2022' after NVDA's latest close: the
    # close of that one series on that day, not every stock's
    the_value_then = (
        _THE_VALUE_THEN.match(question) is not None
        and any(it.kind == "time" for it in linked.items)
        and all(
            it.kind in ("column", "time")
            or (it.kind == "kw" and (it.category == "list" or it.text.lower() in _EDGE_WORDS))
            for it in linked.items
        )
    )
    columns = [c for it in linked.items if it.kind == "column" for c in columns_of(it)]
    if not (ranked and len(words) <= 8 or the_value_then) or not columns:
        return False
    if not any(it.kind == "time" for it in linked.items) and any(f.time for f in prev.filters):
        return False  # 'and the highest high' after March's closes: an edit keeps March
    return all(
        dated_series(ctx.lex.catalog, col.table) and col.table in prev.tables() for col in columns
    )


# 'what day was that', 'when was that?': the previous answer itself, not a noun after 'that'
_BARE_THAT = re.compile(r"\b(?:was|is)\s+(?:that|this)\s*[?.!]*\s*$", re.I)
_THAT_BUCKET = re.compile(
    r"\s*\b(?:in\s+|during\s+|for\s+|over\s+)?(?:that\s+(?:same\s+|very\s+)?|the\s+(?:same|very)\s+)"
    r"(month|year)\b",
    re.I,
)
_MOST_OF_THEM = re.compile(r"\b(most|fewest|least)\s+of\s+(?:them|those|these|em)\b", re.I)
_EDGE_WORDS = frozenset({"last", "first", "final", "latest"})
_THE_VALUE_THEN = re.compile(
    r"^\s*(?:and\s+)?(?:what\s+(?:was|is|were)\s+)?the\s+[a-z ]+?\s+(?:on|at|in|for|as\s+of)\b",
    re.I,
)


_ASKS_PERFORMANCE = re.compile(
    r"\bhow\s+(?:did|have|has|do|does)\s+(?:they|it|those|these|them|each)\b.*\b(?:do|done|"
    r"perform|performed|fare|fared)\b|\bperform(?:ed|ance)?\b|\bgain(?:ed|s)?\b|\breturns?\b",
    re.I,
)


def _ranked_by_another_series(prev: QuerySpec, edited: QuerySpec, catalog: Catalog) -> bool:
    """An edit that ranks a list by a column of a dated series table (a stock's closes) the
    list does not show: the rows would be price rows wearing the list's columns."""
    order = edited.order_by
    if prev.shape != "list" or edited.shape != "list" or order is None:
        return False
    if order.table == prev.table or order in edited.columns or order in prev.columns:
        return False
    if any(c.table == order.table for c in prev.columns) or prev.order_by == order:
        return False
    if any(f.col.table == order.table and (f.op == "latest" or one_day(f)) for f in edited.filters):
        return False  # 'which had the higher close on 2023-03-01': one price row each
    return dated_series(catalog, order.table)


def _one_row_compared(question: str, prev: QuerySpec) -> bool:
    """'which one had the higher volume that day' after one company's close: the other one
    was in an earlier answer, which an edit of the last one cannot see."""
    if not _WHICH_ONE_MORE.search(question):
        return False
    named = [f for f in prev.filters if f.op in ("=", "in") and not f.time]
    return bool(named) and all(len(f.values) == 1 for f in named)


def _same_query(prev: QuerySpec, edited: QuerySpec, catalog: Catalog) -> bool:
    """The edit only changed an ordering the previous SQL has no use for (a count 'sorted
    descending'): the same query, so the same answer."""
    unordered = edited.with_(
        descending=prev.descending, order_by=prev.order_by, order_metric=prev.order_metric
    )
    if unordered != prev or edited == prev:
        return False
    try:
        return build(prev, catalog).sql == build(edited, catalog).sql
    except PlanError:
        return False


def _names_several_rows(spec: QuerySpec) -> bool:
    """The answer named its rows, several of them ('Coca-Cola vs Pepsi')."""
    return any(f.op == "in" and len(f.values) > 1 and not f.time for f in spec.filters)


def _names_the_rows(said: str, prev: QuerySpec, lex: Lexicon) -> bool:
    """'companies' after a total over companies: the rows the previous answer added up
    (nothing said counts them too)."""
    if not said:
        return True
    items = link(said, lex).items
    return (
        len(items) == 1
        and items[0].kind == "table"
        and {t.table for t in items[0].targets} == {prev.table}
    )


def _share_split_by_its_own_condition(
    prev: QuerySpec, edited: QuerySpec, ctx: AnswerContext
) -> str:
    """'break that out by industry' after 'what % of the index weight is healthcare': every
    industry is wholly inside healthcare or outside it, so a share within each industry is
    100 % or 0 %, never the parts of the share asked before. Why, when so; else ""."""
    if (
        prev.metric is None
        or prev.metric.func != "PCT"
        or prev.group_by is not None
        or edited.group_by is None
        or not edited.ratio_filters
    ):
        return ""
    group = edited.group_by
    for f in edited.ratio_filters:
        if f.col != group:
            probe = QuerySpec(
                shape="aggregate",
                table=edited.table,
                metric=Metric("COUNT", f.col, distinct=True),
                group_by=group,
                filters=edited.filters,
                also_join=tuple(dict.fromkeys((*edited.also_join, f.col.table))),
            )
            try:
                sql = build(probe, ctx.lex.catalog).sql
                rows = ctx.database.query(sql, max_rows=10000, timeout=2.0).rows
            except Exception:  # noqa: BLE001 - no probe, no claim: the edit stands
                return ""
            if any(row[-1] is not None and int(row[-1]) > 1 for row in rows):
                return ""
    measure = prev.metric.col.column if prev.metric.col is not None else "number"
    said = " and ".join(str(v) for f in edited.ratio_filters for v in f.values[:1])
    return (
        f"each {group.column} is wholly inside or outside the condition of the previous share, "
        f"so a share within each {group.column} would be 100 % or 0 %. For the parts of that "
        f"share, ask for the total of those rows by {group.column} (for example 'total "
        f"{measure} of the {said} rows by {group.column}')."
    )


_AND_ANOTHER = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|right)[\s,]+)?(?:and|what\s+about|how\s+about)\s+(?P<rest>.+?)"
    r"\s*[?.!]*\s*$",
    re.I,
)


def _another_count(question: str, prev: QuerySpec, lex: Lexicon) -> str | None:
    """'and picks in dec?' after a count of signups: a count of those rows, said as 'how many
    picks in dec' (a list would answer another question); None for other questions."""
    said = _AND_ANOTHER.match(question)
    if (
        said is None
        or prev.shape != "count"
        or prev.group_by is not None
        or prev.metric is None
        or prev.metric.func != "COUNT"
    ):
        return None
    items = link(said.group("rest"), lex).items
    tables = [it for it in items if it.kind == "table"]
    if len(tables) != 1 or any(it.kind not in ("table", "time") for it in items):
        return None
    if prev.table in {t.table for t in tables[0].targets}:
        return None  # the same rows again: an edit of the count, answered as one
    return f"how many {said.group('rest')}"
