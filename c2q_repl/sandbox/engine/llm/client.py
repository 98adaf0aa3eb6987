"""A minimal OpenAI-compatible chat-completions client (httpx).

The key is read from the named environment variable at call time and sent
only as a Bearer header; it never appears in errors or reprs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class LLMError(Exception):
    """The endpoint could not be reached or returned something unusable."""


@dataclass(frozen=True)
class Completion:
    content: str
    usage: dict | None


def completions_url(base: str) -> str:
    """Accept either the full .../chat/completions URL or the API base (…/v1)."""
    base = base.rstrip("/")
    return base if base.endswith("/chat/completions") else base + "/chat/completions"


class ChatClient:
    def __init__(
        self, url: str, model: str, key_env: str = "OPENAI_API_KEY", timeout: float = 60.0
    ):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        if parts.scheme == "http" and parts.hostname not in LOOPBACK:
            raise ValueError(
                "the LLM endpoint must use HTTPS unless it is on this machine (loopback)"
            )
        self.url = completions_url(url)
        self.model = model
        self.key_env = key_env
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"ChatClient(url={self.url!r}, model={self.model!r}, key_env={self.key_env!r})"

    def complete(self, messages: list[dict]) -> Completion:
        import httpx

        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.key_env, "")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        body = {"model": self.model, "messages": messages, "temperature": 0}
        try:
            response = httpx.post(self.url, json=body, headers=headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise LLMError(
                f"the LLM endpoint could not be reached ({type(exc).__name__})"
            ) from None
        if response.status_code != 200:
            raise LLMError(f"the LLM endpoint answered HTTP {response.status_code}")
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError("the LLM endpoint returned a reply without a message") from None
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else None
        return Completion(content, usage)
