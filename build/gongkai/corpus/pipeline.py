"""`gongkai corpus`: raw pages → one Markdown file per report.

Per page: read → clean → annotate (page.py, on every core: clean_pool.py). Across
the corpus: keywords (TF-IDF needs document frequencies), stable ids, duplicate 索引号
flags. Output is written in sorted order so that two runs give byte-identical files
whatever the input order. With a cache folder (corpus_cache.py), a run that adds one
page cleans that page and rewrites the files whose front matter changed.
"""
from __future__ import annotations

import datetime
import hashlib
import multiprocessing
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..add import load_added, load_saved, load_urls
from .annotate import Topic, keywords, load_topics
from .page import CleanedReport, process_file
from ..cache import PageCache, pipeline_version
from .clean_pool import Cleaner
from .cleaner import PageWarning
from ..corpus_cache import FileHashes, Summaries, WrittenKeys, document_frequency
from ..errors import SourceError
from ..corpus_file import parse, render, render_body
from ..names import display, safe_slug
from .normalise import index_no_slug
from .sections import assign_sections

__all__ = ["CorpusResult", "CleanedReport", "build_corpus"]


@dataclass
class CorpusResult:
    written: list[Path] = field(default_factory=list)
    failures: list[SourceError] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)


def _existing_sources(out_dir: Path) -> set[str]:
    """Source file names of the reports already in ``out_dir`` (from the head of each file)."""
    names = set()
    for path in out_dir.glob("*.md"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(4000)
        m = re.search(r"^source:\n  path: (.+)$", head, flags=re.M)
        if m:
            names.add(m.group(1).strip().strip("'\"").rsplit("/", 1)[-1])
    return names


def _assign_ids(reports: list[CleanedReport], existing: set[str] = frozenset()) -> None:
    """id from the 索引号 when there is one, else the file name; a clash gets a suffix and a warning.

    Reports already in the corpus go first, so that an added page never takes an existing
    report's id (and URL); the newcomer gets the suffix and the duplicate flag."""
    seen: dict[str, CleanedReport] = {}
    by_index: dict[str, CleanedReport] = {}
    for report in sorted(reports, key=lambda r: (r.path.name not in existing, str(r.path))):
        index_no = report.doc.fields.get("index_no")
        base = safe_slug(index_no_slug(index_no) if index_no else report.path.stem)
        if index_no in by_index:
            other = by_index[index_no]
            report.doc.warnings.append(PageWarning("duplicate_index_no", f"索引号 {index_no} is also used by {display(other.path.name)}"))
        elif index_no:
            by_index[index_no] = report
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}-{n}", n + 1
        seen[candidate] = report
        report.id = candidate


class _SourcePaths:
    """A page's path relative to the project root, as the front matter records it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.folders: dict[Path, str | None] = {}  # resolving each of 10,000 paths was a tenth of a run

    def __call__(self, path: Path) -> str:
        if path.parent not in self.folders:
            try:
                self.folders[path.parent] = path.parent.resolve().relative_to(self.root).as_posix()
            except ValueError:
                self.folders[path.parent] = None
        folder = self.folders[path.parent]
        name = display(path.name)
        if folder is None:
            return name
        return f"{display(folder)}/{name}" if folder != "." else name


_ADDED_LINE = re.compile(r"^  added: '?(\d{4}-\d{2}-\d{2})'?$", re.M)


def _added_before(target: Path) -> str | None:
    """source.added of the corpus file already at ``target``: the date it was first written there."""
    try:
        with target.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(16000)  # the front matter; source comes before the warnings at its end
    except OSError:
        return None
    m = _ADDED_LINE.search(head.split("\n---\n", 1)[0])
    return m.group(1) if m else None


def entry_date(name: str, target: Path, added: dict[str, str], today: str) -> str:
    """The date a report entered the corpus, for the feed. ``gongkai add`` records it in seeds/added.yml;
    a page put into seeds/ by hand has no record, so it keeps the date its corpus file was first
    written (read back from that file), and a new one gets today's. The date is a fact of the
    corpus, committed with it: the site never asks the clock."""
    return added.get(name) or _added_before(target) or today


def _front_matter(report: CleanedReport, rel: str, records: tuple[dict[str, str], dict[str, str], dict[str, str]],
                  added: str) -> dict[str, object]:
    fields = dict(report.doc.fields)
    urls, saved, _ = records
    url = fields.pop("url", None) or urls.get(report.path.name)
    fields.update(
        topics=report.topics,
        laws=report.laws,
        keywords=report.keywords,
        source={"path": rel, "sha256": report.sha256, "url": url, **({"saved": saved[report.path.name]}
                                                                      if report.path.name in saved else {}),
                "added": added},
        warnings=[w.as_dict() for w in report.doc.warnings],
    )
    return fields


def build_corpus(sources: list[Path], out_dir: Path, topics_path: Path, root: Path | None = None,
                 progress: Callable[[Path], None] | None = None, cache_dir: Path | None = None,
                 jobs: int | None = None, prune: bool = True) -> CorpusResult:
    """Clean and annotate ``sources`` into ``out_dir``. Pages run on all cores; results are cached by content.

    With ``prune``, ``sources`` is the whole source folder and reports whose page is gone are
    deleted; without it (some pages named on their own) every other report is left alone."""
    root = root or Path.cwd()
    topics_text = topics_path.read_text("utf-8")
    topics = tuple(load_topics(topics_path))
    version = pipeline_version(topics_text)
    folder = cache_dir / version if cache_dir else None
    # Many pages to clean unless this version has summaries; the workers start before those load.
    cleaner = Cleaner(topics, cache_dir, version, jobs, expect_many=not Summaries.exist(folder))
    summaries = Summaries(folder)
    try:
        result, reports = _read_all(sorted(sources), cleaner, FileHashes(cache_dir), summaries, progress)
    finally:
        cleaner.close()
    written = WrittenKeys(folder)
    existing = written.sources_in(out_dir)
    _assign_ids(reports, existing if existing is not None else _existing_sources(out_dir) if out_dir.is_dir() else set())
    counts = {r.sha256: r.counts for r in reports}
    df = document_frequency(folder, counts, summaries.counts)
    out_dir.mkdir(parents=True, exist_ok=True)
    urls = {parent: (load_urls(parent), load_saved(parent), load_added(parent)) for parent in {r.path.parent for r in reports}}
    today = datetime.date.today().isoformat()
    source_path = _SourcePaths(root)
    written_names = set()
    to_write: list[tuple[Path, dict[str, object], CleanedReport]] = []
    for report in sorted(reports, key=lambda r: r.id):
        report.keywords = keywords(report.counts, df, len(counts))
        target = out_dir / f"{report.id}.md"
        records = urls.get(report.path.parent, ({}, {}, {}))
        front = _front_matter(report, source_path(report.path), records, entry_date(report.path.name, target, records[2], today))
        key = hashlib.sha1(repr(sorted(front.items(), key=lambda kv: kv[0])).encode()).hexdigest()
        written.record(target.name, key, display(report.path.name))
        if not written.unchanged(target.name, key) or not target.exists():
            to_write.append((target, front, report))
        written_names.add(target.name)
        result.written.append(target)
        result.warnings.update(w.code for w in report.doc.warnings)
    _write_files(to_write, cache_dir, version, topics)
    written.save(keep_others=not prune)
    if prune:
        _remove_stale(out_dir, written_names)
    return result


def _read_all(paths: list[Path], cleaner: Cleaner, hashes: FileHashes, summaries: Summaries,
              progress: Callable[[Path], None] | None) -> tuple[CorpusResult, list[CleanedReport]]:
    """Each page's report: a summary when this version has cleaned the same bytes before, else cleaned now."""
    result = CorpusResult()
    known: dict[Path, CleanedReport] = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        try:
            sha = hashes.sha256(path)
        except OSError:
            sha = ""  # the worker reports it, with the reason
        summary = summaries.get(sha)
        if summary is not None:
            known[path] = CleanedReport.from_summary(path, sha, summary)
        else:
            todo.append((path, sha))
    fresh = cleaner.clean(todo, progress)
    reports = []
    for path in paths:
        if progress and path in known:
            progress(path)
        outcome = known.get(path) or fresh[path]
        if isinstance(outcome, SourceError):
            result.failures.append(outcome)
            continue
        reports.append(outcome)
        if not outcome.light:
            summaries.add(outcome.sha256, outcome.summary())
    summaries.save()
    hashes.save()
    return result, reports


_TO_WRITE: list[tuple[Path, dict[str, object], CleanedReport]] = []  # set before forking the writers, which inherit it
_SHARES = 2  # processes that render and write the files of a large run
_MANY_FILES = 64  # below this, forking the writers costs more than it saves


def _write_files(files: list[tuple[Path, dict[str, object], CleanedReport]], cache_dir: Path | None, version: str,
                 topics: tuple[Topic, ...]) -> None:
    """Render and write each file whose text changed. Many files are shared between processes:
    dumping 10,000 front matters and writing the files took a tenth of a cold run on one core."""
    _TO_WRITE[:] = files
    args = [(share, cache_dir, version, topics) for share in range(_SHARES)]
    try:
        if len(files) >= _MANY_FILES and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(_SHARES) as pool:
                pool.starmap(_write_share, args)
        else:
            for share_args in args:
                _write_share(*share_args)
    finally:
        _TO_WRITE.clear()


def _write_share(share: int, cache_dir: Path | None, version: str, topics: tuple[Topic, ...]) -> None:
    for target, front, report in _TO_WRITE[share::_SHARES]:
        full = _full(report, cache_dir, version, topics)
        text = render(front, render_body(full.doc.blocks, full.topics_by_block, assign_sections(full.doc.blocks, str(full.doc.fields.get("doc_type")))))
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")


def _full(report: CleanedReport, cache_dir: Path | None, version: str, topics: tuple[Topic, ...]) -> CleanedReport:
    """The report with its body: itself, or its cached full version (cleaned again if that is gone)."""
    if not report.light:
        return report
    cached = PageCache(cache_dir, version).get(report.sha256)
    if isinstance(cached, CleanedReport):
        return cached
    return process_file(report.path, topics)


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Delete reports whose source page is gone; leave any other Markdown alone."""
    for path in out_dir.glob("*.md"):
        if path.name in keep:
            continue
        try:
            front, _ = parse(path.read_text("utf-8"))
        except (ValueError, OSError, UnicodeDecodeError):
            continue
        if isinstance(front, dict) and "source" in front:
            os.remove(path)
