"""`gongkai corpus`: raw pages → one Markdown file per report.

Per page: read → clean → annotate. Across the corpus: keywords (TF-IDF needs
document frequencies), stable ids, duplicate 索引号 flags. Output is written in
sorted order so that two runs give byte-identical files whatever the input order.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .annotate import Topic, laws_in, load_topics, term_counts, topic_mentions
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


@dataclass
class CorpusResult:
    written: list[Path] = field(default_factory=list)
    failures: list[SourceError] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)


def annotate_doc(path: Path, sha256: str, doc: CleanDoc, topics: tuple[Topic, ...]) -> Report:
    topic_counts: Counter[str] = Counter()
    laws: list[str] = []
    topics_by_block: dict[int, list[str]] = {}
    texts = []
    for i, block in enumerate(doc.blocks, start=1):
        if block.kind == "table":
            texts.append(block.text)
            continue
        mentioned = list(dict.fromkeys(t for t, _ in topic_mentions(block.text, topics)))
        block_laws = laws_in(block.text)
        topic_counts.update(mentioned)
        laws.extend(block_laws)
        if (mentioned or block_laws) and block.kind in ("p", "signature"):
            topics_by_block[i] = mentioned
        texts.append(block.text)
    ranked = sorted(topic_counts, key=lambda t: (-topic_counts[t], t))
    return Report(path, sha256, doc, ranked, sorted(set(laws)), term_counts("\n".join(texts)), topics_by_block)


def process_file(path: Path, topics: tuple[Topic, ...]) -> Report:
    raw = read_page(path)
    return annotate_doc(path, raw.sha256, clean_page(raw), topics)


def _assign_ids(reports: list[Report]) -> None:
    """id from the 索引号 when there is one, else the file name; a clash gets a suffix and a warning."""
    seen: dict[str, Report] = {}
    by_index: dict[str, Report] = {}
    for report in sorted(reports, key=lambda r: str(r.path)):
        index_no = report.doc.fields.get("index_no")
        base = index_no_slug(index_no) if index_no else report.path.stem
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
                 progress: Callable[[Path], None] | None = None) -> CorpusResult:
    root = root or Path.cwd()
    topics = tuple(load_topics(topics_path))
    result = CorpusResult()
    reports: list[Report] = []
    for path in sorted(sources):
        if progress:
            progress(path)
        try:
            reports.append(process_file(path, topics))
        except SourceError as exc:
            result.failures.append(exc)
    _assign_ids(reports)
    df: Counter[str] = Counter()
    for report in reports:
        df.update(report.counts.keys())
    from .annotate import keywords

    out_dir.mkdir(parents=True, exist_ok=True)
    urls = {folder: load_urls(folder) for folder in {r.path.parent for r in reports}}
    written_names = set()
    for report in sorted(reports, key=lambda r: r.id):
        report.keywords = keywords(report.counts, df, len(reports))
        text = render(_front_matter(report, root, urls.get(report.path.parent, {})), render_body(report.doc.blocks, report.topics_by_block))
        target = out_dir / f"{report.id}.md"
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
        written_names.add(target.name)
        result.written.append(target)
        result.warnings.update(w.code for w in report.doc.warnings)
    _remove_stale(out_dir, written_names)
    return result


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
