"""Coverage: for each region and year, when its government published its report, and whether
that was on time (deadline and on_time come from the corpus stage, timeliness.py)."""
from __future__ import annotations

from collections import Counter

from ..model import Corpus, SiteReport, slug
from ..safe_markdown import front, link, md_text, table
from ..taxonomy import region_terms
from .breadcrumb import breadcrumb

KINDS = (("法治政府建设年度报告", "法治政府建设年度报告"), ("政府信息公开工作年度报告", "政府信息公开工作年度报告"))
# A government's own report, whether the government or its office issues it.
GOVERNMENT = ("人民政府", "政府办公室")
_MARK = {True: ("按时", "gk-on-time"), False: ("逾期", "gk-late"), None: ("时间不详", "gk-unknown")}


def _government_reports(corpus: Corpus, doc_type: str) -> list[SiteReport]:
    return [r for r in corpus.reports if r.front.get("doc_type") == doc_type and r.front.get("issuer_kind") in GOVERNMENT
            and r.year and region_terms(r)]


def _cell(report: SiteReport | None, up: str) -> str:
    if report is None:
        return "未见报告"
    word, css = _MARK[report.front.get("on_time")]
    date = report.date or "日期不详"
    return link(f"{date} {word}", f"{up}../reports/{report.id}.md") + f"{{ .{css} }}"


def render_coverage(corpus: Corpus) -> dict[str, str]:
    pages: dict[str, str] = {}
    summary_rows = []
    for doc_type, label in KINDS:
        reports = _government_reports(corpus, doc_type)
        by_province: dict[str, list[SiteReport]] = {}
        for report in reports:
            by_province.setdefault(region_terms(report)[0], []).append(report)
        for province, own in sorted(by_province.items()):
            rel = f"coverage/{slug(doc_type)}/{slug(province)}.md"
            pages[rel] = _province_page(label, province, own)
            verdicts = Counter(r.front.get("on_time") for r in own)
            summary_rows.append([md_text(label), link(province, rel[len("coverage/"):]), str(len(own)),
                                 str(verdicts[True]), str(verdicts[False]), str(verdicts[None])])
    intro = ("各地政府是否按规定时限公开了年度报告。法治政府建设年度报告应在次年4月1日之前公开"
             "（《法治政府建设与责任落实督察工作规定》第二十四条）；政府信息公开工作年度报告，政府应在次年3月31日前、"
             "部门应在1月31日前公布（《政府信息公开条例》第四十九条）。只统计以人民政府或政府办公室名义发布的报告。\n")
    pages["coverage/index.md"] = (front("按时公开情况") + "# 按时公开情况\n\n" + intro + "\n"
                                  + table(["报告类型", "省份", "报告数", "按时", "逾期", "时间不详"], summary_rows))
    return pages


def _province_page(label: str, province: str, reports: list[SiteReport]) -> str:
    years = sorted({r.year for r in reports if r.year})
    cells: dict[tuple[str, str], SiteReport] = {}
    for report in sorted(reports, key=lambda r: r.date or "9999"):
        cells.setdefault((region_terms(report)[-1], str(report.year)), report)  # the first published
    regions = sorted({region for region, _ in cells})
    rows = [[link(region, f"../../regions/{slug(region)}.md"), *[_cell(cells.get((region, y)), "../") for y in years]]
            for region in regions]
    return (front(f"按时公开情况：{province} · {label}") + breadcrumb("coverage", [(label, None), (province, None)], up="../../")
            + f"\n# {md_text(province)}：{md_text(label)}\n\n"
            + "每格是报告的发布日期；“按时”“逾期”按发布日期和规定时限判断，“未见报告”表示本站尚未收录。"
            + link("全部省份", "../index.md") + "\n\n" + table(["地区", *[f"{y}年度" for y in years]], rows))
