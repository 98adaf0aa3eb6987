"""HTTP Digest (RFC 7616, MD5, qop=auth) and Basic authentication for the sandbox.

Nonces are stateless: ``<issued-at>.<hmac>`` signed with a per-server secret,
so any worker can verify them and they expire after ``nonce_ttl`` seconds
(an expired but genuine nonce gets a fresh challenge with ``stale=true``,
which clients answer without asking the user again). Replays are refused by
remembering the (nonce, nc) pairs already used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import unquote

from c2q_repl.sandbox.keys import ApiKey

REALM = "chat2query-sandbox"


@dataclass(frozen=True)
class AuthOutcome:
    key: ApiKey | None
    error: str = ""  # "" | "missing" | "bad" | "expired" | "stale"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 (the Digest algorithm itself)


# name = "quoted, \"escapes\" allowed" | token (the quoted branch unrolled: no per-character alternation)
_DIGEST_PARAM = re.compile(r'([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^,]*))')
_ESCAPED = re.compile(r"\\(.)")


def parse_digest_params(header_value: str) -> dict[str, str]:
    """Parse ``k=v, k="v, with commas"`` pairs of a Digest Authorization header (one regex pass:
    this runs on every poll)."""
    params: dict[str, str] = {}
    for match in _DIGEST_PARAM.finditer(header_value):
        name, quoted, token = match.groups()
        if quoted is not None:
            params[name.lower()] = _ESCAPED.sub(r"\1", quoted) if "\\" in quoted else quoted
        else:
            params[name.lower()] = token.strip()
    return params


class Authenticator:
    """Checks Authorization headers against the key table; thread-safe."""

    def __init__(self, keys: list[ApiKey], *, nonce_ttl: float = 300.0, clock=time.time):
        self._keys = {k.public: k for k in keys}
        # HA1 depends only on the key: computed once, not on every poll
        self._ha1 = {k.public: _md5(f"{k.public}:{REALM}:{k.private}") for k in keys}
        self._issued: OrderedDict[str, float] = OrderedDict()  # genuine nonces → issue time
        self._secret = secrets.token_bytes(32)
        self._opaque = secrets.token_hex(16)
        self._nonce_ttl = nonce_ttl
        self._clock = clock
        self._used: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ challenge
    def new_nonce(self) -> str:
        # a random salt keeps nonces unique: two clients challenged in the same millisecond must not
        # share one, or the replay check would refuse the second one's nc=1
        payload = f"{self._clock():.3f}-{secrets.token_hex(6)}"
        mac = hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{payload}.{mac}"

    def challenge(self, stale: bool = False) -> str:
        value = (
            f'Digest realm="{REALM}", qop="auth", algorithm=MD5, nonce="{self.new_nonce()}", '
            f'opaque="{self._opaque}"'
        )
        return value + (", stale=true" if stale else "")

    def _nonce_state(self, nonce: str) -> str:
        """ "ok", "stale" (genuine but expired) or "bad". A client reuses its nonce for every
        poll (nc counts up), so a nonce's signature is checked once and remembered."""
        with self._lock:
            issued = self._issued.get(nonce)
        if issued is None:
            payload, _, mac = nonce.rpartition(".")
            expected = hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()[:32]
            if not mac or not hmac.compare_digest(mac, expected):
                return "bad"
            try:
                issued = float(payload.partition("-")[0])
            except ValueError:
                return "bad"
            with self._lock:
                self._issued[nonce] = issued
                while len(self._issued) > 10_000:
                    self._issued.popitem(last=False)
        age = self._clock() - issued
        return "stale" if age > self._nonce_ttl or age < -5 else "ok"

    # ------------------------------------------------------------ verification
    def authenticate(self, authorization: str | None, method: str, request_uri: str) -> AuthOutcome:
        if not authorization:
            return AuthOutcome(None, "missing")
        scheme, _, rest = authorization.strip().partition(" ")
        scheme = scheme.lower()
        if scheme == "basic":
            return self._basic(rest.strip())
        if scheme == "digest":
            return self._digest(parse_digest_params(rest), method, request_uri)
        return AuthOutcome(None, "bad")

    def _known(self, public: str, private: str) -> AuthOutcome:
        key = self._keys.get(public)
        if key is None or not hmac.compare_digest(key.private.encode(), private.encode()):
            return AuthOutcome(None, "bad")
        return self._check_expiry(key)

    def _check_expiry(self, key: ApiKey) -> AuthOutcome:
        if key.is_expired(self._clock()):
            return AuthOutcome(key, "expired")
        return AuthOutcome(key)

    def _basic(self, token: str) -> AuthOutcome:
        try:
            decoded = base64.b64decode(token, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return AuthOutcome(None, "bad")
        public, sep, private = decoded.partition(":")
        if not sep:
            return AuthOutcome(None, "bad")
        return self._known(public, private)

    def _digest(self, p: dict[str, str], method: str, request_uri: str) -> AuthOutcome:
        key = self._keys.get(p.get("username", ""))
        nonce, response, uri = p.get("nonce", ""), p.get("response", ""), p.get("uri", "")
        if key is None or not nonce or not response or not uri:
            return AuthOutcome(None, "bad")
        if p.get("realm", REALM) != REALM or p.get("algorithm", "MD5").upper() not in ("MD5",):
            return AuthOutcome(None, "bad")
        if p.get("opaque") not in (None, self._opaque):
            return AuthOutcome(None, "bad")
        if _path_of(uri) != _path_of(request_uri):
            return AuthOutcome(None, "bad")
        ha1 = self._ha1[key.public]
        ha2 = _md5(f"{method}:{uri}")
        qop = p.get("qop", "")
        if qop:
            if qop != "auth":
                return AuthOutcome(None, "bad")
            nc, cnonce = p.get("nc", ""), p.get("cnonce", "")
            expected = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")
        else:
            nc, expected = "", _md5(f"{ha1}:{nonce}:{ha2}")
        if not hmac.compare_digest(expected, response.lower()):
            return AuthOutcome(None, "bad")
        state = self._nonce_state(nonce)
        if state != "ok":
            return AuthOutcome(None, state)
        if not self._first_use(nonce, nc or cnonce_or_response(p)):
            return AuthOutcome(None, "bad")
        return self._check_expiry(key)

    def _first_use(self, nonce: str, counter: str) -> bool:
        with self._lock:
            marker = (nonce, counter)
            if marker in self._used:
                return False
            self._used[marker] = None
            while len(self._used) > 100_000:
                self._used.popitem(last=False)
            return True


def _path_of(uri: str) -> str:
    """The decoded path of a Digest ``uri`` (clients send the request-target, a few an absolute
    URI; some percent-encode spaces and non-ASCII, some do not: compare them decoded)."""
    if "://" in uri:
        uri = "/" + uri.split("://", 1)[1].partition("/")[2]
    return unquote(uri.split("?")[0])


def cnonce_or_response(params: dict[str, str]) -> str:
    """Replay marker for RFC 2069 digests (no nc): the response itself."""
    return params.get("response", "")
