"""Postings for the search index: which pages (and which of their chunks) hold each token.

A token is a character or a pair of adjacent characters of one normalised paragraph.
The arithmetic is done with NumPy on code points, because a corpus of 10,000 reports
has about 20 million (token, chunk) pairs: as Python strings and dictionaries they
took most of the index build; as arrays they are sorted and grouped in C.

The encoded forms and their plain-Python reference are in encoding.py.
"""
from __future__ import annotations

import numpy as np

from .encoding import ALPHABET, MAX_VARINT_DIGITS, bitmap_width, token_text, varint

_ALPHA = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)


def doc_tokens(chunks: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(token codes, chunk masks) of one page, each token once, from its normalised paragraphs by chunk.

    Pairs never straddle two paragraphs: a query cannot match across a paragraph break."""
    paragraphs: list[str] = []
    chunk_ids: list[int] = []
    for c, chunk in enumerate(chunks):
        for text in chunk:
            if text:
                paragraphs.append(text)
                chunk_ids.append(c)
    if not paragraphs:
        return np.empty(0, np.uint64), np.empty(0, np.uint16)
    points = np.frombuffer("".join(paragraphs).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter(map(len, paragraphs), dtype=np.int64, count=len(paragraphs))
    char_chunk = np.repeat(np.asarray(chunk_ids, dtype=np.uint16), lengths)
    pairs = ((points[:-1] + 1) << np.uint64(21)) | points[1:]
    inside = np.ones(len(pairs), dtype=bool)
    inside[np.cumsum(lengths)[:-1] - 1] = False  # the pair from a paragraph's last character to the next's first
    codes = np.concatenate([points, pairs[inside]])
    bits = np.left_shift(np.uint16(1), np.concatenate([char_chunk, char_chunk[:-1][inside]]))
    order = np.argsort(codes, kind="stable")
    codes, bits = codes[order], bits[order]
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.bitwise_or.reduceat(bits, starts)


class PostingsBuilder:
    """Collects every page's tokens for a build from scratch, then encodes them all at once."""

    def __init__(self) -> None:
        self._codes: list[np.ndarray] = []
        self._masks: list[np.ndarray] = []
        self._docs: list[int] = []  # each entry's page number: spelled out per token only in encode()

    def add(self, doc: int, codes: np.ndarray, masks: np.ndarray) -> None:
        self._codes.append(codes)
        self._masks.append(masks)
        self._docs.append(doc)

    def count(self) -> int:
        return sum(map(len, self._codes))

    def encode(self, total: int) -> tuple[dict[str, str], dict[str, int]]:
        """(token → encoded postings, token → its last page).

        Encoded a share of the tokens at a time (by token code): sorting all 30 million postings of
        20,000 reports at once took a gigabyte of temporary arrays. A token's postings all fall in
        one share, in page order, so the result is the same whatever the number of shares."""
        encoded: dict[str, str] = {}
        last: dict[str, int] = {}
        if not self._codes:
            return encoded, last
        codes = np.concatenate(self._codes)
        docs = np.repeat(np.asarray(self._docs, dtype=np.int32), [len(c) for c in self._codes])
        masks = np.concatenate(self._masks)
        shares = max(1, -(-len(codes) // _POSTINGS_PER_SHARE))
        share_of = (codes % np.uint64(shares)).astype(np.uint16) if shares > 1 else None
        for share in range(shares):
            part = np.arange(len(codes)) if share_of is None else np.flatnonzero(share_of == share)
            if len(part):
                _encode_share(codes[part], docs[part].astype(np.int64), masks[part].astype(np.int64), total, encoded, last)
        return encoded, last


_POSTINGS_PER_SHARE = 1_000_000  # about 120 MB of temporary arrays while a share is encoded


def _encode_share(codes: np.ndarray, docs: np.ndarray, masks: np.ndarray, total: int,
                  encoded: dict[str, str], last: dict[str, int]) -> None:
    """Add the postings of these tokens (in page order within each token) to ``encoded`` and ``last``."""
    order = np.argsort(codes, kind="stable")  # stable: pages stay in order within a token
    codes, docs, masks = codes[order], docs[order], masks[order]
    del order
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    ends = np.append(starts[1:], len(codes))
    short_text, short_at = _short_forms(docs, masks, starts)
    mask_text = np.empty(2 * len(masks), np.uint8)
    mask_text[0::2], mask_text[1::2] = _ALPHA[masks & 63], _ALPHA[masks >> 6]
    all_masks = mask_text.tobytes().decode("ascii")
    width = bitmap_width(total)
    for code, start, end, char_start, char_end in zip(codes[starts].tolist(), starts.tolist(), ends.tolist(),
                                                      short_at[starts].tolist(), _ends(short_at, starts, len(short_text)), strict=True):
        token = token_text(code)
        n = end - start
        if n * 3 <= width:
            encoded[token] = "L" + short_text[char_start:char_end]
        else:
            page = docs[start:end]
            bits = np.bincount(page // 6, weights=np.left_shift(1, page % 6), minlength=width).astype(np.uint8)
            bitmap = varint(width) + _ALPHA[bits].tobytes().decode("ascii")
            encoded[token] = "B" + bitmap if n * 3 > total else "M" + bitmap + all_masks[2 * start:2 * end]
        last[token] = int(docs[end - 1])


def _ends(at: np.ndarray, starts: np.ndarray, size: int) -> list[int]:
    return np.append(at[starts[1:]], size).tolist()


def _short_forms(docs: np.ndarray, masks: np.ndarray, starts: np.ndarray) -> tuple[str, np.ndarray]:
    """Every posting written in the ``L`` form, one after another, and where each posting's text begins.

    A token's ``L`` text is then one slice: from its first posting's start to the next token's."""
    previous = np.empty_like(docs)
    previous[0] = 0
    previous[1:] = docs[:-1]
    previous[starts] = 0  # each token's first page is written as a delta from 0
    delta = docs - previous
    digits = np.ones(len(delta), dtype=np.int64)
    for k in range(1, MAX_VARINT_DIGITS):
        digits += delta >= (1 << (5 * k))
    size = digits + 2
    at = np.cumsum(size) - size
    out = np.empty(int(size.sum()), np.uint8)
    for k in range(MAX_VARINT_DIGITS):
        has = digits > k
        value = (delta[has] >> (5 * k)) & 31
        more = np.where(digits[has] > k + 1, 32, 0)
        out[at[has] + k] = _ALPHA[value | more]
    out[at + digits] = _ALPHA[masks & 63]
    out[at + digits + 1] = _ALPHA[masks >> 6]
    return out.tobytes().decode("ascii"), at
