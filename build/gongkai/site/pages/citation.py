"""Citing a report: an 引用本文 box (GB/T 7714-2015 and BibTeX, each copied with one click)
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


def bibtex(report: SiteReport, url: str) -> str:
    def braces(text: object) -> str:
        return str(text).replace("{", "(").replace("}", ")").replace("\\", "/")

    fields = [("title", braces(report.title)), ("author", "{" + braces(report.front.get("issuer") or "佚名") + "}"),
              ("year", report.date[:4]), ("date", report.date), ("howpublished", "\\url{" + url + "}"), ("url", url)]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@misc{{gongkai-{report.id},\n{body}\n}}"


def cite_box(report: SiteReport, url: str) -> str:
    """Raw HTML (escaped here): the two forms, each with a copy button (assets/js/cite.js)."""
    parts = ['<section class="gk-cite" aria-labelledby="cite-title">', '<h2 id="cite-title">引用本文</h2>']
    for key, label, text in (("gbt", "GB/T 7714-2015", gbt7714(report, url)), ("bib", "BibTeX", bibtex(report, url))):
        parts.append(f'<p><strong>{label}</strong> <button type="button" class="gk-copy" data-copy="cite-{key}">复制</button></p>'
                     f'<pre id="cite-{key}">{html.escape(text)}</pre>')
    parts.append("</section>")
    return "\n".join(parts) + "\n"
