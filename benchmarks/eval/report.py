"""Figures of an evaluation run, per set, per category and overall; as text or JSON.

Every question a user asks counts once: a single question, or each turn of a session.
- answered %: answer-expected questions the engine answered (with SQL, no refusal)
- precision %: of those answered, the share whose rows match the gold (extra columns allowed)
- exact %: of those answered, the share that match with no column beyond the gold's: the rule of
  Spider's execution match, where "the names of X" answered with ids and names counts as wrong
- wrong: answered with rows that do not match (a confidently wrong answer)
- declined %: must-decline questions (no data for it, destructive, ambiguous, off topic) declined
- fu-wrong: later turns of a session answered wrongly (a follow-up or a standalone question merged
  into the previous one, or a must-decline follow-up answered)
- merged: of those, the standalone questions (a new question answered as an edit of the last)
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from benchmarks.eval.runner import TurnOutcome


@dataclass(frozen=True)
class Figures:
    questions: int
    answerable: int
    answered: int
    correct: int
    exact: int  # correct with no extra column (Spider's execution-match rule)
    wrong: int
    must_decline: int
    declined: int
    followup_wrong: int
    standalone_merged: int
    median_ms: float

    @property
    def answered_pct(self) -> float | None:
        return 100.0 * self.answered / self.answerable if self.answerable else None

    @property
    def precision_pct(self) -> float | None:
        return 100.0 * self.correct / self.answered if self.answered else None

    @property
    def exact_pct(self) -> float | None:
        return 100.0 * self.exact / self.answered if self.answered else None

    @property
    def declined_pct(self) -> float | None:
        return 100.0 * self.declined / self.must_decline if self.must_decline else None

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(
            answered_pct=_round(self.answered_pct),
            precision_pct=_round(self.precision_pct),
            exact_pct=_round(self.exact_pct),
            declined_pct=_round(self.declined_pct),
            median_ms=_round(self.median_ms),
        )
        return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def figures(outcomes: Iterable[TurnOutcome]) -> Figures:
    outs = list(outcomes)
    answerable = [o for o in outs if not o.turn.must_decline]
    declines = [o for o in outs if o.turn.must_decline]
    later = [o for o in outs if o.position > 0]
    return Figures(
        questions=len(outs),
        answerable=len(answerable),
        answered=sum(o.answered for o in answerable),
        correct=sum(o.correct for o in answerable),
        exact=sum(o.exact for o in answerable),
        wrong=sum(o.wrong for o in answerable),
        must_decline=len(declines),
        declined=sum(not o.answered for o in declines),
        followup_wrong=sum(o.wrong for o in later),
        standalone_merged=sum(o.wrong for o in later if o.turn.kind == "standalone"),
        median_ms=1000 * statistics.median(o.seconds for o in outs) if outs else 0.0,
    )


def by_category(outcomes: list[TurnOutcome]) -> dict[str, Figures]:
    groups: dict[str, list[TurnOutcome]] = {}
    for o in outcomes:
        groups.setdefault(o.category, []).append(o)
    return {name: figures(groups[name]) for name in sorted(groups)}


HEADER = (
    f"{'':<22}{'qs':>4} {'answer':>6} {'answered':>9} {'precision':>10} {'exact':>7} {'wrong':>6} "
    f"{'decline':>8} {'declined':>9} {'fu-wrong':>9} {'merged':>7} {'med ms':>7}"
)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def row(label: str, f: Figures) -> str:
    return (
        f"{label[:22]:<22}{f.questions:>4} {f.answerable:>6} {_pct(f.answered_pct):>9} "
        f"{_pct(f.precision_pct):>10} {_pct(f.exact_pct):>7} {f.wrong:>6} {f.must_decline:>8} "
        f"{_pct(f.declined_pct):>9} {f.followup_wrong:>9} {f.standalone_merged:>7} {f.median_ms:>7.1f}"
    )


def set_text(set_name: str, database: str, outcomes: list[TurnOutcome]) -> str:
    lines = [f"{set_name} (database {database})", HEADER, row("ALL", figures(outcomes))]
    lines += [row("  " + name, f) for name, f in by_category(outcomes).items()]
    return "\n".join(lines)


def summary_text(results: dict[str, list[TurnOutcome]]) -> str:
    lines = ["summary (one row per set)", HEADER]
    lines += [row(name, figures(outs)) for name, outs in results.items()]
    return "\n".join(lines)


def verbose_text(outcomes: list[TurnOutcome]) -> str:
    """Every wrong answer, every needless decline and every answered must-decline."""
    lines = []
    for o in outcomes:
        if o.correct or (o.turn.must_decline and not o.answered):
            continue
        status = "WRONG" if o.answered else "declined"
        if o.turn.must_decline:
            status = "ANSWERED must-decline"
        lines.append(f"{status} {o.label} [{o.category}]: {o.turn.question}")
        if o.sql:
            lines.append(f"    sql:    {o.sql}")
        if o.reason:
            lines.append(f"    reason: {o.reason}")
    return "\n".join(lines)


def to_json(results: dict[str, list[TurnOutcome]], databases: dict[str, str]) -> dict:
    return {
        "sets": [
            {
                "set": name,
                "database": databases[name],
                "figures": figures(outs).to_json(),
                "categories": {k: f.to_json() for k, f in by_category(outs).items()},
                "not_right": [
                    {
                        "id": o.label,
                        "category": o.category,
                        "question": o.turn.question,
                        "expect": o.turn.expect,
                        "answered": o.answered,
                        "sql": o.sql,
                        "reason": o.reason,
                    }
                    for o in outs
                    if not o.correct and not (o.turn.must_decline and not o.answered)
                ],
            }
            for name, outs in results.items()
        ]
    }
