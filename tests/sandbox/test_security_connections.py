"""Slow and idle connections (issue 10 item 4), against the real server over real sockets:
a request head must arrive within the header timeout, and past the connection cap the oldest
idle connection makes room, so a real client always gets through."""

from __future__ import annotations

import socket
import time

import pytest

from .helpers import client


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    """True when the server closes ``sock`` (EOF or reset) before ``within`` seconds pass."""
    sock.settimeout(within)
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.fixture
def guarded(make_sandbox):
    return make_sandbox(header_timeout=0.5, max_connections=24, daily_limit=0, rpm_limit=0)


def test_a_connection_that_sends_nothing_is_closed(guarded):
    with socket.create_connection(("127.0.0.1", guarded.port)) as sock:
        assert _closed_by_server(sock, within=10)


def test_a_request_head_that_never_ends_is_closed(guarded):
    with socket.create_connection(("127.0.0.1", guarded.port)) as sock:
        sock.sendall(b"GET /api HTTP/1.1\r\nHost: x\r\n")
        assert _closed_by_server(sock, within=10)


def test_a_trickled_request_head_is_closed(guarded):
    """One header byte at a time keeps data flowing, but the head's clock does not restart."""
    with socket.create_connection(("127.0.0.1", guarded.port)) as sock:
        sock.sendall(b"GET /api HTTP/1.1\r\n")
        deadline = time.monotonic() + 10
        closed = False
        while time.monotonic() < deadline and not closed:
            try:
                sock.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            closed = _closed_by_server(sock, within=0.1)
        assert closed


def test_a_real_client_gets_through_a_flood_of_idle_connections(guarded):
    flood = [socket.create_connection(("127.0.0.1", guarded.port)) for _ in range(60)]
    try:
        with client(guarded) as http:
            assert http.get("/v3/dataSummaries").status_code == 200
        alive = 0
        for sock in flood:
            if not _closed_by_server(sock, within=0.01):
                alive += 1
        assert alive <= 24
    finally:
        for sock in flood:
            sock.close()


def test_keep_alive_clients_keep_working(guarded):
    with client(guarded) as http:
        for _ in range(5):
            assert http.get("/v3/dataSummaries").status_code == 200
            time.sleep(
                0.7
            )  # past the header timeout: an idle keep-alive connection is not a slow head


def test_a_dripped_request_body_gets_408(make_sandbox):
    """Headers promise 100 bytes, a few arrive, then nothing: the body's time limit ends it."""
    import base64

    sb = make_sandbox(body_timeout=0.5)
    token = base64.b64encode(f"{sb.public_key}:{sb.private_key}".encode()).decode()
    path = sb.endpoint.split("://", 1)[1].partition("/")[2]
    with socket.create_connection(("127.0.0.1", sb.port)) as sock:
        sock.sendall(
            (
                f"POST /{path}/v3/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {token}\r\n"
                'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na'
            ).encode()
        )
        sock.settimeout(10)
        answer = sock.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 408") and "application/json" in answer
