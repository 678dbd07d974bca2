"""A static, sharded full-text index with exact substring semantics.

Why our own: on the seed pages, Material's lunr+jieba search returned reports that
held only 行政 for 行政复议 and missed 复议 inside 行政复议; Pagefind missed 綦江.
Word segmentation decides what can be found. Character n-grams do not:

- each page's text is cut into at most twelve chunks of whole paragraphs, and every
  paragraph is normalised (NFKC, lower case, no whitespace) and indexed by its
  character unigrams and bigrams, never across a paragraph boundary;
- a posting says which page holds the token and, as a 12-bit mask, in which of its
  chunks; tokens held by many pages are stored as a bitmap of pages instead
  (postings.py computes and encodes them);
- the browser intersects a term's bigrams (and masks) to get candidate pages and
  chunks, then fetches only those chunks to verify the term as a substring and to
  show the sentence that matches. A result is exactly a page holding every term;
- the chunk files are gzipped (the browser unpacks them with DecompressionStream): they are
  the whole text of the site once more, and gzip halves it. A short page's chunks are written
  several to a file (manifest.py's file_group), because each file repeats the page's header line
  and starts gzip afresh: a page in 250-character files took twice the bytes of the same text in
  1,000-character ones. The masks keep the finer chunks, which ranking counts;
- postings live in shards chosen by a hash of the token, so a query fetches only
  the few shards its tokens fall in, whatever the size of the corpus.

The search filters (taxonomy.SEARCH_FILTERS) and the page lengths used for ranking are kept
beside the postings, in facets.json and manifest.json (search/manifest.py).
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...corpus.traditional import converter_version
from ...state import SITE, Scope
from ..packing import gzipped
from .manifest import FACETS_FILE, TRADITIONAL_FILE, PageInfo, facets_json, file_group, manifest_json, traditional_json

if TYPE_CHECKING:
    import numpy as np

# The postings (postings.py) are made with NumPy, which takes 0.1–0.2 s to import: they are imported
# where the index is built, in its own forked process, so that the page process, which a publish
# waits for, never loads it (`gongkai build` loads it beforehand, while the corpus is made:
# publish.py). The encoded forms without NumPy are in encoding.py.

__all__ = ["SearchDoc", "build_index", "chunk_paragraphs", "fnv1a", "normalise"]

FORMAT_VERSION = 7  # search-index.js reads the version from manifest.json and refuses an index it does not know
MAX_CHUNKS = 12
CHUNK_CHARS = 250
CHUNK_MAX = 2500  # characters a chunk may hold, whatever the page's size (about 7 KB of UTF-8)
OVERLAP = 64  # characters shared by the pieces of a cut paragraph: longer than any query term
PART_CHARS = MAX_CHUNKS * CHUNK_MAX  # one index entry; a longer page continues in another
# Smaller shards, fewer bytes a query: 1000 keeps them as small as they were when the filter
# terms were postings too (they are in facets.json now), at the scale `make bench` measures.
_TARGET_POSTINGS_PER_SHARD = 1000
_WS = re.compile(r"\s+")
# Full-width ASCII and the ideographic space, mapped ahead of NFKC: they are most of what NFKC
# changes in Chinese text, and with them gone most paragraphs pass the fast is_normalized check.
_WIDE = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def normalise(text: str) -> str:
    """The one normalisation shared with search-index.js: NFKC, lower case, no whitespace."""
    text = text.translate(_WIDE)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _WS.sub("", text.lower())


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-8 bytes; search-index.js computes the same."""
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
    facets: dict[str, list[str]] = field(default_factory=dict)  # search filter key → the page's terms


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


def _packed(text: str) -> bytes:
    """A chunk file as written (gzipped: the same text gives the same bytes)."""
    return gzipped(text.encode("utf-8"))


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


@dataclass
class Entry:
    """One index entry as built from a page: its chunk files and its tokens. Kept between
    builds, so that an unchanged page is neither re-read nor re-tokenised."""
    info: PageInfo
    chunk_files: list[bytes]  # gzipped, once, when the entry is made; file k holds chunks k×group to (k+1)×group − 1
    codes: np.ndarray  # token codes
    masks: np.ndarray  # chunk masks


@dataclass
class IndexState:
    """What the last build left: each page's content key and entries, and a hash of every file.

    Page numbers follow one canonical order (reports oldest first, then listings by URL), and
    the postings are encoded afresh each build from the kept tokens, so the index written after
    any sequence of updates is byte for byte the one a clean build writes. A newly published
    report is the newest, so it takes the last number and the earlier chunk files stay."""
    version: str
    pages: dict[str, tuple[str, list[Entry]]] = field(default_factory=dict)  # url → (key, entries)
    files: dict[str, str] = field(default_factory=dict)  # rel → hash of what was written
    traditional: tuple[str, str] = ("", "")  # (converter version, traditional.json): importing it takes 0.2 s
    stored: set[str] = field(default_factory=set)  # the page keys in the store, this version's or not


def _entries(doc: SearchDoc) -> list[Entry]:
    from .postings import doc_tokens

    out = []
    for number, entry in enumerate(split_doc(doc)):
        chunks = chunk_paragraphs(entry)
        codes, masks = doc_tokens([[normalise(text) for _, text in chunk] for chunk in chunks])
        # A long page's later entries have no terms: the browser counts and filters a page by its first.
        info = PageInfo(doc.is_report, sum(len(text) for chunk in chunks for _, text in chunk), number > 0,
                        doc.facets if doc.is_report and number == 0 else {})
        group = file_group(info, MAX_CHUNKS, CHUNK_CHARS)
        files = [_packed(_chunk_file(entry, [p for chunk in chunks[c:c + group] for p in chunk]))
                 for c in range(0, len(chunks), group)]
        out.append(Entry(info, files, codes, masks))
    return out


def listing_key(doc: SearchDoc) -> str:
    return hashlib.sha1(repr((doc.title, doc.paragraphs)).encode()).hexdigest()


Listing = SearchDoc | tuple[str, "str | None", Callable[[], SearchDoc]]


def _listing_entry(item: Listing) -> tuple[str, str | None, Callable[[], SearchDoc]]:
    if isinstance(item, SearchDoc):
        return item.url, listing_key(item), lambda: item
    return item


def build_index(reports: Iterable[tuple[str, str, Callable[[], SearchDoc]]],
                listings: list[Listing] | Callable[[], list[Listing]],
                emit: Callable[[str, str | bytes], None], keep: Callable[[str], bool] = lambda rel: False,
                store: Scope | None = None, filters: Sequence[tuple[str, str]] = ()) -> int:
    """Write everything under search/data/ through ``emit(relative path, content)``.

    ``reports`` yields (url, content key, factory) newest first; a factory is called only for a
    page whose key changed. ``listings`` are SearchDocs, or (url, None, factory) for a listing
    page the caller kept unchanged. ``keep(rel)`` keeps a file written by the last build, which
    is done when the file would be written with the same content. ``filters`` are the search
    filters as (key, label), the keys of SearchDoc.facets. Returns the files emitted.
    """
    from .postings import PostingsBuilder  # NumPy: here, in the index's own process (see above)

    version = SITE.key("search index", FORMAT_VERSION)
    state = _load_state(store, version)
    pages: dict[str, tuple[str, list[Entry]]] = {}

    def entries(url: str, key: str | None, factory: Callable[[], SearchDoc], listing: bool) -> list[Entry]:
        old = state.pages.get(url)
        if key is None and old is not None:  # a listing the caller kept unchanged
            key = old[0]
        if old is None or old[0] != key:
            doc = factory()
            key = listing_key(doc) if listing else key
            pages[url] = (str(key), _entries(doc))
        else:
            pages[url] = old
        return pages[url][1]

    files: dict[str, str] = {}
    emitted = 0

    def put(rel: str, content: str | bytes) -> None:
        nonlocal emitted
        digest = hashlib.sha1(content if isinstance(content, bytes) else content.encode("utf-8")).hexdigest()
        files[rel] = digest
        if state.files.get(rel) == digest and keep(rel):
            return
        emitted += 1
        emit(rel, content)

    ordered: list[Entry] = []
    builder = PostingsBuilder()

    def number(page_entries: list[Entry]) -> None:
        """The next page numbers: its chunk files written, its tokens added."""
        for entry in page_entries:
            for c, text in enumerate(entry.chunk_files):
                put(f"text/{len(ordered)}-{c}.txt.gz", text)
            builder.add(len(ordered), entry.codes, entry.masks)
            ordered.append(entry)

    for url, key, factory in reversed(list(reports)):  # oldest first: a new report comes last
        number(entries(url, key, factory, False))
    # The listings are numbered after every report, so all of the reports' work is done before
    # waiting for them: the caller sends them once it has rendered the listing pages.
    if callable(listings):
        listings = listings()
    for url, listing_key_, factory in sorted(map(_listing_entry, listings), key=lambda entry: entry[0]):
        number(entries(url, listing_key_, factory, True))
    shards = _shard_count(builder.count())
    encoded, _ = builder.encode(len(ordered))
    by_shard: dict[int, list[str]] = {}
    for token in encoded:
        by_shard.setdefault(fnv1a(token) % shards, []).append(token)
    for shard, tokens in sorted(by_shard.items()):
        content = {t: encoded[t] for t in sorted(tokens)}
        put(f"shards/{shard}.json", json.dumps(content, ensure_ascii=False, separators=(",", ":")))
    infos = [entry.info for entry in ordered]
    put(FACETS_FILE, facets_json(infos, filters))
    if state.traditional[0] != converter_version():
        state.traditional = (converter_version(), traditional_json())
    put(TRADITIONAL_FILE, state.traditional[1])
    put("manifest.json", manifest_json(FORMAT_VERSION, MAX_CHUNKS, CHUNK_CHARS, shards, infos, filters))
    if store is not None:  # written from the index's own process: the caller writes nothing meanwhile
        _save_state(store, state, IndexState(version, pages, files, state.traditional))
        store.state.commit()
    return emitted


# The state is kept a page an entry, so that a build writes only the pages that changed: as one
# value it was pickled whole at every build (a third of a second at 2,000 reports, 147 MB at 10,000).
_META = "meta"  # (version, files, traditional)
_PAGE = "page:"  # + url → (key, entries)


def _load_state(store: Scope | None, version: str) -> IndexState:
    saved = store.items() if store is not None else {}
    meta = saved.pop(_META, None)
    state = IndexState(version)
    state.stored = {k for k in saved if k.startswith(_PAGE)}
    if isinstance(meta, tuple) and len(meta) == 3 and meta[0] == version:
        state.pages = {k[len(_PAGE):]: v for k, v in saved.items() if k.startswith(_PAGE)}
        state.files, state.traditional = meta[1], meta[2]
    return state


def _save_state(store: Scope, old: IndexState, new: IndexState) -> None:
    store.put_many((_PAGE + url, value) for url, value in new.pages.items() if old.pages.get(url) is not value)
    store.delete(old.stored - {_PAGE + url for url in new.pages} | {"state"})  # "state": the one value of before
    store.put(_META, (new.version, new.files, new.traditional))
