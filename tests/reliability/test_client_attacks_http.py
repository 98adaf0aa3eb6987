"""A hostile server against the client's HTTP layer, over real HTTP on 127.0.0.1.

* a gzip bomb (a small body that decodes to 256 MB) is refused at 64 MB,
  with a clear message, without a retry, and without the memory;
* a server trickling its answer one byte at a time cannot hold a request past
  the timeout (the timeout bounds the whole response, not each read);
* a poll in flight when the job's wait limit passes, or when the user cancels,
  ends, and its thread and connection are released;
* only literal loopback addresses and ``localhost`` itself may use plain HTTP.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.api.endpoint import is_loopback_host, normalize_endpoint
from c2q_repl.api.poller import wait_for_job
from c2q_repl.config import Credentials
from tests.children import popen
from tests.e2e.harness import isolated_env
from tests.reliability import fakeapi as F
from tests.reliability.cases import FAULTY
from tests.reliability.conftest import TRACEBACK, c2q_env

BOMB_MB = 256


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """``BOMB_MB`` MB of zeros, gzip-encoded (about 250 KB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    body = b"".join(packer.compress(block) for _ in range(BOMB_MB)) + packer.flush()
    assert len(body) < 1 << 20
    return body


#: runs ``c2q`` and, at exit, writes the process's own peak RSS (VmHWM) to a file.
#: Not wait4's ru_maxrss: Linux carries the parent's high-water mark across fork
#: and exec, so it reads the pytest worker's size (300 MB late in a full run).
_MEASURED_C2Q = """
import atexit, os, runpy, sys

def _report(path=os.environ["C2Q_TEST_HWM_FILE"]):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM")))

atexit.register(_report)
sys.argv = ["c2q", *sys.argv[1:]]
runpy.run_module("c2q_repl", run_name="__main__")
"""


def _env_for(root: Path, endpoint: str, **extra: str) -> dict[str, str]:
    return isolated_env(
        root,
        {
            "C2Q_ENDPOINT": endpoint,
            "C2Q_PUBLIC_KEY": F.PUBLIC_KEY,
            "C2Q_PRIVATE_KEY": F.PRIVATE_KEY,
            "C2Q_CLUSTER_ID": F.CLUSTER_ID,
            "C2Q_DATABASE": F.DATABASE,
            **extra,
        },
    )


def _ask(args: list[str], env: dict[str, str]) -> tuple[int, str, str, int]:
    """``c2q ask ARGS``: exit code, stdout, stderr and the process's peak RSS in MB."""
    hwm = Path(env["HOME"]) / "vmhwm.txt"
    process = popen(
        [sys.executable, "-c", _MEASURED_C2Q, "ask", *args],
        env={**env, "C2Q_TEST_HWM_FILE": str(hwm)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    out, err = process.communicate(timeout=120)
    peak_kb = int(hwm.read_text().split()[1])
    return process.returncode, out, err, peak_kb // 1024


# --------------------------------------------------------------------------- 10: decoded size


def test_gzip_bomb_is_refused_once_without_the_memory(fake, tmp_path, gzip_bomb):
    fake.script(FAULTY, poll=F.status(200, gzip_bomb, content_encoding="gzip"))
    code, out, err, peak_mb = _ask([FAULTY], c2q_env(tmp_path, fake))
    assert code != 0
    assert "larger than 64 MB once decoded" in out + err, out + err
    assert TRACEBACK not in err
    polls = [r for r in fake.received if r.method == "GET" and r.path.startswith("/v2/jobs/")]
    assert len(polls) == 1, f"the poll was repeated {len(polls)} times"
    # reading stops at the cap: the process never held the decoded body
    # the client itself (~40 MB) plus at most the 64 MB cap: never a whole raw chunk
    # inflated on top of it (httpx's own decoder peaked at 168 MB here)
    assert peak_mb < 64 + 64, f"peak RSS {peak_mb} MB"


# --------------------------------------------------------------------------- 14: whole response


class TrickleServer:
    """Answers every request with a valid response, one byte every ``gap`` seconds;
    records how many bytes each connection took before the client hung up."""

    def __init__(self, gap: float = 0.1) -> None:
        self.gap = gap
        body = b'{"code":200,"msg":"","result":[]}' + b" " * 200
        self.response = (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        self.sent: list[int] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}{F.BASE_PATH}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        sent = 0
        try:
            conn.recv(65536)
            for i in range(len(self.response)):
                conn.sendall(self.response[i : i + 1])
                sent += 1
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            self.sent.append(sent)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.sock.close()


def test_a_trickling_server_cannot_hold_a_request_past_the_timeout(tmp_path):
    server = TrickleServer(gap=0.1)  # ~300 bytes: 30 s to send it all
    try:
        code, _, err, _ = _ask(["how many?"], _env_for(tmp_path, server.endpoint, C2Q_TIMEOUT="1"))
        deadline = time.monotonic() + 10
        while not server.sent and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.close()
    assert code != 0 and TRACEBACK not in err
    assert "did not finish its answer in time" in err, err
    # one connection, cut off long before the whole response: no retry, no waiting it out
    assert len(server.sent) == 1, server.sent
    assert server.sent[0] < len(server.response) // 2, server.sent


def _client(server: F.FakeChat2Query, timeout: float = 30.0) -> Chat2QueryClient:
    return Chat2QueryClient(
        server.endpoint, Credentials(F.PUBLIC_KEY, F.PRIVATE_KEY), timeout=timeout
    )


def _poll_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("c2q-poll-")]


def _open_connections(client: Chat2QueryClient) -> int:
    pool = client._http._client._transport._inner._pool  # type: ignore[attr-defined]
    return len(pool.connections)


def _wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _start_job(server: F.FakeChat2Query, client: Chat2QueryClient) -> str:
    server.script(FAULTY, poll=F.Fault("hang", seconds=60))
    return client.chat(FAULTY, cluster_id=F.CLUSTER_ID, database=F.DATABASE).job_id


def _in_thread(target) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = target()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_cancel_releases_the_poll_thread_and_its_connection(fake):
    client = _client(fake)
    try:
        job_id = _start_job(fake, client)
        cancel = threading.Event()
        thread, outcome = _in_thread(lambda: wait_for_job(client, job_id, cancel=cancel))
        assert _wait_until(lambda: _open_connections(client) == 1 and bool(_poll_threads()))
        cancel.set()
        thread.join(10)
        assert isinstance(outcome.get("error"), E.CancelledError), outcome
        assert _wait_until(lambda: not _poll_threads()), "the poll thread was left behind"
        assert _wait_until(lambda: _open_connections(client) == 0), "the connection stayed open"
    finally:
        client.close()


def test_the_wait_limit_is_checked_while_a_poll_is_in_flight(fake):
    client = _client(fake)
    try:
        job_id = _start_job(fake, client)
        thread, outcome = _in_thread(lambda: wait_for_job(client, job_id, max_wait=0.5))
        thread.join(15)  # the poll hangs for 60 s: only the wait limit can end it this soon
        assert not thread.is_alive(), "the wait limit was not checked during the poll"
        assert isinstance(outcome.get("error"), E.JobTimeoutError), outcome
        assert _wait_until(lambda: not _poll_threads()), "the poll thread was left behind"
        assert _wait_until(lambda: _open_connections(client) == 0)
    finally:
        client.close()


# --------------------------------------------------------------------------- 15: loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "[::1]", "localhost", "LOCALHOST"])
def test_literal_loopback_and_localhost_may_use_plain_http(host):
    assert normalize_endpoint(f"http://{host}:8080/api/v1beta/app/x/endpoint")


@pytest.mark.parametrize(
    "host",
    [
        "evil.localhost",
        "sandbox.localhost",
        "localhost.",
        "localhost.example.com",
        "127.0.0.1.nip.io",
    ],
)
def test_names_that_dns_resolves_are_not_loopback(host):
    assert not is_loopback_host(host)
    with pytest.raises(E.ConfigError, match="refusing plain HTTP"):
        normalize_endpoint(f"http://{host}:8080/api/v1beta/app/x/endpoint")


def test_ask_refuses_plain_http_to_a_dot_localhost_name(tmp_path):
    code, _, err, _ = _ask(["hello"], _env_for(tmp_path, "http://api.localhost:8080" + F.BASE_PATH))
    assert code == 2 and "refusing plain HTTP to api.localhost" in err, err
    assert TRACEBACK not in err


def test_localhost_is_reached_without_asking_a_resolver(fake, monkeypatch):
    """Plain HTTP to ``localhost`` is allowed because it is this machine: no resolver may
    say otherwise, so c2q connects to 127.0.0.1 (then ::1) itself."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def resolver(host, *args, **kwargs):
        asked.append(str(host))
        if str(host).lower() == "localhost":
            raise socket.gaierror("a resolver that would send localhost elsewhere")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    client = Chat2QueryClient(
        fake.endpoint.replace("127.0.0.1", "localhost"),
        Credentials(F.PUBLIC_KEY, F.PRIVATE_KEY),
    )
    try:
        assert client.list_sessions()
    finally:
        client.close()
    assert "localhost" not in [h.lower() for h in asked]
