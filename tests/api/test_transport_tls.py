"""A loopback ``http://`` endpoint skips loading the CA bundle (start-up time) without ever
making a context that would trust anything; HTTPS endpoints keep httpx's verifying default."""

from __future__ import annotations

import ssl

from c2q_repl.api.transport import _default_transport


def _context(endpoint: str) -> ssl.SSLContext:
    transport = _default_transport(endpoint)
    return transport._pool._ssl_context  # type: ignore[attr-defined]  # httpcore's pool


def test_plain_http_loopback_loads_no_trust_roots_and_still_verifies():
    context = _context("http://127.0.0.1:8080/api/v1beta/app/x/endpoint")
    assert context.cert_store_stats()["x509_ca"] == 0
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_https_endpoints_verify_against_the_ca_bundle():
    context = _context("https://eu-central-1.data.tidbcloud.com/api/v1beta/app/x/endpoint")
    assert context.cert_store_stats()["x509_ca"] > 0
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
