"""`gongkai corpus`: raw pages → one Markdown file per report.

Per page: read → clean → annotate (page.py, on every core: clean_pool.py). Across
the corpus: keywords (TF-IDF needs document frequencies), stable ids, duplicate 索引号
flags. Output is written in sorted order so that two runs give byte-identical files
whatever the input order. With the state (state.py, corpus/incremental.py), a run that adds one
page cleans that page and rewrites the files whose front matter changed.
"""
from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..add import load_added, load_saved, load_urls
from ..corpus_file import CorpusFileError, FrontMatter, parse_front, render_file, source_added, written_front
from ..errors import SourceError
from ..forking import Forked, can_fork
from ..names import display, safe_slug
from ..state import WRITE, FileHashes, State
from ..written_fronts import forget, remember
from .annotate import Topic, keywords, load_topics
from .clean_pool import Cleaner
from .cleaner import PageWarning
from .incremental import Summaries, WrittenFiles, content_sha256, document_frequency, page_key
from .normalise import index_no_slug
from .page import CleanedReport, process_file

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


def _assign_ids(reports: list[CleanedReport], existing: Collection[str] = frozenset()) -> None:
    """id from the 索引号 when there is one, else the file name; a clash gets a suffix and a warning.

    Reports already in the corpus go first, so that an added page never takes an existing
    report's id (and URL); the newcomer gets the suffix and the duplicate flag."""
    seen: dict[str, CleanedReport] = {}
    by_index: dict[str, CleanedReport] = {}
    for report in sorted(reports, key=lambda r: (r.path.name not in existing, str(r.path))):
        index_no = str(report.doc.fields.get("index_no") or "") or None
        base = safe_slug(index_no_slug(index_no) if index_no else report.path.stem)
        if index_no in by_index:
            other = by_index[index_no]
            report.doc.warnings.append(PageWarning("duplicate_index_no", f"{index_no}，另见 {display(other.path.name)}"))
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


def _added_before(target: Path) -> str | None:
    """source.added of the corpus file already at ``target``: the date it was first written there."""
    try:
        with target.open(encoding="utf-8", errors="replace") as handle:
            return source_added(handle.read(16000))  # the front matter; source comes before the warnings
    except OSError:
        return None


def entry_date(name: str, target: Path, added: dict[str, str], today: str, written: WrittenFiles | None = None) -> str:
    """The date a report entered the corpus, for the feed. ``gongkai add`` records it in seeds/added.yml;
    a page put into seeds/ by hand has no record, so it keeps the date its corpus file was first
    written (read back from that file), and a new one gets today's. The date is a fact of the
    corpus, committed with it: the site never asks the clock."""
    recorded = written.added_date(target) if written else None
    return added.get(name) or recorded or _added_before(target) or today


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
    """Clean and annotate ``sources`` into ``out_dir``. Pages run on all cores; results are kept in the
    state under ``cache_dir`` (state.py), so that a page cleaned before is not cleaned again.

    With ``prune``, ``sources`` is the whole source folder and reports whose page is gone are
    deleted; without it (some pages named on their own) every other report is left alone."""
    root = root or Path.cwd()
    topics_text = topics_path.read_text("utf-8")
    topics = tuple(load_topics(topics_path))
    state = State(cache_dir)
    try:
        # Many pages to clean unless the state has summaries; the workers start before those load.
        cleaner = Cleaner(topics, jobs, expect_many=not state.has(Summaries.SPACE))
        summaries = Summaries(state)
        try:
            result, reports = _read_all(sorted(sources), cleaner, FileHashes(state), summaries, topics_text, progress)
        finally:
            cleaner.close()
        _write_corpus(result, reports, out_dir, root, state, summaries, topics, prune)
        summaries.save({r.key for r in reports} if prune else None)
    finally:
        state.close()
    return result


def _write_corpus(result: CorpusResult, reports: list[CleanedReport], out_dir: Path, root: Path, state: State,
                  summaries: Summaries, topics: tuple[Topic, ...], prune: bool) -> None:
    """Ids, keywords and front matter across the corpus; then each file whose text changed is written."""
    written = WrittenFiles(state, out_dir)
    existing = written.sources_in(out_dir)
    _assign_ids(reports, existing if existing is not None else _existing_sources(out_dir) if out_dir.is_dir() else set())
    counts = {r.key: r.counts for r in reports}
    df = document_frequency(state, counts, summaries.counts, str(out_dir.resolve()))
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
        added = entry_date(report.path.name, target, records[2], today, written)
        rel = source_path(report.path)
        # The front matter's inputs, not the front matter: the page key stands for all that cleaning
        # found (the page's bytes, the topic vocabulary, the code), the warnings for what the corpus
        # added to it (_assign_ids). Building and hashing every report's front matter was a third of
        # a publish's corpus stage.
        key = WRITE.key(report.key, report.keywords, rel, *(r.get(report.path.name) for r in records[:2]), added,
                        [w.as_dict() for w in report.doc.warnings])
        written.expect(target.name, key, display(report.path.name), added)
        if not written.unchanged(target, key):
            to_write.append((target, _front_matter(report, rel, records, added), report))
        written_names.add(target.name)
        result.written.append(target)
        result.warnings.update(w.code for w in report.doc.warnings)
    state.commit()  # the writers read whole reports from the state in their own processes
    done = _write_files(to_write, state, topics)
    for name, sha, size, mtime, _ in done:
        written.record(name, sha, size, mtime)
    remember(state, out_dir, ((name, (size, mtime), front) for name, _, size, mtime, front in done))
    if prune:
        forget(state, out_dir, written.old.keys() - written_names)
    written.save(keep_others=not prune)
    if prune:
        _remove_stale(out_dir, written_names)


def _read_all(paths: list[Path], cleaner: Cleaner, hashes: FileHashes, summaries: Summaries, topics_text: str,
              progress: Callable[[Path], None] | None) -> tuple[CorpusResult, list[CleanedReport]]:
    """Each page's report: a summary when the state has the same bytes cleaned by the same code, else cleaned now."""
    result = CorpusResult()
    known: dict[Path, CleanedReport] = {}
    todo: list[tuple[Path, str]] = []
    keys: dict[Path, str] = {}
    for path in paths:
        try:
            sha = hashes.sha256(path)
        except OSError:
            sha = ""  # the worker reports it, with the reason
        keys[path] = page_key(sha, topics_text)
        summary = summaries.get(keys[path])
        if summary is not None:
            known[path] = CleanedReport.from_summary(path, sha, summary)
        else:
            todo.append((path, sha))
    fresh = cleaner.clean(todo, progress)
    reports = []
    bodies: list[tuple[str, str]] = []
    for path in paths:
        if progress and path in known:
            progress(path)
        outcome = known.get(path) or fresh[path]
        if isinstance(outcome, SourceError):
            result.failures.append(outcome)
            continue
        outcome.key = keys[path]
        reports.append(outcome)
        if not outcome.light:
            summaries.add(outcome.key, outcome.summary())
            bodies.append((outcome.key, outcome.body))
    summaries.state.put_many("page", bodies)
    hashes.save()
    return result, reports


_TO_WRITE: list[tuple[Path, dict[str, object], CleanedReport]] = []  # set before forking the writers, which inherit it
_SHARES = 2  # processes that render and write the files of a large run
_MANY_FILES = 64  # below this, forking the writers costs more than it saves


Written = tuple[str, str, int, int, FrontMatter]  # name, SHA-256, size, mtime_ns, the front matter as written


def _write_files(files: list[tuple[Path, dict[str, object], CleanedReport]], state: State,
                 topics: tuple[Topic, ...]) -> list[Written]:
    """Render and write each file whose text changed; (name, SHA-256, size, mtime, front matter) of each. Many files
    are shared between processes: dumping 10,000 front matters took a tenth of a cold run on one core."""
    _TO_WRITE[:] = files
    try:
        if len(files) >= _MANY_FILES and can_fork():
            children = [Forked("writing the corpus files", _write_share, share, state, topics) for share in range(_SHARES)]
            return [record for child in children for record in child.result()]
        return [record for share in range(_SHARES) for record in _write_share(share, state, topics)]
    finally:
        _TO_WRITE.clear()


def _write_share(share: int, state: State, topics: tuple[Topic, ...]) -> list[Written]:
    done = []
    for target, front, report in _TO_WRITE[share::_SHARES]:
        written = written_front(front)  # type: ignore[arg-type]
        text = render_file(written, _body(report, state, topics))
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
        stat = os.stat(target)
        done.append((target.name, content_sha256(text), stat.st_size, stat.st_mtime_ns, written))
    return done


def _body(report: CleanedReport, state: State, topics: tuple[Topic, ...]) -> str:
    """The report's corpus-file body: its own, or the one kept in the state (cleaned again if that is gone)."""
    if report.body:
        return report.body
    kept = state.get("page", report.key)
    if isinstance(kept, str):
        return kept
    return process_file(report.path, topics).compact().body


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Delete reports whose source page is gone; leave any other Markdown alone."""
    for path in out_dir.glob("*.md"):
        if path.name in keep:
            continue
        try:
            front = parse_front(path.read_text("utf-8"), str(path))
        except (CorpusFileError, OSError, UnicodeDecodeError):
            continue  # not a corpus file: somebody's note, left alone
        if isinstance(front, dict) and "source" in front:
            os.remove(path)
