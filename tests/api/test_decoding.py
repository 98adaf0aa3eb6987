"""Bounded content decoding: a gzip bomb is refused before it is inflated whole."""

from __future__ import annotations

import gzip
import zlib

import pytest

from c2q_repl.api.decoding import TooLarge, can_decode, decoded_chunks, read_bounded

MB = 1 << 20


def _bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(MB)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def _split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_each_decoded_slice_is_bounded_even_from_one_huge_raw_chunk():
    bomb = _bomb(64)
    # the whole compressed body arrives as one raw chunk: httpx would inflate 64 MB at once
    sizes = [len(part) for part in decoded_chunks([bomb], "gzip")]
    assert sum(sizes) == 64 * MB
    assert max(sizes) <= MB


def test_a_body_past_the_limit_is_refused_at_the_limit():
    with pytest.raises(TooLarge) as refused:
        read_bounded(_split(_bomb(200), 64 * 1024), "gzip", 8 * MB)
    assert refused.value.args[0] <= 9 * MB


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "deflate", "identity", ""])
def test_round_trip(coding):
    body = b'{"code":200,"result":{"rows":[[1,"a"]]}}' * 5000
    if coding in ("gzip", "x-gzip"):
        wire = gzip.compress(body)
    elif coding == "deflate":
        wire = zlib.compress(body)
    else:
        wire = body
    assert read_bounded(_split(wire, 1000), coding, 10 * MB) == body


def test_codings_applied_twice_are_undone_in_reverse_order():
    body = b"hello " * 1000
    wire = gzip.compress(zlib.compress(body))
    assert read_bounded([wire], "deflate, gzip", MB) == body


def test_only_known_codings_are_decoded_here():
    assert can_decode("gzip") and can_decode("") and can_decode("deflate, gzip")
    assert not can_decode("br") and not can_decode("zstd")


def test_a_corrupt_stream_is_a_zlib_error():
    with pytest.raises(zlib.error):
        read_bounded([b"\x1f\x8b\x08\x00garbage-not-deflate"], "gzip", MB)
