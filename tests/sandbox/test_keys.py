"""API keys: the TOML file, role names, generation, 0600 storage, masked reprs."""

from __future__ import annotations

import os
import stat

import pytest

from c2q_repl.sandbox.keys import (
    ADMIN,
    DATA_SUMMARY,
    SQL_READONLY,
    SQL_READWRITE,
    KeysFileError,
    default_keys_path,
    generate_key,
    load_or_create_keys,
    normalize_role,
    parse_keys,
)


@pytest.mark.parametrize(
    "text,role",
    [
        ("admin", ADMIN),
        ("CHAT2QUERY_ADMIN", ADMIN),
        ("Chat2Query Admin", ADMIN),
        ("Chat2Query Data Summary Management Role", DATA_SUMMARY),
        ("data_summary", DATA_SUMMARY),
        ("Chat2Query SQL ReadOnly", SQL_READONLY),
        ("READ_ONLY", SQL_READONLY),
        ("readonly", SQL_READONLY),
        ("Chat2Query SQL ReadWrite", SQL_READWRITE),
        ("READ_AND_WRITE", SQL_READWRITE),
    ],
)
def test_role_names(text, role):
    assert normalize_role(text) == role


def test_parse_keys_file():
    keys = parse_keys("""
[[keys]]
public = "AAAA1111"
private = "p1"
role = "readonly"

[[keys]]
public = "BBBB2222"
private = "p2"
role = "admin"
expired = true

[[keys]]
public = "CCCC3333"
private = "p3"
role = "CHAT2QUERY_ADMIN"
expires_at = 2001-01-01T00:00:00Z
""")
    assert [k.role for k in keys] == [SQL_READONLY, ADMIN, ADMIN]
    assert keys[1].is_expired(0) and keys[2].is_expired(1e10) and not keys[0].is_expired(1e10)
    for bad in (
        "",
        "keys = 1",
        "[[keys]]\npublic = 'x'",
        "[[keys]]\npublic='x'\nprivate='y'\nrole='boss'",
        "[[[x",
    ):
        with pytest.raises(KeysFileError):
            parse_keys(bad)


def test_generated_key_shape_and_masked_repr():
    key = generate_key()
    assert len(key.public) == 8 and key.public.isalnum()
    assert len(key.private) == 36 and key.private.count("-") == 4
    assert key.private not in repr(key) and key.private not in str(key)


def test_keys_file_is_created_once_with_mode_0600(tmp_path):
    path = tmp_path / "sub" / "keys.toml"
    keys, created = load_or_create_keys(path)
    assert created and len(keys) == 1 and keys[0].role == ADMIN
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again, created_again = load_or_create_keys(path)
    assert not created_again and again[0].private == keys[0].private


def test_default_keys_path_uses_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_keys_path() == tmp_path / "c2q" / "sandbox-keys.toml"
