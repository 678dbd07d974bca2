"""The editors' page: what the cleaner changed or could not settle, report by report.

A count per kind comes first, then each report with a warning, linked, and under it one
line per warning: what it means (data/warnings.yml, in Chinese) and its detail.
"""
from __future__ import annotations

from collections import Counter

from ...warning_codes import describe, sections
from ..model import Corpus
from ..safe_markdown import front, link, md_text, table


def render_editors(corpus: Corpus) -> str:
    flagged = [r for r in sorted(corpus.reports, key=lambda r: r.id) if r.front.get("warnings")]
    counts: Counter[str] = Counter(describe(w["code"]).section for r in flagged for w in r.front["warnings"])
    parts = [front("编辑报告"), "# 编辑报告\n",
             "清理程序拿不准或动过的地方都列在这里：先按类别计数，再逐份报告列出，每一条说明一行，"
             "并链接到对应的报告页。请对照原网页核对。\n"]
    if not flagged:
        parts.append("目前没有需要核对的报告。\n")
        return "\n".join(parts)
    order = sections() + sorted(set(counts) - set(sections()))
    parts.append(table(["类别", "条数"], [[md_text(s), str(counts[s])] for s in order if counts[s]]) + "\n")
    parts.append(f"## 需要核对的报告（{len(flagged)} 份）\n")
    for report in flagged:
        lines = []
        for warning in report.front["warnings"]:
            code = describe(warning["code"])
            detail = " ".join(str(warning.get("detail") or "").split())
            lines.append(f"- **{md_text(code.section)}**：{md_text(code.explanation)}"
                         + (f"（{md_text(detail)}）" if detail else "")
                         + f' <code class="gk-code">{md_text(warning["code"])}</code>')
        parts.append(f"### {link(report.title, f'reports/{report.id}.md')}\n\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)
