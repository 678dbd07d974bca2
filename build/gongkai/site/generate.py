"""Generate every page and data file of the site into docs/ (orchestration only)."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from functools import partial
from dataclasses import dataclass
from pathlib import Path

from . import data_export
from .editors_page import render_editors
from .home_page import render_home
from .listing_pages import render_index, render_reports_index, render_term, render_topic
from .markdown import strip_markup
from .model import Corpus, load_corpus
from .report_page import related, render_report
from .search_index import SearchDoc, index_site
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


_LISTING_PARAGRAPHS = 3


def _is_first_page(rel: str) -> bool:
    return not re.search(r"/\d+\.md$", rel)


def _report_search_doc(report, url: str) -> SearchDoc:
    paragraphs = [(p.anchor or "", strip_markup(p.text).lstrip("# ")) for p in report.paragraphs]
    return SearchDoc(url, report.title, True, paragraphs, report.date, report.front.get("region") or "",
                     report.year or "", report.front.get("doc_type") or "", list(report.front.get("topics") or []))


def _url(rel: str) -> str:
    """Site-relative URL of a Markdown page under use_directory_urls."""
    stem = rel[:-3]
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def _filter_counts(corpus: Corpus) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("region", "year", "topic", "type")}
    for r in corpus.reports:
        counts["region"].update([r.front["region"]] if r.front.get("region") else [])
        counts["year"].update([r.year] if r.year else [])
        counts["type"].update([r.front["doc_type"]] if r.front.get("doc_type") else [])
        counts["topic"].update(r.front.get("topics") or [])
    return counts


def _site_code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generate(corpus_dir: Path, docs_dir: Path, project_root: Path, site_url: str,
             cache_dir: Path | None = None) -> GenerateResult:
    """Write every generated page and data file. With ``cache_dir``, a report page whose inputs
    (its corpus file, its related reports, the site code) are unchanged is not rendered again."""
    corpus: Corpus = load_corpus(corpus_dir, cache_dir / "corpus.pickle" if cache_dir else None)
    writer = DocsWriter(docs_dir)
    keys_file = cache_dir / "render-keys.json" if cache_dir else None
    old_keys = json.loads(keys_file.read_text("utf-8")) if keys_file and keys_file.exists() else {}
    new_keys: dict[str, str] = {}
    version = _site_code_version() + site_url
    for report in corpus.reports:  # written one at a time: the rendered corpus is never held in memory
        rel = f"reports/{report.id}.md"
        others = related(report, corpus)
        key = hashlib.sha1(repr((version, report.signature, [(o.id, o.title, o.date) for o in others])).encode()).hexdigest()
        new_keys[rel] = key
        if old_keys.get(rel) == key and writer.keep(rel):
            writer.keep(f"sources/{Path((report.front.get('source') or {}).get('path', '')).name}")
            continue
        writer.write(rel, render_report(report, corpus, others))
        source = project_root / (report.front.get("source") or {}).get("path", "")
        if source.is_file():
            writer.write(f"sources/{source.name}", source.read_bytes())
    if keys_file:
        keys_file.write_text(json.dumps(new_keys), "utf-8")
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
        if _is_first_page(rel):
            title = content.split("\ntitle: ", 1)[-1].split("\n", 1)[0] if "\ntitle: " in content else rel
            # A listing is found by its name and introduction; its excerpts would only repeat the reports.
            listings.append(SearchDoc(_url(rel), title.strip("'\""), False, _markdown_text(content)[:_LISTING_PARAGRAPHS]))
    writer.write("corpus.jsonl", data_export.corpus_jsonl(corpus, site_url))
    writer.write("catalog.csv", data_export.catalog_csv(corpus, site_url))
    writer.write("topics.csv", data_export.topics_csv(corpus))
    writer.write("feed.xml", data_export.atom_feed(corpus, site_url))
    reports = ((f"reports/{r.id}/", repr(r.signature), partial(_report_search_doc, r, f"reports/{r.id}/"))
               for r in corpus.reports)  # newest first
    index_files = index_site(reports, listings, lambda rel, content: writer.write(f"search/data/{rel}", content),
                             lambda rel: writer.keep(f"search/data/{rel}"),
                             cache_dir / "search-state.pickle" if cache_dir else None, _site_code_version(),
                             _filter_counts(corpus))
    writer.finish()
    return GenerateResult(len(corpus.reports) + len(pages), writer.skipped, index_files)


def clean_generated(docs_dir: Path) -> None:
    """Remove generated output only (used by tests and `make clean`)."""
    for sub in ("reports", "search/data", "sources"):
        shutil.rmtree(docs_dir / sub, ignore_errors=True)
