"""Indicator pages: one per indicator (chart and table, every value linked to its sentence),
an index, and the indicator card of a report page."""
from __future__ import annotations

from ...corpus.indicators import definitions
from ..model import Corpus, SiteReport, slug
from ..safe_html import a, block, td
from ..safe_html import table as html_table
from ..safe_markdown import front, link, md_text, table
from ..taxonomy import region_term
from .breadcrumb import breadcrumb
from .paging import Skip, never
from .svg_chart import MAX_DOTS, chart

# The table shows the newest values; the chart shows them all and indicators.csv holds them all. Sorted
# by region and cut at 500, it hid every region after the 500th row, and each publish re-rendered
# every indicator page's 3,500 tags (a third of the engine's work in a publish at 2,000 reports).
ROWS_SHOWN = 100


def values_of(report: SiteReport) -> list[dict]:
    return [i for i in report.front.get("indicators") or [] if isinstance(i, dict) and "name" in i]


def _value_text(item: dict) -> str:
    value = item.get("value")
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def card(report: SiteReport) -> str:
    """The report's numbers, each linked to the paragraph it was read from."""
    items = values_of(report)
    if not items:
        return ""
    rows = [[a(i["name"], f"../indicators/{slug(i['name'])}.md"), td(_value_text(i) + str(i.get("unit", ""))),
             a("原文", f"#{i['anchor']}") if i.get("anchor") else "—"] for i in items]
    return ("## 主要数字\n\n本报告中读出的数字，每个都链接到它所在的段落。\n\n"
            + block(html_table(["指标", "数值", "出处"], rows)))


def by_indicator(corpus: Corpus) -> dict[str, list[tuple[SiteReport, dict]]]:
    out: dict[str, list[tuple[SiteReport, dict]]] = {}
    for report in corpus.reports:
        for item in values_of(report):
            out.setdefault(item["name"], []).append((report, item))
    return out


def render_indicators(corpus: Corpus, skip: Skip = never) -> dict[str, str]:
    """Page file → Markdown for the index and every indicator that has values (unless ``skip`` says
    the caller still has that page from the same reports)."""
    found = by_indicator(corpus)
    pages = {}
    rows = []
    for name, (unit, means) in definitions().items():
        values = found.get(name, [])
        rows.append([link(name, f"{slug(name)}.md") if values else md_text(name), md_text(unit), md_text(means),
                     str(len(values))])
        rel = f"indicators/{slug(name)}.md"
        if values and not skip(rel, [r.stamp for r, _ in values], unit, means):
            pages[rel] = _indicator_page(name, unit, means, values)
    pages["indicators/index.md"] = (front("指标") + "# 指标\n\n从报告正文和统计表中读出的数字。只收报告所述年度实际完成的数字，"
                                    "不收目标、上年数字、累计数和同比变化。\n\n" + table(["指标", "单位", "含义", "报告数"], rows))
    return pages


def _indicator_page(name: str, unit: str, means: str, values: list[tuple[SiteReport, dict]]) -> str:
    points = [(int(r.year), float(i["value"]), f"{region_term(r) or r.title}（{r.year}）")
              for r, i in values if r.year and str(r.year).isdigit() and isinstance(i.get("value"), (int, float))]
    newest = values[:ROWS_SHOWN]  # the corpus is newest first
    rows = [[a(region_term(r) or "—", f"../regions/{slug(region_term(r))}.md") if region_term(r) else "—",
             td(r.year), td(_value_text(i) + unit), a(r.title, f"../reports/{r.id}.md"
                                                       + (f"#{i['anchor']}" if i.get("anchor") else ""))]
            for r, i in newest]
    shown = (f"最新发布的 {len(newest)} 条，共 {len(values)} 条；全部数值见下载的 {link('indicators.csv', '../indicators.csv')}。"
             if len(values) > len(newest) else "按报告发布日期，最新的在前。")
    # Above MAX_DOTS values the chart draws each year's range and median, not a dot a report.
    reading = "每个点是一份报告" if len(points) <= MAX_DOTS else "每年一条竖线从最小值到最大值，圆点为中位数"
    svg = chart(points, unit, f"{name}，按年度，{reading}")
    return (front(f"指标：{name}") + breadcrumb("indicators", [(name, None)]) + f"\n# {md_text(name)}\n\n{md_text(means)}（单位：{md_text(unit)}；{len(values)} 份报告）\n\n"
            + (f'<figure class="gk-figure">\n{svg}\n<figcaption>{md_text(name)}，横轴为报告年度，{reading}。</figcaption>\n</figure>\n\n' if svg else "")
            + f"## 数值\n\n{shown}\n\n" + block(html_table(["地区", "年度", "数值", "报告（链接到原句）"], rows)))
