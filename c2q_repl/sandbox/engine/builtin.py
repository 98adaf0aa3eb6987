"""The built-in, offline answerer: link → interpret → build SQL → fill the answer.

Per-catalog work (lexicon, value index, date anchors, verified example
questions) is computed once and cached under a lock; answering itself is
pure and thread-safe.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import asdict, replace

import sqlglot

from c2q_repl.sandbox.contracts import (
    AnswerRequest,
    Catalog,
    Database,
    Plan,
    PriorRound,
    SchemaDescription,
    SQLExecutionError,
    TaskPlan,
)

from .added_columns import (
    Added,
    aggregate_added,
    columns_added,
    columns_kept,
    columns_shown,
)
from .advice import advice_decline, who_means_people
from .all_of import any_of_instead, linked_to_all, without_both
from .answer_context import AnswerContext, Outcome, assumptions
from .answer_share import share_of_answer, shares_add_up
from .asides import mentions, new_topic, question_of
from .assemble import one_row_named
from .attached import (
    dated_readings,
    far_attribute,
    far_choice,
    far_group,
    far_place,
    own_series,
    price_extreme,
)
from .between_answers import change_between_answers
from .breakdown import split_question, with_subject
from .bucket_extreme import ranked_period, tied_at_the_top
from .change_again import change_asked_again
from .charts import choose_chart
from .checks import each_group_cut
from .clarify import clarified_task, describe_result, outside_the_data
from .close_dates import close_dates, day_spans, whole_data_span
from .column_ratio import read_ratio, with_row_names
from .count_average import CountAverage, averaged_sql, count_average, group_table, quoted_table
from .date_tail import FOLLOW_UP as DATE_FOLLOW_UP
from .date_tail import day_of_extreme, end_date_then_value, split_date_tail
from .day_move_sql import answered_rows, move_query
from .day_moves import (
    DayMove,
    data_span,
    day_before,
    last_trading_day,
    read_day_move,
    read_followup_move,
    read_move_of_answer,
)
from .derived import Derived, read_range, with_range
from .describe import describe_schema
from .described import DescribedLexicons
from .distinct_having import DistinctHaving, distinct_having
from .drawdown import (
    Drawdown,
    drawdown_again,
    drawdown_of,
    drawdown_query,
    read_drawdown,
)
from .each_series import each_series
from .echo import echoed, linked_rows_of
from .everyday import the_last_day, top_said_after, trading_at, without_count_restated
from .evidence import (
    back_reference,
    followup_evidence,
)
from .first_crossing import first_crossing
from .first_event import FirstEvent, first_event_sql, people_and_rows, read_first_event
from .followup_round import FollowupRound, narrowed_then_asked, readings_high_low
from .followups import apply_followup
from .group_leaders import leaders_asked, leaders_sql
from .group_share import GroupShare, group_share
from .group_totals import group_totals
from .groupings_said import two_groupings
from .groups_compared import groups_compared
from .groups_without import GroupsWithout, groups_without, groups_without_spec
from .guard import unaccounted
from .how_much import total_of_how_much
from .interpret import interpret
from .kb import few_shot_sql, with_terms
from .lexicon import Lexicon, load_synonyms
from .linking import link, spelled_codes
from .located import where_located, where_said, with_city_of_place
from .medians import median_asked, median_sql
from .moved_count import counted, moved_list
from .named_rows import ONE_OF_THE_NAMED
from .nearby import nearby_questions
from .noun_values import value_after_noun, value_before_groups
from .off_peak import (
    OffPeak,
    off_peak_again,
    off_peak_of_answer,
    off_peak_query,
    read_off_peak,
)
from .one_year import in_the_only_year
from .pair_asked import pair_of_named, row_keys
from .period_ends import PeriodEnds, period_ends
from .period_extreme import at_period_edge, period_edge, period_extreme
from .period_returns import (
    PeriodReturns,
    period_returns_again,
    period_returns_of,
    period_returns_query,
    read_period_returns,
)
from .preprocess import (
    Prepared,
    day_read_both_ways,
    destructive_verb,
    prepare,
    refusal_for_write,
    strip_boilerplate,
)
from .probe import rows_probe
from .projection import asked_projection
from .reading import columns_of
from .refine import refine
from .refusals import refusal_text
from .regions import in_region
from .rounding import rounded_sql, split_rounding
from .rounds import (
    last_answered,
)
from .running_series import series_asked, wrapped
from .said_twice import ranking_shows_top, two_sentences
from .same_as import SameAs, same_as
from .scope_first import scope_first
from .shown_anyway import columns_sentence, lists_columns, shows_all
from .spec import Col, Decline, Filter, QuerySpec, one_value_per_group
from .spelling import corrected_spelling
from .sqlbuild import PlanError, build, metric_name
from .suggest import candidates
from .that_period import that_period
from .top_of_answer import top_of_answer
from .top_share import TopShare, share_of_top, share_sql, shares_rows_shown
from .top_total import TopTotal, total_of_top, totalled_sql
from .two_named import both_shown
from .two_points import dated, same_but_dates, split_two_points
from .units import InUnits, in_units, unit_at_end
from .verb_counts import counted_verbs
from .vocabulary import build_lexicon
from .which_ones import counted_by, counted_rows_listed, of_every_row_counted
from .within_top import WithinTop, within_sql, within_top
from .wording import (
    arithmetic_decline,
    candle_pattern_decline,
    chosen_together_decline,
    day_of_another_answer_decline,
    future_decline,
    month_of_the_year_before,
    month_without_year,
    names_data,
    rank_position_decline,
    recent_month,
    rows_and_their_total_decline,
    says_data,
    tables_of_rows_named,
    value_columns,
)

ENGINE = "builtin"
_NEARBY_TRIES = 6  # candidate suggestions tried per decline (each verified once per catalog)


class BuiltinAnswerer:
    """Answers only what it fully understands; declines the rest with reasons."""

    def __init__(self) -> None:
        self._synonyms = load_synonyms()
        self._contexts: dict[tuple[int, Catalog], AnswerContext] = {}
        self._lock = threading.Lock()
        self._described = DescribedLexicons()
        self._followups = FollowupRound(self)
        # readings of a whole question tried in this order before the usual one; each answerer
        # returns an outcome, or None to fall through (an answerer that always answers, too)
        self._whole_readings: tuple[
            tuple[Callable[[str], object | None], Callable[..., Outcome | None]], ...
        ] = (
            (total_of_top, self._total_of_top),
            (share_of_top, self._share_of_top),
            (read_first_event, self._first_event),
            (within_top, self._within_top),
            (period_ends, self._period_ends),
            (distinct_having, self._distinct_having),
            (group_share, self._group_share),
            (same_as, self._same_as),
            (count_average, self._count_average),
            (groups_without, self._groups_without),
        )

    # ------------------------------------------------------------------ caching
    def _context(self, catalog: Catalog, database: Database) -> AnswerContext:
        key = (id(database), catalog)
        with self._lock:
            ctx = self._contexts.get(key)
        if ctx is not None:
            return ctx
        lex = build_lexicon(catalog, database, self._synonyms)
        ctx = AnswerContext(lex, dict(self._synonyms.get("defaults", {})), database)
        with self._lock:
            return self._contexts.setdefault(key, ctx)

    def lexicon(self, catalog: Catalog, database: Database) -> Lexicon:
        """The cached vocabulary of a catalog (the LLM engine samples values from it)."""
        return self._context(catalog, database).lex

    def _examples(self, ctx: AnswerContext, count: int = 8) -> list[str]:
        ctx = ctx.base or ctx
        with ctx.lock:
            if ctx.examples is None:
                ctx.examples = [q for q in candidates(ctx.lex) if self._verified(q, ctx)]
            return ctx.examples[:count]

    def _nearby(self, question: str, ctx: AnswerContext, count: int = 3) -> list[str]:
        """Answerable questions built from the words of a declined one (nearby.py),
        each verified once per catalog."""
        base = ctx.base or ctx
        found: list[str] = []
        for candidate in nearby_questions(link(question, ctx.lex), ctx.lex)[:_NEARBY_TRIES]:
            if candidate.lower().rstrip("?") == question.lower().strip().rstrip("?"):
                continue
            with base.lock:
                known = base.verified.get(candidate)
            if known is None:
                known = self._verified(candidate, base)
                with base.lock:
                    base.verified[candidate] = known
            if known:
                found.append(candidate)
                if len(found) == count:
                    break
        return found

    def _verified(self, question: str, ctx: AnswerContext) -> bool:
        outcome = self.plan_one(question, "0", ctx, examples=False)
        if outcome.task.refusal:
            return False
        try:
            probe = rows_probe(outcome.task.sql, ctx.lex.catalog.dialect)
            return bool(ctx.database.query(probe, max_rows=5, timeout=5.0).rows)
        except Exception:  # noqa: BLE001 - a suggestion that fails to run is simply not offered
            return False

    # ------------------------------------------------------------------ answering
    def answer(self, request: AnswerRequest) -> Plan:
        question = (request.question or "").strip()
        try:
            ctx = self._context(request.catalog, request.database)
            plan = (
                self._with_running_series(request, question, ctx)
                or self._with_median(request, question, ctx)
                or self._answer(request, question, ctx)
            )
            plan = _with_first_crossing(question, plan, ctx)
            plan = self._columns_kept(request, plan, ctx)
            plan = self._in_that_period(request, question, ctx, plan)
            plan = self._leaders_in_each(request, question, ctx, plan)
            plan = self._at_top_of_answer(request, question, ctx, plan)
            plan = self._linked_to_all(request, question, ctx, plan)
            plan = self._added_beside(request, question, ctx, plan)
            return self._shown_anyway(request, question, ctx, plan)
        except Exception as exc:  # noqa: BLE001 - the contract: never raise for a question
            task = TaskPlan(
                "0",
                question,
                question,
                refusal=f"The built-in engine failed on this question: {exc}",
            )
            return Plan(tasks=(task,), clarified_task=question)

    def _with_running_series(
        self, request: AnswerRequest, question: str, ctx: AnswerContext
    ) -> Plan | None:
        """'cumulative signups by month', 'picks per month and the change vs the month
        before': the figure per period answered, then its running total or change beside it
        (running_series.py); None when the rest is not one figure per period."""
        asked = series_asked(question)
        if asked is None:
            return None
        plan = self._answer(request, asked.rest, ctx)
        if len(plan.tasks) != 1 or plan.tasks[0].refusal or not plan.tasks[0].sql:
            return None
        task = plan.tasks[0]
        sql = wrapped(task.sql, asked, ctx.lex.catalog.dialect)
        if sql is None:
            return None
        shown = {
            "running": "the running total over the periods in date order",
            "change": "each period's figure minus the period before's (none for the first)",
            "pct_change": "each period's change from the period before, as a % of it",
        }[asked.kind]
        note = {"concept": asked.said, "explanation": shown}
        notes = (*task.assumptions, note)
        task = replace(task, task=question, sql=sql, assumptions=notes, chart=None)
        state = {k: v for k, v in plan.state.items() if k != "spec"}  # nothing to edit
        return replace(plan, tasks=(task,), assumptions=notes, state=state)

    def _with_median(
        self, request: AnswerRequest, question: str, ctx: AnswerContext
    ) -> Plan | None:
        """'median rev gr by sector': answered with 'total' in its place, then that SUM made
        the median of the same rows (medians.py); 'same for healthcare' after a median keeps
        it one. None when there is no median to write."""
        asked = median_asked(question)
        last = (request.history[-1].state or {}) if request.history else {}
        if asked is None and last.get("median") and not _SAYS_AGGREGATE.search(question):
            asked = question  # an edit of the median answer: its SUM is the median again
        if asked is None:
            return None
        plan = self._answer(request, asked, ctx)
        if len(plan.tasks) != 1 or plan.tasks[0].refusal or not plan.tasks[0].sql:
            return None
        task = plan.tasks[0]
        sql = median_sql(task.sql, ctx.lex.catalog.dialect)
        if sql is None:
            return None if asked is not question else plan
        note = {
            "concept": "median",
            "explanation": "the middle value of each group's non-empty values (the mean of the "
            "middle two when their number is even)",
        }
        notes = tuple(
            a for a in task.assumptions if "total" not in str(a.get("concept", "")).lower()
        ) + (note,)
        task = replace(task, task=question, sql=sql, assumptions=notes, chart=None)
        return replace(plan, tasks=(task,), assumptions=notes, state={**plan.state, "median": True})

    def _in_that_period(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'which stock got picked the most that month' after May 2023's picks, declined as an
        edit of the count: asked again as a question of its own about May 2023 (that_period.py;
        the edits that keep a period, 'and MSFT that day', are read first)."""
        if not request.history or not all(t.refusal for t in plan.tasks):
            return plan
        shown = (request.history[-1].state or {}).get("spec")
        prev = QuerySpec.from_json(shown) if shown else None
        again = that_period(question, prev) if prev is not None else None
        if prev is None or again is None:
            return plan
        rest = again[0].replace(again[1][1], " ")
        if not _BARE_EDIT.fullmatch(rest):
            if any(not f.time and f.op != "latest" for f in prev.filters):
                # 'which day that month had the most volume' after AAPL's closes in March:
                # asked anew it would lose AAPL; only an answer about a whole period is left
                return plan
            kinds = {it.kind for it in link(prepare(again[0]).question, ctx.lex).items}
            if not _ASKS_ANEW.match(again[0]) or not kinds & {"table", "value"}:
                # 'highest close in that quarter' after the index: whose close? 'compare with
                # GOOGL for the same month': a comparison with the answer before, not a list
                # of GOOGL's rows ('and the same quarter in 2023?' stays an edit of it)
                return plan
        retried = self._answer(request, again[0], ctx)
        if not retried.tasks or any(t.refusal for t in retried.tasks):
            return plan
        note = {"concept": again[1][0], "explanation": f"'{again[1][0]}' read as '{again[1][1]}'"}
        tasks = tuple(replace(t, assumptions=(note, *t.assumptions)) for t in retried.tasks)
        return replace(retried, tasks=tasks, assumptions=(note, *retried.assumptions))

    def _leaders_in_each(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'most picked stock in each sector', declined whole: the ranking without 'in each
        sector' answered, then kept to its top rows within every sector (group_leaders.py)."""
        if not all(t.refusal for t in plan.tasks):
            return plan
        asked = leaders_asked(question)
        if asked is None:
            return plan
        columns = [
            (t.table, t.column)
            for it in link(asked.group, ctx.lex).items
            if it.kind == "column"
            for t in it.targets
            if t.kind == "column" and ctx.lex.kind_of(t.table, t.column) == "text"
        ]  # ('market cap per employee' is a ratio, never a grouping by headcount)
        if len(set(columns)) != 1:
            return plan
        ranked = self._answer(request, asked.rest, ctx)
        if len(ranked.tasks) != 1 or ranked.tasks[0].refusal or not ranked.tasks[0].sql:
            return plan
        task = ranked.tasks[0]
        catalog = ctx.lex.catalog
        sql = leaders_sql(task.sql, columns[0], catalog, catalog.dialect)
        if sql is None:
            return plan
        note = {
            "concept": asked.said,
            "explanation": f"ranked within each {columns[0][1]}; every row tied at a cut is shown",
        }
        notes = (*task.assumptions, note)
        task = replace(task, task=question, sql=sql, assumptions=notes, chart=None)
        state = {k: v for k, v in ranked.state.items() if k != "spec"}  # nothing to edit
        return replace(ranked, tasks=(task,), assumptions=notes, state=state)

    def _shown_anyway(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'which stocks have exactly 1 pick? need symbol and name', declined as a whole:
        answered without its last sentence when that answer shows every column it lists
        (shown_anyway.py)."""
        if not plan.tasks or not all(t.refusal for t in plan.tasks):
            return plan
        split = columns_sentence(question)
        if split is None or not lists_columns(split[1], ctx.lex):
            return self._said_twice(request, question, ctx, plan)
        asked, columns = split
        retried = self._answer(request, asked, ctx)
        if len(retried.tasks) != 1 or retried.tasks[0].refusal or not retried.tasks[0].sql:
            return plan
        if not shows_all(columns, retried.tasks[0].sql, ctx.lex.catalog.dialect, ctx.lex):
            return plan
        note = {"concept": columns, "explanation": f"'{columns}': shown in the answer"}
        tasks = tuple(replace(t, assumptions=(*t.assumptions, note)) for t in retried.tasks)
        return replace(retried, tasks=tasks, assumptions=(*retried.assumptions, note))

    def _added_beside(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'# of names in each too' after the weight per sector: 'too' keeps the figure shown
        beside the new one. An answer per the same groups that lost it is declined (it was
        read as a new question and dropped the weights)."""
        if not request.history or len(plan.tasks) != 1 or plan.tasks[0].refusal:
            return plan
        if not re.search(r"\b(?:also|too|as\s+well|plus)\b", question, re.I):
            return plan
        before = (request.history[-1].state or {}).get("spec")
        now = plan.state.get("spec")
        if not before or not now:
            return plan
        prev, spec = QuerySpec.from_json(before), QuerySpec.from_json(now)
        if prev.metric is None or prev.group_by is None or spec.group_by is None:
            return plan
        if prev.group_by.column != spec.group_by.column:
            return plan
        if prev.metric in (spec.metric, *spec.extra_metrics):
            return plan
        shown = metric_name(prev.metric, prev)
        reason = (
            f"'{question}' asks for a figure beside the previous answer's {shown} per "
            f"{prev.group_by.column}, but I could only read it on its own, without the "
            f"{shown}; please ask for both in one question."
        )
        return self._single(self.refuse("0", question, Decline(reason), ctx))

    def _linked_to_all(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'which users have both aapl and msft', declined: asked with 'or', then kept to the
        rows linked to every value named (all_of.py)."""
        if not all(t.refusal for t in plan.tasks):
            return plan
        plain = without_both(question)
        if plain is None:
            return plan
        asked = self._answer(request, plain, ctx)
        if len(asked.tasks) != 1 or not asked.tasks[0].refusal:
            return plan
        either = any_of_instead(plain, asked.tasks[0].refusal)
        retried = self._answer(request, either, ctx) if either else None
        if retried is None or len(retried.tasks) != 1 or retried.tasks[0].refusal:
            return plan
        task = retried.tasks[0]
        sql = linked_to_all(task.sql, ctx.lex.catalog.dialect)
        if sql is None:
            return plan
        note = {
            "concept": "both",
            "explanation": "'both': only the rows linked to every one of the values named",
        }
        done = replace(task, sql=sql, assumptions=(*task.assumptions, note))
        # the spec is the 'or' question's: a follow-up building on it would count any of them
        state = {k: v for k, v in retried.state.items() if k != "spec"}
        return replace(
            retried, tasks=(done,), assumptions=(*retried.assumptions, note), state=state
        )

    def _said_twice(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """A question said twice in other words, declined whole: answered when each sentence
        alone gets the very same SQL (said_twice.py)."""
        sentences = two_sentences(question)
        if sentences is None:
            return plan
        named = [
            {
                t.table
                for it in link(s, ctx.lex).items
                if it.kind in ("table", "column")
                for t in it.targets
            }
            for s in sentences
        ]
        if not named[0] & named[1]:
            return plan  # the same question twice names a table in common (cheap, before asking)
        answers = [self._answer(request, sentence, ctx) for sentence in sentences]
        sqls = {a.tasks[0].sql if len(a.tasks) == 1 else "" for a in answers}
        if not all(len(a.tasks) == 1 and a.tasks[0].sql for a in answers):
            return plan
        if len(sqls) == 1:
            first = answers[0]
            note = {
                "concept": sentences[1],
                "explanation": f"'{sentences[1]}' asks the same as '{sentences[0]}'",
            }
        elif ranking_shows_top(answers[0].state.get("spec"), answers[1].state.get("spec")):
            # 'which sector has the most companies? list every sector with its count, biggest
            # first': the ranking asked second starts with the answer to the first
            first = answers[1]
            note = {
                "concept": sentences[0],
                "explanation": f"'{sentences[0]}' is the first row of '{sentences[1]}'",
            }
        else:
            return plan
        tasks = tuple(replace(t, assumptions=(*t.assumptions, note)) for t in first.tasks)
        return replace(first, tasks=tasks, assumptions=(*first.assumptions, note))

    def _at_top_of_answer(
        self, request: AnswerRequest, question: str, ctx: AnswerContext, plan: Plan
    ) -> Plan:
        """'list the companies in the top industry from that' after industries ranked, declined
        as an edit: asked again with the first row's value said ('the Semiconductors
        industry'; top_of_answer.py), unless the first two rows are tied."""
        if not request.history or not all(t.refusal for t in plan.tasks):
            return plan
        prior = request.history[-1]
        shown = (prior.state or {}).get("spec")
        prev = QuerySpec.from_json(shown) if shown else None
        top = top_of_answer(question, prev) if prev is not None and prior.sql else None
        if prev is None or top is None or prev.group_by is None:
            return plan
        try:
            columns, rows = _columns_and_rows(ctx.database, prior.sql)
        except Exception:  # noqa: BLE001 - an answer that no longer runs: the decline stands
            return plan
        names = [c.lower() for c in columns]
        group = prev.group_by.column.lower()
        if not rows or group not in names:
            return plan
        if len(rows) > 1 and rows[0][-1] == rows[1][-1]:
            return plan  # two groups tied at the top: which one is not guessed
        value = rows[0][names.index(group)]
        if value is None:
            return plan
        again = top.with_value(question, str(value))
        retried = self._answer(request, again, ctx)
        if not retried.tasks or any(t.refusal for t in retried.tasks):
            return plan
        if not _conditions_change_nothing(prev, retried, ctx):
            return plan  # 'the top state' of tech companies' states: its tech companies?
        note = {
            "concept": top.said,
            "explanation": f"'{top.said}' read as {value}, the first row of the previous answer "
            f"('{prior.question}')",
        }
        tasks = tuple(replace(t, assumptions=(note, *t.assumptions)) for t in retried.tasks)
        return replace(retried, tasks=tasks, assumptions=(note, *retried.assumptions))

    def _answer(self, request: AnswerRequest, question: str, ctx: AnswerContext) -> Plan:
        nested_day = day_of_another_answer_decline(question)
        if nested_day is not None:
            # 'On the S&P 500's worst day, which 10 stocks fell the most?'
            return self._single(self.refuse("0", question, nested_day, ctx))
        asked = split_rounding(question)
        if asked is not None:
            return self._rounded(request, question, asked, ctx)
        listed = moved_list(question)
        if listed is not None:
            return self._moved_count(request, question, listed, ctx)
        plan = self._answer_whole(request, question, ctx)
        paired = (
            pair_of_named(
                question, _specs_of(request.history), ctx.lex, row_keys(ctx.lex, ctx.database)
            )
            if request.history and _declined(plan)
            else None
        )
        if paired is not None:
            # 'which one has more employees?' after Apple vs Microsoft and a turn between:
            # those two, compared, as a question of its own
            # ('which one': the one row of the two, not both ranked as a question naming
            # them itself shows them)
            one = replace(ctx, defaults={**ctx.defaults, ONE_OF_THE_NAMED: True})
            again = self._answer_whole(replace(request, history=()), paired, one)
            if not _declined(again):
                return again
        points = None if request.history else split_two_points(question)
        if points is not None and _declined(plan):
            # 'where did the S&P 500 close at the end of 2022 vs end of 2023?': declined whole,
            # answered at each point
            both = self._at_two_points(request, question, points, ctx)
            if both is not None:
                return both
        return self._rounding_kept(request, plan, ctx)

    def _rounding_kept(self, request: AnswerRequest, plan: Plan, ctx: AnswerContext) -> Plan:
        """'And in the Technology sector?' after '… Round to a whole number.': the rounding
        asked before kept, when the new answer shows the same columns (an edit of it)."""
        prior = request.history[-1] if request.history else None
        digits = (prior.state or {}).get("rounded") if prior is not None else None
        if digits is None or prior is None or _declined(plan) or plan.breakdown:
            return plan
        task = plan.tasks[0]
        dialect = ctx.lex.catalog.dialect
        before = _shown_columns(_unrounded(prior.sql, dialect), dialect)
        if before != _shown_columns(task.sql, dialect):
            return plan
        sql = rounded_sql(task.sql, int(digits), dialect)
        if sql is None:
            return plan
        note = {"concept": "rounding", "explanation": f"Kept the rounding to {digits} places"}
        task = replace(task, sql=sql, assumptions=(*task.assumptions, note))
        state = {**(plan.state or {}), "rounded": digits}
        return replace(plan, tasks=(task,), assumptions=(*plan.assumptions, note), state=state)

    def _answer_whole(self, request: AnswerRequest, question: str, ctx: AnswerContext) -> Plan:
        if request.descriptions:
            # the user's words from the data summary's descriptions (described.py)
            lex = self._described.lexicon(ctx.lex, request.descriptions)
            if lex is not ctx.lex:
                ctx = replace(ctx, lex=lex, base=ctx)
        if request.knowledge:
            example_sql = few_shot_sql(question, request.knowledge, ctx.lex)
            if example_sql is not None:
                task = TaskPlan(
                    "0",
                    question,
                    question,
                    sql=example_sql,
                    description="Answered with the SQL of a matching knowledge-base example.",
                    assumptions=(
                        {
                            "concept": "knowledge base",
                            "explanation": "The question matches a few-shot example",
                        },
                    ),
                )
                return Plan(
                    tasks=(task,),
                    clarified_task=question,
                    assumptions=task.assumptions,
                    description=task.description,
                    state={"engine": ENGINE},
                )
            lex = with_terms(ctx.lex, request.knowledge)
            if lex is not ctx.lex:
                ctx = replace(ctx, lex=lex, base=ctx.base or ctx)
        if not question:
            return self._single(self.refuse("0", question, Decline("Please ask a question."), ctx))
        question = spelled_codes(question, ctx.lex)  # 'brk-b', 'BRK.B': the code BRK-B
        body, instructions = strip_boilerplate(question)
        # 'Put Apple and Microsoft side by side: …': the comparison asked
        body = re.sub(r"^\s*(?:please\s+)?put\s+(?=.+\bside\s+by\s+side\b)", "", body, flags=re.I)
        body = both_shown(body)  # 'A vs B: which one is worth more? Market caps side by side.'
        body = trading_at(body)  # 'and what are they trading at right now?': their prices
        body = close_dates(  # 'Aug 31 close to Sep 30 close', 'last 2021 close to last 2022 close'
            body, lambda year: last_trading_day(ctx.lex.catalog, ctx.database, year)
        )
        body = day_spans(body)  # 'for 7-11 November 2022', 'for March 1 to March 7, 2023'
        # '% change from the first close to the last close in the whole dataset'
        body = whole_data_span(body, lambda: data_span(ctx.lex.catalog, ctx.database))

        switched = new_topic(body)
        if switched is not None:
            # 'Unrelated to JPMorgan: which stock …': read with no earlier answer to lean on
            body = switched[0]
            request = replace(request, history=())
        if (
            request.history
            and not request.history[-1].sql
            and _ADDS_TO_ANSWER.match(body)
            and not destructive_verb(body, lambda rest: names_data(rest, ctx.lex))
        ):
            # 'add mkt cap per FTE' after a declined question: added to an answer there is
            # none of, never a list of every row with it
            reason = (
                f"'{body.strip()}' adds to the previous answer ('{request.history[-1].question}'), "
                "which I could not answer; please ask the whole question with it."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        before = (request.history[-1].state or {}).get("drawdown") if request.history else None
        drawn = (
            drawdown_again(body, drawdown_of(before), ctx.lex, ctx.database) if before else None
        ) or read_drawdown(body, ctx.lex, ctx.database)
        if drawn is not None:
            # 'AAPL's max drawdown in 2022: peak date, trough date, % fall' (drawdown.py)
            return self._drawdown(question, drawn, ctx)
        peaked = self._off_peak(request, body, ctx)
        if peaked is not None:
            # 'Idx peak close + date, latest close, % off peak.' (off_peak.py)
            built = off_peak_query(peaked, ctx.lex.catalog.dialect)
            state = {"engine": ENGINE, "off_peak": peaked.to_json()}
            return _written_plan(question, built.task, built.sql, built.notes, state)
        before = (
            (request.history[-1].state or {}).get("period_returns") if request.history else None
        )
        returns = (
            period_returns_again(body, period_returns_of(before), ctx.lex, ctx.database)
            if before
            else None
        ) or read_period_returns(body, ctx.lex, ctx.database)
        if returns is not None:
            # 'S&P 500 first close, last close and % change for each calendar year'
            return self._period_returns(question, returns, ctx)
        shown = (request.history[-1].state or {}).get("spec") if request.history else None
        written = change_asked_again(body, QuerySpec.from_json(shown)) if shown else None
        if written is not None:
            # 'Add Amazon and rank all four, best first.' after the changes of named stocks
            plan = self._answer_whole(replace(request, history=()), written[0], ctx)
            if plan.tasks and not any(t.refusal for t in plan.tasks):
                note = {"concept": written[1], "explanation": f"read as '{written[0]}'"}
                tasks = tuple(replace(t, assumptions=(note, *t.assumptions)) for t in plan.tasks)
                return replace(plan, tasks=tasks, assumptions=(note, *plan.assumptions))
            # written out, it is not a question the change reading answers: read as asked
        if request.history:
            body = narrowed_then_asked(body)  # 'Just the ones with …, and where are they …?'
            added = self._columns_added(
                request.history[-1], body, (request.history[-1].state or {}).get("spec"), ctx
            )
            if added is not None:
                return added
        shown_before = (request.history[-1].state or {}).get("spec") if request.history else None
        scoped = (
            None
            if shown_before and QuerySpec.from_json(shown_before).filters
            else scope_first(body, in_session=bool(request.history))
        )  # ('only tech - top 5' after California's companies: narrows them, not read here)
        if scoped is not None:
            body = scoped[0]  # 'texas only - top 3 employers': 'top 3 employers in texas'
        body, restated = without_count_restated(body)
        if restated is None:
            body, restated = top_said_after(body)
        asked, aside = question_of(
            body,
            # read as prepared: 'how many people does each one have working for it' has no
            # pronoun left once read as its employees
            lambda text: _points_back(prepare(text).question, ctx.lex),
            lambda text: says_data(text, ctx.lex),
            lambda text: _unplaced_in_request(text, ctx.lex),
            lambda text: mentions(link(prepare(text).question, ctx.lex)),
        )
        moved = self._day_move(request, asked, ctx)
        if moved is not None:
            return moved
        prepared = prepare(
            asked,
            lambda rest: names_data(rest, ctx.lex),
            lambda rest: says_data(rest, ctx.lex),
        )
        unread = _SYMBOL_LEFT.search(prepared.question)
        if unread is not None:
            # 'close >= open': a comparison of two columns left as a symbol, which the reading
            # drops as punctuation (and the condition with it)
            said = unread.group(0).strip()
            reason = (
                f"'{said}' compares two values in a way I do not read; please say it in words "
                "(for example 'close above open')."
            )
            return self._single(self.refuse("0", question, Decline(reason, (said,)), ctx))
        removed = " ".join(part for part in (instructions, prepared.removed) if part)
        if switched is not None:
            aside = " ".join(part for part in (switched[1], aside) if part)
        prepared = replace(prepared, aside=aside, removed=removed)
        if scoped is not None:
            prepared = replace(prepared, rewrites=(scoped[1], *prepared.rewrites))
        if restated is not None:
            prepared = replace(prepared, rewrites=(restated, *prepared.rewrites))
        if prepared.destructive:
            write = Decline(refusal_for_write(prepared.destructive))
            return self._single(self.refuse("0", question, write, ctx))
        regional = in_region(
            prepared.question,
            lambda place: value_columns(place, ctx.lex),
            lambda text: tables_of_rows_named(text, ctx.lex),
        )
        if regional is not None:
            prepared = replace(
                prepared, question=regional[0], rewrites=prepared.rewrites + (regional[1],)
            )
        placed = where_located(prepared.question, ctx.lex)
        if placed != prepared.question:
            said = where_said(prepared.question)
            prepared = replace(
                prepared, question=placed, rewrites=prepared.rewrites + ((said, "its place"),)
            )
        last_day = None if request.history else the_last_day(prepared.question)
        if last_day is not None:
            prepared = replace(
                prepared, question=last_day[0], rewrites=prepared.rewrites + (last_day[1],)
            )
        totals = group_totals(prepared.question, ctx.lex)
        if totals is not None:
            prepared = replace(
                prepared, question=totals[0], rewrites=prepared.rewrites + (totals[1],)
            )
        spelled, fixes = corrected_spelling(prepared.question, ctx.lex)
        if fixes:
            # the corrected words are read as if typed right ('last quater of 2022' is then
            # the phrase 'the last quarter of 2022', which prepare() rewrites to Q4 2022)
            again = prepare(
                spelled,
                lambda rest: names_data(rest, ctx.lex),
                lambda rest: says_data(rest, ctx.lex),
            )
            more = tuple(r for r in again.rewrites if r not in prepared.rewrites)
            if not again.destructive:
                spelled = again.question
            prepared = replace(
                prepared, question=spelled, rewrites=prepared.rewrites + fixes + more
            )
        period = ranked_period(prepared.question, ctx.lex, bool(request.history))
        if period is not None:
            prepared = replace(
                prepared, question=period[0], rewrites=prepared.rewrites + (period[1],)
            )
        shown_before = (request.history[-1].state or {}).get("spec") if request.history else None
        only_year = in_the_only_year(
            prepared.question,
            ctx.lex,
            frozenset({QuerySpec.from_json(shown_before).table}) if shown_before else frozenset(),
        )
        if only_year is not None:
            prepared = replace(
                prepared,
                question=only_year[0],
                rewrites=prepared.rewrites + (only_year[1],),
            )
        same_year = month_of_the_year_before(
            prepared.question, [prior.question for prior in request.history]
        )
        if same_year is not None:
            prepared = replace(
                prepared, question=same_year[0], rewrites=prepared.rewrites + (same_year[1],)
            )
        # in a session a month alone may lean on an earlier turn ('… in december' after NVDA's
        # total for dec 2023): not read as a new question about the latest month
        latest_month = None if request.history else recent_month(prepared.question, ctx.lex)
        if latest_month is not None:
            prepared = replace(
                prepared,
                question=latest_month[0],
                rewrites=prepared.rewrites + (latest_month[1],),
            )
        monthly = month_without_year(prepared.question, ctx.lex) or day_read_both_ways(
            prepared.question
        )
        if monthly is not None:
            return self._single(self.refuse("0", question, monthly, ctx))
        forecast = (
            future_decline(prepared.question, ctx.lex)
            or advice_decline(prepared.question)
            or chosen_together_decline(prepared.question)
            or candle_pattern_decline(prepared.question)
            or rank_position_decline(prepared.question)
            or rows_and_their_total_decline(prepared.question)
        )
        if forecast is not None:
            return self._single(self.refuse("0", question, forecast, ctx))
        ranged = read_range(prepared.question, ctx.lex.catalog) or read_ratio(
            prepared.question, ctx.lex
        )
        if ranged is not None:
            # 'avg daily range (high - low)': a measure of two columns (derived.py)
            plan = self._with_range(request, ranged[0], ranged[1], ctx)
            return _with_preparation(plan, prepared)
        prepared, arithmetic = arithmetic_decline(prepared, ctx.lex)
        if arithmetic is not None:
            return self._single(self.refuse("0", question, arithmetic, ctx))
        extreme = day_of_extreme(prepared.question) if not request.history else None
        dated = (
            self._with_its_date(request, prepared.question, extreme, ctx)
            if extreme is not None
            else None
        )
        # 'On what day did the S&P 500 hit its highest level in 2023?': asked as its extreme,
        # then the day of that row; read as said when that reading declines
        plan = (
            dated
            if dated is not None and not _declined(dated)
            else self._answer_prepared(request, prepared.question, ctx)
        )
        if period is not None:
            plan = _periods_tied(plan, ctx)
        plan = self._by_size(request, question, prepared, plan, ctx)
        return _with_preparation(plan, prepared)

    def _by_size(
        self,
        request: AnswerRequest,
        question: str,
        prepared: Prepared,
        plan: Plan,
        ctx: AnswerContext,
    ) -> Plan:
        """'list tech companies, biggest first' read as 'in descending order' and sorted by a
        text column (the names Z to A): asked again 'in descending order of size' (the
        table's size, where the data says what that is), else declined."""
        size = next((said for said, read in prepared.rewrites if _SIZE_FIRST.match(said)), None)
        spec = (plan.state or {}).get("spec") if len(plan.tasks) == 1 else None
        if size is None or not spec or plan.tasks[0].refusal:
            return plan
        order = QuerySpec.from_json(spec).order_by
        if order is None or ctx.lex.kind_of(order.table, order.column) != "text":
            return plan
        sized = re.sub(r"\b(in (?:de|a)scending order)\b", r"\1 of size", prepared.question)
        retried = self._answer_prepared(request, sized, ctx) if sized != prepared.question else None
        if retried is not None and len(retried.tasks) == 1 and not retried.tasks[0].refusal:
            again = (retried.state or {}).get("spec")
            by = QuerySpec.from_json(again).order_by if again else None
            if by is not None and ctx.lex.kind_of(by.table, by.column) != "text":
                return retried
        reason = (
            f"'{size}': biggest by which measure? I would otherwise sort by {order.column}; "
            "please name it (for example 'sorted by market cap, biggest first')."
        )
        return self._single(self.refuse("0", question, Decline(reason, (size,)), ctx))

    def _answer_prepared(self, request: AnswerRequest, question: str, ctx: AnswerContext) -> Plan:
        if request.feedback is not None:
            return self._single(
                self._correction(request.feedback, request.feedback_task_id, question, ctx)
            )
        # in a session the head's own subject can be the previous answer's ('the highest
        # close in 2023' after the index's close): split only a first question
        first = not request.history and request.mode != "auto_breakdown"
        if first and (end_asked := end_date_then_value(question)) is not None:
            question = end_asked  # 'the earliest date you have prices for X, and its close then'
        head = split_date_tail(question) if first else None
        if head is not None:
            return self._with_its_date(request, question, head, ctx)
        unit_said = unit_at_end(question) if first else None
        if unit_said is not None:
            # 'the 10 largest companies? Please show their market cap in billions of dollars.'
            in_unit = self._with_unit(request, question, unit_said, ctx)
            if in_unit is not None:
                return in_unit
        parts = _question_then_follow_up(question, ctx.lex) if first else None
        if parts is not None:
            # 'Which sectors have a negative average revenue growth? Please show the average
            # for each of them.': the question, then the sentence that builds on its answer
            both = self._with_follow_up(request, question, parts, ctx)
            if both is not None:
                return both
        if len(request.history) >= 2:
            between = change_between_answers(
                question,
                request.history[-2],
                request.history[-1],
                ctx.lex.catalog,
                lambda sql: _columns_and_rows(ctx.database, sql),
            )
            if between is not None:
                # '% change between the two' after two answers about one series on two days
                return self._single(self.render("0", question, between.spec, ctx, [between.note]))
        moved = self._day_move(request, question, ctx)
        if moved is not None:
            return moved
        shown = (request.history[-1].state or {}).get("spec") if request.history else None
        before = (
            day_before(question, QuerySpec.from_json(shown), ctx.lex, ctx.database)
            if shown
            else None
        )
        if before is not None:
            # 'and the day before?' after MSFT's latest close: MSFT's previous trading day
            return self._single(self.render("0", question, before, ctx))
        if request.history and shown:
            held = self._share_of_rows_shown(request.history[-1], question, shown, ctx)
            if held is not None:
                return self._single(held)
        if request.history:
            scaled = self._in_units(request.history[-1], question, ctx)
            if scaled is not None:
                return self._single(scaled)
            shared = (
                share_of_answer(question, QuerySpec.from_json(shown), ctx.lex) if shown else None
            )
            if shared is not None:
                # 'show as % of total' after picks per sector: the same groups with their shares
                return self._single(self.render("0", question, shared, ctx))
            if shown:
                # 'and the low in 2022?' after the S&P 500's high: its lowest reading
                question = readings_high_low(question, QuerySpec.from_json(shown), ctx.lex)
            split = (
                counted_by(
                    question, QuerySpec.from_json(shown), lambda w: _tables_named(w, ctx.lex)
                )
                if shown
                else None
            )
            if split is not None:
                question = split  # 'which stocks, and how many times each' after a count
            listed = counted_rows_listed(question, QuerySpec.from_json(shown)) if shown else None
            if listed is not None:
                question = listed  # 'list them' after 'which city has the most companies'
            every = of_every_row_counted(question, QuerySpec.from_json(shown)) if shown else None
            if every is not None:
                # 'and how many of them never picked a stock?' after every user counted
                asked_anew = self.plan_one(every, "0", ctx)
                if not asked_anew.task.refusal:
                    return self._single(asked_anew)
            answered = last_answered(request.history)
            skipped = _plural_past_a_decline(
                request.history, answered, question, ctx
            ) or _fragment_past_a_decline(request.history, answered, question, ctx)
            if skipped is not None:
                return self._single(self.refuse("0", question, skipped, ctx))
            outcome = self._followups.answer(request.history[-1], question, ctx, answered)
            if outcome is not None:
                lost = (
                    _rows_lost(outcome, request.history[-1], question, ctx)
                    or _outside_absence(outcome, shown, request.history[-1].question, question)
                    or _share_narrowed(outcome, shown)
                    or _groups_listed_with_values(outcome, shown, request.question, ctx.lex)
                    or (
                        two_groupings(link(question, ctx.lex), outcome.spec, ctx.lex.catalog)
                        if outcome.spec is not None
                        else None
                    )
                )
                if lost is not None:
                    return self._single(self.refuse("0", question, lost, ctx))
                return self._single(outcome)
            grouped = shown is not None and QuerySpec.from_json(shown).group_by is not None
            one = _ONE_OF_THOSE.search(question) if grouped else None
            if one is not None and not any(
                it.kind == "table" for it in link(question, ctx.lex).items
            ):
                # 'biggest one by marketcap' after companies per city: one of the rows before
                # (a city? a company in them?), which the edit could not place; never the
                # biggest of every row
                reason = (
                    f"'{one.group(0).strip()}' points at the rows of the previous answer "
                    f"('{request.history[-1].question}'), and I could not tell which; please "
                    "ask the whole question."
                )
                return self._single(self.refuse("0", question, Decline(reason), ctx))
            said = _THAT_VALUE.search(question)
            if said is not None:
                # 'how many users are at that number?': the previous answer's value used as a
                # condition, which a new question without it would silently drop
                reason = (
                    f"'{said.group(0)}' uses the value of the previous answer "
                    f"('{request.history[-1].question}') in a new question, which I cannot do; "
                    "please write the value itself into the question."
                )
                return self._single(self.refuse("0", question, Decline(reason), ctx))
        elif request.mode != "auto_breakdown":
            pronoun = back_reference(question, link(question, ctx.lex))
            these_rows = _THESE_ROWS.search(question) if pronoun.lower() == "these" else None
            if these_rows is not None:
                # 'How many of these S&P 500 companies are headquartered in Georgia?' as a first
                # question: the rows of the data itself, there being no answer before
                asked = self._single(
                    self.plan_one(
                        question[: these_rows.start()] + question[these_rows.end() :], "0", ctx
                    )
                )
                if asked.tasks and asked.tasks[0].sql and not asked.tasks[0].refusal:
                    return asked
            if pronoun and read_first_event(question) is None:
                # ('who took the longest to make their first pick': each one's own, first_event)
                # 'which companies are in that industry' as a first question: nothing to point at
                reason = (
                    f"'{pronoun}' points back to an earlier answer, and there is none in this "
                    "session; please name what you mean."
                )
                return self._single(self.refuse("0", question, Decline(reason, (pronoun,)), ctx))
        if request.mode == "auto_breakdown":
            return self._breakdown(question, ctx)
        return self._single(self.plan_one(question, "0", ctx))

    def _with_range(
        self, request: AnswerRequest, question: str, derived: Derived, ctx: AnswerContext
    ) -> Plan:
        """'AAPL's biggest intraday range in 2023': answered with the high standing in for
        the range, then the high made 'high - low' in the SQL (derived.py)."""
        plan = self._answer_prepared(request, question, ctx)
        task = plan.tasks[0] if len(plan.tasks) == 1 else None
        if task is None or task.refusal or not task.sql:
            return plan
        sql = with_range(task.sql, derived, ctx.lex.catalog.dialect)
        if sql is not None and derived.ranked_apart and _orders_by(task.sql, derived.stand_in):
            reason = (
                f"The question ranks the rows by {derived.stand_in} and asks for "
                f"{derived.stand_in} / {derived.per} beside it; the built-in engine reads the "
                "ratio in place of that column, so it cannot keep both. Please ask for the ratio "
                "of rows named another way."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        if sql is None and not derived.other:
            reason = (
                f"I read '{question}' with {derived.stand_in} standing for the ratio "
                f"{derived.stand_in} / {derived.per}, but the answer does not use it; please ask "
                "for the ratio of the rows themselves."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        if sql is None:
            reason = (
                f"I read '{question}' with the high standing for the day's range, but the "
                "answer does not use it; please ask for the range of a stock on a day or over "
                "a period."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        said = task.assumptions
        if not derived.other:
            sql = with_row_names(sql, derived.table, ctx.lex.catalog, ctx.lex.catalog.dialect)
            # the notes of the stand-in column are about the ratio that replaced it
            ratio = f"{derived.stand_in} / {derived.per}"
            said = tuple(
                {**note, "explanation": note["explanation"].replace(derived.stand_in, ratio)}
                for note in said
            )
        notes = said + assumptions([derived.note])
        task = replace(task, sql=sql, assumptions=notes, chart=None)
        state = {k: v for k, v in plan.state.items() if k != "spec"}  # nothing to edit
        return replace(plan, tasks=(task,), assumptions=notes, state=state)

    def _drawdown(self, question: str, drawn: Drawdown, ctx: AnswerContext) -> Plan:
        built = drawdown_query(drawn, ctx.lex.catalog.dialect)
        state = {"engine": ENGINE, "drawdown": asdict(drawn)}
        return _written_plan(question, built.task, built.sql, built.notes, state)

    def _off_peak(self, request: AnswerRequest, body: str, ctx: AnswerContext) -> OffPeak | None:
        """How far a series stands from its peak: asked again ('Same for META.'), asked of
        the peak just shown ('how far below that peak is it now, in %?'), or asked whole."""
        last = (request.history[-1].state or {}) if request.history else {}
        if last.get("off_peak"):
            again = off_peak_again(body, OffPeak.from_json(last["off_peak"]), ctx.lex, ctx.database)
            if again is not None:
                return again
        if last.get("spec"):
            of_answer = off_peak_of_answer(body, QuerySpec.from_json(last["spec"]), ctx.lex)
            if of_answer is not None:
                return of_answer
        return read_off_peak(body, ctx.lex, ctx.database)

    def _period_returns(self, question: str, asked: PeriodReturns, ctx: AnswerContext) -> Plan:
        built = period_returns_query(asked, ctx.lex.catalog.dialect)
        state = {"engine": ENGINE, "period_returns": asdict(asked)}
        return _written_plan(question, built.task, built.sql, built.notes, state)

    def _day_move(self, request: AnswerRequest, question: str, ctx: AnswerContext) -> Plan | None:
        """'Apple's biggest one-day drop in 2023', then 'and the biggest gain?' (day_moves.py)."""
        data = (request.history[-1].state or {}).get("day_move") if request.history else None
        before = _period_of(request.history)
        move = (
            read_followup_move(question, DayMove.from_json(data), ctx.lex, ctx.database, before)
            if data
            else None
        ) or read_day_move(question, ctx.lex, ctx.database, before)
        shown = (request.history[-1].state or {}).get("spec") if request.history else None
        if move is None and shown and not data:
            # 'how much did it move vs the day before' after NVDA's close on one day
            move = read_move_of_answer(question, QuerySpec.from_json(shown), ctx.lex, ctx.database)
        if move is None:
            return None
        built = move_query(move, ctx.lex.catalog.dialect)
        state: dict = {"engine": ENGINE, "day_move": move.to_json()}
        rows: list = []
        if move.shape == "rank":  # only a ranked move's days are kept (answered_rows)
            try:
                rows = ctx.database.query(built.sql, max_rows=50, timeout=5.0).rows
            except Exception:  # noqa: BLE001 - the answer's run reports it; nothing to build on
                rows = []
        answered = answered_rows(move, rows)
        if answered is not None:
            state["spec"] = answered.to_json()  # "what was the volume that day" builds on it
        return _written_plan(question, built.task, built.sql, built.notes, state)

    def _columns_added(
        self, prior: PriorRound, question: str, shown: dict | None, ctx: AnswerContext
    ) -> Plan | None:
        """'add their sector to that' after picks per stock: the groups with it (added_columns.py)."""
        if not shown or not prior.sql:
            return None
        prev = QuerySpec.from_json(shown)
        summed = aggregate_added(question, prev, prior.sql, ctx.lex, ctx.lex.catalog.dialect)
        if summed is not None:
            # 'Add their total market cap and sort by that instead.' after a count per state
            sql, label = summed
            note = {
                "concept": "follow-up",
                "explanation": f"The groups of '{prior.question}', with {label} beside each",
            }
            task = TaskPlan(
                "0",
                question,
                f"{prior.clarified_task or prior.question} (with {label})",
                sql=sql,
                description=f"The previous answer ('{prior.question}') with {label}.",
                assumptions=(note,),
            )
            return self._single(Outcome(task, prev))
        added = columns_added(question, prev, prior.sql, ctx.lex, ctx.lex.catalog.dialect)
        if added is None:
            return None
        names = ", ".join(f"{added.table}.{c.column}" for c in added.columns)
        task = TaskPlan(
            "0",
            question,
            f"{prior.clarified_task or prior.question} (with {names})",
            sql=added.sql,
            description=f"The previous answer ('{prior.question}') with {names} of each row.",
            assumptions=(
                {
                    "concept": "follow-up",
                    "explanation": f"The rows, values and order of '{prior.question}'"
                    + (f", its top {added.limit}" if added.limit else "")
                    + f", with {names} beside each",
                },
            ),
        )
        if added.limit is not None:
            prev = prev.with_(limit=added.limit)
        if prev.shape == "list" and added.table == prev.table:
            # 'how many companies are in those sectors' next: the sectors are the answer's
            listed = columns_shown(added.sql, prev.table, ctx.lex.catalog.dialect)
            prev = prev.with_(columns=tuple(dict.fromkeys((*listed, *added.columns))))
        pinned_here = False
        if added.about_rows:
            # what a follow-up builds on is what 'what sectors are they in?' read alone as a
            # question about the rows gives (those rows by key: 'only the tech ones' narrows
            # them, 'and the worst 5?' ranks again); else the ranking kept to its rows
            # (groups ranked by a count or a total keep their values: pinned below)
            alone = (
                self._followups.answer(prior, question, ctx, prior)
                if prev.group_by is None or prev.change
                else None
            )
            if alone is not None and alone.spec is not None and not alone.task.refusal:
                prev = alone.spec
            else:
                pinned = _rows_pinned(added, prev, ctx)
                if pinned is not None:
                    prev, pinned_here = pinned, True
        plan = self._single(Outcome(task, prev))
        kept = {
            "table": added.table,
            "columns": [c.column for c in added.columns],
            "pinned": pinned_here,
        }
        return replace(plan, state={**(plan.state or {}), "added": kept})

    def _columns_kept(self, request: AnswerRequest, plan: Plan, ctx: AnswerContext) -> Plan:
        """'and for 2023?' after columns were added to a ranking: the edited ranking keeps
        them (added_columns.columns_kept)."""
        kept = (request.history[-1].state or {}).get("added") if request.history else None
        spec = (plan.state or {}).get("spec")
        if not kept or not spec or len(plan.tasks) != 1 or not plan.tasks[0].sql:
            return plan
        task = plan.tasks[0]
        edited = any(
            a.get("concept") == "follow-up"
            and str(a.get("explanation", "")).startswith("Edited the previous question")
            for a in task.assumptions
        )
        if task.refusal or not edited:
            return plan
        before = (request.history[-1].state or {}).get("spec")
        if kept.get("pinned") and before and _ranked_anew(spec, before):
            prior = request.history[-1]
            reason = (
                f"'{task.task}' ranks again, and the previous answer ('{prior.question}') was "
                "kept to the rows a ranking found; please ask the whole ranking (for example "
                "'the 5 least picked stocks')."
            )
            return self._single(self.refuse("0", task.task, Decline(reason), ctx))
        if kept.get("pinned") and before and _periods_of(spec) != _periods_of(before):
            # 'and for 2023?' after the sectors of 2022's ten best: those ten again in 2023,
            # or 2023's ten best? Never one of the two silently
            prior = request.history[-1]
            reason = (
                f"The rows of the previous answer ('{prior.question}') were found by a ranking "
                f"over its period; '{task.task}' can mean those rows in the new period or the "
                "ranking asked again for it. Please ask the whole question."
            )
            return self._single(self.refuse("0", task.task, Decline(reason), ctx))
        columns = tuple(kept["columns"])
        sql = columns_kept(
            task.sql,
            QuerySpec.from_json(spec),
            kept["table"],
            columns,
            ctx.lex,
            ctx.lex.catalog.dialect,
        )
        if sql is None:
            return plan
        names = ", ".join(f"{kept['table']}.{c}" for c in columns)
        note = {"concept": "kept columns", "explanation": f"{names} kept beside each row"}
        task = replace(task, sql=sql, assumptions=(*task.assumptions, note))
        return replace(
            plan,
            tasks=(task,),
            assumptions=(*plan.assumptions, note),
            state={**(plan.state or {}), "added": kept},
        )

    def _in_units(self, prior: PriorRound, question: str, ctx: AnswerContext) -> Outcome | None:
        """'what's that in billions': the previous answer restated in the unit (units.py)."""
        restated = _restated_in_units(question, prior.sql, ctx)
        if restated is None:
            return None
        shown = ", ".join(restated.scaled)
        task = TaskPlan(
            "0",
            question,
            f"{prior.clarified_task or prior.question} (in {restated.unit})",
            sql=restated.sql,
            description=f"The previous answer ('{prior.question}') with {shown} in {restated.unit}.",
            assumptions=restated.notes,
        )
        data = (prior.state or {}).get("spec")
        return Outcome(task, QuerySpec.from_json(data) if data else None)

    def _with_its_date(
        self, request: AnswerRequest, question: str, head: str, ctx: AnswerContext
    ) -> Plan:
        """'the highest close in 2023, and on which day?': the head, then 'on what date was
        that?' after it; declined whole when either part cannot be answered."""
        first = self._answer_prepared(request, head, ctx)
        task = _answered_task(first)
        if task is None or "day_move" in first.state:
            return first  # declined, or a day's move: each row shows its day already
        prior = PriorRound(head, "date-tail", task.clarified_task, task.sql, state=first.state)
        then = replace(request, history=(*request.history, prior))
        second = self._answer_prepared(then, DATE_FOLLOW_UP, ctx)
        dated = _answered_task(second)
        if (
            dated is None
            # the same rows with their date beside them, nothing else changed
            or _from_on(dated.sql) != _from_on(task.sql)
        ):
            reason = (
                f"I can answer '{head}', but not on which date it happened; please ask the "
                "first part alone, then 'on what date was that?'."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        note = {
            "concept": "date",
            "explanation": f"Answered '{head}', then '{DATE_FOLLOW_UP}' about that row",
        }
        dated = replace(dated, assumptions=(note, *dated.assumptions))
        return replace(second, tasks=(dated,), assumptions=(note, *second.assumptions))

    def _with_unit(
        self, request: AnswerRequest, question: str, scaled: tuple[str, str], ctx: AnswerContext
    ) -> Plan | None:
        """The question without its unit answered, then its large numbers put in that unit;
        None (read whole as before) when either step does not apply."""
        head, unit = scaled
        first = self._answer_prepared(request, head, ctx)
        task = _answered_task(first)
        if task is None:
            return None
        restated = _restated_in_units(unit, task.sql, ctx)
        if restated is None:
            return None
        task = replace(
            task,
            task=question,
            sql=restated.sql,
            chart=None,
            assumptions=(*task.assumptions, *restated.notes),
        )
        return replace(first, tasks=(task,))

    def _with_follow_up(
        self, request: AnswerRequest, question: str, parts: tuple[str, str], ctx: AnswerContext
    ) -> Plan | None:
        """The first sentence answered, then the second as the follow-up it is. Only when it
        shows the same rows (columns added, a new order): anything else (None) is read whole
        as before."""
        head, then_asked = parts
        first = self._answer_prepared(request, head, ctx)
        task = _answered_task(first)
        if task is None:
            return None
        prior = PriorRound(head, "first-sentence", task.clarified_task, task.sql, state=first.state)
        second = self._answer_prepared(replace(request, history=(prior,)), then_asked, ctx)
        built = _answered_task(second)
        same_rows = built is not None and _from_on(_unordered(built.sql)) == _from_on(
            _unordered(task.sql)
        )
        if not same_rows and _shown_already(head, then_asked, task.sql):
            # '… have more than 10 companies? Please list those industries with the number of
            # companies in each.': the answer shows that number already
            note = {
                "concept": "two sentences",
                "explanation": f"'{then_asked}' is shown by the answer to '{head}'",
            }
            task = replace(task, task=question, assumptions=(note, *task.assumptions))
            return replace(first, tasks=(task,), assumptions=(note, *first.assumptions))
        dialect = ctx.lex.catalog.dialect
        if (
            built is None
            or not same_rows
            or not (_shown_columns(task.sql, dialect) <= _shown_columns(built.sql, dialect))
        ):
            return None  # other rows, or a column of the first answer lost
        note = {
            "concept": "two sentences",
            "explanation": f"Answered '{head}', then '{then_asked}' about those rows",
        }
        built = replace(built, task=question, assumptions=(note, *built.assumptions))
        return replace(second, tasks=(built,), assumptions=(note, *second.assumptions))

    def _moved_count(
        self, request: AnswerRequest, question: str, listed: str, ctx: AnswerContext
    ) -> Plan:
        """'how many stocks gained more than 50% in 2023': the series listed, then counted
        (moved_count.py); declined as the list is when the list is."""
        plan = self._answer(request, listed, ctx)
        if _declined(plan) or plan.breakdown:
            return plan
        task = plan.tasks[0]
        sql = counted(task.sql, ctx.lex.catalog.dialect, listed.split()[1])
        if sql is None:
            return self._single(
                self.refuse("0", question, Decline("I could not count those."), ctx)
            )
        note = {"concept": "how many", "explanation": f"the rows of '{listed}', counted"}
        task = replace(
            task, task=question, sql=sql, chart=None, assumptions=(note, *task.assumptions)
        )
        # no spec kept: a follow-up has no list of those rows to build on
        return Plan(tasks=(task,), clarified_task=question, assumptions=(note,))

    def _rounded(
        self, request: AnswerRequest, question: str, asked: tuple[str, int], ctx: AnswerContext
    ) -> Plan:
        """'…, rounded to 2 decimals': the question without those words, its computed values
        rounded (rounding.py); declined whole when there is nothing computed to round."""
        rest, digits = asked
        plan = self._answer(request, rest, ctx)
        if _declined(plan) or plan.breakdown:
            return plan
        task = plan.tasks[0]
        sql = rounded_sql(task.sql, digits, ctx.lex.catalog.dialect)
        if sql is None:
            reason = (
                f"'{question}' asks for values rounded to {digits} decimals, but '{rest}' "
                "computes none (its values are shown as stored); please ask without the rounding."
            )
            return self._single(self.refuse("0", question, Decline(reason), ctx))
        note = {"concept": "rounding", "explanation": f"Computed values rounded to {digits} places"}
        task = replace(task, task=question, sql=sql, assumptions=(*task.assumptions, note))
        state = {**(plan.state or {}), "rounded": digits}  # kept by an edit (_rounding_kept)
        return replace(plan, tasks=(task,), assumptions=(*plan.assumptions, note), state=state)

    def _at_two_points(
        self, request: AnswerRequest, question: str, points: tuple[str, str], ctx: AnswerContext
    ) -> Plan | None:
        """'the S&P 500 close at the end of 2022 vs the end of 2023': each point answered alone,
        their rows shown together (two_points.py); None when either part is not answered or
        the two differ in more than their dates."""
        plans = [self._answer(request, p, ctx) for p in points]
        if any(_declined(p) for p in plans):
            return None
        dialect = ctx.lex.catalog.dialect
        sqls = [dated(p.tasks[0].sql, dialect) for p in plans]
        if sqls[0] is None or sqls[1] is None or not same_but_dates(sqls[0], sqls[1]):
            return None
        sql = (
            f"SELECT * FROM ({sqls[0]}) AS first_point UNION ALL "
            f"SELECT * FROM ({sqls[1]}) AS second_point"
        )
        note = {
            "concept": "two points",
            "explanation": f"Answered '{points[0]}' and '{points[1]}', one row each",
        }
        task = replace(
            plans[0].tasks[0],
            task=question,
            clarified_task=f"{points[0]}; {points[1]}",
            sql=sql,
            assumptions=(note, *plans[0].tasks[0].assumptions),
            chart=None,
        )
        # no state: a follow-up has no one spec of both points to build on, so it declines
        return Plan(tasks=(task,), clarified_task=task.clarified_task, assumptions=(note,))

    def _single(self, outcome: Outcome) -> Plan:
        task = outcome.task
        state = (
            {"engine": ENGINE, "spec": outcome.spec.to_json()}
            if outcome.spec and not task.refusal  # a declined answer holds no rows to build on
            else {"engine": ENGINE}
        )
        return Plan(
            tasks=(task,),
            clarified_task=task.clarified_task,
            assumptions=task.assumptions,
            description=task.description,
            state=state,
        )

    def _breakdown(self, question: str, ctx: AnswerContext) -> Plan:
        parts = split_question(question)
        outcomes: list[Outcome] = []
        subject = ""
        previous: QuerySpec | None = None
        for k, part in enumerate(parts):
            task_id = f"0-{k}"
            outcome = None
            pronoun = _PRONOUN.search(part)
            leans_on_previous = previous is not None and pronoun is not None
            if previous is not None and pronoun is not None:
                # "… and what was its lowest close?": the part edits the previous sub-question
                edit = _safe_followup(previous, part, ctx.lex)
                if edit is not None:
                    extra = [
                        (
                            "sub-task",
                            "Read as a variation of the previous sub-task: "
                            + "; ".join(edit.changes),
                        )
                    ]
                    outcome = self.render(task_id, part, edit.spec, ctx, extra)
                else:
                    word = pronoun.group(0)
                    outcome = self.refuse(
                        task_id,
                        part,
                        Decline(
                            f"I could not tell what '{word}' refers to in this part of the question.",
                            (word,),
                        ),
                        ctx,
                    )
            if outcome is None:
                outcome = self.plan_one(part, task_id, ctx)
            if outcome.task.refusal and subject and not leans_on_previous:
                for form in with_subject(part, subject):
                    retry = self.plan_one(form, task_id, ctx)
                    if not retry.task.refusal:
                        outcome = Outcome(_with_task_text(retry.task, part), retry.spec)
                        break
            if outcome.spec is not None:
                subject = outcome.spec.table.replace("_", " ")
                previous = outcome.spec
            outcomes.append(outcome)
        tasks = tuple(o.task for o in outcomes)
        last = next((o.spec for o in reversed(outcomes) if o.spec is not None), None)
        answered = [t for t in tasks if not t.refusal]
        clarified = "; ".join(t.clarified_task for t in tasks)
        state = {"engine": ENGINE, "spec": last.to_json()} if last else {"engine": ENGINE}
        description = (
            f"The question was split into {len(tasks)} sub-task(s); "
            f"{len(answered)} answered, {len(tasks) - len(answered)} declined."
        )
        return Plan(
            tasks=tasks,
            clarified_task=clarified,
            breakdown=True,
            description=description,
            assumptions=assumptions(("sub-task " + t.task_id, t.clarified_task) for t in tasks),
            state=state,
        )

    def plan_one(
        self, question: str, task_id: str, ctx: AnswerContext, examples: bool = True
    ) -> Outcome:
        for read, answer in self._whole_readings:
            # a reading of the whole question ('combined market cap of the top 5', 'each
            # sector's share of …'): answered, or None to read the question as usual
            said = read(question)
            if said is not None:
                found = answer(said, question, task_id, ctx, examples)
                if found is not None:
                    return found
        question, edge = period_edge(question)  # 'at the end of 2022': its last day
        linked = own_series(dated_readings(link(question, ctx.lex), ctx.lex), ctx.lex)
        moved = value_after_noun(question, linked) or value_before_groups(question, linked)
        if moved is not None:
            # 'which 3 tech stocks have the most picks': the stocks in tech, ranked
            question = moved
            linked = own_series(dated_readings(link(question, ctx.lex), ctx.lex), ctx.lex)
        linked = counted_verbs(linked, ctx.lex.catalog)  # 'screened the most': the most screenings
        extreme = period_extreme(question, linked, ctx.lex)
        if (
            extreme is not None
            and not extreme.own_readings
            and far_attribute(linked, ctx.lex) is not None
        ):
            extreme = None  # 'S&P 500 high in 2022': a stock column far from an index
        if extreme is not None:
            # 'NVDA high for 2023': the year's high, read as 'the highest high'
            question = extreme.question
            linked = own_series(dated_readings(link(question, ctx.lex), ctx.lex), ctx.lex)
        spec = interpret(linked, ctx.lex, ctx.defaults)
        if isinstance(spec, Decline):
            people = who_means_people(question, spec, ctx.lex.catalog)
            if people is not None:
                # 'who signed up in nov 2023': the one table of people, said
                return self.plan_one(people, task_id, ctx, examples)
            return self.refuse(task_id, question, spec, ctx, examples)
        doubled = two_groupings(linked, spec, ctx.lex.catalog)
        if doubled is not None:
            return self.refuse(task_id, question, doubled, ctx, examples)
        if extreme is not None:
            spec = spec.with_(notes=(*spec.notes, extreme.note))
        cut = each_group_cut(question, spec)
        if cut is not None:
            return self.refuse(task_id, question, cut, ctx, examples)
        compared = groups_compared(linked, spec)
        if isinstance(compared, Decline):
            return self.refuse(task_id, question, compared, ctx, examples)
        if compared is not None:
            # 'Sectors above 10% of idx wt.': each sector's total weight, not one stock's
            totals = self.plan_one(compared, task_id, ctx, examples)
            if totals.task.refusal:
                return totals
            note = {"concept": "total", "explanation": f"read as '{compared}'"}
            task = replace(totals.task, assumptions=(note, *totals.task.assumptions))
            return Outcome(task, totals.spec)
        spec = at_period_edge(spec, edge)
        spec = total_of_how_much(spec, linked, ctx.lex.catalog) or spec
        spec = with_city_of_place(spec, question, ctx.lex)
        spec = each_series(question, spec, ctx.lex.catalog)  # 'top day for AMZN and META'
        far = (
            far_attribute(linked, ctx.lex)
            or far_group(spec, linked, ctx.lex)
            or far_choice(spec, linked, ctx.lex)
            or price_extreme(spec, linked, ctx.lex)
            or far_place(spec, linked, ctx.lex, question)
        )
        if far is not None:
            return self.refuse(task_id, question, far, ctx, examples)
        outcome = self.render(task_id, question, spec, ctx, examples=examples)
        if task_id == "0":  # a direct question shows only the columns it asks for
            # (the spec rendered: render() may have read it again, 'user 61 picks?')
            spec = outcome.spec or spec
            task = asked_projection(outcome.task, question, linked, spec, ctx.lex.catalog)
            outcome = Outcome(task, spec)
        sql = outcome.task.sql
        doubt = unaccounted(question, linked, sql, ctx.lex.catalog) if sql else None
        if doubt is not None:
            # the final SQL does not account for the question (guard.py): a decline, never a guess
            return self.refuse(task_id, question, doubt, ctx, examples)
        return outcome

    def _within_top(
        self, inside: WithinTop, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome:
        """'which of the 50 biggest companies by market cap are in Texas': the ranking and
        the rest answered apart, the rest kept to the ranking's rows. No spec is kept: an
        edit of either part alone would silently drop the other."""
        ranking = self.plan_one(inside.ranking, task_id, ctx, examples)
        rest = self.plan_one(inside.rest, task_id, ctx, examples)
        for part in (ranking, rest):
            if part.task.refusal:
                return Outcome(_with_task_text(part.task, question), None)
        spec, info = ranking.spec, None
        if spec is not None:
            info = ctx.lex.catalog.table(spec.table)
        sql = None
        rerooted = any(a.get("concept") == "rows" for a in ranking.task.assumptions)
        if (
            spec is not None
            and info is not None
            and len(info.primary_key) == 1
            and spec.limit == inside.rows
            and spec.metric is None
            and not rerooted
            # a rest that ranks rows of its own is two cuts, not one condition
            and rest.spec is not None
            and rest.spec.limit is None
            and rest.task.sql
            and ranking.task.sql
        ):
            sql = within_sql(
                ranking.task.sql,
                rest.task.sql,
                spec.table,
                info.primary_key[0],
                ctx.lex.catalog.dialect,
            )
        if sql is None:
            reason = (
                f"I could not keep '{inside.rest}' to the rows of '{inside.ranking}': the two "
                "do not read as questions about the same rows."
            )
            return self.refuse(task_id, question, Decline(reason), ctx, examples)
        note = (
            f"top {inside.rows}",
            f"Only rows among '{ranking.task.clarified_task}' ({inside.rows} rows)",
        )
        task = replace(
            rest.task,
            task=question,
            clarified_task=f"{rest.task.clarified_task}, among {ranking.task.clarified_task}",
            sql=sql,
            description=f"{rest.task.description} Only rows among the {inside.rows} the "
            "ranking keeps.",
            assumptions=ranking.task.assumptions + rest.task.assumptions + assumptions([note]),
            chart=None,
        )
        return Outcome(task, None)

    def _total_of_top(
        self, totalled: TopTotal, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome:
        """'combined market cap of the top 5 companies': the ranking answered on its own, then
        its measure added up over those rows. No spec is kept: an edit of the ranking alone
        would silently drop the total."""
        inner = self.plan_one(totalled.inner_question, task_id, ctx, examples)
        if inner.task.refusal:
            return Outcome(_with_task_text(inner.task, question), None)
        measure = [c for it in link(totalled.measure, ctx.lex).items for c in columns_of(it)]
        spec = inner.spec
        sql = None
        rerooted = any(a.get("concept") == "rows" for a in inner.task.assumptions)
        if (
            spec is not None
            and spec.limit == totalled.rows
            and spec.metric is None
            and measure
            and not rerooted  # 'the top 3 stocks by volume' read as 3 price rows: not stocks
        ):
            sql = totalled_sql(
                inner.task.sql, measure[0].column, totalled.func, ctx.lex.catalog.dialect
            )
        if sql is None:
            reason = (
                f"I could not tell which rows the '{totalled.word} {totalled.measure}' adds up: "
                f"'{totalled.inner_question}' does not read as a list of {totalled.rows} rows "
                "showing it."
            )
            return self.refuse(task_id, question, Decline(reason, (totalled.word,)), ctx, examples)
        column = measure[0].column
        done = "Added up" if totalled.func == "SUM" else "Averaged"
        note = (
            totalled.word,
            f"{done} the {column} of the {totalled.rows} rows of '{inner.task.clarified_task}'",
        )
        task = replace(
            inner.task,
            task=question,
            clarified_task=f"{totalled.word} {column} of: {inner.task.clarified_task}",
            sql=sql,
            description=f"{done} {column} over the {totalled.rows} rows the ranking keeps.",
            assumptions=inner.task.assumptions + assumptions([note]),
            chart=None,
        )
        return Outcome(task, None)

    def _first_event(
        self, asked: FirstEvent, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'avg days between signup and a user's first pick' (first_event.py): answered when
        the database has one table of people with a date and one table of their rows with
        theirs; otherwise the usual reading."""
        pair = people_and_rows(ctx.lex.catalog)
        if pair is None:
            return None
        sql, said = first_event_sql(asked, pair)
        note = {
            "concept": "first",
            "explanation": f"read as {said}; {pair.people}.{pair.joined} is when each joined, "
            f"{pair.rows}.{pair.made} when each row was made",
        }
        task = TaskPlan(
            task_id,
            question,
            said[0].upper() + said[1:],
            sql=sql,
            description=said[0].upper() + said[1:] + ".",
            assumptions=(note,),
        )
        return Outcome(task, None)

    def _share_of_rows_shown(
        self, prior: PriorRound, question: str, shown: dict, ctx: AnswerContext
    ) -> Outcome | None:
        """'what % of the index do those 5 add up to?' after the top 5 by weight: the measure
        of the rows shown added up, as a percent of the whole table's (top_share.py). Only
        after a ranked list over the whole table (a condition would make the whole unclear)."""
        said = shares_rows_shown(question)
        spec = QuerySpec.from_json(shown)
        if (
            said is None
            or not prior.sql
            or spec.shape != "list"
            or not spec.limit
            or spec.order_by is None
            or spec.filters
        ):
            return None
        named = [c for it in link(said, ctx.lex).items for c in columns_of(it)] if said else []
        column = named[0] if len({(c.table, c.column) for c in named}) == 1 else spec.order_by
        if said and not named:
            return None
        sql = share_sql(prior.sql, column.table, column.column, ctx.lex.catalog.dialect)
        if sql is None:
            return None
        note = {
            "concept": "those",
            "explanation": f"the {column.column} of the rows of the previous answer "
            f"('{prior.question}') added up, and its percent of the total {column.column} of "
            f"every {column.table} row",
        }
        task = TaskPlan(
            "0",
            question,
            f"share of the total {column.column} held by the rows of '{prior.question}'",
            sql=sql,
            description=(
                f"The combined {column.column} of the previous answer's rows and its percent of "
                f"the whole {column.table} total."
            ),
            assumptions=(note,),
        )
        return Outcome(task, None)

    def _share_of_top(
        self, share: TopShare, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'what % of the total index weight is in the top 10 holdings': the ranking answered
        on its own with its measure shown, then that measure of its rows added up and divided
        by the whole table's (top_share.py). Falls through when the ranking is not a plain
        list of those rows over the whole table (a condition would make the whole unclear)."""
        inner = self.plan_one(share.inner_question, task_id, ctx, examples)
        spec = inner.spec
        measure = [c for it in link(share.measure, ctx.lex).items for c in columns_of(it)]
        if (
            inner.task.refusal
            or spec is None
            or spec.limit != share.rows
            or spec.metric is not None
            or spec.filters
            or len({(c.table, c.column) for c in measure}) != 1
        ):
            return None
        column = measure[0]
        sql = share_sql(inner.task.sql, column.table, column.column, ctx.lex.catalog.dialect)
        if sql is None:
            return None
        note = (
            share.measure,
            f"the {column.column} of the {share.rows} rows of '{inner.task.clarified_task}' "
            f"added up, and its percent of the total {column.column} of every {column.table} row",
        )
        task = replace(
            inner.task,
            task=question,
            clarified_task=(
                f"share of the total {column.column} held by: {inner.task.clarified_task}"
            ),
            sql=sql,
            description=(
                f"The combined {column.column} of the {share.rows} rows the ranking keeps and "
                f"its percent of the whole {column.table} total."
            ),
            assumptions=inner.task.assumptions + assumptions([note]),
            chart=None,
        )
        return Outcome(task, None)

    def _period_ends(
        self, ends: PeriodEnds, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome:
        """'NFLX month-end closes for 2023': the rows of 'NFLX closes for 2023' on the last
        day with data of each month (period_ends.py)."""
        inner = self.plan_one(ends.question, task_id, ctx, examples)
        spec = inner.spec
        info = ctx.lex.catalog.table(spec.table) if spec is not None else None
        dates = [
            Col(info.name, c.name)
            for c in (info.columns if info is not None else ())
            if info is not None and ctx.lex.kind_of(info.name, c.name) == "date"
        ]
        if (
            inner.task.refusal
            or spec is None
            or spec.shape != "list"
            or spec.group_by is not None
            or spec.metric is not None
            or spec.limit
            or spec.change
            or len(dates) != 1
            or any(f.op in ("latest", "extreme") for f in spec.filters)
        ):
            reason = (
                f"'{ends.said}': I could only read the rows on the last day of each {ends.bucket} "
                f"of a plain list of dated rows, which '{ends.question}' does not read as."
            )
            return self.refuse(task_id, question, Decline(reason, (ends.said,)), ctx, examples)
        last_day = Filter(dates[0], "latest", ("", "max", ends.bucket))
        kept = spec.with_(filters=(*spec.filters, last_day))
        note = (ends.said, f"the rows on the last day with data of each {ends.bucket}")
        return self.render(task_id, question, kept, ctx, [note], examples)

    def _alone(self, question: str, ctx: AnswerContext) -> str:
        """A part of a question prepared as a question of its own would be ('US states',
        'sector weights' rewritten as the whole question's words are)."""
        alone = prepare(
            question,
            lambda rest: names_data(rest, ctx.lex),
            lambda rest: says_data(rest, ctx.lex),
        ).question
        regional = in_region(
            alone,
            lambda place: value_columns(place, ctx.lex),
            lambda text: tables_of_rows_named(text, ctx.lex),
        )
        alone = regional[0] if regional else alone
        totals = group_totals(alone, ctx.lex)
        return totals[0] if totals else alone

    def _distinct_having(
        self, said: DistinctHaving, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'cities with companies from at least 8 different sectors': the distinct count per
        group asked on its own, the groups kept by it (distinct_having.py); None when the rest
        is not a distinct count per group."""
        inner = self.plan_one(self._alone(said.question, ctx), task_id, ctx, examples=False)
        spec = inner.spec
        if (
            inner.task.refusal
            or spec is None
            or not one_value_per_group(spec)
            or spec.metric is None
            or spec.group_by is None
            or spec.metric.func != "COUNT"
            or not spec.metric.distinct
            or spec.limit
        ):
            return None
        kept = spec.with_(having=((said.op, float(said.value)),))
        note = (
            said.said,
            f"the {spec.group_by.column} groups whose rows hold {said.op} {said.value} different "
            f"{spec.metric.col.column if spec.metric.col else 'values'}",
        )
        return self.render(task_id, question, kept, ctx, [note], examples)

    def _group_share(
        self, said: GroupShare, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'each sector's share of total market cap': the count or sum per group asked on its
        own, each group shown with its percentage of the whole (group_share.py); None when
        the rest is not a count or a sum per group (the question is read as said)."""
        # read again as a question of its own: 'sector weights' is said per sector only once
        # the share words are gone
        inner = self.plan_one(self._alone(said.question, ctx), task_id, ctx, examples=False)
        spec = inner.spec
        if (
            inner.task.refusal
            or spec is None
            or spec.metric is None
            or spec.group_by is None
            or not shares_add_up(spec)
        ):
            return None
        kept = spec.with_(share_of_total=True, share=True)
        measured = spec.metric.col
        measure = "count" if measured is None else f"total {measured.column}"
        note = (
            said.said,
            f"each {spec.group_by.column}'s {measure} as a percentage of the {measure} over "
            f"every {spec.group_by.column}",
        )
        return self.render(task_id, question, kept, ctx, [note], examples)

    def _count_average(
        self, said: CountAverage, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'avg number of picks per user': the count per group asked on its own, then its
        counts averaged (count_average.py), over the groups with rows or over every group as
        the question or the data says; None when the words do not read that way."""
        if not said.said_count:
            rows = link(said.rows, ctx.lex).items
            if len(rows) != 1 or rows[0].kind != "table":
                return None  # 'average market cap per sector': a column's average
        inner = self.plan_one(said.counted, task_id, ctx, examples=False)
        spec = inner.spec
        if inner.task.refusal or spec is None or not inner.task.sql:
            return None
        if (
            spec.shape != "aggregate"
            or spec.group_by is None
            or spec.metric is None
            or spec.metric.func != "COUNT"
            or spec.having
            or spec.limit is not None
            or spec.bucket
            or spec.per_group is not None
            or spec.count_groups
            or spec.extra_metrics
            or spec.keep_empty
        ):
            return None
        dialect = ctx.lex.catalog.dialect
        groups = group_table(spec.group_by, spec.table, ctx.lex.catalog)
        every = f"SELECT COUNT(*) FROM {quoted_table(groups, dialect)}" if groups else ""
        over = said.over
        note = ""
        if groups and any(f.col.table == groups for f in spec.filters) and over != "rows":
            return self.refuse(task_id, question, _average_over_unsaid(said, groups), ctx, examples)
        if groups:
            try:
                counted = ctx.database.query(
                    f"SELECT COUNT(*) FROM ({inner.task.sql}) AS counted_groups", timeout=5.0
                ).rows
                every_count = ctx.database.query(every, timeout=5.0).rows
            except Exception:  # noqa: BLE001 - an unreadable check: declined below
                return None
            with_rows, total = int(str(counted[0][0])), int(str(every_count[0][0]))
            if with_rows == total:
                note = f"every one of the {total} {groups} has at least one, so both averages agree"
            elif over == "rows":
                note = f"over the {with_rows} {groups} with at least one"
            elif over == "all":
                note = f"over all {total} {groups}, those with none counted as 0"
            else:
                decline = _average_over_unsaid(said, groups, with_rows, total)
                return self.refuse(task_id, question, decline, ctx, examples)
        made = averaged_sql(inner.task.sql, dialect, every if over == "all" and note else "")
        if made is None:
            return None
        sql, label = made
        explained = f"the average of '{said.counted}'" + (f" ({note})" if note else "")
        task = replace(
            inner.task,
            task=question,
            clarified_task=f"The average, per {said.group}, of {said.counted}",
            description=f"The {label.replace('_', ' ')}: {explained}.",
            sql=sql,
            assumptions=inner.task.assumptions + assumptions([("average of a count", explained)]),
            chart=None,
        )
        return Outcome(task, None)

    def _groups_without(
        self, said: GroupsWithout, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome | None:
        """'which sectors have no company headquartered in Texas': the condition read as a
        question about the rows, then the sectors none of whose rows meet it
        (groups_without.py); None when the words do not read that way."""
        groups = link(said.groups, ctx.lex).items
        narrowing: tuple[Filter, ...] = ()
        if len(groups) == 1 and groups[0].kind == "column":
            columns = list(dict.fromkeys(columns_of(groups[0])))
        else:
            # 'US states': the distinct values of one column among rows said by a value
            listed = self.plan_one(said.groups, task_id, ctx, examples=False).spec
            if (
                listed is None
                or not listed.distinct
                or len(listed.columns) != 1
                or not listed.filters
                or any(
                    f.col.table != listed.table or f.op not in ("=", "in") for f in listed.filters
                )
            ):
                return None
            columns, narrowing = list(listed.columns), listed.filters
        if len(columns) != 1:
            return None
        info = ctx.lex.catalog.table(columns[0].table)
        if info is None or columns[0].column in info.primary_key:
            return None
        condition = self.plan_one(said.condition, task_id, ctx, examples=False)
        if condition.spec is None or condition.task.refusal:
            return None
        spec = groups_without_spec(columns[0], condition.spec, said)
        if spec is None:
            return None
        spec = spec.with_(filters=(*narrowing, *spec.filters))
        return self.render(task_id, question, spec, ctx, (), examples)

    def _same_as(
        self, shared: SameAs, question: str, task_id: str, ctx: AnswerContext, examples: bool
    ) -> Outcome:
        """'companies in the same industry as NVIDIA': NVIDIA's industry looked up by a
        question of its own, then the question asked with that value said (same_as.py)."""
        lookup = self.plan_one(shared.lookup_question(), task_id, ctx, examples=False)
        columns = [c for it in link(shared.column, ctx.lex).items for c in columns_of(it)]
        values: list[object] = []
        if not lookup.task.refusal and lookup.task.sql and columns:
            try:
                result = ctx.database.query(lookup.task.sql, max_rows=50, timeout=5.0)
            except Exception:  # noqa: BLE001 - an unreadable lookup: declined below
                result = None
            names = [c.lower() for c in result.columns] if result is not None else []
            at = next(
                (names.index(c.column.lower()) for c in columns if c.column.lower() in names), None
            )
            if result is not None and at is not None:
                values = list(dict.fromkeys(row[at] for row in result.rows if row[at] is not None))
        if len(values) != 1:
            found = "no" if not values else f"{len(values)}"
            reason = (
                f"'the same {shared.column} as {shared.who}': I found {found} {shared.column} "
                f"for {shared.who}; please name the {shared.column} itself."
            )
            return self.refuse(task_id, question, Decline(reason, (shared.column,)), ctx, examples)
        value = str(values[0])
        asked = self.plan_one(shared.asked_with(question, value), task_id, ctx, examples)
        if asked.task.refusal:
            return Outcome(_with_task_text(asked.task, question), None)
        note = (
            f"same {shared.column}",
            f"'the same {shared.column} as {shared.who}' read as {value}, the {shared.column} "
            f"of {shared.who}" + (f" ({shared.who} itself left out)" if shared.other else ""),
        )
        task = replace(
            asked.task, task=question, assumptions=asked.task.assumptions + assumptions([note])
        )
        return Outcome(task, asked.spec)

    def render(
        self,
        task_id: str,
        question: str,
        spec: QuerySpec,
        ctx: AnswerContext,
        extra=(),
        examples=True,
    ) -> Outcome:
        if spec.group_by is not None and any(
            m.col == spec.group_by and m.func != "COUNT"
            for m in (spec.metric, *spec.extra_metrics)
            if m is not None
        ):
            # 'combined weight of the 5 biggest names by weight': groups of equal weights
            # added up answer nothing; a total of the top rows needs a nested query
            reason = (
                f"'{question}' would group rows by {spec.group_by.column} and add up that same "
                f"column; a total of the top rows needs a nested query, which the built-in "
                "engine does not write."
            )
            return self.refuse(task_id, question, Decline(reason), ctx, examples)
        try:
            built = build(spec, ctx.lex.catalog)
        except PlanError as exc:
            return self.refuse(task_id, question, Decline(str(exc)), ctx, examples)
        echo = echoed(spec, built.list_cols, ctx.lex.catalog)
        if echo is not None:
            rows_of = linked_rows_of(spec, ctx.lex.catalog)
            if rows_of is not None:
                # 'user 61 picks?': that user's rows in the table named beside it
                return self.render(task_id, question, rows_of, ctx, extra, examples)
            return self.refuse(task_id, question, echo, ctx, examples)
        chart = choose_chart(spec, built.columns, ctx.lex.catalog, list(built.list_cols))
        outside = outside_the_data(spec, ctx.lex)
        if outside and (spec.change or (spec.shape == "aggregate" and spec.group_by is None)):
            # a change or a total over a period with no stored days is no number at all
            # (NULL - NULL, SUM of nothing): said as the data's range, never shown as a blank
            # (groups of such a period are none at all, an empty table said so as for a list:
            # 'signups by month for 2022')
            return self.refuse(task_id, question, Decline(outside), ctx, examples)
        task = TaskPlan(
            task_id=task_id,
            task=question,
            clarified_task=clarified_task(spec),
            sql=built.sql,
            description=describe_result(spec, built.columns) + (" " + outside if outside else ""),
            assumptions=assumptions(
                list(extra)
                + list(spec.notes)
                + list(built.assumptions)
                + ([("data range", outside)] if outside else [])
            ),
            chart=chart,
        )
        return Outcome(task, spec)

    def refuse(
        self,
        task_id: str,
        question: str,
        decline: Decline,
        ctx: AnswerContext,
        examples: bool = True,
    ) -> Outcome:
        near = self._nearby(question, ctx) if examples else []
        sample = near
        if examples and len(near) < 2:
            sample = near + [q for q in self._examples(ctx, 3 + len(near)) if q not in near]
        text = refusal_text(decline.reason, decline.words, ctx.lex, sample[:3], near=len(near) >= 2)
        return Outcome(TaskPlan(task_id, question, question, refusal=text), None)

    # ------------------------------------------------------------------ multi-round
    def _correction(
        self, prior: PriorRound, task_id: str, question: str, ctx: AnswerContext
    ) -> Outcome:
        data = (prior.state or {}).get("spec")
        if data:
            try:
                edit = apply_followup(
                    QuerySpec.from_json(data), question, ctx.lex, require_evidence=False
                )
            except ValueError as exc:
                return self.refuse("0", question, Decline(str(exc)), ctx)
            if edit is not None:
                what = f"answer {prior.answer_id}" + (f" task {task_id}" if task_id else "")
                extra = [
                    (
                        "feedback",
                        f"Corrected {what} ('{prior.question}'): " + "; ".join(edit.changes),
                    )
                ]
                return self.render("0", question, edit.spec, ctx, extra)
        fresh = self.plan_one(question, "0", ctx)
        if fresh.task.refusal:
            reason = f"I could not apply the feedback '{question}' to the earlier answer ('{prior.question}')."
            return self.refuse("0", question, Decline(reason, tuple(question.split())), ctx)
        return fresh

    # ------------------------------------------------------------------ other endpoints
    def suggest_questions(self, catalog: Catalog, database: Database, count: int = 5) -> list[str]:
        try:
            return self._examples(self._context(catalog, database), count)
        except Exception:  # noqa: BLE001
            return []

    def refine_sql(
        self, sql: str, feedback: str, catalog: Catalog, database: Database
    ) -> tuple[str, str]:
        try:
            return refine(sql, feedback, self._context(catalog, database).lex)
        except Exception as exc:  # noqa: BLE001
            return sql, f"I could not apply '{feedback}': {exc}"

    def describe(self, catalog: Catalog, database: Database) -> SchemaDescription:
        return describe_schema(catalog, self._context(catalog, database).lex)


_PRONOUN = re.compile(r"\b(it|its|they|them|their|that|those|the same)\b", re.IGNORECASE)


_SIZE_FIRST = re.compile(r"^(?:biggest|largest|smallest)(?:\s+ones?)?\s+first$", re.IGNORECASE)


def _periods_tied(plan: Plan, ctx: AnswerContext) -> Plan:
    """'which month had the fewest signups', read as a count per month cut to one row: every
    month tied at the top kept (bucket_extreme.py)."""
    if len(plan.tasks) != 1 or plan.tasks[0].refusal or not plan.tasks[0].sql:
        return plan
    task = plan.tasks[0]
    sql = tied_at_the_top(task.sql, ctx.lex.catalog.dialect)
    if sql is None:
        return plan
    note = {"concept": "ties", "explanation": "every period tied at the top is shown"}
    done = replace(task, sql=sql, assumptions=(*task.assumptions, note))
    state = dict(plan.state)
    if state.get("spec"):
        state["spec"] = {**state["spec"], "ties": True}  # 'and the slowest?' keeps the ties
    return replace(plan, tasks=(done,), assumptions=(*plan.assumptions, note), state=state)


def _rows_pinned(added: Added, prev: QuerySpec, ctx: AnswerContext) -> QuerySpec | None:
    """The previous answer kept to the rows it showed, by their keys ('only the tech ones'
    next narrows those rows and keeps their values; never a new ranking)."""
    group = added.group
    if group is None:
        return None
    try:
        result = ctx.database.query(added.sql, max_rows=200, timeout=5.0)
    except SQLExecutionError:
        return None
    names = [c.lower() for c in result.columns]
    if group.column.lower() not in names:
        return None
    at = names.index(group.column.lower())
    keys = tuple(dict.fromkeys(str(r[at]) for r in result.rows if r[at] is not None))
    if not keys:
        return None
    return prev.with_(filters=(*prev.filters, Filter(group, "in", keys)), limit=None)


def _ranked_anew(data: dict, before: dict) -> bool:
    """A new order or a new count of rows over rows kept by key."""
    new, old = QuerySpec.from_json(data), QuerySpec.from_json(before)
    return (new.descending, new.order_by, new.order_metric) != (
        old.descending,
        old.order_by,
        old.order_metric,
    ) or (new.limit is not None and new.limit != old.limit)


def _periods_of(data: dict) -> set[tuple]:
    spec = QuerySpec.from_json(data)
    return {(f.col, f.op, tuple(f.values)) for f in spec.filters if f.time}


def _with_first_crossing(question: str, plan: Plan, ctx: AnswerContext) -> Plan:
    """'When did the S&P 500 first close below 4,500?': the day with its close
    (first_crossing.py)."""
    if len(plan.tasks) != 1 or not plan.tasks[0].sql or plan.tasks[0].refusal:
        return plan
    task = plan.tasks[0]
    sql = first_crossing(question, task.sql, ctx.lex.catalog.dialect)
    if sql is None:
        return plan
    note = {"concept": "first", "explanation": "the earliest day past the level, with its value"}
    task = replace(task, sql=sql, assumptions=(*task.assumptions, note))
    return replace(plan, tasks=(task,), assumptions=(*plan.assumptions, note))


def _written_plan(
    question: str, understood: str, sql: str, notes: tuple[tuple[str, str], ...], state: dict
) -> Plan:
    """One task whose SQL a module wrote whole (a day move, a drawdown)."""
    said = assumptions(notes)
    task = TaskPlan(
        "0", question, understood, sql=sql, description=understood + ".", assumptions=said
    )
    return Plan(
        tasks=(task,),
        clarified_task=task.clarified_task,
        assumptions=said,
        description=task.description,
        state=state,
    )


def _specs_of(history: tuple[PriorRound, ...]) -> list[QuerySpec | None]:
    """The specs of the earlier answers, oldest first (None where a turn had none)."""
    specs: list[QuerySpec | None] = []
    for prior in history:
        data = (prior.state or {}).get("spec")
        specs.append(QuerySpec.from_json(data) if data else None)
    return specs


def _period_of(history: tuple[PriorRound, ...]) -> tuple[str, str, str] | None:
    """The one period the previous answer kept ('trading days in 2023'), for 'of those'."""
    data = (history[-1].state or {}).get("spec") if history else None
    if not data:
        return None
    spec = QuerySpec.from_json(data)
    periods = [f for f in spec.filters if f.time and f.op == "range" and all(f.values)]
    if len(periods) != 1:
        return None
    start, end = (str(v) for v in periods[0].values)
    return start, end, f"from {start} up to {end}"


def _safe_followup(spec: QuerySpec, text: str, lex: Lexicon):
    try:
        return apply_followup(spec, text, lex)
    except ValueError:
        return None


def _share_narrowed(outcome: Outcome, shown: dict | None) -> Decline | None:
    """'only tech and healthcare' after each sector's share of the total: the share would be
    recomputed over the groups kept (of tech and healthcare together, not of every sector),
    a different number under the same name; declined, the way to ask said. A condition on the
    rows ('only Nasdaq-listed stocks') asks for the shares among those rows, as recomputed."""
    if outcome.spec is None or not shown or not outcome.spec.share_of_total:
        return None
    before = QuerySpec.from_json(shown)
    if not before.share_of_total:
        return None
    added = set(outcome.spec.filters) - set(before.filters)
    if not any(f.col == outcome.spec.group_by for f in added):
        return None  # 'only for nasdaq listed stocks': the shares of the rows kept, recomputed
    return Decline(
        "Narrowing the groups would change each group's share: it would be of the groups kept, "
        "not of the whole shown before. Ask for those groups without the share, or ask for "
        "their share again in one question."
    )


def _with_task_text(task: TaskPlan, text: str) -> TaskPlan:
    return replace(task, task=text)


_THAT_VALUE = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:number|amount|value|figure|total|count|level|"
    r"price|percentage|share)\b",
    re.I,
)


_TWO_SENTENCES = re.compile(r"^(?P<head>[^?]{8,}\?)\s+(?P<then>[A-Z][^?]{4,}?)[.!]?\s*$")
# the second sentence shows more of the same rows: 'Please show the average for each of them.',
# 'Please list those industries with the number of companies in each.'
_SHOWS_MORE = re.compile(
    r"^\s*(?:(?:and|also)\s+)?(?:please\s+)?(?:(?:also\s+)?(?:show|list|give|include|add|display)"
    r"|can\s+you\s+(?:also\s+)?(?:show|list|give|include|add))\b[^?]*\b(?:them|those|these|apiece|"
    r"each(?:\s+one)?|each\s+of\s+(?:them|those|these))\b"
    # 'Percentage change over the year for each, please.': the measure said again, for each
    r"|^\s*(?:the\s+)?(?:%|percent(?:age)?)\s+change\b[^?]*\b(?:for\s+)?(?:each|both)\b",
    re.I,
)


def _question_then_follow_up(question: str, lex: Lexicon) -> tuple[str, str] | None:
    """(the question, the sentence after it) when the second only shows more of the first
    one's rows, or None."""
    m = _TWO_SENTENCES.match(question.strip())
    if m is None or not _SHOWS_MORE.match(m.group("then")):
        return None
    if _points_back(m.group("head"), lex):
        return None
    return m.group("head"), m.group("then")


_MEASURE_SHOWN = {
    "AVG(": re.compile(r"\b(?:average|avg|mean)\b", re.I),
    "COUNT(": re.compile(r"\b(?:number|how\s+many|count)\b", re.I),
    "SUM(": re.compile(r"\b(?:total|sum|combined)\b", re.I),
    "100.0 *": re.compile(r"%|\bpercent(?:age)?\b", re.I),
}
_ASKING_WORDS = frozenset(
    [
        "please",
        "show",
        "list",
        "give",
        "include",
        "add",
        "display",
        "also",
        "can",
        "you",
        "me",
        "the",
        "for",
        "each",
        "of",
        "them",
        "those",
        "these",
        "with",
        "in",
        "one",
        "a",
        "an",
        "and",
        "average",
        "avg",
        "mean",
        "number",
        "count",
        "how",
        "many",
        "total",
        "sum",
        "combined",
        "their",
        "its",
        "value",
        "values",
        "figure",
        "figures",
        "apiece",
        "percentage",
        "percent",
        "change",
        "over",
        "year",
        "period",
        "both",
    ]
)


def _shown_already(head: str, then_asked: str, sql: str) -> bool:
    """The second sentence asks for a measure the first answer's SQL shows, of rows the
    first sentence names, and nothing else."""
    said = [k for k, words in _MEASURE_SHOWN.items() if words.search(then_asked)]
    if len(said) != 1 or sql.upper().count(said[0]) == 0:
        return False
    head_words = {w.rstrip("s") for w in re.findall(r"[a-z]+", head.lower())}
    rest = [w for w in re.findall(r"[a-z]+", then_asked.lower()) if w not in _ASKING_WORDS]
    return all(w.rstrip("s") in head_words for w in rest)


def _answered_task(plan: Plan) -> TaskPlan | None:
    """The plan's one task when it was answered with SQL; None for a decline or a breakdown."""
    task = plan.tasks[0] if len(plan.tasks) == 1 else None
    return task if task is not None and not task.refusal and task.sql else None


def _restated_in_units(said: str, sql: str, ctx: AnswerContext) -> InUnits | None:
    """``sql`` with its large numbers in the unit ``said`` names ('in billions'; units.py)."""
    return in_units(
        said, sql, ctx.lex.catalog.dialect, lambda q: _columns_and_rows(ctx.database, q)
    )


def _unrounded(sql: str, dialect: str) -> str:
    """A query with the ROUND(…) around its shown values taken off."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.SqlglotError:
        return sql
    return tree.transform(
        lambda node: node.this if isinstance(node, sqlglot.exp.Round) else node
    ).sql(dialect=dialect)


def _shown_columns(sql: str, dialect: str) -> set[str]:
    """The names of the columns a query shows ('' when it cannot be read)."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.SqlglotError:
        return {""}
    return {e.alias_or_name for e in getattr(tree, "expressions", ())}


def _unordered(sql: str) -> str:
    """A query without its ORDER BY and LIMIT: the rows it reads, in any order."""
    at = sql.upper().rfind(" ORDER BY ")
    return sql[:at] if at >= 0 else sql


def _points_back(question: str, lex: Lexicon) -> str:
    return back_reference(question, link(question, lex))


# a question of its own ('which stock …', 'how many stocks …', 'where was the s&p 500 …')
_ASKS_ANEW = re.compile(
    r"^\s*(?:(?:ok|so)[\s,]+)?(?:which|what(?!\s+about)|whats|what's|how\s+many|how\s+much|where|who"
    r"|list|show|give|top|total|average|avg|number\s+of)\b",
    re.I,
)
# an aggregate said anew after a median ('and the average?'): not the median again
_SAYS_AGGREGATE = re.compile(
    r"\b(?:total|sum|average|avg|mean|max(?:imum)?|min(?:imum)?|count|how\s+many|highest|"
    r"lowest|number\s+of)\b",
    re.I,
)
# 'add mkt cap per FTE', 'also include the sector': one more thing in the answer before
_ADDS_TO_ANSWER = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|now|also|then|pls|please|can\s+you|could\s+you)[\s,]+)*"
    r"(?:add|include|tack\s+on|throw\s+in)\b",
    re.I,
)
# nothing but the period ('and the same quarter in 2023?' → 'and in Q4 2023?')
_BARE_EDIT = re.compile(
    r"[\s,?.!]*(?:(?:and|now|then|so|ok|what\s+about|how\s+about)\b)?[\s,?.!]*", re.I
)


def _tables_named(word: str, lex: Lexicon) -> set[str]:
    """The tables a word names ('companies', 'stocks')."""
    return {t.table for it in link(word, lex).items if it.kind == "table" for t in it.targets}


def _unplaced(linked) -> tuple[str, ...]:
    """Words of a sentence the engine cannot use: unknown, or known to be unsupported."""
    return (*linked.unknown, *(phrase for phrase, _ in linked.unsupported))


def _unplaced_in_request(text: str, lex: Lexicon) -> tuple[str, ...]:
    """The words of a sentence the engine cannot place, none when its shorthand, read, is all
    data: 'Top 10 idx wts.' or 'pull comps for the Semiconductors industry: …' ask, while
    'Thank you kindly.' is still courtesy once 'thank you' is read as nothing."""
    unplaced = _unplaced(link(text, lex))
    if unplaced and not _unplaced(link(prepare(text).question, lex)):
        return ()
    return unplaced


_SYMBOL_LEFT = re.compile(r"[a-z_]+\s*(?:>=|<=|=>|=<|≥|≤|>|<)\s*[a-z_]+", re.I)


def _declined(plan: Plan) -> bool:
    return len(plan.tasks) != 1 or bool(plan.tasks[0].refusal) or not plan.tasks[0].sql


def _from_on(sql: str) -> str:
    """A query from its FROM on: what rows it reads, whatever it shows of them."""
    at = sql.upper().find(" FROM ")
    return sql[at:] if at >= 0 else sql


def _with_preparation(plan: Plan, prepared: Prepared) -> Plan:
    """Say what was read differently from how it was written (boilerplate, abbreviations)."""
    notes = []
    if prepared.removed:
        notes.append(
            {
                "concept": "instructions",
                "explanation": "Instruction text around the question was set aside: "
                + prepared.removed[:200],
            }
        )
    if prepared.aside:
        notes.append(
            {
                "concept": "context",
                "explanation": "Sentences about you rather than the data were set aside: "
                + prepared.aside[:200],
            }
        )
    for written, read in prepared.rewrites:
        notes.append({"concept": written, "explanation": f"'{written}' read as '{read}'"})
    if not notes:
        return plan
    tasks = tuple(
        t if t.refusal else replace(t, assumptions=tuple(notes) + t.assumptions) for t in plan.tasks
    )
    return replace(plan, tasks=tasks, assumptions=tuple(notes) + plan.assumptions)


def _orders_by(sql: str, column: str) -> bool:
    """The SQL's ORDER BY (or a ranking subquery's) uses the column."""
    at = sql.upper().rfind("ORDER BY")
    return at >= 0 and re.search(rf"\b{re.escape(column)}\b", sql[at:], re.I) is not None


def _conditions_change_nothing(prev: QuerySpec, retried: Plan, ctx: AnswerContext) -> bool:
    """The conditions of the previous answer keep every row of the one asked again ('the top
    industry' of Real Estate's industries is in Real Estate anyway), so dropping them loses
    nothing; checked on the data."""
    kept = [f for f in prev.filters if not f.time]
    if not kept:
        return True
    shown = retried.state.get("spec")
    if not shown or len(retried.tasks) != 1:
        return False
    spec = QuerySpec.from_json(shown)
    added = tuple(f for f in kept if f not in spec.filters)
    if not added:
        return True
    if any(f.col.table != spec.table for f in added):
        return False
    try:
        narrowed = build(spec.with_(filters=spec.filters + added), ctx.lex.catalog).sql
        counts = [
            ctx.database.query(f"SELECT COUNT(*) FROM ({sql}) AS asked", timeout=5.0).rows[0][0]
            for sql in (retried.tasks[0].sql, narrowed)
        ]
    except Exception:  # noqa: BLE001 - not checked: not asked again
        return False
    return counts[0] == counts[1]


def _columns_and_rows(database: Database, sql: str) -> tuple[list[str], list[list]]:
    result = database.query(sql, max_rows=50, timeout=5.0)
    return list(result.columns), [list(r) for r in result.rows]


_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "those", "these", "theirs"})


# 'of those, how many also picked MSFT?': a further condition on the rows answered before
# (an attribute asked of them, 'who are their CEOs?', leaves them as they were)
_ANOTHER_CONDITION = re.compile(r"\b(?:also|too|as\s+well|both)\b", re.I)


# 'biggest one', 'the cheapest ones', 'which one': a row of the previous answer, no noun of its own
_ONE_OF_THOSE = re.compile(
    r"^\s*(?:and\s+|so\s+|ok\s+)?(?:the\s+|which\s+)?(?:[a-z]+(?:est)?\s+)?ones?\b(?!\s+of\b)",
    re.I,
)


_REGROUPS_THAT = re.compile(
    r"^\s*(?:(?:and|now|ok|so|then)[\s,]+)?(?:split|break|group|divide|bucket|slice|cut)\s+"
    r"(?:that|this|it|them|those|these)\b",
    re.I,
)
# 'can you add the average … too?', 'also include their weight as well': more of an answer
_ADDS_TO_IT = re.compile(
    r"^\s*(?:(?:and|ok(?:ay)?|now|then|so|pls|please)[\s,]+)*(?:(?:can|could|would)\s+you\s+)?"
    r"(?:(?:please|pls|also)\s+)?(?:add|include|throw\s+in|tack\s+on)\b"
    r"(?=.*\b(?:too|as\s+well|also|in\s+addition)\b)"
    # (as the engine reads it: 'also the average …', a noun phrase with no question of its own)
    r"|^\s*also\s+(?:the|their|its)\s+(?!.*\b(?:how|what|which|who|when|where)\b)",
    re.I,
)
# 'of these S&P 500 companies', 'these stocks': the data's own rows in a first question
_THESE_ROWS = re.compile(
    r"\b(?:of\s+)?these\s+(?=(?:s&p\s*500\s+|s&p\s+)?(?:companies|stocks|names|tickers|"
    r"firms|constituents)\b)",
    re.I,
)
_CONTINUES = re.compile(r"^\s*(?:and|&|what\s+about|how\s+about|same\s+(?:for|but))\b", re.I)
# 'Just the industries with more than 8 companies': some of the previous answer's rows
_NARROWS_IT = re.compile(r"^\s*(?:ok(?:ay)?[\s,]+)?(?:just|only)\s+(?:the|those|these)\b", re.I)


def _fragment_past_a_decline(
    history: tuple[PriorRound, ...], answered: PriorRound | None, question: str, ctx: AnswerContext
) -> Decline | None:
    """'and the low in 2022?' right after a question I declined: a fragment that continues
    it names nothing of its own, so answering it alone (the lowest low of any stock) would
    guess what the declined question was about."""
    if history[-1].sql:
        return None  # the previous question was answered
    if _REGROUPS_THAT.match(question):
        # 'split that by sector': that is the declined answer, never every company counted
        return Decline(
            f"'{question}' splits the answer to the previous question "
            f"('{history[-1].question}'), which I could not answer; please ask the whole "
            "question."
        )
    if _NARROWS_IT.match(question):
        return Decline(
            f"'{question}' keeps some rows of the answer to the previous question "
            f"('{history[-1].question}'), which I could not answer; please ask the whole "
            "question."
        )
    if _ADDS_TO_IT.match(question):
        # 'can you add the average per sector too?': beside the declined answer's values,
        # never the average alone as if it were the whole question
        return Decline(
            f"'{question}' adds to the answer of the previous question "
            f"('{history[-1].question}'), which I could not answer; please ask for both in "
            "one question."
        )
    linked = link(question, ctx.lex)
    evidence = followup_evidence(question, linked)
    if not (evidence.fragment and evidence.marker) or evidence.pronoun:
        return None
    if not _CONTINUES.match(question):
        return None  # 'ok then top 10 by ebitda': the declined question asked again, answerable
    if any(it.kind == "value" for it in linked.items):
        return None  # 'and for MSFT?': it names its own rows
    return Decline(
        f"'{question}' continues the previous question ('{history[-1].question}'), which I "
        "could not answer; please ask the whole question."
    )


def _plural_past_a_decline(
    history: tuple[PriorRound, ...], answered: PriorRound, question: str, ctx: AnswerContext
) -> Decline | None:
    """'list them w/ market cap' after a declined 'how many other companies are in that
    industry', itself after Visa's industry: 'them' are the rows the declined question asked
    about, not the one row answered before it; declined, never read as Visa. So too after a
    declined question that narrowed the rows answered ('of those, how many also …')."""
    if answered is history[-1]:
        return None
    declined = history[-1].question
    noun = re.search(r"\b(?:those|these)\s+([a-z]{4,})", question, re.I)
    if noun is not None:
        # 'Which of those picks were tech stocks?' after a declined question about the picks,
        # itself after a count of users: the picks are the declined question's rows
        stem = noun.group(1).lower()[:4]
        said = [w for w in re.findall(r"[a-z]+", declined.lower()) if w.startswith(stem)]
        before = [w for w in re.findall(r"[a-z]+", answered.question.lower()) if w.startswith(stem)]
        rows_named = any(it.kind == "table" for it in link(noun.group(1), ctx.lex).items)
        if said and not before and rows_named:
            return Decline(
                f"'{noun.group(0)}' seems to mean the rows of the question I could not answer "
                f"('{declined}'); please ask the whole question.",
                (noun.group(0),),
            )
    pronoun = back_reference(question, link(question, ctx.lex))
    if pronoun.lower() not in _PLURAL_PRONOUNS:
        return None
    data = (answered.state or {}).get("spec")
    try:
        spec = QuerySpec.from_json(data) if data else None
    except ValueError:
        return None
    # 'of those, how many also picked MSFT?' (declined) narrowed the rows answered before it;
    # 'a list of those folks' then means the narrowed rows, never the earlier ones
    narrowed = bool(_ANOTHER_CONDITION.search(declined)) and bool(
        back_reference(declined, link(declined, ctx.lex))
    )
    if spec is None or (
        not narrowed and (spec.shape != "list" or not one_row_named(spec, ctx.lex.catalog))
    ):
        return None
    return Decline(
        f"'{pronoun}' seems to mean the rows of the question I could not answer "
        f"('{declined}'), not {'those' if narrowed else 'the one row'} answered before it "
        f"('{answered.question}'); please ask the whole question.",
        (pronoun,),
    )


def _average_over_unsaid(
    said: CountAverage, groups: str, with_rows: int | None = None, total: int | None = None
) -> Decline:
    counts = (
        f" ({with_rows} of the {total} have at least one)"
        if with_rows is not None and total is not None
        else ""
    )
    return Decline(
        f"An average of {said.rows} per {said.group} can be over the {groups} with at least one "
        f"or over all {groups}{counts}; please say which ('among {groups} with at least one' "
        f"or 'over all {groups}').",
        (said.rows,),
    )


def _outside_absence(
    outcome: Outcome, shown: dict | None, before: str, question: str
) -> Decline | None:
    """'and in California?' after the sectors with no company in Texas: a condition added
    beside the absence would narrow the groups, not the rows they lack (groups_without.py);
    declined rather than answered as sectors with Californian companies."""
    if outcome.spec is None or not shown:
        return None
    prev = QuerySpec.from_json(shown)
    if not any(f.op == "absent_where" for f in prev.filters):
        return None
    if set(outcome.spec.filters) <= set(prev.filters):
        return None
    return Decline(
        f"'{question}' would change which rows the previous answer ('{before}') counts as "
        "missing; please ask the whole question again with the new condition."
    )


def _groups_listed_with_values(
    outcome: Outcome, shown: dict | None, question: str, lex: Lexicon
) -> Decline | None:
    """'add market cap for these' after the top 5 states by count: each state's total market
    cap, its average, or every company's? Read as a list of distinct (state, market cap)
    pairs it answers none of them (and drops equal values), so it is asked."""
    spec = outcome.spec
    if spec is None or not shown or spec.shape != "list" or not spec.distinct:
        return None
    before = QuerySpec.from_json(shown)
    if before.group_by is None or before.metric is None:
        return None
    if any(f.op == "latest" or f.time for f in spec.filters) or any(
        lex.kind_of(c.table, c.column) == "date" for c in spec.columns
    ):
        return None  # 'the most recent volume + date for each of them': one row each
    values = [
        c
        for c in spec.columns
        if c != before.group_by and lex.kind_of(c.table, c.column) == "number"
    ]
    if not values:
        return None
    said = values[0].column
    return Decline(
        f"'{question}' after the {before.group_by.column} groups of the previous answer: each "
        f"group's total {said}, its average, or every row's {said}? Please say which (for "
        f"example 'and their total {said.replace('_', ' ')}')."
    )


def _rows_lost(
    outcome: Outcome, prior: PriorRound, question: str, ctx: AnswerContext
) -> Decline | None:
    """A follow-up whose edit leaves no rows of a previous answer that had some ('and
    Seattle?' kept with Arizona): the conditions contradict each other, which an empty table
    would hide. Not for a period outside the data, which says so itself."""
    task = outcome.task
    if task.refusal or not task.sql or "The data covers" in (task.description or ""):
        return None
    if not prior.sql:
        return None
    try:
        if ctx.database.query(task.sql, max_rows=1, timeout=2.0).rows:
            return None
        if not ctx.database.query(prior.sql, max_rows=1, timeout=2.0).rows:
            return None  # the previous answer had no rows either: nothing was lost
    except Exception:  # noqa: BLE001 - the answer's own run reports it
        return None
    return Decline(
        f"Read as an edit of the previous question ('{prior.question}'), '{question}' leaves "
        "no rows: its conditions contradict the ones kept from before. Please ask the whole "
        "question."
    )
