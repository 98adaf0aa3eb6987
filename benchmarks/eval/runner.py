"""Ask the built-in engine every question of an evaluation set, in process, as the sandbox would.

The database is opened the way ``c2q sandbox serve`` opens it (no ``--db``: the bundled
sp500insight; ``--db FILE``: that SQLite file), the answerer is the server's (SQL passthrough in
front of the built-in engine), the data summary is generated and the suggestions warmed as at
server start, and a session's history is what the server remembers of each finished round.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval.judge import MAX_ROWS, judge
from benchmarks.eval.sets import SP500, EvalSet, Item, Turn
from c2q_repl.sandbox.contracts import Answerer, AnswerRequest, Database, Plan, PriorRound


@dataclass(frozen=True)
class TurnOutcome:
    set_name: str
    database: str
    item_id: str
    category: str
    position: int  # 0 for a single question or a session's first turn
    turn: Turn
    answered: bool
    correct: bool
    seconds: float
    sql: str = ""
    reason: str = ""  # the decline reason, or why an answer is wrong
    exact: bool = False  # correct with no column beyond the gold's (Spider's rule)

    @property
    def label(self) -> str:
        return self.item_id if self.position == 0 else f"{self.item_id}#{self.position + 1}"

    @property
    def wrong(self) -> bool:
        """Answered when it must decline, or answered with rows that do not match the gold."""
        return self.answered and not self.correct


def open_eval_database(name: str, cache_dir: Path | None = None) -> Database:
    """The set's database, opened as ``c2q sandbox serve`` (with ``--db FILE`` for our own)."""
    from benchmarks.eval.dbs import ensure_db
    from c2q_repl.sandbox.embedded import open_database

    if name == SP500:
        return open_database(None, cache_dir=cache_dir)
    return open_database(str(ensure_db(name)))


def server_answerer(db: Database) -> Answerer:
    """The answerer a sandbox server runs, after its start-up data summary and warm-up."""
    from c2q_repl.sandbox.answerer import build_answerer

    answerer = build_answerer("builtin")
    catalog = db.catalog()
    answerer.describe(catalog, db)  # the default data summary made at server start
    answerer.suggest_questions(catalog, db, 3)  # the server's background warm-up
    return answerer


def run_set(eval_set: EvalSet, db: Database, answerer: Answerer) -> list[TurnOutcome]:
    out: list[TurnOutcome] = []
    for item in eval_set.items:
        out.extend(run_item(eval_set.name, eval_set.database, item, db, answerer))
    return out


def run_item(
    set_name: str, database: str, item: Item, db: Database, answerer: Answerer
) -> list[TurnOutcome]:
    from c2q_repl.sandbox.results import Limits, execute_plan, prior_round

    history: list[PriorRound] = []
    outcomes = []
    for position, turn in enumerate(item.turns):
        request = AnswerRequest(turn.question, "direct", db.catalog(), db, history=tuple(history))
        start = time.perf_counter()
        try:
            plan = answerer.answer(request)
        except Exception as exc:  # noqa: BLE001 - the contract says never raise: report it
            plan = None
            crash = f"engine raised {type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - start
        if plan is None:
            outcome = TurnOutcome(
                set_name,
                database,
                item.id,
                item.category,
                position,
                turn,
                False,
                False,
                seconds,
                reason=crash,
            )
            history.append(PriorRound(turn.question, f"eval-{position}", summary="no answer"))
        else:
            outcome = judge_plan(set_name, database, item, position, turn, plan, seconds, db)
            runs, _ = execute_plan(plan, turn.question, db, True, Limits())
            history.append(prior_round(turn.question, f"eval-{position}", plan, runs))
        outcomes.append(outcome)
    return outcomes


def judge_plan(
    set_name: str,
    database: str,
    item: Item,
    position: int,
    turn: Turn,
    plan: Plan,
    seconds: float,
    db: Database,
) -> TurnOutcome:
    tasks = list(plan.tasks)
    answered = bool(tasks) and all(not t.refusal and t.sql for t in tasks)
    sql = "; ".join(t.sql for t in tasks if t.sql)
    base = (set_name, database, item.id, item.category, position, turn)
    if not answered:
        reason = next((t.refusal for t in tasks if t.refusal), "no task in the plan")
        return TurnOutcome(*base, False, False, seconds, sql, reason)
    if turn.must_decline:
        return TurnOutcome(*base, True, False, seconds, sql, "answered a must-decline question")
    if len(tasks) != 1:
        return TurnOutcome(*base, True, False, seconds, sql, f"{len(tasks)} tasks for one gold")
    try:
        rows = db.query(tasks[0].sql, max_rows=MAX_ROWS).rows
    except Exception as exc:  # noqa: BLE001 - SQL that fails is a wrong answer
        return TurnOutcome(*base, True, False, seconds, sql, f"SQL error: {exc}")
    correct, exact = judge(db, rows, turn.gold_sql)
    return TurnOutcome(
        *base,
        True,
        correct,
        seconds,
        sql,
        "" if correct else f"rows differ ({len(rows)} rows)",
        exact=exact,
    )
