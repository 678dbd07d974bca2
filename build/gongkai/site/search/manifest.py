"""The files the search page reads beside the postings: manifest.json, facets.json, traditional.json.

- manifest.json is fetched by every search, so it holds only what every search needs: the
  format constants that search-index.js must share with encoding.py (version, alphabet, chunk
  count and size, chunks to a file), which pages are listings, each page's length (for ranking) and the search filters'
  names and labels (from taxonomy.SEARCH_FILTERS: declared there once).
- facets.json holds each filter term's set of pages. It is fetched only when the reader opens
  the filters or a filter is set, so a plain query does not pay for it; with it the page counts
  results per term for the current query ("2021（3）").
- traditional.json maps traditional characters to simplified (corpus/traditional.py's
  converter). It is fetched only when a query term is found nowhere as typed.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...corpus.traditional import character_map
from .encoding import ALPHABET, bitmap_width, encode_pages, page_bitmap

FACETS_FILE = "facets.json"
TRADITIONAL_FILE = "traditional.json"
# A page's length as one alphabet character: round(log(length / base) / log(step)), 0 to 63.
# Ranking needs only its rough size, and one character a page keeps the manifest small.
LENGTH_BASE = 40
LENGTH_STEP = 1.11
# A chunk file holds at least this many characters where the page has them: a report's chunks are
# written `group` to a file, the group read off its length code, so that the browser, which knows
# the code, knows which file holds a chunk. Listing pages, which have no length code, keep one
# chunk a file.
FILE_CHARS = 1000


@dataclass
class PageInfo:
    """What the manifest and facets.json say of one index entry."""
    is_report: bool
    length: int  # characters of its title and text
    continues: bool  # the second or later entry of a page too long for one
    facets: dict[str, list[str]]  # filter key → the page's terms (on a page's first entry only)


def length_code(length: int) -> str:
    code = round(math.log(max(length, 1) / LENGTH_BASE) / math.log(LENGTH_STEP))
    return ALPHABET[min(63, max(0, code))]


def _group_for_code(code: int, chunks: int, chunk_chars: int) -> int:
    length = LENGTH_BASE * LENGTH_STEP ** code  # the length the browser reads off the code
    chunk = max(chunk_chars, length / chunks)  # what chunk_paragraphs aims at for that length
    return max(1, min(chunks, int(FILE_CHARS // chunk)))


@lru_cache(maxsize=4)
def _groups(chunks: int, chunk_chars: int) -> tuple[int, ...]:
    return tuple(_group_for_code(code, chunks, chunk_chars) for code in range(len(ALPHABET)))


def group_table(chunks: int, chunk_chars: int) -> str:
    """Chunks to a file for each length code, as alphabet characters (manifest.json's "groups")."""
    return "".join(ALPHABET[g] for g in _groups(chunks, chunk_chars))


def file_group(info: PageInfo, chunks: int, chunk_chars: int) -> int:
    """How many of an index entry's chunks go in one chunk file."""
    if not info.is_report:
        return 1
    return _groups(chunks, chunk_chars)[ALPHABET.index(length_code(info.length))]


def manifest_json(version: int, chunks: int, chunk_chars: int, shards: int, pages: list[PageInfo],
                  filters: Sequence[tuple[str, str]]) -> str:
    width = bitmap_width(len(pages))
    manifest = {
        "version": version, "alphabet": ALPHABET, "chunks": chunks, "chunkChars": chunk_chars, "shards": shards, "total": len(pages),
        "listing": page_bitmap([n for n, p in enumerate(pages) if not p.is_report], width),
        "dead": page_bitmap([], width),
        "continues": [n for n, p in enumerate(pages) if p.continues],
        # the reports' only, in page order: listing pages rank after every report whatever their length
        "lengths": "".join(length_code(p.length) for p in pages if p.is_report), "lengthScale": [LENGTH_BASE, LENGTH_STEP],
        "groups": group_table(chunks, chunk_chars),
        "filters": [[key, label] for key, label in filters],
        "facets": FACETS_FILE, "traditional": TRADITIONAL_FILE,
    }
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))


def _term_order(counts: dict[str, list[int]]) -> list[str]:
    """Years newest first; other terms by how many pages have them, then by name."""
    if counts and all(term.isdigit() for term in counts):
        return sorted(counts, key=lambda term: (-int(term), term))
    return sorted(counts, key=lambda term: (-len(counts[term]), term))


def facets_json(pages: list[PageInfo], filters: Sequence[tuple[str, str]]) -> str:
    """{filter key: [[term, page set], ...]}, the terms in the order the <select> shows them."""
    out: dict[str, list[list[str]]] = {}
    for key, _ in filters:
        by_term: dict[str, list[int]] = {}
        for number, page in enumerate(pages):
            for term in dict.fromkeys(page.facets.get(key, ())):
                by_term.setdefault(term, []).append(number)
        out[key] = [[term, encode_pages(by_term[term], len(pages))] for term in _term_order(by_term)]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def traditional_json() -> str:
    """{"pairs": traditional character then its simplified one, repeated}: half the size of an object."""
    pairs = "".join(k + v for k, v in sorted(character_map().items()))
    return json.dumps({"pairs": pairs}, ensure_ascii=False, separators=(",", ":"))
