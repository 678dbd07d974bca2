"""The corpus as the site sees it: reports with front matter, a digest, and anchored paragraphs.

A report's paragraphs are read from its corpus file only when a page needs them (its own
page, its search entry); the front matter and digest of an unchanged file come from the
cache of the previous build.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..corpus.annotate import Topic, load_topics
from ..corpus.place import lineage
from ..corpus_file import Paragraph, body_of, parse_front, parse_paragraphs
from ..names import safe_slug
from ..state import SITE, Scope, State
from ..written_fronts import WrittenFronts
from .digest import Digest, make_digest


def slug(term: object) -> str:
    """A readable, safe file name for a taxonomy term; Chinese stays Chinese, and terms that
    clean to the same text keep distinct names (names.safe_slug)."""
    return safe_slug(term)


@dataclass
class SiteReport:
    id: str
    front: dict
    source_file: Path
    digest: Digest = field(default_factory=Digest)
    rank: int = 0  # position in the corpus, newest first
    signature: tuple = ()  # (size, mtime) of the corpus file: what page caches key on

    @cached_property
    def stamp(self) -> str:
        """The id and signature as one string: joined into the keys of every listing page it is on."""
        return f"{self.id}:{self.signature[0]}:{self.signature[1]}" if self.signature else self.id

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Read from the corpus file when asked, and kept only among the last few read (_read_paragraphs):
        held for every report, they were a third of page generation's memory (450 MB at 20,000)."""
        return _read_paragraphs(self.source_file, self.signature, True)

    @property
    def text_paragraphs(self) -> list[Paragraph]:
        """``paragraphs`` without their mentions, for the downloads and the search index, which
        need only the text: parsing the mentions was half of reading a body."""
        return _read_paragraphs(self.source_file, self.signature, False)

    @property
    def title(self) -> str:
        return self.front.get("title") or f"（无标题）{self.id}"

    # date and year are asked 50 times a report in a build (listings, related lists, sorting): worked
    # out once. The front matter is never changed after it is read.
    @cached_property
    def date(self) -> str:
        return str(self.front.get("published_date") or self.front.get("signed_date") or self.front.get("written_date") or "")

    @cached_property
    def year(self) -> str | None:
        year = self.front.get("report_year")
        if year:
            return str(year)
        return self.date[:4] or None

    @cached_property
    def region_chain(self) -> tuple[str, ...]:
        """Its region and every division above it, by full name (taxonomy.region_terms): asked 20 times
        a report in a build, and each time a walk up the gazetteer."""
        chain = lineage(self.front.get("region_code"))
        if chain:
            return tuple(name for _, name in chain)
        return (str(self.front["region"]),) if self.front.get("region") else ()


@lru_cache(maxsize=32)
def _read_paragraphs(path: Path, signature: tuple, mentions: bool) -> list[Paragraph]:
    """A corpus file's paragraphs; the signature (size, mtime) is in the key, so a changed file is read
    again. A report page asks for them several times; the downloads and the index once each."""
    return parse_paragraphs(body_of(path.read_text("utf-8"), str(path)), mentions)


@dataclass
class Corpus:
    reports: list[SiteReport]
    topics: list[Topic]
    by_id: dict[str, SiteReport] = field(default_factory=dict)
    _keywords: dict[str, list[str]] | None = None
    memo: dict = field(default_factory=dict)  # derived values computed once per build

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.reports}
        for rank, report in enumerate(self.reports):
            report.rank = rank

    def keyword_index(self, max_reports: int = 50) -> dict[str, list[str]]:
        """keyword → report ids, skipping keywords so common that they say nothing about similarity."""
        if self._keywords is None:
            index: dict[str, list[str]] = {}
            for report in self.reports:
                for keyword in report.front.get("keywords") or []:
                    index.setdefault(keyword, []).append(report.id)
            self._keywords = {k: v for k, v in index.items() if len(v) <= max_reports}
        return self._keywords

    def topic(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name), None)


class RememberedFiles:
    """Front matter and digest of each corpus file, kept in the state by SITE.key(name, size, mtime, topic vocabulary)."""

    SPACE = "corpus_file_digest"

    def __init__(self, state: State, folder: Path) -> None:
        self.scope = Scope(state, self.SPACE, folder)
        self.old: dict[str, tuple] = self.scope.items()
        self.new: dict[str, tuple] = {}

    def get(self, key: str) -> tuple | None:
        found = self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def add(self, key: str, value: tuple) -> None:
        self.new[key] = value

    def save(self) -> None:
        self.scope.save(self.old, self.new)


def load_corpus(folder: Path) -> Corpus:
    """Every report in ``folder``, read afresh (no state)."""
    return read_corpus(folder, State(None))[0]


def read_corpus(folder: Path, state: State) -> tuple[Corpus, RememberedFiles]:
    """Read every report in ``folder``. A file whose size and mtime are unchanged is taken from the
    state (front matter and digest) instead of being parsed again. The caller saves what was read."""
    topics_file = folder / "topics.yml"
    topics = load_topics(topics_file) if topics_file.exists() else []
    remembered = RememberedFiles(state, folder)
    written = WrittenFronts(state, folder)
    vocabulary = SITE.key(topics)  # once: the repr of every topic for each of 10,000 files was a tenth of a second
    reports = []
    with os.scandir(folder) as listing:
        files = sorted((e for e in listing if e.name.endswith(".md") and e.is_file()), key=lambda e: e.name)
    for entry in files:
        stat = entry.stat()
        signature = (stat.st_size, stat.st_mtime_ns)
        key = SITE.key(entry.name, signature, vocabulary)
        cached = remembered.get(key)
        if cached:
            front, digest = cached[0], Digest(*cached[1])
        else:
            text = Path(entry.path).read_text("utf-8")
            if not text.startswith("---\n"):
                continue  # no front matter: a note, not a report
            # As the corpus stage wrote it, else parsed: a damaged one stops the build with one line naming the file.
            front = written.get(entry.name, signature) or parse_front(text, entry.path)
            digest = make_digest(parse_paragraphs(body_of(text)))
            remembered.add(key, (front, digest.raw()))
        if "source" not in front:
            continue
        reports.append(SiteReport(entry.name[:-3], front, Path(entry.path), digest, signature=signature))
    reports.sort(key=lambda r: (r.date, r.id), reverse=True)
    return Corpus(reports, topics), remembered
