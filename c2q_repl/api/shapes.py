"""Request bodies and response shapes of the Chat2Query endpoints, as pure helpers.

Several shapes are unknown in the public record (spec §13, marked [UNK]); the
choices made for them live here, next to the tolerant parsers that accept the
plausible alternatives, so :mod:`c2q_repl.api.client` stays a list of endpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from c2q_repl.api import errors as E
from c2q_repl.api.envelope import HINTS
from c2q_repl.api.resources import (
    KNOWLEDGE_TYPES,
    DataSummary,
    Session,
    SummaryStarted,
    TableSummary,
    parse_list,
)
from c2q_repl.api.vocabulary import MODES

#: what a data summary update may answer with (the response shape is [UNK])
SummaryUpdate = DataSummary | TableSummary | SummaryStarted | None
MAX_INSTRUCTION = 512


T = TypeVar("T")
M = TypeVar("M")


def unchanged(value: Any) -> Any:
    return value


def list_of(key: str, parse: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    return lambda value: parse_list(value, key, parse)


def parsed(parse: Callable[[Any], T], value: Any, request: str) -> T:
    """Parse a result; a shape error names the request it came from."""
    try:
        return parse(value)
    except E.ProtocolError as err:
        err.request = err.request or request
        err.hint = err.hint or HINTS[E.ProtocolError]
        raise


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise E.ValidationError(
            f"unknown SQL generation mode {mode!r}", hint="Use 'direct' or 'auto_breakdown'."
        )
    return mode


def dict_or_none(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and value else None


def given(**fields: Any) -> dict[str, Any]:
    """Only the fields the caller set: PUT bodies change what they name and nothing else."""
    return {k: v for k, v in fields.items() if v is not None}


def target(cluster_id: str, database: str, data_summary_id: str | int | None) -> dict[str, Any]:
    """Which data to ask about. Empty fields are left out: the server honours
    ``data_summary_id`` only when ``cluster_id`` and ``database`` are absent."""
    body: dict[str, Any] = given(cluster_id=cluster_id or None, database=database or None)
    if data_summary_id not in (None, ""):
        body["data_summary_id"] = id_value(data_summary_id)
    return body


def id_value(value: str | int) -> int | str:
    """Ids are integers on the wire where the docs show integers; keep non-numeric ones as given."""
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def check_knowledge(type: str, raw_data: dict[str, Any]) -> None:
    if type not in KNOWLEDGE_TYPES:
        raise E.ValidationError(
            f"unknown knowledge type {type!r}", hint="Use few-shot, term-sheet or instruction."
        )
    if not isinstance(raw_data, dict):
        raise E.ValidationError("knowledge raw_data must be an object")
    if type == "instruction" and len(str(raw_data.get("instruction", ""))) > MAX_INSTRUCTION:
        raise E.ValidationError(f"an instruction may be at most {MAX_INSTRUCTION} characters")


def or_none(parse: Callable[[Any], T]) -> Callable[[Any], T | None]:
    """For PUTs whose response body is [UNK]: an empty result means "nothing to report"."""
    return lambda value: parse(value) if dict_or_none(value) else None


def session_or_none(value: Any) -> Session | None:
    obj = dict_or_none(value)
    return Session.from_json(obj) if obj and ("session_id" in obj or "id" in obj) else None


def summary_update_result(result: Any) -> SummaryUpdate:
    obj = dict_or_none(result)
    if obj is None:
        return None
    if "job_id" in obj and not ("tables" in obj or "summary" in obj or "status" in obj):
        return SummaryStarted.from_json(obj)
    if (
        "tables" not in obj
        and "db_schema" not in obj
        and ("columns" in obj or "name" in obj or "table_name" in obj)
    ):
        name = str(obj.get("name") or obj.get("table_name") or "")
        return DataSummary.from_json({"tables": {name: obj}}).tables[name]
    return DataSummary.from_json(obj)


def v2_summary(result: Any) -> DataSummary:
    obj = result if isinstance(result, dict) else None
    if (
        obj is not None
        and isinstance(obj.get("data"), dict)
        and not ("db_schema" in obj or "tables" in obj)
    ):
        return DataSummary.from_json({"data_summary_id": obj.get("id"), **obj["data"]})
    return DataSummary.from_json(result)


def fill_sent(model: M, **defaults: Any) -> M:
    """Fill fields the server left empty with what we sent (responses are sparse: spec §7.7, §7.11)."""
    changes = {k: v for k, v in defaults.items() if not getattr(model, k)}
    return replace(model, **changes) if changes else model  # type: ignore[type-var]
