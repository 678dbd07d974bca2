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

import hashlib
import json
import pickle
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from ..cache import load_pickle
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
    """The shortest of three forms that keep what the browser needs.

    'L' + (page delta varint, 2-character chunk mask) per page, for tokens on few pages;
    'M' + width varint + a bitmap of pages + the masks in page order, for tokens on many pages;
    'B' + width varint + a bitmap alone for tokens on most pages (the browser then reads chunks
    in order, and such a common token is found in an early chunk).
    The bitmap carries its own width because an incremental build keeps shards written when
    the index was smaller.
    """
    width = -(-total // 6)
    if len(entries) * 3 <= width:
        out, previous = ["L"], 0
        for doc, mask in entries:
            out.append(_varint(doc - previous))
            out.append(_ALPHABET[mask & 63] + _ALPHABET[mask >> 6])
            previous = doc
        return "".join(out)
    bits = [0] * width
    for doc, _ in entries:
        bits[doc // 6] |= 1 << (doc % 6)
    bitmap = _varint(width) + "".join(_ALPHABET[b] for b in bits)
    if len(entries) * 3 > total:
        return "B" + bitmap
    return "M" + bitmap + "".join(_ALPHABET[m & 63] + _ALPHABET[m >> 6] for _, m in entries)


def _shard_count(total_postings: int) -> int:
    shards = 8
    while shards * _TARGET_POSTINGS_PER_SHARD < total_postings and shards < 16384:
        shards *= 2
    return shards


def _chunk_file(doc: SearchDoc, chunk: list[tuple[str, str]]) -> str:
    head = "\t".join((doc.url, doc.title.replace("\t", " "), "1" if doc.is_report else "0", doc.date, doc.region))
    # One line a paragraph: a table's rows are joined, so the browser never reads a row as a paragraph.
    return head + "\n" + "".join(f"{a}\t{_one_line(t)}\n" for a, t in chunk)


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


@dataclass
class IndexState:
    """What the last build left, so that adding one report re-indexes one report.

    Page numbers never change once given: a changed or removed page is marked dead
    (the browser skips it) and its new version gets a new number. When more than a
    fifth of the numbers are dead, the next build starts afresh.
    """
    version: str
    shards: int = 0
    total: int = 0
    ids: dict[str, int] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    chunks: dict[int, int] = field(default_factory=dict)
    listing: set[int] = field(default_factory=set)
    dead: set[int] = field(default_factory=set)
    postings: dict[str, array] = field(default_factory=dict)


def _bitmap(ids: set[int], total: int) -> str:
    bits = [0] * -(-total // 6)
    for doc in ids:
        bits[doc // 6] |= 1 << (doc % 6)
    return "".join(_ALPHABET[b] for b in bits)


def _add_doc(state: IndexState, doc: SearchDoc, emit: Callable[[str, str], None]) -> set[str]:
    doc_id = state.total
    state.total += 1
    old = state.ids.get(doc.url)
    if old is not None:
        state.dead.add(old)
    state.ids[doc.url] = doc_id
    if not doc.is_report:
        state.listing.add(doc_id)
    masks: dict[str, int] = {}
    chunks = chunk_paragraphs(doc)
    state.chunks[doc_id] = len(chunks)
    for c, chunk in enumerate(chunks):
        emit(f"text/{doc_id}-{c}.txt", _chunk_file(doc, chunk))
        bit = 1 << c
        for token in chunk_tokens(chunk):
            masks[token] = masks.get(token, 0) | bit
    if doc.is_report:
        values = {"region": [doc.region], "year": [doc.year], "type": [doc.doc_type], "topic": doc.topics}
        for key, items in values.items():
            for value in filter(None, items):
                masks[FILTER_PREFIX[key] + value] = 0
    packed = doc_id * 4096
    for token, mask in masks.items():
        plist = state.postings.get(token)
        if plist is None:
            plist = state.postings[token] = array("q")
        plist.append(packed + mask)
    return set(masks)


def build_index(reports: Iterable[tuple[str, str, Callable[[], SearchDoc]]], listings: list[SearchDoc],
                emit: Callable[[str, str], None], keep: Callable[[str], bool] = lambda rel: False,
                state_file: Path | None = None, version: str = "", filters: dict[str, Counter[str]] | None = None) -> int:
    """Write (or update) everything under search/data/ through ``emit(relative path, content)``.

    ``reports`` yields (url, content key, factory) newest first; a factory is called only for a
    page whose key changed, so unchanged reports are neither re-read nor re-indexed. ``keep(rel)``
    keeps a file written by the last build. Returns the number of files emitted.
    """
    version = f"{FORMAT_VERSION}:{version}"
    state = _load_state(state_file, version)
    fresh = state.total == 0
    emitted = 0

    def counting_emit(rel: str, content: str) -> None:
        nonlocal emitted
        emitted += 1
        emit(rel, content)

    touched: set[str] = set()
    seen: set[str] = set()
    def kept(url: str) -> bool:
        """The page is indexed and all its chunk files are still there."""
        doc = state.ids[url]
        return all(keep(f"text/{doc}-{c}.txt") for c in range(state.chunks.get(doc, 0)))

    for url, key, factory in reports:
        seen.add(url)
        if state.keys.get(url) == key and url in state.ids and kept(url):
            continue
        state.keys[url] = key
        touched |= _add_doc(state, factory(), counting_emit)
    for doc in sorted(listings, key=lambda d: d.url):
        key = hashlib.sha1(repr((doc.title, doc.paragraphs)).encode()).hexdigest()
        seen.add(doc.url)
        if state.keys.get(doc.url) == key and doc.url in state.ids and kept(doc.url):
            continue
        state.keys[doc.url] = key
        touched |= _add_doc(state, doc, counting_emit)
    for url in [u for u in state.ids if u not in seen]:
        state.dead.add(state.ids.pop(url))
        state.keys.pop(url, None)
    if not fresh and len(state.dead) > max(16, state.total // 5):
        if state_file:
            state_file.unlink(missing_ok=True)
        raise _Compact()
    if fresh:
        state.shards = _shard_count(sum(len(p) for p in state.postings.values()))
    by_shard: dict[int, list[str]] = {}
    for token in state.postings:
        by_shard.setdefault(fnv1a(token) % state.shards, []).append(token)
    dirty = {fnv1a(token) % state.shards for token in touched} if not fresh else set(by_shard)
    for shard, tokens in sorted(by_shard.items()):
        rel = f"shards/{shard}.json"
        if shard not in dirty and keep(rel):
            continue
        content = {t: encode_postings([(v >> 12, v & 4095) for v in state.postings[t]], state.total) for t in sorted(tokens)}
        counting_emit(rel, json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    manifest = {
        "version": FORMAT_VERSION, "shards": state.shards, "total": state.total,
        "listing": _bitmap(state.listing, state.total), "dead": _bitmap(state.dead, state.total),
        "prefix": FILTER_PREFIX,
        "filters": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in (filters or {}).items()},
    }
    counting_emit("manifest.json", json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
    if state_file:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return emitted


class _Compact(Exception):
    """Too many dead pages: the caller rebuilds from scratch."""


def _load_state(state_file: Path | None, version: str) -> IndexState:
    state = load_pickle(state_file)
    return state if isinstance(state, IndexState) and state.version == version else IndexState(version)


def index_site(reports: Iterable[tuple[str, str, Callable[[], SearchDoc]]], listings: list[SearchDoc],
               emit: Callable[[str, str], None], keep: Callable[[str], bool], state_file: Path | None,
               version: str, filters: dict[str, Counter[str]]) -> int:
    """build_index, starting afresh when the dead pages pile up."""
    reports = list(reports)
    try:
        return build_index(reports, listings, emit, keep, state_file, version, filters)
    except _Compact:
        return build_index(reports, listings, emit, keep, state_file, version, filters)
