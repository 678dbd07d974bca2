"""The compare page (比较): two reports, or one region's series of years, side by side by mandated
part, by topic and by indicator value with the differences.

The site is static, so the page is one generated Markdown page whose own script
(docs/assets/js/compare.js) reads ``?a=ID&b=ID`` or ``?region=SLUG`` and fetches small JSON files
written here: one a report (compare/data/<id>.json.gz: its parts' size and opening, topic
mentions and indicator values, about 2 KB, 1 KB gzipped, unpacked by the page as the search
chunks are; the text of 20,000 pairs is never pre-rendered)
and one a region that has a series (compare/regions/<slug>.json: which reports of which organ
and year). Without the script the page still lists every region's series as links.
"""
from __future__ import annotations

import json
import re

from ...corpus.sections import sections
from ..model import Corpus, SiteReport, slug
from ..packing import gzipped
from ..related import KIND_ORDER, Related, RelatedIndex
from ..safe_html import a, block, ul
from ..safe_markdown import front, html_attr, percent_encoded, strip_markup
from .indicator_pages import values_of

DATA_DIR = "compare/data"
REGIONS_DIR = "compare/regions"
OPENING_CHARS = 150  # of each part, quoted side by side; the rest is one click away on the report


def data_rel(report_id: str) -> str:
    return f"{DATA_DIR}/{report_id}.json.gz"


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compare_record(report: SiteReport, region: str | None) -> dict:
    """What the compare page shows of one report. Parts are listed in the order of data/sections.yml
    as [name, anchor of its first paragraph, paragraphs, characters, opening]."""
    parts: dict[str, list] = {}
    for p in report.paragraphs:
        if not p.section or p.kind != "p":
            continue
        text = strip_markup(p.text)
        part = parts.setdefault(p.section, [p.section, p.anchor or "", 0, 0, ""])
        part[2] += 1
        part[3] += len(text)
        if len(part[4]) < OPENING_CHARS:
            part[4] = (part[4] + text)[:OPENING_CHARS + 1]
    for part in parts.values():
        if len(part[4]) > OPENING_CHARS:
            part[4] = part[4][:OPENING_CHARS] + "……"
    order = [s.name for s in sections()]
    mentions = sorted(report.digest.mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    values = [[i["name"], i.get("value"), str(i.get("unit", "")), i.get("anchor") or ""] for i in values_of(report)]
    return {"id": report.id, "title": report.title, "region": region or "", "year": report.year or "",
            "date": report.date, "issuer": str(report.front.get("issuer") or ""),
            "type": str(report.front.get("doc_type") or ""),
            "sections": [parts[name] for name in order if name in parts],
            "topics": [[t, n] for t, n in mentions], "indicators": values}


def compare_json(report: SiteReport, corpus: Corpus) -> bytes:
    """The report's compare data as written: gzipped JSON (2.2 KB a report as JSON, 1.1 KB gzipped;
    a national corpus makes 100,000 of them)."""
    return gzipped(_json(compare_record(report, RelatedIndex.of(corpus).region(report))))


def region_series(corpus: Corpus) -> dict[str, list[dict]]:
    """Region term → its series: the reports of one organ and kind over two or more years (the
    index's by_organ, which the report page's 本地区历年对照 link also reads), the government's
    own first, then the longest."""
    out: dict[str, list[dict]] = {}
    for (term, kind, issuer), members in RelatedIndex.of(corpus).by_organ.items():
        if len({e.year for e in members}) < 2:
            continue
        out.setdefault(term, []).append({"type": kind, "issuer": str(issuer or ""), "kind": members[0].kind or "",
                                         "reports": [[str(e.year), e.report.id] for e in members]})
    for series in out.values():
        series.sort(key=lambda s: (KIND_ORDER.get(s["kind"], 3), -len(s["reports"]), s["issuer"], s["type"]))
    return out


def region_files(corpus: Corpus) -> dict[str, bytes]:
    """compare/regions/<slug>.json for every region with a series."""
    return {f"{REGIONS_DIR}/{slug(term)}.json": _json({"region": term, "series": series})
            for term, series in sorted(_series(corpus).items())}


def _year(report: SiteReport) -> int:
    return int(report.year) if report.year and report.year.isdigit() else 0


# In a query value, what is not a letter, digit or one of "._~-" is percent-encoded; letters and
# digits of any script stay as written (browsers and URLSearchParams read UTF-8 addresses), so a
# region and an issuer in Chinese are a third of the bytes they are escaped.
_QUERY_ESCAPED = re.compile(r"[^\w.~-]")


def _query(**params: str) -> str:
    return "&".join(f"{key}={percent_encoded(_QUERY_ESCAPED, value)}" for key, value in params.items())


def compare_links(report: SiteReport, found: Related, corpus: Corpus, up: str = "../") -> str:
    """The report page's way into the compare page: with the same region's previous year, with a
    neighbouring region's same year, and the region's whole series."""
    items = []
    target = f"{up}compare/index.md?"
    if found.previous:
        other = found.previous
        gap = _year(report) - _year(other)
        pair = _query(a=other.id, b=report.id) if gap > 0 else _query(a=report.id, b=other.id)  # earlier on the left
        label = f"与上一年度（{other.year}年）对照" if gap == 1 else f"与本地区{other.year}年度对照"
        items.append(a(label, target + pair))
    if found.neighbour:
        near = found.neighbour
        place = RelatedIndex.of(corpus).region(near) or near.title
        items.append(a(f"与邻近地区同年度对照：{place}", target + _query(a=report.id, b=near.id)))
    term = RelatedIndex.of(corpus).region(report)
    if term and found.series_years:  # the same series compare/regions/<slug>.json lists (region_series)
        first, last = found.series_years[0], found.series_years[-1]
        query = _query(region=slug(term), issuer=str(report.front.get("issuer") or ""),
                       type=str(report.front.get("doc_type") or ""))
        items.append(a(f"本地区历年对照（{first}—{last}年）", target + query))
    if not items:
        return ""
    return "### 对照比较\n\n" + block(ul(items))


def _series(corpus: Corpus) -> dict[str, list[dict]]:
    """region_series once per build: every report page asks for its region's."""
    found = corpus.memo.get("region_series")
    if found is None:
        found = corpus.memo["region_series"] = region_series(corpus)
    return found


def render_compare_index(corpus: Corpus) -> str:
    """compare/index.md: the page the script fills, and for every region with a series, a link to it."""
    series = _series(corpus)
    names = "|".join(s.name for s in sections())
    lines = [front("比较"), "# 比较\n",
             f'<div id="gk-compare" class="gk-compare" data-sections="{html_attr(names)}"></div>\n',
             "<noscript>比较页需要启用 JavaScript。</noscript>\n",
             "## 按地区比较历年报告\n",
             "并排对照同一机关各年度的报告：每个部分写了多少、开头怎么写，各主题提到几次，数字增减多少。"
             "两份报告的对照从报告页底部的“对照比较”进入。\n"]
    items = []
    for term, groups in sorted(series.items()):
        for s in groups:
            years = [y for y, _ in s["reports"]]
            query = _query(region=slug(term), issuer=s["issuer"], type=s["type"])
            label = f"{term}：{s['issuer'] or '机关不详'}（{s['type'] or '类型不详'}，{years[0]}—{years[-1]}，{len(years)} 份）"
            items.append(a(label, "index.md?" + query, index_page=True))
    # One HTML block: as Markdown, this list of every series was the slowest page for the engine.
    lines.append(block(ul(items)) if items else "语料库中还没有同一地区两个以上年度的报告。\n")
    return "\n".join(lines)
