"""Generate every page and data file of the site into docs/ (orchestration only)."""
from __future__ import annotations

import gc
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..forking import Forked
from ..state import SITE, Scope, State
from .export import data_files
from .export.downloads import DOWNLOADS, FEED, SQLITE
from .export.sqlite_file import corpus_sqlite_gz
from .model import Corpus, read_corpus
from .pages.about_page import render_about
from .pages.compare_page import compare_json, data_rel, region_files, render_compare_index
from .pages.coverage_page import render_coverage
from .pages.editors_page import render_editors
from .pages.home_page import render_home
from .pages.indicator_pages import render_indicators
from .pages.listing_pages import child_regions, render_index, render_reports_index, render_term, render_topic
from .pages.report_page import render_report
from .pages.section_pages import render_sections
from .related import related
from .scripts import BUNDLE, bundle
from .search.index import Listing, SearchDoc
from .search.job import IndexJob
from .sources import archive_bytes, archive_rel
from .taxonomy import TAXONOMIES, terms
from .writer import DocsWriter
from .writer import clean_generated as remove_generated

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class GenerateResult:
    pages: int
    skipped: list[str]
    search_files: int


def _markdown_text(markdown: str) -> list[tuple[str, str]]:
    """Readable paragraphs of a generated listing page, for the search index."""
    body = markdown.split("\n---\n", 1)[-1]
    out = []
    for block in body.split("\n\n"):
        text = _TAGS.sub("", _LINK.sub(r"\1", block))
        text = re.sub(r"^\s*(#+|[-*]|\|)\s*|\s*\|\s*|---", " ", text, flags=re.M).strip()
        text = html.unescape(text.replace("**", ""))  # the page's text was written as character references
        if text:
            out.append(("", " ".join(text.split())))
    return out


_LISTING_PARAGRAPHS = 3
# The downloads made of every report's lines, kept line by line between builds (data_files.LineCache).
_LINE_DOWNLOADS = [(d, d.make) for d in DOWNLOADS if d.make is not None]


def _is_first_page(rel: str) -> bool:
    return not re.fullmatch(r"[^/]+/[^/]+/\d+\.md", rel)  # later pages are <taxonomy>/<term>/<n>.md


def _listing_doc(rel: str, content: str) -> SearchDoc:
    """A listing is found by its name and introduction; its excerpts would only repeat the reports."""
    intro = [p for p in _markdown_text(content)[:_LISTING_PARAGRAPHS] if not re.search(r"\d", p[1])]
    return SearchDoc(_url(rel), _page_title(content, rel), False, intro)


def _read_listing_doc(docs_dir: Path, rel: str) -> SearchDoc:
    return _listing_doc(rel, (docs_dir / rel).read_text("utf-8"))


def _url(rel: str) -> str:
    """Site-relative URL of a Markdown page under use_directory_urls."""
    stem = rel[:-3]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def generate(corpus_dir: Path, docs_dir: Path, project_root: Path, site_url: str,
             cache_dir: Path | None = None) -> GenerateResult:
    """Write every generated page and data file. With ``cache_dir`` (the state, state.py), a page whose
    inputs (its corpus file, its related reports, the site code) are unchanged is not rendered again.

    The search index is built in a forked child (search/job.py) while this process renders
    the pages: the two are independent and together take most of the time. The child writes
    its own state; this process writes the rest only after it has finished."""
    state = State(cache_dir)
    try:
        corpus, remembered = read_corpus(corpus_dir, state)
        gc.freeze()  # the corpus lives for the run: the collector's full passes need not walk it (state.paused_gc)
        writer = DocsWriter(docs_dir, state)
        keys = RenderKeys(state, site_url, writer)
        index = IndexJob(corpus, writer, Scope(state, "search_index", docs_dir) if cache_dir else None)
        # In a process of its own: as a thread, its reading of every report's body held the GIL
        # against this process's pages, and each of their writes waited for it.
        database = Forked("building corpus.sqlite.gz", corpus_sqlite_gz, corpus, site_url, docs_dir, cache_dir)
        listings: list[Listing] = []
        listing_pages = 0
        for rel, content in _listing_pages(corpus, site_url, keys):  # written as made: never all in memory
            writer.write(rel, content)
            listing_pages += 1
            if _is_first_page(rel):
                listings.append(_listing_doc(rel, content))
        for rel in keys.kept:
            if _is_first_page(rel):  # unchanged: its search entry is too (read back only if the index lost it)
                listings.append((_url(rel), None, partial(_read_listing_doc, docs_dir, rel)))
        index.send_listings(listings)
        _write_reports(corpus, writer, project_root, keys, site_url)
        for rel, data in region_files(corpus).items():
            writer.write(rel, data)
        scripts = bundle(docs_dir)
        if scripts is not None:
            writer.write(BUNDLE, scripts)
        lines = {d.name: d.cache(state, docs_dir / d.name) for d, _ in _LINE_DOWNLOADS}
        for d, make in _LINE_DOWNLOADS:
            writer.write(d.name, make(corpus, site_url, lines[d.name]))
        writer.write(SQLITE.name, database.result())
        feed = data_files.feed_entries(corpus)  # its summaries read report bodies: kept while its reports are
        if not keys.unchanged(FEED.name, [r.stamp for r in feed]):
            writer.write(FEED.name, data_files.atom_feed(corpus, site_url, feed))
        index_files = index.wait()
        writer.finish()
        remembered.save()
        keys.save()
        for cache in lines.values():
            cache.save()
        # The related-reports index in the memo points back at the corpus: without this cycle the
        # corpus is freed on return, before the engine forks (gc.freeze above keeps the collector
        # from ever freeing a frozen cycle), and the collector sees what is made from here on.
        corpus.memo.clear()
        gc.unfreeze()
    finally:
        state.close()
    return GenerateResult(len(corpus.reports) + listing_pages, writer.skipped, index_files)


class RenderKeys:
    """Remembers what each generated page was rendered from, so an unchanged page is kept, not rendered."""

    SPACE = "rendered_from"

    def __init__(self, state: State, site_url: str, writer: DocsWriter) -> None:
        self.scope = Scope(state, self.SPACE, writer.docs)
        self.site_url, self.writer = site_url, writer
        self.old: dict[str, str] = self.scope.items()
        self.new: dict[str, str] = {}
        self.kept: list[str] = []

    def unchanged(self, rel: str, *inputs: object) -> bool:
        key = SITE.key(self.site_url, inputs)
        self.new[rel] = key
        if self.old.get(rel) == key and self.writer.keep(rel):
            self.kept.append(rel)
            return True
        return False

    def save(self) -> None:
        self.scope.save(self.old, self.new)


def _listing_pages(corpus: Corpus, site_url: str, keys: RenderKeys | None = None) -> Iterator[tuple[str, str]]:
    """(page file, Markdown) of every page that is not a report's, as each is made."""
    skip = keys.unchanged if keys else (lambda *args: False)
    yield "index.md", render_home(corpus, site_url)
    yield "editors.md", render_editors(corpus)
    yield "about.md", render_about(corpus)
    yield from render_reports_index(corpus, skip).items()
    yield from render_indicators(corpus, skip).items()
    yield from render_sections(corpus, skip).items()
    yield from render_coverage(corpus).items()
    yield "compare/index.md", render_compare_index(corpus)
    for taxonomy in TAXONOMIES:
        yield f"{taxonomy.key}/index.md", render_index(corpus, taxonomy)
        below = child_regions(corpus, taxonomy) if taxonomy.key == "regions" else {}
        for term, reports in terms(corpus, taxonomy):
            yield from (render_topic(corpus, term, reports, skip) if taxonomy.key == "topics"
                        else render_term(taxonomy, term, reports, skip, below.get(term, []))).items()


def _page_title(content: str, fallback: str) -> str:
    m = re.search(r"^title: (.*)$", content, flags=re.M)
    if not m:
        return fallback
    value = m.group(1)
    return html.unescape(json.loads(value) if value.startswith('"') else value)


def _write_reports(corpus: Corpus, writer: DocsWriter, project_root: Path, keys: RenderKeys, site_url: str) -> None:
    for report in corpus.reports:  # written one at a time: the rendered corpus is never held in memory
        rel = f"reports/{report.id}.md"
        others = related(report, corpus)
        archive, compare = archive_rel(report.id), data_rel(report.id)
        if keys.unchanged(rel, report.signature, others.key()) and writer.keep(archive) and writer.keep(compare):
            continue
        data = archive_bytes(project_root, (report.front.get("source") or {}).get("path"))
        writer.write(rel, render_report(report, corpus, others, has_archive=data is not None, site_url=site_url))
        writer.write(compare, compare_json(report, corpus))  # made from the body this page has just read
        if data is not None:
            writer.write(archive, data)


def clean_generated(docs_dir: Path, cache_dir: Path | None) -> int:
    """Remove every generated file from docs/ (``make clean``)."""
    state = State(cache_dir)
    try:
        return remove_generated(docs_dir, state)
    finally:
        state.close()
