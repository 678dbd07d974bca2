"""The corpus as the site sees it: reports with front matter and anchored paragraphs."""
from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..annotate import Topic, load_topics
from ..cache import load_pickle
from ..markdown_out import Paragraph, paragraphs, parse

_UNSAFE = re.compile(r'[\\/:*?"<>|#%&{}\s]+')


def slug(term: str) -> str:
    """A readable file name for a taxonomy term; Chinese stays Chinese."""
    return _UNSAFE.sub("-", str(term)).strip("-") or "unnamed"


@dataclass
class Report:
    id: str
    front: dict
    paragraphs: list[Paragraph]
    source_file: Path
    rank: int = 0  # position in the corpus, newest first
    signature: tuple = ()  # (size, mtime) of the corpus file: what page caches key on

    @property
    def title(self) -> str:
        return self.front.get("title") or f"（无标题）{self.id}"

    @property
    def date(self) -> str:
        return str(self.front.get("published_date") or self.front.get("signed_date") or self.front.get("written_date") or "")

    @property
    def year(self) -> str | None:
        year = self.front.get("report_year")
        if year:
            return str(year)
        return self.date[:4] or None


@dataclass
class Corpus:
    reports: list[Report]
    topics: list[Topic]
    by_id: dict[str, Report] = field(default_factory=dict)
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


def load_corpus(folder: Path, cache_file: Path | None = None) -> Corpus:
    """Read every report in ``folder``. With ``cache_file``, files whose size and mtime are unchanged
    are taken from the previous run instead of being parsed again (YAML parsing dominates at 10,000)."""
    previous: dict[str, tuple] = load_pickle(cache_file) or {}
    current: dict[str, tuple] = {}
    reports = []
    for path in sorted(folder.glob("*.md")):
        stat = path.stat()
        signature = (stat.st_size, stat.st_mtime_ns)
        entry = previous.get(path.name)
        if entry and entry[0] == signature:
            front, paras = entry[1], entry[2]
        else:
            try:
                front, body = parse(path.read_text("utf-8"))
            except ValueError:
                continue
            paras = paragraphs(body)
        current[path.name] = (signature, front, paras)
        if "source" not in front:
            continue
        reports.append(Report(path.stem, front, paras, path, signature=signature))
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_bytes(pickle.dumps(current, protocol=pickle.HIGHEST_PROTOCOL))
    reports.sort(key=lambda r: (r.date, r.id), reverse=True)
    topics_file = folder / "topics.yml"
    return Corpus(reports, load_topics(topics_file) if topics_file.exists() else [])
