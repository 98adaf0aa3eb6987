"""Settings: which Data App to talk to, with which key, and how.

Sources, first match wins for each setting: command-line flags, then the
environment (``C2Q_ENDPOINT``, ``C2Q_PUBLIC_KEY``, ``C2Q_PRIVATE_KEY``,
``C2Q_CLUSTER_ID``, ``C2Q_DATABASE``, ``C2Q_PROFILE``, ``C2Q_TIMEOUT``), then the chosen profile
of ``$XDG_CONFIG_HOME/c2q/config.toml``::

    theme = "default"                  # top-level keys apply to every profile

    [default]
    endpoint = "https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-XXXXXXXX/endpoint"
    public_key = "ABCD1234"
    private_key_command = "pass show tidb/c2q"   # or private_key = "..." / private_key_env = "VAR"
    cluster_id = "10140100115280519574"
    database = "sp500insight"
    mode = "direct"                    # or "auto_breakdown"
    auth = "digest"                    # or "basic"

The private key is never taken from a flag (it would show in ``ps``). This
module is imported at start-up: it must not import httpx or anything heavy.
"""

from __future__ import annotations

import argparse
import os
import shlex
import stat
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import IO, Any

from c2q_repl.api.endpoint import normalize_endpoint
from c2q_repl.api.vocabulary import AUTH_SCHEMES, MODES
from c2q_repl.credentials import Credentials
from c2q_repl.errors import ConfigError

DEFAULT_PROFILE = "default"
#: keys a profile understands; any other key is kept in ``Settings.extra`` for other parts of c2q
KNOWN_KEYS = (
    "endpoint",
    "public_key",
    "private_key",
    "private_key_env",
    "private_key_command",
    "cluster_id",
    "database",
    "mode",
    "theme",
    "auth",
    "auth_scheme",
    "timeout",
    "poll_budget",
)
KEY_COMMAND_TIMEOUT = 15.0


@dataclass(frozen=True)
class ConnectionFlags:
    """The connection options given on the command line; ``None``: not given.

    Handlers build it once from their parsed arguments (:meth:`from_args`);
    nothing below them sees an ``argparse.Namespace``.
    """

    profile: str | None = None
    endpoint: str | None = None
    public_key: str | None = None
    auth: str | None = None
    cluster_id: str | None = None
    database: str | None = None
    mode: str | None = None
    theme: str | None = None
    poll_budget: float | None = None
    sandbox: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ConnectionFlags:
        """A subcommand without some option (``demo`` has no ``--endpoint``) leaves it ``None``."""
        given = vars(args)
        values = {f.name: given.get(f.name) for f in fields(cls) if f.name != "sandbox"}
        return cls(**values, sandbox=bool(given.get("sandbox")))


@dataclass(frozen=True)
class Settings:
    endpoint: str = ""  # full base URL ending in /endpoint; "" when not configured
    credentials: Credentials | None = None
    auth_scheme: str = "digest"
    cluster_id: str = ""
    database: str = ""
    mode: str = "direct"
    theme: str = "default"
    profile: str = DEFAULT_PROFILE
    sandbox: bool = False  # the --sandbox flag
    #: seconds to wait for one HTTP response (C2Q_TIMEOUT or `timeout` in the profile)
    timeout: float = 30.0
    #: GET polls per question the job poller may spend on average (``poll_budget``,
    #: ``--poll-budget``); None: the poller's default
    poll_budget: float | None = None
    #: profile keys c2q's core does not interpret (e.g. REPL preferences), as written
    extra: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def has_credentials(self) -> bool:
        return bool(
            self.endpoint
            and self.credentials
            and self.credentials.public_key
            and self.credentials.private_key
        )

    def with_endpoint(
        self, endpoint: str, credentials: Credentials, cluster_id: str, database: str
    ) -> Settings:
        """The same preferences pointed at another Data App (used when the embedded sandbox starts)."""
        return replace(
            self,
            endpoint=normalize_endpoint(endpoint),
            credentials=credentials,
            cluster_id=cluster_id,
            database=database,
        )


# --------------------------------------------------------------------------- paths


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def _xdg(env: Mapping[str, str], var: str, fallback: str) -> Path:
    value = env.get(var, "")
    # The XDG spec says relative paths are invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else _home(env) / fallback


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """``$C2Q_CONFIG``, else ``$XDG_CONFIG_HOME/c2q/config.toml`` (default ``~/.config``)."""
    if env.get("C2Q_CONFIG"):
        return Path(env["C2Q_CONFIG"])
    return _xdg(env, "XDG_CONFIG_HOME", ".config") / "c2q" / "config.toml"


def state_dir(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_STATE_HOME/c2q`` (history, counters): default ``~/.local/state/c2q``."""
    return _xdg(env, "XDG_STATE_HOME", ".local/state") / "c2q"


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME/c2q`` (transcripts, sandbox keys): default ``~/.local/share/c2q``."""
    return _xdg(env, "XDG_DATA_HOME", ".local/share") / "c2q"


# --------------------------------------------------------------------------- the file


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed TOML file, ``{}`` when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names a line and column, never the content.
        raise ConfigError(
            f"{path} is not valid TOML: {exc}", hint="Fix the file or move it aside."
        ) from None


def profile_values(
    document: Mapping[str, Any], profile: str, *, required: bool, path: Path
) -> dict[str, Any]:
    """Top-level scalar keys overlaid with the ``[profile]`` table."""
    base = {k: v for k, v in document.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in document.items() if isinstance(v, dict)}
    if profile in tables:
        return {**base, **tables[profile]}
    if required:
        known = ", ".join(sorted(tables)) or "none"
        raise ConfigError(
            f"profile {profile!r} is not in {path}", hint=f"Profiles defined there: {known}."
        )
    return base


def configured_theme(env: Mapping[str, str] = os.environ, profile: str | None = None) -> str:
    """The ``theme`` the config file sets (top level or profile), "" when none or unreadable.

    ``replay`` needs only this, so it reads the file itself rather than resolving
    credentials (which may run a key command) through :func:`load_settings`.
    """
    path = config_path(env)
    try:
        values = profile_values(
            read_config_file(path),
            profile or env.get("C2Q_PROFILE") or DEFAULT_PROFILE,
            required=False,
            path=path,
        )
    except ConfigError:
        return ""
    theme = values.get("theme")
    return theme if isinstance(theme, str) else ""


def group_or_world_readable(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.name == "posix" and bool(mode & (stat.S_IRGRP | stat.S_IROTH))


def _string(values: Mapping[str, Any], key: str, path: Path) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ConfigError(f"`{key}` in {path} must be a string")
    return str(value).strip()


def _private_key_from_command(command: str, env: Mapping[str, str]) -> str:
    try:
        argv = shlex.split(command)
    except ValueError:
        raise ConfigError("private_key_command is not a valid command line") from None
    if not argv:
        raise ConfigError("private_key_command is empty")
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=KEY_COMMAND_TIMEOUT,
            env=dict(env),
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise ConfigError(f"private_key_command: {argv[0]!r} not found") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(
            f"private_key_command took longer than {KEY_COMMAND_TIMEOUT:.0f} s"
        ) from None
    except OSError as exc:
        raise ConfigError(f"private_key_command could not run: {exc.strerror}") from None
    if done.returncode != 0:
        # Never echo its output: it may be the key, or part of it.
        raise ConfigError(f"private_key_command failed (exit status {done.returncode})")
    lines = done.stdout.strip().splitlines()
    if not lines or not lines[0].strip():
        raise ConfigError("private_key_command printed nothing")
    return lines[0].strip()


# --------------------------------------------------------------------------- loading


def load_settings(
    flags: ConnectionFlags | None = None,
    env: Mapping[str, str] = os.environ,
    *,
    stderr: IO[str] | None = None,
) -> Settings:
    """Resolve settings from flags > env > config profile; raise :class:`ConfigError` on problems.

    Warns on ``stderr`` (once per call) when the config file holds a private key
    and other users may read it.
    """
    flags = flags or ConnectionFlags()
    explicit_profile = flags.profile or env.get("C2Q_PROFILE") or ""
    profile = explicit_profile or DEFAULT_PROFILE
    path = config_path(env)
    document = read_config_file(path)
    values = profile_values(document, profile, required=bool(explicit_profile), path=path)

    def pick(from_flag: str | None, env_var: str | None, key: str) -> str:
        if from_flag:
            return str(from_flag).strip()
        if env_var and env.get(env_var, "").strip():
            return env[env_var].strip()
        return _string(values, key, path)

    sandbox = flags.sandbox
    endpoint = pick(flags.endpoint, "C2Q_ENDPOINT", "endpoint")
    public_key = pick(flags.public_key, "C2Q_PUBLIC_KEY", "public_key")
    mode = pick(flags.mode, None, "mode") or "direct"
    auth = pick(flags.auth, None, "auth") or _string(values, "auth_scheme", path) or "digest"
    theme = pick(flags.theme, None, "theme") or "default"
    timeout = _timeout(env.get("C2Q_TIMEOUT", "").strip() or values.get("timeout"))
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}", hint="Use direct or auto_breakdown.")
    if auth not in AUTH_SCHEMES:
        raise ConfigError(f"unknown auth scheme {auth!r}", hint="Use digest or basic.")

    if _holds_private_key(document) and group_or_world_readable(path):
        print(
            f"c2q: warning: {path} holds a private key and other users can read it; run: chmod 600 {path}",
            file=stderr or sys.stderr,
        )
    private_key = env.get("C2Q_PRIVATE_KEY", "").strip()
    if not private_key and _string(values, "private_key", path):
        private_key = _string(values, "private_key", path)
    if not private_key and _string(values, "private_key_env", path):
        private_key = env.get(_string(values, "private_key_env", path), "").strip()
    if (
        not private_key
        and _string(values, "private_key_command", path)
        and (public_key or endpoint)
        and not sandbox
    ):
        private_key = _private_key_from_command(_string(values, "private_key_command", path), env)

    credentials = Credentials(public_key, private_key) if (public_key or private_key) else None
    if not sandbox:
        if endpoint:
            endpoint = normalize_endpoint(endpoint)
        _check_complete(endpoint, public_key, private_key)
    return Settings(
        endpoint=endpoint,
        credentials=credentials,
        auth_scheme=auth,
        cluster_id=pick(flags.cluster_id, "C2Q_CLUSTER_ID", "cluster_id"),
        database=pick(flags.database, "C2Q_DATABASE", "database"),
        mode=mode,
        theme=theme,
        profile=profile,
        sandbox=sandbox,
        timeout=timeout,
        poll_budget=_poll_budget(
            flags.poll_budget if flags.poll_budget is not None else values.get("poll_budget")
        ),
        extra={k: v for k, v in values.items() if k not in KNOWN_KEYS},
    )


def _timeout(value: Any) -> float:
    """A per-request timeout in seconds: a positive number, default 30."""
    if value is None or value == "":
        return 30.0
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if not 0 < seconds <= 3600 or isinstance(value, bool):
        raise ConfigError(
            f"invalid timeout {value!r}",
            hint="Use a number of seconds between 0 and 3600, e.g. C2Q_TIMEOUT=60.",
        )
    return seconds


def _poll_budget(value: Any) -> float | None:
    """GET polls per question (at least one: every job is polled until it is seen finished)."""
    if value is None or value == "":
        return None
    try:
        polls = float(value)
    except (TypeError, ValueError):
        polls = 0.0
    if not 1 <= polls <= 100 or isinstance(value, bool):
        raise ConfigError(
            f"invalid poll_budget {value!r}",
            hint="Use a number of polls per question between 1 and 100, e.g. poll_budget = 3.",
        )
    return polls


def _holds_private_key(document: Mapping[str, Any]) -> bool:
    tables = [document, *(v for v in document.values() if isinstance(v, dict))]
    return any(isinstance(t.get("private_key"), str) and t["private_key"].strip() for t in tables)


def _check_complete(endpoint: str, public_key: str, private_key: str) -> None:
    """Either nothing (→ the sandbox) or all three of endpoint, public and private key."""
    given = {
        "endpoint": bool(endpoint),
        "public key": bool(public_key),
        "private key": bool(private_key),
    }
    if any(given.values()) and not all(given.values()):
        missing = ", ".join(name for name, ok in given.items() if not ok)
        raise ConfigError(
            f"incomplete connection settings: missing {missing}",
            hint="Set C2Q_ENDPOINT, C2Q_PUBLIC_KEY and C2Q_PRIVATE_KEY (or a config profile), or use --sandbox.",
        )
