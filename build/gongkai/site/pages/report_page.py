"""The report page: title, metadata card, topic chips, linked body, 编辑说明, source, related."""
from __future__ import annotations

import re

from ...corpus_file import Paragraph
from ..safe_markdown import cell, external_link, front, link, md_rich, md_text, table
from .citation import citation_meta, cite_box
from .compare_page import compare_links
from .indicator_pages import card as indicator_card
from .section_pages import section_links
from ..sources import archive_rel
from ..model import Corpus, SiteReport, slug
from ..related import Related, related
from ..taxonomy import region_term

CARD_FIELDS = (("索引号", "index_no"), ("发文字号", "doc_no"), ("发文机关", "issuer"), ("发布机构", "publisher"),
               ("主题分类", "subject"), ("体裁分类", "genre"), ("成文日期", "written_date"),
               ("发布日期", "published_date"), ("落款日期", "signed_date"), ("年度", "report_year"), ("类型", "doc_type"),
               ("机关类型", "issuer_kind"), ("区划代码", "region_code"), ("公开时限", "deadline"),
               ("是否按时", "on_time"))

_EDITOR_NOTES = {
    "spam_removed": "删除了疑似被篡改插入的文字「{detail}」，原处以〔此处原文疑被篡改〕标出。",
    "date_repaired": "日期缺少分隔符，按唯一合理的读法修复：{detail}。",
    "date_unparseable": "日期缺字无法确定，按原样保留：{detail}。",
    "date_missing": "原网页未标注发布日期。",
    "title_missing": "原网页没有可识别的标题。",
    "issuer_missing": "未能确定发文机关。",
    "duplicate_index_no": "索引号与另一份报告重复：{detail}。",
}
_LAW = re.compile(r"《([^《》\n]{2,60})》")


def _card_value(report: SiteReport, key: str) -> str | None:
    value = report.front.get(key)
    if value in (None, "", []):
        return None
    if key == "issuer":
        return link(str(value), f"../issuers/{slug(value)}.md")
    if key == "doc_type":
        return link(str(value), f"../types/{slug(value)}.md")
    if key == "report_year":
        return link(str(value), f"../years/{slug(value)}.md")
    if key == "on_time":
        return "按时" if value is True else "逾期" if value is False else None
    return cell(value)


def _card(report: SiteReport) -> str:
    """A one-line summary (organ, place, date, kind), then every printed field one click away.
    Empty fields are left out: a phone shows the report's first sentence on its first screen."""
    region = region_term(report)
    place = link(region, f"../regions/{slug(region)}.md") if region else None
    summary = [x for x in (_card_value(report, "issuer"), place, _card_value(report, "published_date"),
                           _card_value(report, "doc_type")) if x]
    rows = [f"| {label} | {value} |" for label, value in
            [(label, _card_value(report, key)) for label, key in CARD_FIELDS] + [("地区", place)] if value]
    line = '<p class="gk-summary" markdown>' + " · ".join(summary) + "</p>\n\n" if summary else ""
    table = "| 项目 | 内容 |\n| --- | --- |\n" + "\n".join(rows)
    return line + '<details class="gk-card" markdown>\n<summary>全部元数据</summary>\n\n' + table + "\n\n</details>\n"


def _chips(report: SiteReport) -> str:
    topics = report.front.get("topics") or []
    if not topics:
        return ""
    chips = " ".join(link(t, f"../topics/{slug(t)}.md") + "{ .gk-chip }" for t in topics)
    return f'<div class="gk-chips" markdown>\n主题：{chips}\n</div>\n'


def _link_terms(text: str, topics: list[str], corpus: Corpus) -> str:
    """Link the first mention of each topic in the paragraph, and every cited law."""
    laws = {}
    for m in _LAW.finditer(text):
        from ...corpus.annotate import normalise_law

        name = normalise_law(m.group(1))
        if name:
            laws[m.group(0)] = name
    spans: list[tuple[int, int, str]] = []
    for name in topics:
        topic = corpus.topic(name)
        terms = sorted(topic.terms if topic else (name,), key=len, reverse=True)
        hits = [(text.find(t), t) for t in terms if t in text]
        if hits:
            start, term = min(hits, key=lambda h: (h[0], -len(h[1])))
            spans.append((start, start + len(term), f"../topics/{slug(name)}.md"))
    for quoted, name in laws.items():
        start = text.find(quoted)
        spans.append((start, start + len(quoted), f"../laws/{slug(name)}.md"))
    out, pos = [], 0
    for start, end, target in sorted(spans):
        if start < pos:
            continue  # overlapping mention: keep the earlier link
        out.append(md_rich(text[pos:start]))
        out.append(link(text[start:end].replace("**", ""), target))
        pos = end
    out.append(md_rich(text[pos:]))
    return "".join(out)


def _body(report: SiteReport, corpus: Corpus) -> str:
    parts = []
    for p in report.paragraphs:
        parts.append(_paragraph(p, corpus))
    return "\n\n".join(parts) + "\n"


def _table(text: str) -> str:
    """A corpus table (Markdown rows) with every cell made inert."""
    rows = [[c.strip() for c in line.strip().strip("|").split(" | ")] for line in text.split("\n") if line.strip()]
    rows = [r for r in rows if not all(re.fullmatch(r"-{3,}", c) for c in r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return table([cell(c) if c else " " for c in rows[0]], [[cell(c) if c else " " for c in r] for r in rows[1:]] or [[" "] * width])


def _paragraph(p: Paragraph, corpus: Corpus) -> str:
    if p.kind == "h2":
        return f"## {md_text(p.text)}"
    if p.kind == "h3":
        return f"### {md_text(p.text)}"
    if p.kind == "table":
        table = _table(p.text)
        return f'<div id="{p.anchor}" class="gk-table" markdown>\n\n{table}\n</div>' if p.anchor else table
    text = _link_terms(p.text, p.topics, corpus)
    if p.anchor and p.kind == "p":  # a visible, stable address for citing one paragraph
        text += f' [¶](#{p.anchor}){{ .gk-pilcrow title="本段链接" aria-label="本段链接" }}'
    attrs = ([f"#{p.anchor}"] if p.anchor else []) + ([".gk-signature"] if p.kind == "signature" else [])
    return text + ("\n{: " + " ".join(attrs) + " }" if attrs else "")


def _editor_notes(report: SiteReport) -> str:
    warnings = report.front.get("warnings") or []
    if not warnings:
        return ""
    lines, seen = [], set()
    for w in warnings:
        template = _EDITOR_NOTES.get(w["code"], "{code}：{detail}")
        line = template.format(code=md_text(w["code"]), detail=md_text(" ".join(str(w.get("detail", "")).split())))
        if line not in seen:
            seen.add(line)
            lines.append(f"    - {line}")
    return '!!! note "编辑说明"\n\n    本页文字经过自动清理。以下是清理程序删除或修复的内容：\n\n' + "\n".join(lines) + "\n"


def _source(report: SiteReport, has_archive: bool) -> str:
    source = report.front.get("source") or {}
    parts = []
    original = external_link("原文链接", source.get("url"))  # http(s) only: a javascript: address shows nothing
    if original:  # the page as its government publishes it, and when our copy of it was taken
        parts.append(original + (f"（{md_text(source['saved'])} 保存）" if source.get("saved") else ""))
    if has_archive:
        parts.append(link("原始网页存档（纯文本）", f"../{archive_rel(report.id)}"))
    if not parts:
        return ""
    digest = md_text(str(source.get("sha256") or "")[:12])
    return "## 来源\n\n" + " · ".join(parts) + (f"（SHA-256 {digest}…）" if digest else "") + "\n"


def _report_item(report: SiteReport, first: str | None, note: str = "") -> str:
    """One line of a related list: the title, then what sets it apart in this list (its year or its place) and its date."""
    facts = "，".join(md_text(x) for x in (first, report.date or "日期不详") if x)
    return f"- {link(report.title, f'{report.id}.md')}（{facts}）{note}"


def _related(report: SiteReport, found: Related, corpus: Corpus) -> str:
    """相关报告 as three labelled lists, with the compare page's default pairs above them."""
    blocks = []
    if found.other_years:
        blocks.append("### 本地区其他年度\n\n" + "\n".join(_report_item(r, f"{r.year}年度") for r in found.other_years))
    if found.same_year:
        blocks.append(f"### 同年度其他地区（{md_text(report.year)}年度）\n\n"
                      + "\n".join(_report_item(r, region_term(r)) for r in found.same_year))
    if found.similar:
        blocks.append("### 内容相近\n\n" + "\n".join(
            _report_item(r, region_term(r), f"：共同关键词 {md_text('、'.join(words))}") for r, words in found.similar))
    compare = compare_links(report, found, corpus)
    if compare:
        blocks.insert(0, compare.rstrip("\n"))
    if not blocks:
        return ""
    return "## 相关报告\n\n" + "\n\n".join(blocks) + "\n"


def render_report(report: SiteReport, corpus: Corpus, others: Related | None = None, has_archive: bool = True,
                  site_url: str = "") -> str:
    url = f"{site_url.rstrip('/')}/reports/{report.id}/"
    parts = [front(report.title, **citation_meta(report, url)), f"# {md_text(report.title)}\n", _card(report), _chips(report),
             indicator_card(report), _body(report, corpus), section_links(report), cite_box(report, url),
             _editor_notes(report), _source(report, has_archive)]
    parts.append(_related(report, related(report, corpus) if others is None else others, corpus))
    return "\n".join(p for p in parts if p)
