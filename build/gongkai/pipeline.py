"""`gongkai corpus`: raw pages → one Markdown file per report.

Per page: read → clean → annotate. Across the corpus: keywords (TF-IDF needs
document frequencies), stable ids, duplicate 索引号 flags. Output is written in
sorted order so that two runs give byte-identical files whatever the input order.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .annotate import Topic, cut, keywords, laws_in, load_topics, term_counts, top_terms, topic_mentions
from .cache import PageCache, load_pickle, pipeline_version, save_pickle
from .cleaner import CleanDoc, Warning, clean_page
from .errors import SourceError
from .markdown_out import parse, render, render_body
from .normalise import index_no_slug
from .add import load_urls
from .reading import read_page


@dataclass
class Report:
    path: Path
    sha256: str
    doc: CleanDoc
    topics: list[str]
    laws: list[str]
    counts: Counter[str]
    topics_by_block: dict[int, list[str]]
    id: str = ""
    keywords: list[str] = field(default_factory=list)
    light: bool = False  # a summary without the body blocks, loaded from the summaries file

    def summary(self) -> "Report":
        """The same report without its body: what ids, keywords and front matter need."""
        doc = CleanDoc(dict(self.doc.fields), [], list(self.doc.warnings))
        return Report(self.path, self.sha256, doc, self.topics, self.laws, self.counts, {}, light=True)


@dataclass
class CorpusResult:
    written: list[Path] = field(default_factory=list)
    failures: list[SourceError] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)


def annotate_doc(path: Path, sha256: str, doc: CleanDoc, topics: tuple[Topic, ...]) -> Report:
    """Topics, laws and keyword counts, from one jieba pass over each block."""
    topic_counts: Counter[str] = Counter()
    laws: list[str] = []
    counts: Counter[str] = Counter()
    topics_by_block: dict[int, list[str]] = {}
    for i, block in enumerate(doc.blocks, start=1):
        words = cut(block.text)
        counts.update(term_counts(words))
        if block.kind == "table":
            continue
        mentioned = list(dict.fromkeys(t for t, _ in topic_mentions(block.text, topics, words)))
        block_laws = laws_in(block.text)
        topic_counts.update(mentioned)
        laws.extend(block_laws)
        if (mentioned or block_laws) and block.kind in ("p", "signature"):
            topics_by_block[i] = mentioned
    ranked = sorted(topic_counts, key=lambda t: (-topic_counts[t], t))
    return Report(path, sha256, doc, ranked, sorted(set(laws)), top_terms(counts), topics_by_block)


def process_file(path: Path, topics: tuple[Topic, ...]) -> Report:
    raw = read_page(path)
    return annotate_doc(path, raw.sha256, clean_page(raw), topics)


# Worker state: set once per process by _init_worker, so jieba and the topics load once.
_WORKER: dict[str, object] = {}


def _init_worker(topics: tuple[Topic, ...], cache_dir: Path | None, version: str) -> None:
    _WORKER["topics"] = topics
    _WORKER["cache"] = PageCache(cache_dir, version)


def _work(path: Path) -> Report | SourceError:
    cache: PageCache = _WORKER["cache"]  # type: ignore[assignment]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceError(path, f"cannot read file: {exc.strerror}")
    key = hashlib.sha256(data).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, Report):
        cached.path = path
        return cached
    try:
        report = process_file(path, _WORKER["topics"])  # type: ignore[arg-type]
    except SourceError as exc:
        return exc
    cache.put(key, report)
    return report


def _collect(outcome: Report | SourceError, path: Path, reports: list[Report], result: CorpusResult,
             progress: Callable[[Path], None] | None) -> None:
    if progress:
        progress(path)
    if isinstance(outcome, SourceError):
        result.failures.append(outcome)
    else:
        reports.append(outcome)


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


# Ids that would collide with generated listing pages (reports/index.md).
_RESERVED_IDS = {"index"}


def _assign_ids(reports: list[Report], existing: set[str] = frozenset()) -> None:
    """id from the 索引号 when there is one, else the file name; a clash gets a suffix and a warning.

    Reports already in the corpus go first, so that an added page never takes an existing
    report's id (and URL); the newcomer gets the suffix and the duplicate flag."""
    seen: dict[str, Report] = {}
    by_index: dict[str, Report] = {}
    for report in sorted(reports, key=lambda r: (r.path.name not in existing, str(r.path))):
        index_no = report.doc.fields.get("index_no")
        base = index_no_slug(index_no) if index_no else report.path.stem
        if base in _RESERVED_IDS:
            base += "-page"
        if index_no in by_index:
            other = by_index[index_no]
            report.doc.warnings.append(Warning("duplicate_index_no", f"索引号 {index_no} is also used by {other.path.name}"))
        elif index_no:
            by_index[index_no] = report
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}-{n}", n + 1
        seen[candidate] = report
        report.id = candidate


def _front_matter(report: Report, root: Path, urls: dict[str, str]) -> dict[str, object]:
    fields = dict(report.doc.fields)
    url = fields.pop("url", None) or urls.get(report.path.name)
    try:
        rel = report.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = report.path.name
    fields.update(
        topics=report.topics,
        laws=report.laws,
        keywords=report.keywords,
        source={"path": rel, "sha256": report.sha256, "url": url},
        warnings=[w.as_dict() for w in report.doc.warnings],
    )
    return fields


def build_corpus(sources: list[Path], out_dir: Path, topics_path: Path, root: Path | None = None,
                 progress: Callable[[Path], None] | None = None, cache_dir: Path | None = None,
                 jobs: int | None = None) -> CorpusResult:
    """Clean and annotate ``sources`` into ``out_dir``. Pages run on all cores; results are cached by content."""
    root = root or Path.cwd()
    topics_text = topics_path.read_text("utf-8")
    topics = tuple(load_topics(topics_path))
    version = pipeline_version(topics_text)
    result = CorpusResult()
    reports: list[Report] = []
    paths = sorted(sources)
    # Summaries of every cleaned page, by content hash, in one file: an unchanged page costs a
    # hash and a dictionary look-up instead of loading its whole cached report.
    summaries_file = cache_dir / version / "summaries.pickle" if cache_dir else None
    summaries: dict[str, Report] = load_pickle(summaries_file) or {}
    todo: list[Path] = []
    known: dict[Path, Report] = {}
    for path in paths:
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            todo.append(path)
            continue
        light = summaries.get(sha)
        if light is not None:
            known[path] = Report(path, sha, CleanDoc(dict(light.doc.fields), [], list(light.doc.warnings)), light.topics,
                                 light.laws, light.counts, {}, light=True)
        else:
            todo.append(path)
    fresh: dict[Path, Report | SourceError] = {}
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs > 1 and len(todo) >= 8:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(topics, cache_dir, version)) as pool:
            for path, outcome in zip(todo, pool.imap(_work, todo, chunksize=8)):
                fresh[path] = outcome
                if progress:
                    progress(path)
    else:
        _init_worker(topics, cache_dir, version)
        for path in todo:
            fresh[path] = _work(path)
            if progress:
                progress(path)
    for path in paths:
        if progress and path in known:
            progress(path)
        _collect(known[path] if path in known else fresh[path], path, reports, result, None)
    new = {r.sha256: r.summary() for r in reports if not r.light}
    if summaries_file and new:
        summaries.update(new)
        save_pickle(summaries_file, summaries)
    _assign_ids(reports, _existing_sources(out_dir) if out_dir.is_dir() else set())
    df: Counter[str] = Counter()
    for report in reports:
        df.update(report.counts.keys())

    out_dir.mkdir(parents=True, exist_ok=True)
    urls = {folder: load_urls(folder) for folder in {r.path.parent for r in reports}}
    # What each corpus file was written from: an unchanged file is not rendered again.
    keys_file = cache_dir / version / "written.json" if cache_dir else None
    old_keys = json.loads(keys_file.read_text("utf-8")) if keys_file and keys_file.exists() else {}
    new_keys: dict[str, str] = {}
    written_names = set()
    for report in sorted(reports, key=lambda r: r.id):
        report.keywords = keywords(report.counts, df, len(reports))
        target = out_dir / f"{report.id}.md"
        front = _front_matter(report, root, urls.get(report.path.parent, {}))
        key = hashlib.sha1(repr(sorted(front.items(), key=lambda kv: kv[0])).encode()).hexdigest()
        new_keys[target.name] = key
        if old_keys.get(target.name) != key or not target.exists():
            full = _full(report, cache_dir, version, topics)
            text = render(front, render_body(full.doc.blocks, full.topics_by_block))
            if not target.exists() or target.read_text("utf-8") != text:
                target.write_text(text, "utf-8")
        written_names.add(target.name)
        result.written.append(target)
        result.warnings.update(w.code for w in report.doc.warnings)
    if keys_file:
        keys_file.write_text(json.dumps(new_keys), "utf-8")
    _remove_stale(out_dir, written_names)
    return result


def _full(report: Report, cache_dir: Path | None, version: str, topics: tuple[Topic, ...]) -> Report:
    """The report with its body: itself, or its cached full version (cleaned again if that is gone)."""
    if not report.light:
        return report
    cached = PageCache(cache_dir, version).get(report.sha256)
    if isinstance(cached, Report):
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
