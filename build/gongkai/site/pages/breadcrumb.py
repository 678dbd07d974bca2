"""The breadcrumb at the top of a detail page: where the page sits (地区 › 重庆市 › 綦江区 › 2021年度 › 报告).

Reports and term pages are not in the site's nav, so the theme neither shows their place nor
highlights their section in the navigation. The trail is an HTML list inside a labelled <nav>; its
``data-gk-section`` names the section (a taxonomy folder) whose entry docs/assets/js/nav.js marks.
"""
from __future__ import annotations

from ..model import SiteReport, slug
from ..safe_html import a, block, esc
from ..taxonomy import TAXONOMIES, region_terms

LABELS = {t.key: t.label for t in TAXONOMIES} | {"reports": "全部报告", "indicators": "指标", "sections": "报告各部分",
                                                 "coverage": "按时公开"}

Crumb = tuple[str, "str | None"]  # (text, link target relative to the page); None for the page itself


def breadcrumb(section: str, crumbs: list[Crumb], up: str = "../") -> str:
    """A trail opening with the section's index page (``up`` leads from the page to the site root).
    The last crumb is the page itself, named but not linked; an earlier crumb without a target
    is a level with no page of its own (a section's kind of report)."""
    items = [a(LABELS[section], f"{up}{section}/index.md")]
    for i, (text, target) in enumerate(crumbs):
        if target:
            items.append(a(text, target))
        else:
            items.append(f'<span aria-current="page">{esc(text)}</span>' if i == len(crumbs) - 1 else esc(text))
    lines = "\n".join(f"<li>{item}</li>" for item in items)
    return block(f'<nav class="gk-crumbs" aria-label="当前位置" data-gk-section="{esc(section)}">\n<ol>\n'
                 f"{lines}\n</ol>\n</nav>") + "\n"


def short_names(chain: list[str]) -> list[str]:
    """Full region names cut to their own part (重庆市, 重庆市綦江区 → 重庆市, 綦江区): each crumb
    already stands under its parent, so repeating the parent only makes the trail wrap on a phone."""
    out, parent = [], ""
    for name in chain:
        out.append(name[len(parent):] if parent and name.startswith(parent) and len(name) > len(parent) else name)
        parent = name
    return out


def region_crumbs(chain: list[str], prefix: str) -> list[Crumb]:
    """One linked crumb per division of ``chain`` (full names), ``prefix`` leading to the regions folder."""
    return [(short, f"{prefix}{slug(full)}.md") for short, full in zip(short_names(chain), chain, strict=True)]


def report_breadcrumb(report: SiteReport) -> str:
    """地区 › province › city › county › year › 报告: the report under its place and year. Without a
    known region the trail starts from 全部报告, so that the highlighted section is still right."""
    chain = region_terms(report)
    year: list[Crumb] = [(f"{report.year}年度", f"../years/{slug(report.year)}.md")] if report.year else []
    page: list[Crumb] = [("报告", None)]
    if chain:
        return breadcrumb("regions", region_crumbs(chain, "../regions/") + year + page)
    return breadcrumb("reports", year + page)
