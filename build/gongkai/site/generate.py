"""Generate every page and data file of the site into docs/ (orchestration only)."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import data_export
from .editors_page import render_editors
from .home_page import render_home
from .listing_pages import render_index, render_reports_index, render_term, render_topic
from .markdown import strip_markup
from .model import Corpus, load_corpus
from .report_page import render_report
from .search_index import SearchDoc, build_index
from .taxonomy import TAXONOMIES, terms
from .writer import DocsWriter

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
        if text:
            out.append(("", " ".join(text.split())))
    return out


def _report_search_doc(report, url: str) -> SearchDoc:
    paragraphs = [(p.anchor or "", strip_markup(p.text).lstrip("# ")) for p in report.paragraphs]
    return SearchDoc(url, report.title, True, paragraphs, report.date, report.front.get("region") or "",
                     report.year or "", report.front.get("doc_type") or "", list(report.front.get("topics") or []))


def _url(rel: str) -> str:
    """Site-relative URL of a Markdown page under use_directory_urls."""
    stem = rel[:-3]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def generate(corpus_dir: Path, docs_dir: Path, project_root: Path, site_url: str) -> GenerateResult:
    corpus: Corpus = load_corpus(corpus_dir)
    writer = DocsWriter(docs_dir)
    for report in corpus.reports:  # written one at a time: the rendered corpus is never held in memory
        writer.write(f"reports/{report.id}.md", render_report(report, corpus))
        source = project_root / (report.front.get("source") or {}).get("path", "")
        if source.is_file():
            writer.write(f"sources/{source.name}", source.read_bytes())
    pages: dict[str, str] = {"index.md": render_home(corpus, site_url), "editors.md": render_editors(corpus),
                             **render_reports_index(corpus)}
    for taxonomy in TAXONOMIES:
        pages[f"{taxonomy.key}/index.md"] = render_index(corpus, taxonomy)
        for term, reports in terms(corpus, taxonomy):
            pages.update(render_topic(corpus, term, reports) if taxonomy.key == "topics"
                         else render_term(taxonomy, term, reports))
    listings: list[SearchDoc] = []
    for rel, content in pages.items():
        writer.write(rel, content)
        title = content.split("\ntitle: ", 1)[-1].split("\n", 1)[0] if "\ntitle: " in content else rel
        listings.append(SearchDoc(_url(rel), title.strip("'\""), False, _markdown_text(content)))
    writer.write("corpus.jsonl", data_export.corpus_jsonl(corpus, site_url))
    writer.write("catalog.csv", data_export.catalog_csv(corpus, site_url))
    writer.write("topics.csv", data_export.topics_csv(corpus))
    writer.write("feed.xml", data_export.atom_feed(corpus, site_url))
    reports = (_report_search_doc(r, f"reports/{r.id}/") for r in corpus.reports)  # newest first
    index_files = build_index(reports, listings, lambda rel, content: writer.write(f"search/data/{rel}", content))
    writer.finish()
    return GenerateResult(len(corpus.reports) + len(pages), writer.skipped, index_files)


def clean_generated(docs_dir: Path) -> None:
    """Remove generated output only (used by tests and `make clean`)."""
    for sub in ("reports", "search/data", "sources"):
        shutil.rmtree(docs_dir / sub, ignore_errors=True)
