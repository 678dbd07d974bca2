"""Taxonomies (Hugo style): taxonomy → term → reports. Terms sort by count, then name."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .model import Corpus, SiteReport


@dataclass(frozen=True)
class Taxonomy:
    key: str        # folder name in the site
    label: str      # Chinese name shown to readers
    values: Callable[[SiteReport], list[str]]
    # A filter of the search page: the index records each report's terms under ``key`` and
    # search.js builds a <select> labelled ``label`` from the manifest. Off for taxonomies
    # with a term per issuer or per law: hundreds of options are not a filter.
    search_filter: bool = False


def _one(field: str) -> Callable[[SiteReport], list[str]]:
    return lambda r: [str(r.front[field])] if r.front.get(field) else []


def region_terms(report: SiteReport) -> list[str]:
    """A report's region and every division above it, by full name (浙江省, 浙江省宁波市,
    浙江省宁波市江北区): a province's page then lists its cities' and counties' reports too."""
    return list(report.region_chain)


def region_term(report: SiteReport) -> str | None:
    """The term of the report's own region page (the deepest of ``region_terms``)."""
    found = region_terms(report)
    return found[-1] if found else None


def parent_regions(corpus: Corpus) -> dict[str, str]:
    """Region term → the term of the division above it, for every region the corpus names."""
    cached = corpus.memo.get("parent_regions")
    if cached is None:
        cached = {}
        for report in corpus.reports:
            chain = region_terms(report)
            cached.update(zip(chain[1:], chain, strict=False))  # each division → the one above it
        corpus.memo["parent_regions"] = cached
    return cached


TAXONOMIES = (
    Taxonomy("topics", "主题", lambda r: list(r.front.get("topics") or []), search_filter=True),
    Taxonomy("regions", "地区", region_terms, search_filter=True),
    Taxonomy("issuers", "发文机关", _one("issuer")),
    Taxonomy("years", "年度", lambda r: [r.year] if r.year else [], search_filter=True),
    Taxonomy("types", "文档类型", _one("doc_type"), search_filter=True),
    Taxonomy("laws", "法律法规", lambda r: list(r.front.get("laws") or [])),
)

SEARCH_FILTERS = tuple(t for t in TAXONOMIES if t.search_filter)


def terms(corpus: Corpus, taxonomy: Taxonomy) -> list[tuple[str, list[SiteReport]]]:
    """(term, reports) sorted by report count descending, then term; reports newest first."""
    cached = corpus.memo.get(("terms", taxonomy.key))
    if cached is not None:
        return cached
    grouped: dict[str, list[SiteReport]] = {}
    for report in corpus.reports:
        for value in taxonomy.values(report):
            grouped.setdefault(value, []).append(report)
    result = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    corpus.memo[("terms", taxonomy.key)] = result
    return result


def cooccurring_topics(corpus: Corpus, topic: str, limit: int = 6) -> list[tuple[str, int]]:
    """The topics most often found in the same reports as ``topic``, with their report counts."""
    together = corpus.memo.get("cooccurring")
    if together is None:  # one pass for every topic: each topic page asks
        together = {}
        for report in corpus.reports:
            topics = report.front.get("topics") or []
            for t in topics:
                together.setdefault(t, Counter()).update(topics)
        corpus.memo["cooccurring"] = together
    counts = together.get(topic, Counter())
    return sorted(((t, n) for t, n in counts.items() if t != topic), key=lambda kv: (-kv[1], kv[0]))[:limit]
