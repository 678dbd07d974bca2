"""A static, sharded full-text index with exact substring semantics.

Why our own: on the seed pages, Material's lunr+jieba search returned reports that
held only 行政 for 行政复议 and missed 复议 inside 行政复议; Pagefind missed 綦江.
Word segmentation decides what can be found. Character n-grams do not:

- every paragraph is normalised (NFKC, lower case, no whitespace) and indexed by
  its character unigrams and bigrams, never across a paragraph boundary;
- a query term's bigrams are intersected to get candidates, which the browser then
  verifies against the report's text, so a report is a result exactly when it
  contains every term as a substring;
- postings live in shards chosen by a hash of the token, so a query fetches only
  the few shards its tokens fall in, whatever the size of the corpus.

Filters (region, year, topic, type) are tokens too, in the same shards.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

FORMAT_VERSION = 1
DOCS_PER_CHUNK = 64
_TARGET_POSTINGS_PER_SHARD = 4000
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


def tokens(doc: SearchDoc) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in [doc.title] + [t for _, t in doc.paragraphs]:
        norm = normalise(text)
        counts.update(norm)
        counts.update(norm[i : i + 2] for i in range(len(norm) - 1))
    for key, value in (("region", doc.region), ("year", doc.year), ("type", doc.doc_type)):
        if value and doc.is_report:
            counts[FILTER_PREFIX[key] + value] = 1
    for topic in doc.topics if doc.is_report else []:
        counts[FILTER_PREFIX["topic"] + topic] = 1
    return counts


def _shard_count(total_postings: int) -> int:
    shards = 8
    while shards * _TARGET_POSTINGS_PER_SHARD < total_postings and shards < 16384:
        shards *= 2
    return shards


def build_index(docs: list[SearchDoc]) -> dict[str, str]:
    """Relative path → file content for everything under search/data/."""
    ordered = sorted(docs, key=lambda d: (not d.is_report, d.url))
    postings: dict[str, list[int]] = defaultdict(list)
    filters: dict[str, Counter[str]] = {k: Counter() for k in FILTER_PREFIX}
    files: dict[str, str] = {}
    for doc_id, doc in enumerate(ordered):
        for token, count in sorted(tokens(doc).items()):
            plist = postings[token]
            plist.append(doc_id)
            plist.append(count)
        if doc.is_report:
            for key, values in (("region", [doc.region]), ("year", [doc.year]), ("type", [doc.doc_type]), ("topic", doc.topics)):
                filters[key].update(v for v in values if v)
        files[f"text/{doc_id}.txt"] = "\n".join(f"{a}\t{t}" for a, t in [("", doc.title)] + doc.paragraphs) + "\n"
    shard_count = _shard_count(sum(len(p) // 2 for p in postings.values()))
    shards: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for token, plist in postings.items():
        delta, previous = [], 0
        for i in range(0, len(plist), 2):
            delta += [plist[i] - previous, plist[i + 1]]
            previous = plist[i]
        shards[fnv1a(token) % shard_count][token] = delta
    for shard, content in shards.items():
        files[f"shards/{shard}.json"] = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for start in range(0, len(ordered), DOCS_PER_CHUNK):
        chunk = [[d.url, d.title, int(d.is_report), d.date, d.region] for d in ordered[start : start + DOCS_PER_CHUNK]]
        files[f"docs/{start // DOCS_PER_CHUNK}.json"] = json.dumps(chunk, ensure_ascii=False, separators=(",", ":"))
    manifest = {
        "version": FORMAT_VERSION, "shards": shard_count, "chunk": DOCS_PER_CHUNK, "total": len(ordered),
        "reports": sum(d.is_report for d in ordered),
        "prefix": FILTER_PREFIX,
        "filters": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in filters.items()},
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    return files
