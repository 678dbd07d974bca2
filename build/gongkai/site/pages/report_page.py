"""The report page: breadcrumb, summary, 目录 on phones, linked body, numbers, topics, 编辑说明, source, related."""
from __future__ import annotations

import re

from ...corpus_file import Paragraph
from ...warning_codes import describe
from ..model import Corpus, SiteReport, slug
from ..related import Related, related
from ..safe_html import a, block, esc, external_a, rich, td, ul
from ..safe_html import table as html_table
from ..safe_markdown import front, md_text
from ..sources import archive_rel
from ..taxonomy import region_term
from .breadcrumb import report_breadcrumb
from .citation import citation_meta, cite_box
from .compare_page import compare_links
from .indicator_pages import card as indicator_card
from .report_toc import phone_toc
from .section_pages import section_links

# The title's id: the theme's skip link points at it. Made from the title it was the title again,
# twice more in every report page (3 bytes a character).
TITLE_ID = "title"
CARD_FIELDS = (("索引号", "index_no"), ("发文字号", "doc_no"), ("发文机关", "issuer"), ("发布机构", "publisher"),
               ("主题分类", "subject"), ("体裁分类", "genre"), ("成文日期", "written_date"),
               ("发布日期", "published_date"), ("落款日期", "signed_date"), ("年度", "report_year"), ("类型", "doc_type"),
               ("机关类型", "issuer_kind"), ("区划代码", "region_code"), ("公开时限", "deadline"),
               ("是否按时", "on_time"))



def _card_value(report: SiteReport, key: str, linked: bool = True) -> str | None:
    value = report.front.get(key)
    if value in (None, "", []):
        return None
    if not linked and key in ("issuer", "doc_type", "report_year"):
        return td(value)
    if key == "issuer":
        return a(value, f"../issuers/{slug(value)}.md")
    if key == "doc_type":
        return a(value, f"../types/{slug(value)}.md")
    if key == "report_year":
        return a(value, f"../years/{slug(value)}.md")
    if key == "on_time":
        return "按时" if value is True else "逾期" if value is False else None
    return td(value)


def _card(report: SiteReport) -> str:
    """A one-line summary (organ, place, date, kind), then every printed field one click away.
    Empty fields are left out: a phone shows the report's first sentence on its first screen."""
    region = region_term(report)
    place = a(region, f"../regions/{slug(region)}.md") if region else None
    summary = [x for x in (_card_value(report, "issuer"), place, _card_value(report, "published_date"),
                           _card_value(report, "doc_type")) if x]
    # The table's values are text: the summary line and the breadcrumb above it already link the
    # organ, the place, the kind and the year.
    rows = [[label, value] for label, value in
            [(label, _card_value(report, key, linked=False)) for label, key in CARD_FIELDS]
            + [("地区", td(region) if region else None)] if value]
    line = block('<p class="gk-summary">' + " · ".join(summary) + "</p>") + "\n" if summary else ""
    return line + block('<details class="gk-card">\n<summary>全部元数据</summary>\n'
                        + html_table(["项目", "内容"], rows) + "\n</details>")


def _chips(report: SiteReport) -> str:
    topics = report.front.get("topics") or []
    if not topics:
        return ""
    chips = " ".join(a(t, f"../topics/{slug(t)}.md") for t in topics)  # styled as chips by .gk-chips a
    return f'## 主题\n\n<div class="gk-chips">\n{chips}\n</div>\n'


def _link_terms(p: Paragraph, linked: set[tuple[str, str]] | None = None) -> str:
    """Link the first mention of each topic and of each cited law, exactly where the corpus stage
    found them (whole words only). ``linked`` holds what the section has linked already, and grows:
    a term links once a section, as a reference work links it, not in every paragraph (a long
    report linked 行政复议 dozens of times, a twelfth of its page)."""
    linked = set() if linked is None else linked
    # Every mention in text order; the first of each term that does not fall inside an earlier link
    # is linked. A topic inside a law's title (重大行政决策 in 《重大行政决策程序暂行条例》) is never
    # linked there, so it is linked at its next mention instead of being lost for the section.
    laws = [(m.offset, m.offset + len(m.term)) for m in p.mentions if m.kind != "topic"]
    spans = sorted((m.offset, m.offset + len(m.term), m.kind, m.name) for m in p.mentions
                   if m.kind != "topic" or not any(s < m.offset + len(m.term) and m.offset < e for s, e in laws))
    text = p.text
    out, pos = [], 0
    for start, end, kind, name in spans:
        if start < pos or (kind, name) in linked:
            continue
        linked.add((kind, name))
        out.append(rich(text[pos:start]))
        out.append(a(text[start:end].replace("**", ""), f"../{'topics' if kind == 'topic' else 'laws'}/{slug(name)}.md"))
        pos = end
    out.append(rich(text[pos:]))
    return "".join(out)


def _body(report: SiteReport, corpus: Corpus) -> str:
    parts = []
    linked: set[tuple[str, str]] = set()  # the terms the current section has linked
    for p in report.paragraphs:
        if p.kind == "h2":
            linked = set()
        parts.append(_paragraph(p, corpus, linked))
    return "\n\n".join(parts) + "\n"


def _table(text: str) -> str:
    """A corpus table (Markdown rows) with every cell made inert."""
    rows = [[c.strip() for c in line.strip().strip("|").split(" | ")] for line in text.split("\n") if line.strip()]
    rows = [r for r in rows if not all(re.fullmatch(r"-{3,}", c) for c in r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return html_table([td(c) if c else "" for c in rows[0]], [[td(c) if c else "" for c in r] for r in rows[1:]] or [[""] * width])


def _paragraph(p: Paragraph, corpus: Corpus, linked: set[tuple[str, str]]) -> str:
    if p.kind == "h2":
        return f"## {md_text(p.text)}"
    if p.kind == "h3":
        return f"### {md_text(p.text)}"
    if p.kind == "table":
        table = _table(p.text)
        return block(f'<div id="{esc(p.anchor)}" class="gk-table">\n{table}\n</div>' if p.anchor else table)
    # The id is a stable address for citing one paragraph; its visible ¶ link is added in the browser
    # (assets/js/pilcrow.js): written here it was 95 bytes a paragraph, a tenth of a real report's page.
    text = _link_terms(p, linked)
    attrs = (f' id="{esc(p.anchor)}"' if p.anchor else "") + (' class="gk-signature"' if p.kind == "signature" else "")
    return block(f"<p{attrs}>{text}</p>")


def _editor_notes(report: SiteReport) -> str:
    warnings = report.front.get("warnings") or []
    if not warnings:
        return ""
    lines, seen = [], set()
    for w in warnings:
        detail = " ".join(str(w.get("detail") or "").split())
        line = esc(describe(w["code"]).explanation + (f"（{detail}）" if detail else ""))
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return block('<div class="admonition note">\n<p class="admonition-title">编辑说明</p>\n'
                 "<p>本页文字经过自动清理。以下是清理程序删除或修复的内容：</p>\n" + ul(lines) + "\n</div>")


def _source(report: SiteReport, has_archive: bool) -> str:
    source = report.front.get("source") or {}
    parts = []
    original = external_a("原文链接", source.get("url"))  # http(s) only: a javascript: address shows nothing
    if original:  # the page as its government publishes it, and when our copy of it was taken
        parts.append(original + (f"（{esc(source['saved'])} 保存）" if source.get("saved") else ""))
    if has_archive:
        # source-view.js shows it below the link; without it the link downloads the file.
        parts.append(a("原始网页存档（纯文本，gzip 压缩）", f"../{archive_rel(report.id)}", cls="gk-source"))
    if not parts:
        return ""
    digest = esc(str(source.get("sha256") or "")[:12])
    return "## 来源\n\n" + block("<p>" + " · ".join(parts) + (f"（SHA-256 {digest}…）" if digest else "") + "</p>")


def _report_item(report: SiteReport, first: str | None, note: str = "") -> str:
    """One line of a related list: the title, then what sets it apart in this list (its year or its place) and its date."""
    facts = "，".join(esc(x) for x in (first, report.date or "日期不详") if x)
    return f"{a(report.title, f'{report.id}.md')}（{facts}）{note}"


def _related(report: SiteReport, found: Related, corpus: Corpus) -> str:
    """相关报告 as three labelled lists, with the compare page's default pairs above them."""
    blocks = []
    if found.other_years:
        blocks.append("### 本地区其他年度\n\n" + ul([_report_item(r, f"{r.year}年度") for r in found.other_years]))
    if found.same_year:
        blocks.append(f"### 同年度其他地区（{md_text(report.year)}年度）\n\n"
                      + "\n".join(_report_item(r, region_term(r)) for r in found.same_year))
    if found.similar:
        blocks.append("### 内容相近\n\n" + ul([
            _report_item(r, region_term(r), f"：共同关键词 {esc('、'.join(words))}") for r, words in found.similar]))
    compare = compare_links(report, found, corpus)
    if compare:
        blocks.insert(0, compare.rstrip("\n"))
    if not blocks:
        return ""
    return "## 相关报告\n\n" + "\n\n".join(blocks) + "\n"


def render_report(report: SiteReport, corpus: Corpus, others: Related | None = None, has_archive: bool = True,
                  site_url: str = "") -> str:
    url = f"{site_url.rstrip('/')}/reports/{report.id}/"
    # The text comes right after the one-line summary: on a phone its first sentence is on the first
    # screen. Topics and numbers follow it; a long report's 目录 sits above it on small screens only.
    parts = [front(report.title, **citation_meta(report, url)) + report_breadcrumb(report), f"# {md_text(report.title)} {{#{TITLE_ID}}}\n",
             _card(report), phone_toc(report), _body(report, corpus), indicator_card(report), _chips(report),
             section_links(report), cite_box(report, url),
             _editor_notes(report), _source(report, has_archive)]
    parts.append(_related(report, related(report, corpus) if others is None else others, corpus))
    return "\n".join(p for p in parts if p)
