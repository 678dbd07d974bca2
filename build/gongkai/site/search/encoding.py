"""The search index's encoded forms, in plain Python: the alphabet, varints, page bitmaps and
postings, with their decoders. postings.py makes the same strings in bulk with NumPy; this is the
reference it is tested against, and what the manifest and the filters need without NumPy.

Encoded forms (read by ``decode`` in docs/assets/js/search-index.js):

- ``L`` + (page delta varint, 2-character chunk mask) per page, for tokens on few pages;
- ``M`` + width varint + page bitmap + the masks in page order, for tokens on many pages;
- ``B`` + width varint + page bitmap alone, for tokens on most pages (the browser then
  reads the chunks in order, and such a common token is found in an early chunk);
- ``S`` + page delta varints, for a filter's set of pages (facets.json), which needs no masks.

A bitmap carries its own width, so a shard written when the index was smaller stays
readable, and a page appended by an incremental build is a cheap edit of the string.
"""
from __future__ import annotations

from collections.abc import Iterable

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
_BIGRAM = 1 << 21  # code points are below 2**21: codes from here up are character pairs
MAX_VARINT_DIGITS = 7  # page numbers below 2**35


def varint(value: int) -> str:
    """Five bits a character, least significant first; 32 marks 'more follows'."""
    out = []
    while value >= 32:
        out.append(ALPHABET[32 | (value & 31)])
        value >>= 5
    out.append(ALPHABET[value])
    return "".join(out)


def _read_varint(encoded: str, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        digit = _INDEX[encoded[at]]
        at += 1
        value |= (digit & 31) << shift
        shift += 5
        if not digit & 32:
            return value, at


def mask_chars(mask: int) -> str:
    return ALPHABET[mask & 63] + ALPHABET[mask >> 6]


def bitmap_width(total: int) -> int:
    return -(-total // 6)


def page_bitmap(pages: Iterable[int], width: int) -> str:
    """A page set as ``width`` characters of six bits each, page 0 in the lowest bit of the first."""
    bits = [0] * width
    for page in pages:
        bits[page // 6] |= 1 << (page % 6)
    return "".join(ALPHABET[b] for b in bits)


def bitmap_pages(bitmap: str) -> list[int]:
    """The pages of a ``page_bitmap``, in order."""
    return [6 * i + b for i, ch in enumerate(bitmap) for b in range(6) if _INDEX[ch] >> b & 1]


def encode_postings(entries: list[tuple[int, int]], total: int) -> str:
    """The shortest form for (page, chunk mask) pairs in page order; the plain-Python reference."""
    width = bitmap_width(total)
    if len(entries) * 3 <= width:
        out, previous = ["L"], 0
        for doc, mask in entries:
            out.append(varint(doc - previous) + mask_chars(mask))
            previous = doc
        return "".join(out)
    bitmap = varint(width) + page_bitmap((doc for doc, _ in entries), width)
    if len(entries) * 3 > total:
        return "B" + bitmap
    return "M" + bitmap + "".join(mask_chars(m) for _, m in entries)


def encode_pages(pages: list[int], total: int) -> str:
    """A set of pages (in order) without chunk masks, for the filters: ``S`` + page delta varints,
    or ``B`` + width varint + page bitmap when that is shorter."""
    sparse, previous = ["S"], 0
    for page in pages:
        sparse.append(varint(page - previous))
        previous = page
    width = bitmap_width(total)
    dense = "B" + varint(width) + page_bitmap(pages, width)
    return min("".join(sparse), dense, key=len)


def decode_pages(encoded: str) -> list[int]:
    """The pages of an ``encode_pages`` set."""
    if encoded[0] == "B":
        width, at = _read_varint(encoded, 1)
        return bitmap_pages(encoded[at:at + width])
    out, at, page = [], 1, 0
    while at < len(encoded):
        delta, at = _read_varint(encoded, at)
        page += delta
        out.append(page)
    return out


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    """(page, mask) pairs of an ``L`` or ``M`` posting; pages of a ``B`` one, with mask 0."""
    if encoded[0] == "L":
        out, at, doc = [], 1, 0
        while at < len(encoded):
            delta, at = _read_varint(encoded, at)
            doc += delta
            out.append((doc, _INDEX[encoded[at]] | _INDEX[encoded[at + 1]] << 6))
            at += 2
        return out
    width, at = _read_varint(encoded, 1)
    docs = bitmap_pages(encoded[at:at + width])
    masks = encoded[at + width:]
    if encoded[0] == "B":
        return [(d, 0) for d in docs]
    return [(d, _INDEX[masks[2 * k]] | _INDEX[masks[2 * k + 1]] << 6) for k, d in enumerate(docs)]


def token_text(code: int) -> str:
    if code < _BIGRAM:
        return chr(code)
    return chr((code >> 21) - 1) + chr(code & (_BIGRAM - 1))
