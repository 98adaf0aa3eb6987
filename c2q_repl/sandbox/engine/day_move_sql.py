"""The SQL and the explanation of a day-to-day move (day_moves.py).

One inner query pairs each row of the series with the row before it (``LAG`` over the
dates, per series, from the data's trading day before the period); the outer query keeps the
period's days and ranks, counts or lists them. Written once in MySQL syntax and transpiled to the
database's dialect by sqlglot, so SQLite, MySQL and TiDB run the same query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlglot

from .day_moves import DayMove
from .spec import Col, Filter, QuerySpec

LIST_LIMIT = 1000


@dataclass(frozen=True)
class MoveQuery:
    sql: str
    task: str  # the question as the engine understood it
    notes: tuple[tuple[str, str], ...]  # (concept, explanation)


def _q(name: str) -> str:
    return f"`{name}`"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def move_query(move: DayMove, dialect: str, whole_history: bool = False) -> MoveQuery:
    """The move's SQL; ``whole_history`` pairs every row of the history (the same answer,
    slower: what the bounded inner query is checked against)."""
    s = move.series
    date, key, measure = _q(s.date), _q(s.key), _q(s.measure)
    previous = f"previous_{s.measure}"
    partition = f"PARTITION BY {key} " if not s.values or len(s.values) > 1 else ""
    where_series = (
        f" WHERE {key} IN ({', '.join(_literal(v) for v in s.values)})"
        if len(s.values) > 1
        else f" WHERE {key} = {_literal(s.values[0])}"
        if s.values
        else ""
    )
    more = "".join(f", {_q(c)}" for c in move.also if c != move.today)
    closed = measure
    if move.today:
        # a gap: the day's open against the previous day's close (the close still shown)
        more = f", {_q(move.today)}{more}"
        measure = _q(move.today)
    inner = (
        f"SELECT {key}, {date}, {closed}{more}, LAG({closed}) OVER ({partition}ORDER BY {date}) "
        f"AS {_q(previous)} FROM {_q(s.table)}"
        f"{where_series if whole_history else _bounded(move, where_series)}"
    )
    change = f"{measure} - {_q(previous)}"
    percent = f"({measure} - {_q(previous)}) * 100.0 / {_q(previous)}"
    conditions = [f"{_q(previous)} IS NOT NULL"]
    if move.last_day:
        conditions.append(f"{date} = (SELECT MAX({date}) FROM {_q(s.table)}{where_series})")
    if move.start:
        conditions.append(f"{date} >= {_literal(move.start)}")
    if move.end:
        conditions.append(f"{date} < {_literal(move.end)}")
    if move.threshold is not None:
        size = percent if move.unit == "pct" else change
        limit = f"{move.threshold:g}"
        conditions.append(
            f"({size}) > {limit}"
            if move.direction == "up"
            else f"({size}) < -{limit}"
            if move.direction == "down"
            else f"ABS({size}) > {limit}"
        )
    elif move.shape in ("count", "count_rank") and move.direction != "both":
        op = ">" if move.direction == "up" else "<"
        conditions.append(f"{measure} {op} {_q(previous)}")
    if move.shape == "share":
        op = ">" if move.direction == "up" else "<"
        name = f"percent_{move.direction}_days"
        select = (
            f"SELECT 100.0 * SUM(CASE WHEN {measure} {op} {_q(previous)} THEN 1 ELSE 0 END) "
            f"/ COUNT(*) AS {_q(name)}, COUNT(*) AS `days`"
        )
        tail = ""
    elif move.shape == "count_rank":
        # every series tied at the top is kept (RANK), not one cut at random
        name = f"{move.direction}_days"
        counted = (
            f"SELECT {key}, COUNT(*) AS {_q(name)}, RANK() OVER (ORDER BY COUNT(*) DESC) AS "
            f"`place` FROM ({inner}) AS `moves` WHERE {' AND '.join(conditions)} GROUP BY {key}"
        )
        sql = (
            f"SELECT {key}, {_q(name)} FROM ({counted}) AS `counted` WHERE `place` <= "
            f"{move.limit} ORDER BY {_q(name)} DESC, {key}"
        )
        sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
        return MoveQuery(sql, _task(move), _notes(move))
    elif move.shape == "count" and move.direction == "both":
        select = (
            f"SELECT SUM(CASE WHEN {measure} > {_q(previous)} THEN 1 ELSE 0 END) AS "
            f"`{'gap_ups' if move.today else 'up_days'}`, "
            f"SUM(CASE WHEN {measure} < {_q(previous)} THEN 1 ELSE 0 END) AS "
            f"`{'gap_downs' if move.today else 'down_days'}`"
        )
        tail = ""
        if move.per:
            select, tail = _per_period(move, date, select)
    elif move.shape == "count":
        name = {"up": "up_days", "down": "down_days", "any": "days"}[move.direction]
        if move.today:
            name = {"up": "gap_ups", "down": "gap_downs", "any": "gaps"}[move.direction]
        if move.last_day and not s.values:  # one day: each series counted once
            name = {"up": "number_up", "down": "number_down", "any": "number"}[move.direction]
        select = f"SELECT COUNT(*) AS {_q(name)}"
        if move.count_series:
            # 'how many stocks had a daily drop of more than 8%': each stock once
            select = f"SELECT COUNT(DISTINCT {key}) AS {_q('number_of_' + s.key + 's')}"
        tail = ""
        if move.per:
            select, tail = _per_period(move, date, select)
    else:
        shown = [
            date,
            *([closed] if move.today else []),
            measure,
            _q(previous),
            f"{change} AS `change`",
            f"{percent} AS `percent_change`",
            *(_q(c) for c in move.also),
        ]
        if not s.values or len(s.values) > 1:
            shown.insert(0, key)
        select = "SELECT " + ", ".join(shown)
        if move.shape == "rank":
            by = "`percent_change`" if move.unit == "pct" else "`change`"
            if move.direction == "any":
                by = f"ABS({percent if move.unit == 'pct' else change})"
            order = "ASC" if move.direction == "down" else "DESC"
            tail = f" ORDER BY {by} {order}, {date}{', ' + key if not s.values else ''}"
            tail += f" LIMIT {move.limit}"
        else:
            tail = f" ORDER BY {date}{', ' + key if len(s.values) != 1 else ''} LIMIT {LIST_LIMIT}"
    sql = f"{select} FROM ({inner}) AS `moves` WHERE {' AND '.join(conditions)}{tail}"
    sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
    return MoveQuery(sql, _task(move), _notes(move))


def _per_period(move: DayMove, date: str, select: str) -> tuple[str, str]:
    """'Per month in 2023, how many days …': the same count grouped by calendar month/year."""
    period = "`month`" if move.per == "month" else "`year`"
    shape = "'%Y-%m'" if move.per == "month" else "'%Y'"
    key = f"DATE_FORMAT({date}, {shape})"
    counted = select.removeprefix("SELECT ")
    return f"SELECT {key} AS {period}, {counted}", f" GROUP BY {key} ORDER BY {period}"


def _bounded(move: DayMove, where_series: str) -> str:
    """The inner query's WHERE: the period and the data's trading day before it.

    Pairing every row of a long history with its previous one costs a second on the sample
    database (270,000 rows); a period only needs its own days and the day before its first,
    so 'top gainers on the last trading day' reads two days instead of the whole history.
    """
    s = move.series
    date, table = _q(s.date), _q(s.table)
    first = (
        _literal(move.start)
        if move.start
        else f"(SELECT MAX({date}) FROM {table}{where_series})"
        if move.last_day
        else ""
    )
    conditions = [where_series.removeprefix(" WHERE ")] if where_series else []
    if first:
        joiner = " AND" if where_series else " WHERE"
        before = f"(SELECT MAX({date}) FROM {table}{where_series}{joiner} {date} < {first})"
        conditions.append(f"{date} >= COALESCE({before}, {first})")
    if move.end and not move.last_day:
        conditions.append(f"{date} < {_literal(move.end)}")
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _task(move: DayMove) -> str:
    s = move.series
    who = s.label or f"each {s.key}"
    period = (
        " on the last day in the data"
        if move.last_day
        else f" {move.period_text}"
        if move.period_text
        else ""
    )
    way = "higher" if move.direction == "up" else "lower"
    if move.today:
        return _gap_task(move, who, period)
    if move.direction == "both":
        return (
            f"How many days{period} {who}'s {s.measure} closed higher, and how many lower, "
            "than the day before"
        )
    if move.shape == "share":
        return f"The share of {who}'s days{period} on which its {s.measure} closed {way} than the day before"
    if move.shape == "count_rank":
        many = f"{move.limit} " if move.limit > 1 else ""
        return (
            f"The {many}{s.key} values with the most days{period} on which the {s.measure} "
            f"closed {way} than the day before"
        )
    if move.shape == "count" and move.per:
        plain = _task(replace(move, per=""))
        return f"{plain}, per calendar {move.per}"
    if move.shape == "count":
        beyond = ""
        if move.threshold is not None:
            size = f"{move.threshold:g}{'%' if move.unit == 'pct' else ' points'}"
            verb = {"up": "rose", "down": "fell", "any": "moved"}[move.direction]
            beyond = f" {verb} more than {size} from the day before"
        if move.count_series and beyond:
            return f"How many {s.key} values had a day{period} on which the {s.measure}{beyond}"
        if beyond:
            return f"Days{period} on which {who}'s {s.measure}{beyond}"
        if move.last_day and not s.values:
            return f"How many {s.key} values' {s.measure} closed {way}{period} than the day before"
        return f"Days{period} on which {who}'s {s.measure} closed {way} than the day before"
    word = {"up": "gains", "down": "drops", "any": "moves"}[move.direction]
    unit = "in percent" if move.unit == "pct" else "in points"

    if move.shape == "rank":
        many = f"{move.limit} " if move.limit > 1 else ""
        noun = word if move.limit > 1 else word[:-1]
        return f"The {many}biggest one-day {noun} of {who}'s {s.measure}{period}, {unit}"
    return f"{who}'s {s.measure} each day{period}, with its change from the day before"


def _gap_task(move: DayMove, who: str, period: str) -> str:
    """A gap's task: the day's open against the previous day's close."""
    s = move.series
    against = f"the {move.today} against the previous day's {s.measure}"
    if move.direction == "both":
        return f"How many days{period} {who} gapped up, and how many down ({against})"
    gaps = {"up": "gaps up", "down": "gaps down", "any": "gaps"}[move.direction]
    unit = "in percent" if move.unit == "pct" else "in points"
    if move.shape == "count":
        return f"How many {gaps} {who} had{period} ({against})"
    if move.shape == "rank":
        many = f"{move.limit} " if move.limit > 1 else ""
        return f"The {many}biggest {gaps} of {who}{period}: {against}, {unit}"
    return f"{who}'s {gaps}{period}: {against}"


def _notes(move: DayMove) -> tuple[tuple[str, str], ...]:
    s = move.series
    notes = [
        (
            "one-day move",
            f"each day's {s.measure} compared with the same series' previous day in "
            f"{s.table} (the data's trading day before the period's first day included)",
        )
        if not move.today
        else (
            "gap",
            f"each day's {move.today} compared with the same series' previous {s.measure} in "
            f"{s.table}",
        )
    ]
    if move.shape == "rank" and not move.unit_said:
        notes.append(
            (
                "unit",
                "ranked by the change in percent; the change in points is shown beside it",
            )
        )
    if move.direction == "any" and move.shape == "rank":
        notes.append(("move", "a move either way, ranked by its size"))
    if move.last_day:
        notes.append(("last day", f"the latest {s.date} in {s.table}"))
    if move.shape == "rank" and not move.limit_said and move.limit > 1:
        notes.append(("how many", f"the top {move.limit} shown"))
    return tuple(notes)


def answered_rows(move: DayMove, sql_rows: list[list]) -> QuerySpec | None:
    """The history rows a ranked move answered, as a spec later questions can build on
    ('what was the volume that day', 'where was the S&P 500 that day'): the series and the
    days of the answer. None for a count, a list, or no rows."""
    if move.shape != "rank" or not sql_rows:
        return None
    s = move.series
    every = not s.values
    days = sorted({str(row[1 if every else 0])[:10] for row in sql_rows})
    keys = sorted({str(row[0]) for row in sql_rows}) if every else list(s.values)
    date, key = Col(s.table, s.date), Col(s.table, s.key)
    if len(days) == 1:
        start = dt.date.fromisoformat(days[0])
        on = Filter(date, "range", (days[0], (start + dt.timedelta(days=1)).isoformat()), True)
    else:
        on = Filter(date, "in", tuple(days))
    which = Filter(key, "=", (keys[0],)) if len(keys) == 1 else Filter(key, "in", tuple(keys))
    return QuerySpec(
        "list",
        s.table,
        columns=(date, key, Col(s.table, s.measure)),
        filters=(which, on),
        order_by=date,
    )
