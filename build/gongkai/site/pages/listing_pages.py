"""Taxonomy pages: one per term (region, issuer, year, type, law, topic) and one index per taxonomy."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Corpus, SiteReport, slug
from ..safe_html import a, block, entry, td
from ..safe_html import table as html_table
from ..safe_markdown import front, link, md_text, table
from ..taxonomy import TAXONOMIES, Taxonomy, cooccurring_topics, parent_regions, region_term, region_terms, terms
from .breadcrumb import Crumb, breadcrumb, region_crumbs
from .paging import Skip, never, newest_first

# Listing pages are split so that no page grows with the corpus: at 10,000 reports an
# unsplit topic page would carry every report's excerpts in one multi-megabyte page.
TERM_PAGE_SIZE = 200
TOPIC_PAGE_SIZE = 100
_TOPICS = next(t for t in TAXONOMIES if t.key == "topics")


def term_breadcrumb(taxonomy: Taxonomy, term: str, reports: list[SiteReport], older: str | None, up: str) -> str:
    """主题 › 行政复议, or 地区 › 重庆市 › 綦江区 for a region (its divisions above it come from
    any of its reports' chains); an older page adds its name (its dates) after a link to the first."""
    chain = [term]
    if taxonomy.key == "regions" and reports:
        found = region_terms(reports[0])
        chain = found[: found.index(term) + 1] if term in found else chain
    crumbs: list[Crumb] = region_crumbs(chain, up) if taxonomy.key == "regions" else [(term, f"{up}{slug(term)}.md")]
    if older is None:
        crumbs[-1] = (crumbs[-1][0], None)
    else:
        crumbs.append((older, None))
    return breadcrumb(taxonomy.key, crumbs, up=f"{up}../")


def report_table(rows: list[list[str]]) -> str:
    """A table of reports (REPORT_HEADER columns) in a wrapper that a phone shows as one block per
    report (title, then date · region · type) instead of four squeezed columns."""
    return block(f'<div class="gk-reports">\n{html_table(REPORT_HEADER, rows)}\n</div>')


def report_rows(reports: list[SiteReport], prefix: str = "../reports/", index_page: bool = False) -> list[list[str]]:
    return [[a(r.title, f"{prefix}{r.id}.md", index_page), td(r.date or None), td(r.front.get("region")),
             td(r.front.get("doc_type"))] for r in reports]


REPORT_HEADER = ["标题", "发布日期", "地区", "类型"]


def _count_line(older: str | None, total: int, what: str) -> str:
    """Only the first page states the total, so that older pages do not change when a report is added."""
    return f"共 {total} 份{what}" if older is None else f"较早的报告：{older}"


def render_term(taxonomy: Taxonomy, term: str, reports: list[SiteReport], skip: Skip = never,
                children: Sequence[tuple[str, int]] = ()) -> dict[str, str]:
    """Page file → Markdown for one term, split into pages of TERM_PAGE_SIZE reports.
    ``children``: the terms below this one (a province's cities) with their report counts."""
    base = f"{taxonomy.key}/{slug(term)}.md"
    below = ("## 下级地区\n\n" + table([taxonomy.label, "报告数"], [[link(t, f"{slug(t)}.md"), str(n)] for t, n in children])
             + "\n## 报告\n\n") if children else ""

    def page(chunk: list[SiteReport], older: str | None, up: str, links: str) -> str:
        return (
            front(f"{taxonomy.label}：{term}" + (f"（{older}）" if older else ""))
            + term_breadcrumb(taxonomy, term, reports, older, up)
            + f"\n# {md_text(term)}\n\n{taxonomy.label} · {_count_line(older, len(reports), '报告')} · " + link(f"全部{taxonomy.label}", f"{up}index.md")
            + "\n\n" + (below if older is None else "")
            + report_table(report_rows(chunk, prefix=f"{up}../reports/")) + links)

    return newest_first(base, reports, TERM_PAGE_SIZE, skip, page, first_shown=(tuple(children), len(reports)))


def render_index(corpus: Corpus, taxonomy: Taxonomy) -> str:
    if taxonomy.key == "regions":
        return _region_tree(corpus, taxonomy)
    rows = [[a(term, f"{slug(term)}.md", index_page=True), td(len(reports))] for term, reports in terms(corpus, taxonomy)]
    intro = "按报告数从多到少排列，数目相同时按名称排列。"
    # An HTML table: a row a term (hundreds of issuers), which as Markdown cost the engine its inline patterns.
    return front(taxonomy.label) + f"# {taxonomy.label}\n\n{intro}\n\n" + block(html_table([taxonomy.label, "报告数"], rows))


def child_regions(corpus: Corpus, taxonomy: Taxonomy) -> dict[str, list[tuple[str, int]]]:
    """Region term → its direct sub-regions with their report counts, by name."""
    counts = {term: len(reports) for term, reports in terms(corpus, taxonomy)}
    children: dict[str, list[tuple[str, int]]] = {}
    for child, parent in parent_regions(corpus).items():
        children.setdefault(parent, []).append((child, counts.get(child, 0)))
    return {parent: sorted(kids) for parent, kids in children.items()}


def _region_tree(corpus: Corpus, taxonomy: Taxonomy) -> str:
    """Provinces, their cities and counties as a nested list, each with its report count."""
    counts = {term: len(reports) for term, reports in terms(corpus, taxonomy)}
    children = child_regions(corpus, taxonomy)
    parents = parent_regions(corpus)
    lines: list[str] = []

    def walk(term: str, depth: int) -> None:
        lines.append("    " * depth + f"- {link(term, f'{slug(term)}.md')}（{counts.get(term, 0)} 份）")
        for child, _ in children.get(term, ()):
            walk(child, depth + 1)

    for top in sorted(t for t in counts if t not in parents):
        walk(top, 0)
    intro = "按省、市、县（区）逐级排列，括号里是报告数；上级地区的报告数包含下级地区的报告。"
    return front(taxonomy.label) + f"# {taxonomy.label}\n\n{intro}\n\n" + ("\n".join(lines) or "（暂无）") + "\n"


def _counts_table(label: str, counts: Counter[str], target: str) -> str:
    rows = [[link(k, f"../{target}/{slug(k)}.md"), str(v)] for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return table([label, "报告数"], rows)


def render_topic(corpus: Corpus, name: str, reports: list[SiteReport], skip: Skip = never) -> dict[str, str]:
    """Page file → Markdown for one topic; counts on the first page, excerpts TOPIC_PAGE_SIZE reports a page."""
    topic = corpus.topic(name)
    topic_terms = topic.terms if topic else (name,)
    base = f"topics/{slug(name)}.md"
    # The first page also shows counts by year and region and the related topics.
    by_year = Counter(r.year for r in reports if r.year)
    by_region = Counter(term for term in map(region_term, reports) if term)
    related = cooccurring_topics(corpus, name)

    def page(chunk: list[SiteReport], older: str | None, up: str, links: str) -> str:
        parts = [front(f"主题：{name}" + (f"（{older}）" if older else ""))
                 + term_breadcrumb(_TOPICS, name, chunk, older, up), f"# {md_text(name)}\n",
                 (md_text(topic.description) if topic else "") + "\n",
                 _count_line(older, len(reports), "报告提到这一主题") + "。匹配的词：" + md_text("、".join(topic_terms)) + "。\n"]
        if older is None:
            parts += ["## 按年度\n\n" + _counts_table("年度", by_year, "years"),
                      "## 按地区\n\n" + _counts_table("地区", by_region, "regions")]
        parts.append("## 各报告的相关表述\n")
        parts += [_excerpts(report, name, f"{up}../reports/{report.id}.md") for report in chunk]
        parts.append(links)
        if older is None and related:
            parts.append("## 相关主题\n\n经常与本主题出现在同一报告中的主题：\n\n"
                         + "\n".join(f"- {link(t, f'{slug(t)}.md')}（{n} 份报告）" for t, n in related) + "\n")
        return "\n".join(p for p in parts if p)

    # The topic's own description and terms are on every page: a change to topics.yml re-renders them.
    return newest_first(base, reports, TOPIC_PAGE_SIZE, skip, page, shown=(topic,),
                        first_shown=(len(reports), sorted(by_year.items()), sorted(by_region.items()), related))


def _excerpts(report: SiteReport, topic: str, target: str) -> str:
    """A report's entry on a topic page: its title, linked to the paragraph of the sentence quoted
    (where a reader of a topic page wants to land), where and when and how often the report names the
    topic, then that sentence. A bold link, not a heading: fifty report titles in the page's table of
    contents said nothing and were a quarter of the engine's work on topic pages. No ¶ link after the
    sentence: it repeated the title's target, 70 bytes on each of the ten or so topic pages a report
    is on. One HTML block per report: the engine passes it through instead of running its inline
    patterns over it."""
    quoted, total = report.digest.excerpts(topic)
    anchor = quoted[0][1] if quoted else ""
    meta = [str(x) for x in (report.front.get("region"), report.date) if x]
    if total > len(quoted):
        meta.append(f"共 {total} 处")
    said = "<br>\n".join(td(s) for s, _ in quoted) or "（见原文）"
    return entry(report.title, f"{target}#{anchor}" if anchor else target, " · ".join(meta), f"<p>{said}</p>")


def render_reports_index(corpus: Corpus, skip: Skip = never) -> dict[str, str]:
    base = "reports/index.md"

    def page(chunk: list[SiteReport], older: str | None, up: str, links: str) -> str:
        return (
            front("全部报告" + (f"（{older}）" if older else "")) + f"# 全部报告\n\n{_count_line(older, len(corpus.reports), '')}，按日期从新到旧排列。也可以按"
            + "、".join(link(t.label, f"{up}../{t.key}/index.md") for t in TAXONOMIES) + "浏览。\n\n"
            + report_table(report_rows(chunk, prefix=up, index_page=older is None)) + links)

    return newest_first(base, corpus.reports, TERM_PAGE_SIZE, skip, page, first_shown=(len(corpus.reports),))
