"""Content decoding that never holds more than a fixed number of decoded bytes.

httpx decodes each raw chunk whole: one 64 KB chunk of a gzip bomb becomes 64 MB
(or more) in a single step, before any size check can refuse it. Here gzip and
deflate are inflated with ``max_length``, so each step yields at most one bounded
slice and a body larger than the cap is refused while its decoded size is still
at the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

#: decoded bytes produced per inflate step
_STEP = 1 << 20

#: zlib window bits per content coding: gzip header, zlib header (deflate)
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class TooLarge(Exception):
    """The decoded body passed the cap."""


def can_decode(content_encoding: str) -> bool:
    """True for the codings decoded here (identity, gzip, deflate)."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    return all(c == "identity" or c in _WBITS for c in codings)


def _inflate(chunks: Iterable[bytes], wbits: int) -> Iterator[bytes]:
    inflater = zlib.decompressobj(wbits)
    for raw in chunks:
        data = raw
        while data:
            out = inflater.decompress(data, _STEP)
            if out:
                yield out
            data = inflater.unconsumed_tail
            if inflater.eof:
                return
    tail = inflater.flush(_STEP)
    if tail:
        yield tail


def decoded_chunks(raw: Iterable[bytes], content_encoding: str) -> Iterator[bytes]:
    """The body's decoded bytes, in slices of at most ~1 MB each."""
    stream: Iterable[bytes] = raw
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    # codings were applied in order: undo them last first
    for coding in reversed(codings):
        if coding != "identity":
            stream = _inflate(stream, _WBITS[coding])
    return iter(stream)


def read_bounded(raw: Iterable[bytes], content_encoding: str, limit: int) -> bytes:
    """The decoded body, or :class:`TooLarge` as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    for part in decoded_chunks(raw, content_encoding):
        size += len(part)
        if size > limit:
            raise TooLarge(size)
        parts.append(part)
    return b"".join(parts)
