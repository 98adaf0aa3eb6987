"""The Data App base URL: validated once, then only ever joined with paths.

Pure (no httpx) so that ``c2q_repl.config`` can validate at start-up cheaply.
Rules: HTTPS, except plain HTTP to a loopback host (the local sandbox); no
credentials, query or fragment in the URL (keys go in the config, where they
are masked, never in a URL that ends up in logs and error messages).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from c2q_repl.api.errors import ConfigError

_APP_PATH = re.compile(r"/api/v1beta/app/[^/]+$")


def is_loopback_host(host: str) -> bool:
    """A literal loopback address, or ``localhost`` itself (which the system
    resolves from its hosts file). ``*.localhost`` names go through DNS like any
    other name, so a resolver could point them anywhere: not loopback."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_endpoint(url: str) -> str:
    """Return the base URL without a trailing slash, or raise :class:`ConfigError`.

    A URL that stops at the app id (``.../api/v1beta/app/chat2query-XXXX``) gets
    ``/endpoint`` appended, since every Chat2Query path lives below it.
    """
    text = (url or "").strip()
    if not text:
        raise ConfigError(
            "no endpoint configured",
            hint="Set C2Q_ENDPOINT, --endpoint or `endpoint` in the config file.",
        )
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(
            "the endpoint is not a valid URL",
            hint="Expected https://<region>.data.tidbcloud.com/api/v1beta/app/chat2query-XXXXXXXX/endpoint",
        ) from None
    if parts.username is not None or parts.password is not None:
        # Never echo the URL: it holds a secret.
        raise ConfigError(
            "the endpoint URL must not contain credentials",
            hint="Remove the user:password@ part and set the keys with C2Q_PUBLIC_KEY/C2Q_PRIVATE_KEY or the config file.",
        )
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise ConfigError(
            f"the endpoint must be an http(s) URL, got {text[:200]!r}",
            hint="Expected https://<region>.data.tidbcloud.com/api/v1beta/app/chat2query-XXXXXXXX/endpoint",
        )
    if scheme == "http" and not is_loopback_host(host):
        raise ConfigError(
            f"refusing plain HTTP to {host}: the API key would travel unencrypted",
            hint="Use an https:// endpoint (plain http is allowed only for a local sandbox on 127.0.0.1/localhost).",
        )
    if parts.query or parts.fragment:
        raise ConfigError(
            "the endpoint URL must not have a query string or fragment",
            hint="Use the Data App base URL only.",
        )
    path = parts.path.rstrip("/")
    if _APP_PATH.search(path):
        path += "/endpoint"
    return urlunsplit((scheme, parts.netloc, path, "", ""))
