"""Section pages: for one mandated part and one year, what every government wrote under it,
side by side (each quoted from the part's opening, linked to the report's paragraph)."""
from __future__ import annotations

from ...corpus.sections import sections
from ..model import Corpus, SiteReport
from ..safe_html import a, block, entry, esc, ul
from ..safe_markdown import front, link, md_text, table
from ..taxonomy import region_term
from .breadcrumb import breadcrumb
from .paging import Skip, never, paged, pager

REPORTS_PER_PAGE = 50


def section_years(corpus: Corpus) -> dict[tuple[str, str], list[SiteReport]]:
    """(part slug, year) → reports that have that part, newest first."""
    out: dict[tuple[str, str], list[SiteReport]] = {}
    for report in corpus.reports:  # one pass over the reports, not one a part
        year, present = report.year, report.digest.sections
        if year:
            for section in sections():
                if section.name in present:
                    out.setdefault((section.slug, year), []).append(report)
    return out


def section_links(report: SiteReport) -> str:
    """The report's parts, each linked to the page that sets it beside the other reports of its year."""
    parts = [s for s in sections() if s.name in report.digest.sections]
    if not parts or not report.year:
        return ""
    items = [f"{a(s.name, f'#{report.digest.sections[s.name][0]}')}（{a('与同年其他报告对照', f'../sections/{s.slug}/{report.year}.md')}）"
             for s in parts]
    return "## 报告各部分\n\n" + block(ul(items))


def render_sections(corpus: Corpus, skip: Skip = never) -> dict[str, str]:
    grouped = section_years(corpus)
    pages: dict[str, str] = {}
    years = sorted({year for _, year in grouped}, reverse=True)
    rows = []
    for section in sections():
        counts = [link(str(len(grouped[(section.slug, y)])), f"{section.slug}/{y}.md") if (section.slug, y) in grouped else "—"
                  for y in years]
        rows.append([md_text(section.name), *counts])
        for year in years:
            reports = grouped.get((section.slug, year))
            if reports:
                pages.update(_section_year(section.name, section.slug, year, reports, skip))
    pages["sections/index.md"] = (front("报告各部分") + "# 报告各部分\n\n法治政府建设年度报告按规定包括五个部分。"
                                  "选择一个部分和年度，可以并排阅读各地在这一部分写了什么。表中数字为报告数。\n\n"
                                  + table(["部分", *years], rows))
    return pages


def _section_year(name: str, slug_: str, year: str, reports: list[SiteReport], skip: Skip) -> dict[str, str]:
    base = f"sections/{slug_}/{year}.md"

    def page(number: int, count: int, chunk: list[SiteReport], up: str) -> str:
        crumbs = [(name, None), (f"{year}年度", None if number == 1 else f"../{year}.md")]
        parts = [front(f"{name}（{year}年度）" + (f"（第 {number} 页）" if number > 1 else ""))
                 + breadcrumb("sections", crumbs + ([(f"第 {number} 页", None)] if number > 1 else []), up=f"{up}../../"),
                 f"# {md_text(name)}：{year}年度\n",
                 f"{len(reports)} 份报告写了这一部分，按地区排列；每段摘自该部分开头，点标题看该报告的这一部分。"
                 + link("其他部分和年度", f"{up}../index.md") + "\n"]
        for report in chunk:
            anchor, text = report.digest.sections[name]
            target = f"{up}../../reports/{report.id}.md" + (f"#{anchor}" if anchor else "")
            opening = "<br>\n".join(esc(line) for line in text.split("\n"))
            parts.append(entry(report.title, target, f"{region_term(report) or ''} · {report.date or '日期不详'}",
                               f"<blockquote><p>{opening}</p></blockquote>"))
        parts.append(pager(base, number, count))
        return "\n".join(p for p in parts if p)

    ordered = sorted(reports, key=lambda r: (str(region_term(r) or ""), r.id))
    return paged(base, ordered, REPORTS_PER_PAGE, skip, page, shown=(len(reports),))
