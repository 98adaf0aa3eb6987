"""Fault injection, configured at start (never by the client), for testing clients.

Spec: comma-separated ``name:probability[:seconds]``, e.g.
``drop:0.1,500:0.05,slow:0.2,badjson:0.05``. At most one fault hits a request,
drawn from ``random.Random(seed)`` in arrival order, so a run is repeatable.

=========  ==============================================================
drop       the connection is closed without any response
reset      the connection is reset (TCP RST)
500        HTTP 500 gateway envelope "internal error! ..."
502html    HTTP 502 with an HTML page, as a load balancer sends
slow       the response is delayed (default 1.5 s)
timeout    no answer for a long time (default 30 s), then 408 "request timeout."
badjson    the real response, but its body cut to invalid JSON
truncated  the real headers, half the body, then the connection closes
=========  ==============================================================
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
from dataclasses import dataclass

from c2q_repl.sandbox.responses import gateway_body

FAULT_KINDS = ("drop", "reset", "500", "502html", "slow", "timeout", "badjson", "truncated")
DEFAULT_SECONDS = {"slow": 1.5, "timeout": 30.0}
_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Fault:
    kind: str
    probability: float
    seconds: float = 0.0


def parse_faults(spec: str | None) -> tuple[Fault, ...]:
    if not spec or not spec.strip():
        return ()
    faults = []
    for part in spec.split(","):
        fields = [f.strip() for f in part.strip().split(":")]
        if len(fields) not in (2, 3) or fields[0] not in FAULT_KINDS:
            raise ValueError(
                f"bad fault {part.strip()!r}: use name:probability[:seconds] with name in "
                f"{', '.join(FAULT_KINDS)}"
            )
        try:
            probability = float(fields[1])
            seconds = float(fields[2]) if len(fields) == 3 else DEFAULT_SECONDS.get(fields[0], 0.0)
        except ValueError:
            raise ValueError(f"bad number in fault {part.strip()!r}") from None
        if not 0.0 <= probability <= 1.0 or seconds < 0:
            raise ValueError(
                f"fault probability must be within 0..1 and seconds >= 0 in {part.strip()!r}"
            )
        faults.append(Fault(fields[0], probability, seconds))
    if sum(f.probability for f in faults) > 1.0 + 1e-9:
        raise ValueError("fault probabilities add up to more than 1")
    return tuple(faults)


class FaultInjector:
    def __init__(self, faults: tuple[Fault, ...], seed: int = 0):
        self.faults = faults
        self._rng = random.Random(f"faults:{seed}")
        self._lock = threading.Lock()

    def draw(self) -> Fault | None:
        if not self.faults:
            return None
        with self._lock:
            u = self._rng.random()
        acc = 0.0
        for fault in self.faults:
            acc += fault.probability
            if u < acc:
                return fault
        return None


def _transport(send):
    """The connection's asyncio transport (uvicorn's h11 cycle exposes it), if reachable."""
    return getattr(getattr(send, "__self__", None), "transport", None)


def _close(send, reset: bool) -> None:
    transport = _transport(send)
    if transport is None:
        return
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        transport.abort()
    else:
        transport.close()


async def _send_simple(send, status: int, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class FaultMiddleware:
    """ASGI middleware applying the injector's faults to HTTP requests."""

    def __init__(self, app, injector: FaultInjector):
        self.app = app
        self.injector = injector

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        fault = self.injector.draw()
        if fault is None:
            return await self.app(scope, receive, send)
        kind = fault.kind
        if kind in ("drop", "reset"):
            _close(send, reset=kind == "reset")
            return None
        if kind == "500":
            import json

            body = json.dumps(
                gateway_body(
                    500, "internal error! injected fault (sandbox --faults)", "chat2data_endpoint"
                )
            ).encode()
            return await _send_simple(send, 500, body, b"application/json")
        if kind == "502html":
            return await _send_simple(send, 502, _HTML_502, b"text/html")
        if kind in ("slow", "timeout"):
            await asyncio.sleep(fault.seconds)
            if kind == "timeout":
                import json

                body = json.dumps(
                    gateway_body(408, "request timeout.", "chat2data_endpoint")
                ).encode()
                return await _send_simple(send, 408, body, b"application/json")
            return await self.app(scope, receive, send)
        return await self._mangle(kind, scope, receive, send)

    async def _mangle(self, kind: str, scope, receive, send):
        """Run the real request, then spoil its body (badjson) or cut it short (truncated)."""
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        cut = body[: max(1, len(body) // 2)]
        if kind == "badjson":
            headers.append((b"content-length", str(len(cut)).encode()))
            await send(
                {
                    "type": "http.response.start",
                    "status": start.get("status", 200),
                    "headers": headers,
                }
            )
            await send({"type": "http.response.body", "body": cut})
            return None
        headers.append((b"content-length", str(len(body)).encode()))
        await send(
            {"type": "http.response.start", "status": start.get("status", 200), "headers": headers}
        )
        await send({"type": "http.response.body", "body": cut, "more_body": True})
        _close(send, reset=False)
        return None
