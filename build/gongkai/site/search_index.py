"""A static, sharded full-text index with exact substring semantics.

Why our own: on the seed pages, Material's lunr+jieba search returned reports that
held only 行政 for 行政复议 and missed 复议 inside 行政复议; Pagefind missed 綦江.
Word segmentation decides what can be found. Character n-grams do not:

- each page's text is cut into at most twelve chunks of whole paragraphs, and every
  paragraph is normalised (NFKC, lower case, no whitespace) and indexed by its
  character unigrams and bigrams, never across a paragraph boundary;
- a posting says which page holds the token and, as a 12-bit mask, in which of its
  chunks; tokens held by many pages are stored as a bitmap of pages instead
  (search_postings.py computes and encodes them);
- the browser intersects a term's bigrams (and masks) to get candidate pages and
  chunks, then fetches only those chunks to verify the term as a substring and to
  show the sentence that matches. A result is exactly a page holding every term;
- postings live in shards chosen by a hash of the token, so a query fetches only
  the few shards its tokens fall in, whatever the size of the corpus.

Filters (region, year, topic, type) are tokens in the same shards.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache import load_pickle, save_pickle
from .search_postings import (PostingsBuilder, append_posting, bitmap_width, doc_tokens, encode_postings, page_bitmap,
                              token_text)

__all__ = ["SearchDoc", "build_index", "chunk_paragraphs", "encode_postings", "fnv1a", "index_site", "normalise"]

FORMAT_VERSION = 3
MAX_CHUNKS = 12
CHUNK_CHARS = 250
CHUNK_MAX = 4000  # characters a chunk may hold, whatever the page's size
OVERLAP = 64  # characters shared by the pieces of a cut paragraph: longer than any query term
PART_CHARS = MAX_CHUNKS * CHUNK_MAX  # one index entry; a longer page continues in another
_TARGET_POSTINGS_PER_SHARD = 1500
_WS = re.compile(r"\s+")
FILTER_PREFIX = {"region": "\x01r:", "year": "\x01y:", "topic": "\x01t:", "type": "\x01d:"}
# Full-width ASCII and the ideographic space, mapped ahead of NFKC: they are most of what NFKC
# changes in Chinese text, and with them gone most paragraphs pass the fast is_normalized check.
_WIDE = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def normalise(text: str) -> str:
    """The one normalisation shared with search.js: NFKC, lower case, no whitespace."""
    text = text.translate(_WIDE)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _WS.sub("", text.lower())


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


def split_doc(doc: SearchDoc) -> list[SearchDoc]:
    """A page as one or more index entries of at most MAX_CHUNKS chunks of bounded size.

    The browser fetches a candidate's chunk to check a match, so a chunk's size must not grow
    with the page: one 50 MB report would make every query heavy. A paragraph longer than
    CHUNK_MAX is cut into overlapping pieces (a query term shorter than the overlap is never
    lost at a cut); a page longer than MAX_CHUNKS × CHUNK_MAX continues in further entries,
    each linked to the anchor of its first paragraph."""
    pieces: list[tuple[str, str]] = []
    for anchor, text in doc.paragraphs:
        if len(text) <= CHUNK_MAX:
            pieces.append((anchor, text))
            continue
        for start in range(0, len(text) - OVERLAP, CHUNK_MAX - OVERLAP):
            pieces.append((anchor, text[start:start + CHUNK_MAX]))
    parts: list[list[tuple[str, str]]] = [[]]
    size = len(doc.title)
    for piece in pieces:
        if parts[-1] and size + len(piece[1]) > PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(piece)
        size += len(piece[1])
    if len(parts) == 1:
        return [doc if pieces == doc.paragraphs else replace(doc, paragraphs=pieces)]
    out = [replace(doc, paragraphs=parts[0])]
    for part in parts[1:]:
        anchor = next((a for a, _ in part if a), "")
        out.append(replace(doc, url=f"{doc.url}#{anchor}" if anchor else doc.url, paragraphs=part))
    return out


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
    (the browser skips it) and its new version gets a new number, appended to the
    encoded postings of its tokens. When more than a fifth of the numbers are dead,
    the next build starts afresh.
    """
    version: str
    shards: int = 0
    total: int = 0
    ids: dict[str, int] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    chunks: dict[int, int] = field(default_factory=dict)
    listing: set[int] = field(default_factory=set)
    dead: set[int] = field(default_factory=set)
    encoded: dict[str, str] = field(default_factory=dict)  # token → its postings, as written in its shard
    last: dict[str, int] = field(default_factory=dict)  # token → its greatest page number
    shard_of: dict[str, int] = field(default_factory=dict)
    parts: dict[str, list[int]] = field(default_factory=dict)  # page URL → numbers of its further entries


def _filter_tokens(doc: SearchDoc) -> dict[str, int]:
    if not doc.is_report:
        return {}
    values = {"region": [doc.region], "year": [doc.year], "type": [doc.doc_type], "topic": doc.topics}
    return {FILTER_PREFIX[key] + value: 0 for key, items in values.items() for value in filter(None, items)}


class _Indexer:
    """Numbers pages, writes their chunk files, and adds their tokens: all at once at the end
    of a build from scratch, or one page at a time onto the encoded postings when updating."""

    def __init__(self, state: IndexState, emit: Callable[[str, str], None]) -> None:
        self.state, self.emit = state, emit
        self.builder = PostingsBuilder() if state.total == 0 else None
        self.touched: set[str] = set()

    def add(self, doc: SearchDoc) -> None:
        state = self.state
        old = state.ids.get(doc.url)
        if old is not None:
            state.dead.add(old)
            state.dead.update(state.parts.pop(doc.url, ()))
        entries = split_doc(doc)
        state.ids[doc.url] = state.total
        if len(entries) > 1:
            state.parts[doc.url] = list(range(state.total + 1, state.total + len(entries)))
        for entry in entries:
            self._add_entry(entry)

    def _add_entry(self, doc: SearchDoc) -> None:
        state = self.state
        doc_id = state.total
        state.total += 1
        if not doc.is_report:
            state.listing.add(doc_id)
        chunks = chunk_paragraphs(doc)
        state.chunks[doc_id] = len(chunks)
        for c, chunk in enumerate(chunks):
            self.emit(f"text/{doc_id}-{c}.txt", _chunk_file(doc, chunk))
        codes, masks = doc_tokens([[normalise(text) for _, text in chunk] for chunk in chunks])
        named = _filter_tokens(doc)
        if self.builder is not None:
            self.builder.add(doc_id, codes, masks, named)
            return
        pairs = list(zip(map(token_text, codes.tolist()), masks.tolist())) + list(named.items())
        for token, mask in pairs:
            state.encoded[token] = append_posting(state.encoded.get(token), state.last.get(token, 0), doc_id, mask,
                                                  state.total)
            state.last[token] = doc_id
            self.touched.add(token)

    def finish(self) -> set[int]:
        """Encode (from scratch) and return the shards to write."""
        state = self.state
        if self.builder is not None:
            state.shards = _shard_count(self.builder.count())
            state.encoded, state.last = self.builder.encode(state.total)
            self.touched = set(state.encoded)
        for token in self.touched:
            if token not in state.shard_of:
                state.shard_of[token] = fnv1a(token) % state.shards
        return {state.shard_of[t] for t in self.touched}


def listing_key(doc: SearchDoc) -> str:
    return hashlib.sha1(repr((doc.title, doc.paragraphs)).encode()).hexdigest()


Listing = SearchDoc | tuple[str, "str | None", Callable[[], SearchDoc]]


def _listing_entry(item: Listing) -> tuple[str, str | None, Callable[[], SearchDoc]]:
    if isinstance(item, SearchDoc):
        return item.url, listing_key(item), lambda: item
    return item


def build_index(reports: Iterable[tuple[str, str, Callable[[], SearchDoc]]],
                listings: list[Listing] | Callable[[], list[Listing]],
                emit: Callable[[str, str], None], keep: Callable[[str], bool] = lambda rel: False,
                state_file: Path | None = None, version: str = "", filters: dict[str, Counter[str]] | None = None) -> int:
    """Write (or update) everything under search/data/ through ``emit(relative path, content)``.

    ``reports`` yields (url, content key, factory) newest first; a factory is called only for a
    page whose key changed, so unchanged reports are neither re-read nor re-indexed. ``listings``
    are SearchDocs, or (url, None, factory) for a listing page the caller kept unchanged. ``keep(rel)``
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

    indexer = _Indexer(state, counting_emit)
    seen: set[str] = set()

    def kept(url: str, key: str) -> bool:
        """The page is indexed from the same content and all its chunk files are still there."""
        doc = state.ids.get(url)
        if state.keys.get(url) != key or doc is None:
            return False
        return all([keep(f"text/{entry}-{c}.txt") for entry in [doc, *state.parts.get(url, ())]
                    for c in range(state.chunks.get(entry, 0))])

    for url, key, factory in reports:
        seen.add(url)
        if not kept(url, key):
            state.keys[url] = key
            indexer.add(factory())
    if callable(listings):  # given late: built while the reports were being indexed
        listings = listings()
    for url, key, factory in sorted(map(_listing_entry, listings), key=lambda entry: entry[0]):
        seen.add(url)
        if key is None:  # the caller kept the page unchanged: so is its entry, if it is still there
            key = state.keys.get(url)
        if key is None or not kept(url, key):
            doc = factory()
            state.keys[url] = listing_key(doc)
            indexer.add(doc)
    for url in [u for u in state.ids if u not in seen]:
        state.dead.add(state.ids.pop(url))
        state.dead.update(state.parts.pop(url, ()))
        state.keys.pop(url, None)
    if not fresh and len(state.dead) > max(16, state.total // 5):
        if state_file:
            state_file.unlink(missing_ok=True)
        raise _Compact()
    dirty = indexer.finish()
    write = dirty | {s for s in set(state.shard_of.values()) - dirty if not keep(f"shards/{s}.json")}
    by_shard: dict[int, list[str]] = {}
    for token, shard in state.shard_of.items():
        if shard in write:
            by_shard.setdefault(shard, []).append(token)
    for shard, tokens in sorted(by_shard.items()):
        content = {t: state.encoded[t] for t in sorted(tokens)}
        counting_emit(f"shards/{shard}.json", json.dumps(content, ensure_ascii=False, separators=(",", ":")))
    manifest = {
        "version": FORMAT_VERSION, "shards": state.shards, "total": state.total,
        "listing": page_bitmap(state.listing, bitmap_width(state.total)),
        "dead": page_bitmap(state.dead, bitmap_width(state.total)),
        "prefix": FILTER_PREFIX,
        "filters": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in (filters or {}).items()},
    }
    counting_emit("manifest.json", json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
    if state_file:
        save_pickle(state_file, state)
    return emitted


class _Compact(Exception):
    """Too many dead pages: the caller rebuilds from scratch."""


def _load_state(state_file: Path | None, version: str) -> IndexState:
    state = load_pickle(state_file)
    return state if isinstance(state, IndexState) and state.version == version else IndexState(version)


def index_site(reports: Iterable[tuple[str, str, Callable[[], SearchDoc]]],
               listings: list[Listing] | Callable[[], list[Listing]],
               emit: Callable[[str, str], None], keep: Callable[[str], bool], state_file: Path | None,
               version: str, filters: dict[str, Counter[str]]) -> int:
    """build_index, starting afresh when the dead pages pile up."""
    reports = list(reports)
    if callable(listings):
        listings = functools.cache(listings)  # a second, compacting build must not wait for them again
    try:
        return build_index(reports, listings, emit, keep, state_file, version, filters)
    except _Compact:
        return build_index(reports, listings, emit, keep, state_file, version, filters)
