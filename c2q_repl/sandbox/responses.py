"""The two response envelopes of the Chat2Query world, with HTTP status = body code.

* app envelope ``{code, msg, result}`` for v2/v3 application responses;
* gateway envelope ``{type, data: {columns, rows, result: {...}}}`` for what the
  Data Service gateway answers itself (401/403/404/405/408/429/500) and for v1.
"""

from __future__ import annotations

import json
import re

from starlette.responses import Response

SUPPORT_URL = "https://tidb.support.pingcap.com/"
_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_READY = "Data summary is not ready, please wait for a while and retry"


def encode_json(body) -> bytes:
    """Compact UTF-8 JSON. A lone surrogate (not encodable as UTF-8) becomes U+FFFD instead of
    failing the response: one bad string must never turn an answer into a 500."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(text).encode("utf-8")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (``"\\udc80"`` in JSON; never valid Unicode) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def json_response(body, status: int, headers: dict[str, str] | None = None) -> Response:
    return raw_json_response(encode_json(body), status, headers)


def raw_json_response(
    payload: bytes, status: int, headers: dict[str, str] | None = None
) -> Response:
    """A response from JSON already serialised (a finished job's answer is serialised once)."""
    return Response(payload, status_code=status, media_type="application/json", headers=headers)


def app_ok(result, headers: dict[str, str] | None = None) -> Response:
    return json_response({"code": 200, "msg": "", "result": result}, 200, headers)


def app_error(code: int, msg: str) -> Response:
    """``result`` is ``{}`` as in the documented "not ready" error, ``null`` for unknown ids (404)."""
    return json_response({"code": code, "msg": msg, "result": None if code == 404 else {}}, code)


def gateway_body(code: int, message: str, type_: str = "", *, sql: str | None = None) -> dict:
    result = {
        "code": code,
        "message": message,
        "start_ms": "",
        "end_ms": "",
        "latency": "",
        "row_count": 0,
        "row_affect": 0,
        "limit": 0,
    }
    if sql is not None:
        result.update({"sql": sql, "ai_latency": ""})
    return {"type": type_, "data": {"columns": [], "rows": [], "result": result}}


def gateway_error(
    status: int,
    message: str,
    type_: str = "",
    *,
    code: int | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    return json_response(
        gateway_body(code if code is not None else status, message, type_), status, headers
    )


def daily_quota_error(limit: int) -> Response:
    message = (
        f"The AI request exceeded the limit of {limit} times per day. "
        f"For more quota, please contact us: {SUPPORT_URL}"
    )
    return gateway_error(429, message, "chat2data_endpoint")
