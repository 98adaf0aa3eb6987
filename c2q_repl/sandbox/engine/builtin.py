"""The built-in, offline answerer: link → interpret → build SQL → fill the answer.

Per-catalog work (lexicon, value index, date anchors, verified example
questions) is computed once and cached under a lock; answering itself is
pure and thread-safe.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace

from c2q_repl.sandbox.contracts import (
    AnswerRequest,
    Catalog,
    Database,
    Plan,
    PriorRound,
    SchemaDescription,
    TaskPlan,
)

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
from .charts import choose_chart
from .checks import each_group_cut
from .clarify import clarified_task, describe_result, outside_the_data
from .counted_rows import counted_rows
from .describe import describe_schema
from .described import DescribedLexicons
from .echo import echoed
from .evidence import (
    PERSONAL,
    back_reference,
    demonstrative_column,
    only_edit_words,
    short_measure,
)
from .followups import apply_followup
from .group_conditions import condition_question, keep_groups_as, kept_groups
from .guard import unaccounted
from .interpret import SUPERLATIVE_WORDS, interpret
from .kb import few_shot_sql, with_terms
from .lexicon import Lexicon, load_synonyms
from .linking import Item, Linked, link
from .located import where_located, where_said
from .nearby import nearby_questions
from .normalize import tokenize
from .period_extreme import at_period_edge, period_edge, period_extreme
from .preprocess import Prepared, prepare, refusal_for_write
from .projection import asked_projection, shown_sql
from .ratio import share_of_rows_shown
from .reading import columns_of
from .references import (
    MAX_KEYS,
    PLURAL,
    dated_series,
    extreme_of_each,
    key_column,
    merge_filters,
    needs_rows,
    per_row,
    series_of_each,
    shown_values,
    subject_filters,
)
from .refine import refine
from .refusals import refusal_text
from .roles import person_tables
from .rounds import (
    changes_picked_rows,
    count_of_shown_rows,
    counted_per_group,
    counts_per_group_only,
    dates_onto_subject,
    each_of_the_rows,
    flipped_order,
    for_each_group,
    last_answered,
    named_subject,
    of_those_which,
    ranked_by_that,
    ranks_named_rows,
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
from .spec import Col, Decline, Filter, QuerySpec, one_day
from .spelling import corrected_spelling
from .sqlbuild import PlanError, build
from .suggest import candidates
from .top_total import TopTotal, total_of_top, totalled_sql
from .vocabulary import build_lexicon
from .wording import (
    arithmetic_decline,
    future_decline,
    month_without_year,
    names_data,
    says_data,
)

ENGINE = "builtin"
_NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
# pronouns that name an owner beside a demonstrative ('its volume that day')
_OWNER_WORDS = frozenset({"its", "their", "it", "they", "them"})
_NEARBY_TRIES = 6  # candidate suggestions tried per decline (each verified once per catalog)


@dataclass
class _Context:
    """Everything cached for one catalog."""

    lex: Lexicon
    defaults: dict
    database: Database
    examples: list[str] | None = None
    verified: dict[str, bool] = field(default_factory=dict)  # suggestion → answered with rows
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: _Context | None = None  # set on a per-request copy (knowledge terms added to the lexicon)


@dataclass(frozen=True)
class _Outcome:
    task: TaskPlan
    spec: QuerySpec | None


def _assumptions(pairs) -> tuple[dict, ...]:
    seen = []
    for concept, explanation in pairs:
        item = {"concept": str(concept), "explanation": str(explanation)}
        if item not in seen:
            seen.append(item)
    return tuple(seen)


class BuiltinAnswerer:
    """Answers only what it fully understands; declines the rest with reasons."""

    def __init__(self) -> None:
        self._synonyms = load_synonyms()
        self._contexts: dict[tuple[int, Catalog], _Context] = {}
        self._lock = threading.Lock()
        self._described = DescribedLexicons()

    # ------------------------------------------------------------------ caching
    def _context(self, catalog: Catalog, database: Database) -> _Context:
        key = (id(database), catalog)
        with self._lock:
            ctx = self._contexts.get(key)
        if ctx is not None:
            return ctx
        lex = build_lexicon(catalog, database, self._synonyms)
        ctx = _Context(lex, dict(self._synonyms.get("defaults", {})), database)
        with self._lock:
            return self._contexts.setdefault(key, ctx)

    def lexicon(self, catalog: Catalog, database: Database) -> Lexicon:
        """The cached vocabulary of a catalog (the LLM engine samples values from it)."""
        return self._context(catalog, database).lex

    def _examples(self, ctx: _Context, count: int = 8) -> list[str]:
        ctx = ctx.base or ctx
        with ctx.lock:
            if ctx.examples is None:
                ctx.examples = [q for q in candidates(ctx.lex) if self._verified(q, ctx)]
            return ctx.examples[:count]

    def _nearby(self, question: str, ctx: _Context, count: int = 3) -> list[str]:
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

    def _verified(self, question: str, ctx: _Context) -> bool:
        outcome = self._plan_one(question, "0", ctx, examples=False)
        if outcome.task.refusal:
            return False
        try:
            return bool(ctx.database.query(outcome.task.sql, max_rows=5, timeout=5.0).rows)
        except Exception:  # noqa: BLE001 - a suggestion that fails to run is simply not offered
            return False

    # ------------------------------------------------------------------ answering
    def answer(self, request: AnswerRequest) -> Plan:
        question = (request.question or "").strip()
        try:
            ctx = self._context(request.catalog, request.database)
            return self._answer(request, question, ctx)
        except Exception as exc:  # noqa: BLE001 - the contract: never raise for a question
            task = TaskPlan(
                "0",
                question,
                question,
                refusal=f"The built-in engine failed on this question: {exc}",
            )
            return Plan(tasks=(task,), clarified_task=question)

    def _answer(self, request: AnswerRequest, question: str, ctx: _Context) -> Plan:
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
            return self._single(self._refuse("0", question, Decline("Please ask a question."), ctx))
        prepared = prepare(
            question,
            lambda rest: names_data(rest, ctx.lex),
            lambda rest: says_data(rest, ctx.lex),
        )
        if prepared.destructive:
            write = Decline(refusal_for_write(prepared.destructive))
            return self._single(self._refuse("0", question, write, ctx))
        placed = where_located(prepared.question, ctx.lex)
        if placed != prepared.question:
            said = where_said(prepared.question)
            prepared = replace(
                prepared, question=placed, rewrites=prepared.rewrites + ((said, "its place"),)
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
        monthly = month_without_year(prepared.question, ctx.lex)
        if monthly is not None:
            return self._single(self._refuse("0", question, monthly, ctx))
        forecast = future_decline(prepared.question, ctx.lex)
        if forecast is not None:
            return self._single(self._refuse("0", question, forecast, ctx))
        prepared, arithmetic = arithmetic_decline(prepared, ctx.lex)
        if arithmetic is not None:
            return self._single(self._refuse("0", question, arithmetic, ctx))
        return _with_preparation(self._answer_prepared(request, prepared.question, ctx), prepared)

    def _answer_prepared(self, request: AnswerRequest, question: str, ctx: _Context) -> Plan:
        if request.feedback is not None:
            return self._single(
                self._correction(request.feedback, request.feedback_task_id, question, ctx)
            )
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
                return self._single(self._render("0", question, between.spec, ctx, [between.note]))
        if request.history:
            outcome = self._followup(
                request.history[-1], question, ctx, last_answered(request.history)
            )
            if outcome is not None:
                return self._single(outcome)
            said = _THAT_VALUE.search(question)
            if said is not None:
                # 'how many users are at that number?': the previous answer's value used as a
                # condition, which a new question without it would silently drop
                reason = (
                    f"'{said.group(0)}' uses the value of the previous answer "
                    f"('{request.history[-1].question}') in a new question, which I cannot do; "
                    "please write the value itself into the question."
                )
                return self._single(self._refuse("0", question, Decline(reason), ctx))
        elif request.mode != "auto_breakdown":
            pronoun = back_reference(question, link(question, ctx.lex))
            if pronoun:
                # 'which companies are in that industry' as a first question: nothing to point at
                reason = (
                    f"'{pronoun}' points back to an earlier answer, and there is none in this "
                    "session; please name what you mean."
                )
                return self._single(self._refuse("0", question, Decline(reason, (pronoun,)), ctx))
        if request.mode == "auto_breakdown":
            return self._breakdown(question, ctx)
        return self._single(self._plan_one(question, "0", ctx))

    def _single(self, outcome: _Outcome) -> Plan:
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

    def _breakdown(self, question: str, ctx: _Context) -> Plan:
        parts = split_question(question)
        outcomes: list[_Outcome] = []
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
                    outcome = self._render(task_id, part, edit.spec, ctx, extra)
                else:
                    word = pronoun.group(0)
                    outcome = self._refuse(
                        task_id,
                        part,
                        Decline(
                            f"I could not tell what '{word}' refers to in this part of the question.",
                            (word,),
                        ),
                        ctx,
                    )
            if outcome is None:
                outcome = self._plan_one(part, task_id, ctx)
            if outcome.task.refusal and subject and not leans_on_previous:
                for form in with_subject(part, subject):
                    retry = self._plan_one(form, task_id, ctx)
                    if not retry.task.refusal:
                        outcome = _Outcome(_with_task_text(retry.task, part), retry.spec)
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
            assumptions=_assumptions(("sub-task " + t.task_id, t.clarified_task) for t in tasks),
            state=state,
        )

    def _plan_one(
        self, question: str, task_id: str, ctx: _Context, examples: bool = True
    ) -> _Outcome:
        totalled = total_of_top(question)
        if totalled is not None:
            return self._total_of_top(totalled, question, task_id, ctx, examples)
        question, edge = period_edge(question)  # 'at the end of 2022': its last day
        linked = own_series(dated_readings(link(question, ctx.lex), ctx.lex), ctx.lex)
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
            return self._refuse(task_id, question, spec, ctx, examples)
        if extreme is not None:
            spec = spec.with_(notes=(*spec.notes, extreme.note))
        cut = each_group_cut(question, spec)
        if cut is not None:
            return self._refuse(task_id, question, cut, ctx, examples)
        spec = at_period_edge(spec, edge)
        far = (
            far_attribute(linked, ctx.lex)
            or far_group(spec, linked, ctx.lex)
            or far_choice(spec, linked, ctx.lex)
            or price_extreme(spec, linked, ctx.lex)
            or far_place(spec, linked, ctx.lex, question)
        )
        if far is not None:
            return self._refuse(task_id, question, far, ctx, examples)
        outcome = self._render(task_id, question, spec, ctx, examples=examples)
        if task_id == "0":  # a direct question shows only the columns it asks for
            task = asked_projection(outcome.task, question, linked, spec, ctx.lex.catalog)
            outcome = _Outcome(task, spec)
        sql = outcome.task.sql
        doubt = unaccounted(question, linked, sql, ctx.lex.catalog) if sql else None
        if doubt is not None:
            # the final SQL does not account for the question (guard.py): a decline, never a guess
            return self._refuse(task_id, question, doubt, ctx, examples)
        return outcome

    def _total_of_top(
        self, totalled: TopTotal, question: str, task_id: str, ctx: _Context, examples: bool
    ) -> _Outcome:
        """'combined market cap of the top 5 companies': the ranking answered on its own, then
        its measure added up over those rows. No spec is kept: an edit of the ranking alone
        would silently drop the total."""
        inner = self._plan_one(totalled.inner_question, task_id, ctx, examples)
        if inner.task.refusal:
            return _Outcome(_with_task_text(inner.task, question), None)
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
            return self._refuse(task_id, question, Decline(reason, (totalled.word,)), ctx, examples)
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
            assumptions=inner.task.assumptions + _assumptions([note]),
            chart=None,
        )
        return _Outcome(task, None)

    def _render(
        self, task_id: str, question: str, spec: QuerySpec, ctx: _Context, extra=(), examples=True
    ) -> _Outcome:
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
            return self._refuse(task_id, question, Decline(reason), ctx, examples)
        try:
            built = build(spec, ctx.lex.catalog)
        except PlanError as exc:
            return self._refuse(task_id, question, Decline(str(exc)), ctx, examples)
        echo = echoed(spec, built.list_cols, ctx.lex.catalog)
        if echo is not None:
            return self._refuse(task_id, question, echo, ctx, examples)
        chart = choose_chart(spec, built.columns, ctx.lex.catalog, list(built.list_cols))
        outside = outside_the_data(spec, ctx.lex)
        if outside and (spec.change or (spec.shape == "aggregate" and spec.group_by is None)):
            # a change or a total over a period with no stored days is no number at all
            # (NULL - NULL, SUM of nothing): said as the data's range, never shown as empty
            return self._refuse(task_id, question, Decline(outside), ctx, examples)
        task = TaskPlan(
            task_id=task_id,
            task=question,
            clarified_task=clarified_task(spec),
            sql=built.sql,
            description=describe_result(spec, built.columns) + (" " + outside if outside else ""),
            assumptions=_assumptions(
                list(extra)
                + list(spec.notes)
                + list(built.assumptions)
                + ([("data range", outside)] if outside else [])
            ),
            chart=chart,
        )
        return _Outcome(task, spec)

    def _refuse(
        self, task_id: str, question: str, decline: Decline, ctx: _Context, examples: bool = True
    ) -> _Outcome:
        near = self._nearby(question, ctx) if examples else []
        sample = near
        if examples and len(near) < 2:
            sample = near + [q for q in self._examples(ctx, 3 + len(near)) if q not in near]
        text = refusal_text(decline.reason, decline.words, ctx.lex, sample[:3], near=len(near) >= 2)
        return _Outcome(TaskPlan(task_id, question, question, refusal=text), None)

    # ------------------------------------------------------------------ multi-round
    def _followup(
        self, prior: PriorRound, question: str, ctx: _Context, answered: PriorRound | None = None
    ) -> _Outcome | None:
        data = (prior.state or {}).get("spec")
        question = same_as_before(question)  # 'same for microsoft': 'what about microsoft'
        question = of_those_which(question)
        sort_them = _SORT_THEM.match(question) if data else None
        if sort_them is not None and data:
            shown = QuerySpec.from_json(data)
            if not shown.limit:
                # 'sort them by market cap': all the previous rows sorted, an edit
                question = _SORT_THEM.sub(r"\1", question)
            elif shown.shape == "list" and shown.group_by is None:
                # after a top N 'them' are those N rows, sorted; re-ranking every row would
                # answer another question
                rest = question[sort_them.end() :].strip(" ?.!")
                if not _DIRECTION_SAID.search(rest):
                    rest += " highest first"  # a sort by a number: largest first, as edits do
                rows = f"{shown.table.replace('_', ' ')} sorted {rest}"
                return self._resolve_reference(prior, shown, rows, sort_them.group(2), ctx)
        several = _SEVERAL_ANSWERS.search(question)
        if several is not None:
            # 'same two numbers for Q1 2023 pls': two earlier answers; an edit can only
            # change the last one
            reason = (
                f"'{several.group(0)}' refers to more than one earlier answer, and a follow-up "
                "can only change the last one; please ask for them together in one question."
            )
            return self._refuse("0", question, Decline(reason), ctx)
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
            return self._refuse("0", question, Decline(reason, (said_value,)), ctx)
        if not data and pronoun and older and _narrowed(prior.question):
            # 'how many of them haven't picked any stock?' (declined) → 'list their ids': the
            # rows that question picked, which no answer holds; never the rows before it
            reason = (
                f"'{pronoun}' refers to the rows of the previous question ('{prior.question}'), "
                "which I could not answer; please ask for them in one question."
            )
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if (
            not data
            and pronoun
            and older
            and answered is not None
            and not back_reference(prior.question, link(prior.question, ctx.lex))
        ):
            # 'list the companies in it' after 'which sector has the most' (declined): 'it'
            # is what that question asked for, which no answer holds
            reason = (
                f"'{pronoun}' refers to what the previous question asked for "
                f"('{prior.question}'), which I could not answer; please ask in one question."
            )
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if not data and pronoun and older and answered is not None:
            # 'they' after a declined question ('who are their CEOs?'): the rows of the
            # answer before it; an edit ('what about Energy?') is never moved back that way
            prev = QuerySpec.from_json(older)
            try:
                edit = apply_followup(prev, question, ctx.lex)
            except ValueError:
                edit = None
            if edit is None:
                return self._resolve_reference(answered, prev, question, pronoun, ctx)
        if not data:
            if pronoun:
                reason = (
                    f"I could not tell what '{pronoun}' refers to: the previous question "
                    "has no answer I can build on. Please name what you mean."
                )
                return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
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
                return self._refuse("0", question, Decline(reason), ctx)
            if older and _series_question_of_one(question, linked, QuerySpec.from_json(older), ctx):
                # '52 wk high?' after MSFT's latest close and a declined question: about MSFT
                # (or about what the declined question meant), never the highest of all
                reason = (
                    f"'{question}' names no rows of its own; after '{prior.question}', which I "
                    "could not answer, I cannot tell whose it is. Please name the stock."
                )
                return self._refuse("0", question, Decline(reason), ctx)
            return self._unplaced_edit(prior, question, linked, ctx)
        prev = QuerySpec.from_json(data)
        each_row = which_of_the_two(
            each_of_the_rows(question, prev), prev, _names_several_rows(prev)
        )
        if each_row != question:
            # 'how many employees does each have' after two named companies: each of them
            question, linked = each_row, link(each_row, ctx.lex)
            pronoun = back_reference(question, linked)
        kept = kept_groups(question, prev)
        condition = condition_question(question, prev) if kept is None else None
        if condition is not None:
            # 'only the sectors where avg revenue growth is positive': the condition read as
            # a question of its own, its HAVING moved onto the previous grouping
            kept = keep_groups_as(prev, self._plan_one(condition, "1", ctx, examples=False).spec)
        if kept is not None:
            note = ("follow-up", f"The groups of '{prior.question}' whose value passes")
            return self._render("0", question, kept, ctx, [note])
        flipped = flipped_order(question, prev)
        if flipped is not None:
            note = ("follow-up", f"The rows of '{prior.question}', in the opposite order")
            return self._render("0", question, flipped, ctx, [note])
        top = top_group(question, prev)
        if top is not None:
            note = ("follow-up", f"The groups of '{prior.question}', the one at the top kept")
            return self._render("0", question, top, ctx, [note])
        shown_count = count_of_shown_rows(question, prev)
        if shown_count is not None:
            note = ("follow-up", f"The rows of '{prior.question}', counted")
            return self._render("0", question, shown_count, ctx, [note])
        listed = counted_rows(prev, question, ctx.lex)
        if listed is not None:
            note = ("follow-up", f"The rows counted by '{prior.question}', listed")
            return self._render("0", question, listed, ctx, [note])
        ranked = ranks_named_rows(question, linked, prev)
        if ranked != question:
            # 'list the 5 biggest by market cap' after a count of tech companies: of those
            question, linked = ranked, link(ranked, ctx.lex)
            pronoun = back_reference(question, linked)
        each = for_each_group(question, prev)
        if each != question and not named_subject(prev):
            # 'avg market cap for each?': per the groups of the previous answer, a question of
            # its own about every row (the groups came from a condition-free grouping)
            return self._plan_one(each, "0", ctx)
        recounted = counted_per_group(question, prev)
        if recounted != question:
            question, linked = recounted, link(recounted, ctx.lex)
            pronoun = back_reference(question, linked)
        in_that_period = that_period(question, prev)
        if in_that_period is not None:
            # 'the highest high in that period': the previous rows, over their dates
            resolved = self._resolve_reference(prior, prev, in_that_period, "that period", ctx)
            if resolved.spec is not None and prev.table not in resolved.spec.tables():
                # 'highest close in that quarter' after the S&P 500's average level: a column
                # of another table's dated rows (its member stocks), not of the rows shown
                reason = (
                    f"'{question}' asks about other rows ({resolved.spec.table}) than those of "
                    f"the previous answer ({prev.table}); please ask the whole question."
                )
                return self._refuse("0", question, Decline(reason), ctx)
            return resolved
        everything = ranked_by_that(question, prev)
        if everything is not None:
            note = ("follow-up", f"Every group of '{prior.question}', ranked by its value")
            return self._render("0", question, everything, ctx, [note])
        counted = _NUMBER_WORDS.get(pronoun.lower())
        named = next((f for f in prev.filters if f.op in ("in", "=")), None)
        if counted is not None and named is not None and len(named.values) != counted:
            reason = (
                f"'the {pronoun}' does not match the previous answer ('{prior.question}'), "
                f"which names {len(named.values)}; please name the ones you mean."
            )
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        try:
            said = when_was_that(
                same_day_said(same_day_in_year(shifted_period(question, prev), prev), prev),
                prev,
                ctx.lex,
            )
            said, edge = period_edge(said)  # 'and at the end of 2022?': that year's last day
            edit = apply_followup(prev, said, ctx.lex)
        except ValueError as exc:
            return self._refuse("0", question, Decline(str(exc)), ctx)
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
                return self._resolve_reference(prior, prev, question, pronoun, ctx)
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
            return self._refuse("0", question, Decline(reason), ctx)
        if _ranked_by_another_series(prev, edit.spec, ctx.lex.catalog):
            if pronoun:
                # 'what was its highest close in 2023' after microsoft's sector and city: the
                # highest of its own price rows, never its company columns sorted by a price
                return self._resolve_reference(prior, prev, question, pronoun, ctx)
            reason = (
                f"'{question}' would sort the rows of the previous answer ('{prior.question}') "
                "by a value of another table, which has many rows for each; please ask the "
                "whole question (for example naming the stock)."
            )
            return self._refuse("0", question, Decline(reason), ctx)
        if (
            prev.limit
            and _AMONG_SHOWN.search(question)
            and any(f not in prev.filters and not f.time for f in edit.spec.filters)
        ):
            # 'which of them are in consumer cyclical' after the 10 cheapest stocks: those ten,
            # filtered; never the 10 cheapest consumer cyclical stocks
            return self._resolve_reference(prior, prev, question, pronoun or "them", ctx)
        if swaps_owner_of_a_found_day(prev, edit.spec, ctx.lex):
            reason = (
                f"The day in the previous answer was found from its own rows ('{prior.question}'"
                f"); '{question}' changes whose rows they are, and that day may not be theirs. "
                "Please ask the whole question again."
            )
            return self._refuse("0", question, Decline(reason), ctx)
        if changes_picked_rows(prev, edit.spec, ctx.lex):
            reason = (
                f"The previous answer was about the rows picked earlier ('{prior.question}'); "
                f"'{question}' changes the condition that picked them, so those rows would no "
                "longer be the ones meant. Please ask the whole question again."
            )
            return self._refuse("0", question, Decline(reason), ctx)
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
                return self._refuse("0", question, Decline(reason), ctx)
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
            return self._refuse("0", question, excluded, ctx)
        if _one_row_compared(question, prev):
            reason = (
                f"'{question}' compares rows, but the previous answer ('{prior.question}') is "
                "about one; please name the ones to compare (for example 'which of Apple and "
                "Microsoft …')."
            )
            return self._refuse("0", question, Decline(reason), ctx)
        if _same_query(prev, edit.spec, ctx.lex.catalog):
            # 'list them in descending order' after a count: an edit that changes nothing
            # would repeat the previous answer as if it were the one asked
            reason = (
                f"'{question}' would give the same answer as '{prior.question}': I could not "
                "tell what it changes. Please ask the whole question."
            )
            return self._refuse("0", question, Decline(reason), ctx)
        extra = [
            (
                "follow-up",
                f"Edited the previous question '{prior.question}': " + "; ".join(edit.changes),
            )
        ]
        return self._render("0", question, edit.spec, ctx, extra)

    def _about_named_subject(
        self, prior: PriorRound, prev: QuerySpec, question: str, linked: Linked, ctx: _Context
    ) -> _Outcome:
        """'how many employees' after 'what sector is Nvidia in?': Nvidia's employees (the
        rows the previous question named), never the total over every company."""
        spec = interpret(linked, ctx.lex, ctx.defaults)
        if isinstance(spec, Decline):
            return self._refuse("0", question, spec, ctx)
        subject = named_subject(prev)
        if not set(spec.tables()) <= set(prev.tables()) | {f.col.table for f in subject}:
            # 'on which dates?' after the index's high and low: not a measure of those rows
            return self._refuse("0", question, Decline(_unrelated(question, prior)), ctx)
        single = len(subject) == 1 and subject[0].op == "=" and len(subject[0].values) == 1
        if spec.shape == "list" and not single:
            reason = (
                f"'{question}' names no rows of its own; after '{prior.question}' it can mean "
                "a value for each of those rows or one over all of them. Please say which."
            )
            return self._refuse("0", question, Decline(reason), ctx)
        merged = merge_filters(spec, subject)
        said = "; ".join(
            f"{f.col.column} {f.op} " + ", ".join(f"'{v}'" for v in f.values[:5]) for f in subject
        )
        extra = [("follow-up", f"About the rows of '{prior.question}' ({said})")]
        outcome = self._render("0", question, merged, ctx, extra)
        if outcome.task.refusal:
            return self._refuse("0", question, Decline(outcome.task.refusal), ctx, examples=False)
        return outcome

    def _same_rows_another_day(
        self,
        prior: PriorRound,
        prev: QuerySpec,
        spec: QuerySpec,
        filters: tuple[Filter, ...],
        ctx: _Context,
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
        self, prior: PriorRound, prev: QuerySpec, question: str, pronoun: str, ctx: _Context
    ) -> _Outcome | None:
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
            return self._refuse("0", question, far, ctx)
        if linked == plain:
            return None
        outcome = self._plan_one(said, "0", ctx)
        if outcome.task.refusal:
            return outcome
        note = {
            "concept": pronoun,
            "explanation": f"'{pronoun}' read as {name} (from '{prior.question}')",
        }
        task = replace(outcome.task, assumptions=(note, *outcome.task.assumptions))
        return _Outcome(task, outcome.spec)

    def _unplaced_edit(
        self, prior: PriorRound, question: str, linked: Linked, ctx: _Context
    ) -> _Outcome | None:
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
        return self._refuse("0", question, Decline(reason), ctx)

    def _resolve_reference(
        self, prior: PriorRound, prev: QuerySpec, question: str, pronoun: str, ctx: _Context
    ) -> _Outcome:
        """ "how many employees does it have?": the question, about the previous subject."""
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
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if pronoun.lower() in PERSONAL and prev.table not in {
            t.name for t in person_tables(ctx.lex)
        }:
            # 'he/she' after an answer that is not about persons points at nothing
            return self._refuse("0", question, unclear, ctx)
        named_owner = self._as_named(prior, prev, question, pronoun, ctx)
        if named_owner is not None:
            return named_owner
        if _ALL_OF_THEM.search(question) and (
            prev.limit == 1 or any(f.op == "extreme" for f in prev.filters)
        ):
            # 'total employees across all of them?' after 'which of them has the biggest
            # market cap': all the rows that ranking chose from, not the one it kept
            prev = prev.with_(
                filters=tuple(f for f in prev.filters if f.op != "extreme"),
                limit=None,
                limit_stated=False,
                order_by=None,
                ties=False,
            )
        question, said_count = _of_those_n(shifted_period(question, prev))
        if (
            pronoun.lower() in PLURAL
            and prev.limit == 1
            and prev.group_by is None
            and prev.per_group is None  # one per sector: the rows kept, not the sectors
            and any(f.op == "in" and len(f.values) > 1 for f in prev.filters)
        ):
            # 'their avg daily volume' after 'which one has higher ebitda' of KO and PEP:
            # 'their' is the companies compared, not the one row the ranking kept
            prev = prev.with_(limit=None, limit_stated=False, order_by=None, ties=False)
        question, edge = period_edge(question)
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
        if named is not None:
            # 'that industry' is the previous answer's value, not a column to show
            linked = replace(linked, items=tuple(it for it in linked.items if it is not named))
        share = share_of_rows_shown(list(linked.items), ctx.lex)
        spec = share or interpret(linked, ctx.lex, ctx.defaults)
        if isinstance(spec, Decline):
            return self._refuse("0", question, spec, ctx)
        if extreme is not None:
            spec = spec.with_(notes=(*spec.notes, extreme.note))
        far = (
            far_attribute(linked, ctx.lex)
            or far_place(spec, linked, ctx.lex, question)
            or price_extreme(spec, linked, ctx.lex)
        )
        if far is not None:
            # 'which country are those users from?': users have no place of their own
            return self._refuse("0", question, far, ctx)
        spec = at_period_edge(spec, edge)
        result = None
        if (needs_rows(prev) or named is not None) and prior.sql:
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
                whose = tuple(
                    f for f in owner if f.col not in said and not f.time and f.op in ("=", "in")
                )
                found = (found[0] + whose, found[1])
        elif prev.shape == "list" and prev.distinct and prev.columns:
            # 'what sector is Apple in?' → 'how many companies does it have?': Apple, or the
            # sector of the answer? Two readings; neither is picked silently.
            what = ", ".join(c.column for c in prev.columns)
            return self._refuse(
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
        else:
            found = subject_filters(prev, ctx.lex.catalog, result)
        if found is None:
            return self._refuse("0", question, unclear, ctx)
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
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
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
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        counted = _NUMBER_WORDS.get(pronoun.lower()) or said_count
        keyed = next((f for f in filters if f.op == "in"), None) or next(
            (f for f in filters if f.op == "="), None
        )
        if counted is not None and keyed is not None and len(keyed.values) != counted:
            # 'which of the three …' after an answer of two rows: not the rows meant
            words_said = pronoun if pronoun.lower() in _NUMBER_WORDS else f"{pronoun} {counted}"
            reason = (
                f"'{words_said}' does not match the previous answer, which has "
                f"{len(keyed.values)} rows; please name the ones you mean."
            )
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if spec.order_by is not None or spec.metric is not None:
            # 'and its highest close ever' after its last close: the ranking is the new
            # question's; the previous one's 'latest day' does not carry over
            filters = tuple(f for f in filters if f.op != "latest")
        filters = dates_onto_subject(filters, spec, ctx.lex, question, prev)
        if share is not None:
            # 'what share of the index weight do they have?': those rows are the condition,
            # every row of the measure's table the whole
            if any(f.time for f in filters):
                reason = (
                    f"'{question}': the whole could be every row of that period or of all "
                    "dates; please ask the share in one question with the period said once."
                )
                return self._refuse("0", question, Decline(reason), ctx)
            extra = [(pronoun, f"'{pronoun}' read as {reading} (from '{prior.question}')")]
            if prev.metric is not None and prev.metric.func == "PCT":
                # after 'what % of S&P companies are in healthcare?' 'they' are the rows that
                # met its condition; its population stays the whole
                both = share.with_(filters=prev.filters, ratio_filters=prev.ratio_filters)
                return self._render("0", question, both, ctx, extra)
            return self._render("0", question, share.with_(ratio_filters=filters), ctx, extra)
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
            (needs_rows(prev) or (prev.shape == "list" and pronoun.lower() in PLURAL))
            and merged.shape == "list"
            and merged.distinct
        ):
            # 'what are their sectors?' after a top 5 (or after 'companies in Ohio with more
            # than 50,000 employees'): one row per company, not the distinct sectors
            merged = merged.with_(distinct=False)
        words = re.findall(r"[a-z]+", question.lower())
        each_extreme = extreme_of_each(merged, prev, pronoun, words, ctx.lex)
        if each_extreme is not None:
            # 'their lowest close in 2023?' after a list of companies: each one's lowest
            merged = each_extreme
            reading += "; one value for each of them"
        several = any(f.op == "in" for f in filters) or (
            pronoun.lower() in PLURAL and series_of_each(merged, prev, ctx.lex.catalog)
        )
        each = per_row(merged, prev, ctx.lex.catalog, pronoun, words) if several else merged
        if each is None:
            return self._refuse(
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
            return self._refuse("0", question, Decline(reason, (pronoun,)), ctx)
        if each is not merged:
            reading += "; one value for each of them"
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
        excluded = _excluded_rows_joined(merged, question, prior)
        if excluded is not None:
            return self._refuse("0", question, excluded, ctx)
        if (
            (filters or found[0] or prev.also_join)
            and not merged.filters
            and not merged.ratio_filters
            and not merged.also_join
        ):
            # every condition that named the previous rows was lost on the way: the answer
            # would be about all rows, never about 'them'
            return self._refuse("0", question, unclear, ctx)
        extra = [(pronoun, f"'{pronoun}' read as {reading} (from '{prior.question}')")]
        outcome = self._render("0", question, merged, ctx, extra)
        if outcome.task.refusal:
            return self._refuse("0", question, unclear, ctx)
        return outcome

    def _correction(
        self, prior: PriorRound, task_id: str, question: str, ctx: _Context
    ) -> _Outcome:
        data = (prior.state or {}).get("spec")
        if data:
            try:
                edit = apply_followup(
                    QuerySpec.from_json(data), question, ctx.lex, require_evidence=False
                )
            except ValueError as exc:
                return self._refuse("0", question, Decline(str(exc)), ctx)
            if edit is not None:
                what = f"answer {prior.answer_id}" + (f" task {task_id}" if task_id else "")
                extra = [
                    (
                        "feedback",
                        f"Corrected {what} ('{prior.question}'): " + "; ".join(edit.changes),
                    )
                ]
                return self._render("0", question, edit.spec, ctx, extra)
        fresh = self._plan_one(question, "0", ctx)
        if fresh.task.refusal:
            reason = f"I could not apply the feedback '{question}' to the earlier answer ('{prior.question}')."
            return self._refuse("0", question, Decline(reason, tuple(question.split())), ctx)
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


def _demonstrative_item(question: str, linked: Linked) -> Item | None:
    """The column named by 'that'/'this' pointing back ('in that industry'), if any."""
    for index, token in enumerate(tokenize(question)):
        if token.lower in ("that", "this", "those", "these"):
            item = demonstrative_column(linked, index)
            if item is not None:
                return item
    return None


_NARROWING = re.compile(
    r"\b(?:which|how\s+many|what)\s+(?:one\s+)?of\s+(?:them|those|these)\b|\bwhich\s+one\b|"
    r"\bonly\b|\bhave\s*n'?t\b|\bhas\s*n'?t\b|\bnot\b|\bnever\b|\bwithout\b|"
    # 'just the ones worth over 500 billion', 'drop the small ones', 'those above $100B'
    r"\bjust\s+(?:the\s+)?(?:ones|those)\b|\bthe\s+ones\b|\bexclud|\bremove\b|"
    r"\b(?:top|first|biggest|largest|smallest|last)\s+one\b|"
    r"\b(?:over|above|below|under|more\s+than|less\s+than|at\s+least)\s+\$?\d",
    re.I,
)


_SEVERAL_ANSWERS = re.compile(
    r"\b(?:same|those|these|both|the)\s+(?:two|2|three|3)\s+"
    r"(?:numbers|values|figures|metrics|stats|answers|results)\b|\bboth\s+(?:numbers|values|figures)\b",
    re.I,
)
_FILLER = frozenset(
    {"ok", "okay", "and", "so", "then", "well", "alright", "fine", "instead", "pls"}
)
_AMONG_SHOWN = re.compile(r"\b(?:of|among)\s+(?:them|those|these)\b|^\s*which\s+ones\b", re.I)
_OF_THOSE_N = re.compile(
    r"\b(of\s+(?:those|these|the|them)|(?<!the\s)(?:those|these))\s+(two|three|four|five|\d+)\b",
    re.I,
)  # 'which of those three', 'how many people work at those 10 combined'


def _of_those_n(question: str) -> tuple[str, int | None]:
    """'which of those three had the highest close': the three are the rows meant (checked
    against them), never a limit of three."""
    m = _OF_THOSE_N.search(question)
    if m is None:
        return question, None
    word = m.group(2).lower()
    n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return question[: m.start()] + m.group(1) + question[m.end() :], n


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
        if _ranks_its_own_groups(words, linked):
            return False  # 'which sector has the highest total EBITDA?': a question of its own
        # 'on which day was the high': a column and 'the', no rows of its own
        return not any(it.kind in ("table", "value", "time") for it in linked.items) and any(
            t.lower in ("the", "that", "those") for t in words[1:]
        )
    kinds = {it.kind for it in linked.items if not (it.kind == "kw" and it.category == "list")}
    return kinds == {"column"}


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


def _safe_followup(spec: QuerySpec, text: str, lex: Lexicon):
    try:
        return apply_followup(spec, text, lex)
    except ValueError:
        return None


def _with_task_text(task: TaskPlan, text: str) -> TaskPlan:
    return replace(task, task=text)


_SORT_THEM = re.compile(
    r"^(\s*(?:(?:ok(?:ay)?|and|now|pls|please)[\s,]+)?(?:sort|order|rank|re-?sort)\s+)"
    r"(them|those|these|it|the\s+list|that)\s+(?=by\b|in\b|from\b|biggest|largest|smallest)",
    re.I,
)
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
_ALL_OF_THEM = re.compile(r"\ball\s+(?:of\s+)?(?:them|those|these)\b", re.I)
_THAT_VALUE = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:number|amount|value|figure|total|count|level|"
    r"price|percentage|share)\b",
    re.I,
)


_WHICH_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:(?:which|what)\s+(?:ones\s+)?of\s+(?:them|those|these)"
    r"|of\s+(?:them|those|these)\s*,?\s*which(?:\s+ones)?)\b",
    re.I,
)


def _kept_among_shown(merged: QuerySpec, prev: QuerySpec, question: str) -> QuerySpec:
    """'which of them have users picked' after a list of companies: those companies, kept
    when a related row exists; never the related rows (the users) listed instead."""
    if (
        _WHICH_OF_THEM.match(question) is None
        or prev.shape != "list"
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


_WHICH_ONE_MORE = re.compile(
    r"\bwhich\s+(?:one|of\s+(?:the\s+)?(?:two|both|them|those))\b.*\b(?:higher|lower|bigger|"
    r"smaller|larger|more|less|fewer|greater|better|worse)\b"
    # 'which of the 2 has the most employees' after one company's market cap
    r"|\bwhich\s+of\s+(?:the\s+|those\s+|these\s+)?(?:two|three|four|five|\d+)\b.*\b(?:most|"
    r"least|highest|lowest|biggest|largest|smallest|fewest|best|worst)\b",
    re.I,
)


def _series_question_of_one(question: str, linked: Linked, prev: QuerySpec, ctx: _Context) -> bool:
    """'highest high in 2023?', '52 wk high?' after one stock's close: a ranking of a dated
    series with no rows of its own is about the one series the previous answer named, never
    the highest of every stock (whose answer would not even say which)."""
    subject = named_subject(prev)
    if len(subject) != 1 or subject[0].op != "=" or len(subject[0].values) != 1:
        return False
    if len(re.findall(r"[a-z0-9']+", question.lower())) > 8:
        return False
    if any(it.kind in ("table", "value") for it in linked.items) or linked.unknown:
        return False
    ranked = any(
        it.kind == "kw"
        and it.text.lower() in SUPERLATIVE_WORDS | {"max", "min", "maximum", "minimum"}
        for it in linked.items
    )
    columns = [c for it in linked.items if it.kind == "column" for c in columns_of(it)]
    if not ranked or not columns:
        return False
    if not any(it.kind == "time" for it in linked.items) and any(f.time for f in prev.filters):
        return False  # 'and the highest high' after March's closes: an edit keeps March
    return all(
        dated_series(ctx.lex.catalog, col.table) and col.table in prev.tables() for col in columns
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
    for written, read in prepared.rewrites:
        notes.append({"concept": written, "explanation": f"'{written}' read as '{read}'"})
    if not notes:
        return plan
    tasks = tuple(
        t if t.refusal else replace(t, assumptions=tuple(notes) + t.assumptions) for t in plan.tasks
    )
    return replace(plan, tasks=tasks, assumptions=tuple(notes) + plan.assumptions)


def _names_several_rows(spec: QuerySpec) -> bool:
    """The answer named its rows, several of them ('Coca-Cola vs Pepsi')."""
    return any(f.op == "in" and len(f.values) > 1 and not f.time for f in spec.filters)


def _columns_and_rows(database: Database, sql: str) -> tuple[list[str], list[list]]:
    result = database.query(sql, max_rows=50, timeout=5.0)
    return list(result.columns), [list(r) for r in result.rows]
