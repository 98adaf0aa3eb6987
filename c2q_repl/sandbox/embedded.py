"""Run the sandbox server in a background thread of the current process.

``start_sandbox()`` returns once uvicorn is listening; the handle knows the
endpoint URL and the key pair to use, and ``stop()`` shuts the server down
cleanly (idempotent; also on leaving a ``with`` block). This is how ``c2q``
without credentials runs, and what the test fixtures use.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from c2q_repl.sandbox.keys import ADMIN, ApiKey, generate_key, load_or_create_keys

log = logging.getLogger("c2q.sandbox")


def open_database(db: str | None, *, cache_dir: Path | None = None):
    """The Database for ``--db``: None → the bundled sp500insight, a path → SQLite, mysql://… → MySQL."""
    if db is None or db == "":
        from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
        from c2q_repl.sandbox.seed import DATABASE_NAME, ensure_sp500insight

        return SQLiteDatabase(ensure_sp500insight(cache_dir), DATABASE_NAME, immutable=True)
    if db.startswith(("mysql://", "mariadb://", "tidb://")):
        from c2q_repl.sandbox.backends.mysql import MySQLDatabase

        return MySQLDatabase.from_url(db, seed_if_empty=True)
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase

    path = Path(db.removeprefix("sqlite://")).expanduser()
    return SQLiteDatabase(path, path.stem)


def _provide_database_in_background(cache_dir: Path | None) -> None:
    """Start providing the bundled database (a copy out of the package on a first run) while
    this thread imports the server and the engine (about a second): decompression and file
    I/O release the GIL. :func:`open_database` then finds the file, or waits on the build
    lock until it is complete; an error here is raised again there, so it is ignored here."""

    def provide() -> None:
        from c2q_repl.sandbox.seed import ensure_sp500insight

        try:
            ensure_sp500insight(cache_dir)
        except Exception:  # noqa: BLE001 - open_database repeats the work and reports it
            log.debug("background database provisioning failed", exc_info=True)

    threading.Thread(target=provide, name="c2q-sandbox-db", daemon=True).start()


@dataclass
class SandboxHandle:
    endpoint: str
    public_key: str
    private_key: str = field(repr=False)
    cluster_id: str
    database: str
    app: Any = field(repr=False)  # the gateway app (its .core holds the stores)
    keys: tuple[ApiKey, ...] = field(repr=False, default=())
    _server: Any = field(repr=False, default=None)  # uvicorn.Server
    _thread: threading.Thread | None = field(repr=False, default=None)
    _closers: tuple = field(repr=False, default=())
    _stopped: bool = field(repr=False, default=False)

    @property
    def port(self) -> int:
        return int(self.endpoint.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])

    def key_for(self, role: str) -> ApiKey | None:
        return next((k for k in self.keys if k.role == role and not k.expired), None)

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """Block until the default data summary is generated (chat2data would say "not ready" before)."""
        core = self.app.core
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            summary = core.summaries.default_for(self.cluster_id, self.database)
            if summary is not None and core.summary_status(summary) == "done":
                return True
            time.sleep(0.01)
        return False

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        for close in self._closers:
            try:
                close()
            except Exception:  # noqa: BLE001 - best effort on shutdown
                log.debug("error while closing the sandbox", exc_info=True)

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_sandbox(
    *,
    db: str | None = None,
    app_id: str = "chat2query-sandbox1",
    job_delay: float | tuple[float, float] | str = 0.0,
    daily_limit: int = 100,
    rpm_limit: int = 100,
    faults: str | None = None,
    seed: int = 0,
    keys_file: Path | None = None,
    engine: str = "builtin",
    host: str = "127.0.0.1",
    port: int = 0,
    llm_url: str | None = None,
    llm_model: str | None = None,
    llm_key_env: str = "OPENAI_API_KEY",
    answerer=None,
    keys: list[ApiKey] | None = None,
    max_rows: int = 1000,
    sql_timeout: float = 10.0,
    max_result_chars: int = 8 * 2**20,
    job_limits=None,
    cache_dir: Path | None = None,
    header_timeout: float = 10.0,
    body_timeout: float = 30.0,
    max_connections: int | None = None,
    log_level: str | None = None,
    access_log: bool = False,
) -> SandboxHandle:
    """Start a sandbox server in a daemon thread; returns once it accepts connections.

    Without ``keys_file`` (or ``keys``) a fresh in-memory Admin key pair is made
    and nothing is written to the user's data directory. ``answerer`` replaces
    the engine (tests); otherwise SQL passthrough in front of ``engine``.
    With ``log_level`` None (embedded use) uvicorn leaves the process's logging
    configuration alone, so nothing is printed over the REPL's screen.
    """
    if not db:
        _provide_database_in_background(cache_dir)
    import uvicorn

    from c2q_repl.sandbox.answerer import build_answerer
    from c2q_repl.sandbox.app import GatewayConfig, create_app
    from c2q_repl.sandbox.connections import guarded_protocol
    from c2q_repl.sandbox.faults import parse_faults
    from c2q_repl.sandbox.jobs import JobStore, parse_delay
    from c2q_repl.sandbox.results import Limits
    from c2q_repl.sandbox.service import SandboxCore

    parse_faults(faults)  # fail before anything starts
    delay = parse_delay(job_delay)
    if keys is None:
        keys = load_or_create_keys(Path(keys_file))[0] if keys_file else [generate_key(ADMIN)]
    database = open_database(db, cache_dir=cache_dir)
    known_description = None
    if answerer is None:
        answerer = build_answerer(
            engine, llm_url=llm_url, llm_model=llm_model, llm_key_env=llm_key_env
        )
        if not db and engine == "builtin":
            from c2q_repl.sandbox.prebuilt import packaged_description

            known_description = packaged_description()
    jobs = JobStore(delay, seed=seed, limits=job_limits)  # job_limits: a jobs.JobLimits
    core = SandboxCore(
        database,
        answerer,
        jobs,
        app_id=app_id,
        limits=Limits(max_rows, sql_timeout, max_result_chars),
        known_description=known_description,
    )
    core.start_summary(core.cluster_id, database.name, "")
    gateway = GatewayConfig(
        app_id=app_id,
        keys=tuple(keys),
        daily_limit=daily_limit,
        rpm_limit=rpm_limit,
        faults=faults,
        seed=seed,
        access_log=access_log,
        body_timeout=body_timeout,
    )
    asgi = create_app(core, gateway)

    # proto=IPPROTO_TCP matters: asyncio only turns Nagle off (TCP_NODELAY) on sockets that say they are
    # TCP, and with Nagle on every keep-alive response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(
        socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
    )
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        jobs.shutdown()
        raise
    bound_port = sock.getsockname()[1]
    logging_options = {"log_config": None} if log_level is None else {"log_level": log_level}
    config = uvicorn.Config(
        asgi,
        # h11 plus a header timeout and a connection cap (slowloris), see sandbox/connections.py
        http=guarded_protocol(header_timeout=header_timeout, max_connections=max_connections),
        lifespan="off",
        access_log=False,  # the app writes a cheaper access line itself (GatewayConfig.access_log)
        **logging_options,
        timeout_graceful_shutdown=2,
        timeout_keep_alive=20,
        h11_max_incomplete_event_size=16 * 1024,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="c2q-sandbox", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            jobs.shutdown()
            raise RuntimeError("the sandbox server did not start")
        time.sleep(0.005)
    url_host = f"[{host}]" if ":" in host else host
    admin = next((k for k in keys if k.role == ADMIN and not k.expired), keys[0])
    closers = (sock.close, jobs.shutdown, getattr(database, "close", lambda: None))
    return SandboxHandle(
        endpoint=f"http://{url_host}:{bound_port}/api/v1beta/app/{app_id}/endpoint",
        public_key=admin.public,
        private_key=admin.private,
        cluster_id=core.cluster_id,
        database=database.name,
        app=getattr(asgi, "app", asgi),
        keys=tuple(keys),
        _server=server,
        _thread=thread,
        _closers=closers,
    )
