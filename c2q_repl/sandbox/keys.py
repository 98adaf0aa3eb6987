"""API keys of the sandbox: roles, the TOML keys file, and key generation.

Keys file (TOML)::

    [[keys]]
    public = "A1B2C3D4"                              # 8 characters, like Data Service keys
    private = "<a UUID, e.g. from uuidgen>"             # the private key
    role = "admin"        # required: admin | data_summary | readonly | readwrite (console names too)
    expired = false       # optional; or expires_at = 2026-01-01T00:00:00Z

A private key never appears in a repr; only the first-start notice of
``c2q sandbox serve`` prints it, once, to the terminal that asked for it.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import string
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ADMIN = "admin"
DATA_SUMMARY = "data_summary"
SQL_READONLY = "readonly"
SQL_READWRITE = "readwrite"
ROLES = (ADMIN, DATA_SUMMARY, SQL_READONLY, SQL_READWRITE)
ROLE_TITLES = {
    ADMIN: "Chat2Query Admin",
    DATA_SUMMARY: "Chat2Query Data Summary Management Role",
    SQL_READONLY: "Chat2Query SQL ReadOnly",
    SQL_READWRITE: "Chat2Query SQL ReadWrite",
}


class KeysFileError(ValueError):
    """The keys file is missing fields (a role too: there is no default) or names an unknown role."""


def normalize_role(text: str) -> str:
    """Map any spelling of a role (``CHAT2QUERY_ADMIN``, "Chat2Query SQL ReadOnly", ...) to a constant."""
    squashed = (
        "".join(ch for ch in text.lower() if ch.isalnum())
        .replace("chat2query", "")
        .replace("role", "")
    )
    if squashed in ("admin",):
        return ADMIN
    if "summary" in squashed or "context" in squashed:
        return DATA_SUMMARY
    if "readonly" in squashed:
        return SQL_READONLY
    if "readwrite" in squashed or "readandwrite" in squashed:
        return SQL_READWRITE
    raise KeysFileError(f"unknown role {text!r}; use one of: {', '.join(ROLES)}")


@dataclass(frozen=True)
class ApiKey:
    public: str
    private: str = field(repr=False)
    role: str = ADMIN
    expired: bool = False
    expires_at: float | None = None  # UNIX seconds

    def is_expired(self, now: float) -> bool:
        return self.expired or (self.expires_at is not None and now >= self.expires_at)

    def __repr__(self) -> str:
        return f"ApiKey(public={self.public!r}, private='****', role={self.role!r}, expired={self.expired!r})"


def generate_key(role: str = ADMIN) -> ApiKey:
    alphabet = string.ascii_uppercase + string.digits
    public = "".join(secrets.choice(alphabet) for _ in range(8))
    return ApiKey(
        public=public, private=str(uuid.UUID(bytes=secrets.token_bytes(16), version=4)), role=role
    )


def default_keys_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "c2q" / "sandbox-keys.toml"


def _expiry(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)).timestamp()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).timestamp()
    raise KeysFileError(f"expires_at must be a date-time or UNIX seconds, not {value!r}")


def parse_keys(text: str) -> list[ApiKey]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found]

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KeysFileError(f"keys file is not valid TOML: {exc}") from None
    entries = doc.get("keys", [])
    if not isinstance(entries, list) or not entries:
        raise KeysFileError("keys file has no [[keys]] entries")
    keys = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("public") or not entry.get("private"):
            raise KeysFileError(f"key #{i + 1} needs 'public' and 'private'")
        role = entry.get("role")
        if not isinstance(role, str) or not role.strip():
            # never a default: a forgotten role must not quietly make an Admin key
            raise KeysFileError(
                f"key #{i + 1} ({entry['public']}) needs a role: one of {', '.join(ROLES)}"
            )
        keys.append(
            ApiKey(
                public=str(entry["public"]),
                private=str(entry["private"]),
                role=normalize_role(role),
                expired=bool(entry.get("expired", False)),
                expires_at=_expiry(entry.get("expires_at")),
            )
        )
    return keys


def load_keys(path: Path) -> list[ApiKey]:
    return parse_keys(Path(path).read_text(encoding="utf-8"))


def render_keys(keys: list[ApiKey]) -> str:
    lines = ["# c2q sandbox API keys (keep this file private: it holds the private keys)", ""]
    for key in keys:
        lines += [
            "[[keys]]",
            f'public = "{key.public}"',
            f'private = "{key.private}"',
            f'role = "{key.role}"',
        ]
        if key.expired:
            lines.append("expired = true")
        lines.append("")
    return "\n".join(lines)


def write_keys(path: Path, keys: list[ApiKey]) -> None:
    """Write the keys file with mode 0600 from the first byte (never briefly world-readable)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, render_keys(keys).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def load_or_create_keys(path: Path) -> tuple[list[ApiKey], bool]:
    """The keys in ``path``, creating it with one fresh Admin key pair when absent. Returns (keys, created)."""
    path = Path(path)
    if path.exists():
        return load_keys(path), False
    keys = [generate_key(ADMIN)]
    write_keys(path, keys)
    return keys, True
