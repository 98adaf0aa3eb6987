"""Request bodies, read within limits: size, nesting depth, question length, valid Unicode.

A body is read only after authentication, at most ``max_bytes`` of it (413
beyond, whatever Content-Length claims) and within a time limit (408); it must be one JSON object nested at
most ``MAX_DEPTH`` deep (a deeper one would exhaust the recursion of whatever
walks it next); every string in it is made valid Unicode (a lone surrogate
such as ``"\\udc80"`` becomes U+FFFD) before anything stores it, so no stored
name can break a later listing.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

from starlette.requests import Request

from c2q_repl.sandbox.responses import without_surrogates

MAX_DEPTH = 64
QUESTION_FIELDS = ("question", "raw_question", "instruction")


@dataclass(frozen=True)
class BodyError:
    status: int  # 400, 408 or 413
    message: str


async def read_json_body(
    request: Request, max_bytes: int, timeout: float = 30.0
) -> dict | BodyError:
    """The JSON object of ``request`` (``{}`` when empty), or why it cannot be used.

    The whole body must arrive within ``timeout`` seconds (a body dripped a byte at a time
    would otherwise hold its connection and task for ever): 408 beyond.
    """
    too_large = BodyError(413, f"request body too large: at most {max_bytes} bytes are accepted")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return too_large
    try:
        raw = await asyncio.wait_for(_read_at_most(request, max_bytes), timeout)
    except asyncio.TimeoutError:
        return BodyError(408, "request timeout.")
    if raw is None:
        return too_large
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except RecursionError:
        return BodyError(
            400, f"param check failed! the request body is nested deeper than {MAX_DEPTH} levels"
        )
    except (ValueError, UnicodeDecodeError):
        return BodyError(400, "param check failed! the request body is not valid JSON")
    if not isinstance(body, dict):
        return BodyError(400, "param check failed! the request body must be a JSON object")
    try:
        return clean_json(body)
    except _TooDeep:
        return BodyError(
            400, f"param check failed! the request body is nested deeper than {MAX_DEPTH} levels"
        )


async def _read_at_most(request: Request, max_bytes: int) -> bytes | None:
    """The body, or None once it passes ``max_bytes``."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class _TooDeep(Exception):
    pass


def clean_json(value, depth: int = 0):
    """``value`` with every string (keys too) valid Unicode; raises _TooDeep past MAX_DEPTH."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {without_surrogates(k): clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v, depth + 1) for v in value]
    return value


def question_too_long(body: dict, max_chars: int) -> str:
    """The 400 message when a question field is longer than ``max_chars``, else ""."""
    for name in QUESTION_FIELDS:
        value = body.get(name)
        if isinstance(value, str) and len(value) > max_chars:
            return (
                f"param check failed! {name} is {len(value)} characters long; "
                f"at most {max_chars} are accepted"
            )
    return ""
