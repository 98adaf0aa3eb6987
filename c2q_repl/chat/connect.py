"""Choose the endpoint (TiDB Cloud or the embedded sandbox) and build the client.

A :class:`Connection` is cheap to create: its kind and label are known from
the settings alone, so the REPL can draw its banner and prompt at once. The
expensive part (starting the sandbox server, importing httpx, building the
client) runs on :meth:`Connection.start` in a daemon thread; ``client`` and
``settings`` wait for it. This module imports nothing heavy at import time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from c2q_repl.api.endpoint import is_loopback_host
from c2q_repl.api.errors import C2QError, ConfigError
from c2q_repl.chat.learned import DurationStore, apply_poll_budget
from c2q_repl.chat.usage import UsageCounter, endpoint_key
from c2q_repl.config import Credentials, Settings

if TYPE_CHECKING:  # concurrent.futures imports logging: only load it when connecting starts
    from concurrent.futures import Future

    from c2q_repl.api.client import Chat2QueryClient
    from c2q_repl.sandbox.embedded import SandboxHandle

#: what the embedded sandbox serves when the settings name no database
SANDBOX_DATABASE = "sp500insight"


def endpoint_kind(settings: Settings) -> str:
    """ "sandbox" when c2q must start its own server (no credentials, or --sandbox)."""
    return "sandbox" if settings.sandbox or not settings.has_credentials else "cloud"


def endpoint_label(settings: Settings, kind: str | None = None, *, served: str = "") -> str:
    """One line naming where questions go, for the banner, toolbar and ``/session``.

    The sandbox says "offline" so nobody mistakes it for their data; a loopback
    endpoint (``c2q sandbox serve``) is "local", anything else "cloud".
    """
    kind = kind or endpoint_kind(settings)
    if kind == "sandbox":  # the database it serves (before it starts: its default one)
        return f"sandbox · {served or SANDBOX_DATABASE} · offline"
    parts = urlsplit(settings.endpoint)
    host = parts.hostname or "?"
    where = "local" if is_loopback_host(host) else "cloud"
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{where} · {host} · {settings.database or 'no database set'}"


@dataclass
class _Established:
    client: Chat2QueryClient
    settings: Settings
    sandbox: SandboxHandle | None = None


@dataclass
class Connection:
    """An endpoint being (or already) connected to.

    ``settings`` before the connection is established are the user's; after,
    they are the effective ones (the sandbox's endpoint, keys, cluster and
    database filled in). ``usage`` counts every request sent, per day, on disk.
    """

    requested: Settings
    kind: str
    label: str
    on_request: Callable[[Any], None] | None = None
    sandbox_options: dict[str, Any] = field(default_factory=dict)
    #: extra keyword arguments for Chat2QueryClient (timeout, max_retries, transport)
    client_options: dict[str, Any] = field(default_factory=dict)
    usage: UsageCounter | None = None
    #: job durations learned by earlier runs against this endpoint (the poller starts warm)
    durations: DurationStore | None = None
    _future: Future[Connection] | None = field(default=None, init=False, repr=False)
    _established: _Established | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _closed: bool = field(default=False, init=False, repr=False)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Future[Connection]:
        """Begin connecting in a daemon thread (idempotent); the future yields ``self``."""
        from concurrent.futures import Future

        with self._lock:
            if self._closed:
                raise ConfigError("the connection is closed")
            if self._future is None:
                self._future = Future()
                threading.Thread(
                    target=self._run, args=(self._future,), name="c2q-connect", daemon=True
                ).start()
            return self._future

    def wait(self, timeout: float | None = None) -> Connection:
        """Block until connected; raise the :class:`C2QError` that prevented it."""
        future = self.start()
        future.result(timeout)
        return self

    @property
    def ready(self) -> bool:
        future = self._future
        return future is not None and future.done() and future.exception() is None

    @property
    def error(self) -> BaseException | None:
        """Why connecting failed (None while pending or when it worked)."""
        future = self._future
        return future.exception() if future is not None and future.done() else None

    def _run(self, future: Future[Connection]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            established = self._establish()
        except BaseException as exc:  # handed to whoever waits
            future.set_exception(
                exc
                if isinstance(exc, (C2QError, KeyboardInterrupt))
                else _startup_error(self.kind, exc)
            )
            return
        with self._lock:
            closed = self._closed
            if not closed:
                self._established = established
                self.label = endpoint_label(
                    established.settings, self.kind, served=established.settings.database
                )
        if closed:  # close() ran while we were starting: do not leak a server
            _shutdown(established)
            future.set_exception(ConfigError("the connection was closed while it was being set up"))
            return
        future.set_result(self)

    def _establish(self) -> _Established:
        from c2q_repl.api.client import Chat2QueryClient

        settings = self.requested
        handle = None
        if self.kind == "sandbox":
            from c2q_repl.sandbox.embedded import start_sandbox

            handle = start_sandbox(**self.sandbox_options)
            try:  # its own cluster and database: a configured cloud one is not the sandbox's
                settings = settings.with_endpoint(
                    handle.endpoint,
                    Credentials(handle.public_key, handle.private_key),
                    str(handle.cluster_id),
                    handle.database,
                )
            except BaseException:
                handle.stop()
                raise
        try:
            if settings.credentials is None:  # has_credentials chose "cloud": never None here
                raise ConfigError("no API key configured")
            options = {"timeout": getattr(settings, "timeout", 30.0), **self.client_options}
            client = Chat2QueryClient(
                settings.endpoint,
                settings.credentials,
                auth_scheme=settings.auth_scheme,
                on_request=self._count_request,
                **options,
            )
        except BaseException:
            if handle is not None:
                handle.stop()
            raise
        if self.durations is not None:
            self.durations.load_into(client)
        apply_poll_budget(client, getattr(settings, "poll_budget", None))
        return _Established(client=client, settings=settings, sandbox=handle)

    def remember_durations(self, client: Any) -> None:
        """Keep what the poller learned for the next run (no-op without a store)."""
        if self.durations is not None:
            self.durations.save_from(client)

    def _count_request(self, record: Any) -> None:
        if self.usage is not None and getattr(record, "sent", True):
            self.usage.add(
                requests=1, ai_requests=1 if getattr(record, "may_spend_quota", False) else 0
            )
        if self.on_request is not None:
            self.on_request(record)

    def close(self) -> None:
        """Close the client and stop the sandbox; a start still in progress is
        shut down as soon as it finishes."""
        with self._lock:
            self._closed = True
            established = self._established
            self._established = None
        if established is not None:
            _shutdown(established)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ what callers use

    def _get(self) -> _Established:
        self.wait()
        established = self._established
        if established is None:
            raise ConfigError("the connection is closed")
        return established

    @property
    def client(self) -> Chat2QueryClient:
        """The :class:`~c2q_repl.api.client.Chat2QueryClient` (waits until connected)."""
        return self._get().client

    @property
    def settings(self) -> Settings:
        """Effective settings once connected; the requested ones before that."""
        established = self._established
        return established.settings if established is not None else self.requested

    @property
    def sandbox(self) -> SandboxHandle | None:
        """The embedded sandbox's handle (None for an external endpoint or before it started)."""
        established = self._established
        return established.sandbox if established is not None else None


def _startup_error(kind: str, exc: BaseException) -> C2QError:
    what = "start the local sandbox" if kind == "sandbox" else "set up the client"
    return ConfigError(
        f"could not {what}: {type(exc).__name__}: {exc}",
        hint="This is a bug or a broken installation; please report it.",
    )


def _shutdown(established: _Established) -> None:
    try:
        established.client.close()
    finally:
        if established.sandbox is not None:
            established.sandbox.stop()


def provide_sandbox_database_early() -> None:
    """Begin copying the bundled database out of the package now, in a daemon thread.

    On a first run that copy (decompressing about 50 MB) is the longest single step
    before the embedded sandbox can serve; started before the UI is imported it runs
    alongside (zlib releases the GIL). Later runs find the file at once. Errors are left
    for the sandbox's own start to report.
    """

    def provide() -> None:
        try:
            from c2q_repl.sandbox.seed import ensure_sp500insight

            ensure_sp500insight()
        except Exception:  # noqa: BLE001 - start_sandbox repeats the work and reports it
            pass

    threading.Thread(target=provide, name="c2q-sandbox-db-early", daemon=True).start()


def new_connection(
    settings: Settings,
    *,
    on_request: Callable[[Any], None] | None = None,
    sandbox_options: dict[str, Any] | None = None,
    client_options: dict[str, Any] | None = None,
    track_usage: bool = True,
) -> Connection:
    """A not-yet-started connection: kind and label known, nothing imported or started."""
    kind = endpoint_kind(settings)
    key = endpoint_key(settings.endpoint, sandbox=kind == "sandbox")
    return Connection(
        requested=settings,
        kind=kind,
        label=endpoint_label(settings, kind),
        on_request=on_request,
        sandbox_options=dict(sandbox_options or {}),
        client_options=dict(client_options or {}),
        usage=UsageCounter(key) if track_usage else None,
        durations=DurationStore(key) if track_usage else None,
    )


def connect_in_background(settings: Settings, **options: Any) -> Connection:
    """Start connecting in a daemon thread and return at once (see :func:`new_connection`)."""
    connection = new_connection(settings, **options)
    connection.start()
    return connection


def connect(settings: Settings, **options: Any) -> Connection:
    """Connect now: start the sandbox when needed, build the client, return when ready."""
    return connect_in_background(settings, **options).wait()
