"""Tolerant JSON readers shared by the API models: they coerce what can be
coerced (ids as numbers or strings, numeric strings) and raise ProtocolError,
never another exception, for values of the wrong kind."""

from __future__ import annotations

import json
from typing import Any

from c2q_repl.api.errors import ProtocolError

Cell = str | int | float | bool | None


def _obj(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProtocolError(f"expected a JSON object for {what}, got {type(value).__name__}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtocolError(f"expected a JSON array for {what}, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    """Any scalar as text; ids may arrive as numbers or strings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and abs(value) != float("inf") else default
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                return int(float(value))
            except (ValueError, OverflowError):
                return default
    return default


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def cell(value: Any) -> Cell:
    """A result cell: scalars pass through, nested JSON becomes compact text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
