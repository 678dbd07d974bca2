"""Citing a report: an 引用本文 box (GB/T 7714-2015, and BibTeX made in the browser, each copied with one click)
and the citation_* / Dublin Core / og: meta tags that reference managers read."""
from __future__ import annotations

import html

from ..model import SiteReport

OPENING_CHARS = 120  # of the report's first paragraph, as its description


def _opening(report: SiteReport) -> str:
    first = next((p.text for p in report.paragraphs if p.kind == "p"), "")
    text = " ".join(first.replace("**", "").split())
    return text if len(text) <= OPENING_CHARS else text[:OPENING_CHARS] + "……"


def citation_meta(report: SiteReport, url: str) -> dict[str, str]:
    """Front-matter values that overrides/main.html prints as <meta> tags (front() escapes them)."""
    front = report.front
    meta = {"description": _opening(report) or report.title, "citation_title": report.title, "citation_public_url": url}
    if front.get("issuer"):
        meta["citation_author"] = str(front["issuer"])
    if report.date:
        meta["citation_date"] = report.date.replace("-", "/")
    return meta


def gbt7714(report: SiteReport, url: str) -> str:
    """GB/T 7714-2015, electronic resource: 责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径."""
    issuer = report.front.get("issuer") or "佚名"
    date = f"({report.date})" if report.date else ""
    return f"{issuer}. {report.title}[EB/OL]. {date}[引用日期]. {url}."


def cite_box(report: SiteReport, url: str) -> str:
    """Raw HTML (escaped here): GB/T 7714 with a copy button. assets/js/cite.js adds BibTeX from the
    citation_* meta tags, and the report's id (``data-bib``) as its key."""
    return (f'<section class="gk-cite" aria-labelledby="cite-title" data-bib="{html.escape(report.id)}">\n'
            '<h2 id="cite-title">引用本文</h2>\n'
            '<p><strong>GB/T 7714-2015</strong> <button type="button" class="gk-copy" data-copy="cite-gbt">复制</button></p>'
            f'<pre id="cite-gbt">{html.escape(gbt7714(report, url))}</pre>\n</section>\n')
