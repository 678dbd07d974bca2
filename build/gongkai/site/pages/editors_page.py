"""The editors' report: every warning in the corpus, grouped, each linked to its report."""
from __future__ import annotations

from ..safe_markdown import cell, front, link, table
from ..model import Corpus

SECTIONS = (
    ("疑似篡改文字已删除", ("spam_removed",), "清理程序删除了这些博彩或推广文字，并在原处标出〔此处原文疑被篡改〕。请对照原始网页确认。"),
    ("日期已修复", ("date_repaired",), "日期缺少分隔符，但只有一种合法读法，已按该读法修复。"),
    ("无法识别的日期", ("date_unparseable",), "日期缺字，有多种读法或没有合法读法，按原样保留。"),
    ("缺少标题、日期或发文机关", ("title_missing", "date_missing", "issuer_missing"), "原网页没有这些信息，或清理程序未能识别。"),
    ("索引号重复", ("duplicate_index_no",), "两份原始网页的索引号相同，可能是同一文件的重复抓取。"),
)


def render_editors(corpus: Corpus) -> str:
    parts = [front("编辑报告"), "# 编辑报告\n",
             "清理程序拿不准或动过的地方都列在这里，按类别分组，每一条都链接到对应的报告页。\n"]
    known = {code for _, codes, _ in SECTIONS for code in codes}
    sections = list(SECTIONS)
    other = sorted({w["code"] for r in corpus.reports for w in r.front.get("warnings") or []} - known)
    if other:
        sections.append(("其他提示", tuple(other), "其他类型的提示。"))
    for heading, codes, explanation in sections:
        rows = []
        for report in sorted(corpus.reports, key=lambda r: r.id):
            for warning in report.front.get("warnings") or []:
                if warning["code"] in codes:
                    rows.append([link(report.title, f"reports/{report.id}.md"), f"`{warning['code']}`", cell(warning.get("detail"))])
        parts.append(f"## {heading}（{len(rows)}）\n\n{explanation}\n\n" + table(["报告", "代码", "说明"], rows))
    return "\n".join(parts)
