"""A static, sharded full-text index with exact substring semantics.

Why our own: on the seed pages, Material's lunr+jieba search returned reports that
held only 行政 for 行政复议 and missed 复议 inside 行政复议; Pagefind missed 綦江.
Word segmentation decides what can be found. Character n-grams do not:

- each page's text is cut into at most twelve chunks of whole paragraphs, and every
  paragraph is normalised (NFKC, lower case, no whitespace) and indexed by its
  character unigrams and bigrams, never across a paragraph boundary;
- a posting says which page holds the token and, as a 12-bit mask, in which of its
  chunks; tokens held by many pages are stored as a bitmap of pages instead;
- the browser intersects a term's bigrams (and masks) to get candidate pages and
  chunks, then fetches only those chunks to verify the term as a substring and to
  show the sentence that matches. A result is exactly a page holding every term;
- postings live in shards chosen by a hash of the token, so a query fetches only
  the few shards its tokens fall in, whatever the size of the corpus.

Filters (region, year, topic, type) are tokens in the same shards.
"""
from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from dataclasses import dataclass, field

FORMAT_VERSION = 3
MAX_CHUNKS = 12
CHUNK_CHARS = 250
_TARGET_POSTINGS_PER_SHARD = 1500
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_WS = re.compile(r"\s+")
FILTER_PREFIX = {"region": "\x01r:", "year": "\x01y:", "topic": "\x01t:", "type": "\x01d:"}


def normalise(text: str) -> str:
    """The one normalisation shared with search.js: NFKC, lower case, no whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text).lower())


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-8 bytes; search.js computes the same."""
    h = 0x811C9DC5
    for byte in token.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass
class SearchDoc:
    url: str
    title: str
    is_report: bool
    paragraphs: list[tuple[str, str]]  # (anchor or "", text)
    date: str = ""
    region: str = ""
    year: str = ""
    doc_type: str = ""
    topics: list[str] = field(default_factory=list)


def chunk_paragraphs(doc: SearchDoc) -> list[list[tuple[str, str]]]:
    """The title and paragraphs in at most MAX_CHUNKS runs of roughly equal length."""
    items = [("", doc.title)] + doc.paragraphs
    total = sum(len(t) for _, t in items)
    target = max(CHUNK_CHARS, -(-total // MAX_CHUNKS))
    chunks: list[list[tuple[str, str]]] = [[]]
    size = 0
    for item in items:
        if size >= target and len(chunks) < MAX_CHUNKS:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item[1])
    return chunks


def chunk_tokens(chunk: list[tuple[str, str]]) -> set[str]:
    tokens: set[str] = set()
    for _, text in chunk:
        norm = normalise(text)
        tokens.update(norm)
        tokens.update(map(str.__add__, norm, norm[1:]))
    return tokens


def _varint(value: int) -> str:
    out = []
    while value >= 32:
        out.append(_ALPHABET[32 | (value & 31)])
        value >>= 5
    out.append(_ALPHABET[value])
    return "".join(out)


def encode_postings(entries: list[tuple[int, int]], total: int) -> str:
    """'L' + (doc delta varint, 2-character chunk mask) triples, or 'B' + a bitmap of pages when shorter."""
    if len(entries) * 3 > -(-total // 6):
        bits = [0] * -(-total // 6)
        for doc, _ in entries:
            bits[doc // 6] |= 1 << (doc % 6)
        return "B" + "".join(_ALPHABET[b] for b in bits)
    out, previous = ["L"], 0
    for doc, mask in entries:
        out.append(_varint(doc - previous))
        out.append(_ALPHABET[mask & 63] + _ALPHABET[mask >> 6])
        previous = doc
    return "".join(out)


def _shard_count(total_postings: int) -> int:
    shards = 8
    while shards * _TARGET_POSTINGS_PER_SHARD < total_postings and shards < 16384:
        shards *= 2
    return shards


def _chunk_file(doc: SearchDoc, chunk: list[tuple[str, str]]) -> str:
    head = "\t".join((doc.url, doc.title.replace("\t", " "), "1" if doc.is_report else "0", doc.date, doc.region))
    return head + "\n" + "".join(f"{a}\t{t}\n" for a, t in chunk)


def build_index(reports: Iterable[SearchDoc], listings: list[SearchDoc], emit: Callable[[str, str], None]) -> int:
    """Write everything under search/data/ through ``emit(relative path, content)``; returns the file count.

    ``reports`` must come newest first: a page's number then also ranks it. They are
    consumed one at a time, so the corpus is never held twice; postings are packed
    as doc * 64 + mask in compact integer arrays.
    """
    postings: dict[str, array] = {}
    filters: dict[str, Counter[str]] = {k: Counter() for k in FILTER_PREFIX}
    written = 0
    doc_id = -1
    report_count = 0
    for doc_id, doc in enumerate(chain(reports, sorted(listings, key=lambda d: d.url))):
        report_count += doc.is_report
        masks: dict[str, int] = {}
        for c, chunk in enumerate(chunk_paragraphs(doc)):
            emit(f"text/{doc_id}-{c}.txt", _chunk_file(doc, chunk))
            written += 1
            bit = 1 << c
            for token in chunk_tokens(chunk):
                masks[token] = masks.get(token, 0) | bit
        if doc.is_report:
            values = {"region": [doc.region], "year": [doc.year], "type": [doc.doc_type], "topic": doc.topics}
            for key, items in values.items():
                for value in filter(None, items):
                    masks[FILTER_PREFIX[key] + value] = 0
                    filters[key][value] += 1
        packed = doc_id * 4096
        for token, mask in masks.items():
            plist = postings.get(token)
            if plist is None:
                plist = postings[token] = array("q")
            plist.append(packed + mask)
    total = doc_id + 1
    shard_count = _shard_count(sum(len(p) for p in postings.values()))
    shards: dict[int, dict[str, str]] = {}
    for token in list(postings):
        plist = postings.pop(token)
        entries = [(v >> 12, v & 4095) for v in plist]
        shards.setdefault(fnv1a(token) % shard_count, {})[token] = encode_postings(entries, total)
    for shard in sorted(shards):
        emit(f"shards/{shard}.json", json.dumps(shards[shard], ensure_ascii=False, separators=(",", ":"), sort_keys=True))
        written += 1
    manifest = {
        "version": FORMAT_VERSION, "shards": shard_count, "total": total, "reports": report_count,
        "prefix": FILTER_PREFIX,
        "filters": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in filters.items()},
    }
    emit("manifest.json", json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
    return written + 1
